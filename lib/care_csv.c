/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Streaming CSV reader over libcsv that knows each record's lines. */
#include <config.h>

#include <sys/stat.h>

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_csv.h"
#include "care_decode.h"
#include "care_err.h"
#include "care_i18n.h"

/* Bytes asked of read(2) at a time (small in a fuzzing build). */
#ifndef CARE_CSV_CHUNK
#define CARE_CSV_CHUNK	65536
#endif
#define CHUNK		CARE_CSV_CHUNK
/* libcsv.c's parser state for "inside a field" (its pstate). */
#define LIBCSV_FIELD_BEGUN 2

static const char bom[] = "\xef\xbb\xbf";

/* What the reader does with the lines of the current record. */
enum mode {
	M_PARSE,	/* feed them to libcsv */
	M_QUOTE,	/* libcsv failed: skip to the end of this line */
	M_SKIP,		/* too big: skip to the end of the record */
	M_UNTERM	/* the record is what an open quote swallowed */
};

enum toobig { TB_NONE, TB_FIELD, TB_COLUMNS, TB_RECORD };

struct care_csv {
	char		 *name;
	int		  fd;
	int		  ownfd;
	FILE		 *spool;	/* pipe copied here in auto mode */
	enum care_encoding enc;
	struct care_decoder *dec;
	struct csv_parser parser;
	int		  eof;		/* read(2) returned 0 */
	int		  ioerr;
	int		  finished;	/* csv_fini done, nothing left */
	int		  bomcheck;
	size_t		  pending;	/* bytes of in read by care_csv_open */
	struct care_buf	  in;		/* CP932 bytes not yet decoded */
	struct care_buf	  replay;	/* lines an open quote swallowed */
	size_t		  replayed;	/* bytes of replay read again */
	struct care_buf	  chunk;	/* UTF-8 text being cut into lines */
	size_t		  pos, avail;	/* next byte; end of what is whole */
	size_t		  clf, ccr, cnul; /* next LF, CR, NUL + 1; 0 unknown */
	size_t		 *bad;		/* offsets of undecodable bytes */
	size_t		  nbad, badcap, badi;
	unsigned long	  line;		/* physical line of pos */
	int		  atline;	/* pos is at the start of a line */
	/* The record being read. */
	enum mode	  mode;
	int		  inrec, rowdone, inquote, qkind, badbyte;
	unsigned long	  rline, rlast, badline, qline;
	enum toobig	  toobig;
	size_t		  tbfield, ncols, rbytes;
	size_t		  rawmark, rawend; /* raw text still in chunk */
	struct care_buf	  raw;		/* raw text from earlier chunks */
	struct care_buf	  fbuf;		/* the fields, NUL-terminated */
	size_t		  nf, fcap, *offs, *lens;
	char		**fields;
	size_t		  width;
};

/* Makes room for field n (0-based) and len more bytes, or notes a limit. */
static int
field_room(struct care_csv *csv, size_t n, size_t len)
{
	if (len > CARE_CSV_MAX_FIELD && csv->toobig == TB_NONE) {
		csv->toobig = TB_FIELD;
		csv->tbfield = n + 1;
	}
	if (n >= CARE_CSV_MAX_COLUMNS) {
		if (csv->toobig == TB_NONE)
			csv->toobig = TB_COLUMNS;
		return -1;
	}
	if (n >= csv->fcap) {
		csv->fcap = csv->fcap ? csv->fcap * 2 : 64;
		csv->offs = care_reallocarray(csv->offs, csv->fcap,
		    sizeof(size_t));
		csv->lens = care_reallocarray(csv->lens, csv->fcap,
		    sizeof(size_t));
		csv->fields = care_reallocarray(csv->fields, csv->fcap,
		    sizeof(char *));
	}
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
	csv_init(&csv->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(&csv->parser, no_space);
	csv_set_realloc_func(&csv->parser, care_realloc);
	csv_set_blk_size(&csv->parser, 4096);
}

static void
parser_reset(struct care_csv *csv)
{
	csv_free(&csv->parser);
	parser_init(csv);
}

/* Appends up to CHUNK bytes of input to b: bytes read, 0 at EOF, -1. */
static ssize_t
read_more(struct care_csv *csv, struct care_buf *b)
{
	ssize_t n;

	if (csv->ioerr)
		return -1;
	care_buf_reserve(b, CHUNK);
	while ((n = read(csv->fd, b->p + b->len, CHUNK)) < 0 &&
	    errno == EINTR)
		continue;
	if (n < 0) {
		care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
		    _("read error: %s"), strerror(errno));
		csv->ioerr = 1;
		return -1;
	}
	b->len += (size_t)n;
	b->p[b->len] = '\0';
	return n;
}

