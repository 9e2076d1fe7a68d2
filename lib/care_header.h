/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The header line of a raw export matched to a codebook: which column
 * holds each item and the id, with headers compared after NFKC so that
 * full-width and half-width wordings match, and aliases for wordings
 * that changed between waves.  A rejects file written by survey-ingest
 * (leading columns "line,reason", or "file,line,reason") is recognised
 * so it can be fed back.
 */
#ifndef CARE_HEADER_H
#define CARE_HEADER_H

#include <stddef.h>

#include "care_codebook.h"

struct care_header {
	const struct care_codebook *cb;
	long	  idcol;	/* -1 when ids are generated */
	long	 *col;		/* per item: column index, -1 when absent */
	long	**cols;		/* per item: 0/1 column per code, or NULL */
	size_t	  skip;		/* 2 or 3 for a rejects file, else 0 */
};

struct care_header *care_header_new(const struct care_codebook *cb);
/*
 * Maps the header fields[0..n) of file.  A required column that is
 * missing (the id column always is) is a fatal error naming the nearest
 * headers found; columns the codebook does not know are listed in one
 * warning.  Returns 0, or -1 after a fatal error.
 */
int care_header_map(struct care_header *h, const char *const *fields,
    const size_t *lens, size_t n, const char *file, unsigned long line);
void care_header_free(struct care_header *h);

#endif /* CARE_HEADER_H */
