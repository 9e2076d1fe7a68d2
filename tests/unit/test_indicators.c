/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the care_ind module: dictionaries, config, suppression. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care_err.h"
#include "care_ind_int.h"

/* Waves and codes sort the same whatever order the input shows them in. */
static void
test_dict_order(void **state)
{
	static const char *const in[] = { "10", "", "2", "b", "1", "a" };
	static const char *const want[] = { "x", "1", "2", "10", "a", "b", "" };
	struct ind_dict d;
	unsigned *o;
	size_t i, n;

	(void)state;
	care_ind_dict_init(&d);
	(void)care_ind_dict_intern(&d, "x", 1);
	d.label[0] = strdup("labelled first");
	for (i = 0; i < 6; i++)
		(void)care_ind_dict_intern(&d, in[i], strlen(in[i]));
	assert_int_equal(care_ind_dict_intern(&d, "2", 1), 3);
	assert_int_equal(care_ind_dict_find(&d, "zz", 2), -1);
	o = care_ind_dict_order(&d, &n);
	assert_int_equal(n, 7);
	for (i = 0; i < n; i++)
		assert_string_equal(d.key[o[i]], want[i]);
	assert_string_equal(care_ind_dict_label(&d, 2), "無回答");
	free(o);
	care_ind_dict_free(&d);
}

/* Config errors name file:line:col and suggest the nearest key. */
static void
test_cfg_errors(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	care_diag_reset();
	care_diag_setstream(fp);
	assert_null(care_ind_cfg_load(TEST_DATADIR
	    "/indicator-calc/typo.yaml"));
	fflush(fp);
	assert_non_null(strstr(buf, "typo.yaml:6:81: error: unknown key "
	    "'wieght'; did you mean 'weight'?"));
	assert_non_null(strstr(buf, "kind: 'ratio' is not one of"));
	care_diag_setstream(NULL);
	fclose(fp);
	free(buf);
}

/* Loads a config and checks the structs. */
static void
test_cfg_load(void **state)
{
	struct care_ind_cfg *c;

	(void)state;
	care_diag_reset();
	c = care_ind_cfg_load(TEST_DATADIR "/../../share/indicators/chofu.yaml");
	assert_non_null(c);
	assert_true(c->ndef >= 12);
	assert_string_equal(c->def[0].id, "kakaritsuke");
	assert_int_equal(c->def[0].kind, K_PROPORTION);
	assert_int_equal(c->def[0].direction, 1);
	assert_int_equal(c->def[0].nby, 2);
	assert_true(c->def[0].weight >= 0);
	assert_true(c->def[0].has_target);
	assert_true(c->def[0].target == 70);
	assert_int_equal(c->fy_start, 4);
	care_ind_cfg_free(c);
}

/*
 * Suppression: a proportion broken down into three groups where one has
 * 5 yes: primary on it, then the complement (the next smallest group) so
 * that the total minus the others does not give it away.
 */
static void
test_sdc(void **state)
{
	struct ind_def def;
	struct ind_state st;
	struct care_ind t;
	struct ind_row v[4];
	static const long n[4] = { 100, 30, 40, 30 };
	static const long x[4] = { 40, 5, 20, 15 };
	size_t i;

	(void)state;
	memset(&def, 0, sizeof(def));
	memset(&st, 0, sizeof(st));
	memset(&t, 0, sizeof(t));
	memset(v, 0, sizeof(v));
	def.kind = K_PROPORTION;
	st.d = &def;
	t.st = &st;
	t.opts.min_cell = 10;
	for (i = 0; i < 4; i++) {
		v[i].by = i == 0 ? 0 : 1;
		v[i].level = (unsigned)i;
		v[i].cat = -1;
		v[i].n = n[i];
		v[i].count = x[i];
	}
	care_ind_sdc(&t, v, 4);
	assert_int_equal(v[0].flags & R_SUPP, 0);
	assert_int_equal(v[1].flags & R_SUPP, R_SUPP);	/* 5 < 10 */
	assert_int_equal(v[3].flags & R_SUPP, R_SUPP);	/* complement: 15 */
	assert_int_equal(v[2].flags & R_SUPP, 0);
	assert_int_equal(v[1].flags & R_NSUPP, 0);
	/* Off with K = 0. */
	for (i = 0; i < 4; i++)
		v[i].flags = 0;
	t.opts.min_cell = 0;
	care_ind_sdc(&t, v, 4);
	for (i = 0; i < 4; i++)
		assert_int_equal(v[i].flags, 0);
}

/* Partial files escape %, tabs and newlines. */
static void
test_esc(void **state)
{
	struct care_buf b = CARE_BUF_INIT;

	(void)state;
	care_ind_esc(&b, "a\tb\n%c", 6);
	assert_string_equal(b.p, "a%09b%0A%25c");
	care_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dict_order),
		cmocka_unit_test(test_cfg_errors),
		cmocka_unit_test(test_cfg_load),
		cmocka_unit_test(test_sdc),
		cmocka_unit_test(test_esc),
	};

	return cmocka_run_group_tests_name("care_ind", tests, NULL, NULL);
}
