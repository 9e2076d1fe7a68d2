/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checking and normalising one survey value against its codebook item. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_codebook.h"
#include "care_date.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_text.h"
#include "care_value.h"

/* Reason codes: the fixed list of carekit-codebook(5), in enum order. */
static const char *const reasons[CARE_REASON_COUNT] = {
	"", "bad-code", "bad-number", "out-of-range", "bad-date", "bad-phone",
	"bad-postal", "too-long", "skip-violation", "duplicate-id",
	"missing-id", "ragged", "bad-quote", "undecodable", "too-big",
	"bad-digits", "bad-choice"
};

/* The postal mark 〒 (U+3012), which postal codes may start with. */
#define POSTAL_MARK	"\xe3\x80\x92"

const char *
care_value_reason(enum care_reason r)
{
	return r < CARE_REASON_COUNT ? reasons[r] : "";
}

enum care_reason
care_value_reason_find(const char *s, size_t len)
{
	int r;

	for (r = 1; r < CARE_REASON_COUNT; r++)
		if (strlen(reasons[r]) == len && memcmp(reasons[r], s, len) == 0)
			return (enum care_reason)r;
	return CARE_REASON_NONE;
}

static void CARE_PRINTF(3, 0)
vdiag(const struct care_value_where *at, enum care_level level,
    const char *fmt, va_list ap)
{
	va_list aq;
	char *msg;
	int n;

	if (at->id == NULL) {
		care_vdiag(level, at->file, at->line, 0, fmt, ap);
		return;
	}
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	msg = care_malloc(n > 0 ? (size_t)n + 1 : 1);
	*msg = '\0';
	if (n > 0)
		(void)vsnprintf(msg, (size_t)n + 1, fmt, ap);
	care_diag(level, at->file, at->line, 0, _("respondent '%.*s': %s"),
	    (int)at->idlen, at->id, msg);
	free(msg);
}

void
care_value_diag(const struct care_value_where *at, enum care_level level,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(at, level, fmt, ap);
	va_end(ap);
}

/* Reports a bad value and returns r; the value becomes 無回答. */
static enum care_reason CARE_PRINTF(4, 5)
bad(enum care_reason r, const struct care_value_where *at,
    struct care_value *v, const char *fmt, ...)
{
	va_list ap;

	v->state = CARE_VALUE_NOANSWER;
	v->src = "";
	v->len = 0;
	v->mask = 0;
	v->converted = 0;
	va_start(ap, fmt);
	vdiag(at, at->level, fmt, ap);
	va_end(ap);
	return r;
}

/* Printable ASCII with no spaces: already in normal form. */
static int
plain_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

/*
 * Nonzero if s is valid UTF-8 that NFC and trimming leave alone: ASCII,
 * kana (not the combining sound marks U+3099, U+309A), CJK unified
 * ideographs, CJK punctuation and full-width forms, none of which NFC
 * composes or decomposes; no space at either end.  Japanese free text
 * then skips the Unicode normaliser.
 */
static int
nfc_already(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	unsigned cp;

	if (len == 0 || u[0] == ' ' || u[len - 1] == ' ' ||
	    (len >= 3 && memcmp(s + len - 3, "\u3000", 3) == 0))
		return 0;
	while (i < len) {
		if (u[i] < 0x80) {
			/* Controls: let the normaliser trim and judge. */
			if (u[i] < 0x20 || u[i] == 0x7f)
				return 0;
			i++;
			continue;
		}
		if (i + 2 >= len || (u[i] & 0xf0) != 0xe0 ||
		    (u[i + 1] & 0xc0) != 0x80 || (u[i + 2] & 0xc0) != 0x80)
			return 0;
		cp = (u[i] & 0x0fu) << 12 | (u[i + 1] & 0x3fu) << 6 |
		    (u[i + 2] & 0x3fu);
		if (cp == 0x3000 && i == 0)
			return 0;
		if (!((cp >= 0x3000 && cp <= 0x3098) ||
		    (cp >= 0x309b && cp <= 0x30ff) ||
		    (cp >= 0x4e00 && cp <= 0x9fff) ||
		    (cp >= 0xff01 && cp <= 0xffef)))
			return 0;
		i += 3;
	}
	return 1;
}

static size_t
count_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static void
to_arena(struct care_value *v, struct care_buf *arena, const char *s,
    size_t len)
{
	v->src = NULL;
	v->off = arena->len;
	v->len = len;
	care_buf_add(arena, s, len);
}

