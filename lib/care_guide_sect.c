/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sections: filter, grouping, 50音順, cells, legend. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_err.h"
#include "care_guide_int.h"
#include "care_i18n.h"
#include "care_text.h"

#define FLAG_YES	"○"
#define FLAG_NO		"－"

/* An entry of a section being built, with what it sorts by. */
struct item {
	struct guide_entry	*e;
	long			 group;
	char			*key;	/* 50音 sort key */
};

/* Appends the display form of field f of e. */
static void
add_value(struct care_buf *b, const struct care_guide_cfg *cfg, size_t f,
    const struct guide_entry *e)
{
	if (cfg->field[f].type == GUIDE_FLAG)
		care_buf_adds(b, strcmp(e->v[f], "1") == 0 ? FLAG_YES :
		    FLAG_NO);
	else
		care_buf_adds(b, e->v[f]);
}

/*
 * Expands one line of a column format.  Returns 0 when the line has
 * field references and all of them are empty, so it is left out.
 */
static int
expand_line(struct care_buf *b, const struct care_guide_cfg *cfg,
    const char *s, size_t len, const struct guide_entry *e)
{
	const char *end = s + len, *q;
	long f;
	int refs = 0, full = 0;
	char *name;

	while (s < end) {
		if (*s != '{' || (q = memchr(s, '}', (size_t)(end - s))) ==
		    NULL) {
			care_buf_addc(b, *s++);
			continue;
		}
		name = care_strndup(s + 1, (size_t)(q - s - 1));
		if ((f = care_guide_cfg_field(NULL, cfg, NULL, name)) >= 0) {
			refs++;
			full += *e->v[f] != '\0' ||
			    cfg->field[f].type == GUIDE_FLAG;
			add_value(b, cfg, (size_t)f, e);
		}
		free(name);
		s = q + 1;
	}
	return refs == 0 || full > 0;
}

char *
care_guide_cell(const struct care_guide_cfg *cfg, const struct guide_column *c,
    const struct guide_entry *e)
{
	struct care_buf b = CARE_BUF_INIT;
	const char *s = c->format, *nl;
	size_t mark;

	care_buf_adds(&b, "");
	for (;;) {
		nl = strchr(s, '\n');
		mark = b.len;
		if (mark > 0)
			care_buf_addc(&b, '\n');
		if (!expand_line(&b, cfg, s, nl != NULL ? (size_t)(nl - s) :
		    strlen(s), e)) {
			b.len = mark;
			b.p[mark] = '\0';
		}
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	return care_buf_detach(&b);
}

void
care_guide_flat(struct care_buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != '\n')
			care_buf_addc(b, *s);
}

char *
care_guide_legend(const struct guide_section *s)
{
	struct care_buf b = CARE_BUF_INIT;
	size_t i;
	int flags = 0;

	for (i = 0; i < s->ncol; i++)
		flags += s->col[i].kind == GUIDE_COL_FLAG;
	if (flags == 0)
		return NULL;
	care_buf_adds(&b, "凡例　" FLAG_YES "：対応可　" FLAG_NO
	    "：対応不可・未回答");
	for (i = 0; i < s->ncol; i++)
		if (s->col[i].kind == GUIDE_COL_FLAG &&
		    s->col[i].legend != NULL) {
			care_buf_adds(&b, "\n");
			care_guide_flat(&b, s->col[i].header);
			care_buf_adds(&b, "：");
			care_buf_adds(&b, s->col[i].legend);
		}
	return care_buf_detach(&b);
}

/* A filter value as stored: flag answers become "1" or "0". */
static const char *
canonical(const struct guide_field *f, const char *v)
{
	size_t i;

	if (f->type != GUIDE_FLAG)
		return v;
	for (i = 0; f->yes[i] != NULL; i++)
		if (strcmp(v, f->yes[i]) == 0)
			return "1";
	for (i = 0; f->no[i] != NULL; i++)
		if (strcmp(v, f->no[i]) == 0)
			return "0";
	return v;
}

static int
matches(const struct care_guide_cfg *cfg, const struct guide_section *s,
    const struct guide_entry *e)
{
	const struct guide_filter *fl;
	size_t i, j;
	int ok;

	for (i = 0; i < s->nfilter; i++) {
		fl = &s->filter[i];
		for (ok = 0, j = 0; !ok && fl->values[j] != NULL; j++)
			ok = strcmp(e->v[fl->field], canonical(
			    &cfg->field[fl->field], fl->values[j])) == 0;
		if (!ok)
			return 0;
	}
	return 1;
}

/* The sort key: the reading, else the first fallback that is there. */
static char *
sort_key(struct care_guide *g, const struct guide_section *s,
    struct guide_entry *e)
{
	const struct care_guide_cfg *c = g->cfg;
	struct care_buf b = CARE_BUF_INIT;
	size_t i;

	for (i = 0; i < s->nsort && *e->v[s->sort[i]] == '\0'; i++)
		continue;
	if (i > 0 && !e->noread) {
		e->noread = 1;
		g->noread++;
		care_diag(CARE_DIAG_WARN, e->file, e->line, 0,
		    _("no reading in field '%s'; sorted by '%s'"),
		    c->field[s->sort[0]].name, i < s->nsort ?
		    c->field[s->sort[i]].name : _("input order"));
	}
	if (i < s->nsort)
		care_text_sortkey(&b, e->v[s->sort[i]],
		    strlen(e->v[s->sort[i]]));
	else
		care_buf_adds(&b, "");
	return care_buf_detach(&b);
}

