/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Atomic output: "-o FILE" writes a temporary file in the same directory
 * and renames it over FILE only when everything succeeded.  On failure,
 * or when the program is killed by SIGINT, SIGTERM or SIGHUP, the
 * temporary is removed and the old FILE stays as it was.  A FILE that
 * exists and is not a regular file (a device such as /dev/null, a FIFO,
 * a symbolic link such as /dev/stdout) is written in place instead.
 */
#ifndef CARE_OUTFILE_H
#define CARE_OUTFILE_H

#include <stdio.h>

/* Flags for care_outfile_open(). */
#define CARE_OUT_PRIVATE	0x1	/* respondent-level data: mode 0600 */

struct care_outfile;

/*
 * Opens path for writing; NULL or "-" means stdout (written directly).
 * Returns NULL after reporting the error.
 */
struct care_outfile *care_outfile_open(const char *path, unsigned flags);
FILE *care_outfile_stream(struct care_outfile *of);
const char *care_outfile_name(const struct care_outfile *of);
/*
 * Flushes, syncs and renames into place, then frees.  Returns 0, or -1
 * after reporting the error and removing the temporary file.  For stdout
 * it only flushes: care_exit() checks stdout at the end.
 */
int care_outfile_commit(struct care_outfile *of);
/* Removes the temporary file (the target is untouched) and frees. */
void care_outfile_abort(struct care_outfile *of);
/*
 * Ends the output: commits it if written is nonzero; otherwise reports
 * "cannot write FILE" (stdout's error is care_exit()'s to report), sets
 * the exit status to 2 and aborts.  Returns 0 once committed, else -1.
 */
int care_outfile_end(struct care_outfile *of, int written);

/*
 * A temporary file for spools and sort runs of respondent data: created
 * with mode 0600 in $TMPDIR (or /tmp, as tmpfile(3) always uses) and
 * unlinked at once, so it goes away with the process however it ends.
 * NULL with errno set.
 */
FILE *care_tmpfile(void);

#endif /* CARE_OUTFILE_H */
