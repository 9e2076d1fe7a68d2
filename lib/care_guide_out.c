/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Guidebook as text, Markdown and CSV (one wide table for spreadsheets). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_guide_int.h"
#include "care_table.h"

/*
 * A cell on one line: the line breaks of multi-line cells become spaces.
 * For Markdown, & < > become entities, or a renderer would pass a
 * hostile name's HTML through to the web page.
 */
static char *
one_line(const char *s, int md)
{
	struct care_buf b = CARE_BUF_INIT;

	care_buf_adds(&b, "");
	for (; *s != '\0'; s++)
		if (*s == '\n')
			care_buf_addc(&b, ' ');
		else if (md && *s == '&')
			care_buf_adds(&b, "&amp;");
		else if (md && *s == '<')
			care_buf_adds(&b, "&lt;");
		else if (md && *s == '>')
			care_buf_adds(&b, "&gt;");
		else
			care_buf_addc(&b, *s);
	return care_buf_detach(&b);
}

/* Writes a title, heading or note line (escaped for Markdown). */
static void
line(FILE *fp, const char *pre, const char *s, const char *post, int md)
{
	char *t = one_line(s, md);

	fprintf(fp, "%s%s%s\n", pre, t, post);
	free(t);
}

static int
group_table(const struct guide_section *s, const struct guide_group *gr,
    FILE *fp, enum care_table_format fmt)
{
	char **h = care_calloc(s->ncol, sizeof(*h));
	struct care_buf b = CARE_BUF_INIT;
	struct care_table *t;
	size_t i, k;
	char *c;
	int rc;

	for (k = 0; k < s->ncol; k++) {
		care_buf_clear(&b);
		care_buf_adds(&b, "");
		care_guide_flat(&b, s->col[k].header);
		h[k] = care_strdup(b.p);
	}
	care_buf_free(&b);
	t = care_table_new(s->ncol, (const char *const *)h);
	for (i = 0; i < gr->nrow; i++) {
		for (k = 0; k < s->ncol; k++) {
			c = one_line(gr->row[i].cell[k],
			    fmt == CARE_TABLE_MD);
			care_table_cell(t, c);
			free(c);
		}
		care_table_end_row(t);
	}
	rc = care_table_write(t, fp, fmt, 0);
	care_table_free(t);
	for (k = 0; k < s->ncol; k++)
		free(h[k]);
	free(h);
	return rc;
}

/* Legend and notes after a section, each line prefixed. */
static void
trailer(const struct guide_section *s, FILE *fp, int md)
{
	char *leg = care_guide_legend(s), *l, *nl;
	const char *pre = md ? "- " : "";
	size_t i;

	for (l = leg; l != NULL; l = nl != NULL ? nl + 1 : NULL) {
		if ((nl = strchr(l, '\n')) != NULL)
			*nl = '\0';
		line(fp, pre, l, "", md);
	}
	free(leg);
	for (i = 0; s->notes[i] != NULL; i++)
		line(fp, md ? "- ※" : "※", s->notes[i], "", md);
}

/* A report section's paragraphs and figure (as its caption). */
static void
extras(const struct guide_section *s, FILE *fp, int md)
{
	size_t i;

	for (i = 0; s->paras != NULL && s->paras[i] != NULL; i++)
		line(fp, "\n", s->paras[i], "", md);
	if (s->kind == GUIDE_SEC_FIGURE)
		line(fp, md ? "\n*図：" : "\n［図］", s->caption != NULL ?
		    s->caption : s->file, md ? "*" : "", md);
}

