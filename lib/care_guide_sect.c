/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sections: filter, grouping, 50音順, cells, legend; report tables. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
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

static struct guide_out *new_out(struct care_guide *,
    const struct guide_section *);

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
			build_section(g, new_out(g, &g->cfg->sec[i]));
		else
			care_guide_build_report(g, i);
}

/* Report sections: CSV tables as given, or through column formats. */

void
care_guide_number(struct care_buf *b, const char *v,
    const struct guide_numfmt *fmt)
{
	char *end, num[64];
	double x, p = 1, r;
	int d = fmt->decimals, i;

	errno = 0;
	x = strtod(v, &end);
	if (fmt->num == GUIDE_NUM_GIVEN || *v == '\0' || end == v ||
	    *end != '\0' || errno != 0 || !isfinite(x)) {
		care_buf_adds(b, v);
		return;
	}
	if (fmt->num == GUIDE_NUM_PERCENT)
		x *= 100;
	else if (fmt->num == GUIDE_NUM_AUTO && fabs(x - round(x)) < 1e-9)
		d = 0;
	for (i = 0; i < d; i++)
		p *= 10;
	/* Half away from zero; the nudge keeps 0.125 from 0.12499... */
	r = round(x * p + (x >= 0 ? 1e-7 : -1e-7)) / p;
	if (r == 0)
		r = 0;
	snprintf(num, sizeof(num), "%s%.*f", fmt->sign && r > 0 ? "+" : "",
	    d, r);
	care_buf_adds(b, num);
}

static long
colidx(const char *const *head, size_t ncol, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ncol; i++)
		if (strlen(head[i]) == len && memcmp(head[i], name, len) == 0)
			return (long)i;
	return -1;
}

static const char *
mark_of(char *const *marks, const char *v)
{
	size_t i;

	for (i = 0; marks != NULL && marks[i] != NULL; i += 2)
		if (strcmp(marks[i], v) == 0)
			return marks[i + 1];
	return NULL;
}

/* One line of a report format; 0 when its references are all empty. */
static int
rline(struct care_buf *b, const struct guide_column *c,
    const struct guide_numfmt *nf, const char *s, size_t len,
    const char *const *head, size_t ncol, const char *const *row)
{
	const char *end = s + len, *q, *v, *m;
	int refs = 0, full = 0;
	long k;

	while (s < end) {
		if (*s != '{' || (q = memchr(s, '}', (size_t)(end - s))) ==
		    NULL) {
			care_buf_addc(b, *s++);
			continue;
		}
		k = colidx(head, ncol, s + 1, (size_t)(q - s - 1));
		v = k >= 0 ? row[k] : "";
		refs++;
		full += *v != '\0';
		if ((m = mark_of(c->marks, v)) != NULL)
			care_buf_adds(b, m);
		else
			care_guide_number(b, v, nf);
		s = q + 1;
	}
	return refs == 0 || full > 0;
}

