/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Proportion intervals, survey variances and tests, computed as R does. */
#include <config.h>

#include <math.h>
#include <stddef.h>

/*
 * R's own nmath (Debian r-mathlib) so that quantiles and tail areas are
 * R's to the last bit.  This is the only file that includes it; with
 * MATHLIB_STANDALONE its names (qt, df, beta, ...) are not remapped, so
 * no local variable may be called like one of them.
 */
#define MATHLIB_STANDALONE
#include <Rmath.h>

#include "care_stats.h"

static const struct care_stats_ci ci_na = { NAN, NAN };
static const struct care_stats_test test_na = { NAN, NAN, NAN };

static int
bad_level(double level)
{
	return !(level > 0 && level < 1);
}

/* z = qnorm((1 + level)/2), the expression prop.test() uses. */
static double
zlevel(double level)
{
	return qnorm((1 + level) / 2, 0, 1, 1, 0);
}

/*
 * One Wilson limit as prop.test() writes it, for the (possibly
 * continuity-shifted) proportion pc; sgn picks the root.
 */
static double
wilson_root(double pc, double n, double z, double sgn)
{
	double z22n;

	z22n = z * z / (2 * n);
	return (pc + z22n + sgn * z * sqrt(pc * (1 - pc) / n +
	    z22n / (2 * n))) / (1 + 2 * z22n);
}

/*
 * prop.test(x, n, correct)$conf.int.  Y = min(0.5, |x - n/2|): R's
 * correction vanishes at x = n/2.  The limits are exactly 0 and 1 when
 * the shifted proportion leaves (0, 1), which covers x = 0 and x = n.
 */
static struct care_stats_ci
wilson(double x, double n, double level, int correct)
{
	struct care_stats_ci ci;
	double p, pc, yates, z;

	z = zlevel(level);
	p = x / n;
	yates = correct ? fmin(0.5, fabs(x - n * 0.5)) : 0;
	pc = p + yates / n;
	ci.hi = pc >= 1 ? 1 : wilson_root(pc, n, z, 1);
	pc = p - yates / n;
	ci.lo = pc <= 0 ? 0 : wilson_root(pc, n, z, -1);
	ci.lo = fmax(ci.lo, 0);
	ci.hi = fmin(ci.hi, 1);
	return ci;
}

/* Centre plus or minus z*sqrt(c(1-c)/m), clipped as statsmodels does. */
static struct care_stats_ci
normal_ci(double c, double m, double z)
{
	struct care_stats_ci ci;
	double h;

	h = z * sqrt(c * (1 - c) / m);
	ci.lo = fmax(0, c - h);
	ci.hi = fmin(1, c + h);
	return ci;
}

struct care_stats_ci
care_stats_prop_ci(long x, long n, double level,
    enum care_stats_ci_method method)
{
	struct care_stats_ci ci;
	double alpha, z, nt;

	if (n <= 0 || x < 0 || x > n || bad_level(level))
		return ci_na;
	switch (method) {
	case CARE_STATS_CI_WILSON:
	case CARE_STATS_CI_WILSON_CC:
		return wilson(x, n, level, method == CARE_STATS_CI_WILSON_CC);
	case CARE_STATS_CI_CLOPPER_PEARSON:
		/* binom.test(): alpha is already halved. */
		alpha = (1 - level) / 2;
		ci.lo = x == 0 ? 0 : qbeta(alpha, x, n - x + 1, 1, 0);
		ci.hi = x == n ? 1 : qbeta(1 - alpha, x + 1, n - x, 1, 0);
		return ci;
	case CARE_STATS_CI_WALD:
		return normal_ci((double)x / n, n, zlevel(level));
	case CARE_STATS_CI_AGRESTI_COULL:
		z = zlevel(level);
		nt = n + z * z;
		return normal_ci((x + z * z / 2) / nt, nt, z);
	}
	return ci_na;
}

/*
 * Double-double sums.  two_sum() is Knuth's error-free addition:
 * s + e == a + b exactly.  The pair (hi, lo) then carries ~106 bits, so
 * hi + lo rounds to the exact sum whatever the order of additions, and
 * --partial/--merge reproduce a single run.
 */
static void
two_sum(double a, double b, double *s, double *e)
{
	double bb;

	*s = a + b;
	bb = *s - a;
	*e = (a - (*s - bb)) + (b - bb);
}

/*
 * Renormalising after every step keeps |lo| <= ulp(hi)/2, so lo's own
 * rounding stays ~2^-106 relative even after cancellation.
 */
