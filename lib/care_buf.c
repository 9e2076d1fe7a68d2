/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Growable NUL-terminated byte buffers. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"

void
care_buf_reserve(struct care_buf *b, size_t extra)
{
	size_t need, cap;

	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap < ((size_t)-1) / 2 ? cap * 2 : need;
	b->p = care_realloc(b->p, cap);
	b->p[b->len] = '\0';
	b->cap = cap;
}

void
care_buf_clear(struct care_buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

void
care_buf_add(struct care_buf *b, const void *s, size_t len)
{
	care_buf_reserve(b, len);
	if (len > 0)
		memcpy(b->p + b->len, s, len);
	b->len += len;
	b->p[b->len] = '\0';
}

void
care_buf_addc(struct care_buf *b, char c)
{
	care_buf_reserve(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

void
care_buf_adds(struct care_buf *b, const char *s)
{
	care_buf_add(b, s, strlen(s));
}

void
care_buf_set(struct care_buf *b, const void *s, size_t len)
{
	b->len = 0;
	care_buf_add(b, s, len);
}

char *
care_buf_detach(struct care_buf *b)
{
	char *p;

	care_buf_reserve(b, 0);
	p = b->p;
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

void
care_buf_free(struct care_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
