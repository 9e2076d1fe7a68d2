/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey-ingest's engine: headers, records and their checks. */
#include <config.h>

#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_codebook.h"
#include "care_csv.h"
#include "care_csvout.h"
#include "care_err.h"
#include "care_header.h"
#include "care_i18n.h"
#include "care_idset.h"
#include "care_ingest.h"
#include "care_ingest_int.h"
#include "care_text.h"
#include "care_value.h"

struct care_ingest *
care_ingest_new(const struct care_ingest_opts *o)
{
	struct care_ingest *ing;

	ing = care_calloc(1, sizeof(*ing));
	ing->o = *o;
	ing->cb = o->cb;
	ing->wave = o->wave != NULL ? o->wave : o->cb->wave;
	if (ing->wave == NULL && o->format == CARE_INGEST_LONG) {
		care_diag(CARE_DIAG_FATAL, NULL, 0, 0, _("%s: no wave: give "
		    "-w WAVE or 'wave' in the codebook"), o->cb->file);
		free(ing);
		return NULL;
	}
	ing->slots = care_calloc(ing->cb->nitems + 1, sizeof(*ing->slots));
	ing->hdr = care_header_new(ing->cb);
	ing->mvals = care_calloc(CARE_CB_MAX_MULTI + 1, sizeof(char *));
	ing->mlens = care_calloc(CARE_CB_MAX_MULTI + 1, sizeof(size_t));
	ing->ids = care_idset_new_values();
	care_ingest_out_new(ing);
	return ing;
}

/* --- records ------------------------------------------------------- */

/*
 * The record's fields, with the formula guard of a rejects file undone
 * in copies; otherwise the reader's own arrays serve.
 */
static void
take_fields(struct care_ingest *ing, const struct care_csv_record *rec)
{
	size_t i;

	if (ing->hdr->skip == 0) {
		/* (C does not convert char ** to const char *const * alone.) */
		ing->f = (const char *const *)rec->fields;
		ing->flen = rec->lens;
		return;
	}
	if (rec->nfields > ing->fcap) {
		ing->fcap = rec->nfields + 16;
		ing->fcopy = care_reallocarray(ing->fcopy, ing->fcap,
		    sizeof(*ing->fcopy));
		ing->flencopy = care_reallocarray(ing->flencopy, ing->fcap,
		    sizeof(*ing->flencopy));
	}
	for (i = 0; i < rec->nfields; i++) {
		ing->fcopy[i] = rec->fields[i];
		ing->flencopy[i] = care_csvout_unguard(&ing->fcopy[i],
		    rec->lens[i]);
	}
	ing->f = ing->fcopy;
	ing->flen = ing->flencopy;
}

/* Remembers the first problem of the record (its reject reason). */
static void
problem(struct care_ingest *ing, enum care_reason r)
{
	if (ing->reason == CARE_REASON_NONE)
		ing->reason = r;
}

/* Whether a skip rule asks the item: 1 yes, 0 no, -1 cannot tell. */
static int
asked(const struct care_ingest *ing, const struct care_cb_item *it)
{
	const struct care_value *c;
	size_t i;
	int r = 1;

	for (i = 0; i < it->nasked; i++) {
		c = &ing->slots[it->asked[i].item].v;
		if (c->state == CARE_VALUE_NA)
			return 0;
		if (c->state == CARE_VALUE_NOANSWER)
			r = -1;		/* unless another condition fails */
		else if ((c->mask & it->asked[i].mask) == 0)
			return 0;
	}
	return r;
}

static enum care_reason
check_item(struct care_ingest *ing, size_t i, const struct care_value_where *at)
{
	const struct care_cb_item *it = &ing->cb->items[i];
	struct care_ingest_slot *sl = &ing->slots[i];
	long col = ing->hdr->col[i];
	size_t c;

	if (col < 0) {
		memset(&sl->v, 0, sizeof(sl->v));
		sl->v.state = CARE_VALUE_NA;
		return CARE_REASON_NONE;
	}
	if (it->columns.n == 0) {
		if (care_value_quick(it, ing->f[col], ing->flen[col], &sl->v))
			return CARE_REASON_NONE;
		return care_value_check(ing->cb, it, ing->f[col],
		    ing->flen[col], &ing->arena, &ing->scratch, at, &sl->v);
	}
	for (c = 0; c < it->columns.n; c++) {
		col = ing->hdr->cols[i][c];
		ing->mvals[c] = col >= 0 ? ing->f[col] : NULL;
		ing->mlens[c] = col >= 0 ? ing->flen[col] : 0;
	}
	return care_value_check_columns(ing->cb, it, ing->mvals, ing->mlens,
	    &ing->scratch, at, &sl->v);
}

