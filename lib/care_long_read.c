/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading long CSV: its records, its streams checked on the way. */
#include <config.h>

#include <sys/stat.h>

#include <string.h>

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
