/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey-ingest's outputs: long or wide CSV, and the rejects file. */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_codebook.h"
#include "care_csvout.h"
#include "care_i18n.h"
#include "care_ingest.h"
#include "care_ingest_int.h"
#include "care_long.h"
#include "care_value.h"

/* Bytes of long output gathered before a write. */
#define LONG_BUFSIZE	(1 << 16)
/*
 * Row pieces are copied PAD bytes at a time when shorter: one fixed-size
 * move instead of a memcpy call per piece (80 million pieces for a
 * million records).  The pieces and the buffer have PAD bytes to spare.
 */
#define PAD		32

/* RFC 4180: a field with a comma, quote, CR or LF is quoted. */
static void
add_quoted(struct care_buf *b, const char *s, size_t len)
{
	const char *q, *e = s + len;

	if (strcspn(s, ",\"\r\n") >= len) {
		care_buf_add(b, s, len);
		return;
	}
	care_buf_addc(b, '"');
	/* The text up to each quote and the quote, which is doubled. */
	while ((q = memchr(s, '"', (size_t)(e - s))) != NULL) {
		care_buf_add(b, s, (size_t)(q - s) + 1);
		care_buf_addc(b, '"');
		s = q + 1;
	}
	care_buf_add(b, s, (size_t)(e - s));
	care_buf_addc(b, '"');
}

static void long_add(struct care_ingest *, const char *, size_t);

/* The long output: its header, the "source,wave," every row starts with. */
static void
setup_long(struct care_ingest *ing)
{
	const struct care_cb_item *it;
	struct care_buf q = CARE_BUF_INIT;
	struct care_ingest_slot *sl;
	size_t i, j;

	ing->lbuf = care_malloc(LONG_BUFSIZE + 2 * PAD);
	long_add(ing, CARE_LONG_HEADER2, strlen(CARE_LONG_HEADER2));
	add_quoted(&ing->prefix, ing->cb->source, strlen(ing->cb->source));
	care_buf_addc(&ing->prefix, ',');
	add_quoted(&ing->prefix, ing->wave, strlen(ing->wave));
	care_buf_addc(&ing->prefix, ',');
	ing->prefix0 = ing->prefix.len;
	for (i = 0; i < ing->cb->nitems; i++) {
		it = &ing->cb->items[i];
		sl = &ing->slots[i];
		add_quoted(&sl->qname, it->name, strlen(it->name));
		care_buf_addc(&sl->qname, ',');
		sl->qcodes = care_calloc(it->codes.n + 1, sizeof(char *));
		sl->qlens = care_calloc(it->codes.n + 1, sizeof(size_t));
		/*
		 * Whole row tails with an empty origin, so that a coded row
		 * is two copies.
		 */
		for (j = 0; j <= it->codes.n; j++) {
			care_buf_set(&q, sl->qname.p, sl->qname.len);
			if (j < it->codes.n)
				add_quoted(&q, it->codes.s[j],
				    it->codes.len[j]);
			care_buf_add(&q, ",\n", 2);
			sl->qlens[j] = q.len;
			sl->qcodes[j] = care_calloc(1, q.len + PAD);
			memcpy(sl->qcodes[j], q.p, q.len);
		}
	}
	care_buf_free(&q);
}

void
care_ingest_out_new(struct care_ingest *ing)
{
	if (ing->o.format == CARE_INGEST_LONG)
		setup_long(ing);
	else
		ing->wide = care_csvout_new(ing->o.out, 0);
	if (ing->o.rejects != NULL)
		ing->rej = care_csvout_new(ing->o.rejects,
		    CARE_CSVOUT_NEUTRALIZE | CARE_CSVOUT_BOM);
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
			if (fwrite(s, 1, len, ing->o.out) != len &&
			    ing->lerr == 0)
				ing->lerr = errno != 0 ? errno : EIO;
			return;
		}
	}
	memcpy(ing->lbuf + ing->llen, s, len);
	ing->llen += len;
}

/*
 * The origin of the record being written, quoted: the raw export's
 * name and the record's line, as diagnostics name them.
 */
