/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for care_err: message format, escaping and the exit status. */
#include <config.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "care_err.h"

static char *captured;
static size_t capturedlen;
static FILE *capture;

static int
setup(void **state)
{
	(void)state;
	care_diag_reset();
	care_setprogname("/usr/bin/survey-ingest");
	capture = open_memstream(&captured, &capturedlen);
	care_diag_setstream(capture);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	care_diag_setstream(NULL);
	fclose(capture);
	free(captured);
	captured = NULL;
	return 0;
}

static const char *
output(void)
{
	fflush(capture);
	return captured;
}

static void
test_format(void **state)
{
	(void)state;
	care_diag(CARE_DIAG_ERROR, "needs.csv", 12, 0,
	    "field '%s': not a number: '%s'", "age", "十二");
	care_diag(CARE_DIAG_WARN, "acp.yaml", 4, 7, "unknown key '%s'", "x");
	care_diag(CARE_DIAG_FATAL, "a.csv", 0, 0, "No such file or directory");
	care_errx("invalid number '%s'", "x");
	care_warnx("ignoring '%s'", "y");
	assert_string_equal(output(),
	    "survey-ingest: needs.csv:12: error: field 'age': not a number: "
	    "'十二'\n"
	    "survey-ingest: acp.yaml:4:7: warning: unknown key 'x'\n"
	    "survey-ingest: a.csv: error: No such file or directory\n"
	    "survey-ingest: invalid number 'x'\n"
	    "survey-ingest: warning: ignoring 'y'\n");
}

static void
test_errno(void **state)
{
	(void)state;
	errno = ENOENT;
	care_err("%s", "x.csv");
	assert_string_equal(output(),
	    "survey-ingest: x.csv: No such file or directory\n");
	assert_int_equal(care_diag_getrc(), CARE_EXIT_TROUBLE);
}

/* A hostile field must not reach the terminal as control characters. */
static void
test_escape(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
		{ "\x1b[2J", "\\x1b[2J" },
		{ "a\nb\tc\rd", "a\\nb\\tc\\rd" },
		{ "\x7f", "\\x7f" },
		{ "\xc2\x9b" "31m", "\\u009b31m" },	/* C1 CSI */
		{ "\x82\xa0", "\\x82\\xa0" },		/* CP932 あ */
		{ "\xe9\xab\x99\xef\xa8\x91", "髙﨑" },
		{ "\xed\xa0\x80", "\\xed\\xa0\\x80" },	/* surrogate */
		{ "\xc0\xaf", "\\xc0\\xaf" },		/* overlong */
	};
	size_t i;
	char *e;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		e = care_diag_escape(cases[i].in, strlen(cases[i].in));
		assert_string_equal(e, cases[i].out);
		free(e);
	}
	care_diag(CARE_DIAG_ERROR, "f\x1b.csv", 3, 0, "value '%s'", "\x1b]0;x\a");
	assert_string_equal(output(),
	    "survey-ingest: f\\x1b.csv:3: error: value '\\x1b]0;x\\x07'\n");
}

static void
test_levels(void **state)
{
	(void)state;
	assert_int_equal(care_diag_getrc(), CARE_EXIT_OK);
	care_diag(CARE_DIAG_NOTE, NULL, 0, 0, "n");
	care_diag(CARE_DIAG_WARN, NULL, 0, 0, "w");
	assert_int_equal(care_diag_getrc(), CARE_EXIT_OK);
	care_diag(CARE_DIAG_ERROR, NULL, 0, 0, "e");
	assert_int_equal(care_diag_getrc(), CARE_EXIT_DATA);
	care_diag(CARE_DIAG_FATAL, NULL, 0, 0, "f");
	assert_int_equal(care_diag_getrc(), CARE_EXIT_TROUBLE);
	/* A later, milder problem never lowers the status. */
	care_diag(CARE_DIAG_ERROR, NULL, 0, 0, "e");
	assert_int_equal(care_diag_getrc(), CARE_EXIT_TROUBLE);
	assert_int_equal(care_diag_count(CARE_DIAG_ERROR), 2);
	assert_int_equal(care_diag_count(CARE_DIAG_WARN), 1);
	care_diag_reset();
	care_diag_setrc(CARE_EXIT_DATA);
	assert_int_equal(care_diag_getrc(), CARE_EXIT_DATA);
}

