/* SPDX-License-Identifier: GPL-3.0-or-later */
/* guidebook.yaml sections: filter, grouping, sort order, columns, notes. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_config.h"
#include "care_guide_int.h"
#include "care_i18n.h"

static const char *const sec_keys[] = { "title", "input", "filter",
	"group", "groups", "sort", "columns", "notes", "page_break", "type",
	NULL };
static const char *const kinds[] = { "list", "table", "tables", "keys",
	"figure", "text", NULL };
/* Keys of report sections, by kind (after the list's). */
static const char *const rep_keys[][12] = {
	{ "title", "type", "notes", "page_break", "table", "where", "group",
	  "groups", "columns", "headers", "hide", NULL },
	{ "title", "type", "notes", "page_break", "table", "headers",
	  "titles", "hide", NULL },
	{ "title", "type", "notes", "page_break", "table", "headers", NULL },
	{ "title", "type", "notes", "page_break", "file", "caption", "width",
	  "panel_height", NULL },
	{ "title", "type", "notes", "page_break", "text", NULL }
};
static const char *const rep_required[][3] = {
	{ "table", NULL }, { "table", NULL }, { "table", NULL },
	{ "file", NULL }, { "text", NULL }
};
static const char *const rcol_keys[] = { "header", "value", "width",
	"marks", "number", "decimals", "sign", "percent_when",
	"percent_value", "repeat", NULL };
static const char *const rcol_required[] = { "header", "value", NULL };
static const char *const nums[] = { "as-given", "auto", "fixed", "percent",
	NULL };
static const char *const tab_keys[] = { "name", "file", "split", NULL };
static const char *const tab_required[] = { "name", "file", NULL };
static const char *const sec_required[] = { "title", "input", "columns",
	NULL };
static const char *const col_keys[] = { "header", "field", "format",
	"width", "legend", "whole", NULL };
static const char *const col_required[] = { "header", NULL };

/*
 * Checks the {field} references of a column format and returns the
 * kind the column gets: a single flag, phone or url field gives its
 * kind, any other format is text.
 */
static enum guide_ckind
format_check(struct care_cfg *cfg, const struct care_cfg_node *at,
    const struct care_guide_cfg *c, const char *fmt)
{
	const char *p = fmt, *q;
	char *name;
	long f, only = -1;
	int nref = 0, phones = 0;

	while ((p = strchr(p, '{')) != NULL) {
		if ((q = strchr(p, '}')) == NULL) {
			care_cfg_error(cfg, at, _("format: '{' without '}'"));
			return GUIDE_COL_TEXT;
		}
		name = care_strndup(p + 1, (size_t)(q - p - 1));
		if ((f = care_guide_cfg_field(cfg, c, at, name)) >= 0) {
			nref++;
			only = f;
			phones += c->field[f].type == GUIDE_PHONE;
		}
		free(name);
		p = q + 1;
	}
	if (nref > 0 && phones == nref)
		return GUIDE_COL_WHOLE;
	if (nref != 1 || strlen(fmt) != strlen(c->field[only].name) + 2)
		return GUIDE_COL_TEXT;
	if (c->field[only].type == GUIDE_FLAG)
		return GUIDE_COL_FLAG;
	return c->field[only].type == GUIDE_URL ? GUIDE_COL_LINK :
	    GUIDE_COL_TEXT;
}

