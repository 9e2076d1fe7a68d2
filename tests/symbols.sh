#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# libcare may export only care_* names (the static-library form of jq's
# -export-symbols-regex): a helper without the prefix must be static.
lib=${top_builddir:-.}/lib/libcare.a
echo "1..1"
bad=$(${NM:-nm} -g --defined-only "$lib" | awk 'NF == 3 && $3 !~ /^care_/ { print $3 }')
if [ -z "$bad" ]; then
	echo "ok 1 - libcare exports only care_* names"
else
	echo "not ok 1 - libcare exports names without the care_ prefix"
	printf '# %s\n' $bad
fi
