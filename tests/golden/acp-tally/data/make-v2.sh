#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the version 2 fixtures of the order, duplicate and stream cases:
# sessions.csv, pre.csv, post.csv and cards.csv (version 1) as one
# stream of version 2, each record's first row with an origin in a raw
# export named after its file, and the end line; then the same rows
# sorted by item (not together), and the first half, cut.
#   sh make-v2.sh   (from this directory)
set -eu
awk -F, 'FNR == 1 { next }
	{ key = FILENAME FS $1 FS $3
	  o = ""
	  if (key != last) {
		  n[FILENAME]++
		  o = "raw-" FILENAME ":" n[FILENAME] + 1
		  last = key
	  }
	  body = body $0 "," o "\n"; rows++ }
	END { printf "source,wave,respondent,item,value,origin\n%s", body
	      print "#end," rows ",,,," }' \
    sessions.csv pre.csv post.csv cards.csv >all2.csv
{
	head -n 1 all2.csv
	sed -e 1d -e '/^#end,/d' all2.csv | sort -t, -k4,4 -k3,3 -s
	tail -n 1 all2.csv
} >all2-sorted.csv
n=$(($(wc -l <all2.csv) / 2))
head -n "$n" all2.csv >all2-cut.csv
