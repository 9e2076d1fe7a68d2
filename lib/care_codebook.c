/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Survey codebooks: loading and checking carekit-codebook(5) files. */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_codebook.h"
#include "care_codebook_int.h"
#include "care_config.h"
#include "care_i18n.h"
#include "care_text.h"


static const char *const type_names[] = {
	"code", "multi", "integer", "number", "date", "text", "phone",
	"postal", "digits", NULL
};
static const char *const role_names[] = { "none", "group", "weight", NULL };

static const char *const top_keys[] = {
	"source", "wave", "id", "missing", "items", NULL
};
static const char *const top_required[] = { "source", "id", "items", NULL };
static const char *const id_keys[] = {
	"column", "aliases", "generate", NULL
};
static const char *const item_keys[] = {
	"name", "header", "aliases", "type", "codes", "columns", "min", "max",
	"max_length", "length", "max_picks", "exclusive", "missing",
	"required", "role", "asked_if", NULL
};
static const char *const item_required[] = { "name", "type", NULL };

const char *
care_codebook_typename(enum care_cb_type type)
{
	return type_names[type];
}

void
care_cb_strs_add(struct care_cb_strs *v, const char *s, size_t len)
{
	v->s = care_reallocarray(v->s, v->n + 1, sizeof(*v->s));
	v->len = care_reallocarray(v->len, v->n + 1, sizeof(*v->len));
	v->s[v->n] = care_strndup(s, len);
	v->len[v->n] = len;
	v->n++;
}

void
care_cb_strs_free(struct care_cb_strs *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->s[i]);
	free(v->s);
	free(v->len);
	memset(v, 0, sizeof(*v));
}

long
care_cb_strs_find(const struct care_cb_strs *v, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->len[i] == len && memcmp(v->s[i], s, len) == 0)
			return (long)i;
	return -1;
}

/* A scalar that is neither null nor empty; -1 (reported) if not. */
int
care_cb_scalar(struct care_cb_loader *ld, const struct care_cfg_node *n,
    const char *what, const char **out)
{
	if (care_cfg_str(ld->cfg, n, what, out) != 0)
		return -1;
	if (care_cfg_null(n) || **out == '\0') {
		care_cfg_error(ld->cfg, n, _("%s: empty value"), what);
		return -1;
	}
	return 0;
}

/* The NFKC form of such a scalar, into ld->tmp; -1 (reported) if empty. */
int
care_cb_norm_scalar(struct care_cb_loader *ld, const struct care_cfg_node *n,
    const char *what)
{
	const char *s;

	if (care_cb_scalar(ld, n, what, &s) != 0)
		return -1;
	if (care_text_normalize(&ld->tmp, s, strlen(s), CARE_TEXT_CODE) != 0 ||
	    ld->tmp.len == 0) {
		care_cfg_error(ld->cfg, n, _("%s: empty value"), what);
		return -1;
	}
	return 0;
}

/* A scalar or a sequence of scalars, normalised, appended to v. */
void
care_cb_str_list(struct care_cb_loader *ld, const struct care_cfg_node *n,
    const char *what, int need, struct care_cb_strs *v)
{
	size_t i;

	if (n == NULL)
		return;
	if (n->type == CARE_CFG_SCALAR) {
		if (care_cb_norm_scalar(ld, n, what) == 0)
			care_cb_strs_add(v, ld->tmp.p, ld->tmp.len);
		return;
	}
	if (care_cfg_expect(ld->cfg, n, what, CARE_CFG_SEQ) != 0)
		return;
	if (need && n->n == 0)
		care_cfg_error(ld->cfg, n, _("%s: empty value"), what);
	for (i = 0; i < n->n; i++)
		if (care_cb_norm_scalar(ld, n->items[i], what) == 0)
			care_cb_strs_add(v, ld->tmp.p, ld->tmp.len);
}

