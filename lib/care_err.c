/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Implementation of diagnostics and the exit status: one function
 * formats every message, and the worst level seen decides how the
 * program exits (after mandoc_msg.c).
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care_decode.h"
#include "care_err.h"
#include "care_i18n.h"

/* Program name in front of every message. */
static const char *progname = "carekit";
/* Where messages go; NULL means stderr. */
static FILE *diagstream;
/* Worst exit status raised so far. */
static enum care_exit worst = CARE_EXIT_OK;
/* Messages reported per level. */
static unsigned long counts[CARE_DIAG_FATAL + 1];
/*
 * care_diag_hold(): the messages held, in memory up to HOLD_MAX bytes;
 * the stream before; the status then; whether some went out already.
 */
#define HOLD_MAX	((size_t)1 << 20)
static FILE *held, *heldprev;
static char *heldbuf;
static size_t heldlen;
static enum care_exit heldrc;
static int heldout;

void
care_setprogname(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	progname = slash != NULL ? slash + 1 : argv0;
}

const char *
care_getprogname(void)
{
	return progname;
}

void
care_diag_setstream(FILE *fp)
{
	diagstream = fp;
}

void
care_diag_write(const char *text, size_t len)
{
	FILE *fp = diagstream != NULL ? diagstream : stderr;

	(void)fwrite(text, 1, len, fp);
	(void)fflush(fp);
}

void
care_diag_hold(void)
{
	if (held != NULL || (held = open_memstream(&heldbuf, &heldlen)) ==
	    NULL)
		return;
	heldprev = diagstream;
	heldrc = worst;
	heldout = 0;
	diagstream = held;
}

/* Says what was held, and goes on saying things at once. */
static void
hold_end(void)
{
	(void)fflush(held);
	diagstream = heldprev;
	care_diag_write(heldbuf, heldlen);
	fclose(held);
	free(heldbuf);
	held = NULL;
	heldbuf = NULL;
}

/*
 * Past HOLD_MAX, messages go out after all: memory stays bounded, and
 * care_diag_forget() says that what came out was a first reading's.
 */
static void
hold_check(void)
{
	if (held != NULL && diagstream == held && heldlen > HOLD_MAX) {
		hold_end();
		heldout = 1;
	}
}

int
care_diag_forget(void)
{
	int out = heldout;

	if (held != NULL) {
		(void)fflush(held);
		rewind(held);
		heldlen = 0;
		(void)fflush(held);
	}
	care_diag_reset();
	worst = heldrc;
	heldout = 0;
	return out;
}

void
care_diag_release(void)
{
	if (held != NULL)
		hold_end();
}

void
care_diag_setrc(enum care_exit rc)
{
	if (rc > worst)
		worst = rc;
}

enum care_exit
care_diag_getrc(void)
{
	return worst;
}

unsigned long
care_diag_count(enum care_level level)
{
	return counts[level];
}

void
care_diag_reset(void)
{
	worst = CARE_EXIT_OK;
	memset(counts, 0, sizeof(counts));
}

char *
care_diag_escape(const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	char *out, *o;
	size_t i, n;

	/* Every byte becomes at most 4 bytes ("\x1b"). */
	if ((out = malloc(len * 4 + 1)) == NULL)
		return NULL;
	o = out;
	for (i = 0; i < len; i += n) {
		n = care_decode_utf8_char(s + i, len - i);
		if (n == 1 && u[i] >= 0x20 && u[i] != 0x7f) {
			*o++ = (char)u[i];
		} else if (n == 1 && u[i] == '\n') {
			*o++ = '\\';
			*o++ = 'n';
		} else if (n == 1 && u[i] == '\t') {
			*o++ = '\\';
			*o++ = 't';
		} else if (n == 1 && u[i] == '\r') {
			*o++ = '\\';
			*o++ = 'r';
		} else if (n == 2 && u[i] == 0xc2 && u[i + 1] < 0xa0) {
			/* C1 controls (U+0080-U+009F), e.g. CSI. */
			memcpy(o, "\\u00", 4);
			o += 4;
			*o++ = hex[u[i + 1] >> 4];
			*o++ = hex[u[i + 1] & 0xf];
		} else if (n > 1) {
			memcpy(o, u + i, n);
			o += n;
		} else {
			/* C0 control, DEL or a byte that is not UTF-8. */
			*o++ = '\\';
			*o++ = 'x';
			*o++ = hex[u[i] >> 4];
			*o++ = hex[u[i] & 0xf];
			n = 1;
		}
	}
	*o = '\0';
	return out;
}

