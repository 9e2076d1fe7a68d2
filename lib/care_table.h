/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tabular output for every program: CSV, TSV, aligned text (East Asian
 * width aware, so Japanese lines up on a terminal), Markdown and JSON.
 * A table is collected in memory (outputs are aggregates, not data)
 * and written in one go.
 */
#ifndef CARE_TABLE_H
#define CARE_TABLE_H

#include <stddef.h>
#include <stdio.h>

enum care_table_format {
	CARE_TABLE_CSV,
	CARE_TABLE_TSV,
	CARE_TABLE_TEXT,	/* aligned columns for a terminal ("table") */
	CARE_TABLE_MD,		/* GitHub-flavoured Markdown */
	CARE_TABLE_JSON		/* an array of objects keyed by header */
};

enum care_table_align {
	CARE_ALIGN_LEFT,
	CARE_ALIGN_RIGHT
};

/* Parses "csv", "tsv", "table" (or "text"), "md", "json". */
int care_table_format_parse(const char *name, enum care_table_format *out);

struct care_table;

struct care_table *care_table_new(size_t ncols, const char *const *headers);
/* Right alignment for text and Markdown; numbers are right-aligned. */
void care_table_align(struct care_table *t, size_t col,
    enum care_table_align align);
/* JSON writes the column's cells as numbers (an empty cell as null). */
void care_table_numeric(struct care_table *t, size_t col);
/* Appends a cell to the current row (copied). */
void care_table_cell(struct care_table *t, const char *s);
void care_table_cellf(struct care_table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Ends the current row; missing cells are empty. */
void care_table_end_row(struct care_table *t);
size_t care_table_rows(const struct care_table *t);

/* Flags for care_table_write(). */
#define CARE_TABLE_NEUTRALIZE	0x1	/* CSV: guard spreadsheet formulas */
#define CARE_TABLE_NO_HEADER	0x2

/* Writes the table; returns -1 on a write error (errno set). */
int care_table_write(const struct care_table *t, FILE *fp,
    enum care_table_format fmt, unsigned flags);
void care_table_free(struct care_table *t);

#endif /* CARE_TABLE_H */
