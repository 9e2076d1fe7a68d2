/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey-ingest's engine: headers, records, rejects and long/wide output. */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_codebook.h"
#include "care_csv.h"
#include "care_csvout.h"
#include "care_err.h"
#include "care_header.h"
#include "care_i18n.h"
#include "care_idset.h"
#include "care_ingest.h"
#include "care_text.h"
#include "care_value.h"

/* Bytes of long output gathered before a write. */
#define LONG_BUFSIZE	(1 << 16)
/*
 * Row pieces are copied PAD bytes at a time when shorter: one fixed-size
 * move instead of a memcpy call per piece (80 million pieces for a
 * million records).  The pieces and the buffer have PAD bytes to spare.
 */
#define PAD		32

/* Per item: where it is in the current file, and its value now. */
struct slot {
	struct care_value	 v;
	int			 setmiss;	/* made 無回答 in this record */
	unsigned long		 nsetmiss;	/* in this file */
	struct care_buf		 qname;	/* long: "quoted name," */
	char			**qcodes;	/* long: "name,code\n" per code,
						   then "name,\n" (無回答) */
	size_t			*qlens;
};

struct care_ingest {
	struct care_ingest_opts	 o;
	const struct care_codebook *cb;
	const char		*wave;
	struct slot		*slots;
	struct care_header	*hdr;		/* the current file's columns */
	const char		*name;		/* current file, for messages */
	unsigned long		 line;		/* current record's line */
	enum care_reason	 reason;	/* first problem of the record */
	unsigned long		 nextid;	/* generated ids */
	struct care_idset	*ids;
	struct care_ingest_stats file, total;
	struct care_buf		 arena, scratch, idbuf, prefix;
	const char		**f;		/* fields, unguarded */
	size_t			*flen;
	size_t			 fcap;
	const char		**mvals;	/* 0/1 cells of a multi item */
	size_t			*mlens;
	char			*lbuf;		/* long output buffer */
	size_t			 llen;
	int			 lerr;		/* errno of a failed write */
	struct care_csvout	*wide, *rej;
	int			 rej_header;	/* rejects header written */
	int			 wide_header;	/* wide header written */
};

/* RFC 4180: a field with a comma, quote, CR or LF is quoted. */
static void
add_quoted(struct care_buf *b, const char *s, size_t len)
{
	size_t i;

	if (strcspn(s, ",\"\r\n") >= len) {
		care_buf_add(b, s, len);
		return;
	}
	care_buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			care_buf_addc(b, '"');
		care_buf_addc(b, s[i]);
	}
	care_buf_addc(b, '"');
}

static void long_add(struct care_ingest *, const char *, size_t);

static void
setup_long(struct care_ingest *ing)
{
	const struct care_cb_item *it;
	struct care_buf q = CARE_BUF_INIT;
	struct slot *sl;
	size_t i, j;

	ing->lbuf = care_malloc(LONG_BUFSIZE + 2 * PAD);
	long_add(ing, "source,wave,respondent,item,value\n", 34);
	for (i = 0; i < ing->cb->nitems; i++) {
		it = &ing->cb->items[i];
		sl = &ing->slots[i];
		add_quoted(&sl->qname, it->name, strlen(it->name));
		care_buf_addc(&sl->qname, ',');
		sl->qcodes = care_calloc(it->codes.n + 1, sizeof(char *));
		sl->qlens = care_calloc(it->codes.n + 1, sizeof(size_t));
		/* Whole row tails, so that a coded row is two copies. */
		for (j = 0; j <= it->codes.n; j++) {
			care_buf_set(&q, sl->qname.p, sl->qname.len);
			if (j < it->codes.n)
				add_quoted(&q, it->codes.s[j],
				    it->codes.len[j]);
			care_buf_addc(&q, '\n');
			sl->qlens[j] = q.len;
			sl->qcodes[j] = care_calloc(1, q.len + PAD);
			memcpy(sl->qcodes[j], q.p, q.len);
		}
	}
	care_buf_free(&q);
}

