/* SPDX-License-Identifier: GPL-3.0-or-later */
/* acp-tally's state: sessions by id, groups, and their life cycle. */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "care_acp.h"
#include "care_acp_int.h"
#include "care_alloc.h"
#include "care_err.h"
#include "care_i18n.h"

static uint64_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The slot of session id: where it is, or the empty one it would go. */
static size_t
slot_of(const struct care_acp *t, const char *id)
{
	size_t i = (size_t)(hash(id) & (t->nslot - 1));

	while (t->slot[i] != NULL && strcmp(t->slot[i]->id, id) != 0)
		i = (i + 1) & (t->nslot - 1);
	return i;
}

struct acp_session *
care_acp_sess_find(const struct care_acp *t, const char *id)
{
	return t->slot[slot_of(t, id)];
}

struct acp_session *
care_acp_sess_add(struct care_acp *t, const char *id)
{
	struct acp_session **old = t->slot, *s;
	size_t n = t->nslot, i;

	if (2 * (t->nsess + 1) > t->nslot) {
		t->nslot *= 2;
		t->slot = care_calloc(t->nslot, sizeof(*t->slot));
		for (i = 0; i < n; i++)
			if (old[i] != NULL)
				t->slot[slot_of(t, old[i]->id)] = old[i];
		free(old);
	}
	s = care_calloc(1, sizeof(*s));
	s->id = care_strdup(id);
	t->slot[slot_of(t, id)] = s;
	t->nsess++;
	return s;
}

static struct acp_group *
group_new(const struct care_acp_cfg *cfg, const char *label, int fy)
{
	struct acp_group *g = care_calloc(1, sizeof(*g));

	g->label = care_strdup(label);
	g->fy = fy;
	g->ans[0] = care_calloc(ACP_NANS(cfg, 0), sizeof(unsigned long));
	g->ans[1] = care_calloc(ACP_NANS(cfg, 1), sizeof(unsigned long));
	g->cards = care_calloc(cfg->deck.n + 1, sizeof(unsigned long));
	return g;
}

struct acp_group *
care_acp_gset_get(struct care_acp *t, enum acp_set set, const char *label,
    int fy)
{
	struct acp_gset *gs = &t->sets[set];
	size_t i, at;

	for (i = 0; i < gs->n; i++)
		if (strcmp(gs->g[i]->label, label) == 0)
			return gs->g[i];
	if (gs->n == gs->cap) {
		gs->cap = gs->cap == 0 ? 8 : 2 * gs->cap;
		gs->g = care_reallocarray(gs->g, gs->cap, sizeof(*gs->g));
	}
	/* Fiscal years are kept in order, everything else as listed. */
	at = gs->n;
	while (set == SET_FY && at > 0 && gs->g[at - 1]->fy > fy)
		at--;
	memmove(gs->g + at + 1, gs->g + at, (gs->n - at) * sizeof(*gs->g));
	gs->g[at] = group_new(t->cfg, label, fy);
	gs->n++;
	return gs->g[at];
}

const char *
care_acp_label(const struct acp_code *c)
{
	return c->label != NULL ? c->label : c->code;
}

static void
gset_init(struct care_acp *t, enum acp_set set, const struct acp_codes *c)
{
	size_t i;

	t->sets[set].codes = c != NULL && c->n > 0 ? c : NULL;
	for (i = 0; c != NULL && i < c->n; i++)
		(void)care_acp_gset_get(t, set, care_acp_label(&c->v[i]), 0);
}

struct care_acp *
care_acp_new(const struct care_acp_cfg *cfg, const struct care_acp_opts *o)
{
	struct care_acp *t = care_calloc(1, sizeof(*t));
	size_t i;

	t->cfg = cfg;
	t->opts = *o;
	if (!o->round_set)
		t->opts.round = cfg->round;
	t->nslot = 64;
	t->slot = care_calloc(t->nslot, sizeof(*t->slot));
	t->all.ans[0] = care_calloc(ACP_NANS(cfg, 0), sizeof(unsigned long));
	t->all.ans[1] = care_calloc(ACP_NANS(cfg, 1), sizeof(unsigned long));
	t->all.cards = care_calloc(cfg->deck.n + 1, sizeof(unsigned long));
	t->cross = care_calloc(ACP_NANS(cfg, 0) * ACP_NANS(cfg, 1),
	    sizeof(unsigned long));
	gset_init(t, SET_CENTER, &cfg->centers);
	gset_init(t, SET_VENUE, &cfg->venues);
	gset_init(t, SET_AGE, &cfg->ages);
	gset_init(t, SET_SEX, &cfg->sexes);
	t->rec.pickline = care_calloc(cfg->deck.n + 1, sizeof(unsigned long));
	t->rec.src = -1;
	for (i = 0; i < NSI; i++)
		care_buf_set(&t->rec.val[i], "", 0);
	t->locs = care_long_files_new();
	t->seen = care_long_seen_new();
	return t;
}

