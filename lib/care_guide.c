/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Guidebook lifecycle: joins between inputs, areas, writing, summary. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_err.h"
#include "care_guide_int.h"
#include "care_i18n.h"

int
care_guide_format_parse(const char *name, enum care_guide_format *out)
{
	static const char *const names[] = { "pdf", "html", "text", "md",
		"csv", NULL };
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum care_guide_format)i;
			return 0;
		}
	return -1;
}

struct care_guide *
care_guide_new(const struct care_guide_cfg *cfg)
{
	struct care_guide *g = care_calloc(1, sizeof(*g));

	g->cfg = cfg;
	g->set = care_calloc(cfg->nin, sizeof(*g->set));
	return g;
}

/* The entry of set whose key equals e's key under input in, or NULL. */
static struct guide_entry *
find(const struct guide_input *tin, struct guide_set *set,
    const struct guide_input *in, const struct guide_entry *e)
{
	size_t lo = 0, hi = set->n, mid, k;
	struct guide_entry *x;
	int d;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		x = &set->e[set->byk[mid]];
		for (d = 0, k = 0; d == 0 && k < tin->nkey; k++)
			d = strcmp(x->v[tin->key[k]], e->v[in->key[k]]);
		if (d == 0)
			return x->dropped ? NULL : x;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Copies the fields input i has columns for into the entries it joins. */
static void
join(struct care_guide *g, size_t i)
{
	const struct guide_input *in = &g->cfg->in[i];
	const struct guide_input *tin = &g->cfg->in[in->join];
	struct guide_set *set = &g->set[i];
	struct guide_entry *e, *t;
	char *k;
	size_t j, f;

	for (j = 0; j < set->n; j++) {
		if ((e = &set->e[j])->dropped)
			continue;
		if ((t = find(tin, &g->set[in->join], in, e)) == NULL) {
			k = care_guide_key(g->cfg, in, e);
			care_diag(CARE_DIAG_WARN, e->file, e->line, 0,
			    _("entry '%s' matches no entry of '%s'"), k,
			    tin->name);
			free(k);
			continue;
		}
		g->joined++;
		t->joined = 1;
		for (f = 0; f < g->cfg->nfield; f++)
			if (in->alias[f] != NULL && *e->v[f] != '\0') {
				free(t->v[f]);
				t->v[f] = care_strdup(e->v[f]);
			}
	}
}

/* Puts each entry of a listed input into the area of its address. */
static void
areas(struct care_guide *g, size_t i)
{
	const struct care_guide_cfg *c = g->cfg;
	struct guide_set *set = &g->set[i];
	struct guide_entry *e;
	const char *a;
	size_t j;

	if (c->area < 0 || c->area_from < 0 || c->in[i].join >= 0)
		return;
	/* Only inputs listed by area: a list of university hospitals
	 * outside the city has no area to be in. */
	for (j = 0; j < c->nsec; j++)
		if (c->sec[j].input == i && c->sec[j].group == c->area)
			break;
	if (j == c->nsec)
		return;
	for (j = 0; j < set->n; j++) {
		e = &set->e[j];
		if (e->dropped || *e->v[c->area] != '\0')
			continue;
		if ((a = care_guide_area_of(c, e->v[c->area_from])) == NULL) {
			care_diag(CARE_DIAG_WARN, e->file, e->line, 0,
			    _("address '%s' is in no area; listed under '%s'"),
			    e->v[c->area_from], c->unmatched);
			a = c->unmatched;
			g->unmatched++;
		}
		free(e->v[c->area]);
		e->v[c->area] = care_strdup(a);
	}
}

int
care_guide_build(struct care_guide *g)
{
	size_t i;

	if (g->stopped) {
		care_diag(CARE_DIAG_FATAL, NULL, 0, 0, _("entries with errors "
		    "in an input with 'on_error: stop': nothing rendered"));
		return -1;
	}
	for (i = 0; i < g->cfg->nin; i++)
		if (g->cfg->in[i].join >= 0)
			join(g, i);
	for (i = 0; i < g->cfg->nin; i++)
		areas(g, i);
	care_guide_build_sections(g);
	return 0;
}

int
care_guide_write(const struct care_guide *g, FILE *fp,
    enum care_guide_format fmt)
{
	switch (fmt) {
	case CARE_GUIDE_PDF:
		return care_guide_write_pdf(g, fp);
	case CARE_GUIDE_HTML:
		return care_guide_write_html(g, fp);
	default:
		return care_guide_write_table(g, fp, fmt);
	}
}

void
care_guide_summary(const struct care_guide *g)
{
	care_diag(CARE_DIAG_NOTE, NULL, 0, 0, _("%lu rows read: %lu dropped, "
	    "%lu joined, %lu in no area, %lu without a reading; %lu rows "
	    "listed in %zu sections"), g->rows, g->dropped, g->joined,
	    g->unmatched, g->noread, g->listed, g->cfg->nsec);
}

static void
out_free(struct guide_out *o)
{
	size_t i, j, k, ncol = o->sec->ncol;

	for (i = 0; i < o->ngrp; i++) {
		for (j = 0; j < o->grp[i].nrow; j++) {
			for (k = 0; k < ncol; k++)
				free(o->grp[i].row[j].cell[k]);
			free(o->grp[i].row[j].cell);
			free(o->grp[i].row[j].key);
		}
		free(o->grp[i].row);
		free(o->grp[i].label);
	}
	free(o->grp);
	if (o->own != NULL) {
		care_guide_section_free(o->own);
		free(o->own);
	}
}

void
care_guide_free(struct care_guide *g)
{
	size_t i, j, f;

	if (g == NULL)
		return;
	for (i = 0; i < g->cfg->nin; i++) {
		for (j = 0; j < g->set[i].n; j++) {
			for (f = 0; f < g->cfg->nfield; f++)
				free(g->set[i].e[j].v[f]);
			free(g->set[i].e[j].v);
		}
		free(g->set[i].e);
		free(g->set[i].byk);
		free(g->set[i].file);
	}
	for (i = 0; i < g->nout; i++)
		out_free(&g->out[i]);
	free(g->out);
	for (i = 0; g->data != NULL && i < g->cfg->ntab; i++)
		care_guide_data_free(&g->data[i]);
	free(g->data);
	free(g->datadir);
	free(g->set);
	free(g);
}
