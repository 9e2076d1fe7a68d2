/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Strict UTF-8 validation and CP932 to UTF-8 conversion over iconv(3). */
#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_decode.h"
#include "care_err.h"
#include "care_i18n.h"

/*
 * glibc's "CP932" module follows Microsoft's table (0x8160 is U+FF5E,
 * 0x817C is U+FF0D, NEC and IBM extensions both decode, user-defined
 * characters go to U+E000-U+E757); the unit tests pin that, so no fix-up
 * table is needed here.  The single bytes 0x80, 0xA0 and 0xFD-0xFF are
 * unassigned in that table and glibc rejects them, as we want.
 */
struct care_decoder {
	iconv_t	cd;
};

static const struct {
	const char		*name;
	enum care_encoding	 enc;
} encnames[] = {
	{ "auto", CARE_ENC_AUTO },
	{ "utf-8", CARE_ENC_UTF8 },
	{ "utf8", CARE_ENC_UTF8 },
	{ "cp932", CARE_ENC_CP932 },
	{ "shift_jis", CARE_ENC_CP932 },
	{ "sjis", CARE_ENC_CP932 }
};

int
care_decode_parse_name(const char *name, enum care_encoding *out)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < sizeof(encnames) / sizeof(encnames[0]); i++)
		if (strcasecmp(name, encnames[i].name) == 0) {
			*out = encnames[i].enc;
			return 0;
		}
	return -1;
}

const char *
care_decode_name(enum care_encoding enc)
{
	switch (enc) {
	case CARE_ENC_UTF8:
		return "utf-8";
	case CARE_ENC_CP932:
		return "cp932";
	default:
		return "auto";
	}
}

/*
 * Checks the multi-byte sequence at u[0..len) (u[0] >= 0x80) against
 * Table 3-7 of the Unicode standard, which leaves out overlongs,
 * surrogates and code points above U+10FFFF.  Returns its length, 0 if
 * invalid, or (size_t)-1 if the input ends inside a valid prefix.
 */
static size_t
utf8_seq(const unsigned char *u, size_t len)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, k;

	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		n = 2;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		n = 3;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (u[0] == 0xe0)
		lo = 0xa0;
	else if (u[0] == 0xed)
		hi = 0x9f;
	else if (u[0] == 0xf0)
		lo = 0x90;
	else if (u[0] == 0xf4)
		hi = 0x8f;
	for (k = 1; k < n; k++) {
		if (k >= len)
			return (size_t)-1;
		if (u[k] < lo || u[k] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
	}
	return n;
}

size_t
care_decode_utf8_char(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;

	if (len == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	n = utf8_seq(u, len);
	return n == (size_t)-1 ? 0 : n;
}

size_t
care_decode_utf8_valid(const char *s, size_t len, int *partial)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t w;
	size_t i = 0, n;

	*partial = 0;
	while (i < len) {
		if (u[i] < 0x80) {
			/* ASCII fast path: eight bytes at a time. */
			while (i + 8 <= len) {
				memcpy(&w, u + i, 8);
				if (w & UINT64_C(0x8080808080808080))
					break;
				i += 8;
			}
			while (i < len && u[i] < 0x80)
				i++;
			continue;
		}
		n = utf8_seq(u + i, len - i);
		if (n == (size_t)-1) {
			*partial = 1;
			return i;
		}
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

struct care_decoder *
care_decoder_new_cp932(void)
{
	struct care_decoder *d;
	iconv_t cd;

	if ((cd = iconv_open("UTF-8", "CP932")) == (iconv_t)-1) {
		care_diag(CARE_DIAG_FATAL, NULL, 0, 0,
		    _("cannot convert from CP932: %s"), strerror(errno));
		return NULL;
	}
	d = care_malloc(sizeof(*d));
	d->cd = cd;
	return d;
}

size_t
care_decoder_feed(struct care_decoder *d, const char *in, size_t len,
    struct care_buf *out, int *bad)
{
	char *ip = (char *)in, *op;
	size_t il = len, ol, r;

	*bad = -1;
	for (;;) {
		/* One CP932 byte never makes more than three UTF-8 bytes. */
		care_buf_reserve(out, il * 3 + 4);
		op = out->p + out->len;
		ol = out->cap - out->len - 1;
		r = iconv(d->cd, &ip, &il, &op, &ol);
		out->len = (size_t)(op - out->p);
		out->p[out->len] = '\0';
		if (r != (size_t)-1 || errno != E2BIG)
			break;
	}
	if (r == (size_t)-1 && errno == EILSEQ) {
		*bad = (int)(ip - in);
		/* Forget any state iconv kept about the bad sequence. */
		iconv(d->cd, NULL, NULL, NULL, NULL);
	}
	return (size_t)(ip - in);
}

void
care_decoder_free(struct care_decoder *d)
{
	if (d == NULL)
		return;
	iconv_close(d->cd);
	free(d);
}
