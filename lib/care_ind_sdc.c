/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * indicator-calc's disclosure control: cells counting fewer than K
 * respondents are withheld (primary suppression), then more cells are
 * withheld until no withheld cell is the only one in a line whose total
 * is published (complementary suppression), so none can be recovered by
 * subtraction from a total.
 */
#include <config.h>

#include <stddef.h>

#include "care_ind_int.h"

/* 0 < x < k: a small cell (0 may be published). */
static int
small(long x, long k)
{
	return x > 0 && x < k;
}

static void
primary(struct care_ind *t, struct ind_row *r)
{
	enum ind_kind kind = t->st[r->ind].d->kind;
	long k = t->opts.min_cell;

	if (kind == K_COUNT || kind == K_SUM)
		return;
	if (small(r->n, k))
		r->flags |= R_NSUPP | R_SUPP;
	if ((kind == K_PROPORTION || kind == K_DISTRIBUTION) &&
	    (small(r->count, k) || small(r->n - r->count, k)))
		r->flags |= R_SUPP;
	if (kind == K_PAIRED && (small(r->pair[2] + r->pair[3], k) ||
	    small(r->pair[0] + r->pair[1], k) ||
	    small(r->pair[1] + r->pair[3], k) ||
	    small(r->pair[0] + r->pair[2], k)))
		r->flags |= R_SUPP;
}

/* Withholds n (and so everything) in every row of r's wave and group. */
static int
suppress_group(struct ind_row *v, size_t n, const struct ind_row *r)
{
	size_t i;
	int changed = 0;

	for (i = 0; i < n; i++)
		if (v[i].wave == r->wave && v[i].by == r->by &&
		    v[i].level == r->level && !(v[i].flags & R_NSUPP)) {
			v[i].flags |= R_NSUPP | R_SUPP;
			changed = 1;
		}
	return changed;
}

/*
 * One line of cells adding up to a published total: rows of v that
 * match (wave, by, cat) over the groups (line 0), or (wave, by, level)
 * over the categories (line 1).  flag is R_NSUPP for the n column.
 */
static int
line(struct ind_row *v, size_t n, const struct ind_row *key, int across,
    unsigned flag)
{
	size_t i, nsupp = 0, best = n;
	long bx = 0, x;

	for (i = 0; i < n; i++) {
		if (v[i].wave != key->wave || v[i].by != key->by)
			continue;
		if (across ? v[i].level != key->level : v[i].cat != key->cat)
			continue;
		if (v[i].flags & flag) {
			nsupp++;
			continue;
		}
		if (v[i].n == 0)
			continue;
		x = flag == R_NSUPP ? v[i].n : v[i].count;
		if (best == n || x < bx) {
			best = i;
			bx = x;
		}
	}
	if (nsupp != 1 || best == n)
		return 0;
	if (flag == R_NSUPP)
		return suppress_group(v, n, &v[best]);
	v[best].flags |= R_SUPP;
	return 1;
}

/* The row of the total for r's wave and category, or NULL. */
static const struct ind_row *
total_of(const struct ind_row *v, size_t n, const struct ind_row *r)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].by == 0 && v[i].wave == r->wave && v[i].cat == r->cat)
			return &v[i];
	return NULL;
}

/* One pass of complementary suppression; nonzero if it withheld more. */
static int
complement(struct care_ind *t, struct ind_row *v, size_t n)
{
	enum ind_kind kind = t->st[v[0].ind].d->kind;
	const struct ind_row *tot;
	size_t i;
	int changed = 0;

	for (i = 0; i < n; i++) {
		if (v[i].by != 0 && (tot = total_of(v, n, &v[i])) != NULL) {
			if (!(tot->flags & R_NSUPP))
				changed |= line(v, n, &v[i], 0, R_NSUPP);
			if (!(tot->flags & R_SUPP))
				changed |= line(v, n, &v[i], 0, R_SUPP);
		}
		if (kind == K_DISTRIBUTION && !(v[i].flags & R_NSUPP))
			changed |= line(v, n, &v[i], 1, R_SUPP);
	}
	return changed;
}

void
care_ind_sdc(struct care_ind *t, struct ind_row *v, size_t n)
{
	size_t i;

	if (t->opts.min_cell <= 0 || n == 0)
		return;
	for (i = 0; i < n; i++)
		primary(t, &v[i]);
	for (i = 0; i < n; i++)
		if (v[i].flags & R_NSUPP)
			(void)suppress_group(v, n, &v[i]);
	while (complement(t, v, n))
		continue;
}
