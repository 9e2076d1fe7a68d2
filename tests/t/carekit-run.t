#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# carekit-run end to end on the sample city: outputs, exit status, rejects
# counts, the -n plan, quoting, a killed step, concurrent runs, the lock,
# and carekit-plan's errors.  Prints TAP.
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${top_builddir:-$src}
src=$(cd "$src" && pwd -P)
T=$(mktemp -d "${TMPDIR:-/tmp}/carekit-run.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM

CAREKIT_PLAN=${CAREKIT_PLAN:-$build/src/carekit-plan}
CAREKIT_BINDIR=${CAREKIT_BINDIR:-$build/src}
CAREKIT_LOCK_WAIT=120
export CAREKIT_PLAN CAREKIT_BINDIR CAREKIT_LOCK_WAIT
sh=sh
command -v dash >/dev/null 2>&1 && sh=dash
run=$build/bin/carekit-run
[ -f "$run" ] || run=$src/bin/carekit-run.in
cr() { "$sh" "$run" "$@"; }

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; return 1; fi; }
echo "1..18"

# The sample project, in a copy of the tree's layout (the paths of
# carekit.yaml are relative).  A step whose program lacks a feature
# (charts, the report) is left out and said so.
P=$T/share/examples
mkdir -p "$P"
for d in instruments indicators acp guidebook; do
	ln -s "$src/share/$d" "$T/share/$d"
done
ln -s "$src/share/examples/city" "$P/city"
cp "$src/share/examples/carekit.yaml" "$P/carekit.yaml"
if "$CAREKIT_BINDIR/indicator-calc" -c /dev/null -f svg </dev/null 2>&1 |
    grep -q "'svg'"; then
	echo "# indicator-calc or acp-tally lacks -f svg: charts left out"
	sed 's/^  inputs: \[/  chart: false\n&/' "$P/carekit.yaml" >"$P/c.yaml"
	mv "$P/c.yaml" "$P/carekit.yaml"
fi
if [ -f "$src/share/examples/report.yaml" ]; then
	ln -s "$src/share/examples/report.yaml" "$P/report.yaml"
else
	echo "# share/examples/report.yaml missing: report left out"
	sed -i '/^report:/,$d' "$P/carekit.yaml"
fi
O=$T/out

# 1-4: the sample run: exit 1 (deliberate rejects), every output there.
cr -C "$P" -o "$O" 2>"$T/err1"
rc=$?
check "sample run exits 1" [ "$rc" = 1 ]
day=$(date +%Y-%m-%d)
D=$O/$day
missing=
for f in check.csv acp.csv rejects-summary.csv provenance.csv \
    guidebooks/guidebook.pdf guidebooks/guidebook.html \
    long/needs-2019.csv long/station-survey.csv rejects/meeting.csv; do
	[ -s "$D/$f" ] || missing="$missing $f"
done
grep -q 'chart: false' "$P/carekit.yaml" ||
    for f in charts/trends.svg charts/acp.svg; do
	[ -s "$D/$f" ] || missing="$missing $f"
done
[ -f "$P/report.yaml" ] && for f in report.html report.pdf; do
	[ -s "$D/$f" ] || missing="$missing $f"
done
check "outputs exist${missing:+ (missing:$missing)}" [ -z "$missing" ]
cat >"$T/want-rej" <<'EOF'
input,records,written,rejected,rejects_file
needs-2019,3379,3376,3,rejects/needs-2019.csv
needs-2022,3151,3148,3,rejects/needs-2022.csv
needs-2025,2961,2957,4,rejects/needs-2025.csv
citizen-2019,1520,1518,2,rejects/citizen-2019.csv
citizen-2022,1465,1463,2,rejects/citizen-2022.csv
citizen-2025,1541,1538,3,rejects/citizen-2025.csv
acp-session,53,52,1,rejects/acp-session.csv
acp-pre,614,613,1,rejects/acp-pre.csv
acp-post,599,598,1,rejects/acp-post.csv
acp-cards,599,598,1,rejects/acp-cards.csv
training,438,434,4,rejects/training.csv
meeting,40,38,2,rejects/meeting.csv
clinic-survey,41,38,3,rejects/clinic-survey.csv
station-survey,21,19,2,rejects/station-survey.csv
EOF
check "rejects-summary.csv counts per input" cmp -s "$T/want-rej" \
    "$D/rejects-summary.csv"