static void
column_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    const struct care_guide_cfg *c, struct guide_column *col)
{
	const struct care_cfg_node *f, *w;
	const char *s = "";
	int whole = 0;

	col->width = 8;
	if (care_cfg_check_keys(cfg, n, "column", col_keys, col_required) != 0
	    && n->type != CARE_CFG_MAP) {
		col->header = care_strdup("");
		col->format = care_strdup("");
		return;
	}
	(void)care_cfg_str(cfg, care_cfg_get(n, "header"), "header", &s);
	col->header = care_strdup(s);
	if ((f = care_cfg_get(n, "field")) != NULL &&
	    care_cfg_get(n, "format") != NULL)
		care_cfg_error(cfg, f, _("column: give 'field' or 'format', "
		    "not both"));
	s = "";
	if (f != NULL && care_cfg_str(cfg, f, "field", &s) == 0)
		col->format = care_asprintf("{%s}", s);
	else if ((f = care_cfg_get(n, "format")) != NULL &&
	    care_cfg_str(cfg, f, "format", &s) == 0)
		col->format = care_strdup(s);
	else {
		if (f == NULL)
			care_cfg_error(cfg, n, _("column '%s': give 'field' "
			    "or 'format'"), col->header);
		col->format = care_strdup("");
		return;
	}
	col->kind = format_check(cfg, f, c, col->format);
	if ((w = care_cfg_get(n, "width")) != NULL)
		(void)care_cfg_double(cfg, w, "width", 1, 100, &col->width);
	if ((w = care_cfg_get(n, "whole")) != NULL &&
	    care_cfg_bool(cfg, w, "whole", &whole) == 0 && whole)
		col->kind = GUIDE_COL_WHOLE;
	if ((w = care_cfg_get(n, "legend")) != NULL &&
	    care_cfg_str(cfg, w, "legend", &s) == 0)
		col->legend = care_strdup(s);
}

static void
filter_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    const struct care_guide_cfg *c, struct guide_section *s)
{
	long f;
	size_t i;

	if (care_cfg_expect(cfg, n, "filter", CARE_CFG_MAP) != 0)
		return;
	s->filter = care_calloc(n->n, sizeof(*s->filter));
	for (i = 0; i < n->n; i++) {
		if ((f = care_guide_cfg_field(cfg, c, n->keys[i],
		    n->keys[i]->value)) < 0)
			continue;
		s->filter[s->nfilter].field = (size_t)f;
		s->filter[s->nfilter++].values = care_guide_cfg_strv(cfg, n->items[i],
		    "filter");
	}
}

static void
sort_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    const struct care_guide_cfg *c, struct guide_section *s)
{
	s->nsort = care_guide_cfg_fields(cfg, c, n, "sort", &s->sort);
}

static void
columns_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    const struct care_guide_cfg *c, struct guide_section *s)
{
	size_t i;

	if (care_cfg_expect(cfg, n, "columns", CARE_CFG_SEQ) != 0)
		return;
	if (n->n == 0)
		care_cfg_error(cfg, n, _("columns: the list is empty"));
	s->col = care_calloc(n->n, sizeof(*s->col));
	for (i = 0; i < n->n; i++) {
		column_load(cfg, n->items[i], c, &s->col[i]);
		s->ncol = i + 1;
	}
}

static void
input_ref(struct care_cfg *cfg, const struct care_cfg_node *n,
    const struct care_guide_cfg *c, struct guide_section *s)
{
	size_t i;

	if (n->type != CARE_CFG_SCALAR) {
		care_cfg_error(cfg, n, _("input: expected an input name"));
		return;
	}
	for (i = 0; i < c->nin; i++)
		if (strcmp(c->in[i].name, n->value) == 0) {
			if (c->in[i].join >= 0)
				care_cfg_error(cfg, n, _("input: '%s' is "
				    "joined into '%s'; list that one"),
				    n->value, c->in[c->in[i].join].name);
			s->input = i;
			return;
		}
	care_cfg_error(cfg, n, _("input: no input named '%s'"), n->value);
}

/* A map of scalars as key, value pairs, NULL-terminated. */
static char **
pairs(struct care_cfg *cfg, const struct care_cfg_node *n, const char *what)
{
	char **v;
	const char *s;
	size_t i, k = 0;

	if (care_cfg_expect(cfg, n, what, CARE_CFG_MAP) != 0)
		return care_calloc(1, sizeof(char *));
	v = care_calloc(2 * n->n + 1, sizeof(*v));
	for (i = 0; i < n->n; i++)
		if (care_cfg_str(cfg, n->items[i], what, &s) == 0) {
			v[k++] = care_strdup(n->keys[i]->value);
			v[k++] = care_strdup(s);
		}
	return v;
}