static void
add_bad(struct care_csv *csv, size_t off)
{
	if (csv->nbad == csv->badcap) {
		csv->badcap = csv->badcap ? csv->badcap * 2 : 16;
		csv->bad = care_reallocarray(csv->bad, csv->badcap,
		    sizeof(size_t));
	}
	csv->bad[csv->nbad++] = off;
}

/* No more input: the file is read, and so is anything to read again. */
static int
at_end(const struct care_csv *csv)
{
	return csv->eof && csv->pending == 0 &&
	    csv->replayed == csv->replay.len;
}

/*
 * Lists the bytes of chunk[off..end) that are not UTF-8 and returns the
 * new end: an incomplete sequence at the end waits for the next read.
 */
static size_t
scan_utf8(struct care_csv *csv, size_t off, size_t end)
{
	int partial;

	csv->nbad = 0;
	while (off < end) {
		off += care_decode_utf8_valid(csv->chunk.p + off, end - off,
		    &partial);
		if (off == end)
			break;
		if (partial && !at_end(csv))
			return off;
		add_bad(csv, off++);
	}
	return end;
}

/* Converts in to UTF-8 at the end of chunk; bad bytes pass through. */
static void
decode(struct care_csv *csv)
{
	size_t off = 0;
	int bad;

	csv->nbad = 0;
	while (off < csv->in.len) {
		off += care_decoder_feed(csv->dec, csv->in.p + off,
		    csv->in.len - off, &csv->chunk, &bad);
		if (off == csv->in.len || (bad < 0 && !csv->eof))
			break;
		add_bad(csv, csv->chunk.len);
		care_buf_addc(&csv->chunk, csv->in.p[off++]);
	}
	memmove(csv->in.p, csv->in.p + off, csv->in.len - off);
	csv->in.len -= off;
}

/*
 * Gets more text into chunk: 1 if it came from replay (UTF-8 already,
 * CP932 mode too), 0 from the input, or -1 after an I/O error.
 */
static int
read_chunk(struct care_csv *csv)
{
	ssize_t n = 0;
	size_t len;

	if (csv->replayed < csv->replay.len) {
		len = csv->replay.len - csv->replayed;
		if (len > CHUNK)
			len = CHUNK;
		care_buf_add(&csv->chunk, csv->replay.p + csv->replayed, len);
		csv->replayed += len;
		return 1;
	}
	if (csv->enc == CARE_ENC_UTF8 && csv->pending > 0) {
		care_buf_add(&csv->chunk, csv->in.p, csv->in.len);
		csv->in.len = 0;
	} else if (csv->pending == 0) {
		n = read_more(csv, csv->enc == CARE_ENC_UTF8 ? &csv->chunk :
		    &csv->in);
		if (n < 0)
			return -1;
		if (n == 0)
			csv->eof = 1;
	}
	csv->pending = 0;
	if (csv->enc == CARE_ENC_CP932)
		decode(csv);
	return 0;
}

/*
 * Sets the part of chunk that can be cut into lines: all of it but a
 * final CR (its LF may follow) and an incomplete UTF-8 sequence.
 */
