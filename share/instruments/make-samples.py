#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Generates the made-up sample exports of the bundled instruments:
# share/instruments/*/sample.csv, the way Excel writes them (CP932 for the
# paper surveys, UTF-8 with a BOM for web forms, CRLF), each with a few
# full-width digits, 和暦 dates where there are dates, and one to three
# deliberate errors for the rejects path; and the UTF-8 twin of the needs
# sample for the golden tests.  Deterministic: run it again and the files
# come out the same (the golden tests pin survey-ingest's output of them).
import csv
import io
import os
import random

OUT = os.path.dirname(os.path.abspath(__file__))
TWIN = os.path.join(OUT, '..', '..', 'tests', 'golden', 'survey-ingest',
                    'data', 'instrument-needs-utf8bom.csv')
rng = random.Random(20251124)
FW = str.maketrans('0123456789', '０１２３４５６７８９')


def fw(s):
    return str(s).translate(FW)


def write(name, header, rows, enc):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\r\n')
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    data = buf.getvalue()
    path = '%s/%s/sample.csv' % (OUT, name)
    if enc == 'cp932':
        b = data.encode('cp932')
    else:
        b = b'\xef\xbb\xbf' + data.encode('utf-8')
    open(path, 'wb').write(b)
    return data


def pick(weights):
    codes = list(weights)
    return rng.choices(codes, [weights[c] for c in codes])[0]


# 1. needs ---------------------------------------------------------------
def needs():
    header = ['回答者番号', '日常生活圏域', '年齢', '年齢階級', '性別',
              '問１（１）家族構成', '問６（１）心配事や愚痴を聞いてくれる人',
              'かかりつけ医の有無', '最期を迎えたい場所',
              '急変時の対応について家族等と話し合っている',
              '具合が急に悪くなったとき救急車を呼ぶかどうか判断できる',
              '集計用ウェイト']
    wt = {1: '1.84', 2: '2.11', 3: '1.57'}
    rows = []
    for i in range(40):
        area = 1 + i % 3
        age = rng.choice([rng.randint(65, 74), rng.randint(65, 74),
                          rng.randint(75, 84), rng.randint(75, 84),
                          rng.randint(85, 96)])
        band = 1 if age < 75 else 2 if age < 85 else 3
        sex = pick({1: 45, 2: 55})
        fam = pick({1: 20, 2: 35, 3: 5, 4: 15, 5: 25})
        h = sorted(rng.sample(range(1, 8), rng.choice([1, 1, 2, 2, 3])))
        if fam == 1:
            h = [c for c in h if c not in (1, 2)] or [3]
        helpers = ';'.join(map(str, h))
        kk = pick({1: 85, 2: 15})
        pod = pick({1: 40, 2: 20, 3: 8, 4: 5, 5: 2, 6: 25})
        et = pick({1: 30, 2: 70})
        ec = pick({1: 75, 2: 25})
        rows.append([str(10001 + i), str(area), str(age), str(band), str(sex),
                     str(fam), helpers, str(kk), str(pod), str(et), str(ec),
                     wt[area]])
    # the way paper answers come back
    rows[2][2] = fw(rows[2][2])                 # 全角の年齢
    rows[5][6] = '8'                            # そのような人はいない
    rows[6][8] = '9'                            # 無回答
    rows[8][6] = '99'                           # 無回答 (multi)
    rows[11][6] = fw('3') + '，' + fw('6')      # 全角で入力
    rows[13][9] = ''                            # 空欄
    rows[13][10] = ''
    rows[17][2] = '999'                         # 年齢 無記入
    rows[21][4] = '9'
    rows[25][7] = ''
    rows[29][6] = '1・3'
    # deliberate errors
    rows[9][8] = '7'                            # bad-code
    rows[19][2] = '58'                          # out-of-range
    rows[19][3] = '1'
    dup = list(rows[30])
    rows.insert(31, dup)                        # keyed twice: duplicate-id
    return header, rows


