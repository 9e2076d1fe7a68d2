/* SPDX-License-Identifier: GPL-3.0-or-later */
/* carekit.yaml: load and check the project; the plan's steps and files. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care_alloc.h"
#include "care_config.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_project_int.h"

static const char *const top_keys[] = { "output", "inputs", "indicators",
	"acp", "guidebooks", "report", NULL };
static const char *const top_req[] = { "inputs", NULL };

struct care_project_step *
care_project_add_step(struct care_project *p, const char *name,
    const char *prog)
{
	struct care_project_step *s;

	p->steps = care_reallocarray(p->steps, p->nsteps + 1,
	    sizeof(*p->steps));
	s = &p->steps[p->nsteps++];
	s->name = care_strdup(name);
	s->argc = 0;
	s->argv = NULL;
	if (prog != NULL) {
		s->argv = care_calloc(2, sizeof(*s->argv));
		s->argv[s->argc++] = care_strdup(prog);
		s->argv[s->argc] = NULL;
	}
	return s;
}

/* Appends the arguments (NULL-terminated) to the step's argv. */
void
care_project_add_args(struct care_project_step *s, ...)
{
	va_list ap;
	const char *a;

	va_start(ap, s);
	while ((a = va_arg(ap, const char *)) != NULL) {
		s->argv = care_reallocarray(s->argv, s->argc + 2,
		    sizeof(*s->argv));
		s->argv[s->argc++] = care_strdup(a);
		s->argv[s->argc] = NULL;
	}
	va_end(ap);
}

void
care_project_add_file(struct care_project *p, const char *kind,
    const char *path)
{
	size_t i;

	for (i = 0; i < p->nfiles; i++)
		if (strcmp(p->files[i].path, path) == 0)
			return;
	p->files = care_reallocarray(p->files, p->nfiles + 1,
	    sizeof(*p->files));
	p->files[p->nfiles].kind = care_strdup(kind);
	p->files[p->nfiles++].path = care_strdup(path);
}

/* A scalar without control characters (they would split a plan line). */
const char *
care_project_clean_str(struct loader *L, const struct care_cfg_node *node,
    const char *what)
{
	const char *s, *c;

	/* A missing required key was reported by care_cfg_check_keys(). */
	if (node == NULL || care_cfg_str(L->cfg, node, what, &s) != 0)
		return NULL;
	for (c = s; *c != '\0'; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f) {
			care_cfg_error(L->cfg, node,
			    _("%s: control character in '%s'"), what, s);
			return NULL;
		}
	if (*s == '\0') {
		care_cfg_error(L->cfg, node, _("%s: empty"), what);
		return NULL;
	}
	return s;
}

/*
 * The absolute path of a path relative to the project's directory;
 * with must_read, a file that cannot be read is an error here, before
 * any step runs.
 */
char *
care_project_path_of(struct loader *L, const struct care_cfg_node *node,
    const char *what, int must_read)
{
	const char *s;
	char *path, buf[PATH_MAX];

	if ((s = care_project_clean_str(L, node, what)) == NULL)
		return NULL;
	if (*s == '/')
		path = care_strdup(s);
	else
		path = care_asprintf("%s/%s", L->p->dir, s);
	if (must_read && access(path, R_OK) != 0) {
		care_cfg_error(L->cfg, node, _("%s: '%s': %s"), what, s,
		    strerror(errno));
		free(path);
		return NULL;
	}
	/* No "dir/../" in the plan: the real path, when there is one. */
	if (must_read && realpath(path, buf) != NULL) {
		free(path);
		path = care_strdup(buf);
	}
	return path;
}

/* The project's directory, absolute, so that steps can run anywhere. */
static char *
project_dir(const char *path)
{
	char *copy, *slash, *dir;
	char buf[PATH_MAX];

	copy = care_strdup(path);
	slash = strrchr(copy, '/');
	if (slash == copy)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	dir = realpath(slash != NULL ? copy : ".", buf) != NULL ?
	    care_strdup(buf) : NULL;
	free(copy);
	return dir;
}

