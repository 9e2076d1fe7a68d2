/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for care_codebook: loading, checking and code lookup. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care_codebook.h"
#include "care_err.h"
#include "capture.h"

/* Diagnostics captured for assertions. */

static struct care_codebook *
load_good(void)
{
	struct care_codebook *cb;

	cb = care_codebook_load(TEST_DATADIR "/codebook/good.yaml");
	assert_non_null(cb);
	return cb;
}

static void
test_good(void **state)
{
	struct care_codebook *cb = load_good();

	(void)state;
	assert_string_equal(cb->source, "needs");
	assert_string_equal(cb->wave, "2025");
	assert_int_equal(cb->nitems, 10);
	assert_int_equal(cb->id_headers.n, 2);
	assert_string_equal(cb->id_headers.s[1], "ID");
	assert_int_equal(cb->items[0].type, CARE_CB_CODE);
	assert_int_equal(cb->items[0].role, CARE_CB_ROLE_GROUP);
	assert_true(cb->items[0].required);
	assert_string_equal(cb->items[0].codelist, "1, 2, 3");
	assert_string_equal(cb->items[1].headers.s[1], "満年齢");
	assert_string_equal(cb->items[1].range, "65 to 120");
	assert_int_equal(cb->items[3].nasked, 1);
	assert_int_equal(cb->items[3].asked[0].item, 2);
	assert_int_equal(cb->items[3].asked[0].mask, 1);
	assert_string_equal(cb->items[3].asked_text, "q5 is 1");
	assert_int_equal(cb->items[4].columns.n, 2);
	assert_string_equal(cb->items[4].columns.s[1], "訪問診療");
	assert_int_equal(cb->items[4].headers.n, 0);
	/* header defaults to the name */
	assert_string_equal(cb->items[5].headers.s[0], "回答日");
	assert_int_equal(cb->items[6].max_length, 20);
	assert_int_equal(cb->items[9].role, CARE_CB_ROLE_WEIGHT);
	assert_string_equal(cb->items[9].range, "at least 0");
	care_codebook_free(cb);
}

static void
test_lookup(void **state)
{
	static const struct {
		const char	*in;
		long		 code;
		int		 by_label;
	} cases[] = {
		{ "1", 0, 0 }, { "3", 2, 0 }, { "4", -1, 0 }, { "01", -1, 0 },
		{ "中央", 0, 1 }, { "南部", 2, 1 }, { "東部", -1, 0 },
		{ "中央圏域", 0, 1 },
		{ "", -1, 0 }, { "1000", -1, 0 }
	};
	struct care_codebook *cb = load_good();
	size_t i;
	int by;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(care_codebook_code(&cb->items[0], cases[i].in,
		    strlen(cases[i].in), &by), cases[i].code);
		assert_int_equal(by, cases[i].by_label);
	}
	care_codebook_free(cb);
}

static void
test_missing(void **state)
{
	struct care_codebook *cb = load_good();

	(void)state;
	assert_true(care_codebook_is_missing(cb, &cb->items[0], "9", 1));
	assert_true(care_codebook_is_missing(cb, &cb->items[1], "99", 2));
	assert_false(care_codebook_is_missing(cb, &cb->items[0], "8", 1));
	/* global codes do not apply to text; its own do */
	assert_false(care_codebook_is_missing(cb, &cb->items[6], "9", 1));
	assert_true(care_codebook_is_missing(cb, &cb->items[6], "なし",
	    strlen("なし")));
	/* In a number item, as numbers; in a code item, as text. */
	assert_true(care_codebook_is_missing(cb, &cb->items[1], "+99", 3));
	assert_true(care_codebook_is_missing(cb, &cb->items[1], "099", 3));
	assert_true(care_codebook_is_missing(cb, &cb->items[1], "99.00", 5));
	assert_true(care_codebook_is_missing(cb, &cb->items[1], "+9", 2));
	assert_false(care_codebook_is_missing(cb, &cb->items[1], "-9", 2));
	assert_false(care_codebook_is_missing(cb, &cb->items[1], "9.5", 3));
	assert_false(care_codebook_is_missing(cb, &cb->items[0], "+9", 2));
	assert_false(care_codebook_is_missing(cb, &cb->items[0], "09", 2));
	care_codebook_free(cb);
}

