/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Pure numeric functions for indicator-calc: proportion intervals, the
 * survey package's linearised variance built from mergeable sums, and
 * the tests of R's stats package.  They match R 4.2.2 / survey 4.1.1 to
 * 1e-9 relative.  No I/O, no diagnostics: NaN stands for R's NA/NaN and
 * is what every function returns for input it cannot handle.
 */
#ifndef CARE_STATS_H
#define CARE_STATS_H

#include <stddef.h>

#define CARE_STATS_LEVEL	0.95	/* default confidence level */

struct care_stats_ci {
	double	lo;
	double	hi;
};

/* A chi-squared test: statistic, degrees of freedom, upper-tail p. */
struct care_stats_test {
	double	stat;
	double	df;
	double	p;
};

enum care_stats_ci_method {
	CARE_STATS_CI_WILSON,		/* prop.test(correct = FALSE) */
	CARE_STATS_CI_WILSON_CC,	/* prop.test() default */
	CARE_STATS_CI_CLOPPER_PEARSON,	/* binom.test() */
	CARE_STATS_CI_WALD,		/* clipped to [0, 1] */
	CARE_STATS_CI_AGRESTI_COULL	/* clipped to [0, 1] */
};

/* Interval for x of n (0 <= x <= n, n > 0, 0 < level < 1). */
struct care_stats_ci care_stats_prop_ci(long x, long n, double level,
    enum care_stats_ci_method method);

/*
 * A sum kept as an unevaluated pair hi + lo (double-double), so that its
 * value is the correctly rounded exact sum whatever the order of the
 * additions and merges (up to a ~n*2^-106 relative residue).  Partial
 * files must keep both members exactly (printf "%a" or "%.17g").
 */
struct care_stats_sum {
	double	hi;
	double	lo;
};

void	care_stats_sum_add(struct care_stats_sum *s, double x);
void	care_stats_sum_merge(struct care_stats_sum *dst,
	    const struct care_stats_sum *src);
double	care_stats_sum_value(const struct care_stats_sum *s);

/*
 * Sufficient statistics of a weighted 0/1 variable in one domain (one
 * indicator x wave x group).  Zero-initialise, then add rows or merge.
 * Index [y] splits every weight sum by the answer.
 */
struct care_stats_wprop_acc {
	long			rows;	/* rows in the domain */
	long			rows_w;	/* of which with w != 0 */
	long			yes;	/* rows with y = 1 */
	struct care_stats_sum	w[2];	/* sum of w, by y */
	struct care_stats_sum	ww[2];	/* sum of w^2, by y */
};

/* The same for a weighted numeric variable (svymean). */
struct care_stats_wmean_acc {
	long			rows;
	long			rows_w;
	struct care_stats_sum	w;	/* sum of w */
	struct care_stats_sum	wy;	/* sum of w y */
	struct care_stats_sum	ww;	/* sum of w^2 */
	struct care_stats_sum	wwy;	/* sum of w^2 y */
	struct care_stats_sum	wwyy;	/* sum of w^2 y^2 */
	struct care_stats_sum	wyy;	/* sum of w y^2 (for deff) */
};

/* A design-based estimate, as svymean() on svydesign(ids = ~1, ...). */
struct care_stats_svy {
	double	est;	/* coef() */
	double	se;	/* SE() */
	double	df;	/* degf(): rows with nonzero weight - 1 */
	double	rows;	/* nrow() of the domain's design */
	double	deff;	/* svymean(deff = TRUE); NaN if sum w < rows */
	double	deff_replace;	/* svymean(deff = "replace") */
};

enum care_stats_svy_method {
	CARE_STATS_SVY_LOGIT,	/* svyciprop default, closed form */
	CARE_STATS_SVY_MEAN,
	CARE_STATS_SVY_BETA,	/* Korn-Graubard */
	CARE_STATS_SVY_XLOGIT,
	CARE_STATS_SVY_ASIN
};

/* Weights must be finite and >= 0; y is 0 or 1. */
void	care_stats_wprop_add(struct care_stats_wprop_acc *a, double w,
	    int y);
void	care_stats_wprop_merge(struct care_stats_wprop_acc *dst,
	    const struct care_stats_wprop_acc *src);
void	care_stats_wmean_add(struct care_stats_wmean_acc *a, double w,
	    double y);
void	care_stats_wmean_merge(struct care_stats_wmean_acc *dst,
	    const struct care_stats_wmean_acc *src);

/*
 * Finish a domain.  n is the number of rows of the whole design (all
 * domains), which the variance needs: n/(n-1), not rows/(rows-1).
 */
struct care_stats_svy care_stats_wprop(const struct care_stats_wprop_acc *a,
    long n);
struct care_stats_svy care_stats_wmean(const struct care_stats_wmean_acc *a,
    long n);

/* svyciprop(); NaN when se = 0 (0 or all of the domain), except mean. */
struct care_stats_ci care_stats_svyciprop(const struct care_stats_svy *e,
    enum care_stats_svy_method method, double level);
/* confint(svymean(...), df = degf(design)): est +- qt * se. */
struct care_stats_ci care_stats_svy_ci(const struct care_stats_svy *e,
    double level);

/* mcnemar.test() on b = n10, c = n01; b + c = 0 gives NaN. */
struct care_stats_test care_stats_mcnemar(long b, long c, int correct);
/* binom.test(b, b + c)$p.value; NaN if b + c = 0. */
double	care_stats_mcnemar_exact(long b, long c);

/*
 * Welch's two-sample t test from two estimates with their standard
 * errors and degrees of freedom (as t.test(var.equal = FALSE) computes
 * it from the samples): stat = (est2 - est1) / sqrt(se1^2 + se2^2) with
 * the Welch-Satterthwaite degrees of freedom.
 */
struct care_stats_test care_stats_welch(double est1, double se1, double df1,
    double est2, double se2, double df2);

/* prop.test(c(x1, x2), c(n1, n2), correct): diff = p1 - p2 as in R. */
struct care_stats_prop2 {
	struct care_stats_test	test;
	double			diff;
	struct care_stats_ci	ci;	/* Wald, plus Yates if correct */
};

struct care_stats_prop2 care_stats_prop2(long x1, long n1, long x2, long n2,
    int correct, double level);
/* Newcombe's hybrid score interval for p1 - p2 from Wilson limits. */
struct care_stats_ci care_stats_newcombe(long x1, long n1, long x2, long n2,
    double level);

/* prop.trend.test(x, n, score); score NULL means 1..k. */
struct care_stats_test care_stats_prop_trend(size_t k, const long *x,
    const long *n, const double *score);
/* prop.test(x, n, correct): Yates only applies when k = 2. */
struct care_stats_test care_stats_prop_homog(size_t k, const long *x,
    const long *n, int correct);

#endif /* CARE_STATS_H */