void
care_acp_reset(struct care_acp *t)
{
	struct care_acp *fresh = care_acp_new(t->cfg, &t->opts), old;

	old = *t;
	*t = *fresh;
	*fresh = old;
	care_acp_free(fresh);
}

void
care_acp_where(const struct care_acp *t, unsigned long line,
    const char **file, unsigned long *l)
{
	if (care_long_loc_raw(t->rec.loc)) {
		*file = care_long_loc_file(t->locs, t->rec.loc);
		*l = care_long_loc_line(t->rec.loc);
	} else {
		*file = t->rec.file != NULL ? t->rec.file : t->file;
		*l = line;
	}
}

void
care_acp_diag(const struct care_acp *t, enum care_level level,
    unsigned long line, const char *fmt, ...)
{
	const char *file;
	unsigned long l;
	va_list ap;
	char *msg;

	care_acp_where(t, line, &file, &l);
	va_start(ap, fmt);
	msg = care_vasprintf(fmt, ap);
	va_end(ap);
	if (t->rec.src == SRC_SESSION)
		care_diag(level, file, l, 0, "%s", msg);
	else
		care_diag(level, file, l, 0, _("respondent '%s': %s"),
		    t->rec.resp.p, msg);
	free(msg);
}

int
care_acp_by_parse(const char *name, enum care_acp_by *out)
{
	static const char *const names[] = { "fy", "center", "venue", "age",
		"sex", NULL };
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum care_acp_by)(i + 1);
			return 0;
		}
	return -1;
}

void
care_acp_cross_fill(struct care_acp *t)
{
	const struct acp_session *s;
	const struct acp_pair *p;
	size_t i, j, n1 = ACP_NANS(t->cfg, 1);

	memset(t->cross, 0, ACP_NANS(t->cfg, 0) * n1 * sizeof(*t->cross));
	for (i = 0; i < t->nslot; i++) {
		if ((s = t->slot[i]) == NULL)
			continue;
		for (j = 0; j < s->npairs; j++) {
			p = &s->pairs[j];
			if (p->ans[0] >= 0 && p->ans[1] >= 0)
				t->cross[(size_t)p->ans[0] * n1 +
				    (size_t)p->ans[1]]++;
		}
	}
}

void
care_acp_summary(const struct care_acp *t)
{
	care_diag(CARE_DIAG_NOTE, NULL, 0, 0,
	    _("%lu rows: %lu tallied, %lu set aside, %lu outside the period, "
	    "%lu from other sources; %lu sessions, %lu pre, %lu post, "
	    "%lu card sheets"), t->rows_read, t->rows_tallied, t->rows_aside,
	    t->rows_outside, t->rows_ignored, t->all.sessions, t->all.nq[0],
	    t->all.nq[1], t->all.sheets);
}

static void
group_free(struct acp_group *g)
{
	free(g->label);
	free(g->ans[0]);
	free(g->ans[1]);
	free(g->cards);
}

void
care_acp_free(struct care_acp *t)
{
	struct acp_session *s;
	size_t i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nslot; i++) {
		if ((s = t->slot[i]) == NULL)
			continue;
		for (j = 0; j < s->npairs; j++)
			free(s->pairs[j].resp);
		free(s->pairs);
		free(s->id);
		free(s);
	}
	free(t->slot);
	for (i = 0; i < t->nfiles; i++)
		free(t->files[i]);
	free(t->files);
	for (i = 0; i < NSETS; i++) {
		for (j = 0; j < t->sets[i].n; j++) {
			group_free(t->sets[i].g[j]);
			free(t->sets[i].g[j]);
		}
		free(t->sets[i].g);
	}
	t->all.label = NULL;
	group_free(&t->all);
	free(t->cross);
	care_acp_rec_free(&t->rec);
	care_long_files_free(t->locs);
	care_long_seen_free(t->seen);
	care_long_apart_free(&t->apartwhy);
	for (i = 0; i < t->nlater; i++)
		care_acp_rec_free(&t->later[i]);
	free(t->later);
	free(t->later_file);
	free(t);
}

void
care_acp_rec_free(struct acp_rec *r)
{
	size_t i;

	for (i = 0; i < NSI; i++)
		care_buf_free(&r->val[i]);
	care_buf_free(&r->source);
	care_buf_free(&r->wave);
	care_buf_free(&r->resp);
	free(r->pickline);
}
