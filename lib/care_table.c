/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tables collected in memory and written as CSV, TSV, text, Markdown, JSON. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_csvout.h"
#include "care_decode.h"
#include "care_err.h"
#include "care_table.h"
#include "care_text.h"

/* Output is handed to stdio in pieces of about this size. */
#define SPILL_SIZE	8192

struct care_table {
	size_t		 ncols;
	size_t		 nrows;		/* finished rows, header not counted */
	size_t		 cur;		/* cells so far in the open row */
	size_t		 caprows;	/* rows allocated in cells */
	/*
	 * Offsets into text, row by row; row 0 is the header and row
	 * nrows + 1 the open one.  Offset 0 is an empty string, so a
	 * missing cell costs nothing.
	 */
	size_t		*cells;
	struct care_buf	 text;		/* every cell, NUL-terminated */
	unsigned char	*right;		/* per column: right-aligned */
	unsigned char	*numeric;	/* per column: JSON numbers */
};

int
care_table_format_parse(const char *name, enum care_table_format *out)
{
	static const struct {
		const char *name;
		enum care_table_format fmt;
	} names[] = {
		{ "csv", CARE_TABLE_CSV }, { "tsv", CARE_TABLE_TSV },
		{ "table", CARE_TABLE_TEXT }, { "text", CARE_TABLE_TEXT },
		{ "md", CARE_TABLE_MD }, { "json", CARE_TABLE_JSON },
	};
	size_t i;

	/* The caller reports an unknown name: it knows the option. */
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].fmt;
			return 0;
		}
	}
	return -1;
}

static const char *
cell(const struct care_table *t, size_t row, size_t col)
{
	return t->text.p + t->cells[row * t->ncols + col];
}

/* Makes room for the open row and clears it. */
static void
open_row(struct care_table *t)
{
	size_t row = t->nrows + 1;

	if (row >= t->caprows) {
		t->caprows = t->caprows * 2 + 16;
		t->cells = care_reallocarray(t->cells, t->caprows,
		    t->ncols * sizeof(*t->cells));
	}
	memset(t->cells + row * t->ncols, 0, t->ncols * sizeof(*t->cells));
	t->cur = 0;
}

/* Stores a string added at offset off as the next cell of the open row. */
static void
store(struct care_table *t, size_t off)
{
	/* Cells beyond the header's width are dropped. */
	if (t->cur < t->ncols)
		t->cells[(t->nrows + 1) * t->ncols + t->cur] = off;
	t->cur++;
}

struct care_table *
care_table_new(size_t ncols, const char *const *headers)
{
	struct care_table *t;
	size_t i;

	t = care_calloc(1, sizeof(*t));
	t->ncols = ncols;
	t->right = care_calloc(ncols, 1);
	t->numeric = care_calloc(ncols, 1);
	care_buf_add(&t->text, "", 1);
	t->nrows = (size_t)-1;		/* so the header is the open row */
	open_row(t);
	for (i = 0; i < ncols; i++)
		care_table_cell(t, headers != NULL && headers[i] != NULL ?
		    headers[i] : "");
	t->nrows = 0;
	open_row(t);
	return t;
}

void
care_table_align(struct care_table *t, size_t col,
    enum care_table_align align)
{
	if (col < t->ncols)
		t->right[col] = align == CARE_ALIGN_RIGHT;
}

void
care_table_numeric(struct care_table *t, size_t col)
{
	if (col < t->ncols) {
		t->numeric[col] = 1;
		t->right[col] = 1;
	}
}

void
care_table_cell(struct care_table *t, const char *s)
{
	size_t off = t->text.len;

	if (s == NULL)
		s = "";
	care_buf_add(&t->text, s, strlen(s) + 1);
	store(t, off);
}

void
care_table_cellf(struct care_table *t, const char *fmt, ...)
{
	va_list ap;
	size_t off = t->text.len;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	care_buf_reserve(&t->text, (size_t)n + 1);
	va_start(ap, fmt);
	if (vsnprintf(t->text.p + off, (size_t)n + 1, fmt, ap) < 0)
		t->text.p[off] = '\0';
	va_end(ap);
	t->text.len += (size_t)n + 1;
	t->text.p[t->text.len] = '\0';
	store(t, off);
}

void
care_table_end_row(struct care_table *t)
{
	t->nrows++;
	open_row(t);
}

size_t
care_table_rows(const struct care_table *t)
{
	return t->nrows;
}

void
care_table_free(struct care_table *t)
{
	if (t == NULL)
		return;
	free(t->cells);
	care_buf_free(&t->text);
	free(t->right);
	free(t->numeric);
	free(t);
}

/* Output on its way to a FILE, with the first write error kept. */
struct sink {
	FILE		*fp;
	struct care_buf	 b;
	int		 err;
};

