/* SPDX-License-Identifier: GPL-3.0-or-later */
/* acp-tally's reading: long CSV records checked and tallied per session. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_acp.h"
#include "care_acp_int.h"
#include "care_alloc.h"
#include "care_csv.h"
#include "care_date.h"
#include "care_err.h"
#include "care_i18n.h"

/* How a record ended up. */
enum disp {
	TALLIED,
	ASIDE,
	OUTSIDE,
	LATER		/* its session may come later in the input */
};

/* Adds one session's counts to a group (and fiscal year to nothing else). */
static void
add_session(struct acp_group *g, unsigned long participants)
{
	g->sessions++;
	g->participants += participants;
}

/* Parses a participant count: digits only. */
static int
parse_count(const char *s, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9' || strspn(s, "0123456789") != strlen(s))
		return -1;
	*out = strtoul(s, &end, 10);
	return *out > 1000000 ? -1 : 0;
}

/* Checks the items of a session record; 0 when it can be tallied. */
static int
session_check(struct care_acp *t, struct acp_session *s,
    struct care_date *date, long *venue)
{
	const struct acp_rec *r = &t->rec;
	const char *const *name = (const char *const *)t->cfg->sitem;
	enum care_date_status st;
	int i, bad = 0;

	for (i = 0; i < NSI; i++)
		if (r->val[i].len == 0) {
			care_acp_diag(t, CARE_DIAG_ERROR, r->line, _("session '%s': no '%s' item"), s->id, name[i]);
			return -1;
		}
	st = care_date_parse(r->val[SI_DATE].p, r->val[SI_DATE].len, date);
	if (st != CARE_DATE_OK && st != CARE_DATE_PAST_ERA) {
		care_acp_diag(t, CARE_DIAG_ERROR, r->vline[SI_DATE], _("session '%s': date '%s': %s"), s->id,
		    r->val[SI_DATE].p, care_date_strstatus(st));
		bad = -1;
	}
	if (!t->cfg->open_centers && care_acp_codes_find(&t->cfg->centers,
	    r->val[SI_CENTER].p) < 0) {
		care_acp_diag(t, CARE_DIAG_ERROR, r->vline[SI_CENTER], _("session '%s': centre '%s' is not in the configuration"),
		    s->id, r->val[SI_CENTER].p);
		bad = -1;
	}
	if ((*venue = care_acp_codes_find(&t->cfg->venues,
	    r->val[SI_VENUE].p)) < 0) {
		care_acp_diag(t, CARE_DIAG_ERROR, r->vline[SI_VENUE], _("session '%s': venue '%s' is not in the configuration"),
		    s->id, r->val[SI_VENUE].p);
		bad = -1;
	}
	if (parse_count(r->val[SI_PARTICIPANTS].p, &s->participants) != 0) {
		care_acp_diag(t, CARE_DIAG_ERROR, r->vline[SI_PARTICIPANTS], _("session '%s': participants: not a count: '%s'"),
		    s->id, r->val[SI_PARTICIPANTS].p);
		bad = -1;
	}
	return bad;
}

/* Whether a date is outside --fy, --from and --to. */
static int
outside(const struct care_acp *t, struct care_date d, int fy)
{
	const struct care_acp_opts *o = &t->opts;

	return (o->fy != 0 && fy != o->fy) ||
	    (o->have_from && care_date_cmp(d, o->from) < 0) ||
	    (o->have_to && care_date_cmp(d, o->to) > 0);
}

static enum disp
session_end(struct care_acp *t)
{
	const struct care_acp_cfg *cfg = t->cfg;
	struct acp_session *s;
	struct care_date date;
	char fylabel[64];
	long venue, center;
	int fy, i;

	if ((s = care_acp_sess_find(t, t->rec.resp.p)) != NULL) {
		care_acp_diag(t, CARE_DIAG_ERROR, t->rec.line, _("session '%s' is already in the log (%s:%lu)"), s->id,
		    s->file, s->line);
		return ASIDE;
	}
	s = care_acp_sess_add(t, t->rec.resp.p);
	care_acp_where(t, t->rec.line, &s->file, &s->line);
	s->state = SESS_REJECTED;
	if (session_check(t, s, &date, &venue) != 0)
		return ASIDE;
	fy = care_date_fy(date, cfg->fy_start);
	if (outside(t, date, fy)) {
		s->state = SESS_OUTSIDE;
		return OUTSIDE;
	}
	s->state = SESS_OK;
	if (care_date_fy_label(fy, CARE_FY_WESTERN, fylabel,
	    sizeof(fylabel)) < 0)
		(void)snprintf(fylabel, sizeof(fylabel), "%d", fy);
	center = care_acp_codes_find(&cfg->centers, t->rec.val[SI_CENTER].p);
	s->grp[0] = care_acp_gset_get(t, SET_FY, fylabel, fy);
	s->grp[1] = care_acp_gset_get(t, SET_CENTER, center < 0 ?
	    t->rec.val[SI_CENTER].p : care_acp_label(&cfg->centers.v[center]),
	    0);
	s->grp[2] = care_acp_gset_get(t, SET_VENUE,
	    care_acp_label(&cfg->venues.v[venue]), 0);
	add_session(&t->all, s->participants);
	for (i = 0; i < 3; i++)
		add_session(s->grp[i], s->participants);
	return TALLIED;
}

