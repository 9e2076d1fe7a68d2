/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Trend charts with Cairo and Pango, the helpers bars share, SVG documents. */
#include <config.h>

#ifdef HAVE_PDF

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "care_alloc.h"
#include "care_chart.h"
#include "care_chart_int.h"

/* Okabe and Ito's palette without its yellow, too pale on white. */
static const double palette[][3] = {
	{ 0.00, 0.00, 0.00 },		/* black: the total */
	{ 0.00, 0.45, 0.70 },		/* blue */
	{ 0.90, 0.62, 0.00 },		/* orange */
	{ 0.00, 0.62, 0.45 },		/* bluish green */
	{ 0.84, 0.37, 0.00 },		/* vermillion */
	{ 0.80, 0.47, 0.65 },		/* reddish purple */
	{ 0.34, 0.71, 0.91 },		/* sky blue */
};
#define NPALETTE	(sizeof(palette) / sizeof(palette[0]))

void
care_chart_grey(cairo_t *cr, double g)
{
	cairo_set_source_rgb(cr, g, g, g);
}

void
care_chart_rgb(cairo_t *cr, size_t k)
{
	cairo_set_source_rgb(cr, palette[k % NPALETTE][0],
	    palette[k % NPALETTE][1], palette[k % NPALETTE][2]);
}

/*
 * Sets text in a layout of the given size; maxw > 0 ellipsizes it at
 * the end.  The caller unrefs the layout.
 */
static PangoLayout *
layout(cairo_t *cr, const char *s, double size, int bold, double maxw)
{
	PangoLayout *pl = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, CARE_CHART_FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(pl, fd);
	pango_font_description_free(fd);
	if (maxw > 0) {
		pango_layout_set_width(pl, (int)(maxw * PANGO_SCALE));
		pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
	}
	pango_layout_set_text(pl, s, -1);
	return pl;
}

/* The width of s on one line. */
double
care_chart_text_width(cairo_t *cr, const char *s, double size, int bold)
{
	PangoLayout *pl = layout(cr, s, size, bold, 0);
	int w, h;

	pango_layout_get_size(pl, &w, &h);
	g_object_unref(pl);
	return (double)w / PANGO_SCALE;
}

/*
 * Draws s with its top (or, when middle, its middle) at y, aligned at x;
 * returns its height.
 */
double
care_chart_text(cairo_t *cr, const char *s, double size, int bold, double x,
    double y, int align, int middle, double maxw)
{
	PangoLayout *pl = layout(cr, s, size, bold, maxw);
	int w, h;

	pango_layout_get_size(pl, &w, &h);
	if (align == CENTER)
		x -= (double)w / PANGO_SCALE / 2;
	else if (align == RIGHT)
		x -= (double)w / PANGO_SCALE;
	if (middle)
		y -= (double)h / PANGO_SCALE / 2;
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, pl);
	g_object_unref(pl);
	return (double)h / PANGO_SCALE;
}

/* Text on a white box, left-aligned at x, middle at y, over the lines. */
static void
boxed(cairo_t *cr, const char *s, double size, int bold, double x, double y)
{
	double w = care_chart_text_width(cr, s, size, bold);

	cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
	cairo_rectangle(cr, x - 2, y - size * 0.75, w + 4, size * 1.5);
	cairo_fill(cr);
	care_chart_grey(cr, 0.15);
	(void)care_chart_text(cr, s, size, bold, x, y, LEFT, 1, 0);
}

/* The title and its note line; returns the y below them. */
double
care_chart_title_block(cairo_t *cr, double w, const char *title)
{
	const char *nl = title != NULL ? strchr(title, '\n') : NULL;
	char *head;
	double y = MARGIN * 0.75;

	if (title == NULL)
		return y;
	head = nl != NULL ? care_strndup(title, (size_t)(nl - title)) :
	    care_strdup(title);
	care_chart_grey(cr, 0.1);
	y += care_chart_text(cr, head, TITLE_SIZE, 1, MARGIN, y, LEFT, 0,
	    w - 2 * MARGIN);
	if (nl != NULL) {
		care_chart_grey(cr, 0.4);
		y += 2 + care_chart_text(cr, nl + 1, NOTE_SIZE, 0, MARGIN,
		    y + 2, LEFT, 0, w - 2 * MARGIN);
	}
	free(head);
	return y;
}

/* A note where a chart would be. */
void
care_chart_empty(cairo_t *cr, double w, double h, double top, const char *msg)
{
	care_chart_grey(cr, 0.5);
	(void)care_chart_text(cr, msg, TEXT_SIZE, 0, w / 2, (top + h) / 2,
	    CENTER, 1, 0);
}