# 2. citizen (web form) --------------------------------------------------
def citizen():
    header = ['回答ID', '回答日時', 'お住まいの地域', '年代', '性別',
              'かかりつけ医がいますか', 'ウェイト']
    area = {1: '北部', 2: '中部', 3: '南部'}
    band = {1: '20-39歳', 2: '40-64歳', 3: '65歳以上'}
    sexl = {1: '男性', 2: '女性'}
    wt = {(1, 1): '1.62', (1, 2): '1.48', (2, 1): '0.97', (2, 2): '0.91',
          (3, 1): '0.88', (3, 2): '0.79'}
    kk = {1: 'いる', 2: 'いない'}
    rows = []
    for i in range(30):
        b = pick({1: 25, 2: 40, 3: 35})
        s = pick({1: 45, 2: 55})
        k = pick({1: 30 + 25 * b, 2: 40})
        day = 2 + i // 3
        rows.append(['R%04d' % (101 + i),
                     '2025/06/%02d %02d:%02d' % (day, rng.randint(8, 22),
                                                  rng.randint(0, 59)),
                     area[pick({1: 3, 2: 4, 3: 3})], band[b], sexl[s], kk[k],
                     wt[(b, s)]])
    rows[4][4] = '回答しない'
    rows[12][5] = ''
    rows[7][3] = '2'                            # a code, not a label
    # deliberate errors
    rows[15][2] = '東部'                        # old form option: bad-code
    rows.insert(23, list(rows[22]))             # exported twice
    return header, rows


# 5. ACP session log (web form) ------------------------------------------
CENTERS = ['包括仙川', '包括国領', '包括柴崎', '包括布田', '包括深大寺',
           '包括八雲台', '包括緑ヶ丘', '包括飛田給', '包括富士見', '包括染地']
VENUES = {'demae': '出前講座', 'kenshu': '職員研修', 'other': 'その他',
          'kyoshitsu': '介護教室', 'caremtg': '地域ケア会議',
          'cafe': '認知症カフェ', 'salon': 'サロン'}
PART = {'A103': 15, 'A107': 13, 'A112': 14}


def era(y, m, d, style):
    r = y - 2018
    if style == 0:
        return '令和%d年%d月%d日' % (r, m, d)
    return 'R%d.%d.%d' % (r, m, d)


