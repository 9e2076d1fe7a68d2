/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for care_guide: checks, areas, 50音順, grouping, writers, diff. */
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
#include "care_guide.h"
#include "care_guide_int.h"
#include "capture.h"

#define DATA(f)	TEST_DATADIR "/guide/" f

static struct care_guide_cfg *cfg;
static struct care_guide *gb;

static int
setup(void **state)
{
	(void)state;
	capture();
	care_setprogname("guidebook-render");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	care_guide_free(gb);
	care_guide_cfg_free(cfg);
	gb = NULL;
	cfg = NULL;
	release();
	return 0;
}

/* Loads order.yaml, reads order.csv and builds the guidebook. */
static void
build(void)
{
	cfg = care_guide_cfg_load(DATA("order.yaml"));
	assert_non_null(cfg);
	gb = care_guide_new(cfg);
	assert_int_equal(care_guide_read(gb, 0, NULL), 0);
	assert_int_equal(care_guide_build(gb), 0);
}

/* Writes the guidebook in fmt into a new string. */
static char *
render(enum care_guide_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_int_equal(care_guide_write(gb, fp, fmt), 0);
	fclose(fp);
	return buf;
}

static void
test_phone(void **state)
{
	static const struct { const char *s; int ok; } t[] = {
		{ "042-300-0001", 0 }, { "0423000001", 0 },
		{ "090-1234-5678", 0 }, { "03-3900-1111", 0 },
		{ "042-300", -1 }, { "42-300-0001", -1 },
		{ "042--300-0001", -1 }, { "042-300-0001-", -1 },
		{ "090-1234-567", -1 }, { "042(300)0001", -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(care_guide_check_phone(t[i].s), t[i].ok);
}

static void
test_postal(void **state)
{
	char out[9];

	(void)state;
	assert_int_equal(care_guide_check_postal("199-0001", out), 0);
	assert_string_equal(out, "199-0001");
	assert_int_equal(care_guide_check_postal("1990002", out), 0);
	assert_string_equal(out, "199-0002");
	assert_int_equal(care_guide_check_postal("〒199-0003", out), 0);
	assert_string_equal(out, "199-0003");
	assert_int_equal(care_guide_check_postal("19-0001", out), -1);
	assert_int_equal(care_guide_check_postal("1990-001", out), -1);
	assert_int_equal(care_guide_check_postal("199-00011", out), -1);
}

static void
test_order_and_groups(void **state)
{
	const struct guide_out *o;

	(void)state;
	build();
	o = &gb->out[0];
	/* 北部, 南部, then the unmatched group; 50音順 within each. */
	assert_int_equal(o->ngrp, 3);
	assert_string_equal(o->grp[0].label, "北部");
	assert_int_equal(o->grp[0].nrow, 3);
	assert_string_equal(o->grp[0].row[0].cell[0], "はな");
	assert_string_equal(o->grp[0].row[1].cell[0], "ばら");
	assert_string_equal(o->grp[0].row[2].cell[0], "ぱれっと");
	assert_string_equal(o->grp[1].label, "南部");
	assert_string_equal(o->grp[1].row[0].cell[0], "<b>&\"x\"</b>");
	assert_string_equal(o->grp[1].row[1].cell[0],
	    "=HYPERLINK(\"http://x\")");
	/* No reading: sorted by its name, after the kana. */
	assert_string_equal(o->grp[1].row[2].cell[0], "漢字名");
	assert_string_equal(o->grp[2].label, "圏域不明");
	assert_string_equal(o->grp[2].row[0].cell[0], "はずれ");
	assert_string_equal(o->grp[0].row[2].cell[2], "○");
	assert_string_equal(o->grp[0].row[1].cell[2], "－");
	assert_string_equal(captured(),
	    "guidebook-render: " DATA("order.csv") ":9: error: field "
	    "'phone': malformed phone number '042-300'\n"
	    "guidebook-render: " DATA("order.csv") ":10: error: field "
	    "'postal': malformed postal code '19-0001'\n"
	    "guidebook-render: " DATA("order.csv") ":8: warning: address "
	    "'西町' is in no area; listed under '圏域不明'\n"
	    "guidebook-render: " DATA("order.csv") ":7: warning: no reading "
	    "in field 'kana'; sorted by 'name'\n");
	assert_int_equal(gb->dropped, 2);
	assert_int_equal(care_diag_getrc(), CARE_EXIT_DATA);
}

static void
test_csv_neutralized(void **state)
{
	char *s;

	(void)state;
	build();
	s = render(CARE_GUIDE_CSV);
	assert_non_null(strstr(s, "\"'=HYPERLINK(\"\"http://x\"\")\""));
	assert_null(strstr(s, ",=HYPERLINK"));
	assert_non_null(strstr(s, "section,group,key,名称,電話,24時間\n"));
	free(s);
}

static void
test_html_escaped(void **state)
{
	char *s;

	(void)state;
	build();
	s = render(CARE_GUIDE_HTML);
	assert_non_null(strstr(s, ">&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;<"));
	assert_null(strstr(s, "<b>"));
	assert_non_null(strstr(s, "name=\"viewport\""));
	assert_non_null(strstr(s, "<p class=\"edition\">令和7年4月1日現在"));
	assert_non_null(strstr(s, "凡例　○：対応可　－：対応不可・未回答<br>"
	    "24時間：24時間対応"));
	free(s);
}

static void
test_diff(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	int werr;

	(void)state;
	build();
	assert_int_equal(care_guide_diff(gb, DATA("prev.csv"), fp,
	    CARE_GUIDE_CSV, &werr), 7);
	fclose(fp);
	assert_string_equal(buf, "change,section,key,name,field,old,new\n"
	    "added,一覧,3,はな,,,\n"
	    "changed,一覧,2,ばら,電話,042-300-9999,042-300-0002\n"
	    "added,一覧,4,\"<b>&\"\"x\"\"</b>\",,,\n"
	    "added,一覧,5,\"'=HYPERLINK(\"\"http://x\"\")\",,,\n"
	    "added,一覧,6,漢字名,,,\n"
	    "added,一覧,7,はずれ,,,\n"
	    "removed,一覧,99,閉所,,,\n");
	free(buf);
}

static void
test_config_errors(void **state)
{
	(void)state;
	assert_null(care_guide_cfg_load(DATA("bad.yaml")));
	assert_string_equal(captured(),
	    "guidebook-render: " DATA("bad.yaml") ":2:10: error: edition: "
	    "not a date: 'R7.2.30'\n"
	    "guidebook-render: " DATA("bad.yaml") ":8:5: error: unknown key "
	    "'fiel'; did you mean 'file'?\n"
	    "guidebook-render: " DATA("bad.yaml") ":13:5: error: unknown "
	    "field 'kana'\n");
}

/* Report numbers: as given, auto, fixed, percent; rounding; sign. */
static void
test_number(void **state)
{
	static const struct {
		const char	*v;
		enum guide_num	 num;
		int		 dec, sign;
		const char	*want;
	} c[] = {
		{ "0.62230476", GUIDE_NUM_PERCENT, 1, 0, "62.2" },
		{ "0.0625", GUIDE_NUM_PERCENT, 2, 0, "6.25" },
		{ "0.00125", GUIDE_NUM_PERCENT, 1, 0, "0.1" },
		{ "-0.0296", GUIDE_NUM_PERCENT, 1, 1, "-3.0" },
		{ "0.027", GUIDE_NUM_PERCENT, 1, 1, "+2.7" },
		{ "-0.0001", GUIDE_NUM_PERCENT, 1, 1, "0.0" },
		{ "3", GUIDE_NUM_AUTO, 1, 0, "3" },
		{ "187", GUIDE_NUM_AUTO, 1, 1, "+187" },
		{ "1.93103", GUIDE_NUM_AUTO, 1, 0, "1.9" },
		{ "2.25", GUIDE_NUM_FIXED, 1, 0, "2.3" },
		{ "-2.25", GUIDE_NUM_FIXED, 1, 0, "-2.3" },
		{ "3", GUIDE_NUM_FIXED, 2, 0, "3.00" },
		{ "0.5", GUIDE_NUM_GIVEN, 1, 0, "0.5" },
		{ "", GUIDE_NUM_PERCENT, 1, 0, "" },
		{ "baseline", GUIDE_NUM_PERCENT, 1, 0, "baseline" },
		{ "12abc", GUIDE_NUM_AUTO, 1, 0, "12abc" },
		{ "nan", GUIDE_NUM_AUTO, 1, 0, "nan" },
	};
	struct guide_numfmt f;
	struct care_buf b = CARE_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		f.num = c[i].num;
		f.decimals = c[i].dec;
		f.sign = c[i].sign;
		care_buf_clear(&b);
		care_buf_adds(&b, "");
		care_guide_number(&b, c[i].v, &f);
		assert_string_equal(b.p, c[i].want);
	}
	care_buf_free(&b);
}

/* Report cells: marks, percent_when, an empty line left out. */
static void
test_rcell(void **state)
{
	static const char *const head[] = { "kind", "estimate", "ci_lo",
		"ci_hi", "status" };
	static const char *const prop[] = { "proportion", "0.125", "0.1",
		"0.15", "achieved" };
	static const char *const cnt[] = { "count", "14", "", "", "odd" };
	static char mk[][16] = { "achieved", "◎ 達成" };
	char *marks[] = { mk[0], mk[1], NULL };
	static char pk[] = "kind", pv[] = "proportion";
	char *pvals[] = { pv, NULL };
	struct guide_column c;
	char *s;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.format = (char *)"{estimate}\n({ci_lo}–{ci_hi})";
	c.pct_format = (char *)"{estimate}%\n({ci_lo}–{ci_hi})";
	c.num.num = GUIDE_NUM_AUTO;
	c.num.decimals = 1;
	c.pct_col = pk;
	c.pct_values = pvals;
	s = care_guide_rcell(&c, head, 5, prop);
	assert_string_equal(s, "12.5%\n(10.0–15.0)");
	free(s);
	s = care_guide_rcell(&c, head, 5, cnt);
	assert_string_equal(s, "14");
	free(s);
	memset(&c, 0, sizeof(c));
	c.format = (char *)"{status}{nosuch}";
	c.marks = marks;
	s = care_guide_rcell(&c, head, 5, prop);
	assert_string_equal(s, "◎ 達成");
	free(s);
	s = care_guide_rcell(&c, head, 5, cnt);
	assert_string_equal(s, "odd");
	free(s);
}

/* acp-tally's CSV: one table per "# title", the note after it. */
static void
test_read_split(void **state)
{
	struct guide_data d;

	(void)state;
	memset(&d, 0, sizeof(d));
	assert_int_equal(care_guide_read_data(&d, DATA("split.csv"), 1), 0);
	assert_int_equal(d.nblk, 2);
	assert_string_equal(d.blk[0].title,
	    "sessions and participants by fiscal year");
	assert_string_equal(d.blk[0].note,
	    "rounding: half-up, integer; set aside: 0");
	assert_int_equal(d.blk[0].ncol, 5);
	assert_int_equal(d.blk[0].nrow, 3);
	assert_string_equal(d.blk[0].row[2][3], "482");
	assert_string_equal(d.blk[1].title,
	    "post questionnaire: =HYPERLINK(\"http://x\")");
	assert_int_equal(d.blk[1].ncol, 4);
	assert_string_equal(d.blk[1].row[1][0],
	    "<img src=x onerror=alert(1)>");
	assert_string_equal(d.blk[1].note, "rounding: half-up, integer; "
	    "set aside: 0; *: small group (n < 30)");
	care_guide_data_free(&d);
}

/* "# key: value" lines before a table (provenance), BOM skipped. */
static void
test_read_keys(void **state)
{
	struct guide_data d;

	(void)state;
	memset(&d, 0, sizeof(d));
	assert_int_equal(care_guide_read_data(&d, DATA("keys.csv"), 0), 0);
	assert_int_equal(d.nblk, 1);
	assert_int_equal(d.blk[0].nkv, 3);
	assert_string_equal(d.blk[0].kv[0], "date");
	assert_string_equal(d.blk[0].kv[1], "2025-04-01");
	assert_string_equal(d.blk[0].kv[3], "a.yaml, b.yaml");
	assert_string_equal(d.blk[0].kv[4], "bare");
	assert_string_equal(d.blk[0].kv[5], "");
	assert_string_equal(d.blk[0].head[0], "file");
	assert_string_equal(d.blk[0].row[0][0], "a,b.csv");
	assert_string_equal(d.blk[0].row[0][2], "12");
	care_guide_data_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_postal),
		cmocka_unit_test_setup_teardown(test_order_and_groups, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_csv_neutralized, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_html_escaped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_diff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_errors, setup,
		    teardown),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_rcell),
		cmocka_unit_test(test_read_split),
		cmocka_unit_test(test_read_keys),
	};

	return cmocka_run_group_tests_name("care_guide", tests, NULL, NULL);
}