/* Writes out what o holds once it is big enough, or always with force. */
static void
spill(struct sink *o, int force)
{
	if (o->b.len > 0 && (force || o->b.len >= SPILL_SIZE)) {
		errno = 0;
		if (fwrite(o->b.p, 1, o->b.len, o->fp) != o->b.len &&
		    o->err == 0)
			o->err = errno != 0 ? errno : EIO;
		care_buf_clear(&o->b);
	}
}

static int
write_csv(const struct care_table *t, FILE *fp, unsigned flags)
{
	struct care_csvout *w;
	size_t r, c;

	w = care_csvout_new(fp, flags & CARE_TABLE_NEUTRALIZE ?
	    CARE_CSVOUT_NEUTRALIZE : 0);
	for (r = flags & CARE_TABLE_NO_HEADER ? 1 : 0; r <= t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			care_csvout_fields(w, cell(t, r, c));
		care_csvout_end(w);
	}
	return care_csvout_free(w);
}

/* TSV keeps one record per line: \t, \n, \r and \\ stand for themselves. */
static void
write_tsv(const struct care_table *t, struct sink *o, unsigned flags)
{
	struct care_buf *b = &o->b;
	const char *s;
	size_t r, c;

	for (r = flags & CARE_TABLE_NO_HEADER ? 1 : 0; r <= t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c > 0)
				care_buf_addc(b, '\t');
			for (s = cell(t, r, c); *s != '\0'; s++) {
				if (*s == '\t')
					care_buf_add(b, "\\t", 2);
				else if (*s == '\n')
					care_buf_add(b, "\\n", 2);
				else if (*s == '\r')
					care_buf_add(b, "\\r", 2);
				else if (*s == '\\')
					care_buf_add(b, "\\\\", 2);
				else
					care_buf_addc(b, *s);
			}
		}
		care_buf_addc(b, '\n');
		spill(o, 0);
	}
}