static void
load_id(struct care_cb_loader *ld, const struct care_cfg_node *n)
{
	static const char *const req[] = { NULL };
	const struct care_cfg_node *col, *gen;

	if (n == NULL || care_cfg_check_keys(ld->cfg, n, "id", id_keys,
	    req) != 0)
		return;
	col = care_cfg_get(n, "column");
	gen = care_cfg_get(n, "generate");
	if (gen != NULL)
		care_cfg_bool(ld->cfg, gen, "generate", &ld->cb->id_generate);
	if (ld->cb->id_generate && col != NULL)
		care_cfg_error(ld->cfg, col,
		    _("id: 'column' and 'generate' exclude each other"));
	else if (!ld->cb->id_generate && col == NULL)
		care_cfg_error(ld->cfg, n,
		    _("id: give 'column' or 'generate: true'"));
	care_cb_str_list(ld, col, "id column", 1, &ld->cb->id_headers);
	care_cb_str_list(ld, care_cfg_get(n, "aliases"), "aliases", 0,
	    &ld->cb->id_headers);
}

/* "a, b, c", shortened after max entries, for messages. */
char *
care_cb_join_list(const struct care_cb_strs *v, size_t first, size_t n,
    const char *sep)
{
	struct care_buf b = CARE_BUF_INIT;
	size_t i;

	care_buf_adds(&b, "");
	for (i = first; i < first + n && i < v->n; i++) {
		if (i > first)
			care_buf_adds(&b, sep);
		if (n > 12 && i == first + 10 && i + 1 < v->n) {
			care_buf_adds(&b, "...");
			i = v->n - 1;
			care_buf_adds(&b, sep);
		}
		care_buf_add(&b, v->s[i], v->len[i]);
	}
	return care_buf_detach(&b);
}

int
care_cb_is_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

/* Keys that only some types take. */
static void
check_type_keys(struct care_cb_loader *ld, struct care_cb_item *it,
    const struct care_cfg_node *n)
{
	static const struct {
		const char	*key;
		unsigned	 types;	/* bit per enum care_cb_type */
	} only[] = {
		{ "codes", 1u << CARE_CB_CODE | 1u << CARE_CB_MULTI },
		{ "columns", 1u << CARE_CB_MULTI },
		{ "min", 1u << CARE_CB_INTEGER | 1u << CARE_CB_NUMBER },
		{ "max", 1u << CARE_CB_INTEGER | 1u << CARE_CB_NUMBER },
		{ "max_length", 1u << CARE_CB_TEXT },
		{ "length", 1u << CARE_CB_DIGITS },
		{ "max_picks", 1u << CARE_CB_MULTI },
		{ "exclusive", 1u << CARE_CB_MULTI }
	};
	const struct care_cfg_node *k;
	size_t i;

	for (i = 0; i < sizeof(only) / sizeof(only[0]); i++)
		if ((k = care_cfg_get(n, only[i].key)) != NULL &&
		    !(only[i].types & 1u << it->type))
			care_cfg_error(ld->cfg, k, _("item '%s': %s items "
			    "take no '%s'"), it->name, type_names[it->type],
			    only[i].key);
	if ((it->type == CARE_CB_CODE || it->type == CARE_CB_MULTI) &&
	    care_cfg_get(n, "codes") == NULL)
		care_cfg_error(ld->cfg, n, _("item '%s': a %s item needs "
		    "'codes'"), it->name, type_names[it->type]);
	if (it->role == CARE_CB_ROLE_WEIGHT && it->type != CARE_CB_NUMBER &&
	    it->type != CARE_CB_INTEGER)
		care_cfg_error(ld->cfg, n, _("item '%s': a weight must be a "
		    "number or integer item"), it->name);
}

