/* SPDX-License-Identifier: GPL-3.0-or-later */
/* carekit.yaml: load and check the project, and derive the main job's plan. */
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
#include "care_project.h"

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

static const char *const top_keys[] = { "output", "inputs", "indicators",
	"acp", "guidebooks", "report", NULL };
static const char *const top_req[] = { "inputs", NULL };
static const char *const input_keys[] = { "name", "file", "codebook", "wave",
	"encoding", "max_reject_rate", NULL };
static const char *const input_req[] = { "name", "file", "codebook", NULL };
static const char *const ind_keys[] = { "config", "inputs", "ci", "min_cell",
	"chart", NULL };
static const char *const acp_keys[] = { "config", "inputs", "round",
	"chart", NULL };
static const char *const acp_req[] = { "config", "inputs", NULL };
static const char *const cfg_req[] = { "config", NULL };
static const char *const gb_keys[] = { "name", "config", "formats", "files",
	NULL };
static const char *const gb_req[] = { "name", "config", NULL };
static const char *const rep_keys[] = { "config", "formats", "files", NULL };
static const char *const encodings[] = { "auto", "utf-8", "cp932", NULL };
static const char *const gb_formats[] = { "pdf", "html", "text", "md", "csv",
	NULL };
static const char *const rep_formats[] = { "html", "pdf", NULL };
static const char *const cis[] = { "wilson", "clopper-pearson", "wald",
	"agresti-coull", "wilson-cc", NULL };
static const char *const rounds[] = { "largest-remainder", "half-up", NULL };

static struct care_project_step *
add_step(struct care_project *p, const char *name, const char *prog)
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
static void
add_args(struct care_project_step *s, ...)
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

