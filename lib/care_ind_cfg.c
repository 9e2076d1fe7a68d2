/* SPDX-License-Identifier: GPL-3.0-or-later */
/* indicator-calc's indicators file: the logic model as C structs. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_config.h"
#include "care_i18n.h"
#include "care_ind_int.h"

static const char *const top_keys[] = { "title", "fy_start", "min_n",
	"correct", "trend_scores", "sources", "scenes", NULL };
static const char *const top_required[] = { "scenes", NULL };
static const char *const scene_keys[] = { "name", "goal", "outcomes", NULL };
static const char *const scene_required[] = { "name", "outcomes", NULL };
static const char *const outcome_keys[] = { "name", "indicators", NULL };
static const char *const outcome_required[] = { "name", "indicators", NULL };
static const char *const src_keys[] = { "labels", NULL };
static const char *const ind_keys[] = { "id", "title", "type", "kind",
	"source", "post", "item", "codes", "no_answer", "weight", "method",
	"by", "direction", "baseline", "target", "period", "where", "focus",
	NULL };
static const char *const ind_required[] = { "id", "title", "kind", "source",
	NULL };
static const char *const where_keys[] = { "item", "codes", NULL };
static const char *const kind_names[] = { "proportion", "distribution",
	"count", "sum", "mean", "paired", NULL };
static const char *const type_names[] = { "structure", "process",
	"outcome", NULL };
static const char *const svy_names[] = { "logit", "mean", "beta", "xlogit",
	"asin", NULL };
static const char *const dir_names[] = { "increase", "decrease", NULL };
static const char *const na_names[] = { "exclude", "include", NULL };
static const char *const trend_names[] = { "rank", "wave", NULL };

const char *
care_ind_kind_name(enum ind_kind k)
{
	return kind_names[k];
}

/* The source called name, added if new. */
static size_t
src_of(struct care_ind_cfg *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nsrc; i++)
		if (strcmp(c->src[i].name, name) == 0)
			return i;
	c->src = care_reallocarray(c->src, c->nsrc + 1, sizeof(*c->src));
	memset(&c->src[c->nsrc], 0, sizeof(*c->src));
	c->src[c->nsrc].name = care_strdup(name);
	c->src[c->nsrc].namelen = strlen(name);
	return c->nsrc++;
}

/* The slot of item name in source s, added if new. */
static long
slot_of(struct care_ind_cfg *c, size_t s, const char *name)
{
	struct ind_src *src = &c->src[s];
	size_t i;

	for (i = 0; i < src->nslot; i++)
		if (strcmp(src->slot[i].name, name) == 0)
			return (long)i;
	src->slot = care_reallocarray(src->slot, src->nslot + 1,
	    sizeof(*src->slot));
	memset(&src->slot[src->nslot], 0, sizeof(*src->slot));
	src->slot[src->nslot].name = care_strdup(name);
	src->slot[src->nslot].namelen = strlen(name);
	care_ind_dict_init(&src->slot[src->nslot].levels);
	return (long)src->nslot++;
}

/* An item name at key of map, as a slot of source s; -1 if absent. */
static long
item_opt(struct care_cfg *cfg, struct care_ind_cfg *c, size_t s,
    const struct care_cfg_node *map, const char *key)
{
	const struct care_cfg_node *n = care_cfg_get(map, key);
	const char *v;

	if (n == NULL || care_cfg_str(cfg, n, key, &v) != 0)
		return -1;
	if (*v == '\0') {
		care_cfg_error(cfg, n, _("%s: must not be empty"), key);
		return -1;
	}
	return slot_of(c, s, v);
}

static char *
str_opt(struct care_cfg *cfg, const struct care_cfg_node *map,
    const char *key, const char *def)
{
	const struct care_cfg_node *n = care_cfg_get(map, key);
	const char *s = def;

	if (n != NULL && care_cfg_str(cfg, n, key, &s) != 0)
		s = def;
	return s != NULL ? care_strdup(s) : NULL;
}

static int
enum_opt(struct care_cfg *cfg, const struct care_cfg_node *map,
    const char *key, const char *const *names, int def)
{
	const struct care_cfg_node *n = care_cfg_get(map, key);
	int v = def;

	if (n != NULL && care_cfg_enum(cfg, n, key, names, &v) != 0)
		v = def;
	return v;
}

/* A list of codes (scalars); *n gets its length. */
static char **
codes_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    const char *what, size_t *count)
{
	char **v;
	const char *s;
	size_t i;

	*count = 0;
	if (n == NULL || care_cfg_expect(cfg, n, what, CARE_CFG_SEQ) != 0)
		return NULL;
	if (n->n == 0)
		care_cfg_error(cfg, n, _("%s: the list is empty"), what);
	v = care_calloc(n->n + 1, sizeof(*v));
	for (i = 0; i < n->n; i++)
		if (care_cfg_str(cfg, n->items[i], what, &s) == 0)
			v[(*count)++] = care_strdup(s);
	return v;
}

