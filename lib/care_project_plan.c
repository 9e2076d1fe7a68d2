/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The plan of carekit-run as shell words, one line per file or step. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_project.h"

char *
care_project_quote(const char *s)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=@%+,-";
	char *q, *o;

	if (*s != '\0' && strspn(s, safe) == strlen(s))
		return care_strdup(s);
	/* Each ' becomes '\'' (close, escaped quote, reopen). */
	q = o = care_malloc(strlen(s) * 4 + 3);
	*o++ = '\'';
	for (; *s != '\0'; s++) {
		if (*s == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else
			*o++ = *s;
	}
	*o++ = '\'';
	*o = '\0';
	return q;
}

static void
put_words_nl(FILE *fp, const char *const *w, size_t n, int nl)
{
	char *q;
	size_t i;

	for (i = 0; i < n; i++) {
		q = care_project_quote(w[i]);
		fprintf(fp, "%s%s", i == 0 ? "" : " ", q);
		free(q);
	}
	if (nl)
		fputc('\n', fp);
}

static void
put_words(FILE *fp, const char *const *w, size_t n)
{
	put_words_nl(fp, w, n, 1);
}

void
care_project_write_plan(const struct care_project *p, FILE *fp)
{
	const struct care_project_step *s;
	const char *w[3];
	size_t i;

	fputs("carekit-plan 1\n", fp);
	w[0] = "project";
	w[1] = care_project_file(p, 0)->path;
	put_words(fp, w, 2);
	w[0] = "output";
	w[1] = care_project_output(p);
	put_words(fp, w, 2);
	for (i = 0; i < care_project_nfiles(p); i++) {
		w[0] = "file";
		w[1] = care_project_file(p, i)->kind;
		w[2] = care_project_file(p, i)->path;
		put_words(fp, w, 3);
	}
	for (i = 0; i < care_project_nsteps(p); i++) {
		s = care_project_step(p, i);
		fputs(s->argv != NULL ? "step " : "builtin ", fp);
		w[0] = s->name;
		if (s->argv == NULL) {
			put_words(fp, w, 1);
			continue;
		}
		/* The name, then the argv, on one line. */
		put_words_nl(fp, w, 1, 0);
		fputc(' ', fp);
		put_words(fp, (const char *const *)s->argv, s->argc);
	}
}
