/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV input as UTF-8 text: open, detect the encoding, decode, chunk. */
#include <config.h>

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_csv.h"
#include "care_csv_int.h"
#include "care_decode.h"
#include "care_err.h"
#include "care_i18n.h"

#define CHUNK		CARE_CSV_CHUNK
/* Bytes read at a time to count lines before a seek. */
#define SEEK_BUF	(1 << 20)

static const char bom[] = "\xef\xbb\xbf";

/* Appends up to CHUNK bytes of input to b: bytes read, 0 at EOF, -1. */
static ssize_t
read_more(struct care_csv *csv, struct care_buf *b)
{
	ssize_t n;

	if (csv->ioerr)
		return -1;
	care_buf_reserve(b, CHUNK);
	while ((n = read(csv->fd, b->p + b->len, CHUNK)) < 0 &&
	    errno == EINTR)
		continue;
	if (n < 0) {
		care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
		    _("read error: %s"), strerror(errno));
		csv->ioerr = 1;
		return -1;
	}
	b->len += (size_t)n;
	b->p[b->len] = '\0';
	return n;
}

static void
add_bad(struct care_csv *csv, size_t off)
{
	if (csv->nbad == csv->badcap) {
		csv->badcap = csv->badcap ? csv->badcap * 2 : 16;
		csv->bad = care_reallocarray(csv->bad, csv->badcap,
		    sizeof(size_t));
	}
	csv->bad[csv->nbad++] = off;
}

/* No more input: the file is read, and so is anything to read again. */
static int
at_end(const struct care_csv *csv)
{
	return csv->eof && csv->pending == 0 &&
	    csv->base + (off_t)csv->chunk.len >= csv->front;
}

/*
 * Lists the bytes of chunk[off..end) that are not UTF-8 and returns the
 * new end: an incomplete sequence at the end waits for the next read.
 */
static size_t
scan_utf8(struct care_csv *csv, size_t off, size_t end)
{
	int partial;

	csv->nbad = 0;
	while (off < end) {
		off += care_decode_utf8_valid(csv->chunk.p + off, end - off,
		    &partial);
		if (off == end)
			break;
		if (partial && !at_end(csv))
			return off;
		add_bad(csv, off++);
	}
	return end;
}

/* Converts in to UTF-8 at the end of chunk; bad bytes pass through. */
static void
decode(struct care_csv *csv)
{
	size_t off = 0;
	int bad;

	csv->nbad = 0;
	while (off < csv->in.len) {
		off += care_decoder_feed(csv->dec, csv->in.p + off,
		    csv->in.len - off, &csv->chunk, &bad);
		if (off == csv->in.len || (bad < 0 && !csv->eof))
			break;
		add_bad(csv, csv->chunk.len);
		care_buf_addc(&csv->chunk, csv->in.p[off++]);
	}
	memmove(csv->in.p, csv->in.p + off, csv->in.len - off);
	csv->in.len -= off;
}

/*
 * Gets more text into chunk: 1 if it is read again from hist (UTF-8
 * already, CP932 mode too), 0 from the input, or -1 after an error.
 */
static int
read_chunk(struct care_csv *csv)
{
	off_t at = csv->base + (off_t)csv->chunk.len;
	ssize_t n = 0;
	size_t len;

	if (at < csv->front) {
		len = csv->front - at > CHUNK ? CHUNK :
		    (size_t)(csv->front - at);
		care_buf_reserve(&csv->chunk, len);
		if (care_csv_hist_get(&csv->hist, at, csv->chunk.p +
		    csv->chunk.len, len, csv->name) < 0)
			return -1;
		csv->chunk.len += len;
		csv->chunk.p[csv->chunk.len] = '\0';
		return 1;
	}
	if (csv->enc == CARE_ENC_UTF8 && csv->pending > 0) {
		care_buf_add(&csv->chunk, csv->in.p, csv->in.len);
		csv->in.len = 0;
	} else if (csv->pending == 0) {
		n = read_more(csv, csv->enc == CARE_ENC_UTF8 ? &csv->chunk :
		    &csv->in);
		if (n < 0)
			return -1;
		if (n == 0)
			csv->eof = 1;
	}
	csv->pending = 0;
	if (csv->enc == CARE_ENC_CP932)
		decode(csv);
	csv->front = csv->base + (off_t)csv->chunk.len;
	return 0;
}

