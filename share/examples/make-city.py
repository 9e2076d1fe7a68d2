#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Generates the sample municipality of share/examples/city/: a made-up city
# the size of 調布市 (about 240,000 people, three 圏域, ten 地域包括支援センター)
# whose raw exports are laid out exactly as the bundled instruments
# (share/instruments/*/codebook.yaml) expect them: CP932 for the paper
# surveys, UTF-8 with a BOM for the web forms, CRLF.  Every figure is made
# up; nothing is real personal data.  The ACP files are the long-CSV sample
# of share/acp (same sessions, same answers) written back into the raw
# layouts, so their tallies reproduce the council slides exactly.
# Deterministic: each file has its own fixed seed, and running the script
# again writes the same bytes.  Python 3 standard library only.
import csv
import datetime
import io
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'city')
ACP = os.path.join(HERE, '..', 'acp')
FW = str.maketrans('0123456789-', '０１２３４５６７８９－')

AREAS = {1: '北部', 2: '中部', 3: '南部'}


def acp_labels(section):
    """code -> label of a list in share/acp/acp.yaml ('centers', 'venues')."""
    out, cur = {}, None
    with open(os.path.join(ACP, 'acp.yaml'), encoding='utf-8') as f:
        for line in f:
            if re.match(r'[a-z_]+:', line):
                cur = line.split(':')[0]
            m = re.match(r'\s+- \{code: (\w+), label: ([^}]+)\}', line)
            if m and cur == section:
                out[m.group(1)] = m.group(2).strip()
    return out


def fw(s):
    return str(s).translate(FW)


def write(name, header, rows, enc):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\r\n')
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue()
    if enc == 'cp932':
        b = data.encode('cp932')
    else:
        b = b'\xef\xbb\xbf' + data.encode('utf-8')
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(b)


def quota(rng, n, dist):
    """n values drawn in exact proportions (largest remainder), shuffled."""
    keys = list(dist)
    tot = sum(dist.values())
    raw = [n * dist[k] / tot for k in keys]
    cnt = [int(x) for x in raw]
    order = sorted(range(len(keys)), key=lambda i: (cnt[i] - raw[i], i))
    for i in order[:n - sum(cnt)]:
        cnt[i] += 1
    out = [k for k, c in zip(keys, cnt) for _ in range(c)]
    rng.shuffle(out)
    return out


def pick(rng, dist):
    keys = list(dist)
    return rng.choices(keys, [dist[k] for k in keys])[0]


def era(d, style):
    """A date as people write it: 和暦, R-dotted, slashes or ISO."""
    r = d.year - 2018
    if style == 'kanji':
        return '令和%d年%d月%d日' % (r, d.month, d.day)
    if style == 'dot':
        return 'R%d.%d.%d' % (r, d.month, d.day)
    if style == 'slash':
        return '%d/%d/%d' % (d.year, d.month, d.day)
    return d.strftime('%Y/%m/%d')


# 1. 介護予防・日常生活圏域ニーズ調査 ---------------------------------------
# 調査対象 (65歳以上、要介護1-5の認定者を除く) by 圏域 x 年齢階級: the
# population the weights expand the sample to.
NEEDS_POP = {
    2019: {1: (6900, 5000, 1700), 2: (7700, 5700, 1900), 3: (6300, 4500, 1500)},
    2022: {1: (6500, 5500, 1900), 2: (7300, 6200, 2100), 3: (5900, 4900, 1700)},
    2025: {1: (6000, 6100, 2100), 2: (6800, 6900, 2300), 3: (5500, 5400, 1900)},
}
NEEDS_N = {2019: 3380, 2022: 3150, 2025: 2960}
RESPONSE = {1: 1.0, 2: 0.93, 3: 0.70}        # the oldest answer least
KAKARI = {2019: 0.785, 2022: 0.800, 2025: 0.815}    # いる, weighted
WAKARANAI = {2019: 0.28, 2022: 0.25, 2025: 0.21}    # わからない, weighted
NEEDS_HEAD = {
    2019: ['調査票番号', '圏域', '満年齢', '年齢区分', '性別', '家族構成',
           '心配事や愚痴を聞いてくれる人', 'かかりつけ医',
           '人生の最期を迎えたい場所', 'ウェイト'],
    2022: ['回答者ID', '居住圏域', '年齢（歳）', '年代', '性別',
           '問1-1家族構成', '問６（１）心配事や愚痴を聞いてくれる人',
           'かかりつけ医がいますか', '人生の最期をどこで迎えたいですか',
           '集計用ウェイト'],
    2025: ['回答者番号', '日常生活圏域', '年齢', '年齢階級', '性別',
           '問１（１）家族構成', '問６（１）心配事や愚痴を聞いてくれる人',
           'かかりつけ医の有無', '最期を迎えたい場所',
           '急変時の対応について家族等と話し合っている',
           '具合が急に悪くなったとき救急車を呼ぶかどうか判断できる',
           '集計用ウェイト'],
}
# Each wave's data-entry contractor joined multiple answers its own way.
NEEDS_SEP = {2019: ',', 2022: '・', 2025: ';'}


