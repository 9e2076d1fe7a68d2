/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for care_stats against values computed by R (make_reference.R). */
#include <config.h>

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care_stats.h"

#define REFDIR	TEST_DATADIR "/stats"
#define MAXARG	16
#define MAXREF	2000
#define MAXROW	200

/* One line of r_reference.csv: kind,args,level,field,value. */
struct ref {
	char	 kind[32];
	char	 arg[MAXARG][16];
	int	 narg;
	double	 level;
	char	 field[8];
	double	 value;
	int	 checked;
};

/* One row of weighted.csv. */
struct wrow {
	char	 area[8];
	double	 w;
	int	 y;
	double	 score;
};

static struct ref refs[MAXREF];
static size_t nrefs;
static struct wrow wrows[MAXROW];
static size_t nwrows;

static void
split_args(struct ref *r, char *s)
{
	char *tok, *save;

	r->narg = 0;
	for (tok = strtok_r(s, " ", &save); tok != NULL && r->narg < MAXARG;
	    tok = strtok_r(NULL, " ", &save))
		snprintf(r->arg[r->narg++], sizeof(r->arg[0]), "%s", tok);
}

static int
load_refs(void)
{
	char line[512], *f[5], *p;
	FILE *fp;
	int i;

	if ((fp = fopen(REFDIR "/r_reference.csv", "r")) == NULL)
		return -1;
	nrefs = 0;
	while (fgets(line, sizeof(line), fp) != NULL && nrefs < MAXREF) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "kind,", 5) == 0)
			continue;
		p = line;
		for (i = 0; i < 5; i++)
			f[i] = strsep(&p, ",");
		if (f[4] == NULL)
			return -1;
		snprintf(refs[nrefs].kind, sizeof(refs[0].kind), "%s", f[0]);
		split_args(&refs[nrefs], f[1]);
		refs[nrefs].level = strtod(f[2], NULL);
		snprintf(refs[nrefs].field, sizeof(refs[0].field), "%s", f[3]);
		refs[nrefs].value = strtod(f[4], NULL);	/* reads "NaN" */
		nrefs++;
	}
	fclose(fp);
	return 0;
}

static int
load_weighted(void)
{
	char line[256], *p;
	FILE *fp;

	if ((fp = fopen(REFDIR "/weighted.csv", "r")) == NULL)
		return -1;
	nwrows = 0;
	while (fgets(line, sizeof(line), fp) != NULL && nwrows < MAXROW) {
		if (strncmp(line, "area,", 5) == 0)
			continue;
		p = line;
		snprintf(wrows[nwrows].area, sizeof(wrows[0].area), "%s",
		    strsep(&p, ","));
		wrows[nwrows].w = strtod(strsep(&p, ","), NULL);
		wrows[nwrows].y = atoi(strsep(&p, ","));
		wrows[nwrows].score = strtod(p, NULL);
		nwrows++;
	}
	fclose(fp);
	return 0;
}

static int
setup(void **state)
{
	(void)state;
	if (load_refs() != 0 || load_weighted() != 0)
		return -1;
	return nrefs > 700 && nwrows == 92 ? 0 : -1;
}

/* rel relative; 1e-12 absolute near 0, except for p-values. */
static int
close_enough(double got, double want, const char *field, double rel)
{
	double tol;

	if (isnan(want))
		return isnan(got);
	if (isnan(got))
		return 0;
	if (isinf(want))
		return got == want;
	tol = rel * fabs(want);
	if (strcmp(field, "p") != 0 && tol < 1e-12)
		tol = 1e-12;
	return fabs(got - want) <= tol;
}

static long
iarg(const struct ref *r, int i)
{
	return strtol(r->arg[i], NULL, 10);
}

static double
pick_ci(struct care_stats_ci ci, const char *field)
{
	return strcmp(field, "lo") == 0 ? ci.lo : ci.hi;
}

static double
pick_test(struct care_stats_test t, const char *field)
{
	return strcmp(field, "stat") == 0 ? t.stat : t.p;
}

