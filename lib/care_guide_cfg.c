/* SPDX-License-Identifier: GPL-3.0-or-later */
/* guidebook.yaml: title, edition, fields, inputs, areas and page setup. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_config.h"
#include "care_date.h"
#include "care_guide_int.h"
#include "care_i18n.h"
#include "care_text.h"

static const char *const top_keys[] = { "title", "subtitle", "edition",
	"publisher", "page", "font", "font_size", "fields", "inputs",
	"areas", "tables", "sections", NULL };
static const char *const top_required[] = { "title", "edition", "sections",
	NULL };
static const char *const page_keys[] = { "size", "orientation", NULL };
static const char *const field_keys[] = { "type", "yes", "no", "strip",
	NULL };
static const char *const in_keys[] = { "name", "file", "columns", "key",
	"required", "join", "on_error", NULL };
static const char *const in_required[] = { "name", "columns", NULL };
static const char *const area_keys[] = { "field", "unmatched", "map",
	NULL };
static const char *const area_required[] = { "field", "map", NULL };
static const char *const types[] = { "text", "code", "kana", "phone",
	"postal", "url", "flag", NULL };
static const char *const onerrs[] = { "stop", "drop", "keep", NULL };
static const char *const orients[] = { "portrait", "landscape", NULL };
static const char *const sizes[] = { "A4", NULL };
static const char *const yes_default[] = { "1", "可", "○", "◯", "有",
	"あり", "はい", "対応可", "yes", NULL };
static const char *const no_default[] = { "0", "不可", "×", "－", "-",
	"無", "なし", "いいえ", "対応不可", "no", NULL };

/* A scalar at key, copied, or def (which may be NULL). */
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
	return s != NULL ? care_strdup(s) : NULL;
}

/* A scalar or a sequence of scalars, as a NULL-terminated copy. */
char **
care_guide_cfg_strv(struct care_cfg *cfg, const struct care_cfg_node *n,
    const char *what)
{
	char **v;
	size_t i;

	if (n->type == CARE_CFG_SCALAR) {
		v = care_calloc(2, sizeof(*v));
		v[0] = care_strdup(n->value);
		return v;
	}
	if (care_cfg_expect(cfg, n, what, CARE_CFG_SEQ) != 0)
		return care_calloc(1, sizeof(char *));
	v = care_calloc(n->n + 1, sizeof(*v));
	for (i = 0; i < n->n; i++) {
		const char *s = "";

		(void)care_cfg_str(cfg, n->items[i], what, &s);
		v[i] = care_strdup(s);
	}
	return v;
}

static char **
list_dup(const char *const *l)
{
	char **v;
	size_t i, n;

	for (n = 0; l[n] != NULL; n++)
		continue;
	v = care_calloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = care_strdup(l[i]);
	return v;
}

void
care_guide_strv_free(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* Index of the field called name, or -1 (reported at n when n != NULL). */
long
care_guide_cfg_field(struct care_cfg *cfg, const struct care_guide_cfg *c,
    const struct care_cfg_node *n, const char *name)
{
	size_t i;

	for (i = 0; i < c->nfield; i++)
		if (strcmp(c->field[i].name, name) == 0)
			return (long)i;
	if (n != NULL)
		care_cfg_error(cfg, n, _("unknown field '%s'"), name);
	return -1;
}

static void
field_load(struct care_cfg *cfg, const struct care_cfg_node *key,
    const struct care_cfg_node *n, struct guide_field *f)
{
	const struct care_cfg_node *t = n;
	int ty = 0;

	f->name = care_strdup(key->value);
	if (strcmp(f->name, "area") == 0)
		care_cfg_error(cfg, key,
		    _("field 'area' is reserved for the areas map"));
	if (n->type == CARE_CFG_MAP) {
		(void)care_cfg_check_keys(cfg, n, "field", field_keys, NULL);
		t = care_cfg_get(n, "type");
	}
	if (t != NULL && care_cfg_enum(cfg, t, "type", types, &ty) != 0)
		ty = 0;
	f->type = (enum guide_ftype)ty;
	if (n->type == CARE_CFG_MAP && care_cfg_get(n, "yes") != NULL)
		f->yes = care_guide_cfg_strv(cfg, care_cfg_get(n, "yes"), "yes");
	else
		f->yes = list_dup(yes_default);
	if (n->type == CARE_CFG_MAP && care_cfg_get(n, "no") != NULL)
		f->no = care_guide_cfg_strv(cfg, care_cfg_get(n, "no"), "no");
	else
		f->no = list_dup(no_default);
	if (n->type == CARE_CFG_MAP && care_cfg_get(n, "strip") != NULL)
		f->strip = care_guide_cfg_strv(cfg, care_cfg_get(n, "strip"), "strip");
}

static void
fields_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct care_guide_cfg *c)
{
	size_t i;

	if (care_cfg_expect(cfg, n, "fields", CARE_CFG_MAP) != 0)
		return;
	/* One more for the area pseudo-field. */
	c->field = care_calloc(n->n + 1, sizeof(*c->field));
	for (i = 0; i < n->n; i++)
		field_load(cfg, n->keys[i], n->items[i], &c->field[i]);
	c->nfield = n->n;
}

