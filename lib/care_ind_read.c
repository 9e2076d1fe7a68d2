/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * indicator-calc's reading of long CSV.  The fast path reads the rows as
 * they come, a respondent at a time, and is right when each
 * respondent's rows are together, as survey-ingest writes them; it
 * notices when they are not (care_long_seen).  Files given by name are
 * then read again through care_regroup, which groups the rows in any
 * order; on standard input, which cannot be read again, that stops the
 * run.  While files given by name are read the first time, messages
 * are held back (care_diag_hold()), so that a second reading does not
 * repeat them.
 */
#include <config.h>

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care_alloc.h"
#include "care_csv.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_ind_int.h"
#include "care_progress.h"
#include "care_regroup.h"

/* What reading all the input came to. */
enum {
	READ_OK,
	READ_FAILED = -1,
	READ_APART = 2,		/* a respondent's rows apart: read again */
	READ_ONE = 3		/* -j went wrong: read in one process */
};

void
care_ind_where(const struct care_ind *t, const char **file,
    unsigned long *line)
{
	if (care_long_loc_raw(t->loc)) {
		*file = care_long_loc_file(t->locs, t->loc);
		*line = care_long_loc_line(t->loc);
	} else {
		*file = t->rfile;
		*line = t->line;
	}
}

/* A header or end line; 0, or -1 if the stream is unusable. */
static int
stream_event(struct care_ind *t, const struct care_csv_record *r,
    enum care_long_kind k)
{
	unsigned long v;

	if (k == CARE_LONG_HEADER) {
		v = (unsigned long)care_long_version(r);
		t->ncols = v == 2 ? 6 : 5;
	} else
		v = (unsigned long)care_long_end_count(r);
	return care_long_seg_event(&t->seg, k, r->line, v, t->rows - t->rows0);
}

/*
 * Once the first respondents are read, their bytes each tell how many
 * the part holds: the set that notices a respondent read twice is made
 * that large at once, rather than grown again and again (3 to 4 times
 * the cost of adding to it).
 */
#define RESERVE_AFTER	4096

static void
reserve(struct care_ind *t, off_t at)
{
	off_t per;

	if (t->span <= 0 || at <= t->spanfrom)
		return;
	per = (at - t->spanfrom) / RESERVE_AFTER;
	if (per > 0)
		care_long_seen_reserve(t->seen, (size_t)(t->span / per +
		    t->span / per / 10));
	t->span = 0;
}

int
care_ind_read_rows(struct care_ind *t, struct care_csv *csv,
    struct ind_jobs *j, struct care_progress *pg)
{
	struct care_csv_record r;
	unsigned long long n = 0;
	enum care_long_kind k;
	int rc;

	for (;;) {
		if (j != NULL && care_ind_jobs_stop(j, t, care_csv_tell(csv)))
			return 1;
		if ((rc = care_csv_read(csv, &r)) != 1)
			return rc;
		if ((++n & 4095) == 0)	/* the clock is read far less often */
			care_progress_tick(pg, n);
		t->lastline = r.end_line;
		/* Most records are rows: told so without a call. */
		if (r.problem == CARE_CSV_OK && r.nfields == t->ncols &&
		    r.fields[0][0] != '#' && (r.lens[0] != 6 ||
		    memcmp(r.fields[0], "source", 6) != 0))
			k = CARE_LONG_ROW;
		else if ((k = care_long_kind(&r, t->seg.version)) ==
		    CARE_LONG_HEADER || k == CARE_LONG_END) {
			if (stream_event(t, &r, k) != 0)
				return -1;
			continue;
		}
		if (t->seg.version == 0 &&
		    care_long_seg_row(&t->seg, r.line) != 0)
			return -1;
		if (k == CARE_LONG_BAD) {
			t->rows++;
			t->rejected++;
			continue;
		}
		care_ind_row(t, (const char *const *)r.fields, r.lens, r.line);
		if (t->apart)
			return READ_APART;
		if (t->respondents == RESERVE_AFTER && t->span > 0)
			reserve(t, care_csv_tell(csv));
	}
}

/* The bytes from from to the end of path, a regular file; 0 else. */
static off_t
file_span(const char *path, off_t from, size_t parts)
{
	struct stat st;

	if (strcmp(path, "-") == 0 || from < 0 || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode) || st.st_size <= from)
		return 0;
	return (st.st_size - from) / (off_t)parts;
}

