/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Charts drawn with Cairo and Pango (built with HAVE_PDF, beside
 * care_pdf): a trend of an indicator across waves with its confidence
 * intervals, one line per group, and horizontal bars of shares.  They
 * draw into any cairo_t at the current origin; care_chart_svg_begin()
 * and care_chart_svg_end() make an SVG document on a FILE *.  Text is
 * set in IPAexGothic (Japanese); the colours are the Okabe-Ito palette,
 * safe for colour-blind readers, and each line also has its own marker
 * so that a grey print still tells them apart.
 */
#ifndef CARE_CHART_H
#define CARE_CHART_H

#ifdef HAVE_PDF

#include <stddef.h>
#include <stdio.h>

/* As cairo.h has it: programs need not find Cairo's headers (C11). */
typedef struct _cairo cairo_t;

#define CARE_CHART_FONT		"IPAexGothic"
#define CARE_CHART_WIDTH	640.0	/* a panel, SVG pixels */
#define CARE_CHART_HEIGHT	360.0

/* One line of a trend: nx values (NaN where missing, e.g. withheld). */
struct care_chart_series {
	const char	*label;		/* legend */
	const double	*y;
	const double	*lo, *hi;	/* interval, NaN or NULL: none */
};

struct care_chart_trend {
	const char	*title;		/* a second line after '\n' is a note */
	const char	*ylabel;	/* the value axis */
	int		 percent;	/* values are shares, drawn in percent */
	double		 target;	/* in drawn units (percent); NaN: none */
	const char *const *x;		/* the waves, left to right */
	size_t		 nx;
	const struct care_chart_series *s;
	size_t		 ns;
};

/*
 * A line chart in the w x h box at the current origin.  Returns 0, or
 * -1 when there is nothing to draw (no finite value; a note is drawn).
 */
int care_chart_trend(cairo_t *cr, double w, double h,
    const struct care_chart_trend *t);

/*
 * Horizontal bars of n values, top to bottom, labelled on the left and
 * with the value at the bar's end: vlabels[i] if vlabels is not NULL
 * (the rounded shares of a table), else the value (in percent with one
 * decimal when percent; values are then shares 0..1).  Returns 0, or -1
 * when n is 0 (a note is drawn).
 */
int care_chart_bars(cairo_t *cr, double w, double h, const char *title,
    const char *const *labels, const double *values,
    const char *const *vlabels, size_t n, int percent);
/* The height bars need for n values (34 per bar and the title). */
double care_chart_bars_height(size_t n);

/*
 * A white w x h SVG document (pixel units) written to fp; returns its
 * context.  care_chart_svg_end() finishes it, frees it and returns 0,
 * or -1 on a write error (errno set).
 */
cairo_t *care_chart_svg_begin(FILE *fp, double w, double h);
int care_chart_svg_end(cairo_t *cr);
/*
 * Drops Pango's default font map, once at exit, so leak checkers see
 * only memory that is really lost.  (Cairo's own caches stay: resetting
 * them with cairo_debug_reset_static_data() asserts on objects that a
 * font cache may still hold, which aborted runs now and then.)
 */
void care_chart_cleanup(void);

#endif /* HAVE_PDF */
#endif /* CARE_CHART_H */
