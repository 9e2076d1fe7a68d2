#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the made-up sample data of guidebook.yaml: a fictitious city
# (東京都緑川市, phone 042-3xx-xxxx) in the real open-data layouts.  Every
# name, address and number is invented.  Run from share/guidebook/.
import csv
import random

rng = random.Random(20250401)

CITY = "緑川市"
AREAS = {
    "北部": ["北原町", "桜ケ丘", "緑町", "上川原"],
    "中部": ["本町", "栄町", "旭町", "中央"],
    "南部": ["南台", "川辺町", "浜田", "若葉町"],
}
TOWNS = [t for ts in AREAS.values() for t in ts]
KANA_SUFFIX = "ホウモンカンゴステーション"
STATIONS = [
    ("さくら", "サクラ"), ("ひまわり", "ヒマワリ"), ("あおば", "アオバ"),
    ("北原", "キタハラ"), ("かわべ", "カワベ"), ("すずらん", "スズラン"),
    ("わかば", "ワカバ"), ("たんぽぽ", "タンポポ"), ("はな", "ハナ"),
    ("ばら", "バラ"), ("ぱれっと", "パレット"), ("ゆうあい", "ユウアイ"),
    ("あおぞら", "アオゾラ"), ("きぼう", "キボウ"), ("やまびこ", "ヤマビコ"),
    ("えがお", "エガオ"), ("こもれび", "コモレビ"), ("なごみ", "ナゴミ"),
    ("つばさ", "ツバサ"), ("ほほえみ", "ホホエミ"), ("みのり", "ミノリ"),
    ("ぽぷら", "ポプラ"), ("こころ", "ココロ"), ("ケアーズ緑川", "ケアーズミドリカワ"),
]
KAIGO_HEADER = [
    "都道府県コード又は市町村コード", "No", "都道府県名", "市区町村名", "事業所名",
    "事業所名カナ", "サービスの種類", "住所", "方書（ビル名等）", "緯度", "経度",
    "電話番号", "FAX番号", "法人番号", "法人の名称", "事業所番号", "利用可能曜日",
    "利用可能曜日特記事項", "定員", "URL",
    "高齢者の方と障害者の方が同時一体的に利用できるサービス",
    "介護保険の通常の指定基準を満たしている", "障害福祉の通常の指定基準を満たしている",
    "備考",
]
used_phones = set()


def phone():
    while True:
        p = "042-3%02d-%04d" % (rng.randrange(100), rng.randrange(10000))
        if p not in used_phones:
            used_phones.add(p)
            return p


def address(town=None):
    town = town or rng.choice(TOWNS)
    return town, "東京都%s%s%d丁目%d番%d号" % (CITY, town, rng.randint(1, 5),
                                          rng.randint(1, 20), rng.randint(1, 15))


def postal(town):
    return "199-%04d" % (2800 + TOWNS.index(town) * 3)


def write(path, header, rows, bom, crlf):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8",
              newline="") as f:
        w = csv.writer(f, lineterminator="\r\n" if crlf else "\n")
        w.writerow(header)
        w.writerows(rows)


def stations():
    rows, survey = [], []
    for i, (name, kana) in enumerate(STATIONS):
        town, addr = address()
        no = "13%08d" % (71000 + i * 7)
        # One URL cell holds an e-mail address, as in the real data.
        url = ("info%02d@example.jp" % i if i == 5 else
               rng.choice(["", "https://example.jp/st%02d/" % i]))
        rows.append(["139998", no, "東京都", CITY, name + "訪問看護ステーション",
                     kana + KANA_SUFFIX, "訪問看護", addr, "",
                     "35.6%04d" % rng.randrange(10000),
                     "139.5%04d" % rng.randrange(10000), phone(), phone(),
                     "%013d" % (5012401000000 + i), "医療法人社団%s会" % name,
                     no, "月～金", "土日祝は緊急時のみ", "0", url, "", "", "", ""])
        yn = lambda p: "1" if rng.random() < p else "0"
        survey.append([str(i + 1), no, yn(.8), yn(.6), yn(.3), yn(.4),
                       yn(.5)])
    write("kaigo_130.csv", KAIGO_HEADER, rows, True, True)
    write("station_survey.csv", ["respondent", "jigyosho_no", "h24", "mitori",
                                 "shoni", "seishin", "kanwa"], survey,
          False, False)


