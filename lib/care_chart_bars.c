/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Horizontal bar charts of shares or values with Cairo and Pango. */
#include <config.h>

#ifdef HAVE_PDF

#include <math.h>
#include <stdio.h>

#include <cairo.h>

#include "care_chart.h"
#include "care_chart_int.h"

double
care_chart_bars_height(size_t n)
{
	return 110 + 34 * (double)(n > 2 ? n : 2);
}

static void
bar_value(char *buf, size_t size, const char *const *vlabels, size_t i,
    double v, int percent)
{
	if (vlabels != NULL && vlabels[i] != NULL)
		(void)snprintf(buf, size, "%s", vlabels[i]);
	else if (percent)
		(void)snprintf(buf, size, "%.1f%%", v * 100);
	else
		(void)snprintf(buf, size, "%.15g", v);
}

/* The value axis of bars: ticks along the bottom, grid lines up. */
static void
bar_axis(cairo_t *cr, const struct frame *f, int percent)
{
	char buf[32];
	double v, x;

	cairo_set_line_width(cr, 1);
	for (v = f->lo; v <= f->hi + f->step / 1e6; v += f->step) {
		x = round(f->x0 + (v - f->lo) / (f->hi - f->lo) *
		    (f->x1 - f->x0)) + 0.5;
		care_chart_grey(cr, GRID_GREY);
		cairo_move_to(cr, x, f->y0);
		cairo_line_to(cr, x, f->y1);
		cairo_stroke(cr);
		care_chart_grey(cr, AXIS_GREY);
		care_chart_tick_label(buf, sizeof(buf), v, f->step, percent);
		(void)care_chart_text(cr, buf, TEXT_SIZE - 1, 0, x, f->y1 + 5,
		    CENTER, 0, 0);
	}
	care_chart_grey(cr, AXIS_GREY);
	cairo_set_line_width(cr, 1.2);
	cairo_move_to(cr, f->x0, f->y0);
	cairo_line_to(cr, f->x0, f->y1);
	cairo_line_to(cr, f->x1, f->y1);
	cairo_stroke(cr);
}

int
care_chart_bars(cairo_t *cr, double w, double h, const char *title,
    const char *const *labels, const double *values,
    const char *const *vlabels, size_t n, int percent)
{
	struct frame f;
	double max = 0, lw = 0, vw = 0, slot, bh, y, v;
	char buf[64];
	size_t i;

	cairo_save(cr);
	f.y0 = care_chart_title_block(cr, w, title) + 14;
	if (n == 0) {
		care_chart_empty(cr, w, h, f.y0, "データがありません");
		cairo_restore(cr);
		return -1;
	}
	for (i = 0; i < n; i++) {
		v = isfinite(values[i]) ? values[i] * (percent ? 100 : 1) : 0;
		max = fmax(max, v);
		lw = fmax(lw, care_chart_text_width(cr, labels[i], TEXT_SIZE,
		    0));
		bar_value(buf, sizeof(buf), vlabels, i, values[i], percent);
		vw = fmax(vw, care_chart_text_width(cr, buf, TEXT_SIZE - 0.5,
		    1));
	}
	lw = fmin(lw, w * 0.38);
	f.x0 = MARGIN + lw + 10;
	f.x1 = w - MARGIN - vw - 8;
	slot = fmin(34, (h - 30 - f.y0) / (double)n);
	f.y1 = f.y0 + slot * (double)n + 4;
	f.lo = 0;
	f.step = care_chart_nice_step(max > 0 ? max : 1, 5);
	f.hi = ceil((max > 0 ? max : 1) / f.step) * f.step;
	if (percent && f.hi > 100)
		f.hi = 100;
	bar_axis(cr, &f, percent);
	bh = slot * 0.68;
	for (i = 0; i < n; i++) {
		y = f.y0 + slot * ((double)i + 0.5);
		care_chart_grey(cr, 0.15);
		(void)care_chart_text(cr, labels[i], TEXT_SIZE, 0, f.x0 - 8, y,
		    RIGHT, 1, lw);
		v = isfinite(values[i]) ? values[i] * (percent ? 100 : 1) : 0;
		cairo_rectangle(cr, f.x0, y - bh / 2, (v - f.lo) /
		    (f.hi - f.lo) * (f.x1 - f.x0), bh);
		care_chart_rgb(cr, 1);
		cairo_fill(cr);
		care_chart_grey(cr, 0.15);
		bar_value(buf, sizeof(buf), vlabels, i, values[i], percent);
		(void)care_chart_text(cr, buf, TEXT_SIZE - 0.5, 1, f.x0 +
		    (v - f.lo) / (f.hi - f.lo) * (f.x1 - f.x0) + 5, y, LEFT, 1,
		    0);
	}
	cairo_restore(cr);
	return 0;
}

#endif /* HAVE_PDF */