static void
cut(struct care_csv *csv, int validate)
{
	size_t end;

	if (csv->bomcheck) {
		csv->bomcheck = 0;
		if (csv->enc == CARE_ENC_UTF8 && csv->chunk.len >= 3 &&
		    memcmp(csv->chunk.p, bom, 3) == 0) {
			csv->chunk.len -= 3;
			memmove(csv->chunk.p, csv->chunk.p + 3, csv->chunk.len);
		}
	}
	end = csv->chunk.len;
	if (!at_end(csv) && end > 0 && csv->chunk.p[end - 1] == '\r')
		end--;
	if (validate)
		end = scan_utf8(csv, 0, end);
	csv->pos = csv->rawmark = csv->rawend = 0;
	csv->avail = end;
	csv->badi = 0;
	csv->clf = csv->ccr = csv->cnul = 0;
}

/* Reads the next chunk: 1, 0 at end of input, -1 after an I/O error. */
static int
refill(struct care_csv *csv)
{
	size_t keep;
	int r;

	if (csv->inrec && csv->mode != M_SKIP &&
	    csv->raw.len < CARE_CSV_MAX_RECORD)
		care_buf_add(&csv->raw, csv->chunk.p + csv->rawmark,
		    csv->pos - csv->rawmark);
	keep = csv->chunk.len - csv->avail;
	if (keep > 0)
		memmove(csv->chunk.p, csv->chunk.p + csv->avail, keep);
	csv->chunk.len = keep;
	csv->pos = csv->avail = csv->rawmark = csv->rawend = 0;
	for (;;) {
		if (at_end(csv))
			return 0;
		if ((r = read_chunk(csv)) < 0)
			return -1;
		cut(csv, r == 1 || csv->enc == CARE_ENC_UTF8);
		if (csv->avail > csv->pos)
			return 1;
	}
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
	csv->mode = M_PARSE;
	csv->rline = csv->rlast = csv->line;
	csv->badline = 0;
	csv->toobig = TB_NONE;
	csv->nf = csv->ncols = csv->rbytes = 0;
	csv->fbuf.len = csv->raw.len = 0;
	csv->rawmark = csv->pos;
}