static int
write_doc(const struct care_guide *g, FILE *fp, enum care_guide_format fmt)
{
	const struct care_guide_cfg *c = g->cfg;
	const struct guide_out *o;
	enum care_table_format tf = fmt == CARE_GUIDE_MD ? CARE_TABLE_MD :
	    CARE_TABLE_TEXT;
	int md = fmt == CARE_GUIDE_MD;
	size_t i, j;
	char *ed;

	line(fp, md ? "# " : "", c->title, "", md);
	if (c->subtitle != NULL)
		line(fp, md ? "\n" : "", c->subtitle, "", md);
	ed = care_asprintf("%s%s%s", c->edition, c->publisher != NULL ?
	    "　" : "", c->publisher != NULL ? c->publisher : "");
	line(fp, md ? "\n" : "", ed, "", md);
	free(ed);
	for (i = 0; i < g->nout; i++) {
		o = &g->out[i];
		if (o->sec->sub)
			line(fp, md ? "\n### " : "\n● ", o->sec->title, "",
			    md);
		else
			line(fp, md ? "\n## " : "\n■ ", o->sec->title, "",
			    md);
		extras(o->sec, fp, md);
		for (j = 0; j < o->ngrp; j++) {
			if (o->grp[j].label != NULL)
				line(fp, md ? "\n### " : "\n【",
				    o->grp[j].label, md ? "" : "】", md);
			if (md || o->grp[j].label == NULL)
				fputc('\n', fp);
			if (group_table(o->sec, &o->grp[j], fp, tf) != 0)
				return -1;
		}
		fputc('\n', fp);
		trailer(o->sec, fp, md);
	}
	return ferror(fp) ? -1 : 0;
}

/* The CSV columns: section, group, key, then every header once. */
static const char **
csv_headers(const struct guide_out *out, size_t nsec, size_t *n)
{
	const struct guide_section *sec;
	const char **h;
	size_t i, k, j, max = 3;

	for (i = 0; i < nsec; i++)
		max += out[i].sec->ncol;
	h = care_calloc(max, sizeof(*h));
	h[0] = "section";
	h[1] = "group";
	h[2] = "key";
	*n = 3;
	for (i = 0; i < nsec; i++)
		for (sec = out[i].sec, k = 0; k < sec->ncol; k++) {
			for (j = 3; j < *n; j++)
				if (strcmp(h[j], sec->col[k].header) == 0)
					break;
			if (j == *n)
				h[(*n)++] = sec->col[k].header;
		}
	return h;
}

/* Index of header name among h[0..n), or n. */
size_t
care_guide_hindex(const char *const *h, size_t n, const char *name)
{
	size_t j;

	for (j = 0; j < n; j++)
		if (strcmp(h[j], name) == 0)
			break;
	return j;
}

static int
write_csv(const struct care_guide *g, FILE *fp)
{
	const struct guide_out *o;
	const struct guide_row *r;
	struct care_table *t;
	const char **h, **cell;
	size_t n, i, j, k, m;
	int rc;

	h = csv_headers(g->out, g->nout, &n);
	t = care_table_new(n, h);
	cell = care_calloc(n, sizeof(*cell));
	for (i = 0; i < g->nout; i++) {
		o = &g->out[i];
		for (j = 0; j < o->ngrp; j++)
			for (k = 0; k < o->grp[j].nrow; k++) {
				r = &o->grp[j].row[k];
				for (m = 0; m < n; m++)
					cell[m] = "";
				cell[0] = o->sec->title;
				if (o->grp[j].label != NULL)
					cell[1] = o->grp[j].label;
				cell[2] = r->key;
				for (m = 0; m < o->sec->ncol; m++)
					cell[care_guide_hindex(h, n,
					    o->sec->col[m].header)] =
					    r->cell[m];
				for (m = 0; m < n; m++)
					care_table_cell(t, cell[m]);
				care_table_end_row(t);
			}
	}
	rc = care_table_write(t, fp, CARE_TABLE_CSV, CARE_TABLE_NEUTRALIZE);
	care_table_free(t);
	free(cell);
	free(h);
	return rc;
}

int
care_guide_write_table(const struct care_guide *g, FILE *fp,
    enum care_guide_format fmt)
{
	if (fmt == CARE_GUIDE_CSV)
		return write_csv(g, fp);
	return write_doc(g, fp, fmt);
}
