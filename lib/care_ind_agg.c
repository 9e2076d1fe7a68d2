/* SPDX-License-Identifier: GPL-3.0-or-later */
/* indicator-calc's aggregation: a respondent's rows joined and tallied. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_date.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_ind_int.h"
#include "care_long.h"

/* Long CSV fields. */
enum {
	F_SOURCE = CARE_LONG_SOURCE,
	F_WAVE = CARE_LONG_WAVE,
	F_RESP = CARE_LONG_RESP,
	F_ITEM = CARE_LONG_ITEM,
	F_VALUE = CARE_LONG_VALUE,
	F_ORIGIN = CARE_LONG_ORIGIN
};

/*
 * s[0..n) == u[0..m): inline, the strings are short.  Words that may
 * overlap rather than a byte loop, whose exit is hard to predict.
 */
static inline int
eq(const char *s, size_t n, const char *u, size_t m)
{
	uint64_t x, y;
	uint32_t a, b, c, d;
	uint16_t e, f, g, h;
	size_t i;

	if (n != m)
		return 0;
	if (n >= 8) {
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&x, s + i, 8);
			memcpy(&y, u + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, s + n - 8, 8);
		memcpy(&y, u + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, u, 4);
		memcpy(&c, s + n - 4, 4);
		memcpy(&d, u + n - 4, 4);
		return ((a ^ b) | (c ^ d)) == 0;
	}
	if (n >= 2) {
		memcpy(&e, s, 2);
		memcpy(&f, u, 2);
		memcpy(&g, s + n - 2, 2);
		memcpy(&h, u + n - 2, 2);
		return ((e ^ f) | (g ^ h)) == 0;
	}
	return n == 0 || s[0] == u[0];
}

/* Nonzero if the value with level id lv of slot s is one of codes. */
static int
in_codes(const struct ind_slot *s, unsigned lv, char *const *codes,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s->levels.key[lv], codes[i]) == 0)
			return 1;
	return 0;
}

/* Nonzero if any value of the respondent's slot is one of codes. */
static int
any_in(const struct ind_slot *s, char *const *codes, size_t n)
{
	size_t i;

	for (i = 0; i < s->nv; i++)
		if (in_codes(s, s->v[i], codes, n))
			return 1;
	return 0;
}

/* The by level of a respondent: the first value, else 無回答 (""). */
static unsigned
by_level(struct ind_slot *s)
{
	return s->nv > 0 ? s->v[0] : care_ind_dict_intern(&s->levels, "", 0);
}

/* Where the respondent's figures go: the total and each by group. */
struct target {
	struct ind_cell	*cell[16];
	size_t		 n;
};

static void
targets(struct care_ind *t, size_t i, unsigned wave, struct target *tg)
{
	const struct ind_state *st = &t->st[i];
	const struct ind_def *d = st->d;
	struct ind_slot *slot = t->cfg->src[d->src].slot;
	struct ind_wave *w;
	unsigned lv;
	size_t k;

	tg->n = 0;
	if (wave >= st->nw || (w = st->w[wave]) == NULL) {
		tg->cell[tg->n++] = care_ind_cell(t, i, wave, 0, 0);
		w = t->st[i].w[wave];
	} else
		tg->cell[tg->n++] = &w->total;
	/* The wave's cells found once, the groups' by their level. */
	for (k = 0; k < d->nby && tg->n < 16; k++) {
		lv = by_level(&slot[d->by[k]]);
		tg->cell[tg->n++] = lv < w->ngrp[k] ? &w->grp[k][lv] :
		    care_ind_cell(t, i, wave, k + 1, lv);
	}
}

static void
add_w(struct care_stats_sum *w, struct care_stats_sum *ww, long *nw,
    double x)
{
	care_stats_sum_add(w, x);
	care_stats_sum_add(ww, x * x);
	if (x != 0)
		(*nw)++;
}

static void
add_cat(struct ind_cat *a, int weighted, double w)
{
	a->n++;
	if (weighted)
		add_w(&a->w, &a->ww, &a->nw, w);
}

