/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for care_csv: line numbers, encodings, malformed records. */
#include <config.h>

#include <sys/wait.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_csv.h"
#include "care_err.h"

#define DATA	TEST_DATADIR "/csv/"
#define MAXF	5

/* One expected record: lines, problem, fields (NULL-terminated). */
struct exp {
	unsigned long		 line, end;
	enum care_csv_problem	 problem;
	const char		*f[MAXF];
};

/* Captured diagnostics of the current case. */
static char	*diagbuf;
static size_t	 diaglen;
static FILE	*diagfp;

static int
setup(void **state)
{
	(void)state;
	care_setprogname("test_csv");
	care_diag_reset();
	diagfp = open_memstream(&diagbuf, &diaglen);
	care_diag_setstream(diagfp);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	care_diag_setstream(NULL);
	fclose(diagfp);
	free(diagbuf);
	diagbuf = NULL;
	return 0;
}

/* Compares the diagnostics with want, where "FILE" stands for path. */
static void
assert_diag(const char *want, const char *path)
{
	char *exp, *o;
	const char *w;

	fflush(diagfp);
	exp = care_malloc(strlen(want) * (strlen(path) + 1) + 1);
	for (w = want, o = exp; *w != '\0';) {
		if (strncmp(w, "FILE", 4) == 0) {
			o = stpcpy(o, path);
			w += 4;
		} else
			*o++ = *w++;
	}
	*o = '\0';
	assert_string_equal(diagbuf, exp);
	free(exp);
}

/* Reads all of csv and checks each record against exp[0..n). */
static void
check_records(struct care_csv *csv, const struct exp *exp, size_t n)
{
	struct care_csv_record rec;
	size_t i, j;

	for (i = 0; i < n; i++) {
		assert_int_equal(care_csv_read(csv, &rec), 1);
		assert_int_equal(rec.line, exp[i].line);
		assert_int_equal(rec.end_line, exp[i].end);
		assert_int_equal(rec.problem, exp[i].problem);
		for (j = 0; j < MAXF && exp[i].f[j] != NULL; j++) {
			assert_true(j < rec.nfields);
			assert_int_equal(rec.lens[j], strlen(exp[i].f[j]));
			assert_string_equal(rec.fields[j], exp[i].f[j]);
		}
		assert_int_equal(rec.nfields, j);
	}
	assert_int_equal(care_csv_read(csv, &rec), 0);
	assert_int_equal(care_csv_read(csv, &rec), 0);
}

static void
check_file(const char *name, enum care_encoding enc, const struct exp *exp,
    size_t n, const char *diag)
{
	struct care_csv *csv;
	char path[4096];

	snprintf(path, sizeof(path), "%s%s", DATA, name);
	csv = care_csv_open(path, enc);
	assert_non_null(csv);
	assert_string_equal(care_csv_name(csv), path);
	check_records(csv, exp, n);
	care_csv_close(csv);
	assert_diag(diag, path);
}

#define NEXP(e)	(sizeof(e) / sizeof((e)[0]))

static const struct exp plain[] = {
	{ 1, 1, CARE_CSV_OK, { "id", "name", "note" } },
	{ 2, 2, CARE_CSV_OK, { "1", "\xe9\xab\x99\xe6\xa9\x8b",
	    "\xe8\xa1\xa8\xe7\xa4\xba" } },
	{ 3, 3, CARE_CSV_OK, { "2", " spaced ", "quoted, comma" } },
	{ 4, 4, CARE_CSV_OK, { "3", "say \"hi\"", "" } }
};

/* LF, BOM with CRLF, and CR-only line ends give the same records. */
static void
test_line_ends(void **state)
{
	static const char *files[] = { "plain.csv", "bom_crlf.csv", "cr.csv" };
	static const enum care_encoding encs[] = { CARE_ENC_AUTO,
	    CARE_ENC_UTF8 };
	size_t i, j;

	for (i = 0; i < NEXP(files); i++)
		for (j = 0; j < NEXP(encs); j++) {
			check_file(files[i], encs[j], plain, NEXP(plain), "");
			teardown(state);
			setup(state);
		}
}

