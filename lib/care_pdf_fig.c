/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PDF figures: SVGs drawn with librsvg, whole, in panels or in strips. */
#include <config.h>

#ifdef HAVE_PDF

#include <math.h>

#include <cairo.h>
#ifdef HAVE_RSVG
#include <librsvg/rsvg.h>
#endif

#include "care_alloc.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_pdf_int.h"

#define FIG_GAP		(8.0)		/* between panels side by side */
#define FIG_HEAD	(36.0)		/* a heading above a figure */

/* How a figure is cut: whole, between panels, or at the page's foot. */
enum fmode { F_WHOLE, F_PANELS, F_CUT };

struct fplan {
	enum fmode	 mode;
	double		 s;		/* points per SVG user unit */
	size_t		 n, cols;	/* panels, panels to a row */
	double		 x;		/* left edge of the first column */
	double		 ch;		/* caption height, or 0 */
};

#ifdef HAVE_RSVG
/*
 * The size of an SVG in its user units, which panel heights are given
 * in and which rsvg_handle_render_document() fits to a viewport: its
 * viewBox, else its size in pixels, else 400 x 300.
 */
static void
user_size(RsvgHandle *h, struct block *b)
{
	gboolean hw, hh, hv;
	RsvgLength w, ht;
	RsvgRectangle vb;
	gdouble pw, ph;

	rsvg_handle_get_intrinsic_dimensions(h, &hw, &w, &hh, &ht, &hv, &vb);
	b->uw = 400;
	b->uh = 300;
	if (hv && vb.width > 0 && vb.height > 0) {
		b->uw = vb.width;
		b->uh = vb.height;
	} else if (rsvg_handle_get_intrinsic_size_in_pixels(h, &pw, &ph) &&
	    pw > 0 && ph > 0) {
		b->uw = pw;
		b->uh = ph;
	}
}
#endif

void
care_pdf_figure(struct care_pdf *p, const char *name, const char *svg,
    size_t len, double width, const char *caption)
{
	struct block *b = care_pdf_add(p, B_FIGURE);
#ifdef HAVE_RSVG
	GError *err = NULL;
	RsvgHandle *h;

	if (svg != NULL && (h = rsvg_handle_new_from_data((const guint8 *)svg,
	    len, &err)) != NULL) {
		b->svg = h;
		user_size(h, b);
	} else if (svg != NULL) {
		care_diag(CARE_DIAG_ERROR, name, 0, 0, _("figure: not an SVG "
		    "file librsvg can draw: %s"), err != NULL ?
		    err->message : "?");
		g_clear_error(&err);
	}
#else
	(void)svg;
	(void)len;
	care_diag(CARE_DIAG_WARN, name, 0, 0, _("figure: built without "
	    "librsvg; caption only"));
#endif
	b->fw = width > 0 && width <= 1 ? width : 1;
	b->text = caption != NULL ? care_strdup(caption) : NULL;
}

void
care_pdf_figure_panels(struct care_pdf *p, double panel)
{
	if (p->nb > 0 && p->b[p->nb - 1].kind == B_FIGURE)
		p->b[p->nb - 1].panel = panel > 0 ? panel : 0;
}

/* Sets the caption in the layout; returns its height, 0 when none. */
static double
caption_text(struct lay *l, const struct block *b)
{
	if (b->text == NULL)
		return 0;
	return care_pdf_set_text(l, b->text, l->x1 - l->x0,
	    l->p->s.font_size * 0.95, 0, PANGO_WRAP_WORD_CHAR,
	    PANGO_ALIGN_CENTER);
}

/*
 * Plans a figure at its share of the text width: whole, shrunk to fit a
 * page (with a heading above and the caption under it) down to the least
 * scale, else cut at the page's foot; or in rows of panels, two to a row
 * when both are drawn at the least scale or more.
 */
static void
plan(struct lay *l, const struct block *b, struct fplan *f)
{
	double tw = l->x1 - l->x0, w = tw * b->fw, avail;

	f->ch = caption_text(l, b);
	avail = l->bottom - l->top - FIG_HEAD - f->ch - 8;
	f->mode = F_WHOLE;
	f->n = f->cols = 1;
	f->s = w / b->uw;
	if (b->panel > 0 && b->uh > b->panel * 1.01) {
		f->mode = F_PANELS;
		f->n = (size_t)ceil(b->uh / b->panel - 0.01);
		if ((w - FIG_GAP) / 2 / b->uw >= CARE_PDF_MIN_SCALE) {
			f->cols = 2;
			f->s = (w - FIG_GAP) / 2 / b->uw;
		}
		/* A panel taller than a page is made to fit one. */
		if (b->panel * f->s > avail)
			f->s = avail / b->panel;
	} else if (b->uh * f->s > avail) {
		if (avail / b->uh >= CARE_PDF_MIN_SCALE)
			f->s = avail / b->uh;
		else {
			f->mode = F_CUT;
			f->s = fmin(f->s, CARE_PDF_MIN_SCALE);
		}
	}
	f->x = l->x0 + (tw - (double)f->cols * b->uw * f->s -
	    (double)(f->cols - 1) * FIG_GAP) / 2;
}

