#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# survey-ingest at the reader's limits: a field over 1 MiB is rejected
# as too-big with its line, the records around it are kept, and the
# accounting holds.  The input is made here, not stored.  Prints TAP.
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d "${TMPDIR:-/tmp}/limits.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
cb=$src/tests/golden/survey-ingest/data/needs.yaml
n=0
check() {
	n=$((n + 1))
	if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}
echo "1..4"
{
	echo '回答者ID,圏域,年齢,かかりつけ医の有無,かかりつけ医の種類,自由記述'
	echo 'L01,中央,72,1,1,'
	printf 'L02,中央,73,1,1,"'
	head -c 1100000 /dev/zero | tr '\0' 'x'
	printf '"\n'
	echo 'L03,北部,80,2,,'
} >"$T/big.csv"
survey-ingest -c "$cb" -r "$T/rejects.csv" -o "$T/long.csv" "$T/big.csv" \
    2>"$T/err"
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
