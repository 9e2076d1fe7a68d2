/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Gregorian and 和暦 dates, and fiscal years (年度). */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "care_date.h"
#include "care_i18n.h"

/* Japan switched to the Gregorian calendar on 明治6年1月1日. */
#define FIRST_YEAR	1873
#define LAST_YEAR	9999

#define KANJI_GAN	"\xe5\x85\x83"	/* 元 */
#define KANJI_NEN	"\xe5\xb9\xb4"	/* 年 */
#define KANJI_GATSU	"\xe6\x9c\x88"	/* 月 */
#define KANJI_NICHI	"\xe6\x97\xa5"	/* 日 */
#define KANJI_DO	"\xe5\xba\xa6"	/* 度 */

/* One era: its name, its letter, its first and last day (0 if open). */
struct era {
	const char	*name;
	char		 letter;
	struct care_date first, last;
};

/* From /work/shared/domain/era_table.csv; each ends before the next. */
static const struct era eras[] = {
	{ "明治", 'M', { 1868, 1, 1 }, { 1912, 7, 29 } },
	{ "大正", 'T', { 1912, 7, 30 }, { 1926, 12, 24 } },
	{ "昭和", 'S', { 1926, 12, 25 }, { 1989, 1, 7 } },
	{ "平成", 'H', { 1989, 1, 8 }, { 2019, 4, 30 } },
	{ "令和", 'R', { 2019, 5, 1 }, { 0, 0, 0 } }
};
#define NERAS	((int)(sizeof(eras) / sizeof(eras[0])))
/* Only 平成 is read leniently past its end (forms printed before 2019). */
#define ERA_HEISEI	3

/* A read position in s[0..len). */
struct cur {
	const char	*p, *end;
};

static int
lit(struct cur *c, const char *s)
{
	size_t	 n;

	n = strlen(s);
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n) != 0)
		return 0;
	c->p += n;
	return 1;
}

/*
 * Reads a run of ASCII digits of length min..max into *v; a longer run
 * fails, so "123" is not read as "12" then "3".
 */
static int
num(struct cur *c, int min, int max, int *v)
{
	int	 n, val;

	n = 0;
	val = 0;
	while (c->p + n < c->end && c->p[n] >= '0' && c->p[n] <= '9') {
		if (n >= max)
			return 0;
		val = val * 10 + (c->p[n] - '0');
		n++;
	}
	if (n < min)
		return 0;
	c->p += n;
	*v = val;
	return 1;
}

/* Reads an era name or letter; returns its index or -1. */
static int
era_prefix(struct cur *c)
{
	int	 i;
	char	 ch;

	for (i = 0; i < NERAS; i++)
		if (lit(c, eras[i].name))
			return i;
	if (c->p == c->end)
		return -1;
	ch = *c->p;
	if (ch >= 'a' && ch <= 'z')
		ch = (char)(ch - 'a' + 'A');
	for (i = 0; i < NERAS; i++)
		if (ch == eras[i].letter) {
			c->p++;
			return i;
		}
	return -1;
}

/* Reads an era year: 元, or 1 to 4 digits other than zero. */
static int
era_year(struct cur *c, int *y)
{
	if (lit(c, KANJI_GAN)) {
		*y = 1;
		return 1;
	}
	return num(c, 1, 4, y) && *y > 0;
}

/*
 * Reads what follows the year to the end: "年M月D日", or a separator
 * (- / .) then M, the same separator, then D.
 */
static int
month_day(struct cur *c, int *m, int *d)
{
	char	 sep;

	if (lit(c, KANJI_NEN))
		return num(c, 1, 2, m) && lit(c, KANJI_GATSU) &&
		    num(c, 1, 2, d) && lit(c, KANJI_NICHI) && c->p == c->end;
	if (c->p == c->end)
		return 0;
	sep = *c->p;
	if (sep != '-' && sep != '/' && sep != '.')
		return 0;
	c->p++;
	if (!num(c, 1, 2, m) || c->p == c->end || *c->p != sep)
		return 0;
	c->p++;
	return num(c, 1, 2, d) && c->p == c->end;
}