struct care_ingest *
care_ingest_new(const struct care_ingest_opts *o)
{
	struct care_ingest *ing;

	ing = care_calloc(1, sizeof(*ing));
	ing->o = *o;
	ing->cb = o->cb;
	ing->wave = o->wave != NULL ? o->wave : o->cb->wave;
	if (ing->wave == NULL && o->format == CARE_INGEST_LONG) {
		care_diag(CARE_DIAG_FATAL, NULL, 0, 0, _("%s: no wave: give "
		    "-w WAVE or 'wave' in the codebook"), o->cb->file);
		free(ing);
		return NULL;
	}
	ing->slots = care_calloc(ing->cb->nitems + 1, sizeof(*ing->slots));
	ing->hdr = care_header_new(ing->cb);
	ing->mvals = care_calloc(CARE_CB_MAX_MULTI + 1, sizeof(char *));
	ing->mlens = care_calloc(CARE_CB_MAX_MULTI + 1, sizeof(size_t));
	ing->ids = care_idset_new();
	if (o->format == CARE_INGEST_LONG)
		setup_long(ing);
	else
		ing->wide = care_csvout_new(o->out, 0);
	if (o->rejects != NULL)
		ing->rej = care_csvout_new(o->rejects,
		    CARE_CSVOUT_NEUTRALIZE | CARE_CSVOUT_BOM);
	return ing;
}

/* --- long output through a buffer of our own ---------------------- */

static void
long_flush(struct care_ingest *ing)
{
	if (ing->llen > 0 && fwrite(ing->lbuf, 1, ing->llen, ing->o.out) !=
	    ing->llen && ing->lerr == 0)
		ing->lerr = errno != 0 ? errno : EIO;
	ing->llen = 0;
}

static void
long_add(struct care_ingest *ing, const char *s, size_t len)
{
	if (ing->llen + len > LONG_BUFSIZE) {
		long_flush(ing);
		if (len > LONG_BUFSIZE) {
			ing->llen = len;
			fwrite(s, 1, len, ing->o.out);
			ing->llen = 0;
			return;
		}
	}
	memcpy(ing->lbuf + ing->llen, s, len);
	ing->llen += len;
}

static inline void
copy_short(char *to, const char *from, size_t len)
{
	if (len <= PAD)
		memcpy(to, from, PAD);
	else
		memcpy(to, from, len);
}

/* A row whose tail is ready: the respondent prefix, then tail. */
static inline void
long_tail(struct care_ingest *ing, const char *tail, size_t len)
{
	size_t n = ing->prefix.len + len;

	if (ing->llen + n > LONG_BUFSIZE) {
		long_add(ing, ing->prefix.p, ing->prefix.len);
		long_add(ing, tail, len);
		return;
	}
	copy_short(ing->lbuf + ing->llen, ing->prefix.p, ing->prefix.len);
	copy_short(ing->lbuf + ing->llen + ing->prefix.len, tail, len);
	ing->llen += n;
}

/* One long row: the respondent prefix, the item, the value. */
static void
long_row(struct care_ingest *ing, const struct slot *sl, const char *v,
    size_t len)
{
	long_add(ing, ing->prefix.p, ing->prefix.len);
	long_add(ing, sl->qname.p, sl->qname.len);
	long_add(ing, v, len);
	long_add(ing, "\n", 1);
}

