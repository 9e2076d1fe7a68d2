/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rows of long CSV grouped by respondent: kept, sorted, spilled, merged. */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_long.h"
#include "care_outfile.h"
#include "care_regroup_int.h"

/* Runs on disk before they are merged into one (each is an open file). */
#define MAXRUNS	64

/*
 * A row in memory: the hash of its respondent and its record in the
 * arena.  Records are added in input order, so sorting by hash and then
 * offset keeps a respondent's rows in input order; runs on disk are in
 * input order too, so the merge takes equal hashes run by run.
 */
struct ent {
	uint64_t	hash;
	size_t		off, len;
};

struct run {
	FILE		*fp;
	uint64_t	 hash;		/* of rec */
	struct care_buf	 rec;		/* its current record */
};

struct care_regroup {
	struct care_buf	 arena;		/* records: see put_record() */
	struct ent	*ent;
	size_t		 n, cap, limit;
	uint64_t	 seq;
	struct run	*run;
	size_t		 nrun;
	size_t		*heap;		/* live runs, smallest on top */
	size_t		 nheap;
	int		 err;
	/* The group being handed out. */
	struct care_buf	 gbuf;
	struct rg_row	*rows;
	size_t		 nrows, caprows;
};

static void
put_varint(struct care_buf *b, uint64_t v)
{
	do {
		care_buf_addc(b, (char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0)));
		v >>= 7;
	} while (v != 0);
}

static uint64_t
get_varint(const unsigned char **p)
{
	uint64_t v = 0;
	int shift = 0;

	while (**p & 0x80) {
		v |= (uint64_t)(**p & 0x7f) << shift;
		shift += 7;
		(*p)++;
	}
	v |= (uint64_t)*(*p)++ << shift;
	return v;
}

struct care_regroup *
care_regroup_new(void)
{
	struct care_regroup *g = care_calloc(1, sizeof(*g));
	const char *env = getenv("CAREKIT_SORT_MEMORY");
	char *end;
	unsigned long long m;

	g->limit = CARE_REGROUP_MEMORY;
	if (env != NULL && *env != '\0') {
		m = strtoull(env, &end, 10);
		if (*end == '\0' && m >= 1024)
			g->limit = (size_t)m;
	}
	return g;
}

static int
ent_cmp(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

static void
io_error(struct care_regroup *g)
{
	if (!g->err)
		care_err(_("cannot write a temporary file"));
	g->err = 1;
}

static void compact(struct care_regroup *);

/* Sorts the rows in memory and writes them out as a run. */
static void
spill(struct care_regroup *g)
{
	struct run *r;
	struct care_buf len = CARE_BUF_INIT;
	size_t i;

	qsort(g->ent, g->n, sizeof(*g->ent), ent_cmp);
	if (g->nrun == MAXRUNS)
		compact(g);
	g->run = care_reallocarray(g->run, g->nrun + 1, sizeof(*g->run));
	r = &g->run[g->nrun++];
	memset(r, 0, sizeof(*r));
	if ((r->fp = care_tmpfile()) == NULL) {
		io_error(g);
		g->nrun--;
	}
	for (i = 0; i < g->n && r->fp != NULL; i++) {
		care_buf_clear(&len);
		put_varint(&len, g->ent[i].len);
		if (fwrite(&g->ent[i].hash, 8, 1, r->fp) != 1 ||
		    fwrite(len.p, 1, len.len, r->fp) != len.len ||
		    fwrite(g->arena.p + g->ent[i].off, 1, g->ent[i].len,
		    r->fp) != g->ent[i].len)
			break;
	}
	if (r->fp != NULL && (i < g->n || fflush(r->fp) != 0))
		io_error(g);
	care_buf_free(&len);
	g->arena.len = 0;
	g->n = 0;
}

void
care_regroup_add(struct care_regroup *g, const char *const *f,
    const size_t *len, size_t nf, size_t file, unsigned long line)
{
	size_t off = g->arena.len, k;

	put_varint(&g->arena, g->seq++);
	put_varint(&g->arena, file);
	put_varint(&g->arena, line);
	for (k = 0; k < 6; k++) {
		put_varint(&g->arena, k < nf ? len[k] : 0);
		if (k < nf)
			care_buf_add(&g->arena, f[k], len[k]);
	}
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 1024;
		g->ent = care_reallocarray(g->ent, g->cap, sizeof(*g->ent));
	}
	g->ent[g->n].hash = care_long_key_hash(f[0], len[0], f[1], len[1],
	    f[2], len[2]);
	g->ent[g->n].off = off;
	g->ent[g->n++].len = g->arena.len - off;
	if (g->arena.len + g->n * sizeof(*g->ent) >= g->limit)
		spill(g);
}