/* Reads a Gregorian date; returns 0 on a syntax error. */
static int
parse_western(struct cur *c, struct care_date *g)
{
	struct cur	 save;
	int		 v;

	save = *c;
	if (num(c, 8, 8, &v) && c->p == c->end) {
		g->y = v / 10000;
		g->m = v / 100 % 100;
		g->d = v % 100;
		return 1;
	}
	*c = save;
	return num(c, 4, 4, &g->y) && month_day(c, &g->m, &g->d);
}

/* Checks a date read in era e (-1 for Gregorian) once it is read. */
static enum care_date_status
check(int e, struct care_date g)
{
	if (g.y < FIRST_YEAR || !care_date_valid(g.y, g.m, g.d))
		return CARE_DATE_IMPOSSIBLE;
	if (e < 0)
		return CARE_DATE_OK;
	if (care_date_cmp(g, eras[e].first) < 0)
		return CARE_DATE_BEFORE_ERA;
	if (eras[e].last.y != 0 && care_date_cmp(g, eras[e].last) > 0)
		return e == ERA_HEISEI ? CARE_DATE_PAST_ERA :
		    CARE_DATE_AFTER_ERA;
	return CARE_DATE_OK;
}

/* Nonzero if c holds exactly a time of day: H:MM, H:MM:SS, H:MM:SS.f. */
static int
time_of_day(struct cur *c)
{
	int h, m, sec;

	if (!num(c, 1, 2, &h) || h > 23 || !lit(c, ":") ||
	    !num(c, 2, 2, &m) || m > 59)
		return 0;
	if (c->p < c->end && lit(c, ":")) {
		if (!num(c, 2, 2, &sec) || sec > 60)	/* 60: a leap second */
			return 0;
		if (c->p < c->end && lit(c, ".") && (c->p == c->end ||
		    *c->p < '0' || *c->p > '9'))
			return 0;
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
			c->p++;
	}
	return c->p == c->end;
}

/*
 * The length of the date in s[0..len): all of it, or what comes before
 * a time of day after one space or a "T" (2025/6/1 10:23:45 as web forms
 * export a timestamp, 2025-06-01T10:23:45).  A time zone is not read:
 * the date is the one written.
 */
static size_t
date_part(const char *s, size_t len)
{
	struct cur c;
	size_t i;

	for (i = 1; i + 1 < len; i++)
		if (s[i] == ' ' || (s[i] == 'T' && s[i - 1] >= '0' &&
		    s[i - 1] <= '9')) {
			c.p = s + i + 1;
			c.end = s + len;
			return time_of_day(&c) ? i : len;
		}
	return len;
}

enum care_date_status
care_date_parse(const char *s, size_t len, struct care_date *out)
{
	struct cur		 c;
	struct care_date	 g;
	enum care_date_status	 st;
	int			 e, y;

	if (s == NULL)
		return CARE_DATE_SYNTAX;
	c.p = s;
	c.end = s + date_part(s, len);
	if ((e = era_prefix(&c)) >= 0) {
		if (!era_year(&c, &y) || !month_day(&c, &g.m, &g.d))
			return CARE_DATE_SYNTAX;
		g.y = eras[e].first.y + y - 1;
	} else if (!parse_western(&c, &g))
		return CARE_DATE_SYNTAX;
	st = check(e, g);
	if (st == CARE_DATE_OK || st == CARE_DATE_PAST_ERA)
		*out = g;
	return st;
}

const char *
care_date_strstatus(enum care_date_status st)
{
	switch (st) {
	case CARE_DATE_OK:
		return "";
	case CARE_DATE_PAST_ERA:
		return _("after the end of the era (read as the same "
		    "Gregorian date)");
	case CARE_DATE_SYNTAX:
		return _("not a date");
	case CARE_DATE_IMPOSSIBLE:
		return _("no such day");
	case CARE_DATE_BEFORE_ERA:
		return _("before the era began");
	case CARE_DATE_AFTER_ERA:
		return _("after the end of the era");
	}
	return _("unknown date status");
}

