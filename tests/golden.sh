#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Golden tests: every tests/golden/<tool>/<case>.args runs <tool> with
# those arguments (shell words, evaluated with $T set to a fresh scratch
# directory) from inside tests/golden/<tool>/, with <case>.in as stdin if
# present, and compares stdout with <case>.out, stderr with <case>.err and
# the exit status with <case>.rc (0 when absent), exactly.  After the run,
# <case>.post, if present, is run with sh in the same place (with $T) and
# must exit 0: it checks files the program wrote.  Prints TAP.
src=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/golden.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM

cases=$(cd "$src/tests/golden" 2>/dev/null && ls */*.args 2>/dev/null | sort)
set -- $cases
echo "1..$#"
n=0
for c; do
	n=$((n + 1))
	tool=${c%%/*}
	name=${c%.args}
	dir=$src/tests/golden/$tool
	base=$src/tests/golden/$name
	T=$scratch/$n
	mkdir -p "$T"
	export T
	in=/dev/null
	[ -f "$base.in" ] && in=$base.in
	(cd "$dir" && eval "set -- $(cat "$base.args")" &&
	    exec "$tool" "$@") <"$in" >"$T/.out" 2>"$T/.err"
	rc=$?
	want_rc=0
	[ -f "$base.rc" ] && want_rc=$(cat "$base.rc")
	why=
	[ "$rc" = "$want_rc" ] || why="exit status $rc, expected $want_rc"
	if [ -z "$why" ] && ! cmp -s "$T/.out" "${base}.out" 2>/dev/null; then
		if [ -f "$base.out" ] || [ -s "$T/.out" ]; then
			why="stdout differs"
			diff -u "$base.out" "$T/.out" 2>&1 | head -40 | sed 's/^/# /'
		fi
	fi
	if [ -z "$why" ] && ! cmp -s "$T/.err" "${base}.err" 2>/dev/null; then
		if [ -f "$base.err" ] || [ -s "$T/.err" ]; then
			why="stderr differs"
			diff -u "$base.err" "$T/.err" 2>&1 | head -40 | sed 's/^/# /'
		fi
	fi
	if [ -z "$why" ] && [ -f "$base.post" ]; then
		(cd "$dir" && sh "$base.post") >"$T/.post" 2>&1 ||
		    { why="post check failed"; sed 's/^/# /' "$T/.post"; }
	fi
	if [ -z "$why" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name: $why"
	fi
done
