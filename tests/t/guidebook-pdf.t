#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# guidebook-render PDF: a 60-entry section runs over pages, and every page
# repeats the header row, has the edition and "n / N" in its footer, and
# holds whole entries (name and phone number on the same page).  Skipped
# without pdftotext or in a --without-pdf build.
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
dir=$src/tests/golden/guidebook-render
T=$(mktemp -d "${TMPDIR:-/tmp}/gbpdf.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
echo "1..2"
if ! command -v pdftotext >/dev/null 2>&1; then
	echo "ok 1 # SKIP pdftotext not found"
	echo "ok 2 # SKIP pdftotext not found"
	exit 0
fi
(cd "$dir" && guidebook-render -c data/big.yaml -f pdf -o "$T/big.pdf") \
    2>"$T/err"
rc=$?
if [ "$rc" = 2 ] && grep -q 'without-pdf' "$T/err"; then
	echo "ok 1 # SKIP built without PDF"
	echo "ok 2 # SKIP built without PDF"
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
