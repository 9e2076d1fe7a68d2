/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Internals shared by care_chart.c and care_chart_bars.c: sizes, the
 * plot frame, and the colour, text and axis helpers.  Not for programs.
 */
#ifndef CARE_CHART_INT_H
#define CARE_CHART_INT_H

#ifdef HAVE_PDF

#include <stddef.h>

#include <cairo.h>

#include "care_chart.h"

#define MARGIN		16.0
#define TITLE_SIZE	15.0
#define NOTE_SIZE	11.0
#define TEXT_SIZE	11.5
#define AXIS_GREY	0.27		/* axes and text */
#define GRID_GREY	0.90

enum { LEFT, CENTER, RIGHT };

/* The plot area of a chart, and its value scale. */
struct frame {
	double	x0, x1, y0, y1;		/* left, right, top, bottom */
	double	lo, hi, step;		/* value axis */
};

/* care_chart.c */
void care_chart_grey(cairo_t *cr, double g);
/* Sets the source to colour k of the palette (k modulo its size). */
void care_chart_rgb(cairo_t *cr, size_t k);
/* The width of s on one line. */
double care_chart_text_width(cairo_t *cr, const char *s, double size,
    int bold);
/*
 * Draws s with its top (or, when middle, its middle) at y, aligned at x;
 * returns its height.
 */
double care_chart_text(cairo_t *cr, const char *s, double size, int bold,
    double x, double y, int align, int middle, double maxw);
/* The title and its note line; returns the y below them. */
double care_chart_title_block(cairo_t *cr, double w, const char *title);
/* A note where a chart would be. */
void care_chart_empty(cairo_t *cr, double w, double h, double top,
    const char *msg);
/* A step of 1, 2, 2.5 or 5 times a power of ten near span / n. */
double care_chart_nice_step(double span, int n);
void care_chart_tick_label(char *buf, size_t size, double v, double step,
    int percent);

#endif /* HAVE_PDF */
#endif /* CARE_CHART_INT_H */
