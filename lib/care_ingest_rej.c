/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * survey-ingest's rejects file: one CSV file with one header, the first
 * input's, that can be fixed in a spreadsheet and fed back.  Each
 * rejected record has its line and reason before it, and the input it
 * came from first when several were read.  A later input with the same
 * columns in another order (exports change their order between waves)
 * has its rejected records written in the first one's order.  One with other columns cannot share the file: written
 * under the first header its values would be read back as other items,
 * so its first rejected record stops the run instead.  A record the
 * reader could not split is its raw text in one field, streamed when it
 * is long.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_csv.h"
#include "care_csvout.h"
#include "care_err.h"
#include "care_header.h"
#include "care_i18n.h"
#include "care_ingest_int.h"
#include "care_value.h"

/* Keeps the first file's columns fields[skip..n) and writes the header. */
static void
first_header(struct care_ingest *ing, size_t n)
{
	size_t i, skip = ing->hdr->skip;

	/* At the end of a run whose inputs were all empty, no name. */
	ing->rejfrom = care_strdup(ing->name != NULL ? ing->name : "");
	ing->nrejcol = n > skip ? n - skip : 0;
	ing->rejcol = care_reallocarray(NULL, ing->nrejcol + 1,
	    sizeof(*ing->rejcol));
	ing->rejlen = care_reallocarray(NULL, ing->nrejcol + 1,
	    sizeof(*ing->rejlen));
	if (ing->o.nfiles > 1)
		care_csvout_fields(ing->rej, "file");
	care_csvout_fields(ing->rej, "line");
	care_csvout_fields(ing->rej, "reason");
	for (i = 0; i < ing->nrejcol; i++) {
		ing->rejlen[i] = ing->flen[skip + i];
		ing->rejcol[i] = care_malloc(ing->rejlen[i] + 1);
		memcpy(ing->rejcol[i], ing->f[skip + i], ing->rejlen[i]);
		ing->rejcol[i][ing->rejlen[i]] = '\0';
		care_csvout_field(ing->rej, ing->f[skip + i], ing->flen[skip + i]);
	}
	care_csvout_end(ing->rej);
}

/*
 * Where this file has each column of the rejects file, taking repeated
 * headers in turn; 0, or -1 if its columns are others.
 */
static int
map_columns(struct care_ingest *ing, size_t n)
{
	size_t i, j, skip = ing->hdr->skip;
	char *used;
	int same = 1;

	if (n < skip || n - skip != ing->nrejcol)
		return -1;
	used = care_calloc(ing->nrejcol + 1, 1);
	ing->rejmap = care_reallocarray(ing->rejmap, ing->nrejcol + 1,
	    sizeof(*ing->rejmap));
	for (j = 0; j < ing->nrejcol; j++) {
		for (i = 0; i < ing->nrejcol; i++)
			if (!used[i] && ing->flen[skip + i] == ing->rejlen[j] &&
			    memcmp(ing->f[skip + i], ing->rejcol[j],
			    ing->rejlen[j]) == 0)
				break;
		if (i == ing->nrejcol)
			break;
		used[i] = 1;
		ing->rejmap[j] = i;
		same = same && i == j;
	}
	free(used);
	if (j < ing->nrejcol)
		return -1;
	if (same) {
		free(ing->rejmap);
		ing->rejmap = NULL;
	}
	return 0;
}

void
care_ingest_out_rejects_header(struct care_ingest *ing, size_t n)
{
	if (ing->rej == NULL)
		return;
	if (ing->rejfrom == NULL) {
		first_header(ing, n);
		return;
	}
	ing->rejother = map_columns(ing, n) != 0;
}

/* How the raw text starts and whether it needs quotes. */
struct rawscan {
	int	first;		/* its first byte, -1 before any */
	int	quoted;
};

static void
raw_scan(void *arg, const char *p, size_t n)
{
	struct rawscan *sc = arg;

	if (sc->first < 0 && n > 0)
		sc->first = (unsigned char)p[0];
	sc->quoted = sc->quoted || care_csvout_needs_quotes(p, n);
}

static void
raw_put(void *arg, const char *p, size_t n)
{
	care_csvout_field_part(arg, p, n);
}

/*
 * The raw text of a record too long to be a field: read twice from the
 * reader's temporary file, never held whole; 0, or -1 (reported).
 */
static int
raw_stream(struct care_ingest *ing)
{
	struct rawscan sc = { -1, 0 };

	if (care_csv_raw(ing->csv, raw_scan, &sc) < 0)
		return -1;
	care_csvout_field_start(ing->rej, sc.quoted, sc.first);
	if (care_csv_raw(ing->csv, raw_put, ing->rej) < 0)
		return -1;
	care_csvout_field_finish(ing->rej);
	return 0;
}

/* The record's fields, in the rejects file's columns; 0, or -1. */
static int
put_fields(struct care_ingest *ing, enum care_reason r, size_t nfields)
{
	size_t i, skip = ing->hdr->skip;

	if (nfields == 0)
		return raw_stream(ing);
	/*
	 * Raw text is all of the record's lines, a fed-back rejects
	 * file's own columns included; a ragged record has no columns
	 * to follow.  Both go as they came.
	 */
	if (r == CARE_REASON_BAD_QUOTE || r == CARE_REASON_TOO_BIG)
		skip = 0;
	else if (ing->rejmap != NULL && nfields == skip + ing->nrejcol) {
		for (i = 0; i < ing->nrejcol; i++)
			care_csvout_field(ing->rej, ing->f[skip +
			    ing->rejmap[i]], ing->flen[skip + ing->rejmap[i]]);
		return 0;
	}
	for (i = skip; i < nfields; i++)
		care_csvout_field(ing->rej, ing->f[i], ing->flen[i]);
	return 0;
}

int
care_ingest_out_reject(struct care_ingest *ing, enum care_reason r,
    size_t nfields)
{
	char num[24];

	if (ing->rej == NULL)
		return 0;
	if (ing->rejother) {
		care_diag(CARE_DIAG_FATAL, ing->name, ing->line, 0,
		    _("cannot keep the rejected record: the rejects file has "
		    "the columns of '%s', and this file has others; give "
		    "each layout its own run"), ing->rejfrom);
		return -1;
	}
	if (ing->o.nfiles > 1)
		care_csvout_fields(ing->rej, ing->name);
	snprintf(num, sizeof(num), "%lu", ing->line);
	care_csvout_fields(ing->rej, num);
	care_csvout_fields(ing->rej, care_value_reason(r));
	if (put_fields(ing, r, nfields) < 0)
		return -1;
	care_csvout_end(ing->rej);
	return 0;
}

void
care_ingest_rej_free(struct care_ingest *ing)
{
	size_t i;

	for (i = 0; i < ing->nrejcol && ing->rejcol != NULL; i++)
		free(ing->rejcol[i]);
	free(ing->rejcol);
	free(ing->rejlen);
	free(ing->rejmap);
	free(ing->rejfrom);
}
