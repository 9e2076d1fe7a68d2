/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for care_project: carekit.yaml checks, the plan and its quoting. */
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

#include "care_err.h"
#include "care_project.h"
#include "capture.h"

#define PROJ	TEST_DATADIR "/project"

static void
test_quote(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "survey-ingest", "survey-ingest" },
		{ "long/a_b.csv", "long/a_b.csv" },
		{ "", "''" },
		{ "a b", "'a b'" },
		{ "it's", "'it'\\''s'" },
		{ "会議", "'会議'" },
		{ "$HOME `x` \"y\"", "'$HOME `x` \"y\"'" },
		{ "~user", "'~user'" },
		{ "a;b|c&d", "'a;b|c&d'" },
	};
	size_t i;
	char *q;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		q = care_project_quote(cases[i].in);
		assert_string_equal(q, cases[i].out);
		free(q);
	}
}

static void
test_load(void **state)
{
	struct care_project *p;
	const struct care_project_step *s;
	static const char *const argv[] = { "survey-ingest", "-c",
	    TEST_DATADIR "/../../share/instruments/meeting/codebook.yaml", "-w",
	    "令和7年度 'q'", "-r", "rejects/meeting.csv", "-o",
	    "long/meeting.csv", PROJ "/data/会議 it's \"x\".csv" };
	char real[4096];
	size_t i;

	(void)state;
	p = care_project_load(PROJ "/carekit.yaml");
	assert_non_null(p);
	assert_string_equal(captured(), "");
	assert_int_equal(care_project_nsteps(p), 3);
	s = care_project_step(p, 0);
	assert_string_equal(s->name, "ingest:meeting");
	assert_int_equal(s->argc, 10);
	for (i = 0; i < s->argc; i++) {
		if (i == 2) {
			/* The codebook's path is the real one. */
			assert_non_null(realpath(argv[i], real));
			assert_string_equal(s->argv[i], real);
		} else if (i != 9)
			assert_string_equal(s->argv[i], argv[i]);
	}
	assert_non_null(strstr(s->argv[9], "/data/会議 it's \"x\".csv"));
	assert_null(s->argv[10]);
	assert_string_equal(care_project_step(p, 1)->name, "rejects-summary");
	assert_null(care_project_step(p, 1)->argv);
	assert_string_equal(care_project_step(p, 2)->name, "provenance");
	assert_null(care_project_step(p, 3));
	assert_int_equal(care_project_nfiles(p), 3);
	assert_string_equal(care_project_file(p, 0)->kind, "project");
	assert_string_equal(care_project_file(p, 1)->kind, "input");
	assert_string_equal(care_project_file(p, 2)->kind, "codebook");
	i = strlen(care_project_output(p));
	assert_true(i > 8);
	assert_string_equal(care_project_output(p) + i - 8, "/out dir");
	care_project_free(p);
}

static void
test_plan(void **state)
{
	struct care_project *p;
	char *text = NULL, *line;
	size_t len = 0;
	FILE *fp;

	(void)state;
	p = care_project_load(PROJ "/carekit.yaml");
	assert_non_null(p);
	fp = open_memstream(&text, &len);
	care_project_write_plan(p, fp);
	fclose(fp);
	assert_true(strncmp(text, "carekit-plan 1\nproject /", 24) == 0);
	assert_non_null(strstr(text, "/out dir'\nfile project /"));
	line = strstr(text, "\nstep ");
	assert_non_null(line);
	assert_non_null(strstr(line, " -w '令和7年度 '\\''q'\\''' -r "
	    "rejects/meeting.csv -o long/meeting.csv '/"));
	assert_non_null(strstr(line, "/data/会議 it'\\''s \"x\".csv'\n"
	    "builtin rejects-summary\nbuiltin provenance\n"));
	free(text);
	care_project_free(p);
}

/* Every error in one run, each with its line and column. */
static void
test_errors(void **state)
{
	static const char want[] =
	    "test: " PROJ "/bad/carekit.yaml:2:1: error: unknown key "
	    "'outptu'; did you mean 'output'?\n"
	    "test: " PROJ "/bad/carekit.yaml:5:11: error: file: "
	    "'no-such.csv': No such file or directory\n"
	    "test: " PROJ "/bad/carekit.yaml:7:15: error: encoding: 'sjis' "
	    "is not one of: auto, utf-8, cp932\n"
	    "test: " PROJ "/bad/carekit.yaml:8:11: error: input "
	    "'needs-2025' is already defined on line 4\n"
	    "test: " PROJ "/bad/carekit.yaml:13:12: error: no input "
	    "'needs-2052'; did you mean 'needs-2025'?\n"
	    "test: " PROJ "/bad/carekit.yaml:17:20: error: format: 'docx' "
	    "is not one of: pdf, html, text, md, csv\n";

	(void)state;
	assert_null(care_project_load(PROJ "/bad/carekit.yaml"));
	assert_string_equal(captured(), want);
	assert_int_equal(care_diag_count(CARE_DIAG_ERROR) +
	    care_diag_count(CARE_DIAG_FATAL), 6);
}

static void
test_missing(void **state)
{
	(void)state;
	assert_null(care_project_load(PROJ "/no-such/carekit.yaml"));
	assert_non_null(strstr(captured(), "no-such/carekit.yaml"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote),
		cmocka_unit_test_setup_teardown(test_load, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_plan, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_errors, capture_setup,
		    capture_teardown),
		cmocka_unit_test_setup_teardown(test_missing, capture_setup,
		    capture_teardown),
	};

	care_setprogname("test");
	return cmocka_run_group_tests_name("care_project", tests, NULL, NULL);
}
