#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the version 2 fixtures of the order, duplicate and stream cases
# from edge.csv (version 1): each respondent's first row gets an origin in
# a raw export 'edge-raw.csv' (its line, as survey-ingest would write it),
# one weight is planted bad, and the stream (one, its repeated header
# dropped) gets its end line.  Then the
# same rows sorted by item (not together), and the first half, cut.
#   sh make-v2.sh   (from this directory)
set -eu
awk -F, 'NR == 1 { print $0 ",origin"; next }
	/^source,/ { next }	# a repeated header: one stream here
	{ key = $1 FS $2 FS $3
	  o = ""
	  if (key != last) { n++; o = "edge-raw.csv:" n + 1; last = key }
	  if ($3 == "E0007" && $4 == "w") $5 = "abc"
	  print $0 "," o; rows++ }
	END { print "#end," rows ",,,," }' OFS=, edge.csv >edge2.csv
{
	head -n 1 edge2.csv
	sed -e 1d -e '/^#end,/d' edge2.csv | sort -t, -k4,4 -k3,3 -s
	tail -n 1 edge2.csv
} >edge2-sorted.csv
n=$(($(wc -l <edge2.csv) / 2))
head -n "$n" edge2.csv >edge2-cut.csv
