#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A run that fails hands nothing on that looks whole.  A producer killed
# mid-stream (by a file size limit: the same place every time), one that
# fails after it began writing, and one that fails before writing
# anything: the consumers of its long CSV stop with status 2 and print
# no table.  And for every program, status 2 means that standard output
# carried nothing usable and no output file was created or replaced.
# Prints TAP.
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d "${TMPDIR:-/tmp}/stream-end.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
I=$src/share/instruments
C=$src/share/examples/city
G=$src/tests/golden/guidebook-render
IND=$src/share/indicators/chofu.yaml
ACP=$src/share/acp/acp.yaml
n=0
check() {
	n=$((n + 1))
	if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}
echo "1..12"

# status FILE: the exit status a step wrote there.
status() { cat "$T/$1"; }

# A whole stream, and the same stream cut by a size limit: survey-ingest
# dies of SIGXFSZ part way through its output.
survey-ingest -c "$I/needs/codebook.yaml" -w 2025 "$C/needs-2025.csv" \
    >"$T/whole.long" 2>/dev/null
# (A shell of its own says the signal, to /dev/null.)
sh -c 'ulimit -f 64 && survey-ingest -c "$1" -w 2025 "$2"; exit $?' sh \
    "$I/needs/codebook.yaml" "$C/needs-2025.csv" >"$T/cut.long" 2>/dev/null
echo $? >"$T/cut.rc"
check "the producer was killed part way" \
    '[ "$(status cut.rc)" -gt 128 ] && [ -s "$T/cut.long" ] &&
     [ "$(wc -c <"$T/cut.long")" -lt "$(wc -c <"$T/whole.long")" ]'
indicator-calc -c "$IND" <"$T/cut.long" >"$T/ic.out" 2>"$T/ic.err"
echo $? >"$T/ic.rc"
check "indicator-calc: a killed producer's stream: status 2, no table" \
    '[ "$(status ic.rc)" = 2 ] && [ ! -s "$T/ic.out" ] &&
     grep -q "has no end line: the program that wrote it did not finish" "$T/ic.err"'

# A producer that fails after writing: its second file is missing.
{ survey-ingest -c "$I/needs/codebook.yaml" -w 2025 "$C/needs-2025.csv" \
    "$T/missing.csv" 2>/dev/null; echo $? >"$T/p.rc"; } |
    indicator-calc -c "$IND" >"$T/pipe.out" 2>"$T/pipe.err"
echo $? >"$T/pipe.rc"
check "survey-ingest ... | indicator-calc: the producer fails late, status 2, no table" \
    '[ "$(status p.rc)" = 2 ] && [ "$(status pipe.rc)" = 2 ] &&
     [ ! -s "$T/pipe.out" ]'

# A producer that fails before writing anything.
{ survey-ingest -c "$T/missing.yaml" "$C/needs-2025.csv" 2>/dev/null; } |
    indicator-calc -c "$IND" >"$T/empty.out" 2>"$T/empty.err"
echo $? >"$T/empty.rc"
check "a producer that wrote nothing: status 2, no empty table" \
    '[ "$(status empty.rc)" = 2 ] && [ ! -s "$T/empty.out" ] &&
     grep -q "empty input" "$T/empty.err"'

# acp-tally the same: a cut stream of the ACP questionnaires.
survey-ingest -c "$I/acp-session/codebook.yaml" "$C/acp-session.csv" \
    >"$T/acp.long" 2>/dev/null
head -c 2000 "$T/acp.long" >"$T/acp-cut.long"
acp-tally -c "$ACP" <"$T/acp-cut.long" >"$T/acp.out" 2>"$T/acp.err"
echo $? >"$T/acp.rc"
check "acp-tally: a cut stream: status 2, no tables" \
    '[ "$(status acp.rc)" = 2 ] && [ ! -s "$T/acp.out" ]'

# Wide CSV has no end line: survey-ingest holds it back on standard
# output, so a run that fails writes nothing there.
survey-ingest -c "$I/needs/codebook.yaml" -w 2025 -f wide \
    "$C/needs-2025.csv" "$T/missing.csv" >"$T/wide.out" 2>/dev/null
echo $? >"$T/wide.rc"
check "survey-ingest -f wide failing: status 2, nothing on standard output" \
    '[ "$(status wide.rc)" = 2 ] && [ ! -s "$T/wide.out" ]'

# Every program: status 2 leaves an existing output file as it was, and
# creates none.
keeps() {
	name=$1
	shift
	echo old >"$T/$name.keep"
	"$@" -o "$T/$name.keep" >/dev/null 2>&1
	rc1=$?
	"$@" -o "$T/$name.new" >/dev/null 2>&1
	rc2=$?
	[ "$rc1" = 2 ] && [ "$rc2" = 2 ] && [ "$(cat "$T/$name.keep")" = old ] &&
	    [ ! -e "$T/$name.new" ] &&
	    [ -z "$(ls -A "$T" | grep "^\.$name\.")" ]
}
check "survey-ingest: status 2 writes no output file" \
    'keeps si survey-ingest -c "$I/needs/codebook.yaml" -w 2025 \
        "$C/needs-2025.csv" "$T/missing.csv"'
check "survey-ingest: status 2 writes no rejects file" \
    'echo old >"$T/rej.csv" &&
     survey-ingest -c "$I/needs/codebook.yaml" -w 2025 -r "$T/rej.csv" \
        -o "$T/x.long" "$C/needs-2025.csv" "$T/missing.csv" 2>/dev/null;
     [ $? = 2 ] && [ "$(cat "$T/rej.csv")" = old ] && [ ! -e "$T/x.long" ]'
check "indicator-calc: status 2 writes no output file" \
    'keeps ic indicator-calc -c "$IND" "$T/cut.long"'
check "indicator-calc --partial: status 2 writes no partial file" \
    'keeps icp indicator-calc -c "$IND" --partial "$T/cut.long"'
check "acp-tally: status 2 writes no output file" \
    'keeps acp acp-tally -c "$ACP" "$T/acp-cut.long"'
check "guidebook-render: status 2 writes no output file" \
    'keeps gb guidebook-render -c "$G/data/gb.yaml" -f csv "$G/data/kaigo.csv" \
        "$T/missing.csv"'