/* sources: {name: {labels: {item: {code: label}}}} */
static void
sources_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct care_ind_cfg *c)
{
	const struct care_cfg_node *lab, *m;
	size_t i, j, k, s;
	long sl;
	unsigned id;
	const char *v;

	if (care_cfg_expect(cfg, n, "sources", CARE_CFG_MAP) != 0)
		return;
	for (i = 0; i < n->n; i++) {
		s = src_of(c, n->keys[i]->value);
		if (care_cfg_check_keys(cfg, n->items[i], "source", src_keys,
		    NULL) != 0 || (lab = care_cfg_get(n->items[i],
		    "labels")) == NULL || care_cfg_expect(cfg, lab, "labels",
		    CARE_CFG_MAP) != 0)
			continue;
		for (j = 0; j < lab->n; j++) {
			m = lab->items[j];
			sl = slot_of(c, s, lab->keys[j]->value);
			if (care_cfg_expect(cfg, m, "labels", CARE_CFG_MAP))
				continue;
			for (k = 0; k < m->n; k++) {
				struct ind_dict *d = &c->src[s].slot[sl].levels;

				if (care_cfg_str(cfg, m->items[k], "label",
				    &v) != 0)
					continue;
				id = care_ind_dict_intern(d, m->keys[k]->value,
				    strlen(m->keys[k]->value));
				free(d->label[id]);
				d->label[id] = care_strdup(v);
			}
		}
	}
}

static void
by_load(struct care_cfg *cfg, struct care_ind_cfg *c, struct ind_def *d,
    const struct care_cfg_node *n)
{
	size_t i;
	const char *v;

	if (n == NULL)
		return;
	if (n->type == CARE_CFG_SCALAR) {
		d->by = care_calloc(1, sizeof(*d->by));
		d->by[d->nby++] = slot_of(c, d->src, n->value);
		return;
	}
	if (care_cfg_expect(cfg, n, "by", CARE_CFG_SEQ) != 0)
		return;
	d->by = care_calloc(n->n + 1, sizeof(*d->by));
	for (i = 0; i < n->n; i++)
		if (care_cfg_str(cfg, n->items[i], "by", &v) == 0)
			d->by[d->nby++] = slot_of(c, d->src, v);
}

static void
ind_load(struct care_cfg *cfg, struct care_ind_cfg *c,
    const struct care_cfg_node *n, struct ind_def *d)
{
	const struct care_cfg_node *w;
	const char *s = NULL;
	size_t k;

	d->line = n->line;
	d->id = str_opt(cfg, n, "id", "");
	d->title = str_opt(cfg, n, "title", "");
	d->type = (enum ind_type)enum_opt(cfg, n, "type", type_names,
	    T_OUTCOME);
	d->kind = (enum ind_kind)enum_opt(cfg, n, "kind", kind_names,
	    K_PROPORTION);
	(void)care_cfg_str(cfg, care_cfg_get(n, "source"), "source", &s);
	d->src = src_of(c, s != NULL ? s : "");
	d->item = item_opt(cfg, c, d->src, n, "item");
	d->item2 = -1;
	if (care_cfg_get(n, "post") != NULL) {
		char *post = str_opt(cfg, n, "post", "");

		d->src2 = src_of(c, post);
		free(post);
		if (d->item >= 0)
			d->item2 = slot_of(c, d->src2,
			    c->src[d->src].slot[d->item].name);
	}
	d->weight = item_opt(cfg, c, d->src, n, "weight");
	d->period = item_opt(cfg, c, d->src, n, "period");
	d->codes = codes_load(cfg, care_cfg_get(n, "codes"), "codes",
	    &d->ncodes);
	d->no_answer = enum_opt(cfg, n, "no_answer", na_names, 0);
	d->svy = (enum care_stats_svy_method)enum_opt(cfg, n, "method",
	    svy_names, CARE_STATS_SVY_LOGIT);
	by_load(cfg, c, d, care_cfg_get(n, "by"));
	k = (size_t)enum_opt(cfg, n, "direction", dir_names, 2);
	d->direction = k == 0 ? 1 : k == 1 ? -1 : 0;
	d->baseline = str_opt(cfg, n, "baseline", NULL);
	d->focus = str_opt(cfg, n, "focus", NULL);
	if (care_cfg_get(n, "target") != NULL)
		d->has_target = care_cfg_double(cfg, care_cfg_get(n, "target"),
		    "target", -1e300, 1e300, &d->target) == 0;
	d->where = -1;
	if ((w = care_cfg_get(n, "where")) != NULL &&
	    care_cfg_check_keys(cfg, w, "where", where_keys, where_keys)
	    == 0) {
		d->where = item_opt(cfg, c, d->src, w, "item");
		d->wcodes = codes_load(cfg, care_cfg_get(w, "codes"), "codes",
		    &d->nwcodes);
	}
	care_ind_def_check(cfg, c, n, d);
}

