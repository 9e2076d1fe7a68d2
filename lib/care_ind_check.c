/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * indicator-calc's indicators file, checked so that every key it
 * accepts takes effect: a key that cannot apply to an indicator's kind,
 * a key that needs another, a code its item's labels do not list,
 * labels no indicator reads and file-wide settings no indicator uses
 * are configuration errors at their line and column, each saying why.
 */
#include <config.h>

#include <string.h>

#include "care_config.h"
#include "care_i18n.h"
#include "care_ind_int.h"

#define KB(k)	(1u << (k))
#define SHARES	(KB(K_PROPORTION) | KB(K_DISTRIBUTION))
#define ALL	(KB(NKINDS) - 1)

/* The kinds a key applies to, and why it cannot apply to the others. */
static const struct rule {
	const char	*key;
	unsigned	 kinds;
	const char	*why;
} rules[] = {
	{ "post", KB(K_PAIRED),
	    N_("only a paired indicator compares two sources") },
	{ "item", ALL & ~KB(K_COUNT),
	    N_("a count counts records and reads no item") },
	{ "codes", KB(K_PROPORTION) | KB(K_PAIRED),
	    N_("only a proportion or a paired indicator counts codes as yes") },
	{ "no_answer", SHARES,
	    N_("only a proportion or a distribution has a denominator "
	    "that no answer may enter") },
	{ "weight", SHARES | KB(K_MEAN),
	    N_("only shares and means are weighted") },
	{ "method", SHARES,
	    N_("only a weighted share has a choice of interval") },
	{ "by", ALL & ~KB(K_PAIRED),
	    N_("pairs are counted in the total only") },
	{ "period", ALL & ~KB(K_PAIRED),
	    N_("pairs are matched within the wave of the long CSV") },
	{ "baseline", ALL & ~KB(K_PAIRED),
	    N_("each wave compares after with before") },
	{ "focus", KB(K_DISTRIBUTION),
	    N_("only a distribution has codes to focus on") },
	{ NULL, 0, NULL }
};

/* What the file-wide settings are used by. */
enum {
	U_PERIOD = 1,	/* an indicator with a period */
	U_TREND = 2,	/* an unweighted proportion or distribution */
	U_CORRECT = 4,	/* the same, or a paired indicator */
	U_MIN_N = 8	/* anything but a count or a sum */
};

static const struct global {
	const char	*key;
	unsigned	 use;
	const char	*why;
} globals[] = {
	{ "fy_start", U_PERIOD, N_("no indicator has a period") },
	{ "min_n", U_MIN_N, N_("every indicator is a count or a sum") },
	{ "correct", U_CORRECT, N_("no indicator has a test it corrects "
	    "(an unweighted proportion or distribution, or a paired "
	    "indicator)") },
	{ "trend_scores", U_TREND, N_("no indicator has a trend test "
	    "(an unweighted proportion or distribution)") },
	{ NULL, 0, NULL }
};

/* The key node of key in map (for its position), or NULL. */
static const struct care_cfg_node *
key_at(const struct care_cfg_node *map, const char *key)
{
	size_t i;

	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->value, key) == 0)
			return map->keys[i];
	return NULL;
}

