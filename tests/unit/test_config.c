/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for care_config: load-time refusals, accessors, their messages. */
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

#include "care_config.h"
#include "care_err.h"
#include "capture.h"

static struct care_cfg *
load(const char *yaml)
{
	return care_cfg_load_mem("t.yaml", yaml, strlen(yaml));
}

/* What loading alone reports. */
static const struct {
	const char	*yaml;
	const char	*diag;		/* exact, "" for none */
	unsigned	 errors;
	int		 root;		/* root expected non-NULL */
} load_cases[] = {
	{ "a: 1\nb: 2\na: 3\n",
	  "test: t.yaml:3:1: error: duplicate key 'a'; first defined at "
	  "line 1\n", 1, 1 },
	{ "a:\n\tb: 1\n",
	  "test: t.yaml:2:1: error: tab character in indentation; YAML "
	  "indents with spaces\n", 1, 0 },
	{ "a:\n  b: 1\n\tc: 2\n",
	  "test: t.yaml:3:1: error: tab character in indentation; YAML "
	  "indents with spaces\n", 1, 0 },
	{ "\xef\xbb\xbf\tb: 1\n",
	  "test: t.yaml:1:1: error: tab character in indentation; YAML "
	  "indents with spaces\n", 1, 0 },
	{ "\xef\xbb\xbf" "a: !!str 1\n",
	  "test: t.yaml:1:4: error: tags are not supported\n", 1, 1 },
	{ "\xef\xbb\xbf" "a: \xff\n",
	  "test: t.yaml:1:4: error: invalid UTF-8 byte 0xff; save the file "
	  "as UTF-8\n", 1, 0 },
	{ "a: ok\nb: \xff\n",
	  "test: t.yaml:2:4: error: invalid UTF-8 byte 0xff; save the file "
	  "as UTF-8\n", 1, 0 },
	{ "a: 1\r\n名前: \x82\xa0\r\n",
	  "test: t.yaml:2:5: error: invalid UTF-8 byte 0x82; save the file "
	  "as UTF-8\n", 1, 0 },
	{ "a: &x 1\nb: *x\n",
	  "test: t.yaml:1:4: error: anchors and aliases are not supported\n"
	  "test: t.yaml:2:4: error: anchors and aliases are not supported\n",
	  2, 1 },
	{ "- *x\n- 2\n",
	  "test: t.yaml:1:3: error: anchors and aliases are not supported\n",
	  1, 1 },
	{ "a: 1\n---\nb: 2\n",
	  "test: t.yaml:2:1: error: more than one document in the file\n",
	  1, 1 },
	{ "a: !!str 1\n",
	  "test: t.yaml:1:4: error: tags are not supported\n", 1, 1 },
	{ "{[a]: 1, b: 2}\n",
	  "test: t.yaml:1:2: error: a map key must be a scalar\n", 1, 1 },
	{ "a: [1\n",
	  "test: t.yaml:2:1: error: syntax error: did not find expected ',' "
	  "or ']' (while parsing a flow sequence at line 1)\n", 1, 0 },
	{ "a: \"x\x01\"\n",
	  "test: t.yaml:1:6: error: control characters are not allowed\n",
	  1, 0 },
	{ "", "test: t.yaml: error: empty configuration\n", 1, 0 },
	{ "# only a comment\n",
	  "test: t.yaml: error: empty configuration\n", 1, 0 },
	{ "名前: 田中\n", "", 0, 1 },
};

static void
test_load_errors(void **state)
{
	struct care_cfg *cfg;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(load_cases) / sizeof(load_cases[0]); i++) {
		recapture();
		cfg = load(load_cases[i].yaml);
		assert_non_null(cfg);
		if (strcmp(captured(), load_cases[i].diag) != 0)
			fail_msg("case %zu: got '%s'", i, captured());
		assert_int_equal(care_cfg_errors(cfg), load_cases[i].errors);
		assert_int_equal(care_cfg_root(cfg) != NULL,
		    load_cases[i].root);
		care_cfg_free(cfg);
	}
}

static void
test_tree_after_refusals(void **state)
{
	struct care_cfg *cfg;
	const struct care_cfg_node *root;

	(void)state;
	cfg = load("a: 1\nb: &x 2\nc: *x\na: 3\n{d: 1}: 4\ne: 5\n");
	root = care_cfg_root(cfg);
	assert_non_null(root);
	assert_int_equal(root->type, CARE_CFG_MAP);
	assert_int_equal(root->n, 3);
	assert_string_equal(root->keys[0]->value, "a");
	assert_string_equal(root->items[0]->value, "1");
	assert_string_equal(root->keys[1]->value, "b");
	assert_string_equal(root->keys[2]->value, "e");
	assert_int_equal(care_cfg_errors(cfg), 4);
	care_cfg_free(cfg);
}