/* The indicators of one outcome, appended to c->def. */
static void
outcome_load(struct care_cfg *cfg, struct care_ind_cfg *c,
    const struct care_cfg_node *n, const char *scene)
{
	const struct care_cfg_node *list;
	char *name;
	size_t i, j;

	if (care_cfg_check_keys(cfg, n, "outcome", outcome_keys,
	    outcome_required) != 0)
		return;
	list = care_cfg_get(n, "indicators");
	if (care_cfg_expect(cfg, list, "indicators", CARE_CFG_SEQ) != 0)
		return;
	name = str_opt(cfg, n, "name", "");
	for (i = 0; i < list->n; i++) {
		struct ind_def *d;

		if (care_cfg_check_keys(cfg, list->items[i], "indicator",
		    ind_keys, ind_required) != 0)
			continue;
		c->def = care_reallocarray(c->def, c->ndef + 1,
		    sizeof(*c->def));
		d = &c->def[c->ndef++];
		memset(d, 0, sizeof(*d));
		d->scene = care_strdup(scene);
		d->outcome = care_strdup(name);
		ind_load(cfg, c, list->items[i], d);
		for (j = 0; j + 1 < c->ndef; j++)
			if (strcmp(c->def[j].id, d->id) == 0)
				care_cfg_error(cfg, list->items[i],
				    _("duplicate indicator id '%s'"), d->id);
	}
	free(name);
}

static void
scenes_load(struct care_cfg *cfg, struct care_ind_cfg *c,
    const struct care_cfg_node *n)
{
	const struct care_cfg_node *sc, *outs;
	char *name;
	size_t i, j;

	if (care_cfg_expect(cfg, n, "scenes", CARE_CFG_SEQ) != 0)
		return;
	for (i = 0; i < n->n; i++) {
		sc = n->items[i];
		if (care_cfg_check_keys(cfg, sc, "scene", scene_keys,
		    scene_required) != 0)
			continue;
		outs = care_cfg_get(sc, "outcomes");
		if (care_cfg_expect(cfg, outs, "outcomes", CARE_CFG_SEQ) != 0)
			continue;
		name = str_opt(cfg, sc, "name", "");
		for (j = 0; j < outs->n; j++)
			outcome_load(cfg, c, outs->items[j], name);
		free(name);
	}
}

static void
sig_add(struct care_buf *b, const char *key, const char *v)
{
	care_buf_adds(b, key);
	care_buf_addc(b, '=');
	care_buf_adds(b, v != NULL ? v : "");
	care_buf_addc(b, '\037');
}

static void
sig_list(struct care_buf *b, const char *key, char *const *v, size_t n)
{
	size_t i;

	care_buf_adds(b, key);
	care_buf_addc(b, '=');
	for (i = 0; i < n; i++) {
		care_buf_adds(b, v[i]);
		care_buf_addc(b, '\036');
	}
	care_buf_addc(b, '\037');
}

/*
 * Everything an indicator's aggregates depend on, so that a partial
 * file made with other settings is refused rather than merged.
 */
static char *
def_sig(const struct care_ind_cfg *c, const struct ind_def *d)
{
	const struct ind_src *s = &c->src[d->src];
	struct care_buf b = CARE_BUF_INIT;
	char fy[16];
	size_t k;

	sig_add(&b, "source", s->name);
	sig_add(&b, "post", d->item2 >= 0 ? c->src[d->src2].name : NULL);
	sig_add(&b, "item", d->item >= 0 ? s->slot[d->item].name : NULL);
	sig_list(&b, "codes", d->codes, d->ncodes);
	sig_add(&b, "no_answer", d->no_answer ? "include" : "exclude");
	sig_add(&b, "weight", d->weight >= 0 ? s->slot[d->weight].name :
	    NULL);
	care_buf_adds(&b, "by=");
	for (k = 0; k < d->nby; k++) {
		care_buf_adds(&b, s->slot[d->by[k]].name);
		care_buf_addc(&b, '\036');
	}
	care_buf_addc(&b, '\037');
	(void)snprintf(fy, sizeof(fy), "%d", c->fy_start);
	sig_add(&b, "period", d->period >= 0 ? s->slot[d->period].name :
	    NULL);
	sig_add(&b, "fy_start", d->period >= 0 ? fy : NULL);
	sig_add(&b, "where", d->where >= 0 ? s->slot[d->where].name : NULL);
	sig_list(&b, "where_codes", d->wcodes, d->nwcodes);
	return care_buf_detach(&b);
}