/* The one form a number is written in. */
static void
test_number(void **state)
{
	static const struct {
		const char	*in;
		int		 integer;
		const char	*out;	/* NULL: not a number */
		int		 grouped;
	} cases[] = {
		{ "9", 1, "9", 0 }, { "+9", 1, "9", 0 }, { "009", 1, "9", 0 },
		{ "-0", 1, "0", 0 }, { "-012", 1, "-12", 0 },
		{ "100", 1, "100", 0 }, { "9.0", 1, NULL, 0 },
		{ "9.0", 0, "9", 0 }, { "+9.50", 0, "9.5", 0 },
		{ "0.05", 0, "0.05", 0 }, { "-0.00", 0, "0", 0 },
		{ "10.0", 0, "10", 0 }, { "1,234", 1, "1234", 1 },
		{ "-1,234.50", 0, "-1234.5", 1 }, { "12,34", 0, NULL, 0 },
		{ ".5", 0, NULL, 0 }, { "5.", 0, NULL, 0 }, { "", 0, NULL, 0 },
		{ "+", 0, NULL, 0 }, { "1e3", 0, NULL, 0 },
		{ "９", 0, NULL, 0 },
	};
	char out[64];
	size_t i, len;
	int grouped;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		len = care_codebook_number(cases[i].in, strlen(cases[i].in),
		    cases[i].integer, out, sizeof(out), &grouped);
		if (cases[i].out == NULL) {
			assert_int_equal(len, 0);
			continue;
		}
		assert_int_equal(len, strlen(cases[i].out));
		assert_string_equal(out, cases[i].out);
		assert_int_equal(grouped, cases[i].grouped);
	}
	/* A form that does not fit is not a number. */
	assert_int_equal(care_codebook_number("12345", 5, 1, out, 5,
	    &grouped), 0);
	assert_int_equal(care_codebook_number("12345", 5, 1, out, 6,
	    &grouped), 5);
}

