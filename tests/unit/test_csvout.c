/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for care_csvout: quoting, BOM, formula guards, buffering, errors. */
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

#include "care_csvout.h"

static char *out;
static size_t outlen;
static FILE *outfp;

static int
setup(void **state)
{
	(void)state;
	outfp = open_memstream(&out, &outlen);
	return outfp == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	fclose(outfp);
	free(out);
	out = NULL;
	return 0;
}

/* Starts a fresh output stream (rewinding a memstream keeps old bytes). */
static void
reset(void)
{
	teardown(NULL);
	assert_int_equal(setup(NULL), 0);
}

/* Writes each value as a one-field row and returns all the output. */
static const char *
write_column(unsigned flags, const char *const *vals, size_t n)
{
	struct care_csvout *w;
	size_t i;

	w = care_csvout_new(outfp, flags);
	for (i = 0; i < n; i++) {
		care_csvout_fields(w, vals[i]);
		care_csvout_end(w);
	}
	assert_int_equal(care_csvout_free(w), 0);
	fflush(outfp);
	return out;
}

static void
test_quoting(void **state)
{
	static const struct {
		const char *in, *line;
	} cases[] = {
		{ "plain", "plain\n" },
		{ "", "\"\"\n" },	/* a lone empty field must not vanish */
		{ "a,b", "\"a,b\"\n" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"\n" },
		{ "\"", "\"\"\"\"\n" },
		{ "cr\rx", "\"cr\rx\"\n" },
		{ "lf\nx", "\"lf\nx\"\n" },
		{ "tab\tx", "tab\tx\n" },
		{ " sp ", " sp \n" },
		{ "=1+2", "=1+2\n" },	/* no guard without the flag */
		{ "調布市", "調布市\n" },
		{ "改行\nあり", "\"改行\nあり\"\n" },
	};
	size_t i;
	const char *got;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		reset();
		got = write_column(0, &cases[i].in, 1);
		assert_int_equal(outlen, strlen(cases[i].line));
		assert_string_equal(got, cases[i].line);
	}
}

static void
test_rows(void **state)
{
	struct care_csvout *w;

	(void)state;
	w = care_csvout_new(outfp, 0);
	care_csvout_fields(w, "source");
	care_csvout_fields(w, "wave");
	care_csvout_field(w, "value,xyz", 5);	/* length, not NUL */
	care_csvout_end(w);
	care_csvout_fields(w, "");
	care_csvout_fields(w, "");
	care_csvout_end(w);
	care_csvout_end(w);			/* a row with no fields */
	care_csvout_fields(w, "a\"b");
	care_csvout_fields(w, "");
	care_csvout_end(w);
	assert_int_equal(care_csvout_free(w), 0);
	fflush(outfp);
	assert_string_equal(out,
	    "source,wave,value\n"
	    ",\n"
	    "\n"
	    "\"a\"\"b\",\n");
}

static void
test_bom(void **state)
{
	struct care_csvout *w;

	(void)state;
	w = care_csvout_new(outfp, CARE_CSVOUT_BOM | CARE_CSVOUT_NEUTRALIZE);
	care_csvout_fields(w, "名前");
	care_csvout_fields(w, "-3");
	care_csvout_end(w);
	assert_int_equal(care_csvout_free(w), 0);
	fflush(outfp);
	assert_int_equal(outlen, 3 + 11);
	assert_memory_equal(out, "\xef\xbb\xbf" "名前,'-3\n", outlen);
}

/* The hostile values, and what a neutralised file holds for each. */
static const struct {
	const char *in, *line;
} hostile[] = {
	{ "=HYPERLINK(\"http://x\",\"y\")",
	  "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n" },
	{ "+1", "'+1\n" },
	{ "-1", "'-1\n" },
	{ "@SUM(A1)", "'@SUM(A1)\n" },
	{ "\tx", "'\tx\n" },
	{ "\rx", "\"'\rx\"\n" },
	{ "'=x", "''=x\n" },
	{ "''", "'''\n" },
	{ "'", "''\n" },
	{ "plain", "plain\n" },
	{ "", "\"\"\n" },
	{ "a,b", "\"a,b\"\n" },
	{ "改行\nあり", "\"改行\nあり\"\n" },
	{ "x=1", "x=1\n" },
	{ "a'", "a'\n" },
};

/* Undoes RFC 4180 quoting of a one-field line (without its LF). */
static char *
unquote(const char *line, size_t len)
{
	char *v, *o;
	size_t i;

	v = o = malloc(len + 1);
	assert_non_null(v);
	if (len >= 2 && line[0] == '"') {
		for (i = 1; i + 1 < len; i++) {
			*o++ = line[i];
			if (line[i] == '"')
				i++;
		}
	} else {
		memcpy(o, line, len);
		o += len;
	}
	*o = '\0';
	return v;
}

static void
test_neutralize(void **state)
{
	const char *got, *p;
	char *v;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		reset();
		got = write_column(CARE_CSVOUT_NEUTRALIZE, &hostile[i].in, 1);
		assert_string_equal(got, hostile[i].line);
		assert_int_equal(care_csvout_needs_guard(hostile[i].in,
		    strlen(hostile[i].in)), got[0] == '\'' ||
		    (got[0] == '"' && got[1] == '\''));

		/* Reading back and unguarding gives the value exactly. */
		v = unquote(got, strlen(got) - 1);
		p = v;
		len = care_csvout_unguard(&p, strlen(v));
		assert_int_equal(len, strlen(hostile[i].in));
		assert_memory_equal(p, hostile[i].in, len);
		free(v);
	}
}

