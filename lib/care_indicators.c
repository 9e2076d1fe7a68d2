/* SPDX-License-Identifier: GPL-3.0-or-later */
/* indicator-calc's state: cells by indicator, wave and group. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_ind_int.h"

static const char *const ci_names[] = { "wilson", "wilson-cc",
	"clopper-pearson", "wald", "agresti-coull", NULL };

int
care_ind_ci_parse(const char *name, enum care_stats_ci_method *out)
{
	int i;

	for (i = 0; ci_names[i] != NULL; i++)
		if (strcmp(name, ci_names[i]) == 0) {
			*out = (enum care_stats_ci_method)i;
			return 0;
		}
	return -1;
}

const char *
care_ind_ci_name(enum care_stats_ci_method m)
{
	return ci_names[m];
}

/* The state of a new reading, in t zeroed but for cfg and opts. */
static void
init(struct care_ind *t)
{
	struct care_ind_cfg *cfg = t->cfg;
	size_t i;

	t->locs = care_long_files_new();
	t->seen = care_long_seen_new();
	t->ncols = 5;
	t->cursrc = -1;
	t->nextsrc = -1;
	t->prevtok = -1;
	t->wgen = 1;
	care_ind_dict_init(&t->unk);
	t->st = care_calloc(cfg->ndef + 1, sizeof(*t->st));
	for (i = 0; i < cfg->ndef; i++) {
		t->st[i].d = &cfg->def[i];
		care_ind_dict_init(&t->st[i].waves);
		care_ind_dict_init(&t->st[i].pendkeys);
	}
}

struct care_ind *
care_ind_new(struct care_ind_cfg *cfg, const struct care_ind_opts *opts)
{
	struct care_ind *t = care_calloc(1, sizeof(*t));

	t->cfg = cfg;
	t->opts = *opts;
	init(t);
	return t;
}

struct ind_cat *
care_ind_cat(struct ind_cell *c, unsigned cat)
{
	if (cat >= c->ncat) {
		size_t n = cat + 1 > c->ncat * 2 ? cat + 1 : c->ncat * 2;

		c->cat = care_reallocarray(c->cat, n, sizeof(*c->cat));
		memset(c->cat + c->ncat, 0, (n - c->ncat) * sizeof(*c->cat));
		c->ncat = n;
	}
	return &c->cat[cat];
}

/* The wave's cells, created on first use. */
static struct ind_wave *
wave_get(struct care_ind *t, size_t i, unsigned wave)
{
	struct ind_state *st = &t->st[i];
	size_t n;

	if (st->w == NULL || wave >= st->nw) {
		n = wave + 1 > st->nw * 2 ? wave + 1 : st->nw * 2;
		st->w = care_reallocarray(st->w, n, sizeof(*st->w));
		memset(st->w + st->nw, 0, (n - st->nw) * sizeof(*st->w));
		st->nw = n;
	}
	if (st->w[wave] == NULL) {
		st->w[wave] = care_calloc(1, sizeof(**st->w));
		st->w[wave]->grp = care_calloc(st->d->nby + 1,
		    sizeof(*st->w[wave]->grp));
		st->w[wave]->ngrp = care_calloc(st->d->nby + 1,
		    sizeof(*st->w[wave]->ngrp));
	}
	return st->w[wave];
}

struct ind_cell *
care_ind_cell(struct care_ind *t, size_t i, unsigned wave, size_t by,
    unsigned level)
{
	struct ind_wave *w = wave_get(t, i, wave);
	size_t n, k;

	if (by == 0)
		return &w->total;
	k = by - 1;
	if (level >= w->ngrp[k]) {
		n = level + 1 > w->ngrp[k] * 2 ? level + 1 : w->ngrp[k] * 2;
		w->grp[k] = care_reallocarray(w->grp[k], n,
		    sizeof(*w->grp[k]));
		memset(w->grp[k] + w->ngrp[k], 0,
		    (n - w->ngrp[k]) * sizeof(*w->grp[k]));
		w->ngrp[k] = n;
	}
	return &w->grp[k][level];
}

static void
cat_merge(struct ind_cat *dst, const struct ind_cat *src)
{
	dst->n += src->n;
	dst->nw += src->nw;
	care_stats_sum_merge(&dst->w, &src->w);
	care_stats_sum_merge(&dst->ww, &src->ww);
}