static const char *
level_name(enum care_level level)
{
	switch (level) {
	case CARE_DIAG_NOTE:
		return _("note");
	case CARE_DIAG_WARN:
		return _("warning");
	default:
		return _("error");
	}
}

void
care_vdiag(enum care_level level, const char *file, unsigned long line,
    unsigned long col, const char *fmt, va_list ap)
{
	FILE *fp;
	char *msg, *esc, *efile;
	int len;

	counts[level]++;
	if (level == CARE_DIAG_ERROR)
		care_diag_setrc(CARE_EXIT_DATA);
	else if (level == CARE_DIAG_FATAL)
		care_diag_setrc(CARE_EXIT_TROUBLE);

	fp = diagstream != NULL ? diagstream : stderr;
	if ((len = vasprintf(&msg, fmt, ap)) < 0) {
		fprintf(fp, "%s: %s\n", progname, _("out of memory"));
		return;
	}
	esc = care_diag_escape(msg, (size_t)len);
	efile = file != NULL ? care_diag_escape(file, strlen(file)) : NULL;
	fprintf(fp, "%s: ", progname);
	if (efile != NULL) {
		fputs(efile, fp);
		if (line > 0)
			fprintf(fp, ":%lu", line);
		if (line > 0 && col > 0)
			fprintf(fp, ":%lu", col);
		fputs(": ", fp);
	}
	if (file != NULL || level != CARE_DIAG_FATAL)
		fprintf(fp, "%s: ", level_name(level));
	fprintf(fp, "%s\n", esc != NULL ? esc : msg);
	fflush(fp);
	free(efile);
	free(esc);
	free(msg);
	hold_check();
}

void
care_diag(enum care_level level, const char *file, unsigned long line,
    unsigned long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	care_vdiag(level, file, line, col, fmt, ap);
	va_end(ap);
}

void
care_diag_summary(const char *fmt, ...)
{
	va_list ap;
	FILE *fp;
	char *msg, *esc;
	int len;

	fp = diagstream != NULL ? diagstream : stderr;
	va_start(ap, fmt);
	len = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (len < 0) {
		fprintf(fp, "%s: %s\n", progname, _("out of memory"));
		return;
	}
	esc = care_diag_escape(msg, (size_t)len);
	fprintf(fp, "%s: %s\n", progname, esc != NULL ? esc : msg);
	fflush(fp);
	free(esc);
	free(msg);
}

static void vdiag_errno(enum care_level, int, const char *, va_list)
    CARE_PRINTF(3, 0);

/* Formats "message: strerror(errno)" at the given level. */
static void
vdiag_errno(enum care_level level, int errnum, const char *fmt, va_list ap)
{
	char *msg;

	if (vasprintf(&msg, fmt, ap) < 0) {
		care_diag(level, NULL, 0, 0, "%s", strerror(errnum));
		return;
	}
	care_diag(level, NULL, 0, 0, "%s: %s", msg, strerror(errnum));
	free(msg);
}

void
care_warn(const char *fmt, ...)
{
	va_list ap;
	int errnum = errno;

	va_start(ap, fmt);
	vdiag_errno(CARE_DIAG_WARN, errnum, fmt, ap);
	va_end(ap);
}

void
care_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	care_vdiag(CARE_DIAG_WARN, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void
care_err(const char *fmt, ...)
{
	va_list ap;
	int errnum = errno;

	va_start(ap, fmt);
	vdiag_errno(CARE_DIAG_FATAL, errnum, fmt, ap);
	va_end(ap);
}

void
care_errx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	care_vdiag(CARE_DIAG_FATAL, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

int
care_exit(void)
{
	int failed;

	errno = 0;
	failed = fflush(stdout) != 0 || ferror(stdout);
	/* Close stdout so an error detected only at close is caught too. */
	if (fclose(stdout) != 0)
		failed = 1;
	if (failed) {
		if (errno != 0)
			care_err("%s", _("write error"));
		else
			care_errx("%s", _("write error"));
	}
	return worst;
}
