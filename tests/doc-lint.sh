#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every manual page must be clean under mandoc -Tlint (skipped, exit 77,
# when mandoc is not installed).
src=${top_srcdir:-.}
if [ -z "$MANDOC" ] || ! [ -x "$MANDOC" ]; then
	echo "1..0 # SKIP mandoc not installed (apt-get install mandoc)"
	exit 0
fi
set -- "$src"/docs/*.[157]
[ -e "$1" ] || { echo "1..0 # SKIP no manual pages"; exit 0; }
echo "1..$#"
n=0
for page; do
	n=$((n + 1))
	out=$("$MANDOC" -Tlint -W warning "$page" 2>&1)
	if [ -z "$out" ]; then
		echo "ok $n - ${page##*/}"
	else
		echo "not ok $n - ${page##*/}"
		printf '%s\n' "$out" | sed 's/^/# /'
	fi
done