/* where: and percent_when: maps of a column name to values. */
static struct guide_where *
where_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    const char *what, size_t *nw)
{
	struct guide_where *w;
	size_t i;

	*nw = 0;
	if (care_cfg_expect(cfg, n, what, CARE_CFG_MAP) != 0)
		return NULL;
	w = care_calloc(n->n + 1, sizeof(*w));
	for (i = 0; i < n->n; i++) {
		w[i].col = care_strdup(n->keys[i]->value);
		w[i].values = care_guide_cfg_strv(cfg, n->items[i], what);
	}
	*nw = n->n;
	return w;
}

static void
rcol_number(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct guide_column *col)
{
	const struct care_cfg_node *m;
	struct guide_where *w;
	size_t nw;
	long d;
	int v;

	col->num.decimals = 1;
	if ((m = care_cfg_get(n, "number")) != NULL &&
	    care_cfg_enum(cfg, m, "number", nums, &v) == 0)
		col->num.num = (enum guide_num)v;
	if ((m = care_cfg_get(n, "decimals")) != NULL &&
	    care_cfg_long(cfg, m, "decimals", 0, 6, &d) == 0)
		col->num.decimals = (int)d;
	if ((m = care_cfg_get(n, "sign")) != NULL)
		(void)care_cfg_bool(cfg, m, "sign", &col->num.sign);
	if ((m = care_cfg_get(n, "percent_when")) == NULL)
		return;
	if ((w = where_load(cfg, m, "percent_when", &nw)) != NULL && nw == 1) {
		col->pct_col = w[0].col;
		col->pct_values = w[0].values;
	} else if (w != NULL) {
		care_cfg_error(cfg, m, _("percent_when: give one column"));
		for (; nw > 0; nw--) {
			free(w[nw - 1].col);
			care_guide_strv_free(w[nw - 1].values);
		}
	}
	free(w);
}

static void
rcol_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct guide_column *col)
{
	const struct care_cfg_node *m;
	const char *s = "";
	int rep = 1;

	col->width = 8;
	if (care_cfg_check_keys(cfg, n, "column", rcol_keys,
	    rcol_required) != 0 && n->type != CARE_CFG_MAP) {
		col->header = care_strdup("");
		col->format = care_strdup("");
		return;
	}
	(void)care_cfg_str(cfg, care_cfg_get(n, "header"), "header", &s);
	col->header = care_strdup(s);
	s = "";
	if ((m = care_cfg_get(n, "value")) != NULL)
		(void)care_cfg_str(cfg, m, "value", &s);
	col->format = care_strdup(s);
	if ((m = care_cfg_get(n, "percent_value")) != NULL &&
	    care_cfg_str(cfg, m, "percent_value", &s) == 0)
		col->pct_format = care_strdup(s);
	if ((m = care_cfg_get(n, "width")) != NULL)
		(void)care_cfg_double(cfg, m, "width", 1, 100, &col->width);
	if ((m = care_cfg_get(n, "repeat")) != NULL &&
	    care_cfg_bool(cfg, m, "repeat", &rep) == 0)
		col->norepeat = !rep;
	if ((m = care_cfg_get(n, "marks")) != NULL) {
		col->marks = pairs(cfg, m, "marks");
		col->kind = GUIDE_COL_MARK;
	}
	rcol_number(cfg, n, col);
	if (col->num.num != GUIDE_NUM_GIVEN && col->marks == NULL)
		col->kind = GUIDE_COL_NUM;
}

static void
rcolumns_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct guide_section *s)
{
	size_t i;

	if (care_cfg_expect(cfg, n, "columns", CARE_CFG_SEQ) != 0)
		return;
	if (n->n == 0)
		care_cfg_error(cfg, n, _("columns: the list is empty"));
	s->col = care_calloc(n->n, sizeof(*s->col));
	for (i = 0; i < n->n; i++) {
		rcol_load(cfg, n->items[i], &s->col[i]);
		s->ncol = i + 1;
	}
}

