/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private to the care_csv module: care_csv_in.c gets the input into
 * UTF-8 text (open, encoding detection, CP932 decoding, chunks with
 * their undecodable bytes listed), care_csv.c cuts the text into lines
 * and records, care_csv_span.c goes back over the lines of a quote that
 * does not close on a well-formed record, care_csv_hist.c keeps the text
 * that may be read again or handed out raw.  Only care_csv.c includes
 * <csv.h>: the libcsv parser is behind a pointer here.
 *
 * Text offsets (off_t) count the bytes of the text from the start of
 * the input: for UTF-8 input they are the input's own offsets.
 */
#ifndef CARE_CSV_INT_H
#define CARE_CSV_INT_H

#include <sys/types.h>

#include <stdio.h>

#include "care_buf.h"
#include "care_csv.h"
#include "care_decode.h"

/* Bytes asked of read(2) at a time (small in a fuzzing build). */
#ifndef CARE_CSV_CHUNK
#define CARE_CSV_CHUNK	65536
#endif
/* Text kept in memory for going back; beyond it, a temporary file. */
#ifndef CARE_CSV_SPILL
#define CARE_CSV_SPILL	(4UL << 20)
#endif

/* What the reader does with the lines of the current record. */
enum care_csv_mode {
	CARE_CSV_M_PARSE,	/* feed them to libcsv (or split them) */
	CARE_CSV_M_QUOTE,	/* libcsv failed: skip to the end of the line */
	CARE_CSV_M_SKIP,	/* too big: scan to the end of the record */
	CARE_CSV_M_UNTERM	/* a quote still open at the end of input */
};

/* Where the scanner of a too-big record is (libcsv's pstate). */
enum care_csv_skip {
	CARE_CSV_S_START,	/* at the start of a field */
	CARE_CSV_S_PLAIN,	/* in an unquoted field */
	CARE_CSV_S_QUOTED,	/* in a quoted field */
	CARE_CSV_S_CLOSED	/* after a quote in a quoted field */
};

/* Why the lines of a span make no record (see care_csv_span.c). */
enum care_csv_cause {
	CARE_CSV_C_MALFORMED,	/* it closes on a malformed record */
	CARE_CSV_C_UNTERM	/* it is still open at the end of input */
};

/*
 * Text offsets [beg, end), in memory up to CARE_CSV_SPILL bytes, else
 * all of it in an unlinked temporary file (fd, offset 0 is beg).
 */
struct care_csv_hist {
	struct care_buf	  mem;
	int		  fd;		/* -1 until first needed */
	int		  spilled;	/* the text is in the file */
	off_t		  beg, end;
};

enum care_csv_toobig {
	CARE_CSV_TB_NONE,
	CARE_CSV_TB_FIELD,
	CARE_CSV_TB_COLUMNS,
	CARE_CSV_TB_RECORD
};

struct csv_parser;

struct care_csv {
	char		 *name;
	int		  fd;
	int		  ownfd;
	FILE		 *spool;	/* pipe copied here in auto mode */
	enum care_encoding enc;
	struct care_decoder *dec;
	struct csv_parser *parser;
	int		  eof;		/* read(2) returned 0 */
	int		  ioerr;
	int		  finished;	/* csv_fini done, nothing left */
	int		  bomcheck;
	int		  allvalid;	/* detection read all of it as UTF-8 */
	size_t		  pending;	/* bytes of in read by care_csv_open */
	struct care_buf	  in;		/* CP932 bytes not yet decoded */
	struct care_buf	  chunk;	/* UTF-8 text being cut into lines */
	off_t		  base;		/* offset of chunk.p[0] */
	off_t		  front;	/* after all taken from input */
	/*
	 * The text before chunk that the record or span being read
	 * began with, and the text after chunk when the reader has gone
	 * back (front is then hist.end).
	 */
	struct care_csv_hist hist;
	int		  rewound;	/* went back over lines */
	size_t		  pos, avail;	/* next byte; end of what is whole */
	size_t		  clf, ccr, cnul; /* next LF, CR, NUL + 1; 0 unknown */
	size_t		 *bad;		/* offsets of undecodable bytes */
	size_t		  nbad, badcap, badi;
	unsigned long	  line;		/* physical line of pos */
	int		  atline;	/* pos is at the start of a line */
	/* The record being read. */
	enum care_csv_mode mode;
	int		  inrec, rowdone, qkind, badbyte;
	unsigned long	  rline, rlast, badline, qline;
	enum care_csv_toobig toobig;
	enum care_csv_skip skip;
	size_t		  tbfield, ncols, rbytes;
	off_t		  rstart, rend;	/* text, but the last line end */
	int		  rmulti;	/* a quote spans a line end */
	off_t		  r1end, r1cend; /* line 1 end: after, before */
	/* Lines that make no record, from sline to slast. */
	int		  inspan;
	int		  ptrs;		/* fields[] set by split_fields() */
	enum care_csv_cause cause;
	unsigned long	  sline, slast, sfail;
	off_t		  sstart, send;
	/* The raw text of the record handed out (care_csv_raw()). */
	off_t		  rawbeg, rawlen;
	struct care_buf	  fbuf;		/* the fields, NUL-terminated */
	size_t		  nf, fcap, *offs, *lens;
	char		**fields;
	size_t		  width;
};