static void
add_file(struct care_project *p, const char *kind, const char *path)
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
static const char *
clean_str(struct loader *L, const struct care_cfg_node *node,
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
static char *
path_of(struct loader *L, const struct care_cfg_node *node, const char *what,
    int must_read)
{
	const char *s;
	char *path, buf[PATH_MAX];

	if ((s = clean_str(L, node, what)) == NULL)
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

/* Names become file names (long/NAME.csv): a safe, small alphabet. */
static int
good_name(struct loader *L, const struct care_cfg_node *node, const char *what,
    const char **out)
{
	const char *s;

	if ((s = clean_str(L, node, what)) == NULL)
		return -1;
	if (*s == '.' || strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != strlen(s)) {
		care_cfg_error(L->cfg, node, _("%s: '%s' is not a name of "
		    "letters, digits, '.', '_' and '-' (not starting with '.')"),
		    what, s);
		return -1;
	}
	*out = s;
	return 0;
}

static void
load_input(struct loader *L, const struct care_cfg_node *m)
{
	struct care_cfg *cfg = L->cfg;
	struct care_project_step *s;
	const struct care_cfg_node *v;
	const char *name, *wave = NULL, *rate = NULL;
	char *file, *cb, *tmp;
	size_t i;
	int e = -1;

	if (care_cfg_check_keys(cfg, m, "input", input_keys,
	    input_req) != 0 && m->type != CARE_CFG_MAP)
		return;
	if (good_name(L, care_cfg_get(m, "name"), "name", &name) != 0)
		return;
	for (i = 0; i < L->nin; i++)
		if (strcmp(L->in[i].name, name) == 0) {
			care_cfg_error(cfg, care_cfg_get(m, "name"),
			    _("input '%s' is already defined on line %lu"),
			    name, L->in[i].node->line);
			return;
		}
	L->in[L->nin].name = name;
	L->in[L->nin].node = m;
	L->names[L->nin++] = name;
	/* Check every key before giving up on the input. */
	file = path_of(L, care_cfg_get(m, "file"), "file", 1);
	cb = path_of(L, care_cfg_get(m, "codebook"), "codebook", 1);
	if ((v = care_cfg_get(m, "encoding")) != NULL)
		(void)care_cfg_enum(cfg, v, "encoding", encodings, &e);
	if ((v = care_cfg_get(m, "wave")) != NULL)
		wave = clean_str(L, v, "wave");
	if ((v = care_cfg_get(m, "max_reject_rate")) != NULL)
		rate = clean_str(L, v, "max_reject_rate");
	L->in[L->nin - 1].file = file;
	if (file == NULL || cb == NULL) {
		free(cb);
		return;
	}
	add_file(L->p, "input", file);
	add_file(L->p, "codebook", cb);
	tmp = care_asprintf("ingest:%s", name);
	s = add_step(L->p, tmp, "survey-ingest");
	free(tmp);
	add_args(s, "-c", cb, (char *)NULL);
	free(cb);
	if (e >= 0)
		add_args(s, "-e", encodings[e], (char *)NULL);
	if (wave != NULL)
		add_args(s, "-w", wave, (char *)NULL);
	if (rate != NULL)
		add_args(s, "-t", rate, (char *)NULL);
	tmp = care_asprintf("rejects/%s.csv", name);
	add_args(s, "-r", tmp, (char *)NULL);
	free(tmp);
	tmp = care_asprintf("long/%s.csv", name);
	add_args(s, "-o", tmp, file, (char *)NULL);
	free(tmp);
}

static void
load_inputs(struct loader *L, const struct care_cfg_node *seq)
{
	size_t i;

	if (care_cfg_expect(L->cfg, seq, "inputs", CARE_CFG_SEQ) != 0)
		return;
	if (seq->n == 0)
		care_cfg_error(L->cfg, seq, _("inputs: no input"));
	L->in = care_calloc(seq->n + 1, sizeof(*L->in));
	L->names = care_calloc(seq->n + 1, sizeof(*L->names));
	for (i = 0; i < seq->n; i++)
		load_input(L, seq->items[i]);
}

/*
 * Adds "long/NAME.csv" to step s for each input named in seq, or for
 * every input when seq is NULL.  An unknown name is reported with the
 * nearest one suggested.
 */
static void
add_long_inputs(struct loader *L, struct care_project_step *s,
    const struct care_cfg_node *seq, int quiet)
{
	const char *name, *near;
	char *path;
	size_t i, j;

	if (seq == NULL) {
		for (i = 0; i < L->nin; i++) {
			if (L->in[i].file == NULL)
				continue;
			path = care_asprintf("long/%s.csv", L->in[i].name);
			add_args(s, path, (char *)NULL);
			free(path);
		}
		return;
	}
	if (quiet && seq->type != CARE_CFG_SEQ)
		return;
	if (!quiet &&
	    care_cfg_expect(L->cfg, seq, "inputs", CARE_CFG_SEQ) != 0)
		return;
	for (i = 0; i < seq->n; i++) {
		if (quiet && (seq->items[i]->type != CARE_CFG_SCALAR ||
		    strpbrk(seq->items[i]->value, "\n\t\r") != NULL))
			continue;
		if (quiet)
			name = seq->items[i]->value;
		else if ((name = clean_str(L, seq->items[i],
		    "input")) == NULL)
			continue;
		for (j = 0; j < L->nin; j++)
			if (strcmp(L->in[j].name, name) == 0)
				break;
		if (j == L->nin && quiet)
			continue;
		if (j == L->nin) {
			near = care_cfg_nearest(name, L->names);
			if (near != NULL)
				care_cfg_error(L->cfg, seq->items[i],
				    _("no input '%s'; did you mean '%s'?"),
				    name, near);
			else
				care_cfg_error(L->cfg, seq->items[i],
				    _("no input '%s'"), name);
			continue;
		}
		path = care_asprintf("long/%s.csv", name);
		add_args(s, path, (char *)NULL);
		free(path);
	}
}

/* A "config:" path, read-checked and recorded for provenance. */
static char *
config_of(struct loader *L, const struct care_cfg_node *m, const char *kind)
{
	char *path;

	path = path_of(L, care_cfg_get(m, "config"), "config", 1);
	if (path != NULL)
		add_file(L->p, kind, path);
	return path;
}

/* chart: true (the default) adds the SVG chart step. */
static int
want_chart(struct loader *L, const struct care_cfg_node *m)
{
	const struct care_cfg_node *v;
	int b = 1;

	if ((v = care_cfg_get(m, "chart")) != NULL &&
	    care_cfg_bool(L->cfg, v, "chart", &b) != 0)
		return 0;
	return b;
}

static void
load_indicators(struct loader *L, const struct care_cfg_node *m)
{
	struct care_project_step *s;
	const struct care_cfg_node *v;
	char *conf, num[32];
	long k = 0;
	size_t i, n;
	int ci = -1, have_k = 0;

	if (care_cfg_check_keys(L->cfg, m, "indicators", ind_keys,
	    cfg_req) != 0 && m->type != CARE_CFG_MAP)
		return;
	if ((conf = config_of(L, m, "indicators")) == NULL)
		return;
	if ((v = care_cfg_get(m, "ci")) != NULL)
		(void)care_cfg_enum(L->cfg, v, "ci", cis, &ci);
	if ((v = care_cfg_get(m, "min_cell")) != NULL &&
	    care_cfg_long(L->cfg, v, "min_cell", 0, 1000000, &k) == 0)
		have_k = 1;
	snprintf(num, sizeof(num), "%ld", k);
	/* Adding a step moves the others: fill each before the next. */
	n = want_chart(L, m) ? 2 : 1;
	for (i = 0; i < n; i++) {
		s = add_step(L->p, i == 0 ? "check" : "chart:trends",
		    "indicator-calc");
		add_args(s, "-c", conf, "-f", i == 0 ? "csv" : "svg",
		    (char *)NULL);
		if (ci >= 0)
			add_args(s, "--ci", cis[ci], (char *)NULL);
		if (have_k)
			add_args(s, "--min-cell", num, (char *)NULL);
		add_args(s, "-o", i == 0 ? "check.csv" : "charts/trends.svg",
		    (char *)NULL);
		add_long_inputs(L, s, care_cfg_get(m, "inputs"), i > 0);
	}
	free(conf);
}

static void
load_acp(struct loader *L, const struct care_cfg_node *m)
{
	struct care_project_step *s;
	const struct care_cfg_node *v;
	char *conf;
	size_t i, n;
	int r = -1;

	if (care_cfg_check_keys(L->cfg, m, "acp", acp_keys, acp_req) != 0 &&
	    m->type != CARE_CFG_MAP)
		return;
	if ((conf = config_of(L, m, "acp")) == NULL)
		return;
	if ((v = care_cfg_get(m, "round")) != NULL)
		(void)care_cfg_enum(L->cfg, v, "round", rounds, &r);
	n = want_chart(L, m) ? 2 : 1;
	for (i = 0; i < n; i++) {
		s = add_step(L->p, i == 0 ? "acp" : "chart:acp", "acp-tally");
		add_args(s, "-c", conf, "-f", i == 0 ? "csv" : "svg",
		    (char *)NULL);
		if (r >= 0)
			add_args(s, "-r", rounds[r], (char *)NULL);
		add_args(s, "-o", i == 0 ? "acp.csv" : "charts/acp.svg",
		    (char *)NULL);
		if ((v = care_cfg_get(m, "inputs")) != NULL)
			add_long_inputs(L, s, v, i > 0);
	}
	free(conf);
}

/*
 * The formats of a list: a sequence of choices, each at most once;
 * dflt when absent.  Returns a bit mask of choice indexes.
 */
static unsigned
formats_of(struct loader *L, const struct care_cfg_node *v,
    const char *const *choices, unsigned dflt)
{
	unsigned mask = 0;
	size_t i;
	int f;

	if (v == NULL)
		return dflt;
	if (care_cfg_expect(L->cfg, v, "formats", CARE_CFG_SEQ) != 0)
		return 0;
	if (v->n == 0)
		care_cfg_error(L->cfg, v, _("formats: no format"));
	for (i = 0; i < v->n; i++) {
		if (care_cfg_enum(L->cfg, v->items[i], "format", choices,
		    &f) != 0)
			continue;
		if (mask & (1U << f))
			care_cfg_error(L->cfg, v->items[i],
			    _("format '%s' given twice"), choices[f]);
		mask |= 1U << f;
	}
	return mask;
}

/*
 * Extra files given to guidebook-render, in the order of its inputs:
 * relative to the project for a guidebook (from_project), relative to
 * the run's directory for the report (outputs of earlier steps).
 */
static void
add_files(struct loader *L, struct care_project_step *s,
    const struct care_cfg_node *v, int from_project)
{
	const char *str;
	char *path;
	size_t i;

	if (v == NULL ||
	    care_cfg_expect(L->cfg, v, "files", CARE_CFG_SEQ) != 0)
		return;
	for (i = 0; i < v->n; i++) {
		if (from_project) {
			if ((path = path_of(L, v->items[i], "file",
			    1)) == NULL)
				continue;
			add_file(L->p, "data", path);
			add_args(s, path, (char *)NULL);
			free(path);
		} else if ((str = clean_str(L, v->items[i],
		    "file")) != NULL) {
			if (*str == '/' || strncmp(str, "../", 3) == 0)
				care_cfg_error(L->cfg, v->items[i],
				    _("file: '%s' is not inside the output "
				    "directory"), str);
			else
				add_args(s, str, (char *)NULL);
		}
	}
}

static void
load_guidebook(struct loader *L, const struct care_cfg_node *m,
    const struct care_cfg_node *seq, size_t idx)
{
	struct care_project_step *s;
	const char *name, *other;
	char *conf, *step, *out;
	unsigned mask;
	size_t i;

	if (care_cfg_check_keys(L->cfg, m, "guidebook", gb_keys,
	    gb_req) != 0 && m->type != CARE_CFG_MAP)
		return;
	if (good_name(L, care_cfg_get(m, "name"), "name", &name) != 0)
		return;
	for (i = 0; i < idx; i++)
		if (seq->items[i]->type == CARE_CFG_MAP &&
		    care_cfg_get(seq->items[i], "name") != NULL &&
		    (other = care_cfg_get(seq->items[i], "name")->value) !=
		    NULL && strcmp(other, name) == 0)
			care_cfg_error(L->cfg, care_cfg_get(m, "name"),
			    _("guidebook '%s' is already defined on line %lu"),
			    name, seq->items[i]->line);
	mask = formats_of(L, care_cfg_get(m, "formats"), gb_formats, 1U);
	if ((conf = config_of(L, m, "guidebook")) == NULL)
		return;
	for (i = 0; gb_formats[i] != NULL; i++) {
		if (!(mask & (1U << i)))
			continue;
		step = care_asprintf("guidebook:%s:%s", name, gb_formats[i]);
		out = care_asprintf("guidebooks/%s.%s", name,
		    strcmp(gb_formats[i], "text") == 0 ? "txt" : gb_formats[i]);
		s = add_step(L->p, step, "guidebook-render");
		add_args(s, "-c", conf, "-f", gb_formats[i], "-o", out,
		    (char *)NULL);
		add_files(L, s, care_cfg_get(m, "files"), 1);
		free(step);
		free(out);
	}
	free(conf);
}

static void
load_report(struct loader *L, const struct care_cfg_node *m)
{
	struct care_project_step *s;
	char *conf, *step, *out;
	unsigned mask;
	size_t i;

	if (care_cfg_check_keys(L->cfg, m, "report", rep_keys,
	    cfg_req) != 0 && m->type != CARE_CFG_MAP)
		return;
	mask = formats_of(L, care_cfg_get(m, "formats"), rep_formats, 1U);
	if ((conf = config_of(L, m, "report")) == NULL)
		return;
	for (i = 0; rep_formats[i] != NULL; i++) {
		if (!(mask & (1U << i)))
			continue;
		step = care_asprintf("report:%s", rep_formats[i]);
		out = care_asprintf("report.%s", rep_formats[i]);
		s = add_step(L->p, step, "guidebook-render");
		/* The report reads the outputs of the run: -D its directory. */
		add_args(s, "-c", conf, "-D", ".", "-f", rep_formats[i], "-o",
		    out, (char *)NULL);
		add_files(L, s, care_cfg_get(m, "files"), 0);
		free(step);
		free(out);
	}
	free(conf);
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
	add_file(L->p, "project", abs);
	free(abs);
	if ((v = care_cfg_get(root, "output")) != NULL)
		L->p->output = path_of(L, v, "output", 0);
	else
		L->p->output = care_asprintf("%s/out", L->p->dir);
	if ((v = care_cfg_get(root, "inputs")) != NULL)
		load_inputs(L, v);
	if ((v = care_cfg_get(root, "indicators")) != NULL)
		load_indicators(L, v);
	if ((v = care_cfg_get(root, "acp")) != NULL)
		load_acp(L, v);
	if ((v = care_cfg_get(root, "guidebooks")) != NULL &&
	    care_cfg_expect(L->cfg, v, "guidebooks", CARE_CFG_SEQ) == 0)
		for (i = 0; i < v->n; i++)
			load_guidebook(L, v->items[i], v, i);
	(void)add_step(L->p, "rejects-summary", NULL);
	(void)add_step(L->p, "provenance", NULL);
	if ((v = care_cfg_get(root, "report")) != NULL)
		load_report(L, v);
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