static void
test_deep_nesting(void **state)
{
	char yaml[201];
	struct care_cfg *cfg;

	(void)state;
	memset(yaml, '[', 100);
	memset(yaml + 100, ']', 100);
	yaml[200] = '\0';
	cfg = load(yaml);
	assert_string_equal(captured(),
	    "test: t.yaml:1:33: error: nesting deeper than 32 levels\n");
	assert_null(care_cfg_root(cfg));
	assert_int_equal(care_cfg_errors(cfg), 1);
	care_cfg_free(cfg);

	/* Exactly 32 levels are fine. */
	memset(yaml, '[', 32);
	memset(yaml + 32, ']', 32);
	yaml[64] = '\0';
	cfg = load(yaml);
	assert_non_null(care_cfg_root(cfg));
	assert_int_equal(care_cfg_errors(cfg), 0);
	care_cfg_free(cfg);
}

static void
test_many_keys(void **state)
{
	char yaml[8192], *p = yaml;
	struct care_cfg *cfg;
	int i;

	(void)state;
	for (i = 0; i < 500; i++)
		p += sprintf(p, "k%d: %d\n", i, i);
	sprintf(p, "k250: x\n");
	cfg = load(yaml);
	assert_string_equal(captured(), "test: t.yaml:501:1: error: duplicate "
	    "key 'k250'; first defined at line 251\n");
	assert_int_equal(care_cfg_root(cfg)->n, 500);
	assert_string_equal(care_cfg_get(care_cfg_root(cfg), "k499")->value,
	    "499");
	care_cfg_free(cfg);
}

static const char *const venue_keys[] = { "id", "label", "weight", "online",
    NULL };
static const char *const venue_required[] = { "id", "label", NULL };

static void
test_unknown_key(void **state)
{
	struct care_cfg *cfg;
	const struct care_cfg_node *venue;
	int rc;

	(void)state;
	cfg = care_cfg_load(TEST_DATADIR "/config/errors.yaml");
	assert_non_null(cfg);
	assert_int_equal(care_cfg_errors(cfg), 0);
	venue = care_cfg_get(care_cfg_root(cfg), "venue");
	rc = care_cfg_check_keys(cfg, venue, "venue", venue_keys,
	    venue_required);
	assert_int_equal(rc, -1);
	/* Two problems of one map, both reported. */
	assert_string_equal(captured(),
	    "test: " TEST_DATADIR "/config/errors.yaml:3:3: error: unknown "
	    "key 'weihgt'; did you mean 'weight'?\n"
	    "test: " TEST_DATADIR "/config/errors.yaml:2:3: error: missing "
	    "required key 'label' in venue\n");
	assert_int_equal(care_cfg_errors(cfg), 2);
	assert_int_equal(care_diag_count(CARE_DIAG_ERROR), 2);
	care_cfg_free(cfg);
}

static void
test_check_keys(void **state)
{
	struct care_cfg *cfg;
	const struct care_cfg_node *root;

	(void)state;
	cfg = load("id: a\nlabel: b\nzzz: 1\n");
	root = care_cfg_root(cfg);
	assert_int_equal(care_cfg_check_keys(cfg, root, "venue", venue_keys,
	    NULL), -1);
	assert_string_equal(captured(), "test: t.yaml:3:1: error: unknown key "
	    "'zzz'; known keys: id, label, weight, online\n");
	care_cfg_free(cfg);

	cfg = load("id: a\nlabel: b\n");
	assert_int_equal(care_cfg_check_keys(cfg, care_cfg_root(cfg), "venue",
	    venue_keys, venue_required), 0);
	assert_int_equal(care_cfg_errors(cfg), 0);
	care_cfg_free(cfg);

	recapture();
	cfg = load("- 1\n");
	assert_int_equal(care_cfg_check_keys(cfg, care_cfg_root(cfg), "venue",
	    venue_keys, venue_required), -1);
	assert_string_equal(captured(),
	    "test: t.yaml:1:1: error: venue: expected a map, not a sequence\n");
	care_cfg_free(cfg);
}

