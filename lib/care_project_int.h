/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Internals shared by care_project.c and care_project_sec.c: the
 * project being loaded and the loader's helpers.  Not for programs.
 */
#ifndef CARE_PROJECT_INT_H
#define CARE_PROJECT_INT_H

#include <stddef.h>

#include "care_project.h"

struct care_cfg;
struct care_cfg_node;

struct care_project {
	char				*dir;		/* of the project file */
	char				*output;
	struct care_project_step	*steps;
	size_t				 nsteps;
	struct care_project_file	*files;
	size_t				 nfiles;
};

/* One input while loading; the plan keeps only its step. */
struct input {
	const char			*name;
	const struct care_cfg_node	*node;
	char				*file;
};

struct loader {
	struct care_cfg		*cfg;
	struct care_project	*p;
	struct input		*in;
	size_t			 nin;
	const char		**names;	/* NULL-terminated, for suggestions */
};

/* care_project.c: the plan's steps and files, and checked scalars. */
struct care_project_step *care_project_add_step(struct care_project *p,
    const char *name, const char *prog);
/* Appends the arguments (NULL-terminated) to the step's argv. */
void care_project_add_args(struct care_project_step *s, ...);
void care_project_add_file(struct care_project *p, const char *kind,
    const char *path);
/* A scalar without control characters (they would split a plan line). */
const char *care_project_clean_str(struct loader *L,
    const struct care_cfg_node *node, const char *what);
/*
 * The absolute path of a path relative to the project's directory;
 * with must_read, a file that cannot be read is an error here, before
 * any step runs.
 */
char *care_project_path_of(struct loader *L, const struct care_cfg_node *node,
    const char *what, int must_read);

/* care_project_sec.c: the sections of carekit.yaml. */
void care_project_load_inputs(struct loader *L,
    const struct care_cfg_node *seq);
void care_project_load_indicators(struct loader *L,
    const struct care_cfg_node *m);
void care_project_load_acp(struct loader *L, const struct care_cfg_node *m);
void care_project_load_guidebook(struct loader *L,
    const struct care_cfg_node *m, const struct care_cfg_node *seq,
    size_t idx);
void care_project_load_report(struct loader *L,
    const struct care_cfg_node *m);

#endif /* CARE_PROJECT_INT_H */
