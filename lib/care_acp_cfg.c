/* SPDX-License-Identifier: GPL-3.0-or-later */
/* acp.yaml: venues, centres, questionnaires, card deck, thresholds. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "care_acp.h"
#include "care_acp_int.h"
#include "care_alloc.h"
#include "care_config.h"
#include "care_csv.h"
#include "care_i18n.h"

static const char *const top_keys[] = { "fiscal_year_start", "rounding",
	"decimals", "min_cell", "small_group", "top", "no_answer", "sources",
	"session_log", "venues", "centers", "pre", "post", "cards",
	"age_bands", "sexes", NULL };
static const char *const top_required[] = { "venues", "pre", "post", "cards",
	NULL };
static const char *const src_keys[] = { "session", "pre", "post", "cards",
	NULL };
static const char *const src_default[] = { "acp-session", "acp-pre",
	"acp-post", "acp-cards" };
static const char *const sitem_keys[] = { "date", "center", "venue",
	"participants", NULL };
static const char *const quest_keys[] = { "session", "item", "question",
	"choices", NULL };
static const char *const quest_required[] = { "choices", NULL };
static const char *const card_keys[] = { "session", "item", "age_band",
	"sex", "deck", "labels", NULL };
static const char *const card_required[] = { "deck", NULL };
static const char *const code_keys[] = { "code", "label", NULL };
static const char *const code_required[] = { "code", NULL };
static const char *const round_names[] = { "half-up", "largest-remainder",
	NULL };

/* A string option: the scalar at key, else the default. */
static char *
str_opt(struct care_cfg *cfg, const struct care_cfg_node *map,
    const char *key, const char *def)
{
	const struct care_cfg_node *n = care_cfg_get(map, key);
	const char *s = def;

	if (n != NULL && care_cfg_str(cfg, n, key, &s) == 0 && *s == '\0') {
		care_cfg_error(cfg, n, _("%s: must not be empty"), key);
		s = def;
	}
	return care_strdup(s);
}

static long
long_opt(struct care_cfg *cfg, const struct care_cfg_node *map,
    const char *key, long min, long max, long def)
{
	const struct care_cfg_node *n = care_cfg_get(map, key);
	long v = def;

	if (n != NULL && care_cfg_long(cfg, n, key, min, max, &v) != 0)
		v = def;
	return v;
}

/* One entry of a code list: "code" or {code: ..., label: ...}. */
static void
code_entry(struct care_cfg *cfg, const struct care_cfg_node *n,
    const char *what, struct acp_code *c)
{
	const char *code = NULL, *label = NULL;

	if (n->type == CARE_CFG_SCALAR) {
		code = n->value;
	} else if (care_cfg_check_keys(cfg, n, what, code_keys,
	    code_required) == 0) {
		(void)care_cfg_str(cfg, care_cfg_get(n, "code"), "code",
		    &code);
		if (care_cfg_get(n, "label") != NULL)
			(void)care_cfg_str(cfg, care_cfg_get(n, "label"),
			    "label", &label);
	}
	c->code = care_strdup(code != NULL ? code : "");
	c->label = label != NULL ? care_strdup(label) : NULL;
}

/* A sequence of codes, each unique. */
static void
codes_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    const char *what, struct acp_codes *out)
{
	size_t i;

	if (n == NULL || care_cfg_expect(cfg, n, what, CARE_CFG_SEQ) != 0)
		return;
	if (n->n == 0)
		care_cfg_error(cfg, n, _("%s: the list is empty"), what);
	out->v = care_calloc(n->n, sizeof(*out->v));
	for (i = 0; i < n->n; i++) {
		code_entry(cfg, n->items[i], what, &out->v[i]);
		out->n = i;
		if (care_acp_codes_find(out, out->v[i].code) >= 0)
			care_cfg_error(cfg, n->items[i],
			    _("%s: duplicate code '%s'"), what,
			    out->v[i].code);
		out->n = i + 1;
	}
}

