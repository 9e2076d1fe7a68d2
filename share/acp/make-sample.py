#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Generates the sample ACP programme in long CSV (sessions.csv, pre.csv,
# post.csv, cards.csv): 52 made-up sessions of 10 地域包括支援センター in
# 2023-2025 whose tables round (half-up, integer) to the council slides:
# venues 38/19/13/12/6/6/6, pre 54/30/14/2, post 95/2/3.  Deterministic:
# run it again and the files come out the same.
import csv
import datetime
import random

rng = random.Random(20241128)
VENUES = [("demae", 20), ("kenshu", 10), ("other", 7), ("kyoshitsu", 6),
          ("caremtg", 3), ("cafe", 3), ("salon", 3)]
SIZE = {"demae": (12, 22), "kenshu": (9, 14), "other": (8, 16),
        "kyoshitsu": (10, 18), "caremtg": (10, 16), "cafe": (8, 12),
        "salon": (9, 13)}
PRE = [("1", 331), ("2", 184), ("3", 86), ("", 12)]    # 613 answers
POST = [("1", 568), ("2", 12), ("3", 18)]              # 598 answers
FAVOURED = {"GW01": 9, "GW05": 8, "GW10": 7, "GW11": 7, "GW32": 6,
            "GW26": 6, "GW28": 5, "GW30": 5, "GW20": 4, "GW08": 4}
HEADER = ["source", "wave", "respondent", "item", "value"]


def fy(d):
    return d.year if d.month >= 4 else d.year - 1


def sessions():
    venues = [v for v, n in VENUES for _ in range(n)]
    rng.shuffle(venues)
    start = datetime.date(2023, 6, 1)
    span = (datetime.date(2025, 10, 31) - start).days
    days = sorted(rng.sample(range(span), len(venues)))
    out = []
    for i, (v, day) in enumerate(zip(venues, days)):
        d = start + datetime.timedelta(days=day)
        lo, hi = SIZE[v]
        out.append({"id": "A%03d" % (i + 1), "date": d, "venue": v,
                    "center": "C%02d" % (i % 10 + 1),
                    "participants": rng.randint(lo, hi)})
    return out


def spread(ss, total, key):
    """Questionnaires per session: at most its participants, summing to total."""
    n = [s["participants"] for s in ss]
    while sum(n) > total:
        i = rng.randrange(len(n))
        if n[i] > s_min(ss[i]):
            n[i] -= 1
    for s, k in zip(ss, n):
        s[key] = k


def s_min(s):
    return s["participants"] // 2


def answers(spec):
    a = [code for code, n in spec for _ in range(n)]
    rng.shuffle(a)
    return a


def write(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)


def main():
    ss = sessions()
    spread(ss, 613, "npre")
    spread(ss, 598, "npost")
    rows = []
    for s in ss:
        wave = str(fy(s["date"]))
        for item, value in (("date", s["date"].isoformat()),
                            ("center", s["center"]), ("venue", s["venue"]),
                            ("participants", str(s["participants"]))):
            rows.append(["acp-session", wave, s["id"], item, value])
    write("sessions.csv", rows)
    deck = ["GW%02d" % i for i in range(1, 37)]
    weights = [FAVOURED.get(c, 1) for c in deck]
    for name, spec, key in (("pre", PRE, "npre"), ("post", POST, "npost")):
        ans, rows = answers(spec), []
        for s in ss:
            for j in range(s[key]):
                resp = "%s-%02d" % (s["id"], j + 1)
                rows.append(["acp-" + name, str(fy(s["date"])), resp,
                             "session", s["id"]])
                rows.append(["acp-" + name, str(fy(s["date"])), resp, "q1",
                             ans.pop()])
        write(name + ".csv", rows)
    rows = []
    for s in ss:
        staff = s["venue"] == "kenshu"
        for j in range(s["npost"]):
            resp = "%s-%02d" % (s["id"], j + 1)
            wave = str(fy(s["date"]))
            age = rng.choice("1" if staff else "12233344")
            sex = rng.choice("1222" if staff else "11222" + " ")
            rows.append(["acp-cards", wave, resp, "session", s["id"]])
            rows.append(["acp-cards", wave, resp, "age_band", age])
            rows.append(["acp-cards", wave, resp, "sex", sex.strip()])
            picked, k = set(), rng.randint(3, 5)
            while len(picked) < k:
                picked.add(rng.choices(deck, weights)[0])
            for c in sorted(picked, key=deck.index):
                rows.append(["acp-cards", wave, resp, "card", c])
    write("cards.csv", rows)


main()