/* A step of 1, 2, 2.5 or 5 times a power of ten near span / n. */
double
care_chart_nice_step(double span, int n)
{
	double raw = span / n, p, f;

	if (!(raw > 0))
		return 1;
	p = pow(10, floor(log10(raw)));
	f = raw / p;
	return p * (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10);
}

/*
 * The value axis for data in [min, max].  Percentages keep 0 to 100
 * unless the data sit in a band under 30 points wide, which is zoomed
 * (the axis then says where it starts); other values start at 0 when
 * they are positive and not far from it.
 */
static void
scale(struct frame *f, double min, double max, int percent)
{
	if (percent && max - min >= 30) {
		f->lo = 0;
		f->hi = 100;
		f->step = 20;
		return;
	}
	if (!percent && min > 0 && min < max * 0.6)
		min = 0;
	if (max - min < 1e-9) {
		min -= percent ? 5 : fabs(min) * 0.1 + 1;
		max += percent ? 5 : fabs(max) * 0.1 + 1;
	}
	f->step = care_chart_nice_step(max - min, 4);
	f->lo = floor(min / f->step) * f->step;
	f->hi = ceil(max / f->step) * f->step;
	if (percent) {
		f->lo = f->lo < 0 ? 0 : f->lo;
		f->hi = f->hi > 100 ? 100 : f->hi;
	}
}

static double
ypos(const struct frame *f, double v)
{
	return f->y1 - (v - f->lo) / (f->hi - f->lo) * (f->y1 - f->y0);
}

/* The decimals a tick step needs: 0 for 20, 1 for 0.5, 2 for 0.25. */
static int
decimals(double step)
{
	int d;

	for (d = 0; d < 4; d++, step *= 10)
		if (fabs(step - round(step)) < 1e-6)
			break;
	return d;
}

void
care_chart_tick_label(char *buf, size_t size, double v, double step,
    int percent)
{
	(void)snprintf(buf, size, "%.*f%s", decimals(step), v,
	    percent ? "%" : "");
}

/* Grid lines, value ticks, the axes and the rotated axis label. */
static void
value_axis(cairo_t *cr, const struct frame *f, const char *label,
    int percent)
{
	char buf[32], *full;
	double v, y;

	cairo_set_line_width(cr, 1);
	for (v = f->lo; v <= f->hi + f->step / 1e6; v += f->step) {
		y = round(ypos(f, v)) + 0.5;
		care_chart_grey(cr, GRID_GREY);
		cairo_move_to(cr, f->x0, y);
		cairo_line_to(cr, f->x1, y);
		cairo_stroke(cr);
		care_chart_grey(cr, AXIS_GREY);
		care_chart_tick_label(buf, sizeof(buf), v, f->step, percent);
		(void)care_chart_text(cr, buf, TEXT_SIZE - 1, 0, f->x0 - 6, y,
		    RIGHT, 1, 0);
	}
	care_chart_grey(cr, AXIS_GREY);
	cairo_set_line_width(cr, 1.2);
	cairo_move_to(cr, f->x0, f->y0 - 4);
	cairo_line_to(cr, f->x0, f->y1);
	cairo_line_to(cr, f->x1, f->y1);
	cairo_stroke(cr);
	if (f->lo > 0) {
		/* A break mark: the axis does not start at zero. */
		cairo_move_to(cr, f->x0 - 5, f->y1 - 9);
		cairo_line_to(cr, f->x0 + 5, f->y1 - 13);
		cairo_move_to(cr, f->x0 - 5, f->y1 - 5);
		cairo_line_to(cr, f->x0 + 5, f->y1 - 9);
		cairo_stroke(cr);
	}
	if (label == NULL)
		return;
	care_chart_tick_label(buf, sizeof(buf), f->lo, f->step, percent);
	full = f->lo > 0 ? care_asprintf("%s（縦軸は%sから）", label, buf) :
	    care_strdup(label);
	cairo_save(cr);
	cairo_translate(cr, MARGIN - 2, (f->y0 + f->y1) / 2);
	cairo_rotate(cr, -M_PI / 2);
	(void)care_chart_text(cr, full, TEXT_SIZE, 0, 0, 0, CENTER, 0,
	    f->y1 - f->y0);
	cairo_restore(cr);
	free(full);
}

