/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What is wrong with a record the reader has cut out, said once. */
#include <config.h>

#include <string.h>

#include "care_buf.h"
#include "care_csv.h"
#include "care_csv_int.h"
#include "care_decode.h"
#include "care_err.h"
#include "care_i18n.h"

static void
report_toobig(struct care_csv *csv)
{
	if (csv->toobig == CARE_CSV_TB_COLUMNS)
		care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
		    _("record has more than %d fields"), CARE_CSV_MAX_COLUMNS);
	else if (csv->toobig == CARE_CSV_TB_FIELD)
		care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
		    _("field %zu is longer than %lu bytes"), csv->tbfield,
		    CARE_CSV_MAX_FIELD);
	else
		care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
		    _("record is longer than %lu bytes"),
		    (unsigned long)CARE_CSV_MAX_RECORD);
}

/* Names the field holding the first bad byte of the record. */
static void
report_undecodable(struct care_csv *csv)
{
	const char *f;
	size_t i;
	int partial, cp = csv->enc == CARE_ENC_CP932;

	for (i = 0; i < csv->nf; i++) {
		f = csv->ptrs ? csv->fields[i] : csv->fbuf.p + csv->offs[i];
		if (memchr(f, '\0', csv->lens[i]) != NULL) {
			care_diag(CARE_DIAG_ERROR, csv->name, csv->badline, 0,
			    _("field %zu: contains a NUL byte"), i + 1);
			return;
		}
		if (care_decode_utf8_valid(f, csv->lens[i], &partial) <
		    csv->lens[i])
			break;
	}
	if (i < csv->nf && cp)
		care_diag(CARE_DIAG_ERROR, csv->name, csv->badline, 0,
		    _("field %zu: not valid CP932: byte 0x%02X"), i + 1,
		    (unsigned)csv->badbyte);
	else if (i < csv->nf)
		care_diag(CARE_DIAG_ERROR, csv->name, csv->badline, 0,
		    _("field %zu: not valid UTF-8"), i + 1);
	else
		care_diag(CARE_DIAG_ERROR, csv->name, csv->badline, 0,
		    cp ? _("not valid CP932: byte 0x%02X") :
		    _("not valid UTF-8: byte 0x%02X"), (unsigned)csv->badbyte);
}

/* Decides what is wrong with a record parsed to its end, and says it. */
static enum care_csv_problem
check_record(struct care_csv *csv)
{
	if (csv->width == 0)
		csv->width = csv->nf;
	if (csv->nf != csv->width) {
		care_diag(CARE_DIAG_ERROR, csv->name, csv->rline, 0,
		    _("record has %zu fields, expected %zu"), csv->nf,
		    csv->width);
		return CARE_CSV_RAGGED;
	}
	if (csv->badline != 0) {
		report_undecodable(csv);
		return CARE_CSV_UNDECODABLE;
	}
	return CARE_CSV_OK;
}

/*
 * Hands the record just ended to the caller.  One with a quote error or
 * past a limit is its raw text: split, it would not be what it was.
 */
int
care_csv_emit(struct care_csv *csv, struct care_csv_record *rec)
{
	rec->line = csv->rline;
	rec->end_line = csv->rlast;
	if (csv->mode == CARE_CSV_M_QUOTE) {
		care_diag(CARE_DIAG_ERROR, csv->name, csv->qline, 0, "%s",
		    csv->qkind ? _("text after a closing quote") :
		    _("stray quote in an unquoted field"));
		rec->problem = CARE_CSV_QUOTE;
	} else if (csv->toobig != CARE_CSV_TB_NONE) {
		report_toobig(csv);
		rec->problem = CARE_CSV_TOO_BIG;
	} else {
		rec->problem = check_record(csv);
		return care_csv_hand(csv, rec);
	}
	if (care_csv_raw_field(csv, csv->rstart, csv->rend) < 0)
		return -1;
	return care_csv_hand(csv, rec);
}
