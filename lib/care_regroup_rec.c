/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A respondent's rows, gathered from anywhere in the input, settled
 * into the one record survey-ingest wrote (the rules: care_regroup.h).
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_long.h"
#include "care_regroup_int.h"

static int
field_cmp(const struct rg_row *a, const struct rg_row *b, int k)
{
	size_t n = a->len[k] < b->len[k] ? a->len[k] : b->len[k];
	int c = memcmp(a->f[k], b->f[k], n);

	if (c != 0)
		return c;
	return a->len[k] < b->len[k] ? -1 : a->len[k] > b->len[k];
}

static int
is_origin(const struct rg_row *r)
{
	return r->len[CARE_LONG_ORIGIN] > 0;
}

static int
same_key(const struct rg_row *a, const struct rg_row *b)
{
	return field_cmp(a, b, CARE_LONG_SOURCE) == 0 &&
	    field_cmp(a, b, CARE_LONG_WAVE) == 0 &&
	    field_cmp(a, b, CARE_LONG_RESP) == 0;
}

/* Respondents apart, each in input order. */
static int
key_cmp(const void *a, const void *b)
{
	const struct rg_row *x = a, *y = b;
	int c, k;

	for (k = CARE_LONG_SOURCE; k <= CARE_LONG_RESP; k++)
		if ((c = field_cmp(x, y, k)) != 0)
			return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Equal answers together: the one with the origin first, then the first. */
static int
answer_cmp(const void *a, const void *b)
{
	const struct rg_row *x = *(struct rg_row *const *)a;
	const struct rg_row *y = *(struct rg_row *const *)b;
	int c;

	if ((c = field_cmp(x, y, CARE_LONG_ITEM)) != 0 ||
	    (c = field_cmp(x, y, CARE_LONG_VALUE)) != 0)
		return c;
	if (is_origin(x) != is_origin(y))
		return is_origin(x) ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
same_answer(const struct rg_row *a, const struct rg_row *b)
{
	return field_cmp(a, b, CARE_LONG_ITEM) == 0 &&
	    field_cmp(a, b, CARE_LONG_VALUE) == 0;
}

/* Where a record is, for a message: its origin, else the long file. */
static const char *
place(const struct rg_row *r, const char *const *names, struct care_buf *b,
    unsigned long *line)
{
	size_t flen;

	if (is_origin(r) && care_long_origin_split(r->f[CARE_LONG_ORIGIN],
	    r->len[CARE_LONG_ORIGIN], &flen, line) == 0) {
		care_buf_set(b, r->f[CARE_LONG_ORIGIN], flen);
		return b->p;
	}
	*line = r->line;
	return names[r->file];
}

/* Sets aside the rows of one record that repeat another row of it. */
static void
drop_repeats(struct rg_row *r, size_t n, const char *const *names)
{
	struct rg_row **p = care_reallocarray(NULL, n + 1, sizeof(*p));
	struct rg_row *first = NULL, *again = NULL;
	struct care_buf b1 = CARE_BUF_INIT;
	unsigned long repeats = 0, l1;
	const char *f1;
	size_t i, k;

	for (i = 0; i < n; i++)
		p[i] = &r[i];
	qsort(p, n, sizeof(*p), answer_cmp);
	for (i = 1, k = 0; i < n; i++) {
		if (!same_answer(p[i], p[k])) {
			k = i;
			continue;
		}
		p[i]->kept = 0;
		repeats++;
		if (again == NULL || p[i]->seq < again->seq)
			first = p[k], again = p[i];
	}
	free(p);
	if (repeats == 0)
		return;
	f1 = place(first, names, &b1, &l1);
	care_diag(CARE_DIAG_ERROR, f1, l1, 0, _("respondent '%s': %lu of its "
	    "rows read twice (first at %s:%lu, again at %s:%lu): counted "
	    "once"), r->f[CARE_LONG_RESP], repeats, names[first->file],
	    first->line, names[again->file], again->line);
	care_buf_free(&b1);
}

/* Hands out a record: the row with its origin first, then input order. */
static void
emit(struct rg_row *r, size_t n, care_regroup_fn *fn, void *ctx)
{
	size_t i, o = n;

	for (i = 0; i < n && o == n; i++)
		if (r[i].kept > 0 && is_origin(&r[i]))
			o = i;
	if (o < n)
		fn(ctx, r[o].f, r[o].len, r[o].file, r[o].line, 1);
	for (i = 0; i < n; i++)
		if (i != o && r[i].kept > 0)
			fn(ctx, r[i].f, r[i].len, r[i].file, r[i].line, 1);
	for (i = 0; i < n; i++)
		if (r[i].kept <= 0)
			fn(ctx, r[i].f, r[i].len, r[i].file, r[i].line,
			    r[i].kept);
}

/*
 * Several records of one respondent, each with its own origin: whether
 * every record's rows came together (each a run of the input that
 * begins with its origin row).
 */
static int
apart(const struct rg_row *r, size_t n)
{
	size_t i;

	if (!is_origin(&r[0]))
		return 0;
	for (i = 1; i < n; i++)
		if (!is_origin(&r[i]) && r[i].seq != r[i - 1].seq + 1)
			return 0;
	return 1;
}

/* Reports the second and later records and sets them aside. */
static void
later_records(struct rg_row *r, size_t n, size_t first_end,
    const char *const *names)
{
	struct care_buf b1 = CARE_BUF_INIT, b2 = CARE_BUF_INIT;
	unsigned long l1, l2;
	const char *f1, *f2;
	size_t i;

	f1 = place(&r[0], names, &b1, &l1);
	/* (r[0] begins the first record: see apart() and runs_settle().) */
	for (i = first_end; i < n; i++) {
		r[i].kept = 0;
		if (!is_origin(&r[i]) && r[i].seq == r[i - 1].seq + 1)
			continue;
		r[i].kept = -1;
		f2 = place(&r[i], names, &b2, &l2);
		care_long_report_twice(r[i].f[CARE_LONG_RESP], f2, l2,
		    names[r[i].file], r[i].line, f1, l1);
	}
	care_buf_free(&b1);
	care_buf_free(&b2);
}

/* Rows of records mixed together: nobody can tell whose a row is. */
static void
mixed(struct rg_row *r, size_t n, size_t other, const char *const *names)
{
	struct care_buf b1 = CARE_BUF_INIT, b2 = CARE_BUF_INIT;
	unsigned long l1, l2;
	const char *f1, *f2;
	size_t i, o = 0;

	while (o < other && !is_origin(&r[o]))
		o++;
	f1 = place(&r[o], names, &b1, &l1);
	f2 = place(&r[other], names, &b2, &l2);
	care_diag(CARE_DIAG_ERROR, f1, l1, 0, _("respondent '%s': its records "
	    "from %s:%lu and %s:%lu have their rows mixed in the long CSV "
	    "(%s:%lu): none of them counted"), r[0].f[CARE_LONG_RESP], f1,
	    l1, f2, l2, names[r[other].file], r[other].line);
	/* Records begin at their origin rows, or at runs without any. */
	for (i = 0; i < n; i++)
		r[i].kept = is_origin(&r[o]) ? -is_origin(&r[i]) : i == 0 ||
		    r[i].seq != r[i - 1].seq + 1 ? -1 : 0;
	care_buf_free(&b1);
	care_buf_free(&b2);
}

/*
 * Rows of version 1, which carry no origin, in several runs of the
 * input.  Runs with no item in common are the parts of one record (a
 * file sorted by item).  When the later runs hold only items of the
 * first, they are records of their own, as in a file given twice: the
 * first counted, the others set aside.  Otherwise the respondent's
 * records are mixed.  Returns where the first record ends: n for one
 * record, 0 if mixed.
 */
static size_t
runs_settle(struct rg_row *r, size_t n)
{
	struct rg_row **p = care_reallocarray(NULL, n + 1, sizeof(*p));
	size_t *run = care_reallocarray(NULL, n + 1, sizeof(*run));
	size_t i, a, b, end, first;
	int common = 0, within = 1;

	for (i = 0; i < n; i++) {
		p[i] = &r[i];
		run[i] = i == 0 ? 0 : run[i - 1] + (r[i].seq != r[i - 1].seq + 1);
	}
	for (end = 1; end < n && run[end] == 0; end++)
		continue;
	qsort(p, n, sizeof(*p), answer_cmp);
	for (a = 0; a < n; a = b) {
		first = run[p[a] - r];
		for (b = a + 1; b < n && field_cmp(p[b], p[a],
		    CARE_LONG_ITEM) == 0; b++) {
			if (run[p[b] - r] != run[p[a] - r])
				common = 1;
			if (run[p[b] - r] < first)
				first = run[p[b] - r];
		}
		if (first != 0)
			within = 0;
	}
	free(p);
	free(run);
	if (!common)
		return n;
	return within ? end : 0;
}

/* One respondent's rows, in input order. */
static void
settle_key(struct rg_row *r, size_t n, care_regroup_fn *fn, void *ctx,
    const char *const *names)
{
	size_t i, o = n, other = n, end;

	for (i = 0; i < n && other == n; i++) {
		if (!is_origin(&r[i]))
			continue;
		if (o == n)
			o = i;
		else if (field_cmp(&r[i], &r[o], CARE_LONG_ORIGIN) != 0)
			other = i;
	}
	if (o == n && r[n - 1].seq - r[0].seq + 1 != n) {
		if ((end = runs_settle(r, n)) == n)
			drop_repeats(r, n, names);
		else if (end == 0)
			mixed(r, n, n - 1, names);
		else {
			drop_repeats(r, end, names);
			later_records(r, n, end, names);
		}
	} else if (other == n)
		drop_repeats(r, n, names);
	else if (!apart(r, n))
		mixed(r, n, other, names);
	else {
		for (end = 1; end < n && !is_origin(&r[end]); end++)
			continue;
		drop_repeats(r, end, names);
		later_records(r, n, end, names);
	}
	emit(r, n, fn, ctx);
}

void
care_regroup_settle(struct rg_row *rows, size_t n, care_regroup_fn *fn,
    void *ctx, const char *const *names)
{
	size_t a, b;

	qsort(rows, n, sizeof(*rows), key_cmp);
	for (a = 0; a < n; a = b) {
		for (b = a + 1; b < n && same_key(&rows[a], &rows[b]); b++)
			continue;
		settle_key(rows + a, b - a, fn, ctx, names);
	}
}