static const struct exp cp932[] = {
	{ 1, 1, CARE_CSV_OK, { "name", "text" } },
	{ 2, 2, CARE_CSV_OK, { "\xe9\xab\x99", "\xe9\xab\x99" } },  /* 髙 */
	{ 3, 3, CARE_CSV_OK, { "\xef\xa8\x91", "\xef\xa8\x91" } },  /* 﨑 */
	{ 4, 4, CARE_CSV_OK, { "\xe2\x91\xa0\xe3\x88\xb1\xe3\x8d\xbe",
	    "\xe8\xa1\xa8\xe3\x82\xbd\xe8\x83\xbd" } },	/* ①㈱㍾, 表ソ能 */
	{ 5, 5, CARE_CSV_OK, { "\xef\xbd\x9e", "\xef\xbc\x8d" } }   /* ～－ */
};

static void
test_cp932(void **state)
{
	struct care_csv *csv;

	(void)state;
	check_file("cp932.csv", CARE_ENC_CP932, cp932, NEXP(cp932), "");
	check_file("cp932.csv", CARE_ENC_AUTO, cp932, NEXP(cp932), "");
	csv = care_csv_open(DATA "cp932.csv", CARE_ENC_AUTO);
	assert_non_null(csv);
	assert_int_equal(care_csv_encoding(csv), CARE_ENC_CP932);
	care_csv_close(csv);
	csv = care_csv_open(DATA "plain.csv", CARE_ENC_AUTO);
	assert_non_null(csv);
	assert_int_equal(care_csv_encoding(csv), CARE_ENC_UTF8);
	care_csv_close(csv);
}

static void
test_unterminated(void **state)
{
	static const struct exp exp[] = {
		{ 1, 1, CARE_CSV_OK, { "a", "b", "c" } },
		{ 2, 2, CARE_CSV_OK, { "1", "2", "3" } },
		{ 3, 3, CARE_CSV_UNTERMINATED, { "4,\"5,6" } },
		{ 4, 4, CARE_CSV_OK, { "7", "8", "9" } },
		{ 5, 5, CARE_CSV_OK, { "10", "11", "12" } },
		{ 6, 6, CARE_CSV_OK, { "13", "14", "15" } }
	};

	(void)state;
	check_file("unterminated.csv", CARE_ENC_AUTO, exp, NEXP(exp),
	    "test_csv: FILE:3: error: unterminated quoted field swallowed "
	    "lines 3-6\n");
}

static void
test_stray_quote(void **state)
{
	static const struct exp exp[] = {
		{ 1, 1, CARE_CSV_OK, { "a", "b", "c" } },
		{ 2, 2, CARE_CSV_OK, { "1", "2", "3" } },
		{ 3, 3, CARE_CSV_QUOTE, { "4,5\"x,6" } },
		{ 4, 4, CARE_CSV_QUOTE, { "\"7\"8,9,10" } },
		{ 5, 5, CARE_CSV_OK, { "11", "12", "13" } }
	};

	(void)state;
	check_file("stray.csv", CARE_ENC_UTF8, exp, NEXP(exp),
	    "test_csv: FILE:3: error: stray quote in an unquoted field\n"
	    "test_csv: FILE:4: error: text after a closing quote\n");
}