static double
eval_ci(const struct ref *r)
{
	static const struct {
		const char			*name;
		enum care_stats_ci_method	 m;
	} methods[] = {
		{ "wilson", CARE_STATS_CI_WILSON },
		{ "wilson_cc", CARE_STATS_CI_WILSON_CC },
		{ "cp", CARE_STATS_CI_CLOPPER_PEARSON },
		{ "wald", CARE_STATS_CI_WALD },
		{ "ac", CARE_STATS_CI_AGRESTI_COULL },
	};
	size_t i;

	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(r->arg[0], methods[i].name) == 0)
			return pick_ci(care_stats_prop_ci(iarg(r, 1),
			    iarg(r, 2), r->level, methods[i].m), r->field);
	fail_msg("unknown ci method '%s'", r->arg[0]);
	return NAN;
}

static double
eval_mcnemar(const struct ref *r)
{
	return pick_test(care_stats_mcnemar(iarg(r, 0), iarg(r, 1),
	    (int)iarg(r, 2)), r->field);
}

static double
eval_mcnemar_exact(const struct ref *r)
{
	return care_stats_mcnemar_exact(iarg(r, 0), iarg(r, 1));
}

static double
eval_prop2(const struct ref *r)
{
	struct care_stats_prop2 t;

	t = care_stats_prop2(iarg(r, 0), iarg(r, 1), iarg(r, 2), iarg(r, 3),
	    (int)iarg(r, 4), r->level);
	if (strcmp(r->field, "stat") == 0 || strcmp(r->field, "p") == 0)
		return pick_test(t.test, r->field);
	return pick_ci(t.ci, r->field);
}

static double
eval_newcombe(const struct ref *r)
{
	return pick_ci(care_stats_newcombe(iarg(r, 0), iarg(r, 1), iarg(r, 2),
	    iarg(r, 3), r->level), r->field);
}

/* Args: k, x[k], n[k], then for trend the scores s[k]. */
static double
eval_kgroups(const struct ref *r)
{
	long x[MAXARG], n[MAXARG];
	double s[MAXARG];
	size_t i, k;

	k = (size_t)iarg(r, 0);
	for (i = 0; i < k; i++) {
		x[i] = iarg(r, 1 + (int)i);
		n[i] = iarg(r, 1 + (int)(k + i));
	}
	if (strcmp(r->kind, "homog") == 0)
		return pick_test(care_stats_prop_homog(k, x, n, 1), r->field);
	for (i = 0; i < k; i++)
		s[i] = strtod(r->arg[1 + 2 * k + i], NULL);
	return pick_test(care_stats_prop_trend(k, x, n, s), r->field);
}

/* Args: design (w weighted, u unweighted), domain (all or an area). */
static void
domain_acc(const struct ref *r, struct care_stats_wprop_acc *pa,
    struct care_stats_wmean_acc *ma)
{
	size_t i;
	double w;

	memset(pa, 0, sizeof(*pa));
	memset(ma, 0, sizeof(*ma));
	for (i = 0; i < nwrows; i++) {
		if (strcmp(r->arg[1], "all") != 0 &&
		    strcmp(r->arg[1], wrows[i].area) != 0)
			continue;
		w = strcmp(r->arg[0], "w") == 0 ? wrows[i].w : 1;
		care_stats_wprop_add(pa, w, wrows[i].y);
		care_stats_wmean_add(ma, w, wrows[i].score);
	}
}

static double
pick_svy(const struct care_stats_svy *e, const char *field)
{
	if (strcmp(field, "est") == 0)
		return e->est;
	if (strcmp(field, "se") == 0)
		return e->se;
	if (strcmp(field, "deff") == 0)
		return e->deff;
	if (strcmp(field, "deffr") == 0)
		return e->deff_replace;
	return e->df;
}

static double
eval_svy(const struct ref *r)
{
	static const char *const names[] = {
		"logit", "mean", "beta", "xlogit", "asin"
	};
	struct care_stats_wprop_acc pa;
	struct care_stats_wmean_acc ma;
	struct care_stats_svy e;
	size_t i;

	domain_acc(r, &pa, &ma);
	if (strcmp(r->kind, "svymean") == 0) {
		e = care_stats_wmean(&ma, (long)nwrows);
		if (strcmp(r->field, "lo") == 0 || strcmp(r->field, "hi") == 0)
			return pick_ci(care_stats_svy_ci(&e, r->level),
			    r->field);
		return pick_svy(&e, r->field);
	}
	e = care_stats_wprop(&pa, (long)nwrows);
	if (strcmp(r->kind, "svyprop") == 0)
		return pick_svy(&e, r->field);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(r->arg[2], names[i]) == 0)
			return pick_ci(care_stats_svyciprop(&e,
			    (enum care_stats_svy_method)i, r->level), r->field);
	fail_msg("unknown svyciprop method '%s'", r->arg[2]);
	return NAN;
}

