/* SPDX-License-Identifier: GPL-3.0-or-later */
/* acp-tally's tables: sessions, questionnaires, cross table, card picks. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_acp.h"
#include "care_acp_int.h"
#include "care_alloc.h"
#include "care_buf.h"
#include "care_i18n.h"
#include "care_round.h"
#include "care_table.h"

/* Where the tables go, and what every block shares. */
struct out {
	struct care_acp		*t;
	FILE			*fp;
	enum care_table_format	 fmt;
	int			 nblocks;
	int			 err;
	/* a flag appeared in the block */
	int			 flagged;
};

/*
 * The label of a total row: translated where people read the table, the
 * same word in every locale where programs read it (CSV, TSV, JSON).
 */
static const char *
total_label(const struct out *o)
{
	return o->fmt == CARE_TABLE_TEXT || o->fmt == CARE_TABLE_MD ?
	    _("total") : "total";
}

/* Column names of the group sets (stable: JSON keys, CSV headers). */
static const char *const set_key[NSETS] = { "fy", "center", "venue",
	"age_band", "sex" };

static const char *
set_title(enum acp_set set)
{
	switch (set) {
	case SET_FY:
		return _("fiscal year");
	case SET_CENTER:
		return _("centre");
	case SET_VENUE:
		return _("venue");
	case SET_AGE:
		return _("age band");
	default:
		return _("sex");
	}
}

static void
json_str(FILE *fp, const char *s)
{
	putc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			putc('\\', fp);
		if ((unsigned char)*s < 0x20)
			fprintf(fp, "\\u%04x", (unsigned)*s);
		else
			putc(*s, fp);
	}
	putc('"', fp);
}

/* The note under a table: rounding rule, records set aside, flags. */
static char *
note(const struct out *o, const char *aside)
{
	const struct care_acp_cfg *c = o->t->cfg;
	char *s, *legend = NULL;

	if (o->flagged)
		legend = care_asprintf(_("; x: shares withheld (n < %ld); "
		    "*: small group (n < %ld)"), c->min_cell, c->small_group);
	s = care_asprintf(_("rounding: %s, %s; set aside: %s%s"),
	    care_round_name(o->t->opts.round), c->decimals > 0 ?
	    _("one decimal") : _("integer"), aside,
	    legend != NULL ? legend : "");
	free(legend);
	return s;
}

/* Writes one table with its title and note, then frees it. */
static void
block(struct out *o, const char *name, const char *title,
    struct care_table *tab, const char *aside)
{
	char *n = note(o, aside);

	if (o->fmt == CARE_TABLE_JSON) {
		fputs(o->nblocks == 0 ? "[\n{\"table\": " : ",\n{\"table\": ",
		    o->fp);
		json_str(o->fp, name);
		fputs(", \"title\": ", o->fp);
		json_str(o->fp, title);
		fputs(", \"note\": ", o->fp);
		json_str(o->fp, n);
		fputs(", \"rows\":\n", o->fp);
	} else if (o->fmt == CARE_TABLE_MD)
		fprintf(o->fp, "%s### %s\n\n", o->nblocks > 0 ? "\n" : "",
		    title);
	else if (o->fmt == CARE_TABLE_TEXT)
		fprintf(o->fp, "%s%s\n", o->nblocks > 0 ? "\n" : "", title);
	else
		fprintf(o->fp, "%s# %s\n", o->nblocks > 0 ? "\n" : "", title);
	if (care_table_write(tab, o->fp, o->fmt, 0) != 0 && o->err == 0)
		o->err = errno;
	if (o->fmt == CARE_TABLE_JSON)
		fputs("}", o->fp);
	else if (o->fmt == CARE_TABLE_MD)
		fprintf(o->fp, "\n%s\n", n);
	else
		fprintf(o->fp, "%s%s\n", o->fmt == CARE_TABLE_TEXT ? "" : "# ",
		    n);
	o->nblocks++;
	o->flagged = 0;
	free(n);
	care_table_free(tab);
}

