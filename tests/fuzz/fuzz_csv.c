/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for care_csv: every encoding over arbitrary bytes. */
#include <config.h>

#include <stddef.h>
#include <string.h>

#include "care_csv.h"
#include "care_decode.h"
#include "common.h"

/* Checks what the reader promises of every record. */
static void
check_record(const struct care_csv_record *rec, unsigned long *last)
{
	size_t i;
	int partial;

	FUZZ_ASSERT(rec->line > 0 && rec->end_line >= rec->line &&
	    rec->line > *last && rec->nfields <= CARE_CSV_MAX_COLUMNS);
	*last = rec->end_line;
	for (i = 0; i < rec->nfields; i++) {
		FUZZ_ASSERT(rec->fields[i][rec->lens[i]] == '\0');
		if (rec->problem != CARE_CSV_OK)
			continue;
		/* A good record is UTF-8 without NUL, whatever came in. */
		FUZZ_ASSERT(memchr(rec->fields[i], '\0', rec->lens[i]) ==
		    NULL && care_decode_utf8_valid(rec->fields[i],
		    rec->lens[i], &partial) == rec->lens[i]);
	}
}

static void
read_all(const char *path, enum care_encoding enc)
{
	struct care_csv_record rec;
	struct care_csv *csv;
	unsigned long last = 0;
	int r;

	if ((csv = care_csv_open(path, enc)) == NULL)
		return;
	while ((r = care_csv_read(csv, &rec)) > 0)
		check_record(&rec, &last);
	FUZZ_ASSERT(r == 0);
	care_csv_close(csv);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *path;

	fuzz_quiet();
	path = fuzz_file(0, data, size);
	read_all(path, CARE_ENC_AUTO);
	read_all(path, CARE_ENC_UTF8);
	read_all(path, CARE_ENC_CP932);
	return 0;
}
