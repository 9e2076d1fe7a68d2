/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for care_outfile: atomic replace, modes, errors and signals. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "care_err.h"
#include "care_outfile.h"

static char dir[] = "/tmp/test_outfile.XXXXXX";
static char target[64];
static char *captured;
static size_t capturedlen;
static FILE *capture;

static void
put_file(const char *path, const char *text)
{
	FILE *fp;

	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* The file's contents (static buffer), or "<missing>". */
static const char *
get_file(const char *path)
{
	static char buf[256];
	FILE *fp;
	size_t n;

	if ((fp = fopen(path, "r")) == NULL)
		return "<missing>";
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/*
 * The directory's entries, sorted and joined by spaces, with the random
 * part of a temporary's name shown as XXXXXX.
 */
static const char *
listing(void)
{
	static char buf[512];
	struct dirent **names;
	int i, n;
	size_t len;

	n = scandir(dir, &names, NULL, alphasort);
	assert_true(n >= 2);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 &&
		    strcmp(names[i]->d_name, "..") != 0) {
			if (buf[0] != '\0')
				strcat(buf, " ");
			strcat(buf, names[i]->d_name);
			len = strlen(names[i]->d_name);
			if (names[i]->d_name[0] == '.' && len > 6)
				memcpy(buf + strlen(buf) - 6, "XXXXXX", 6);
		}
		free(names[i]);
	}
	free(names);
	return buf;
}

static int
setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/test_outfile.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(target, sizeof(target), "%s/out.csv", dir);
	care_diag_reset();
	care_setprogname("indicator-calc");
	capture = open_memstream(&captured, &capturedlen);
	care_diag_setstream(capture);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	care_diag_setstream(NULL);
	fclose(capture);
	free(captured);
	captured = NULL;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *
diag_output(void)
{
	fflush(capture);
	return captured != NULL ? captured : "";
}

static void
test_stdout(void **state)
{
	struct care_outfile *of;
	const char *names[] = { NULL, "-" };
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		of = care_outfile_open(names[i], CARE_OUT_PRIVATE);
		assert_non_null(of);
		assert_ptr_equal(care_outfile_stream(of), stdout);
		assert_string_equal(care_outfile_name(of), "<stdout>");
		assert_int_equal(care_outfile_commit(of), 0);
	}
	of = care_outfile_open("-", 0);
	care_outfile_abort(of);
	assert_string_equal(diag_output(), "");
}

static void
test_commit(void **state)
{
	struct care_outfile *of;

	(void)state;
	put_file(target, "old\n");
	of = care_outfile_open(target, 0);
	assert_non_null(of);
	assert_string_equal(care_outfile_name(of), target);
	fputs("new\n", care_outfile_stream(of));
	fflush(care_outfile_stream(of));
	/* Until the commit, readers see the old file. */
	assert_string_equal(get_file(target), "old\n");
	assert_string_equal(listing(), ".out.csv.XXXXXX out.csv");
	assert_int_equal(care_outfile_commit(of), 0);
	assert_string_equal(get_file(target), "new\n");
	assert_string_equal(listing(), "out.csv");
	assert_string_equal(diag_output(), "");
}

static void
test_abort(void **state)
{
	struct care_outfile *of;

	(void)state;
	put_file(target, "old\n");
	of = care_outfile_open(target, 0);
	assert_non_null(of);
	fputs("partial", care_outfile_stream(of));
	care_outfile_abort(of);
	assert_string_equal(get_file(target), "old\n");
	assert_string_equal(listing(), "out.csv");

	/* Aborting a new file leaves nothing at all. */
	snprintf(target, sizeof(target), "%s/new.csv", dir);
	of = care_outfile_open(target, 0);
	assert_non_null(of);
	care_outfile_abort(of);
	assert_string_equal(listing(), "out.csv");
	assert_string_equal(diag_output(), "");
}

/* care_outfile_end: committed when written, else reported and aborted. */
static void
test_end(void **state)
{
	struct care_outfile *of;
	char want[160];

	(void)state;
	put_file(target, "old\n");
	of = care_outfile_open(target, 0);
	fputs("new\n", care_outfile_stream(of));
	assert_int_equal(care_outfile_end(of, 1), 0);
	assert_string_equal(get_file(target), "new\n");
	assert_int_equal(care_diag_getrc(), CARE_EXIT_OK);
	of = care_outfile_open(target, 0);
	fputs("partial", care_outfile_stream(of));
	errno = ENOSPC;
	assert_int_equal(care_outfile_end(of, 0), -1);
	assert_string_equal(get_file(target), "new\n");
	assert_string_equal(listing(), "out.csv");
	snprintf(want, sizeof(want), "indicator-calc: cannot write '%s': "
	    "No space left on device\n", target);
	assert_string_equal(diag_output(), want);
	assert_int_equal(care_diag_getrc(), CARE_EXIT_TROUBLE);
}