static void
table_ref(struct care_cfg *cfg, const struct care_cfg_node *n,
    const struct care_guide_cfg *c, struct guide_section *s)
{
	size_t i;

	for (i = 0; n->type == CARE_CFG_SCALAR && i < c->ntab; i++)
		if (strcmp(c->tab[i].name, n->value) == 0) {
			s->table = i;
			if (s->kind == GUIDE_SEC_TABLES && !c->tab[i].split)
				care_cfg_error(cfg, n, _("table: '%s' is not "
				    "'split'; use 'type: table'"), n->value);
			return;
		}
	care_cfg_error(cfg, n, _("table: no table named '%s' in 'tables'"),
	    n->type == CARE_CFG_SCALAR ? n->value : "");
}

/* A section of the report: table, tables, keys, figure or text. */
static void
report_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    const struct care_guide_cfg *c, struct guide_section *s)
{
	const struct care_cfg_node *m;
	const char *t = "";
	size_t k = (size_t)s->kind - 1;

	(void)care_cfg_check_keys(cfg, n, "section", rep_keys[k],
	    rep_required[k]);
	if ((m = care_cfg_get(n, "title")) != NULL)
		(void)care_cfg_str(cfg, m, "title", &t);
	s->title = care_strdup(t);
	s->notes = (m = care_cfg_get(n, "notes")) != NULL ?
	    care_guide_cfg_strv(cfg, m, "notes") : care_calloc(1, sizeof(char *));
	if ((m = care_cfg_get(n, "page_break")) != NULL)
		(void)care_cfg_bool(cfg, m, "page_break", &s->page_break);
	if ((m = care_cfg_get(n, "table")) != NULL)
		table_ref(cfg, m, c, s);
	if ((m = care_cfg_get(n, "where")) != NULL)
		s->where = where_load(cfg, m, "where", &s->nwhere);
	if ((m = care_cfg_get(n, "group")) != NULL &&
	    care_cfg_str(cfg, m, "group", &t) == 0)
		s->group_col = care_strdup(t);
	if ((m = care_cfg_get(n, "groups")) != NULL)
		s->groups = care_guide_cfg_strv(cfg, m, "groups");
	if ((m = care_cfg_get(n, "columns")) != NULL)
		rcolumns_load(cfg, m, s);
	if ((m = care_cfg_get(n, "headers")) != NULL)
		s->headers = pairs(cfg, m, "headers");
	if ((m = care_cfg_get(n, "titles")) != NULL)
		s->titles = pairs(cfg, m, "titles");
	if ((m = care_cfg_get(n, "hide")) != NULL)
		s->hide = care_guide_cfg_strv(cfg, m, "hide");
	if ((m = care_cfg_get(n, "file")) != NULL &&
	    care_cfg_str(cfg, m, "file", &t) == 0)
		s->file = care_strdup(t);
	if ((m = care_cfg_get(n, "caption")) != NULL &&
	    care_cfg_str(cfg, m, "caption", &t) == 0)
		s->caption = care_strdup(t);
	s->fig_width = 1;
	if ((m = care_cfg_get(n, "width")) != NULL)
		(void)care_cfg_double(cfg, m, "width", 0.1, 1, &s->fig_width);
	if ((m = care_cfg_get(n, "panel_height")) != NULL)
		(void)care_cfg_double(cfg, m, "panel_height", 1, 100000,
		    &s->fig_panel);
	if ((m = care_cfg_get(n, "text")) != NULL)
		s->paras = care_guide_cfg_strv(cfg, m, "text");
}

/* tables: the CSVs report sections show as given. */
void
care_guide_cfg_tables(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct care_guide_cfg *c)
{
	const struct care_cfg_node *m;
	struct guide_tabin *t;
	const char *s;
	size_t i;

	if (care_cfg_expect(cfg, n, "tables", CARE_CFG_SEQ) != 0)
		return;
	c->tab = care_calloc(n->n + 1, sizeof(*c->tab));
	for (i = 0; i < n->n; i++) {
		t = &c->tab[c->ntab++];
		m = n->items[i];
		(void)care_cfg_check_keys(cfg, m, "table", tab_keys,
		    tab_required);
		s = "";
		if (care_cfg_get(m, "name") != NULL)
			(void)care_cfg_str(cfg, care_cfg_get(m, "name"),
			    "name", &s);
		t->name = care_strdup(s);
		s = "";
		if (care_cfg_get(m, "file") != NULL)
			(void)care_cfg_str(cfg, care_cfg_get(m, "file"),
			    "file", &s);
		t->file = care_strdup(s);
		if (care_cfg_get(m, "split") != NULL)
			(void)care_cfg_bool(cfg, care_cfg_get(m, "split"),
			    "split", &t->split);
	}
}