/* Each broken codebook and the exact diagnostics it gives. */
static void
test_errors(void **state)
{
	static const struct {
		const char	*yaml;
		const char	*diag;
	} cases[] = {
		{ "source: s\nid: {column: ID}\nitems:\n"
		  "  - {name: a, type: code, codes: {1: x}, reqired: true}\n",
		  "t: t.yaml:4:42: error: unknown key 'reqired'; "
		  "did you mean 'required'?\n" },
		{ "source: s\nid: {column: ID}\nitems:\n"
		  "  - {name: a, type: code, codes: {1: x, 2: '1'}}\n",
		  "t: t.yaml:4:44: error: label '1' is also a code\n" },
		{ "source: s\nid: {column: ID}\nitems:\n"
		  "  - {name: a, type: code, codes: {1: x, 2: [y, '1']}}\n",
		  "t: t.yaml:4:48: error: label '1' is also a code\n" },
		{ "source: s\nid: {column: ID}\nitems:\n"
		  "  - {name: a, type: code, codes: {1: [x, y], 2: [z, y]}}\n",
		  "t: t.yaml:4:53: error: label 'y' given twice\n" },
		{ "source: s\nid: {column: ID}\nitems:\n"
		  "  - {name: a, type: multi, codes: {'1;2': x}}\n",
		  "t: t.yaml:4:36: error: code '1;2' of a multi item "
		  "contains a separator\n" },
		{ "source: s\nid: {column: ID}\nitems:\n"
		  "  - {name: b, type: code, codes: {1: x}}\n"
		  "  - {name: a, type: text, asked_if: {item: b, in: [3]}}\n",
		  "t: t.yaml:5:51: error: asked_if: '3' is not a code of b "
		  "(1)\n" },
		{ "source: s\nid: {column: ID}\nitems:\n"
		  "  - {name: a, type: text, role: weight}\n",
		  "t: t.yaml:4:5: error: item 'a': a weight must be a number "
		  "or integer item\n" },
		{ "source: s\nid: {column: ID}\nitems:\n"
		  "  - {name: a, type: code, codes: {1: x}, missing: [1]}\n",
		  "t: t.yaml:4:51: error: item 'a': missing code '1' is also "
		  "a code\n" },
		{ "source: s\nid: {}\nitems:\n  - {name: a, type: date}\n",
		  "t: t.yaml:2:5: error: id: give 'column' or "
		  "'generate: true'\n" },
		{ "source: s\nid: {column: ID}\nitems:\n"
		  "  - {name: a, type: multi, codes: {1: x}, exclusive: [2]}\n",
		  "t: t.yaml:4:54: error: item 'a': exclusive: '2' is not a "
		  "code of a (1)\n" },
		{ "source: s\nid: {column: ID}\nitems:\n"
		  "  - {name: a, type: code, codes: {1: x}, max_picks: 2}\n",
		  "t: t.yaml:4:53: error: item 'a': code items take no "
		  "'max_picks'\n" },
		{ "source: s\nid: {column: ID}\nitems:\n"
		  "  - {name: a, type: text, length: 3}\n",
		  "t: t.yaml:4:35: error: item 'a': text items take no "
		  "'length'\n" },
		{ "source: s\nid: {column: ID}\nitems:\n"
		  "  - {name: a, type: integer, max_length: 3}\n",
		  "t: t.yaml:4:42: error: item 'a': integer items take no "
		  "'max_length'\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		capture();
		assert_null(care_codebook_load_mem("t.yaml", cases[i].yaml,
		    strlen(cases[i].yaml)));
		assert_string_equal(captured(), cases[i].diag);
		release();
	}
}

/*
 * Malformed codebooks: a value of the wrong YAML type, a null or empty
 * value, an item that failed to load and items after it that refer to
 * it.  Each gives its errors, all of them, and nothing else: no crash,
 * no error that only follows from an earlier one.
 */
#define TOP	"source: s\nid: {column: ID}\nitems:\n"
static void
test_malformed(void **state)
{
	static const struct {
		const char	*yaml;
		const char	*diag;
	} cases[] = {
		/* An item that is not a map, then one with a name. */
		{ TOP "  - name q1\n  - name: q2\n",
		  "t: t.yaml:4:5: error: item: expected a map, not a scalar\n"
		  "t: t.yaml:5:5: error: missing required key 'type' in "
		  "item\n" },
		{ TOP "  - [name, q1]\n  - {name: q2, type: text}\n",
		  "t: t.yaml:4:5: error: item: expected a map, not a "
		  "sequence\n" },
		{ TOP "  -\n  - {name: q2, type: text}\n",
		  "t: t.yaml:4:4: error: item: expected a map, not a "
		  "scalar\n" },
		{ TOP "  - name q1\n"
		  "  - {name: q2, type: text, asked_if: {item: q1, in: [1]}}\n",
		  "t: t.yaml:4:5: error: item: expected a map, not a scalar\n"
		  "t: t.yaml:5:45: error: asked_if: 'q1' is not an item "
		  "declared before 'q2'\n" },
		/* asked_if on an item whose type or codes did not load. */
		{ TOP "  - {name: q1, type: cod, codes: {1: a}}\n"
		  "  - {name: q2, type: text, asked_if: {item: q1, in: [1]}}\n",
		  "t: t.yaml:4:22: error: type: 'cod' is not one of: code, "
		  "multi, integer, number, date, text, phone, postal, digits; "
		  "did you mean 'code'?\n" },
		{ TOP "  - {name: q1, codes: {1: a}}\n"
		  "  - {name: q2, type: text, asked_if: {item: q1, in: [1]}}\n",
		  "t: t.yaml:4:5: error: missing required key 'type' in "
		  "item\n" },
		{ TOP "  - {name: q1, type: code, codes: ~}\n"
		  "  - {name: q2, type: text, asked_if: {item: q1, in: [1]}}\n",
		  "t: t.yaml:4:35: error: codes: expected a map, not a "
		  "scalar\n" },
		{ TOP "  - {name: q1, type: multi, codes: {}}\n"
		  "  - {name: q2, type: text, asked_if: {item: q1, in: [1]}}\n",
		  "t: t.yaml:4:36: error: codes: no codes given\n" },
		/* Empty lists where something is needed. */
		{ TOP "  - {name: q1, type: code, codes: {1: a}}\n"
		  "  - {name: q2, type: text, asked_if: []}\n",
		  "t: t.yaml:5:38: error: asked_if: empty value\n" },
		{ TOP "  - {name: q1, type: code, codes: {1: a}}\n"
		  "  - {name: q2, type: text, asked_if: {item: q1, in: []}}\n",
		  "t: t.yaml:5:53: error: in: empty value\n" },
		{ TOP "  - {name: q1, type: text, header: [], "
		  "required: true}\n",
		  "t: t.yaml:4:36: error: header: empty value\n" },
		{ "source: s\nid: {column: []}\nitems:\n"
		  "  - {name: q1, type: text}\n",
		  "t: t.yaml:2:14: error: id column: empty value\n" },
		/* Null values are not the text '~'. */
		{ "source: ~\nwave:\nid: {column: ID}\nmissing: ~\nitems:\n"
		  "  - {name: q1, type: integer, missing: null}\n",
		  "t: t.yaml:1:9: error: source: empty value\n"
		  "t: t.yaml:2:6: error: wave: empty value\n"
		  "t: t.yaml:4:10: error: missing: empty value\n"
		  "t: t.yaml:6:40: error: missing: empty value\n" },
		{ TOP "  - {name: ~, type: text}\n  - {name: ~, type: text}\n",
		  "t: t.yaml:4:12: error: name: empty value\n"
		  "t: t.yaml:5:12: error: name: empty value\n" },
		{ TOP "  - {name: q1, type: text, header: ~}\n"
		  "  - {name: q2, type: code, codes: {1: ~, ~: b}}\n",
		  "t: t.yaml:4:36: error: header: empty value\n"
		  "t: t.yaml:5:39: error: label: empty value\n"
		  "t: t.yaml:5:42: error: code: empty value\n" },
		{ TOP "  - {name: q1, type: code, codes: {1: a}}\n"
		  "  - {name: q2, type: text, asked_if: {item: ~, in: [1]}}\n",
		  "t: t.yaml:5:45: error: item: empty value\n" },
		/* A column that did not load is not also missing. */
		{ TOP "  - {name: q1, type: multi, codes: {1: a, 2: b}, "
		  "columns: {1: [x], 2: y}}\n",
		  "t: t.yaml:4:63: error: column: expected a scalar, not a "
		  "sequence\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		capture();
		assert_null(care_codebook_load_mem("t.yaml", cases[i].yaml,
		    strlen(cases[i].yaml)));
		assert_string_equal(captured(), cases[i].diag);
		release();
	}
}

/* An item's name is its header, normalised as headers are. */
static void
test_name_header(void **state)
{
	static const char y[] = TOP "  - {name: ｶﾅ, type: text}\n";
	struct care_codebook *cb;

	(void)state;
	cb = care_codebook_load_mem("t.yaml", y, strlen(y));
	assert_non_null(cb);
	assert_string_equal(cb->items[0].name, "ｶﾅ");
	assert_string_equal(cb->items[0].headers.s[0], "カナ");
	care_codebook_free(cb);
}

/* A code past the 65,535th is still found by the small-code table. */
static void
test_many_codes(void **state)
{
	struct care_codebook *cb;
	char *yaml, *p;
	size_t i, n = 65540;
	int by;

	(void)state;
	yaml = malloc(n * 24 + 128);
	assert_non_null(yaml);
	p = yaml + sprintf(yaml, TOP "  - name: q1\n    type: code\n"
	    "    codes:\n");
	for (i = 0; i < n - 1; i++)
		p += sprintf(p, "      c%zu: l%zu\n", i, i);
	p += sprintf(p, "      5: five\n");
	cb = care_codebook_load_mem("t.yaml", yaml, (size_t)(p - yaml));
	assert_non_null(cb);
	assert_int_equal(care_codebook_code(&cb->items[0], "5", 1, &by),
	    (long)n - 1);
	care_codebook_free(cb);
	free(yaml);
}

/* All problems of one file come out in one run. */
static void
test_all_errors(void **state)
{
	(void)state;
	capture();
	assert_null(care_codebook_load(TEST_DATADIR "/codebook/bad.yaml"));
	assert_int_equal(care_diag_count(CARE_DIAG_ERROR), 9);
	assert_non_null(strstr(captured(), "did you mean 'column'?"));
	assert_non_null(strstr(captured(), "did you mean 'code'?"));
	release();
}

static void
test_generate(void **state)
{
	static const char y[] = "source: s\nid: {generate: true}\n"
	    "items:\n  - {name: a, type: date}\n";
	struct care_codebook *cb;

	(void)state;
	cb = care_codebook_load_mem("g.yaml", y, strlen(y));
	assert_non_null(cb);
	assert_true(cb->id_generate);
	assert_int_equal(cb->id_headers.n, 0);
	assert_null(cb->wave);
	care_codebook_free(cb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_many_codes),
		cmocka_unit_test(test_name_header),
		cmocka_unit_test(test_all_errors),
		cmocka_unit_test(test_generate),
	};

	care_setprogname("t");
	return cmocka_run_group_tests_name("care_codebook", tests, NULL, NULL);
}