def base_for(target, pop, offset):
    """The base rate that, with per-band offsets, hits the weighted target."""
    tot = sum(sum(v) for v in pop.values())
    off = sum(pop[a][b - 1] * offset[b] for a in pop for b in (1, 2, 3))
    return target - off / tot


def needs_cell(rng, wave, area, band, n):
    kb = base_for(KAKARI[wave], NEEDS_POP[wave], {1: -0.05, 2: 0.03, 3: 0.07})
    wb = base_for(WAKARANAI[wave], NEEDS_POP[wave], {1: 0.03, 2: -0.01, 3: -0.05})
    kk = kb + {1: -0.05, 2: 0.03, 3: 0.07}[band]
    wk = wb + {1: 0.03, 2: -0.01, 3: -0.05}[band]
    rest = 1 - wk
    sex = quota(rng, n, {1: 0.47 - 0.06 * (band - 1), 2: 0.525 + 0.06 * (band - 1),
                         9: 0.005})
    fam = quota(rng, n, {1: 0.17 + 0.05 * band, 2: 0.42 - 0.06 * band,
                         3: 0.07 - 0.02 * band, 4: 0.12 + 0.03 * band,
                         5: 0.20, 9: 0.015})
    kak = quota(rng, n, {1: kk * 0.988, 2: (1 - kk) * 0.988, 9: 0.012})
    pod = quota(rng, n, {1: rest * 0.55 * 0.985, 2: rest * 0.28 * 0.985,
                         3: rest * 0.09 * 0.985, 4: rest * 0.05 * 0.985,
                         5: rest * 0.03 * 0.985, 6: wk * 0.985, 9: 0.015})
    talk = quota(rng, n, {1: 0.33 + 0.03 * band, 2: 0.64 - 0.03 * band, 9: 0.03})
    call = quota(rng, n, {1: 0.78 - 0.05 * band, 2: 0.19 + 0.05 * band, 9: 0.03})
    lo, hi = {1: (65, 74), 2: (75, 84), 3: (85, 99)}[band]
    ages = list(range(lo, hi + 1))
    agew = [1.0 - 0.03 * i if band < 3 else 0.82 ** i for i in range(len(ages))]
    out = []
    for i in range(n):
        age = rng.choices(ages, agew)[0]
        if rng.random() < 0.01:
            age = 999                           # 年齢 無記入
        out.append({'area': area, 'age': age, 'band': band, 'sex': sex[i],
                    'fam': fam[i], 'help': helpers(rng, fam[i]),
                    'kk': kak[i], 'pod': pod[i], 'talk': talk[i],
                    'call': call[i]})
    return out


def helpers(rng, fam):
    """問6(1): whom they can talk to; 8 (nobody) and 99 (無回答) alone."""
    r = rng.random()
    if r < 0.02:
        return [99]
    if r < 0.06 + (0.04 if fam == 1 else 0):
        return [8]
    w = {1: 45, 2: 18, 3: 30, 4: 22, 5: 8, 6: 35, 7: 3}
    if fam == 1:
        w[1] = w[2] = 0
    k = rng.choice([1, 1, 2, 2, 2, 3])
    got = set()
    while len(got) < k:
        got.add(pick(rng, w))
    return sorted(got)