static void
test_ragged(void **state)
{
	static const struct exp exp[] = {
		{ 1, 1, CARE_CSV_OK, { "a", "b", "c" } },
		{ 2, 2, CARE_CSV_RAGGED, { "1", "2" } },
		{ 3, 5, CARE_CSV_RAGGED, { "1", "2,3\n4,5,6\n7", "8", "9" } },
		{ 6, 6, CARE_CSV_OK, { "10", "11", "12" } }
	};
	struct care_csv *csv;

	(void)state;
	check_file("ragged.csv", CARE_ENC_AUTO, exp, NEXP(exp),
	    "test_csv: FILE:2: error: record has 2 fields, expected 3\n"
	    "test_csv: FILE:3: error: lines 3-5: record has 4 fields, "
	    "expected 3; an unbalanced quote may have joined lines\n");
	csv = care_csv_open(DATA "ragged.csv", CARE_ENC_AUTO);
	assert_int_equal(care_csv_width(csv), 0);
	check_records(csv, exp, NEXP(exp));
	assert_int_equal(care_csv_width(csv), 3);
	care_csv_close(csv);
}

/* Blank lines (LF and CRLF) count; a quoted field keeps its blank line. */
static void
test_blank_lines(void **state)
{
	static const struct exp exp[] = {
		{ 2, 2, CARE_CSV_OK, { "a", "b" } },
		{ 4, 4, CARE_CSV_OK, { "1", "2" } },
		{ 6, 8, CARE_CSV_OK, { "3", "x\n\ny" } },
		{ 11, 11, CARE_CSV_OK, { "4", "5" } }
	};

	(void)state;
	check_file("blank.csv", CARE_ENC_AUTO, exp, NEXP(exp), "");
}

static void
test_spaces(void **state)
{
	static const struct exp exp[] = {
		{ 1, 1, CARE_CSV_OK, { " a ", "\tb\t", " c " } },
		{ 2, 2, CARE_CSV_OK, { "1 ", " 2 ", "3" } }
	};

	(void)state;
	check_file("spaces.csv", CARE_ENC_UTF8, exp, NEXP(exp), "");
}

static void
test_undecodable(void **state)
{
	static const struct exp utf8[] = {
		{ 1, 1, CARE_CSV_OK, { "a", "b" } },
		{ 2, 2, CARE_CSV_UNDECODABLE, { "1", "\xe9t\xe9" } },
		{ 3, 3, CARE_CSV_OK, { "2", "ok" } }
	};
	static const struct exp cp[] = {
		{ 1, 1, CARE_CSV_OK, { "a", "b" } },
		{ 2, 2, CARE_CSV_UNDECODABLE, { "\x85@", "x" } },
		{ 3, 3, CARE_CSV_OK, { "\xe3\x81\x82", "y" } }	/* あ */
	};

	check_file("utf8bad.csv", CARE_ENC_UTF8, utf8, NEXP(utf8),
	    "test_csv: FILE:2: error: field 2: not valid UTF-8\n");
	teardown(state);
	setup(state);
	check_file("cp932bad.csv", CARE_ENC_CP932, cp, NEXP(cp),
	    "test_csv: FILE:2: error: field 1: not valid CP932: byte 0x85\n");
}

/* Auto mode refuses input that is neither encoding, naming the line. */
static void
test_auto_invalid(void **state)
{
	char path[4096];

	(void)state;
	snprintf(path, sizeof(path), "%s%s", DATA, "invalid.csv");
	assert_null(care_csv_open(path, CARE_ENC_AUTO));
	assert_diag("test_csv: FILE:3: error: neither UTF-8 nor CP932\n",
	    path);
	assert_int_equal(care_diag_getrc(), CARE_EXIT_TROUBLE);
}

static void
test_open_error(void **state)
{
	(void)state;
	assert_null(care_csv_open(DATA "no-such-file.csv", CARE_ENC_UTF8));
	assert_diag("test_csv: FILE: error: cannot open: No such file or "
	    "directory\n", DATA "no-such-file.csv");
}

/* Writes len bytes of s to a new temporary file; returns its path. */
static char *
write_temp(const char *s, size_t len)
{
	char *path = care_strdup("/tmp/test_csv.XXXXXX");
	int fd;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, len), (ssize_t)len);
	close(fd);
	return path;
}

