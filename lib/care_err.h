/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Diagnostics and exit status.  Every message of every program goes
 * through care_diag(): "prog: file:line:col: level: message".  The worst
 * level seen decides the exit status, as mandoc's mandoc_msg_setrc does.
 */
#ifndef CARE_ERR_H
#define CARE_ERR_H

#include <stdarg.h>
#include <stdio.h>

/* Exit status, documented once in carekit.7 and every page's EXIT STATUS. */
enum care_exit {
	CARE_EXIT_OK = 0,	/* success */
	CARE_EXIT_DATA = 1,	/* finished, but data was rejected or a check failed */
	CARE_EXIT_TROUBLE = 2	/* nothing usable: usage, config, I/O, memory */
};

enum care_level {
	CARE_DIAG_NOTE,		/* information; does not change the exit status */
	CARE_DIAG_WARN,		/* "warning"; does not change the exit status */
	CARE_DIAG_ERROR,	/* "error" about data; exit status at least 1 */
	CARE_DIAG_FATAL		/* "error" that stops the run; exit status 2 */
};

#define CARE_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define CARE_NORETURN __attribute__((noreturn))

void care_setprogname(const char *argv0);
const char *care_getprogname(void);

/*
 * Reports one diagnostic.  file may be NULL (no location), line 0 omits
 * the line, col 0 omits the column.  Control characters and bytes that
 * are not UTF-8 are escaped, so data quoted in a message cannot move the
 * terminal cursor.
 */
void care_diag(enum care_level level, const char *file, unsigned long line,
    unsigned long col, const char *fmt, ...) CARE_PRINTF(5, 6);
void care_vdiag(enum care_level level, const char *file, unsigned long line,
    unsigned long col, const char *fmt, va_list ap) CARE_PRINTF(5, 0);

/*
 * Reports a summary line, "prog: message": through the same stream and
 * escaping as care_diag(), but with no location and no level word, and
 * it neither counts as a diagnostic nor changes the exit status.
 */
void care_diag_summary(const char *fmt, ...) CARE_PRINTF(1, 2);

/* err(3)-like shorthands: "prog: message[: strerror(errno)]". */
void care_warn(const char *fmt, ...) CARE_PRINTF(1, 2);
void care_warnx(const char *fmt, ...) CARE_PRINTF(1, 2);
void care_err(const char *fmt, ...) CARE_PRINTF(1, 2);   /* fatal level */
void care_errx(const char *fmt, ...) CARE_PRINTF(1, 2);  /* fatal level */

/* Raises the exit status without a message (a summary said it already). */
void care_diag_setrc(enum care_exit rc);
enum care_exit care_diag_getrc(void);

/* Counts diagnostics of a level since the start (or the last reset). */
unsigned long care_diag_count(enum care_level level);
void care_diag_reset(void);

/*
 * Sends diagnostics to fp instead of stderr (tests, worker processes);
 * NULL restores stderr.
 */
void care_diag_setstream(FILE *fp);
/*
 * Writes messages another process formatted (into a stream given to
 * care_diag_setstream()) where ours go.  Neither the counts nor the exit
 * status change: the caller raises the status the other process saw.
 */
void care_diag_write(const char *text, size_t len);

/*
 * Holds messages back until care_diag_release() says them in their
 * place: for a run that may read its input a second time and must not
 * say the same things twice.  care_diag_forget() drops what was held and
 * puts the counts and the exit status back to where they were when the
 * hold began (the counts to zero).  Only 1 MiB of messages is held:
 * past that they go out after all, and care_diag_forget() returns 1 to
 * say so (the caller tells the reader they are a first reading's).
 */
void care_diag_hold(void);
int care_diag_forget(void);
void care_diag_release(void);

/*
 * Flushes and closes stdout, reports a write error (disk full, /dev/full)
 * as trouble, and returns the exit status for main to return.
 */
int care_exit(void);

/* Escapes control characters and invalid UTF-8 of s into a new string. */
char *care_diag_escape(const char *s, size_t len);

#endif /* CARE_ERR_H */