/*
 * 1e-9 relative, except svyciprop's default logit: R stops svyglm's IRLS
 * at glm's epsilon (1e-8), up to 2.2e-9 relative short of the converged
 * closed form; "svyciprop_conv" rows check that at 1e-9.
 */
static double
rel_tol(const struct ref *r)
{
	if (strcmp(r->kind, "svyciprop") == 0 && r->narg > 2 &&
	    strcmp(r->arg[2], "logit") == 0)
		return 1e-8;
	return 1e-9;
}

/* Check every reference row of one kind; returns how many. */
static size_t
check_kind(const char *kind, double (*eval)(const struct ref *))
{
	size_t i, n, bad;
	double got;
	struct ref *r;

	n = bad = 0;
	for (i = 0; i < nrefs; i++) {
		r = &refs[i];
		if (strcmp(r->kind, kind) != 0)
			continue;
		got = eval(r);
		r->checked = 1;
		n++;
		if (!close_enough(got, r->value, r->field, rel_tol(r))) {
			print_error("%s %s%s%s%s%s level %g %s: got %.17g, "
			    "R %.17g\n", kind, r->arg[0], r->narg > 1 ? " " :
			    "", r->narg > 1 ? r->arg[1] : "", r->narg > 2 ?
			    " " : "", r->narg > 2 ? r->arg[2] : "", r->level,
			    r->field, got, r->value);
			bad++;
		}
	}
	assert_true(n > 0);
	assert_int_equal(bad, 0);
	return n;
}

static void
test_prop_ci(void **state)
{
	(void)state;
	/* 5 methods x 17 cases x 2 levels x 2 limits. */
	assert_int_equal(check_kind("ci", eval_ci), 340);
}

static void
test_mcnemar(void **state)
{
	(void)state;
	check_kind("mcnemar", eval_mcnemar);
	check_kind("mcnemar_exact", eval_mcnemar_exact);
}

static void
test_prop2(void **state)
{
	(void)state;
	check_kind("prop2", eval_prop2);
	check_kind("newcombe", eval_newcombe);
}

static void
test_kgroups(void **state)
{
	(void)state;
	check_kind("trend", eval_kgroups);
	check_kind("homog", eval_kgroups);
}

static void
test_svy(void **state)
{
	(void)state;
	check_kind("svyprop", eval_svy);
	check_kind("svymean", eval_svy);
	check_kind("svyciprop", eval_svy);
	check_kind("svyciprop_conv", eval_svy);
}

/* Runs last: no reference row may be left unchecked. */
static void
test_all_checked(void **state)
{
	size_t i, n;

	(void)state;
	for (i = n = 0; i < nrefs; i++) {
		if (!refs[i].checked)
			print_error("unchecked: %s\n", refs[i].kind);
		n += refs[i].checked;
	}
	assert_int_equal(n, nrefs);
}

/*
 * --partial/--merge: the rows cut into shards at every position and
 * merged give the same bits as one pass, in either merge order.
 */
static void
test_merge_identity(void **state)
{
	struct care_stats_wprop_acc one, a, b;
	struct care_stats_wmean_acc mone, ma, mb;
	struct care_stats_svy e1, e2, m1, m2;
	size_t cut, i;

	(void)state;
	memset(&one, 0, sizeof(one));
	memset(&mone, 0, sizeof(mone));
	for (i = 0; i < nwrows; i++) {
		care_stats_wprop_add(&one, wrows[i].w, wrows[i].y);
		care_stats_wmean_add(&mone, wrows[i].w, wrows[i].score);
	}
	e1 = care_stats_wprop(&one, (long)nwrows);
	m1 = care_stats_wmean(&mone, (long)nwrows);
	for (cut = 0; cut <= nwrows; cut++) {
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		memset(&ma, 0, sizeof(ma));
		memset(&mb, 0, sizeof(mb));
		/* Shard b reads its rows backwards. */
		for (i = 0; i < cut; i++) {
			care_stats_wprop_add(&a, wrows[i].w, wrows[i].y);
			care_stats_wmean_add(&ma, wrows[i].w, wrows[i].score);
		}
		for (i = nwrows; i > cut; i--) {
			care_stats_wprop_add(&b, wrows[i - 1].w,
			    wrows[i - 1].y);
			care_stats_wmean_add(&mb, wrows[i - 1].w,
			    wrows[i - 1].score);
		}
		if (cut % 2)
			care_stats_wprop_merge(&a, &b);
		else {
			care_stats_wprop_merge(&b, &a);
			a = b;
		}
		care_stats_wmean_merge(&ma, &mb);
		e2 = care_stats_wprop(&a, (long)nwrows);
		m2 = care_stats_wmean(&ma, (long)nwrows);
		assert_memory_equal(&e1, &e2, sizeof(e1));
		assert_memory_equal(&m1, &m2, sizeof(m1));
	}
}