void
care_stats_sum_add(struct care_stats_sum *s, double x)
{
	double hi, e;

	two_sum(s->hi, x, &hi, &e);
	two_sum(hi, s->lo + e, &s->hi, &s->lo);
}

void
care_stats_sum_merge(struct care_stats_sum *dst,
    const struct care_stats_sum *src)
{
	double hi, e;

	two_sum(dst->hi, src->hi, &hi, &e);
	two_sum(hi, dst->lo + src->lo + e, &dst->hi, &dst->lo);
}

double
care_stats_sum_value(const struct care_stats_sum *s)
{
	return s->hi + s->lo;
}

/* dd += a * b, with the product split exactly by fma(). */
static void
dd_addmul(struct care_stats_sum *s, const struct care_stats_sum *a, double b)
{
	double p, e;

	p = a->hi * b;
	e = fma(a->hi, b, -p) + a->lo * b;
	care_stats_sum_add(s, p);
	care_stats_sum_add(s, e);
}

/* s2 - 2 m s1 + m^2 s0, in double-double: sum c (y - m)^2 for c = w, w^2. */
static double
centred(const struct care_stats_sum *s2, const struct care_stats_sum *s1,
    const struct care_stats_sum *s0, double m)
{
	struct care_stats_sum t, ms0;

	t = *s2;
	dd_addmul(&t, s1, -2 * m);
	ms0.hi = ms0.lo = 0;
	dd_addmul(&ms0, s0, m);
	dd_addmul(&t, &ms0, m);
	return care_stats_sum_value(&t);
}

void
care_stats_wprop_add(struct care_stats_wprop_acc *a, double w, int y)
{
	y = y != 0;
	a->rows++;
	a->rows_w += w != 0;
	a->yes += y;
	care_stats_sum_add(&a->w[y], w);
	care_stats_sum_add(&a->ww[y], w * w);
}

void
care_stats_wprop_merge(struct care_stats_wprop_acc *dst,
    const struct care_stats_wprop_acc *src)
{
	int y;

	dst->rows += src->rows;
	dst->rows_w += src->rows_w;
	dst->yes += src->yes;
	for (y = 0; y < 2; y++) {
		care_stats_sum_merge(&dst->w[y], &src->w[y]);
		care_stats_sum_merge(&dst->ww[y], &src->ww[y]);
	}
}

void
care_stats_wmean_add(struct care_stats_wmean_acc *a, double w, double y)
{
	a->rows++;
	a->rows_w += w != 0;
	care_stats_sum_add(&a->w, w);
	care_stats_sum_add(&a->wy, w * y);
	care_stats_sum_add(&a->ww, w * w);
	care_stats_sum_add(&a->wwy, w * w * y);
	care_stats_sum_add(&a->wwyy, w * w * y * y);
	care_stats_sum_add(&a->wyy, w * y * y);
}

void
care_stats_wmean_merge(struct care_stats_wmean_acc *dst,
    const struct care_stats_wmean_acc *src)
{
	dst->rows += src->rows;
	dst->rows_w += src->rows_w;
	care_stats_sum_merge(&dst->w, &src->w);
	care_stats_sum_merge(&dst->wy, &src->wy);
	care_stats_sum_merge(&dst->ww, &src->ww);
	care_stats_sum_merge(&dst->wwy, &src->wwy);
	care_stats_sum_merge(&dst->wwyy, &src->wwyy);
	care_stats_sum_merge(&dst->wyy, &src->wyy);
}

static struct care_stats_svy
svy_start(long rows, long rows_w, long n)
{
	struct care_stats_svy e;

	e.est = e.se = NAN;
	e.df = rows_w - 1;
	e.rows = rows;
	e.deff = e.deff_replace = NAN;
	if (rows_w < 1 || n < 2 || rows > n)
		e.df = NAN;
	return e;
}

/*
 * Design effects as svymean(deff = ...) computes them.  s2 is the
 * weighted population variance sum w (y - m)^2 / W; svyvar() multiplies
 * it by nw/(nw - 1), nw the rows with w != 0.  The SRS variance is
 * svyvar/nw ("replace"), or with the finite population correction
 * (W - nw)/W, taking W as the population size (NA if W < nw).
 */
static void
set_deff(struct care_stats_svy *e, double s2, double wt, long nw)
{
	double svyvar, v;

	if (nw < 2)
		return;
	svyvar = s2 * nw / (nw - 1);
	v = e->se * e->se;
	e->deff_replace = v / (svyvar / nw);
	if (wt >= nw)
		e->deff = v / (svyvar * (wt - nw) / (wt * nw));
}