sum=$(sha256sum <"$src/share/examples/city/meeting.csv" | cut -d ' ' -f 1)
check "provenance.csv has checksums and versions" eval \
    'grep -q "/city/meeting.csv,$sum,2737,input\$" "$D/provenance.csv" &&
     grep -q "^# survey-ingest: survey-ingest (carekit) " "$D/provenance.csv"'

# 5: the log: start, one line per step, end with the directory.
steps=$(cr -n -C "$P" -o "$O" | grep -c '^# [a-z]')
lines=$(wc -l <"$O/carekit.log")
check "log has a line per step, start and end ($lines)" eval \
    '[ "$lines" -eq $((steps + 1)) ] &&
     tail -n 1 "$O/carekit.log" | grep -q "	end	1	$D\$"'

# 6: -n pinned, on a project whose names need quoting.
Q=$T/q
mkdir -p "$Q/data"
cp "$src/tests/data/project/data/"* "$Q/data/"
sed "s|\.\./\.\./\.\./share|$src/share|" \
    "$src/tests/data/project/carekit.yaml" >"$Q/carekit.yaml"
cat >"$T/want-n" <<EOF
# carekit-run: $Q/carekit.yaml
mkdir -p '$Q/out dir/.carekit-run.XXXXXX'
cd '$Q/out dir/.carekit-run.XXXXXX'
mkdir long rejects charts guidebooks logs
# ingest:meeting
@BIN@/survey-ingest -c $src/share/instruments/meeting/codebook.yaml -w '令和7年度 '\\''q'\\''' -r rejects/meeting.csv -o long/meeting.csv '$Q/data/会議 it'\\''s "x".csv'
# rejects-summary: rejects-summary.csv, written by carekit-run
# provenance: provenance.csv, written by carekit-run
mv '$Q/out dir/.carekit-run.XXXXXX' '$Q/out dir/@DAY@'
EOF
Qr=$(cd "$Q" && pwd -P)
(cd "$Q" && cr -n) | sed "s|$CAREKIT_BINDIR|@BIN@|; s|$day|@DAY@|" |
    sed "s|$Qr|$Q|g" >"$T/got-n"
if cmp -s "$T/want-n" "$T/got-n"; then ok "-n output pinned"; else
	nok "-n output pinned"; diff -u "$T/want-n" "$T/got-n" | sed 's/^/# /'
fi

# 7: the quoted words survive: the wave with a quote reaches long CSV.
(cd "$Q" && cr) 2>/dev/null
rc=$?
check "quoted names run (exit $rc)" eval \
    '[ "$rc" = 1 ] && grep -q "^meeting,令和7年度 '\''q'\''," \
     "$Q/out dir/$day/long/meeting.csv"'

# 8-10: a killed step: no new directory, the previous one intact.
W=$T/wrap
mkdir "$W"
for p in survey-ingest acp-tally guidebook-render; do
	ln -s "$CAREKIT_BINDIR/$p" "$W/$p"
done
printf '#!/bin/sh\nkill -KILL $$\n' >"$W/indicator-calc"
chmod +x "$W/indicator-calc"
before=$(cd "$O" && find . ! -name carekit.log | sort | sha256sum)
beforesum=$(cat "$D/check.csv" "$D/provenance.csv" | sha256sum)
CAREKIT_BINDIR=$W cr -C "$P" -o "$O" 2>"$T/err2"
rc=$?
check "killed step: exit 2" [ "$rc" = 2 ]
after=$(cd "$O" && find . ! -name carekit.log | sort | sha256sum)
check "killed step: previous directory intact, nothing new" eval \
    '[ -s "$D/check.csv" ] && [ "$after" = "$before" ] &&
     [ ! -e "$O/$day-2" ] &&
     [ "$(cat "$D/check.csv" "$D/provenance.csv" | sha256sum)" = "$beforesum" ]'
check "killed step: no temp dir, log says so" eval \
    '! ls -d "$O"/.carekit-run.??* 2>/dev/null | grep -v lock >/dev/null &&
     tail -n 1 "$O/carekit.log" | grep -q "	end	2	failed at check"'

# 11-12: two runs at once: the second waits; logs not interleaved.
rm -rf "$O"
cr -C "$P" -o "$O" 2>"$T/c1" &
p1=$!
cr -C "$P" -o "$O" 2>"$T/c2" &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
check "concurrent runs both finish with 1 ($r1 $r2)" eval \
    '[ "$r1" = 1 ] && [ "$r2" = 1 ] && [ -s "$O/$day/provenance.csv" ] &&
     [ -s "$O/$day-2/provenance.csv" ]' ||
    { sed 's/^/# c1: /' "$T/c1"; sed 's/^/# c2: /' "$T/c2";
      sed 's/^/# log: /' "$O/carekit.log"; }