static void
quest_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    const char *what, struct acp_quest *q)
{
	if (care_cfg_check_keys(cfg, n, what, quest_keys,
	    quest_required) != 0 && n->type != CARE_CFG_MAP) {
		q->session = care_strdup("session");
		q->item = care_strdup("q1");
		return;
	}
	q->session = str_opt(cfg, n, "session", "session");
	q->item = str_opt(cfg, n, "item", "q1");
	if (care_cfg_get(n, "question") != NULL)
		q->question = str_opt(cfg, n, "question", "");
	codes_load(cfg, care_cfg_get(n, "choices"), "choices", &q->choices);
}

/* Optional map of names with defaults (sources, session_log). */
static void
names_load(struct care_cfg *cfg, const struct care_cfg_node *root,
    const char *key, const char *const *keys, const char *const *def,
    char **out)
{
	const struct care_cfg_node *n = care_cfg_get(root, key);
	size_t i;

	if (n != NULL && care_cfg_check_keys(cfg, n, key, keys, NULL) != 0)
		n = NULL;
	for (i = 0; keys[i] != NULL; i++)
		out[i] = str_opt(cfg, n, keys[i], def[i]);
}

/* The card label file: a CSV with columns card_id and label. */
static void
labels_load(struct care_cfg *cfg, const struct care_cfg_node *at,
    const char *path, struct acp_codes *deck)
{
	struct care_csv *csv;
	struct care_csv_record rec;
	size_t idcol = 0, labcol = 1, i;
	long k;
	int first = 1;

	if ((csv = care_csv_open(path, CARE_ENC_AUTO)) == NULL) {
		care_cfg_error(cfg, at, _("labels: cannot read '%s'"), path);
		return;
	}
	while (care_csv_read(csv, &rec) == 1) {
		if (rec.problem != CARE_CSV_OK)
			continue;
		if (first) {
			for (i = 0; i < rec.nfields; i++)
				if (strcmp(rec.fields[i], "card_id") == 0)
					idcol = i;
				else if (strcmp(rec.fields[i], "label") == 0)
					labcol = i;
			first = 0;
			continue;
		}
		if (idcol >= rec.nfields || labcol >= rec.nfields ||
		    (k = care_acp_codes_find(deck, rec.fields[idcol])) < 0)
			continue;
		free(deck->v[k].label);
		deck->v[k].label = care_strdup(rec.fields[labcol]);
	}
	care_csv_close(csv);
}

static void
cards_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct care_acp_cfg *c)
{
	const struct care_cfg_node *lab;
	const char *file, *slash, *rel;
	char *path;

	if (care_cfg_check_keys(cfg, n, "cards", card_keys,
	    card_required) != 0 && n->type != CARE_CFG_MAP)
		n = NULL;
	c->card_session = str_opt(cfg, n, "session", "session");
	c->card_item = str_opt(cfg, n, "item", "card");
	c->card_age = str_opt(cfg, n, "age_band", "age_band");
	c->card_sex = str_opt(cfg, n, "sex", "sex");
	codes_load(cfg, care_cfg_get(n, "deck"), "deck", &c->deck);
	lab = care_cfg_get(n, "labels");
	if (lab == NULL || care_cfg_str(cfg, lab, "labels", &rel) != 0)
		return;
	/* A relative label file is found beside acp.yaml. */
	file = care_cfg_file(cfg);
	slash = strrchr(file, '/');
	if (rel[0] == '/' || slash == NULL)
		path = care_strdup(rel);
	else
		path = care_asprintf("%.*s/%s", (int)(slash - file), file, rel);
	labels_load(cfg, lab, path, &c->deck);
	free(path);
}

static void
cfg_fill(struct care_cfg *cfg, const struct care_cfg_node *root,
    struct care_acp_cfg *c)
{
	int round = 0;
	const struct care_cfg_node *n;

