/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Input encodings.  carekit works in UTF-8; Excel on Japanese Windows
 * saves CSV as CP932.  This is the only module that includes <iconv.h>.
 * Decoding is strict: an invalid byte is an error, never U+FFFD.
 */
#ifndef CARE_DECODE_H
#define CARE_DECODE_H

#include <stddef.h>

enum care_encoding {
	CARE_ENC_AUTO,	/* BOM, else UTF-8 if the whole input is, else CP932 */
	CARE_ENC_UTF8,
	CARE_ENC_CP932
};

/* Parses "auto", "utf-8" (or "utf8"), "cp932" (or "shift_jis", "sjis"). */
int care_decode_parse_name(const char *name, enum care_encoding *out);
const char *care_decode_name(enum care_encoding enc);

/*
 * Length of the longest prefix of s[0..len) that is valid UTF-8, with
 * *partial set when the input ends inside a sequence that more bytes
 * could complete.  Overlong forms, surrogates and code points above
 * U+10FFFF are invalid.
 */
size_t care_decode_utf8_valid(const char *s, size_t len, int *partial);

/*
 * Length of the one valid UTF-8 character at s (1 for ASCII), or 0 if
 * the bytes there are not valid UTF-8 or len is too short for them.
 */
size_t care_decode_utf8_char(const char *s, size_t len);

struct care_decoder;

/*
 * A streaming CP932 to UTF-8 converter (Microsoft's table).  Returns NULL
 * after reporting the error if iconv has no CP932.
 */
struct care_decoder *care_decoder_new_cp932(void);
/*
 * Converts in[0..len) and appends UTF-8 to out (a struct care_buf *).
 * Returns the number of input bytes consumed: fewer than len when the
 * input ends inside a character (feed the rest with more input) or at an
 * invalid byte (*bad is then set to the offset of that byte; it is -1
 * otherwise).  Feed at most INT_MAX bytes at a time.
 */
struct care_buf;
size_t care_decoder_feed(struct care_decoder *d, const char *in, size_t len,
    struct care_buf *out, int *bad);
void care_decoder_free(struct care_decoder *d);

#endif /* CARE_DECODE_H */