static void
load_all(struct loader *L, const struct care_cfg_node *root, const char *path)
{
	const struct care_cfg_node *v;
	char *abs;
	size_t i;

	(void)care_cfg_check_keys(L->cfg, root, "project", top_keys,
	    top_req);
	abs = care_asprintf("%s/%s", L->p->dir, strrchr(path, '/') != NULL ?
	    strrchr(path, '/') + 1 : path);
	care_project_add_file(L->p, "project", abs);
	free(abs);
	if ((v = care_cfg_get(root, "output")) != NULL)
		L->p->output = care_project_path_of(L, v, "output", 0);
	else
		L->p->output = care_asprintf("%s/out", L->p->dir);
	if ((v = care_cfg_get(root, "inputs")) != NULL)
		care_project_load_inputs(L, v);
	if ((v = care_cfg_get(root, "indicators")) != NULL)
		care_project_load_indicators(L, v);
	if ((v = care_cfg_get(root, "acp")) != NULL)
		care_project_load_acp(L, v);
	if ((v = care_cfg_get(root, "guidebooks")) != NULL &&
	    care_cfg_expect(L->cfg, v, "guidebooks", CARE_CFG_SEQ) == 0)
		for (i = 0; i < v->n; i++)
			care_project_load_guidebook(L, v->items[i], v, i);
	(void)care_project_add_step(L->p, "rejects-summary", NULL);
	(void)care_project_add_step(L->p, "provenance", NULL);
	if ((v = care_cfg_get(root, "report")) != NULL)
		care_project_load_report(L, v);
}

struct care_project *
care_project_load(const char *path)
{
	struct loader L;
	const struct care_cfg_node *root;
	size_t i;
	int bad;

	memset(&L, 0, sizeof(L));
	if ((L.cfg = care_cfg_load(path)) == NULL)
		return NULL;
	L.p = care_calloc(1, sizeof(*L.p));
	if ((L.p->dir = project_dir(path)) == NULL) {
		care_diag(CARE_DIAG_FATAL, path, 0, 0, "%s", strerror(errno));
		care_cfg_free(L.cfg);
		care_project_free(L.p);
		return NULL;
	}
	if ((root = care_cfg_root(L.cfg)) != NULL)
		load_all(&L, root, path);
	bad = root == NULL || care_cfg_errors(L.cfg) != 0;
	for (i = 0; i < L.nin; i++)
		free(L.in[i].file);
	free(L.in);
	free(L.names);
	care_cfg_free(L.cfg);
	if (bad) {
		care_project_free(L.p);
		return NULL;
	}
	return L.p;
}

void
care_project_free(struct care_project *p)
{
	size_t i, j;

	if (p == NULL)
		return;
	for (i = 0; i < p->nsteps; i++) {
		free(p->steps[i].name);
		for (j = 0; j < p->steps[i].argc; j++)
			free(p->steps[i].argv[j]);
		free(p->steps[i].argv);
	}
	for (i = 0; i < p->nfiles; i++) {
		free(p->files[i].kind);
		free(p->files[i].path);
	}
	free(p->steps);
	free(p->files);
	free(p->dir);
	free(p->output);
	free(p);
}

const char *
care_project_output(const struct care_project *p)
{
	return p->output;
}

size_t
care_project_nsteps(const struct care_project *p)
{
	return p->nsteps;
}

const struct care_project_step *
care_project_step(const struct care_project *p, size_t i)
{
	return i < p->nsteps ? &p->steps[i] : NULL;
}

size_t
care_project_nfiles(const struct care_project *p)
{
	return p->nfiles;
}

const struct care_project_file *
care_project_file(const struct care_project *p, size_t i)
{
	return i < p->nfiles ? &p->files[i] : NULL;
}
