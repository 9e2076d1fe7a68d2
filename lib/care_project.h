/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The project file carekit.yaml (carekit-project(5)) and the plan of
 * the main job that carekit-run(1) executes.  Loading checks the whole
 * file and reports every problem as "file:line:col: error:" in one run,
 * so a broken project never starts a half-run.  Paths in the file are
 * relative to its directory; the plan holds them made absolute, while
 * the outputs of the steps are relative to the directory the run builds.
 *
 * The plan is printed as lines of shell words, each word bare when it
 * is made of safe characters and single-quoted otherwise, so that a POSIX
 * shell reads a line back with  eval "set -- $line":
 *
 *	carekit-plan 1
 *	project PATH		the project file
 *	output PATH		the output root of the file (-o overrides it)
 *	file KIND PATH		an input or configuration, for provenance.csv
 *	step NAME PROG ARG...	a program to run, outputs relative to the run
 *	builtin NAME		rejects-summary or provenance, written by the
 *				caller itself
 *
 * Names and paths with control characters are refused, so a plan line
 * is never split.
 */
#ifndef CARE_PROJECT_H
#define CARE_PROJECT_H

#include <stddef.h>
#include <stdio.h>

struct care_project_step {
	char	 *name;		/* "ingest:needs-2019", "check", "report:html" */
	char	**argv;		/* NULL-terminated; NULL for a builtin step */
	size_t	  argc;
};

struct care_project_file {
	char	*kind;		/* project, input, codebook, indicators, ... */
	char	*path;		/* absolute */
};

struct care_project;

/*
 * Loads and checks path.  Returns NULL when the file could not be read
 * or has errors, all of them reported through care_diag().
 */
struct care_project *care_project_load(const char *path);
void care_project_free(struct care_project *p);

/* The output root named by the file (absolute), "out" by default. */
const char *care_project_output(const struct care_project *p);
size_t care_project_nsteps(const struct care_project *p);
const struct care_project_step *care_project_step(const struct care_project *p,
    size_t i);
size_t care_project_nfiles(const struct care_project *p);
const struct care_project_file *care_project_file(const struct care_project *p,
    size_t i);

/* Writes the plan described above to fp. */
void care_project_write_plan(const struct care_project *p, FILE *fp);

/* s as one shell word: bare if safe, else in single quotes (new string). */
char *care_project_quote(const char *s);

#endif /* CARE_PROJECT_H */
