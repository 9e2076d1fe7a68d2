/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for care_acp: acp.yaml, tallying, contradictions, tables. */
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

#include "care_acp.h"
#include "care_acp_int.h"
#include "care_err.h"
#include "capture.h"

#define DATA(f)	TEST_DATADIR "/acp/" f

/* The configuration and tally of the current test, freed in teardown. */
static struct care_acp_cfg *cfg;
static struct care_acp *tal;

static int
setup(void **state)
{
	(void)state;
	capture();
	care_setprogname("acp-tally");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	care_acp_free(tal);
	care_acp_cfg_free(cfg);
	tal = NULL;
	cfg = NULL;
	release();
	return 0;
}

/* Tallies files with options and returns the tables as a string. */
static char *
tally(const struct care_acp_opts *o, enum care_table_format fmt,
    const char *const *files)
{
	char *out = NULL;
	size_t len = 0, n;
	FILE *fp = open_memstream(&out, &len);

	cfg = care_acp_cfg_load(DATA("acp.yaml"));
	assert_non_null(cfg);
	tal = care_acp_new(cfg, o);
	for (n = 0; files[n] != NULL; n++)
		continue;
	assert_int_equal(care_acp_read(tal, (char *const *)files, n), 0);
	assert_int_equal(care_acp_write(tal, fp, fmt), 0);
	fclose(fp);
	return out;
}