static enum care_reason
check_code(const struct care_cb_item *it, const char *n, size_t nlen,
    const char *raw, size_t rawlen, const struct care_value_where *at,
    struct care_value *v)
{
	int by_label;

	v->code = care_codebook_code(it, n, nlen, &by_label);
	if (v->code < 0)
		return bad(CARE_REASON_BAD_CODE, at, v,
		    _("item '%s': '%.*s' is not a code of %s (%s)"),
		    it->name, (int)rawlen, raw, it->name, it->codelist);
	v->src = it->codes.s[v->code];
	v->len = it->codes.len[v->code];
	v->converted = by_label;
	return CARE_REASON_NONE;
}

/* Length of the multi separator at s, or 0: ; , ・ 、 (after NFKC). */
static size_t
separator(const char *s, size_t left)
{
	if (*s == ';' || *s == ',')
		return 1;
	if (left >= 3 && (memcmp(s, "\u30fb", 3) == 0 ||
	    memcmp(s, "\u3001", 3) == 0))
		return 3;
	return 0;
}

/*
 * A multi answer within its item's rules: a code marked exclusive
 * (特にない, わからない) chosen alone, at most max_picks codes (3つまで).
 */
static enum care_reason
multi_rules(const struct care_cb_item *it, const struct care_value_where *at,
    struct care_value *v)
{
	struct care_buf chosen = CARE_BUF_INIT;
	size_t picks = (size_t)__builtin_popcountll(v->mask), c;
	enum care_reason r = CARE_REASON_NONE;

	if ((picks < 2 || (v->mask & it->exclusive) == 0) &&
	    (it->max_picks == 0 || picks <= it->max_picks))
		return CARE_REASON_NONE;
	for (c = 0; c < it->codes.n && c < CARE_CB_MAX_MULTI; c++)
		if (v->mask & (uint64_t)1 << c) {
			if (chosen.len > 0)
				care_buf_addc(&chosen, ';');
			care_buf_add(&chosen, it->codes.s[c], it->codes.len[c]);
		}
	care_buf_addc(&chosen, '\0');
	if (v->mask & it->exclusive)
		r = bad(CARE_REASON_BAD_CHOICE, at, v, _("item '%s': '%s' "
		    "chosen with a code that is chosen alone"), it->name,
		    chosen.p);
	else
		r = bad(CARE_REASON_BAD_CHOICE, at, v, _("item '%s': '%s' "
		    "is %zu choices, more than %zu"), it->name, chosen.p,
		    picks, it->max_picks);
	care_buf_free(&chosen);
	return r;
}

static enum care_reason
check_multi(const struct care_cb_item *it, const char *n, size_t nlen,
    const struct care_value_where *at, struct care_value *v)
{
	const char *e, *end = n + nlen;
	size_t sep = 0, elen;
	long c;
	int by_label;

	v->mask = 0;
	for (e = n; e < end; e += elen + sep) {
		for (elen = 0; e + elen < end &&
		    (sep = separator(e + elen, (size_t)(end - e - elen))) == 0;
		    elen++)
			continue;
		if (e + elen == end)
			sep = 0;
		while (elen > 0 && *e == ' ')
			e++, elen--;
		while (elen > 0 && e[elen - 1] == ' ')
			elen--;
		if (elen == 0)
			continue;
		by_label = 0;
		if ((c = care_value_small_code(it, e, elen)) < 0 &&
		    (c = care_codebook_code(it, e, elen, &by_label)) < 0)
			return bad(CARE_REASON_BAD_CODE, at, v,
			    _("item '%s': '%.*s' is not a code of %s (%s)"),
			    it->name, (int)elen, e, it->name, it->codelist);
		v->mask |= (uint64_t)1 << c;
		v->converted |= by_label;
	}
	if (v->mask == 0)
		v->state = CARE_VALUE_NOANSWER;
	return multi_rules(it, at, v);
}

/*
 * A number, written in its one form (care_codebook_number()): without
 * '+', leading zeros, trailing zeros of a fraction and thousands
 * separators (only those count as a conversion).
 */
