/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for care_csv: every encoding over arbitrary bytes. */
#include <config.h>

#include <sys/mman.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care_csv.h"
#include "care_decode.h"
#include "care_err.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Checks what the reader promises of every record; abort() if broken. */
static void
check_record(const struct care_csv_record *rec, unsigned long *last)
{
	size_t i;
	int partial;

	if (rec->line == 0 || rec->end_line < rec->line ||
	    rec->line <= *last || rec->nfields > CARE_CSV_MAX_COLUMNS)
		abort();
	*last = rec->end_line;
	for (i = 0; i < rec->nfields; i++) {
		if (rec->fields[i][rec->lens[i]] != '\0')
			abort();
		if (rec->problem != CARE_CSV_OK)
			continue;
		/* A good record is UTF-8 without NUL, whatever came in. */
		if (memchr(rec->fields[i], '\0', rec->lens[i]) != NULL ||
		    care_decode_utf8_valid(rec->fields[i], rec->lens[i],
		    &partial) != rec->lens[i])
			abort();
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
	if (r < 0)
		abort();
	care_csv_close(csv);
}

/*
 * The input goes into a memfd, opened again through /proc so that the
 * reader sees a regular file by name, as it would in a program.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];

	if (fd < 0) {
		if ((fd = memfd_create("fuzz_csv", 0)) < 0)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		care_diag_setstream(fopen("/dev/null", "w"));
	}
	if (ftruncate(fd, 0) != 0 ||
	    pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	read_all(path, CARE_ENC_AUTO);
	read_all(path, CARE_ENC_UTF8);
	read_all(path, CARE_ENC_CP932);
	care_diag_reset();
	return 0;
}
