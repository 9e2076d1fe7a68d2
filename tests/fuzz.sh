#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Replays every fuzz corpus through its target (built by make check from
# tests/fuzz/fuzz_<name>.c and tests/fuzz/replay.c).  Prints TAP.
src=${top_srcdir:-.}
bld=${top_builddir:-.}
total=0
for t in "$bld"/tests/fuzz/replay_*; do
	[ -x "$t" ] || continue
	name=${t##*/replay_}
	set -- "$src"/tests/fuzz/corpus/"$name"/*
	[ -e "$1" ] && total=$((total + $#))
done
echo "1..$total"
n=0
for t in "$bld"/tests/fuzz/replay_*; do
	[ -x "$t" ] || continue
	name=${t##*/replay_}
	for f in "$src"/tests/fuzz/corpus/"$name"/*; do
		[ -e "$f" ] || continue
		n=$((n + 1))
		if "$t" "$f" >/dev/null 2>&1; then
			echo "ok $n - $name/${f##*/}"
		else
			echo "not ok $n - $name/${f##*/}"
		fi
	done
done