/* A row of an input being read, for care_regroup_read(). */
struct reading {
	struct care_regroup	*g;
	size_t			 file;
	void			(*bad)(void *, unsigned long);
	void			*ctx;
};

static int
read_row(void *ctx, const char *const *f, const size_t *len,
    unsigned long line)
{
	struct reading *rd = ctx;

	care_regroup_add(rd->g, f, len, 6, rd->file, line);
	return 0;
}

static void
read_bad(void *ctx, unsigned long line)
{
	struct reading *rd = ctx;

	rd->bad(rd->ctx, line);
}

int
care_regroup_read(struct care_regroup *g, struct care_csv *csv,
    size_t file, struct care_long_seg *seg,
    void (*bad)(void *ctx, unsigned long line), void *ctx)
{
	struct care_long_sink sk;
	struct reading rd;

	rd.g = g;
	rd.file = file;
	rd.bad = bad;
	rd.ctx = ctx;
	sk.ctx = &rd;
	sk.row = read_row;
	sk.bad = read_bad;
	return care_long_read(csv, seg, &sk) < 0 ? -1 : 0;
}

/* --- merging the runs ------------------------------------------------ */

/* Reads run r's next record; 0 at its end, -1 on an error (reported). */
static int
run_next(struct care_regroup *g, struct run *r)
{
	unsigned char b;
	uint64_t len = 0;
	int shift = 0, c;

	if (fread(&r->hash, 8, 1, r->fp) != 1) {
		if (ferror(r->fp))
			io_error(g);
		return ferror(r->fp) ? -1 : 0;
	}
	do {
		if ((c = getc(r->fp)) == EOF) {
			io_error(g);
			return -1;
		}
		b = (unsigned char)c;
		len |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	care_buf_clear(&r->rec);
	care_buf_reserve(&r->rec, (size_t)len);
	if (fread(r->rec.p, 1, (size_t)len, r->fp) != len) {
		io_error(g);
		return -1;
	}
	r->rec.len = (size_t)len;
	return 1;
}

/* Heap order: the smaller hash, then the earlier run. */
static int
before(const struct care_regroup *g, size_t a, size_t b)
{
	if (g->run[a].hash != g->run[b].hash)
		return g->run[a].hash < g->run[b].hash;
	return a < b;
}

static void
sift_down(struct care_regroup *g, size_t i)
{
	size_t c, t;

	while ((c = 2 * i + 1) < g->nheap) {
		if (c + 1 < g->nheap && before(g, g->heap[c + 1], g->heap[c]))
			c++;
		if (!before(g, g->heap[c], g->heap[i]))
			break;
		t = g->heap[c], g->heap[c] = g->heap[i], g->heap[i] = t;
		i = c;
	}
}

/* Starts the merge: every run rewound and its first record read. */
static void
merge_start(struct care_regroup *g)
{
	size_t i;

	g->heap = care_reallocarray(g->heap, g->nrun + 1, sizeof(*g->heap));
	g->nheap = 0;
	for (i = 0; i < g->nrun; i++) {
		rewind(g->run[i].fp);
		if (run_next(g, &g->run[i]) == 1)
			g->heap[g->nheap++] = i;
	}
	for (i = g->nheap; i-- > 0;)
		sift_down(g, i);
}

/* The run holding the next record in order, or NULL at the end. */
static struct run *
merge_top(struct care_regroup *g)
{
	return g->nheap > 0 ? &g->run[g->heap[0]] : NULL;
}

/* Moves the top run on to its next record. */
static void
merge_pop(struct care_regroup *g)
{
	if (run_next(g, &g->run[g->heap[0]]) != 1)
		g->heap[0] = g->heap[--g->nheap];
	sift_down(g, 0);
}

static void
runs_close(struct care_regroup *g)
{
	size_t i;

	for (i = 0; i < g->nrun; i++) {
		fclose(g->run[i].fp);
		care_buf_free(&g->run[i].rec);
	}
	g->nrun = 0;
}

/* Merges every run into one, to keep the number of open files down. */
static void
compact(struct care_regroup *g)
{
	struct care_buf len = CARE_BUF_INIT;
	struct run *r;
	FILE *fp;

	if ((fp = care_tmpfile()) == NULL) {
		io_error(g);
		return;
	}
	for (merge_start(g); (r = merge_top(g)) != NULL; merge_pop(g)) {
		care_buf_clear(&len);
		put_varint(&len, r->rec.len);
		if (fwrite(&r->hash, 8, 1, fp) != 1 ||
		    fwrite(len.p, 1, len.len, fp) != len.len ||
		    fwrite(r->rec.p, 1, r->rec.len, fp) != r->rec.len)
			io_error(g);
	}
	if (fflush(fp) != 0)
		io_error(g);
	care_buf_free(&len);
	runs_close(g);
	g->run[0].fp = fp;
	memset(&g->run[0].rec, 0, sizeof(g->run[0].rec));
	g->nrun = 1;
}

/* --- handing out groups ---------------------------------------------- */

/* Decodes the record at p into the group being gathered. */
static void
group_add(struct care_regroup *g, const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	struct rg_row *r;
	size_t k, l;
	if (g->nrows == g->caprows) {
		g->caprows = g->caprows ? g->caprows * 2 : 64;
		g->rows = care_reallocarray(g->rows, g->caprows,
		    sizeof(*g->rows));
	}
	r = &g->rows[g->nrows++];
	r->seq = get_varint(&u);
	r->file = (size_t)get_varint(&u);
	r->line = (unsigned long)get_varint(&u);
	r->kept = 1;
	for (k = 0; k < 6; k++) {
		l = (size_t)get_varint(&u);
		/* Offsets for now: gbuf may move as it grows. */
		r->f[k] = (const char *)(uintptr_t)g->gbuf.len;
		r->len[k] = l;
		care_buf_add(&g->gbuf, (const char *)u, l);
		care_buf_addc(&g->gbuf, '\0');
		u += l;
	}
}

static void
group_end(struct care_regroup *g, care_regroup_fn *fn, void *ctx,
    const char *const *names)
{
	size_t i, k;

	for (i = 0; i < g->nrows; i++)
		for (k = 0; k < 6; k++)
			g->rows[i].f[k] = g->gbuf.p +
			    (uintptr_t)g->rows[i].f[k];
	if (g->nrows > 0)
		care_regroup_settle(g->rows, g->nrows, fn, ctx, names);
	g->nrows = 0;
	g->gbuf.len = 0;
}

/* Groups straight from memory: nothing was spilled. */
static void
each_in_memory(struct care_regroup *g, care_regroup_fn *fn, void *ctx,
    const char *const *names)
{
	size_t i;

	qsort(g->ent, g->n, sizeof(*g->ent), ent_cmp);
	for (i = 0; i < g->n; i++) {
		if (i > 0 && g->ent[i].hash != g->ent[i - 1].hash)
			group_end(g, fn, ctx, names);
		group_add(g, g->arena.p + g->ent[i].off);
	}
	group_end(g, fn, ctx, names);
}

int
care_regroup_each(struct care_regroup *g, care_regroup_fn *fn, void *ctx,
    const char *const *names)
{
	struct run *r;
	uint64_t h = 0;

	if (g->nrun == 0) {
		each_in_memory(g, fn, ctx, names);
		return g->err ? -1 : 0;
	}
	if (g->n > 0)
		spill(g);
	for (merge_start(g); !g->err && (r = merge_top(g)) != NULL;
	    merge_pop(g)) {
		if (g->nrows > 0 && r->hash != h)
			group_end(g, fn, ctx, names);
		h = r->hash;
		group_add(g, r->rec.p);
	}
	if (!g->err)
		group_end(g, fn, ctx, names);
	return g->err ? -1 : 0;
}

void
care_regroup_free(struct care_regroup *g)
{
	if (g == NULL)
		return;
	runs_close(g);
	free(g->run);
	free(g->heap);
	free(g->ent);
	free(g->rows);
	care_buf_free(&g->arena);
	care_buf_free(&g->gbuf);
	free(g);
}