/*
 * svymean(~y, subset(svydesign(ids = ~1, weights = ~w), d)).  With
 * W = sum of w in d, p = sum of w y / W, survey linearises
 *	z_i = w_i (y_i - p) / W  (i in d; 0 for the other n - rows rows)
 *	v = n/(n-1) * sum_i (z_i - zbar)^2,  zbar = sum z_i / n = 0,
 * since onestrat() pads the domain with zeros back to the n PSUs.  For
 * y in {0,1}, split by y with W1 = sum w, Q1 = sum w^2 over y = 1 and
 * W0, Q0 over y = 0 (so p = W1/W, 1 - p = W0/W):
 *	sum z^2 = [(1-p)^2 Q1 + p^2 Q0] / W^2,
 * a sum of positive terms (no cancellation), from mergeable sums only.
 */
struct care_stats_svy
care_stats_wprop(const struct care_stats_wprop_acc *a, long n)
{
	struct care_stats_svy e;
	double w0, w1, wt, q, p, ss;

	e = svy_start(a->rows, a->rows_w, n);
	if (isnan(e.df))
		return e;
	w0 = care_stats_sum_value(&a->w[0]);
	w1 = care_stats_sum_value(&a->w[1]);
	wt = w0 + w1;
	if (!(wt > 0))
		return e;
	p = w1 / wt;
	q = w0 / wt;
	ss = (q * q * care_stats_sum_value(&a->ww[1]) +
	    p * p * care_stats_sum_value(&a->ww[0])) / (wt * wt);
	e.est = p;
	e.se = sqrt((double)n / (n - 1) * ss);
	set_deff(&e, (w1 * q * q + w0 * p * p) / wt, wt, a->rows_w);
	return e;
}

/*
 * svymean(~y) for numeric y: the same z_i with the weighted mean m, and
 *	W^2 sum z^2 = sum w^2 y^2 - 2 m sum w^2 y + m^2 sum w^2,
 * evaluated in double-double so the cancellation costs nothing.
 */
struct care_stats_svy
care_stats_wmean(const struct care_stats_wmean_acc *a, long n)
{
	struct care_stats_svy e;
	double wt, m;

	e = svy_start(a->rows, a->rows_w, n);
	wt = care_stats_sum_value(&a->w);
	if (isnan(e.df) || !(wt > 0))
		return e;
	m = care_stats_sum_value(&a->wy) / wt;
	e.est = m;
	e.se = sqrt((double)n / (n - 1) *
	    fmax(0, centred(&a->wwyy, &a->wwy, &a->ww, m)) / (wt * wt));
	set_deff(&e, fmax(0, centred(&a->wyy, &a->wy, &a->w, m)) / wt, wt,
	    a->rows_w);
	return e;
}

/* tconfint(): est + se * qt(a, df), est + se * qt(1 - a, df). */
static void
tfactors(double level, double df_, double *lo, double *hi)
{
	double a;

	a = (1 - level) / 2;
	*lo = qt(a, df_, 1, 0);
	*hi = qt(1 - a, df_, 1, 0);
}

struct care_stats_ci
care_stats_svy_ci(const struct care_stats_svy *e, double level)
{
	struct care_stats_ci ci;
	double flo, fhi;

	if (bad_level(level) || isnan(e->se) || isnan(e->df))
		return ci_na;
	tfactors(level, e->df, &flo, &fhi);
	ci.lo = e->est + e->se * flo;
	ci.hi = e->est + e->se * fhi;
	return ci;
}

static double
expit(double eta)
{
	return exp(eta) / (1 + exp(eta));
}

/*
 * Korn-Graubard: an effective sample size p(1-p)/v, scaled by
 * (qt(alpha/2, rows - 1) / qt(alpha/2, df))^2, into Clopper-Pearson
 * with non-integer shapes.
 */
static struct care_stats_ci
svy_beta(const struct care_stats_svy *e, double level)
{
	struct care_stats_ci ci;
	double p, alpha, neff, f;

	p = e->est;
	alpha = 1 - level;
	neff = p * (1 - p) / (e->se * e->se);
	f = qt(alpha / 2, e->rows - 1, 1, 0) / qt(alpha / 2, e->df, 1, 0);
	neff *= f * f;
	ci.lo = qbeta(alpha / 2, neff * p, neff * (1 - p) + 1, 1, 0);
	ci.hi = qbeta(1 - alpha / 2, neff * p + 1, neff * (1 - p), 1, 0);
	return ci;
}

