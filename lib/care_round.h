/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Percentages as offices print them: integer or one decimal, rounded
 * half-up cell by cell (what a spreadsheet shows, so a table may sum to
 * 99 or 101) or by the largest-remainder method (Hamilton), so that a
 * table that is a partition sums to exactly 100.  Integer arithmetic
 * only: no floating point, so results never depend on the platform.
 */
#ifndef CARE_ROUND_H
#define CARE_ROUND_H

#include <stddef.h>

enum care_round_method {
	CARE_ROUND_HALF_UP,
	CARE_ROUND_LARGEST_REMAINDER
};

/* Parses "half-up" or "largest-remainder"; returns 0 or -1. */
int care_round_parse(const char *name, enum care_round_method *out);
/* "half-up" or "largest-remainder". */
const char *care_round_name(enum care_round_method m);

/*
 * count/total as a percentage in units of 10^-decimals percent (so 385
 * means 38.5% when decimals is 1), rounded half-up.  decimals is 0 or 1;
 * a total of 0 gives 0.
 */
long care_round_share(unsigned long count, unsigned long total,
    int decimals);

/*
 * Shares of counts[0..n) of total into out[0..n), in the units above.
 * Half-up rounds each cell.  Largest remainder first truncates every
 * cell, then gives one unit each to the cells with the largest
 * remainders (ties to the earlier cell) until the cells sum to the
 * half-up share of the sum of counts: 100 (or 1000) when the counts add
 * up to total.  Returns the sum of out.
 */
long care_round_shares(const unsigned long *counts, size_t n,
    unsigned long total, int decimals, enum care_round_method m, long *out);

/* Writes a share ("38", "38.5") into buf; returns its length or -1. */
int care_round_format(long share, int decimals, char *buf, size_t size);

#endif /* CARE_ROUND_H */
