/* SPDX-License-Identifier: GPL-3.0-or-later */
/* indicator-calc's figures: estimates, intervals, tests and status. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>


#include "care_alloc.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_ind_int.h"
#include "care_stats.h"

static struct ind_row *
row_new(struct ind_rows *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap == 0 ? 64 : r->cap * 2;
		r->v = care_reallocarray(r->v, r->cap, sizeof(*r->v));
	}
	memset(&r->v[r->n], 0, sizeof(*r->v));
	r->v[r->n].est = r->v[r->n].lo = r->v[r->n].hi = NAN;
	r->v[r->n].se = r->v[r->n].df = NAN;
	r->v[r->n].ref = r->v[r->n].change = NAN;
	r->v[r->n].stat = r->v[r->n].p = NAN;
	r->v[r->n].trend_stat = r->v[r->n].trend_p = NAN;
	r->v[r->n].refrow = -1;
	r->v[r->n].cat = -1;
	return &r->v[r->n++];
}

/* The cell of a wave and group, or NULL if nobody was counted there. */
static const struct ind_cell *
cell_at(const struct ind_state *st, unsigned wave, size_t by, unsigned lv)
{
	const struct ind_wave *w = wave < st->nw ? st->w[wave] : NULL;

	if (w == NULL)
		return NULL;
	if (by == 0)
		return &w->total;
	return lv < w->ngrp[by - 1] ? &w->grp[by - 1][lv] : NULL;
}

static int
cell_used(const struct ind_cell *c)
{
	return c != NULL && (c->n > 0 || c->na > 0);
}

/* The weighted proportion of category a among the cell's denominator. */
static struct care_stats_svy
wshare(const struct ind_cell *c, const struct ind_cat *a, long design_n)
{
	struct care_stats_wprop_acc acc;
	struct care_stats_sum neg;

	memset(&acc, 0, sizeof(acc));
	acc.rows = c->n;
	acc.rows_w = c->nw;
	acc.yes = a != NULL ? a->n : 0;
	acc.w[0] = c->w;
	acc.ww[0] = c->ww;
	if (a != NULL) {
		acc.w[1] = a->w;
		acc.ww[1] = a->ww;
		neg.hi = -a->w.hi;
		neg.lo = -a->w.lo;
		care_stats_sum_merge(&acc.w[0], &neg);
		neg.hi = -a->ww.hi;
		neg.lo = -a->ww.lo;
		care_stats_sum_merge(&acc.ww[0], &neg);
	}
	return care_stats_wprop(&acc, design_n);
}

/* Estimate and interval of one row from its cell. */
static void
figure(struct care_ind *t, const struct ind_state *st, struct ind_row *r,
    const struct ind_cell *c)
{
	const struct ind_def *d = st->d;
	const struct ind_cell *tot = cell_at(st, r->wave, 0, 0);
	const struct ind_cat *a = NULL;
	struct care_stats_svy e;
	struct care_stats_ci ci;

	r->n = c->n;
	r->na = c->na;
	switch (d->kind) {
	case K_PROPORTION:
	case K_DISTRIBUTION:
		a = (size_t)(r->cat < 0 ? 0 : r->cat) < c->ncat ?
		    &c->cat[r->cat < 0 ? 0 : r->cat] : NULL;
		r->count = a != NULL ? a->n : 0;
		if (r->n == 0)
			break;
		if (d->weight < 0) {
			r->est = (double)r->count / (double)r->n;
			ci = care_stats_prop_ci(r->count, r->n,
			    t->opts.level, t->opts.ci);
		} else {
			e = wshare(c, a, tot->n);
			r->est = e.est;
			r->se = e.se;
			r->df = e.df;
			ci = care_stats_svyciprop(&e, d->svy, t->opts.level);
		}
		r->lo = ci.lo;
		r->hi = ci.hi;
		break;
	case K_COUNT:
		r->count = c->n;
		r->est = (double)c->n;
		break;
	case K_SUM:
		r->count = c->n;
		r->est = care_stats_sum_value(&c->sum);
		break;
	case K_MEAN:
		r->count = c->n;
		if (r->n == 0)
			break;
		/* Unweighted: the group's own t interval, as t.test(). */
		e = care_stats_wmean(&c->m, d->weight < 0 ? c->m.rows :
		    tot->m.rows);
		r->est = e.est;
		r->se = e.se;
		r->df = e.df;
		ci = care_stats_svy_ci(&e, t->opts.level);
		r->lo = ci.lo;
		r->hi = ci.hi;
		break;
	case K_PAIRED:
		memcpy(r->pair, c->pair, sizeof(r->pair));
		r->count = c->pair[1] + c->pair[3];
		if (r->n == 0)
			break;
		r->est = (double)r->count / (double)r->n;
		ci = care_stats_prop_ci(r->count, r->n, t->opts.level,
		    t->opts.ci);
		r->lo = ci.lo;
		r->hi = ci.hi;
		break;
	default:
		break;
	}
	if (d->weight >= 0)
		r->flags |= R_WEIGHTED;
	if (r->n < t->cfg->min_n && d->kind != K_COUNT && d->kind != K_SUM)
		r->flags |= R_SMALL;
}

