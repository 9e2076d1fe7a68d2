/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * For the unit tests: the diagnostics of a test, captured in memory.
 * capture() starts with counts and exit status reset, captured() is the
 * text so far ("" for none), release() ends; recapture() forgets what
 * was said so far and goes on capturing; capture_setup() and
 * capture_teardown() are the same as cmocka fixtures.
 */
#ifndef TEST_CAPTURE_H
#define TEST_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "care_err.h"

static char *capture_text;
static size_t capture_len;
static FILE *capture_fp;

static inline void
capture(void)
{
	care_diag_reset();
	capture_fp = open_memstream(&capture_text, &capture_len);
	if (capture_fp == NULL)
		abort();
	care_diag_setstream(capture_fp);
}

static inline const char *
captured(void)
{
	fflush(capture_fp);
	return capture_text != NULL ? capture_text : "";
}

static inline void
release(void)
{
	care_diag_setstream(NULL);
	fclose(capture_fp);
	free(capture_text);
	capture_text = NULL;
}

static inline void
recapture(void)
{
	release();
	capture();
}

/* cmocka fixtures for tests that all capture. */
static inline int
capture_setup(void **state)
{
	(void)state;
	capture();
	return 0;
}

static inline int
capture_teardown(void **state)
{
	(void)state;
	release();
	return 0;
}

#endif /* TEST_CAPTURE_H */
