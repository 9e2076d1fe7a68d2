/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for care_date: date forms, 和暦, eras, fiscal years, day counts. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "care_date.h"

#define OK	CARE_DATE_OK
#define PAST	CARE_DATE_PAST_ERA
#define SYNTAX	CARE_DATE_SYNTAX
#define IMPOSS	CARE_DATE_IMPOSSIBLE
#define BEFORE	CARE_DATE_BEFORE_ERA
#define AFTER	CARE_DATE_AFTER_ERA

struct parse_case {
	const char		*in;
	enum care_date_status	 st;
	int			 y, m, d;	/* when st is OK or PAST */
};

static const struct parse_case parse_cases[] = {
	/* Gregorian forms. */
	{ "2025-04-01", OK, 2025, 4, 1 },
	{ "2025-4-1", OK, 2025, 4, 1 },
	{ "2025/4/1", OK, 2025, 4, 1 },
	{ "2025.4.1", OK, 2025, 4, 1 },
	{ "2025/04/01", OK, 2025, 4, 1 },
	{ "20250401", OK, 2025, 4, 1 },
	{ "2025年4月1日", OK, 2025, 4, 1 },
	{ "2025年04月01日", OK, 2025, 4, 1 },
	{ "1873-01-01", OK, 1873, 1, 1 },
	{ "9999-12-31", OK, 9999, 12, 31 },
	/* 和暦 with kanji eras. */
	{ "令和7年4月1日", OK, 2025, 4, 1 },
	{ "令和元年5月1日", OK, 2019, 5, 1 },
	{ "令和1年5月1日", OK, 2019, 5, 1 },
	{ "平成31年4月30日", OK, 2019, 4, 30 },
	{ "平成元年1月8日", OK, 1989, 1, 8 },
	{ "昭和50年1月1日", OK, 1975, 1, 1 },
	{ "昭和64年1月7日", OK, 1989, 1, 7 },
	{ "昭和元年12月25日", OK, 1926, 12, 25 },
	{ "大正元年7月30日", OK, 1912, 7, 30 },
	{ "大正15年12月24日", OK, 1926, 12, 24 },
	{ "明治45年7月29日", OK, 1912, 7, 29 },
	{ "明治6年1月1日", OK, 1873, 1, 1 },
	{ "令和7.4.1", OK, 2025, 4, 1 },
	/* Letters, either case, with . / - and 年月日. */
	{ "R7.4.1", OK, 2025, 4, 1 },
	{ "r7.4.1", OK, 2025, 4, 1 },
	{ "R07.04.01", OK, 2025, 4, 1 },
	{ "H31.4.30", OK, 2019, 4, 30 },
	{ "h31/4/30", OK, 2019, 4, 30 },
	{ "S50/1/1", OK, 1975, 1, 1 },
	{ "s50-1-1", OK, 1975, 1, 1 },
	{ "T2.3.4", OK, 1913, 3, 4 },
	{ "t2.3.4", OK, 1913, 3, 4 },
	{ "M40.1.1", OK, 1907, 1, 1 },
	{ "m40.1.1", OK, 1907, 1, 1 },
	{ "R7年4月1日", OK, 2025, 4, 1 },
	{ "R元.5.1", OK, 2019, 5, 1 },
	/* 平成 past its end: same Gregorian date, flagged. */
	{ "H31.5.1", PAST, 2019, 5, 1 },
	{ "平成31年5月1日", PAST, 2019, 5, 1 },
	{ "平成32年1月1日", PAST, 2020, 1, 1 },
	/* Other eras past their end. */
	{ "昭和64年1月8日", AFTER, 0, 0, 0 },
	{ "昭和65年1月1日", AFTER, 0, 0, 0 },
	{ "S64.1.8", AFTER, 0, 0, 0 },
	{ "大正15年12月25日", AFTER, 0, 0, 0 },
	{ "明治45年7月30日", AFTER, 0, 0, 0 },
	/* Before the era began. */
	{ "令和元年4月30日", BEFORE, 0, 0, 0 },
	{ "R1.4.30", BEFORE, 0, 0, 0 },
	{ "平成元年1月7日", BEFORE, 0, 0, 0 },
	{ "昭和元年12月24日", BEFORE, 0, 0, 0 },
	{ "大正元年7月29日", BEFORE, 0, 0, 0 },
	/* No such day, or out of range. */
	{ "令和7年2月30日", IMPOSS, 0, 0, 0 },
	{ "2025年2月30日", IMPOSS, 0, 0, 0 },
	{ "2023-02-29", IMPOSS, 0, 0, 0 },
	{ "2025-04-31", IMPOSS, 0, 0, 0 },
	{ "令和7年4月31日", IMPOSS, 0, 0, 0 },
	{ "2025-13-01", IMPOSS, 0, 0, 0 },
	{ "2025-00-01", IMPOSS, 0, 0, 0 },
	{ "2025-01-00", IMPOSS, 0, 0, 0 },
	{ "20251301", IMPOSS, 0, 0, 0 },
	{ "R7.13.1", IMPOSS, 0, 0, 0 },
	{ "令和元年2月30日", IMPOSS, 0, 0, 0 },
	{ "1872-12-31", IMPOSS, 0, 0, 0 },
	{ "0000-01-01", IMPOSS, 0, 0, 0 },
	{ "明治5年12月2日", IMPOSS, 0, 0, 0 },
	{ "M1.1.1", IMPOSS, 0, 0, 0 },
	{ "R9999.1.1", IMPOSS, 0, 0, 0 },
	/* Leap years. */
	{ "2024-02-29", OK, 2024, 2, 29 },
	{ "2000-02-29", OK, 2000, 2, 29 },
	{ "1900-02-29", IMPOSS, 0, 0, 0 },
	{ "令和6年2月29日", OK, 2024, 2, 29 },
	{ "2100-02-29", IMPOSS, 0, 0, 0 },
	/* Syntax errors. */
	{ "", SYNTAX, 0, 0, 0 },
	{ "x", SYNTAX, 0, 0, 0 },
	{ "2025", SYNTAX, 0, 0, 0 },
	{ "2025-4", SYNTAX, 0, 0, 0 },
	{ "2025-4/1", SYNTAX, 0, 0, 0 },
	{ "2025-4-1-", SYNTAX, 0, 0, 0 },
	{ "2025-004-01", SYNTAX, 0, 0, 0 },
	{ "25-4-1", SYNTAX, 0, 0, 0 },
	{ "12025-4-1", SYNTAX, 0, 0, 0 },
	{ "2025401", SYNTAX, 0, 0, 0 },
	{ "202504011", SYNTAX, 0, 0, 0 },
	{ " 2025-04-01", SYNTAX, 0, 0, 0 },
	{ "2025-04-01 ", SYNTAX, 0, 0, 0 },
	{ "2025年 4月1日", SYNTAX, 0, 0, 0 },
	{ "2025年4月1", SYNTAX, 0, 0, 0 },
	{ "2025年4月", SYNTAX, 0, 0, 0 },
	{ "令和年4月1日", SYNTAX, 0, 0, 0 },
	{ "令和0年4月1日", SYNTAX, 0, 0, 0 },
	{ "R0.4.1", SYNTAX, 0, 0, 0 },
	{ "R7", SYNTAX, 0, 0, 0 },
	{ "R.4.1", SYNTAX, 0, 0, 0 },
	{ "X7.4.1", SYNTAX, 0, 0, 0 },
	{ "RR7.4.1", SYNTAX, 0, 0, 0 },
	{ "R12345.1.1", SYNTAX, 0, 0, 0 },
	{ "令和7年4月1日x", SYNTAX, 0, 0, 0 },
	{ "２０２５-04-01", SYNTAX, 0, 0, 0 },
	{ "令", SYNTAX, 0, 0, 0 },
	/* A time of day after the date, as web forms export timestamps. */
	{ "2025/6/1 10:23:45", OK, 2025, 6, 1 },
	{ "2025/06/01 9:05", OK, 2025, 6, 1 },
	{ "2025-06-01T10:23:45", OK, 2025, 6, 1 },
	{ "2025-06-01T23:59:60.123", OK, 2025, 6, 1 },
	{ "令和7年6月1日 0:00", OK, 2025, 6, 1 },
	{ "R7.6.1 10:23", OK, 2025, 6, 1 },
	{ "2025/2/30 10:00", IMPOSS, 0, 0, 0 },
	{ "2025/6/1 24:00", SYNTAX, 0, 0, 0 },
	{ "2025/6/1 10:60", SYNTAX, 0, 0, 0 },
	{ "2025/6/1 10:5", SYNTAX, 0, 0, 0 },
	{ "2025/6/1 10:23:45.", SYNTAX, 0, 0, 0 },
	{ "2025/6/1 10:23 PM", SYNTAX, 0, 0, 0 },
	{ "2025-06-01T10:23:45Z", SYNTAX, 0, 0, 0 },
	{ "2025-06-01T10:23:45+09:00", SYNTAX, 0, 0, 0 },
	{ "2025/6/1  10:23", SYNTAX, 0, 0, 0 },
	{ "2025/6/1 ", SYNTAX, 0, 0, 0 },
	{ "T15.1.1", OK, 1926, 1, 1 },
};

