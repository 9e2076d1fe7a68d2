# SPDX-License-Identifier: GPL-3.0-or-later
# Compares indicator-calc CSV (second file) with R's reference.csv (first
# file) for one case: every reference figure must be in the output within
# 1e-9 relative (a test statistic that is 0 in exact arithmetic may be
# rounding noise below 1e-12 on either side).  NA must be an empty cell.
#   awk -F, -v case=edge-wilson -f check.awk reference.csv out.csv
FNR == NR {
	if ($1 != case)
		next
	k = $2 SUBSEP $3 SUBSEP $4 SUBSEP $5 SUBSEP $6
	ref[k, $7] = $8
	keys[k, $7] = 1
	nref++
	next
}
FNR == 1 {
	for (i = 1; i <= NF; i++)
		col[$i] = i
	next
}
{
	k = $col["indicator"] SUBSEP $col["wave"] SUBSEP $col["by"] SUBSEP \
	    $col["group"] SUBSEP $col["category"]
	for (kf in keys) {
		split(kf, part, SUBSEP)
		if (part[1] SUBSEP part[2] SUBSEP part[3] SUBSEP part[4] SUBSEP \
		    part[5] != k)
			continue
		f = part[6]
		want = ref[kf]
		got = $col[f]
		seen[kf]++
		if (want == "NA") {
			if (got != "") {
				printf "%s %s: got %s, R gives NA\n", k, f, got
				bad++
			}
			continue
		}
		if (got == "") {
			printf "%s %s: empty, R gives %s\n", k, f, want
			bad++
			continue
		}
		d = got - want
		if (d < 0) d = -d
		m = want < 0 ? -want : want
		g = got < 0 ? -got : got
		if (g > m) m = g
		if (d > 1e-9 * m && !(f == "statistic" && m < 1e-12)) {
			printf "%s %s: got %s, R gives %s\n", k, f, got, want
			bad++
		}
	}
}
END {
	for (kf in keys)
		if (!(kf in seen)) {
			printf "missing: %s\n", kf
			bad++
		}
	if (nref == 0) {
		print "no reference figures for " case
		exit 1
	}
	printf "%d figures compared with R\n", nref
	exit bad > 0
}
