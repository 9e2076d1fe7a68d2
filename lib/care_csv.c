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

static void
parser_reset(struct care_csv *csv)
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
	csv->fbuf.len = csv->raw.len = 0;
	csv->rawmark = csv->pos;
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
		parser_reset(csv);
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
		csv->inquote = ps->quoted &&
		    ps->pstate == LIBCSV_FIELD_BEGUN;
		parser_reset(csv);
		csv->mode = CARE_CSV_M_SKIP;
		return tlen > 0 && !csv->inquote;
	}
	return 0;
}

/* Skipping a record that is too big: it ends at a line end outside quotes. */
static int
skip_piece(struct care_csv *csv, const char *p, size_t len, size_t tlen)
{
	const char *q = p, *e = p + len;

	while ((q = memchr(q, '"', (size_t)(e - q))) != NULL) {
		csv->inquote = !csv->inquote;
		q++;
	}
	return tlen > 0 && !csv->inquote;
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
 * would put between the fields.  The commas are found eight bytes at a
 * time.  0 if there are more fields than the arrays may hold, having
 * changed nothing that counts.
 */
static int
split_fields(struct care_csv *csv, const char *p, size_t len)
{
	uint64_t m;
	char *d;
	size_t i, j, start = 0, n = 0;

	care_buf_reserve(&csv->fbuf, len + 8);
	d = csv->fbuf.p;
	memcpy(d, p, len);
	/* A comma ends the last field; the word it is in is all defined. */
	d[len] = ',';
	memset(d + len + 1, 0, 7);
	for (i = 0; i <= len; i += 8) {
		for (m = bytes_equal(load_le(d + i), ','); m != 0; m &= m - 1) {
			j = i + ((size_t)__builtin_ctzll(m) >> 3);
			if (n == csv->fcap) {
				if (n >= CARE_CSV_MAX_COLUMNS)
					return 0;
				grow_fields(csv);
			}
			d[j] = '\0';
			csv->offs[n] = start;
			csv->lens[n++] = j - start;
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

	if (len > CARE_CSV_MAX_FIELD)
		return 0;
	if ((q = memchr(p, '"', len)) == NULL)
		return split_fields(csv, p, len) ? len : 0;
	while (q > p && q[-1] != ',')
		q--;
	if (q == p || !split_fields(csv, p, (size_t)(q - p) - 1))
		return 0;
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
	csv->rawend = csv->pos + len;
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
	if (tlen > 0)
		csv->line++;
	return done;
}

/* Makes the raw text of the record its only field. */
static void
raw_field(struct care_csv *csv)
{
	csv->fbuf.len = 0;
	care_buf_add(&csv->fbuf, csv->raw.p, csv->raw.len);
	if (csv->rawend > csv->rawmark)
		care_buf_add(&csv->fbuf, csv->chunk.p + csv->rawmark,
		    csv->rawend - csv->rawmark);
	csv->raw.len = 0;
	field_room(csv, 0, 0);
	csv->offs[0] = 0;
	csv->lens[0] = csv->fbuf.len;
	csv->nf = 1;
}

static void
report_toobig(struct care_csv *csv)
{
	if (csv->toobig == CARE_CSV_TB_COLUMNS)
		care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
		    _("record has more than %d fields"), CARE_CSV_MAX_COLUMNS);
	else if (csv->toobig == CARE_CSV_TB_FIELD)
		care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
		    _("field %zu is longer than %lu bytes"), csv->tbfield,
		    CARE_CSV_MAX_FIELD);
	else
		care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
		    _("record is longer than %lu bytes"),
		    (unsigned long)CARE_CSV_MAX_RECORD);
}

/* Names the field holding the first bad byte of the record. */
static void
report_undecodable(struct care_csv *csv)
{
	const char *f;
	size_t i;
	int partial, cp = csv->enc == CARE_ENC_CP932;

	for (i = 0; i < csv->nf; i++) {
		f = csv->fbuf.p + csv->offs[i];
		if (memchr(f, '\0', csv->lens[i]) != NULL) {
			care_diag(CARE_DIAG_ERROR, csv->name, csv->badline, 0,
			    _("field %zu: contains a NUL byte"), i + 1);
			return;
		}
		if (care_decode_utf8_valid(f, csv->lens[i], &partial) <
		    csv->lens[i])
			break;
	}
	if (i < csv->nf && cp)
		care_diag(CARE_DIAG_ERROR, csv->name, csv->badline, 0,
		    _("field %zu: not valid CP932: byte 0x%02X"), i + 1,
		    (unsigned)csv->badbyte);
	else if (i < csv->nf)
		care_diag(CARE_DIAG_ERROR, csv->name, csv->badline, 0,
		    _("field %zu: not valid UTF-8"), i + 1);
	else
		care_diag(CARE_DIAG_ERROR, csv->name, csv->badline, 0,
		    cp ? _("not valid CP932: byte 0x%02X") :
		    _("not valid UTF-8: byte 0x%02X"), (unsigned)csv->badbyte);
}

