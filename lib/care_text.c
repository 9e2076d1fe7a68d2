/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Japanese text: normalisation, kana folding, 50-on sort keys and width. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>
#include <utf8proc.h>

#include "care_buf.h"
#include "care_text.h"

#define OPT_NFC		(UTF8PROC_STABLE | UTF8PROC_COMPOSE)
#define OPT_NFKC	(OPT_NFC | UTF8PROC_COMPAT)
#define OPT_NFKD	(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT)

#define CP_VOICED	0x3099	/* combining katakana-hiragana voiced mark */
#define CP_SEMIVOICED	0x309A	/* combining semi-voiced mark */
#define CP_PROLONG	0x30FC	/* ー */
#define HIRA_BASE	0x3040	/* start of the hiragana block */
#define KATA_SHIFT	0x60	/* katakana = hiragana + 0x60 */

/*
 * Level-1 weight groups of the sort key: digits < Latin < kana < the rest
 * (kanji, symbols, other scripts) by code point.  Kana weights are the
 * hiragana code point of the folded (large, 清音) kana, which is already
 * in 50音 order once small and voiced kana are folded away.
 */
#define W_DIGIT		0x10
#define W_LATIN		0x20
#define W_KANA		0x40
#define W_KANA_LONE	(W_KANA + 0x60)	/* ー or ゝ with no kana before it */
#define W_OTHER		0x100

/* Key bytes: weights use 0x02-0xFF, 0x01 ends a level, NUL never occurs. */
#define KEY_SEP		0x01
#define KEY_MIN		0x02
#define KEY_RADIX	254

/* Small kana and their large forms; katakana are folded to hiragana first. */
static const char16_t small_kana[] = u"ぁぃぅぇぉっゃゅょゎゕゖ";
static const char16_t large_kana[] = u"あいうえおつやゆよわかけ";
/* Small katakana of the Ainu extension (U+31F0-U+31FF), as large hiragana. */
static const char16_t ainu_large[] = u"くしすとぬはひふへほむらりるれろ";
/*
 * The 50音 grid, five columns a-i-u-e-o, to find the vowel that ー
 * stands for.  Ideographic spaces fill the gaps of the や and わ rows.
 */
static const char16_t gojuon[] =
    u"あいうえおかきくけこさしすせそたちつてとなにぬねの"
    u"はひふへほまみむめもや　ゆ　よらりるれろわ　　　を";

/* One collation element of a reading, one per non-ignorable character. */
struct coll {
	uint32_t	w;	/* level 1: folded weight */
	utf8proc_int32_t base;	/* the folded hiragana, for kana */
	unsigned char	voice;	/* level 2: 0 清音, 1 濁音, 2 半濁音 */
	unsigned char	small;	/* level 3: 1 for 小書き */
	unsigned char	mark;	/* level 4: 1 for ー and iteration marks */
	unsigned char	kata;	/* level 5: katakana, or a Latin capital */
	unsigned char	kana;	/* a kana: voiced marks and ー may follow */
};

static int
is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

size_t
care_text_trim(const char **s, size_t len)
{
	const unsigned char *p = (const unsigned char *)*s;

	for (;;) {
		if (len > 0 && is_space(p[0])) {
			p++;
			len--;
		} else if (len >= 3 && p[0] == 0xE3 && p[1] == 0x80 &&
		    p[2] == 0x80) {
			p += 3;
			len -= 3;
		} else
			break;
	}
	for (;;) {
		if (len > 0 && is_space(p[len - 1]))
			len--;
		else if (len >= 3 && p[len - 3] == 0xE3 &&
		    p[len - 2] == 0x80 && p[len - 1] == 0x80)
			len -= 3;
		else
			break;
	}
	*s = (const char *)p;
	return len;
}

int
care_text_valid(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t i;

	for (i = 0; i < len; i += (size_t)n) {
		if (p[i] < 0x80) {
			n = 1;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0)
			return 0;
	}
	return 1;
}