static enum care_reason
check_number(const struct care_cb_item *it, const char *n, size_t nlen,
    const char *raw, size_t rawlen, struct care_buf *arena,
    const struct care_value_where *at, struct care_value *v)
{
	char buf[64];
	double d;
	size_t blen;
	int integer = it->type == CARE_CB_INTEGER, grouped;

	if ((blen = care_codebook_number(n, nlen, integer, buf, sizeof(buf),
	    &grouped)) == 0)
		return bad(CARE_REASON_BAD_NUMBER, at, v, integer ?
		    _("item '%s': '%.*s' is not an integer") :
		    _("item '%s': '%.*s' is not a number"), it->name,
		    (int)rawlen, raw);
	errno = 0;
	d = strtod(buf, NULL);
	if (integer)
		(void)strtoll(buf, NULL, 10);
	if (errno == ERANGE || (it->has_min && d < it->min) ||
	    (it->has_max && d > it->max))
		return bad(CARE_REASON_OUT_OF_RANGE, at, v,
		    _("item '%s': '%.*s' is out of range (%s)"), it->name,
		    (int)rawlen, raw,
		    it->range != NULL ? it->range : _("too large"));
	v->converted = grouped;
	if (blen != nlen || memcmp(buf, n, nlen) != 0)
		to_arena(v, arena, buf, blen);
	return CARE_REASON_NONE;
}

static enum care_reason
check_date(const struct care_cb_item *it, const char *n, size_t nlen,
    const char *raw, size_t rawlen, struct care_buf *arena,
    const struct care_value_where *at, struct care_value *v)
{
	struct care_date d;
	enum care_date_status st;
	char iso[16];

	st = care_date_parse(n, nlen, &d);
	if (st == CARE_DATE_SYNTAX)
		return bad(CARE_REASON_BAD_DATE, at, v,
		    _("item '%s': '%.*s' is not a date"), it->name,
		    (int)rawlen, raw);
	if (st != CARE_DATE_OK && st != CARE_DATE_PAST_ERA)
		return bad(CARE_REASON_BAD_DATE, at, v,
		    _("item '%s': '%.*s' is not a valid date: %s"), it->name,
		    (int)rawlen, raw, care_date_strstatus(st));
	care_date_iso(d, iso);
	if (st == CARE_DATE_PAST_ERA)
		care_value_diag(at, CARE_DIAG_WARN,
		    _("item '%s': '%.*s' is past the end of its era; read as "
		    "%s"), it->name, (int)rawlen, raw, iso);
	if (nlen != 10 || memcmp(n, iso, 10) != 0) {
		v->converted = 1;
		to_arena(v, arena, iso, 10);
	}
	return CARE_REASON_NONE;
}

static enum care_reason
check_phone(const struct care_cb_item *it, const char *n, size_t nlen,
    const char *raw, size_t rawlen, const struct care_value_where *at,
    struct care_value *v)
{
	size_t i, digits = 0;
	const char *first = NULL;

	for (i = 0; i < nlen; i++) {
		if (n[i] >= '0' && n[i] <= '9') {
			if (first == NULL)
				first = n + i;
			digits++;
		} else if (n[i] != '-')
			break;
	}
	if (i < nlen || (digits != 10 && digits != 11) || *first != '0' ||
	    n[0] == '-' || n[nlen - 1] == '-')
		return bad(CARE_REASON_BAD_PHONE, at, v,
		    _("item '%s': '%.*s' is not a phone number (10 or 11 "
		    "digits starting with 0)"), it->name, (int)rawlen, raw);
	return CARE_REASON_NONE;
}

/* Whether s[0..n) are all digits (s need not end there). */
static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static enum care_reason
check_postal(const struct care_cb_item *it, const char *n, size_t nlen,
    const char *raw, size_t rawlen, struct care_buf *arena,
    const struct care_value_where *at, struct care_value *v)
{
	char out[9];

	if (nlen >= 3 && memcmp(n, POSTAL_MARK, 3) == 0) {
		n += 3;
		nlen = care_text_trim(&n, nlen - 3);
	}
	if (nlen == 7 && all_digits(n, 7)) {
		memcpy(out, n, 3);
		out[3] = '-';
		memcpy(out + 4, n + 3, 4);
	} else if (nlen == 8 && n[3] == '-' && all_digits(n, 3) &&
	    all_digits(n + 4, 4)) {
		memcpy(out, n, 8);
	} else
		return bad(CARE_REASON_BAD_POSTAL, at, v,
		    _("item '%s': '%.*s' is not a postal code (NNN-NNNN)"),
		    it->name, (int)rawlen, raw);
	to_arena(v, arena, out, 8);
	return CARE_REASON_NONE;
}

