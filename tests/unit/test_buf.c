/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for care_buf and care_alloc: growth, NUL termination, detach. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care_alloc.h"
#include "care_buf.h"

static void
test_grow(void **state)
{
	struct care_buf b = CARE_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 10000; i++)
		care_buf_addc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 10000);
	assert_int_equal(strlen(b.p), 10000);
	assert_true(b.cap > b.len);
	assert_memory_equal(b.p + 9984, "abcdefghijklmnop", 16);
	care_buf_free(&b);
	assert_null(b.p);
}

static void
test_ops(void **state)
{
	struct care_buf b = CARE_BUF_INIT;
	char *s;

	(void)state;
	care_buf_adds(&b, "調布");
	care_buf_add(&b, "市役所", 3);
	assert_string_equal(b.p, "調布市");
	care_buf_set(&b, "x\0y", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.p, "x\0y\0", 4);
	care_buf_clear(&b);
	assert_string_equal(b.p, "");
	care_buf_add(&b, "", 0);
	s = care_buf_detach(&b);
	assert_string_equal(s, "");
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	free(s);
}

static void
test_alloc(void **state)
{
	char *s;

	(void)state;
	s = care_asprintf("%s:%d", "line", 42);
	assert_string_equal(s, "line:42");
	free(s);
	s = care_strndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = care_reallocarray(NULL, 10, 4);
	memset(s, 0, 40);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_ops),
		cmocka_unit_test(test_alloc),
	};

	return cmocka_run_group_tests_name("care_buf", tests, NULL, NULL);
}