static void
section_load(struct care_cfg *cfg, const struct care_cfg_node *n,
    const struct care_guide_cfg *c, struct guide_section *s)
{
	const struct care_cfg_node *m;
	const char *t = "";
	int k = 0;

	s->group = -1;
	if (n->type == CARE_CFG_MAP && (m = care_cfg_get(n, "type")) != NULL
	    && care_cfg_enum(cfg, m, "type", kinds, &k) == 0 && k > 0) {
		s->kind = (enum guide_skind)k;
		report_load(cfg, n, c, s);
		return;
	}
	if (care_cfg_check_keys(cfg, n, "section", sec_keys,
	    sec_required) != 0 && n->type != CARE_CFG_MAP) {
		s->title = care_strdup("");
		s->notes = care_calloc(1, sizeof(char *));
		return;
	}
	if ((m = care_cfg_get(n, "title")) != NULL)
		(void)care_cfg_str(cfg, m, "title", &t);
	s->title = care_strdup(t);
	if ((m = care_cfg_get(n, "input")) != NULL)
		input_ref(cfg, m, c, s);
	if ((m = care_cfg_get(n, "filter")) != NULL)
		filter_load(cfg, m, c, s);
	if ((m = care_cfg_get(n, "group")) != NULL &&
	    care_cfg_str(cfg, m, "group", &t) == 0)
		s->group = care_guide_cfg_field(cfg, c, m, t);
	if ((m = care_cfg_get(n, "groups")) != NULL)
		s->groups = care_guide_cfg_strv(cfg, m, "groups");
	if ((m = care_cfg_get(n, "sort")) != NULL)
		sort_load(cfg, m, c, s);
	if ((m = care_cfg_get(n, "columns")) != NULL)
		columns_load(cfg, m, c, s);
	if ((m = care_cfg_get(n, "notes")) != NULL)
		s->notes = care_guide_cfg_strv(cfg, m, "notes");
	else
		s->notes = care_calloc(1, sizeof(char *));
	if ((m = care_cfg_get(n, "page_break")) != NULL)
		(void)care_cfg_bool(cfg, m, "page_break", &s->page_break);
}

void
care_guide_cfg_sections(struct care_cfg *cfg, const struct care_cfg_node *n,
    struct care_guide_cfg *c)
{
	size_t i;

	if (care_cfg_expect(cfg, n, "sections", CARE_CFG_SEQ) != 0)
		return;
	if (n->n == 0)
		care_cfg_error(cfg, n, _("sections: the list is empty"));
	c->sec = care_calloc(n->n, sizeof(*c->sec));
	for (i = 0; i < n->n; i++) {
		c->nsec = i + 1;
		section_load(cfg, n->items[i], c, &c->sec[i]);
	}
}

void
care_guide_section_free(struct guide_section *s)
{
	size_t i;

	free(s->title);
	for (i = 0; i < s->nfilter; i++)
		care_guide_strv_free(s->filter[i].values);
	free(s->filter);
	for (i = 0; i < s->nwhere; i++) {
		free(s->where[i].col);
		care_guide_strv_free(s->where[i].values);
	}
	free(s->where);
	free(s->sort);
	for (i = 0; i < s->ncol; i++) {
		free(s->col[i].header);
		free(s->col[i].format);
		free(s->col[i].legend);
		care_guide_strv_free(s->col[i].marks);
		free(s->col[i].pct_col);
		care_guide_strv_free(s->col[i].pct_values);
		free(s->col[i].pct_format);
	}
	free(s->col);
	care_guide_strv_free(s->notes);
	care_guide_strv_free(s->groups);
	care_guide_strv_free(s->headers);
	care_guide_strv_free(s->titles);
	care_guide_strv_free(s->hide);
	care_guide_strv_free(s->paras);
	free(s->group_col);
	free(s->file);
	free(s->caption);
}
