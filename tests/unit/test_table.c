/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for care_table: exact bytes of every format, and write errors. */
#include <config.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care_table.h"

/*
 * The fixture: Japanese cells, a numeric column, hostile cells and a
 * short row.
 */
static struct care_table *
fixture(void)
{
	static const char *const headers[] = { "市区町村", "事業", "件数" };
	struct care_table *t;

	t = care_table_new(3, headers);
	care_table_numeric(t, 2);
	care_table_cell(t, "調布市");
	care_table_cell(t, "出前講座");
	care_table_cellf(t, "%d", 12);
	care_table_end_row(t);
	care_table_cell(t, "府中市");
	care_table_cell(t, "=cmd");
	care_table_cellf(t, "%.1f", 3.5);
	care_table_end_row(t);
	care_table_cell(t, "a|b");
	care_table_cell(t, "quote\"");
	care_table_cell(t, "n/a");
	care_table_end_row(t);
	care_table_cell(t, "line\nbreak");
	care_table_end_row(t);
	return t;
}

/* Writes t in fmt and returns the bytes (free them). */
static char *
render(const struct care_table *t, enum care_table_format fmt,
    unsigned flags)
{
	char *buf;
	size_t len;
	FILE *fp;

	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(care_table_write(t, fp, fmt, flags), 0);
	fclose(fp);
	assert_int_equal(strlen(buf), len);
	return buf;
}

static const struct {
	enum care_table_format fmt;
	unsigned flags;
	const char *out;
} expected[] = {
	{ CARE_TABLE_CSV, 0,
	  "市区町村,事業,件数\n"
	  "調布市,出前講座,12\n"
	  "府中市,=cmd,3.5\n"
	  "a|b,\"quote\"\"\",n/a\n"
	  "\"line\nbreak\",,\n" },
	{ CARE_TABLE_CSV, CARE_TABLE_NEUTRALIZE | CARE_TABLE_NO_HEADER,
	  "調布市,出前講座,12\n"
	  "府中市,'=cmd,3.5\n"
	  "a|b,\"quote\"\"\",n/a\n"
	  "\"line\nbreak\",,\n" },
	{ CARE_TABLE_TSV, 0,
	  "市区町村\t事業\t件数\n"
	  "調布市\t出前講座\t12\n"
	  "府中市\t=cmd\t3.5\n"
	  "a|b\tquote\"\tn/a\n"
	  "line\\nbreak\t\t\n" },
	{ CARE_TABLE_TEXT, 0,
	  "市区町村     事業      件数\n"
	  "-----------  --------  ----\n"
	  "調布市       出前講座    12\n"
	  "府中市       =cmd       3.5\n"
	  "a|b          quote\"     n/a\n"
	  "line\\nbreak\n" },
	{ CARE_TABLE_TEXT, CARE_TABLE_NO_HEADER,
	  "調布市       出前講座   12\n"
	  "府中市       =cmd      3.5\n"
	  "a|b          quote\"    n/a\n"
	  "line\\nbreak\n" },
	{ CARE_TABLE_MD, 0,
	  "| 市区町村 | 事業 | 件数 |\n"
	  "|---|---|--:|\n"
	  "| 調布市 | 出前講座 | 12 |\n"
	  "| 府中市 | =cmd | 3.5 |\n"
	  "| a\\|b | quote\" | n/a |\n"
	  "| line<br>break |  |  |\n" },
	{ CARE_TABLE_MD, CARE_TABLE_NO_HEADER,
	  "|  |  |  |\n"
	  "|---|---|--:|\n"
	  "| 調布市 | 出前講座 | 12 |\n"
	  "| 府中市 | =cmd | 3.5 |\n"
	  "| a\\|b | quote\" | n/a |\n"
	  "| line<br>break |  |  |\n" },
	{ CARE_TABLE_JSON, 0,
	  "[\n"
	  "  {\"市区町村\": \"調布市\", \"事業\": \"出前講座\", "
	  "\"件数\": 12},\n"
	  "  {\"市区町村\": \"府中市\", \"事業\": \"=cmd\", \"件数\": 3.5},\n"
	  "  {\"市区町村\": \"a|b\", \"事業\": \"quote\\\"\", "
	  "\"件数\": \"n/a\"},\n"
	  "  {\"市区町村\": \"line\\nbreak\", \"事業\": \"\", \"件数\": null}\n"
	  "]\n" },
};

static void
test_formats(void **state)
{
	struct care_table *t;
	char *out;
	size_t i;

	(void)state;
	t = fixture();
	assert_int_equal(care_table_rows(t), 4);
	for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		out = render(t, expected[i].fmt, expected[i].flags);
		assert_string_equal(out, expected[i].out);
		free(out);
	}
	care_table_free(t);
}