static void
test_modes(void **state)
{
	static const struct {
		mode_t umask;
		unsigned flags;
		mode_t mode;
	} cases[] = {
		{ 022, 0, 0644 },
		{ 027, 0, 0640 },
		{ 002, 0, 0664 },
		{ 077, 0, 0600 },
		{ 022, CARE_OUT_PRIVATE, 0600 },
		{ 000, CARE_OUT_PRIVATE, 0600 },
	};
	struct care_outfile *of;
	struct stat st;
	mode_t saved;
	size_t i;

	(void)state;
	saved = umask(022);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		umask(cases[i].umask);
		of = care_outfile_open(target, cases[i].flags);
		assert_non_null(of);
		fputs("x\n", care_outfile_stream(of));
		assert_int_equal(care_outfile_commit(of), 0);
		assert_int_equal(stat(target, &st), 0);
		assert_int_equal(st.st_mode & 07777, cases[i].mode);
		/* The umask is read, never changed. */
		assert_int_equal(umask(cases[i].umask), cases[i].umask);
	}
	umask(saved);
}

static void
test_open_error(void **state)
{
	char path[128], want[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/nodir/out.csv", dir);
	assert_null(care_outfile_open(path, 0));
	snprintf(want, sizeof(want), "indicator-calc: cannot write '%s': "
	    "No such file or directory\n", path);
	assert_string_equal(diag_output(), want);
	assert_int_equal(care_diag_count(CARE_DIAG_FATAL), 1);
	assert_int_equal(care_diag_getrc(), CARE_EXIT_TROUBLE);
	assert_string_equal(listing(), "");
}

/* The rename fails: the target is a directory. */
static void
test_rename_error(void **state)
{
	struct care_outfile *of;
	char want[256];

	(void)state;
	assert_int_equal(mkdir(target, 0755), 0);
	/* Refused at once, before any work is done. */
	of = care_outfile_open(target, 0);
	assert_null(of);
	snprintf(want, sizeof(want), "indicator-calc: cannot write '%s': "
	    "Is a directory\n", target);
	assert_string_equal(diag_output(), want);
	assert_string_equal(listing(), "out.csv");
}

/* The disk fills up: the stream's descriptor is pointed at /dev/full. */
static void
test_write_error(void **state)
{
	struct care_outfile *of;
	char want[256];
	int fd;

	(void)state;
	put_file(target, "old\n");
	of = care_outfile_open(target, 0);
	assert_non_null(of);
	fd = open("/dev/full", O_WRONLY);
	assert_true(fd >= 0);
	assert_true(dup2(fd, fileno(care_outfile_stream(of))) >= 0);
	close(fd);
	fputs("new\n", care_outfile_stream(of));
	assert_int_equal(care_outfile_commit(of), -1);
	snprintf(want, sizeof(want), "indicator-calc: cannot write '%s': "
	    "No space left on device\n", target);
	assert_string_equal(diag_output(), want);
	assert_string_equal(get_file(target), "old\n");
	assert_string_equal(listing(), "out.csv");
}

/* A device is written directly: renaming over it would replace it. */
static void
test_device(void **state)
{
	struct care_outfile *of;
	struct stat st;

	(void)state;
	of = care_outfile_open("/dev/full", CARE_OUT_PRIVATE);
	assert_non_null(of);
	fputs("new\n", care_outfile_stream(of));
	assert_int_equal(care_outfile_commit(of), -1);
	assert_string_equal(diag_output(), "indicator-calc: cannot write "
	    "'/dev/full': No space left on device\n");
	assert_int_equal(stat("/dev/full", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	of = care_outfile_open("/dev/null", 0);
	assert_non_null(of);
	fputs("new\n", care_outfile_stream(of));
	assert_int_equal(care_outfile_commit(of), 0);
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
}

/*
 * A child opens the target, writes and is killed by sig; returns its
 * wait status.  With ignore, the child ignores sig first and commits.
 */
static int
run_child(int sig, int ignore)
{
	struct care_outfile *of;
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (ignore)
			signal(sig, SIG_IGN);
		if ((of = care_outfile_open(target, 0)) == NULL)
			_exit(10);
		fputs("new\n", care_outfile_stream(of));
		fflush(care_outfile_stream(of));
		raise(sig);
		_exit(care_outfile_commit(of) == 0 ? 0 : 11);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void
test_signals(void **state)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	size_t i;
	int status;

	(void)state;
	put_file(target, "old\n");
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		status = run_child(sigs[i], 0);
		assert_true(WIFSIGNALED(status));
		assert_int_equal(WTERMSIG(status), sigs[i]);
		assert_string_equal(get_file(target), "old\n");
		assert_string_equal(listing(), "out.csv");
	}

	/* Under nohup, SIGHUP stays ignored and the run completes. */
	status = run_child(SIGHUP, 1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(get_file(target), "new\n");
	assert_string_equal(listing(), "out.csv");
}

int
main(void)
{
	/*
	 * The signal test comes first so that each child installs the
	 * handlers itself, as a fresh program does.
	 */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_signals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stdout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_error, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rename_error, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_write_error, setup,
		    teardown),
	};

	return cmocka_run_group_tests_name("care_outfile", tests, NULL, NULL);
}
