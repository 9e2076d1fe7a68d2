/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The text the reader may need again: the start of a record or span
 * that earlier chunks held (its raw text goes to a rejects file), and
 * the lines after a quote that did not close on a well-formed record,
 * which are read again.  A few MiB stay in memory; beyond that the text
 * goes to an unlinked temporary file, created 0600 in $TMPDIR or /tmp
 * because it holds respondent data, so memory stays bounded however far
 * a stray quote reaches.  Each byte of input is added at most once.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_csv.h"
#include "care_csv_int.h"
#include "care_err.h"
#include "care_i18n.h"

void
care_csv_hist_init(struct care_csv_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->fd = -1;
}

void
care_csv_hist_reset(struct care_csv_hist *h, off_t at)
{
	/* The disk space goes back now, or with a file of its own. */
	if (h->spilled && ftruncate(h->fd, 0) != 0) {
		close(h->fd);
		h->fd = -1;
	}
	h->spilled = 0;
	h->mem.len = 0;
	h->beg = h->end = at;
}

/* An unlinked temporary file for the text; -1 after reporting. */
static int
spill_open(const char *name)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	int fd, saved;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	path = care_asprintf("%s/carekit-csv.XXXXXX", dir);
	/* mkostemp(3) creates the file 0600. */
	if ((fd = mkostemp(path, O_CLOEXEC)) >= 0)
		(void)unlink(path);
	saved = errno;
	free(path);
	if (fd < 0)
		care_diag(CARE_DIAG_FATAL, name, 0, 0,
		    _("cannot create a temporary file: %s"), strerror(saved));
	return fd;
}

/* pwrite(2) whole; -1 after reporting. */
static int
spill_write(struct care_csv_hist *h, const char *p, size_t n, off_t at,
    const char *name)
{
	ssize_t w;

	while (n > 0) {
		if ((w = pwrite(h->fd, p, n, at)) < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			care_diag(CARE_DIAG_FATAL, name, 0, 0,
			    _("cannot write a temporary file: %s"),
			    strerror(w < 0 ? errno : ENOSPC));
			return -1;
		}
		p += w;
		n -= (size_t)w;
		at += w;
	}
	return 0;
}

/* Moves the text from memory to the file. */
static int
spill(struct care_csv_hist *h, const char *name)
{
	if (h->fd < 0 && (h->fd = spill_open(name)) < 0)
		return -1;
	if (spill_write(h, h->mem.p, h->mem.len, 0, name) < 0)
		return -1;
	h->spilled = 1;
	h->mem.len = 0;
	return 0;
}

int
care_csv_hist_add(struct care_csv_hist *h, const char *p, size_t n,
    const char *name)
{
	if (n == 0)
		return 0;
	if (!h->spilled && h->mem.len + n > CARE_CSV_SPILL &&
	    spill(h, name) < 0)
		return -1;
	if (h->spilled) {
		if (spill_write(h, p, n, h->end - h->beg, name) < 0)
			return -1;
	} else
		care_buf_add(&h->mem, p, n);
	h->end += (off_t)n;
	return 0;
}

int
care_csv_hist_get(struct care_csv_hist *h, off_t at, char *p, size_t n,
    const char *name)
{
	ssize_t r;

	if (!h->spilled) {
		memcpy(p, h->mem.p + (at - h->beg), n);
		return 0;
	}
	at -= h->beg;
	while (n > 0) {
		if ((r = pread(h->fd, p, n, at)) < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			care_diag(CARE_DIAG_FATAL, name, 0, 0,
			    _("read error: %s"), r < 0 ? strerror(errno) :
			    _("temporary file truncated"));
			return -1;
		}
		p += r;
		n -= (size_t)r;
		at += r;
	}
	return 0;
}

void
care_csv_hist_free(struct care_csv_hist *h)
{
	if (h->fd >= 0)
		close(h->fd);
	care_buf_free(&h->mem);
}

/*
 * Before chunk moves on past avail: the text from need on (-1: none)
 * that is only in chunk goes to hist.  The text before chunk from need
 * on is there already, and so is text after chunk (the reader went
 * back), which is why hist is then never emptied.
 */
static int
keep_from(struct care_csv *csv, off_t need)
{
	struct care_csv_hist *h = &csv->hist;
	off_t cend = csv->base + (off_t)csv->avail, a;

	if (need < 0 || need >= cend) {
		if (h->end <= csv->base + (off_t)csv->chunk.len)
			care_csv_hist_reset(h, cend);
		return 0;
	}
	a = need > csv->base ? need : csv->base;
	if (h->end >= cend)
		return 0;
	if (h->end < a)
		care_csv_hist_reset(h, a);
	return care_csv_hist_add(h, csv->chunk.p + (h->end - csv->base),
	    (size_t)(cend - h->end), csv->name);
}

int
care_csv_keep(struct care_csv *csv)
{
	off_t need = -1;

	if (csv->inspan)
		need = csv->sstart;
	else if (csv->inrec)
		need = csv->rstart;
	return keep_from(csv, need);
}

int
care_csv_rewind(struct care_csv *csv, off_t at, unsigned long line)
{
	struct care_csv_hist *h = &csv->hist;
	off_t cend = csv->base + (off_t)csv->chunk.len;

	care_csv_parser_reset(csv);
	csv->rewound = 1;
	csv->mode = CARE_CSV_M_PARSE;
	csv->inrec = 0;
	csv->atline = 1;
	csv->line = line;
	if (at >= csv->base) {
		/* Still in chunk: its caches are for later offsets. */
		csv->pos = (size_t)(at - csv->base);
		csv->clf = csv->ccr = csv->cnul = 0;
		for (csv->badi = 0; csv->badi < csv->nbad &&
		    csv->bad[csv->badi] < csv->pos; csv->badi++)
			continue;
		return 0;
	}
	/* All of chunk goes to hist, which is read from at on. */
	if (h->end < cend && care_csv_hist_add(h, csv->chunk.p +
	    (h->end - csv->base), (size_t)(cend - h->end), csv->name) < 0)
		return -1;
	csv->chunk.len = csv->pos = csv->avail = 0;
	csv->base = at;
	return 0;
}

int
care_csv_text(struct care_csv *csv, off_t beg, off_t end,
    void (*put)(void *, const char *, size_t), void *arg)
{
	char buf[CARE_CSV_CHUNK];
	off_t cend = csv->base + (off_t)csv->chunk.len, e;
	size_t n;

	while (beg < end) {
		if (beg >= csv->base && beg < cend) {
			e = end < cend ? end : cend;
			put(arg, csv->chunk.p + (beg - csv->base),
			    (size_t)(e - beg));
			beg = e;
			continue;
		}
		e = end < csv->hist.end ? end : csv->hist.end;
		if (beg < csv->base && e > csv->base)
			e = csv->base;
		n = e - beg > (off_t)sizeof(buf) ? sizeof(buf) :
		    (size_t)(e - beg);
		if (care_csv_hist_get(&csv->hist, beg, buf, n, csv->name) < 0)
			return -1;
		put(arg, buf, n);
		beg += (off_t)n;
	}
	return 0;
}
