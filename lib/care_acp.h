/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ACP workshop tallies (acp-tally): the acp.yaml configuration, the
 * reading of the long CSV that survey-ingest writes from the session
 * log, the pre and post questionnaires and the card picks, and the
 * tables.  Memory is bounded by the sessions and groups, not by rows:
 * a record (the contiguous rows of one respondent) is tallied as soon
 * as it ends.  Session records must come before the questionnaires and
 * card sheets that refer to them.
 */
#ifndef CARE_ACP_H
#define CARE_ACP_H

#include <stdio.h>

#include "care_date.h"
#include "care_round.h"
#include "care_table.h"

struct care_acp_cfg;
struct care_acp;

/* Loads acp.yaml; returns NULL after reporting every problem. */
struct care_acp_cfg *care_acp_cfg_load(const char *path);
void care_acp_cfg_free(struct care_acp_cfg *cfg);
/* The configured fiscal year start month (4 for 年度). */
int care_acp_cfg_fy_start(const struct care_acp_cfg *cfg);

/* What the grouped tables are broken down by (--by). */
enum care_acp_by {
	CARE_ACP_BY_NONE,
	CARE_ACP_BY_FY,
	CARE_ACP_BY_CENTER,
	CARE_ACP_BY_VENUE,
	CARE_ACP_BY_AGE,
	CARE_ACP_BY_SEX
};

/* Parses "fy", "center", "venue", "age", "sex"; returns 0 or -1. */
int care_acp_by_parse(const char *name, enum care_acp_by *out);

struct care_acp_opts {
	enum care_acp_by	by;
	int			round_set;	/* round overrides the config */
	enum care_round_method	round;
	int			fy;		/* 0: any fiscal year */
	int			have_from, have_to;
	struct care_date	from, to;	/* inclusive */
};

struct care_acp *care_acp_new(const struct care_acp_cfg *cfg,
    const struct care_acp_opts *opts);
/*
 * Reads the long CSV files paths[0..n) ("-" for stdin; none: stdin) and
 * tallies them.  Contradictions and second records of a respondent are
 * reported as errors and set aside.  The rows of files given by name
 * may come in any order; on standard input each respondent's rows must
 * be together.  Returns 0, or -1 when an input could not be read or is
 * not whole long CSV (reported).
 */
int care_acp_read(struct care_acp *t, char *const *paths, size_t n);
/*
 * After the last file: tallies the questionnaires and card sheets read
 * before their session (files in any order), or reports their session
 * missing.  The writers call it too; once is enough.
 */
void care_acp_finish(struct care_acp *t);
/* Writes every table; returns -1 on a write error (errno set). */
int care_acp_write(struct care_acp *t, FILE *fp, enum care_table_format fmt);
/*
 * Writes bar charts as one SVG document (HAVE_PDF builds only): the
 * shares of sessions by venue and of the pre and post answers, with the
 * rounded shares of the tables.  -1 on a write error (errno set).
 */
int care_acp_write_svg(struct care_acp *t, FILE *fp);
/* Reports the one-line row account as a note. */
void care_acp_summary(const struct care_acp *t);
void care_acp_free(struct care_acp *t);

#endif /* CARE_ACP_H */