/*
 * Sets the part of chunk that can be cut into lines: all of it but a
 * final CR (its LF may follow) and an incomplete UTF-8 sequence.
 */
static void
cut(struct care_csv *csv, int validate)
{
	size_t end;

	if (csv->bomcheck) {
		csv->bomcheck = 0;
		if (csv->enc == CARE_ENC_UTF8 && csv->chunk.len >= 3 &&
		    memcmp(csv->chunk.p, bom, 3) == 0) {
			csv->chunk.len -= 3;
			csv->base += 3;
			memmove(csv->chunk.p, csv->chunk.p + 3, csv->chunk.len);
		}
	}
	end = csv->chunk.len;
	if (!at_end(csv) && end > 0 && csv->chunk.p[end - 1] == '\r')
		end--;
	if (validate)
		end = scan_utf8(csv, 0, end);
	csv->pos = 0;
	csv->avail = end;
	csv->badi = 0;
	csv->clf = csv->ccr = csv->cnul = 0;
}


int
care_csv_in_refill(struct care_csv *csv)
{
	size_t keep;
	int r;

	keep = csv->chunk.len - csv->avail;
	csv->base += (off_t)csv->avail;
	if (keep > 0)
		memmove(csv->chunk.p, csv->chunk.p + csv->avail, keep);
	csv->chunk.len = keep;
	csv->pos = csv->avail = 0;
	for (;;) {
		if (at_end(csv))
			return 0;
		if ((r = read_chunk(csv)) < 0)
			return -1;
		/*
		 * Detection has just read all of the input as UTF-8, so
		 * it is not checked a second time.
		 */
		cut(csv, !csv->allvalid &&
		    (r == 1 || csv->enc == CARE_ENC_UTF8));
		if (csv->avail > csv->pos)
			return 1;
	}
}

/* Reads the first bytes of input into in: enough to see a BOM. */
static int
fill(struct care_csv *csv)
{
	ssize_t n;

	csv->in.len = 0;
	csv->eof = 0;
	while (csv->in.len < 3) {
		if ((n = read_more(csv, &csv->in)) < 0)
			return -1;
		if (n == 0) {
			csv->eof = 1;
			break;
		}
	}
	csv->pending = csv->in.len;
	return 0;
}

static int
spool_write(struct care_csv *csv, const char *p, size_t n)
{
	if (csv->spool == NULL || n == 0 || fwrite(p, 1, n, csv->spool) == n)
		return 0;
	care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
	    _("cannot write a temporary file: %s"), strerror(errno));
	return -1;
}

/* Reads the rest of the input: 1 if all of it is UTF-8, 0 if not, -1. */
static int
scan_utf8_all(struct care_csv *csv)
{
	struct care_buf *b = &csv->in;
	ssize_t r;
	size_t n;
	int partial, ok = 1;

	if (spool_write(csv, b->p, b->len) < 0)
		return -1;
	for (;;) {
		n = b->len;
		if (ok) {
			n = care_decode_utf8_valid(b->p, b->len, &partial);
			if (n < b->len && (!partial || csv->eof))
				ok = 0;
		}
		if (!ok && csv->spool == NULL)
			return 0;
		if (!ok)
			n = b->len;
		memmove(b->p, b->p + n, b->len - n);
		b->len -= n;
		if (csv->eof)
			return ok;
		if ((r = read_more(csv, b)) < 0)
			return -1;
		if (r == 0)
			csv->eof = 1;
		else if (spool_write(csv, b->p + b->len - r, (size_t)r) < 0)
			return -1;
	}
}