/* Copies s into b with every invalid byte replaced by U+FFFD. */
static void
sanitize(struct care_buf *b, const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t i;

	care_buf_clear(b);
	for (i = 0; i < len; i += (size_t)n) {
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0) {
			care_buf_add(b, "\xEF\xBF\xBD", 3);
			n = 1;
		} else
			care_buf_add(b, p + i, (size_t)n);
	}
}

/*
 * Decomposes valid UTF-8 s into b as an array of code points and returns
 * their number, or -1 (string too long for utf8proc).  The buffer is first
 * sized for one code point per byte, which fits all but rare compatibility
 * expansions (U+FDFA), then retried at the size utf8proc asks for.  s must
 * not point into b.
 */
static utf8proc_ssize_t
decompose(struct care_buf *b, const char *s, size_t len,
    utf8proc_option_t opt, utf8proc_custom_func fn)
{
	utf8proc_ssize_t n, cap;

	cap = (utf8proc_ssize_t)len + 1;
	for (;;) {
		care_buf_clear(b);
		care_buf_reserve(b, (size_t)cap * sizeof(utf8proc_int32_t));
		n = utf8proc_decompose_custom((const utf8proc_uint8_t *)s,
		    (utf8proc_ssize_t)len, (utf8proc_int32_t *)(void *)b->p,
		    cap, opt, fn, NULL);
		if (n <= cap)
			return n < 0 ? -1 : n;
		cap = n;
	}
}

/* The dash variants that NFKC leaves alone, folded to '-' for codes. */
static void
fold_dashes(utf8proc_int32_t *cp, utf8proc_ssize_t n)
{
	utf8proc_ssize_t i;

	for (i = 0; i < n; i++)
		if ((cp[i] >= 0x2010 && cp[i] <= 0x2015) || cp[i] == 0x2212 ||
		    cp[i] == 0xFE63 || cp[i] == 0xFF0D)
			cp[i] = '-';
}

int
care_text_normalize(struct care_buf *out, const char *s, size_t len,
    enum care_text_form form)
{
	utf8proc_option_t opt;
	utf8proc_int32_t *cp;
	utf8proc_ssize_t n;
	const char *t;
	size_t i;

	len = care_text_trim(&s, len);
	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		continue;
	if (i == len) {
		/* ASCII is its own NFC and NFKC: the hot path. */
		care_buf_set(out, s, len);
		return 0;
	}
	opt = form == CARE_TEXT_CODE ? OPT_NFKC : OPT_NFC;
	if (!care_text_valid(s + i, len - i) ||
	    (n = decompose(out, s, len, opt, NULL)) < 0) {
		care_buf_clear(out);
		return -1;
	}
	cp = (utf8proc_int32_t *)(void *)out->p;
	n = utf8proc_normalize_utf32(cp, n, opt);
	if (form == CARE_TEXT_CODE)
		fold_dashes(cp, n);
	n = utf8proc_reencode(cp, n, 0);
	/* NFKC turns U+3000 and U+00A0 into spaces: trim again. */
	t = out->p;
	out->len = care_text_trim(&t, (size_t)n);
	memmove(out->p, t, out->len);
	out->p[out->len] = '\0';
	return 0;
}

size_t
care_text_width(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t i, w;

	w = 0;
	for (i = 0; i < len; i += (size_t)n) {
		if (p[i] >= 0x20 && p[i] < 0x7F) {
			w++;
			n = 1;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0) {
			w++;
			n = 1;
		} else
			w += (size_t)utf8proc_charwidth(cp);
	}
	return w;
}

/* Half-width katakana to full-width (NFKC applied to U+FF61-U+FF9F only). */
static utf8proc_int32_t
widen_kana(utf8proc_int32_t cp, void *data)
{
	utf8proc_int32_t d[4];

	(void)data;
	if (cp >= 0xFF61 && cp <= 0xFF9F && utf8proc_decompose_char(cp, d, 4,
	    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, NULL) == 1)
		return d[0];
	return cp;
}