/* Nonzero if category cat was counted anywhere in the indicator. */
static int
cat_used(const struct ind_state *st, unsigned cat, const unsigned *waves,
    size_t nwaves)
{
	size_t w;
	const struct ind_cell *c;

	for (w = 0; w < nwaves; w++)
		if ((c = cell_at(st, waves[w], 0, 0)) != NULL &&
		    cat < c->ncat && c->cat[cat].n > 0)
			return 1;
	return 0;
}

/* Nonzero if category cat of a distribution is its focus code. */
static int
is_focus(const struct ind_def *d, const struct ind_dict *cats, unsigned cat)
{
	return d->focus != NULL && strcmp(cats->key[cat], d->focus) == 0;
}

/* The rows of one group: every category, every wave. */
static void
group_rows(struct care_ind *t, size_t i, size_t by, unsigned lv,
    const unsigned *waves, size_t nwaves, struct ind_rows *r)
{
	const struct ind_state *st = &t->st[i];
	const struct ind_def *d = st->d;
	const struct ind_dict *cats = NULL;
	unsigned *order = NULL, base;
	size_t ncat = 1, k, w, first;
	long bl;

	if (d->kind == K_DISTRIBUTION) {
		cats = &t->cfg->src[d->src].slot[d->item].levels;
		order = care_ind_dict_order(cats, &ncat);
	}
	bl = d->baseline != NULL ? care_ind_dict_find(&st->waves,
	    d->baseline, strlen(d->baseline)) : (nwaves > 0 ?
	    (long)waves[0] : -1);
	for (k = 0; k < ncat; k++) {
		if (order != NULL && (cats->len[order[k]] == 0 ||
		    (cats->label[order[k]] == NULL && !is_focus(d, cats,
		    order[k]) && !cat_used(st, order[k], waves, nwaves))))
			continue;
		first = r->n;
		base = (unsigned)-1;
		for (w = 0; w < nwaves; w++) {
			const struct ind_cell *c = cell_at(st, waves[w], by,
			    lv);
			struct ind_row *row;
			struct ind_cell empty;

			memset(&empty, 0, sizeof(empty));
			row = row_new(r);
			row->ind = i;
			row->wave = waves[w];
			row->by = by;
			row->level = lv;
			row->cat = order != NULL ? (long)order[k] : -1;
			figure(t, st, row, c != NULL ? c : &empty);
			if ((long)waves[w] == bl) {
				row->flags |= R_BASE;
				base = (unsigned)(r->n - 1);
			}
		}
		for (w = first; w < r->n && base != (unsigned)-1 &&
		    d->kind != K_PAIRED; w++)
			if (w != base)
				r->v[w].refrow = (long)base;
	}
	free(order);
}

/* A wave label as a number (trend_scores: wave); -1 if it is not one. */
static int
wave_score(const char *key, double *x)
{
	char *end;

	*x = strtod(key, &end);
	return *key == '\0' || *end != '\0' || !isfinite(*x) ? -1 : 0;
}