/*
 * Line ends in p[0..n): every LF and every CR, but a CRLF once, also
 * when a call ends between the two.  memchr(3) finds them a word at a
 * time: a worker process counts the lines before its part of a large
 * file this way (care_csv_seek()).
 */
static unsigned long
count_lines(const char *p, size_t n, int *prevcr)
{
	const char *q, *e = p + n;
	unsigned long lines = 0;

	if (n == 0)
		return 0;
	for (q = p; (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++)
		lines++;
	for (q = p; (q = memchr(q, '\r', (size_t)(e - q))) != NULL; q++)
		if (q + 1 == e || q[1] != '\n')
			lines++;
	if (*prevcr && p[0] == '\n')	/* its CR counted already */
		lines--;
	*prevcr = e[-1] == '\r';
	return lines;
}

/* Reads all of the input again: 1 if it is CP932, else 0 (reported). */
static int
scan_cp932_all(struct care_csv *csv, struct care_decoder *d)
{
	struct care_buf *b = &csv->in;
	unsigned long line = 1;
	ssize_t r;
	size_t off;
	int bad, prevcr = 0;

	b->len = 0;
	for (;;) {
		if ((r = read_more(csv, b)) < 0)
			return -1;
		off = care_decoder_feed(d, b->p, b->len, &csv->chunk, &bad);
		csv->chunk.len = 0;
		line += count_lines(b->p, off, &prevcr);
		if (bad >= 0 || (r == 0 && off < b->len)) {
			care_diag(CARE_DIAG_FATAL, csv->name, line, 0,
			    _("neither UTF-8 nor CP932"));
			return 0;
		}
		memmove(b->p, b->p + off, b->len - off);
		b->len -= off;
		if (r == 0)
			return 1;
	}
}

/* Reads from the temporary copy of a pipe from now on. */
static int
spool_done(struct care_csv *csv)
{
	if (fflush(csv->spool) != 0) {
		care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
		    _("cannot write a temporary file: %s"), strerror(errno));
		return -1;
	}
	if (csv->ownfd)
		close(csv->fd);
	csv->fd = fileno(csv->spool);
	csv->ownfd = 0;
	return 0;
}

/* Reads the input a second time from offset start: 1, or -1. */
static int
rewind_input(struct care_csv *csv, off_t start)
{
	if (lseek(csv->fd, start, SEEK_SET) < 0) {
		care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
		    _("cannot seek: %s"), strerror(errno));
		return -1;
	}
	csv->eof = 0;
	return 1;
}

/*
 * CARE_ENC_AUTO: a BOM means UTF-8; otherwise all of the input is read
 * first (a pipe into an unlinked temporary file) to see whether it is
 * UTF-8, else whether it is CP932.
 */
static int
detect(struct care_csv *csv)
{
	struct care_decoder *d;
	struct stat st;
	off_t start = -1;
	int r;

	csv->enc = CARE_ENC_UTF8;
	if (csv->in.len >= 3 && memcmp(csv->in.p, bom, 3) == 0)
		return 0;
	if (fstat(csv->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (start = lseek(csv->fd, 0, SEEK_CUR)) >= 0)
		start -= (off_t)csv->in.len;
	else if ((csv->spool = tmpfile()) == NULL) {
		care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
		    _("cannot create a temporary file: %s"), strerror(errno));
		return -1;
	}
	if ((r = scan_utf8_all(csv)) < 0 ||
	    (csv->spool != NULL && spool_done(csv) < 0))
		return -1;
	if (csv->spool != NULL)
		start = 0;
	csv->allvalid = r == 1;
	if (r == 0) {
		if (rewind_input(csv, start) < 0 ||
		    (d = care_decoder_new_cp932()) == NULL)
			return -1;
		r = scan_cp932_all(csv, d);
		care_decoder_free(d);
		if (r <= 0)
			return -1;
		csv->enc = CARE_ENC_CP932;
	}
	if (rewind_input(csv, start) < 0)
		return -1;
	return fill(csv);
}


