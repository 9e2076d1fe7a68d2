/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the CSV writer: the first byte of the input picks
 * the flags (bit 0 the formula guard, bit 1 the BOM), the rest is rows
 * separated by 0xFF bytes (never in UTF-8), each of fields separated by
 * NUL.  The rows are written with care_csvout and, when every field is
 * UTF-8, read back with care_csv: the same rows, the same fields byte
 * for byte (after care_csvout_unguard() with the guard), only a row
 * wider or narrower than the first flagged ragged (up to the first such
 * row over several lines: see read_back()).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_csv.h"
#include "care_csvout.h"
#include "care_decode.h"
#include "common.h"

#define ROW_SEP	'\xff'

/* The fields of the row at s[0..len), written; how many there were. */
static size_t
write_row(struct care_csvout *w, const char *s, size_t len)
{
	const char *nul;
	size_t n = 0, flen;

	for (;;) {
		nul = memchr(s, '\0', len);
		flen = nul != NULL ? (size_t)(nul - s) : len;
		care_csvout_field(w, s, flen);
		n++;
		if (nul == NULL)
			break;
		s += flen + 1;
		len -= flen + 1;
	}
	care_csvout_end(w);
	return n;
}

/* Reads the row back and compares it with s[0..len), n fields. */
static void
check_row(struct care_csv *csv, const char *s, size_t len, size_t n,
    unsigned flags, size_t width)
{
	struct care_csv_record rec;
	const char *f, *nul;
	size_t i, flen;

	FUZZ_ASSERT(care_csv_read(csv, &rec) == 1);
	FUZZ_ASSERT(rec.nfields == n);
	FUZZ_ASSERT(rec.problem == (n == width ? CARE_CSV_OK :
	    CARE_CSV_RAGGED));
	for (i = 0; i < n; i++) {
		nul = memchr(s, '\0', len);
		flen = nul != NULL ? (size_t)(nul - s) : len;
		f = rec.fields[i];
		if (flags & CARE_CSVOUT_NEUTRALIZE)
			rec.lens[i] = care_csvout_unguard(&f, rec.lens[i]);
		FUZZ_ASSERT(rec.lens[i] == flen &&
		    (flen == 0 || memcmp(f, s, flen) == 0));
		s += flen + 1;
		len -= nul != NULL ? flen + 1 : flen;
	}
}

/* Fields in the row s[0..len): one more than its NULs. */
static size_t
count_fields(const char *s, size_t len)
{
	size_t i, n = 1;

	for (i = 0; i < len; i++)
		n += s[i] == '\0';
	return n;
}

/* The length of the row at s, up to the next separator or the end. */
static size_t
row_len(const char *s, size_t len)
{
	const char *sep = memchr(s, ROW_SEP, len);

	return sep != NULL ? (size_t)(sep - s) : len;
}

/* Every row read back as it was written, and nothing more. */
static void
read_back(const char *out, size_t outlen, const char *s, size_t len,
    unsigned flags)
{
	struct care_csv_record rec;
	struct care_csv *csv;
	size_t rlen, width = 0, n;
	int span = 0;

	csv = care_csv_open(fuzz_file(0, out, outlen), CARE_ENC_UTF8);
	FUZZ_ASSERT(csv != NULL);
	for (;;) {
		rlen = row_len(s, len);
		n = count_fields(s, rlen);
		if (width == 0)
			width = n;
		/*
		 * A row of another width over several lines reads back as
		 * a stray quote's span (care_csv.h), which may take the
		 * rows after it: the check ends there.
		 */
		if (n != width && (memchr(s, '\n', rlen) != NULL ||
		    memchr(s, '\r', rlen) != NULL)) {
			span = 1;
			break;
		}
		check_row(csv, s, rlen, n, flags, width);
		if (rlen == len)
			break;
		s += rlen + 1;
		len -= rlen + 1;
	}
	FUZZ_ASSERT(span || care_csv_read(csv, &rec) == 0);
	care_csv_close(csv);
}

/*
 * Writes every row; returns nonzero if they can be read back: UTF-8,
 * and within the reader's column limit.
 */
static int
write_rows(FILE *fp, const char *s, size_t len, unsigned flags)
{
	struct care_csvout *w;
	size_t rlen;
	int partial, ok = 1;

	w = care_csvout_new(fp, flags);
	for (;;) {
		rlen = row_len(s, len);
		if (write_row(w, s, rlen) > CARE_CSV_MAX_COLUMNS ||
		    care_decode_utf8_valid(s, rlen, &partial) != rlen)
			ok = 0;
		if (rlen == len)
			break;
		s += rlen + 1;
		len -= rlen + 1;
	}
	FUZZ_ASSERT(care_csvout_free(w) == 0);
	return ok;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *)data + 1;
	unsigned flags;
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp;
	int ok;

	if (size == 0)
		return 0;
	fuzz_quiet();
	flags = data[0] & (CARE_CSVOUT_NEUTRALIZE | CARE_CSVOUT_BOM);
	if ((fp = open_memstream(&out, &outlen)) == NULL)
		abort();
	ok = write_rows(fp, s, size - 1, flags);
	if (fclose(fp) != 0)
		abort();
	if (ok)
		read_back(out, outlen, s, size - 1, flags);
	free(out);
	return 0;
}