static void
test_nul_byte(void **state)
{
	static const char data[] = "a,b\n1,x\0y\n2,y\n";
	struct care_csv_record rec;
	struct care_csv *csv;
	char *path;

	(void)state;
	path = write_temp(data, sizeof(data) - 1);
	csv = care_csv_open(path, CARE_ENC_AUTO);
	assert_non_null(csv);
	assert_int_equal(care_csv_read(csv, &rec), 1);
	assert_int_equal(care_csv_read(csv, &rec), 1);
	assert_int_equal(rec.problem, CARE_CSV_UNDECODABLE);
	assert_int_equal(rec.line, 2);
	assert_int_equal(rec.nfields, 2);
	assert_int_equal(rec.lens[1], 3);
	assert_memory_equal(rec.fields[1], "x\0y", 4);
	assert_int_equal(care_csv_read(csv, &rec), 1);
	assert_int_equal(rec.problem, CARE_CSV_OK);
	assert_int_equal(rec.line, 3);
	assert_int_equal(care_csv_read(csv, &rec), 0);
	care_csv_close(csv);
	assert_diag("test_csv: FILE:2: error: field 2: contains a NUL byte\n",
	    path);
	unlink(path);
	free(path);
}

/*
 * A field over the limit and a record with too many fields are flagged
 * and skipped to their end; the records after them are kept.
 */
static void
test_too_big(void **state)
{
	static const struct exp exp[] = {
		{ 1, 1, CARE_CSV_OK, { "a", "b" } },
		{ 2, 2, CARE_CSV_TOO_BIG, { "1" } },
		{ 3, 3, CARE_CSV_OK, { "2", "ok" } },
		{ 4, 6, CARE_CSV_TOO_BIG, { "3" } },
		{ 7, 7, CARE_CSV_OK, { "4", "ok" } }
	};
	struct care_csv_record rec;
	struct care_csv *csv;
	char *s, *p, *path;
	size_t big = CARE_CSV_MAX_FIELD + 1, i;

	(void)state;
	s = care_malloc(3 * big + 2 * CARE_CSV_MAX_COLUMNS + 100);
	p = stpcpy(s, "a,b\n1,");
	memset(p, 'x', big);
	p = stpcpy(p + big, "\n2,ok\n3,\"");
	memset(p, 'y', big);
	p = stpcpy(p + big, "\n\"\"\n\"\n4,ok\n");
	for (i = 0; i <= CARE_CSV_MAX_COLUMNS; i++)
		p = stpcpy(p, ",");
	p = stpcpy(p, "\n5,ok");
	path = write_temp(s, (size_t)(p - s));
	csv = care_csv_open(path, CARE_ENC_UTF8);
	assert_non_null(csv);
	for (i = 0; i < NEXP(exp); i++) {
		assert_int_equal(care_csv_read(csv, &rec), 1);
		assert_int_equal(rec.line, exp[i].line);
		assert_int_equal(rec.end_line, exp[i].end);
		assert_int_equal(rec.problem, exp[i].problem);
		assert_string_equal(rec.fields[0], exp[i].f[0]);
	}
	assert_int_equal(care_csv_read(csv, &rec), 1);
	assert_int_equal(rec.problem, CARE_CSV_TOO_BIG);
	assert_int_equal(rec.nfields, CARE_CSV_MAX_COLUMNS);
	assert_int_equal(rec.line, 8);
	assert_int_equal(care_csv_read(csv, &rec), 1);
	assert_int_equal(rec.problem, CARE_CSV_OK);
	assert_int_equal(rec.line, 9);
	assert_int_equal(care_csv_read(csv, &rec), 0);
	care_csv_close(csv);
	assert_diag("test_csv: FILE:2: error: field 2 is longer than 1048576 "
	    "bytes\n"
	    "test_csv: FILE:4: error: field 2 is longer than 1048576 bytes\n"
	    "test_csv: FILE:8: error: record has more than 4096 fields\n",
	    path);
	unlink(path);
	free(path);
	free(s);
}

