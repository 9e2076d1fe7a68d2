/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Internals shared by care_pdf.c and care_pdf_fig.c: the blocks of a
 * document and the state of a layout pass.  Not for programs.
 */
#ifndef CARE_PDF_INT_H
#define CARE_PDF_INT_H

#ifdef HAVE_PDF

#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "care_pdf.h"

enum bkind { B_TITLE, B_HEADING, B_TABLE, B_PARA, B_FIGURE };

struct block {
	enum bkind		 kind;
	char			*text, *sub, *edition;
	int			 newpage;
	struct care_pdf_col	*col;
	size_t			 ncol;
	char			***row;
	size_t			 nrow, cap;
	void			*svg;		/* RsvgHandle, or NULL */
	double			 fw;		/* width share */
	double			 uw, uh;	/* SVG size, user units */
	double			 panel;		/* a panel's height, or 0 */
};

struct care_pdf {
	struct care_pdf_setup	 s;
	struct block		*b;
	size_t			 nb, cap;
};

/* Layout state of one pass. */
struct lay {
	const struct care_pdf	*p;
	cairo_t			*cr;
	PangoLayout		*pl;
	PangoFontDescription	*fd;
	double			 pw, ph;	/* page size */
	double			 x0, x1;	/* left and right margins */
	double			 top, bottom;	/* content area */
	double			 y;
	int			 page, npages, draw, fresh;
};

/* care_pdf.c: blocks and the primitives of a layout pass. */
struct block *care_pdf_add(struct care_pdf *p, enum bkind k);
/* Sets the layout's text and style; returns its height in points. */
double care_pdf_set_text(struct lay *l, const char *text, double width,
    double size, int bold, PangoWrapMode wrap, PangoAlignment align);
void care_pdf_show(struct lay *l, double x, double y, double grey);
void care_pdf_new_page(struct lay *l);
/* Breaks the page unless h more points fit. */
void care_pdf_need(struct lay *l, double h);

/* care_pdf_fig.c: SVG figures, whole, in panels or in strips. */
/* What a heading is kept with: the figure's first strip. */
double care_pdf_fig_keep(struct lay *l, const struct block *b);
/* A figure, then its caption. */
void care_pdf_lay_figure(struct lay *l, const struct block *b);

#endif /* HAVE_PDF */
#endif /* CARE_PDF_INT_H */