/* The height of row r of panels, points: the last panel may be short. */
static double
panel_row(const struct block *b, const struct fplan *f, size_t r)
{
	return fmin(b->panel, b->uh - (double)(r * f->cols) * b->panel) *
	    f->s;
}

/* What a heading is kept with: the figure's first strip. */
double
care_pdf_fig_keep(struct lay *l, const struct block *b)
{
	struct fplan f;

	plan(l, b, &f);
	if (f.mode == F_CUT)
		return (l->bottom - l->top) / 4;
	if (f.mode == F_WHOLE)
		return b->uh * f.s + 8 + f.ch;
	return panel_row(b, &f, 0) + 4 + (f.n <= f.cols ? 4 + f.ch : 0);
}

/*
 * Draws the band [u0, u0 + uh) of the SVG's user space with its top at
 * (x, y): the whole document rendered at the plan's scale, clipped.
 */
static void
piece(struct lay *l, const struct block *b, const struct fplan *f,
    double x, double y, double u0, double uh)
{
#ifdef HAVE_RSVG
	RsvgRectangle vp;
	GError *err = NULL;

	if (!l->draw)
		return;
	vp.x = x;
	vp.y = y - u0 * f->s;
	vp.width = b->uw * f->s;
	vp.height = b->uh * f->s;
	cairo_save(l->cr);
	cairo_rectangle(l->cr, x, y, vp.width, uh * f->s);
	cairo_clip(l->cr);
	if (!rsvg_handle_render_document(b->svg, l->cr, &vp, &err))
		g_clear_error(&err);
	cairo_restore(l->cr);
#else
	(void)l, (void)b, (void)f, (void)x, (void)y, (void)u0, (void)uh;
#endif
}

/* Rows of panels, as many as fit on each page; the caption kept last. */
static void
fig_panels(struct lay *l, const struct block *b, const struct fplan *f)
{
	size_t rows = (f->n + f->cols - 1) / f->cols, r, c, i;
	double rh, pw = b->uw * f->s;

	for (r = 0; r < rows; r++) {
		rh = panel_row(b, f, r);
		care_pdf_need(l, rh + 4 + (r + 1 == rows ? 4 + f->ch : 0));
		for (c = 0; c < f->cols && (i = r * f->cols + c) < f->n; c++)
			piece(l, b, f, f->x + (double)c * (pw + FIG_GAP),
			    l->y + 4, (double)i * b->panel,
			    fmin(b->panel, b->uh - (double)i * b->panel));
		l->y += rh + 4;
		l->fresh = 0;
	}
	l->y += 4;
}

/* A figure too tall to shrink onto a page: cut at each page's foot. */
static void
fig_cut(struct lay *l, const struct block *b, const struct fplan *f)
{
	double u = 0, hu, space;

	while (b->uh - u > 0.5) {
		space = l->bottom - l->y - 8;
		if (space < (l->bottom - l->top) / 4 && !l->fresh) {
			care_pdf_new_page(l);
			continue;
		}
		hu = fmin(b->uh - u, space / f->s);
		piece(l, b, f, f->x, l->y + 4, u, hu);
		l->y += hu * f->s + 8;
		l->fresh = 0;
		u += hu;
	}
}

/* A figure, planned as above, then its caption. */
void
care_pdf_lay_figure(struct lay *l, const struct block *b)
{
	struct fplan f;
	double ch;

	if (b->svg != NULL) {
		plan(l, b, &f);
		if (f.mode == F_PANELS)
			fig_panels(l, b, &f);
		else if (f.mode == F_CUT)
			fig_cut(l, b, &f);
		else {
			care_pdf_need(l, b->uh * f.s + 8 + f.ch);
			piece(l, b, &f, f.x, l->y + 4, 0, b->uh);
			l->y += b->uh * f.s + 8;
		}
	} else
		l->y += 8;
	if ((ch = caption_text(l, b)) > 0) {
		care_pdf_need(l, ch);
		/* A page break drew the footer with the same layout. */
		(void)caption_text(l, b);
		care_pdf_show(l, l->x0, l->y, 0.15);
		l->y += ch + 6;
	}
	l->fresh = 0;
}

#endif /* HAVE_PDF */
