/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One raw survey value checked against its codebook item and normalised
 * (survey-ingest's inner loop): codes looked up, labels matched to their
 * codes, numbers range-checked, dates to ISO, phone and postal numbers
 * checked.  Problems are reported through care_diag() with a reason code
 * from the fixed list that carekit-codebook(5) documents.
 */
#ifndef CARE_VALUE_H
#define CARE_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "care_codebook.h"
#include "care_err.h"

/* Why a value or a record is refused; names in care_value_reason(). */
enum care_reason {
	CARE_REASON_NONE = 0,
	CARE_REASON_BAD_CODE,
	CARE_REASON_BAD_NUMBER,
	CARE_REASON_OUT_OF_RANGE,
	CARE_REASON_BAD_DATE,
	CARE_REASON_BAD_PHONE,
	CARE_REASON_BAD_POSTAL,
	CARE_REASON_TOO_LONG,
	CARE_REASON_SKIP,
	CARE_REASON_DUPLICATE_ID,
	CARE_REASON_MISSING_ID,
	CARE_REASON_RAGGED,
	CARE_REASON_BAD_QUOTE,
	CARE_REASON_UNDECODABLE,
	CARE_REASON_TOO_BIG,
	CARE_REASON_BAD_DIGITS,
	CARE_REASON_BAD_CHOICE,
	CARE_REASON_COUNT
};

/* "bad-code", "skip-violation", ... */
const char *care_value_reason(enum care_reason r);
/* The reason named s[0..len), or CARE_REASON_NONE if none is. */
enum care_reason care_value_reason_find(const char *s, size_t len);

enum care_value_state {
	CARE_VALUE_NA,		/* 非該当: not asked, no long row */
	CARE_VALUE_NOANSWER,	/* 無回答: a long row with an empty value */
	CARE_VALUE_ANSWER
};

struct care_value {
	enum care_value_state	 state;
	const char		*src;	/* the text, or NULL: it is in the arena */
	size_t			 off;	/* arena offset when src is NULL */
	size_t			 len;
	long			 code;	/* code item: index of the code */
	uint64_t		 mask;	/* multi item: set of code indexes */
	int			 converted;	/* label → code, date rewritten */
};

/* Where a value is, for diagnostics, and how loud to be. */
struct care_value_where {
	const char		*file;
	unsigned long		 line;
	enum care_level		 level;	/* CARE_DIAG_ERROR, or WARN */
	const char		*id;	/* the respondent, normalised; NULL:
					   the record has no id */
	size_t			 idlen;
};

/*
 * Reports a problem of the record at: "file:line: level: respondent
 * 'ID': message", without the respondent when the id is not known.
 */
void care_value_diag(const struct care_value_where *at,
    enum care_level level, const char *fmt, ...) CARE_PRINTF(3, 4);

/*
 * Checks s[0..len) for item.  Normalised text that is not in s or in
 * the codebook is appended to arena.  Returns CARE_REASON_NONE, or the
 * reason after reporting it (v->state is then CARE_VALUE_NOANSWER).
 */
enum care_reason care_value_check(const struct care_codebook *cb,
    const struct care_cb_item *item, const char *s, size_t len,
    struct care_buf *arena, struct care_buf *scratch,
    const struct care_value_where *at, struct care_value *v);

/*
 * The same for a multi item given as 0/1 columns: vals[i] is the cell
 * of item->columns.s[i], or NULL when that column is absent.
 */
enum care_reason care_value_check_columns(const struct care_codebook *cb,
    const struct care_cb_item *item, const char *const *vals,
    const size_t *lens, struct care_buf *scratch,
    const struct care_value_where *at, struct care_value *v);

/*
 * Index of the code s[0..len) is when it is one or two ASCII digits
 * (no leading zero) found in the item's table of small codes, else -1:
 * care_codebook_code() would say the same, at a call per value more.
 */
static inline long
care_value_small_code(const struct care_cb_item *it, const char *s,
    size_t len)
{
	unsigned n;

	if (it->fast == NULL || len == 0 || len > 2 ||
	    (unsigned)(s[0] - '0') > 9)
		return -1;
	n = (unsigned)(s[0] - '0');
	if (len == 2) {
		if (n == 0 || (unsigned)(s[1] - '0') > 9)
			return -1;
		n = n * 10 + (unsigned)(s[1] - '0');
	}
	return (long)it->fast[n] - 1;
}

/*
 * The two most common values, decided inline by survey-ingest before it
 * calls care_value_check(): an empty cell (無回答 for every type, since
 * no code, label or missing code is empty) and a small code of a code
 * or multi item.  Returns 1 with *v set exactly as care_value_check()
 * would set it, or 0 when that must decide.
 */
static inline int
care_value_quick(const struct care_cb_item *it, const char *s, size_t len,
    struct care_value *v)
{
	long c;

	if (len == 0) {
		v->state = CARE_VALUE_NOANSWER;
		v->src = NULL;
		v->off = v->len = 0;
		v->code = -1;
		v->mask = 0;
		v->converted = 0;
		return 1;
	}
	if ((c = care_value_small_code(it, s, len)) < 0)
		return 0;
	v->state = CARE_VALUE_ANSWER;
	v->src = it->codes.s[c];
	v->off = 0;
	v->len = it->codes.len[c];
	v->code = c;
	v->mask = (uint64_t)1 << (c & 63);
	v->converted = 0;
	return 1;
}

/* The text of a checked value. */
static inline const char *
care_value_text(const struct care_value *v, const struct care_buf *arena)
{
	return v->src != NULL ? v->src : arena->p + v->off;
}

#endif /* CARE_VALUE_H */