static void
write_long(struct care_ingest *ing, const char *id, size_t idlen)
{
	const struct care_cb_item *it;
	const struct slot *sl;
	struct care_buf *q = &ing->scratch;
	const char *t;
	size_t i, c;

	care_buf_clear(&ing->prefix);
	add_quoted(&ing->prefix, ing->cb->source, strlen(ing->cb->source));
	care_buf_addc(&ing->prefix, ',');
	add_quoted(&ing->prefix, ing->wave, strlen(ing->wave));
	care_buf_addc(&ing->prefix, ',');
	add_quoted(&ing->prefix, id, idlen);
	care_buf_addc(&ing->prefix, ',');
	care_buf_reserve(&ing->prefix, PAD);
	for (i = 0; i < ing->cb->nitems; i++) {
		it = &ing->cb->items[i];
		sl = &ing->slots[i];
		if (sl->v.state == CARE_VALUE_NA)
			continue;
		if (sl->v.state == CARE_VALUE_NOANSWER) {
			c = it->codes.n;
			long_tail(ing, sl->qcodes[c], sl->qlens[c]);
		} else if (it->type == CARE_CB_MULTI) {
			for (c = 0; c < it->codes.n; c++)
				if (sl->v.mask & (uint64_t)1 << c)
					long_tail(ing, sl->qcodes[c],
					    sl->qlens[c]);
		} else if (it->type == CARE_CB_CODE) {
			c = (size_t)sl->v.code;
			long_tail(ing, sl->qcodes[c], sl->qlens[c]);
		} else {
			t = care_value_text(&sl->v, &ing->arena);
			care_buf_clear(q);
			add_quoted(q, t, sl->v.len);
			long_row(ing, sl, q->p, q->len);
		}
	}
}

static void
write_wide(struct care_ingest *ing, const char *id, size_t idlen)
{
	const struct care_cb_item *it;
	const struct slot *sl;
	struct care_buf *q = &ing->scratch;
	size_t i, c;

	care_csvout_field(ing->wide, id, idlen);
	for (i = 0; i < ing->cb->nitems; i++) {
		it = &ing->cb->items[i];
		sl = &ing->slots[i];
		if (sl->v.state != CARE_VALUE_ANSWER) {
			care_csvout_field(ing->wide, "", 0);
		} else if (it->type == CARE_CB_MULTI) {
			care_buf_clear(q);
			care_buf_adds(q, "");
			for (c = 0; c < it->codes.n; c++)
				if (sl->v.mask & (uint64_t)1 << c) {
					if (q->len > 0)
						care_buf_addc(q, ';');
					care_buf_add(q, it->codes.s[c],
					    it->codes.len[c]);
				}
			care_csvout_field(ing->wide, q->p, q->len);
		} else
			care_csvout_field(ing->wide,
			    care_value_text(&sl->v, &ing->arena), sl->v.len);
	}
	care_csvout_end(ing->wide);
}

static void
write_wide_header(struct care_ingest *ing)
{
	size_t i;

	ing->wide_header = 1;
	care_csvout_fields(ing->wide, "respondent");
	for (i = 0; i < ing->cb->nitems; i++)
		care_csvout_fields(ing->wide, ing->cb->items[i].name);
	care_csvout_end(ing->wide);
}

/* --- rejects ------------------------------------------------------- */

static void
reject(struct care_ingest *ing, enum care_reason r, size_t nfields)
{
	char num[24];
	size_t i;

	ing->file.rejected++;
	if (ing->rej == NULL)
		return;
	snprintf(num, sizeof(num), "%lu", ing->line);
	care_csvout_fields(ing->rej, num);
	care_csvout_fields(ing->rej, care_value_reason(r));
	for (i = ing->hdr->skip; i < nfields; i++)
		care_csvout_field(ing->rej, ing->f[i], ing->flen[i]);
	care_csvout_end(ing->rej);
}

static void
rejects_header(struct care_ingest *ing, size_t n)
{
	size_t i;

	if (ing->rej == NULL || ing->rej_header)
		return;
	ing->rej_header = 1;
	care_csvout_fields(ing->rej, "line");
	care_csvout_fields(ing->rej, "reason");
	for (i = ing->hdr->skip; i < n; i++)
		care_csvout_field(ing->rej, ing->f[i], ing->flen[i]);
	care_csvout_end(ing->rej);
}

/* --- records ------------------------------------------------------- */

/* The record's fields, with the formula guard of a rejects file undone. */
static void
take_fields(struct care_ingest *ing, const struct care_csv_record *rec)
{
	size_t i;

	if (rec->nfields > ing->fcap) {
		ing->fcap = rec->nfields + 16;
		ing->f = care_reallocarray(ing->f, ing->fcap, sizeof(*ing->f));
		ing->flen = care_reallocarray(ing->flen, ing->fcap,
		    sizeof(*ing->flen));
	}
	for (i = 0; i < rec->nfields; i++) {
		ing->f[i] = rec->fields[i];
		ing->flen[i] = rec->lens[i];
		if (ing->hdr->skip > 0)
			ing->flen[i] = care_csvout_unguard(&ing->f[i],
			    ing->flen[i]);
	}
}