blocks=$(cut -f 2 "$O/carekit.log" | uniq | wc -l)
check "concurrent runs: log lines not interleaved ($blocks blocks)" \
    [ "$blocks" -eq 2 ]

# 13-14: the directory lock, with a stale lock left by a dead process.
rm -rf "$O"
mkdir -p "$O/.carekit-run.lock.d"
sh -c 'echo $$' >"$O/.carekit-run.lock.d/pid"
CAREKIT_NO_FLOCK=1 cr -C "$Q" -o "$O" 2>"$T/e3"
rc=$?
check "stale directory lock removed (exit $rc)" eval \
    '[ "$rc" = 1 ] && grep -q "stale lock" "$T/e3" &&
     [ ! -e "$O/.carekit-run.lock.d" ]'
mkdir "$O/.carekit-run.lock.d"
echo $$ >"$O/.carekit-run.lock.d/pid"
CAREKIT_NO_FLOCK=1 CAREKIT_LOCK_WAIT=1 cr -C "$Q" -o "$O" 2>"$T/e4"
rc=$?
check "held directory lock: exit 2 with a message" eval \
    '[ "$rc" = 2 ] && grep -q "still holds" "$T/e4"'
rm -rf "$O/.carekit-run.lock.d"

# 15-16: one empty export (0 bytes): the rest of the cycle runs, the
# run ends with 1, and the log line of its step says why.
E=$T/empty/share/examples
mkdir -p "$E/city"
for d in instruments indicators acp guidebook; do
	ln -s "$src/share/$d" "$T/empty/share/$d"
done
for f in "$src/share/examples/city/"*; do
	ln -s "$f" "$E/city/"
done
rm "$E/city/citizen-2022.csv"
: >"$E/city/citizen-2022.csv"
cp "$P/carekit.yaml" "$E/carekit.yaml"
[ -f "$P/report.yaml" ] && ln -s "$P/report.yaml" "$E/report.yaml"
cr -C "$E" -o "$T/eout" 2>"$T/e5"
rc=$?
check "empty export: exit 1, every output there ($rc)" eval \
    '[ "$rc" = 1 ] && [ -s "$T/eout/$day/check.csv" ] &&
     [ -s "$T/eout/$day/acp.csv" ] &&
     [ -s "$T/eout/$day/guidebooks/guidebook.pdf" ] &&
     grep -q "^citizen-2022,0,0,0," "$T/eout/$day/rejects-summary.csv"' ||
    sed 's/^/# /' "$T/e5"
check "empty export: the log says which and why" eval \
    'grep -q "	ingest:citizen-2022	1	survey-ingest: .*/citizen-2022.csv: error: empty file: no header line\$" "$T/eout/carekit.log" &&
     tail -n 1 "$T/eout/carekit.log" | grep -q "	end	1	$T/eout/$day\$" &&
     grep -q "input citizen-2022: .*empty file" "$T/e5"'

# 17-18: carekit-plan: every error with file:line:col, exit 2.
B=$src/tests/data/project/bad/carekit.yaml
"$CAREKIT_PLAN" "$B" >"$T/out5" 2>"$T/err5"
rc=$?
check "carekit-plan: bad project exits 2, no plan" eval \
    '[ "$rc" = 2 ] && [ ! -s "$T/out5" ]'
cat >"$T/want5" <<EOF
carekit-plan: $B:2:1: error: unknown key 'outptu'; did you mean 'output'?
carekit-plan: $B:5:11: error: file: 'no-such.csv': No such file or directory
carekit-plan: $B:7:15: error: encoding: 'sjis' is not one of: auto, utf-8, cp932
carekit-plan: $B:8:11: error: input 'needs-2025' is already defined on line 4
carekit-plan: $B:13:12: error: no input 'needs-2052'; did you mean 'needs-2025'?
carekit-plan: $B:17:20: error: format: 'docx' is not one of: pdf, html, text, md, csv
EOF
sed 's|^[^:]*carekit-plan:|carekit-plan:|' "$T/err5" >"$T/got5"
if cmp -s "$T/want5" "$T/got5"; then ok "carekit-plan: errors pinned"; else
	nok "carekit-plan: errors pinned"
	diff -u "$T/want5" "$T/got5" | sed 's/^/# /'
fi