/*
 * The session a questionnaire or card sheet names, or NULL with *d set:
 * an unknown session is an error, one set aside or outside the period
 * takes its questionnaires along silently.
 */
static struct acp_session *
session_of(struct care_acp *t, enum disp *d)
{
	const struct acp_rec *r = &t->rec;
	struct acp_session *s;

	*d = ASIDE;
	if (r->val[0].len == 0) {
		care_acp_diag(t, CARE_DIAG_ERROR, r->line, _("no '%s' item"),
		    r->src == SRC_CARDS ? t->cfg->card_session :
		    t->cfg->q[r->src - SRC_PRE].session);
		return NULL;
	}
	if ((s = care_acp_sess_find(t, r->val[0].p)) == NULL && !t->finished) {
		*d = LATER;
		return NULL;
	}
	if (s == NULL) {
		care_acp_diag(t, CARE_DIAG_ERROR, r->vline[0], _("session '%s' is not in the session log"), r->val[0].p);
		return NULL;
	}
	if (s->state == SESS_OUTSIDE)
		*d = OUTSIDE;
	return s->state == SESS_OK ? s : NULL;
}

/* Records respondent's answer for the cross table; -1 if a repeat. */
static int
pair_set(struct acp_session *s, const char *resp, int w, int k)
{
	size_t i;

	for (i = 0; i < s->npairs; i++)
		if (strcmp(s->pairs[i].resp, resp) == 0)
			break;
	if (i == s->npairs) {
		if (s->npairs == s->cap) {
			s->cap = s->cap == 0 ? 8 : 2 * s->cap;
			s->pairs = care_reallocarray(s->pairs, s->cap,
			    sizeof(*s->pairs));
		}
		s->pairs[i].resp = care_strdup(resp);
		s->pairs[i].ans[0] = s->pairs[i].ans[1] = -1;
		s->npairs++;
	}
	if (s->pairs[i].ans[w] >= 0)
		return -1;
	s->pairs[i].ans[w] = k;
	return 0;
}

static enum disp
quest_end(struct care_acp *t, int w)
{
	const struct acp_quest *q = &t->cfg->q[w];
	const struct acp_rec *r = &t->rec;
	const char *what = w == 0 ? _("pre") : _("post");
	struct acp_session *s;
	enum disp d;
	long k = (long)q->choices.n;
	int i;

	if ((s = session_of(t, &d)) == NULL)
		return d;
	if (r->val[1].len > 0 &&
	    (k = care_acp_codes_find(&q->choices, r->val[1].p)) < 0) {
		care_acp_diag(t, CARE_DIAG_ERROR, r->vline[1], _("'%s': '%s' is not one of the choices"), q->item,
		    r->val[1].p);
		return ASIDE;
	}
	if (s->nq[w] >= s->participants) {
		care_acp_diag(t, CARE_DIAG_ERROR, r->line, _("session '%s': more %s questionnaires than its %lu "
		    "participants"), s->id, what, s->participants);
		return ASIDE;
	}
	if (pair_set(s, r->resp.p, w, (int)k) != 0) {
		care_acp_diag(t, CARE_DIAG_ERROR, r->line, _("session '%s': a second %s questionnaire"), s->id,
		    what);
		return ASIDE;
	}
	s->nq[w]++;
	t->all.nq[w]++;
	t->all.ans[w][k]++;
	for (i = 0; i < 3; i++) {
		s->grp[i]->nq[w]++;
		s->grp[i]->ans[w][k]++;
	}
	return TALLIED;
}

/* The age-band or sex group of a card sheet; empty is no answer. */
static struct acp_group *
sheet_group(struct care_acp *t, enum acp_set set, int v)
{
	const struct acp_codes *codes = t->sets[set].codes;
	const struct care_buf *b = &t->rec.val[v];
	long k;

	if (b->len == 0)
		return care_acp_gset_get(t, set, t->cfg->no_answer, 0);
	if (codes == NULL)
		return care_acp_gset_get(t, set, b->p, 0);
	if ((k = care_acp_codes_find(codes, b->p)) >= 0)
		return care_acp_gset_get(t, set, care_acp_label(&codes->v[k]),
		    0);
	care_acp_diag(t, CARE_DIAG_WARN, t->rec.vline[v], _("'%s': '%s' is not in the configuration; counted as '%s'"),
	    v == 1 ? t->cfg->card_age : t->cfg->card_sex, b->p,
	    t->cfg->no_answer);
	return care_acp_gset_get(t, set, t->cfg->no_answer, 0);
}

static enum disp
sheet_end(struct care_acp *t)
{
	struct acp_group *g[6];
	struct acp_session *s;
	enum disp d;
	size_t i, k;

	if ((s = session_of(t, &d)) == NULL)
		return d;
	g[0] = &t->all;
	for (i = 0; i < 3; i++)
		g[i + 1] = s->grp[i];
	g[4] = sheet_group(t, SET_AGE, 1);
	g[5] = sheet_group(t, SET_SEX, 2);
	for (i = 0; i < 6; i++) {
		g[i]->sheets++;
		for (k = 0; k < t->cfg->deck.n; k++)
			if (t->rec.pickline[k] != 0)
				g[i]->cards[k]++;
	}
	return TALLIED;
}

