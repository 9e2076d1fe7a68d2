/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private to the care_ingest module: care_ingest.c checks records,
 * care_ingest_out.c writes them (long or wide CSV, the rejects file).
 */
#ifndef CARE_INGEST_INT_H
#define CARE_INGEST_INT_H

#include <stddef.h>

#include "care_buf.h"
#include "care_codebook.h"
#include "care_csvout.h"
#include "care_header.h"
#include "care_idset.h"
#include "care_ingest.h"
#include "care_value.h"

struct care_csv;

/* Per item: where it is in the current file, and its value now. */
struct care_ingest_slot {
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
	struct care_ingest_slot	*slots;
	struct care_header	*hdr;		/* the current file's columns */
	const char		*name;		/* current file, for messages */
	struct care_csv		*csv;		/* its reader */
	unsigned long		 line;		/* current record's line */
	enum care_reason	 reason;	/* the record's first problem */
	int			 spantail;	/* after a span of a rejects
						   file (see rejects_row()) */
	unsigned long		 nextid;	/* generated ids */
	struct care_idset	*ids;		/* id → where first written */
	char			**files;	/* the files read so far */
	size_t			 nfiles;
	struct care_ingest_stats file, total;
	struct care_buf		 arena, scratch, idbuf;
	/* The record's fields: the reader's, or unguarded copies. */
	const char *const	*f;
	const size_t		*flen;
	const char		**fcopy;
	size_t			*flencopy;
	size_t			 fcap;
	const char		**mvals;	/* 0/1 cells of a multi item */
	size_t			*mlens;
	/* Long output. */
	struct care_buf		 prefix;	/* "source,wave,id," */
	size_t			 prefix0;	/* its "source,wave," part */
	char			*lbuf;		/* output buffer */
	size_t			 llen;
	unsigned long		 nrows;		/* long rows written */
	struct care_buf		 origin;	/* the record's, quoted */
	const char		*oname;		/* the file opre is for */
	struct care_buf		 opre;		/* its name, quoted, and ':' */
	int			 oquoted;	/* opre opens a quote */
	int			 lerr;		/* errno of a failed write */
	struct care_csvout	*wide, *rej;
	int			 wide_header;	/* wide header written */
	/*
	 * The rejects file's columns: the first file's (its name in
	 * rejfrom), and where the current file has each of them.
	 */
	char			**rejcol;
	size_t			*rejlen, nrejcol;
	char			*rejfrom;	/* NULL: no header written yet */
	size_t			*rejmap;	/* NULL: in the same order */
	int			 rejother;	/* other columns: no rejects */
};

/* care_ingest_out.c: sets up the outputs of care_ingest_new(). */
void care_ingest_out_new(struct care_ingest *ing);
/* Writes the accepted record, its id in ing->idbuf. */
void care_ingest_out_record(struct care_ingest *ing);
/*
 * care_ingest_rej.c.  Writes the record of nfields fields to the
 * rejects file, with r, in the columns of the rejects file; -1 (fatal,
 * reported) if this file's columns are not those.
 */
int care_ingest_out_reject(struct care_ingest *ing, enum care_reason r,
    size_t nfields);
/*
 * At each file's header fields[skip..n): the rejects file's header
 * (line, reason, then the first file's columns), or where this file has
 * those columns.
 */
void care_ingest_out_rejects_header(struct care_ingest *ing, size_t n);
void care_ingest_rej_free(struct care_ingest *ing);
/* The wide output's header, once. */
void care_ingest_out_wide_header(struct care_ingest *ing);
void care_ingest_out_free(struct care_ingest *ing);

#endif /* CARE_INGEST_INT_H */
