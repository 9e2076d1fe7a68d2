/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for survey-ingest's engine: care_value, care_idset, care_ingest. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_codebook.h"
#include "care_err.h"
#include "care_idset.h"
#include "care_ingest.h"
#include "care_value.h"
#include "capture.h"


static struct care_codebook *
load(void)
{
	struct care_codebook *cb;

	cb = care_codebook_load(TEST_DATADIR "/ingest/needs.yaml");
	assert_non_null(cb);
	return cb;
}

/* item index, raw value, reason, state, normalised text, converted */
static const struct {
	size_t			 item;
	const char		*in;
	enum care_reason	 reason;
	enum care_value_state	 state;
	const char		*out;
	int			 converted;
	const char		*diag;
} values[] = {
	{ 0, "1", CARE_REASON_NONE, CARE_VALUE_ANSWER, "1", 0, "" },
	{ 0, "中央", CARE_REASON_NONE, CARE_VALUE_ANSWER, "1", 1, "" },
	{ 0, " ３ ", CARE_REASON_NONE, CARE_VALUE_ANSWER, "3", 0, "" },
	{ 0, "9", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 0, "", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 0, "7", CARE_REASON_BAD_CODE, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'area': '7' is not a code of area "
	  "(1, 2, 3)\n" },
	{ 1, "０７２", CARE_REASON_NONE, CARE_VALUE_ANSWER, "72", 0, "" },
	{ 1, "+80", CARE_REASON_NONE, CARE_VALUE_ANSWER, "80", 0, "" },
	{ 1, "64", CARE_REASON_OUT_OF_RANGE, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'age': '64' is out of range "
	  "(65 to 120)\n" },
	{ 1, "7.5", CARE_REASON_BAD_NUMBER, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'age': '7.5' is not an integer\n" },
	{ 5, "令和7年4月1日", CARE_REASON_NONE, CARE_VALUE_ANSWER,
	  "2025-04-01", 1, "" },
	{ 5, "2025-04-01", CARE_REASON_NONE, CARE_VALUE_ANSWER, "2025-04-01",
	  0, "" },
	{ 5, "２０２５/６/１　１０：２３：４５", CARE_REASON_NONE,
	  CARE_VALUE_ANSWER, "2025-06-01", 1, "" },
	{ 5, "H31.5.1", CARE_REASON_NONE, CARE_VALUE_ANSWER, "2019-05-01", 1,
	  "t: f.csv:5: warning: item 'visit': 'H31.5.1' is past the end of "
	  "its era; read as 2019-05-01\n" },
	{ 5, "2025/2/30", CARE_REASON_BAD_DATE, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'visit': '2025/2/30' is not a valid date: "
	  "no such day\n" },
	{ 6, "なし", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 6, "9", CARE_REASON_NONE, CARE_VALUE_ANSWER, "9", 0, "" },
	{ 6, "ｶﾞ①", CARE_REASON_NONE, CARE_VALUE_ANSWER, "ｶﾞ①", 0, "" },
	{ 7, "０３−１２３４−５６７８", CARE_REASON_NONE, CARE_VALUE_ANSWER,
	  "03-1234-5678", 0, "" },
	{ 7, "3-1234-5678", CARE_REASON_BAD_PHONE, CARE_VALUE_NOANSWER, "",
	  0, "t: f.csv:5: error: item 'tel': '3-1234-5678' is not a phone "
	  "number (10 or 11 digits starting with 0)\n" },
	{ 8, "〒1820022", CARE_REASON_NONE, CARE_VALUE_ANSWER, "182-0022", 0,
	  "" },
	{ 8, "182-002", CARE_REASON_BAD_POSTAL, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'zip': '182-002' is not a postal code "
	  "(NNN-NNNN)\n" },
	{ 9, "-0.5", CARE_REASON_OUT_OF_RANGE, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'w': '-0.5' is out of range "
	  "(at least 0)\n" },
	{ 9, "1.25", CARE_REASON_NONE, CARE_VALUE_ANSWER, "1.25", 0, "" },
	/* Thousands separators as Excel writes them. */
	{ 9, "1,234.5", CARE_REASON_NONE, CARE_VALUE_ANSWER, "1234.5", 1, "" },
	{ 9, "１，２３４，５６７", CARE_REASON_NONE, CARE_VALUE_ANSWER,
	  "1234567", 1, "" },
	{ 9, "12,34", CARE_REASON_BAD_NUMBER, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'w': '12,34' is not a number\n" },
	{ 9, "1234,567", CARE_REASON_BAD_NUMBER, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'w': '1234,567' is not a number\n" },
	{ 9, ",123", CARE_REASON_BAD_NUMBER, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'w': ',123' is not a number\n" },
	{ 9, "-1,000", CARE_REASON_OUT_OF_RANGE, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'w': '-1,000' is out of range "
	  "(at least 0)\n" },
	{ 1, "1,00", CARE_REASON_BAD_NUMBER, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'age': '1,00' is not an integer\n" },
	{ 10, "0123456789", CARE_REASON_NONE, CARE_VALUE_ANSWER, "0123456789",
	  0, "" },
	{ 10, "０１２３４５６７８９", CARE_REASON_NONE, CARE_VALUE_ANSWER,
	  "0123456789", 0, "" },
	{ 10, "123456789", CARE_REASON_BAD_DIGITS, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'office': '123456789' has 9 digits, not "
	  "10\n" },
	{ 10, "01234-5678", CARE_REASON_BAD_DIGITS, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'office': '01234-5678' is not a string of "
	  "digits\n" },
	/*
	 * Missing codes 9 and 99: every spelling of the number is no
	 * answer in integer and number items; a code item takes only
	 * codes, compared as text.
	 */
	{ 1, "+9", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 1, "＋９", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 1, "９", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 1, "09", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 1, "9.0", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 1, "+099", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 1, "-9", CARE_REASON_OUT_OF_RANGE, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'age': '-9' is out of range "
	  "(65 to 120)\n" },
	{ 9, "9", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 9, "＋９", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 9, "09", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 9, "9.0", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 9, "+9.00", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 9, "9.01", CARE_REASON_NONE, CARE_VALUE_ANSWER, "9.01", 0, "" },
	{ 0, "+9", CARE_REASON_BAD_CODE, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'area': '+9' is not a code of area "
	  "(1, 2, 3)\n" },
	{ 0, "09", CARE_REASON_BAD_CODE, CARE_VALUE_NOANSWER, "", 0,
	  "t: f.csv:5: error: item 'area': '09' is not a code of area "
	  "(1, 2, 3)\n" },
	{ 0, "９", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	/* A number is written in one form, the form missing codes take. */
	{ 9, "+01.50", CARE_REASON_NONE, CARE_VALUE_ANSWER, "1.5", 0, "" },
	{ 9, "2.0", CARE_REASON_NONE, CARE_VALUE_ANSWER, "2", 0, "" },
	{ 9, "-0.0", CARE_REASON_NONE, CARE_VALUE_ANSWER, "0", 0, "" },
	{ 9, "0,012.50", CARE_REASON_NONE, CARE_VALUE_ANSWER, "12.5", 1, "" },
	{ 9, "100", CARE_REASON_NONE, CARE_VALUE_ANSWER, "100", 0, "" },
	/* Text: missing code ナシ is no answer half-width too. */
	{ 6, "ﾅｼ", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 6, " ナシ ", CARE_REASON_NONE, CARE_VALUE_NOANSWER, "", 0, "" },
	{ 6, "ﾅｼです", CARE_REASON_NONE, CARE_VALUE_ANSWER, "ﾅｼです", 0, "" },
};

static void
test_values(void **state)
{
	struct care_codebook *cb = load();
	struct care_buf arena = CARE_BUF_INIT, scratch = CARE_BUF_INIT;
	struct care_value_where at = { "f.csv", 5, CARE_DIAG_ERROR, NULL,
	    0 };
	struct care_value v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		capture();
		care_buf_clear(&arena);
		assert_int_equal(care_value_check(cb, &cb->items[values[i].item],
		    values[i].in, strlen(values[i].in), &arena, &scratch, &at,
		    &v), values[i].reason);
		assert_int_equal(v.state, values[i].state);
		if (v.state == CARE_VALUE_ANSWER) {
			assert_int_equal(v.len, strlen(values[i].out));
			assert_memory_equal(care_value_text(&v, &arena),
			    values[i].out, strlen(values[i].out));
		}
		assert_int_equal(v.converted, values[i].converted);
		assert_string_equal(captured(),
		    values[i].diag);
		release();
	}
	care_buf_free(&arena);
	care_buf_free(&scratch);
	care_codebook_free(cb);
}

static void
test_multi(void **state)
{
	static const struct {
		const char	*in;
		uint64_t	 mask;
	} cases[] = {
		{ "1;3", 5 }, { "１，３", 5 }, { "3・1", 5 }, { "2、3", 6 },
		{ "病院", 2 }, { " 1 ; 2 ", 3 }, { "9", 0 }, { "1;4", 0 }
	};
	struct care_codebook *cb = load();
	struct care_buf arena = CARE_BUF_INIT, scratch = CARE_BUF_INIT;
	struct care_value_where at = { "f.csv", 2, CARE_DIAG_ERROR, NULL,
	    0 };
	struct care_value v;
	size_t i;

	(void)state;
	capture();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		care_value_check(cb, &cb->items[3], cases[i].in,
		    strlen(cases[i].in), &arena, &scratch, &at, &v);
		assert_int_equal(v.mask, cases[i].mask);
	}
	assert_string_equal(captured(), "t: f.csv:2: error: item 'q6': '4' "
	    "is not a code of q6 (1, 2, 3)\n");
	release();
	care_buf_free(&arena);
	care_buf_free(&scratch);
	care_codebook_free(cb);
}

/* exclusive and max_picks, for delimited codes and for 0/1 columns. */
static void
test_multi_rules(void **state)
{
	static const struct {
		const char	*in;
		enum care_reason r;
		uint64_t	 mask;
	} cases[] = {
		{ "1;2", CARE_REASON_NONE, 3 },
		{ "8", CARE_REASON_NONE, 8 },
		{ "特にいない", CARE_REASON_NONE, 8 },
		{ "1;8", CARE_REASON_BAD_CHOICE, 0 },
		{ "1;2;3", CARE_REASON_BAD_CHOICE, 0 },
		{ "2;2", CARE_REASON_NONE, 2 },
	};
	static const char *const cols[] = { "0", "1", NULL, "1" };
	static const size_t lens[] = { 1, 1, 0, 1 };
	struct care_codebook *cb = load();
	struct care_buf arena = CARE_BUF_INIT, scratch = CARE_BUF_INIT;
	struct care_value_where at = { "f.csv", 2, CARE_DIAG_ERROR, NULL,
	    0 };
	struct care_cb_item *it = &cb->items[11];
	struct care_value v;
	size_t i;

	(void)state;
	assert_string_equal(it->name, "talk");
	capture();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(care_value_check(cb, it, cases[i].in,
		    strlen(cases[i].in), &arena, &scratch, &at, &v),
		    cases[i].r);
		assert_int_equal(v.mask, cases[i].mask);
	}
	assert_string_equal(captured(), "t: f.csv:2: error: item 'talk': "
	    "'1;8' chosen with a code that is chosen alone\n"
	    "t: f.csv:2: error: item 'talk': '1;2;3' is 3 choices, more "
	    "than 2\n");
	release();
	/* As 0/1 columns: 医師 and 特にいない marked. */
	it = &cb->items[12];
	capture();
	assert_int_equal(care_value_check_columns(cb, it, cols, lens,
	    &scratch, &at, &v), CARE_REASON_BAD_CHOICE);
	assert_string_equal(captured(), "t: f.csv:2: error: item 'talk2': "
	    "'2;8' chosen with a code that is chosen alone\n");
	release();
	care_buf_free(&arena);
	care_buf_free(&scratch);
	care_codebook_free(cb);
}

static void
test_idset(void **state)
{
	struct care_idset *set = care_idset_new();
	char id[16];
	int i;

	(void)state;
	for (i = 0; i < 100000; i++) {
		snprintf(id, sizeof(id), "R%07d", i);
		assert_int_equal(care_idset_add(set, id, strlen(id)), 1);
	}
	assert_int_equal(care_idset_add(set, "R0000042", 8), 0);
	assert_int_equal(care_idset_add(set, "R0100000", 8), 1);
	assert_int_equal(care_idset_count(set), 100001);
	/* the documented bound: at most 16 bytes per id */
	assert_true(care_idset_bytes(set) <= 16 * care_idset_count(set));
	assert_int_not_equal(care_idset_hash("", 0), 0);
	care_idset_free(set);
}

/* Values stay with their ids as the tables grow. */
static void
test_idset_values(void **state)
{
	struct care_idset *set = care_idset_new_values();
	uint64_t first = 0;
	char id[16];
	int i;

	(void)state;
	for (i = 0; i < 100000; i++) {
		snprintf(id, sizeof(id), "R%07d", i);
		assert_int_equal(care_idset_put(set, care_idset_hash(id,
		    strlen(id)), (uint64_t)i * 3 + 1, &first), 1);
	}
	/* Made larger at once, the set keeps its ids and values. */
	care_idset_reserve(set, 400000);
	assert_true(care_idset_bytes(set) >= 16 * 400000);
	for (i = 0; i < 100000; i += 997) {
		snprintf(id, sizeof(id), "R%07d", i);
		assert_int_equal(care_idset_put(set, care_idset_hash(id,
		    strlen(id)), 7, &first), 0);
		assert_int_equal(first, (uint64_t)i * 3 + 1);
	}
	assert_int_equal(care_idset_count(set), 100000);
	care_idset_free(set);
}

static void
test_ingest_long(void **state)
{
	/* Version 2: the origin on each record's first row, an end line. */
	static const char want[] =
	    "source,wave,respondent,item,value,origin\n"
	    "needs,W1,A1,area,1," TEST_DATADIR "/ingest/small.csv:2\n"
	    "needs,W1,A1,age,70,\nneeds,W1,A1,q5,1,\n"
	    "needs,W1,A1,q6,1,\nneeds,W1,A1,q6,3,\nneeds,W1,A1,q7,1,\n"
	    "needs,W1,A1,q7,2,\n"
	    "needs,W1,A2,area,2," TEST_DATADIR "/ingest/small.csv:3\n"
	    "needs,W1,A2,age,66,\nneeds,W1,A2,q5,2,\n"
	    "needs,W1,A2,q7,,\n#end,11,,,,\n";
	struct care_codebook *cb = load();
	struct care_ingest_opts o;
	struct care_ingest_stats st;
	struct care_ingest *ing;
	char *out, sum[128];
	size_t outlen;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.cb = cb;
	o.wave = "W1";
	o.out = open_memstream(&out, &outlen);
	capture();
	ing = care_ingest_new(&o);
	assert_int_equal(care_ingest_file(ing, TEST_DATADIR
	    "/ingest/small.csv", &st), 0);
	assert_int_equal(care_ingest_finish(ing), 0);
	assert_int_equal(care_ingest_end(ing), 0);
	care_ingest_free(ing);
	fclose(o.out);
	assert_string_equal(out, want);
	assert_int_equal(st.records, 3);
	assert_int_equal(st.written + st.rejected, st.records);
	care_ingest_summary(&st, "r.csv", sum, sizeof(sum));
	assert_string_equal(sum, "3 records, 2 written, 1 rejected (r.csv), "
	    "1 values converted");
	assert_non_null(strstr(captured(), "small.csv:4: error: respondent "
	    "'A1': duplicate id (first on line 2)\n"));
	release();
	free(out);
	care_codebook_free(cb);
}

/* Writes s to a new temporary file; returns its path. */
static char *
temp_file(const char *s)
{
	char *path = strdup("/tmp/test_ingest.XXXXXX");
	int fd;
	FILE *fp;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(s, fp);
	fclose(fp);
	return path;
}

/*
 * One rejects file for several inputs: a file with the same columns in
 * another order has its rejects put in the first one's order; a file
 * with other columns cannot put any there.
 */
static void
test_rejects_layouts(void **state)
{
	static const char want[] = "\xef\xbb\xbf"
	    "line,reason,回答者ID,圏域,年齢,かかりつけ医の有無,"
	    "かかりつけ医の種類,外来受診,訪問診療\n"
	    "4,duplicate-id,A1,1,70,1,1,1,0\n"
	    "3,bad-code,B2,7,66,2,,0,0\n";
	struct care_codebook *cb = load();
	struct care_ingest_opts o;
	struct care_ingest_stats st;
	struct care_ingest *ing;
	char *out, *rej, *moved, *other;
	size_t outlen, rejlen;

	(void)state;
	moved = temp_file("年齢,回答者ID,訪問診療,外来受診,かかりつけ医の種類,"
	    "かかりつけ医の有無,圏域\n70,B1,0,1,1,1,1\n66,B2,0,0,,2,7\n");
	other = temp_file("回答者ID,圏域,年齢,かかりつけ医の有無\n"
	    "C1,1,70,1\nC2,8,70,1\n");
	memset(&o, 0, sizeof(o));
	o.cb = cb;
	o.wave = "W1";
	o.out = open_memstream(&out, &outlen);
	o.rejects = open_memstream(&rej, &rejlen);
	capture();
	ing = care_ingest_new(&o);
	assert_int_equal(care_ingest_file(ing, TEST_DATADIR
	    "/ingest/small.csv", &st), 0);
	assert_int_equal(care_ingest_file(ing, moved, &st), 0);
	assert_int_equal(st.rejected, 1);
	assert_int_equal(care_ingest_file(ing, other, &st), -1);
	assert_non_null(strstr(captured(), ":3: error: cannot keep the "
	    "rejected record: the rejects file has the columns of '"
	    TEST_DATADIR "/ingest/small.csv', and this file has others"));
	assert_int_equal(care_diag_getrc(), CARE_EXIT_TROUBLE);
	assert_int_equal(care_ingest_finish(ing), 0);
	care_ingest_free(ing);
	fclose(o.out);
	fclose(o.rejects);
	assert_string_equal(rej, want);
	release();
	unlink(moved);
	unlink(other);
	free(moved);
	free(other);
	free(out);
	free(rej);
	care_codebook_free(cb);
}

/* A skip rule of several conditions: all must hold. */
static void
test_asked_all(void **state)
{
	static const char yaml[] =
	    "source: s\nwave: W\nid: {column: ID}\nitems:\n"
	    "  - {name: a, type: code, codes: {1: x, 2: y}}\n"
	    "  - {name: b, type: code, codes: {1: x, 2: y}}\n"
	    "  - {name: c, type: text, asked_if: [{item: a, in: [1]}, "
	    "{item: b, in: [1]}]}\n";
	static const char want[] =
	    "source,wave,respondent,item,value,origin\n"
	    "s,W,R1,a,1,%s:2\ns,W,R1,b,1,\ns,W,R1,c,t,\n"
	    "s,W,R4,a,1,%s:5\ns,W,R4,b,,\ns,W,R4,c,t,\n"
	    "s,W,R5,a,1,%s:6\ns,W,R5,b,2,\n";
	struct care_codebook *cb;
	struct care_ingest_opts o;
	struct care_ingest_stats st;
	struct care_ingest *ing;
	char *out, *csv, *expect;
	size_t outlen;

	(void)state;
	cb = care_codebook_load_mem("t.yaml", yaml, sizeof(yaml) - 1);
	assert_non_null(cb);
	assert_int_equal(cb->items[2].nasked, 2);
	assert_string_equal(cb->items[2].asked_text, "a is 1 and b is 1");
	csv = temp_file("ID,a,b,c\nR1,1,1,t\nR2,1,2,t\nR3,2,,t\nR4,1,,t\n"
	    "R5,1,2,\n");
	memset(&o, 0, sizeof(o));
	o.cb = cb;
	o.out = open_memstream(&out, &outlen);
	capture();
	ing = care_ingest_new(&o);
	assert_int_equal(care_ingest_file(ing, csv, &st), 0);
	assert_int_equal(care_ingest_finish(ing), 0);
	care_ingest_free(ing);
	fclose(o.out);
	expect = care_asprintf(want, csv, csv, csv);
	assert_string_equal(out, expect);
	free(expect);
	assert_int_equal(st.rejected, 2);
	assert_non_null(strstr(captured(), ":3: error: respondent 'R2': item "
	    "'c': 't' answered, but it is asked only if a is 1 and b is 1\n"));
	release();
	unlink(csv);
	free(csv);
	free(out);
	care_codebook_free(cb);
}

/*
 * A diagnostic about a record names its respondent, as normalised and
 * escaped like all data, when the record has an id.
 */
static void
test_where_id(void **state)
{
	struct care_codebook *cb = load();
	struct care_buf arena = CARE_BUF_INIT, scratch = CARE_BUF_INIT;
	struct care_value_where at = { "f.csv", 7, CARE_DIAG_ERROR, "B\x1b[2J",
	    5 };
	struct care_value v;

	(void)state;
	capture();
	care_value_check(cb, &cb->items[0], "7", 1, &arena, &scratch, &at, &v);
	at.id = "R1";
	at.idlen = 2;
	at.level = CARE_DIAG_WARN;
	care_value_check(cb, &cb->items[5], "H31.5.1", 7, &arena, &scratch,
	    &at, &v);
	care_value_check_columns(cb, &cb->items[12],
	    (const char *const []){ "1", "0", "0", "1" },
	    (const size_t []){ 1, 1, 1, 1 }, &scratch, &at, &v);
	at.id = NULL;
	care_value_check(cb, &cb->items[1], "7.5", 3, &arena, &scratch, &at,
	    &v);
	assert_string_equal(captured(),
	    "t: f.csv:7: error: respondent 'B\\x1b[2J': item 'area': '7' is "
	    "not a code of area (1, 2, 3)\n"
	    "t: f.csv:7: warning: respondent 'R1': item 'visit': 'H31.5.1' is "
	    "past the end of its era; read as 2019-05-01\n"
	    "t: f.csv:7: warning: respondent 'R1': item 'talk2': '1;8' chosen "
	    "with a code that is chosen alone\n"
	    "t: f.csv:7: warning: item 'age': '7.5' is not an integer\n");
	release();
	care_buf_free(&arena);
	care_buf_free(&scratch);
	care_codebook_free(cb);
}

/*
 * Every diagnostic about a record names the respondent, except where
 * the record has no id of its own (none in its column, or generated).
 */
static void
test_ingest_respondent(void **state)
{
	static const char yaml[] =
	    "source: s\nwave: W\nid: {column: ID}\nitems:\n"
	    "  - {name: a, type: code, codes: {1: x, 2: y}}\n"
	    "  - {name: b, type: integer, asked_if: {item: a, in: [1]}}\n";
	struct care_codebook *cb;
	struct care_ingest_opts o;
	struct care_ingest_stats st;
	struct care_ingest *ing;
	char *csv, *csv2;

	(void)state;
	cb = care_codebook_load_mem("t.yaml", yaml, sizeof(yaml) - 1);
	assert_non_null(cb);
	csv = temp_file("ID,a,b\nＲ１,2,5\n,7,\nR2,1,x\nR1,1,1\n");
	csv2 = temp_file("ID,a,b\nR2,1,1\nR1,1,1\n");
	memset(&o, 0, sizeof(o));
	o.cb = cb;
	o.out = fopen("/dev/null", "w");
	capture();
	ing = care_ingest_new(&o);
	assert_int_equal(care_ingest_file(ing, csv, &st), 0);
	assert_int_equal(care_ingest_file(ing, csv2, &st), 0);
	assert_int_equal(care_ingest_finish(ing), 0);
	care_ingest_free(ing);
	fclose(o.out);
	assert_non_null(strstr(captured(), ":2: error: respondent 'R1': "
	    "item 'b': '5' answered, but it is asked only if a is 1\n"));
	assert_non_null(strstr(captured(), ":3: error: no id in column 'ID'\n"
	    "t: "));
	assert_non_null(strstr(captured(), ":3: error: item 'a': '7' is not "
	    "a code of a (1, 2)\n"));
	assert_non_null(strstr(captured(), ":4: error: respondent 'R2': "
	    "item 'b': 'x' is not an integer\n"));
	/* The first R1 was rejected: the R1 written is the first. */
	assert_null(strstr(captured(), ":5: error:"));
	assert_non_null(strstr(captured(), ":3: error: respondent 'R1': "
	    "duplicate id (first on line 5 of '"));
	release();
	unlink(csv);
	unlink(csv2);
	free(csv);
	free(csv2);
	care_codebook_free(cb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_multi),
		cmocka_unit_test(test_multi_rules),
		cmocka_unit_test(test_idset),
		cmocka_unit_test(test_idset_values),
		cmocka_unit_test(test_ingest_long),
		cmocka_unit_test(test_rejects_layouts),
		cmocka_unit_test(test_asked_all),
		cmocka_unit_test(test_where_id),
		cmocka_unit_test(test_ingest_respondent),
	};

	care_setprogname("t");
	return cmocka_run_group_tests_name("care_ingest", tests, NULL, NULL);
}