static void
skip_violation(const struct care_ingest *ing, size_t i,
    const struct care_value_where *at)
{
	const struct care_cb_item *it = &ing->cb->items[i];
	long col = ing->hdr->col[i];

	if (it->columns.n > 0)
		care_value_diag(at, at->level, _("item '%s': answered, but it "
		    "is asked only if %s"), it->name, it->asked_text);
	else
		care_value_diag(at, at->level, _("item '%s': '%.*s' answered, "
		    "but it is asked only if %s"), it->name,
		    (int)ing->flen[col], ing->f[col], it->asked_text);
}

/* Checks every item of the record; the first problem is ing->reason. */
static void
check_items(struct care_ingest *ing, const struct care_value_where *at)
{
	const struct care_cb_item *it;
	struct care_ingest_slot *sl;
	enum care_reason r;
	size_t i;

	for (i = 0; i < ing->cb->nitems; i++) {
		it = &ing->cb->items[i];
		sl = &ing->slots[i];
		sl->setmiss = 0;
		if ((r = check_item(ing, i, at)) != CARE_REASON_NONE) {
			if (ing->o.set_missing && r != CARE_REASON_UNDECODABLE)
				sl->setmiss = 1;
			else
				problem(ing, r);
		}
		if (asked(ing, it) != 0)
			continue;
		if (sl->v.state == CARE_VALUE_ANSWER) {
			skip_violation(ing, i, at);
			if (ing->o.set_missing)
				sl->setmiss = 1;
			else
				problem(ing, CARE_REASON_SKIP);
		}
		sl->v.state = CARE_VALUE_NA;
	}
}

/* The record's id, normalised, into ing->idbuf; 0, or -1 if none. */
static int
record_id(struct care_ingest *ing)
{
	long col = ing->hdr->idcol;

	if (ing->cb->id_generate) {
		care_buf_clear(&ing->idbuf);
		care_buf_reserve(&ing->idbuf, 24);
		ing->idbuf.len = (size_t)snprintf(ing->idbuf.p, 24, "%lu",
		    ++ing->nextid);
		return 0;
	}
	if (care_text_normalize(&ing->idbuf, ing->f[col], ing->flen[col],
	    CARE_TEXT_CODE) != 0 || ing->idbuf.len == 0) {
		care_diag(CARE_DIAG_ERROR, ing->name, ing->line, 0,
		    _("no id in column '%s'"), ing->cb->id_headers.s[0]);
		return -1;
	}
	return 0;
}

static void
accept(struct care_ingest *ing)
{
	size_t i;

	for (i = 0; i < ing->cb->nitems; i++) {
		ing->file.converted += ing->slots[i].v.converted != 0;
		if (ing->slots[i].setmiss) {
			ing->slots[i].nsetmiss++;
			ing->file.set_missing++;
		}
	}
	care_ingest_out_record(ing);
	ing->file.written++;
}

static enum care_reason
csv_reason(enum care_csv_problem p)
{
	switch (p) {
	case CARE_CSV_RAGGED:
		return CARE_REASON_RAGGED;
	case CARE_CSV_QUOTE:
	case CARE_CSV_UNTERMINATED:
		return CARE_REASON_BAD_QUOTE;
	case CARE_CSV_UNDECODABLE:
		return CARE_REASON_UNDECODABLE;
	default:
		return CARE_REASON_TOO_BIG;
	}
}

/* Counts a rejected record and writes it to the rejects file; 0, -1. */
static int
reject(struct care_ingest *ing, enum care_reason r, size_t nfields)
{
	if (care_ingest_out_reject(ing, r, nfields) != 0)
		return -1;
	ing->file.rejected++;
	return 0;
}

/*
 * Where an id was first written, as the value it carries in ing->ids:
 * the index of the file in ing->files above the line.
 */