/* Remembers the first problem of the record (its reject reason). */
static void
problem(struct care_ingest *ing, enum care_reason r)
{
	if (ing->reason == CARE_REASON_NONE)
		ing->reason = r;
}

/* Whether a skip rule asks the item: 1 yes, 0 no, -1 cannot tell. */
static int
asked(const struct care_ingest *ing, const struct care_cb_item *it)
{
	const struct care_value *c;

	if (it->asked_item < 0)
		return 1;
	c = &ing->slots[it->asked_item].v;
	if (c->state == CARE_VALUE_NA)
		return 0;
	if (c->state == CARE_VALUE_NOANSWER)
		return -1;
	return (c->mask & it->asked_mask) != 0;
}

static enum care_reason
check_item(struct care_ingest *ing, size_t i, const struct care_value_where *at)
{
	const struct care_cb_item *it = &ing->cb->items[i];
	struct slot *sl = &ing->slots[i];
	long col = ing->hdr->col[i];
	size_t c;

	if (col < 0) {
		memset(&sl->v, 0, sizeof(sl->v));
		sl->v.state = CARE_VALUE_NA;
		return CARE_REASON_NONE;
	}
	if (it->columns.n == 0)
		return care_value_check(ing->cb, it, ing->f[col],
		    ing->flen[col], &ing->arena, &ing->scratch, at, &sl->v);
	for (c = 0; c < it->columns.n; c++) {
		col = ing->hdr->cols[i][c];
		ing->mvals[c] = col >= 0 ? ing->f[col] : NULL;
		ing->mlens[c] = col >= 0 ? ing->flen[col] : 0;
	}
	return care_value_check_columns(ing->cb, it, ing->mvals, ing->mlens,
	    &ing->scratch, at, &sl->v);
}

static void
skip_violation(const struct care_ingest *ing, size_t i,
    const struct care_value_where *at)
{
	const struct care_cb_item *it = &ing->cb->items[i];
	long col = ing->hdr->col[i];

	if (it->columns.n > 0)
		care_diag(at->level, at->file, at->line, 0, _("item '%s': "
		    "answered, but it is asked only if %s"), it->name,
		    it->asked_text);
	else
		care_diag(at->level, at->file, at->line, 0, _("item '%s': "
		    "'%.*s' answered, but it is asked only if %s"), it->name,
		    (int)ing->flen[col], ing->f[col], it->asked_text);
}

/* Checks every item of the record; the first problem is ing->reason. */
static void
check_items(struct care_ingest *ing)
{
	const struct care_cb_item *it;
	struct care_value_where at;
	struct slot *sl;
	enum care_reason r;
	size_t i;

	at.file = ing->name;
	at.line = ing->line;
	at.level = ing->o.set_missing ? CARE_DIAG_WARN : CARE_DIAG_ERROR;
	for (i = 0; i < ing->cb->nitems; i++) {
		it = &ing->cb->items[i];
		sl = &ing->slots[i];
		sl->setmiss = 0;
		if ((r = check_item(ing, i, &at)) != CARE_REASON_NONE) {
			if (ing->o.set_missing && r != CARE_REASON_UNDECODABLE)
				sl->setmiss = 1;
			else
				problem(ing, r);
		}
		if (asked(ing, it) != 0)
			continue;
		if (sl->v.state == CARE_VALUE_ANSWER) {
			skip_violation(ing, i, &at);
			if (ing->o.set_missing)
				sl->setmiss = 1;
			else
				problem(ing, CARE_REASON_SKIP);
		}
		sl->v.state = CARE_VALUE_NA;
	}
}

