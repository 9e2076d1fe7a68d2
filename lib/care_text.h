/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Japanese text: normalisation, kana folding, 50-on sort keys and East
 * Asian display width.  Unicode data come from utf8proc; this is the only
 * module that includes <utf8proc.h>.  Nothing here depends on the locale.
 */
#ifndef CARE_TEXT_H
#define CARE_TEXT_H

#include <stddef.h>

struct care_buf;

/*
 * Normalisation forms for survey values.
 * CARE_TEXT_CODE: NFKC (全角数字 → ASCII, full-width comma, semicolon,
 *   minus), dash variants (U+2010-U+2015, U+2212, U+FE63) folded to '-',
 *   and ASCII and ideographic spaces trimmed at both ends: for codes,
 *   numbers, dates, phone numbers and postal codes.
 * CARE_TEXT_FREE: NFC and trimming only, for names and free text (NFKC
 *   would turn ① into 1 and ㈱ into (株)).
 */
enum care_text_form {
	CARE_TEXT_CODE,
	CARE_TEXT_FREE
};

/*
 * Normalises s[0..len) into out (replacing its contents).  Returns 0, or
 * -1 when s is not valid UTF-8 (out is then empty).  ASCII input without
 * surrounding spaces takes a fast path with no Unicode work.  s must not
 * point into out.
 */
int care_text_normalize(struct care_buf *out, const char *s, size_t len,
    enum care_text_form form);

/* Trims ASCII white space and U+3000 at both ends; returns the new length. */
size_t care_text_trim(const char **s, size_t len);

/* Nonzero if s[0..len) is valid UTF-8. */
int care_text_valid(const char *s, size_t len);

/*
 * Display width on a terminal: East Asian wide and fullwidth characters
 * count 2, combining marks 0, others 1 (ambiguous-width characters such
 * as ○ count 1, as utf8proc and most terminals have them).  Invalid
 * bytes count 1 each.  care_text_width("調布市") is 6.
 */
size_t care_text_width(const char *s, size_t len);

/*
 * Katakana (full-width, and half-width after NFKC) to hiragana, into out,
 * NFC.  Only half-width katakana get NFKC (① stays ①).  ヷヸヹヺ and the
 * small ㇰ-ㇿ have no hiragana form and stay katakana; ヽヾ become ゝゞ.
 * Invalid bytes become U+FFFD.  s must not point into out.
 */
void care_text_hiragana(struct care_buf *out, const char *s, size_t len);

/*
 * A 50音順 sort key for a reading (よみ, フリガナ, 事業所名カナ), following
 * JIS X 4061: the key compares with memcmp (or strcmp: it has no NUL)
 * in the order of the readings.
 *  - NFKC first (half-width katakana), katakana and hiragana compare equal
 *    on the first pass.
 *  - First pass: voiced marks ignored (か = が = ぱ...), small kana as
 *    their large forms (ゃ = や), ー as the vowel of the kana before it
 *    (カード = かあど), ゐ ゑ as い え, ヴ as う (with a voiced mark).
 *  - Ties: 清音 < 濁音 < 半濁音 (は < ば < ぱ); then 直音 before 小書き
 *    (きや < きゃ, the order of JIS X 4061 and of Japanese dictionaries);
 *    then a written vowel before ー (ああ < あー); then hiragana before
 *    katakana.
 *  - Other characters: spaces and punctuation are ignored on the first
 *    pass; digits sort before Latin letters, Latin before kana, kana
 *    before kanji and everything else (in code point order).
 *  - Readings equal on all of these compare by their NFKD code points,
 *    with the spacing marks ゛゜ read as the combining ones, so only
 *    equivalent spellings (ｶﾞ, ガ, カ + U+3099, カ゛) share a key.
 */
void care_text_sortkey(struct care_buf *out, const char *s, size_t len);
/* strcmp-like comparison of two readings by their sort keys. */
int care_text_collate(const char *a, const char *b);

#endif /* CARE_TEXT_H */