/* proportion and distribution: one respondent, weight w (1 unweighted). */
static void
tally_share(struct care_ind *t, size_t i, unsigned wave, double w)
{
	const struct ind_def *d = t->st[i].d;
	struct ind_slot *s = &t->cfg->src[d->src].slot[d->item];
	struct target tg;
	size_t k, j, m;
	int weighted = d->weight >= 0;

	targets(t, i, wave, &tg);
	for (k = 0; k < tg.n; k++) {
		struct ind_cell *c = tg.cell[k];

		if (s->answered == 0 && !d->no_answer) {
			c->na++;
			continue;
		}
		c->n++;
		if (weighted)
			add_w(&c->w, &c->ww, &c->nw, w);
		if (d->kind == K_PROPORTION) {
			if (any_in(s, d->codes, d->ncodes))
				add_cat(care_ind_cat(c, 0), weighted, w);
			continue;
		}
		for (j = 0; j < s->nv; j++) {
			for (m = 0; m < j && s->v[m] != s->v[j]; m++)
				continue;
			if (m == j)	/* not the same code twice */
				add_cat(s->v[j] < c->ncat ? &c->cat[s->v[j]] :
				    care_ind_cat(c, s->v[j]), weighted, w);
		}
	}
}

/* count, sum and mean over the records of a log. */
static void
tally_log(struct care_ind *t, size_t i, unsigned wave, double w)
{
	const struct ind_def *d = t->st[i].d;
	struct ind_slot *s = d->item >= 0 ?
	    &t->cfg->src[d->src].slot[d->item] : NULL;
	struct target tg;
	size_t k;

	targets(t, i, wave, &tg);
	for (k = 0; k < tg.n; k++) {
		struct ind_cell *c = tg.cell[k];

		if (d->kind == K_COUNT) {
			c->n++;
			continue;
		}
		if (s->answered == 0 || s->bad) {
			c->na++;
			continue;
		}
		c->n++;
		if (d->kind == K_SUM)
			care_stats_sum_add(&c->sum, s->num);
		else
			care_stats_wmean_add(&c->m, w, s->num);
	}
}

/* The respondent's wave for indicator d, or -1 (reported). */
static long
wave_of(struct care_ind *t, size_t i, const struct ind_src *src)
{
	const struct ind_def *d = t->st[i].d;
	const struct ind_slot *p;
	const char *file;
	unsigned long line;
	char buf[16];

	if (d->period < 0 || d->kind == K_PAIRED) {
		if (t->st[i].wgen != t->wgen) {	/* not hashed per row */
			t->st[i].wid = care_ind_dict_intern(&t->st[i].waves,
			    t->wave.p, t->wave.len);
			t->st[i].wgen = t->wgen;
		}
		return t->st[i].wid;
	}
	p = &src->slot[d->period];
	if (p->answered == 0 || p->bad) {
		if (!p->bad) {
			care_ind_where(t, &file, &line);
			care_diag(CARE_DIAG_ERROR, file, line, 0,
			    _("respondent '%s': no '%s' for indicator '%s'"),
			    t->resp.p, p->name, d->id);
		}
		return -1;
	}
	(void)snprintf(buf, sizeof(buf), "%d", p->fy);
	return care_ind_dict_intern(&t->st[i].waves, buf, strlen(buf));
}

/* The weight of a respondent, 1 if none, or NAN (reported). */
static double
weight_of(struct care_ind *t, const struct ind_def *d,
    const struct ind_src *src)
{
	const struct ind_slot *s;
	const char *file;
	unsigned long line;

	if (d->weight < 0)
		return 1;
	s = &src->slot[d->weight];
	if (s->answered == 0 || s->bad) {
		if (!s->bad) {
			care_ind_where(t, &file, &line);
			care_diag(CARE_DIAG_ERROR, file, line, 0,
			    _("respondent '%s': no weight '%s' for indicator "
			    "'%s'"), t->resp.p, s->name, d->id);
		}
		return NAN;
	}
	return s->num;
}

/* Nonzero if the respondent of src meets the indicator's where. */
static int
where_ok(const struct ind_def *d, const struct ind_src *src)
{
	return d->where < 0 || any_in(&src->slot[d->where], d->wcodes,
	    d->nwcodes);
}