/* Accessor results and messages on one small file. */
static void
test_types(void **state)
{
	static const char *const kinds[] = { "hall", "home", "online", NULL };
	struct care_cfg *cfg;
	const struct care_cfg_node *r;
	const char *s;
	long l;
	double d;
	int b, e;

	(void)state;
	cfg = load("n: abc\nbig: 99999999999999999999\nage: 200\nx: 1,5\n"
	    "inf: .inf\nhuge: 1e999\nq: \"true\"\nm: maybe\nv: hal\n"
	    "w: zzz\nlist: [1]\nmap: {a: 1}\n");
	r = care_cfg_root(cfg);
	assert_int_equal(care_cfg_long(cfg, care_cfg_get(r, "n"), "n", 0, 9,
	    &l), -1);
	assert_int_equal(care_cfg_long(cfg, care_cfg_get(r, "big"), "big",
	    0, 9, &l), -1);
	assert_int_equal(care_cfg_long(cfg, care_cfg_get(r, "age"), "age",
	    0, 150, &l), -1);
	assert_int_equal(care_cfg_double(cfg, care_cfg_get(r, "x"), "x", 0, 9,
	    &d), -1);
	assert_int_equal(care_cfg_double(cfg, care_cfg_get(r, "inf"), "inf",
	    0, 9, &d), -1);
	assert_int_equal(care_cfg_double(cfg, care_cfg_get(r, "huge"), "huge",
	    0, 1, &d), -1);
	assert_int_equal(care_cfg_bool(cfg, care_cfg_get(r, "q"), "q", &b), -1);
	assert_int_equal(care_cfg_bool(cfg, care_cfg_get(r, "m"), "m", &b), -1);
	assert_int_equal(care_cfg_enum(cfg, care_cfg_get(r, "v"), "venue",
	    kinds, &e), -1);
	assert_int_equal(care_cfg_enum(cfg, care_cfg_get(r, "w"), "venue",
	    kinds, &e), -1);
	assert_int_equal(care_cfg_str(cfg, care_cfg_get(r, "list"), "list",
	    &s), -1);
	assert_int_equal(care_cfg_expect(cfg, care_cfg_get(r, "map"), "map",
	    CARE_CFG_SEQ), -1);
	assert_int_equal(care_cfg_expect(cfg, care_cfg_get(r, "n"), "n",
	    CARE_CFG_MAP), -1);
	assert_int_equal(care_cfg_long(cfg, care_cfg_get(r, "nope"), "nope",
	    0, 9, &l), -1);
	assert_string_equal(captured(),
	    "test: t.yaml:1:4: error: n: 'abc' is not a whole number\n"
	    "test: t.yaml:2:6: error: big: '99999999999999999999' is out of "
	    "range (0 to 9)\n"
	    "test: t.yaml:3:6: error: age: '200' is out of range (0 to 150)\n"
	    "test: t.yaml:4:4: error: x: '1,5' is not a number\n"
	    "test: t.yaml:5:6: error: inf: '.inf' is not a number\n"
	    "test: t.yaml:6:7: error: huge: '1e999' is out of range (0 to 1)\n"
	    "test: t.yaml:7:4: error: q: 'true' is quoted; write true or "
	    "false without quotes\n"
	    "test: t.yaml:8:4: error: m: 'maybe' is not one of: true, false, "
	    "yes, no\n"
	    "test: t.yaml:9:4: error: venue: 'hal' is not one of: hall, home, "
	    "online; did you mean 'hall'?\n"
	    "test: t.yaml:10:4: error: venue: 'zzz' is not one of: hall, home, "
	    "online\n"
	    "test: t.yaml:11:7: error: list: expected a scalar, not a "
	    "sequence\n"
	    "test: t.yaml:12:6: error: map: expected a sequence, not a map\n"
	    "test: t.yaml:1:4: error: n: expected a map, not a scalar\n"
	    "test: t.yaml: error: nope: missing; expected a scalar\n");
	assert_int_equal(care_cfg_errors(cfg), 14);
	care_cfg_free(cfg);
}

static const struct {
	const char	*text;
	long		 min, max, want;
	int		 rc;
} long_cases[] = {
	{ "0", 0, 10, 0, 0 },
	{ "+7", 0, 10, 7, 0 },
	{ "-3", -5, 5, -3, 0 },
	{ "010", 0, 100, 10, 0 },
	{ "-6", -5, 5, 0, -1 },
	{ "11", 0, 10, 0, -1 },
	{ "9223372036854775807", 0, 9223372036854775807L, 9223372036854775807L,
	  0 },
	{ "-", 0, 10, 0, -1 },
	{ " 1", 0, 10, 0, -1 },
	{ "1.0", 0, 10, 0, -1 },
	{ "0x10", 0, 100, 0, -1 },
	{ "", 0, 10, 0, -1 },
	{ "１", 0, 10, 0, -1 },
};