/* The keys whose meaning depends on the item's type. */
static void
load_typed(struct care_cb_loader *ld, struct care_cb_item *it,
    const struct care_cfg_node *n)
{
	const struct care_cfg_node *k;
	long l;

	check_type_keys(ld, it, n);
	if ((k = care_cfg_get(n, "codes")) != NULL &&
	    (it->type == CARE_CB_CODE || it->type == CARE_CB_MULTI))
		care_cb_load_codes(ld, it, k);
	if ((k = care_cfg_get(n, "columns")) != NULL &&
	    it->type == CARE_CB_MULTI && it->codes.n > 0) {
		if (care_cfg_get(n, "header") != NULL ||
		    care_cfg_get(n, "aliases") != NULL)
			care_cfg_error(ld->cfg, k, _("item '%s': 'columns' "
			    "replaces 'header' and 'aliases'"), it->name);
		care_cb_load_columns(ld, it, k);
	}
	if (it->type == CARE_CB_INTEGER || it->type == CARE_CB_NUMBER)
		care_cb_load_range(ld, it, n);
	if (it->type == CARE_CB_MULTI && it->codes.n > 0)
		care_cb_load_picks(ld, it, n);
	if ((k = care_cfg_get(n, "max_length")) != NULL &&
	    it->type == CARE_CB_TEXT &&
	    care_cfg_long(ld->cfg, k, "max_length", 1, LONG_MAX, &l) == 0)
		it->max_length = (size_t)l;
	if ((k = care_cfg_get(n, "length")) != NULL &&
	    it->type == CARE_CB_DIGITS &&
	    care_cfg_long(ld->cfg, k, "length", 1, 64, &l) == 0)
		it->length = (size_t)l;
}

static void
load_details(struct care_cb_loader *ld, struct care_cb_item *it, size_t self,
    const struct care_cfg_node *n)
{
	const struct care_cfg_node *k;
	size_t i;
	int role;

	if ((k = care_cfg_get(n, "role")) != NULL &&
	    care_cfg_enum(ld->cfg, k, "role", role_names, &role) == 0)
		it->role = (enum care_cb_role)role;
	if (!ld->untyped[self])
		load_typed(ld, it, n);
	k = care_cfg_get(n, "missing");
	care_cb_str_list(ld, k, "missing", 0, &it->missing);
	for (i = 0; i < it->missing.n; i++)
		if (care_cb_strs_find(&it->codes, it->missing.s[i],
		    it->missing.len[i]) >= 0)
			care_cfg_error(ld->cfg, k, _("item '%s': missing code "
			    "'%s' is also a code"), it->name, it->missing.s[i]);
	if ((k = care_cfg_get(n, "required")) != NULL)
		care_cfg_bool(ld->cfg, k, "required", &it->required);
	if ((k = care_cfg_get(n, "asked_if")) != NULL)
		care_cb_load_asked(ld, it, self, k);
}

/*
 * An item's column: its header, by default its name (normalised as
 * headers are, or a name in half-width kana would never be found), and
 * its aliases; a multi item may have 0/1 columns instead.
 */
static void
load_headers(struct care_cb_loader *ld, struct care_cb_item *it,
    const struct care_cfg_node *n)
{
	const struct care_cfg_node *k;

	if (it->columns.n > 0)
		return;
	if ((k = care_cfg_get(n, "header")) != NULL)
		care_cb_str_list(ld, k, "header", 1, &it->headers);
	else if (*it->name != '\0' && care_text_normalize(&ld->tmp, it->name,
	    strlen(it->name), CARE_TEXT_CODE) == 0 && ld->tmp.len > 0)
		care_cb_strs_add(&it->headers, ld->tmp.p, ld->tmp.len);
	care_cb_str_list(ld, care_cfg_get(n, "aliases"), "aliases", 0,
	    &it->headers);
}

/*
 * Every item gets a name, "" when it has none, even one that is not a
 * map: later items compare their names with it.
 */