/* A summary line: no level word, escaped, no effect on the status. */
static void
test_summary(void **state)
{
	(void)state;
	care_diag_summary("%s: %s", "needs-2025.csv",
	    "3120 records, 3107 written, 13 rejected (rejects.csv)");
	care_diag_summary("%s: %lu records", "a\x1b[2J.csv", 0UL);
	care_diag_summary("%s: %s", "\xe9\xab\x99\xef\xa8\x91.csv", "\x82");
	assert_string_equal(output(),
	    "survey-ingest: needs-2025.csv: 3120 records, 3107 written, 13 "
	    "rejected (rejects.csv)\n"
	    "survey-ingest: a\\x1b[2J.csv: 0 records\n"
	    "survey-ingest: 髙﨑.csv: \\x82\n");
	assert_int_equal(care_diag_getrc(), CARE_EXIT_OK);
	assert_int_equal(care_diag_count(CARE_DIAG_NOTE), 0);
	assert_int_equal(care_diag_count(CARE_DIAG_WARN), 0);
	assert_int_equal(care_diag_count(CARE_DIAG_ERROR), 0);
	assert_int_equal(care_diag_count(CARE_DIAG_FATAL), 0);
	/* A status raised before stays as it was. */
	care_diag_setrc(CARE_EXIT_DATA);
	care_diag_summary("%s", "x");
	assert_int_equal(care_diag_getrc(), CARE_EXIT_DATA);
}

/*
 * Messages a worker process formatted into its own stream come out
 * byte for byte, in their place, and count for nothing here: the
 * caller raises the status the worker saw.
 */
static void
test_write(void **state)
{
	static const char worker[] = "survey-ingest: b.csv:9: error: x\n";

	(void)state;
	care_diag(CARE_DIAG_WARN, "a.csv", 1, 0, "first");
	care_diag_write(worker, sizeof(worker) - 1);
	care_diag(CARE_DIAG_NOTE, NULL, 0, 0, "last");
	assert_string_equal(output(), "survey-ingest: a.csv:1: warning: "
	    "first\nsurvey-ingest: b.csv:9: error: x\nsurvey-ingest: note: "
	    "last\n");
	assert_int_equal(care_diag_getrc(), CARE_EXIT_OK);
	assert_int_equal(care_diag_count(CARE_DIAG_ERROR), 0);
}

/* Runs care_exit() in a child whose stdout is path; returns its status. */
static int
exit_status_writing_to(const char *path, int (*body)(void))
{
	pid_t pid;
	int status;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		if (freopen(path, "w", stdout) == NULL)
			_exit(99);
		care_diag_setstream(fopen("/dev/null", "w"));
		_exit(body());
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static int
print_and_exit(void)
{
	care_diag_reset();
	printf("some output\n");
	return care_exit();
}

static int
print_with_data_error(void)
{
	care_diag_reset();
	care_diag(CARE_DIAG_ERROR, "x", 1, 0, "bad record");
	printf("some output\n");
	return care_exit();
}

static void
test_exit_full_disk(void **state)
{
	(void)state;
	assert_int_equal(exit_status_writing_to("/dev/full", print_and_exit),
	    CARE_EXIT_TROUBLE);
	assert_int_equal(exit_status_writing_to("/dev/null", print_and_exit),
	    CARE_EXIT_OK);
	assert_int_equal(exit_status_writing_to("/dev/null",
	    print_with_data_error), CARE_EXIT_DATA);
	assert_int_equal(exit_status_writing_to("/dev/full",
	    print_with_data_error), CARE_EXIT_TROUBLE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_format, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errno, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escape, setup, teardown),
		cmocka_unit_test_setup_teardown(test_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_full_disk, setup,
		    teardown),
	};

	return cmocka_run_group_tests_name("care_err", tests, NULL, NULL);
}
