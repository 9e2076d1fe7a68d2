#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make bench: times carekit's programs against the floors and peers of
# the shared peer benchmarks (a bare libcsv parse, Miller, datamash) on
# the same generated files, and prints one table with the ratios.  A
# benchmark, not a test: it never fails on a figure.
#
# Environment: BENCH_DIR (scratch, default $TMPDIR/carekit-bench),
#   BENCH_SHARED (the peer scripts, default ../shared/bench beside the
#   source tree), ROWS (default 1000000), RUNS (best of, default 3),
#   PEERS=0 to skip Miller and datamash (slow), and top_srcdir/top_builddir.
set -eu
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
bld=${top_builddir:-$src}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/carekit-bench}
BENCH_SHARED=${BENCH_SHARED:-$src/../shared/bench}
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
PEERS=${PEERS:-1}
export BENCH_DIR

[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
[ -f "$BENCH_SHARED/gen_survey.py" ] ||
    { echo "bench: no peer scripts in $BENCH_SHARED (set BENCH_SHARED)" >&2; exit 2; }
mkdir -p "$BENCH_DIR"
wide=$BENCH_DIR/survey_$ROWS.csv
wide100k=$BENCH_DIR/survey_100000.csv
long=$BENCH_DIR/long_$ROWS.csv
cb=$src/share/bench/gen_survey-codebook.yaml
[ -s "$wide" ] || python3 "$BENCH_SHARED/gen_survey.py" "$ROWS" "$wide"
[ -s "$wide100k" ] || python3 "$BENCH_SHARED/gen_survey.py" 100000 "$wide100k"
[ -x "$BENCH_DIR/csvcount" ] || sh "$BENCH_SHARED/build_floor.sh" >/dev/null
[ -s "$long" ] || "$bld/src/survey-ingest" -c "$cb" -o "$long" "$wide" 2>/dev/null || true

results=$BENCH_DIR/results.tsv
: >"$results"

# measure NAME CMD...: best wall time and peak RSS of RUNS runs.
measure() {
	name=$1
	shift
	best= rss=
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		/usr/bin/time -f '%e %M' -o "$BENCH_DIR/.time" "$@" \
		    </dev/null >/dev/null 2>"$BENCH_DIR/.err" || true
		read -r t m <"$BENCH_DIR/.time" || continue
		if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then
			best=$t
		fi
		[ -z "$rss" ] || [ "$m" -gt "$rss" ] && rss=$m
	done
	printf '%s\t%s\t%s\n' "$name" "${best:-NA}" "${rss:-NA}" >>"$results"
	printf '%-34s %8s s %10s KiB\n' "$name" "${best:-NA}" "${rss:-NA}" >&2
}

echo "== wide survey, $ROWS records x 45 columns" >&2
measure floor-libcsv-parse "$BENCH_DIR/csvcount" "$wide"
measure survey-ingest-long "$bld/src/survey-ingest" -c "$cb" "$wide"
measure survey-ingest-long-100k "$bld/src/survey-ingest" -c "$cb" "$wide100k"
if [ "$PEERS" = 1 ] && command -v mlr >/dev/null 2>&1; then
	measure miller-reshape sh "$BENCH_SHARED/ops.sh" mlr_reshape "$wide"
fi
if [ -s "$long" ]; then
	echo "== long stream ($(wc -l <"$long") rows)" >&2
	measure floor-libcsv-parse-long "$BENCH_DIR/csvcount" "$long"
	if [ -x "$bld/src/indicator-calc" ] && [ -f "$src/share/bench/count-indicators.yaml" ]; then
		measure indicator-calc-count "$bld/src/indicator-calc" \
		    -c "$src/share/bench/count-indicators.yaml" "$long"
	fi
	if [ "$PEERS" = 1 ] && command -v mlr >/dev/null 2>&1; then
		measure miller-count-long mlr --icsv --ocsv count -g item,value "$long"
	fi
	if [ "$PEERS" = 1 ] && command -v datamash >/dev/null 2>&1; then
		measure datamash-count-long sh -c \
		    'datamash -t, --header-in -s -g 4,5 count 4 < "$1"' sh "$long"
	fi
fi

# Ratios against the floor and the peers.
awk -F '\t' '
	{ t[$1] = $2; m[$1] = $3 }
	function ratio(a, b) { return (t[a] != "" && t[b] != "" && t[b] > 0) ? sprintf("%.2f", t[a] / t[b]) : "NA" }
	END {
		print ""
		print "survey-ingest / bare libcsv parse:  " ratio("survey-ingest-long", "floor-libcsv-parse") "x (target <= 3)"
		print "Miller reshape / survey-ingest:     " ratio("miller-reshape", "survey-ingest-long") "x (target >= 20)"
		print "survey-ingest peak RSS 100k / 1M:   " m["survey-ingest-long-100k"] " / " m["survey-ingest-long"] " KiB"
		print "indicator-calc / bare parse (long): " ratio("indicator-calc-count", "floor-libcsv-parse-long") "x (target <= 2)"
		print "Miller count / indicator-calc:      " ratio("miller-count-long", "indicator-calc-count") "x (target >= 10)"
		print "datamash / indicator-calc:          " ratio("datamash-count-long", "indicator-calc-count") "x (target >= 10)"
	}' "$results"