char *
care_guide_rcell(const struct guide_column *c, const char *const *head,
    size_t ncol, const char *const *row)
{
	struct care_buf b = CARE_BUF_INIT;
	struct guide_numfmt nf = c->num;
	const char *s = c->format, *nl;
	long k;
	size_t i, mark;

	if (c->pct_col != NULL && (k = colidx(head, ncol, c->pct_col,
	    strlen(c->pct_col))) >= 0)
		for (i = 0; c->pct_values[i] != NULL; i++)
			if (strcmp(row[k], c->pct_values[i]) == 0) {
				nf.num = GUIDE_NUM_PERCENT;
				if (c->pct_format != NULL)
					s = c->pct_format;
				break;
			}
	care_buf_adds(&b, "");
	for (;;) {
		nl = strchr(s, '\n');
		mark = b.len;
		if (mark > 0)
			care_buf_addc(&b, '\n');
		if (!rline(&b, c, &nf, s, nl != NULL ? (size_t)(nl - s) :
		    strlen(s), head, ncol, row)) {
			b.len = mark;
			b.p[mark] = '\0';
		}
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	return care_buf_detach(&b);
}

static struct guide_out *
new_out(struct care_guide *g, const struct guide_section *s)
{
	struct guide_out *o;

	g->out = care_reallocarray(g->out, g->nout + 1, sizeof(*g->out));
	o = &g->out[g->nout++];
	memset(o, 0, sizeof(*o));
	o->sec = s;
	return o;
}

static const char *
pair_of(char *const *pairs, const char *key)
{
	const char *v = mark_of(pairs, key);

	return v != NULL ? v : key;
}

/* Nonzero if every value of column k is a number (and one is there). */
static int
numeric(const struct guide_block *b, size_t k)
{
	char *end;
	size_t r;
	int any = 0;

	for (r = 0; r < b->nrow; r++) {
		if (*b->row[r][k] == '\0' || strcmp(b->row[r][k], "total") == 0)
			continue;
		(void)strtod(b->row[r][k], &end);
		if (end == b->row[r][k] || *end != '\0')
			return 0;
		any = 1;
	}
	return any;
}

static size_t
width(const char *s)
{
	return care_text_width(s, strlen(s));
}

/* A section of its own for a table shown as given. */
static struct guide_section *
own_section(const struct guide_section *s, const char *title,
    const char *note, const struct guide_block *b, size_t *map)
{
	struct guide_section *o = care_calloc(1, sizeof(*o));
	size_t k, r, n = 0, len;

	o->kind = s->kind;
	o->title = care_strdup(title != NULL ? title : "");
	for (n = 0; note == NULL && s->notes[n] != NULL; n++)
		continue;
	o->notes = care_calloc(n + 2, sizeof(char *));
	if (note != NULL)
		o->notes[0] = care_strdup(note);
	for (k = 0; note == NULL && k < n; k++)
		o->notes[k] = care_strdup(s->notes[k]);
	n = 0;
	o->col = care_calloc(b->ncol + 1, sizeof(*o->col));
	for (k = 0; k < b->ncol; k++) {
		for (r = 0; s->hide != NULL && s->hide[r] != NULL; r++)
			if (strcmp(s->hide[r], b->head[k]) == 0)
				break;
		if (s->hide != NULL && s->hide[r] != NULL)
			continue;
		map[n] = k;
		o->col[n].header = care_strdup(pair_of(s->headers,
		    b->head[k]));
		o->col[n].kind = numeric(b, k) ? GUIDE_COL_NUM :
		    GUIDE_COL_TEXT;
		len = width(o->col[n].header);
		for (r = 0; r < b->nrow; r++)
			if (width(b->row[r][k]) > len)
				len = width(b->row[r][k]);
		/* In 全角 characters, as configured widths are. */
		o->col[n].width = len < 6 ? 3 : len > 40 ? 20 : len / 2.0;
		n++;
	}
	o->ncol = n;
	return o;
}

/* The group of a row: its index in lab, added when new. */
static size_t
group_of(char ***lab, size_t *nlab, const char *v)
{
	size_t i;

	for (i = 0; i < *nlab; i++)
		if (strcmp((*lab)[i], v) == 0)
			return i;
	*lab = care_reallocarray(*lab, *nlab + 2, sizeof(**lab));
	(*lab)[*nlab] = care_strdup(v);
	return (*nlab)++;
}

static int
where_ok(const struct guide_section *s, const struct guide_block *b,
    char *const *row)
{
	size_t i, j;
	long k;
	int ok;

	for (i = 0; i < s->nwhere; i++) {
		k = colidx((const char *const *)b->head, b->ncol,
		    s->where[i].col, strlen(s->where[i].col));
		for (ok = 0, j = 0; !ok && s->where[i].values[j] != NULL; j++)
			ok = strcmp(k >= 0 ? row[k] : "",
			    s->where[i].values[j]) == 0;
		if (!ok)
			return 0;
	}
	return 1;
}

/* The cells of a row: through the column formats, or as given. */
static char **
rcells(const struct guide_section *s, const struct guide_section *sec,
    const struct guide_block *b, char *const *row, const size_t *map)
{
	char **cell = care_calloc(sec->ncol + 1, sizeof(*cell));
	size_t k;

	for (k = 0; k < sec->ncol; k++)
		cell[k] = s->ncol > 0 ? care_guide_rcell(&s->col[k],
		    (const char *const *)b->head, b->ncol,
		    (const char *const *)row) : care_strdup(row[map[k]]);
	return cell;
}

/* Blanks a norepeat cell equal to the one above it in the group. */
static void
norepeat(const struct guide_section *sec, struct guide_group *gr)
{
	size_t k, r;

	for (k = 0; k < sec->ncol; k++)
		for (r = gr->nrow; sec->col[k].norepeat && r-- > 1;)
			if (strcmp(gr->row[r].cell[k],
			    gr->row[r - 1].cell[k]) == 0)
				gr->row[r].cell[k][0] = '\0';
}

/* Fills o with the rows of b, grouped by the section's group column. */
static void
fill_table(struct care_guide *g, struct guide_out *o,
    const struct guide_section *s, const struct guide_block *b,
    const size_t *map)
{
	char **lab = NULL;
	size_t r, gi, nlab = 0, i;
	long gc = -1;
	struct guide_group *gr;

	for (i = 0; s->groups != NULL && s->groups[i] != NULL; i++)
		(void)group_of(&lab, &nlab, s->groups[i]);
	if (s->group_col != NULL && (gc = colidx((const char *const *)b->head,
	    b->ncol, s->group_col, strlen(s->group_col))) < 0)
		care_diag(CARE_DIAG_WARN, g->data[s->table].file, 0, 0,
		    _("group: no column '%s'"), s->group_col);
	if (gc < 0)
		(void)group_of(&lab, &nlab, "");
	for (r = 0; r < b->nrow; r++)
		if (gc >= 0 && where_ok(s, b, b->row[r]))
			(void)group_of(&lab, &nlab, b->row[r][gc]);
	o->grp = care_calloc(nlab + 1, sizeof(*o->grp));
	for (gi = 0; gi < nlab; gi++) {
		gr = &o->grp[o->ngrp];
		gr->row = care_calloc(b->nrow + 1, sizeof(*gr->row));
		for (r = 0; r < b->nrow; r++)
			if (where_ok(s, b, b->row[r]) && (gc < 0 ||
			    strcmp(b->row[r][gc], lab[gi]) == 0)) {
				gr->row[gr->nrow].cell = rcells(s, o->sec, b,
				    b->row[r], map);
				gr->row[gr->nrow++].key = care_strdup("");
			}
		norepeat(o->sec, gr);
		o->nrows += gr->nrow;
		g->listed += gr->nrow;
		if (gr->nrow == 0 && !(nlab == 1 && gc < 0)) {
			free(gr->row);
			free(lab[gi]);
			continue;
		}
		gr->label = gc >= 0 ? lab[gi] : NULL;
		if (gc < 0)
			free(lab[gi]);
		o->ngrp++;
	}
	free(lab);
}

/* A table section: one block, through its columns or as given. */
static void
build_table(struct care_guide *g, const struct guide_section *s,
    const struct guide_block *b, const char *title, const char *note,
    int sub)
{
	static const struct guide_block none;
	struct guide_out *o;
	size_t *map;

	if (b == NULL)
		b = &none;
	map = care_calloc(b->ncol + 1, sizeof(*map));
	o = new_out(g, s);
	if (s->ncol == 0 || sub) {
		o->own = own_section(s, title, note, b, map);
		o->own->sub = sub;
		o->sec = o->own;
	}
	fill_table(g, o, s, b, map);
	free(map);
}

/* The "# key: value" lines as a two-column table. */
static void
build_keys(struct care_guide *g, const struct guide_section *s,
    const struct guide_data *d)
{
	struct guide_block b;
	char *head[] = { (char *)"項目", (char *)"内容", NULL }, **kv;
	size_t i, n = d->nblk > 0 ? d->blk[0].nkv : 0;

	memset(&b, 0, sizeof(b));
	b.head = head;
	b.ncol = 2;
	b.nrow = n;
	b.row = care_calloc(n + 1, sizeof(*b.row));
	kv = n > 0 ? d->blk[0].kv : NULL;
	for (i = 0; i < n; i++) {
		b.row[i] = care_calloc(3, sizeof(char *));
		b.row[i][0] = (char *)pair_of(s->headers, kv[2 * i]);
		b.row[i][1] = kv[2 * i + 1];
	}
	build_table(g, s, &b, s->title, NULL, 0);
	g->out[g->nout - 1].own->col[0].width = 8;
	g->out[g->nout - 1].own->col[1].width = 30;
	for (i = 0; i < n; i++)
		free(b.row[i]);
	free(b.row);
}

void
care_guide_build_report(struct care_guide *g, size_t i)
{
	const struct guide_section *s = &g->cfg->sec[i];
	const struct guide_data *d = g->data != NULL ? &g->data[s->table] :
	    NULL;
	const struct guide_block *b;
	size_t j;

	switch (s->kind) {
	case GUIDE_SEC_TABLE:
		build_table(g, s, d != NULL && d->nblk > 0 ? &d->blk[0] : NULL,
		    s->title, NULL, 0);
		break;
	case GUIDE_SEC_TABLES:
		(void)new_out(g, s);
		for (j = 0; d != NULL && j < d->nblk; j++) {
			b = &d->blk[j];
			build_table(g, s, b, b->title != NULL ?
			    pair_of(s->titles, b->title) : "", b->note != NULL ?
			    pair_of(s->titles, b->note) : NULL, 1);
		}
		break;
	case GUIDE_SEC_KEYS:
		if (d != NULL)
			build_keys(g, s, d);
		break;
	default:
		(void)new_out(g, s);
	}
}
