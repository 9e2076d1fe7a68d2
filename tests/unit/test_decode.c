/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for care_decode: names, UTF-8 validation, CP932 decoding. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care_buf.h"
#include "care_decode.h"

static void
test_parse_name(void **state)
{
	static const struct {
		const char		*name;
		int			 rc;
		enum care_encoding	 enc;
	} cases[] = {
		{ "auto", 0, CARE_ENC_AUTO },
		{ "AUTO", 0, CARE_ENC_AUTO },
		{ "utf-8", 0, CARE_ENC_UTF8 },
		{ "UTF-8", 0, CARE_ENC_UTF8 },
		{ "utf8", 0, CARE_ENC_UTF8 },
		{ "cp932", 0, CARE_ENC_CP932 },
		{ "CP932", 0, CARE_ENC_CP932 },
		{ "shift_jis", 0, CARE_ENC_CP932 },
		{ "Shift_JIS", 0, CARE_ENC_CP932 },
		{ "sjis", 0, CARE_ENC_CP932 },
		{ "SJIS", 0, CARE_ENC_CP932 },
		{ "latin1", -1, CARE_ENC_AUTO },
		{ "", -1, CARE_ENC_AUTO },
		{ "utf-16", -1, CARE_ENC_AUTO },
		{ "cp9320", -1, CARE_ENC_AUTO }
	};
	enum care_encoding enc;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enc = (enum care_encoding)99;
		assert_int_equal(care_decode_parse_name(cases[i].name, &enc),
		    cases[i].rc);
		if (cases[i].rc == 0)
			assert_int_equal(enc, cases[i].enc);
		else
			assert_int_equal(enc, 99);
	}
	assert_int_equal(care_decode_parse_name(NULL, &enc), -1);
	assert_string_equal(care_decode_name(CARE_ENC_AUTO), "auto");
	assert_string_equal(care_decode_name(CARE_ENC_UTF8), "utf-8");
	assert_string_equal(care_decode_name(CARE_ENC_CP932), "cp932");
}

static void
test_utf8_valid(void **state)
{
	static const struct {
		const char	*in;
		size_t		 len;
		size_t		 valid;
		int		 partial;
	} cases[] = {
		{ "", 0, 0, 0 },
		{ "plain ascii, longer than eight bytes", 36, 36, 0 },
		{ "\xe9\xab\x99\xe6\xa9\x8b", 6, 6, 0 },	/* 髙橋 */
		{ "\xc2\x80", 2, 2, 0 },		/* U+0080 */
		{ "\xdf\xbf", 2, 2, 0 },		/* U+07FF */
		{ "\xe0\xa0\x80", 3, 3, 0 },		/* U+0800 */
		{ "\xed\x9f\xbf", 3, 3, 0 },		/* U+D7FF */
		{ "\xee\x80\x80", 3, 3, 0 },		/* U+E000 */
		{ "\xef\xbf\xbf", 3, 3, 0 },		/* U+FFFF */
		{ "\xf0\x90\x80\x80", 4, 4, 0 },	/* U+10000 */
		{ "\xf4\x8f\xbf\xbf", 4, 4, 0 },	/* U+10FFFF */
		{ "a\0b", 3, 3, 0 },			/* NUL is UTF-8 */
		/* Overlong forms. */
		{ "ab\xc0\x80", 4, 2, 0 },
		{ "\xc1\xbf", 2, 0, 0 },
		{ "\xe0\x80\x80", 3, 0, 0 },
		{ "\xe0\x9f\xbf", 3, 0, 0 },
		{ "\xf0\x80\x80\x80", 4, 0, 0 },
		{ "\xf0\x8f\xbf\xbf", 4, 0, 0 },
		/* Surrogates. */
		{ "x\xed\xa0\x80", 4, 1, 0 },
		{ "\xed\xbf\xbf", 3, 0, 0 },
		/* Above U+10FFFF. */
		{ "\xf4\x90\x80\x80", 4, 0, 0 },
		{ "\xf5\x80\x80\x80", 4, 0, 0 },
		{ "\xff", 1, 0, 0 },
		/* Stray continuation bytes and short sequences. */
		{ "abcdefgh\x80", 9, 8, 0 },
		{ "\xe3\x81" "a", 3, 0, 0 },
		/* Input ending inside a sequence. */
		{ "ab\xe3\x81", 4, 2, 1 },
		{ "\xe3", 1, 0, 1 },
		{ "\xf0\x9f\x98", 3, 0, 1 },
		{ "\xed\xa0", 2, 0, 0 },		/* cannot complete */
		{ "\xf4\x90", 2, 0, 0 }
	};
	size_t i;
	int partial;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		partial = -1;
		assert_int_equal(care_decode_utf8_valid(cases[i].in,
		    cases[i].len, &partial), cases[i].valid);
		assert_int_equal(partial, cases[i].partial);
	}
}

/* Decodes in[0..len) in one call; returns the UTF-8 or NULL if bad. */
static char *
decode_all(const char *in, size_t len, size_t *consumed, int *bad)
{
	struct care_decoder *d;
	struct care_buf out = CARE_BUF_INIT;

	d = care_decoder_new_cp932();
	assert_non_null(d);
	*consumed = care_decoder_feed(d, in, len, &out, bad);
	care_decoder_free(d);
	care_buf_addc(&out, '\0');
	return care_buf_detach(&out);
}