/* Decides what is wrong with a record libcsv parsed completely. */
static enum care_csv_problem
check_record(struct care_csv *csv)
{
	if (csv->toobig != CARE_CSV_TB_NONE) {
		report_toobig(csv);
		return CARE_CSV_TOO_BIG;
	}
	if (csv->width == 0)
		csv->width = csv->nf;
	if (csv->nf != csv->width) {
		if (csv->rline == csv->rlast)
			care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
			    _("record has %zu fields, expected %zu"), csv->nf,
			    csv->width);
		else
			care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
			    _("lines %lu-%lu: record has %zu fields, expected "
			    "%zu; an unbalanced quote may have joined lines"),
			    csv->rline, csv->rlast, csv->nf, csv->width);
		return CARE_CSV_RAGGED;
	}
	if (csv->badline != 0) {
		report_undecodable(csv);
		return CARE_CSV_UNDECODABLE;
	}
	return CARE_CSV_OK;
}

/* Hands the finished record to the caller. */
static int
emit(struct care_csv *csv, struct care_csv_record *rec)
{
	size_t i;

	rec->line = csv->rline;
	rec->end_line = csv->rlast;
	if (csv->mode == CARE_CSV_M_QUOTE) {
		care_diag(CARE_DIAG_ERROR, csv->name, csv->qline, 0, "%s",
		    csv->qkind ? _("text after a closing quote") :
		    _("stray quote in an unquoted field"));
		raw_field(csv);
		rec->problem = CARE_CSV_QUOTE;
	} else if (csv->mode == CARE_CSV_M_SKIP) {
		report_toobig(csv);
		rec->problem = CARE_CSV_TOO_BIG;
	} else if (csv->mode == CARE_CSV_M_UNTERM)
		rec->problem = CARE_CSV_UNTERMINATED;
	else
		rec->problem = check_record(csv);
	for (i = 0; i < csv->nf; i++)
		csv->fields[i] = csv->fbuf.p + csv->offs[i];
	rec->nfields = csv->nf;
	rec->fields = csv->fields;
	rec->lens = csv->lens;
	csv->mode = CARE_CSV_M_PARSE;
	csv->inrec = 0;
	csv->rawmark = csv->pos;
	return 1;
}

/*
 * A quote opened on line R was still open at the end of input: the
 * record becomes the raw text of line R, and lines R+1.. are read again
 * from replay.  refill() kept all of them in raw (the record is under
 * CARE_CSV_MAX_RECORD), and replay was all read (this is the end of
 * input).
 */
static int
unterminated(struct care_csv *csv, struct care_csv_record *rec)
{
	char *p = csv->raw.p;
	size_t n = csv->raw.len, len, tlen;

	parser_reset(csv);
	for (len = 0; len < n && p[len] != '\r' && p[len] != '\n'; len++)
		continue;
	tlen = len < n ? 1 + (p[len] == '\r' && len + 1 < n &&
	    p[len + 1] == '\n') : 0;
	if (csv->rline == csv->rlast)
		care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
		    _("unterminated quoted field"));
	else
		care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
		    _("unterminated quoted field swallowed lines %lu-%lu"),
		    csv->rline, csv->rlast);
	care_buf_set(&csv->replay, p + len + tlen, n - len - tlen);
	csv->replayed = 0;
	csv->raw.len = len;
	csv->chunk.len = csv->pos = csv->avail = 0;
	csv->rawmark = csv->rawend = 0;
	raw_field(csv);
	csv->line = csv->rline + 1;
	csv->rlast = csv->rline;
	csv->atline = 1;
	csv->mode = CARE_CSV_M_UNTERM;
	return emit(csv, rec);
}

/* End of input: the last record, if any; 0 when there is none. */
static int
finish(struct care_csv *csv, struct care_csv_record *rec)
{
	if (csv->finished)
		return 0;
	if (csv->inrec && csv->mode != CARE_CSV_M_PARSE)
		return emit(csv, rec);
	csv->rowdone = 0;
	if (csv_fini(csv->parser, on_field, on_row, csv) != 0)
		return unterminated(csv, rec);
	if (csv->rowdone)
		return emit(csv, rec);
	csv->finished = 1;
	return 0;
}

/* The next chunk of text, keeping the raw text of a record it cuts. */
static int
refill(struct care_csv *csv)
{
	if (csv->inrec && csv->mode != CARE_CSV_M_SKIP &&
	    csv->raw.len < CARE_CSV_MAX_RECORD)
		care_buf_add(&csv->raw, csv->chunk.p + csv->rawmark,
		    csv->pos - csv->rawmark);
	return care_csv_in_refill(csv);
}

int
care_csv_read(struct care_csv *csv, struct care_csv_record *rec)
{
	int r;

	for (;;) {
		if (csv->pos == csv->avail) {
			if ((r = refill(csv)) < 0)
				return -1;
			if (r == 0) {
				if ((r = finish(csv, rec)) == 0)
					rec->nfields = 0;
				return r;
			}
		}
		if (step(csv))
			return emit(csv, rec);
	}
}

struct care_csv *
care_csv_open(const char *path, enum care_encoding enc)
{
	struct care_csv *csv;

	csv = care_calloc(1, sizeof(*csv));
	csv->enc = enc;
	csv->line = 1;
	csv->atline = csv->bomcheck = 1;
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
	if (csv->enc != CARE_ENC_UTF8 || csv->replay.len > 0)
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
	care_buf_free(&csv->raw);
	care_buf_free(&csv->fbuf);
	free(csv->offs);
	free(csv->lens);
	free(csv->fields);
	free(csv);
}