/* pread(2) whole: bytes read, short only at the end of the file; -1. */
static ssize_t
pread_full(struct care_csv *csv, char *p, size_t n, off_t off)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = pread(csv->fd, p + got, n - got, off + (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
			    _("read error: %s"), strerror(errno));
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* The first line start at or after off, else the end of the file; -1. */
static off_t
next_line_start(struct care_csv *csv, off_t off, char *buf, size_t cap)
{
	ssize_t n;
	size_t i;
	off_t at;

	if (off <= 0)
		return 0;
	for (at = off - 1;; at += (off_t)i) {
		if ((n = pread_full(csv, buf, cap, at)) <= 0)
			return n < 0 ? -1 : at;
		for (i = 0; i < (size_t)n; i++) {
			if (buf[i] == '\n')
				return at + (off_t)i + 1;
			if (buf[i] != '\r')
				continue;
			if (i + 1 == (size_t)n && (size_t)n == cap)
				break;	/* an LF may follow: read from here */
			if (i + 1 == (size_t)n || buf[i + 1] != '\n')
				return at + (off_t)i + 1;
		}
		if ((size_t)n < cap)
			return at + n;
	}
}

/* Counts the line ends of the input before offset end; 0 or -1. */
static int
lines_before(struct care_csv *csv, off_t end, char *buf, size_t cap,
    unsigned long *lines)
{
	ssize_t n;
	off_t at;
	int prevcr = 0;

	*lines = 0;
	for (at = 0; at < end; at += n) {
		n = pread_full(csv, buf, end - at < (off_t)cap ?
		    (size_t)(end - at) : cap, at);
		if (n <= 0)
			return n < 0 ? -1 : 0;
		*lines += count_lines(buf, (size_t)n, &prevcr);
	}
	return 0;
}

int
care_csv_seek(struct care_csv *csv, off_t off, size_t width)
{
	struct care_buf b = CARE_BUF_INIT;
	unsigned long lines = 0;
	off_t start = -1;
	struct stat st;

	if (csv->enc != CARE_ENC_UTF8 || csv->spool != NULL ||
	    fstat(csv->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
		    _("cannot seek: not a UTF-8 regular file"));
		return -1;
	}
	if (off > st.st_size)
		off = st.st_size;
	care_buf_reserve(&b, SEEK_BUF);
	if ((start = next_line_start(csv, off, b.p, SEEK_BUF)) >= 0 &&
	    lines_before(csv, start, b.p, SEEK_BUF, &lines) < 0)
		start = -1;
	care_buf_free(&b);
	if (start < 0 || rewind_input(csv, start) < 0)
		return -1;
	csv->in.len = csv->chunk.len = 0;
	csv->pending = csv->pos = csv->avail = 0;
	csv->base = csv->front = start;
	care_csv_hist_reset(&csv->hist, start);
	csv->bomcheck = start == 0;
	csv->line = lines + 1;
	csv->width = width;
	return 0;
}

int
care_csv_in_start(struct care_csv *csv, const char *path)
{
	enum care_encoding enc = csv->enc;

	if (path == NULL || strcmp(path, "-") == 0) {
		csv->name = care_strdup("<stdin>");
		csv->fd = STDIN_FILENO;
	} else {
		csv->name = care_strdup(path);
		if ((csv->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
			care_diag(CARE_DIAG_FATAL, csv->name, 0, 0,
			    _("cannot open: %s"), strerror(errno));
			return -1;
		}
		csv->ownfd = 1;
	}
	if (fill(csv) < 0 || (enc == CARE_ENC_AUTO && detect(csv) < 0) ||
	    (csv->enc == CARE_ENC_CP932 &&
	    (csv->dec = care_decoder_new_cp932()) == NULL))
		return -1;
	return 0;
}

void
care_csv_in_free(struct care_csv *csv)
{
	care_decoder_free(csv->dec);
	if (csv->spool != NULL)
		fclose(csv->spool);
	else if (csv->ownfd)
		close(csv->fd);
	care_buf_free(&csv->in);
	care_buf_free(&csv->chunk);
	free(csv->bad);
	free(csv->name);
}