#define FIRST_LINE_BITS	40

static void
duplicate(struct care_ingest *ing, const struct care_value_where *at,
    uint64_t first)
{
	unsigned long line;
	size_t file;

	line = (unsigned long)(first & ((UINT64_C(1) << FIRST_LINE_BITS) - 1));
	file = (size_t)(first >> FIRST_LINE_BITS);
	if (file + 1 == ing->nfiles)
		care_value_diag(at, CARE_DIAG_ERROR, _("duplicate id (first "
		    "on line %lu)"), line);
	else
		care_value_diag(at, CARE_DIAG_ERROR, _("duplicate id (first "
		    "on line %lu of '%s')"), line, ing->files[file]);
	problem(ing, CARE_REASON_DUPLICATE_ID);
}

/*
 * Whether a record of a rejects file fed back is one of its rows.  A
 * line of a record the rejects file kept whole, as its raw text over
 * several lines, can read as a record of its own after the reader took
 * the record for a stray quote's span (care_csv.h); its fields would be
 * taken for the export's columns, one place off.  So after such a span,
 * until a row names a reason again, a row must name one; elsewhere a
 * person fixing the file may have written over the reason.
 */
static int
rejects_row(struct care_ingest *ing, const struct care_csv_record *rec)
{
	size_t k = ing->hdr->skip - 1;

	if (ing->hdr->skip == 0)
		return 1;
	if (care_value_reason_find(ing->f[k], ing->flen[k]) !=
	    CARE_REASON_NONE) {
		ing->spantail = 0;
		return 1;
	}
	if (!ing->spantail)
		return 1;
	care_diag(CARE_DIAG_ERROR, ing->name, rec->line, 0, _("not a row of a "
	    "rejects file: its reason is '%.*s' (a line of a record kept "
	    "whole, over several lines?)"), (int)ing->flen[k], ing->f[k]);
	return 0;
}

/* One record: written or rejected; -1 if it can be neither (reported). */
static int
do_record(struct care_ingest *ing, const struct care_csv_record *rec)
{
	struct care_value_where at = { ing->name, rec->line, CARE_DIAG_ERROR,
	    NULL, 0 };
	uint64_t h = 0, where, first;

	ing->file.records++;
	ing->line = rec->line;
	ing->reason = CARE_REASON_NONE;
	take_fields(ing, rec);
	if (rec->problem == CARE_CSV_QUOTE ||
	    rec->problem == CARE_CSV_UNTERMINATED)
		ing->spantail = 1;
	if (rec->problem != CARE_CSV_OK)
		return reject(ing, csv_reason(rec->problem), rec->nfields);
	if (!rejects_row(ing, rec))
		return reject(ing, CARE_REASON_RAGGED, rec->nfields);
	care_buf_clear(&ing->arena);
	if (ing->o.set_missing)
		at.level = CARE_DIAG_WARN;
	if (record_id(ing) != 0) {
		/* Still check the values: one run reports every problem. */
		problem(ing, CARE_REASON_MISSING_ID);
	} else if (!ing->cb->id_generate) {
		/*
		 * The id's place in the set is a cache miss in a big set: it
		 * is fetched while the values are checked.
		 */
		at.id = ing->idbuf.p;
		at.idlen = ing->idbuf.len;
		h = care_idset_hash(at.id, at.idlen);
		care_idset_prefetch(ing->ids, h);
	}
	check_items(ing, &at);
	where = (uint64_t)(ing->nfiles - 1) << FIRST_LINE_BITS | ing->line;
	if (at.id != NULL && ing->reason == CARE_REASON_NONE &&
	    !care_idset_put(ing->ids, h, where, &first))
		duplicate(ing, &at, first);
	if (ing->reason != CARE_REASON_NONE)
		return reject(ing, ing->reason, rec->nfields);
	accept(ing);
	return 0;
}

/* --- files --------------------------------------------------------- */

/* Reads the header; 1 to go on, 0 for an empty file, -1 fatal. */
static int
do_header(struct care_ingest *ing, struct care_csv *csv,
    struct care_csv_record *rec)
{
	int r;

