#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# indicator-calc -j N reads a large file in N processes.  Whatever the
# number of processes and wherever the parts are cut, the table, the
# messages (with their line numbers) and the exit status must be those
# of one process.  CAREKIT_JOBS_MIN_BYTES makes parts of a few bytes,
# so the cuts land everywhere in files made to mislead them: quoted
# values spanning lines that hold text looking like rows, CRLF, a BOM,
# blank lines, repeated headers, ragged rows, bad numbers, and long
# respondents.  A worker that dies has its part read again.  The
# inputs are made here, not stored.  Prints TAP.
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d "${TMPDIR:-/tmp}/jobs.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
n=0
check() {
	n=$((n + 1))
	if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}

# The edge-case indicators but the paired one (pairs are matched over
# the whole file, so a configuration with one is read in one process).
grep -v 'kind: paired' "$src/tests/golden/indicator-calc/edge.yaml" \
    >"$T/ind.yaml"

# gen SEED: a long CSV file on stdout.
gen() {
	awk -v seed="$1" 'BEGIN {
		srand(seed)
		print "source,wave,respondent,item,value"
		for (i = 1; i <= 2500; i++) {
			wave = 2019 + 3 * int(rand() * 3)
			id = sprintf("E%05d", i)
			p = "e," wave "," id ","
			print p "area," (1 + int(rand() * 3))
			r = rand()
			print p "y," (r < 0.45 ? 1 : r < 0.9 ? 2 : "")
			r = rand()
			print p "score," (r < 0.02 ? "x1" : 1 + int(rand() * 4))
			r = rand()
			print p "w," (r < 0.01 ? "abc" : sprintf("%.3f", 0.5 + rand() * 2))
			r = rand()
			if (r < 0.1)
				print p "note,\"said:\ne,2019," id ",area,3\n\"\"no\"\", \"\"yes\"\"\""
			else if (r < 0.2) {
				# Seen from inside the quotes, another
				# respondent ends where this one goes on.
				print p "note,\"x\ne,2019,F" id ",area,3\nok\""
				print p "after,1"
			}
			else if (r < 0.22)
				print p "note,x,extra"
			else if (r < 0.24)
				print ""
			else if (r < 0.25)
				print "source,wave,respondent,item,value"
			else if (r < 0.26)
				for (k = 0; k < 300; k++)
					print p "log," k
		}
		# A last wave whose weights are all bad: its weighted
		# indicators have the wave but no answers, in the last part.
		for (i = 1; i <= 40; i++) {
			p = sprintf("e,2031,L%03d,", i)
			print p "area,1"
			print p "y,1"
			print p "w,abc"
		}
	}'
}
gen 1 >"$T/lf.csv"
gen 2 | sed 's/$/\r/' >"$T/crlf.csv"
{ printf '\357\273\277'; gen 3; } >"$T/bom.csv"
# Every respondent sets the trap above: a part cut on one of a fifth of
# the line starts begins inside the quotes.
awk 'BEGIN {
	print "source,wave,respondent,item,value"
	for (i = 1; i <= 3000; i++) {
		p = sprintf("e,2022,E%05d,", i)
		print p "area," (1 + i % 3)
		print p "note,\"x\ne,2019,F" i ",area,3\nok\""
		print p "y," (1 + i % 2)
	}
}' >"$T/trap.csv"

# run NAME J MIN FILE...: stdout, stderr and status into $T/NAME.*
run() {
	name=$1 j=$2 min=$3
	shift 3
	CAREKIT_JOBS_MIN_BYTES=$min indicator-calc -c "$T/ind.yaml" -j "$j" \
	    "$@" >"$T/$name.out" 2>"$T/$name.err"
	echo $? >"$T/$name.rc"
}
same() {
	cmp -s "$T/$1.out" "$T/$2.out" && cmp -s "$T/$1.err" "$T/$2.err" &&
	    cmp -s "$T/$1.rc" "$T/$2.rc"
}

# Parts are cut at the same places whatever their least size, if not
# fewer of them: so many numbers of processes, each cutting elsewhere.
cases="lf crlf bom trap"
jobs="2 3 4 5 8 13 21 34 64"
echo "1..$((4 * 10 + 5))"
for f in $cases; do
	run "$f-1" 1 1 "$T/$f.csv"
	for j in $jobs; do
		run "$f-$j" "$j" 1 "$T/$f.csv"
		check "$f.csv: -j $j" 'same "$f-1" "$f-$j"'
	done
	run "$f-big" 8 40000 "$T/$f.csv"
	check "$f.csv: -j 8, parts of at least 40000 bytes" \
	    'same "$f-1" "$f-big"'
done
check "the files have bad rows, reported with their lines" \
    'grep -q "lf.csv:[0-9]*: error: record has 6 fields" "$T/lf-1.err" &&
     grep -q "crlf.csv:[0-9]*: error: respondent .E[0-9]*.: item .score.: not a number" \
         "$T/crlf-1.err" && [ "$(cat "$T/lf-1.rc")" = 1 ]'

run all-1 1 1 "$T/lf.csv" "$T/crlf.csv" "$T/bom.csv"
run all-4 4 211 "$T/lf.csv" "$T/crlf.csv" "$T/bom.csv"
check "three files at once, -j 4" 'same all-1 all-4'

CAREKIT_JOBS_MIN_BYTES=1 indicator-calc -c "$T/ind.yaml" --partial -j 1 \
    "$T/lf.csv" >"$T/p1" 2>/dev/null
CAREKIT_JOBS_MIN_BYTES=1 indicator-calc -c "$T/ind.yaml" --partial -j 5 \
    "$T/lf.csv" >"$T/p5" 2>/dev/null
check "--partial: the same aggregates bit for bit" 'cmp -s "$T/p1" "$T/p5"'

# Workers write their aggregates to temporary files: under a file size
# limit of 512 bytes they die (SIGXFSZ), and their parts are read again
# by the parent.  Output goes through a pipe, which the limit spares.
(ulimit -f 1 && CAREKIT_JOBS_MIN_BYTES=1 indicator-calc -c "$T/ind.yaml" \
    -j 3 "$T/lf.csv" 2>&1; echo "status $?") | cat >"$T/dead"
(ulimit -f 1 && indicator-calc -c "$T/ind.yaml" -j 1 "$T/lf.csv" 2>&1;
    echo "status $?") | cat >"$T/alive"
check "a worker that dies is reported" \
    'grep -q "lf.csv: warning: worker process 2 of 3 failed: reading its part again" "$T/dead"'
check "and its part is read again: nothing lost, nothing twice" \
    'grep -v "warning: worker process" "$T/dead" | cmp -s - "$T/alive"'