/* The record's id, normalised, into ing->idbuf; 0, or -1 if none. */
static int
record_id(struct care_ingest *ing)
{
	long col = ing->hdr->idcol;

	if (ing->cb->id_generate) {
		care_buf_clear(&ing->idbuf);
		care_buf_reserve(&ing->idbuf, 24);
		ing->idbuf.len = (size_t)snprintf(ing->idbuf.p, 24, "%lu",
		    ++ing->nextid);
		return 0;
	}
	if (care_text_normalize(&ing->idbuf, ing->f[col], ing->flen[col],
	    CARE_TEXT_CODE) != 0 || ing->idbuf.len == 0) {
		care_diag(CARE_DIAG_ERROR, ing->name, ing->line, 0,
		    _("no id in column '%s'"), ing->cb->id_headers.s[0]);
		return -1;
	}
	return 0;
}

static void
accept(struct care_ingest *ing)
{
	size_t i;

	for (i = 0; i < ing->cb->nitems; i++) {
		ing->file.converted += ing->slots[i].v.converted != 0;
		if (ing->slots[i].setmiss) {
			ing->slots[i].nsetmiss++;
			ing->file.set_missing++;
		}
	}
	if (ing->o.format == CARE_INGEST_LONG)
		write_long(ing, ing->idbuf.p, ing->idbuf.len);
	else
		write_wide(ing, ing->idbuf.p, ing->idbuf.len);
	ing->file.written++;
}

static enum care_reason
csv_reason(enum care_csv_problem p)
{
	switch (p) {
	case CARE_CSV_RAGGED:
		return CARE_REASON_RAGGED;
	case CARE_CSV_QUOTE:
	case CARE_CSV_UNTERMINATED:
		return CARE_REASON_BAD_QUOTE;
	case CARE_CSV_UNDECODABLE:
		return CARE_REASON_UNDECODABLE;
	default:
		return CARE_REASON_TOO_BIG;
	}
}

static void
do_record(struct care_ingest *ing, const struct care_csv_record *rec)
{
	ing->file.records++;
	ing->line = rec->line;
	ing->reason = CARE_REASON_NONE;
	take_fields(ing, rec);
	if (rec->problem != CARE_CSV_OK) {
		reject(ing, csv_reason(rec->problem), rec->nfields);
		return;
	}
	care_buf_clear(&ing->arena);
	if (record_id(ing) != 0) {
		/* Still check the values: one run reports every problem. */
		problem(ing, CARE_REASON_MISSING_ID);
	}
	check_items(ing);
	if (ing->reason == CARE_REASON_NONE && !ing->cb->id_generate &&
	    !care_idset_add(ing->ids, ing->idbuf.p, ing->idbuf.len)) {
		care_diag(CARE_DIAG_ERROR, ing->name, ing->line, 0,
		    _("duplicate id '%s'"), ing->idbuf.p);
		problem(ing, CARE_REASON_DUPLICATE_ID);
	}
	if (ing->reason != CARE_REASON_NONE)
		reject(ing, ing->reason, rec->nfields);
	else
		accept(ing);
}

/* --- files --------------------------------------------------------- */

/* Reads the header; 1 to go on, 0 for an empty file, -1 fatal. */
static int
do_header(struct care_ingest *ing, struct care_csv *csv,
    struct care_csv_record *rec)
{
	int r;

	if ((r = care_csv_read(csv, rec)) <= 0) {
		if (r == 0)
			care_diag(CARE_DIAG_WARN, ing->name, 0, 0,
			    _("empty file: no header line"));
		return r;
	}
	if (rec->problem != CARE_CSV_OK) {
		care_diag(CARE_DIAG_FATAL, ing->name, rec->line, 0,
		    _("cannot read the header line"));
		return -1;
	}
	if (care_header_map(ing->hdr, (const char *const *)rec->fields,
	    rec->lens, rec->nfields, ing->name, rec->line) != 0)
		return -1;
	take_fields(ing, rec);
	rejects_header(ing, rec->nfields);
	if (ing->wide != NULL && !ing->wide_header)
		write_wide_header(ing);
	return 1;
}

