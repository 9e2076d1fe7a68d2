/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for care_date: parsing, 和暦 and 年度 labels, over the
 * bytes as they are and as care_value gives them to the parser (NFKC
 * with dash folding, so full-width digits, ㋿ and ㍻ reach it).
 * Whatever the bytes, a date that parses must be valid and must survive
 * a round trip through its ISO and 和暦 forms and its fiscal-year labels;
 * a date that does not parse leaves the output alone; a parsed fiscal
 * year must survive its labels.
 */
#include <config.h>

#include <stddef.h>
#include <string.h>

#include "care_buf.h"
#include "care_date.h"
#include "care_text.h"
#include "common.h"

/* The labels of fiscal year fy both parse back to it. */
static void
check_fy(int fy)
{
	char buf[CARE_DATE_WAREKI_SIZE];
	int fy2, n;

	n = care_date_fy_label(fy, CARE_FY_WAREKI, buf, sizeof(buf));
	FUZZ_ASSERT(n >= 0 && care_date_parse_fy(buf, (size_t)n, &fy2) == 0 &&
	    fy2 == fy);
	n = care_date_fy_label(fy, CARE_FY_WESTERN, buf, sizeof(buf));
	FUZZ_ASSERT(n >= 0 && care_date_parse_fy(buf, (size_t)n, &fy2) == 0 &&
	    fy2 == fy);
}

static void
check_date(const char *s, size_t len)
{
	static const struct care_date unset = { -1, -1, -1 };
	struct care_date	 d = unset, back;
	enum care_date_status	 st;
	char			 buf[CARE_DATE_WAREKI_SIZE], iso[11];
	int			 fy, n;

	st = care_date_parse(s, len, &d);
	(void)care_date_strstatus(st);
	if (st != CARE_DATE_OK && st != CARE_DATE_PAST_ERA) {
		FUZZ_ASSERT(memcmp(&d, &unset, sizeof(d)) == 0);
	} else {
		FUZZ_ASSERT(care_date_valid(d.y, d.m, d.d));
		care_date_iso(d, iso);
		FUZZ_ASSERT(care_date_parse(iso, strlen(iso), &back) ==
		    CARE_DATE_OK && care_date_cmp(back, d) == 0);
		n = care_date_wareki(d, buf, sizeof(buf));
		FUZZ_ASSERT(n >= 0 && care_date_parse(buf, (size_t)n, &back) ==
		    CARE_DATE_OK && care_date_cmp(back, d) == 0);
		(void)care_date_days(d);
		/* January to March 1873 are in 年度 1872: no label. */
		if ((fy = care_date_fy(d, 4)) >= 1873)
			check_fy(fy);
	}
	if (care_date_parse_fy(s, len, &fy) == 0)
		check_fy(fy);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct care_buf norm = CARE_BUF_INIT;

	check_date((const char *)data, size);
	if (care_text_normalize(&norm, (const char *)data, size,
	    CARE_TEXT_CODE) == 0)
		check_date(norm.p, norm.len);
	care_buf_free(&norm);
	return 0;
}