static void
load_item(struct care_cb_loader *ld, size_t self, const struct care_cfg_node *n)
{
	struct care_cb_item *it = &ld->cb->items[self];
	const struct care_cfg_node *k;
	const char *name = "";
	size_t i;
	int type = CARE_CB_TEXT;

	it->line = n->line;
	(void)care_cfg_check_keys(ld->cfg, n, "item", item_keys,
	    item_required);
	if ((k = care_cfg_get(n, "name")) != NULL &&
	    care_cb_scalar(ld, k, "name", &name) != 0)
		name = "";
	it->name = care_strdup(name);
	for (i = 0; i < self && *it->name != '\0'; i++)
		if (strcmp(ld->cb->items[i].name, it->name) == 0)
			care_cfg_error(ld->cfg, k, _("item '%s' declared twice "
			    "(line %lu)"), it->name, ld->cb->items[i].line);
	if ((k = care_cfg_get(n, "type")) == NULL ||
	    care_cfg_enum(ld->cfg, k, "type", type_names, &type) != 0)
		ld->untyped[self] = 1;
	it->type = (enum care_cb_type)type;
	load_details(ld, it, self, n);
	load_headers(ld, it, n);
}

/*
 * The missing codes of integer and number items that are numbers, in
 * the form their values are written in: one normalised value, one
 * decision, whatever the spelling (9, +9, 09, 9.0).
 */
static void
number_missing(struct care_cb_loader *ld)
{
	const struct care_cb_strs *from;
	struct care_cb_item *it;
	char num[64];
	size_t i, j, k, len;
	int grouped;

	for (i = 0; i < ld->cb->nitems; i++) {
		it = &ld->cb->items[i];
		if (it->type != CARE_CB_INTEGER && it->type != CARE_CB_NUMBER)
			continue;
		for (k = 0; k < 2; k++) {
			from = k == 0 ? &it->missing : &ld->cb->missing;
			for (j = 0; j < from->n; j++)
				if ((len = care_codebook_number(from->s[j],
				    from->len[j], 0, num, sizeof(num),
				    &grouped)) > 0)
					care_cb_strs_add(&it->missing_num, num,
					    len);
		}
	}
}

/* Every header and alias may name one column only. */
static void
check_headers(struct care_cb_loader *ld)
{
	struct care_cb_strs all = { NULL, NULL, 0 };
	const struct care_codebook *cb = ld->cb;
	const struct care_cb_strs *h;
	size_t i, j;

	for (i = 0; i <= cb->nitems; i++) {
		h = i == cb->nitems ? &cb->id_headers :
		    cb->items[i].columns.n > 0 ? &cb->items[i].columns :
		    &cb->items[i].headers;
		for (j = 0; j < h->n; j++) {
			if (h->len[j] == 0)
				continue;
			if (care_cb_strs_find(&all, h->s[j], h->len[j]) >= 0)
				care_cfg_error(ld->cfg, care_cfg_root(ld->cfg),
				    _("column '%s' is named twice"), h->s[j]);
			care_cb_strs_add(&all, h->s[j], h->len[j]);
		}
	}
	care_cb_strs_free(&all);
}

static void
load_top(struct care_cb_loader *ld, const struct care_cfg_node *root)
{
	const struct care_cfg_node *n;
	const char *s;
	size_t i, weights = 0;

	if (care_cfg_check_keys(ld->cfg, root, "codebook", top_keys,
	    top_required) != 0 && root->type != CARE_CFG_MAP)
		return;
	if ((n = care_cfg_get(root, "source")) != NULL &&
	    care_cb_scalar(ld, n, "source", &s) == 0)
		ld->cb->source = care_strdup(s);
	if ((n = care_cfg_get(root, "wave")) != NULL &&
	    care_cb_scalar(ld, n, "wave", &s) == 0)
		ld->cb->wave = care_strdup(s);
	load_id(ld, care_cfg_get(root, "id"));
	care_cb_str_list(ld, care_cfg_get(root, "missing"), "missing", 0,
	    &ld->cb->missing);
	n = care_cfg_get(root, "items");
	if (n == NULL || care_cfg_expect(ld->cfg, n, "items",
	    CARE_CFG_SEQ) != 0)
		return;
	ld->cb->items = care_calloc(n->n + 1, sizeof(*ld->cb->items));
	ld->untyped = care_calloc(n->n + 1, 1);
	for (i = 0; i < n->n; i++) {
		load_item(ld, i, n->items[i]);
		ld->cb->nitems++;
		if (ld->cb->items[i].role == CARE_CB_ROLE_WEIGHT && weights++)
			care_cfg_error(ld->cfg, n->items[i],
			    _("more than one weight item"));
	}
	if (n->n == 0)
		care_cfg_error(ld->cfg, n, _("items: no items given"));
	check_headers(ld);
	number_missing(ld);
}