/* Digits only, so that 0123 stays 0123 (事業所番号, 町丁目 codes). */
static enum care_reason
check_digits(const struct care_cb_item *it, const char *n, size_t nlen,
    const char *raw, size_t rawlen, const struct care_value_where *at,
    struct care_value *v)
{
	size_t i;

	for (i = 0; i < nlen && n[i] >= '0' && n[i] <= '9'; i++)
		continue;
	if (i < nlen)
		return bad(CARE_REASON_BAD_DIGITS, at, v,
		    _("item '%s': '%.*s' is not a string of digits"),
		    it->name, (int)rawlen, raw);
	if (it->length > 0 && nlen != it->length)
		return bad(CARE_REASON_BAD_DIGITS, at, v,
		    _("item '%s': '%.*s' has %zu digits, not %zu"), it->name,
		    (int)rawlen, raw, nlen, it->length);
	return CARE_REASON_NONE;
}

static enum care_reason
check_typed(const struct care_cb_item *it, const char *n, size_t nlen,
    const char *raw, size_t rawlen, struct care_buf *arena,
    const struct care_value_where *at, struct care_value *v)
{
	size_t chars;

	switch (it->type) {
	case CARE_CB_INTEGER:
	case CARE_CB_NUMBER:
		return check_number(it, n, nlen, raw, rawlen, arena, at, v);
	case CARE_CB_DATE:
		return check_date(it, n, nlen, raw, rawlen, arena, at, v);
	case CARE_CB_PHONE:
		return check_phone(it, n, nlen, raw, rawlen, at, v);
	case CARE_CB_POSTAL:
		return check_postal(it, n, nlen, raw, rawlen, arena, at, v);
	case CARE_CB_DIGITS:
		return check_digits(it, n, nlen, raw, rawlen, at, v);
	case CARE_CB_TEXT:
		/* No more characters than bytes: short text is not counted. */
		if (it->max_length > 0 && nlen > it->max_length &&
		    (chars = count_chars(n, nlen)) > it->max_length)
			return bad(CARE_REASON_TOO_LONG, at, v,
			    _("item '%s': %zu characters, more than %zu"),
			    it->name, chars, it->max_length);
		return CARE_REASON_NONE;
	default:
		return CARE_REASON_NONE;
	}
}

/*
 * A text item's missing codes are NFKC, as all codes are, and its text
 * NFC: the text's NFKC form decides, so that ﾅｼ is missing when ナシ is,
 * as it would be in a code item.
 */
static int
text_missing(const struct care_codebook *cb, const struct care_cb_item *it,
    const char *n, size_t nlen, struct care_buf *scratch)
{
	if (it->missing.n == 0)
		return 0;
	if (plain_ascii(n, nlen))
		return care_codebook_is_missing(cb, it, n, nlen);
	return care_text_normalize(scratch, n, nlen, CARE_TEXT_CODE) == 0 &&
	    care_codebook_is_missing(cb, it, scratch->p, scratch->len);
}

/* Free text, NFC-normalised and trimmed. */
static enum care_reason
check_text(const struct care_codebook *cb, const struct care_cb_item *it,
    const char *s, size_t len, struct care_buf *arena,
    struct care_buf *scratch, const struct care_value_where *at,
    struct care_value *v)
{
	const char *n;

	if (nfc_already(s, len)) {
		v->src = s;
		v->len = len;
	} else {
		if (care_text_normalize(scratch, s, len, CARE_TEXT_FREE) != 0)
			return bad(CARE_REASON_UNDECODABLE, at, v,
			    _("item '%s': '%.*s' is not valid UTF-8"),
			    it->name, (int)len, s);
		to_arena(v, arena, scratch->p, scratch->len);
	}
	n = care_value_text(v, arena);
	if (v->len == 0 || text_missing(cb, it, n, v->len, scratch)) {
		v->state = CARE_VALUE_NOANSWER;
		v->src = NULL;
		v->off = v->len = 0;
		return CARE_REASON_NONE;
	}
	return check_typed(it, n, v->len, s, len, arena, at, v);
}

static enum care_reason
found_code(const struct care_cb_item *it, long c, int by_label,
    struct care_value *v)
{
	v->code = c;
	v->mask = (uint64_t)1 << (c & 63);
	v->src = it->codes.s[c];
	v->len = it->codes.len[c];
	v->converted = by_label;
	return CARE_REASON_NONE;
}

