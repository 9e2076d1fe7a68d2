/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private to the care_regroup module: care_regroup.c keeps, sorts,
 * spills and merges the rows; care_regroup_rec.c settles the rows of a
 * respondent into one record.
 */
#ifndef CARE_REGROUP_INT_H
#define CARE_REGROUP_INT_H

#include <stddef.h>
#include <stdint.h>

#include "care_regroup.h"

/* A row of a group, decoded; fields NUL-terminated. */
struct rg_row {
	uint64_t	 seq;		/* its place in the input */
	size_t		 file;
	unsigned long	 line;
	const char	*f[6];
	size_t		 len[6];
	int		 kept;		/* settled: as care_regroup_fn */
};

/*
 * Settles the rows of one hash group (input order), which may hold
 * several respondents whose keys share the hash, and hands them out.
 */
void	care_regroup_settle(struct rg_row *rows, size_t n,
	    care_regroup_fn *fn, void *ctx, const char *const *names);

#endif /* CARE_REGROUP_INT_H */