def sessions():
    header = ['講座番号', '実施日', '実施機関', '実施目的', '参加者数', '備考']
    vs = (['demae'] * 8 + ['kenshu'] * 4 + ['other'] * 2 + ['kyoshitsu'] * 2
          + ['caremtg', 'cafe', 'salon', 'demae'])
    rng.shuffle(vs)
    rows = []
    months = [(2024, 10), (2024, 11), (2024, 12), (2025, 1), (2025, 2),
              (2025, 3), (2025, 4), (2025, 5), (2025, 6), (2025, 7),
              (2025, 8), (2025, 9), (2025, 10)]
    for i in range(20):
        y, m = months[i * len(months) // 20]
        d = rng.randint(1, 28)
        sid = 'A%03d' % (101 + i)
        style = i % 4
        if style == 0:
            date = era(y, m, d, 0)
        elif style == 1:
            date = '%d/%d/%d' % (y, m, d)
        elif style == 2:
            date = era(y, m, d, 1)
        else:
            date = '%d-%02d-%02d' % (y, m, d)
        c = CENTERS[i % 10]
        v = VENUES[vs[i]]
        n = PART.get(sid, rng.randint(8, 22))
        note = ''
        if vs[i] == 'demae':
            note = rng.choice(['', '自治会館にて', '老人クラブ定例会',
                               'マンション集会室'])
        rows.append([sid, date, c, v, str(n), note])
    rows[4][2] = 'C05'                          # a code, not a label
    rows[9][4] = fw(rows[9][4])                 # 全角数字
    rows[13][1] = '２０２５/６/１２'
    # deliberate errors
    rows[14][4] = '十五'                        # bad-number
    rows[17][1] = '令和7年9月31日'              # bad-date
    return header, rows


def respondents():
    out = []
    for sid, n in PART.items():
        for j in range(1, n + 1):
            out.append(('%s-%02d' % (sid, j), sid,
                        str(pick({1: 30, 2: 30, 3: 30, 4: 10})),
                        str(pick({1: 35, 2: 65}))))
    return out


PEOPLE = None


def pre():
    header = ['回答番号', '講座番号', '年代', '性別',
              '問1 もしもの話を自分事として考えたことがある']
    rows = []
    for rid, sid, ab, sx in PEOPLE:
        rows.append([rid, sid, ab, sx, str(pick({1: 54, 2: 30, 3: 14, 9: 2}))])
    rows[3][2] = '9'
    rows[10][4] = '２'
    rows[20][4] = ''
    # deliberate errors
    rows[25][4] = '4'                           # bad-code
    rows[33][0] = ''                            # missing-id
    return header, rows


def post():
    header = ['回答番号', '講座番号', '年代', '性別',
              '問1 もしもの話を自分事として考えたか', '問1 その他の内容']
    rows = []
    for k, (rid, sid, ab, sx) in enumerate(PEOPLE):
        if k in (6, 29):                        # left early
            continue
        q = pick({1: 95, 2: 2, 3: 3})
        other = ''
        if q == 3:
            other = rng.choice(['家族と話してみたい', 'まだ実感がわかない'])
        rows.append([rid, sid, ab, sx, str(q), other])
    rows[2][4] = '3'
    rows[2][5] = '難しいと感じた'
    rows[17][4] = '１'
    rows[30][4] = '2'
    # deliberate errors
    rows[12][5] = '家族と話したい'              # skip-violation (q1 = 1)
    rows[12][4] = '1'
    rows[22][2] = '５'                          # bad-code
    return header, rows


FAV = {1: 9, 5: 8, 10: 7, 11: 7, 32: 6, 26: 6, 28: 5, 30: 5, 20: 4, 8: 4}


def cards():
    header = (['回答番号', '講座番号', '年代', '性別'] +
              ['カード%02d' % k for k in range(1, 37)])
    rows = []
    for rid, sid, ab, sx in [p for p in PEOPLE if p[1] != 'A112'][:24]:
        w = [FAV.get(k, 1) for k in range(1, 37)]
        chosen = set()
        while len(chosen) < 3:
            chosen.add(rng.choices(range(1, 37), w)[0])
        rows.append([rid, sid, ab, sx] +
                    ['1' if k in chosen else '' for k in range(1, 37)])
    rows[5][4 + 0] = '１'                      # 全角 (card GW01 picked)
    for k in range(36):                         # a sheet left blank
        rows[9][4 + k] = ''
    # deliberate errors
    rows[14][4 + 10] = '○'                     # bad-code: a circle, not 1
    rows.insert(20, list(rows[19]))             # keyed twice: duplicate-id
    return header, rows


# 7. training ------------------------------------------------------------
def training():
    header = ['No.', '研修日', '研修名', '職種', '職種（その他）', '理解度',
              'ご意見・ご感想']
    comments = ['', '', '', '特になし', 'ACPの具体的な進め方がよくわかった',
                '事例検討が参考になった', '時間が短く感じた',
                'グループワークで他職種の考えが聞けてよかった',
                '訪問診療の導入の流れを知りたい', 'なし',
                '看取りの場面での連携について、もう少し詳しく聞きたかった']
    rows = []
    for i in range(32):
        if i < 17:
            date, ses = '令和7年7月10日', '令和7年度第1回多職種研修（ACP）'
        else:
            date, ses = 'R7.10.16', '令和7年度第2回多職種研修（急変時の対応）'
        role = pick({1: 2, 2: 5, 3: 8, 4: 6, 5: 3})
        other = ''
        if role == 5:
            other = rng.choice(['薬剤師', '理学療法士', '医療ソーシャルワーカー',
                                '歯科衛生士'])
        u = pick({1: 35, 2: 50, 3: 12, 4: 3})
        rows.append([str(i + 1), date, ses, str(role), other, str(u),
                     rng.choice(comments)])
    rows[3][1] = '２０２５/７/１０'
    rows[8][5] = '９'
    rows[20][3] = 'ケアマネジャー'              # label written in
    rows[20][4] = ''
    # deliberate errors
    rows[12][5] = '5'                           # bad-code
    rows[24][3] = '2'                           # skip-violation
    rows[24][4] = '保健師'
    return header, rows


# 8. meeting log ---------------------------------------------------------
def meeting():
    header = ['No.', '開催日', '会議種別', '会議名・議題', '参加者数']
    kinds = {1: '在宅療養推進会議', 2: '24時間診療体制検討会',
             3: 'バックベッド体制検討会', 4: '多職種研修会', 5: 'その他'}
    plan = [
        (2024, 5, 20, 1, '令和6年度第1回在宅療養推進会議', 18),
        (2024, 6, 12, 2, '24時間診療体制検討会（輪番制の検討）', 9),
        (2024, 7, 3, 4, '多職種研修会「入退院支援」', 64),
        (2024, 7, 24, 3, 'バックベッド体制検討会（市内病院）', 11),
        (2024, 8, 28, 1, '令和6年度第2回在宅療養推進会議', 17),
        (2024, 9, 18, 5, 'MCS運用打合せ', 6),
        (2024, 10, 9, 4, '多職種研修会「ACP」', 52),
        (2024, 11, 13, 2, '24時間診療体制検討会', 8),
        (2024, 12, 11, 1, '令和6年度第3回在宅療養推進会議', 19),
        (2025, 1, 22, 3, 'バックベッド体制検討会', 10),
        (2025, 2, 19, 4, '多職種研修会「看取り」', 71),
        (2025, 3, 12, 1, '令和6年度第4回在宅療養推進会議', 18),
        (2025, 5, 21, 1, '令和7年度第1回在宅療養推進会議', 20),
        (2025, 6, 11, 2, '24時間診療体制検討会（夜間の連絡体制）', 9),
        (2025, 7, 10, 4, '令和7年度第1回多職種研修（ACP）', 58),
        (2025, 7, 23, 3, 'バックベッド体制検討会', 12),
        (2025, 8, 27, 1, '令和7年度第2回在宅療養推進会議', 18),
        (2025, 9, 17, 5, '入退院連携ガイドブック改訂打合せ', 7),
        (2025, 10, 16, 4, '令和7年度第2回多職種研修（急変時の対応）', 66),
        (2025, 11, 12, 2, '24時間診療体制検討会', 10),
    ]
    rows = []
    for i, (y, m, d, k, t, n) in enumerate(plan):
        if i % 3 == 0:
            date = era(y, m, d, 0)
        elif i % 3 == 1:
            date = '%d/%d/%d' % (y, m, d)
        else:
            date = era(y, m, d, 1)
        rows.append([str(i + 1), date, kinds[k], t, str(n)])
    rows[3][1] = 'Ｒ６．７．２４'
    rows[10][4] = '７１'
    rows[5][2] = '5'
    # deliberate errors
    rows[8][1] = '令和6年12月11'                # bad-date: 日 missing
    rows[15][4] = '約12'                        # bad-number
    return header, rows


# 9. clinic survey (web form) -------------------------------------------
CLINICS = [
    ('せんがわ内科クリニック', 'センガワナイカクリニック', '182-0002', '仙川町一丁目'),
    ('国領ファミリークリニック', 'コクリョウファミリークリニック', '182-0022', '国領町三丁目'),
    ('柴崎駅前診療所', 'シバサキエキマエシンリョウジョ', '182-0014', '柴崎二丁目'),
    ('布田在宅クリニック', 'フダザイタククリニック', '182-0024', '布田一丁目'),
    ('深大寺ホームケアクリニック', 'ジンダイジホームケアクリニック', '182-0017', '深大寺元町四丁目'),
    ('八雲台医院', 'ヤクモダイイイン', '182-0015', '八雲台二丁目'),
    ('緑ヶ丘整形外科', 'ミドリガオカセイケイゲカ', '182-0001', '緑ケ丘一丁目'),
    ('飛田給こどもクリニック', 'トビタキュウコドモクリニック', '182-0036', '飛田給二丁目'),
    ('富士見町内科', 'フジミチョウナイカ', '182-0033', '富士見町三丁目'),
    ('染地ひだまり診療所', 'ソメチヒダマリシンリョウジョ', '182-0023', '染地二丁目'),
    ('調布こころのクリニック', 'チョウフココロノクリニック', '182-0026', '小島町一丁目'),
    ('多摩川在宅診療所', 'タマガワザイタクシンリョウジョ', '182-0025', '多摩川三丁目'),
    ('つつじヶ丘医院', 'ツツジガオカイイン', '182-0006', '西つつじケ丘三丁目'),
    ('若葉台ホームクリニック', 'ワカバダイホームクリニック', '182-0003', '若葉町二丁目'),
    ('上石原内科外科', 'カミイシハラナイカゲカ', '182-0035', '上石原一丁目'),
    ('下石原クリニック', 'シモイシハラクリニック', '182-0034', '下石原二丁目'),
    ('入間町診療所', 'イリマチョウシンリョウジョ', '182-0004', '入間町一丁目'),
    ('東つつじヶ丘在宅医療クリニック', 'ヒガシツツジガオカザイタクイリョウクリニック', '182-0005', '東つつじケ丘二丁目'),
    ('菊野台ファミリー診療所', 'キクノダイファミリーシンリョウジョ', '182-0007', '菊野台一丁目'),
    ('佐須町クリニック', 'サズマチクリニック', '182-0016', '佐須町三丁目'),
    ('野水内科', 'ノミズナイカ', '182-0011', '深大寺北町一丁目'),
    ('調布ケアクリニック', 'チョウフケアクリニック', '182-0021', '調布ケ丘一丁目'),
    ('国領あおば内科', 'コクリョウアオバナイカ', '182-0022', '国領町五丁目'),
    ('仙川在宅緩和ケアクリニック', 'センガワザイタクカンワケアクリニック', '182-0002', '仙川町三丁目'),
]


def clinics():
    header = ['回答ID', '医療機関コード', '医療機関名', 'フリガナ', '郵便番号',
              '所在地', '電話番号', 'FAX番号', '訪問診療', '往診', '24時間対応',
              '看取り対応', '小児の在宅医療', '精神疾患の在宅医療', '緩和ケア',
              '備考']
    yn = {1: '可', 2: '不可'}
    notes = ['', '', '', '', '要事前相談', '土曜午後は不可',
             '訪問は半径16km以内', '初診は外来受診を原則とする']
    rows = []
    for i, (nm, kana, pc, addr) in enumerate(CLINICS):
        hou = pick({1: 70, 2: 30})
        if hou == 1:
            flags = [1, pick({1: 80, 2: 20}), pick({1: 60, 2: 40}),
                     pick({1: 65, 2: 35}), pick({1: 10, 2: 90}),
                     pick({1: 20, 2: 80}), pick({1: 55, 2: 45})]
        else:
            flags = [2, pick({1: 30, 2: 70}), 2, 2, 2, 2, 2]
        no = rng.randint(1000, 9999)
        rows.append(['%d' % (5001 + i), '13%05d' % rng.randint(10000, 99999),
                     nm, kana, pc, '調布市' + addr + '%d番%d号' %
                     (rng.randint(1, 30), rng.randint(1, 20)),
                     '042-4%02d-%04d' % (rng.randint(0, 99), no),
                     '042-4%02d-%04d' % (rng.randint(0, 99), (no + 1) % 10000)]
                    + [yn[f] for f in flags] + [rng.choice(notes)])
    rows[7][12] = '可'                          # 小児のクリニック
    rows[10][13] = '可'                         # 精神
    rows[2][6] = '０４２－４８１－２２０３'     # 全角で入力
    rows[3][4] = '1820024'
    rows[5][4] = '〒182-0015'
    rows[9][7] = ''
    rows[14][12] = ''
    rows[14][13] = ''
    # deliberate errors
    rows[12][6] = '042-48-1234'                 # bad-phone
    rows[19][4] = '182-001'                     # bad-postal
    return header, rows


# 10. station survey -------------------------------------------------------
STATIONS = ['訪問看護ステーションせんがわ', 'こくりょう訪問看護ステーション',
            '柴崎訪問看護ステーション', 'ふだ訪問看護ステーション',
            '深大寺訪問看護ステーション', 'やくもだい訪問看護ステーション',
            '緑ヶ丘訪問看護リハビリステーション', '飛田給訪問看護ステーション',
            '富士見訪問看護ステーション', '染地訪問看護ステーション',
            '調布市医師会訪問看護ステーション', 'たまがわ訪問看護ステーション',
            'つつじヶ丘訪問看護ステーション', 'ひまわり訪問看護ステーション調布',
            '訪問看護ステーションあおぞら', 'こども訪問看護ステーションちょうふ',
            '精神科訪問看護ステーションみらい', '菊野台訪問看護ステーション',
            'さくら訪問看護ステーション', 'わかば訪問看護ステーション',
            '訪問看護ステーションはなみずき', 'けやき訪問看護ステーション']


def stations():
    header = ['No.', '事業所番号', '事業所名', '24時間対応', '看取り', '小児',
              '精神', '緩和ケア', '看護職員数（常勤換算）', '備考']
    notes = ['', '', '', 'リハビリ職あり', '土日祝も訪問可', '医療的ケア児に対応',
             '訪問エリアは調布市全域']
    rows = []
    for i, nm in enumerate(STATIONS):
        f = [pick({1: 85, 2: 15}), pick({1: 70, 2: 30}), pick({1: 15, 2: 85}),
             pick({1: 40, 2: 60}), pick({1: 70, 2: 30})]
        staff = '%.1f' % (rng.randint(25, 120) / 10)
        rows.append([str(i + 1), '13%08d' % (61000000 + rng.randint(0, 999999)),
                     nm] + [str(x) for x in f] + [staff, rng.choice(notes)])
    rows[15][5] = '1'                           # 小児
    rows[16][6] = '1'                           # 精神
    rows[4][8] = '６.５'
    rows[8][6] = '9'
    rows[11][8] = ''
    # deliberate errors
    rows[6][3] = '○'                           # bad-code
    rows[18][8] = '5.3人'                       # bad-number
    return header, rows


PEOPLE = respondents()
for name, fn, enc in [('needs', needs, 'cp932'), ('citizen', citizen, 'utf8'),
                      ('acp-session', sessions, 'utf8'),
                      ('acp-pre', pre, 'cp932'), ('acp-post', post, 'cp932'),
                      ('acp-cards', cards, 'cp932'),
                      ('training', training, 'cp932'),
                      ('meeting', meeting, 'cp932'),
                      ('clinic-survey', clinics, 'utf8'),
                      ('station-survey', stations, 'cp932')]:
    h, r = fn()
    data = write(name, h, r, enc)
    if name == 'needs':
        open(TWIN, 'wb').write(b'\xef\xbb\xbf' + data.encode('utf-8'))