static void
test_parse_table(void **state)
{
	struct care_date	 out;
	size_t			 i;
	enum care_date_status	 st;

	(void)state;
	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case *pc = &parse_cases[i];

		out.y = out.m = out.d = -7;
		st = care_date_parse(pc->in, strlen(pc->in), &out);
		if (st != pc->st)
			print_error("case '%s': status %d, want %d\n", pc->in,
			    (int)st, (int)pc->st);
		assert_int_equal(st, pc->st);
		if (st == OK || st == PAST) {
			assert_int_equal(out.y, pc->y);
			assert_int_equal(out.m, pc->m);
			assert_int_equal(out.d, pc->d);
		} else {
			/* Left unchanged on failure. */
			assert_int_equal(out.y, -7);
			assert_int_equal(out.m, -7);
			assert_int_equal(out.d, -7);
		}
	}
}

static void
test_parse_len(void **state)
{
	struct care_date	 out;

	(void)state;
	/* Only s[0..len) is read: no NUL terminator needed. */
	assert_int_equal(care_date_parse("2025-04-01XYZ", 10, &out), OK);
	assert_int_equal(out.d, 1);
	assert_int_equal(care_date_parse("R7.4.12", 6, &out), OK);
	assert_int_equal(out.d, 1);
	/* "2025-04-0": day 0. */
	assert_int_equal(care_date_parse("2025-04-01", 9, &out), IMPOSS);
	assert_int_equal(care_date_parse("令和", 3, &out), SYNTAX);
	assert_int_equal(care_date_parse("2025\0-04-01", 11, &out), SYNTAX);
	assert_int_equal(care_date_parse(NULL, 0, &out), SYNTAX);
}

