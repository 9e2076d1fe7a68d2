/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * acp-tally's reading of long CSV: rows gathered into records (one per
 * source, wave and respondent), each checked and tallied as it ends.
 * A record read a second time is set aside; rows of a record found
 * apart make files given by name be read again in any order
 * (care_regroup), and stop a reading of standard input.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "care_acp.h"
#include "care_acp_int.h"
#include "care_alloc.h"
#include "care_csv.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_long.h"
#include "care_regroup.h"

/* Which value slot of the current record an item fills, or -1. */
static int
item_slot(const struct care_acp *t, const char *item)
{
	const struct care_acp_cfg *c = t->cfg;
	int i, w;

	switch (t->rec.src) {
	case SRC_SESSION:
		for (i = 0; i < NSI; i++)
			if (strcmp(item, c->sitem[i]) == 0)
				return i;
		return -1;
	case SRC_PRE:
	case SRC_POST:
		w = t->rec.src - SRC_PRE;
		return strcmp(item, c->q[w].session) == 0 ? 0 :
		    strcmp(item, c->q[w].item) == 0 ? 1 : -1;
	case SRC_CARDS:
		return strcmp(item, c->card_session) == 0 ? 0 :
		    strcmp(item, c->card_age) == 0 ? 1 :
		    strcmp(item, c->card_sex) == 0 ? 2 : -1;
	default:
		return -1;
	}
}

/* A record whose rows are apart: this reading stops. */
static void
apart(struct care_acp *t, uint64_t first)
{
	t->apart = 1;
	care_long_apart(&t->apartwhy, t->rereadable, t->rec.file,
	    t->rec.line, care_asprintf(_("respondent '%s': its rows are not "
	    "together (others at %s:%lu)"), t->rec.resp.p,
	    care_long_loc_file(t->locs, first), care_long_loc_line(first)));
}

/* A record of version 2 begins without its origin: rows reordered. */
static void
unordered(struct care_acp *t)
{
	t->apart = 1;
	care_long_apart(&t->apartwhy, t->rereadable, t->rec.file,
	    t->rec.line, care_asprintf(_("respondent '%s': its record does "
	    "not begin with its origin row: the rows are not in the order "
	    "they were written"), t->rec.resp.p));
}

/*
 * Ends the current record: tallied unless its respondent was read
 * before (a second record: set aside) or its rows are apart.
 */
static void
record_done(struct care_acp *t)
{
	struct acp_rec *r = &t->rec;
	uint64_t first;

	if (r->rows == 0 || r->src < 0 || t->grouped) {
		care_acp_record_end(t);
		return;
	}
	switch (care_long_seen_add(t->seen, care_long_key_hash(r->source.p,
	    r->source.len, r->wave.p, r->wave.len, r->resp.p, r->resp.len),
	    r->loc, &first)) {
	case CARE_LONG_NEW:
		care_acp_record_end(t);
		return;
	case CARE_LONG_TWICE:
		care_long_report_twice(r->resp.p, care_long_loc_file(t->locs,
		    r->loc), care_long_loc_line(r->loc), r->file, r->line,
		    care_long_loc_file(t->locs, first),
		    care_long_loc_line(first));
		t->rows_aside += r->rows;
		t->aside[r->src]++;
		break;
	default:
		apart(t, first);
		break;
	}
	care_acp_rec_clear(t);
}

/* Starts a record at row f, which is on line. */
static void
record_begin(struct care_acp *t, const char *const *f, const size_t *len,
    unsigned long line)
{
	struct acp_rec *r = &t->rec;
	uint64_t o;
	int i;

	care_buf_set(&r->source, f[CARE_LONG_SOURCE], len[CARE_LONG_SOURCE]);
	care_buf_set(&r->wave, f[CARE_LONG_WAVE], len[CARE_LONG_WAVE]);
	care_buf_set(&r->resp, f[CARE_LONG_RESP], len[CARE_LONG_RESP]);
	r->line = line;
	r->file = t->file;
	r->loc = care_long_loc_at(t->fileloc, line);
	if (len[CARE_LONG_ORIGIN] > 0 && (o = care_long_origin(t->locs,
	    f[CARE_LONG_ORIGIN], len[CARE_LONG_ORIGIN])) != 0)
		r->loc = o;
	r->src = -1;
	for (i = 0; i < NSRC; i++)
		if (strcmp(f[CARE_LONG_SOURCE], t->cfg->src[i]) == 0)
			r->src = i;
}

/*
 * One row: a new record starts when source, wave or respondent change,
 * or at a row with an origin.  Nonzero when the reading is to stop.
 */