/* A table whose columns are 'l' (text) or 'n' (numeric) as in spec. */
static struct care_table *
table_new(const char *const *headers, const char *spec)
{
	size_t n = strlen(spec), i;
	struct care_table *tab = care_table_new(n, headers);

	for (i = 0; i < n; i++)
		if (spec[i] == 'n') {
			care_table_align(tab, i, CARE_ALIGN_RIGHT);
			care_table_numeric(tab, i);
		}
	return tab;
}

static void
cell_ul(struct care_table *tab, unsigned long v)
{
	care_table_cellf(tab, "%lu", v);
}

static void
cell_share(struct care_table *tab, long share, int decimals)
{
	char buf[32];

	if (care_round_format(share, decimals, buf, sizeof(buf)) < 0)
		buf[0] = '\0';
	care_table_cell(tab, buf);
}

/* The disclosure flag of a group of n people; withheld shares are "x". */
static const char *
flag(struct out *o, unsigned long n)
{
	const struct care_acp_cfg *c = o->t->cfg;

	if (n == 0)
		return "";
	if ((long)n < c->min_cell) {
		o->flagged = 1;
		return "x";
	}
	if ((long)n < c->small_group) {
		o->flagged = 1;
		return "*";
	}
	return "";
}

static char *
aside_str(unsigned long n)
{
	return care_asprintf("%lu", n);
}

static void
sessions_table(struct out *o, enum acp_set set)
{
	static const char *hdr[] = { NULL, "sessions", "sessions_share",
		"participants", "participants_share" };
	const struct acp_gset *gs = &o->t->sets[set];
	const struct acp_group *all = &o->t->all;
	unsigned long *ns, *np;
	long *ss, *sp, sums, sump;
	struct care_table *tab;
	char *title, *name, *aside;
	int dec = o->t->cfg->decimals;
	size_t i;

	hdr[0] = set_key[set];
	tab = table_new(hdr, "lnnnn");
	ns = care_calloc(gs->n + 1, sizeof(*ns));
	np = care_calloc(gs->n + 1, sizeof(*np));
	ss = care_calloc(gs->n + 1, sizeof(*ss));
	sp = care_calloc(gs->n + 1, sizeof(*sp));
	for (i = 0; i < gs->n; i++) {
		ns[i] = gs->g[i]->sessions;
		np[i] = gs->g[i]->participants;
	}
	sums = care_round_shares(ns, gs->n, all->sessions, dec,
	    o->t->opts.round, ss);
	sump = care_round_shares(np, gs->n, all->participants, dec,
	    o->t->opts.round, sp);
	for (i = 0; i < gs->n; i++) {
		care_table_cell(tab, gs->g[i]->label);
		cell_ul(tab, ns[i]);
		cell_share(tab, ss[i], dec);
		cell_ul(tab, np[i]);
		cell_share(tab, sp[i], dec);
		care_table_end_row(tab);
	}
	care_table_cell(tab, total_label(o));
	cell_ul(tab, all->sessions);
	cell_share(tab, sums, dec);
	cell_ul(tab, all->participants);
	cell_share(tab, sump, dec);
	care_table_end_row(tab);
	title = care_asprintf(_("sessions and participants by %s"),
	    set_title(set));
	name = care_asprintf("sessions_by_%s", set_key[set]);
	aside = aside_str(o->t->aside[SRC_SESSION]);
	block(o, name, title, tab, aside);
	free(ns);
	free(np);
	free(ss);
	free(sp);
	free(aside);
	free(name);
	free(title);
}

/* The rows of one group's answers to questionnaire w. */
static void
dist_rows(struct out *o, struct care_table *tab, const struct acp_group *g,
    int w, int grouped)
{
	const struct acp_codes *ch = &o->t->cfg->q[w].choices;
	size_t k = ch->n + 1, i;
	long *sh = care_calloc(k, sizeof(*sh)), sum;
	const char *f = flag(o, g->nq[w]);
	int dec = o->t->cfg->decimals;

	sum = care_round_shares(g->ans[w], k, g->nq[w], dec, o->t->opts.round,
	    sh);
	for (i = 0; i <= k; i++) {
		if (i == k - 1 && g->ans[w][i] == 0)
			continue;
		if (grouped)
			care_table_cell(tab, g->label);
		care_table_cell(tab, i == k ? total_label(o) : i == k - 1 ?
		    o->t->cfg->no_answer : care_acp_label(&ch->v[i]));
		cell_ul(tab, i == k ? g->nq[w] : g->ans[w][i]);
		if (*f == 'x')
			care_table_cell(tab, "x");
		else
			cell_share(tab, i == k ? sum : sh[i], dec);
		care_table_cell(tab, f);
		care_table_end_row(tab);
	}
	free(sh);
}