static void
test_strstatus(void **state)
{
	(void)state;
	assert_string_equal(care_date_strstatus(CARE_DATE_OK), "");
	assert_string_equal(care_date_strstatus(CARE_DATE_SYNTAX),
	    "not a date");
	assert_string_equal(care_date_strstatus(CARE_DATE_IMPOSSIBLE),
	    "no such day");
	assert_string_equal(care_date_strstatus(CARE_DATE_BEFORE_ERA),
	    "before the era began");
	assert_string_equal(care_date_strstatus(CARE_DATE_AFTER_ERA),
	    "after the end of the era");
	assert_string_equal(care_date_strstatus(CARE_DATE_PAST_ERA),
	    "after the end of the era (read as the same Gregorian date)");
	assert_string_equal(care_date_strstatus((enum care_date_status)99),
	    "unknown date status");
}

static void
test_valid_cmp_iso(void **state)
{
	struct care_date a = { 2025, 3, 31 }, b = { 2025, 4, 1 };
	struct care_date c = { 1, 1, 1 };
	char buf[11];

	(void)state;
	assert_true(care_date_valid(2024, 2, 29));
	assert_true(care_date_valid(2000, 2, 29));
	assert_false(care_date_valid(1900, 2, 29));
	assert_false(care_date_valid(2023, 2, 29));
	assert_false(care_date_valid(2025, 4, 31));
	assert_true(care_date_valid(2025, 12, 31));
	assert_false(care_date_valid(2025, 0, 1));
	assert_false(care_date_valid(2025, 1, 0));
	assert_false(care_date_valid(0, 1, 1));
	assert_false(care_date_valid(10000, 1, 1));
	assert_true(care_date_cmp(a, b) < 0);
	assert_true(care_date_cmp(b, a) > 0);
	assert_int_equal(care_date_cmp(a, a), 0);
	care_date_iso(b, buf);
	assert_string_equal(buf, "2025-04-01");
	care_date_iso(c, buf);
	assert_string_equal(buf, "0001-01-01");
}