int
care_date_valid(int y, int m, int d)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	 leap, n;

	if (y < 1 || y > LAST_YEAR || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	n = mdays[m - 1] + (m == 2 && leap);
	return d <= n;
}

/*
 * Days from civil (H. Hinnant's algorithm): count from 0000-03-01 so the
 * leap day ends the year, then shift to the Unix epoch.  Done in long so
 * no int arithmetic can overflow.
 */
long
care_date_days(struct care_date d)
{
	long	 y, m, era, yoe, doy, doe;

	y = (long)d.y - (d.m <= 2);
	m = d.m;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d.d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
care_date_cmp(struct care_date a, struct care_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

void
care_date_iso(struct care_date d, char *buf)
{
	/* Clamped so the output always fits the 11 bytes promised. */
	if (!care_date_valid(d.y, d.m, d.d))
		d.y = d.m = d.d = 0;
	(void)snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d.y % 10000,
	    (unsigned)d.m % 100, (unsigned)d.d % 100);
}

/* The era in force on g, or -1 before 1873 (see FIRST_YEAR). */
static int
era_of(struct care_date g)
{
	int	 i;

	if (g.y < FIRST_YEAR)
		return -1;
	for (i = NERAS - 1; i > 0; i--)
		if (care_date_cmp(g, eras[i].first) >= 0)
			break;
	return i;
}

/* Writes era name, year (元 for 1) and suffix; returns length or -1. */
static int
era_label(int e, int y, const char *suffix, char *buf, size_t size)
{
	char	 ybuf[16];
	int	 n;

	if (y == 1)
		(void)snprintf(ybuf, sizeof(ybuf), "%s", KANJI_GAN);
	else
		(void)snprintf(ybuf, sizeof(ybuf), "%d", y);
	n = snprintf(buf, size, "%s%s%s", eras[e].name, ybuf, suffix);
	if (n < 0 || (size_t)n >= size)
		return -1;
	return n;
}

int
care_date_wareki(struct care_date d, char *buf, size_t size)
{
	char	 suffix[32];
	int	 e;

	if (!care_date_valid(d.y, d.m, d.d) || (e = era_of(d)) < 0)
		return -1;
	(void)snprintf(suffix, sizeof(suffix), KANJI_NEN "%d" KANJI_GATSU
	    "%d" KANJI_NICHI, d.m, d.d);
	return era_label(e, d.y - eras[e].first.y + 1, suffix, buf, size);
}

int
care_date_fy(struct care_date d, int start_month)
{
	return d.m >= start_month ? d.y : d.y - 1;
}

int
care_date_fy_label(int fy, enum care_fy_style style, char *buf,
    size_t size)
{
	struct care_date	 dec31;
	int			 e, n;

	if (fy < FIRST_YEAR || fy > LAST_YEAR)
		return -1;
	if (style == CARE_FY_WAREKI) {
		dec31.y = fy;
		dec31.m = 12;
		dec31.d = 31;
		e = era_of(dec31);
		return era_label(e, fy - eras[e].first.y + 1,
		    KANJI_NEN KANJI_DO, buf, size);
	}
	n = snprintf(buf, size, "%d" KANJI_NEN KANJI_DO, fy);
	if (n < 0 || (size_t)n >= size)
		return -1;
	return n;
}

int
care_date_parse_fy(const char *s, size_t len, int *fy)
{
	struct cur	 c;
	int		 e, y;

	if (s == NULL)
		return -1;
	c.p = s;
	c.end = s + len;
	if ((e = era_prefix(&c)) >= 0) {
		if (!era_year(&c, &y))
			return -1;
		y += eras[e].first.y - 1;
		/* The calendar year must have a day in the era. */
		if (e != ERA_HEISEI && eras[e].last.y != 0 &&
		    y > eras[e].last.y)
			return -1;
	} else if (!num(&c, 4, 4, &y))
		return -1;
	if (c.p != c.end && !lit(&c, KANJI_NEN KANJI_DO))
		return -1;
	if (c.p != c.end || y < FIRST_YEAR || y > LAST_YEAR)
		return -1;
	*fy = y;
	return 0;
}