static void
dist_table(struct out *o, int w, int set)
{
	static const char *hdr[] = { NULL, "answer", "n", "share", "flag" };
	const struct acp_gset *gs = set >= 0 ? &o->t->sets[set] : NULL;
	const struct acp_quest *qu = &o->t->cfg->q[w];
	const char *q = qu->question != NULL ? qu->question : qu->item;
	struct care_table *tab;
	char *title, *name, *aside;
	size_t i;

	hdr[0] = set >= 0 ? set_key[set] : NULL;
	tab = set >= 0 ? table_new(hdr, "llnnl") : table_new(hdr + 1, "lnnl");
	if (gs == NULL)
		dist_rows(o, tab, &o->t->all, w, 0);
	for (i = 0; gs != NULL && i < gs->n; i++)
		if (gs->g[i]->nq[w] > 0)
			dist_rows(o, tab, gs->g[i], w, 1);
	if (set >= 0)
		title = care_asprintf(w == 0 ?
		    _("pre questionnaire by %2$s: %1$s") :
		    _("post questionnaire by %2$s: %1$s"), q, set_title(set));
	else
		title = care_asprintf(w == 0 ? _("pre questionnaire: %s") :
		    _("post questionnaire: %s"), q);
	name = care_asprintf("%s%s%s", w == 0 ? "pre" : "post",
	    set >= 0 ? "_by_" : "", set >= 0 ? set_key[set] : "");
	aside = aside_str(o->t->aside[SRC_PRE + w]);
	block(o, name, title, tab, aside);
	free(aside);
	free(name);
	free(title);
}

static const char *
answer_label(const struct care_acp_cfg *c, int w, size_t i)
{
	return i < c->q[w].choices.n ? care_acp_label(&c->q[w].choices.v[i]) :
	    c->no_answer;
}

static void
cross_table(struct out *o)
{
	static const char *const hdr[] = { "pre", "post", "n", "share",
		"flag" };
	const struct care_acp_cfg *c = o->t->cfg;
	size_t n0 = ACP_NANS(c, 0), n1 = ACP_NANS(c, 1), a, b;
	const unsigned long *row;
	unsigned long n, all = 0, na = 0;
	struct care_table *tab = table_new(hdr, "llnnl");
	long *sh = care_calloc(n1, sizeof(*sh));
	const char *f;
	char *aside;

	for (a = 0; a < n0; a++)
		na += o->t->cross[a * n1 + n1 - 1];
	for (a = 0; a < n0; a++) {
		row = o->t->cross + a * n1;
		for (n = 0, b = 0; b < n1; b++)
			n += row[b];
		if (n == 0)
			continue;
		all += n;
		f = flag(o, n);
		(void)care_round_shares(row, n1, n, c->decimals,
		    o->t->opts.round, sh);
		for (b = 0; b < n1; b++) {
			if (b == n1 - 1 && na == 0)
				continue;
			care_table_cell(tab, answer_label(c, 0, a));
			care_table_cell(tab, answer_label(c, 1, b));
			cell_ul(tab, row[b]);
			if (*f == 'x')
				care_table_cell(tab, "x");
			else
				cell_share(tab, sh[b], c->decimals);
			care_table_cell(tab, f);
			care_table_end_row(tab);
		}
	}
	care_table_cell(tab, total_label(o));
	care_table_cell(tab, "");
	cell_ul(tab, all);
	care_table_end_row(tab);
	aside = aside_str(o->t->aside[SRC_PRE] + o->t->aside[SRC_POST]);
	block(o, "pre_post", _("pre and post questionnaires of participants "
	    "who answered both (shares of the pre answer)"), tab, aside);
	free(aside);
	free(sh);
}