/*
 * The logit, xlogit and asin intervals transform p, take the delta-method
 * se of the transform, and map the t interval back.  R fits logit by
 * svyglm(); at convergence that is the same closed form.
 */
struct care_stats_ci
care_stats_svyciprop(const struct care_stats_svy *e,
    enum care_stats_svy_method method, double level)
{
	struct care_stats_ci ci;
	double p, flo, fhi, c, s;

	if (method == CARE_STATS_SVY_MEAN)
		return care_stats_svy_ci(e, level);
	p = e->est;
	if (bad_level(level) || isnan(e->df) || !(e->se > 0) ||
	    !(p > 0 && p < 1))
		return ci_na;
	if (method == CARE_STATS_SVY_BETA)
		return svy_beta(e, level);
	tfactors(level, e->df, &flo, &fhi);
	switch (method) {
	case CARE_STATS_SVY_LOGIT:
	case CARE_STATS_SVY_XLOGIT:
		c = log(p / (1 - p));
		s = e->se / (p * (1 - p));
		ci.lo = expit(c + s * flo);
		ci.hi = expit(c + s * fhi);
		return ci;
	case CARE_STATS_SVY_ASIN:
		c = asin(sqrt(p));
		s = e->se / (2 * sqrt(p) * sqrt(1 - p));
		ci.lo = pow(sin(c + s * flo), 2);
		ci.hi = pow(sin(c + s * fhi), 2);
		return ci;
	default:
		return ci_na;
	}
}

static struct care_stats_test
chisq_test(double stat, double dof)
{
	struct care_stats_test t;

	t.stat = stat;
	t.df = dof;
	t.p = isnan(stat) ? NAN : pchisq(stat, dof, 0, 0);
	return t;
}

/*
 * mcnemar.test(): the continuity correction is applied only when
 * b != c, so b = c gives X^2 = 0 and p = 1; b + c = 0 is 0/0.
 */
struct care_stats_test
care_stats_mcnemar(long b, long c, int correct)
{
	double y;

	if (b < 0 || c < 0)
		return test_na;
	if (b + c == 0)
		return chisq_test(NAN, 1);
	y = (double)b - c;
	if (correct && b != c)
		y = fabs(y) - 1;
	return chisq_test(y * y / ((double)b + c), 1);
}

/*
 * binom.test(b, b + c, 0.5)$p.value, R's algorithm: add the far tail of
 * outcomes no more likely than the observed one (relative slack 1e-7).
 */
struct care_stats_test
care_stats_welch(double est1, double se1, double df1, double est2,
    double se2, double df2)
{
	struct care_stats_test t;
	double v1 = se1 * se1, v2 = se2 * se2;

	t.df = (v1 + v2) * (v1 + v2) / (v1 * v1 / df1 + v2 * v2 / df2);
	t.stat = (est2 - est1) / sqrt(v1 + v2);
	t.p = 2 * pt(-fabs(t.stat), t.df, 1, 0);
	return t;
}

double
care_stats_mcnemar_exact(long b, long c)
{
	double n, m, d, pv;
	long i, cnt;

	if (b < 0 || c < 0 || b + c == 0)
		return NAN;
	n = (double)b + c;
	m = n * 0.5;
	d = dbinom(b, n, 0.5, 0) * (1 + 1e-7);
	cnt = 0;
	if (b == m)
		return 1;
	if (b < m) {
		for (i = (long)ceil(m); i <= b + c; i++)
			cnt += dbinom(i, n, 0.5, 0) <= d;
		pv = pbinom(b, n, 0.5, 1, 0) +
		    pbinom(n - cnt, n, 0.5, 0, 0);
	} else {
		for (i = 0; i <= (long)floor(m); i++)
			cnt += dbinom(i, n, 0.5, 0) <= d;
		pv = pbinom(cnt - 1, n, 0.5, 1, 0) +
		    pbinom(b - 1, n, 0.5, 0, 0);
	}
	return fmax(0, fmin(1, pv));
}

/*
 * prop.test(x, n) for k groups: Pearson X^2 over the 2k cells against
 * the pooled proportion, sum (|O - E| - Y)^2 / E; Y is the Yates term
 * (0 unless k = 2 and correct).
 */