/*
 * Many records, so chunk boundaries fall everywhere: inside CRLF, inside
 * UTF-8 characters and inside quoted fields that span lines.
 */
static void
test_chunks(void **state)
{
	struct care_csv_record rec;
	struct care_csv *csv;
	struct care_buf b = CARE_BUF_INIT;
	char want[64], *path;
	int i, n = 20000;

	(void)state;
	for (i = 0; i < n; i++) {
		snprintf(want, sizeof(want),
		    "%d,\xe9\xab\x99%*d,\"q\r\nx\"\r\n", i, i % 7, i);
		care_buf_adds(&b, want);
	}
	path = write_temp(b.p, b.len);
	csv = care_csv_open(path, CARE_ENC_AUTO);
	assert_non_null(csv);
	for (i = 0; i < n; i++) {
		assert_int_equal(care_csv_read(csv, &rec), 1);
		assert_int_equal(rec.problem, CARE_CSV_OK);
		assert_int_equal(rec.line, 2 * i + 1);
		assert_int_equal(rec.end_line, 2 * i + 2);
		assert_int_equal(rec.nfields, 3);
		assert_int_equal(atoi(rec.fields[0]), i);
		snprintf(want, sizeof(want), "\xe9\xab\x99%*d", i % 7, i);
		assert_string_equal(rec.fields[1], want);
		assert_string_equal(rec.fields[2], "q\r\nx");
	}
	assert_int_equal(care_csv_read(csv, &rec), 0);
	care_csv_close(csv);
	assert_diag("", path);
	unlink(path);
	free(path);
	care_buf_free(&b);
}

/* An open quote swallowing more than a chunk: all lines are read again. */
static void
test_unterminated_long(void **state)
{
	struct care_csv_record rec;
	struct care_csv *csv;
	struct care_buf b = CARE_BUF_INIT;
	char line[64], *path;
	int i, n = 30000;

	(void)state;
	care_buf_adds(&b, "a,b\r\nx,\"open\r\n");
	for (i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "%d,v%d\r\n", i, i);
		care_buf_adds(&b, line);
	}
	path = write_temp(b.p, b.len);
	csv = care_csv_open(path, CARE_ENC_UTF8);
	assert_int_equal(care_csv_read(csv, &rec), 1);
	assert_int_equal(care_csv_read(csv, &rec), 1);
	assert_int_equal(rec.problem, CARE_CSV_UNTERMINATED);
	assert_int_equal(rec.line, 2);
	assert_string_equal(rec.fields[0], "x,\"open");
	for (i = 0; i < n; i++) {
		assert_int_equal(care_csv_read(csv, &rec), 1);
		assert_int_equal(rec.problem, CARE_CSV_OK);
		assert_int_equal(rec.line, i + 3);
		snprintf(line, sizeof(line), "v%d", i);
		assert_string_equal(rec.fields[1], line);
	}
	assert_int_equal(care_csv_read(csv, &rec), 0);
	care_csv_close(csv);
	assert_diag("test_csv: FILE:2: error: unterminated quoted field "
	    "swallowed lines 2-30002\n", path);
	unlink(path);
	free(path);
	care_buf_free(&b);
}

/* Runs f on stdin fed from a pipe that a child fills in small pieces. */
static void
with_pipe_stdin(const char *data, size_t len, void (*f)(void))
{
	int fds[2], saved;
	pid_t pid;
	size_t i, n;

	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		for (i = 0; i < len; i += n) {
			n = len - i < 3 ? len - i : 3;
			if (write(fds[1], data + i, n) != (ssize_t)n)
				_exit(1);
			usleep(100);
		}
		_exit(0);
	}
	assert_true(pid > 0);
	close(fds[1]);
	saved = dup(STDIN_FILENO);
	dup2(fds[0], STDIN_FILENO);
	close(fds[0]);
	f();
	dup2(saved, STDIN_FILENO);
	close(saved);
	waitpid(pid, NULL, 0);
}

