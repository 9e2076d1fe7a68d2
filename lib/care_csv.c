/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Streaming CSV records over libcsv, each knowing the lines it came from. */
#include <config.h>

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_csv.h"
#include "care_csv_int.h"
#include "care_decode.h"
#include "care_err.h"
#include "care_i18n.h"

/* libcsv.c's parser state for "inside a field" (its pstate). */
#define LIBCSV_FIELD_BEGUN 2
/* ... and for "after a quote in a quoted field". */
#define LIBCSV_FIELD_ENDED 3

/* Doubles the field arrays. */
static void
grow_fields(struct care_csv *csv)
{
	csv->fcap = csv->fcap ? csv->fcap * 2 : 64;
	csv->offs = care_reallocarray(csv->offs, csv->fcap, sizeof(size_t));
	csv->lens = care_reallocarray(csv->lens, csv->fcap, sizeof(size_t));
	csv->fields = care_reallocarray(csv->fields, csv->fcap,
	    sizeof(char *));
}

/* Makes room for field n (0-based) and len more bytes, or notes a limit. */
static int
field_room(struct care_csv *csv, size_t n, size_t len)
{
	if (len > CARE_CSV_MAX_FIELD && csv->toobig == CARE_CSV_TB_NONE) {
		csv->toobig = CARE_CSV_TB_FIELD;
		csv->tbfield = n + 1;
	}
	if (n >= CARE_CSV_MAX_COLUMNS) {
		if (csv->toobig == CARE_CSV_TB_NONE)
			csv->toobig = CARE_CSV_TB_COLUMNS;
		return -1;
	}
	if (n >= csv->fcap)
		grow_fields(csv);
	care_buf_reserve(&csv->fbuf, len + 1);
	return 0;
}

/*
 * libcsv calls this for every field: the hot path of the reader, so the
 * rare cases (growth, limits) are one test away.
 */
static void
on_field(void *s, size_t len, void *data)
{
	struct care_csv *csv = data;
	struct care_buf *b = &csv->fbuf;
	size_t n = csv->nf;

	if (n >= csv->fcap || len > CARE_CSV_MAX_FIELD ||
	    b->cap - b->len < len + 2) {
		if (field_room(csv, csv->ncols++, len) < 0)
			return;
	} else
		csv->ncols++;
	if (len > 0)
		memcpy(b->p + b->len, s, len);
	b->p[b->len + len] = '\0';
	csv->offs[n] = b->len;
	csv->lens[n] = len;
	b->len += len + 1;
	csv->nf = n + 1;
}

static void
on_row(int c, void *data)
{
	(void)c;
	((struct care_csv *)data)->rowdone = 1;
}

/* Spaces are data: libcsv would otherwise trim them around fields. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
parser_init(struct care_csv *csv)
{
	csv_init(csv->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(csv->parser, no_space);
	csv_set_realloc_func(csv->parser, care_realloc);
	csv_set_blk_size(csv->parser, 4096);
}

void
care_csv_parser_reset(struct care_csv *csv)
{
	csv_free(csv->parser);
	parser_init(csv);
}

/* Offset of the next byte c at or after from, or avail; cached. */
static size_t
find_next(struct care_csv *csv, size_t *cache, int c, size_t from)
{
	const char *q;

	if (*cache > from)
		return *cache - 1;
	q = memchr(csv->chunk.p + from, c, csv->avail - from);
	*cache = (q != NULL ? (size_t)(q - csv->chunk.p) : csv->avail) + 1;
	return *cache - 1;
}

/* Length of the line at pos, and of its terminator in *tlen (0 if none). */
static size_t
line_len(struct care_csv *csv, size_t *tlen)
{
	size_t lf, cr, e;

	lf = find_next(csv, &csv->clf, '\n', csv->pos);
	cr = find_next(csv, &csv->ccr, '\r', csv->pos);
	e = lf < cr ? lf : cr;
	if (e == csv->avail)
		*tlen = 0;
	else if (e == cr && e + 1 < csv->avail && csv->chunk.p[e + 1] == '\n')
		*tlen = 2;
	else
		*tlen = 1;
	return e - csv->pos;
}

/* Notes the first undecodable or NUL byte of the record before end. */
static void
mark_bad(struct care_csv *csv, size_t end)
{
	size_t off;

	for (; csv->badi < csv->nbad && csv->bad[csv->badi] < end; csv->badi++)
		if (csv->badline == 0) {
			off = csv->bad[csv->badi];
			csv->badline = csv->line;
			csv->badbyte = (unsigned char)csv->chunk.p[off];
		}
	if (csv->badline == 0 &&
	    find_next(csv, &csv->cnul, '\0', csv->pos) < end) {
		csv->badline = csv->line;
		csv->badbyte = 0;
	}
}