static void
test_long_table(void **state)
{
	struct care_cfg *cfg;
	struct care_cfg_node node;
	size_t i;
	long v;

	(void)state;
	cfg = load("a: 1\n");
	for (i = 0; i < sizeof(long_cases) / sizeof(long_cases[0]); i++) {
		memset(&node, 0, sizeof(node));
		node.type = CARE_CFG_SCALAR;
		node.line = node.col = 1;
		node.value = (char *)(uintptr_t)long_cases[i].text;
		v = 0;
		if (care_cfg_long(cfg, &node, "n", long_cases[i].min,
		    long_cases[i].max, &v) != long_cases[i].rc)
			fail_msg("case %zu '%s'", i, long_cases[i].text);
		assert_int_equal(v, long_cases[i].want);
	}
	care_cfg_free(cfg);
}

static const struct {
	const char	*text;
	double		 want;
	int		 rc;
} double_cases[] = {
	{ "0.5", 0.5, 0 },
	{ "-1e-3", -0.001, 0 },
	{ ".5", 0.5, 0 },
	{ "5.", 5.0, 0 },
	{ "+2E2", 200.0, 0 },
	{ "7", 7.0, 0 },
	{ "inf", 0, -1 },
	{ "nan", 0, -1 },
	{ "0x1p3", 0, -1 },
	{ "1e", 0, -1 },
	{ ".", 0, -1 },
	{ "1 ", 0, -1 },
	{ "", 0, -1 },
	{ "1000.5", 0, -1 },
};

static void
test_double_table(void **state)
{
	struct care_cfg *cfg;
	struct care_cfg_node node;
	size_t i;
	double v;

	(void)state;
	cfg = load("a: 1\n");
	for (i = 0; i < sizeof(double_cases) / sizeof(double_cases[0]); i++) {
		memset(&node, 0, sizeof(node));
		node.type = CARE_CFG_SCALAR;
		node.line = node.col = 1;
		node.value = (char *)(uintptr_t)double_cases[i].text;
		v = 0;
		if (care_cfg_double(cfg, &node, "d", -1000, 1000, &v) !=
		    double_cases[i].rc)
			fail_msg("case %zu '%s'", i, double_cases[i].text);
		assert_true(v == double_cases[i].want);
	}
	care_cfg_free(cfg);
}

static void
test_bool(void **state)
{
	static const char *const texts[] = { "true", "True", "YES", "yes",
	    "false", "FALSE", "no", "No", NULL };
	struct care_cfg *cfg;
	struct care_cfg_node node;
	int i, v;

	(void)state;
	cfg = load("a: 1\n");
	for (i = 0; texts[i] != NULL; i++) {
		memset(&node, 0, sizeof(node));
		node.type = CARE_CFG_SCALAR;
		node.value = (char *)(uintptr_t)texts[i];
		v = -1;
		assert_int_equal(care_cfg_bool(cfg, &node, "b", &v), 0);
		assert_int_equal(v, i < 4);
	}
	assert_int_equal(care_cfg_errors(cfg), 0);
	care_cfg_free(cfg);
}

static void
test_nearest(void **state)
{
	static const char *const keys[] = { "weight", "label", "online",
	    "年齢", "性別", NULL };
	static const struct {
		const char	*word;
		const char	*want;
	} cases[] = {
		{ "weihgt", "weight" },
		{ "wieght", "weight" },
		{ "weigth", "weight" },
		{ "wait", NULL },
		{ "lable", "label" },
		{ "onlin", "online" },
		{ "年令", "年齢" },
		{ "x", NULL },
		{ "", NULL },
		/* Longer than 64 characters: never compared. */
		{ "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
		  "abcdefghijklm", NULL },
	};
	size_t i;
	const char *got;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = care_cfg_nearest(cases[i].word, keys);
		if (cases[i].want == NULL && got != NULL)
			fail_msg("'%s': got '%s'", cases[i].word, got);
		if (cases[i].want != NULL && (got == NULL ||
		    strcmp(got, cases[i].want) != 0))
			fail_msg("'%s': got '%s'", cases[i].word,
			    got != NULL ? got : "(null)");
	}
}

