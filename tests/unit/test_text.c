/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for care_text: normalisation, width, kana folding and 50音順. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care_buf.h"
#include "care_text.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct norm_case {
	const char	*in;
	const char	*code;	/* expected with CARE_TEXT_CODE */
	const char	*free;	/* expected with CARE_TEXT_FREE */
};

static const struct norm_case norm_cases[] = {
	{ "abc", "abc", "abc" },
	{ "", "", "" },
	{ "  a b\t\n", "a b", "a b" },
	{ "１２３", "123", "１２３" },
	{ "－５", "-5", "－５" },
	{ "−5", "-5", "−5" },
	{ "１，３", "1,3", "１，３" },
	{ "１；３", "1;3", "１；３" },
	{ "　２　", "2", "２" },
	{ "①", "1", "①" },
	{ "ﾃｽﾄ", "テスト", "ﾃｽﾄ" },
	{ "ｶﾞｲﾄﾞ", "ガイド", "ｶﾞｲﾄﾞ" },
	{ "か\xE3\x82\x99", "が", "が" },		/* か + U+3099 */
	{ "㈱", "(株)", "㈱" },
	{ "０３‐１２３４‐５６７８", "03-1234-5678", "０３‐１２３４‐５６７８" },
	{ "182—0022", "182-0022", "182—0022" },	/* U+2014 */
	{ "﹣1", "-1", "﹣1" },			/* U+FE63 */
	{ "\xC2\xA0x\xC2\xA0", "x", "\xC2\xA0x\xC2\xA0" },	/* NBSP */
	{ "　山田　太郎　", "山田 太郎", "山田　太郎" },
	{ "Ａｂｃ", "Abc", "Ａｂｃ" },
	{ "令和５年", "令和5年", "令和５年" },
};

static void
test_normalize(void **state)
{
	struct care_buf b = CARE_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(norm_cases); i++) {
		const struct norm_case *c = &norm_cases[i];

		assert_int_equal(care_text_normalize(&b, c->in, strlen(c->in),
		    CARE_TEXT_CODE), 0);
		assert_string_equal(b.p, c->code);
		assert_int_equal(b.len, strlen(c->code));
		assert_int_equal(care_text_normalize(&b, c->in, strlen(c->in),
		    CARE_TEXT_FREE), 0);
		assert_string_equal(b.p, c->free);
		assert_int_equal(b.len, strlen(c->free));
	}
	care_buf_free(&b);
}

static void
test_normalize_invalid(void **state)
{
	static const char *const bad[] = {
		"\xFF", "a\xC3", "\xE3\x81", "\xED\xA0\x80",	/* surrogate */
		"\xC0\xAF", "\xF4\x90\x80\x80", " ok \xFE ",
	};
	struct care_buf b = CARE_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(bad); i++) {
		care_buf_set(&b, "junk", 4);
		assert_int_equal(care_text_normalize(&b, bad[i],
		    strlen(bad[i]), CARE_TEXT_CODE), -1);
		assert_int_equal(b.len, 0);
		assert_string_equal(b.p, "");
		assert_false(care_text_valid(bad[i], strlen(bad[i])));
	}
	assert_true(care_text_valid("調布市 abc", strlen("調布市 abc")));
	assert_true(care_text_valid("", 0));
	/* An embedded NUL is valid UTF-8 and survives the fast path. */
	assert_int_equal(care_text_normalize(&b, "a\0b", 3, CARE_TEXT_CODE),
	    0);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.p, "a\0b", 3);
	care_buf_free(&b);
}

static void
test_trim(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "\t 　x y　 \n", "x y" },
		{ "　", "" },
		{ "", "" },
		{ "調布", "調布" },
	};
	const char *s;
	size_t i, n;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		s = cases[i].in;
		n = care_text_trim(&s, strlen(s));
		assert_int_equal(n, strlen(cases[i].out));
		assert_memory_equal(s, cases[i].out, n);
	}
}

