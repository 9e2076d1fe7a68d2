/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CSV writing: RFC 4180 quoting, UTF-8, LF line ends, with its own
 * output buffer because survey-ingest writes tens of millions of rows.
 */
#ifndef CARE_CSVOUT_H
#define CARE_CSVOUT_H

#include <stddef.h>
#include <stdio.h>

/* Flags for care_csvout_new(). */
#define CARE_CSVOUT_NEUTRALIZE	0x1	/* guard cells against spreadsheet formulas */
#define CARE_CSVOUT_BOM		0x2	/* start with a UTF-8 BOM (Excel reads Japanese) */

struct care_csvout;

struct care_csvout *care_csvout_new(FILE *fp, unsigned flags);
/* Appends one field to the current row. */
void care_csvout_field(struct care_csvout *w, const char *s, size_t len);
void care_csvout_fields(struct care_csvout *w, const char *s); /* NUL-terminated */
/*
 * A field too long to hold in memory, written in parts between start
 * and finish.  It comes out as care_csvout_field() would write it
 * whole: quoted says whether it needs quotes (care_csvout_needs_quotes()
 * of any of its parts), first is its first byte (-1 if it is empty),
 * which alone decides the formula guard.
 */
void care_csvout_field_start(struct care_csvout *w, int quoted, int first);
void care_csvout_field_part(struct care_csvout *w, const char *s, size_t len);
void care_csvout_field_finish(struct care_csvout *w);
int care_csvout_needs_quotes(const char *s, size_t len);
/* Ends the current row with LF. */
void care_csvout_end(struct care_csvout *w);
/* Writes the buffer to the FILE; returns -1 on a write error (errno set). */
int care_csvout_flush(struct care_csvout *w);
/* Flushes and frees; returns -1 if any write failed. */
int care_csvout_free(struct care_csvout *w);

/*
 * Formula neutralisation: a cell that begins with = + - @ TAB or CR, or
 * with the guard quote itself, gets a leading "'".  care_csvout_unguard()
 * removes exactly that guard again, so a neutralised file read back gives
 * the original values.  Returns the length of the unguarded value, which
 * starts at *s after the call.
 */
int care_csvout_needs_guard(const char *s, size_t len);
size_t care_csvout_unguard(const char **s, size_t len);

#endif /* CARE_CSVOUT_H */