/* Reports the settings of the file that the data's waves defeat. */
static void
waves_check(const struct care_ind *t, const struct ind_state *st,
    const unsigned *waves, size_t n)
{
	const struct ind_def *d = st->d;
	double x;
	size_t w;

	if (n == 0)
		return;
	if (d->baseline != NULL && care_ind_dict_find(&st->waves,
	    d->baseline, strlen(d->baseline)) < 0)
		care_diag(CARE_DIAG_ERROR, t->cfg->file, d->line, 0,
		    _("indicator '%s': baseline wave '%s' is not in the data, "
		    "so nothing is compared with it"), d->id, d->baseline);
	if (!t->cfg->trend_wave || n < 3 || d->weight >= 0 ||
	    (d->kind != K_PROPORTION && d->kind != K_DISTRIBUTION))
		return;
	for (w = 0; w < n; w++)
		if (wave_score(st->waves.key[waves[w]], &x) != 0) {
			care_diag(CARE_DIAG_ERROR, t->cfg->file, d->line, 0,
			    _("indicator '%s': wave '%s' is not a number, so "
			    "'trend_scores: wave' gives no trend test"), d->id,
			    st->waves.key[waves[w]]);
			return;
		}
}

void
care_ind_rows(struct care_ind *t, size_t i, struct ind_rows *r)
{
	const struct ind_state *st = &t->st[i];
	const struct ind_def *d = st->d;
	unsigned *waves, *lv;
	size_t nwaves, nlv, k, l, w;

	waves = care_ind_dict_order(&st->waves, &nwaves);
	waves_check(t, st, waves, nwaves);
	group_rows(t, i, 0, 0, waves, nwaves, r);
	for (k = 0; k < d->nby; k++) {
		const struct ind_dict *levels =
		    &t->cfg->src[d->src].slot[d->by[k]].levels;

		lv = care_ind_dict_order(levels, &nlv);
		for (l = 0; l < nlv; l++) {
			for (w = 0; w < nwaves; w++)
				if (cell_used(cell_at(st, waves[w], k + 1,
				    lv[l])))
					break;
			if (w < nwaves)
				group_rows(t, i, k + 1, lv[l], waves, nwaves,
				    r);
		}
		free(lv);
	}
	free(waves);
}

/* Two-sided normal p-value of z, as 2 * pnorm(-|z|). */
static double
pnorm2(double z)
{
	return erfc(fabs(z) / M_SQRT2);
}

/* Welch's t test of two means from their standard errors (t.test()). */
static void
welch(struct ind_row *r, const struct ind_row *b)
{
	struct care_stats_test w;

	w = care_stats_welch(b->est, b->se, b->df, r->est, r->se, r->df);
	r->stat = w.stat;
	r->p = w.p;
	r->test = "welch";
}

/* The comparison of row r with its reference row b. */
static void
compare(struct care_ind *t, struct ind_row *r, const struct ind_row *b)
{
	const struct ind_def *d = t->st[r->ind].d;
	int log = d->kind == K_COUNT || d->kind == K_SUM;
	struct care_stats_prop2 p2;

	/* A log's 0 is a figure: no record that wave. */
	if ((r->flags | b->flags) & R_SUPP || (!log && (r->n == 0 ||
	    b->n == 0)))
		return;
	r->flags |= R_CMP;
	r->ref = b->est;
	r->change = r->est - b->est;
	if (log)
		return;
	if (d->weight >= 0) {
		r->stat = r->change / sqrt(r->se * r->se + b->se * b->se);
		r->p = pnorm2(r->stat);
		r->test = "wald-z";
	} else if (d->kind == K_MEAN)
		welch(r, b);
	else {
		p2 = care_stats_prop2(b->count, b->n, r->count, r->n,
		    t->cfg->correct, t->opts.level);
		r->stat = p2.test.stat;
		r->p = p2.test.p;
		r->test = "prop.test";
	}
}

static void
compare_paired(struct care_ind *t, struct ind_row *r)
{
	struct care_stats_test m;

	if (r->flags & R_SUPP || r->n == 0)
		return;
	r->flags |= R_CMP;
	r->ref = (double)(r->pair[2] + r->pair[3]) / (double)r->n;
	r->change = r->est - r->ref;
	m = care_stats_mcnemar(r->pair[2], r->pair[1], t->cfg->correct);
	r->stat = m.stat;
	r->p = m.p;
	r->test = "mcnemar";
}

