/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Progress of a long step on a terminal: "needs-2025.csv: 1200000 records,
 * 410000/s" redrawn in place on stderr about twice a second.  Nothing is
 * shown when stderr is not a terminal (cron, a log file), unless
 * CAREKIT_PROGRESS is set and /dev/tty can be opened: carekit-run sets it
 * when it runs on a terminal while keeping each step's stderr in a log.
 */
#ifndef CARE_PROGRESS_H
#define CARE_PROGRESS_H

struct care_progress;

/* Returns NULL when no progress is to be shown; the calls accept NULL. */
struct care_progress *care_progress_new(const char *what, const char *unit);
/* Reports that count items are done; cheap enough to call per record. */
void care_progress_tick(struct care_progress *p, unsigned long long count);
/* Erases the progress line and frees. */
void care_progress_done(struct care_progress *p);

#endif /* CARE_PROGRESS_H */