/* Appends n copies of c. */
static void
pad(struct care_buf *b, char c, size_t n)
{
	care_buf_reserve(b, n);
	memset(b->p + b->len, c, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/*
 * One line of aligned text.  Only padding is trimmed at the end, so a
 * value that ends in spaces keeps them.
 */
static void
text_line(const struct care_table *t, struct care_buf *b, char **esc,
    const size_t *w, const size_t *cw)
{
	size_t c, keep = b->len;

	for (c = 0; c < t->ncols; c++) {
		if (c > 0)
			care_buf_add(b, "  ", 2);
		if (t->right[c])
			pad(b, ' ', w[c] - cw[c]);
		care_buf_adds(b, esc[c]);
		if (esc[c][0] != '\0')
			keep = b->len;
		if (!t->right[c])
			pad(b, ' ', w[c] - cw[c]);
	}
	b->len = keep;
	care_buf_addc(b, '\n');
}

/*
 * Aligned columns for a terminal.  Control characters and invalid UTF-8
 * are shown escaped (as in diagnostics), so a cell can neither break a
 * line nor move the cursor.
 */
static void
write_text(const struct care_table *t, struct sink *o, unsigned flags)
{
	struct care_buf *b = &o->b;
	size_t n = (t->nrows + 1) * t->ncols, first, r, c, i;
	char **esc;
	size_t *cw, *w;
	const char *s;

	esc = care_calloc(n + 1, sizeof(*esc));
	cw = care_calloc(n + 1, sizeof(*cw));
	w = care_calloc(t->ncols + 1, sizeof(*w));
	first = flags & CARE_TABLE_NO_HEADER ? 1 : 0;
	for (i = first * t->ncols; i < n; i++) {
		s = t->text.p + t->cells[i];
		if ((esc[i] = care_diag_escape(s, strlen(s))) == NULL)
			esc[i] = care_strdup("");
		cw[i] = care_text_width(esc[i], strlen(esc[i]));
		if (cw[i] > w[i % t->ncols])
			w[i % t->ncols] = cw[i];
	}
	for (r = first; r <= t->nrows; r++) {
		text_line(t, b, esc + r * t->ncols, w, cw + r * t->ncols);
		if (r == 0) {
			for (c = 0; c < t->ncols; c++) {
				if (c > 0)
					care_buf_add(b, "  ", 2);
				pad(b, '-', w[c]);
			}
			while (b->len > 0 && b->p[b->len - 1] == ' ')
				b->len--;
			care_buf_addc(b, '\n');
		}
		spill(o, 0);
	}
	for (i = 0; i < n; i++)
		free(esc[i]);
	free(esc);
	free(cw);
	free(w);
}

/* A Markdown cell: pipes escaped, line breaks as <br>. */
static void
md_cell(struct care_buf *b, const char *s)
{
	care_buf_add(b, " ", 1);
	for (; *s != '\0'; s++) {
		if (*s == '|')
			care_buf_add(b, "\\|", 2);
		else if (*s == '\r' && s[1] == '\n')
			continue;
		else if (*s == '\n' || *s == '\r')
			care_buf_add(b, "<br>", 4);
		else
			care_buf_addc(b, *s);
	}
	care_buf_add(b, " |", 2);
}

/* GitHub Markdown needs a header row: without one it is left blank. */
static void
write_md(const struct care_table *t, struct sink *o, unsigned flags)
{
	struct care_buf *b = &o->b;
	size_t r, c;

	for (r = 0; r <= t->nrows; r++) {
		care_buf_addc(b, '|');
		for (c = 0; c < t->ncols; c++)
			md_cell(b, r == 0 && (flags & CARE_TABLE_NO_HEADER) ?
			    "" : cell(t, r, c));
		care_buf_addc(b, '\n');
		if (r == 0) {
			care_buf_addc(b, '|');
			for (c = 0; c < t->ncols; c++)
				care_buf_adds(b, t->right[c] ? "--:|" : "---|");
			care_buf_addc(b, '\n');
		}
		spill(o, 0);
	}
}

/* RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int
json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		if (*++s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		if (*++s == '+' || *s == '-')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* The two-character escape of an ASCII byte in JSON, or 0. */
static char
json_escape(unsigned char c)
{
	switch (c) {
	case '"':
		return '"';
	case '\\':
		return '\\';
	case '\b':
		return 'b';
	case '\f':
		return 'f';
	case '\n':
		return 'n';
	case '\r':
		return 'r';
	case '\t':
		return 't';
	default:
		return 0;
	}
}

/*
 * A JSON string (RFC 8259): quote and backslash escaped, control
 * characters as \n-style or \u00XX escapes, and bytes that are not
 * UTF-8 as U+FFFD, so the output always parses.
 */
static void
json_string(struct care_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t n;
	char e;

	care_buf_addc(b, '"');
	while (*u != '\0') {
		if ((e = json_escape(*u)) != 0) {
			care_buf_addc(b, '\\');
			care_buf_addc(b, e);
			n = 1;
		} else if (*u < 0x20) {
			care_buf_add(b, "\\u00", 4);
			care_buf_addc(b, hex[*u >> 4]);
			care_buf_addc(b, hex[*u & 0xf]);
			n = 1;
		} else if (*u < 0x80) {
			care_buf_addc(b, (char)*u);
			n = 1;
		} else if ((n = care_decode_utf8_char((const char *)u,
		    strnlen((const char *)u, 4))) > 0) {
			care_buf_add(b, u, n);
		} else {
			care_buf_add(b, "\\ufffd", 6);
			n = 1;
		}
		u += n;
	}
	care_buf_addc(b, '"');
}

/* One object per line; keys are the headers, whatever the flags say. */
static void
write_json(const struct care_table *t, struct sink *o)
{
	struct care_buf *b = &o->b;
	const char *s;
	size_t r, c;

	if (t->nrows == 0) {
		care_buf_add(b, "[]\n", 3);
		return;
	}
	care_buf_add(b, "[\n", 2);
	for (r = 1; r <= t->nrows; r++) {
		care_buf_add(b, "  {", 3);
		for (c = 0; c < t->ncols; c++) {
			if (c > 0)
				care_buf_add(b, ", ", 2);
			json_string(b, cell(t, 0, c));
			care_buf_add(b, ": ", 2);
			s = cell(t, r, c);
			if (t->numeric[c] && *s == '\0')
				care_buf_add(b, "null", 4);
			else if (t->numeric[c] && json_number(s))
				care_buf_adds(b, s);
			else
				json_string(b, s);
		}
		care_buf_add(b, r < t->nrows ? "},\n" : "}\n", r < t->nrows ?
		    3 : 2);
		spill(o, 0);
	}
	care_buf_add(b, "]\n", 2);
}

int
care_table_write(const struct care_table *t, FILE *fp,
    enum care_table_format fmt, unsigned flags)
{
	struct sink o = { fp, CARE_BUF_INIT, 0 };

	switch (fmt) {
	case CARE_TABLE_CSV:
		return write_csv(t, fp, flags);
	case CARE_TABLE_TSV:
		write_tsv(t, &o, flags);
		break;
	case CARE_TABLE_TEXT:
		write_text(t, &o, flags);
		break;
	case CARE_TABLE_MD:
		write_md(t, &o, flags);
		break;
	case CARE_TABLE_JSON:
		write_json(t, &o);
		break;
	}
	spill(&o, 1);
	care_buf_free(&o.b);
	errno = 0;
	if ((fflush(fp) != 0 || ferror(fp)) && o.err == 0)
		o.err = errno != 0 ? errno : EIO;
	if (o.err != 0) {
		errno = o.err;
		return -1;
	}
	return 0;
}
