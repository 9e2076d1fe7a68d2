/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * survey-ingest's engine: raw CSV exports are read record by record,
 * checked against a codebook (care_value), and written as long or wide
 * CSV; a record with any problem is reported, written whole to the
 * rejects file and counted.  Nothing of a record is kept after it is
 * written except a hash of its id (care_idset), so memory does not grow
 * with the input otherwise.
 */
#ifndef CARE_INGEST_H
#define CARE_INGEST_H

#include <stdio.h>

#include "care_codebook.h"
#include "care_decode.h"

enum care_ingest_format {
	CARE_INGEST_LONG,	/* long CSV, version 2 (care_long.h) */
	CARE_INGEST_WIDE	/* respondent and one column per item */
};

struct care_ingest_opts {
	const struct care_codebook	*cb;
	const char			*wave;	/* NULL: the codebook's */
	enum care_ingest_format		 format;
	enum care_encoding		 enc;
	int				 set_missing;	/* bad value → 無回答 */
	size_t				 nfiles;	/* inputs: with more
							   than one, rejects
							   say which */
	FILE				*out;
	FILE				*rejects;	/* may be NULL */
};

/* Record accounting: records == written + rejected, always. */
struct care_ingest_stats {
	unsigned long	records;
	unsigned long	written;
	unsigned long	rejected;
	unsigned long	converted;	/* labels matched, dates rewritten */
	unsigned long	set_missing;	/* bad values made 無回答 */
};

struct care_ingest;

/* NULL (reported) if the options cannot work, e.g. long output, no wave. */
struct care_ingest *care_ingest_new(const struct care_ingest_opts *opts);
/*
 * Reads one input file ("-" or NULL for stdin) into the output and
 * fills *st for it.  Returns 0, or -1 after a fatal problem (unreadable
 * file, a required column missing, a read error): the run should stop
 * and its output be discarded.
 */
int care_ingest_file(struct care_ingest *ing, const char *path,
    struct care_ingest_stats *st);
/* The counts over all files so far. */
void care_ingest_total(const struct care_ingest *ing,
    struct care_ingest_stats *st);
/*
 * Writes the "3120 records, 3107 written, 13 rejected (rejects.csv)"
 * text of a summary line into buf; rejects_name may be NULL.
 */
void care_ingest_summary(const struct care_ingest_stats *st,
    const char *rejects_name, char *buf, size_t size);
/* Flushes the outputs; -1 if a write failed (errno set). */
int care_ingest_finish(struct care_ingest *ing);
/*
 * Ends the long CSV with its end line, once the run is known to be good,
 * so that a reader can tell it from the output of a run that failed or
 * was killed; -1 if the write failed (errno set).  Nothing for wide.
 */
int care_ingest_end(struct care_ingest *ing);
void care_ingest_free(struct care_ingest *ing);

#endif /* CARE_INGEST_H */