	ing->csv = csv;
	/* An export without even a header is not what was exported. */
	if ((r = care_csv_read(csv, rec)) <= 0) {
		if (r == 0)
			care_diag(CARE_DIAG_ERROR, ing->name, 0, 0,
			    _("empty file: no header line"));
		return r;
	}
	if (rec->problem != CARE_CSV_OK) {
		care_diag(CARE_DIAG_FATAL, ing->name, rec->line, 0,
		    _("cannot read the header line"));
		return -1;
	}
	if (care_header_map(ing->hdr, (const char *const *)rec->fields,
	    rec->lens, rec->nfields, ing->name, rec->line) != 0)
		return -1;
	take_fields(ing, rec);
	care_ingest_out_rejects_header(ing, rec->nfields);
	if (ing->wide != NULL && !ing->wide_header)
		care_ingest_out_wide_header(ing);
	return 1;
}

/* Notes how many bad values of each item were made 無回答. */
static void
note_set_missing(struct care_ingest *ing)
{
	size_t i;

	for (i = 0; i < ing->cb->nitems; i++) {
		if (ing->slots[i].nsetmiss > 0)
			care_diag(CARE_DIAG_NOTE, ing->name, 0, 0,
			    _("item '%s': bad values recorded as no answer: "
			    "%lu"), ing->cb->items[i].name,
			    ing->slots[i].nsetmiss);
		ing->slots[i].nsetmiss = 0;
	}
}

static void
add_stats(struct care_ingest_stats *to, const struct care_ingest_stats *st)
{
	to->records += st->records;
	to->written += st->written;
	to->rejected += st->rejected;
	to->converted += st->converted;
	to->set_missing += st->set_missing;
}

/*
 * After the first records of a regular file, their bytes each tell how
 * many ids the file holds: the id set is made that large at once rather
 * than grown again and again, which costs more than adding to it.
 */
#define RESERVE_AFTER	4096

static void
reserve_ids(struct care_ingest *ing, const char *path, struct care_csv *csv)
{
	struct stat sb;
	off_t at = care_csv_tell(csv);

	if (at <= 0 || strcmp(path, "-") == 0 || stat(path, &sb) != 0 ||
	    !S_ISREG(sb.st_mode) || sb.st_size <= at)
		return;
	care_idset_reserve(ing->ids, care_idset_count(ing->ids) + (size_t)
	    ((sb.st_size - at) / (at / RESERVE_AFTER + 1) * 11 / 10));
}

int
care_ingest_file(struct care_ingest *ing, const char *path,
    struct care_ingest_stats *st)
{
	struct care_csv_record rec;
	struct care_csv *csv;
	int r;

	memset(&ing->file, 0, sizeof(ing->file));
	memset(st, 0, sizeof(*st));
	if ((csv = care_csv_open(path, ing->o.enc)) == NULL)
		return -1;
	ing->name = care_csv_name(csv);
	ing->files = care_reallocarray(ing->files, ing->nfiles + 1,
	    sizeof(*ing->files));
	ing->files[ing->nfiles++] = care_strdup(ing->name);
	if ((r = do_header(ing, csv, &rec)) > 0)
		while ((r = care_csv_read(csv, &rec)) > 0) {
			if (do_record(ing, &rec) != 0) {
				r = -1;
				break;
			}
			if (ing->file.records == RESERVE_AFTER)
				reserve_ids(ing, path, csv);
		}
	if (ing->o.set_missing)
		note_set_missing(ing);
	*st = ing->file;
	add_stats(&ing->total, &ing->file);
	care_csv_close(csv);
	ing->name = NULL;
	return r < 0 ? -1 : 0;
}

void
care_ingest_total(const struct care_ingest *ing, struct care_ingest_stats *st)
{
	*st = ing->total;
}

void
care_ingest_free(struct care_ingest *ing)
{
	if (ing == NULL)
		return;
	care_ingest_out_free(ing);
	care_ingest_rej_free(ing);
	free(ing->slots);
	care_header_free(ing->hdr);
	care_idset_free(ing->ids);
	while (ing->nfiles > 0)
		free(ing->files[--ing->nfiles]);
	free(ing->files);
	care_buf_free(&ing->arena);
	care_buf_free(&ing->scratch);
	care_buf_free(&ing->idbuf);
	free(ing->fcopy);
	free(ing->flencopy);
	free(ing->mvals);
	free(ing->mlens);
	free(ing);
}