static int
item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int d;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if ((d = strcmp(x->key, y->key)) != 0)
		return d;
	return x->e->line < y->e->line ? -1 : x->e->line > y->e->line;
}

static int
label_cmp(const void *a, const void *b)
{
	return care_text_collate(*(char *const *)a, *(char *const *)b);
}

/* Group labels: the areas in map order, else values in 50音順. */
static char **
group_labels(const struct care_guide *g, const struct guide_section *s,
    struct item *it, size_t n, size_t *nlab)
{
	const struct care_guide_cfg *c = g->cfg;
	char **lab;
	size_t i, j, k = 0;

	for (i = 0; s->groups != NULL && s->groups[i] != NULL; i++)
		continue;
	lab = care_calloc(n + c->narea + i + 2, sizeof(*lab));
	for (i = 0; s->groups != NULL && s->groups[i] != NULL; i++)
		lab[k++] = care_strdup(s->groups[i]);
	if (s->group == c->area && k == 0) {
		for (k = 0; k < c->narea; k++)
			lab[k] = care_strdup(c->area_name[k]);
		lab[k++] = care_strdup(c->unmatched);
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < k; j++)
			if (strcmp(lab[j], it[i].e->v[s->group]) == 0)
				break;
		if (j == k)
			lab[k++] = care_strdup(it[i].e->v[s->group]);
	}
	if (s->groups == NULL && s->group != c->area)
		qsort(lab, k, sizeof(*lab), label_cmp);
	for (i = 0; i < n; i++)
		for (j = 0; j < k; j++)
			if (strcmp(lab[j], it[i].e->v[s->group]) == 0)
				it[i].group = (long)j;
	*nlab = k;
	return lab;
}

/* Fills the groups of o from the sorted items. */
static void
fill(struct care_guide *g, struct guide_out *o, struct item *it, size_t n,
    char **lab, size_t nlab)
{
	const struct guide_section *s = o->sec;
	const struct guide_input *in = &g->cfg->in[s->input];
	struct guide_group *gr;
	struct guide_row *r;
	size_t i, k, gi;

	o->grp = care_calloc(nlab > 0 ? nlab : 1, sizeof(*o->grp));
	o->ngrp = nlab > 0 ? nlab : 1;
	for (gi = 0; gi < o->ngrp; gi++) {
		o->grp[gi].label = lab != NULL ? lab[gi] : NULL;
		o->grp[gi].row = care_calloc(n + 1, sizeof(struct guide_row));
	}
	for (gi = 0; gi < o->ngrp; gi++)
		if (o->grp[gi].label != NULL && *o->grp[gi].label == '\0') {
			free(o->grp[gi].label);
			o->grp[gi].label = care_strdup("その他");
		}
	for (i = 0; i < n; i++) {
		gr = &o->grp[it[i].group];
		r = &gr->row[gr->nrow++];
		r->cell = care_calloc(s->ncol, sizeof(*r->cell));
		for (k = 0; k < s->ncol; k++)
			r->cell[k] = care_guide_cell(g->cfg, &s->col[k],
			    it[i].e);
		r->key = in->nkey > 0 ? care_guide_key(g->cfg, in, it[i].e) :
		    care_strdup(r->cell[0]);
		o->nrows++;
		g->listed++;
	}
	/* Areas with no entry are left out, except in an empty section. */
	for (gi = k = 0; gi < o->ngrp; gi++)
		if (o->grp[gi].nrow > 0 || (n == 0 && gi == 0))
			o->grp[k++] = o->grp[gi];
		else {
			free(o->grp[gi].label);
			free(o->grp[gi].row);
		}
	o->ngrp = k;
}

/* Appends a built section of s to g->out; returns it, empty. */
struct guide_out *
care_guide_new_out(struct care_guide *g, const struct guide_section *s)
{
	struct guide_out *o;

	g->out = care_reallocarray(g->out, g->nout + 1, sizeof(*g->out));
	o = &g->out[g->nout++];
	memset(o, 0, sizeof(*o));
	o->sec = s;
	return o;
}

static void
build_section(struct care_guide *g, struct guide_out *o)
{
	const struct guide_section *s = o->sec;
	struct guide_set *set = &g->set[s->input];
	struct item *it = care_calloc(set->n + 1, sizeof(*it));
	char **lab = NULL;
	size_t i, n = 0, nlab = 0;

	for (i = 0; i < set->n; i++)
		if (!set->e[i].dropped && matches(g->cfg, s, &set->e[i])) {
			it[n].e = &set->e[i];
			it[n].key = sort_key(g, s, &set->e[i]);
			n++;
		}
	if (s->group >= 0)
		lab = group_labels(g, s, it, n, &nlab);
	qsort(it, n, sizeof(*it), item_cmp);
	fill(g, o, it, n, lab, nlab);
	for (i = 0; i < n; i++)
		free(it[i].key);
	free(it);
	free(lab);
}

void
care_guide_build_sections(struct care_guide *g)
{
	size_t i;

	for (i = 0; i < g->cfg->nsec; i++)
		if (g->cfg->sec[i].kind == GUIDE_SEC_LIST)
			build_section(g, care_guide_new_out(g,
			    &g->cfg->sec[i]));
		else
			care_guide_build_report(g, i);
}
