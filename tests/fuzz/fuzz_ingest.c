/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for survey-ingest's engine: any bytes as a raw export
 * (any encoding, as -e auto reads it), checked against the codebook of
 * common.c, once into long CSV and once into wide CSV with bad values
 * made no answer (-m), each with a rejects file, all in memory.  What
 * the engine promises, checked on every input:
 *  - records == written + rejected, for the file and in total;
 *  - every rejected record is a row of the rejects file, with a reason
 *    from the documented list, and was reported as an error;
 *  - the outputs are CSV that care_csv reads back as UTF-8 without NUL
 *    or malformed records: long rows all as wide as the header (5
 *    columns, or 6 in version 2: care_long.h), of the codebook's source,
 *    wave and items, codes of code items only, each respondent's rows
 *    together and no respondent twice, in version 2 the origin on the
 *    first row of each and an end line with the count of rows last; one
 *    wide row per written record.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_buf.h"
#include "care_codebook.h"
#include "care_csv.h"
#include "care_decode.h"
#include "care_err.h"
#include "care_idset.h"
#include "care_ingest.h"
#include "care_value.h"
#include "common.h"

static const char *const long_header[] = {
	"source", "wave", "respondent", "item", "value", "origin"
};

/* A memory output of the engine. */
struct mem {
	FILE	*fp;
	char	*p;
	size_t	 len;
};

static int
field_is(const struct care_csv_record *rec, size_t i, const char *s)
{
	return i < rec->nfields && rec->lens[i] == strlen(s) &&
	    memcmp(rec->fields[i], s, rec->lens[i]) == 0;
}

/* Opens an output for reading back, after the checks every output takes. */
static struct care_csv *
reopen(const struct mem *m)
{
	struct care_csv *csv;
	int partial;

	FUZZ_ASSERT(m->len == 0 || memchr(m->p, '\0', m->len) == NULL);
	FUZZ_ASSERT(care_decode_utf8_valid(m->p, m->len, &partial) ==
	    m->len);
	csv = care_csv_open(fuzz_file(1, m->p, m->len), CARE_ENC_UTF8);
	FUZZ_ASSERT(csv != NULL);
	return csv;
}

/* The item a long row names; its value must suit it. */
static void
check_long_value(const struct care_csv_record *rec)
{
	const struct care_codebook *cb = fuzz_codebook();
	const struct care_cb_item *it = NULL;
	size_t i;
	int by_label;

	for (i = 0; i < cb->nitems && it == NULL; i++)
		if (field_is(rec, 3, cb->items[i].name))
			it = &cb->items[i];
	FUZZ_ASSERT(it != NULL);
	if (rec->lens[4] > 0 && (it->type == CARE_CB_CODE ||
	    it->type == CARE_CB_MULTI))
		FUZZ_ASSERT(care_codebook_code(it, rec->fields[4],
		    rec->lens[4], &by_label) >= 0 && !by_label);
}

/*
 * The respondent of a long row: a new one must not have been seen.  In
 * version 2 the first row of a respondent says where it came from, and
 * the others do not.
 */
static void
check_respondent(const struct care_csv_record *rec, struct care_idset *seen,
    char **last)
{
	int first = *last == NULL || !field_is(rec, 2, *last);

	FUZZ_ASSERT(rec->nfields == 5 || (rec->lens[5] > 0) == first);
	if (!first)
		return;
	FUZZ_ASSERT(care_idset_add(seen, rec->fields[2], rec->lens[2]));
	free(*last);
	if ((*last = strdup(rec->fields[2])) == NULL)
		abort();
}

/* Version 2's end line, '#end,N,,,,', once, with the count of rows. */
static void
check_end(const struct care_csv_record *rec, unsigned long rows, int *ended)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lu", rows);
	FUZZ_ASSERT(rec->nfields == 6 && !*ended &&
	    field_is(rec, 0, "#end") && field_is(rec, 1, buf));
	*ended = 1;
}

static void
check_long(const struct mem *m)
{
	struct care_csv_record rec;
	struct care_idset *seen;
	struct care_csv *csv;
	char *last = NULL;
	size_t i, width;
	unsigned long rows = 0;
	int r, ended = 0;

	csv = reopen(m);
	FUZZ_ASSERT(care_csv_read(csv, &rec) == 1 &&
	    rec.problem == CARE_CSV_OK);
	width = rec.nfields;
	FUZZ_ASSERT(width == 5 || width == 6);
	for (i = 0; i < width; i++)
		FUZZ_ASSERT(field_is(&rec, i, long_header[i]));
	seen = care_idset_new();
	while ((r = care_csv_read(csv, &rec)) == 1) {
		FUZZ_ASSERT(rec.problem == CARE_CSV_OK &&
		    rec.nfields == width && !ended);
		if (rec.lens[0] > 0 && rec.fields[0][0] == '#') {
			check_end(&rec, rows, &ended);
			continue;
		}
		FUZZ_ASSERT(field_is(&rec, 0, fuzz_codebook()->source) &&
		    field_is(&rec, 1, fuzz_codebook()->wave));
		check_long_value(&rec);
		check_respondent(&rec, seen, &last);
		rows++;
	}
	FUZZ_ASSERT(r == 0 && (width == 5 || ended));
	free(last);
	care_idset_free(seen);
	care_csv_close(csv);
}

