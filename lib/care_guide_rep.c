/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Report sections: CSV tables as given, or through column formats. */
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
	o = care_guide_new_out(g, s);
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
		(void)care_guide_new_out(g, s);
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
		(void)care_guide_new_out(g, s);
	}
}
