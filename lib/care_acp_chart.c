/* SPDX-License-Identifier: GPL-3.0-or-later */
/* acp-tally -f svg: bars of venue shares and of pre and post answers. */
#include <config.h>

#ifdef HAVE_PDF

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <cairo.h>

#include "care_acp.h"
#include "care_acp_int.h"
#include "care_alloc.h"
#include "care_chart.h"
#include "care_round.h"

/* One bar chart: labels, shares and their rounded figures. */
struct bars {
	char		 *title;
	const char	**label;
	double		 *value;
	char		**vlabel;
	size_t		  n;
};

static void
bars_init(struct bars *b, size_t n)
{
	b->title = NULL;
	b->label = care_calloc(n + 1, sizeof(*b->label));
	b->value = care_calloc(n + 1, sizeof(*b->value));
	b->vlabel = care_calloc(n + 1, sizeof(*b->vlabel));
	b->n = 0;
}

/*
 * The n counts of total as bars, labelled with the shares rounded as
 * in the tables; a group under min_cell shows no shares.
 */
static void
bars_fill(const struct care_acp *t, struct bars *b,
    const unsigned long *counts, size_t n, unsigned long total)
{
	const struct care_acp_cfg *c = t->cfg;
	long *sh = care_calloc(n + 1, sizeof(*sh));
	char buf[32];
	size_t i;

	if (total == 0 || (long)total < c->min_cell) {
		free(sh);
		return;
	}
	(void)care_round_shares(counts, n, total, c->decimals, t->opts.round,
	    sh);
	for (i = 0; i < n; i++) {
		if (b->label[i] == NULL)
			continue;	/* an unused no-answer line */
		if (care_round_format(sh[i], c->decimals, buf, sizeof(buf)) < 0)
			buf[0] = '\0';
		b->label[b->n] = b->label[i];
		b->value[b->n] = (double)counts[i] / (double)total;
		b->vlabel[b->n++] = care_asprintf("%s%%（%lu）", buf,
		    counts[i]);
	}
	free(sh);
}

static void
venue_bars(const struct care_acp *t, struct bars *b)
{
	const struct acp_gset *gs = &t->sets[SET_VENUE];
	unsigned long *n = care_calloc(gs->n + 1, sizeof(*n));
	size_t i;

	bars_init(b, gs->n);
	for (i = 0; i < gs->n; i++) {
		n[i] = gs->g[i]->sessions;
		b->label[i] = gs->g[i]->label;
	}
	bars_fill(t, b, n, gs->n, t->all.sessions);
	b->title = care_asprintf("会場別の開催回数の割合\n全%lu回、"
	    "括弧内は回数", t->all.sessions);
	free(n);
}

static void
answer_bars(const struct care_acp *t, struct bars *b, int w)
{
	const struct acp_quest *qu = &t->cfg->q[w];
	size_t k = qu->choices.n + 1, i;

	bars_init(b, k);
	for (i = 0; i + 1 < k; i++)
		b->label[i] = care_acp_label(&qu->choices.v[i]);
	if (t->all.ans[w][k - 1] > 0)
		b->label[k - 1] = t->cfg->no_answer;
	bars_fill(t, b, t->all.ans[w], k, t->all.nq[w]);
	b->title = care_asprintf("%s：%s\n回答%lu人、括弧内は人数%s",
	    w == 0 ? "事前アンケート" : "事後アンケート",
	    qu->question != NULL ? qu->question : qu->item, t->all.nq[w],
	    t->all.nq[w] > 0 && b->n == 0 ? "（少数のため割合は示さない）" :
	    "");
}

static void
bars_free(struct bars *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->vlabel[i]);
	free(b->vlabel);
	free(b->value);
	free(b->label);
	free(b->title);
}

int
care_acp_write_svg(struct care_acp *t, FILE *fp)
{
	struct bars b[3];
	double h[3], total = 0;
	cairo_t *cr;
	size_t i;
	int rc;

	care_acp_finish(t);
	venue_bars(t, &b[0]);
	answer_bars(t, &b[1], 0);
	answer_bars(t, &b[2], 1);
	for (i = 0; i < 3; i++)
		total += h[i] = care_chart_bars_height(b[i].n);
	cr = care_chart_svg_begin(fp, CARE_CHART_WIDTH, total);
	for (i = 0; i < 3; i++) {
		(void)care_chart_bars(cr, CARE_CHART_WIDTH, h[i], b[i].title,
		    b[i].label, b[i].value, (const char *const *)b[i].vlabel,
		    b[i].n, 1);
		cairo_translate(cr, 0, h[i]);
		bars_free(&b[i]);
	}
	rc = care_chart_svg_end(cr);
	if (rc == 0 && fflush(fp) != 0)
		rc = -1;
	return rc;
}

#endif /* HAVE_PDF */
