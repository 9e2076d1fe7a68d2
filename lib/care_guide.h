/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Guidebook lists (在宅医療ガイドブック, 訪問看護ステーション一覧,
 * 入退院連携ガイドブック) from resource CSVs: a guidebook.yaml maps each
 * input layout onto field names, joins inputs, puts addresses into
 * areas, and lays the entries out in sections (filter, grouping, 50音順,
 * columns); the result is written as PDF, HTML, text, Markdown or CSV,
 * or compared with a previous edition's CSV.  See carekit-guidebook(5).
 */
#ifndef CARE_GUIDE_H
#define CARE_GUIDE_H

#include <stddef.h>
#include <stdio.h>

enum care_guide_format {
	CARE_GUIDE_PDF,
	CARE_GUIDE_HTML,
	CARE_GUIDE_TEXT,
	CARE_GUIDE_MD,
	CARE_GUIDE_CSV
};

/* Parses "pdf", "html", "text", "md", "csv"; 0 or -1. */
int care_guide_format_parse(const char *name, enum care_guide_format *out);

struct care_guide_cfg;
struct care_guide;

/*
 * Loads guidebook.yaml; returns NULL after reporting every problem
 * (file:line:col) of an unusable configuration.
 */
struct care_guide_cfg *care_guide_cfg_load(const char *path);
void care_guide_cfg_free(struct care_guide_cfg *cfg);
/* Number of inputs the configuration declares. */
size_t care_guide_cfg_ninputs(const struct care_guide_cfg *cfg);

struct care_guide *care_guide_new(const struct care_guide_cfg *cfg);
/*
 * Reads input number i from path, or from the file the configuration
 * names (relative to the configuration's directory) when path is NULL.
 * Bad records are reported with their line.  Returns 0, or -1 when the
 * file cannot be used at all (unreadable, undecodable, header missing a
 * required column): that is trouble, not a data error.
 */
int care_guide_read(struct care_guide *g, size_t i, const char *path);
/*
 * Reads the CSV tables of report sections (tables: in the configuration)
 * every file relative to dir, or to the
 * configuration's directory when dir is NULL (figures are read when
 * written; a missing one is reported and shown as a note).  Returns 0,
 * or -1 when a table cannot be read (reported).
 */
int care_guide_read_tables(struct care_guide *g, const char *dir);
/*
 * Joins the inputs, assigns areas and builds the sections.  Returns 0,
 * or -1 when an input with on_error: stop had a bad entry (nothing
 * should then be rendered).
 */
int care_guide_build(struct care_guide *g);
/* Writes the built guidebook; -1 on a write error (errno set). */
int care_guide_write(const struct care_guide *g, FILE *fp,
    enum care_guide_format fmt);
/*
 * Compares the built guidebook with prev, a CSV written by -f csv for an
 * earlier edition, and writes the changes (entries added, removed,
 * fields changed) as a table: csv or md for those formats, aligned text
 * otherwise.  Returns the number of changes, or -1 after reporting a
 * problem with prev (trouble) or a write error (errno set, *werr set).
 */
long care_guide_diff(const struct care_guide *g, const char *prev, FILE *fp,
    enum care_guide_format fmt, int *werr);
/* The one-line note on stderr: rows read, entries listed and dropped. */
void care_guide_summary(const struct care_guide *g);
void care_guide_free(struct care_guide *g);

#endif /* CARE_GUIDE_H */