/* "a\0b\0\0": the header alternatives of one field. */
static char *
alias_load(struct care_cfg *cfg, const struct care_cfg_node *n)
{
	struct care_buf b = CARE_BUF_INIT;
	char **v = care_guide_cfg_strv(cfg, n, "columns");
	size_t i;

	for (i = 0; v[i] != NULL; i++)
		care_buf_add(&b, v[i], strlen(v[i]) + 1);
	care_buf_addc(&b, '\0');
	care_guide_strv_free(v);
	return care_buf_detach(&b);
}

/* Field indexes named by a scalar or list (unknown names reported). */
size_t
care_guide_cfg_fields(struct care_cfg *cfg, const struct care_guide_cfg *c,
    const struct care_cfg_node *n, const char *what, size_t **out)
{
	char **v = care_guide_cfg_strv(cfg, n, what);
	long f;
	size_t i, k = 0;

	for (i = 0; v[i] != NULL; i++)
		continue;
	*out = care_calloc(i + 1, sizeof(**out));
	for (i = 0; v[i] != NULL; i++)
		if ((f = care_guide_cfg_field(cfg, c, n, v[i])) >= 0)
			(*out)[k++] = (size_t)f;
	care_guide_strv_free(v);
	return k;
}

static void
key_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    const struct care_guide_cfg *c, struct guide_input *in)
{
	in->nkey = care_guide_cfg_fields(cfg, c, n, "key", &in->key);
}

static void
input_fields(struct care_cfg *cfg, const struct care_cfg_node *n,
    const struct care_guide_cfg *c, struct guide_input *in)
{
	const struct care_cfg_node *m;
	char **v;
	long f;
	size_t i;

	m = care_cfg_get(n, "columns");
	if (care_cfg_expect(cfg, m, "columns", CARE_CFG_MAP) == 0)
		for (i = 0; i < m->n; i++)
			if ((f = care_guide_cfg_field(cfg, c, m->keys[i],
			    m->keys[i]->value)) >= 0)
				in->alias[f] = alias_load(cfg, m->items[i]);
	if ((m = care_cfg_get(n, "required")) == NULL)
		return;
	v = care_guide_cfg_strv(cfg, m, "required");
	for (i = 0; v[i] != NULL; i++)
		if ((f = care_guide_cfg_field(cfg, c, m, v[i])) >= 0) {
			if (in->alias[f] == NULL)
				care_cfg_error(cfg, m, _("required field '%s' "
				    "has no column in 'columns'"), v[i]);
			in->required[f] = 1;
		}
	care_guide_strv_free(v);
}

/* The input's file, relative to the directory of the configuration. */
static char *
resolve(const char *cfgpath, const char *file)
{
	const char *slash = strrchr(cfgpath, '/');

	if (file == NULL)
		return NULL;
	if (file[0] == '/' || slash == NULL || strcmp(file, "-") == 0)
		return care_strdup(file);
	return care_asprintf("%.*s/%s", (int)(slash - cfgpath), cfgpath,
	    file);
}

