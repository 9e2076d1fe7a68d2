/* SPDX-License-Identifier: GPL-3.0-or-later */
/* indicator-calc's table: one row per indicator, group, category, wave. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_i18n.h"
#include "care_ind_int.h"
#include "care_round.h"
#include "care_table.h"

static const char *const kind_names[] = { "proportion", "distribution",
	"count", "sum", "mean", "paired" };
static const char *const type_names[] = { "structure", "process",
	"outcome" };
static const char *const status_names[] = { "", "baseline", "achieved",
	"improving", "no clear change", "worsening", "too few answers" };

/* Full-precision columns (csv, tsv, json). */
static const char *const full_cols[] = { "indicator", "scene", "outcome",
	"title", "type", "kind", "wave", "by", "group", "category", "n",
	"no_answer", "count", "estimate", "ci_lo", "ci_hi", "ci_method",
	"reference", "change", "test", "statistic", "p_value", "trend_p",
	"target", "status", "flags", "min_cell" };
#define NFULL	(sizeof(full_cols) / sizeof(full_cols[0]))
static const size_t full_num[] = { 10, 11, 12, 13, 14, 15, 17, 18, 20, 21,
	22, 23, 26 };

/* Columns for people (table, md). */
static const char *const short_cols[] = { "indicator", "title", "wave",
	"group", "category", "n", "count", "estimate", "ci", "change", "p",
	"status" };
#define NSHORT	(sizeof(short_cols) / sizeof(short_cols[0]))

static int
is_share(enum ind_kind k)
{
	return k == K_PROPORTION || k == K_DISTRIBUTION || k == K_PAIRED;
}

/* A double at full precision; NaN is an empty cell. */
static void
cell_g(struct care_table *tb, double x)
{
	if (isnan(x))
		care_table_cell(tb, "");
	else
		care_table_cellf(tb, "%.17g", x);
}

static const char *
group_label(const struct care_ind *t, const struct ind_row *r)
{
	const struct ind_def *d = t->st[r->ind].d;

	if (r->by == 0)
		return "全体";
	return care_ind_dict_label(&t->cfg->src[d->src].slot[d->by[r->by -
	    1]].levels, r->level);
}

static const char *
cat_label(const struct care_ind *t, const struct ind_row *r)
{
	const struct ind_def *d = t->st[r->ind].d;

	if (r->cat < 0)
		return "";
	return care_ind_dict_label(&t->cfg->src[d->src].slot[d->item].levels,
	    (unsigned)r->cat);
}

static void
flags_cell(struct care_table *tb, unsigned f)
{
	char buf[64];

	buf[0] = '\0';
	if (f & R_NSUPP)
		strcat(buf, ";n-suppressed");
	else if (f & R_SUPP)
		strcat(buf, ";suppressed");
	if (f & R_SMALL)
		strcat(buf, ";small-n");
	if (f & R_WEIGHTED)
		strcat(buf, ";weighted");
	care_table_cell(tb, buf[0] != '\0' ? buf + 1 : "");
}

static void
full_row(const struct care_ind *t, struct care_table *tb,
    const struct ind_row *r)
{
	const struct ind_def *d = t->st[r->ind].d;
	int supp = (r->flags & R_SUPP) != 0;

	care_table_cell(tb, d->id);
	care_table_cell(tb, d->scene);
	care_table_cell(tb, d->outcome);
	care_table_cell(tb, d->title);
	care_table_cell(tb, type_names[d->type]);
	care_table_cell(tb, kind_names[d->kind]);
	care_table_cell(tb, t->st[r->ind].waves.key[r->wave]);
	care_table_cell(tb, r->by == 0 ? "" :
	    t->cfg->src[d->src].slot[d->by[r->by - 1]].name);
	care_table_cell(tb, group_label(t, r));
	care_table_cell(tb, cat_label(t, r));
	if (r->flags & R_NSUPP)
		care_table_cell(tb, "");
	else
		care_table_cellf(tb, "%ld", r->n);
	care_table_cellf(tb, "%ld", r->na);
	if (supp)
		care_table_cell(tb, "");
	else
		care_table_cellf(tb, "%ld", r->count);
	cell_g(tb, supp ? NAN : r->est);
	cell_g(tb, supp ? NAN : r->lo);
	cell_g(tb, supp ? NAN : r->hi);
	care_table_cell(tb, isnan(r->lo) || supp ? "" : d->weight >= 0 ?
	    (d->kind == K_MEAN ? "svymean" : d->svy == CARE_STATS_SVY_LOGIT ?
	    "svyciprop-logit" : d->svy == CARE_STATS_SVY_MEAN ?
	    "svyciprop-mean" : d->svy == CARE_STATS_SVY_BETA ?
	    "svyciprop-beta" : d->svy == CARE_STATS_SVY_XLOGIT ?
	    "svyciprop-xlogit" : "svyciprop-asin") : d->kind == K_MEAN ? "t" :
	    care_ind_ci_name(t->opts.ci));
	cell_g(tb, r->ref);
	cell_g(tb, r->change);
	care_table_cell(tb, r->test != NULL && !isnan(r->p) ? r->test : "");
	cell_g(tb, r->stat);
	cell_g(tb, r->p);
	cell_g(tb, r->trend_p);
	cell_g(tb, d->has_target ? d->target : NAN);
	care_table_cell(tb, status_names[r->status]);
	flags_cell(tb, r->flags);
	care_table_cellf(tb, "%ld", t->opts.min_cell);
	care_table_end_row(tb);
}