static int
row(void *ctx, const char *const *f, const size_t *len, unsigned long line)
{
	struct care_acp *t = ctx;
	struct acp_rec *r = &t->rec;
	int i;

	t->rows_read++;
	if (r->rows == 0 || len[CARE_LONG_ORIGIN] > 0 ||
	    strcmp(f[CARE_LONG_SOURCE], r->source.p) != 0 ||
	    strcmp(f[CARE_LONG_WAVE], r->wave.p) != 0 ||
	    strcmp(f[CARE_LONG_RESP], r->resp.p) != 0) {
		record_done(t);
		if (t->apart)
			return 1;
		record_begin(t, f, len, line);
		if (t->seg.version == 2 && len[CARE_LONG_ORIGIN] == 0 &&
		    !t->grouped) {
			unordered(t);
			return 1;
		}
	}
	r->rows++;
	if (r->src == SRC_CARDS &&
	    strcmp(f[CARE_LONG_ITEM], t->cfg->card_item) == 0) {
		care_acp_pick(t, f[CARE_LONG_VALUE], line);
	} else if ((i = item_slot(t, f[CARE_LONG_ITEM])) >= 0 &&
	    r->vline[i] != 0) {
		care_acp_diag(t, CARE_DIAG_ERROR, line, _("item '%s' repeated "
		    "(first on line %lu)"), f[CARE_LONG_ITEM], r->vline[i]);
		r->bad = 1;
	} else if (i >= 0) {
		care_buf_set(&r->val[i], f[CARE_LONG_VALUE],
		    len[CARE_LONG_VALUE]);
		r->vline[i] = line;
	}
	return 0;
}

static void
bad(void *ctx, unsigned long line)
{
	struct care_acp *t = ctx;

	(void)line;
	t->rows_read++;
	t->rows_aside++;
}

/* The file rows now come from. */
static void
set_file(struct care_acp *t, const char *name)
{
	t->file = name;
	t->fileloc = care_long_loc(t->locs, name, strlen(name), 0, 0);
}

/* Keeps the name of a file read, for the messages of later records. */
static const char *
add_file(struct care_acp *t, const char *name)
{
	t->files = care_reallocarray(t->files, t->nfiles + 1,
	    sizeof(*t->files));
	return t->files[t->nfiles++] = care_strdup(name);
}

/* Reads one file; 0, 1 when a record's rows were apart, or -1. */
static int
read_file(struct care_acp *t, const char *path)
{
	struct care_long_sink sk;
	struct care_csv *csv;
	int rc;

	if ((csv = care_csv_open(path, CARE_ENC_AUTO)) == NULL)
		return -1;
	set_file(t, add_file(t, care_csv_name(csv)));
	care_long_seg_init(&t->seg, t->file);
	sk.ctx = t;
	sk.row = row;
	sk.bad = bad;
	rc = care_long_read(csv, &t->seg, &sk);
	if (rc == 0)
		record_done(t);
	t->file = NULL;
	care_csv_close(csv);
	return t->apart ? 1 : rc;
}

/* --- in any order --------------------------------------------------- */

static void
grouped_row(void *ctx, const char *const *f, const size_t *len,
    size_t file, unsigned long line, int kept)
{
	struct care_acp *t = ctx;
	int i;

	if (t->file != t->files[file])
		set_file(t, t->files[file]);
	if (kept > 0) {
		(void)row(t, f, len, line);
		return;
	}
	bad(t, line);
	for (i = 0; i < NSRC && kept < 0; i++)
		if (strcmp(f[CARE_LONG_SOURCE], t->cfg->src[i]) == 0)
			t->aside[i]++;
}

/* Reads every file again, grouping each respondent's rows. */
static int
read_grouped(struct care_acp *t, char *const *paths, size_t n)
{
	struct care_regroup *g = care_regroup_new();
	struct care_csv *csv;
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		if ((csv = care_csv_open(paths[i], CARE_ENC_AUTO)) == NULL) {
			rc = -1;
			break;
		}
		care_long_seg_init(&t->seg, add_file(t, care_csv_name(csv)));
		rc = care_regroup_read(g, csv, i, &t->seg, bad, t);
		care_csv_close(csv);
	}
	t->grouped = 1;
	if (rc == 0)
		rc = care_regroup_each(g, grouped_row, t,
		    (const char *const *)t->files);
	if (rc == 0)
		record_done(t);
	t->file = NULL;
	care_regroup_free(g);
	return rc;
}

int
care_acp_read(struct care_acp *t, char *const *paths, size_t n)
{
	struct care_long_apart why;
	size_t i;
	int rc = 0;

	if ((t->rereadable = care_long_rereadable(paths, n)) != 0)
		care_diag_hold();
	for (i = 0; i < (n > 0 ? n : 1) && rc == 0; i++)
		rc = read_file(t, n > 0 ? paths[i] : "-");
	if (rc == 1 && t->apartwhy.why != NULL) {
		why = t->apartwhy;
		memset(&t->apartwhy, 0, sizeof(t->apartwhy));
		care_long_forget();
		care_acp_reset(t);
		care_long_apart_note(&why);
		rc = read_grouped(t, paths, n);
	}
	care_diag_release();
	return rc == 0 ? 0 : -1;
}