static void
input_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct care_guide_cfg *c, size_t idx)
{
	struct guide_input *in = &c->in[idx];
	const struct care_cfg_node *j;
	char *file;
	size_t i;
	int oe = 0;

	in->alias = care_calloc(c->nfield + 1, sizeof(*in->alias));
	in->required = care_calloc(c->nfield + 1, sizeof(*in->required));
	in->join = -1;
	(void)care_cfg_check_keys(cfg, n, "input", in_keys, in_required);
	in->name = str_opt(cfg, n, "name", "input");
	file = str_opt(cfg, n, "file", NULL);
	in->file = resolve(c->path, file);
	free(file);
	input_fields(cfg, n, c, in);
	if (care_cfg_get(n, "key") != NULL)
		key_load(cfg, care_cfg_get(n, "key"), c, in);
	if ((j = care_cfg_get(n, "on_error")) != NULL &&
	    care_cfg_enum(cfg, j, "on_error", onerrs, &oe) != 0)
		oe = 0;
	in->onerr = (enum guide_onerr)oe;
	if ((j = care_cfg_get(n, "join")) == NULL || j->type != CARE_CFG_SCALAR)
		return;
	for (i = 0; i < idx; i++)
		if (strcmp(c->in[i].name, j->value) == 0 && c->in[i].join < 0)
			in->join = (long)i;
	if (in->join < 0)
		care_cfg_error(cfg, j, _("join: no earlier input '%s' "
		    "that is not itself joined"), j->value);
	else if (in->nkey == 0 || in->nkey != c->in[in->join].nkey)
		care_cfg_error(cfg, j, _("join: 'key' must name as many "
		    "fields as the key of '%s'"), j->value);
}

static void
inputs_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct care_guide_cfg *c)
{
	size_t i;

	if (care_cfg_expect(cfg, n, "inputs", CARE_CFG_SEQ) != 0)
		return;
	if (n->n == 0)
		care_cfg_error(cfg, n, _("inputs: the list is empty"));
	c->in = care_calloc(n->n, sizeof(*c->in));
	for (i = 0; i < n->n; i++) {
		c->nin = i + 1;
		input_load(cfg, n->items[i], c, i);
	}
}

static void
areas_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct care_guide_cfg *c)
{
	const struct care_cfg_node *m;
	size_t i;

	if (care_cfg_check_keys(cfg, n, "areas", area_keys,
	    area_required) != 0)
		return;
	if (care_cfg_get(n, "field")->type == CARE_CFG_SCALAR)
		c->area_from = care_guide_cfg_field(cfg, c,
		    care_cfg_get(n, "field"), care_cfg_get(n, "field")->value);
	c->unmatched = str_opt(cfg, n, "unmatched", "圏域不明");
	m = care_cfg_get(n, "map");
	if (care_cfg_expect(cfg, m, "map", CARE_CFG_MAP) != 0)
		return;
	c->area_name = care_calloc(m->n, sizeof(*c->area_name));
	c->area_towns = care_calloc(m->n, sizeof(*c->area_towns));
	for (i = 0; i < m->n; i++) {
		c->area_name[i] = care_strdup(m->keys[i]->value);
		c->area_towns[i] = care_guide_cfg_strv(cfg, m->items[i], "map");
	}
	c->narea = m->n;
	c->area = (long)c->nfield;
	c->field[c->nfield].name = care_strdup("area");
	c->field[c->nfield].type = GUIDE_TEXT;
	c->nfield++;
}

/* edition: a date, printed as 令和7年4月1日現在. */
static void
edition_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct care_guide_cfg *c)
{
	char buf[CARE_DATE_WAREKI_SIZE], iso[11];
	struct care_buf nb = CARE_BUF_INIT;
	struct care_date d;
	const char *s;

	if (care_cfg_str(cfg, n, "edition", &s) != 0)
		return;
	if (care_text_normalize(&nb, s, strlen(s), CARE_TEXT_CODE) != 0 ||
	    care_date_parse(nb.p, nb.len, &d) != CARE_DATE_OK ||
	    care_date_wareki(d, buf, sizeof(buf)) < 0)
		care_cfg_error(cfg, n, _("edition: not a date: '%s'"), s);
	else {
		c->edition = care_asprintf("%s現在", buf);
		care_date_iso(d, iso);
		c->edition_iso = care_strdup(iso);
	}
	care_buf_free(&nb);
}