enum care_reason
care_value_check(const struct care_codebook *cb,
    const struct care_cb_item *it, const char *s, size_t len,
    struct care_buf *arena, struct care_buf *scratch,
    const struct care_value_where *at, struct care_value *v)
{
	const char *n = s;
	size_t nlen = len;
	long c;
	int by_label, list;

	memset(v, 0, sizeof(*v));
	v->state = CARE_VALUE_ANSWER;
	v->code = -1;
	/*
	 * Most values are a code or a label as the codebook has it: look
	 * them up before any normalisation (labels are stored NFKC, so a
	 * value equal to one is in normal form already).
	 */
	list = it->type == CARE_CB_MULTI && (memchr(s, ';', len) != NULL ||
	    memchr(s, ',', len) != NULL);
	if ((it->type == CARE_CB_CODE || it->type == CARE_CB_MULTI) && !list &&
	    (c = care_codebook_code(it, s, len, &by_label)) >= 0)
		return found_code(it, c, by_label, v);
	if (list && plain_ascii(s, len))
		return check_multi(it, s, len, at, v);
	if (it->type == CARE_CB_TEXT)
		return check_text(cb, it, s, len, arena, scratch, at, v);
	if (!plain_ascii(s, len)) {
		if (care_text_normalize(scratch, s, len, CARE_TEXT_CODE) != 0)
			return bad(CARE_REASON_UNDECODABLE, at, v,
			    _("item '%s': '%.*s' is not valid UTF-8"),
			    it->name, (int)len, s);
		n = scratch->p;
		nlen = scratch->len;
	}
	if (nlen == 0) {
		v->state = CARE_VALUE_NOANSWER;
		return CARE_REASON_NONE;
	}
	/* A declared code wins over a global missing code. */
	if (it->type == CARE_CB_CODE || it->type == CARE_CB_MULTI) {
		c = care_codebook_code(it, n, nlen, &by_label);
		if (c < 0 && care_codebook_is_missing(cb, it, n, nlen)) {
			v->state = CARE_VALUE_NOANSWER;
			return CARE_REASON_NONE;
		}
		if (c >= 0)
			return found_code(it, c, by_label, v);
		if (it->type == CARE_CB_CODE)
			return check_code(it, n, nlen, s, len, at, v);
		return check_multi(it, n, nlen, at, v);
	}
	if (care_codebook_is_missing(cb, it, n, nlen)) {
		v->state = CARE_VALUE_NOANSWER;
		return CARE_REASON_NONE;
	}
	v->src = n;
	v->len = nlen;
	if (n == scratch->p)
		to_arena(v, arena, n, nlen);
	return check_typed(it, n, nlen, s, len, arena, at, v);
}

enum care_reason
care_value_check_columns(const struct care_codebook *cb,
    const struct care_cb_item *it, const char *const *vals,
    const size_t *lens, struct care_buf *scratch,
    const struct care_value_where *at, struct care_value *v)
{
	const char *n;
	size_t i, nlen;
	int marked = 0;

	memset(v, 0, sizeof(*v));
	v->state = CARE_VALUE_NOANSWER;
	v->code = -1;
	v->src = "";
	for (i = 0; i < it->columns.n; i++) {
		if ((n = vals[i]) == NULL)
			continue;
		nlen = lens[i];
		if (!plain_ascii(n, nlen)) {
			if (care_text_normalize(scratch, n, nlen,
			    CARE_TEXT_CODE) != 0)
				return bad(CARE_REASON_UNDECODABLE, at, v,
				    _("item '%s': '%.*s' is not valid UTF-8"),
				    it->name, (int)lens[i], vals[i]);
			n = scratch->p;
			nlen = scratch->len;
		}
		if (nlen == 0 || care_codebook_is_missing(cb, it, n, nlen))
			continue;
		if (nlen != 1 || (*n != '0' && *n != '1'))
			return bad(CARE_REASON_BAD_CODE, at, v,
			    _("item '%s': '%.*s' in column '%s' is not 0 or "
			    "1"), it->name, (int)lens[i], vals[i],
			    it->columns.s[i]);
		marked = 1;
		if (*n == '1')
			v->mask |= (uint64_t)1 << i;
	}
	if (marked && v->mask != 0)
		v->state = CARE_VALUE_ANSWER;
	return multi_rules(it, at, v);
}