static void
test_format_parse(void **state)
{
	static const struct {
		const char *name;
		int rc;
		enum care_table_format fmt;
	} cases[] = {
		{ "csv", 0, CARE_TABLE_CSV }, { "tsv", 0, CARE_TABLE_TSV },
		{ "table", 0, CARE_TABLE_TEXT }, { "text", 0, CARE_TABLE_TEXT },
		{ "md", 0, CARE_TABLE_MD }, { "json", 0, CARE_TABLE_JSON },
		{ "CSV", -1, CARE_TABLE_MD }, { "", -1, CARE_TABLE_MD },
		{ "markdown", -1, CARE_TABLE_MD }, { "js", -1, CARE_TABLE_MD },
	};
	enum care_table_format fmt;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fmt = CARE_TABLE_MD;
		assert_int_equal(care_table_format_parse(cases[i].name, &fmt),
		    cases[i].rc);
		assert_int_equal(fmt, cases[i].fmt);
	}
}

/* JSON: numbers only when valid, escapes, bad UTF-8, empty table. */
static void
test_json(void **state)
{
	static const char *const headers[] = { "v", "k\"\x01" };
	static const char *const nums[] = {
		"0", "-0", "12", "-3.25", "1e5", "2.5E-3", "1E+2",
		"01", "1.", ".5", "+1", "1e", "0x10", "1,000", " 1", "NaN",
		"-", "１２",
	};
	struct care_table *t;
	char *out;
	size_t i;

	(void)state;
	t = care_table_new(2, headers);
	care_table_numeric(t, 0);
	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		care_table_cell(t, nums[i]);
		care_table_end_row(t);
	}
	care_table_cell(t, "");
	care_table_cell(t, "\t\x1b[31m\\\r\b\f\x7f\xff\xe8\xaa");
	care_table_end_row(t);
	out = render(t, CARE_TABLE_JSON, CARE_TABLE_NO_HEADER);
	assert_string_equal(out,
	    "[\n"
	    "  {\"v\": 0, \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": -0, \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": 12, \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": -3.25, \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": 1e5, \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": 2.5E-3, \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": 1E+2, \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": \"01\", \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": \"1.\", \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": \".5\", \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": \"+1\", \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": \"1e\", \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": \"0x10\", \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": \"1,000\", \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": \" 1\", \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": \"NaN\", \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": \"-\", \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": \"１２\", \"k\\\"\\u0001\": \"\"},\n"
	    "  {\"v\": null, \"k\\\"\\u0001\": "
	    "\"\\t\\u001b[31m\\\\\\r\\b\\f\x7f\\ufffd\\ufffd\\ufffd\"}\n"
	    "]\n");
	free(out);
	care_table_free(t);

	t = care_table_new(1, headers);
	out = render(t, CARE_TABLE_JSON, 0);
	assert_string_equal(out, "[]\n");
	free(out);
	care_table_free(t);
}

/* Alignment overrides, extra cells, escapes and spaces in TEXT. */
static void
test_text(void **state)
{
	static const char *const headers[] = { "n", "名前", "x" };
	struct care_table *t;
	char *out;

	(void)state;
	t = care_table_new(3, headers);
	care_table_numeric(t, 0);
	care_table_align(t, 0, CARE_ALIGN_LEFT);
	care_table_align(t, 1, CARE_ALIGN_RIGHT);
	care_table_align(t, 7, CARE_ALIGN_RIGHT);	/* ignored */
	care_table_cell(t, "100");
	care_table_cell(t, "ｶﾅ");
	care_table_cell(t, "end  ");
	care_table_cell(t, "dropped");
	care_table_end_row(t);
	care_table_cell(t, "\x1b[2J");
	care_table_cell(t, "訪問看護");
	care_table_end_row(t);
	care_table_end_row(t);
	assert_int_equal(care_table_rows(t), 3);
	out = render(t, CARE_TABLE_TEXT, 0);
	assert_string_equal(out,
	    "n            名前  x\n"
	    "-------  --------  -----\n"
	    "100            ｶﾅ  end  \n"
	    "\\x1b[2J  訪問看護\n"
	    "\n");
	free(out);
	out = render(t, CARE_TABLE_CSV, 0);
	assert_string_equal(out,
	    "n,名前,x\n100,ｶﾅ,end  \n\x1b[2J,訪問看護,\n,,\n");
	free(out);
	care_table_free(t);
}

/* Small output fails at the flush, large output on the way: both seen. */
static void
test_write_error(void **state)
{
	static const enum care_table_format fmts[] = {
		CARE_TABLE_CSV, CARE_TABLE_TSV, CARE_TABLE_TEXT, CARE_TABLE_MD,
		CARE_TABLE_JSON,
	};
	struct care_table *t[2];
	FILE *fp;
	size_t i, j;
	int k;

	(void)state;
	t[0] = fixture();
	t[1] = fixture();
	for (k = 0; k < 20000; k++) {
		care_table_cellf(t[1], "row %d", k);
		care_table_end_row(t[1]);
	}
	for (j = 0; j < 2; j++) {
		for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
			fp = fopen("/dev/full", "w");
			assert_non_null(fp);
			errno = 0;
			assert_int_equal(care_table_write(t[j], fp, fmts[i], 0),
			    -1);
			assert_int_equal(errno, ENOSPC);
			fclose(fp);
		}
		care_table_free(t[j]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests_name("care_table", tests, NULL, NULL);
}