/* Reads one file (stdin for "-"), in several processes if large. */
static int
read_file(struct care_ind *t, const char *path)
{
	struct care_csv *csv;
	struct care_csv_record r;
	struct care_progress *pg;
	struct ind_jobs *j = NULL;
	int rc, stopped;

	if ((csv = care_csv_open(path, CARE_ENC_UTF8)) == NULL)
		return READ_FAILED;
	care_ind_set_file(t, care_csv_name(csv));
	care_long_seg_init(&t->seg, t->file);
	t->rows0 = t->rows;
	t->files++;
	if ((rc = care_csv_read(csv, &r)) == 1) {
		if (care_long_kind(&r, 0) != CARE_LONG_HEADER) {
			(void)care_long_seg_row(&t->seg, r.line);
			rc = READ_FAILED;
		} else
			(void)stream_event(t, &r, CARE_LONG_HEADER);
	}
	if (rc == 1) {
		/* A large file is read in parts by several processes. */
		j = care_ind_jobs_start(t, path, csv);
		t->spanfrom = care_csv_tell(csv);
		t->span = file_span(path, t->spanfrom, care_ind_jobs_parts(j));
		pg = care_progress_new(t->file, "rows");
		rc = stopped = care_ind_read_rows(t, csv, j, pg);
		care_progress_done(pg);
		if (!t->apart)
			care_ind_flush(t);
		if (j != NULL && (stopped == 0 || stopped == 1))
			rc = care_ind_jobs_finish(j, t, path, stopped);
		else if (j != NULL)
			care_ind_jobs_abandon(j);
	}
	if (rc == 0 && !t->apart && care_long_seg_finish(&t->seg,
	    t->lastline) != 0)
		rc = READ_FAILED;
	t->file = NULL;
	care_csv_close(csv);
	if (t->apart)
		return READ_APART;
	return rc < 0 ? READ_FAILED : rc;
}

static int
read_files(struct care_ind *t, char *const *paths, size_t n)
{
	size_t i;
	int rc = READ_OK;

	for (i = 0; i < (n > 0 ? n : 1) && rc == READ_OK; i++)
		rc = read_file(t, n > 0 ? paths[i] : "-");
	return rc;
}

/* --- in any order --------------------------------------------------- */

struct grouped {
	struct care_ind		*t;
	const char *const	*names;
	size_t			 file;	/* of the last row */
};

static void
grouped_row(void *ctx, const char *const *f, const size_t *len,
    size_t file, unsigned long line, int kept)
{
	struct grouped *gr = ctx;
	struct care_ind *t = gr->t;

	if (file != gr->file || t->file == NULL) {
		gr->file = file;
		care_ind_set_file(t, gr->names[file]);
	}
	if (kept <= 0) {
		t->rows++;
		t->aside++;
		return;
	}
	care_ind_row(t, f, len, line);
}

/* A malformed record met while gathering: rejected. */
static void
gather_bad(void *ctx, unsigned long line)
{
	struct care_ind *t = ctx;

	(void)line;
	t->rows++;
	t->rejected++;
}

/* Reads every file again, grouping each respondent's rows. */
static int
read_grouped(struct care_ind *t, char *const *paths, size_t n)
{
	struct care_regroup *g = care_regroup_new();
	struct grouped gr;
	struct care_csv *csv;
	char **names = care_calloc(n + 1, sizeof(*names));
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		if ((csv = care_csv_open(paths[i], CARE_ENC_UTF8)) == NULL) {
			rc = -1;
			break;
		}
		names[i] = care_strdup(care_csv_name(csv));
		t->files++;
		care_long_seg_init(&t->seg, names[i]);
		rc = care_regroup_read(g, csv, i, &t->seg, gather_bad, t);
		care_csv_close(csv);
	}
	t->grouped = 1;
	t->ncols = 6;
	gr.t = t;
	gr.names = (const char *const *)names;
	gr.file = n;
	if (rc == 0)
		rc = care_regroup_each(g, grouped_row, &gr, gr.names);
	care_ind_flush(t);
	t->file = NULL;
	care_regroup_free(g);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* --- the whole input --------------------------------------------------- */

int
care_ind_read(struct care_ind *t, char *const *paths, size_t n)
{
	struct care_long_apart why;
	int rc;

	if ((t->rereadable = care_long_rereadable(paths, n)) != 0)
		care_diag_hold();
	rc = read_files(t, paths, n);
	if (rc == READ_ONE) {
		care_long_forget();
		care_ind_reset(t);
		t->rereadable = 1;
		t->opts.jobs = 1;
		rc = read_files(t, paths, n);
	}
	if (rc == READ_APART && t->apartwhy.why != NULL) {
		why = t->apartwhy;
		memset(&t->apartwhy, 0, sizeof(t->apartwhy));
		care_long_forget();
		care_ind_reset(t);
		care_long_apart_note(&why);
		rc = read_grouped(t, paths, n);
	}
	care_diag_release();
	return rc == 0 ? 0 : -1;
}
