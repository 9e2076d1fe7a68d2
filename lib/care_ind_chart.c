/* SPDX-License-Identifier: GPL-3.0-or-later */
/* indicator-calc -f svg: a trend panel per indicator and breakdown. */
#include <config.h>

#ifdef HAVE_PDF

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "care_alloc.h"
#include "care_chart.h"
#include "care_ind_int.h"
#include "care_indicators.h"

/* One panel: the total and, for a breakdown, each of its groups. */
struct panel {
	struct care_chart_trend		 tr;
	struct care_chart_series	*s;
	double				*v;	/* y, lo, hi of every series */
	char				*title;
};

struct panels {
	struct panel	*p;
	size_t		 n, cap;
};

static const char *
label(const struct care_ind *t, const struct ind_row *r)
{
	const struct ind_def *d = t->st[r->ind].d;

	if (r->by == 0)
		return "全体";
	return care_ind_dict_label(&t->cfg->src[d->src].slot[d->by[r->by -
	    1]].levels, r->level);
}

/* The series of rows v[0..n) of breakdown by (and the total). */
static void
fill(const struct care_ind *t, struct panel *p, const struct ind_row *v,
    size_t n, size_t by)
{
	size_t nx = p->tr.nx, k, ns = 0;
	double *y;

	for (k = 0; k < n; k++)
		if (v[k].by == 0 || v[k].by == by)
			ns++;
	ns /= nx;
	p->s = care_calloc(ns, sizeof(*p->s));
	p->v = care_calloc(ns * nx * 3, sizeof(*p->v));
	for (ns = 0, k = 0; k < n; k++) {
		if (v[k].by != 0 && v[k].by != by)
			continue;
		y = p->v + ns / nx * nx * 3;
		if (ns % nx == 0) {
			p->s[ns / nx].label = label(t, &v[k]);
			p->s[ns / nx].y = y;
			p->s[ns / nx].lo = y + nx;
			p->s[ns / nx].hi = y + 2 * nx;
		}
		/* Withheld cells are left out of the chart. */
		y[ns % nx] = v[k].flags & R_SUPP ? NAN : v[k].est;
		y[nx + ns % nx] = v[k].flags & R_SUPP ? NAN : v[k].lo;
		y[2 * nx + ns % nx] = v[k].flags & R_SUPP ? NAN : v[k].hi;
		ns++;
	}
	p->tr.s = p->s;
	p->tr.ns = ns / nx;
}

static void
add(const struct care_ind *t, struct panels *ps, const struct ind_row *v,
    size_t n, size_t nx, size_t by)
{
	const struct ind_def *d = t->st[v[0].ind].d;
	struct panel *p;
	char *level;

	if (ps->n == ps->cap) {
		ps->cap = ps->cap * 2 + 8;
		ps->p = care_reallocarray(ps->p, ps->cap, sizeof(*ps->p));
	}
	p = &ps->p[ps->n++];
	memset(p, 0, sizeof(*p));
	p->tr.nx = nx;
	p->tr.percent = d->kind == K_PROPORTION;
	p->tr.ylabel = p->tr.percent ? "割合（%）" : "平均";
	p->tr.target = d->has_target ? d->target : NAN;
	level = care_asprintf("%g%%", t->opts.level * 100);
	p->title = care_asprintf("%s%s%s%s\n%s　縦線は%s信頼区間%s", d->title,
	    by > 0 ? "（" : "", by > 0 ? t->cfg->src[d->src].slot[d->by[by -
	    1]].name : "", by > 0 ? "別）" : "", d->id, level,
	    d->has_target ? "、破線は目標" : "");
	p->tr.title = p->title;
	free(level);
	fill(t, p, v, n, by);
}

/* The x labels must follow the rows' wave order: remap them. */
static const char **
wave_labels(const struct care_ind *t, const struct ind_row *v, size_t nx)
{
	const char **x = care_calloc(nx, sizeof(*x));
	size_t k;

	for (k = 0; k < nx; k++)
		x[k] = t->st[v[k].ind].waves.key[v[k].wave];
	return x;
}

/* The panels of indicator i: proportions and means with 2 waves or more. */
static void
panels_of(struct care_ind *t, size_t i, struct panels *ps,
    struct ind_rows *rows)
{
	const struct ind_def *d = t->st[i].d;
	size_t nx, b, first = ps->n;
	const char **x;

	rows->n = 0;
	care_ind_rows(t, i, rows);
	care_ind_sdc(t, rows->v, rows->n);
	if (d->kind != K_PROPORTION && d->kind != K_MEAN)
		return;
	for (nx = 0; nx < rows->n && rows->v[nx].by == 0; nx++)
		;
	if (nx < 2)
		return;
	if (d->nby == 0)
		add(t, ps, rows->v, rows->n, nx, 0);
	for (b = 1; b <= d->nby; b++)
		add(t, ps, rows->v, rows->n, nx, b);
	x = wave_labels(t, rows->v, nx);
	for (b = first; b < ps->n; b++)
		ps->p[b].tr.x = b == first ? x : ps->p[first].tr.x;
}

static void
panels_free(struct panels *ps)
{
	size_t k;

	for (k = 0; k < ps->n; k++) {
		if (k == 0 || ps->p[k].tr.x != ps->p[k - 1].tr.x)
			free((void *)ps->p[k].tr.x);
		free(ps->p[k].s);
		free(ps->p[k].v);
		free(ps->p[k].title);
	}
	free(ps->p);
}

int
care_ind_write_svg(struct care_ind *t, FILE *fp)
{
	struct panels ps = { NULL, 0, 0 };
	struct ind_rows rows = { NULL, 0, 0 };
	struct care_chart_trend none;
	cairo_t *cr;
	size_t i;
	int rc;

	for (i = 0; i < t->cfg->ndef; i++)
		panels_of(t, i, &ps, &rows);
	free(rows.v);
	cr = care_chart_svg_begin(fp, CARE_CHART_WIDTH, CARE_CHART_HEIGHT *
	    (double)(ps.n > 0 ? ps.n : 1));
	for (i = 0; i < ps.n; i++) {
		(void)care_chart_trend(cr, CARE_CHART_WIDTH,
		    CARE_CHART_HEIGHT, &ps.p[i].tr);
		cairo_translate(cr, 0, CARE_CHART_HEIGHT);
	}
	if (ps.n == 0) {
		/* Still a document, saying why it is empty. */
		memset(&none, 0, sizeof(none));
		none.title = t->cfg->title != NULL ? t->cfg->title : "";
		(void)care_chart_trend(cr, CARE_CHART_WIDTH,
		    CARE_CHART_HEIGHT, &none);
	}
	rc = care_chart_svg_end(cr);
	panels_free(&ps);
	if (rc == 0 && fflush(fp) != 0)
		rc = -1;
	return rc;
}

#endif /* HAVE_PDF */