void
care_ind_cell_merge(struct ind_cell *dst, const struct ind_cell *src)
{
	size_t j;

	dst->n += src->n;
	dst->na += src->na;
	dst->nw += src->nw;
	care_stats_sum_merge(&dst->w, &src->w);
	care_stats_sum_merge(&dst->ww, &src->ww);
	care_stats_sum_merge(&dst->sum, &src->sum);
	care_stats_wmean_merge(&dst->m, &src->m);
	for (j = 0; j < 4; j++)
		dst->pair[j] += src->pair[j];
	for (j = src->ncat; j-- > 0;)
		if (src->cat[j].n != 0 || src->cat[j].nw != 0)
			cat_merge(care_ind_cat(dst, (unsigned)j), &src->cat[j]);
}

/*
 * A paired respondent's answer on one side (y: 1 yes, 0 no, -1 no
 * answer).  When the other side is there, the pair is tallied.
 */
void
care_ind_pair(struct care_ind *t, size_t i, unsigned wave, const char *resp,
    size_t len, int side, int y)
{
	struct ind_state *st = &t->st[i];
	struct care_buf key = CARE_BUF_INIT;
	struct ind_pend *p;
	struct ind_cell *c;
	const char *file;
	unsigned long line;
	unsigned id;

	care_buf_add(&key, st->waves.key[wave], st->waves.len[wave]);
	care_buf_addc(&key, '\037');
	care_buf_add(&key, resp, len);
	id = care_ind_dict_intern(&st->pendkeys, key.p, key.len);
	care_buf_free(&key);
	if (id == st->npend) {
		st->pend = care_reallocarray(st->pend, id + 1,
		    sizeof(*st->pend));
		st->npend = id + 1;
		st->pend[id].wave = wave;
		st->pend[id].y[0] = st->pend[id].y[1] = -2;
	}
	p = &st->pend[id];
	if (p->y[side] != -2) {
		care_ind_where(t, &file, &line);
		care_diag(CARE_DIAG_ERROR, file, line, 0,
		    _("respondent '%.*s': answered twice for indicator '%s'"),
		    (int)len, resp, st->d->id);
		return;
	}
	p->y[side] = (signed char)y;
	if (p->y[1 - side] == -2)
		return;
	c = care_ind_cell(t, i, wave, 0, 0);
	if (p->y[0] < 0 || p->y[1] < 0)
		c->na++;
	else {
		c->n++;
		c->pair[p->y[0] * 2 + p->y[1]]++;
	}
}

void
care_ind_summary(const struct care_ind *t)
{
	care_diag(CARE_DIAG_NOTE, NULL, 0, 0, _("%lu rows read, %lu used, "
	    "%lu ignored, %lu rejected, %lu set aside; %lu respondents"),
	    t->rows, t->used, t->ignored, t->rejected, t->aside,
	    t->respondents);
	if (t->rejected > 0 || t->aside > 0)
		care_diag_setrc(CARE_EXIT_DATA);
}

static void
cell_free(struct ind_cell *c)
{
	free(c->cat);
}

static void
state_free(struct ind_state *st)
{
	size_t w, k, l;

	for (w = 0; w < st->nw; w++) {
		if (st->w[w] == NULL)
			continue;
		cell_free(&st->w[w]->total);
		for (k = 0; k < st->d->nby; k++) {
			for (l = 0; l < st->w[w]->ngrp[k]; l++)
				cell_free(&st->w[w]->grp[k][l]);
			free(st->w[w]->grp[k]);
		}
		free(st->w[w]->grp);
		free(st->w[w]->ngrp);
		free(st->w[w]);
	}
	free(st->w);
	free(st->pend);
	care_ind_dict_free(&st->waves);
	care_ind_dict_free(&st->pendkeys);
}

/* Frees what a reading holds; the slots' answers are forgotten. */
static void
fini(struct care_ind *t)
{
	struct ind_src *src;
	size_t i, k;

	for (i = 0; i < t->cfg->ndef; i++)
		state_free(&t->st[i]);
	for (i = 0; i < t->cfg->nsrc; i++)
		for (src = &t->cfg->src[i], k = 0; k < src->nslot; k++) {
			src->slot[k].seen = src->slot[k].answered = 0;
			src->slot[k].bad = 0;
			src->slot[k].nv = 0;
		}
	free(t->st);
	free(t->next);
	care_long_apart_free(&t->apartwhy);
	care_ind_dict_free(&t->unk);
	care_buf_free(&t->key);
	care_buf_free(&t->wave);
	care_buf_free(&t->resp);
	care_long_files_free(t->locs);
	care_long_seen_free(t->seen);
}

void
care_ind_reset(struct care_ind *t)
{
	struct care_ind_cfg *cfg = t->cfg;
	struct care_ind_opts opts = t->opts;

	fini(t);
	memset(t, 0, sizeof(*t));
	t->cfg = cfg;
	t->opts = opts;
	init(t);
}

void
care_ind_free(struct care_ind *t)
{
	if (t == NULL)
		return;
	fini(t);
	free(t);
}