static double
homog_stat(size_t k, const long *x, const long *n, double yates)
{
	double sx, sn, p, e, st;
	size_t i;

	sx = sn = 0;
	for (i = 0; i < k; i++) {
		sx += x[i];
		sn += n[i];
	}
	p = sx / sn;
	st = 0;
	for (i = 0; i < k; i++) {
		e = n[i] * p;
		st += pow(fabs(x[i] - e) - yates, 2) / e;
		e = n[i] * (1 - p);
		st += pow(fabs((n[i] - x[i]) - e) - yates, 2) / e;
	}
	return st;
}

static int
bad_counts(size_t k, const long *x, const long *n)
{
	size_t i;

	if (k < 1)
		return 1;
	for (i = 0; i < k; i++)
		if (n[i] <= 0 || x[i] < 0 || x[i] > n[i])
			return 1;
	return 0;
}

struct care_stats_test
care_stats_prop_homog(size_t k, const long *x, const long *n, int correct)
{
	double yates, delta;

	if (k < 2 || bad_counts(k, x, n))
		return test_na;
	yates = 0;
	if (correct && k == 2) {
		delta = (double)x[0] / n[0] - (double)x[1] / n[1];
		yates = fmin(0.5, fabs(delta) / (1.0 / n[0] + 1.0 / n[1]));
	}
	return chisq_test(homog_stat(k, x, n, yates), k - 1);
}

struct care_stats_prop2
care_stats_prop2(long x1, long n1, long x2, long n2, int correct,
    double level)
{
	struct care_stats_prop2 r;
	long x[2], n[2];
	double p1, p2, sinv, yates, width;

	x[0] = x1;
	x[1] = x2;
	n[0] = n1;
	n[1] = n2;
	r.test = care_stats_prop_homog(2, x, n, correct);
	r.diff = NAN;
	r.ci = ci_na;
	if (bad_counts(2, x, n) || bad_level(level))
		return r;
	p1 = (double)x1 / n1;
	p2 = (double)x2 / n2;
	r.diff = p1 - p2;
	sinv = 1.0 / n1 + 1.0 / n2;
	yates = correct ? fmin(0.5, fabs(r.diff) / sinv) : 0;
	width = zlevel(level) * sqrt(p1 * (1 - p1) / n1 +
	    p2 * (1 - p2) / n2) + yates * sinv;
	r.ci.lo = fmax(r.diff - width, -1);
	r.ci.hi = fmin(r.diff + width, 1);
	return r;
}

/* Newcombe (1998) method 10, written for p1 - p2. */
struct care_stats_ci
care_stats_newcombe(long x1, long n1, long x2, long n2, double level)
{
	struct care_stats_ci ci, w1, w2;
	double p1, p2, d;

	w1 = care_stats_prop_ci(x1, n1, level, CARE_STATS_CI_WILSON);
	w2 = care_stats_prop_ci(x2, n2, level, CARE_STATS_CI_WILSON);
	if (isnan(w1.lo) || isnan(w2.lo))
		return ci_na;
	p1 = (double)x1 / n1;
	p2 = (double)x2 / n2;
	d = p1 - p2;
	ci.lo = d - hypot(p1 - w1.lo, w2.hi - p2);
	ci.hi = d + hypot(w1.hi - p1, p2 - w2.lo);
	return ci;
}

/*
 * prop.trend.test() is the score's sum of squares in a weighted lm of
 * x/n on the score, weights n/(p(1-p)); in closed form, centring the
 * scores at their n-weighted mean sbar,
 *	T = [sum (s_i - sbar)(x_i - n_i p)]^2
 *	    / (p(1-p) sum n_i (s_i - sbar)^2).
 */
struct care_stats_test
care_stats_prop_trend(size_t k, const long *x, const long *n,
    const double *score)
{
	double sx, sn, sns, p, sbar, s, num, den;
	size_t i;

	if (k < 2 || bad_counts(k, x, n))
		return test_na;
	sx = sn = sns = 0;
	for (i = 0; i < k; i++) {
		s = score != NULL ? score[i] : (double)(i + 1);
		sx += x[i];
		sn += n[i];
		sns += n[i] * s;
	}
	p = sx / sn;
	sbar = sns / sn;
	num = den = 0;
	for (i = 0; i < k; i++) {
		s = (score != NULL ? score[i] : (double)(i + 1)) - sbar;
		num += s * (x[i] - n[i] * p);
		den += n[i] * s * s;
	}
	if (!(p > 0 && p < 1) || !(den > 0))
		return chisq_test(NAN, 1);
	return chisq_test(num * num / (p * (1 - p) * den), 1);
}
