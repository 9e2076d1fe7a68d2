/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for care_text over any bytes:
 *  - care_text_valid() agrees with care_decode's UTF-8 check;
 *  - normalising (NFKC with dash folding, and NFC) succeeds exactly on
 *    valid UTF-8, gives valid trimmed UTF-8, and normalising the result
 *    again changes nothing; trimming twice is trimming once;
 *  - care_text_hiragana() always gives valid UTF-8 and is idempotent;
 *  - a 50音順 sort key has no NUL and is the same every time; the display
 *    width is at most two columns a byte;
 *  - over the NUL-separated parts of the input (three at most),
 *    care_text_collate() is a total order (strcmp of NUL-free keys,
 *    both ways round), and two valid readings are equal only when they
 *    are the same NFKC text (with ゛゜ taken as combining marks, as
 *    care_text_sortkey() does).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "care_buf.h"
#include "care_decode.h"
#include "care_text.h"
#include "common.h"

#define PARTS	3

static int
same(const struct care_buf *a, const struct care_buf *b)
{
	return a->len == b->len && (a->len == 0 ||
	    memcmp(a->p, b->p, a->len) == 0);
}

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

static void
check_normalize(const char *s, size_t len, enum care_text_form form,
    int valid)
{
	struct care_buf once = CARE_BUF_INIT, twice = CARE_BUF_INIT;
	const char *t;

	FUZZ_ASSERT((care_text_normalize(&once, s, len, form) == 0) == valid);
	if (valid) {
		FUZZ_ASSERT(care_text_valid(once.p, once.len));
		t = once.p;
		FUZZ_ASSERT(care_text_trim(&t, once.len) == once.len);
		FUZZ_ASSERT(care_text_normalize(&twice, once.p, once.len,
		    form) == 0 && same(&once, &twice));
	}
	care_buf_free(&once);
	care_buf_free(&twice);
}

static void
check_kana(const char *s, size_t len)
{
	struct care_buf once = CARE_BUF_INIT, twice = CARE_BUF_INIT;

	care_text_hiragana(&once, s, len);
	FUZZ_ASSERT(care_text_valid(once.p, once.len));
	care_text_hiragana(&twice, once.p, once.len);
	FUZZ_ASSERT(same(&once, &twice));
	care_text_sortkey(&once, s, len);
	FUZZ_ASSERT(once.len == 0 || memchr(once.p, '\0', once.len) == NULL);
	care_text_sortkey(&twice, s, len);
	FUZZ_ASSERT(same(&once, &twice));
	care_buf_free(&once);
	care_buf_free(&twice);
}

/*
 * s with the spacing sound marks ゛゜ as the combining ones, as the sort
 * key reads them (か゛ is が), into b.
 */
static void
combine_marks(struct care_buf *b, const char *s)
{
	size_t i, len = strlen(s);

	care_buf_set(b, s, len);
	for (i = 0; i + 2 < len; i++)
		if (memcmp(b->p + i, "\xe3\x82", 2) == 0 &&
		    (b->p[i + 2] == '\x9b' || b->p[i + 2] == '\x9c'))
			b->p[i + 2] -= 2;
}

/* Equal readings are the same text: NFKC, the last tie-break. */
static void
check_equal(const char *a, const char *b)
{
	struct care_buf ma = CARE_BUF_INIT, mb = CARE_BUF_INIT;
	struct care_buf na = CARE_BUF_INIT, nb = CARE_BUF_INIT;

	combine_marks(&ma, a);
	combine_marks(&mb, b);
	if (care_text_normalize(&na, ma.p, ma.len, CARE_TEXT_CODE) == 0 &&
	    care_text_normalize(&nb, mb.p, mb.len, CARE_TEXT_CODE) == 0)
		FUZZ_ASSERT(same(&na, &nb));
	care_buf_free(&ma);
	care_buf_free(&mb);
	care_buf_free(&na);
	care_buf_free(&nb);
}

/*
 * The order of readings is strcmp over their keys, a total order as long
 * as keys have no NUL (check_kana): collate must agree with the keys,
 * both ways round, and equal keys must be the same text.
 */
static void
check_order(char *const *p, size_t n)
{
	struct care_buf key[PARTS];
	size_t i, j;
	int cmp;

	for (i = 0; i < n; i++) {
		memset(&key[i], 0, sizeof(key[i]));
		care_text_sortkey(&key[i], p[i], strlen(p[i]));
		care_buf_addc(&key[i], '\0');
	}
	for (i = 0; i < n; i++)
		for (j = i; j < n; j++) {
			cmp = sign(strcmp(key[i].p, key[j].p));
			FUZZ_ASSERT(care_text_collate(p[i], p[j]) == cmp &&
			    care_text_collate(p[j], p[i]) == -cmp);
			if (cmp == 0)
				check_equal(p[i], p[j]);
		}
	for (i = 0; i < n; i++)
		care_buf_free(&key[i]);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *)data, *t, *nul;
	char *part[PARTS];
	size_t n, len;
	int partial, valid;

	valid = care_text_valid(s, size);
	FUZZ_ASSERT(valid == (care_decode_utf8_valid(s, size, &partial) ==
	    size));
	check_normalize(s, size, CARE_TEXT_CODE, valid);
	check_normalize(s, size, CARE_TEXT_FREE, valid);
	t = s;
	len = care_text_trim(&t, size);
	FUZZ_ASSERT(care_text_trim(&t, len) == len);
	FUZZ_ASSERT(care_text_width(s, size) <= 2 * size);
	check_kana(s, size);
	for (n = 0; n < PARTS && size > 0; n++) {
		nul = memchr(s, '\0', size);
		len = nul != NULL ? (size_t)(nul - s) : size;
		if ((part[n] = strndup(s, len)) == NULL)
			abort();
		s += len + (nul != NULL);
		size -= len + (nul != NULL);
	}
	check_order(part, n);
	while (n > 0)
		free(part[--n]);
	return 0;
}