/* Marker k (circle, square, triangle, diamond, ...) at x, y. */
static void
marker(cairo_t *cr, size_t k, double x, double y, double r)
{
	switch (k % 5) {
	case 0:
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		break;
	case 1:
		cairo_rectangle(cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
		break;
	case 2:
	case 4:
		r *= 1.2;
		cairo_move_to(cr, x, k % 5 == 2 ? y - r : y + r);
		cairo_line_to(cr, x + r, k % 5 == 2 ? y + r * 0.75 :
		    y - r * 0.75);
		cairo_line_to(cr, x - r, k % 5 == 2 ? y + r * 0.75 :
		    y - r * 0.75);
		cairo_close_path(cr);
		break;
	default:
		r *= 1.25;
		cairo_move_to(cr, x, y - r);
		cairo_line_to(cr, x + r, y);
		cairo_line_to(cr, x, y + r);
		cairo_line_to(cr, x - r, y);
		cairo_close_path(cr);
		break;
	}
	care_chart_rgb(cr, k);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
}

static void
colour(cairo_t *cr, size_t k)
{
	care_chart_rgb(cr, k);
	/* Past the palette, lines are dashed to stay apart. */
	if (k >= NPALETTE) {
		double dash[] = { 5, 3 };

		cairo_set_dash(cr, dash, 2, 0);
	} else
		cairo_set_dash(cr, NULL, 0, 0);
}

/* The drawn value of series s at wave i, or NaN. */
static double
val(const struct care_chart_trend *t, const double *v, size_t i)
{
	if (v == NULL || !isfinite(v[i]))
		return NAN;
	return t->percent ? v[i] * 100 : v[i];
}

/* The range of every finite value, interval and the target. */
static int
range(const struct care_chart_trend *t, double *min, double *max)
{
	size_t k, i, j;
	double v;

	*min = INFINITY;
	*max = -INFINITY;
	for (k = 0; k < t->ns; k++)
		for (i = 0; i < t->nx; i++)
			for (j = 0; j < 3; j++) {
				v = val(t, j == 0 ? t->s[k].y : j == 1 ?
				    t->s[k].lo : t->s[k].hi, i);
				if (isfinite(v)) {
					*min = fmin(*min, v);
					*max = fmax(*max, v);
				}
			}
	if (!isfinite(*min))
		return -1;
	if (isfinite(t->target)) {
		*min = fmin(*min, t->target);
		*max = fmax(*max, t->target);
	}
	return 0;
}

/* The x of wave i of series k, series spread a little to stay apart. */
static double
xpos(const struct frame *f, const struct care_chart_trend *t, size_t i,
    size_t k)
{
	double slot = (f->x1 - f->x0) / (double)t->nx;
	double d = fmin(7, slot * 0.5 / (double)(t->ns + 1));

	return f->x0 + slot * ((double)i + 0.5) +
	    d * ((double)k - (double)(t->ns - 1) / 2);
}

static void
series(cairo_t *cr, const struct frame *f, const struct care_chart_trend *t,
    size_t k)
{
	const struct care_chart_series *s = &t->s[k];
	double x, y, lo, hi;
	char buf[32];
	size_t i;
	int open = 0;

	colour(cr, k);
	cairo_set_line_width(cr, 1.3);
	for (i = 0; i < t->nx; i++) {
		lo = val(t, s->lo, i);
		hi = val(t, s->hi, i);
		if (!isfinite(lo) || !isfinite(hi))
			continue;
		x = xpos(f, t, i, k);
		cairo_move_to(cr, x, ypos(f, lo));
		cairo_line_to(cr, x, ypos(f, hi));
		cairo_move_to(cr, x - 4, ypos(f, lo));
		cairo_line_to(cr, x + 4, ypos(f, lo));
		cairo_move_to(cr, x - 4, ypos(f, hi));
		cairo_line_to(cr, x + 4, ypos(f, hi));
	}
	cairo_stroke(cr);
	cairo_set_line_width(cr, 2.2);
	for (i = 0; i < t->nx; i++) {
		if (!isfinite(y = val(t, s->y, i))) {
			open = 0;
			continue;
		}
		if (open)
			cairo_line_to(cr, xpos(f, t, i, k), ypos(f, y));
		else
			cairo_move_to(cr, xpos(f, t, i, k), ypos(f, y));
		open = 1;
	}
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	for (i = 0; i < t->nx; i++) {
		if (!isfinite(y = val(t, s->y, i)))
			continue;
		marker(cr, k, xpos(f, t, i, k), ypos(f, y), 4);
		if (t->ns > 1)
			continue;
		/* One line: its values are written beside the points. */
		(void)snprintf(buf, sizeof(buf), t->percent ? "%.1f%%" :
		    "%.2f", y);
		boxed(cr, buf, TEXT_SIZE - 1, 1, xpos(f, t, i, k) + 9,
		    ypos(f, y) - 1);
	}
}

/* Whether series k has a value to draw (a withheld group has none). */
static int
drawn(const struct care_chart_trend *t, size_t k)
{
	size_t i;

	for (i = 0; i < t->nx; i++)
		if (isfinite(val(t, t->s[k].y, i)))
			return 1;
	return 0;
}

/* The legend to the right of the plot, from y0 down. */
static void
legend(cairo_t *cr, const struct frame *f, const struct care_chart_trend *t,
    double w)
{
	double x = f->x1 + 18, y = f->y0 + 4, lh = 20;
	size_t k;

	for (k = 0; k < t->ns && y + lh <= f->y1 + 4; k++) {
		if (!drawn(t, k))
			continue;
		colour(cr, k);
		cairo_set_line_width(cr, 2.2);
		cairo_move_to(cr, x, y + lh / 2);
		cairo_line_to(cr, x + 22, y + lh / 2);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		marker(cr, k, x + 11, y + lh / 2, 4);
		care_chart_grey(cr, 0.15);
		(void)care_chart_text(cr, t->s[k].label != NULL ?
		    t->s[k].label : "", TEXT_SIZE, 0, x + 28, y + lh / 2, LEFT,
		    1, w - MARGIN - x - 28);
		y += lh;
	}
}

/* The target: a dashed grey line, labelled at its right end. */
static void
target_line(cairo_t *cr, const struct frame *f, double target, int percent)
{
	double dash[] = { 6, 4 }, y = ypos(f, target);
	char buf[48];

	cairo_set_dash(cr, dash, 2, 0);
	cairo_set_line_width(cr, 1.2);
	care_chart_grey(cr, 0.45);
	cairo_move_to(cr, f->x0, y);
	cairo_line_to(cr, f->x1, y);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	(void)snprintf(buf, sizeof(buf), "目標 %g%s", target,
	    percent ? "%" : "");
	boxed(cr, buf, TEXT_SIZE - 1.5, 0, f->x0 + 6, y);
}

int
care_chart_trend(cairo_t *cr, double w, double h,
    const struct care_chart_trend *t)
{
	struct frame f;
	double min, max, lw = 0;
	size_t k, i;

	cairo_save(cr);
	f.y0 = care_chart_title_block(cr, w, t->title) + 18;
	if (t->nx == 0 || range(t, &min, &max) != 0) {
		care_chart_empty(cr, w, h, f.y0, "データがありません");
		cairo_restore(cr);
		return -1;
	}
	for (k = 0; t->ns > 1 && k < t->ns; k++)
		lw = fmax(lw, care_chart_text_width(cr, t->s[k].label != NULL ?
		    t->s[k].label : "", TEXT_SIZE, 0));
	lw = t->ns > 1 ? fmin(lw, w * 0.3) + 28 + 18 : 0;
	f.x0 = MARGIN + 62;
	f.x1 = w - MARGIN - lw - (t->ns > 1 ? 0 : 40);
	f.y1 = h - 36;
	scale(&f, min, max, t->percent);
	value_axis(cr, &f, t->ylabel, t->percent);
	for (i = 0; i < t->nx; i++) {
		care_chart_grey(cr, AXIS_GREY);
		(void)care_chart_text(cr, t->x[i], TEXT_SIZE, 0, f.x0 +
		    (f.x1 - f.x0) * ((double)i + 0.5) / (double)t->nx,
		    f.y1 + 7, CENTER, 0, 0);
	}
	if (isfinite(t->target) && t->target >= f.lo && t->target <= f.hi)
		target_line(cr, &f, t->target, t->percent);
	for (k = t->ns; k-- > 0;)
		series(cr, &f, t, k);
	if (t->ns > 1)
		legend(cr, &f, t, w);
	cairo_restore(cr);
	return 0;
}

static cairo_status_t
write_fp(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

cairo_t *
care_chart_svg_begin(FILE *fp, double w, double h)
{
	cairo_surface_t *sf;
	cairo_t *cr;

	sf = cairo_svg_surface_create_for_stream(write_fp, fp, w, h);
	cairo_svg_surface_set_document_unit(sf, CAIRO_SVG_UNIT_PX);
	cr = cairo_create(sf);
	cairo_surface_destroy(sf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	return cr;
}

int
care_chart_svg_end(cairo_t *cr)
{
	cairo_surface_t *sf = cairo_surface_reference(cairo_get_target(cr));
	cairo_status_t st;

	cairo_destroy(cr);
	errno = 0;
	cairo_surface_finish(sf);
	st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS && errno == 0)
		errno = EIO;
	return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

void
care_chart_cleanup(void)
{
	pango_cairo_font_map_set_default(NULL);
}

#endif /* HAVE_PDF */
