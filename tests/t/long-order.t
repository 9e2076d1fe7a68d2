#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A property of the readers of long CSV: the same rows in any order give
# the same table, byte for byte, or the run stops with status 2 and the
# line; rows duplicated are counted once, and said (status 1).  Checked
# for indicator-calc and acp-tally on the sample city's exports and on a
# generated export with faults planted in it, under many shuffles drawn
# from fixed seeds.  And survey-ingest's account: records read = written
# + rejected, on every input, and the rejects file holds every record
# rejected.  The inputs are made here.  Prints TAP.
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d "${TMPDIR:-/tmp}/long-order.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
I=$src/share/instruments
C=$src/share/examples/city
SEEDS="1 2 3 4 5 6"
n=0
check() {
	n=$((n + 1))
	if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}

echo "1..14"

# ingest NAME CODEBOOK WAVE RAW: survey-ingest into $T/NAME.long, the
# rejects into $T/NAME.rej, messages into $T/NAME.ierr.
ingest() {
	survey-ingest -c "$2" ${3:+-w "$3"} -r "$T/$1.rej" -o "$T/$1.long" \
	    "$4" 2>"$T/$1.ierr"
}

# The records of a CSV file, a line each: a quoted newline becomes \001.
records() {
	awk '{ rec = open ? rec "\001" $0 : $0
	       if (gsub(/"/, "\"") % 2) open = !open
	       if (!open) print rec }' "$@"
}

# shuffle SEED DUP FILE...: the rows of the long CSV streams of FILE as one
# stream, in an order drawn from SEED, each row also repeated with
# probability DUP, with its header and end line.
shuffle() {
	seed=$1 dup=$2
	shift 2
	records "$@" | awk -v seed="$seed" -v dup="$dup" '
	    BEGIN { srand(seed) }
	    /^source,wave,respondent,item,value/ || /^#end,/ { next }
	    { printf "%.12f\t%s\n", rand(), $0
	      if (rand() < dup) printf "%.12f\t%s\n", rand(), $0 }' |
	    sort -n -k1,1 | cut -f 2- | awk '
	    BEGIN { print "source,wave,respondent,item,value,origin" }
	    { gsub(/\001/, "\n"); print; n++ }
	    END { print "#end," n ",,,," }'
}

# The sample city's exports, as carekit-run ingests them.
w=
for f in needs-2019 needs-2022 needs-2025 citizen-2019 citizen-2022 \
    citizen-2025 training meeting acp-session acp-pre acp-post acp-cards; do
	case $f in
	*-20[0-9][0-9]) w=${f##*-} ;;
	*) w= ;;
	esac
	ingest "$f" "$I/${f%-20[0-9][0-9]}/codebook.yaml" "$w" "$C/$f.csv"
done
cat "$T"/needs-*.long "$T"/citizen-*.long "$T/training.long" \
    "$T/meeting.long" >"$T/ind.long"
cat "$T"/acp-*.long >"$T/acp.long"

# A generated export with faults planted: bad codes and numbers, a
# duplicate id, a ragged row, a stray quote, free text over lines with
# quotes and commas, full-width digits, blank lines.
cat >"$T/gen.yaml" <<'EOF'
source: gen
wave: "2025"
id:
  column: id
items:
  - {name: area, type: code, required: true, codes: {1: 北部, 2: 中部, 3: 南部}}
  - {name: q1, type: code, codes: {1: はい, 2: いいえ}, missing: [9]}
  - {name: q2, type: multi, codes: {1: a, 2: b, 3: c, 4: d}}
  - {name: age, type: integer, min: 65, max: 110}
  - {name: w, type: number, min: 0}
  - {name: note, type: text}
EOF
cat >"$T/gen-ind.yaml" <<'EOF'
title: gen
scenes:
  - name: s
    outcomes:
      - name: o
        indicators:
          - {id: q1, title: q1, kind: proportion, source: gen, item: q1,
             codes: [1], by: area}
          - {id: q2, title: q2, kind: distribution, source: gen, item: q2,
             by: area}
          - {id: age, title: age, kind: mean, source: gen, item: age,
             weight: w}
          - {id: n, title: n, kind: count, source: gen, by: area}
EOF
awk 'BEGIN {
	srand(7)
	print "id,area,q1,q2,age,w,note"
	for (i = 1; i <= 3000; i++) {
		r = rand()
		id = sprintf("G%05d", i)
		if (r < 0.01) id = "G00010"			# duplicate id
		area = 1 + int(rand() * 3)
		if (r > 0.99) area = 7				# bad code
		q1 = rand() < 0.1 ? 9 : 1 + int(rand() * 2)
		q2 = (1 + int(rand() * 4)) ";" (1 + int(rand() * 4))
		age = 65 + int(rand() * 40)
		if (r > 0.98 && r <= 0.99) age = "七十"		# not a number
		if (r > 0.3 && r < 0.35) age = "８０"		# full width
		note = rand() < 0.1 ? "\"line one\nline \"\"two\"\", with a comma\"" : "ok"
		line = id "," area "," q1 "," q2 "," age "," sprintf("%.2f", 0.5 + rand()) "," note
		if (r > 0.5 && r < 0.505) line = line ",extra"	# ragged
		if (r > 0.6 && r < 0.602) line = id ",1,\"1,1;2,70,1,x"	# stray quote
		print line
		if (r > 0.7 && r < 0.71) print ""
	}
}' >"$T/gen.csv"
ingest gen "$T/gen.yaml" "" "$T/gen.csv"