/* Microsoft's CP932 table, where it differs from plain Shift_JIS. */
/* One character at a time, as message escaping and YAML columns need. */
static void
test_utf8_char(void **state)
{
	static const struct {
		const char *s;
		size_t len;
		size_t want;
	} cases[] = {
		{ "a", 1, 1 },
		{ "", 1, 1 },			/* NUL is ASCII */
		{ "\xc3\xa9", 2, 2 },		/* é */
		{ "\xe8\xaa\xbf", 3, 3 },	/* 調 */
		{ "\xe8\xaa\xbf", 2, 0 },	/* cut short */
		{ "\xf0\x9f\x98\x80", 4, 4 },	/* emoji */
		{ "\xc0\xaf", 2, 0 },		/* overlong */
		{ "\xed\xa0\x80", 3, 0 },	/* surrogate */
		{ "\xf4\x90\x80\x80", 4, 0 },	/* above U+10FFFF */
		{ "\x82\xa0", 2, 0 },		/* CP932 あ */
		{ "x", 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(care_decode_utf8_char(cases[i].s,
		    cases[i].len), cases[i].want);
}

static void
test_cp932_table(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ "\x81\x60", "\xef\xbd\x9e" },		/* 〜 → U+FF5E */
		{ "\x81\x7c", "\xef\xbc\x8d" },		/* － U+FF0D */
		{ "\x81\x5f", "\xef\xbc\xbc" },		/* ＼ U+FF3C */
		{ "\x81\x61", "\xe2\x88\xa5" },		/* ∥ U+2225 */
		{ "\x81\x91", "\xef\xbf\xa0" },		/* ￠ U+FFE0 */
		{ "\x81\x92", "\xef\xbf\xa1" },		/* ￡ U+FFE1 */
		{ "\x81\xca", "\xef\xbf\xa2" },		/* ￢ U+FFE2 */
		{ "\xee\xe0", "\xe9\xab\x99" },		/* 髙 NEC-selected */
		{ "\xfb\xfc", "\xe9\xab\x99" },		/* 髙 IBM ext */
		{ "\xed\x95", "\xef\xa8\x91" },		/* 﨑 U+FA11 NEC-sel */
		{ "\xfa\xb1", "\xef\xa8\x91" },		/* 﨑 IBM ext */
		{ "\x87\x40", "\xe2\x91\xa0" },		/* ① U+2460 */
		{ "\x87\x8a", "\xe3\x88\xb1" },		/* ㈱ U+3231 */
		{ "\x87\x8d", "\xe3\x8d\xbe" },		/* ㍾ U+337E */
		{ "\xfa\x58", "\xe3\x88\xb1" },		/* ㈱ IBM ext */
		{ "\x95\x5c\x83\x5c\x94\x5c", "\xe8\xa1\xa8\xe3\x82\xbd"
		    "\xe8\x83\xbd" },			/* 表ソ能: 0x5C trail */
		{ "\\~", "\\~" },			/* ASCII stays ASCII */
		{ "\xb1\xdf", "\xef\xbd\xb1\xef\xbe\x9f" }, /* ｱﾟ half-width */
		{ "\xf0\x40", "\xee\x80\x80" }		/* user-defined U+E000 */
	};
	size_t i, consumed;
	char *out;
	int bad;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out = decode_all(cases[i].in, strlen(cases[i].in), &consumed,
		    &bad);
		assert_int_equal(bad, -1);
		assert_int_equal(consumed, strlen(cases[i].in));
		assert_string_equal(out, cases[i].out);
		free(out);
	}
}

static void
test_cp932_invalid(void **state)
{
	static const struct {
		const char	*in;
		size_t		 len;
		size_t		 consumed;
		int		 bad;
	} cases[] = {
		{ "ab\x80", 3, 2, 2 },		/* unassigned single bytes */
		{ "\xa0", 1, 0, 0 },
		{ "x\xfd", 2, 1, 1 },
		{ "\xff", 1, 0, 0 },
		{ "a\x81\x20", 3, 1, 1 },	/* lead byte, bad trail */
		{ "\x85\x40", 2, 0, 0 },	/* unassigned row */
		{ "\xeb\x40", 2, 0, 0 },
		{ "ok\x82", 3, 2, -1 },		/* ends inside a character */
		{ "\x82\xa0\x82", 3, 2, -1 }
	};
	size_t i, consumed;
	char *out;
	int bad;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out = decode_all(cases[i].in, cases[i].len, &consumed, &bad);
		assert_int_equal(consumed, cases[i].consumed);
		assert_int_equal(bad, cases[i].bad);
		/* Never a replacement character. */
		assert_null(strstr(out, "\xef\xbf\xbd"));
		free(out);
	}
}

/* A character split between two feeds decodes once whole. */
static void
test_cp932_stream(void **state)
{
	struct care_decoder *d;
	struct care_buf out = CARE_BUF_INIT;
	const char *in = "\x95\x5c\x8e\xa6";	/* 表示 */
	int bad;

	(void)state;
	d = care_decoder_new_cp932();
	assert_non_null(d);
	assert_int_equal(care_decoder_feed(d, in, 3, &out, &bad), 2);
	assert_int_equal(bad, -1);
	assert_int_equal(care_decoder_feed(d, in + 2, 2, &out, &bad), 2);
	assert_int_equal(bad, -1);
	assert_string_equal(out.p, "\xe8\xa1\xa8\xe7\xa4\xba");
	/* After an error the decoder goes on with the next byte. */
	assert_int_equal(care_decoder_feed(d, "\x80" "a", 2, &out, &bad), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(care_decoder_feed(d, "a", 1, &out, &bad), 1);
	assert_string_equal(out.p, "\xe8\xa1\xa8\xe7\xa4\xba" "a");
	care_decoder_free(d);
	care_buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_name),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_char),
		cmocka_unit_test(test_cp932_table),
		cmocka_unit_test(test_cp932_invalid),
		cmocka_unit_test(test_cp932_stream)
	};

	return cmocka_run_group_tests_name("care_decode", tests, NULL, NULL);
}