/* One wide row per written record, all as wide as the header. */
static void
check_wide(const struct mem *m, unsigned long written)
{
	const struct care_codebook *cb = fuzz_codebook();
	struct care_csv_record rec;
	struct care_csv *csv;
	unsigned long rows = 0;
	size_t i;
	int r;

	csv = reopen(m);
	FUZZ_ASSERT(care_csv_read(csv, &rec) == 1 &&
	    rec.problem == CARE_CSV_OK && rec.nfields == cb->nitems + 1 &&
	    field_is(&rec, 0, "respondent"));
	for (i = 0; i < cb->nitems; i++)
		FUZZ_ASSERT(field_is(&rec, i + 1, cb->items[i].name));
	while ((r = care_csv_read(csv, &rec)) == 1) {
		FUZZ_ASSERT(rec.problem == CARE_CSV_OK &&
		    rec.nfields == cb->nitems + 1);
		rows++;
	}
	FUZZ_ASSERT(r == 0 && rows == written);
	care_csv_close(csv);
}

/*
 * The rejects file: its header, then one row per rejected record with
 * a known reason.  It holds records as they came, so it need not be
 * UTF-8 (read as CP932 would fail too): only its rows are counted.  A
 * record kept as its raw text over several lines has fewer fields than
 * the header, so the reader takes it for a stray quote (care_csv.h) and
 * may join it with the rows after it, or read lines of it as rows: once
 * one is met, the reasons of the rows after it are not checked either.
 */
static void
check_rejects(const struct mem *m, unsigned long rejected)
{
	struct care_csv_record rec;
	struct care_csv *csv;
	unsigned long rows = 0;
	int r, known, spans = 0;
	enum care_reason why;

	csv = care_csv_open(fuzz_file(1, m->p, m->len), CARE_ENC_UTF8);
	FUZZ_ASSERT(csv != NULL);
	FUZZ_ASSERT(care_csv_read(csv, &rec) == 1 &&
	    field_is(&rec, 0, "line") && field_is(&rec, 1, "reason"));
	while ((r = care_csv_read(csv, &rec)) == 1) {
		rows++;
		if (rec.problem == CARE_CSV_QUOTE ||
		    rec.problem == CARE_CSV_UNTERMINATED)
			spans++;
		if (spans > 0 || (rec.problem != CARE_CSV_OK &&
		    rec.problem != CARE_CSV_RAGGED))
			continue;
		for (known = 0, why = 1; why < CARE_REASON_COUNT; why++)
			known |= field_is(&rec, 1, care_value_reason(why));
		FUZZ_ASSERT(known);
	}
	FUZZ_ASSERT(r == 0 && (rows == rejected || spans > 0));
	care_csv_close(csv);
}

static void
mem_open(struct mem *m)
{
	m->p = NULL;
	m->len = 0;
	if ((m->fp = open_memstream(&m->p, &m->len)) == NULL)
		abort();
}

static void
mem_close(struct mem *m)
{
	if (fclose(m->fp) != 0)
		abort();
}

/* The input through one run of the engine, as survey-ingest makes it. */
static void
run(const char *path, enum care_ingest_format format, int set_missing)
{
	struct care_ingest_opts o;
	struct care_ingest_stats st, total;
	struct care_ingest *ing;
	struct mem out, rej;
	unsigned long errors;
	int r;

	mem_open(&out);
	mem_open(&rej);
	memset(&o, 0, sizeof(o));
	o.cb = fuzz_codebook();
	o.format = format;
	o.enc = CARE_ENC_AUTO;
	o.set_missing = set_missing;
	o.out = out.fp;
	o.rejects = rej.fp;
	errors = care_diag_count(CARE_DIAG_ERROR);
	FUZZ_ASSERT((ing = care_ingest_new(&o)) != NULL);
	/* A good run ends with the end line, as survey-ingest does. */
	if ((r = care_ingest_file(ing, path, &st)) == 0)
		FUZZ_ASSERT(care_ingest_finish(ing) == 0 &&
		    care_ingest_end(ing) == 0);
	care_ingest_total(ing, &total);
	care_ingest_free(ing);
	mem_close(&out);
	mem_close(&rej);
	FUZZ_ASSERT(st.records == st.written + st.rejected);
	FUZZ_ASSERT(total.records == st.records &&
	    total.written == st.written && total.rejected == st.rejected);
	/* A fatal problem discards the outputs, as survey-ingest does. */
	if (r == 0) {
		FUZZ_ASSERT(care_diag_count(CARE_DIAG_ERROR) - errors >=
		    st.rejected);
		if (format == CARE_INGEST_LONG)
			check_long(&out);
		else
			check_wide(&out, st.written);
		check_rejects(&rej, st.rejected);
	}
	free(out.p);
	free(rej.p);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *path;

	fuzz_quiet();
	path = fuzz_file(0, data, size);
	run(path, CARE_INGEST_LONG, 0);
	run(path, CARE_INGEST_WIDE, 1);
	return 0;
}
