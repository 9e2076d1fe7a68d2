/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The respondents a reader of long CSV has met, to notice one again. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>

#include "care_alloc.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_idset.h"
#include "care_long.h"

struct care_long_seen {
	struct care_idset	*ids;
};

struct care_long_seen *
care_long_seen_new(void)
{
	struct care_long_seen *sn = care_calloc(1, sizeof(*sn));

	sn->ids = care_idset_new_values();
	return sn;
}

void
care_long_seen_free(struct care_long_seen *sn)
{
	if (sn == NULL)
		return;
	care_idset_free(sn->ids);
	free(sn);
}

uint64_t
care_long_key_hash(const char *src, size_t srclen, const char *wave,
    size_t wavelen, const char *resp, size_t resplen)
{
	const char *part[3];
	size_t len[3];

	part[0] = src, part[1] = wave, part[2] = resp;
	len[0] = srclen, len[1] = wavelen, len[2] = resplen;
	return care_idset_hash_parts(part, len, 3);
}

void
care_long_seen_prefetch(const struct care_long_seen *sn, uint64_t h)
{
	care_idset_prefetch(sn->ids, h);
}

enum care_long_again
care_long_seen_add(struct care_long_seen *sn, uint64_t h, uint64_t loc,
    uint64_t *first)
{
	if (care_idset_put(sn->ids, h, loc, first))
		return CARE_LONG_NEW;
	/*
	 * Two records that each carry an origin are two records.  Rows
	 * without one are the rest of a record read earlier, or a version
	 * 1 record that cannot say which it is.
	 */
	return care_long_loc_raw(loc) && care_long_loc_raw(*first) ?
	    CARE_LONG_TWICE : CARE_LONG_APART;
}

void
care_long_seen_each(const struct care_long_seen *sn,
    void (*fn)(void *ctx, uint64_t h, uint64_t loc), void *ctx)
{
	care_idset_each(sn->ids, fn, ctx);
}

void
care_long_seen_reserve(struct care_long_seen *sn, size_t n)
{
	care_idset_reserve(sn->ids, n);
}

size_t
care_long_seen_count(const struct care_long_seen *sn)
{
	return care_idset_count(sn->ids);
}

void
care_long_report_twice(const char *resp, const char *file, unsigned long line,
    const char *lfile, unsigned long lline, const char *ffile,
    unsigned long fline)
{
	care_diag(CARE_DIAG_ERROR, file, line, 0, _("respondent '%s': read "
	    "again at %s:%lu, after its record from %s:%lu: set aside, "
	    "counted once"), resp, lfile, lline, ffile, fline);
}