static void
test_width(void **state)
{
	static const struct {
		const char *in;
		size_t w;
	} cases[] = {
		{ "調布市", 6 },
		{ "abc", 3 },
		{ "ｱ", 1 },
		{ "ア", 2 },
		{ "Ａ", 2 },
		{ "か\xE3\x82\x99", 2 },		/* combining mark: 0 */
		{ "e\xCC\x81", 1 },
		{ "○", 1 },
		{ "😀", 2 },
		{ "\xFF\xFE", 2 },			/* invalid: 1 each */
		{ "ab\xE3\x81", 4 },
		{ "", 0 },
		{ "調布市 ｱｲ 12", 12 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++)
		assert_int_equal(care_text_width(cases[i].in,
		    strlen(cases[i].in)), cases[i].w);
}

static void
test_hiragana(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "カタカナ", "かたかな" },
		{ "ひらがな", "ひらがな" },
		{ "ﾃｽﾄ", "てすと" },
		{ "ﾊﾟﾋﾟﾌﾟ", "ぱぴぷ" },
		{ "ガ", "が" },
		{ "ヴァイオリン", "ゔぁいおりん" },
		{ "ヵヶ", "ゕゖ" },
		{ "ヰヱヲン", "ゐゑをん" },
		{ "ヷヸヹヺ", "ヷヸヹヺ" },		/* no hiragana forms */
		{ "ﾜﾞ", "ヷ" },
		{ "ヽヾ", "ゝゞ" },
		{ "カード", "かーど" },
		{ "ｶｰﾄﾞ", "かーど" },
		{ "漢字ABC①", "漢字ABC①" },	/* only half-width kana widen */
		{ "ｶ\xFF", "か\xEF\xBF\xBD" },
		{ "", "" },
	};
	struct care_buf b = CARE_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		care_text_hiragana(&b, cases[i].in, strlen(cases[i].in));
		assert_string_equal(b.p, cases[i].out);
		assert_int_equal(b.len, strlen(cases[i].out));
	}
	care_buf_free(&b);
}

static int
cmp_readings(const void *a, const void *b)
{
	return care_text_collate(*(const char *const *)a,
	    *(const char *const *)b);
}

/* Readings in the documented 50音順; the test shuffles and re-sorts them. */
static const char *const sorted_readings[] = {
	"24じかんケア",			/* digits, digit by digit */
	"3ちょうめクリニック",
	"ABCかいご",			/* Latin, case-folded */
	"abcやっきょく",
	"あいクリニック",
	"あおき",
	"アオキ",			/* hiragana before katakana */
	"あおぎ",			/* 清音 before 濁音 */
	"アオギ",
	"アオキ\xE3\x82\x9A",		/* キ゚: 半濁音 last */
	"あおば内科",			/* 内 U+5185 */
	"アオバ眼科",			/* 眼 U+773C */
	"イシダ",
	"ウエノ",
	"エノモト",
	"オノ",
	"ｶﾞｰﾃﾞﾝ",			/* かあてん */
	"かあど",
	"カアド",
	"カード",			/* ー after the written vowel */
	"キヤ",
	"きゃ",				/* 直音 before 小書き */
	"キャ",
	"ツ",
	"ッ",
	"ハハ",
	"ババ",
	"パパ",
	"ヤマタ",
	"ヤマダ",
	"ワタナベクリニック",
	"ヲノ",
	"ンバ",				/* ん after を */
	"調布市",			/* kanji after kana */
};

static void
test_sort_list(void **state)
{
	const char *v[NITEMS(sorted_readings)];
	size_t i, n;

	(void)state;
	n = NITEMS(sorted_readings);
	/* A fixed shuffle: 7 is prime to n, so i * 7 % n visits every entry. */
	assert_int_not_equal(n % 7, 0);
	for (i = 0; i < n; i++)
		v[i] = sorted_readings[i * 7 % n];
	qsort(v, n, sizeof(v[0]), cmp_readings);
	for (i = 0; i < n; i++)
		assert_string_equal(v[i], sorted_readings[i]);
	/* And backwards, so the order does not depend on the input order. */
	for (i = 0; i < n; i++)
		v[i] = sorted_readings[n - 1 - i];
	qsort(v, n, sizeof(v[0]), cmp_readings);
	for (i = 0; i < n; i++)
		assert_string_equal(v[i], sorted_readings[i]);
}

