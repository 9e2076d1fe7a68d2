/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading long CSV: its records, its streams checked on the way. */
#include <config.h>

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_csv.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_long.h"

int
care_long_read(struct care_csv *csv, struct care_long_seg *seg,
    const struct care_long_sink *sk)
{
	struct care_csv_record r;
	const char *f[6];
	size_t len[6], k;
	unsigned long nrec = 0, last = 0;
	enum care_long_kind kind;
	int rc;

	while ((rc = care_csv_read(csv, &r)) == 1) {
		kind = care_long_kind(&r, seg->version);
		if (kind == CARE_LONG_HEADER || kind == CARE_LONG_END) {
			if (care_long_seg_event(seg, kind, r.line, (unsigned long)
			    (kind == CARE_LONG_HEADER ? care_long_version(&r) :
			    care_long_end_count(&r)), nrec) != 0)
				return -1;
			continue;
		}
		if (care_long_seg_row(seg, r.line) != 0)
			return -1;
		nrec++;
		last = r.end_line;
		if (kind == CARE_LONG_BAD) {
			sk->bad(sk->ctx, r.line);
			continue;
		}
		for (k = 0; k < 6; k++) {
			f[k] = k < r.nfields ? r.fields[k] : "";
			len[k] = k < r.nfields ? r.lens[k] : 0;
		}
		if (sk->row(sk->ctx, f, len, r.line) != 0)
			return 1;
	}
	if (rc < 0)
		return -1;
	return care_long_seg_finish(seg, last);
}

int
care_long_rereadable(char *const *paths, size_t n)
{
	struct stat st;
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) != 0 ||
		    !S_ISREG(st.st_mode))
			return 0;
	return 1;
}

void
care_long_forget(void)
{
	if (care_diag_forget())
		care_diag(CARE_DIAG_NOTE, NULL, 0, 0, _("the messages above "
		    "are a first reading's: the input is read again"));
}

void
care_long_apart(struct care_long_apart *a, int rereadable, const char *file,
    unsigned long line, char *why)
{
	if (!rereadable) {
		care_diag(CARE_DIAG_FATAL, file, line, 0, _("%s; on standard "
		    "input each respondent's rows must be together: give the "
		    "file by name to have its rows read in any order"), why);
		free(why);
		return;
	}
	care_long_apart_free(a);
	a->why = why;
	a->file = care_strdup(file);
	a->line = line;
}

void
care_long_apart_note(struct care_long_apart *a)
{
	if (a->why != NULL)
		care_diag(CARE_DIAG_NOTE, a->file, a->line, 0, _("%s: reading "
		    "the input again in any order"), a->why);
	care_long_apart_free(a);
}

void
care_long_apart_free(struct care_long_apart *a)
{
	free(a->why);
	free(a->file);
	a->why = a->file = NULL;
}
