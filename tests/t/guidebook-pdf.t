#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# guidebook-render PDF: a 60-entry section runs over pages, and every page
# repeats the header row, has the edition and "n / N" in its footer, and
# holds whole entries (name and phone number on the same page); the
# report (data/report) shows its Check table, marks, ACP tables and
# provenance.  Skipped without pdftotext or in a --without-pdf build.
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
dir=$src/tests/golden/guidebook-render
T=$(mktemp -d "${TMPDIR:-/tmp}/gbpdf.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
echo "1..3"
if ! command -v pdftotext >/dev/null 2>&1; then
	echo "ok 1 # SKIP pdftotext not found"
	echo "ok 2 # SKIP pdftotext not found"
	echo "ok 3 # SKIP pdftotext not found"
	exit 0
fi
(cd "$dir" && guidebook-render -c data/big.yaml -f pdf -o "$T/big.pdf") \
    2>"$T/err"
rc=$?
if [ "$rc" = 2 ] && grep -q 'without-pdf' "$T/err"; then
	echo "ok 1 # SKIP built without PDF"
	echo "ok 2 # SKIP built without PDF"
	echo "ok 3 # SKIP built without PDF"
	exit 0
fi
if [ "$rc" = 0 ] && [ -s "$T/big.pdf" ]; then
	echo "ok 1 - 60 entries rendered as PDF"
else
	echo "not ok 1 - 60 entries rendered as PDF (exit $rc)"
	sed 's/^/# /' "$T/err"
fi
check() {
	pdf=$T/big.pdf
	pages=$(pdftotext "$pdf" - | tr -cd '\f' | wc -c)
	[ "$pages" -ge 2 ] || { echo "# only $pages page(s)"; return 1; }
	seen=0
	p=1
	while [ "$p" -le "$pages" ]; do
		pdftotext -layout -f "$p" -l "$p" "$pdf" "$T/page.txt" || return 1
		grep -q '事業所名 *所在地 *電話番号' "$T/page.txt" ||
		    { echo "# page $p: no header row"; return 1; }
		grep -q "令和7年4月1日現在" "$T/page.txt" ||
		    { echo "# page $p: no edition in the footer"; return 1; }
		grep -q "$p */ *$pages\$" "$T/page.txt" ||
		    { echo "# page $p: no page number"; return 1; }
		for i in $(grep -o '試験事業所[0-9][0-9]' "$T/page.txt" |
		    cut -c16-); do
			grep -q "042-3$i-" "$T/page.txt" ||
			    { echo "# page $p: entry $i split"; return 1; }
			seen=$((seen + 1))
		done
		p=$((p + 1))
	done
	[ "$seen" -eq 60 ] || { echo "# $seen entries, expected 60"; return 1; }
}
if check; then
	echo "ok 2 - header row on every page, no entry split"
else
	echo "not ok 2 - header row on every page, no entry split"
fi

# The report: rc 1 for its missing figure, every table there.
report() {
	(cd "$dir" && guidebook-render -c data/report/report.yaml -f pdf \
	    -o "$T/report.pdf") 2>"$T/rerr"
	rc=$?
	[ "$rc" = 1 ] || { echo "# exit $rc"; sed 's/^/# /' "$T/rerr"; return 1; }
	pdftotext -layout "$T/report.pdf" "$T/report.txt" || return 1
	for want in 'Check 表' '日常の療養支援' \
	    '2019 *1511 *62.2% 59.5–64.9' '2025 *1531 *70.0% 66.2–71.4 *+5.1pt ◎ 達成' \
	    '× 悪化' '年度別' \
	    '2024年度 .* 22 .* 67 .* 321' 'post questionnaire' \
	    '図を表示できません：charts/missing.svg' '棒グラフ <試験>' \
	    '作成日時 .* 2025-04-01T09:00:00+09:00' '一段落目'; do
		grep -q -- "$want" "$T/report.txt" ||
		    { echo "# not in the report: $want"; return 1; }
	done
	! grep -q 'participants_share' "$T/report.txt" ||
	    { echo "# a hidden column is shown"; return 1; }
}
if report; then
	echo "ok 3 - report PDF: Check table, marks, ACP tables, provenance"
else
	echo "not ok 3 - report PDF: Check table, marks, ACP tables, provenance"
fi
