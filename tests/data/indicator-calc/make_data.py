#!/usr/bin/env python3
"""Writes the deterministic sample long CSV of the indicator-calc tests
(tests/golden/indicator-calc/data/): needs, citizen, training, meeting.
Usage: make_data.py OUTDIR"""
import random
import sys

out = sys.argv[1]
rnd = random.Random(20241128)
HDR = "source,wave,respondent,item,value\n"


def needs(f):
    f.write(HDR)
    for wi, wave in enumerate(["2019", "2022", "2025"]):
        for i in range(240):
            r = "N%s-%04d" % (wave, i + 1)
            area = rnd.choice("1112223333")
            rows = [("area", area), ("age_band", rnd.choice("1112223")),
                    ("sex", rnd.choice("12"))]
            p_kk = 0.70 + 0.04 * wi
            kk = "" if rnd.random() < 0.04 else ("1" if rnd.random() < p_kk else "2")
            rows.append(("kakaritsuke", kk))
            p_unk = 0.30 - 0.05 * wi - (0.05 if area == "3" else 0)
            u = rnd.random()
            if u < 0.03:
                pod = ""
            elif u < 0.03 + p_unk:
                pod = "6"
            else:
                pod = rnd.choice("1111222345")
            rows.append(("place_of_death", pod))
            if wave == "2025":
                t = "" if rnd.random() < 0.05 else ("1" if rnd.random() < 0.45 else "2")
                rows.append(("emergency_talk", t))
                rows.append(("emergency_call", "1" if rnd.random() < 0.8 else "2"))
            rows.append(("weight", "%.3f" % (rnd.uniform(0.6, 1.8))))
            for item, v in rows:
                f.write("needs,%s,%s,%s,%s\n" % (wave, r, item, v))


def citizen(f):
    f.write(HDR)
    for wi, wave in enumerate(["2019", "2022", "2025"]):
        for i in range(200):
            r = "C%s-%04d" % (wave, i + 1)
            age = rnd.choice("1223333")
            p = 0.45 + 0.05 * wi + 0.1 * (age == "3")
            kk = "" if rnd.random() < 0.05 else ("1" if rnd.random() < p else "2")
            rows = [("area", rnd.choice("123")), ("age_band", age),
                    ("sex", rnd.choice("12")), ("kakaritsuke", kk),
                    ("weight", "%.2f" % rnd.uniform(0.5, 2.5))]
            for item, v in rows:
                f.write("citizen,%s,%s,%s,%s\n" % (wave, r, item, v))


def training(f):
    f.write(HDR)
    n = 0
    for fy, sessions in (("2023", 2), ("2024", 3)):
        for s in range(sessions):
            date = "%s-%02d-15" % (fy, 6 + 3 * s)
            for i in range(22):
                n += 1
                r = "T%s-%d-%02d" % (fy, s + 1, i + 1)
                u = rnd.choice("11222234") if fy == "2024" else rnd.choice("1222334")
                if rnd.random() < 0.03:
                    u = ""
                for item, v in (("date", date), ("session", "S%s-%d" % (fy, s + 1)),
                                ("role", rnd.choice("123")), ("understanding", u)):
                    f.write("training,%s,%s,%s,%s\n" % (fy, r, item, v))


def meeting(f):
    f.write(HDR)
    n = 0
    for fy in ("2022", "2023", "2024"):
        y = int(fy)
        for k, times in (("1", 4), ("2", 2 + (y - 2022)), ("3", 1 + (y > 2022)),
                         ("4", 2 + (y - 2022)), ("5", 1)):
            for t in range(times):
                n += 1
                month = 4 + (t * 3 + int(k)) % 12
                yy = y if month <= 12 else y + 1
                month = month if month <= 12 else month - 12
                date = "%d-%02d-%02d" % (yy + (1 if month < 4 else 0), month, 10 + int(k))
                part = str(rnd.randint(8, 60))
                for item, v in (("date", date), ("kind", k), ("participants", part)):
                    f.write("meeting,%s,M%03d,%s,%s\n" % (fy, n, item, v))


for name, fn in (("needs", needs), ("citizen", citizen), ("training", training),
                 ("meeting", meeting)):
    with open("%s/%s.csv" % (out, name), "w", newline="") as f:
        fn(f)
