/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * indicator-calc's partial aggregates (--partial), written: every cell
 * as exact integer counts and double-double sums in hexadecimal floating
 * point, so that merging shards gives bit for bit what one run gives.
 * care_ind_merge.c reads them.  A line is a tag and tab-separated fields:
 *
 *   I  an indicator: index, id, kind, breakdowns, what it depends on
 *   W  a wave an indicator met;  C, A  a cell and a category of it
 *   P  a paired respondent waiting for its other side
 *   F  a file the locations of Q lines name: index, name
 *   Q  a respondent read: the hash of its key, and where its record
 *      came from: 1 for an origin (else the long file), file, line
 *   S  a stream event of a part a worker read (care_long_seg_record)
 *   N  the line the last record read ended on
 *   R  rows read, used, ignored, rejected, set aside; respondents
 *   E  the end, so that a file cut short is refused
 */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_ind_int.h"


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

/* The respondents read, gathered to be written in hash order. */
struct resps {
	uint64_t	(*v)[2];	/* hash, location */
	size_t		 n;
};

static void
add_resp(void *ctx, uint64_t h, uint64_t loc)
{
	struct resps *r = ctx;

	r->v[r->n][0] = h;
	r->v[r->n++][1] = loc;
}

static int
resp_cmp(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

/*
 * F and Q lines: the files in the order the respondents, by hash, first
 * name them, so that the same respondents give the same lines however
 * many processes read them.
 */
static void
put_resps(struct care_ind *t, FILE *fp)
{
	size_t nf = care_long_files_count(t->locs), i, k, next = 0;
	size_t *idx = care_reallocarray(NULL, nf + 1, sizeof(*idx));
	struct care_buf b = CARE_BUF_INIT;
	struct resps r;
	const char *name;
	uint64_t loc;

	r.n = 0;
	r.v = care_reallocarray(NULL, care_long_seen_count(t->seen) + 1,
	    sizeof(*r.v));
	care_long_seen_each(t->seen, add_resp, &r);
	qsort(r.v, r.n, sizeof(*r.v), resp_cmp);
	for (k = 0; k < nf; k++)
		idx[k] = (size_t)-1;
	for (i = 0; i < r.n; i++) {
		k = care_long_loc_index(r.v[i][1]);
		if (idx[k] != (size_t)-1)
			continue;
		idx[k] = next++;
		name = care_long_files_name(t->locs, k);
		care_buf_clear(&b);
		care_ind_esc(&b, name, strlen(name));
		fprintf(fp, "F\t%zu\t%s\n", idx[k], b.p != NULL ? b.p : "");
	}
	for (i = 0; i < r.n; i++) {
		loc = r.v[i][1];
		fprintf(fp, "Q\t%016" PRIx64 "\t%d\t%zu\t%lu\n", r.v[i][0],
		    care_long_loc_raw(loc), idx[care_long_loc_index(loc)],
		    care_long_loc_line(loc));
	}
	care_buf_free(&b);
	free(r.v);
	free(idx);
}

/*
 * Where the rows came from: the files, the respondents read (so that
 * one read in two parts or shards is noticed), and the events of a
 * worker's streams, to be checked in their place.
 */
static int
put_origins(struct care_ind *t, FILE *fp)
{
	const struct care_long_event *ev;
	size_t i;

	if (!t->worker)		/* workers hand their own over */
		put_resps(t, fp);
	for (i = 0; i < t->seg.nev; i++) {
		ev = &t->seg.ev[i];
		fprintf(fp, "S\t%c\t%lu\t%lu\t%lu\n", ev->kind ==
		    CARE_LONG_HEADER ? 'H' : ev->kind == CARE_LONG_END ? 'E' :
		    'O', ev->line, ev->v, ev->nrec);
	}
	fprintf(fp, "N\t%lu\n", t->lastline);
	return ferror(fp) ? -1 : 0;
}

int
care_ind_write_partial(struct care_ind *t, FILE *fp)
{
	struct care_buf b = CARE_BUF_INIT;
	size_t i;
	int rc = 0;

	fprintf(fp, "%s%d\n", CARE_IND_PARTIAL_MAGIC, CARE_IND_PARTIAL_VERSION);
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
	care_buf_free(&b);
	if (rc == 0)
		rc = put_origins(t, fp);
	fprintf(fp, "R\t%lu\t%lu\t%lu\t%lu\t%lu\t%lu\n", t->rows, t->used,
	    t->ignored, t->rejected, t->aside, t->respondents);
	fputs("E\n", fp);
	return rc != 0 || ferror(fp) ? -1 : 0;
}