static struct care_codebook *
load(struct care_cfg *cfg)
{
	struct care_cb_loader ld;
	const struct care_cfg_node *root;

	if (cfg == NULL)
		return NULL;
	memset(&ld, 0, sizeof(ld));
	ld.cfg = cfg;
	ld.cb = care_calloc(1, sizeof(*ld.cb));
	ld.cb->file = care_strdup(care_cfg_file(cfg));
	if ((root = care_cfg_root(cfg)) != NULL)
		load_top(&ld, root);
	care_buf_free(&ld.tmp);
	free(ld.untyped);
	if (root == NULL || care_cfg_errors(cfg) > 0) {
		care_codebook_free(ld.cb);
		ld.cb = NULL;
	}
	care_cfg_free(cfg);
	return ld.cb;
}

struct care_codebook *
care_codebook_load(const char *path)
{
	return load(care_cfg_load(path));
}

struct care_codebook *
care_codebook_load_mem(const char *name, const char *data, size_t len)
{
	return load(care_cfg_load_mem(name, data, len));
}

void
care_codebook_free(struct care_codebook *cb)
{
	struct care_cb_item *it;
	size_t i;

	if (cb == NULL)
		return;
	for (i = 0; i < cb->nitems; i++) {
		it = &cb->items[i];
		free(it->name);
		care_cb_strs_free(&it->headers);
		care_cb_strs_free(&it->codes);
		care_cb_strs_free(&it->labels);
		care_cb_strs_free(&it->other_labels);
		free(it->other_code);
		care_cb_strs_free(&it->missing);
		care_cb_strs_free(&it->missing_num);
		care_cb_strs_free(&it->columns);
		free(it->codelist);
		free(it->fast);
		free(it->range);
		free(it->asked_text);
		free(it->asked);
	}
	free(cb->items);
	care_cb_strs_free(&cb->id_headers);
	care_cb_strs_free(&cb->missing);
	free(cb->file);
	free(cb->source);
	free(cb->wave);
	free(cb);
}

long
care_codebook_code(const struct care_cb_item *it, const char *s, size_t len,
    int *by_label)
{
	unsigned v;
	long i;

	*by_label = 0;
	if (it->fast != NULL && len > 0 && len <= 3 && care_cb_is_digits(s, len) &&
	    (s[0] != '0' || len == 1)) {
		v = (unsigned)(s[0] - '0');
		if (len > 1)
			v = v * 10 + (unsigned)(s[1] - '0');
		if (len > 2)
			v = v * 10 + (unsigned)(s[2] - '0');
		if (v < CARE_CB_FAST_CODES && it->fast[v] != 0)
			return (long)it->fast[v] - 1;
	}
	if ((i = care_cb_strs_find(&it->codes, s, len)) >= 0)
		return i;
	if ((i = care_cb_strs_find(&it->labels, s, len)) >= 0 && len > 0)
		*by_label = 1;
	else if ((i = care_cb_strs_find(&it->other_labels, s, len)) >= 0) {
		*by_label = 1;
		i = (long)it->other_code[i];
	}
	return i;
}

int
care_codebook_is_missing(const struct care_codebook *cb,
    const struct care_cb_item *it, const char *s, size_t len)
{
	char num[64];
	size_t n;
	int grouped;

	/* A number is compared as a number, however it is spelt. */
	if (it->missing_num.n > 0 && (n = care_codebook_number(s, len, 0,
	    num, sizeof(num), &grouped)) > 0)
		return care_cb_strs_find(&it->missing_num, num, n) >= 0;
	if (care_cb_strs_find(&it->missing, s, len) >= 0)
		return 1;
	return it->type != CARE_CB_TEXT && care_cb_strs_find(&cb->missing, s, len) >= 0;
}
