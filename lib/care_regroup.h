/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The rows of long CSV grouped by respondent, whatever order they came
 * in: for a reader that found a respondent's rows apart (a file sorted
 * by item, shuffled, or files of one respondent given twice).
 *
 * Rows are kept in memory up to CARE_REGROUP_MEMORY bytes (the
 * environment variable CAREKIT_SORT_MEMORY changes it), then sorted and
 * written to an unlinked temporary file of mode 0600 in $TMPDIR or /tmp;
 * at the end these runs are merged.  So memory is bounded and the disk
 * holds about twice the rows' text at most.
 *
 * Each respondent (source, wave, respondent) is then settled as one
 * record, as survey-ingest wrote it:
 * - its rows in input order, with the row that carries its origin first;
 * - a row that repeats another row of the same record exactly (the same
 *   file given twice, a row duplicated) is set aside and reported;
 * - rows from several records, each with its own origin, are one record
 *   counted and the others set aside when each record's rows came
 *   together; when their rows are mixed, nobody can tell which row is
 *   whose, so the respondent is set aside whole, and reported.
 */
#ifndef CARE_REGROUP_H
#define CARE_REGROUP_H

#include <stddef.h>
#include <stdint.h>

#define CARE_REGROUP_MEMORY	((size_t)64 << 20)

struct care_regroup;

/*
 * Called for every row: rows of one respondent one after the other;
 * kept is 1 for a row counted, 0 for a row set aside (reported already),
 * -1 for the first row of a whole record set aside.  f has six fields,
 * the origin empty for a version 1 row; file is the index the row was
 * added with, line its line there.
 */
typedef void care_regroup_fn(void *ctx, const char *const *f,
    const size_t *len, size_t file, unsigned long line, int kept);

struct care_regroup *care_regroup_new(void);
/* Adds a row of nf (5 or 6) fields read from file (an index) at line. */
void	care_regroup_add(struct care_regroup *g, const char *const *f,
	    const size_t *len, size_t nf, size_t file, unsigned long line);
struct care_csv;
struct care_long_seg;

/*
 * Adds every row of csv, the input of index file, checking its streams
 * in seg (set up by the caller); bad(ctx, line) for each malformed
 * record, which the CSV reader has reported.  0, or -1 when the input is
 * not whole long CSV (reported).
 */
int	care_regroup_read(struct care_regroup *g, struct care_csv *csv,
	    size_t file, struct care_long_seg *seg,
	    void (*bad)(void *ctx, unsigned long line), void *ctx);
/*
 * Hands out every row added, grouped; names[file] is the name of each
 * file for messages.  0, or -1 after an I/O error on a temporary file
 * (reported).
 */
int	care_regroup_each(struct care_regroup *g, care_regroup_fn *fn,
	    void *ctx, const char *const *names);
void	care_regroup_free(struct care_regroup *g);

#endif /* CARE_REGROUP_H */