/* A figure for people: percent with one decimal, or the number. */
static void
human(char *buf, size_t size, const struct ind_def *d, double x, int sign)
{
	if (isnan(x))
		buf[0] = '\0';
	else if (is_share(d->kind))
		(void)snprintf(buf, size, sign ? "%+.1f" : "%.1f", x * 100);
	else if (d->kind == K_MEAN)
		(void)snprintf(buf, size, sign ? "%+.2f" : "%.2f", x);
	else
		(void)snprintf(buf, size, sign ? "%+.15g" : "%.15g", x);
}

static void
estimate_cell(struct care_table *tb, const struct ind_def *d,
    const struct ind_row *r)
{
	char buf[64];
	long share;

	if (d->weight < 0 && (d->kind == K_PROPORTION ||
	    d->kind == K_DISTRIBUTION || d->kind == K_PAIRED) && r->n > 0) {
		/* Exact half-up, as the office rounds by hand. */
		share = care_round_share((unsigned long)r->count,
		    (unsigned long)r->n, 1);
		(void)care_round_format(share, 1, buf, sizeof(buf));
	} else
		human(buf, sizeof(buf), d, r->est, 0);
	care_table_cellf(tb, "%s%s", buf, r->flags & R_SMALL &&
	    buf[0] != '\0' ? "*" : "");
}

static void
short_row(const struct care_ind *t, struct care_table *tb,
    const struct ind_row *r)
{
	const struct ind_def *d = t->st[r->ind].d;
	char lo[64], hi[64], ch[64];
	int supp = (r->flags & R_SUPP) != 0;

	care_table_cell(tb, d->id);
	care_table_cell(tb, d->title);
	care_table_cell(tb, t->st[r->ind].waves.key[r->wave]);
	care_table_cell(tb, group_label(t, r));
	care_table_cell(tb, cat_label(t, r));
	if (r->flags & R_NSUPP)
		care_table_cell(tb, "x");
	else
		care_table_cellf(tb, "%ld", r->n);
	if (supp)
		care_table_cell(tb, "x");
	else
		care_table_cellf(tb, "%ld", r->count);
	if (supp)
		care_table_cell(tb, "x");
	else
		estimate_cell(tb, d, r);
	human(lo, sizeof(lo), d, r->lo, 0);
	human(hi, sizeof(hi), d, r->hi, 0);
	care_table_cellf(tb, "%s%s%s", supp ? "" : lo, !supp && lo[0] != '\0' ?
	    "-" : "", supp ? "" : hi);
	human(ch, sizeof(ch), d, r->change, 1);
	care_table_cell(tb, ch);
	if (isnan(r->p))
		care_table_cell(tb, "");
	else if (r->p < 0.001)
		care_table_cell(tb, "<0.001");
	else
		care_table_cellf(tb, "%.3f", r->p);
	care_table_cell(tb, r->status == S_NONE ? "" :
	    _(status_names[r->status]));
	care_table_end_row(tb);
}

static struct care_table *
table_new(enum care_table_format fmt)
{
	struct care_table *tb;
	size_t i;

	if (fmt == CARE_TABLE_TEXT || fmt == CARE_TABLE_MD) {
		tb = care_table_new(NSHORT, short_cols);
		for (i = 5; i < NSHORT - 1; i++)
			care_table_align(tb, i, CARE_ALIGN_RIGHT);
		return tb;
	}
	tb = care_table_new(NFULL, full_cols);
	for (i = 0; i < sizeof(full_num) / sizeof(full_num[0]); i++)
		care_table_numeric(tb, full_num[i]);
	return tb;
}

/* The legend under a table for people. */
static int
footer(const struct care_ind *t, FILE *fp)
{
	if (t->opts.min_cell <= 0)
		fprintf(fp, _("\ndisclosure control is off (--min-cell 0)\n"));
	else
		fprintf(fp, _("\nx: withheld, fewer than %ld respondents "
		    "(--min-cell)\n"), t->opts.min_cell);
	fprintf(fp, _("*: fewer than %ld answers; estimates in percent, "
	    "change in points, %g%% intervals\n"), t->cfg->min_n,
	    t->opts.level * 100);
	return ferror(fp) ? -1 : 0;
}

int
care_ind_write(struct care_ind *t, FILE *fp, enum care_table_format fmt)
{
	struct care_table *tb = table_new(fmt);
	struct ind_rows rows = { NULL, 0, 0 };
	size_t i, k;
	int rc, people = fmt == CARE_TABLE_TEXT || fmt == CARE_TABLE_MD;

	for (i = 0; i < t->cfg->ndef; i++) {
		rows.n = 0;
		care_ind_rows(t, i, &rows);
		care_ind_sdc(t, rows.v, rows.n);
		care_ind_compare(t, rows.v, rows.n);
		for (k = 0; k < rows.n; k++) {
			if (people)
				short_row(t, tb, &rows.v[k]);
			else
				full_row(t, tb, &rows.v[k]);
		}
	}
	free(rows.v);
	rc = care_table_write(tb, fp, fmt, 0);
	care_table_free(tb);
	if (rc == 0 && people)
		rc = footer(t, fp);
	return rc;
}