/* Tallies the current respondent into one indicator. */
static void
tally(struct care_ind *t, size_t i, const struct ind_src *src)
{
	const struct ind_def *d = t->st[i].d;
	const struct ind_slot *s = d->item >= 0 ? &src->slot[d->item] : NULL;
	long wave;
	double w;

	if (d->kind == K_PAIRED) {
		int side = src == &t->cfg->src[d->src] ? 0 : 1;

		s = &src->slot[side == 0 ? d->item : d->item2];
		/*
		 * The where item is one of the before source: a before
		 * record that fails it stays unmatched, so its pair is
		 * never counted, whatever the after record says.
		 */
		if (s->seen == 0 || (side == 0 && !where_ok(d, src)))
			return;
		wave = wave_of(t, i, src);
		care_ind_pair(t, i, (unsigned)wave, t->resp.p, t->resp.len,
		    side, s->answered == 0 ? -1 : any_in(s, d->codes,
		    d->ncodes));
		return;
	}
	if (s != NULL && s->seen == 0 && d->kind != K_COUNT)
		return;		/* 非該当: not asked */
	if (!where_ok(d, src)) {
		/* Its wave still has a row, with nothing counted. */
		s = d->period >= 0 ? &src->slot[d->period] : NULL;
		if (s == NULL || (s->answered > 0 && !s->bad))
			(void)wave_of(t, i, src);
		return;
	}
	if ((wave = wave_of(t, i, src)) < 0 || isnan(w = weight_of(t, d,
	    src)))
		return;
	if (d->kind == K_PROPORTION || d->kind == K_DISTRIBUTION)
		tally_share(t, i, (unsigned)wave, w);
	else
		tally_log(t, i, (unsigned)wave, w);
}

/* Notes a respondent whose rows are apart, which ends this reading. */
static void
apart(struct care_ind *t, uint64_t first)
{
	t->apart = 1;
	care_long_apart(&t->apartwhy, t->rereadable, t->rfile, t->line,
	    care_asprintf(_("respondent '%s': its rows are not together "
	    "(others at %s:%lu)"), t->resp.p, care_long_loc_file(t->locs,
	    first), care_long_loc_line(first)));
}

/* A record of version 2 begins without its origin: rows reordered. */
static void
unordered(struct care_ind *t)
{
	t->apart = 1;
	care_long_apart(&t->apartwhy, t->rereadable, t->file, t->line,
	    care_asprintf(_("respondent '%s': its record does not begin with "
	    "its origin row: the rows are not in the order they were "
	    "written"), t->resp.p));
}

/*
 * Whether the respondent whose rows just ended is read for the first
 * time.  A second record is reported and set aside; rows apart from the
 * rest of their record stop this reading (t->apart).
 */
static int
first_time(struct care_ind *t)
{
	uint64_t first;

	switch (care_long_seen_add(t->seen, t->keyhash, t->loc, &first)) {
	case CARE_LONG_NEW:
		return 1;
	case CARE_LONG_TWICE:
		care_long_report_twice(t->resp.p, care_long_loc_file(t->locs,
		    t->loc), care_long_loc_line(t->loc), t->rfile, t->line,
		    care_long_loc_file(t->locs, first),
		    care_long_loc_line(first));
		t->aside += t->rows - t->run0[0];
		t->used = t->run0[1];
		t->ignored = t->run0[2];
		t->rejected = t->run0[3];
		return 0;
	default:
		apart(t, first);
		return 0;
	}
}

/* Ends the current respondent: tallies it and clears the slots. */
void
care_ind_flush(struct care_ind *t)
{
	struct ind_src *src;
	size_t i;
	int count;

	t->open = 0;
	if (t->cursrc < 0)
		return;
	src = &t->cfg->src[t->cursrc];
	if ((count = t->grouped || first_time(t)) != 0)
		t->respondents++;
	for (i = 0; i < src->ndef && count; i++)
		tally(t, (size_t)(src->def[i] - t->cfg->def), src);
	for (i = 0; i < src->nslot; i++) {
		src->slot[i].seen = src->slot[i].answered = 0;
		src->slot[i].bad = 0;
		src->slot[i].nv = 0;
	}
	t->cursrc = -1;
}