# Every run's account: records = written + rejected, and as many
# records in its rejects file (after its header) as it rejected.
account() {
	for e in "$T"/*.ierr; do
		b=${e%.ierr}
		set -- $(sed -n 's/.*: \([0-9]*\) records, \([0-9]*\) written, \([0-9]*\) rejected.*/\1 \2 \3/p' "$e")
		[ $# = 3 ] && [ "$1" = $(($2 + $3)) ] || return 1
		[ "$(records "$b.rej" | sed 1d | wc -l)" = "$3" ] || return 1
	done
}
check "survey-ingest: records = written + rejected, all kept" 'account'
check "the generated export has every planted fault rejected" \
    'grep -q "duplicate id" "$T/gen.ierr" && grep -q "ragged\|fields, expected" "$T/gen.ierr" &&
     grep -q "quote" "$T/gen.ierr" && grep -q "not an integer" "$T/gen.ierr"'

# run NAME PROG CONFIG [FILE]: stdout, stderr and status into $T/NAME.*;
# no FILE: standard input from $T/in.
run() {
	name=$1 prog=$2 cfg=$3
	shift 3
	if [ $# = 0 ]; then
		"$prog" -c "$cfg" <"$T/in" >"$T/$name.out" 2>"$T/$name.err"
	else
		"$prog" -c "$cfg" "$@" >"$T/$name.out" 2>"$T/$name.err"
	fi
	echo $? >"$T/$name.rc"
}

# property SET PROG CONFIG: the table of SET's long file in order, then
# for each seed the rows shuffled (by name: the same table and status;
# on standard input: status 2, no table, the line), and shuffled with
# rows repeated (the same table, status 1, the repeats said).
property() {
	set=$1 prog=$2 cfg=$3
	run "$set-base" "$prog" "$cfg" "$T/$set.long"
	same=0 stdin=0 dups=0
	for s in $SEEDS; do
		shuffle "$s" 0 "$T/$set.long" >"$T/$set-$s.long"
		run "$set-$s" "$prog" "$cfg" "$T/$set-$s.long"
		cmp -s "$T/$set-base.out" "$T/$set-$s.out" &&
		    cmp -s "$T/$set-base.rc" "$T/$set-$s.rc" && same=$((same + 1))
		cp "$T/$set-$s.long" "$T/in"
		run "$set-$s-in" "$prog" "$cfg"
		[ "$(cat "$T/$set-$s-in.rc")" = 2 ] && [ ! -s "$T/$set-$s-in.out" ] &&
		    grep -q "<stdin>:[0-9]*: error: respondent .*: give the file by name" \
		    "$T/$set-$s-in.err" && stdin=$((stdin + 1))
		shuffle "$s" 0.05 "$T/$set.long" >"$T/$set-$s-dup.long"
		run "$set-$s-dup" "$prog" "$cfg" "$T/$set-$s-dup.long"
		cmp -s "$T/$set-base.out" "$T/$set-$s-dup.out" &&
		    [ "$(cat "$T/$set-$s-dup.rc")" = 1 ] &&
		    grep -q "rows read twice.*counted once" "$T/$set-$s-dup.err" &&
		    dups=$((dups + 1))
	done
	k=$(echo $SEEDS | wc -w)
	check "$prog $set: shuffled by name, the same table ($same of $k)" \
	    '[ $same = $k ]'
	# Grouped through sorted runs on disk: 64 KiB of memory.
	CAREKIT_SORT_MEMORY=65536 run "$set-spill" "$prog" "$cfg" \
	    "$T/$set-1-dup.long"
	check "$prog $set: grouped through temporary files, the same" \
	    'cmp -s "$T/$set-1-dup.out" "$T/$set-spill.out" &&
	     cmp -s "$T/$set-1-dup.err" "$T/$set-spill.err"'
	check "$prog $set: shuffled on standard input, status 2 and the line ($stdin of $k)" \
	    '[ $stdin = $k ]'
	check "$prog $set: rows repeated, the same table, status 1 ($dups of $k)" \
	    '[ $dups = $k ]'
}

property ind indicator-calc "$src/share/indicators/chofu.yaml"
property gen indicator-calc "$T/gen-ind.yaml"
property acp acp-tally "$src/share/acp/acp.yaml"