static void
begin_record(struct care_csv *csv)
{
	csv->mode = CARE_CSV_M_PARSE;
	csv->rline = csv->rlast = csv->line;
	csv->badline = 0;
	csv->toobig = CARE_CSV_TB_NONE;
	csv->nf = csv->ncols = csv->rbytes = 0;
	csv->fbuf.len = 0;
	csv->rmulti = 0;
	csv->rstart = csv->base + (off_t)csv->pos;
}

/* Feeds one line, or the part of it in chunk, to libcsv. */
static int
parse_piece(struct care_csv *csv, const char *p, size_t n, size_t tlen)
{
	struct csv_parser *ps = csv->parser;

	csv->rowdone = 0;
	if (csv_parse(ps, p, n, on_field, on_row, csv) < n) {
		csv->qline = csv->line;
		csv->qkind = ps->quoted;
		care_csv_parser_reset(csv);
		csv->mode = CARE_CSV_M_QUOTE;
		return tlen > 0;
	}
	if (csv->rowdone)
		return 1;
	if (ps->entry_pos > CARE_CSV_MAX_FIELD ||
	    csv->rbytes > CARE_CSV_MAX_RECORD) {
		if (csv->toobig == CARE_CSV_TB_NONE) {
			csv->toobig = ps->entry_pos > CARE_CSV_MAX_FIELD ?
			    CARE_CSV_TB_FIELD : CARE_CSV_TB_RECORD;
			csv->tbfield = csv->ncols + 1;
		}
		/* The row has begun, and a line end here is in quotes. */
		if (ps->pstate == LIBCSV_FIELD_BEGUN)
			csv->skip = ps->quoted ? CARE_CSV_S_QUOTED :
			    CARE_CSV_S_PLAIN;
		else
			csv->skip = ps->pstate == LIBCSV_FIELD_ENDED ?
			    CARE_CSV_S_CLOSED : CARE_CSV_S_START;
		care_csv_parser_reset(csv);
		csv->mode = CARE_CSV_M_SKIP;
	}
	return 0;
}

/* A quote error in a too-big record: the rest of the line is skipped. */
static int
skip_error(struct care_csv *csv, int afterquote, size_t tlen)
{
	csv->qline = csv->line;
	csv->qkind = afterquote;
	csv->mode = CARE_CSV_M_QUOTE;
	return tlen > 0;
}

/*
 * A too-big record is scanned to its end as libcsv would parse it,
 * counting its fields but keeping none, so that it can be judged like
 * any other (care_csv_span.c); 1 when it ends.
 */
static int
skip_piece(struct care_csv *csv, const char *p, size_t len, size_t tlen)
{
	const char *e = p + len;

	for (; p < e; p++) {
		switch (csv->skip) {
		case CARE_CSV_S_QUOTED:
			if ((p = memchr(p, '"', (size_t)(e - p))) == NULL)
				return 0;
			csv->skip = CARE_CSV_S_CLOSED;
			break;
		case CARE_CSV_S_CLOSED:
			if (*p != '"' && *p != ',')
				return skip_error(csv, 1, tlen);
			csv->ncols += *p == ',';
			csv->skip = *p == '"' ? CARE_CSV_S_QUOTED :
			    CARE_CSV_S_START;
			break;
		case CARE_CSV_S_START:
		case CARE_CSV_S_PLAIN:
			if (*p == '"' && csv->skip == CARE_CSV_S_PLAIN)
				return skip_error(csv, 0, tlen);
			csv->ncols += *p == ',';
			csv->skip = *p == ',' ? CARE_CSV_S_START : *p == '"' ?
			    CARE_CSV_S_QUOTED : CARE_CSV_S_PLAIN;
			break;
		}
	}
	if (tlen == 0 || csv->skip == CARE_CSV_S_QUOTED)
		return 0;
	csv->ncols++;
	return 1;
}

/* 0x80 in each byte of w that is c, 0 in the others (no carries). */
static inline uint64_t
bytes_equal(uint64_t w, unsigned char c)
{
	const uint64_t low7 = UINT64_C(0x7f7f7f7f7f7f7f7f);
	uint64_t x = w ^ (UINT64_C(0x0101010101010101) * c);

	return ~(((x & low7) + low7) | x | low7);
}