static void
page_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct care_guide_cfg *c)
{
	int v = 0;

	if (care_cfg_check_keys(cfg, n, "page", page_keys, NULL) != 0)
		return;
	if (care_cfg_get(n, "size") != NULL)
		(void)care_cfg_enum(cfg, care_cfg_get(n, "size"), "size",
		    sizes, &v);
	if (care_cfg_get(n, "orientation") != NULL &&
	    care_cfg_enum(cfg, care_cfg_get(n, "orientation"), "orientation",
	    orients, &v) == 0)
		c->landscape = v;
}

static void
cfg_fill(struct care_cfg *cfg, const struct care_cfg_node *root,
    struct care_guide_cfg *c)
{
	const struct care_cfg_node *n;

	if (care_cfg_check_keys(cfg, root, "guidebook", top_keys,
	    top_required) != 0 && root->type != CARE_CFG_MAP)
		return;
	c->title = str_opt(cfg, root, "title", "");
	c->subtitle = str_opt(cfg, root, "subtitle", NULL);
	c->publisher = str_opt(cfg, root, "publisher", NULL);
	c->font = str_opt(cfg, root, "font", "IPAexGothic");
	c->font_size = 10;
	if ((n = care_cfg_get(root, "font_size")) != NULL)
		(void)care_cfg_double(cfg, n, "font_size", 9, 14,
		    &c->font_size);
	if ((n = care_cfg_get(root, "edition")) != NULL)
		edition_load(cfg, n, c);
	if ((n = care_cfg_get(root, "page")) != NULL)
		page_load(cfg, n, c);
	if ((n = care_cfg_get(root, "fields")) != NULL)
		fields_load(cfg, n, c);
	if ((n = care_cfg_get(root, "areas")) != NULL && c->field != NULL)
		areas_load(cfg, n, c);
	if ((n = care_cfg_get(root, "inputs")) != NULL)
		inputs_load(cfg, n, c);
	if ((n = care_cfg_get(root, "tables")) != NULL)
		care_guide_cfg_tables(cfg, n, c);
	if ((n = care_cfg_get(root, "sections")) != NULL)
		care_guide_cfg_sections(cfg, n, c);
}

struct care_guide_cfg *
care_guide_cfg_load(const char *path)
{
	struct care_guide_cfg *c;
	struct care_cfg *cfg;
	unsigned errs;

	if ((cfg = care_cfg_load(path)) == NULL)
		return NULL;
	c = care_calloc(1, sizeof(*c));
	c->path = care_strdup(path);
	c->area = c->area_from = -1;
	if (care_cfg_root(cfg) != NULL)
		cfg_fill(cfg, care_cfg_root(cfg), c);
	errs = care_cfg_errors(cfg);
	care_cfg_free(cfg);
	if (errs != 0) {
		care_guide_cfg_free(c);
		return NULL;
	}
	return c;
}

size_t
care_guide_cfg_ninputs(const struct care_guide_cfg *c)
{
	return c->nin;
}

void
care_guide_cfg_free(struct care_guide_cfg *c)
{
	size_t i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->nfield; i++) {
		free(c->field[i].name);
		care_guide_strv_free(c->field[i].yes);
		care_guide_strv_free(c->field[i].no);
		care_guide_strv_free(c->field[i].strip);
	}
	for (i = 0; i < c->nin; i++) {
		free(c->in[i].name);
		free(c->in[i].file);
		for (j = 0; j <= c->nfield; j++)
			free(c->in[i].alias[j]);
		free(c->in[i].alias);
		free(c->in[i].required);
		free(c->in[i].key);
	}
	for (i = 0; i < c->narea; i++) {
		free(c->area_name[i]);
		care_guide_strv_free(c->area_towns[i]);
	}
	for (i = 0; i < c->nsec; i++)
		care_guide_section_free(&c->sec[i]);
	for (i = 0; i < c->ntab; i++) {
		free(c->tab[i].name);
		free(c->tab[i].file);
	}
	free(c->tab);
	free(c->sec);
	free(c->area_name);
	free(c->area_towns);
	free(c->in);
	free(c->field);
	free(c->unmatched);
	free(c->path);
	free(c->title);
	free(c->subtitle);
	free(c->publisher);
	free(c->edition);
	free(c->edition_iso);
	free(c->font);
	free(c);
}
