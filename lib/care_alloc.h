/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Allocation that cannot fail: on exhaustion these report "out of
 * memory" and exit with status 2, the only exit() in libcare (mandoc_aux).
 */
#ifndef CARE_ALLOC_H
#define CARE_ALLOC_H

#include <stdarg.h>
#include <stddef.h>

#include "care_err.h"

void *care_malloc(size_t size);
void *care_calloc(size_t nmemb, size_t size);
void *care_realloc(void *ptr, size_t size);
void *care_reallocarray(void *ptr, size_t nmemb, size_t size);
char *care_strdup(const char *s);
char *care_strndup(const char *s, size_t len);
char *care_asprintf(const char *fmt, ...) CARE_PRINTF(1, 2);
char *care_vasprintf(const char *fmt, va_list ap) CARE_PRINTF(1, 0);

#endif /* CARE_ALLOC_H */