CLINICS = [
    ("緑川ホームクリニック", "ミドリカワホームクリニック"),
    ("北原内科", "キタハラナイカ"), ("さかえ町診療所", "サカエチョウシンリョウジョ"),
    ("あさひ内科クリニック", "アサヒナイカクリニック"),
    ("南台ファミリークリニック", "ミナミダイファミリークリニック"),
    ("かわべ在宅クリニック", "カワベザイタククリニック"),
    ("浜田医院", "ハマダイイン"), ("わかば診療所", "ワカバシンリョウジョ"),
    ("上川原クリニック", "カミカワラクリニック"), ("本町内科医院", "ホンチョウナイカイイン"),
    ("桜ケ丘医院", "サクラガオカイイン"), ("みどり野整形外科", "ミドリノセイケイゲカ"),
    ("中央こどもクリニック", "チュウオウコドモクリニック"),
    ("いずみ訪問診療所", "イズミホウモンシンリョウジョ"),
    ("緑町胃腸科", "ミドリチョウイチョウカ"), ("栄町皮膚科", "サカエチョウヒフカ"),
    ("ひかり在宅医療クリニック", "ヒカリザイタクイリョウクリニック"),
    ("おおぞら内科", "オオゾラナイカ"),
]


def clinics():
    rows = []
    for i, (name, kana) in enumerate(CLINICS):
        town, addr = address()
        visit = "可" if i % 5 != 4 else "不可"
        yn = lambda p: "可" if rng.random() < p else "不可"
        rows.append([str(i + 1), name, kana, postal(town), addr, phone(),
                     phone(), visit, yn(.7), yn(.6), yn(.5), yn(.3),
                     "https://example.jp/c%02d/" % i if i % 3 == 0 else ""])
    write("zaitaku_survey.csv", ["回答番号", "医療機関名", "フリガナ", "郵便番号",
                                  "所在地", "電話番号", "FAX番号", "訪問診療",
                                  "往診", "24時間対応", "看取り", "在宅緩和ケア",
                                  "ホームページ"], rows, False, False)


HOSPITALS = [
    ("緑川市立病院", "ミドリカワシリツビョウイン", "患者支援センター"),
    ("北原中央病院", "キタハラチュウオウビョウイン", "地域連携室"),
    ("桜ケ丘記念病院", "サクラガオカキネンビョウイン", "医療福祉相談室"),
    ("本町病院", "ホンチョウビョウイン", "地域医療連携室"),
    ("栄町リハビリテーション病院", "サカエチョウリハビリテーションビョウイン", "地域連携室"),
    ("南台総合病院", "ミナミダイソウゴウビョウイン", "入退院支援センター"),
    ("川辺メディカルセンター", "カワベメディカルセンター", "地域連携課"),
    ("若葉町病院", "ワカバチョウビョウイン", "相談室"),
]
UNIV = [
    ("東都医科大学附属病院", "トウトイカダイガクフゾクビョウイン", "患者サポートセンター",
     "東京都架空区大学町1丁目1番1号", "03-3900-1111", "03-3900-1112"),
    ("武蔵野台大学病院", "ムサシノダイダイガクビョウイン", "地域医療連携センター",
     "東京都架空郡丘陵町2番3号", "042-590-2000", "042-590-2001"),
]
SEND = ["FAX（送付後に電話連絡）", "持参または郵送", "FAX", "病院ポータル（電子送付）",
        "FAXまたは持参"]


def hospitals():
    rows = []
    for i, (name, kana, dept) in enumerate(HOSPITALS):
        town, addr = address(TOWNS[i + 2])
        rows.append(["H%02d" % (i + 1), name, kana, "市内病院", dept,
                     postal(town), addr, phone(), phone(),
                     "平日 8:30～17:00", rng.choice(["平日 13:00～16:00",
                                                    "火・木 14:00～16:00", "随時（要予約）"]),
                     rng.choice(SEND), ""])
    for j, (name, kana, dept, addr, tel, fax) in enumerate(UNIV):
        rows.append(["U%02d" % (j + 1), name, kana, "大学病院", dept, "",
                     addr, tel, fax, "平日 9:00～17:00", "平日 14:00～16:00",
                     "郵送または持参", "紹介状は医療機関からのみ"])
    write("renkei_list.csv", ["市ID", "病院名", "病院名フリガナ", "区分", "部署",
                              "郵便番号", "所在地", "電話番号", "FAX番号",
                              "受付時間", "ケアマネタイム", "入院時情報提供書の送付方法",
                              "備考"], rows, False, False)


stations()
clinics()
hospitals()
