#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Japanese catalogue must translate every message in the sources:
# extracts the messages afresh (xgettext over po/POTFILES.in), merges
# po/ja.po into them, and fails on any untranslated or fuzzy message or
# a format string that does not match; and on a source file with
# messages that po/POTFILES.in does not list, whose messages would go
# untranslated unseen.  Prints TAP.
src=${top_srcdir:-.}
for t in xgettext msgmerge msgfmt; do
	command -v $t >/dev/null 2>&1 ||
	    { echo "1..0 # SKIP $t not installed (apt-get install gettext)"; exit 0; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/po-check.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
files=$(sed -e '/^#/d' -e '/^$/d' "$src/po/POTFILES.in")
echo "1..3"
# The options of po/Makevars; the language follows each file's name
# (bin/carekit-run.sh.in is shell).
opts=$(sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}' "$src/po/Makevars" |
    sed -n 's/^XGETTEXT_OPTIONS = //p')
(cd "$src" && xgettext $opts --output="$tmp/carekit.pot" $files) \
    2>"$tmp/err" ||
    { echo "not ok 1 - xgettext"; sed 's/^/# /' "$tmp/err"; exit 0; }
msgmerge --quiet --no-fuzzy-matching "$src/po/ja.po" "$tmp/carekit.pot" \
    -o "$tmp/ja.po" 2>"$tmp/err"
if msgfmt --check --statistics -o /dev/null "$tmp/ja.po" 2>"$tmp/stats"; then
	echo "ok 1 - ja.po is well-formed and its format strings match"
else
	echo "not ok 1 - ja.po has errors"
	sed 's/^/# /' "$tmp/stats"
fi
if grep -q 'untranslated\|fuzzy' "$tmp/stats"; then
	echo "not ok 2 - every message has a Japanese translation"
	sed 's/^/# /' "$tmp/stats"
	msgattrib --untranslated --no-wrap "$tmp/ja.po" 2>/dev/null |
	    sed -n 's/^msgid "\(.\+\)"$/#   \1/p' | head -n 20
else
	echo "ok 2 - every message has a Japanese translation"
fi
missing=$(cd "$src" && grep -l '_("' lib/*.c src/*.c 2>/dev/null |
    while read -r f; do
	printf '%s\n' "$files" | grep -qx "$f" || echo "$f"
    done)
if [ -z "$missing" ]; then
	echo "ok 3 - po/POTFILES.in lists every file with messages"
else
	echo "not ok 3 - po/POTFILES.in lists every file with messages"
	printf '%s\n' "$missing" | sed 's/^/#   /'
fi