void
care_ind_set_file(struct care_ind *t, const char *name)
{
	t->file = name;
	t->fileloc = care_long_loc(t->locs, name, strlen(name), 0, 0);
}

/*
 * Starts a respondent: its source, or -2 when no indicator reads it,
 * and where its record came from.
 */
static void
begin(struct care_ind *t, const char *const *f, const size_t *len,
    unsigned long line)
{
	uint64_t o;
	size_t i;

	t->cursrc = -2;
	t->open = 1;
	care_buf_set(&t->key, f[F_SOURCE], len[F_SOURCE]);
	for (i = 0; i < t->cfg->nsrc; i++)
		if (t->cfg->src[i].namelen == len[F_SOURCE] &&
		    memcmp(t->cfg->src[i].name, f[F_SOURCE], len[F_SOURCE])
		    == 0 && t->cfg->src[i].ndef > 0)
			t->cursrc = (long)i;
	if (t->cursrc != t->nextsrc) {	/* another order of items */
		free(t->next);
		t->next = NULL;
		t->nnext = 0;
		t->nextsrc = t->cursrc;
	}
	if (!eq(t->wave.p, t->wave.len, f[F_WAVE], len[F_WAVE])) {
		t->wgen++;
		care_buf_set(&t->wave, f[F_WAVE], len[F_WAVE]);
	}
	care_buf_set(&t->resp, f[F_RESP], len[F_RESP]);
	t->line = line;
	t->rfile = t->file;
	t->prevtok = -1;
	t->loc = care_long_loc_at(t->fileloc, line);
	if (t->ncols == 6 && len[F_ORIGIN] > 0 && (o = care_long_origin(
	    t->locs, f[F_ORIGIN], len[F_ORIGIN])) != 0)
		t->loc = o;
	/* The set's slot is fetched while the respondent's rows are read. */
	if (t->cursrc >= 0 && !t->grouped) {
		t->keyhash = care_long_key_hash(t->key.p, t->key.len,
		    t->wave.p, t->wave.len, t->resp.p, t->resp.len);
		care_long_seen_prefetch(t->seen, t->keyhash);
	}
	t->run0[0] = t->rows;
	t->run0[1] = t->used;
	t->run0[2] = t->ignored;
	t->run0[3] = t->rejected;
}

/* Nonzero if item token tok (see care_ind.next) is name. */
static inline int
tok_is(const struct care_ind *t, const struct ind_src *src, long tok,
    const char *name, size_t len)
{
	size_t u;

	if (tok < 0)
		return 0;
	if ((size_t)tok < src->nslot)
		return eq(src->slot[tok].name, src->slot[tok].namelen, name,
		    len);
	u = (size_t)tok - src->nslot;
	return eq(t->unk.key[u], t->unk.len[u], name, len);
}

/* Remembers that item tok came after item prev. */
static void
learn(struct care_ind *t, long prev, long tok)
{
	size_t k = (size_t)(prev + 1), n;

	if (k >= t->nnext) {
		n = k + 1 > t->nnext * 2 ? k + 1 : t->nnext * 2;
		t->next = care_reallocarray(t->next, n, sizeof(*t->next));
		while (t->nnext < n)
			t->next[t->nnext++] = -1;
	}
	t->next[k] = tok;
}

/*
 * The slot of item name in src, or -1.  Guessed first from the item
 * that followed the previous one last time, then the previous one
 * itself (an item of several answers), before hashing.
 */
static long
find_slot(struct care_ind *t, const struct ind_src *src, const char *name,
    size_t len)
{
	long prev = t->prevtok, tok = -1;

	if ((size_t)(prev + 1) < t->nnext)
		tok = t->next[prev + 1];
	if (!tok_is(t, src, tok, name, len)) {
		if (tok_is(t, src, prev, name, len))
			return (size_t)prev < src->nslot ? prev : -1;
		tok = care_ind_dict_find(&src->names, name, len);
		if (tok < 0)
			tok = (long)(src->nslot +
			    care_ind_dict_intern(&t->unk, name, len));
		learn(t, prev, tok);
	}
	t->prevtok = tok;
	return (size_t)tok < src->nslot ? tok : -1;
}

