#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# survey-ingest at the reader's limits: a field over 1 MiB, a 10 MB
# field over several lines and a row of 100,003 fields are rejected as
# too-big, each kept whole and byte-exact in the rejects file; a stray
# quote with 1.5 MB after it costs its own line and no other record,
# also from a pipe in CP932 with a later odd quote; the records around
# are kept, and the accounting holds.  The inputs are made here, not
# stored.  Prints TAP.
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d "${TMPDIR:-/tmp}/limits.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
cb=$src/tests/golden/survey-ingest/data/needs.yaml
hdr='回答者ID,圏域,年齢,かかりつけ医の有無,かかりつけ医の種類,自由記述'
n=0
check() {
	n=$((n + 1))
	if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}
# The one reject of rejects file $1, as the field it holds after its line
# and reason $2: the raw text quoted (RFC 4180), which is undone here.
only_reject() {
	tail -n +2 "$1" | head -c -2 | tail -c +$((${#2} + 3)) |
	    sed 's/""/"/g'
}
# An export of the record in file $1 (no line end) between two good ones.
around() {
	echo "$hdr"
	echo 'L01,中央,72,1,1,'
	cat "$1"
	echo
	echo 'L03,北部,80,2,,'
}
ingest() {
	survey-ingest -c "$cb" -r "$T/rejects.csv" -o "$T/long.csv" "$@" \
	    2>"$T/err"
}
echo "1..15"

{
	printf 'L02,中央,73,1,1,"'
	head -c 1100000 /dev/zero | tr '\0' 'x'
	printf '"'
} >"$T/rec"
around "$T/rec" >"$T/big.csv"
ingest "$T/big.csv"
rc=$?
check "exit status 1 (a record rejected)" '[ "$rc" = 1 ]'
check "the big record is rejected as too-big on line 3" \
    'sed -n 2p "$T/rejects.csv" | grep -q "^3,too-big,"'
check "the records around it are written" \
    'grep -q "^needs,2025,L01," "$T/long.csv" &&
     grep -q "^needs,2025,L03," "$T/long.csv" &&
     ! grep -q ",L02," "$T/long.csv"'
check "the summary accounts for every record" \
    'grep -q "big.csv: 3 records, 2 written, 1 rejected" "$T/err"'

# 10 MB of free text over lines, with commas and doubled quotes.
{
	printf 'L02,中央,73,1,1,"'
	head -c 10000000 /dev/zero | tr '\0' 'y' | fold -w 999 |
	    sed 's/^yy/""/; s/y$/,/'
	printf '"'
} >"$T/rec"
around "$T/rec" >"$T/huge.csv"
ingest "$T/huge.csv"
rc=$?
check "a 10 MB field: exit 1, one reject, the rest written" \
    '[ "$rc" = 1 ] &&
     grep -q "huge.csv: 3 records, 2 written, 1 rejected" "$T/err"'
check "a 10 MB field: the rejects file holds the record byte-exact" \
    'only_reject "$T/rejects.csv" 3,too-big | cmp -s - "$T/rec"'

{
	printf 'L02,中央,73,1,1,'
	head -c 100002 /dev/zero | tr '\0' ','
} >"$T/rec"
around "$T/rec" >"$T/wide.csv"
ingest "$T/wide.csv"
rc=$?
check "100,003 fields: exit 1, one reject, the rest written" \
    '[ "$rc" = 1 ] &&
     grep -q "wide.csv: 3 records, 2 written, 1 rejected" "$T/err"'
check "100,003 fields: the rejects file holds the record byte-exact" \
    'only_reject "$T/rejects.csv" 3,too-big | cmp -s - "$T/rec"'

# A stray quote with 101,001 records after it.
printf 'L02,中央,"73,1,1,' >"$T/rec"
{
	around "$T/rec"
	seq 1 101001 | sed 's/.*/M&,北部,80,2,,/'
} >"$T/stray.csv"
ingest "$T/stray.csv"
rc=$?
check "a stray quote: exit 1" '[ "$rc" = 1 ]'
check "a stray quote: every other record is written" \
    'grep -q "stray.csv: 101004 records, 101003 written, 1 rejected" \
     "$T/err" && grep -q "^needs,2025,M101001,area,2,.*stray.csv:[0-9]*$" "$T/long.csv"'
check "a stray quote: its line is the reject, byte-exact" \
    'only_reject "$T/rejects.csv" 3,bad-quote | cmp -s - "$T/rec"'
check "a stray quote: said once, on its line" \
    '[ "$(grep -c error: "$T/err")" = 1 ] &&
     grep -q "stray.csv:3: error: unterminated quoted field$" "$T/err"'

# The same from a pipe, in CP932 with CRLF, and an odd quote 1.5 MB on.
if iconv -f UTF-8 -t CP932 </dev/null >/dev/null 2>&1; then
	{
		cat "$T/stray.csv"
		echo 'N1,北部,80,2,"x"y,'
		echo 'N2,北部,80,2,,'
	} | sed 's/$/\r/' | iconv -f UTF-8 -t CP932 >"$T/stray-cp932.csv"
	survey-ingest -c "$cb" -r "$T/rejects.csv" -o "$T/long.csv" \
	    <"$T/stray-cp932.csv" 2>"$T/err"
	rc=$?
	check "a pipe in CP932: exit 1, two rejects, every other record" \
	    '[ "$rc" = 1 ] && grep -q "<stdin>: 101006 records, 101004 written, 2 rejected" "$T/err"'
	check "a pipe in CP932: the stray quote and the odd one rejected" \
	    '[ "$(grep -c "^[0-9]*,bad-quote," "$T/rejects.csv")" = 2 ] &&
	     grep -q "^3,bad-quote," "$T/rejects.csv" &&
	     grep -q "^101006,bad-quote," "$T/rejects.csv"'
	check "a pipe in CP932: the diagnostics name both lines" \
	    'grep -q "<stdin>:3: error: unbalanced quote: the quoted field opened here would end on line 101006 in a malformed record" "$T/err" &&
	     grep -q "<stdin>:101006: error: text after a closing quote" "$T/err"'
else
	for i in 1 2 3; do
		n=$((n + 1))
		echo "ok $n # SKIP iconv cannot write CP932"
	done
fi