	(void)care_cfg_check_keys(cfg, root, "acp configuration", top_keys,
	    top_required);
	c->fy_start = (int)long_opt(cfg, root, "fiscal_year_start", 1, 12, 4);
	if ((n = care_cfg_get(root, "rounding")) != NULL)
		(void)care_cfg_enum(cfg, n, "rounding", round_names, &round);
	c->round = round == 1 ? CARE_ROUND_LARGEST_REMAINDER :
	    CARE_ROUND_HALF_UP;
	c->decimals = (int)long_opt(cfg, root, "decimals", 0, 1, 0);
	c->min_cell = long_opt(cfg, root, "min_cell", 0, 1000000, 10);
	c->small_group = long_opt(cfg, root, "small_group", 0, 1000000, 30);
	c->top = long_opt(cfg, root, "top", 0, 1000000, 10);
	c->no_answer = str_opt(cfg, root, "no_answer", "無回答");
	names_load(cfg, root, "sources", src_keys, src_default, c->src);
	names_load(cfg, root, "session_log", sitem_keys, sitem_keys,
	    c->sitem);
	codes_load(cfg, care_cfg_get(root, "venues"), "venues", &c->venues);
	codes_load(cfg, care_cfg_get(root, "centers"), "centers",
	    &c->centers);
	c->open_centers = c->centers.n == 0;
	codes_load(cfg, care_cfg_get(root, "age_bands"), "age_bands",
	    &c->ages);
	codes_load(cfg, care_cfg_get(root, "sexes"), "sexes", &c->sexes);
	if ((n = care_cfg_get(root, "pre")) != NULL)
		quest_load(cfg, n, "pre", &c->q[0]);
	if ((n = care_cfg_get(root, "post")) != NULL)
		quest_load(cfg, n, "post", &c->q[1]);
	if ((n = care_cfg_get(root, "cards")) != NULL)
		cards_load(cfg, n, c);
}

struct care_acp_cfg *
care_acp_cfg_load(const char *path)
{
	struct care_acp_cfg *c;
	struct care_cfg *cfg;
	unsigned errs;

	if ((cfg = care_cfg_load(path)) == NULL)
		return NULL;
	c = care_calloc(1, sizeof(*c));
	c->file = care_strdup(path);
	if (care_cfg_root(cfg) != NULL)
		cfg_fill(cfg, care_cfg_root(cfg), c);
	errs = care_cfg_errors(cfg);
	care_cfg_free(cfg);
	if (errs == 0 && (c->q[0].item == NULL || c->q[1].item == NULL ||
	    c->card_item == NULL))
		errs = 1;
	if (errs != 0) {
		care_acp_cfg_free(c);
		return NULL;
	}
	return c;
}

int
care_acp_cfg_fy_start(const struct care_acp_cfg *cfg)
{
	return cfg->fy_start;
}

static void
codes_free(struct acp_codes *codes)
{
	size_t i;

	for (i = 0; i < codes->n; i++) {
		free(codes->v[i].code);
		free(codes->v[i].label);
	}
	free(codes->v);
}

void
care_acp_cfg_free(struct care_acp_cfg *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < NSRC; i++)
		free(c->src[i]);
	for (i = 0; i < NSI; i++)
		free(c->sitem[i]);
	for (i = 0; i < 2; i++) {
		free(c->q[i].session);
		free(c->q[i].item);
		free(c->q[i].question);
		codes_free(&c->q[i].choices);
	}
	codes_free(&c->venues);
	codes_free(&c->centers);
	codes_free(&c->ages);
	codes_free(&c->sexes);
	codes_free(&c->deck);
	free(c->card_session);
	free(c->card_item);
	free(c->card_age);
	free(c->card_sex);
	free(c->no_answer);
	free(c->file);
	free(c);
}

long
care_acp_codes_find(const struct acp_codes *codes, const char *value)
{
	size_t i;

	for (i = 0; i < codes->n; i++)
		if (strcmp(codes->v[i].code, value) == 0)
			return (long)i;
	for (i = 0; i < codes->n; i++)
		if (codes->v[i].label != NULL &&
		    strcmp(codes->v[i].label, value) == 0)
			return (long)i;
	return -1;
}