/* Parses a number or a date into the slot; -1 if it is bad (reported). */
static int
parse_value(struct care_ind *t, struct ind_slot *s, const char *v,
    size_t len, unsigned long row)
{
	struct care_date dt;
	enum care_date_status st;
	const char *file;
	unsigned long line;
	char *end;

	/* The raw record, or else the very row of the long CSV. */
	care_ind_where(t, &file, &line);
	if (!care_long_loc_raw(t->loc))
		line = row;
	if (s->answered > 1) {
		care_diag(CARE_DIAG_ERROR, file, line, 0, _("respondent '%s': "
		    "item '%s' has more than one value ('%s' and another): "
		    "not counted"), t->resp.p, s->name, v);
		return -1;
	}
	if (s->isdate) {
		st = care_date_parse(v, len, &dt);
		if (st != CARE_DATE_OK && st != CARE_DATE_PAST_ERA) {
			care_diag(CARE_DIAG_ERROR, file, line, 0,
			    _("respondent '%s': item '%s': %s: '%s'"),
			    t->resp.p, s->name, care_date_strstatus(st), v);
			return -1;
		}
		s->fy = care_date_fy(dt, t->cfg->fy_start);
	}
	if (s->numeric) {
		s->num = strtod(v, &end);
		if (end != v + len || !isfinite(s->num) || len == 0 ||
		    v[0] == ' ' || v[0] == '\t' || v[0] == '\n') {
			care_diag(CARE_DIAG_ERROR, file, line, 0,
			    _("respondent '%s': item '%s': not a number: '%s'"),
			    t->resp.p, s->name, v);
			return -1;
		}
	}
	return 0;
}

static int
same(const struct care_buf *b, const char *s, size_t len)
{
	return eq(b->p, b->len, s, len);
}

/* care_ind_dict_intern, a one-byte code without a call. */
static inline unsigned
level(struct ind_dict *d, const char *v, size_t len)
{
	unsigned char c = (unsigned char)v[0];

	if (len == 1 && c < 128 && d->byte1 != NULL && d->byte1[c] != 0)
		return d->byte1[c] - 1;
	return care_ind_dict_intern(d, v, len);
}

/* One row of long CSV (f[i] NUL-terminated, len[i] its length). */
void
care_ind_row(struct care_ind *t, const char *const *f, const size_t *len,
    unsigned long line)
{
	struct ind_src *src;
	struct ind_slot *s;
	long p;

	/* A row with an origin begins a record, of its own respondent. */
	if (!t->open || (t->ncols == 6 && len[F_ORIGIN] > 0) ||
	    !same(&t->resp, f[F_RESP], len[F_RESP]) ||
	    !same(&t->wave, f[F_WAVE], len[F_WAVE]) ||
	    !same(&t->key, f[F_SOURCE], len[F_SOURCE])) {
		care_ind_flush(t);
		begin(t, f, len, line);
		if (t->ncols == 6 && len[F_ORIGIN] == 0 && !t->grouped &&
		    !t->apart)
			unordered(t);
	}
	t->rows++;
	if (t->cursrc < 0) {
		t->ignored++;
		return;
	}
	src = &t->cfg->src[t->cursrc];
	p = find_slot(t, src, f[F_ITEM], len[F_ITEM]);
	if (p < 0) {
		t->ignored++;
		return;
	}
	s = &src->slot[p];
	s->seen++;
	if (len[F_VALUE] > 0) {
		/* A number or a date has one value: a second is an error. */
		if (s->answered++ < 2 && (s->numeric || s->isdate) &&
		    parse_value(t, s, f[F_VALUE], len[F_VALUE], line) != 0) {
			s->bad = 1;
			t->rejected++;
			return;
		}
		if (s->coded) {
			if (s->nv == s->capv) {
				s->capv = s->capv == 0 ? 4 : s->capv * 2;
				s->v = care_reallocarray(s->v, s->capv,
				    sizeof(*s->v));
			}
			s->v[s->nv++] = level(&s->levels, f[F_VALUE],
			    len[F_VALUE]);
		}
	}
	t->used++;
}
