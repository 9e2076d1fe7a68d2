/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for care_csv: line numbers, encodings, malformed records. */
#include <config.h>

#include <sys/stat.h>
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
	    "test_csv: FILE:3: error: unterminated quoted field\n");
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

/*
 * A quote on line 3 would join lines 3-5 into a record of 4 fields: it
 * is taken as stray, and lines 4 and 5 are records of their own.
 */
static void
test_ragged(void **state)
{
	static const struct exp exp[] = {
		{ 1, 1, CARE_CSV_OK, { "a", "b", "c" } },
		{ 2, 2, CARE_CSV_RAGGED, { "1", "2" } },
		{ 3, 3, CARE_CSV_QUOTE, { "1,\"2,3" } },
		{ 4, 4, CARE_CSV_OK, { "4", "5", "6" } },
		{ 5, 5, CARE_CSV_QUOTE, { "7\",8,9" } },
		{ 6, 6, CARE_CSV_OK, { "10", "11", "12" } }
	};
	struct care_csv *csv;

	(void)state;
	check_file("ragged.csv", CARE_ENC_AUTO, exp, NEXP(exp),
	    "test_csv: FILE:2: error: record has 2 fields, expected 3\n"
	    "test_csv: FILE:3: error: unbalanced quote: the quoted field "
	    "opened here would end on line 5 in a malformed record\n"
	    "test_csv: FILE:5: error: stray quote in an unquoted field\n");
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

/* Adds a piece of raw text to a buffer. */
static void
put_buf(void *arg, const char *p, size_t n)
{
	care_buf_add(arg, p, n);
}

/* The record just read is the raw text want[0..len), byte for byte. */
static void
assert_raw(struct care_csv *csv, const struct care_csv_record *rec,
    const char *want, size_t len)
{
	struct care_buf b = CARE_BUF_INIT;

	assert_int_equal(rec->rawlen, (off_t)len);
	if (len <= CARE_CSV_MAX_FIELD) {
		assert_int_equal(rec->nfields, 1);
		assert_int_equal(rec->lens[0], len);
		assert_memory_equal(rec->fields[0], want, len);
	} else
		assert_int_equal(rec->nfields, 0);
	assert_int_equal(care_csv_raw(csv, put_buf, &b), 0);
	assert_int_equal(b.len, len);
	assert_memory_equal(b.p, want, len);
	care_buf_free(&b);
}

/* Reads the next record: lines first-last, problem p. */
static void
next_is(struct care_csv *csv, struct care_csv_record *rec,
    unsigned long first, unsigned long last, enum care_csv_problem p)
{
	assert_int_equal(care_csv_read(csv, rec), 1);
	assert_int_equal(rec->line, first);
	assert_int_equal(rec->end_line, last);
	assert_int_equal(rec->problem, p);
}

/*
 * A field over the limit, a quoted one over several lines and a record
 * with too many fields are rejected whole: their raw text, byte-exact,
 * even where it is 10 MB and goes through the temporary file.  The
 * records after them are kept.
 */
static void
test_too_big(void **state)
{
	struct care_csv_record rec;
	struct care_csv *csv;
	char *s, *p, *path, *r2, *r4, *r8;
	size_t big = CARE_CSV_MAX_FIELD + 1, huge = 10000000, i;

	(void)state;
	s = care_malloc(2 * big + huge + 2 * 100003 + 100);
	p = stpcpy(s, "a,b\n");
	p = stpcpy(r2 = p, "1,");
	memset(p, 'x', big);
	p = stpcpy(p + big, "\n2,ok\n");
	/* Free text over lines with doubled quotes in it. */
	p = stpcpy(r4 = p, "3,\"");
	for (i = 0; i < huge; i++)
		*p++ = i % 1000 == 999 ? '\n' : i % 100 >= 97 &&
		    i % 100 <= 98 ? '"' : "yz"[i % 2];
	p = stpcpy(p, "\r\n\"\"\n\"\n4,ok\n");
	for (r8 = p, i = 0; i < 100002; i++)
		p = stpcpy(p, ",");
	p = stpcpy(p, "\n5,ok");
	path = write_temp(s, (size_t)(p - s));
	csv = care_csv_open(path, CARE_ENC_UTF8);
	assert_non_null(csv);
	next_is(csv, &rec, 1, 1, CARE_CSV_OK);
	next_is(csv, &rec, 2, 2, CARE_CSV_TOO_BIG);
	assert_raw(csv, &rec, r2, big + 2);
	next_is(csv, &rec, 3, 3, CARE_CSV_OK);
	next_is(csv, &rec, 4, 4 + huge / 1000 + 2, CARE_CSV_TOO_BIG);
	assert_raw(csv, &rec, r4, (size_t)(strstr(r4, "\n4,ok") - r4));
	next_is(csv, &rec, 4 + huge / 1000 + 3, 4 + huge / 1000 + 3,
	    CARE_CSV_OK);
	next_is(csv, &rec, 8 + huge / 1000, 8 + huge / 1000, CARE_CSV_TOO_BIG);
	assert_raw(csv, &rec, r8, 100002);
	next_is(csv, &rec, 9 + huge / 1000, 9 + huge / 1000, CARE_CSV_OK);
	assert_string_equal(rec.fields[1], "ok");
	assert_int_equal(rec.rawlen, 0);
	assert_int_equal(care_csv_read(csv, &rec), 0);
	care_csv_close(csv);
	assert_diag("test_csv: FILE:2: error: field 2 is longer than 1048576 "
	    "bytes\n"
	    "test_csv: FILE:4: error: field 2 is longer than 1048576 bytes\n"
	    "test_csv: FILE:10008: error: record has more than 4096 fields\n",
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
	assert_diag("test_csv: FILE:2: error: unterminated quoted field\n",
	    path);
	unlink(path);
	free(path);
	care_buf_free(&b);
}

/* Runs f on stdin fed from a pipe that a child fills piece at a time. */
static void
with_pipe_stdin(const char *data, size_t len, size_t piece, void (*f)(void))
{
	int fds[2], saved;
	pid_t pid;
	size_t i, n;

	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		for (i = 0; i < len; i += n) {
			n = len - i < piece ? len - i : piece;
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
	with_pipe_stdin(cp, sizeof(cp) - 1, 3, read_cp932_stdin);
	with_pipe_stdin(bomcrlf, sizeof(bomcrlf) - 1, 3, read_plain_stdin);
	with_pipe_stdin(bomcrlf + 3, sizeof(bomcrlf) - 4, 3, read_plain_stdin);
	with_pipe_stdin("a\nb\n\x80\xff\n", 7, 3, fail_stdin);
	assert_diag("test_csv: <stdin>:3: error: neither UTF-8 nor CP932\n",
	    "");
}

/*
 * An export with a header of 3 fields and n records after a stray quote
 * opening a field on line 2; when odd is a line number, a quote there
 * closes that field on a malformed record.  eol ends each line; the
 * kanji are CP932 or UTF-8.
 */
static void
stray_export(struct care_buf *b, int n, unsigned long odd, const char *eol,
    int sjis)
{
	char line[64];
	int i;

	care_buf_adds(b, "a,b,c");
	care_buf_adds(b, eol);
	care_buf_adds(b, "1,\"open,x");
	care_buf_adds(b, eol);
	for (i = 0; i < n; i++) {
		if ((unsigned long)i + 3 == odd)
			snprintf(line, sizeof(line), "%d,x\"y,z%s", i, eol);
		else
			snprintf(line, sizeof(line), "%d,%s%d,w%s", i,
			    sjis ? "\x8a\xbf" : "\xe6\xbc\xa2", i, eol);
		care_buf_adds(b, line);
	}
}

/* What the reader makes of stray_export(): every record but the two. */
static void
check_stray(struct care_csv *csv, int n, unsigned long odd)
{
	struct care_csv_record rec;
	char want[32];
	int i;

	next_is(csv, &rec, 1, 1, CARE_CSV_OK);
	next_is(csv, &rec, 2, 2, odd ? CARE_CSV_QUOTE :
	    CARE_CSV_UNTERMINATED);
	assert_string_equal(rec.fields[0], "1,\"open,x");
	for (i = 0; i < n; i++) {
		assert_int_equal(care_csv_read(csv, &rec), 1);
		assert_int_equal(rec.line, i + 3);
		if ((unsigned long)i + 3 == odd) {
			assert_int_equal(rec.problem, CARE_CSV_QUOTE);
			continue;
		}
		assert_int_equal(rec.problem, CARE_CSV_OK);
		snprintf(want, sizeof(want), "\xe6\xbc\xa2%d", i);
		assert_string_equal(rec.fields[1], want);
	}
	assert_int_equal(care_csv_read(csv, &rec), 0);
	assert_int_equal(care_csv_tell(csv), -1);
}

/* The reader's one temporary file: in dir, unlinked, 0600. */
static void
assert_spill(const char *dir)
{
	char link[64], target[4096];
	struct stat st;
	ssize_t n;
	int fd, found = 0;

	for (fd = 0; fd < 1024; fd++) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		if ((n = readlink(link, target, sizeof(target) - 1)) < 0)
			continue;
		target[n] = '\0';
		if (strncmp(target, dir, strlen(dir)) != 0)
			continue;
		assert_non_null(strstr(target, " (deleted)"));
		assert_int_equal(fstat(fd, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0600);
		found++;
	}
	assert_int_equal(found, 1);
}

#define STRAY_N	300000	/* records after the stray quote: 6 MB */

/*
 * A stray quote with megabytes after it, more than is kept in memory:
 * it costs its own line, and every record after it is read.
 */
static void
test_stray_far(void **state)
{
	struct care_buf b = CARE_BUF_INIT;
	struct care_csv_record rec;
	struct care_csv *csv;
	char dir[] = "/tmp/test_csv.dXXXXXX", *path;

	(void)state;
	stray_export(&b, STRAY_N, 0, "\n", 0);
	path = write_temp(b.p, b.len);
	assert_non_null(mkdtemp(dir));
	setenv("TMPDIR", dir, 1);
	csv = care_csv_open(path, CARE_ENC_AUTO);
	next_is(csv, &rec, 1, 1, CARE_CSV_OK);
	next_is(csv, &rec, 2, 2, CARE_CSV_UNTERMINATED);
	assert_spill(dir);
	care_csv_close(csv);
	unsetenv("TMPDIR");
	assert_int_equal(rmdir(dir), 0);
	csv = care_csv_open(path, CARE_ENC_AUTO);
	check_stray(csv, STRAY_N, 0);
	care_csv_close(csv);
	assert_diag("test_csv: FILE:2: error: unterminated quoted field\n"
	    "test_csv: FILE:2: error: unterminated quoted field\n", path);
	unlink(path);
	free(path);
	care_buf_free(&b);
}

/*
 * A stray quote that a quote far on closes on a malformed record, in
 * CP932 with CRLF: both lines are rejected, nothing between them.
 */
static void
test_stray_odd(void **state)
{
	struct care_buf b = CARE_BUF_INIT;
	struct care_csv *csv;
	char *path;

	(void)state;
	stray_export(&b, STRAY_N, STRAY_N - 7, "\r\n", 1);
	path = write_temp(b.p, b.len);
	csv = care_csv_open(path, CARE_ENC_AUTO);
	assert_int_equal(care_csv_encoding(csv), CARE_ENC_CP932);
	check_stray(csv, STRAY_N, STRAY_N - 7);
	care_csv_close(csv);
	assert_diag("test_csv: FILE:2: error: unbalanced quote: the quoted "
	    "field opened here would end on line 299993 in a malformed "
	    "record\n"
	    "test_csv: FILE:299993: error: stray quote in an unquoted "
	    "field\n", path);
	unlink(path);
	free(path);
	care_buf_free(&b);
}

static void
read_stray_stdin(void)
{
	struct care_csv *csv;

	csv = care_csv_open("-", CARE_ENC_UTF8);
	check_stray(csv, STRAY_N, 0);
	care_csv_close(csv);
}

/* From a pipe, which cannot be read twice. */
static void
test_stray_pipe(void **state)
{
	struct care_buf b = CARE_BUF_INIT;

	(void)state;
	stray_export(&b, STRAY_N, 0, "\r\n", 0);
	with_pipe_stdin(b.p, b.len, 65536, read_stray_stdin);
	assert_diag("test_csv: <stdin>:2: error: unterminated quoted field\n",
	    "");
	care_buf_free(&b);
}

/*
 * Lines that fail after a stray quote are one span with it; a record
 * over several lines after them stands, and is read again whole.
 */
static void
test_span(void **state)
{
	static const char data[] = "a,b,c\r\n"
	    "1,\"x,2\r\nmore text\r\n\r\nend\"z,3\r\n"
	    "7,\"multi\r\nline \"\"q\"\"\",8\r\n"
	    "4,5,6\r\n";
	static const char span[] = "1,\"x,2\r\nmore text\r\n\r\nend\"z,3";
	static const struct exp exp[] = {
		{ 6, 7, CARE_CSV_OK, { "7", "multi\r\nline \"q\"", "8" } },
		{ 8, 8, CARE_CSV_OK, { "4", "5", "6" } }
	};
	struct care_csv_record rec;
	struct care_csv *csv;
	char *path;

	(void)state;
	path = write_temp(data, sizeof(data) - 1);
	csv = care_csv_open(path, CARE_ENC_UTF8);
	next_is(csv, &rec, 1, 1, CARE_CSV_OK);
	next_is(csv, &rec, 2, 5, CARE_CSV_QUOTE);
	assert_raw(csv, &rec, span, sizeof(span) - 1);
	check_records(csv, exp, NEXP(exp));
	care_csv_close(csv);
	assert_diag("test_csv: FILE:2: error: lines 2-5: unbalanced quote: no "
	    "well-formed record starts on these lines\n", path);
	unlink(path);
	free(path);
}

/*
 * Blank lines after a stray quote are no record; the quote of the last
 * line closes it, on a malformed record; open there, with no line end,
 * it is that line.
 */
static void
test_stray_blank(void **state)
{
	static const char data[] = "a,b\n1,\"x\n\n\n2,3\n4,\"y";
	static const struct exp exp[] = {
		{ 1, 1, CARE_CSV_OK, { "a", "b" } },
		{ 2, 2, CARE_CSV_QUOTE, { "1,\"x" } },
		{ 5, 5, CARE_CSV_OK, { "2", "3" } },
		{ 6, 6, CARE_CSV_UNTERMINATED, { "4,\"y" } }
	};
	struct care_csv *csv;
	char *path;

	(void)state;
	path = write_temp(data, sizeof(data) - 1);
	csv = care_csv_open(path, CARE_ENC_AUTO);
	check_records(csv, exp, NEXP(exp));
	care_csv_close(csv);
	assert_diag("test_csv: FILE:2: error: unbalanced quote: the quoted "
	    "field opened here would end on line 6 in a malformed record\n"
	    "test_csv: FILE:6: error: unterminated quoted field\n", path);
	unlink(path);
	free(path);
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
		cmocka_unit_test_setup_teardown(test_stray_far, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stray_odd, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stray_pipe, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_span, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stray_blank, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tell, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seek, setup, teardown)
	};

	return cmocka_run_group_tests_name("care_csv", tests, NULL, NULL);
}