/* Writes text to a fresh temporary file whose name goes to path. */
static void
scratch(char *path, size_t size, const char *text)
{
	int fd;

	(void)snprintf(path, size, "%s/test_acp.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static void
test_cfg(void **state)
{
	(void)state;
	cfg = care_acp_cfg_load(DATA("acp.yaml"));
	assert_non_null(cfg);
	assert_int_equal(care_acp_cfg_fy_start(cfg), 4);
	assert_int_equal(cfg->min_cell, 2);
	assert_int_equal(cfg->decimals, 0);
	assert_int_equal(cfg->round, CARE_ROUND_HALF_UP);
	assert_string_equal(cfg->src[SRC_CARDS], "acp-cards");
	assert_string_equal(cfg->sitem[SI_PARTICIPANTS], "participants");
	assert_string_equal(cfg->q[1].item, "after");
	assert_string_equal(cfg->q[0].item, "q1");
	assert_string_equal(cfg->no_answer, "無回答");
	assert_int_equal(cfg->deck.n, 3);
	assert_int_equal(cfg->open_centers, 1);
	assert_int_equal(care_acp_codes_find(&cfg->venues, "サロン"), 1);
	assert_int_equal(care_acp_codes_find(&cfg->venues, "v1"), 0);
	assert_int_equal(care_acp_codes_find(&cfg->venues, "v3"), -1);
	assert_string_equal(captured(), "");
}

static void
test_cfg_errors(void **state)
{
	(void)state;
	assert_null(care_acp_cfg_load(DATA("bad.yaml")));
	assert_string_equal(captured(),
	    "acp-tally: " DATA("bad.yaml") ":1:11: error: decimals: '2' is "
	    "out of range (0 to 1)\n"
	    "acp-tally: " DATA("bad.yaml") ":5:3: error: unknown key "
	    "'wieght'; known keys: session, item, question, choices\n"
	    "acp-tally: " DATA("bad.yaml") ":7:20: error: deck: duplicate "
	    "code 'K1'\n");
}

static void
test_by_parse(void **state)
{
	static const struct {
		const char		*name;
		int			 rc;
		enum care_acp_by	 by;
	} cases[] = {
		{ "fy", 0, CARE_ACP_BY_FY },
		{ "center", 0, CARE_ACP_BY_CENTER },
		{ "venue", 0, CARE_ACP_BY_VENUE },
		{ "age", 0, CARE_ACP_BY_AGE },
		{ "sex", 0, CARE_ACP_BY_SEX },
		{ "centre", -1, CARE_ACP_BY_NONE },
		{ "", -1, CARE_ACP_BY_NONE },
	};
	enum care_acp_by by;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		by = CARE_ACP_BY_NONE;
		assert_int_equal(care_acp_by_parse(cases[i].name, &by),
		    cases[i].rc);
		assert_int_equal(by, cases[i].by);
	}
}

static void
test_tally(void **state)
{
	static const char *const files[] = { DATA("all.csv"), NULL };
	struct care_acp_opts o = { 0 };
	char *out;

	(void)state;
	out = tally(&o, CARE_TABLE_CSV, files);
	assert_string_equal(out,
	    "# sessions and participants by fiscal year\n"
	    "fy,sessions,sessions_share,participants,participants_share\n"
	    "2023年度,1,50,2,40\n"
	    "2024年度,1,50,3,60\n"
	    "total,2,100,5,100\n"
	    "# rounding: half-up, integer; set aside: 0\n"
	    "\n"
	    "# sessions and participants by centre\n"
	    "center,sessions,sessions_share,participants,participants_share\n"
	    "仙川,1,50,3,60\n"
	    "国領,1,50,2,40\n"
	    "total,2,100,5,100\n"
	    "# rounding: half-up, integer; set aside: 0\n"
	    "\n"
	    "# sessions and participants by venue\n"
	    "venue,sessions,sessions_share,participants,participants_share\n"
	    "出前講座,1,50,3,60\n"
	    "サロン,1,50,2,40\n"
	    "total,2,100,5,100\n"
	    "# rounding: half-up, integer; set aside: 0\n"
	    "\n"
	    "# pre questionnaire: q1\n"
	    "answer,n,share,flag\n"
	    "はい,1,33,*\n"
	    "いいえ,1,33,*\n"
	    "無回答,1,33,*\n"
	    "total,3,99,*\n"
	    "# rounding: half-up, integer; set aside: 0; x: shares withheld "
	    "(n < 2); *: small group (n < 4)\n"
	    "\n"
	    "# post questionnaire: after\n"
	    "answer,n,share,flag\n"
	    "考えた,1,50,*\n"
	    "その他,1,50,*\n"
	    "total,2,100,*\n"
	    "# rounding: half-up, integer; set aside: 0; x: shares withheld "
	    "(n < 2); *: small group (n < 4)\n"
	    "\n"
	    "# pre and post questionnaires of participants who answered both "
	    "(shares of the pre answer)\n"
	    "pre,post,n,share,flag\n"
	    "はい,考えた,1,x,x\n"
	    "はい,その他,0,x,x\n"
	    "無回答,考えた,0,x,x\n"
	    "無回答,その他,1,x,x\n"
	    "total,,2,,\n"
	    "# rounding: half-up, integer; set aside: 0; x: shares withheld "
	    "(n < 2); *: small group (n < 4)\n"
	    "\n"
	    "# card picks (top 2)\n"
	    "rank,card,label,picks,share,sheets,flag\n"
	    "1,K2,,2,67,3,*\n"
	    "1,K3,,2,67,3,*\n"
	    "# rounding: half-up, integer; set aside: 0 sheets, 0 picks; "
	    "x: shares withheld (n < 2); *: small group (n < 4)\n");
	assert_int_equal(tal->rows_read, 26);
	assert_int_equal(tal->rows_tallied, 26);
	assert_int_equal(tal->all.participants, 5);
	assert_int_equal(tal->all.ans[0][2], 1);	/* no answer */
	assert_string_equal(captured(), "");
	free(out);
}

/* Session log prepended to every contradiction case. */
#define LOG	"source,wave,respondent,item,value\n" \
	"acp-session,,S1,date,2024-06-01\nacp-session,,S1,center,c\n" \
	"acp-session,,S1,venue,v1\nacp-session,,S1,participants,2\n"

static const struct {
	const char	*name;
	const char	*csv;		/* after LOG (lines 2-5) */
	/* After "acp-tally: FILE:"; @ stands for FILE. */
	const char	*diag;
	unsigned long	 aside, tallied, picks_aside;
} contra[] = {
	{ "unknown session",
	    "acp-pre,,P1,session,S9\nacp-pre,,P1,q1,1\n",
	    "6: error: respondent 'P1': session 'S9' is not in the session log\n", 2, 4, 0 },
	{ "more questionnaires than participants",
	    "acp-post,,P1,session,S1\nacp-post,,P2,session,S1\n"
	    "acp-post,,P3,after,1\nacp-post,,P3,session,S1\n",
	    "8: error: respondent 'P3': session 'S1': more post questionnaires than its 2 "
	    "participants\n", 2, 6, 0 },
	{ "card outside the deck",
	    "acp-cards,,P1,session,S1\nacp-cards,,P1,card,K4\n"
	    "acp-cards,,P1,card,K1\n",
	    "7: error: respondent 'P1': card 'K4' is not in the deck\n", 1, 6, 1 },
	{ "card picked twice",
	    "acp-cards,,P1,card,K2\nacp-cards,,P1,session,S1\n"
	    "acp-cards,,P1,card,K2\n",
	    "8: error: respondent 'P1': card 'K2' picked twice by one "
	    "participant (first on line 6)\n", 1, 6, 1 },
	{ "answer not a choice",
	    "acp-pre,,P1,session,S1\nacp-pre,,P1,q1,3\n",
	    "7: error: respondent 'P1': 'q1': '3' is not one of the choices\n", 2, 4, 0 },
	/* A second record of version 1: read in any order, set aside. */
	{ "duplicate session",
	    "acp-pre,,P1,session,S1\nacp-pre,,P1,q1,1\n"
	    "acp-session,,S1,date,2024-06-02\n",
	    "8: note: respondent 'S1': its rows are not together (others at "
	    "@:2): reading the input again in any order\nacp-tally: @:8: "
	    "error: respondent 'S1': read again at @:8, after its record from "
	    "@:2: set aside, counted once\n", 1, 6, 0 },
	{ "repeated item",
	    "acp-pre,,P1,session,S1\nacp-pre,,P1,q1,1\nacp-pre,,P1,q1,2\n",
	    "8: error: respondent 'P1': item 'q1' repeated (first on line 7)\n", 3, 4, 0 },
};

/* A copy of s with every '@' replaced by path. */
static char *
subst(const char *s, const char *path)
{
	char *out = calloc(1, strlen(s) * (strlen(path) + 1) + 1), *o = out;

	assert_non_null(out);
	for (; *s != '\0'; s++)
		if (*s == '@')
			o = stpcpy(o, path);
		else
			*o++ = *s;
	return out;
}

static void
test_contradictions(void **state)
{
	struct care_acp_opts o = { 0 };
	char path[256], *text, *want, *prefix, *out;
	const char *files[2] = { path, NULL };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(contra) / sizeof(contra[0]); i++) {
		print_message("case %s\n", contra[i].name);
		if (asprintf(&text, "%s%s", LOG, contra[i].csv) < 0)
			fail();
		scratch(path, sizeof(path), text);
		out = tally(&o, CARE_TABLE_CSV, files);
		prefix = subst(contra[i].diag, path);
		if (asprintf(&want, "acp-tally: %s:%s", path, prefix) < 0)
			fail();
		assert_string_equal(captured(), want);
		assert_int_equal(tal->rows_aside, contra[i].aside);
		assert_int_equal(tal->rows_tallied, contra[i].tallied);
		assert_int_equal(tal->picks_aside, contra[i].picks_aside);
		assert_int_equal(care_diag_getrc(), CARE_EXIT_DATA);
		unlink(path);
		free(text);
		free(prefix);
		free(want);
		free(out);
		teardown(NULL);
		setup(NULL);
	}
}

