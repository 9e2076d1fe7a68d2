/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A growable byte buffer, always NUL-terminated, reused across records
 * so hot loops do not allocate.
 */
#ifndef CARE_BUF_H
#define CARE_BUF_H

#include <stddef.h>

struct care_buf {
	char	*p;	/* the bytes, NUL-terminated; NULL until first use */
	size_t	 len;	/* bytes used, not counting the NUL */
	size_t	 cap;	/* bytes allocated */
};

#define CARE_BUF_INIT { NULL, 0, 0 }

void care_buf_reserve(struct care_buf *b, size_t extra);
void care_buf_clear(struct care_buf *b);
void care_buf_add(struct care_buf *b, const void *s, size_t len);
void care_buf_addc(struct care_buf *b, char c);
void care_buf_adds(struct care_buf *b, const char *s);
void care_buf_set(struct care_buf *b, const void *s, size_t len);
/* Returns the contents as a malloc'ed string and empties the buffer. */
char *care_buf_detach(struct care_buf *b);
void care_buf_free(struct care_buf *b);

#endif /* CARE_BUF_H */