/* Cochran-Armitage over a series of 3 or more waves, on its last row. */
static void
trend(struct care_ind *t, struct ind_row *v, size_t n)
{
	const struct ind_def *d = t->st[v[0].ind].d;
	const struct ind_dict *waves = &t->st[v[0].ind].waves;
	long *x, *m;
	double *score, score1;
	struct care_stats_test ct;
	size_t k;

	if (n < 3 || d->weight >= 0 || (d->kind != K_PROPORTION &&
	    d->kind != K_DISTRIBUTION))
		return;
	for (k = 0; k < n; k++)
		if (v[k].flags & R_SUPP || v[k].n == 0 || (t->cfg->trend_wave &&
		    wave_score(waves->key[v[k].wave], &score1) != 0))
			return;	/* reported by waves_check() */
	x = care_calloc(n, sizeof(*x));
	m = care_calloc(n, sizeof(*m));
	score = care_calloc(n, sizeof(*score));
	for (k = 0; k < n; k++) {
		x[k] = v[k].count;
		m[k] = v[k].n;
		score[k] = (double)(k + 1);
		if (t->cfg->trend_wave)
			(void)wave_score(waves->key[v[k].wave], &score[k]);
	}
	ct = care_stats_prop_trend(n, x, m, score);
	v[n - 1].trend_stat = ct.stat;
	v[n - 1].trend_p = ct.p;
	v[n - 1].flags |= R_TREND;
	free(x);
	free(m);
	free(score);
}

/* Nonzero if row r meets the indicator's target. */
static int
achieved(const struct ind_def *d, const struct ind_row *r)
{
	double v = r->est;

	if (!d->has_target || isnan(v))
		return 0;
	if (d->kind == K_PROPORTION || d->kind == K_DISTRIBUTION ||
	    d->kind == K_PAIRED)
		v *= 100;	/* targets of shares are in percent */
	return d->direction < 0 ? v <= d->target : v >= d->target;
}

static enum ind_status
status(struct care_ind *t, const struct ind_row *r, const struct ind_row *b)
{
	const struct ind_def *d = t->st[r->ind].d;
	int log = d->kind == K_COUNT || d->kind == K_SUM;
	double sign;

	if (d->direction == 0 || (d->kind == K_DISTRIBUTION &&
	    (r->cat < 0 || strcmp(t->cfg->src[d->src].slot[d->item].levels.
	    key[r->cat], d->focus) != 0)))
		return S_NONE;
	if (r->flags & R_BASE && d->kind != K_PAIRED)
		return S_BASELINE;
	if (r->flags & (R_SUPP | R_SMALL) || (!log && r->n == 0) ||
	    (b != NULL && b->flags & (R_SUPP | R_SMALL)))
		return S_TOO_FEW;
	if (achieved(d, r))
		return S_ACHIEVED;
	if (!(r->flags & R_CMP))
		return S_NONE;
	sign = r->change * d->direction;
	if (log || r->p < 1 - t->opts.level)
		return sign > 0 ? S_IMPROVING : sign < 0 ? S_WORSENING :
		    S_NO_CHANGE;
	return S_NO_CHANGE;
}

/* Comparisons, trends and status of one indicator's rows (in order). */
void
care_ind_compare(struct care_ind *t, struct ind_row *v, size_t n)
{
	size_t k, s;

	for (k = 0; k < n; k++) {
		if (t->st[v[k].ind].d->kind == K_PAIRED)
			compare_paired(t, &v[k]);
		else if (v[k].refrow >= 0)
			compare(t, &v[k], &v[v[k].refrow]);
	}
	for (s = 0; s < n; s = k) {
		for (k = s + 1; k < n && v[k].by == v[s].by &&
		    v[k].level == v[s].level && v[k].cat == v[s].cat; k++)
			continue;
		trend(t, v + s, k - s);
	}
	for (k = 0; k < n; k++)
		v[k].status = status(t, &v[k], v[k].refrow >= 0 ?
		    &v[v[k].refrow] : NULL);
}