/* Notes how many bad values of each item were made 無回答. */
static void
note_set_missing(struct care_ingest *ing)
{
	size_t i;

	for (i = 0; i < ing->cb->nitems; i++) {
		if (ing->slots[i].nsetmiss > 0)
			care_diag(CARE_DIAG_NOTE, ing->name, 0, 0,
			    _("item '%s': bad values recorded as no answer: "
			    "%lu"), ing->cb->items[i].name,
			    ing->slots[i].nsetmiss);
		ing->slots[i].nsetmiss = 0;
	}
}

static void
add_stats(struct care_ingest_stats *to, const struct care_ingest_stats *st)
{
	to->records += st->records;
	to->written += st->written;
	to->rejected += st->rejected;
	to->converted += st->converted;
	to->set_missing += st->set_missing;
}

int
care_ingest_file(struct care_ingest *ing, const char *path,
    struct care_ingest_stats *st)
{
	struct care_csv_record rec;
	struct care_csv *csv;
	int r;

	memset(&ing->file, 0, sizeof(ing->file));
	memset(st, 0, sizeof(*st));
	if ((csv = care_csv_open(path, ing->o.enc)) == NULL)
		return -1;
	ing->name = care_csv_name(csv);
	if ((r = do_header(ing, csv, &rec)) > 0)
		while ((r = care_csv_read(csv, &rec)) > 0)
			do_record(ing, &rec);
	if (ing->o.set_missing)
		note_set_missing(ing);
	*st = ing->file;
	add_stats(&ing->total, &ing->file);
	care_csv_close(csv);
	ing->name = NULL;
	return r < 0 ? -1 : 0;
}

void
care_ingest_total(const struct care_ingest *ing, struct care_ingest_stats *st)
{
	*st = ing->total;
}

void
care_ingest_summary(const struct care_ingest_stats *st,
    const char *rejects_name, char *buf, size_t size)
{
	size_t n;

	n = (size_t)snprintf(buf, size, _("%lu records, %lu written, %lu "
	    "rejected"), st->records, st->written, st->rejected);
	if (rejects_name != NULL && st->rejected > 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, " (%s)",
		    rejects_name);
	if (st->converted > 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n,
		    _(", %lu values converted"), st->converted);
	if (st->set_missing > 0 && n < size)
		snprintf(buf + n, size - n,
		    _(", %lu bad values recorded as no answer"),
		    st->set_missing);
}

int
care_ingest_finish(struct care_ingest *ing)
{
	int rc = 0, errnum = 0;

	if (ing->wide != NULL && !ing->wide_header)
		write_wide_header(ing);
	rejects_header(ing, 0);
	if (ing->lbuf != NULL) {
		long_flush(ing);
		if (ing->lerr != 0)
			errnum = ing->lerr, rc = -1;
	}
	if (ing->wide != NULL && care_csvout_flush(ing->wide) != 0)
		errnum = errno, rc = -1;
	if (ing->rej != NULL && care_csvout_flush(ing->rej) != 0)
		errnum = errno, rc = -1;
	errno = errnum;
	return rc;
}

void
care_ingest_free(struct care_ingest *ing)
{
	size_t i, j;

	if (ing == NULL)
		return;
	for (i = 0; i < ing->cb->nitems; i++) {
		care_buf_free(&ing->slots[i].qname);
		for (j = 0; ing->slots[i].qcodes != NULL &&
		    j <= ing->cb->items[i].codes.n; j++)
			free(ing->slots[i].qcodes[j]);
		free(ing->slots[i].qcodes);
		free(ing->slots[i].qlens);
	}
	free(ing->slots);
	care_header_free(ing->hdr);
	care_idset_free(ing->ids);
	care_buf_free(&ing->arena);
	care_buf_free(&ing->scratch);
	care_buf_free(&ing->idbuf);
	care_buf_free(&ing->prefix);
	free(ing->f);
	free(ing->flen);
	free(ing->mvals);
	free(ing->mlens);
	free(ing->lbuf);
	if (ing->wide != NULL)
		care_csvout_free(ing->wide);
	if (ing->rej != NULL)
		care_csvout_free(ing->rej);
	free(ing);
}