/* Marks how slots are read and lists each source's indicators. */
static void
link_sources(struct care_ind_cfg *c)
{
	size_t i, k;

	for (i = 0; i < c->nsrc; i++)
		for (k = 0; k < c->src[i].nslot; k++)
			(void)care_ind_dict_intern(&c->src[i].names,
			    c->src[i].slot[k].name, c->src[i].slot[k].namelen);
	for (i = 0; i < c->ndef; i++) {
		struct ind_def *d = &c->def[i];
		struct ind_src *s = &c->src[d->src];

		if (d->weight >= 0)
			s->slot[d->weight].numeric = 1;
		if (d->period >= 0)
			s->slot[d->period].isdate = 1;
		if (d->item >= 0 && (d->kind == K_SUM || d->kind == K_MEAN))
			s->slot[d->item].numeric = 1;
		else if (d->item >= 0)
			s->slot[d->item].coded = 1;
		if (d->where >= 0)
			s->slot[d->where].coded = 1;
		/* A focus has its rows even if nobody gave it. */
		if (d->focus != NULL)
			(void)care_ind_dict_intern(&s->slot[d->item].levels,
			    d->focus, strlen(d->focus));
		for (k = 0; k < d->nby; k++)
			s->slot[d->by[k]].coded = 1;
		if (d->item2 >= 0)
			c->src[d->src2].slot[d->item2].coded = 1;
		d->sig = def_sig(c, d);
		s->def = care_reallocarray(s->def, s->ndef + 1,
		    sizeof(*s->def));
		s->def[s->ndef++] = d;
		if (d->kind == K_PAIRED && d->src2 != d->src) {
			s = &c->src[d->src2];
			s->def = care_reallocarray(s->def, s->ndef + 1,
			    sizeof(*s->def));
			s->def[s->ndef++] = d;
		}
	}
}

static void
cfg_fill(struct care_cfg *cfg, const struct care_cfg_node *root,
    struct care_ind_cfg *c)
{
	const struct care_cfg_node *n;
	long v;

	if (care_cfg_check_keys(cfg, root, "indicators file", top_keys,
	    top_required) != 0)
		return;
	c->title = str_opt(cfg, root, "title", "");
	c->fy_start = 4;
	if ((n = care_cfg_get(root, "fy_start")) != NULL &&
	    care_cfg_long(cfg, n, "fy_start", 1, 12, &v) == 0)
		c->fy_start = (int)v;
	c->min_n = 30;
	if ((n = care_cfg_get(root, "min_n")) != NULL)
		(void)care_cfg_long(cfg, n, "min_n", 0, 1000000000L,
		    &c->min_n);
	c->correct = 1;
	if ((n = care_cfg_get(root, "correct")) != NULL)
		(void)care_cfg_bool(cfg, n, "correct", &c->correct);
	c->trend_wave = enum_opt(cfg, root, "trend_scores", trend_names, 0);
	if ((n = care_cfg_get(root, "sources")) != NULL)
		sources_load(cfg, n, c);
	scenes_load(cfg, c, care_cfg_get(root, "scenes"));
	care_ind_cfg_check(cfg, root, c);
	if (c->ndef == 0 && care_cfg_errors(cfg) == 0)
		care_cfg_error(cfg, care_cfg_get(root, "scenes"),
		    _("no indicators"));
}

struct care_ind_cfg *
care_ind_cfg_load(const char *path)
{
	struct care_ind_cfg *c;
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
	if (errs != 0) {
		care_ind_cfg_free(c);
		return NULL;
	}
	link_sources(c);
	return c;
}

static void
strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
care_ind_cfg_free(struct care_ind_cfg *c)
{
	size_t i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->ndef; i++) {
		struct ind_def *d = &c->def[i];

		free(d->id);
		free(d->title);
		free(d->scene);
		free(d->outcome);
		free(d->by);
		strv_free(d->codes, d->ncodes);
		strv_free(d->wcodes, d->nwcodes);
		free(d->baseline);
		free(d->focus);
		free(d->sig);
	}
	for (i = 0; i < c->nsrc; i++) {
		for (j = 0; j < c->src[i].nslot; j++) {
			free(c->src[i].slot[j].name);
			free(c->src[i].slot[j].v);
			care_ind_dict_free(&c->src[i].slot[j].levels);
		}
		free(c->src[i].slot);
		care_ind_dict_free(&c->src[i].names);
		free(c->src[i].def);
		free(c->src[i].name);
	}
	free(c->src);
	free(c->def);
	free(c->title);
	free(c->file);
	free(c);
}