static void
set_origin(struct care_ingest *ing)
{
	char num[24], *d = num + sizeof(num);
	unsigned long n = ing->line;
	size_t len;

	/*
	 * The quoted name and colon are made once a file: digits need no
	 * quoting, so only the name decides, and the closing quote.
	 */
	if (ing->oname != ing->name) {
		ing->oname = ing->name;
		care_buf_clear(&ing->opre);
		add_quoted(&ing->opre, ing->name, strlen(ing->name));
		ing->oquoted = ing->opre.len > 0 && ing->opre.p[0] == '"';
		ing->opre.len -= ing->oquoted;	/* its closing quote */
		care_buf_addc(&ing->opre, ':');
	}
	do
		*--d = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	len = (size_t)(num + sizeof(num) - d);
	care_buf_set(&ing->origin, ing->opre.p, ing->opre.len);
	care_buf_add(&ing->origin, d, len);
	if (ing->oquoted)
		care_buf_addc(&ing->origin, '"');
}

/*
 * The end of a row: ",\n", or ",origin\n" for the first row of a
 * record, which *first says and clears.
 */
static void
long_end(struct care_ingest *ing, int *first)
{
	long_add(ing, ",", 1);
	if (*first) {
		long_add(ing, ing->origin.p, ing->origin.len);
		*first = 0;
	}
	long_add(ing, "\n", 1);
	ing->nrows++;
}

/* One long row: the respondent prefix, the item, the value. */
static void
long_row(struct care_ingest *ing, const struct care_ingest_slot *sl,
    const char *v, size_t len, int *first)
{
	long_add(ing, ing->prefix.p, ing->prefix.len);
	long_add(ing, sl->qname.p, sl->qname.len);
	long_add(ing, v, len);
	long_end(ing, first);
}

/*
 * The rows of a record are written through a cursor o into the buffer
 * and a copy of the respondent prefix, both local to write_long(): the
 * compiler keeps them in registers, where ing->llen and ing->prefix
 * would be stored and loaded again around every copy (a char store may
 * alias anything).  put_row() appends the prefix and tail and returns
 * the new cursor; put_row_slow() is for a full buffer.
 */
static char *
put_row_slow(struct care_ingest *ing, char *o, const char *tail, size_t len)
{
	ing->llen = (size_t)(o - ing->lbuf);
	long_add(ing, ing->prefix.p, ing->prefix.len);
	long_add(ing, tail, len);
	return ing->lbuf + ing->llen;
}

/* The first row of a record: its tail's ",\n" becomes ",origin\n". */
static char *
put_first_row(struct care_ingest *ing, char *o, const char *tail,
    size_t len, int *first)
{
	ing->llen = (size_t)(o - ing->lbuf);
	long_add(ing, ing->prefix.p, ing->prefix.len);
	long_add(ing, tail, len - 2);
	long_end(ing, first);
	return ing->lbuf + ing->llen;
}

static inline char *
put_row(struct care_ingest *ing, char *o, const char *pre, size_t plen,
    const char *tail, size_t len, int *first)
{
	if (*first)
		return put_first_row(ing, o, tail, len, first);
	ing->nrows++;
	if ((size_t)(o - ing->lbuf) + plen + len > LONG_BUFSIZE)
		return put_row_slow(ing, o, tail, len);
	if (plen <= PAD)
		memcpy(o, pre, PAD);
	else
		memcpy(o, ing->prefix.p, plen);
	if (len <= PAD)
		memcpy(o + plen, tail, PAD);
	else
		memcpy(o + plen, tail, len);
	return o + plen + len;
}

/* A row that is not a code: the value quoted, through ing->llen. */
static char *
put_text_row(struct care_ingest *ing, char *o,
    const struct care_ingest_slot *sl, int *first)
{
	struct care_buf *q = &ing->scratch;

	ing->llen = (size_t)(o - ing->lbuf);
	care_buf_clear(q);
	add_quoted(q, care_value_text(&sl->v, &ing->arena), sl->v.len);
	long_row(ing, sl, q->p, q->len, first);
	return ing->lbuf + ing->llen;
}

