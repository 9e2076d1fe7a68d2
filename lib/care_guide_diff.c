/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What changed since the previous edition: entries added, removed, changed. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_csv.h"
#include "care_csvout.h"
#include "care_err.h"
#include "care_guide_int.h"
#include "care_i18n.h"
#include "care_table.h"

/* One row of the previous edition's CSV. */
struct prow {
	char		**v;	/* per header */
	unsigned long	  line;
	int		  seen;
};

struct prev {
	char		**h;
	size_t		  nh;
	struct prow	 *row;
	size_t		  n, cap;
	size_t		  sec, grp, key;	/* columns */
};

static char *
unguarded(const char *s, size_t len)
{
	len = care_csvout_unguard(&s, len);
	return care_strndup(s, len);
}

static void
prev_free(struct prev *p)
{
	size_t i, j;

	for (i = 0; i < p->n; i++) {
		for (j = 0; j < p->nh; j++)
			free(p->row[i].v[j]);
		free(p->row[i].v);
	}
	for (j = 0; j < p->nh; j++)
		free(p->h[j]);
	free(p->h);
	free(p->row);
}

static int
prev_header(struct prev *p, const struct care_csv_record *rec,
    const char *name)
{
	size_t i;

	p->nh = rec->nfields;
	p->h = care_calloc(p->nh + 1, sizeof(*p->h));
	for (i = 0; i < p->nh; i++)
		p->h[i] = care_strndup(rec->fields[i], rec->lens[i]);
	p->sec = care_guide_hindex((const char *const *)p->h, p->nh,
	    "section");
	p->grp = care_guide_hindex((const char *const *)p->h, p->nh, "group");
	p->key = care_guide_hindex((const char *const *)p->h, p->nh, "key");
	if (p->sec < p->nh && p->grp < p->nh && p->key < p->nh)
		return 0;
	care_diag(CARE_DIAG_FATAL, name, rec->line, 0, _("not a guidebook "
	    "CSV: the header needs columns 'section', 'group' and 'key'"));
	return -1;
}

static int
prev_read(struct prev *p, const char *path)
{
	struct care_csv_record rec;
	struct care_csv *csv;
	struct prow *r;
	size_t i;
	int rc, bad = 0;

	if ((csv = care_csv_open(path, CARE_ENC_AUTO)) == NULL)
		return -1;
	while (!bad && (rc = care_csv_read(csv, &rec)) == 1) {
		if (p->h == NULL) {
			bad = prev_header(p, &rec, care_csv_name(csv));
			continue;
		}
		if (rec.problem != CARE_CSV_OK) {
			bad = 1;
			break;
		}
		if (p->n == p->cap) {
			p->cap = p->cap * 2 + 16;
			p->row = care_reallocarray(p->row, p->cap,
			    sizeof(*p->row));
		}
		r = &p->row[p->n++];
		r->v = care_calloc(p->nh, sizeof(*r->v));
		r->line = rec.line;
		r->seen = 0;
		for (i = 0; i < p->nh; i++)
			r->v[i] = unguarded(i < rec.nfields ? rec.fields[i] :
			    "", i < rec.nfields ? rec.lens[i] : 0);
	}
	if (p->h == NULL && !bad)
		care_diag(CARE_DIAG_FATAL, care_csv_name(csv), 0, 0,
		    _("no header line"));
	care_csv_close(csv);
	return bad || rc < 0 || p->h == NULL ? -1 : 0;
}

static struct prow *
prev_find(struct prev *p, const char *sec, const char *key)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!p->row[i].seen && strcmp(p->row[i].v[p->sec], sec) == 0 &&
		    strcmp(p->row[i].v[p->key], key) == 0)
			return &p->row[i];
	return NULL;
}

/*
 * The change table, and whether people read it: the change words are
 * translated for them, and stay as they are in CSV, which scripts read.
 */
struct diff {
	struct care_table	*t;
	int			 people;
};