/* Keys an indicator must have, or must have with another. */
static void
needs(struct care_cfg *cfg, const struct care_cfg_node *n,
    const struct ind_def *d)
{
	static const char *const status_keys[] = { "target", "focus", NULL };
	const struct care_cfg_node *k;
	size_t i;

	if (d->item < 0 && d->kind != K_COUNT)
		care_cfg_error(cfg, n, _("indicator '%s': kind '%s' needs "
		    "an item"), d->id, care_ind_kind_name(d->kind));
	if ((d->kind == K_PROPORTION || d->kind == K_PAIRED) &&
	    d->codes == NULL)
		care_cfg_error(cfg, n, _("indicator '%s': kind '%s' needs "
		    "codes"), d->id, care_ind_kind_name(d->kind));
	k = key_at(n, "post");
	if (d->kind == K_PAIRED && k == NULL)
		care_cfg_error(cfg, n, _("indicator '%s': kind 'paired' needs "
		    "a post source"), d->id);
	else if (d->kind == K_PAIRED && d->src2 == d->src)
		care_cfg_error(cfg, k, _("indicator '%s': 'post' must name "
		    "another source than 'source'"), d->id);
	if (d->nby > 15)
		care_cfg_error(cfg, n, _("indicator '%s': more than 15 "
		    "breakdowns"), d->id);
	if (d->kind == K_DISTRIBUTION && d->direction != 0 &&
	    d->focus == NULL)
		care_cfg_error(cfg, n, _("indicator '%s': a distribution with "
		    "a direction needs a focus code"), d->id);
	if ((k = key_at(n, "method")) != NULL && d->weight < 0 &&
	    (d->kind == K_PROPORTION || d->kind == K_DISTRIBUTION))
		care_cfg_error(cfg, k, _("indicator '%s': 'method' is the "
		    "interval of a weighted share and needs a 'weight' "
		    "(--ci sets the interval of the others)"), d->id);
	for (i = 0; status_keys[i] != NULL; i++)
		if ((k = key_at(n, status_keys[i])) != NULL &&
		    d->direction == 0)
			care_cfg_error(cfg, k, _("indicator '%s': '%s' needs "
			    "a 'direction': without one there is no status"),
			    d->id, status_keys[i]);
}

/* Nonzero if some code of the item has a label: then they list its codes. */
static int
has_labels(const struct ind_slot *s)
{
	size_t i;

	for (i = 0; i < s->levels.n; i++)
		if (s->levels.label[i] != NULL)
			return 1;
	return 0;
}

/* Reports each code at n (a scalar or a list) not labelled in item sl. */
static void
codes_known(struct care_cfg *cfg, const struct care_ind_cfg *c,
    const struct ind_def *d, size_t s, long sl, const struct care_cfg_node *n)
{
	const struct ind_slot *slot;
	const struct care_cfg_node *v;
	size_t i, nv;
	long id;

	if (n == NULL || sl < 0 || !has_labels(&c->src[s].slot[sl]))
		return;
	slot = &c->src[s].slot[sl];
	nv = n->type == CARE_CFG_SEQ ? n->n : 1;
	for (i = 0; i < nv; i++) {
		v = n->type == CARE_CFG_SEQ ? n->items[i] : n;
		if (v->type != CARE_CFG_SCALAR)
			continue;
		id = care_ind_dict_find(&slot->levels, v->value,
		    strlen(v->value));
		if (id < 0 || slot->levels.label[id] == NULL)
			care_cfg_error(cfg, v, _("indicator '%s': '%s' is not "
			    "a code of item '%s' of source '%s': its labels "
			    "do not list it"), d->id, v->value, slot->name,
			    c->src[s].name);
	}
}

/* The codes an indicator names, against its items' labels. */
static void
labelled_codes(struct care_cfg *cfg, const struct care_ind_cfg *c,
    const struct care_cfg_node *n, const struct ind_def *d)
{
	const struct care_cfg_node *codes = care_cfg_get(n, "codes");
	const struct care_cfg_node *w = care_cfg_get(n, "where");

	if (d->kind == K_PROPORTION || d->kind == K_PAIRED)
		codes_known(cfg, c, d, d->src, d->item, codes);
	if (d->kind == K_PAIRED && d->item2 >= 0)
		codes_known(cfg, c, d, d->src2, d->item2, codes);
	if (d->kind == K_DISTRIBUTION)
		codes_known(cfg, c, d, d->src, d->item,
		    care_cfg_get(n, "focus"));
	if (d->where >= 0)
		codes_known(cfg, c, d, d->src, d->where,
		    care_cfg_get(w, "codes"));
}

void
care_ind_def_check(struct care_cfg *cfg, const struct care_ind_cfg *c,
    const struct care_cfg_node *n, const struct ind_def *d)
{
	const struct care_cfg_node *k;
	size_t i;

	for (i = 0; rules[i].key != NULL; i++)
		if (!(rules[i].kinds & KB(d->kind)) &&
		    (k = key_at(n, rules[i].key)) != NULL)
			care_cfg_error(cfg, k, _("indicator '%s': kind '%s' "
			    "takes no '%s': %s"), d->id,
			    care_ind_kind_name(d->kind), rules[i].key,
			    _(rules[i].why));
	needs(cfg, n, d);
	labelled_codes(cfg, c, n, d);
}

