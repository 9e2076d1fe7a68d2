/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for care_long: versions, end lines, streams, origins. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "care_csv.h"
#include "care_err.h"
#include "care_long.h"
#include "capture.h"

/*
 * Reads text as a reader of long CSV does and returns 0, or -1 when the
 * streams are unusable; *rows counts the rows.
 */
static int
read_text(const char *text, unsigned long *rows)
{
	char path[] = "/tmp/test_long.XXXXXX";
	struct care_long_seg seg;
	struct care_csv_record r;
	struct care_csv *csv;
	unsigned long nrec = 0, last = 0;
	enum care_long_kind k;
	int fd, rc = 0;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	csv = care_csv_open(path, CARE_ENC_UTF8);
	assert_non_null(csv);
	care_long_seg_init(&seg, "t.csv");
	*rows = 0;
	while (rc == 0 && care_csv_read(csv, &r) == 1) {
		last = r.end_line;
		k = care_long_kind(&r, seg.version);
		if (k == CARE_LONG_HEADER)
			rc = care_long_seg_event(&seg, k, r.line,
			    (unsigned long)care_long_version(&r), nrec);
		else if (k == CARE_LONG_END)
			rc = care_long_seg_event(&seg, k, r.line,
			    (unsigned long)care_long_end_count(&r), nrec);
		else {
			rc = care_long_seg_row(&seg, r.line);
			nrec++;
			*rows += k == CARE_LONG_ROW;
		}
	}
	if (rc == 0)
		rc = care_long_seg_finish(&seg, last);
	care_csv_close(csv);
	unlink(path);
	return rc;
}

static void
test_whole_streams(void **state)
{
	unsigned long rows;

	(void)state;
	assert_int_equal(read_text(CARE_LONG_HEADER2
	    "s,1,A,q,1,raw.csv:2\ns,1,A,r,,\n#end,2,,,,\n", &rows), 0);
	assert_int_equal(rows, 2);
	/* Two streams, the second empty; version 1 needs no end line. */
	assert_int_equal(read_text(CARE_LONG_HEADER2 "s,1,A,q,1,r:2\n"
	    "#end,1,,,,\n" CARE_LONG_HEADER2 "#end,0,,,,\n", &rows), 0);
	assert_int_equal(read_text(CARE_LONG_HEADER1 "s,1,A,q,1\n"
	    CARE_LONG_HEADER1 "s,1,B,q,2\n", &rows), 0);
	assert_int_equal(rows, 2);
	assert_string_equal(captured(), "");
	/* A bad record counts as a record the writer wrote. */
	assert_int_equal(read_text(CARE_LONG_HEADER2 "s,1,A,q\n#end,1,,,,\n",
	    &rows), 0);
	assert_int_equal(rows, 0);
}

static void
test_cut_streams(void **state)
{
	unsigned long rows;

	(void)state;
	assert_int_equal(read_text(CARE_LONG_HEADER2 "s,1,A,q,1,r:2\n",
	    &rows), -1);
	assert_string_equal(captured(), "test_long: t.csv:2: error: the long "
	    "CSV begun on line 1 has no end line: the program that wrote it "
	    "did not finish, so none of it is used\n");
	recapture();
	assert_int_equal(read_text(CARE_LONG_HEADER2 "s,1,A,q,1,r:2\n"
	    CARE_LONG_HEADER2 "s,1,B,q,1,r:3\n#end,1,,,,\n", &rows), -1);
	assert_string_equal(captured(), "test_long: t.csv:3: error: the long "
	    "CSV begun on line 1 has no end line: the program that wrote it "
	    "did not finish, so none of it is used\n");
	recapture();
	assert_int_equal(read_text(CARE_LONG_HEADER2 "s,1,A,q,1,r:2\n"
	    "#end,2,,,,\n", &rows), -1);
	assert_string_equal(captured(), "test_long: t.csv:3: error: the end "
	    "line counts 2 records, but 1 were read since the header on line "
	    "1: the stream was cut or altered\n");
	recapture();
	assert_int_equal(read_text("", &rows), -1);
	assert_string_equal(captured(), "test_long: t.csv: error: empty "
	    "input: no long CSV header (did the program that wrote it "
	    "fail?)\n");
	recapture();
	assert_int_equal(read_text(CARE_LONG_HEADER2 "#end,0,,,,\n"
	    "s,1,A,q,1,\n", &rows), -1);
	assert_string_equal(captured(), "test_long: t.csv:3: error: a record "
	    "after the end line on line 2, without a header\n");
	recapture();
	assert_int_equal(read_text("a,b\n", &rows), -1);
	assert_string_equal(captured(), "test_long: t.csv:1: error: not long "
	    "CSV: the header must be 'source,wave,respondent,item,value,"
	    "origin'\n");
}