/* Eight bytes as a word whose low byte is s[0], whatever the machine. */
static inline uint64_t
load_le(const char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/*
 * Splits p[0..len), which has no quote, at its commas into fields: the
 * text is copied once and its commas become the NULs that on_field()
 * would put between the fields, whose addresses go straight into
 * csv->fields.  The commas are found eight bytes at a
 * time.  0 if there are more fields than the arrays may hold, having
 * changed nothing that counts.
 */
static int
split_fields(struct care_csv *csv, const char *p, size_t len)
{
	uint64_t m;
	char *d, **fields = csv->fields;
	size_t i, j, start = 0, n = 0, cap = csv->fcap;
	size_t *lens = csv->lens;

	if (csv->fbuf.cap < csv->fbuf.len + len + 9)	/* not a call a line */
		care_buf_reserve(&csv->fbuf, len + 8);
	d = csv->fbuf.p;
	memcpy(d, p, len);
	/* A comma ends the last field; the word it is in is all defined. */
	d[len] = ',';
	memset(d + len + 1, 0, 7);
	/*
	 * The arrays in locals: stored through csv, they would be loaded
	 * again after every store of a char, which may alias anything.
	 */
	for (i = 0; i <= len; i += 8) {
		for (m = bytes_equal(load_le(d + i), ','); m != 0; m &= m - 1) {
			j = i + ((size_t)__builtin_ctzll(m) >> 3);
			if (n == cap) {
				if (n >= CARE_CSV_MAX_COLUMNS)
					return 0;
				grow_fields(csv);
				cap = csv->fcap;
				lens = csv->lens;
				fields = csv->fields;
			}
			d[j] = '\0';
			fields[n] = d + start;
			lens[n++] = j - start;
			start = j + 1;
		}
	}
	csv->fbuf.len = len + 1;
	csv->nf = csv->ncols = n;
	return 1;
}

/*
 * The fast path for the start of a record, at a whole line: returns how
 * many bytes of the line p[0..len) it split into fields, all of them or
 * up to the field with the first quote, whose rest is then libcsv's.
 * Unquoted RFC 4180 fields are exactly the text between the commas,
 * which is what libcsv returns for them too (spaces are data, see
 * no_space()), and libcsv starts a field the same way at a row start as
 * after a comma, so records come out the same, errors included.  This
 * saves libcsv's per-byte state machine, with its call through the
 * space function for every byte, on most of the input.
 */
static size_t
split_plain(struct care_csv *csv, const char *p, size_t len)
{
	const char *q;
	size_t i;

	if (len > CARE_CSV_MAX_FIELD)
		return 0;
	/*
	 * A line split whole has its fields' addresses set already: fbuf
	 * will not move before the record is handed out.
	 */
	if ((q = memchr(p, '"', len)) == NULL)
		return (csv->ptrs = split_fields(csv, p, len)) != 0 ? len : 0;
	while (q > p && q[-1] != ',')
		q--;
	if (q == p || !split_fields(csv, p, (size_t)(q - p) - 1))
		return 0;
	/* libcsv goes on with the rest, and may move fbuf: offsets. */
	for (i = 0; i < csv->nf; i++)
		csv->offs[i] = (size_t)(csv->fields[i] - csv->fbuf.p);
	return (size_t)(q - p);
}

/* Processes the next line (or part of one); 1 when a record is complete. */
static int
step(struct care_csv *csv)
{
	const char *p;
	size_t len, tlen, piece, took = 0;
	int done, fresh;

	/* At a line start outside a record, libcsv is at a row start too. */
	if ((fresh = csv->atline && !csv->inrec))
		begin_record(csv);
	len = line_len(csv, &tlen);
	piece = len + tlen;
	p = csv->chunk.p + csv->pos;
	mark_bad(csv, csv->pos + piece);
	csv->rlast = csv->line;
	csv->rbytes += piece;
	csv->rend = csv->base + (off_t)(csv->pos + len);
	if (fresh && len > 0 && tlen > 0)
		took = split_plain(csv, p, len);
	if (took > 0 && took == len)
		done = 1;
	else if (csv->mode == CARE_CSV_M_PARSE)
		done = parse_piece(csv, p + took, piece - took, tlen);
	else if (csv->mode == CARE_CSV_M_SKIP)
		done = skip_piece(csv, p, len, tlen);
	else
		done = tlen > 0;
	csv->pos += piece;
	csv->inrec = !done &&
	    (csv->inrec || len > 0 || csv->mode != CARE_CSV_M_PARSE);
	csv->atline = tlen > 0;
	if (tlen > 0) {
		csv->line++;
		/* A line end in a quoted field: the record is on trial. */
		if (csv->inrec && !csv->rmulti) {
			csv->rmulti = 1;
			csv->r1cend = csv->rend;
			csv->r1end = csv->base + (off_t)csv->pos;
		}
	}
	/* A quote error past the first line ends the trial at once. */
	return done || (csv->rmulti && csv->mode == CARE_CSV_M_QUOTE);
}

/* Makes the raw text of the record its only field. */
/* Adds text to the one field being made of raw text. */
static void
put_fbuf(void *arg, const char *p, size_t n)
{
	care_buf_add(arg, p, n);
}

int
care_csv_raw_field(struct care_csv *csv, off_t beg, off_t end)
{
	csv->rawbeg = beg;
	csv->rawlen = end - beg;
	csv->fbuf.len = 0;
	csv->nf = 0;
	csv->ptrs = 0;
	if (csv->rawlen > (off_t)CARE_CSV_MAX_FIELD)
		return 0;
	care_buf_reserve(&csv->fbuf, (size_t)csv->rawlen + 1);
	if (care_csv_text(csv, beg, end, put_fbuf, &csv->fbuf) < 0)
		return -1;
	field_room(csv, 0, 0);
	csv->offs[0] = 0;
	csv->lens[0] = csv->fbuf.len;
	csv->nf = 1;
	return 0;
}

int
care_csv_hand(struct care_csv *csv, struct care_csv_record *rec)
{
	size_t i;

	for (i = 0; i < csv->nf && !csv->ptrs; i++)
		csv->fields[i] = csv->fbuf.p + csv->offs[i];
	csv->ptrs = 0;
	rec->nfields = csv->nf;
	rec->fields = csv->fields;
	rec->lens = csv->lens;
	rec->rawlen = rec->problem == CARE_CSV_QUOTE ||
	    rec->problem == CARE_CSV_UNTERMINATED ||
	    rec->problem == CARE_CSV_TOO_BIG ? csv->rawlen : 0;
	csv->mode = CARE_CSV_M_PARSE;
	csv->inrec = 0;
	return 1;
}

/* End of input: the last record or span, if any; 0 when there is none. */
static int
finish(struct care_csv *csv, struct care_csv_record *rec)
{
	if (csv->finished)
		return 0;
	if (csv->inrec && csv->mode == CARE_CSV_M_SKIP &&
	    csv->skip == CARE_CSV_S_QUOTED)
		return care_csv_span_unterm(csv, rec);
	if (csv->inrec && csv->mode != CARE_CSV_M_PARSE) {
		csv->ncols += csv->mode == CARE_CSV_M_SKIP;
		return care_csv_span_over(csv, rec);
	}
	csv->rowdone = 0;
	if (csv_fini(csv->parser, on_field, on_row, csv) != 0)
		return care_csv_span_unterm(csv, rec);
	if (csv->rowdone)
		return care_csv_span_over(csv, rec);
	if (csv->inspan)
		return care_csv_span_end(csv, rec);
	csv->finished = 1;
	return 0;
}

int
care_csv_read(struct care_csv *csv, struct care_csv_record *rec)
{
	int r;

	for (;;) {
		if (csv->pos == csv->avail) {
			if (care_csv_keep(csv) < 0 ||
			    (r = care_csv_in_refill(csv)) < 0)
				return -1;
			if (r == 0 && ((r = finish(csv, rec)) != 0 ||
			    csv->finished)) {
				if (r == 0)
					rec->nfields = 0;
				return r;
			}
			if (r == 0)
				continue;	/* gone back: read again */
		}
		if (!step(csv))
			continue;
		if (!csv->rmulti && !csv->inspan)
			return care_csv_emit(csv, rec);
		if ((r = care_csv_span_over(csv, rec)) != 0)
			return r;
	}
}

int
care_csv_raw(struct care_csv *csv, void (*put)(void *, const char *, size_t),
    void *arg)
{
	return care_csv_text(csv, csv->rawbeg, csv->rawbeg + csv->rawlen, put,
	    arg);
}

struct care_csv *
care_csv_open(const char *path, enum care_encoding enc)
{
	struct care_csv *csv;

	csv = care_calloc(1, sizeof(*csv));
	csv->enc = enc;
	csv->line = 1;
	csv->atline = csv->bomcheck = 1;
	care_csv_hist_init(&csv->hist);
	csv->parser = care_malloc(sizeof(*csv->parser));
	parser_init(csv);
	if (care_csv_in_start(csv, path) < 0) {
		care_csv_close(csv);
		return NULL;
	}
	return csv;
}

const char *
care_csv_name(const struct care_csv *csv)
{
	return csv->name;
}

enum care_encoding
care_csv_encoding(const struct care_csv *csv)
{
	return csv->enc;
}

size_t
care_csv_width(const struct care_csv *csv)
{
	return csv->width;
}

off_t
care_csv_tell(const struct care_csv *csv)
{
	if (csv->enc != CARE_ENC_UTF8 || csv->rewound)
		return -1;
	return csv->base + (off_t)csv->pos;
}

void
care_csv_close(struct care_csv *csv)
{
	if (csv == NULL)
		return;
	csv_free(csv->parser);
	free(csv->parser);
	care_csv_in_free(csv);
	care_csv_hist_free(&csv->hist);
	care_buf_free(&csv->fbuf);
	free(csv->offs);
	free(csv->lens);
	free(csv->fields);
	free(csv);
}
