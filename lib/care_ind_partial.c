/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * indicator-calc's partial aggregates (--partial, --merge): every cell
 * as exact integer counts and double-double sums in hexadecimal floating
 * point, so that merging shards gives bit for bit what one run gives.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_ind_int.h"

/*
 * Version 2 added W lines: the waves an indicator met, with cells or
 * not, so that a wave all of whose answers were rejected still has its
 * row after a merge.  Version 3 ends each I line with what the
 * indicator's aggregates depend on (ind_def.sig: sources, items, codes,
 * where...), so that a file made with other settings is refused rather
 * than merged into figures the configuration does not describe.
 * Versions 1 and 2 are read too, without that check.
 */
#define MAGIC	"carekit-indicators-partial\t3"
#define MAGIC2	"carekit-indicators-partial\t2"
#define MAGIC1	"carekit-indicators-partial\t1"
#define MAXF	64

void
care_ind_esc(struct care_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%' || c < 0x20 || c == 0x7f) {
			care_buf_addc(b, '%');
			care_buf_addc(b, hex[c >> 4]);
			care_buf_addc(b, hex[c & 15]);
		} else
			care_buf_addc(b, (char)c);
	}
}

/* Undoes care_ind_esc in place; returns the new length. */
static size_t
unesc(char *s)
{
	char *r = s, *w = s;
	unsigned v;

	while (*r != '\0') {
		if (r[0] == '%' && sscanf(r + 1, "%2x", &v) == 1 &&
		    r[1] != '\0' && r[2] != '\0') {
			*w++ = (char)v;
			r += 3;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	return (size_t)(w - s);
}

static void
put_sum(struct care_buf *b, const struct care_stats_sum *s)
{
	char tmp[80];

	(void)snprintf(tmp, sizeof(tmp), "\t%a\t%a", s->hi, s->lo);
	care_buf_adds(b, tmp);
}

static void
put_long(struct care_buf *b, long x)
{
	char tmp[32];

	(void)snprintf(tmp, sizeof(tmp), "\t%ld", x);
	care_buf_adds(b, tmp);
}

/* "<ind>\t<wave>\t<by>\t<level>" */
static void
put_key(struct care_buf *b, const struct care_ind *t, size_t i,
    unsigned wave, size_t by, unsigned lv)
{
	const struct ind_def *d = t->st[i].d;
	const struct ind_dict *w = &t->st[i].waves, *l;

	put_long(b, (long)i);
	care_buf_addc(b, '\t');
	care_ind_esc(b, w->key[wave], w->len[wave]);
	put_long(b, (long)by);
	care_buf_addc(b, '\t');
	if (by > 0) {
		l = &t->cfg->src[d->src].slot[d->by[by - 1]].levels;
		care_ind_esc(b, l->key[lv], l->len[lv]);
	}
}

static void
put_cell(struct care_buf *b, const struct care_ind *t, size_t i,
    unsigned wave, size_t by, unsigned lv, const struct ind_cell *c)
{
	const struct ind_def *d = t->st[i].d;
	const struct ind_dict *cats;
	size_t k;

	if (c->n == 0 && c->na == 0)
		return;
	care_buf_addc(b, 'C');
	put_key(b, t, i, wave, by, lv);
	put_long(b, c->n);
	put_long(b, c->na);
	put_long(b, c->nw);
	put_sum(b, &c->w);
	put_sum(b, &c->ww);
	put_sum(b, &c->sum);
	put_long(b, c->m.rows);
	put_long(b, c->m.rows_w);
	put_sum(b, &c->m.w);
	put_sum(b, &c->m.wy);
	put_sum(b, &c->m.ww);
	put_sum(b, &c->m.wwy);
	put_sum(b, &c->m.wwyy);
	put_sum(b, &c->m.wyy);
	for (k = 0; k < 4; k++)
		put_long(b, c->pair[k]);
	care_buf_addc(b, '\n');
	for (k = 0; k < c->ncat; k++) {
		if (c->cat[k].n == 0 && c->cat[k].nw == 0)
			continue;
		care_buf_addc(b, 'A');
		put_key(b, t, i, wave, by, lv);
		care_buf_addc(b, '\t');
		if (d->kind == K_DISTRIBUTION) {
			cats = &t->cfg->src[d->src].slot[d->item].levels;
			care_ind_esc(b, cats->key[k], cats->len[k]);
		}
		put_long(b, c->cat[k].n);
		put_long(b, c->cat[k].nw);
		put_sum(b, &c->cat[k].w);
		put_sum(b, &c->cat[k].ww);
		care_buf_addc(b, '\n');
	}
}

static int
put_state(struct care_ind *t, size_t i, FILE *fp, struct care_buf *b)
{
	const struct ind_state *st = &t->st[i];
	size_t w, k, l;

	care_buf_clear(b);
	for (w = 0; w < st->waves.n; w++) {
		care_buf_addc(b, 'W');
		put_key(b, t, i, (unsigned)w, 0, 0);
		care_buf_addc(b, '\n');
	}
	if (b->len > 0 && fwrite(b->p, 1, b->len, fp) != b->len)
		return -1;
	for (w = 0; w < st->nw; w++) {
		if (st->w[w] == NULL)
			continue;
		care_buf_clear(b);
		put_cell(b, t, i, (unsigned)w, 0, 0, &st->w[w]->total);
		for (k = 0; k < st->d->nby; k++)
			for (l = 0; l < st->w[w]->ngrp[k]; l++)
				put_cell(b, t, i, (unsigned)w, k + 1,
				    (unsigned)l, &st->w[w]->grp[k][l]);
		if (b->len > 0 && fwrite(b->p, 1, b->len, fp) != b->len)
			return -1;
	}
	for (l = 0; l < st->npend; l++) {
		const struct ind_pend *p = &st->pend[l];
		const char *key = st->pendkeys.key[l];
		const char *sep = strchr(key, '\037');

		if ((p->y[0] == -2) == (p->y[1] == -2))
			continue;	/* paired already */
		care_buf_clear(b);
		care_buf_addc(b, 'P');
		put_key(b, t, i, p->wave, 0, 0);
		care_buf_addc(b, '\t');
		care_ind_esc(b, sep + 1, strlen(sep + 1));
		put_long(b, p->y[0]);
		put_long(b, p->y[1]);
		care_buf_addc(b, '\n');
		if (fwrite(b->p, 1, b->len, fp) != b->len)
			return -1;
	}
	return 0;
}

int
care_ind_write_partial(struct care_ind *t, FILE *fp)
{
	struct care_buf b = CARE_BUF_INIT;
	size_t i;
	int rc = 0;

	fprintf(fp, "%s\n", MAGIC);
	for (i = 0; i < t->cfg->ndef; i++) {
		care_buf_clear(&b);
		care_buf_adds(&b, "I");
		put_long(&b, (long)i);
		care_buf_addc(&b, '\t');
		care_ind_esc(&b, t->cfg->def[i].id, strlen(t->cfg->def[i].id));
		put_long(&b, (long)t->cfg->def[i].kind);
		put_long(&b, (long)t->cfg->def[i].nby);
		care_buf_addc(&b, '\t');
		care_ind_esc(&b, t->cfg->def[i].sig,
		    strlen(t->cfg->def[i].sig));
		fprintf(fp, "%s\n", b.p);
	}
	for (i = 0; i < t->cfg->ndef && rc == 0; i++)
		rc = put_state(t, i, fp, &b);
	fprintf(fp, "R\t%lu\t%lu\t%lu\t%lu\t%lu\n", t->rows, t->used,
	    t->ignored, t->rejected, t->respondents);
	care_buf_free(&b);
	return rc != 0 || ferror(fp) ? -1 : 0;
}

/* A reader of one partial file. */
struct rd {
	struct care_ind	*t;
	const char	*file;
	unsigned long	 line;
	int		 version;
	char		*f[MAXF];
	size_t		 nf, pos;
	int		 bad;
};

static long
get_long(struct rd *r)
{
	char *end;
	long x;

	if (r->pos >= r->nf) {
		r->bad = 1;
		return 0;
	}
	errno = 0;
	x = strtol(r->f[r->pos++], &end, 10);
	if (*end != '\0' || errno != 0)
		r->bad = 1;
	return x;
}

static void
get_sum(struct rd *r, struct care_stats_sum *s)
{
	char *end;
	size_t k;
	double *v[2];

	v[0] = &s->hi;
	v[1] = &s->lo;
	for (k = 0; k < 2; k++) {
		if (r->pos >= r->nf) {
			r->bad = 1;
			return;
		}
		*v[k] = strtod(r->f[r->pos], &end);
		if (*end != '\0' || end == r->f[r->pos])
			r->bad = 1;
		r->pos++;
	}
}

/* The indicator, wave, by and level of a C, A or P line. */
static int
get_key(struct rd *r, size_t *i, unsigned *wave, size_t *by, unsigned *lv)
{
	struct care_ind *t = r->t;
	const struct ind_def *d;
	long x = get_long(r), k;
	size_t len;

	if (r->bad || x < 0 || (size_t)x >= t->cfg->ndef || r->nf < 5)
		return -1;
	*i = (size_t)x;
	d = t->st[*i].d;
	len = unesc(r->f[r->pos]);
	*wave = care_ind_dict_intern(&t->st[*i].waves, r->f[r->pos++], len);
	k = get_long(r);
	if (r->bad || k < 0 || (size_t)k > d->nby)
		return -1;
	*by = (size_t)k;
	len = unesc(r->f[r->pos]);
	*lv = *by == 0 ? 0 : care_ind_dict_intern(
	    &t->cfg->src[d->src].slot[d->by[*by - 1]].levels, r->f[r->pos],
	    len);
	r->pos++;
	return 0;
}

/* A wave the indicator met. */
static int
line_wave(struct rd *r)
{
	size_t i, by;
	unsigned wave, lv;

	if (get_key(r, &i, &wave, &by, &lv) != 0 || by != 0 ||
	    r->pos != r->nf)
		return -1;
	return 0;
}

static int
line_cell(struct rd *r)
{
	struct ind_cell c;
	size_t i, by, k;
	unsigned wave, lv;

	if (get_key(r, &i, &wave, &by, &lv) != 0)
		return -1;
	memset(&c, 0, sizeof(c));
	c.n = get_long(r);
	c.na = get_long(r);
	c.nw = get_long(r);
	get_sum(r, &c.w);
	get_sum(r, &c.ww);
	get_sum(r, &c.sum);
	c.m.rows = get_long(r);
	c.m.rows_w = get_long(r);
	get_sum(r, &c.m.w);
	get_sum(r, &c.m.wy);
	get_sum(r, &c.m.ww);
	get_sum(r, &c.m.wwy);
	get_sum(r, &c.m.wwyy);
	get_sum(r, &c.m.wyy);
	for (k = 0; k < 4; k++)
		c.pair[k] = get_long(r);
	if (r->bad || r->pos != r->nf)
		return -1;
	care_ind_cell_merge(care_ind_cell(r->t, i, wave, by, lv), &c);
	return 0;
}

static int
line_cat(struct rd *r)
{
	struct ind_cat a, *dst;
	const struct ind_def *d;
	size_t i, by, len;
	unsigned wave, lv, cat = 0;

	if (get_key(r, &i, &wave, &by, &lv) != 0 || r->pos >= r->nf)
		return -1;
	d = r->t->st[i].d;
	len = unesc(r->f[r->pos]);
	if (d->kind == K_DISTRIBUTION)
		cat = care_ind_dict_intern(
		    &r->t->cfg->src[d->src].slot[d->item].levels,
		    r->f[r->pos], len);
	r->pos++;
	memset(&a, 0, sizeof(a));
	a.n = get_long(r);
	a.nw = get_long(r);
	get_sum(r, &a.w);
	get_sum(r, &a.ww);
	if (r->bad || r->pos != r->nf)
		return -1;
	dst = care_ind_cat(care_ind_cell(r->t, i, wave, by, lv), cat);
	dst->n += a.n;
	dst->nw += a.nw;
	care_stats_sum_merge(&dst->w, &a.w);
	care_stats_sum_merge(&dst->ww, &a.ww);
	return 0;
}

static int
line_pend(struct rd *r)
{
	size_t i, by, len;
	unsigned wave, lv;
	long y0, y1;
	char *resp;

	if (get_key(r, &i, &wave, &by, &lv) != 0 || r->pos >= r->nf)
		return -1;
	resp = r->f[r->pos++];
	len = unesc(resp);
	y0 = get_long(r);
	y1 = get_long(r);
	if (r->bad || r->pos != r->nf || y0 < -2 || y0 > 1 || y1 < -2 ||
	    y1 > 1 || r->t->st[i].d->kind != K_PAIRED)
		return -1;
	r->t->file = r->file;
	r->t->line = r->line;
	if (y0 != -2)
		care_ind_pair(r->t, i, wave, resp, len, 0, (int)y0);
	if (y1 != -2)
		care_ind_pair(r->t, i, wave, resp, len, 1, (int)y1);
	return 0;
}

/* An I line must describe the same indicator as the configuration. */
static int
line_ind(struct rd *r)
{
	const struct care_ind_cfg *c = r->t->cfg;
	long i = get_long(r), kind, nby;

	if (r->bad || i < 0 || (size_t)i >= c->ndef || r->pos >= r->nf)
		return -1;
	(void)unesc(r->f[r->pos]);
	if (strcmp(r->f[r->pos++], c->def[i].id) != 0)
		return -2;
	kind = get_long(r);
	nby = get_long(r);
	if (r->version >= 3 && r->pos < r->nf) {
		(void)unesc(r->f[r->pos]);
		if (strcmp(r->f[r->pos++], c->def[i].sig) != 0)
			return -2;
	} else if (r->version >= 3)
		r->bad = 1;
	if (r->bad || r->pos != r->nf)
		return -1;
	return kind == (long)c->def[i].kind && nby == (long)c->def[i].nby ?
	    0 : -2;
}

static int
line_rows(struct rd *r)
{
	struct care_ind *t = r->t;
	long v[5];
	size_t k;

	for (k = 0; k < 5; k++)
		if ((v[k] = get_long(r)) < 0)
			r->bad = 1;
	if (r->bad || r->pos != r->nf)
		return -1;
	t->rows += (unsigned long)v[0];
	t->used += (unsigned long)v[1];
	t->ignored += (unsigned long)v[2];
	t->rejected += (unsigned long)v[3];
	t->respondents += (unsigned long)v[4];
	return 0;
}

/* Splits a line at tabs into r->f. */
static void
split(struct rd *r, char *s)
{
	r->nf = r->pos = 0;
	r->bad = 0;
	r->f[r->nf++] = s;
	while ((s = strchr(s, '\t')) != NULL && r->nf < MAXF) {
		*s++ = '\0';
		r->f[r->nf++] = s;
	}
	if (s != NULL)
		r->bad = 1;
}

static int
dispatch(struct rd *r)
{
	const char *tag = r->f[0];

	r->pos = 1;
	if (tag[1] != '\0')
		return -1;
	switch (tag[0]) {
	case 'I':
		return line_ind(r);
	case 'W':
		return line_wave(r);
	case 'C':
		return line_cell(r);
	case 'A':
		return line_cat(r);
	case 'P':
		return line_pend(r);
	case 'R':
		return line_rows(r);
	default:
		return -1;
	}
}

int
care_ind_merge_stream(struct care_ind *t, FILE *fp, const char *name)
{
	struct rd r;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.t = t;
	r.file = name;
	while (rc == 0 && (len = getline(&buf, &cap, fp)) >= 0) {
		r.line++;
		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		if (r.line == 1) {
			r.version = strcmp(buf, MAGIC) == 0 ? 3 :
			    strcmp(buf, MAGIC2) == 0 ? 2 :
			    strcmp(buf, MAGIC1) == 0 ? 1 : 0;
			if (r.version == 0)
				rc = -1;
			continue;
		}
		split(&r, buf);
		if (r.bad || (rc = dispatch(&r)) == -1)
			rc = -1;
	}
	if (rc == 0 && r.line == 0)
		rc = -1;
	if (rc == -2)
		care_diag(CARE_DIAG_FATAL, r.file, r.line, 0, _("partial file "
		    "made with another indicators file"));
	else if (rc != 0)
		care_diag(CARE_DIAG_FATAL, r.file, r.line, 0,
		    _("not a partial file of indicator-calc --partial"));
	else if (ferror(fp)) {
		care_diag(CARE_DIAG_FATAL, r.file, 0, 0, _("read error: %s"),
		    strerror(errno));
		rc = -1;
	}
	free(buf);
	t->file = NULL;
	return rc == 0 ? 0 : -1;
}

int
care_ind_merge(struct care_ind *t, const char *path)
{
	FILE *fp;
	int rc, stdin_ = path == NULL || strcmp(path, "-") == 0;

	if ((fp = stdin_ ? stdin : fopen(path, "r")) == NULL) {
		care_diag(CARE_DIAG_FATAL, path, 0, 0, _("cannot open: %s"),
		    strerror(errno));
		return -1;
	}
	rc = care_ind_merge_stream(t, fp, stdin_ ? "<stdin>" : path);
	if (!stdin_)
		fclose(fp);
	return rc;
}
