/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The long CSV: versions, end lines, streams and origins. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_csv.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_idset.h"
#include "care_long.h"

static const char *const header[] = { "source", "wave", "respondent",
	"item", "value", "origin" };

int
care_long_version(const struct care_csv_record *r)
{
	size_t i;

	/* A header's width may differ from the first record's: RAGGED. */
	if ((r->problem != CARE_CSV_OK && r->problem != CARE_CSV_RAGGED) ||
	    (r->nfields != 5 && r->nfields != 6) || r->lens[0] != 6)
		return 0;
	for (i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i], header[i]) != 0)
			return 0;
	return r->nfields == 6 ? 2 : 1;
}

long
care_long_end_count(const struct care_csv_record *r)
{
	const char *s;
	size_t i;
	long n = 0;

	if (r->nfields != 6 || strcmp(r->fields[0], CARE_LONG_END_TAG) != 0)
		return -1;
	for (i = 2; i < 6; i++)
		if (r->lens[i] != 0)
			return -1;
	if (r->lens[1] == 0 || r->lens[1] > 18)
		return -1;
	for (s = r->fields[1]; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

enum care_long_kind
care_long_kind(const struct care_csv_record *r, int v)
{
	if (r->nfields > 0 && r->fields[0][0] == '#' &&
	    r->problem == CARE_CSV_OK && care_long_end_count(r) >= 0)
		return v == 1 ? CARE_LONG_BAD : CARE_LONG_END;
	if (r->nfields > 0 && r->lens[0] == 6 && care_long_version(r) != 0)
		return CARE_LONG_HEADER;
	if (r->problem != CARE_CSV_OK || r->nfields != (v == 2 ? 6u : 5u))
		return CARE_LONG_BAD;
	return CARE_LONG_ROW;
}

void
care_long_seg_init(struct care_long_seg *s, const char *file)
{
	memset(s, 0, sizeof(*s));
	s->file = file;
}

void
care_long_seg_record(struct care_long_seg *s, int v)
{
	s->record = 1;
	s->version = v;
}

void
care_long_seg_free(struct care_long_seg *s)
{
	free(s->ev);
	s->ev = NULL;
	s->nev = s->capev = 0;
}

/* Keeps an event of a recording s. */
static void
keep(struct care_long_seg *s, enum care_long_kind k, unsigned long line,
    unsigned long v, unsigned long nrec)
{
	if (s->nev == s->capev) {
		s->capev = s->capev ? s->capev * 2 : 8;
		s->ev = care_reallocarray(s->ev, s->capev, sizeof(*s->ev));
	}
	s->ev[s->nev].kind = k;
	s->ev[s->nev].line = line;
	s->ev[s->nev].v = v;
	s->ev[s->nev++].nrec = nrec;
	if (k == CARE_LONG_HEADER)
		s->version = (int)v;
	else if (k == CARE_LONG_END)
		s->version = 0;
}

int
care_long_seg_replay(struct care_long_seg *s,
    const struct care_long_event *ev, unsigned long nrec)
{
	if (ev->kind == CARE_LONG_ROW)
		return care_long_seg_row(s, ev->line);
	return care_long_seg_event(s, ev->kind, ev->line, ev->v,
	    nrec + ev->nrec);
}

/* A version 2 stream met another header or the end of its input. */
static int
no_end(const struct care_long_seg *s, unsigned long line)
{
	care_diag(CARE_DIAG_FATAL, s->file, line, 0, _("the long CSV begun "
	    "on line %lu has no end line: the program that wrote it did not "
	    "finish, so none of it is used"), s->hline);
	return -1;
}

int
care_long_seg_event(struct care_long_seg *s, enum care_long_kind k,
    unsigned long line, unsigned long v, unsigned long nrec)
{
	if (s->record) {
		keep(s, k, line, v, nrec);
		return 0;
	}
	if (k == CARE_LONG_HEADER) {
		if (s->version == 2)
			return no_end(s, line);
		s->version = (int)v;
		s->streams++;
		s->hline = line;
		s->base = nrec;
		return 0;
	}
	if (s->version != 2) {
		care_diag(CARE_DIAG_FATAL, s->file, line, 0, _("an end line "
		    "outside a stream (the last ended on line %lu)"),
		    s->endline);
		return -1;
	}
	if (v != nrec - s->base) {
		care_diag(CARE_DIAG_FATAL, s->file, line, 0, _("the end line "
		    "counts %lu records, but %lu were read since the header on "
		    "line %lu: the stream was cut or altered"), v,
		    nrec - s->base, s->hline);
		return -1;
	}
	s->version = 0;
	s->endline = line;
	return 0;
}

int
care_long_seg_row(struct care_long_seg *s, unsigned long line)
{
	if (s->version != 0)
		return 0;
	if (s->record) {
		keep(s, CARE_LONG_ROW, line, 0, 0);
		return 0;
	}
	if (s->streams == 0)
		care_diag(CARE_DIAG_FATAL, s->file, line, 0, _("not long CSV: "
		    "the header must be 'source,wave,respondent,item,value,"
		    "origin'"));
	else
		care_diag(CARE_DIAG_FATAL, s->file, line, 0, _("a record "
		    "after the end line on line %lu, without a header"),
		    s->endline);
	return -1;
}

int
care_long_seg_finish(struct care_long_seg *s, unsigned long line)
{
	if (s->version == 2)
		return no_end(s, line);
	if (s->streams == 0) {
		care_diag(CARE_DIAG_FATAL, s->file, 0, 0, _("empty input: no "
		    "long CSV header (did the program that wrote it fail?)"));
		return -1;
	}
	return 0;
}

/* --- locations ------------------------------------------------------ */

#define LOC_RAW		((uint64_t)1 << 63)
#define LOC_LINEBITS	40
#define LOC_LINEMAX	(((uint64_t)1 << LOC_LINEBITS) - 1)

struct care_long_files {
	struct care_idset	*ids;	/* hash of a name -> its index */
	char			**name;
	size_t			 n, cap;
	size_t			 last;	/* the index found last */
};

struct care_long_files *
care_long_files_new(void)
{
	struct care_long_files *fs = care_calloc(1, sizeof(*fs));

	fs->ids = care_idset_new_values();
	return fs;
}

void
care_long_files_free(struct care_long_files *fs)
{
	size_t i;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->n; i++)
		free(fs->name[i]);
	free(fs->name);
	care_idset_free(fs->ids);
	free(fs);
}

/* The index of name[0..len), added if new. */
static size_t
file_id(struct care_long_files *fs, const char *name, size_t len)
{
	uint64_t h, first;
	size_t i;

	/* Records of one file follow each other: no hash for them. */
	if (fs->last < fs->n && strncmp(fs->name[fs->last], name, len) == 0 &&
	    fs->name[fs->last][len] == '\0')
		return fs->last;
	h = care_idset_hash(name, len);
	if (!care_idset_put(fs->ids, h, fs->n, &first)) {
		i = (size_t)first;
		if (strlen(fs->name[i]) == len &&
		    memcmp(fs->name[i], name, len) == 0)
			return fs->last = i;
		/* Two names with one hash: look the slow way. */
		for (i = 0; i < fs->n; i++)
			if (strlen(fs->name[i]) == len &&
			    memcmp(fs->name[i], name, len) == 0)
				return fs->last = i;
	}
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 8;
		fs->name = care_reallocarray(fs->name, fs->cap,
		    sizeof(*fs->name));
	}
	fs->name[fs->n] = care_malloc(len + 1);
	memcpy(fs->name[fs->n], name, len);
	fs->name[fs->n][len] = '\0';
	return fs->last = fs->n++;
}

