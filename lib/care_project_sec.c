/* SPDX-License-Identifier: GPL-3.0-or-later */
/* carekit.yaml: the inputs, indicators, acp, guidebooks and report. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_config.h"
#include "care_i18n.h"
#include "care_project_int.h"

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

/* Names become file names (long/NAME.csv): a safe, small alphabet. */
static int
good_name(struct loader *L, const struct care_cfg_node *node, const char *what,
    const char **out)
{
	const char *s;

	if ((s = care_project_clean_str(L, node, what)) == NULL)
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
	file = care_project_path_of(L, care_cfg_get(m, "file"), "file", 1);
	cb = care_project_path_of(L, care_cfg_get(m, "codebook"), "codebook",
	    1);
	if ((v = care_cfg_get(m, "encoding")) != NULL)
		(void)care_cfg_enum(cfg, v, "encoding", encodings, &e);
	if ((v = care_cfg_get(m, "wave")) != NULL)
		wave = care_project_clean_str(L, v, "wave");
	if ((v = care_cfg_get(m, "max_reject_rate")) != NULL)
		rate = care_project_clean_str(L, v, "max_reject_rate");
	L->in[L->nin - 1].file = file;
	if (file == NULL || cb == NULL) {
		free(cb);
		return;
	}
	care_project_add_file(L->p, "input", file);
	care_project_add_file(L->p, "codebook", cb);
	tmp = care_asprintf("ingest:%s", name);
	s = care_project_add_step(L->p, tmp, "survey-ingest");
	free(tmp);
	care_project_add_args(s, "-c", cb, (char *)NULL);
	free(cb);
	if (e >= 0)
		care_project_add_args(s, "-e", encodings[e], (char *)NULL);
	if (wave != NULL)
		care_project_add_args(s, "-w", wave, (char *)NULL);
	if (rate != NULL)
		care_project_add_args(s, "-t", rate, (char *)NULL);
	tmp = care_asprintf("rejects/%s.csv", name);
	care_project_add_args(s, "-r", tmp, (char *)NULL);
	free(tmp);
	tmp = care_asprintf("long/%s.csv", name);
	care_project_add_args(s, "-o", tmp, file, (char *)NULL);
	free(tmp);
}

void
care_project_load_inputs(struct loader *L, const struct care_cfg_node *seq)
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
			care_project_add_args(s, path, (char *)NULL);
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
		else if ((name = care_project_clean_str(L, seq->items[i],
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
		care_project_add_args(s, path, (char *)NULL);
		free(path);
	}
}

/* A "config:" path, read-checked and recorded for provenance. */
static char *
config_of(struct loader *L, const struct care_cfg_node *m, const char *kind)
{
	char *path;

	path = care_project_path_of(L, care_cfg_get(m, "config"), "config", 1);
	if (path != NULL)
		care_project_add_file(L->p, kind, path);
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

void
care_project_load_indicators(struct loader *L, const struct care_cfg_node *m)
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
		s = care_project_add_step(L->p, i == 0 ? "check" :
		    "chart:trends", "indicator-calc");
		care_project_add_args(s, "-c", conf, "-f", i == 0 ? "csv" :
		    "svg", (char *)NULL);
		if (ci >= 0)
			care_project_add_args(s, "--ci", cis[ci], (char *)NULL);
		if (have_k)
			care_project_add_args(s, "--min-cell", num,
			    (char *)NULL);
		care_project_add_args(s, "-o", i == 0 ? "check.csv" :
		    "charts/trends.svg", (char *)NULL);
		add_long_inputs(L, s, care_cfg_get(m, "inputs"), i > 0);
	}
	free(conf);
}

void
care_project_load_acp(struct loader *L, const struct care_cfg_node *m)
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
		s = care_project_add_step(L->p, i == 0 ? "acp" : "chart:acp",
		    "acp-tally");
		care_project_add_args(s, "-c", conf, "-f", i == 0 ? "csv" :
		    "svg", (char *)NULL);
		if (r >= 0)
			care_project_add_args(s, "-r", rounds[r], (char *)NULL);
		care_project_add_args(s, "-o", i == 0 ? "acp.csv" :
		    "charts/acp.svg", (char *)NULL);
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
			if ((path = care_project_path_of(L, v->items[i], "file",
			    1)) == NULL)
				continue;
			care_project_add_file(L->p, "data", path);
			care_project_add_args(s, path, (char *)NULL);
			free(path);
		} else if ((str = care_project_clean_str(L, v->items[i],
		    "file")) != NULL) {
			if (*str == '/' || strncmp(str, "../", 3) == 0)
				care_cfg_error(L->cfg, v->items[i],
				    _("file: '%s' is not inside the output "
				    "directory"), str);
			else
				care_project_add_args(s, str, (char *)NULL);
		}
	}
}

void
care_project_load_guidebook(struct loader *L, const struct care_cfg_node *m,
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
		s = care_project_add_step(L->p, step, "guidebook-render");
		care_project_add_args(s, "-c", conf, "-f", gb_formats[i], "-o",
		    out, (char *)NULL);
		add_files(L, s, care_cfg_get(m, "files"), 1);
		free(step);
		free(out);
	}
	free(conf);
}

void
care_project_load_report(struct loader *L, const struct care_cfg_node *m)
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
		s = care_project_add_step(L->p, step, "guidebook-render");
		/* The report reads the outputs of the run: -D its directory. */
		care_project_add_args(s, "-c", conf, "-D", ".", "-f",
		    rep_formats[i], "-o", out, (char *)NULL);
		add_files(L, s, care_cfg_get(m, "files"), 0);
		free(step);
		free(out);
	}
	free(conf);
}