/* One card row: checked against the deck and the sheet's earlier picks. */
void
care_acp_pick(struct care_acp *t, const char *value, unsigned long line)
{
	long k;

	if (*value == '\0')
		return;
	if ((k = care_acp_codes_find(&t->cfg->deck, value)) < 0)
		care_acp_diag(t, CARE_DIAG_ERROR, line, _("card '%s' is not in the deck"), value);
	else if (t->rec.pickline[k] != 0)
		care_acp_diag(t, CARE_DIAG_ERROR, line, _("card '%s' picked twice by one participant (first on "
		    "line %lu)"), value, t->rec.pickline[k]);
	else {
		t->rec.pickline[k] = line;
		t->rec.npicks++;
		return;
	}
	t->rec.rows_aside++;
	t->picks_aside++;
}

/*
 * A record with a repeated item is set aside whole; a session so set
 * aside still takes its questionnaires along without more errors.
 */
static enum disp
bad_record(struct care_acp *t)
{
	struct acp_session *s;

	if (t->rec.src == SRC_SESSION &&
	    care_acp_sess_find(t, t->rec.resp.p) == NULL) {
		s = care_acp_sess_add(t, t->rec.resp.p);
		care_acp_where(t, t->rec.line, &s->file, &s->line);
		s->state = SESS_REJECTED;
	}
	return ASIDE;
}

/* Keeps the current record for care_acp_finish(): a deep copy. */
static void
keep_for_later(struct care_acp *t)
{
	const struct acp_rec *r = &t->rec;
	struct acp_rec *k;
	size_t i;

	t->later = care_reallocarray(t->later, t->nlater + 1,
	    sizeof(*t->later));
	t->later_file = care_reallocarray(t->later_file, t->nlater + 1,
	    sizeof(*t->later_file));
	t->later_file[t->nlater] = t->file;
	k = &t->later[t->nlater++];
	*k = *r;
	memset(&k->source, 0, sizeof(k->source));
	memset(&k->wave, 0, sizeof(k->wave));
	memset(&k->resp, 0, sizeof(k->resp));
	care_buf_set(&k->source, r->source.p, r->source.len);
	care_buf_set(&k->wave, r->wave.p, r->wave.len);
	care_buf_set(&k->resp, r->resp.p, r->resp.len);
	for (i = 0; i < NSI; i++) {
		memset(&k->val[i], 0, sizeof(k->val[i]));
		care_buf_set(&k->val[i], r->val[i].p, r->val[i].len);
	}
	k->pickline = care_reallocarray(NULL, t->cfg->deck.n + 1,
	    sizeof(*k->pickline));
	memcpy(k->pickline, r->pickline, (t->cfg->deck.n + 1) *
	    sizeof(*k->pickline));
}

void
care_acp_record_end(struct care_acp *t)
{
	struct acp_rec *r = &t->rec;
	enum disp d = TALLIED;

	if (r->rows == 0)
		return;
	if (r->bad)
		d = bad_record(t);
	else if (r->src == SRC_SESSION)
		d = session_end(t);
	else if (r->src == SRC_PRE || r->src == SRC_POST)
		d = quest_end(t, r->src - SRC_PRE);
	else if (r->src == SRC_CARDS)
		d = sheet_end(t);
	else
		t->rows_ignored += r->rows;
	if (d == LATER) {
		keep_for_later(t);
		d = TALLIED;	/* its rows are accounted when it is */
		r->rows = r->rows_aside = 0;
	}
	t->rows_aside += r->rows_aside;
	if (r->src >= 0 && d == TALLIED)
		t->rows_tallied += r->rows - r->rows_aside;
	else if (d == OUTSIDE)
		t->rows_outside += r->rows - r->rows_aside;
	else if (d == ASIDE) {
		t->rows_aside += r->rows - r->rows_aside;
		t->aside[r->src]++;
	}
	care_acp_rec_clear(t);
}

void
care_acp_rec_clear(struct care_acp *t)
{
	struct acp_rec *r = &t->rec;
	size_t i;

	for (i = 0; i < NSI; i++) {
		care_buf_set(&r->val[i], "", 0);
		r->vline[i] = 0;
	}
	memset(r->pickline, 0, t->cfg->deck.n * sizeof(*r->pickline));
	r->rows = r->rows_aside = r->npicks = 0;
	r->bad = 0;
}

void
care_acp_finish(struct care_acp *t)
{
	struct acp_rec cur;
	size_t i;

	if (t->finished)
		return;
	t->finished = 1;
	cur = t->rec;
	for (i = 0; i < t->nlater; i++) {
		t->rec = t->later[i];
		t->file = t->later_file[i];
		care_acp_record_end(t);
		care_acp_rec_free(&t->rec);
	}
	t->rec = cur;
	t->file = NULL;
	t->nlater = 0;
}