/*
 * Katakana to hiragana after NFC, so that ﾊﾟ and ハ゜ arrive composed as
 * パ.  ヷヸヹヺ have no precomposed hiragana and are kept; ㇰ-ㇿ too.
 */
void
care_text_hiragana(struct care_buf *out, const char *s, size_t len)
{
	struct care_buf tmp = CARE_BUF_INIT;
	utf8proc_int32_t *cp;
	utf8proc_ssize_t i, n;

	if (!care_text_valid(s, len)) {
		sanitize(&tmp, s, len);
		s = tmp.p;
		len = tmp.len;
	}
	n = decompose(out, s, len, OPT_NFC, widen_kana);
	if (n < 0)
		n = 0;
	cp = (utf8proc_int32_t *)(void *)out->p;
	n = utf8proc_normalize_utf32(cp, n, OPT_NFC);
	for (i = 0; i < n; i++)
		if ((cp[i] >= 0x30A1 && cp[i] <= 0x30F6) ||
		    cp[i] == 0x30FD || cp[i] == 0x30FE)
			cp[i] -= KATA_SHIFT;
	out->len = (size_t)utf8proc_reencode(cp, n, 0);
	care_buf_free(&tmp);
}

/* Index of c in the NUL-terminated list, or -1. */
static int
find16(const char16_t *list, utf8proc_int32_t c)
{
	int i;

	for (i = 0; list[i] != 0; i++)
		if (list[i] == c)
			return i;
	return -1;
}

/* Fills e for a kana letter and returns 1; returns 0 for anything else. */
static int
kana_letter(utf8proc_int32_t c, struct coll *e)
{
	int i;

	if (c >= 0x30A1 && c <= 0x30F6) {
		e->kata = 1;
		c -= KATA_SHIFT;
	} else if (c >= 0x31F0 && c <= 0x31FF) {
		e->kata = e->small = 1;
		c = ainu_large[c - 0x31F0];
	}
	if (c < 0x3041 || c > 0x3096)
		return 0;
	if ((i = find16(small_kana, c)) >= 0) {
		e->small = 1;
		c = large_kana[i];
	}
	if (c == 0x3090)		/* ゐ */
		c = 0x3044;
	else if (c == 0x3091)		/* ゑ */
		c = 0x3048;
	e->base = c;
	e->w = W_KANA + (uint32_t)(c - HIRA_BASE);
	e->kana = 1;
	return 1;
}

/*
 * ー (the vowel of the kana before it) and the iteration marks ゝ ヽ (the
 * kana before it, 清音; ゞ arrives as ゝ + U+3099).  After ん, ー repeats
 * ん.  Without a kana before them they weigh W_KANA_LONE, after all kana.
 */
static void
kana_mark(utf8proc_int32_t c, const struct coll *prev, struct coll *e)
{
	int i;

	e->mark = 1;
	if (c == CP_PROLONG)
		e->kata = prev != NULL ? prev->kata : 1;
	else
		e->kata = c == 0x30FD;
	if (prev == NULL) {
		e->w = W_KANA_LONE;
		return;
	}
	e->kana = 1;
	e->base = prev->base;
	if (c == CP_PROLONG && (i = find16(gojuon, prev->base)) >= 0)
		e->base = gojuon[i % 5];
	e->w = W_KANA + (uint32_t)(e->base - HIRA_BASE);
}

/* Digits, Latin and the rest; returns 0 for characters ignored on level 1. */
static int
other_char(utf8proc_int32_t c, struct coll *e)
{
	if (c >= '0' && c <= '9') {
		e->w = W_DIGIT + (uint32_t)(c - '0');
		return 1;
	}
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
		e->kata = c <= 'Z';
		e->w = W_LATIN + (uint32_t)((c | 0x20) - 'a');
		return 1;
	}
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF: case UTF8PROC_CATEGORY_PO:
	case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return 0;
	default:
		e->w = W_OTHER + (uint32_t)c;
		return 1;
	}
}