def needs(wave):
    rng = random.Random('city-needs-%d' % wave)
    pop = NEEDS_POP[wave]
    prop = {(a, b): pop[a][b - 1] * RESPONSE[b] for a in pop for b in (1, 2, 3)}
    tot = sum(prop.values())
    people, weight = [], {}
    for (a, b), p in sorted(prop.items()):
        n = round(NEEDS_N[wave] * p / tot)
        weight[(a, b)] = '%.3f' % (pop[a][b - 1] / n)
        people += needs_cell(rng, wave, a, b, n)
    rng.shuffle(people)                         # in the order keyed
    sep = NEEDS_SEP[wave]
    rows = []
    for i, p in enumerate(people):
        row = [str(wave % 100 * 10000 + i + 1), str(p['area']), str(p['age']),
               str(p['band']), str(p['sex']), str(p['fam']),
               sep.join(map(str, p['help'])), str(p['kk']), str(p['pod'])]
        if wave == 2025:
            row += [str(p['talk']), str(p['call'])]
        row.append(weight[(p['area'], p['band'])])
        rows.append(row)
    # the way paper answers are keyed in: 全角, blanks for 無回答
    for i in range(7, len(rows), 157):
        rows[i][2] = fw(rows[i][2])
    for i in range(23, len(rows), 211):
        rows[i][8] = ''
    for i in range(41, len(rows), 389):
        rows[i][6] = ''
    needs_errors(wave, rows)
    return NEEDS_HEAD[wave], rows


def needs_errors(wave, rows):
    """A few deliberate errors, so the rejects path has something to show."""
    if wave == 2019:
        rows[211][2] = '58'                     # out-of-range (min 65)
        rows[1207][8] = '7'                     # bad-code: no choice 7
        del rows[2490][-1]                      # ragged: the weight lost
    elif wave == 2022:
        rows.insert(1502, list(rows[1501]))     # keyed twice: duplicate-id
        rows[640][5] = '6'                      # bad-code
        rows[2333][2] = '七十二'                # bad-number
    else:
        rows.insert(877, list(rows[876]))       # duplicate-id
        rows[1650][4] = '3'                     # bad-code
        rows[2240][2] = '120'                   # out-of-range (max 110)
        rows[2801][9] = 'はい・いいえ'           # bad-code: two circled


# 2. 市民意識調査 (web form) ------------------------------------------------
# 20歳以上の市民 by 年代 x 性別 (男性, 女性): the post-stratification target.
CIT_POP = {
    2019: {1: (31800, 30900), 2: (45200, 43600), 3: (21800, 27500)},
    2022: {1: (31500, 30600), 2: (45000, 43700), 3: (22200, 28100)},
    2025: {1: (31200, 30400), 2: (44600, 43600), 3: (22600, 28600)},
}
CIT_N = {2019: 1520, 2022: 1465, 2025: 1540}
CIT_RESP = {1: 0.55, 2: 0.95, 3: 1.45}
CIT_KAKARI = {2019: 0.62, 2022: 0.65, 2025: 0.69}
CIT_OFF = {1: -0.17, 2: -0.01, 3: 0.20}
CIT_HEAD = {
    2019: ['回答No.', '回答日時', '居住地域', '年齢区分', '性別',
           'かかりつけ医の有無', '集計用ウェイト'],
    2022: ['回答番号', '回答日時', '圏域', '年代', '性別', 'かかりつけ医',
           '重み'],
    2025: ['回答ID', '回答日時', 'お住まいの地域', '年代', '性別',
           'かかりつけ医がいますか', 'ウェイト'],
}
CIT_BAND = {1: '20-39歳', 2: '40-64歳', 3: '65歳以上'}
CIT_SEX = {1: '男性', 2: '女性', 9: '回答しない'}


def citizen(wave):
    rng = random.Random('city-citizen-%d' % wave)
    pop = CIT_POP[wave]
    ptot = sum(sum(v) for v in pop.values())
    prop = {b: sum(pop[b]) * CIT_RESP[b] for b in pop}
    tot = sum(prop.values())
    base = CIT_KAKARI[wave] - sum(sum(pop[b]) * CIT_OFF[b] for b in pop) / ptot
    people = []
    for b in (1, 2, 3):
        n = round(CIT_N[wave] * prop[b] / tot)
        fem = pop[b][1] / sum(pop[b]) + 0.04    # women answer more
        sex = quota(rng, n, {1: (1 - fem) * 0.985, 2: fem * 0.985, 9: 0.015})
        p = base + CIT_OFF[b]
        kk = quota(rng, n, {1: p * 0.995, 2: (1 - p) * 0.995, 0: 0.005})
        area = quota(rng, n, {1: 0.32, 2: 0.38, 3: 0.30})
        people += [(area[i], b, sex[i], kk[i]) for i in range(n)]
    # post-stratification weights, mean 1: (N_cell / N) / (n_cell / n)
    n = len(people)
    cnt, bcnt = {}, {}
    for _, b, s, _ in people:
        cnt[(b, s)] = cnt.get((b, s), 0) + 1
        bcnt[b] = bcnt.get(b, 0) + 1
    rng.shuffle(people)
    start = datetime.datetime(wave, 6, 1, 9, 0)
    stamps = sorted(rng.randrange(30 * 24 * 60) for _ in people)
    rows = []
    for i, (a, b, s, k) in enumerate(people):
        if s == 9:
            w = (sum(pop[b]) / ptot) / (bcnt[b] / n)
        else:
            w = (pop[b][s - 1] / ptot) / (cnt[(b, s)] / n)
        t = start + datetime.timedelta(minutes=stamps[i])
        rows.append(['R%d%04d' % (wave % 100, i + 1),
                     t.strftime('%Y/%m/%d %H:%M'), AREAS[a], CIT_BAND[b],
                     CIT_SEX[s], {1: 'いる', 2: 'いない', 0: ''}[k], '%.2f' % w])
    if wave == 2019:
        rows[388][2] = '東部'                   # old form option: bad-code
        rows[1017][3] = '18-19歳'               # bad-code
    elif wave == 2022:
        rows.insert(731, list(rows[730]))       # exported twice: duplicate-id
        rows[1200][6] = '-0.91'                 # out-of-range (min 0)
    else:
        rows.insert(1105, list(rows[1104]))     # duplicate-id
        rows[402][0] = ''                       # missing-id
        rows[960][5] = 'たぶんいる'             # bad-code
    return CIT_HEAD[wave], rows