/* Feeds one line, or the part of it in chunk, to libcsv. */
static int
parse_piece(struct care_csv *csv, const char *p, size_t n, size_t tlen)
{
	struct csv_parser *ps = &csv->parser;

	csv->rowdone = 0;
	if (csv_parse(ps, p, n, on_field, on_row, csv) < n) {
		csv->qline = csv->line;
		csv->qkind = ps->quoted;
		parser_reset(csv);
		csv->mode = M_QUOTE;
		return tlen > 0;
	}
	if (csv->rowdone)
		return 1;
	if (ps->entry_pos > CARE_CSV_MAX_FIELD ||
	    csv->rbytes > CARE_CSV_MAX_RECORD) {
		if (csv->toobig == TB_NONE) {
			csv->toobig = ps->entry_pos > CARE_CSV_MAX_FIELD ?
			    TB_FIELD : TB_RECORD;
			csv->tbfield = csv->ncols + 1;
		}
		csv->inquote = ps->quoted &&
		    ps->pstate == LIBCSV_FIELD_BEGUN;
		parser_reset(csv);
		csv->mode = M_SKIP;
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

/* Processes the next line (or part of one); 1 when a record is complete. */
static int
step(struct care_csv *csv)
{
	const char *p;
	size_t len, tlen, piece;
	int done;

	if (csv->atline && !csv->inrec)
		begin_record(csv);
	len = line_len(csv, &tlen);
	piece = len + tlen;
	p = csv->chunk.p + csv->pos;
	mark_bad(csv, csv->pos + piece);
	csv->rlast = csv->line;
	csv->rbytes += piece;
	csv->rawend = csv->pos + len;
	if (csv->mode == M_PARSE)
		done = parse_piece(csv, p, piece, tlen);
	else if (csv->mode == M_SKIP)
		done = skip_piece(csv, p, len, tlen);
	else
		done = tlen > 0;
	csv->pos += piece;
	csv->inrec = !done && (csv->inrec || len > 0 || csv->mode != M_PARSE);
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
	if (csv->toobig == TB_COLUMNS)
		care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
		    _("record has more than %d fields"), CARE_CSV_MAX_COLUMNS);
	else if (csv->toobig == TB_FIELD)
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
	if (csv->toobig != TB_NONE) {
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
	if (csv->mode == M_QUOTE) {
		care_diag(CARE_DIAG_ERROR, csv->name, csv->qline, 0, "%s",
		    csv->qkind ? _("text after a closing quote") :
		    _("stray quote in an unquoted field"));
		raw_field(csv);
		rec->problem = CARE_CSV_QUOTE;
	} else if (csv->mode == M_SKIP) {
		report_toobig(csv);
		rec->problem = CARE_CSV_TOO_BIG;
	} else if (csv->mode == M_UNTERM)
		rec->problem = CARE_CSV_UNTERMINATED;
	else
		rec->problem = check_record(csv);
	for (i = 0; i < csv->nf; i++)
		csv->fields[i] = csv->fbuf.p + csv->offs[i];
	rec->nfields = csv->nf;
	rec->fields = csv->fields;
	rec->lens = csv->lens;
	csv->mode = M_PARSE;
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
	csv->mode = M_UNTERM;
	return emit(csv, rec);
}

/* End of input: the last record, if any; 0 when there is none. */
static int
finish(struct care_csv *csv, struct care_csv_record *rec)
{
	if (csv->finished)
		return 0;
	if (csv->inrec && csv->mode != M_PARSE)
		return emit(csv, rec);
	csv->rowdone = 0;
	if (csv_fini(&csv->parser, on_field, on_row, csv) != 0)
		return unterminated(csv, rec);
	if (csv->rowdone)
		return emit(csv, rec);
	csv->finished = 1;
	return 0;
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

/* Reads the first bytes of input into in: enough to see a BOM. */
static int
fill(struct care_csv *csv)
{
	ssize_t n;

	csv->in.len = 0;
	csv->eof = 0;
	while (csv->in.len < 3) {
		if ((n = read_more(csv, &csv->in)) < 0)
			return -1;
		if (n == 0) {
			csv->eof = 1;
			break;
		}
	}
	csv->pending = csv->in.len;
	return 0;
}

static int
spool_write(struct care_csv *csv, const char *p, size_t n)
{
	if (csv->spool == NULL || n == 0 || fwrite(p, 1, n, csv->spool) == n)
		return 0;
	care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
	    _("cannot write a temporary file: %s"), strerror(errno));
	return -1;
}

/* Reads the rest of the input: 1 if all of it is UTF-8, 0 if not, -1. */
static int
scan_utf8_all(struct care_csv *csv)
{
	struct care_buf *b = &csv->in;
	ssize_t r;
	size_t n;
	int partial, ok = 1;

	if (spool_write(csv, b->p, b->len) < 0)
		return -1;
	for (;;) {
		n = b->len;
		if (ok) {
			n = care_decode_utf8_valid(b->p, b->len, &partial);
			if (n < b->len && (!partial || csv->eof))
				ok = 0;
		}
		if (!ok && csv->spool == NULL)
			return 0;
		if (!ok)
			n = b->len;
		memmove(b->p, b->p + n, b->len - n);
		b->len -= n;
		if (csv->eof)
			return ok;
		if ((r = read_more(csv, b)) < 0)
			return -1;
		if (r == 0)
			csv->eof = 1;
		else if (spool_write(csv, b->p + b->len - r, (size_t)r) < 0)
			return -1;
	}
}

/* Line ends in p[0..n), CRLF counting once across calls. */
static unsigned long
count_lines(const char *p, size_t n, int *prevcr)
{
	unsigned long lines = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\r' || (p[i] == '\n' && !*prevcr))
			lines++;
		*prevcr = p[i] == '\r';
	}
	return lines;
}

/* Reads all of the input again: 1 if it is CP932, else 0 (reported). */
static int
scan_cp932_all(struct care_csv *csv, struct care_decoder *d)
{
	struct care_buf *b = &csv->in;
	unsigned long line = 1;
	ssize_t r;
	size_t off;
	int bad, prevcr = 0;

	b->len = 0;
	for (;;) {
		if ((r = read_more(csv, b)) < 0)
			return -1;
		off = care_decoder_feed(d, b->p, b->len, &csv->chunk, &bad);
		csv->chunk.len = 0;
		line += count_lines(b->p, off, &prevcr);
		if (bad >= 0 || (r == 0 && off < b->len)) {
			care_diag(CARE_DIAG_FATAL, csv->name, line, 0,
			    _("neither UTF-8 nor CP932"));
			return 0;
		}
		memmove(b->p, b->p + off, b->len - off);
		b->len -= off;
		if (r == 0)
			return 1;
	}
}

/* Reads from the temporary copy of a pipe from now on. */
static int
spool_done(struct care_csv *csv)
{
	if (fflush(csv->spool) != 0) {
		care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
		    _("cannot write a temporary file: %s"), strerror(errno));
		return -1;
	}
	if (csv->ownfd)
		close(csv->fd);
	csv->fd = fileno(csv->spool);
	csv->ownfd = 0;
	return 0;
}

