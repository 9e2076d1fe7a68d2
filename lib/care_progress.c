/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Progress lines for long steps, shown only on a terminal. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "care_alloc.h"
#include "care_err.h"
#include "care_progress.h"

/* Look at the clock only every this many ticks: it costs a system call. */
#define TICKS_PER_LOOK	8192
/* Redraw at most this often (seconds). */
#define REDRAW_EVERY	0.5

struct care_progress {
	FILE		*fp;		/* the terminal */
	int		 own;		/* fp was opened here (/dev/tty) */
	char		*what;		/* file name, escaped */
	const char	*unit;		/* "records", "rows" */
	double		 start, last;	/* seconds */
	unsigned long long next;	/* count at which to look again */
	int		 width;		/* length of the line drawn */
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct care_progress *
care_progress_new(const char *what, const char *unit)
{
	struct care_progress *p;
	FILE *fp = NULL;
	int own = 0;

	if (isatty(STDERR_FILENO))
		fp = stderr;
	else if (getenv("CAREKIT_PROGRESS") != NULL &&
	    (fp = fopen("/dev/tty", "w")) != NULL)
		own = 1;
	if (fp == NULL)
		return NULL;
	p = care_calloc(1, sizeof(*p));
	p->fp = fp;
	p->own = own;
	p->what = care_diag_escape(what, strlen(what));
	if (p->what == NULL)
		p->what = care_strdup("?");
	p->unit = unit;
	p->start = p->last = now();
	p->next = TICKS_PER_LOOK;
	return p;
}

void
care_progress_tick(struct care_progress *p, unsigned long long count)
{
	double t, rate;
	int n;

	if (p == NULL || count < p->next)
		return;
	p->next = count + TICKS_PER_LOOK;
	t = now();
	if (t - p->last < REDRAW_EVERY)
		return;
	p->last = t;
	rate = t > p->start ? count / (t - p->start) : 0;
	n = fprintf(p->fp, "\r%s: %llu %s, %.0f/s", care_getprogname(),
	    count, p->unit, rate);
	n += fprintf(p->fp, " (%s)", p->what);
	/* Blank out what is left of a longer earlier line. */
	if (n < p->width)
		fprintf(p->fp, "%*s", p->width - n, "");
	if (n > p->width)
		p->width = n;
	fflush(p->fp);
}

void
care_progress_done(struct care_progress *p)
{
	if (p == NULL)
		return;
	if (p->width > 0) {
		fprintf(p->fp, "\r%*s\r", p->width, "");
		fflush(p->fp);
	}
	if (p->own)
		fclose(p->fp);
	free(p->what);
	free(p);
}