static void
test_valid(void **state)
{
	static const char *const venues[] = { "hall", "home", NULL };
	struct care_cfg *cfg;
	const struct care_cfg_node *r, *v, *cards;
	const char *s;
	long l;
	double d;
	int b, e;

	(void)state;
	cfg = care_cfg_load(TEST_DATADIR "/config/valid.yaml");
	assert_non_null(cfg);
	assert_string_equal(care_cfg_file(cfg),
	    TEST_DATADIR "/config/valid.yaml");
	r = care_cfg_root(cfg);
	assert_int_equal(care_cfg_long(cfg, care_cfg_get(r,
	    "fiscal_year_start"), "fiscal_year_start", 1, 12, &l), 0);
	assert_int_equal(l, 4);
	assert_int_equal(care_cfg_str(cfg, care_cfg_get(r, "title"), "title",
	    &s), 0);
	assert_string_equal(s, "人生会議 ワークショップ");
	assert_true(care_cfg_get(r, "title")->quoted);
	v = care_cfg_get(r, "venues");
	assert_int_equal(care_cfg_expect(cfg, v, "venues", CARE_CFG_SEQ), 0);
	assert_int_equal(v->n, 2);
	assert_int_equal(care_cfg_check_keys(cfg, v->items[1], "venue",
	    venue_keys, venue_required), 0);
	assert_int_equal(care_cfg_enum(cfg, care_cfg_get(v->items[1], "id"),
	    "id", venues, &e), 0);
	assert_int_equal(e, 1);
	assert_string_equal(care_cfg_get(v->items[0], "label")->value,
	    "公民館");
	assert_false(care_cfg_get(v->items[0], "label")->quoted);
	assert_string_equal(care_cfg_get(v->items[1], "label")->value,
	    "ご自宅");
	assert_int_equal(care_cfg_double(cfg, care_cfg_get(v->items[1],
	    "weight"), "weight", -1, 1, &d), 0);
	assert_true(d == -0.75);
	assert_int_equal(care_cfg_bool(cfg, care_cfg_get(v->items[0],
	    "online"), "online", &b), 0);
	assert_int_equal(b, 0);
	assert_int_equal(care_cfg_bool(cfg, care_cfg_get(v->items[1],
	    "online"), "online", &b), 0);
	assert_int_equal(b, 1);
	assert_int_equal(care_cfg_get(v->items[1], "weight")->line, 11);
	assert_int_equal(care_cfg_get(v->items[1], "weight")->col, 13);
	cards = care_cfg_get(r, "cards");
	assert_int_equal(cards->n, 2);
	assert_string_equal(cards->items[1]->value, "家族との時間");
	assert_int_equal(cards->items[1]->col, 19);
	assert_string_equal(care_cfg_get(r, "note")->value,
	    "一行目\n二行目\n");
	assert_null(care_cfg_get(r, "missing"));
	assert_null(care_cfg_get(cards, "cards"));
	assert_int_equal(care_cfg_errors(cfg), 0);
	assert_string_equal(captured(), "");
	care_cfg_free(cfg);
}

static void
test_files(void **state)
{
	char path[] = "/tmp/test_config_XXXXXX";
	int fd;

	(void)state;
	assert_null(care_cfg_load("/nonexistent/x.yaml"));
	assert_string_equal(captured(),
	    "test: /nonexistent/x.yaml: No such file or directory\n");

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 16L * 1024 * 1024 + 1), 0);
	close(fd);
	assert_null(care_cfg_load(path));
	unlink(path);
	assert_non_null(strstr(captured(),
	    ": file is too large (more than 16 MiB)\n"));
	assert_int_equal(care_diag_count(CARE_DIAG_FATAL), 2);
	assert_int_equal(care_diag_getrc(), CARE_EXIT_TROUBLE);
}

static void
test_report(void **state)
{
	struct care_cfg *cfg;
	const struct care_cfg_node *r;

	(void)state;
	cfg = load("a:\n  b: 1\n");
	r = care_cfg_root(cfg);
	care_cfg_warn(cfg, care_cfg_get(r, "a"), "look at '%s'", "a");
	care_cfg_error(cfg, care_cfg_get(care_cfg_get(r, "a"), "b"),
	    "bad '%s'", "b");
	care_cfg_error(cfg, NULL, "whole file");
	assert_string_equal(captured(),
	    "test: t.yaml:2:3: warning: look at 'a'\n"
	    "test: t.yaml:2:6: error: bad 'b'\n"
	    "test: t.yaml: error: whole file\n");
	assert_int_equal(care_cfg_errors(cfg), 2);
	care_cfg_free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load_errors, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_tree_after_refusals, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_deep_nesting, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_many_keys, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_key, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_check_keys, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_types, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_long_table, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_double_table, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_bool, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_nearest, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_valid, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_files, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_report, capture_setup,
		    capture_teardown),
	};

	care_setprogname("test");
	return cmocka_run_group_tests_name("care_config", tests, NULL, NULL);
}
