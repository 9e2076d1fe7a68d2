/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RFC 4180 CSV writer with its own output buffer and formula guarding. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_csvout.h"

/* Output buffer size: one fwrite per 64 KiB keeps stdio off the hot path. */
#define CSVOUT_BUFSIZE	(64 * 1024)

/* Bytes that make a field quoted, for the one scan over each field. */
static const unsigned char special[256] = {
	['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1
};

/* First bytes a spreadsheet takes as a formula, plus the guard itself. */
static const unsigned char guarded[256] = {
	['='] = 1, ['+'] = 1, ['-'] = 1, ['@'] = 1, ['\t'] = 1, ['\r'] = 1,
	['\''] = 1
};

struct care_csvout {
	FILE		*fp;
	unsigned	 flags;
	int		 err;		/* errno of the first write error */
	size_t		 nfields;	/* fields so far in the current row */
	int		 lastempty;	/* the last field written was empty */
	int		 quoted;	/* the field in parts is quoted */
	int		 atstart;	/* nothing written, not even a BOM */
	size_t		 len;		/* bytes used in buf */
	char		 buf[CSVOUT_BUFSIZE];
};

/* Hands the buffer to stdio; after an error, output is discarded. */
static void
drain(struct care_csvout *w)
{
	if (w->len > 0 && w->err == 0) {
		errno = 0;
		if (fwrite(w->buf, 1, w->len, w->fp) != w->len)
			w->err = errno != 0 ? errno : EIO;
	}
	w->len = 0;
}

static void
put(struct care_csvout *w, const char *s, size_t n)
{
	size_t room;

	while (n > (room = CSVOUT_BUFSIZE - w->len)) {
		memcpy(w->buf + w->len, s, room);
		w->len += room;
		s += room;
		n -= room;
		drain(w);
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void
putch(struct care_csvout *w, char c)
{
	if (w->len == CSVOUT_BUFSIZE)
		drain(w);
	w->buf[w->len++] = c;
}

struct care_csvout *
care_csvout_new(FILE *fp, unsigned flags)
{
	struct care_csvout *w;

	w = care_malloc(sizeof(*w));
	w->fp = fp;
	w->flags = flags;
	w->err = 0;
	w->nfields = 0;
	w->lastempty = 0;
	w->quoted = 0;
	w->len = 0;
	w->atstart = (flags & CARE_CSVOUT_BOM) == 0;
	if (flags & CARE_CSVOUT_BOM)
		put(w, "\xef\xbb\xbf", 3);
	return w;
}

/* Writes s with every quote doubled. */
static void
put_doubled(struct care_csvout *w, const char *s, size_t len)
{
	const char *q;
	size_t n;

	while ((q = memchr(s, '"', len)) != NULL) {
		n = (size_t)(q - s) + 1;
		put(w, s, n);
		putch(w, '"');
		s += n;
		len -= n;
	}
	put(w, s, len);
}

/* Writes [guard] s between quotes with every quote doubled. */
static void
put_quoted(struct care_csvout *w, int guard, const char *s, size_t len)
{
	putch(w, '"');
	if (guard)
		putch(w, '\'');
	put_doubled(w, s, len);
	putch(w, '"');
}

void
care_csvout_field(struct care_csvout *w, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char mask = 0;
	int guard;
	size_t i;

	if (w->nfields++ > 0)
		putch(w, ',');
	w->lastempty = len == 0;
	/* One pass over the bytes decides everything. */
	for (i = 0; i < len; i++)
		mask |= special[u[i]];
	/*
	 * A U+FEFF the file begins with is taken for a byte order mark
	 * and dropped by readers: quoted, it is data.
	 */
	if (w->atstart && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		mask = 1;
	w->atstart = 0;
	guard = (w->flags & CARE_CSVOUT_NEUTRALIZE) && len > 0 &&
	    guarded[u[0]];
	if (mask != 0) {
		put_quoted(w, guard, s, len);
		return;
	}
	if (guard)
		putch(w, '\'');
	put(w, s, len);
}

void
care_csvout_fields(struct care_csvout *w, const char *s)
{
	care_csvout_field(w, s, strlen(s));
}

int
care_csvout_needs_quotes(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len; i++)
		if (special[u[i]])
			return 1;
	return 0;
}

void
care_csvout_field_start(struct care_csvout *w, int quoted, int first)
{
	if (w->nfields++ > 0)
		putch(w, ',');
	w->lastempty = first < 0;
	/* As in care_csvout_field(): a file never begins with U+FEFF. */
	if (w->atstart && first == 0xef)
		quoted = 1;
	w->atstart = 0;
	w->quoted = quoted;
	if (quoted)
		putch(w, '"');
	if ((w->flags & CARE_CSVOUT_NEUTRALIZE) && first >= 0 &&
	    guarded[(unsigned char)first])
		putch(w, '\'');
}

void
care_csvout_field_part(struct care_csvout *w, const char *s, size_t len)
{
	if (w->quoted)
		put_doubled(w, s, len);
	else
		put(w, s, len);
}

void
care_csvout_field_finish(struct care_csvout *w)
{
	if (w->quoted)
		putch(w, '"');
	w->quoted = 0;
}

void
care_csvout_end(struct care_csvout *w)
{
	/*
	 * A row of one empty field would be a blank line, which readers
	 * (care_csv among them) skip: write it as "" so the row survives.
	 */
	if (w->nfields == 1 && w->lastempty)
		put(w, "\"\"", 2);
	putch(w, '\n');
	w->nfields = 0;
	w->lastempty = 0;
}

int
care_csvout_flush(struct care_csvout *w)
{
	drain(w);
	if (w->err == 0) {
		errno = 0;
		if (fflush(w->fp) != 0 || ferror(w->fp))
			w->err = errno != 0 ? errno : EIO;
	}
	if (w->err != 0) {
		errno = w->err;
		return -1;
	}
	return 0;
}

int
care_csvout_free(struct care_csvout *w)
{
	int rc, saved;

	if (w == NULL)
		return 0;
	rc = care_csvout_flush(w);
	saved = errno;
	free(w);
	errno = saved;
	return rc;
}

int
care_csvout_needs_guard(const char *s, size_t len)
{
	return len > 0 && guarded[(unsigned char)s[0]];
}

size_t
care_csvout_unguard(const char **s, size_t len)
{
	const char *p = *s;

	/* Only a guard that care_csvout_field() would have added. */
	if (len >= 2 && p[0] == '\'' && guarded[(unsigned char)p[1]]) {
		*s = p + 1;
		return len - 1;
	}
	return len;
}
