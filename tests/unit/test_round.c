/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for care_round: half-up and largest-remainder percentages. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "care_round.h"

struct shares_case {
	const char		*name;
	unsigned long		 counts[8];
	size_t			 n;
	unsigned long		 total;
	int			 decimals;
	enum care_round_method	 m;
	long			 want[8];
	long			 sum;
};

static const struct shares_case shares_cases[] = {
	/* The seed's venue table: 52 sessions. */
	{ "seed venues half-up", { 20, 10, 7, 6, 3, 3, 3 }, 7, 52, 0,
	    CARE_ROUND_HALF_UP, { 38, 19, 13, 12, 6, 6, 6 }, 100 },
	{ "seed venues largest remainder", { 20, 10, 7, 6, 3, 3, 3 }, 7, 52,
	    0, CARE_ROUND_LARGEST_REMAINDER, { 38, 19, 13, 12, 6, 6, 6 }, 100 },
	/* 1/6, 1/6, 4/6: half-up gives 101. */
	{ "101 half-up", { 1, 1, 4 }, 3, 6, 0, CARE_ROUND_HALF_UP,
	    { 17, 17, 67 }, 101 },
	{ "101 largest remainder", { 1, 1, 4 }, 3, 6, 0,
	    CARE_ROUND_LARGEST_REMAINDER, { 17, 17, 66 }, 100 },
	/* Thirds: half-up gives 99, ties go to the earliest cell. */
	{ "thirds half-up", { 1, 1, 1 }, 3, 3, 0, CARE_ROUND_HALF_UP,
	    { 33, 33, 33 }, 99 },
	{ "thirds largest remainder", { 1, 1, 1 }, 3, 3, 0,
	    CARE_ROUND_LARGEST_REMAINDER, { 34, 33, 33 }, 100 },
	{ "thirds one decimal", { 1, 1, 1 }, 3, 3, 1,
	    CARE_ROUND_LARGEST_REMAINDER, { 334, 333, 333 }, 1000 },
	{ "sevenths one decimal half-up", { 1, 2, 4 }, 3, 7, 1,
	    CARE_ROUND_HALF_UP, { 143, 286, 571 }, 1000 },
	/* Exactly one half rounds up. */
	{ "half", { 1, 7 }, 2, 8, 0, CARE_ROUND_HALF_UP, { 13, 88 }, 101 },
	{ "half lr", { 1, 7 }, 2, 8, 0, CARE_ROUND_LARGEST_REMAINDER,
	    { 13, 87 }, 100 },
	/* Not a partition (cards: share of people): target is the sum. */
	{ "subset", { 1, 1 }, 2, 3, 0, CARE_ROUND_LARGEST_REMAINDER,
	    { 34, 33 }, 67 },
	{ "zero total", { 0, 0 }, 2, 0, 0, CARE_ROUND_LARGEST_REMAINDER,
	    { 0, 0 }, 0 },
	{ "zeros stay zero", { 0, 5, 0 }, 3, 5, 1,
	    CARE_ROUND_LARGEST_REMAINDER, { 0, 1000, 0 }, 1000 },
};

static void
test_shares(void **state)
{
	const struct shares_case *c;
	long out[8];
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(shares_cases) / sizeof(shares_cases[0]);
	    i++) {
		c = &shares_cases[i];
		memset(out, 0xff, sizeof(out));
		print_message("case %s\n", c->name);
		assert_int_equal(care_round_shares(c->counts, c->n, c->total,
		    c->decimals, c->m, out), c->sum);
		for (j = 0; j < c->n; j++)
			assert_int_equal(out[j], c->want[j]);
	}
}

static void
test_share(void **state)
{
	(void)state;
	assert_int_equal(care_round_share(331, 613, 0), 54);
	assert_int_equal(care_round_share(12, 613, 0), 2);
	assert_int_equal(care_round_share(12, 613, 1), 20);
	assert_int_equal(care_round_share(1, 8, 1), 125);
	assert_int_equal(care_round_share(1, 16, 1), 63);
	assert_int_equal(care_round_share(0, 0, 0), 0);
	assert_int_equal(care_round_share(5, 5, 1), 1000);
}

static void
test_format(void **state)
{
	char buf[16];

	(void)state;
	assert_int_equal(care_round_format(38, 0, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "38");
	assert_int_equal(care_round_format(385, 1, buf, sizeof(buf)), 4);
	assert_string_equal(buf, "38.5");
	assert_int_equal(care_round_format(5, 1, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "0.5");
	assert_int_equal(care_round_format(1000, 1, buf, sizeof(buf)), 5);
	assert_string_equal(buf, "100.0");
	assert_int_equal(care_round_format(1000, 1, buf, 5), -1);
}

static void
test_parse(void **state)
{
	enum care_round_method m = CARE_ROUND_HALF_UP;

	(void)state;
	assert_int_equal(care_round_parse("largest-remainder", &m), 0);
	assert_int_equal(m, CARE_ROUND_LARGEST_REMAINDER);
	assert_string_equal(care_round_name(m), "largest-remainder");
	assert_int_equal(care_round_parse("half-up", &m), 0);
	assert_int_equal(m, CARE_ROUND_HALF_UP);
	assert_string_equal(care_round_name(m), "half-up");
	assert_int_equal(care_round_parse("banker", &m), -1);
	assert_int_equal(care_round_parse("", &m), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shares),
		cmocka_unit_test(test_share),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_parse),
	};

	return cmocka_run_group_tests_name("care_round", tests, NULL, NULL);
}
