/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for care_date: parsing, 和暦 and 年度 labels. */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "care_date.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Whatever the bytes, a date that parses must be valid and must survive a
 * round trip through its ISO and 和暦 forms; a parsed fiscal year must
 * survive its labels.  abort() makes libFuzzer report the input.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct care_date	 d, back;
	enum care_date_status	 st;
	char			 buf[CARE_DATE_WAREKI_SIZE], iso[11];
	int			 fy, fy2, n;

	st = care_date_parse((const char *)data, size, &d);
	(void)care_date_strstatus(st);
	if (st == CARE_DATE_OK || st == CARE_DATE_PAST_ERA) {
		if (!care_date_valid(d.y, d.m, d.d))
			abort();
		care_date_iso(d, iso);
		if (care_date_parse(iso, strlen(iso), &back) != CARE_DATE_OK ||
		    care_date_cmp(back, d) != 0)
			abort();
		n = care_date_wareki(d, buf, sizeof(buf));
		if (n < 0 || care_date_parse(buf, (size_t)n, &back) !=
		    CARE_DATE_OK || care_date_cmp(back, d) != 0)
			abort();
		(void)care_date_days(d);
		fy = care_date_fy(d, 4);
		(void)care_date_fy_label(fy, CARE_FY_WAREKI, buf, sizeof(buf));
	}
	if (care_date_parse_fy((const char *)data, size, &fy) == 0) {
		n = care_date_fy_label(fy, CARE_FY_WAREKI, buf, sizeof(buf));
		if (n < 0 || care_date_parse_fy(buf, (size_t)n, &fy2) != 0 ||
		    fy2 != fy)
			abort();
		n = care_date_fy_label(fy, CARE_FY_WESTERN, buf, sizeof(buf));
		if (n < 0 || care_date_parse_fy(buf, (size_t)n, &fy2) != 0 ||
		    fy2 != fy)
			abort();
	}
	return 0;
}