static void
test_filter(void **state)
{
	static const char *const files[] = { DATA("all.csv"), NULL };
	struct care_acp_opts o = { 0 };
	char *out;

	(void)state;
	o.fy = 2023;
	o.by = CARE_ACP_BY_VENUE;
	o.round_set = 1;
	o.round = CARE_ROUND_LARGEST_REMAINDER;
	out = tally(&o, CARE_TABLE_CSV, files);
	assert_int_equal(tal->rows_outside, 4 + 4 + 2 + 6);
	assert_int_equal(tal->rows_tallied, 4 + 2 + 2 + 2);
	assert_int_equal(tal->all.sessions, 1);
	assert_int_equal(tal->all.sheets, 1);
	assert_non_null(strstr(out, "\nサロン,1,100,2,100\n"));
	assert_non_null(strstr(out, "rounding: largest-remainder, integer"));
	assert_non_null(strstr(out, "\n# card picks by venue (top 2)\n"
	    "venue,rank,card,label,picks,share,sheets,flag\n"
	    "サロン,1,K1,,1,x,1,x\n"));
	assert_int_equal(care_diag_getrc(), CARE_EXIT_OK);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cfg, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cfg_errors, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_by_parse, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_tally, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contradictions, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_filter, setup, teardown),
	};

	return cmocka_run_group_tests_name("care_acp", tests, NULL, NULL);
}
