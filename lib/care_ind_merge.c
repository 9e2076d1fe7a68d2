/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * indicator-calc --merge: partial files (care_ind_partial.c) read and
 * added, bit for bit; and the parts -j workers read, which say where
 * their rows came from so that a respondent in two parts and the
 * streams of the file are checked in place.
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

#define MAXF	64

/* Return codes of a line reader. */
enum {
	LINE_OK = 0,
	LINE_BAD = -1,		/* not a partial file */
	LINE_OTHER = -2,	/* made with another indicators file */
	LINE_SAID = -3,		/* unusable, reported */
	LINE_TWICE = 3		/* a worker's respondent read here too */
};

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

/* A reader of one partial file. */
struct rd {
	struct care_ind	*t;
	const char	*file;
	unsigned long	 line;
	int		 version;
	int		 ended;		/* its E line was read */
	char		*f[MAXF];
	size_t		 nf, pos;
	int		 bad;
	char		**name;		/* its F lines, by index */
	size_t		 nname;
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
	r->t->loc = 0;
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
	long v[6];
	size_t k, n = r->version >= 4 ? 6 : 5;

	v[4] = 0;
	for (k = 0; k < n; k++)
		if ((v[k] = get_long(r)) < 0)
			r->bad = 1;
	if (r->bad || r->pos != r->nf)
		return LINE_BAD;
	t->rows += (unsigned long)v[0];
	t->used += (unsigned long)v[1];
	t->ignored += (unsigned long)v[2];
	t->rejected += (unsigned long)v[3];
	if (n == 6)
		t->aside += (unsigned long)v[4];
	t->respondents += (unsigned long)v[n - 1];
	return LINE_OK;
}

/* F: the name of a file that locations name by index. */
static int
line_file(struct rd *r)
{
	long i = get_long(r);

	if (r->bad || r->pos + 1 != r->nf || (size_t)i != r->nname)
		return LINE_BAD;
	(void)unesc(r->f[r->pos]);
	r->name = care_reallocarray(r->name, r->nname + 1, sizeof(*r->name));
	r->name[r->nname++] = care_strdup(r->f[r->pos]);
	return LINE_OK;
}

/* A hexadecimal field of 64 bits. */
static uint64_t
get_hex(struct rd *r)
{
	char *end;
	uint64_t v;

	if (r->pos >= r->nf) {
		r->bad = 1;
		return 0;
	}
	errno = 0;
	v = strtoull(r->f[r->pos++], &end, 16);
	if (*end != '\0' || errno != 0)
		r->bad = 1;
	return v;
}

/* Q: a respondent read, which must not have been read before. */
static int
line_resp(struct rd *r)
{
	struct care_ind *t = r->t;
	uint64_t h = get_hex(r), loc, first;
	long raw = get_long(r), i = get_long(r), line = get_long(r);
	const char *name;

	if (r->bad || r->pos != r->nf || i < 0 || (size_t)i >= r->nname ||
	    raw < 0 || raw > 1)
		return LINE_BAD;
	loc = care_long_loc(t->locs, r->name[i], strlen(r->name[i]),
	    (unsigned long)line, (int)raw);
	if (care_long_seen_add(t->seen, h, loc, &first) == CARE_LONG_NEW)
		return LINE_OK;
	if (t->jobs)
		return LINE_TWICE;
	name = care_long_loc_file(t->locs, loc);
	care_diag(CARE_DIAG_FATAL, r->file, r->line, 0, _("a respondent "
	    "from %s:%lu is also in another input (from %s:%lu): partial "
	    "files must not share respondents"), name,
	    care_long_loc_line(loc), care_long_loc_file(t->locs, first),
	    care_long_loc_line(first));
	return LINE_SAID;
}

/* S: an event of a worker's streams, checked in its place. */
static int
line_stream(struct rd *r)
{
	struct care_long_event ev;
	const char *k = r->pos < r->nf ? r->f[r->pos++] : "";

	ev.kind = strcmp(k, "H") == 0 ? CARE_LONG_HEADER : strcmp(k, "E")
	    == 0 ? CARE_LONG_END : CARE_LONG_ROW;
	ev.line = (unsigned long)get_long(r);
	ev.v = (unsigned long)get_long(r);
	ev.nrec = (unsigned long)get_long(r);
	if (r->bad || r->pos != r->nf || (ev.kind == CARE_LONG_ROW &&
	    strcmp(k, "O") != 0))
		return LINE_BAD;
	return care_long_seg_replay(&r->t->seg, &ev, r->t->rows -
	    r->t->rows0) == 0 ?
	    LINE_OK : LINE_SAID;
}

/* N: the line where the last record of a part ended. */
static int
line_records(struct rd *r)
{
	long last = get_long(r);

	if (r->bad || r->pos != r->nf)
		return LINE_BAD;
	if ((unsigned long)last > r->t->lastline)
		r->t->lastline = (unsigned long)last;
	return LINE_OK;
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
	case 'F':
		return line_file(r);
	case 'Q':
		return line_resp(r);
	case 'S':
		return line_stream(r);
	case 'N':
		return line_records(r);
	case 'E':
		r->ended = 1;
		return r->nf == 1 ? LINE_OK : LINE_BAD;
	default:
		return LINE_BAD;
	}
}

/* The version of a partial file's first line, or 0. */
static int
version(const char *line)
{
	size_t n = strlen(CARE_IND_PARTIAL_MAGIC);

	if (strncmp(line, CARE_IND_PARTIAL_MAGIC, n) != 0 ||
	    line[n] < '1' || line[n] > '0' + CARE_IND_PARTIAL_VERSION ||
	    line[n + 1] != '\0')
		return 0;
	return line[n] - '0';
}

static void
rd_free(struct rd *r)
{
	size_t i;

	for (i = 0; i < r->nname; i++)
		free(r->name[i]);
	free(r->name);
}

/* Reads the lines of fp; a LINE_ code. */
static int
read_lines(struct rd *r, FILE *fp)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = LINE_OK;

	while (rc == LINE_OK && (len = getline(&buf, &cap, fp)) >= 0) {
		r->line++;
		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		if (r->line == 1) {
			if ((r->version = version(buf)) == 0)
				rc = LINE_BAD;
			continue;
		}
		split(r, buf);
		if (r->ended || r->bad)
			rc = LINE_BAD;
		else
			rc = dispatch(r);
	}
	free(buf);
	if (rc == LINE_OK && (r->line == 0 || (r->version >= 4 &&
	    !r->ended))) {
		care_diag(CARE_DIAG_FATAL, r->file, r->line, 0, _("partial "
		    "file cut short: it has no end line"));
		rc = LINE_SAID;
	}
	return rc;
}

int
care_ind_merge_stream(struct care_ind *t, FILE *fp, const char *name)
{
	struct rd r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.t = t;
	r.file = name;
	rc = read_lines(&r, fp);
	if (rc == LINE_OTHER)
		care_diag(CARE_DIAG_FATAL, r.file, r.line, 0, _("partial file "
		    "made with another indicators file"));
	else if (rc == LINE_BAD)
		care_diag(CARE_DIAG_FATAL, r.file, r.line, 0,
		    _("not a partial file of indicator-calc --partial"));
	else if (rc == LINE_OK && ferror(fp)) {
		care_diag(CARE_DIAG_FATAL, r.file, 0, 0, _("read error: %s"),
		    strerror(errno));
		rc = LINE_SAID;
	}
	rd_free(&r);
	t->file = NULL;
	return rc == LINE_OK ? 0 : rc == LINE_TWICE ? 3 : -1;
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