/* Splits NFKD code points into collation elements, appended to el. */
static void
collation_elements(struct care_buf *el, const utf8proc_int32_t *cp,
    utf8proc_ssize_t n)
{
	struct coll e, *prev;
	utf8proc_ssize_t i;
	utf8proc_int32_t c;

	prev = NULL;	/* the last element, while it is a kana */
	for (i = 0; i < n; i++) {
		c = cp[i];
		if (c == CP_VOICED || c == CP_SEMIVOICED) {
			if (prev != NULL && prev->voice == 0)
				prev->voice = c == CP_VOICED ? 1 : 2;
			continue;
		}
		memset(&e, 0, sizeof(e));
		if (c == CP_PROLONG || c == 0x309D || c == 0x30FD)
			kana_mark(c, prev, &e);
		else if (!kana_letter(c, &e) && !other_char(c, &e)) {
			prev = NULL;
			continue;
		}
		care_buf_add(el, &e, sizeof(e));
		prev = e.kana ? (struct coll *)(void *)(el->p + el->len) - 1 :
		    NULL;
	}
}

static void
put_weight(struct care_buf *out, uint32_t w)
{
	unsigned char b[3];

	b[0] = (unsigned char)(KEY_MIN + w / (KEY_RADIX * KEY_RADIX));
	b[1] = (unsigned char)(KEY_MIN + w / KEY_RADIX % KEY_RADIX);
	b[2] = (unsigned char)(KEY_MIN + w % KEY_RADIX);
	care_buf_add(out, b, sizeof(b));
}

/* The spacing marks ゛゜ act as the combining ones (か゛ = が). */
static utf8proc_int32_t
spacing_marks(utf8proc_int32_t cp, void *data)
{
	(void)data;
	if (cp == 0x309B || cp == 0x309C)
		return cp - 2;
	return cp;
}

/*
 * Key layout: level 1 weights (3 bytes each), then one byte per element
 * for levels 2 to 5, then the NFKD code points as a last tie-break (so
 * only canonically or compatibly equal readings share a key), each level
 * ended by KEY_SEP.  Fixed-width weights keep memcmp order per level.
 */
void
care_text_sortkey(struct care_buf *out, const char *s, size_t len)
{
	struct care_buf tmp = CARE_BUF_INIT, el = CARE_BUF_INIT;
	const struct coll *e;
	const utf8proc_int32_t *cp;
	utf8proc_ssize_t i, n;
	size_t ne, k;
	int level;

	if (!care_text_valid(s, len)) {
		sanitize(&el, s, len);
		s = el.p;
		len = el.len;
	}
	n = decompose(&tmp, s, len, OPT_NFKD, spacing_marks);
	if (n < 0)
		n = 0;
	cp = (const utf8proc_int32_t *)(void *)tmp.p;
	care_buf_clear(&el);
	collation_elements(&el, cp, n);
	e = (const struct coll *)(void *)el.p;
	ne = el.len / sizeof(*e);
	care_buf_clear(out);
	for (k = 0; k < ne; k++)
		put_weight(out, e[k].w);
	for (level = 2; level <= 5; level++) {
		care_buf_addc(out, KEY_SEP);
		for (k = 0; k < ne; k++)
			care_buf_addc(out, (char)(KEY_MIN + (level == 2 ?
			    e[k].voice : level == 3 ? e[k].small : level == 4 ?
			    e[k].mark : e[k].kata)));
	}
	care_buf_addc(out, KEY_SEP);
	for (i = 0; i < n; i++)
		put_weight(out, (uint32_t)cp[i]);
	care_buf_free(&tmp);
	care_buf_free(&el);
}

int
care_text_collate(const char *a, const char *b)
{
	struct care_buf ka = CARE_BUF_INIT, kb = CARE_BUF_INIT;
	int r;

	care_text_sortkey(&ka, a, strlen(a));
	care_text_sortkey(&kb, b, strlen(b));
	r = strcmp(ka.p, kb.p);
	care_buf_free(&ka);
	care_buf_free(&kb);
	return r < 0 ? -1 : r > 0;
}
