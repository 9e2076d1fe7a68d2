/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dates as Japanese offices write them: ISO 8601, 2025/4/1, 2025年4月1日,
 * 和暦 (令和7年4月1日, 令和元年5月1日, R7.4.1, H31.4.30, S50.1.1), and the
 * fiscal year (年度, April to March).  Input should be NFKC-normalised
 * first (care_text_normalize with CARE_TEXT_CODE) so full-width digits
 * are ASCII.
 *
 * Accepted date forms (s[0..len) must be exactly one of these, or one
 * followed by a time of day; the caller trims, so any other space, even
 * between parts, is CARE_DATE_SYNTAX):
 *  - Gregorian, 4-digit year, 1- or 2-digit month and day, one separator
 *    used twice: 2025-04-01, 2025-4-1, 2025/4/1, 2025.4.1; 8 digits
 *    20250401; 2025年4月1日 (also 2025年04月01日).
 *  - 和暦: an era, a year, then "年M月D日" or a separator form as above.
 *    The era is 明治 大正 昭和 平成 令和 (NFKC turns ㍾ ㍽ ㍼ ㍻ ㋿ into
 *    these) or its letter M T S H R, upper or lower case.  The year is
 *    元 or 1 to 4 digits, leading zeros allowed (令和元年5月1日, R07.04.01,
 *    H31.4.30, S50/1/1, R7年4月1日, 平成1年1月8日); year 0 is a syntax
 *    error.
 *  - Any of these, then one space or "T" and a time of day H:MM, H:MM:SS
 *    or H:MM:SS.fraction (2025/6/1 10:23:45, 2025-06-01T10:23:45: web
 *    forms' timestamps).  The time is checked and dropped; a time zone
 *    is refused, as the date would depend on it.
 * Era starts: 明治 1868-01-01, 大正 1912-07-30, 昭和 1926-12-25,
 * 平成 1989-01-08, 令和 2019-05-01; each ends the day before the next.
 * Checks, in this order:
 *  - CARE_DATE_IMPOSSIBLE: no such Gregorian day (2月30日, 2023-02-29,
 *    4月31日, month 13, day 0), or a year outside 1873..9999.  Japan
 *    adopted the Gregorian calendar on 明治6年1月1日 (1873-01-01), so
 *    明治1年 to 明治5年 and Gregorian years before 1873 are refused here.
 *  - CARE_DATE_BEFORE_ERA: before the era began (令和元年4月30日,
 *    平成元年1月7日).
 *  - CARE_DATE_PAST_ERA: 平成 only, after its end (H31.5.1, 平成32年1月1日):
 *    read as the same Gregorian date (1988 + year), for forms printed
 *    before 2019.
 *  - CARE_DATE_AFTER_ERA: any other era after its end (昭和64年1月8日,
 *    昭和65年1月1日, 大正15年12月25日).
 */
#ifndef CARE_DATE_H
#define CARE_DATE_H

#include <stddef.h>

struct care_date {
	int	y, m, d;	/* Gregorian */
};

enum care_date_status {
	CARE_DATE_OK = 0,
	CARE_DATE_PAST_ERA,	/* 平成 year written past the era's end (H31.5.1,
				   平成32年): read as the same Gregorian date;
				   callers warn */
	CARE_DATE_SYNTAX,	/* not a date in any accepted form */
	CARE_DATE_IMPOSSIBLE,	/* no such day (2月30日), or year outside
				   1873..9999 */
	CARE_DATE_BEFORE_ERA,	/* before the era began (令和元年4月30日) */
	CARE_DATE_AFTER_ERA	/* after the end of an era other than 平成
				   (昭和64年1月8日) */
};

/*
 * Parses s[0..len) into *out; on CARE_DATE_PAST_ERA *out is also set.
 * On any other status *out is left unchanged.
 */
enum care_date_status care_date_parse(const char *s, size_t len,
    struct care_date *out);
/*
 * An English phrase for a status, for messages: "not a date", "no such
 * day", "before the era began", "after the end of the era", "after the end
 * of the era (read as the same Gregorian date)"; "" for CARE_DATE_OK.
 */
const char *care_date_strstatus(enum care_date_status st);

/* Nonzero if y-m-d is a real Gregorian day with 1 <= y <= 9999. */
int care_date_valid(int y, int m, int d);
/*
 * Days since 1970-01-01 (negative before), for differences and sorting;
 * proleptic Gregorian, so it works for any valid date.
 */
long care_date_days(struct care_date d);
/* Returns <0, 0 or >0 as a is before, equal to or after b. */
int care_date_cmp(struct care_date a, struct care_date b);

/* Writes "YYYY-MM-DD" into buf (at least 11 bytes); d must be valid. */
void care_date_iso(struct care_date d, char *buf);

/* A buffer size that always suffices for care_date_wareki. */
#define CARE_DATE_WAREKI_SIZE	32
/*
 * Writes the 和暦 form "令和7年4月1日" (元年 for year 1) into buf; returns
 * the length, or -1 if the date is before 明治 (here: before 1873-01-01,
 * see above), not valid, or buf is too small.
 */
int care_date_wareki(struct care_date d, char *buf, size_t size);

/*
 * Fiscal year of a date; start_month is 4 for 年度 and 1 for the calendar
 * year (a start_month outside 1..12 gives d.y or d.y - 1, unspecified).
 */
int care_date_fy(struct care_date d, int start_month);

enum care_fy_style {
	CARE_FY_WESTERN,	/* 2024年度 */
	CARE_FY_WAREKI		/* 令和6年度; FY2019 is 令和元年度 */
};
/*
 * Writes the label of fiscal year fy (1873..9999) into buf; returns
 * length or -1.  The 和暦 label names the calendar year fy by the era in
 * force on its 31 December: 2018 平成30年度, 2019 令和元年度, 1989 平成元年度,
 * 1988 昭和63年度.
 */
int care_date_fy_label(int fy, enum care_fy_style style, char *buf,
    size_t size);
/*
 * Parses a fiscal-year label: "2024", "2024年度", "令和6年度", "R6年度",
 * "R6", "令和6", and both "平成31年度" and "令和元年度" for 2019.  Returns 0
 * or -1.  Era names and letters are as for care_date_parse.  An era year
 * is accepted while its calendar year has a day in the era (昭和64年度 is
 * 1989, 昭和65年度 is refused); 平成 is lenient past its end as for dates
 * (平成32年度 is 2020), with no way to tell the caller.  The result must
 * be in 1873..9999 (明治5年度 is refused).
 */
int care_date_parse_fy(const char *s, size_t len, int *fy);

#endif /* CARE_DATE_H */