uint64_t
care_long_loc(struct care_long_files *fs, const char *file, size_t len,
    unsigned long line, int raw)
{
	uint64_t l = line > LOC_LINEMAX ? LOC_LINEMAX : line;

	return (raw ? LOC_RAW : 0) |
	    (uint64_t)file_id(fs, file, len) << LOC_LINEBITS | l;
}

int
care_long_origin_split(const char *s, size_t len, size_t *filelen,
    unsigned long *line)
{
	size_t i = len;

	while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
		i--;
	if (i == len || i == 0 || s[i - 1] != ':' || len - i > 12)
		return -1;
	*filelen = i - 1;
	for (*line = 0; i < len; i++)
		*line = *line * 10 + (unsigned long)(s[i] - '0');
	return 0;
}

uint64_t
care_long_origin(struct care_long_files *fs, const char *s, size_t len)
{
	unsigned long line;
	size_t flen;

	if (care_long_origin_split(s, len, &flen, &line) != 0)
		return 0;
	return care_long_loc(fs, s, flen, line, 1);
}

size_t
care_long_files_count(const struct care_long_files *fs)
{
	return fs->n;
}

const char *
care_long_files_name(const struct care_long_files *fs, size_t i)
{
	return fs->name[i];
}

size_t
care_long_loc_index(uint64_t loc)
{
	return (size_t)((loc & ~LOC_RAW) >> LOC_LINEBITS);
}

uint64_t
care_long_loc_at(uint64_t loc, unsigned long line)
{
	return (loc & ~LOC_LINEMAX) | (line > LOC_LINEMAX ? LOC_LINEMAX :
	    line);
}

int
care_long_loc_raw(uint64_t loc)
{
	return (loc & LOC_RAW) != 0;
}

const char *
care_long_loc_file(const struct care_long_files *fs, uint64_t loc)
{
	size_t i = (size_t)((loc & ~LOC_RAW) >> LOC_LINEBITS);

	return i < fs->n ? fs->name[i] : "?";
}

unsigned long
care_long_loc_line(uint64_t loc)
{
	return (unsigned long)(loc & LOC_LINEMAX);
}
