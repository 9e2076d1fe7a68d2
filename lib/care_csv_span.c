/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A quote that does not close on a well-formed record.  A quoted field
 * may hold line ends, so a record whose quoted field spans a line end
 * is on trial: it stands when it ends at a line end with the header's
 * number of fields and no quote error, as free text over several lines
 * does, however long (a field past the size limit is then rejected
 * whole as too big).  Otherwise the quote that opened on its first line
 * R was a stray one: line R makes no record, and the reader goes back
 * to line R+1 and tries each line in turn as the start of a record.
 * The lines before the first one that parses, R to S, are one span,
 * handed out as one malformed record of their raw text; reading goes on
 * at the line that parses.  So a stray quote costs its own line and the
 * lines that fail with it, never the records after it.
 */
#include <config.h>

#include "care_csv.h"
#include "care_csv_int.h"
#include "care_err.h"
#include "care_i18n.h"

/* The first line of the record on trial joins the span. */
static int
fail(struct care_csv *csv, enum care_csv_cause cause)
{
	if (!csv->inspan) {
		csv->inspan = 1;
		csv->cause = cause;
		csv->sline = csv->rline;
		csv->sstart = csv->rstart;
		csv->sfail = csv->rlast;
	}
	csv->slast = csv->rline;
	if (!csv->rmulti) {
		/* One line: reading goes on after it. */
		csv->send = csv->rend;
		csv->mode = CARE_CSV_M_PARSE;
		csv->inrec = 0;
		return 0;
	}
	csv->send = csv->r1cend;
	return care_csv_rewind(csv, csv->r1end, csv->rline + 1);
}

/* Hands out the span as one record of its raw text. */
static int
hand_span(struct care_csv *csv, struct care_csv_record *rec)
{
	if (csv->sline != csv->slast)
		care_diag(CARE_DIAG_ERROR, csv->name, csv->sline, 0,
		    _("lines %lu-%lu: unbalanced quote: no well-formed record "
		    "starts on these lines"), csv->sline, csv->slast);
	else if (csv->cause == CARE_CSV_C_UNTERM)
		care_diag(CARE_DIAG_ERROR, csv->name, csv->sline, 0,
		    _("unterminated quoted field"));
	else
		care_diag(CARE_DIAG_ERROR, csv->name, csv->sline, 0,
		    _("unbalanced quote: the quoted field opened here would "
		    "end on line %lu in a malformed record"), csv->sfail);
	csv->inspan = 0;
	rec->line = csv->sline;
	rec->end_line = csv->slast;
	rec->problem = csv->cause == CARE_CSV_C_UNTERM ?
	    CARE_CSV_UNTERMINATED : CARE_CSV_QUOTE;
	if (care_csv_raw_field(csv, csv->sstart, csv->send) < 0)
		return -1;
	return care_csv_hand(csv, rec);
}

int
care_csv_span_over(struct care_csv *csv, struct care_csv_record *rec)
{
	int bad;

	bad = csv->mode == CARE_CSV_M_QUOTE ||
	    (csv->width != 0 && csv->ncols != csv->width);
	if (bad && (csv->inspan || csv->rmulti))
		return fail(csv, CARE_CSV_C_MALFORMED);
	if (!csv->inspan)
		return care_csv_emit(csv, rec);
	/* The span ends before this record, which is read again. */
	if (care_csv_rewind(csv, csv->rstart, csv->rline) < 0)
		return -1;
	return hand_span(csv, rec);
}

int
care_csv_span_unterm(struct care_csv *csv, struct care_csv_record *rec)
{
	care_csv_parser_reset(csv);
	if (csv->inspan || csv->rmulti)
		return fail(csv, CARE_CSV_C_UNTERM);
	/* The last line, with no line end to go back to. */
	care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
	    _("unterminated quoted field"));
	rec->line = csv->rline;
	rec->end_line = csv->rlast;
	rec->problem = CARE_CSV_UNTERMINATED;
	if (care_csv_raw_field(csv, csv->rstart, csv->rend) < 0)
		return -1;
	return care_csv_hand(csv, rec);
}

int
care_csv_span_end(struct care_csv *csv, struct care_csv_record *rec)
{
	return hand_span(csv, rec);
}