static const struct {
	const char	*a, *b;
	int		 cmp;
} pairs[] = {
	{ "は", "ば", -1 },		/* 清 < 濁 < 半濁 */
	{ "ば", "ぱ", -1 },
	{ "はば", "ばは", -1 },		/* level 2 compares left to right */
	{ "ぱ", "はあ", -1 },		/* level 1 first */
	{ "きや", "きゃ", -1 },		/* 直音 < 小書き */
	{ "つ", "っ", -1 },
	{ "ああ", "あー", -1 },		/* written vowel < ー */
	{ "あ", "ア", -1 },		/* hiragana < katakana */
	{ "かあど", "カード", -1 },
	{ "カアド", "カード", -1 },	/* ー decides before the script */
	{ "かーど", "カアド", 1 },
	{ "う", "ゔ", -1 },		/* ゔ = う + voiced mark */
	{ "ゔ", "ヴ", -1 },
	{ "ヴ", "うあ", -1 },
	{ "ヴ", "く", -1 },
	{ "ｶﾞ", "ガ", 0 },		/* half-width = full-width */
	{ "か\xE3\x82\x99", "が", 0 },	/* NFD = NFC */
	{ "か゛", "が", 0 },		/* spacing ゛ as the combining one */
	{ "い", "ゐ", -1 },		/* ゐ = い until the last level */
	{ "ゐ", "う", -1 },
	{ "ささき", "さゝき", -1 },	/* iteration mark like ー */
	{ "さざき", "さゞき", -1 },
	{ "さゞき", "さし", -1 },
	{ "あい", "あ・い", -1 },	/* punctuation only breaks ties */
	{ "あ・い", "あう", -1 },
	{ "あ い", "あう", -1 },
	{ "9", "a", -1 },		/* digits < Latin < kana < kanji */
	{ "z", "あ", -1 },
	{ "ん", "亜", -1 },
	{ "abc", "ABC", -1 },		/* lower case first on level 5 */
	{ "ABC", "abd", -1 },
	{ "Ｂ", "b", 1 },		/* NFKC: Ｂ is B */
	{ "ん", "ー", -1 },		/* a lone ー after all kana */
	{ "", "あ", -1 },
	{ "", "", 0 },
	{ "ワ", "ヷ", -1 },
	{ "ヷ", "ヲ", -1 },
};

static void
test_collate_pairs(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(pairs); i++) {
		if (care_text_collate(pairs[i].a, pairs[i].b) != pairs[i].cmp)
			fail_msg("collate('%s', '%s') != %d", pairs[i].a,
			    pairs[i].b, pairs[i].cmp);
		if (care_text_collate(pairs[i].b, pairs[i].a) != -pairs[i].cmp)
			fail_msg("collate('%s', '%s') != %d", pairs[i].b,
			    pairs[i].a, -pairs[i].cmp);
	}
}

/* The first level of a key: everything before the first 0x01 byte. */
static size_t
level1(const struct care_buf *k)
{
	const char *p = memchr(k->p, 0x01, k->len);

	assert_non_null(p);
	return (size_t)(p - k->p);
}

static void
test_sortkey_levels(void **state)
{
	static const struct {
		const char *a, *b;
	} same1[] = {
		{ "かあど", "カード" },
		{ "キャ", "きや" },
		{ "パパ", "はは" },
		{ "ヴ", "ウ" },
		{ "んー", "んん" },
		{ "アオバ", "あお・ば" },
		{ "ＡＢＣ", "abc" },
	};
	struct care_buf ka = CARE_BUF_INIT, kb = CARE_BUF_INIT;
	size_t i, n;

	(void)state;
	for (i = 0; i < NITEMS(same1); i++) {
		care_text_sortkey(&ka, same1[i].a, strlen(same1[i].a));
		care_text_sortkey(&kb, same1[i].b, strlen(same1[i].b));
		n = level1(&ka);
		assert_int_equal(level1(&kb), n);
		assert_memory_equal(ka.p, kb.p, n);
		assert_int_not_equal(strcmp(ka.p, kb.p), 0);
	}
	/* No NUL in a key, even for NUL or invalid bytes in the reading. */
	care_text_sortkey(&ka, "a\0\xFF", 3);
	assert_int_equal(strlen(ka.p), ka.len);
	assert_true(ka.len > 5);
	/* The empty reading: five empty levels and an empty tie-break. */
	care_text_sortkey(&ka, "", 0);
	assert_int_equal(ka.len, 5);
	assert_string_equal(ka.p, "\x01\x01\x01\x01\x01");
	care_buf_free(&ka);
	care_buf_free(&kb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_normalize_invalid),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_hiragana),
		cmocka_unit_test(test_sort_list),
		cmocka_unit_test(test_collate_pairs),
		cmocka_unit_test(test_sortkey_levels),
	};

	return cmocka_run_group_tests_name("care_text", tests, NULL, NULL);
}