static void
write_long(struct care_ingest *ing, const char *id, size_t idlen)
{
	const struct care_cb_item *it;
	const struct care_ingest_slot *sl;
	char pre[PAD], *o;
	size_t i, c, plen;
	uint64_t m;
	int first = 1;

	set_origin(ing);
	ing->prefix.len = ing->prefix0;
	add_quoted(&ing->prefix, id, idlen);
	care_buf_addc(&ing->prefix, ',');
	care_buf_reserve(&ing->prefix, PAD);
	plen = ing->prefix.len;
	memcpy(pre, ing->prefix.p, PAD);
	o = ing->lbuf + ing->llen;
	for (i = 0; i < ing->cb->nitems; i++) {
		it = &ing->cb->items[i];
		sl = &ing->slots[i];
		if (sl->v.state == CARE_VALUE_NA)
			continue;
		if (sl->v.state == CARE_VALUE_NOANSWER) {
			c = it->codes.n;
			o = put_row(ing, o, pre, plen, sl->qcodes[c],
			    sl->qlens[c], &first);
		} else if (it->type == CARE_CB_MULTI) {
			/* The codes in the set, lowest first. */
			for (m = sl->v.mask; m != 0; m &= m - 1) {
				c = (size_t)__builtin_ctzll(m);
				o = put_row(ing, o, pre, plen, sl->qcodes[c],
				    sl->qlens[c], &first);
			}
		} else if (it->type == CARE_CB_CODE) {
			c = (size_t)sl->v.code;
			o = put_row(ing, o, pre, plen, sl->qcodes[c],
			    sl->qlens[c], &first);
		} else
			o = put_text_row(ing, o, sl, &first);
	}
	ing->llen = (size_t)(o - ing->lbuf);
}

static void
write_wide(struct care_ingest *ing, const char *id, size_t idlen)
{
	const struct care_cb_item *it;
	const struct care_ingest_slot *sl;
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

void
care_ingest_out_wide_header(struct care_ingest *ing)
{
	size_t i;

	ing->wide_header = 1;
	care_csvout_fields(ing->wide, "respondent");
	for (i = 0; i < ing->cb->nitems; i++)
		care_csvout_fields(ing->wide, ing->cb->items[i].name);
	care_csvout_end(ing->wide);
}

void
care_ingest_out_record(struct care_ingest *ing)
{
	if (ing->o.format == CARE_INGEST_LONG)
		write_long(ing, ing->idbuf.p, ing->idbuf.len);
	else
		write_wide(ing, ing->idbuf.p, ing->idbuf.len);
}

/* --- the end ------------------------------------------------------- */

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
		care_ingest_out_wide_header(ing);
	care_ingest_out_rejects_header(ing, 0);
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

int
care_ingest_end(struct care_ingest *ing)
{
	char end[48];

	if (ing->lbuf == NULL)
		return 0;
	long_add(ing, end, (size_t)snprintf(end, sizeof(end),
	    CARE_LONG_END_TAG ",%lu,,,,\n", ing->nrows));
	long_flush(ing);
	errno = ing->lerr;
	return ing->lerr != 0 ? -1 : 0;
}

void
care_ingest_out_free(struct care_ingest *ing)
{
	size_t i, j;

	for (i = 0; i < ing->cb->nitems; i++) {
		care_buf_free(&ing->slots[i].qname);
		for (j = 0; ing->slots[i].qcodes != NULL &&
		    j <= ing->cb->items[i].codes.n; j++)
			free(ing->slots[i].qcodes[j]);
		free(ing->slots[i].qcodes);
		free(ing->slots[i].qlens);
	}
	care_buf_free(&ing->prefix);
	care_buf_free(&ing->origin);
	care_buf_free(&ing->opre);
	free(ing->lbuf);
	if (ing->wide != NULL)
		care_csvout_free(ing->wide);
	if (ing->rej != NULL)
		care_csvout_free(ing->rej);
}