/* What is an end line, and where. */
static void
test_end_lines(void **state)
{
	unsigned long rows;

	(void)state;
	/* In version 1 an end line is a record of the wrong width. */
	assert_int_equal(read_text(CARE_LONG_HEADER1 "s,1,A,q,1\n"
	    "#end,1,,,,\n", &rows), 0);
	assert_int_equal(rows, 1);
	recapture();
	/* Malformed end lines are bad rows, so the stream has none. */
	assert_int_equal(read_text(CARE_LONG_HEADER2 "#end,x,,,,\n"
	    "#end,1,,,1,\n", &rows), -1);
	recapture();
	assert_int_equal(read_text(CARE_LONG_HEADER2 "#end,0,,,,\n"
	    "#end,0,,,,\n", &rows), -1);
	assert_string_equal(captured(), "test_long: t.csv:3: error: an end "
	    "line outside a stream (the last ended on line 2)\n");
}

static void
test_origins(void **state)
{
	struct care_long_files *fs = care_long_files_new();
	uint64_t a, b;

	(void)state;
	a = care_long_origin(fs, "needs-2025.csv:12", 17);
	assert_true(care_long_loc_raw(a));
	assert_string_equal(care_long_loc_file(fs, a), "needs-2025.csv");
	assert_int_equal(care_long_loc_line(a), 12);
	/* The line follows the last colon; the file may have colons. */
	b = care_long_origin(fs, "C:\\exports\\a:b.csv:7", 20);
	assert_string_equal(care_long_loc_file(fs, b), "C:\\exports\\a:b.csv");
	assert_int_equal(care_long_loc_line(b), 7);
	assert_int_equal(care_long_origin(fs, "", 0), 0);
	assert_int_equal(care_long_origin(fs, "a.csv", 5), 0);
	assert_int_equal(care_long_origin(fs, "a.csv:", 6), 0);
	assert_int_equal(care_long_origin(fs, "12", 2), 0);
	/* One file, one index. */
	assert_int_equal(care_long_origin(fs, "needs-2025.csv:12", 17), a);
	b = care_long_loc(fs, "long.csv", 8, 40, 0);
	assert_false(care_long_loc_raw(b));
	assert_string_equal(care_long_loc_file(fs, b), "long.csv");
	assert_int_equal(care_long_loc_line(b), 40);
	care_long_files_free(fs);
}

static void
test_seen(void **state)
{
	struct care_long_seen *sn = care_long_seen_new();
	struct care_long_files *fs = care_long_files_new();
	uint64_t h, a, b, first = 0;

	(void)state;
	a = care_long_origin(fs, "a.csv:2", 7);
	b = care_long_origin(fs, "b.csv:9", 7);
	h = care_long_key_hash("needs", 5, "2025", 4, "A1", 2);
	assert_int_not_equal(h, care_long_key_hash("needs", 5, "2025", 4,
	    "A", 1));
	assert_int_not_equal(care_long_key_hash("ab", 2, "c", 1, "", 0),
	    care_long_key_hash("a", 1, "bc", 2, "", 0));
	assert_int_equal(care_long_seen_add(sn, h, a, &first), CARE_LONG_NEW);
	assert_int_equal(care_long_seen_add(sn, h, b, &first),
	    CARE_LONG_TWICE);
	assert_int_equal(first, a);
	/* Rows without an origin belong to a record read earlier. */
	assert_int_equal(care_long_seen_add(sn, h, care_long_loc(fs, "l", 1,
	    5, 0), &first), CARE_LONG_APART);
	h = care_long_key_hash("needs", 5, "2025", 4, "A2", 2);
	assert_int_equal(care_long_seen_add(sn, h, care_long_loc(fs, "l", 1,
	    6, 0), &first), CARE_LONG_NEW);
	assert_int_equal(care_long_seen_add(sn, h, a, &first),
	    CARE_LONG_APART);
	assert_int_equal(care_long_seen_count(sn), 2);
	care_long_seen_free(sn);
	care_long_files_free(fs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_whole_streams,
		    capture_setup, capture_teardown),
		cmocka_unit_test_setup_teardown(test_cut_streams,
		    capture_setup, capture_teardown),
		cmocka_unit_test_setup_teardown(test_end_lines,
		    capture_setup, capture_teardown),
		cmocka_unit_test(test_origins),
		cmocka_unit_test(test_seen),
	};

	care_setprogname("test_long");
	return cmocka_run_group_tests_name("care_long", tests, NULL, NULL);
}