static void
test_days(void **state)
{
	static const struct {
		struct care_date	d;
		long			days;
	} cases[] = {
		{ { 1970, 1, 1 }, 0 },
		{ { 1969, 12, 31 }, -1 },
		{ { 2000, 3, 1 }, 11017 },
		{ { 2025, 4, 1 }, 20179 },
		{ { 1900, 2, 28 }, -25509 },
		{ { 1873, 1, 1 }, -35428 },
		{ { 1, 1, 1 }, -719162 },
		{ { 9999, 12, 31 }, 2932896 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(care_date_days(cases[i].d), cases[i].days);
}

/* Steps to the next real day. */
static struct care_date
next_day(struct care_date d)
{
	if (care_date_valid(d.y, d.m, d.d + 1)) {
		d.d++;
	} else if (d.m < 12) {
		d.m++;
		d.d = 1;
	} else {
		d.y++;
		d.m = d.d = 1;
	}
	return d;
}

/*
 * Every day from the start of 大正 to 2030: 和暦 and ISO forms parse back
 * to the same day, and day numbers go up by one.
 */
static void
test_round_trip(void **state)
{
	struct care_date d = { 1912, 7, 30 }, end = { 2030, 12, 31 }, out;
	char buf[CARE_DATE_WAREKI_SIZE];
	long prev;
	int n, count;

	(void)state;
	prev = care_date_days(d) - 1;
	count = 0;
	for (; care_date_cmp(d, end) <= 0; d = next_day(d)) {
		n = care_date_wareki(d, buf, sizeof(buf));
		assert_true(n > 0);
		assert_int_equal((size_t)n, strlen(buf));
		assert_int_equal(care_date_parse(buf, (size_t)n, &out), OK);
		assert_int_equal(care_date_cmp(out, d), 0);
		care_date_iso(d, buf);
		assert_int_equal(care_date_parse(buf, 10, &out), OK);
		assert_int_equal(care_date_cmp(out, d), 0);
		assert_int_equal(care_date_days(d), prev + 1);
		prev = care_date_days(d);
		count++;
	}
	/* 1912-07-30 .. 2030-12-31 inclusive. */
	assert_int_equal(count, 43254);
}

static void
test_wareki(void **state)
{
	static const struct {
		struct care_date	 d;
		const char		*want;
	} cases[] = {
		{ { 2025, 4, 1 }, "令和7年4月1日" },
		{ { 2019, 5, 1 }, "令和元年5月1日" },
		{ { 2019, 4, 30 }, "平成31年4月30日" },
		{ { 1989, 1, 8 }, "平成元年1月8日" },
		{ { 1989, 1, 7 }, "昭和64年1月7日" },
		{ { 1926, 12, 25 }, "昭和元年12月25日" },
		{ { 1926, 12, 24 }, "大正15年12月24日" },
		{ { 1912, 7, 29 }, "明治45年7月29日" },
		{ { 1873, 1, 1 }, "明治6年1月1日" },
		{ { 9999, 12, 31 }, "令和7981年12月31日" },
	};
	struct care_date bad[] = {
		{ 1872, 12, 31 }, { 2023, 2, 29 }, { 2025, 13, 1 }
	};
	struct care_date r7 = { 2025, 4, 1 };
	char buf[CARE_DATE_WAREKI_SIZE];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(care_date_wareki(cases[i].d, buf,
		    sizeof(buf)), (int)strlen(cases[i].want));
		assert_string_equal(buf, cases[i].want);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(care_date_wareki(bad[i], buf, sizeof(buf)),
		    -1);
	/* 令和7年4月1日 is 18 bytes: needs 19 with the NUL. */
	assert_int_equal(care_date_wareki(r7, buf, 18), -1);
	assert_int_equal(care_date_wareki(r7, buf, 19), 18);
	assert_int_equal(care_date_wareki(r7, buf, 0), -1);
}

static void
test_fy(void **state)
{
	static const struct {
		struct care_date	d;
		int			start, fy;
	} cases[] = {
		{ { 2025, 3, 31 }, 4, 2024 },
		{ { 2025, 4, 1 }, 4, 2025 },
		{ { 2025, 1, 1 }, 4, 2024 },
		{ { 2025, 12, 31 }, 4, 2025 },
		{ { 2025, 1, 1 }, 1, 2025 },
		{ { 2025, 12, 31 }, 1, 2025 },
		{ { 2025, 9, 30 }, 10, 2024 },
		{ { 2025, 10, 1 }, 10, 2025 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(care_date_fy(cases[i].d, cases[i].start),
		    cases[i].fy);
}

static void
test_fy_label(void **state)
{
	static const struct {
		int			 fy;
		enum care_fy_style	 style;
		const char		*want;
	} cases[] = {
		{ 2024, CARE_FY_WESTERN, "2024年度" },
		{ 2024, CARE_FY_WAREKI, "令和6年度" },
		{ 2019, CARE_FY_WAREKI, "令和元年度" },
		{ 2018, CARE_FY_WAREKI, "平成30年度" },
		{ 1989, CARE_FY_WAREKI, "平成元年度" },
		{ 1988, CARE_FY_WAREKI, "昭和63年度" },
		{ 1926, CARE_FY_WAREKI, "昭和元年度" },
		{ 1925, CARE_FY_WAREKI, "大正14年度" },
		{ 1873, CARE_FY_WAREKI, "明治6年度" },
	};
	char	 buf[32];
	size_t	 i;
	int	 fy;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(care_date_fy_label(cases[i].fy,
		    cases[i].style, buf, sizeof(buf)),
		    (int)strlen(cases[i].want));
		assert_string_equal(buf, cases[i].want);
	}
	assert_int_equal(care_date_fy_label(1872, CARE_FY_WAREKI, buf,
	    sizeof(buf)), -1);
	assert_int_equal(care_date_fy_label(1872, CARE_FY_WESTERN, buf,
	    sizeof(buf)), -1);
	assert_int_equal(care_date_fy_label(10000, CARE_FY_WESTERN, buf,
	    sizeof(buf)), -1);
	/* "令和6年度" is 13 bytes. */
	assert_int_equal(care_date_fy_label(2024, CARE_FY_WAREKI, buf, 13),
	    -1);
	assert_int_equal(care_date_fy_label(2024, CARE_FY_WESTERN, buf, 10),
	    -1);
	/* Every label parses back. */
	for (fy = 1873; fy <= 2100; fy++) {
		int n, got;

		n = care_date_fy_label(fy, CARE_FY_WAREKI, buf, sizeof(buf));
		assert_true(n > 0);
		assert_int_equal(care_date_parse_fy(buf, (size_t)n, &got), 0);
		assert_int_equal(got, fy);
		n = care_date_fy_label(fy, CARE_FY_WESTERN, buf, sizeof(buf));
		assert_int_equal(care_date_parse_fy(buf, (size_t)n, &got), 0);
		assert_int_equal(got, fy);
	}
}

static void
test_parse_fy(void **state)
{
	static const struct {
		const char	*in;
		int		 fy;	/* -1: refused */
	} cases[] = {
		{ "2024", 2024 },
		{ "2024年度", 2024 },
		{ "令和6年度", 2024 },
		{ "R6年度", 2024 },
		{ "r6年度", 2024 },
		{ "R6", 2024 },
		{ "R06", 2024 },
		{ "令和6", 2024 },
		{ "令和元年度", 2019 },
		{ "R元年度", 2019 },
		{ "平成31年度", 2019 },
		{ "H31年度", 2019 },
		{ "平成32年度", 2020 },
		{ "平成元年度", 1989 },
		{ "昭和64年度", 1989 },
		{ "昭和63年度", 1988 },
		{ "大正15年度", 1926 },
		{ "明治6年度", 1873 },
		{ "1873", 1873 },
		{ "9999年度", 9999 },
		{ "昭和65年度", -1 },
		{ "大正16年度", -1 },
		{ "明治5年度", -1 },
		{ "1872", -1 },
		{ "令和0年度", -1 },
		{ "R0", -1 },
		{ "", -1 },
		{ "年度", -1 },
		{ "24", -1 },
		{ "20245", -1 },
		{ "2024年", -1 },
		{ "2024度", -1 },
		{ "2024年度x", -1 },
		{ " 2024", -1 },
		{ "R", -1 },
		{ "令和", -1 },
		{ "2024-04-01", -1 },
	};
	size_t	 i;
	int	 fy, rc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fy = -7;
		rc = care_date_parse_fy(cases[i].in, strlen(cases[i].in), &fy);
		if (cases[i].fy < 0) {
			if (rc != -1)
				print_error("case '%s'\n", cases[i].in);
			assert_int_equal(rc, -1);
			assert_int_equal(fy, -7);
		} else {
			if (rc != 0)
				print_error("case '%s'\n", cases[i].in);
			assert_int_equal(rc, 0);
			assert_int_equal(fy, cases[i].fy);
		}
	}
	assert_int_equal(care_date_parse_fy(NULL, 0, &fy), -1);
	assert_int_equal(care_date_parse_fy("2024年度", 4, &fy), 0);
	assert_int_equal(fy, 2024);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_parse_len),
		cmocka_unit_test(test_strstatus),
		cmocka_unit_test(test_valid_cmp_iso),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_wareki),
		cmocka_unit_test(test_fy),
		cmocka_unit_test(test_fy_label),
		cmocka_unit_test(test_parse_fy),
	};

	return cmocka_run_group_tests_name("care_date", tests, NULL, NULL);
}
