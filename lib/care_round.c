/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Percentage rounding: half-up per cell, or largest remainder to 100. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "care_round.h"

/* Units in 100%: 100 for integers, 1000 for one decimal. */
static unsigned long long
scale(int decimals)
{
	return decimals > 0 ? 1000 : 100;
}

int
care_round_parse(const char *name, enum care_round_method *out)
{
	if (strcmp(name, "half-up") == 0)
		*out = CARE_ROUND_HALF_UP;
	else if (strcmp(name, "largest-remainder") == 0)
		*out = CARE_ROUND_LARGEST_REMAINDER;
	else
		return -1;
	return 0;
}

const char *
care_round_name(enum care_round_method m)
{
	return m == CARE_ROUND_LARGEST_REMAINDER ? "largest-remainder" :
	    "half-up";
}

long
care_round_share(unsigned long count, unsigned long total, int decimals)
{
	unsigned long long s = scale(decimals);

	if (total == 0)
		return 0;
	/* floor(count * s / total + 1/2), exactly. */
	return (long)((2 * (unsigned long long)count * s + total) /
	    (2 * (unsigned long long)total));
}

/* Index of the cell not yet raised with the largest remainder, or n. */
static size_t
largest_remainder(const unsigned long *counts, size_t n,
    unsigned long total, unsigned long long s, const long *out)
{
	unsigned long long r, best = 0;
	size_t i, at = n;

	for (i = 0; i < n; i++) {
		r = (unsigned long long)counts[i] * s % total;
		/* A raised cell holds its quotient plus one. */
		if (r == 0 || (unsigned long long)out[i] !=
		    (unsigned long long)counts[i] * s / total)
			continue;
		if (at == n || r > best) {
			best = r;
			at = i;
		}
	}
	return at;
}

long
care_round_shares(const unsigned long *counts, size_t n,
    unsigned long total, int decimals, enum care_round_method m, long *out)
{
	unsigned long long s = scale(decimals), sumc = 0;
	long sum = 0, target;
	size_t i, at;

	for (i = 0; i < n; i++) {
		sumc += counts[i];
		if (total == 0)
			out[i] = 0;
		else if (m == CARE_ROUND_HALF_UP)
			out[i] = care_round_share(counts[i], total, decimals);
		else
			out[i] = (long)((unsigned long long)counts[i] * s /
			    total);
		sum += out[i];
	}
	if (m == CARE_ROUND_HALF_UP || total == 0)
		return sum;
	target = care_round_share((unsigned long)sumc, total, decimals);
	while (sum < target) {
		at = largest_remainder(counts, n, total, s, out);
		if (at == n)
			break;
		out[at]++;
		sum++;
	}
	return sum;
}

int
care_round_format(long share, int decimals, char *buf, size_t size)
{
	int len;

	if (decimals > 0)
		len = snprintf(buf, size, "%s%ld.%ld", share < 0 ? "-" : "",
		    (share < 0 ? -share : share) / 10,
		    (share < 0 ? -share : share) % 10);
	else
		len = snprintf(buf, size, "%ld", share);
	return len < 0 || (size_t)len >= size ? -1 : len;
}
