/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Outcome indicators (indicator-calc): the indicators file (the logic
 * model: scenes, outcomes, indicators), the streaming aggregation of the
 * long CSV that survey-ingest writes, mergeable partial aggregates, and
 * the finished table with intervals, change from the baseline wave,
 * disclosure control and status.  Memory is bounded by the indicators,
 * waves and groups, and about 25 bytes per respondent to notice one
 * read twice: a respondent's rows are joined and tallied as soon as the
 * respondent ends.  Rows of a respondent found apart are grouped first
 * (care_regroup).  Paired indicators keep one entry per respondent of
 * their two sources until both sides are seen.
 */
#ifndef CARE_INDICATORS_H
#define CARE_INDICATORS_H

#include <stdio.h>

#include "care_stats.h"
#include "care_table.h"

struct care_ind_cfg;
struct care_ind;

/* Loads an indicators file; returns NULL after reporting every problem. */
struct care_ind_cfg *care_ind_cfg_load(const char *path);
void care_ind_cfg_free(struct care_ind_cfg *cfg);

/* Run options (command line). */
struct care_ind_opts {
	enum care_stats_ci_method ci;		/* unweighted intervals */
	double			  level;	/* confidence level */
	long			  min_cell;	/* disclosure threshold K; 0 off */
	long			  jobs;		/* processes for a large file; 0 auto */
	int			  partial;	/* partial aggregates to be written */
};

/* Parses "wilson", "clopper-pearson", "wald", "agresti-coull", "wilson-cc". */
int care_ind_ci_parse(const char *name, enum care_stats_ci_method *out);
const char *care_ind_ci_name(enum care_stats_ci_method m);

struct care_ind *care_ind_new(struct care_ind_cfg *cfg,
    const struct care_ind_opts *opts);
/*
 * Reads the long CSV files paths[0..n) ("-" for stdin; none: stdin) and
 * aggregates them.  The rows of files given by name may come in any
 * order; on standard input each respondent's rows must be together, as
 * survey-ingest writes them.  Bad rows and second records of a
 * respondent are reported and set aside.  Returns 0, or -1 when an
 * input could not be read or is not whole long CSV (reported).
 */
int care_ind_read(struct care_ind *t, char *const *paths, size_t n);
/* Reads one partial file (--merge) and adds it; 0 or -1 (reported). */
int care_ind_merge(struct care_ind *t, const char *path);
/* Writes the partial aggregates (--partial); -1 on a write error. */
int care_ind_write_partial(struct care_ind *t, FILE *fp);
/* Writes the finished table; -1 on a write error (errno set). */
int care_ind_write(struct care_ind *t, FILE *fp, enum care_table_format fmt);
/*
 * Writes the trends as one SVG document (HAVE_PDF builds only): a panel
 * per proportion or mean indicator with two waves or more, and per
 * breakdown, with intervals; withheld cells are left out.  -1 on a
 * write error (errno set).
 */
int care_ind_write_svg(struct care_ind *t, FILE *fp);
/* Reports the one-line row account as a note. */
void care_ind_summary(const struct care_ind *t);
void care_ind_free(struct care_ind *t);

#endif /* CARE_INDICATORS_H */
