#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# guidebook-render PDF: a 60-entry section runs over pages, and every page
# repeats the header row, has the edition and "n / N" in its footer, and
# holds whole entries (name and phone number on the same page); the
# report (data/report) shows its Check table, marks, ACP tables and
# provenance; a figure taller than a page is drawn in strips over pages,
# cut between its panels (panel_height) or at the page's foot, with its
# heading on the page of the first strip.  Skipped without pdftotext or
# in a --without-pdf build.
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
dir=$src/tests/golden/guidebook-render
T=$(mktemp -d "${TMPDIR:-/tmp}/gbpdf.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
echo "1..5"
if ! command -v pdftotext >/dev/null 2>&1; then
	echo "ok 1 # SKIP pdftotext not found"
	echo "ok 2 # SKIP pdftotext not found"
	echo "ok 3 # SKIP pdftotext not found"
	echo "ok 4 # SKIP pdftotext not found"
	echo "ok 5 # SKIP pdftotext not found"
	exit 0
fi
(cd "$dir" && guidebook-render -c data/big.yaml -f pdf -o "$T/big.pdf") \
    2>"$T/err"
rc=$?
if [ "$rc" = 2 ] && grep -q 'without-pdf' "$T/err"; then
	echo "ok 1 # SKIP built without PDF"
	echo "ok 2 # SKIP built without PDF"
	echo "ok 3 # SKIP built without PDF"
	echo "ok 4 # SKIP built without PDF"
	echo "ok 5 # SKIP built without PDF"
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

# A tall figure: eight 640 x 360 panels stacked, each with TOPi at its top
# and BOTTOMi at its foot, under twelve paragraphs that leave room for
# the heading but not for a row of panels.
tall() {
	printf '<svg xmlns="http://www.w3.org/2000/svg" width="640px" '
	printf 'height="2880px" viewBox="0 0 640 2880">\n'
	i=0
	while [ $i -lt 8 ]; do
		y=$((i * 360))
		printf '<rect x="10" y="%d" width="620" ' $((y + 10))
		printf 'height="340" fill="#def" stroke="#000"/>\n'
		printf '<text x="30" y="%d" font-size="20">TOP%d</text>\n' \
		    $((y + 40)) $i
		printf '<text x="30" y="%d" font-size="20">BOTTOM%d</text>\n' \
		    $((y + 340)) $i
		i=$((i + 1))
	done
	printf '</svg>\n'
}
tall >"$T/tall.svg"
# figcfg ORIENTATION [PANEL_HEIGHT]
figcfg() {
	printf 'title: 試験 報告\nedition: 2025-04-01\n'
	printf 'page: {orientation: %s}\nsections:\n' "$1"
	printf '  - {title: はじめに, type: text, text: [%s]}\n' \
	    "$(seq -s ', ' 1 12)"
	printf '  - title: 縦に長い図\n    type: figure\n    file: tall.svg\n'
	printf '    caption: 八つの図\n'
	[ -z "$2" ] || printf '    panel_height: %s\n' "$2"
}
# tallpdf NAME: renders $T/NAME.yaml; sets pages; page N text in $T/NAME.N
tallpdf() {
	(cd "$T" && guidebook-render -c "$1.yaml" -f pdf -o "$1.pdf") \
	    2>"$T/err" || { sed 's/^/# /' "$T/err"; return 1; }
	pages=$(pdftotext "$T/$1.pdf" - | tr -cd '\f' | wc -c)
	p=1
	while [ "$p" -le "$pages" ]; do
		pdftotext -f "$p" -l "$p" "$T/$1.pdf" "$T/$1.$p" || return 1
		p=$((p + 1))
	done
	# The heading is on the page of the first strip, the caption on
	# the page of the last.
	grep -l '縦に長い図' "$T/$1".[0-9]* | xargs grep -q TOP0 ||
	    { echo "# $1: the heading is not with the figure"; return 1; }
	grep -q '八つの図' "$T/$1.$pages" && grep -q BOTTOM7 "$T/$1.$pages" ||
	    { echo "# $1: the caption is not after the last strip"; return 1; }
}
panels() {
	figcfg landscape 360 >"$T/panels.yaml"
	tallpdf panels || return 1
	[ "$pages" -eq 3 ] || { echo "# $pages pages, expected 3"; return 1; }
	# Whole panels, in order, each once.
	i=0
	p=1
	while [ $i -lt 8 ]; do
		while [ "$p" -le "$pages" ] &&
		    ! grep -q "TOP$i" "$T/panels.$p"; do
			p=$((p + 1))
		done
		[ "$p" -le "$pages" ] ||
		    { echo "# panel $i not found"; return 1; }
		grep -q "BOTTOM$i" "$T/panels.$p" ||
		    { echo "# panel $i cut at page $p"; return 1; }
		[ "$(cat "$T"/panels.[0-9]* | grep -c "^TOP$i\$")" = 1 ] ||
		    { echo "# panel $i drawn more than once"; return 1; }
		i=$((i + 1))
	done
}
if panels; then
	echo "ok 4 - panel_height: strips cut between panels over pages"
else
	echo "not ok 4 - panel_height: strips cut between panels over pages"
fi
cut_tall() {
	figcfg portrait >"$T/cut.yaml"
	tallpdf cut || return 1
	[ "$pages" -ge 2 ] || { echo "# $pages page(s): shrunk"; return 1; }
}
if cut_tall; then
	echo "ok 5 - a figure taller than a page is cut, not shrunk"
else
	echo "not ok 5 - a figure taller than a page is cut, not shrunk"
fi