# 3. ACP普及啓発プログラム: the long sample of share/acp, back to raw ------------
def read_long(name):
    recs = {}
    with open(os.path.join(ACP, name), newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            d = recs.setdefault(r['respondent'], {})
            if r['item'] == 'card':
                d.setdefault('card', []).append(r['value'])
            else:
                d[r['item']] = r['value']
    return recs


def acp():
    rng = random.Random('city-acp')
    ses = read_long('sessions.csv')
    pre, post, cards = (read_long(n) for n in ('pre.csv', 'post.csv',
                                                  'cards.csv'))
    center, venue = acp_labels('centers'), acp_labels('venues')
    notes = {'demae': ['', '自治会館にて', '老人クラブ定例会', 'マンション集会室',
                       '寺院の広間にて'],
             'other': ['', '民生委員協議会', '商店会', '家族会']}
    rows = []
    for sid in sorted(ses):
        s = ses[sid]
        d = datetime.date.fromisoformat(s['date'])
        note = rng.choice(notes.get(s['venue'], ['']))
        rows.append([sid, era(d, 'iso'), center[s['center']],
                     venue[s['venue']], s['participants'], note])
    # deliberate error in a row that does not count: the form sent twice
    dup = list(rows[30])
    dup[4], dup[5] = str(int(dup[4]) + 2), '再送信'
    rows.insert(31, dup)
    write('acp-session.csv', ['講座番号', '実施日', '実施機関', '実施目的',
                              '参加者数', '備考'], rows, 'utf8')
    # 年代・性別 of each participant: those of the card sheet, else made up
    people = {}
    for rid in sorted(set(pre) | set(post)):
        c = cards.get(rid)
        if c:
            people[rid] = (c['age_band'] or '9', c['sex'] or '9')
        else:
            people[rid] = (rng.choice('12233344'), rng.choice('11222'))
    rows = []
    for rid in sorted(pre):
        q = pre[rid]['q1'] or rng.choice(['', '9'])
        rows.append([rid, pre[rid]['session']] + list(people[rid]) + [q])
    rows.insert(150, list(rows[149]))           # keyed twice: duplicate-id
    write('acp-pre.csv', ['回答番号', '講座番号', '年代', '性別',
                          '問1 もしもの話を自分事として考えたことがある'],
          rows, 'cp932')
    rows = []
    others = ['家族と話してみたい', 'まだ実感がわかない', '難しいと感じた', '']
    for rid in sorted(post):
        q = post[rid]['q1']
        rows.append([rid, post[rid]['session']] + list(people[rid]) +
                    [q, rng.choice(others) if q == '3' else ''])
    dup = list(rows[401])
    dup[4] = '１'
    rows.insert(402, dup)                       # duplicate-id
    write('acp-post.csv', ['回答番号', '講座番号', '年代', '性別',
                           '問1 もしもの話を自分事として考えたか',
                           '問1 その他の内容'], rows, 'cp932')
    rows = []
    for rid in sorted(cards):
        c = cards[rid]
        picked = set(c.get('card', []))
        rows.append([rid, c['session'], c['age_band'] or '9', c['sex'] or '9'] +
                    ['1' if 'GW%02d' % k in picked else ''
                     for k in range(1, 37)])
    dup = list(rows[250])
    dup[4 + 20] = '○'                          # bad-code, on a duplicate
    rows.insert(251, dup)
    write('acp-cards.csv', ['回答番号', '講座番号', '年代', '性別'] +
          ['カード%02d' % k for k in range(1, 37)], rows, 'cp932')


# 4. 研修理解度アンケート and 会議記録 ---------------------------------------
# (date, title, participants, sheets, understanding (よく, 理解, あまり, 不可))
TRAININGS = [
    (datetime.date(2023, 7, 13), '令和5年度第1回多職種研修（入退院支援）',
     62, 51, (30, 52, 15, 3)),
    (datetime.date(2023, 11, 16), '令和5年度第2回多職種研修（ACP）',
     48, 40, (32, 52, 13, 3)),
    (datetime.date(2024, 2, 8), '令和5年度第3回多職種研修（かかりつけ医の役割）',
     44, 37, (35, 50, 12, 3)),
    (datetime.date(2024, 7, 3), '令和6年度第1回多職種研修（入退院支援）',
     64, 55, (34, 52, 12, 2)),
    (datetime.date(2024, 10, 9), '令和6年度第2回多職種研修（ACP）',
     52, 46, (38, 50, 10, 2)),
    (datetime.date(2025, 2, 19), '令和6年度第3回多職種研修（急変時の対応）',
     71, 60, (33, 51, 13, 3)),
    (datetime.date(2025, 7, 10), '令和7年度第1回多職種研修（ACP）',
     58, 50, (40, 49, 9, 2)),
    (datetime.date(2025, 9, 4), '令和7年度第2回多職種研修（急変時の対応・介護職向け）',
     47, 42, (38, 50, 10, 2)),
    (datetime.date(2025, 10, 16), '令和7年度第3回多職種研修（急変時の対応）',
     66, 57, (42, 48, 8, 2)),
]
COMMENTS = {
    '入退院支援': ['入院時情報提供書の書き方がわかった',
                   '病院の連携室の窓口がわかってよかった',
                   'ケアマネタイムを活用したい'],
    'ACP': ['ACPの具体的な進め方がよくわかった',
            'もしバナゲームを利用者さんとやってみたい',
            '自分自身のことも考えるきっかけになった'],
    'かかりつけ医の役割': ['かかりつけ医との連絡の取り方が参考になった',
                           '訪問診療の導入の流れを知りたい'],
    '急変時の対応': ['いつもと違う状態に気づくポイントがわかった',
                     '救急要請の判断に迷う場面が多いので参考になった',
                     '救急キットを利用者に勧めたい'],
}
COMMON = ['', '', '', '', '', '特になし', 'なし', '時間が短く感じた',
          'グループワークで他職種の考えが聞けてよかった']
OTHER_ROLES = ['薬剤師', '理学療法士', '医療ソーシャルワーカー', '歯科衛生士',
               '作業療法士', '管理栄養士', '保健師']


def topic(title):
    for k in COMMENTS:
        if k in title:
            return k
    return 'ACP'


def training():
    rng = random.Random('city-training')
    rows, no = [], 0
    styles = ['kanji', 'slash', 'dot']
    for t, (d, title, _, sheets, und) in enumerate(TRAININGS):
        care = '介護職' in title
        roles = quota(rng, sheets,
                      {1: 1 if care else 6, 2: 8 if care else 22, 3: 20,
                       4: 60 if care else 28, 5: 10 if care else 15, 9: 1})
        us = quota(rng, sheets, {1: und[0], 2: und[1], 3: und[2], 4: und[3]})
        com = COMMENTS[topic(title)] + COMMON
        for j in range(sheets):
            no += 1
            r = roles[j]
            other = rng.choice(OTHER_ROLES) if r == 5 else ''
            u = str(us[j])
            if rng.random() < 0.015:
                u = '9'                         # 無回答
            rows.append([str(no), era(d, styles[t % 3]), title, str(r), other,
                         u, rng.choice(com)])
    rows[12][1] = fw('%d/%d/%d' % (2023, 7, 13))   # 全角で入力
    rows[70][3] = 'ケアマネジャー'               # a label, not a code
    # deliberate errors
    rows[95][1] = '令和5年11月31日'              # bad-date: no such day
    rows[180][3] = '2'                          # skip-violation: 看護師 with
    rows[180][4] = '保健師'                      # 職種（その他） filled in
    rows[300][5] = '5'                          # bad-code
    rows[333] = rows[333][:5]                   # ragged: two cells lost
    return ['No.', '研修日', '研修名', '職種', '職種（その他）', '理解度',
            'ご意見・ご感想'], rows


# (date, kind, title, participants); kind codes of meeting/codebook.yaml
MEETINGS = {
    2023: [((5, 24), 1, '令和5年度第1回在宅療養推進会議', 19),
           ((6, 14), 2, '24時間診療体制検討会（輪番制の立ち上げ）', 10),
           ((7, 13), 4, None, None),
           ((8, 23), 1, '令和5年度第2回在宅療養推進会議', 18),
           ((10, 11), 5, 'ICTによる医療介護連携協議会', 14),
           ((11, 16), 4, None, None),
           ((12, 13), 1, '令和5年度第3回在宅療養推進会議', 20),
           ((1, 17), 2, '24時間診療体制検討会（運用状況の確認）', 8),
           ((2, 8), 4, None, None),
           ((2, 28), 3, 'バックベッド体制検討会（第1回）', 12),
           ((3, 13), 1, '令和5年度第4回在宅療養推進会議', 18)],
    2024: [((5, 22), 1, '令和6年度第1回在宅療養推進会議', 18),
           ((6, 12), 2, '24時間診療体制検討会（輪番制の検討）', 9),
           ((7, 3), 4, None, None),
           ((7, 24), 3, 'バックベッド体制検討会（市内病院）', 11),
           ((8, 28), 1, '令和6年度第2回在宅療養推進会議', 17),
           ((9, 18), 5, 'MCS運用打合せ', 6),
           ((10, 9), 4, None, None),
           ((11, 13), 2, '24時間診療体制検討会', 8),
           ((11, 28), 5, '第3回高齢者福祉推進協議会（報告）', 21),
           ((12, 11), 1, '令和6年度第3回在宅療養推進会議', 19),
           ((1, 22), 3, 'バックベッド体制検討会', 10),
           ((2, 19), 4, None, None),
           ((3, 5), 2, '24時間診療体制検討会（夜間の連絡体制）', 9),
           ((3, 12), 1, '令和6年度第4回在宅療養推進会議', 18)],
    2025: [((5, 21), 1, '令和7年度第1回在宅療養推進会議', 20),
           ((6, 11), 2, '24時間診療体制検討会（輪番表の改定）', 9),
           ((7, 10), 4, None, None),
           ((7, 23), 3, 'バックベッド体制検討会', 12),
           ((8, 27), 1, '令和7年度第2回在宅療養推進会議', 18),
           ((8, 30), 5, 'かかりつけ医と市民の懇話会（北部圏域）', 34),
           ((9, 4), 4, None, None),
           ((9, 10), 2, '24時間診療体制検討会', 10),
           ((9, 17), 5, '入退院連携ガイドブック改訂打合せ', 7),
           ((9, 27), 5, 'かかりつけ医と市民の懇話会（中部圏域）', 41),
           ((10, 16), 4, None, None),
           ((10, 22), 3, 'バックベッド体制検討会（後方支援病床の運用）', 11),
           ((10, 25), 5, 'かかりつけ医と市民の懇話会（南部圏域）', 29),
           ((11, 12), 2, '24時間診療体制検討会', 10),
           ((11, 19), 3, 'バックベッド体制検討会', 12)],
}
KINDS = {1: '在宅療養推進会議', 2: '24時間診療体制検討会',
         3: 'バックベッド体制検討会', 4: '多職種研修会', 5: 'その他'}


def meeting():
    trained = {d: (title, n) for d, title, n, _, _ in TRAININGS}
    rows = []
    for fy in (2023, 2024, 2025):
        for (m, day), k, title, n in MEETINGS[fy]:
            d = datetime.date(fy if m >= 4 else fy + 1, m, day)
            if k == 4:
                title, n = trained[d]
            i = len(rows)
            style = ['kanji', 'slash', 'dot'][i % 3]
            rows.append([str(i + 1), era(d, style), KINDS[k], title, str(n)])
    rows[3][1] = fw(rows[3][1])                 # 全角で入力
    rows[4][2] = '5'                            # a code, not the label
    rows[20][4] = fw(rows[20][4])
    # deliberate errors, on その他 rows
    rows[16][1] = '令和6年9月31日'               # bad-date: no such day
    rows[33][4] = '約7'                         # bad-number
    return ['No.', '開催日', '会議種別', '会議名・議題', '参加者数'], rows


# 5. 在宅医療機能調査 and 訪問看護ステーション機能調査 -------------------------
# The facilities are those of the guidebook sample (share/guidebook: the
# same made-up city, 東京都緑川市): its clinics answered the 在宅医療機能調査
# with the same answer number, name, address and phones, and its stations
# (介護サービス情報公表 open data, service 130) answered the 訪問看護
# ステーション機能調査 under their 事業所番号 and name, with the answers of
# its station_survey.csv.  More clinics are added, in the same towns, to
# make the 40 or so that a city this size surveys.
GUIDE = os.path.join(HERE, '..', 'guidebook')


def guide_csv(name):
    path = os.path.join(GUIDE, name)
    if not os.path.exists(path):
        raise SystemExit('make-city.py: %s: missing (the guidebook sample '
                         'names the facilities)' % path)
    with open(path, newline='', encoding='utf-8-sig') as f:
        return list(csv.DictReader(f))


def guide_towns():
    """町名 of each 圏域, from the area map of guidebook.yaml, in order."""
    towns = []
    with open(os.path.join(GUIDE, 'guidebook.yaml'), encoding='utf-8') as f:
        for line in f:
            m = re.match(r'\s+(北部|中部|南部):\s*\[(.*)\]', line)
            if m:
                towns += [t.strip() for t in m.group(2).split(',')]
    return towns


# (名称, フリガナ) of the clinics the guidebook sample does not list
MORE_CLINICS = [
    ('北原駅前内科', 'キタハラエキマエナイカ'),
    ('桜ケ丘在宅クリニック', 'サクラガオカザイタククリニック'),
    ('緑町こころのクリニック', 'ミドリチョウココロノクリニック'),
    ('上川原ファミリー診療所', 'カミカワラファミリーシンリョウジョ'),
    ('本町駅前クリニック', 'ホンチョウエキマエクリニック'),
    ('栄町内科循環器科', 'サカエチョウナイカジュンカンキカ'),
    ('旭町整形外科', 'アサヒチョウセイケイゲカ'),
    ('中央通り内科', 'チュウオウドオリナイカ'),
    ('南台こども診療所', 'ミナミダイコドモシンリョウジョ'),
    ('川辺町内科医院', 'カワベチョウナイカイイン'),
    ('浜田在宅緩和ケアクリニック', 'ハマダザイタクカンワケアクリニック'),
    ('若葉町ホームケア診療所', 'ワカバチョウホームケアシンリョウジョ'),
    ('みどり川クリニック', 'ミドリカワクリニック'),
    ('北原耳鼻咽喉科', 'キタハラジビインコウカ'),
    ('桜ケ丘眼科', 'サクラガオカガンカ'),
    ('ひなた内科', 'ヒナタナイカ'),
    ('けやき通り診療所', 'ケヤキドオリシンリョウジョ'),
    ('栄町心療内科', 'サカエチョウシンリョウナイカ'),
    ('旭町訪問診療所', 'アサヒチョウホウモンシンリョウジョ'),
    ('南台内科胃腸科', 'ミナミダイナイカイチョウカ'),
    ('川辺こもれびクリニック', 'カワベコモレビクリニック'),
    ('浜田ファミリークリニック', 'ハマダファミリークリニック'),
]
YN = {1: '可', 2: '不可'}


def new_phone(rng, used):
    while True:
        p = '042-3%02d-%04d' % (rng.randrange(100), rng.randrange(10000))
        if p not in used:
            used.add(p)
            return p


def clinic_flags(rng, nm):
    """訪問診療, 往診, 24時間, 看取り, 小児, 精神, 緩和ケア (1 可, 2 不可)."""
    if pick(rng, {1: 55, 2: 45}) == 1 or '在宅' in nm or '訪問' in nm:
        f = [1, pick(rng, {1: 80, 2: 20}), pick(rng, {1: 55, 2: 45}),
             pick(rng, {1: 60, 2: 40}), 2, 2, pick(rng, {1: 50, 2: 50})]
    else:
        f = [2, pick(rng, {1: 30, 2: 70}), 2, 2, 2, 2, 2]
    if '緩和' in nm:
        f[1:4], f[6] = [1, 1, 1], 1
    return f


def clinics():
    rng = random.Random('city-clinics')
    listed = guide_csv('zaitaku_survey.csv')
    used = {r[k] for r in listed for k in ('電話番号', 'FAX番号')}
    used |= {r[k] for r in guide_csv('kaigo_130.csv')
             for k in ('電話番号', 'FAX番号')}
    towns = guide_towns()
    notes = ['', '', '', '', '要事前相談', '土曜午後は不可',
             '訪問は半径16km以内', '初診は外来受診を原則とする']
    codes = rng.sample(range(10000, 99999), len(listed) + len(MORE_CLINICS))
    rows = []
    for i, r in enumerate(listed):
        f = [1 if r[k] == '可' else 2 for k in
             ('訪問診療', '往診', '24時間対応', '看取り')]
        f += [1 if 'こども' in r['医療機関名'] else 2,
              1 if 'こころ' in r['医療機関名'] else 2,
              1 if r['在宅緩和ケア'] == '可' else 2]
        rows.append([r['回答番号'], '13%05d' % codes[i], r['医療機関名'],
                     r['フリガナ'], r['郵便番号'], r['所在地'], r['電話番号'],
                     r['FAX番号']] + [YN[x] for x in f] + [rng.choice(notes)])
    for j, (nm, kana) in enumerate(MORE_CLINICS):
        k = j % len(towns)
        f = clinic_flags(rng, nm)
        if 'こども' in nm:
            f[4] = 1
        if 'こころ' in nm or '心療' in nm:
            f[5] = 1
        rows.append([str(len(listed) + j + 1), '13%05d' % codes[len(rows)],
                     nm, kana, '199-%04d' % (2800 + 3 * k),
                     '東京都緑川市%s%d丁目%d番%d号' % (towns[k], rng.randint(1, 5),
                                                  rng.randint(1, 20),
                                                  rng.randint(1, 15)),
                     new_phone(rng, used), new_phone(rng, used)]
                    + [YN[x] for x in f] + [rng.choice(notes)])
    rows[2][6] = fw(rows[2][6])                 # 全角で入力
    rows[3][4] = rows[3][4].replace('-', '')
    rows[5][4] = '〒' + rows[5][4]
    rows[20][12] = ''
    rows[20][13] = ''
    # deliberate errors
    rows[24][6] = '042-30-1234'                 # bad-phone: 9 digits
    rows[33][4] = '199-280'                     # bad-postal
    rows.insert(31, list(rows[30]))             # answered twice: duplicate-id
    return ['回答ID', '医療機関コード', '医療機関名', 'フリガナ', '郵便番号',
            '所在地', '電話番号', 'FAX番号', '訪問診療', '往診', '24時間対応',
            '看取り対応', '小児の在宅医療', '精神疾患の在宅医療', '緩和ケア',
            '備考'], rows


def stations():
    rng = random.Random('city-stations')
    answers = {r['jigyosho_no']: r for r in guide_csv('station_survey.csv')}
    notes = ['', '', '', 'リハビリ職あり', '土日祝も訪問可', '医療的ケア児に対応',
             '訪問エリアは市内全域']
    rows = []
    for i, r in enumerate(guide_csv('kaigo_130.csv')):
        if i % 8 == 5:
            continue                            # did not send the survey back
        a = answers.get(r['事業所番号'])
        if a:
            f = [1 if a[k] == '1' else 2 for k in
                 ('h24', 'mitori', 'shoni', 'seishin', 'kanwa')]
        else:
            f = [pick(rng, {1: 80, 2: 20}) for _ in range(5)]
        staff = '%.1f' % (rng.randint(25, 120) / 10)
        note = rng.choice(notes)
        if note == '医療的ケア児に対応' and f[2] != 1:
            note = ''
        rows.append([str(len(rows) + 1), r['事業所番号'], r['事業所名']] +
                    [str(x) for x in f] + [staff, note])
    rows[4][8] = fw(rows[4][8])
    rows[8][6] = '9'                            # 無回答
    rows[11][8] = ''
    # deliberate errors
    rows[6][3] = '○'                           # bad-code
    rows[18][8] = '5.3人'                       # bad-number
    return ['No.', '事業所番号', '事業所名', '24時間対応', '看取り', '小児',
            '精神', '緩和ケア', '看護職員数（常勤換算）', '備考'], rows


def main():
    os.makedirs(OUT, exist_ok=True)
    for wave in (2019, 2022, 2025):
        write('needs-%d.csv' % wave, *needs(wave), 'cp932')
        write('citizen-%d.csv' % wave, *citizen(wave), 'utf8')
    acp()
    write('training.csv', *training(), 'cp932')
    write('meeting.csv', *meeting(), 'cp932')
    write('clinic-survey.csv', *clinics(), 'utf8')
    write('station-survey.csv', *stations(), 'cp932')


main()