/* Reads the input a second time from offset start: 1, or -1. */
static int
rewind_input(struct care_csv *csv, off_t start)
{
	if (lseek(csv->fd, start, SEEK_SET) < 0) {
		care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
		    _("cannot seek: %s"), strerror(errno));
		return -1;
	}
	csv->eof = 0;
	return 1;
}

/*
 * CARE_ENC_AUTO: a BOM means UTF-8; otherwise all of the input is read
 * first (a pipe into an unlinked temporary file) to see whether it is
 * UTF-8, else whether it is CP932.
 */
static int
detect(struct care_csv *csv)
{
	struct care_decoder *d;
	struct stat st;
	off_t start = -1;
	int r;

	csv->enc = CARE_ENC_UTF8;
	if (csv->in.len >= 3 && memcmp(csv->in.p, bom, 3) == 0)
		return 0;
	if (fstat(csv->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (start = lseek(csv->fd, 0, SEEK_CUR)) >= 0)
		start -= (off_t)csv->in.len;
	else if ((csv->spool = tmpfile()) == NULL) {
		care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
		    _("cannot create a temporary file: %s"), strerror(errno));
		return -1;
	}
	if ((r = scan_utf8_all(csv)) < 0 ||
	    (csv->spool != NULL && spool_done(csv) < 0))
		return -1;
	if (csv->spool != NULL)
		start = 0;
	if (r == 0) {
		if (rewind_input(csv, start) < 0 ||
		    (d = care_decoder_new_cp932()) == NULL)
			return -1;
		r = scan_cp932_all(csv, d);
		care_decoder_free(d);
		if (r <= 0)
			return -1;
		csv->enc = CARE_ENC_CP932;
	}
	if (rewind_input(csv, start) < 0)
		return -1;
	return fill(csv);
}

struct care_csv *
care_csv_open(const char *path, enum care_encoding enc)
{
	struct care_csv *csv;

	csv = care_calloc(1, sizeof(*csv));
	csv->enc = enc;
	csv->line = 1;
	csv->atline = csv->bomcheck = 1;
	parser_init(csv);
	if (path == NULL || strcmp(path, "-") == 0) {
		csv->name = care_strdup("<stdin>");
		csv->fd = STDIN_FILENO;
	} else {
		csv->name = care_strdup(path);
		if ((csv->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
			care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
			    _("cannot open: %s"), strerror(errno));
			care_csv_close(csv);
			return NULL;
		}
		csv->ownfd = 1;
	}
	if (fill(csv) < 0 || (enc == CARE_ENC_AUTO && detect(csv) < 0) ||
	    (csv->enc == CARE_ENC_CP932 &&
	    (csv->dec = care_decoder_new_cp932()) == NULL)) {
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

void
care_csv_close(struct care_csv *csv)
{
	if (csv == NULL)
		return;
	csv_free(&csv->parser);
	care_decoder_free(csv->dec);
	if (csv->spool != NULL)
		fclose(csv->spool);
	else if (csv->ownfd)
		close(csv->fd);
	care_buf_free(&csv->in);
	care_buf_free(&csv->replay);
	care_buf_free(&csv->chunk);
	care_buf_free(&csv->raw);
	care_buf_free(&csv->fbuf);
	free(csv->bad);
	free(csv->offs);
	free(csv->lens);
	free(csv->fields);
	free(csv->name);
	free(csv);
}
