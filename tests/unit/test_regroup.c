/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for care_regroup: rows grouped by respondent, any order. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care_buf.h"
#include "care_err.h"
#include "care_regroup.h"
#include "capture.h"

static const char *const names[] = { "a.long", "b.long" };

/* The rows handed out, one line each: "[-]resp,item,value,origin". */
static void
collect(void *ctx, const char *const *f, const size_t *len, size_t file,
    unsigned long line, int kept)
{
	struct care_buf *b = ctx;

	(void)len;
	(void)file;
	(void)line;
	if (kept <= 0)
		care_buf_addc(b, kept < 0 ? '=' : '-');
	care_buf_adds(b, f[2]);
	care_buf_addc(b, ',');
	care_buf_adds(b, f[3]);
	care_buf_addc(b, ',');
	care_buf_adds(b, f[4]);
	care_buf_addc(b, ',');
	care_buf_adds(b, f[5]);
	care_buf_addc(b, '\n');
}

/* Adds "resp,item,value,origin" rows of source s, wave 1, in order. */
static void
add(struct care_regroup *g, const char *const *rows, size_t n, size_t file)
{
	char buf[128], *f[6], *p;
	size_t len[6], i, k;

	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "s,1,%s", rows[i]);
		for (p = buf, k = 0; k < 6; k++) {
			f[k] = p;
			p += strcspn(p, ",");
			len[k] = (size_t)(p - f[k]);
			if (*p == ',')
				*p++ = '\0';
		}
		care_regroup_add(g, (const char *const *)f, len, 6, file,
		    (unsigned long)i + 2);
	}
}

static char *
run(struct care_regroup *g)
{
	struct care_buf b = CARE_BUF_INIT;

	assert_int_equal(care_regroup_each(g, collect, &b, names), 0);
	care_regroup_free(g);
	care_buf_addc(&b, '\0');
	return care_buf_detach(&b);
}

/* Sorted by item: each respondent whole again, its origin row first. */
static void
test_sorted_by_item(void **state)
{
	static const char *const rows[] = { "B,age,70,", "A,age,66,",
	    "B,area,2,x.csv:3", "A,area,1,x.csv:2", "A,q6,1,", "A,q6,3,",
	    "B,q6,2," };
	struct care_regroup *g = care_regroup_new();
	char *out, *a, *b;

	(void)state;
	add(g, rows, 7, 0);
	out = run(g);
	a = strstr(out, "A,area,1,x.csv:2\nA,age,66,\nA,q6,1,\nA,q6,3,\n");
	b = strstr(out, "B,area,2,x.csv:3\nB,age,70,\nB,q6,2,\n");
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(strlen(out), 17 + 10 + 8 + 8 + 17 + 10 + 8);
	assert_string_equal(captured(), "");
	free(out);
}

/* The same record twice: counted once; the repeats set aside, said. */
static void
test_repeated_rows(void **state)
{
	static const char *const rows[] = { "A,area,1,x.csv:2", "A,age,66,",
	    "A,area,1,x.csv:2", "A,age,66," };
	struct care_regroup *g = care_regroup_new();
	char *out;

	(void)state;
	add(g, rows, 4, 0);
	out = run(g);
	assert_string_equal(out, "A,area,1,x.csv:2\nA,age,66,\n"
	    "-A,area,1,x.csv:2\n-A,age,66,\n");
	assert_string_equal(captured(), "test_regroup: x.csv:2: error: "
	    "respondent 'A': 2 of its rows read twice (first at a.long:2, "
	    "again at a.long:4): counted once\n");
	free(out);
}

/* Two records, each whole: the first counted, the second set aside. */
static void
test_second_record(void **state)
{
	static const char *const one[] = { "A,area,1,x.csv:2", "A,age,66," };
	static const char *const two[] = { "A,area,2,y.csv:7", "A,age,80,",
	    "B,area,1,y.csv:8" };
	struct care_regroup *g = care_regroup_new();
	char *out;

	(void)state;
	add(g, one, 2, 0);
	add(g, two, 3, 1);
	out = run(g);
	assert_non_null(strstr(out, "A,area,1,x.csv:2\nA,age,66,\n"
	    "=A,area,2,y.csv:7\n-A,age,80,\n"));
	assert_string_equal(captured(), "test_regroup: y.csv:7: error: "
	    "respondent 'A': read again at b.long:2, after its record from "
	    "x.csv:2: set aside, counted once\n");
	free(out);
}

/* Two records with their rows mixed: neither counted. */
static void
test_mixed_records(void **state)
{
	static const char *const rows[] = { "A,age,66,", "A,area,1,x.csv:2",
	    "A,age,80,", "A,area,2,y.csv:7" };
	struct care_regroup *g = care_regroup_new();
	char *out;

	(void)state;
	add(g, rows, 4, 0);
	out = run(g);
	assert_string_equal(out, "-A,age,66,\n=A,area,1,x.csv:2\n"
	    "-A,age,80,\n=A,area,2,y.csv:7\n");
	assert_string_equal(captured(), "test_regroup: x.csv:2: error: "
	    "respondent 'A': its records from x.csv:2 and y.csv:7 have their "
	    "rows mixed in the long CSV (a.long:5): none of them counted\n");
	free(out);
}

/*
 * Through runs on disk: 20,000 respondents of 5 rows, added in reverse
 * order of their rows, with memory for a few hundred rows at a time.
 */
static void
test_spilled(void **state)
{
	struct care_regroup *g;
	char row[64], want[160], *out, *p;
	const char *r = row;
	int i, k;

	(void)state;
	setenv("CAREKIT_SORT_MEMORY", "8192", 1);
	g = care_regroup_new();
	unsetenv("CAREKIT_SORT_MEMORY");
	for (k = 4; k >= 0; k--)
		for (i = 0; i < 20000; i++) {
			if (k == 0)
				snprintf(row, sizeof(row), "R%d,q0,%d,x:%d", i,
				    i, i + 2);
			else
				snprintf(row, sizeof(row), "R%d,q%d,%d,", i, k,
				    i);
			add(g, &r, 1, 0);
		}
	out = run(g);
	/* Each whole: the origin row, then the others in input order. */
	for (i = 0; i < 20000; i += 1999) {
		snprintf(want, sizeof(want), "R%d,q0,%d,x:%d\nR%d,q4,%d,\n"
		    "R%d,q3,%d,\nR%d,q2,%d,\nR%d,q1,%d,\n", i, i, i + 2, i, i,
		    i, i, i, i, i, i);
		assert_non_null(p = strstr(out, want));
		assert_true(p == out || p[-1] == '\n');
	}
	for (i = 0, p = out; *p != '\0'; p++)
		i += *p == '\n';
	assert_int_equal(i, 100000);
	assert_string_equal(captured(), "");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sorted_by_item,
		    capture_setup, capture_teardown),
		cmocka_unit_test_setup_teardown(test_repeated_rows,
		    capture_setup, capture_teardown),
		cmocka_unit_test_setup_teardown(test_second_record,
		    capture_setup, capture_teardown),
		cmocka_unit_test_setup_teardown(test_mixed_records,
		    capture_setup, capture_teardown),
		cmocka_unit_test_setup_teardown(test_spilled,
		    capture_setup, capture_teardown),
	};

	care_setprogname("test_regroup");
	return cmocka_run_group_tests_name("care_regroup", tests, NULL,
	    NULL);
}