/* Sums whose naive order-dependence is large still agree exactly. */
static void
test_sum_order(void **state)
{
	static const double v[] = { 1e16, 1, -1e16, 3.25, 1e-3, 7e15, -7e15 };
	struct care_stats_sum f, r;
	size_t i, n;

	(void)state;
	n = sizeof(v) / sizeof(v[0]);
	memset(&f, 0, sizeof(f));
	memset(&r, 0, sizeof(r));
	for (i = 0; i < n; i++) {
		care_stats_sum_add(&f, v[i]);
		care_stats_sum_add(&r, v[n - 1 - i]);
	}
	/* 1 + 3.25 is exact, so the exact sum rounds as 4.25 + 1e-3. */
	assert_true(care_stats_sum_value(&f) == 4.25 + 1e-3);
	assert_true(care_stats_sum_value(&r) == 4.25 + 1e-3);
}

/* Edge cases R answers with NA, NaN or an error. */
static void
test_edges(void **state)
{
	struct care_stats_wprop_acc a;
	struct care_stats_svy e;
	struct care_stats_ci ci;
	struct care_stats_test t;
	long x[3] = { 0, 0, 0 }, n[3] = { 5, 6, 7 };
	int m;

	(void)state;
	assert_true(isnan(care_stats_prop_ci(3, 2, 0.95,
	    CARE_STATS_CI_WILSON).lo));
	assert_true(isnan(care_stats_prop_ci(0, 0, 0.95,
	    CARE_STATS_CI_CLOPPER_PEARSON).hi));
	assert_true(isnan(care_stats_prop_ci(1, 2, 1.0,
	    CARE_STATS_CI_WALD).lo));
	assert_true(isnan(care_stats_mcnemar_exact(0, 0)));
	t = care_stats_prop_homog(3, x, n, 1);
	assert_true(isnan(t.stat) && isnan(t.p));
	t = care_stats_prop_trend(3, x, n, NULL);
	assert_true(isnan(t.stat) && isnan(t.p));

	/* A domain that all said yes: only "mean" is defined, as [1, 1]. */
	memset(&a, 0, sizeof(a));
	care_stats_wprop_add(&a, 1.5, 1);
	care_stats_wprop_add(&a, 0.5, 1);
	e = care_stats_wprop(&a, 10);
	assert_true(e.est == 1 && e.se == 0 && e.df == 1);
	ci = care_stats_svyciprop(&e, CARE_STATS_SVY_MEAN, 0.95);
	assert_true(ci.lo == 1 && ci.hi == 1);
	for (m = CARE_STATS_SVY_LOGIT; m <= CARE_STATS_SVY_ASIN; m++) {
		if (m == CARE_STATS_SVY_MEAN)
			continue;
		ci = care_stats_svyciprop(&e, (enum care_stats_svy_method)m,
		    0.95);
		assert_true(isnan(ci.lo) && isnan(ci.hi));
	}
	/* More domain rows than the design has, or an empty domain. */
	assert_true(isnan(care_stats_wprop(&a, 1).se));
	memset(&a, 0, sizeof(a));
	assert_true(isnan(care_stats_wprop(&a, 10).est));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prop_ci),
		cmocka_unit_test(test_mcnemar),
		cmocka_unit_test(test_prop2),
		cmocka_unit_test(test_kgroups),
		cmocka_unit_test(test_svy),
		cmocka_unit_test(test_all_checked),
		cmocka_unit_test(test_merge_identity),
		cmocka_unit_test(test_sum_order),
		cmocka_unit_test(test_edges),
	};

	return cmocka_run_group_tests_name("care_stats", tests, setup, NULL);
}