static void
read_cp932_stdin(void)
{
	struct care_csv *csv;

	csv = care_csv_open("-", CARE_ENC_AUTO);
	assert_non_null(csv);
	assert_string_equal(care_csv_name(csv), "<stdin>");
	assert_int_equal(care_csv_encoding(csv), CARE_ENC_CP932);
	check_records(csv, cp932, NEXP(cp932));
	care_csv_close(csv);
}

static void
read_plain_stdin(void)
{
	struct care_csv *csv;

	csv = care_csv_open(NULL, CARE_ENC_AUTO);
	assert_non_null(csv);
	assert_int_equal(care_csv_encoding(csv), CARE_ENC_UTF8);
	check_records(csv, plain, NEXP(plain));
	care_csv_close(csv);
}

static void
fail_stdin(void)
{
	assert_null(care_csv_open("-", CARE_ENC_AUTO));
}

static void
test_stdin_pipe(void **state)
{
	static const char cp[] = "name,text\r\n\xee\xe0,\xfb\xfc\r\n"
	    "\xed\x95,\xfa\xb1\r\n\x87\x40\x87\x8a\x87\x8d,\x95\x5c\x83\x5c"
	    "\x94\x5c\r\n\x81\x60,\x81\x7c\r\n";
	static const char bomcrlf[] = "\xef\xbb\xbfid,name,note\r\n"
	    "1,\xe9\xab\x99\xe6\xa9\x8b,\xe8\xa1\xa8\xe7\xa4\xba\r\n"
	    "2, spaced ,\"quoted, comma\"\r\n3,\"say \"\"hi\"\"\",\r\n";

	(void)state;
	with_pipe_stdin(cp, sizeof(cp) - 1, read_cp932_stdin);
	with_pipe_stdin(bomcrlf, sizeof(bomcrlf) - 1, read_plain_stdin);
	with_pipe_stdin(bomcrlf + 3, sizeof(bomcrlf) - 4, read_plain_stdin);
	with_pipe_stdin("a\nb\n\x80\xff\n", 7, fail_stdin);
	assert_diag("test_csv: <stdin>:3: error: neither UTF-8 nor CP932\n",
	    "");
}

static void
test_empty(void **state)
{
	struct care_csv_record rec;
	struct care_csv *csv;
	char *path;

	(void)state;
	path = write_temp("", 0);
	csv = care_csv_open(path, CARE_ENC_AUTO);
	assert_non_null(csv);
	assert_int_equal(care_csv_read(csv, &rec), 0);
	assert_int_equal(care_csv_width(csv), 0);
	care_csv_close(csv);
	unlink(path);
	free(path);
	assert_diag("", "");
}

/*
 * A file for care_csv_tell() and care_csv_seek(): a BOM, a quoted field
 * over two lines, a blank line, CRLF, CR and LF line ends.  Offsets:
 * header 3-7, "1" 8-16, blank 17, "2" 18-21, "3" 22-25, "4" 26-30,
 * "5" 31-40.
 */
static const char seekable[] = "\xef\xbb\xbf" "a,b\r\n" "1,\"x\ny\"\r\n"
    "\n" "2,z\r" "3,w\n" "4,v\r\n" "5,u,extra\n";

/* Where each record ends, and so where the next one starts. */
static void
test_tell(void **state)
{
	static const off_t after[] = { 8, 17, 22, 26, 31, 41 };
	struct care_csv_record rec;
	struct care_csv *csv;
	char *path;
	size_t i;

	(void)state;
	path = write_temp(seekable, sizeof(seekable) - 1);
	csv = care_csv_open(path, CARE_ENC_UTF8);
	assert_non_null(csv);
	for (i = 0; i < NEXP(after); i++) {
		assert_int_equal(care_csv_read(csv, &rec), 1);
		assert_int_equal(care_csv_tell(csv), after[i]);
	}
	assert_int_equal(care_csv_read(csv, &rec), 0);
	assert_int_equal(care_csv_tell(csv), 41);
	care_csv_close(csv);
	unlink(path);
	free(path);
}

