/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A small page layout engine for printed lists, over Pango and Cairo
 * (the only module that includes their headers; built when configure
 * finds them, HAVE_PDF).  A document is collected as blocks (a title,
 * section headings, paragraphs, tables) and laid out on A4 when written:
 * a table's header row is repeated on every page it runs onto, a row is
 * never split across a page break, a heading is kept with what follows,
 * and every page has a footer with the edition, the page number ("2 /
 * 5") and the publisher.  Text wraps by words and, for Japanese, between
 * characters (PANGO_WRAP_WORD_CHAR, with the kinsoku rules of UAX #14);
 * a "whole" column (phone numbers) is never broken: it is made wide
 * enough for its longest line.
 */
#ifndef CARE_PDF_H
#define CARE_PDF_H

#include <stddef.h>
#include <stdio.h>

struct care_pdf_setup {
	const char	*font;		/* fontconfig family: "IPAexGothic" */
	double		 font_size;	/* body text, points (9 to 14) */
	int		 landscape;	/* A4 landscape instead of portrait */
	const char	*title;		/* metadata and running header */
	const char	*footer_left;	/* "令和7年4月1日現在" */
	const char	*footer_right;	/* publisher, or NULL */
};

struct care_pdf_col {
	const char	*header;
	double		 width;		/* relative weight */
	int		 center;	/* centred (○ / －) */
	int		 whole;		/* never broken inside a line */
	int		 right;		/* right-aligned (numbers) */
};

struct care_pdf;

struct care_pdf *care_pdf_new(const struct care_pdf_setup *setup);
/* The document title with an optional subtitle and edition line. */
void care_pdf_title(struct care_pdf *p, const char *title, const char *sub,
    const char *edition);
/* A section heading; newpage starts it on a fresh page. */
void care_pdf_heading(struct care_pdf *p, const char *text, int newpage);
/*
 * Starts a table; caption (may be NULL) is printed above it and again,
 * with "（続き）", on each page the table continues on.  The strings are
 * copied.
 */
void care_pdf_table(struct care_pdf *p, const char *caption, size_t ncol,
    const struct care_pdf_col *cols);
/* Adds a row of ncol cells (copied) to the current table. */
void care_pdf_row(struct care_pdf *p, const char *const *cells);
/* A paragraph (legend, notes); line breaks in text are kept. */
void care_pdf_para(struct care_pdf *p, const char *text);
/*
 * A figure: the SVG document svg[0..len) drawn with librsvg (no script
 * runs, nothing outside it is loaded), width a share (0 to 1) of the
 * text width, kept on one page (see care_pdf_figure_panels() for one
 * taller than a page), with caption (may be NULL) under it.
 * An SVG librsvg cannot read is reported (name in the message) and its
 * caption printed alone.  The data are copied.
 */
void care_pdf_figure(struct care_pdf *p, const char *name, const char *svg,
    size_t len, double width, const char *caption);
/*
 * Makes the figure just added a stack of panels, each panel units of the
 * SVG's user space tall, top to bottom (the last may be shorter).  It is
 * then drawn in strips cut only between panels, as many as fit on each
 * page, two panels to a row when the width holds two at CARE_PDF_MIN_SCALE
 * or more, the caption after the last.  0 (the default) is one picture,
 * made to fit a page unless that scales it below CARE_PDF_MIN_SCALE: it
 * is then cut at the page's height instead.
 */
void care_pdf_figure_panels(struct care_pdf *p, double panel);
/* The least a figure is scaled to, points per SVG unit (12-unit text: 6pt). */
#define CARE_PDF_MIN_SCALE	0.5
/*
 * Lays the document out and writes it to fp.  Returns the number of
 * pages, or -1 on a write error (errno set) or when the font cannot be
 * used (reported).
 */
int care_pdf_write(struct care_pdf *p, FILE *fp);
void care_pdf_free(struct care_pdf *p);

#endif /* CARE_PDF_H */
