/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Allocation wrappers: running out of memory ends the run with status 2. */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_i18n.h"

static void CARE_NORETURN
out_of_memory(void)
{
	care_errx("%s", _("out of memory"));
	exit(CARE_EXIT_TROUBLE);
}

void *
care_malloc(size_t size)
{
	void *p;

	if ((p = malloc(size ? size : 1)) == NULL)
		out_of_memory();
	return p;
}

void *
care_calloc(size_t nmemb, size_t size)
{
	void *p;

	if ((p = calloc(nmemb ? nmemb : 1, size ? size : 1)) == NULL)
		out_of_memory();
	return p;
}

void *
care_realloc(void *ptr, size_t size)
{
	void *p;

	if ((p = realloc(ptr, size ? size : 1)) == NULL)
		out_of_memory();
	return p;
}

void *
care_reallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		out_of_memory();
	return care_realloc(ptr, nmemb * size);
}

char *
care_strdup(const char *s)
{
	return care_strndup(s, strlen(s));
}

char *
care_strndup(const char *s, size_t len)
{
	char *p;

	p = care_malloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
care_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = care_vasprintf(fmt, ap);
	va_end(ap);
	return p;
}

char *
care_vasprintf(const char *fmt, va_list ap)
{
	char *p;

	if (vasprintf(&p, fmt, ap) < 0)
		out_of_memory();
	return p;
}