/* Nonzero if some indicator reads source s. */
static int
source_read(const struct care_ind_cfg *c, size_t s)
{
	size_t i;

	for (i = 0; i < c->ndef; i++)
		if (c->def[i].src == s || (c->def[i].kind == K_PAIRED &&
		    c->def[i].item2 >= 0 && c->def[i].src2 == s))
			return 1;
	return 0;
}

/* Nonzero if some indicator reads item sl of source s as codes. */
static int
read_as_codes(const struct care_ind_cfg *c, size_t s, long sl)
{
	const struct ind_def *d;
	size_t i, k;

	for (i = 0; i < c->ndef; i++) {
		d = &c->def[i];
		if (d->kind == K_PAIRED && d->item2 == sl && d->src2 == s)
			return 1;
		if (d->src != s)
			continue;
		if (d->where == sl || (d->item == sl && d->kind != K_SUM &&
		    d->kind != K_MEAN))
			return 1;
		for (k = 0; k < d->nby; k++)
			if (d->by[k] == sl)
				return 1;
	}
	return 0;
}

/* The source called name, or -1. */
static long
find_src(const struct care_ind_cfg *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nsrc; i++)
		if (strcmp(c->src[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* The slot of item name in src, or -1. */
static long
find_slot(const struct ind_src *src, const char *name)
{
	size_t i;

	for (i = 0; i < src->nslot; i++)
		if (strcmp(src->slot[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* Labels change the table only for items read as codes. */
static void
labels_check(struct care_cfg *cfg, const struct care_cfg_node *root,
    const struct care_ind_cfg *c)
{
	const struct care_cfg_node *srcs = care_cfg_get(root, "sources");
	const struct care_cfg_node *lab;
	size_t i, j;
	long s;

	if (srcs == NULL || srcs->type != CARE_CFG_MAP)
		return;
	for (i = 0; i < srcs->n; i++) {
		if ((s = find_src(c, srcs->keys[i]->value)) < 0 ||
		    !source_read(c, (size_t)s)) {
			care_cfg_error(cfg, srcs->keys[i], _("source '%s': no "
			    "indicator reads it, so its labels change "
			    "nothing"), srcs->keys[i]->value);
			continue;
		}
		lab = care_cfg_get(srcs->items[i], "labels");
		for (j = 0; lab != NULL && lab->type == CARE_CFG_MAP &&
		    j < lab->n; j++)
			if (!read_as_codes(c, (size_t)s, find_slot(&c->src[s],
			    lab->keys[j]->value)))
				care_cfg_error(cfg, lab->keys[j], _("source "
				    "'%s': no indicator reads item '%s' as "
				    "codes (its item, a breakdown or a where), "
				    "so its labels change nothing"),
				    c->src[s].name, lab->keys[j]->value);
	}
}

/* The file-wide settings indicator d uses. */
static unsigned
uses(const struct ind_def *d)
{
	unsigned u = 0;

	if (d->period >= 0)
		u |= U_PERIOD;
	if (d->weight < 0 && (d->kind == K_PROPORTION ||
	    d->kind == K_DISTRIBUTION))
		u |= U_TREND | U_CORRECT;
	if (d->kind == K_PAIRED)
		u |= U_CORRECT;
	if (d->kind != K_COUNT && d->kind != K_SUM)
		u |= U_MIN_N;
	return u;
}

void
care_ind_cfg_check(struct care_cfg *cfg, const struct care_cfg_node *root,
    const struct care_ind_cfg *c)
{
	const struct care_cfg_node *k;
	unsigned u = 0;
	size_t i;

	/* An indicator left out by an error would make others here. */
	if (care_cfg_errors(cfg) != 0)
		return;
	for (i = 0; i < c->ndef; i++)
		u |= uses(&c->def[i]);
	for (i = 0; globals[i].key != NULL; i++)
		if (!(u & globals[i].use) &&
		    (k = key_at(root, globals[i].key)) != NULL)
			care_cfg_error(cfg, k, _("'%s' changes nothing: %s"),
			    globals[i].key, _(globals[i].why));
	labels_check(cfg, root, c);
}