/* Reads path from offset off with width 2: records from line first on. */
static void
check_seek(const char *path, off_t off, off_t start, const struct exp *exp,
    size_t n)
{
	struct care_csv *csv;

	csv = care_csv_open(path, CARE_ENC_UTF8);
	assert_non_null(csv);
	assert_int_equal(care_csv_seek(csv, off, 2), 0);
	assert_int_equal(care_csv_tell(csv), start);
	check_records(csv, exp, n);
	care_csv_close(csv);
}

static const struct exp from_y[] = {
	{ 3, 3, CARE_CSV_QUOTE, { "y\"" } },
	{ 5, 5, CARE_CSV_OK, { "2", "z" } },
	{ 6, 6, CARE_CSV_OK, { "3", "w" } },
	{ 7, 7, CARE_CSV_OK, { "4", "v" } },
	{ 8, 8, CARE_CSV_RAGGED, { "5", "u", "extra" } }
};

/*
 * From the first line start at or after an offset, with the lines
 * before it counted and the width given, as a worker process reads.
 */
static void
test_seek(void **state)
{
	struct care_csv *csv;
	char *path;

	(void)state;
	path = write_temp(seekable, sizeof(seekable) - 1);
	/* Inside the quotes: the record is not the file's own. */
	check_seek(path, 12, 13, from_y, NEXP(from_y));
	check_seek(path, 13, 13, from_y, NEXP(from_y));
	/* Between the CR and the LF of a CRLF; after a lone CR. */
	check_seek(path, 16, 17, from_y + 1, NEXP(from_y) - 1);
	check_seek(path, 19, 22, from_y + 2, NEXP(from_y) - 2);
	check_seek(path, 22, 22, from_y + 2, NEXP(from_y) - 2);
	/* The end of the file, and past it. */
	check_seek(path, 41, 41, NULL, 0);
	check_seek(path, 99, 41, NULL, 0);
	assert_diag("test_csv: FILE:3: error: stray quote in an unquoted "
	    "field\ntest_csv: FILE:8: error: record has 3 fields, expected "
	    "2\ntest_csv: FILE:3: error: stray quote in an unquoted field\n"
	    "test_csv: FILE:8: error: record has 3 fields, expected 2\n"
	    "test_csv: FILE:8: error: record has 3 fields, expected 2\n"
	    "test_csv: FILE:8: error: record has 3 fields, expected 2\n"
	    "test_csv: FILE:8: error: record has 3 fields, expected 2\n",
	    path);
	/* From the start: the BOM is still stripped. */
	csv = care_csv_open(path, CARE_ENC_UTF8);
	assert_int_equal(care_csv_seek(csv, 0, 2), 0);
	assert_int_equal(care_csv_tell(csv), 0);
	care_csv_close(csv);
	unlink(path);
	free(path);
	/* Only UTF-8 text is its bytes. */
	csv = care_csv_open(DATA "cp932.csv", CARE_ENC_CP932);
	assert_int_equal(care_csv_tell(csv), -1);
	assert_int_equal(care_csv_seek(csv, 4, 2), -1);
	care_csv_close(csv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_line_ends, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cp932, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unterminated, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stray_quote, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_ragged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blank_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_spaces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undecodable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_auto_invalid, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_open_error, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nul_byte, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_too_big, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chunks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unterminated_long, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stdin_pipe, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tell, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seek, setup, teardown)
	};

	return cmocka_run_group_tests_name("care_csv", tests, NULL, NULL);
}
