/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private to the care_csv module: care_csv_in.c gets the input into
 * UTF-8 text (open, encoding detection, CP932 decoding, chunks with
 * their undecodable bytes listed), care_csv.c cuts the text into lines
 * and records.  Only care_csv.c includes <csv.h>: the libcsv parser is
 * behind a pointer here.
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

/* What the reader does with the lines of the current record. */
enum care_csv_mode {
	CARE_CSV_M_PARSE,	/* feed them to libcsv (or split them) */
	CARE_CSV_M_QUOTE,	/* libcsv failed: skip to the end of the line */
	CARE_CSV_M_SKIP,	/* too big: skip to the end of the record */
	CARE_CSV_M_UNTERM	/* the record is what an open quote swallowed */
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
	struct care_buf	  replay;	/* lines an open quote swallowed */
	size_t		  replayed;	/* bytes of replay read again */
	struct care_buf	  chunk;	/* UTF-8 text being cut into lines */
	off_t		  base;		/* input offset of chunk.p[0] (UTF-8) */
	size_t		  pos, avail;	/* next byte; end of what is whole */
	size_t		  clf, ccr, cnul; /* next LF, CR, NUL + 1; 0 unknown */
	size_t		 *bad;		/* offsets of undecodable bytes */
	size_t		  nbad, badcap, badi;
	unsigned long	  line;		/* physical line of pos */
	int		  atline;	/* pos is at the start of a line */
	/* The record being read. */
	enum care_csv_mode mode;
	int		  inrec, rowdone, inquote, qkind, badbyte;
	unsigned long	  rline, rlast, badline, qline;
	enum care_csv_toobig toobig;
	size_t		  tbfield, ncols, rbytes;
	size_t		  rawmark, rawend; /* raw text still in chunk */
	struct care_buf	  raw;		/* raw text from earlier chunks */
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
 * I/O error.  pos, avail and rawmark start again at 0; the caller has
 * saved what it needs of the old chunk.
 */
int care_csv_in_refill(struct care_csv *csv);
/* Frees what care_csv_in_start set up (not the parser, not csv). */
void care_csv_in_free(struct care_csv *csv);

#endif /* CARE_CSV_INT_H */