/* Deck order by picks, most first; ties keep the deck's order. */
static void
rank_order(const unsigned long *picks, size_t n, size_t *order)
{
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		k = i;
		for (j = i; j > 0 && picks[order[j - 1]] < picks[k]; j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
}

static void
card_rows(struct out *o, struct care_table *tab, const struct acp_group *g,
    int grouped)
{
	const struct care_acp_cfg *c = o->t->cfg;
	size_t n = c->deck.n, i, *order = care_calloc(n + 1, sizeof(*order));
	long *sh = care_calloc(n + 1, sizeof(*sh)), rank = 0;
	const char *f = flag(o, g->sheets);
	const struct acp_code *card;

	(void)care_round_shares(g->cards, n, g->sheets, c->decimals,
	    o->t->opts.round, sh);
	rank_order(g->cards, n, order);
	for (i = 0; i < n && g->cards[order[i]] > 0; i++) {
		if (i == 0 || g->cards[order[i]] < g->cards[order[i - 1]])
			rank = (long)i + 1;
		if (c->top > 0 && rank > c->top)
			break;
		card = &c->deck.v[order[i]];
		if (grouped)
			care_table_cell(tab, g->label);
		care_table_cellf(tab, "%ld", rank);
		care_table_cell(tab, card->code);
		care_table_cell(tab, card->label != NULL ? card->label : "");
		cell_ul(tab, g->cards[order[i]]);
		if (*f == 'x')
			care_table_cell(tab, "x");
		else
			cell_share(tab, sh[order[i]], c->decimals);
		cell_ul(tab, g->sheets);
		care_table_cell(tab, f);
		care_table_end_row(tab);
	}
	free(order);
	free(sh);
}

static void
cards_table(struct out *o, int set)
{
	static const char *hdr[] = { NULL, "rank", "card", "label", "picks",
		"share", "sheets", "flag" };
	const struct acp_gset *gs = set >= 0 ? &o->t->sets[set] : NULL;
	long top = o->t->cfg->top;
	struct care_table *tab;
	char *title, *name, *aside, *by;
	size_t i, off = set >= 0 ? 0 : 1;

	hdr[0] = set >= 0 ? set_key[set] : NULL;
	tab = table_new(hdr + off, &"lnllnnnl"[off]);
	if (gs == NULL)
		card_rows(o, tab, &o->t->all, 0);
	for (i = 0; gs != NULL && i < gs->n; i++)
		if (gs->g[i]->sheets > 0)
			card_rows(o, tab, gs->g[i], 1);
	by = set >= 0 ? care_asprintf(_(" by %s"), set_title(set)) :
	    care_strdup("");
	title = top > 0 ? care_asprintf(_("card picks%s (top %ld)"), by, top) :
	    care_asprintf(_("card picks%s"), by);
	name = care_asprintf("cards%s%s", set >= 0 ? "_by_" : "",
	    set >= 0 ? set_key[set] : "");
	aside = care_asprintf(_("%lu sheets, %lu picks"),
	    o->t->aside[SRC_CARDS], o->t->picks_aside);
	block(o, name, title, tab, aside);
	free(aside);
	free(name);
	free(title);
	free(by);
}

int
care_acp_write(struct care_acp *t, FILE *fp, enum care_table_format fmt)
{
	struct out o = { t, fp, fmt, 0, 0, 0 };
	int set = (int)t->opts.by - 1, w;

	care_acp_finish(t);
	care_acp_cross_fill(t);
	if (set >= SET_FY && set <= SET_VENUE)
		sessions_table(&o, (enum acp_set)set);
	else
		for (w = SET_FY; w <= SET_VENUE; w++)
			sessions_table(&o, (enum acp_set)w);
	for (w = 0; w < 2; w++) {
		dist_table(&o, w, -1);
		if (set >= SET_FY && set <= SET_VENUE)
			dist_table(&o, w, set);
	}
	cross_table(&o);
	cards_table(&o, -1);
	if (set >= 0)
		cards_table(&o, set);
	if (fmt == CARE_TABLE_JSON)
		fputs("\n]\n", fp);
	errno = 0;
	if ((fflush(fp) != 0 || ferror(fp)) && o.err == 0)
		o.err = errno != 0 ? errno : EIO;
	errno = o.err;
	return o.err != 0 ? -1 : 0;
}