static void
change(struct diff *d, const char *what, const char *sec,
    const char *key, const char *name, const char *field, const char *old,
    const char *new)
{
	struct care_table *t = d->t;

	care_table_cell(t, d->people ? _(what) : what);
	care_table_cell(t, sec);
	care_table_cell(t, key);
	care_table_cell(t, name);
	care_table_cell(t, field);
	care_table_cell(t, old);
	care_table_cell(t, new);
	care_table_end_row(t);
}

/* Compares one current row with its previous version. */
static long
compare(struct diff *t, const struct guide_section *s,
    const char *grp, const struct guide_row *r, struct prev *p,
    struct prow *pr)
{
	size_t k, j;
	long n = 0;

	if (strcmp(pr->v[p->grp], grp) != 0) {
		change(t, N_("changed"), s->title, r->key, r->cell[0], "group",
		    pr->v[p->grp], grp);
		n++;
	}
	for (k = 0; k < s->ncol; k++) {
		j = care_guide_hindex((const char *const *)p->h, p->nh,
		    s->col[k].header);
		if (strcmp(j < p->nh ? pr->v[j] : "", r->cell[k]) == 0)
			continue;
		change(t, N_("changed"), s->title, r->key, r->cell[0],
		    s->col[k].header, j < p->nh ? pr->v[j] : "", r->cell[k]);
		n++;
	}
	return n;
}

static long
current(const struct care_guide *g, struct diff *t, struct prev *p)
{
	const struct guide_out *o;
	const struct guide_row *r;
	struct prow *pr;
	const char *grp;
	size_t i, j, k;
	long n = 0;

	for (i = 0; i < g->nout; i++) {
		o = &g->out[i];
		for (j = 0; o->sec->kind == GUIDE_SEC_LIST && j < o->ngrp; j++)
			for (k = 0; k < o->grp[j].nrow; k++) {
				r = &o->grp[j].row[k];
				grp = o->grp[j].label != NULL ?
				    o->grp[j].label : "";
				if ((pr = prev_find(p, o->sec->title,
				    r->key)) == NULL) {
					change(t, N_("added"), o->sec->title,
					    r->key, r->cell[0], "", "", "");
					n++;
					continue;
				}
				pr->seen = 1;
				n += compare(t, o->sec, grp, r, p, pr);
			}
	}
	return n;
}

/* The entry's name in a removed row: its section's first column. */
static const char *
removed_name(const struct care_guide *g, const struct prev *p,
    const struct prow *pr)
{
	size_t i, j;

	for (i = 0; i < g->cfg->nsec; i++)
		if (strcmp(g->cfg->sec[i].title, pr->v[p->sec]) == 0 &&
		    g->cfg->sec[i].ncol > 0) {
			j = care_guide_hindex((const char *const *)p->h,
			    p->nh, g->cfg->sec[i].col[0].header);
			return j < p->nh ? pr->v[j] : "";
		}
	return "";
}

long
care_guide_diff(const struct care_guide *g, const char *path, FILE *fp,
    enum care_guide_format fmt, int *werr)
{
	static const char *const h[] = { "change", "section", "key", "name",
		"field", "old", "new" };
	struct care_table *t;
	struct diff d;
	struct prev p;
	size_t i;
	long n;

	*werr = 0;
	memset(&p, 0, sizeof(p));
	if (prev_read(&p, path) != 0) {
		prev_free(&p);
		return -1;
	}
	t = care_table_new(7, h);
	d.t = t;
	d.people = fmt != CARE_GUIDE_CSV;
	n = current(g, &d, &p);
	for (i = 0; i < p.n; i++)
		if (!p.row[i].seen) {
			change(&d, N_("removed"), p.row[i].v[p.sec],
			    p.row[i].v[p.key], removed_name(g, &p, &p.row[i]),
			    "", "", "");
			n++;
		}
	if (care_table_write(t, fp, fmt == CARE_GUIDE_CSV ? CARE_TABLE_CSV :
	    fmt == CARE_GUIDE_MD ? CARE_TABLE_MD : CARE_TABLE_TEXT,
	    fmt == CARE_GUIDE_CSV ? CARE_TABLE_NEUTRALIZE : 0) != 0) {
		*werr = 1;
		n = -1;
	}
	care_table_free(t);
	prev_free(&p);
	return n;
}