static void
test_unguard(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "'=x", "=x" }, { "'+", "+" }, { "'-1", "-1" }, { "'@", "@" },
		{ "'\tx", "\tx" }, { "'\r", "\r" }, { "''", "'" },
		{ "'''", "''" }, { "'", "'" }, { "'a", "'a" }, { "", "" },
		{ "=x", "=x" }, { "x'=", "x'=" },
	};
	const char *p;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		p = cases[i].in;
		len = care_csvout_unguard(&p, strlen(p));
		assert_int_equal(len, strlen(cases[i].out));
		assert_memory_equal(p, cases[i].out, len);
	}
	assert_false(care_csvout_needs_guard("=x", 0));
	assert_false(care_csvout_needs_guard("a=", 2));
	assert_true(care_csvout_needs_guard("'", 1));
}

/* Writes v alone and after another field, whole or in parts of step. */
static char *
write_parts(unsigned flags, const char *v, size_t step)
{
	struct care_csvout *w;
	size_t i, n, len = strlen(v);
	int pass;

	reset();
	w = care_csvout_new(outfp, flags);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			care_csvout_fields(w, "x");
		if (step == 0) {
			care_csvout_fields(w, v);
			care_csvout_end(w);
			continue;
		}
		care_csvout_field_start(w, care_csvout_needs_quotes(v, len),
		    len > 0 ? (unsigned char)v[0] : -1);
		for (i = 0; i < len; i += n) {
			n = len - i < step ? len - i : step;
			care_csvout_field_part(w, v + i, n);
		}
		care_csvout_field_finish(w);
		care_csvout_end(w);
	}
	assert_int_equal(care_csvout_free(w), 0);
	fflush(outfp);
	return strdup(out);
}

/* A field written in parts comes out as the same field written whole. */
static void
test_parts(void **state)
{
	static const unsigned flags[] = { 0, CARE_CSVOUT_NEUTRALIZE };
	static const char *more[] = { "\"", "a\"\"b,", "\"=x\"", "x\ny" };
	char *whole, *parts;
	size_t i, f, step;
	const char *v;

	(void)state;
	for (f = 0; f < 2; f++)
		for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]) + 4;
		    i++) {
			v = i < sizeof(hostile) / sizeof(hostile[0]) ?
			    hostile[i].in : more[i - sizeof(hostile) /
			    sizeof(hostile[0])];
			whole = write_parts(flags[f], v, 0);
			for (step = 1; step <= 3; step++) {
				parts = write_parts(flags[f], v, step);
				assert_string_equal(parts, whole);
				free(parts);
			}
			free(whole);
		}
}

/* Many rows and one field bigger than the buffer cross 64 KiB boundaries. */
static void
test_large(void **state)
{
	struct care_csvout *w;
	char *big, num[32], *expect;
	size_t i, n, bigsz = 200000, elen;
	int k;

	(void)state;
	big = malloc(bigsz + 1);
	assert_non_null(big);
	for (i = 0; i < bigsz; i++)
		big[i] = i % 7 == 3 ? '"' : 'a' + (char)(i % 26);
	big[bigsz] = '\0';
	w = care_csvout_new(outfp, 0);
	n = 0;
	for (k = 0; k < 100000; k++) {
		snprintf(num, sizeof(num), "%d", k);
		care_csvout_fields(w, num);
		care_csvout_fields(w, "x");
		care_csvout_end(w);
		n += strlen(num) + 3;
	}
	care_csvout_field(w, big, bigsz);
	care_csvout_end(w);
	assert_int_equal(care_csvout_free(w), 0);
	fflush(outfp);
	elen = 2 + bigsz + (bigsz + 3) / 7 + 1;
	assert_int_equal(outlen, n + elen);
	assert_memory_equal(out, "0,x\n1,x\n", 8);
	assert_memory_equal(out + n - 8, "99999,x\n\"a", 10);
	expect = unquote(out + n, elen - 1);
	assert_string_equal(expect, big);
	free(expect);
	free(big);
}

static void
test_write_error(void **state)
{
	struct care_csvout *w;
	FILE *fp;
	int k;

	(void)state;
	fp = fopen("/dev/full", "w");
	assert_non_null(fp);

	/* A small write fails only when flushed. */
	w = care_csvout_new(fp, 0);
	care_csvout_fields(w, "a");
	care_csvout_end(w);
	errno = 0;
	assert_int_equal(care_csvout_flush(w), -1);
	assert_int_equal(errno, ENOSPC);
	errno = 0;
	assert_int_equal(care_csvout_free(w), -1);
	assert_int_equal(errno, ENOSPC);
	clearerr(fp);

	/* A large one fails on the way and stays failed. */
	w = care_csvout_new(fp, 0);
	for (k = 0; k < 50000; k++) {
		care_csvout_fields(w, "0123456789");
		care_csvout_end(w);
	}
	errno = 0;
	assert_int_equal(care_csvout_free(w), -1);
	assert_int_equal(errno, ENOSPC);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_quoting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bom, setup, teardown),
		cmocka_unit_test_setup_teardown(test_neutralize, setup,
		    teardown),
		cmocka_unit_test(test_unguard),
		cmocka_unit_test_setup_teardown(test_parts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large, setup, teardown),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests_name("care_csvout", tests, NULL, NULL);
}