/*
 * care_csv_in.c.  Opening: reads the first bytes and settles the
 * encoding (detecting it for CARE_ENC_AUTO); 0, or -1 after reporting.
 */
int care_csv_in_start(struct care_csv *csv, const char *path);
/*
 * Replaces chunk with the next text: 1, 0 at end of input, -1 after an
 * I/O error.  pos and avail start again at 0; the caller has
 * saved what it needs of the old chunk.
 */
int care_csv_in_refill(struct care_csv *csv);
/* Frees what care_csv_in_start set up (not the parser, not csv). */
void care_csv_in_free(struct care_csv *csv);

/*
 * care_csv.c.  The parser at a row start again; the record handed to
 * the caller, its line and problem set (1); the raw text [beg, end)
 * made the record's one field, or none when it is longer than a field
 * may be (care_csv_raw() gives it then), 0 or -1 after an I/O error.
 */
void care_csv_parser_reset(struct care_csv *csv);
int care_csv_hand(struct care_csv *csv, struct care_csv_record *rec);
int care_csv_raw_field(struct care_csv *csv, off_t beg, off_t end);
/*
 * care_csv_rec.c.  Judges the record just ended, says what is wrong
 * with it and hands it to the caller: 1, or -1 after an I/O error.
 */
int care_csv_emit(struct care_csv *csv, struct care_csv_record *rec);

/*
 * care_csv_span.c.  A record is over (step() said so): 1 with it in
 * *rec, 0 to read on (the reader went back, or the lines joined a
 * span), -1 after an I/O error.  care_csv_span_unterm() is for a quote
 * still open at the end of input, care_csv_span_end() hands out the
 * span open there.
 */
int care_csv_span_over(struct care_csv *csv, struct care_csv_record *rec);
int care_csv_span_unterm(struct care_csv *csv, struct care_csv_record *rec);
int care_csv_span_end(struct care_csv *csv, struct care_csv_record *rec);

/*
 * care_csv_hist.c.  hist_reset() empties it at text offset at; add()
 * appends the text at end; get() copies n bytes from offset at, which
 * must be in [beg, end).  name is for diagnostics; -1 after reporting.
 * rewind() makes the reader read again from text offset at, line
 * line; text() calls put for the text [beg, end).
 */
void care_csv_hist_init(struct care_csv_hist *h);
void care_csv_hist_reset(struct care_csv_hist *h, off_t at);
int care_csv_hist_add(struct care_csv_hist *h, const char *p, size_t n,
    const char *name);
int care_csv_hist_get(struct care_csv_hist *h, off_t at, char *p, size_t n,
    const char *name);
void care_csv_hist_free(struct care_csv_hist *h);
int care_csv_keep(struct care_csv *csv);
int care_csv_rewind(struct care_csv *csv, off_t at, unsigned long line);
int care_csv_text(struct care_csv *csv, off_t beg, off_t end,
    void (*put)(void *, const char *, size_t), void *arg);

#endif /* CARE_CSV_INT_H */
