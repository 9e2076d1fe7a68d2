/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A4 page layout of titles, headings, paragraphs and tables with Pango. */
#include <config.h>

#ifdef HAVE_PDF

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "care_alloc.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_pdf_int.h"

#define MM		(72.0 / 25.4)
#define PAD		(2.6)		/* cell padding, points */
#define CONTINUED	"（続き）"

static char *
dup0(const char *s)
{
	return s != NULL ? care_strdup(s) : NULL;
}

struct block *
care_pdf_add(struct care_pdf *p, enum bkind k)
{
	if (p->nb == p->cap) {
		p->cap = p->cap * 2 + 8;
		p->b = care_reallocarray(p->b, p->cap, sizeof(*p->b));
	}
	memset(&p->b[p->nb], 0, sizeof(*p->b));
	p->b[p->nb].kind = k;
	return &p->b[p->nb++];
}

struct care_pdf *
care_pdf_new(const struct care_pdf_setup *setup)
{
	struct care_pdf *p = care_calloc(1, sizeof(*p));

	p->s = *setup;
	p->s.font = dup0(setup->font != NULL ? setup->font : "IPAexGothic");
	p->s.title = dup0(setup->title);
	p->s.footer_left = dup0(setup->footer_left);
	p->s.footer_right = dup0(setup->footer_right);
	if (p->s.font_size < 6)
		p->s.font_size = 10;
	return p;
}

void
care_pdf_title(struct care_pdf *p, const char *title, const char *sub,
    const char *edition)
{
	struct block *b = care_pdf_add(p, B_TITLE);

	b->text = dup0(title);
	b->sub = dup0(sub);
	b->edition = dup0(edition);
}

void
care_pdf_heading(struct care_pdf *p, const char *text, int newpage)
{
	struct block *b = care_pdf_add(p, B_HEADING);

	b->text = dup0(text);
	b->newpage = newpage;
}

void
care_pdf_para(struct care_pdf *p, const char *text)
{
	care_pdf_add(p, B_PARA)->text = dup0(text);
}

void
care_pdf_table(struct care_pdf *p, const char *caption, size_t ncol,
    const struct care_pdf_col *cols)
{
	struct block *b = care_pdf_add(p, B_TABLE);
	size_t i;

	b->text = caption != NULL ? care_strdup(caption) : NULL;
	b->ncol = ncol;
	b->col = care_calloc(ncol, sizeof(*b->col));
	for (i = 0; i < ncol; i++) {
		b->col[i] = cols[i];
		b->col[i].header = dup0(cols[i].header);
		if (b->col[i].width <= 0)
			b->col[i].width = 1;
	}
}

void
care_pdf_row(struct care_pdf *p, const char *const *cells)
{
	struct block *b;
	size_t i;

	if (p->nb == 0 || (b = &p->b[p->nb - 1])->kind != B_TABLE)
		return;
	if (b->nrow == b->cap) {
		b->cap = b->cap * 2 + 16;
		b->row = care_reallocarray(b->row, b->cap, sizeof(*b->row));
	}
	b->row[b->nrow] = care_calloc(b->ncol, sizeof(char *));
	for (i = 0; i < b->ncol; i++)
		b->row[b->nrow][i] = care_strdup(cells[i] != NULL ?
		    cells[i] : "");
	b->nrow++;
}


/* Sets the layout's text and style; returns its height in points. */
double
care_pdf_set_text(struct lay *l, const char *text, double width, double size,
    int bold, PangoWrapMode wrap, PangoAlignment align)
{
	int w, h;

	pango_font_description_set_size(l->fd, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(l->fd, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l->pl, l->fd);
	pango_layout_set_width(l->pl, width > 0 ? (int)(width * PANGO_SCALE) :
	    -1);
	pango_layout_set_wrap(l->pl, wrap);
	pango_layout_set_alignment(l->pl, align);
	pango_layout_set_spacing(l->pl, (int)(size * 0.25 * PANGO_SCALE));
	pango_layout_set_text(l->pl, text, -1);
	pango_layout_get_size(l->pl, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* The natural width of text on one line, in points. */
static double
natural(struct lay *l, const char *text, double size, int bold)
{
	int w, h;

	(void)care_pdf_set_text(l, text, -1, size, bold, PANGO_WRAP_WORD,
	    PANGO_ALIGN_LEFT);
	pango_layout_get_size(l->pl, &w, &h);
	return (double)w / PANGO_SCALE;
}

void
care_pdf_show(struct lay *l, double x, double y, double grey)
{
	if (!l->draw)
		return;
	cairo_set_source_rgb(l->cr, grey, grey, grey);
	cairo_move_to(l->cr, x, y);
	pango_cairo_show_layout(l->cr, l->pl);
}

static void
rule(struct lay *l, double x0, double y0, double x1, double y1, double lw,
    double grey)
{
	if (!l->draw)
		return;
	cairo_set_source_rgb(l->cr, grey, grey, grey);
	cairo_set_line_width(l->cr, lw);
	cairo_move_to(l->cr, x0, y0);
	cairo_line_to(l->cr, x1, y1);
	cairo_stroke(l->cr);
}

static void
fill(struct lay *l, double x, double y, double w, double h, double grey)
{
	if (!l->draw)
		return;
	cairo_set_source_rgb(l->cr, grey, grey, grey);
	cairo_rectangle(l->cr, x, y, w, h);
	cairo_fill(l->cr);
}

/*
 * Footer: the edition left, the page number right, the publisher
 * centred on a line of its own; the title runs at the top of later pages.
 */
static void
footer(struct lay *l)
{
	const struct care_pdf_setup *s = &l->p->s;
	double fs = 8.5, y = l->ph - 15 * MM, w = l->x1 - l->x0;
	char num[64];

	rule(l, l->x0, y - 3, l->x1, y - 3, 0.6, 0.3);
	if (s->footer_left != NULL) {
		(void)care_pdf_set_text(l, s->footer_left, w, fs, 1,
		    PANGO_WRAP_WORD, PANGO_ALIGN_LEFT);
		care_pdf_show(l, l->x0, y, 0);
	}
	if (l->npages > 0)
		snprintf(num, sizeof(num), "%d / %d", l->page, l->npages);
	else
		snprintf(num, sizeof(num), "%d", l->page);
	(void)care_pdf_set_text(l, num, w, fs + 0.5, 1, PANGO_WRAP_WORD,
	    PANGO_ALIGN_RIGHT);
	care_pdf_show(l, l->x0, y, 0);
	if (s->footer_right != NULL) {
		(void)care_pdf_set_text(l, s->footer_right, w - 120, fs, 0,
		    PANGO_WRAP_WORD_CHAR, PANGO_ALIGN_CENTER);
		care_pdf_show(l, l->x0 + 60, y + fs * 1.6, 0.2);
	}
	if (l->page > 1 && s->title != NULL) {
		(void)care_pdf_set_text(l, s->title, w, 8, 0, PANGO_WRAP_WORD,
		    PANGO_ALIGN_RIGHT);
		care_pdf_show(l, l->x0, 8 * MM, 0.35);
	}
}

void
care_pdf_new_page(struct lay *l)
{
	if (l->page > 0) {
		footer(l);
		if (l->draw)
			cairo_show_page(l->cr);
	}
	l->page++;
	l->y = l->top;
	l->fresh = 1;
}

/* Breaks the page unless h more points fit. */
void
care_pdf_need(struct lay *l, double h)
{
	if (l->y + h > l->bottom && !l->fresh)
		care_pdf_new_page(l);
}


static void
lay_title(struct lay *l, const struct block *b)
{
	double w = l->x1 - l->x0, h;

	h = care_pdf_set_text(l, b->text, w, 20, 1, PANGO_WRAP_WORD_CHAR,
	    PANGO_ALIGN_LEFT);
	care_pdf_show(l, l->x0, l->y, 0);
	l->y += h + 4;
	if (b->sub != NULL) {
		h = care_pdf_set_text(l, b->sub, w, 11, 0, PANGO_WRAP_WORD_CHAR,
		    PANGO_ALIGN_LEFT);
		care_pdf_show(l, l->x0, l->y, 0.15);
		l->y += h + 3;
	}
	if (b->edition != NULL) {
		h = care_pdf_set_text(l, b->edition, w, 11, 1,
		    PANGO_WRAP_WORD_CHAR, PANGO_ALIGN_LEFT);
		care_pdf_show(l, l->x0, l->y, 0);
		l->y += h + 3;
	}
	rule(l, l->x0, l->y + 2, l->x1, l->y + 2, 1.5, 0);
	l->y += 12;
	l->fresh = 0;
}

/*
 * A heading, kept with what follows: a figure's first strip, else room
 * for a caption, a header row and a row.
 */
static void
lay_heading(struct lay *l, const struct block *b, const struct block *next)
{
	double w = l->x1 - l->x0, h, keep = 8 * l->p->s.font_size * 1.6;

	if (b->newpage && !l->fresh)
		care_pdf_new_page(l);
	if (next != NULL && next->kind == B_FIGURE && next->svg != NULL)
		keep = 18 + care_pdf_fig_keep(l, next);
	h = care_pdf_set_text(l, b->text, w, 15, 1, PANGO_WRAP_WORD_CHAR,
	    PANGO_ALIGN_LEFT);
	care_pdf_need(l, h + keep);
	/* A page break drew the footer with the same layout: set again. */
	(void)care_pdf_set_text(l, b->text, w, 15, 1, PANGO_WRAP_WORD_CHAR,
	    PANGO_ALIGN_LEFT);
	l->y += l->fresh ? 0 : 8;
	care_pdf_show(l, l->x0, l->y, 0);
	l->y += h + 2;
	rule(l, l->x0, l->y, l->x1, l->y, 1.2, 0);
	l->y += 8;
	l->fresh = 0;
}

static void
lay_para(struct lay *l, const struct block *b)
{
	double h = care_pdf_set_text(l, b->text, l->x1 - l->x0,
	    l->p->s.font_size * 0.95, 0, PANGO_WRAP_WORD_CHAR,
	    PANGO_ALIGN_LEFT);

	care_pdf_need(l, h);
	(void)care_pdf_set_text(l, b->text, l->x1 - l->x0,
	    l->p->s.font_size * 0.95, 0, PANGO_WRAP_WORD_CHAR,
	    PANGO_ALIGN_LEFT);
	care_pdf_show(l, l->x0, l->y, 0);
	l->y += h + 4;
	l->fresh = 0;
}

/* The narrowest a column may be: whole cells, or a flag's header. */
static double
min_width(struct lay *l, const struct block *b, size_t i)
{
	double nat = 0, w;
	size_t r;

	if (b->col[i].center)
		nat = natural(l, b->col[i].header, l->p->s.font_size, 1);
	for (r = 0; b->col[i].whole && r < b->nrow; r++)
		if ((w = natural(l, b->row[r][i], l->p->s.font_size, 0)) > nat)
			nat = w;
	return nat > 0 ? nat + 2 * PAD + 1 : 0;
}

/* Column widths: relative weights, whole columns wide enough. */
static double *
widths(struct lay *l, const struct block *b)
{
	double *w = care_calloc(b->ncol, sizeof(*w)), sum = 0, total, min;
	double flex = 0, extra = 0;
	size_t i;

	total = l->x1 - l->x0;
	for (i = 0; i < b->ncol; i++)
		sum += b->col[i].width;
	for (i = 0; i < b->ncol; i++)
		w[i] = total * b->col[i].width / sum;
	for (i = 0; i < b->ncol; i++) {
		if (!b->col[i].whole && !b->col[i].center) {
			flex += w[i];
			continue;
		}
		if ((min = min_width(l, b, i)) > w[i]) {
			extra += min - w[i];
			w[i] = min;
		}
	}
	for (i = 0; i < b->ncol && flex > 0 && extra > 0; i++)
		if (!b->col[i].whole && !b->col[i].center)
			w[i] -= extra * w[i] / flex;
	return w;
}

static PangoAlignment
align(const struct care_pdf_col *c, int header)
{
	if (c->center || header)
		return PANGO_ALIGN_CENTER;
	return c->right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

/* Height of a row of cells (the header when bold). */
static double
row_height(struct lay *l, const struct block *b, const double *w,
    const char *const *cells, int bold)
{
	double h, max = 0;
	size_t i;

	for (i = 0; i < b->ncol; i++) {
		h = care_pdf_set_text(l, cells[i], w[i] - 2 * PAD,
		    l->p->s.font_size, bold, b->col[i].whole && !bold ?
		    PANGO_WRAP_WORD : PANGO_WRAP_WORD_CHAR,
		    align(&b->col[i], bold));
		if (h > max)
			max = h;
	}
	return max + 2 * PAD;
}

static void
draw_row(struct lay *l, const struct block *b, const double *w,
    const char *const *cells, int bold, double h, double shade)
{
	double x = l->x0;
	size_t i;

	if (shade < 1)
		fill(l, l->x0, l->y, l->x1 - l->x0, h, shade);
	for (i = 0; i < b->ncol; i++) {
		(void)care_pdf_set_text(l, cells[i], w[i] - 2 * PAD,
		    l->p->s.font_size, bold, b->col[i].whole && !bold ?
		    PANGO_WRAP_WORD : PANGO_WRAP_WORD_CHAR,
		    align(&b->col[i], bold));
		care_pdf_show(l, x + PAD, l->y + PAD, 0);
		if (l->draw) {
			cairo_set_source_rgb(l->cr, 0.25, 0.25, 0.25);
			cairo_set_line_width(l->cr, 0.5);
			cairo_rectangle(l->cr, x, l->y, w[i], h);
			cairo_stroke(l->cr);
		}
		x += w[i];
	}
	l->y += h;
}

/* The caption (group label) and the header row. */
static void
table_top(struct lay *l, const struct block *b, const double *w,
    const char *const *hdr, double hh, int cont)
{
	char *cap;
	double h;

	if (b->text != NULL) {
		cap = care_asprintf("%s%s", b->text, cont ? CONTINUED : "");
		h = care_pdf_set_text(l, cap, l->x1 - l->x0 - 10,
		    l->p->s.font_size * 1.2, 1, PANGO_WRAP_WORD_CHAR,
		    PANGO_ALIGN_LEFT);
		l->y += l->fresh ? 0 : 4;
		fill(l, l->x0, l->y, 4, h, 0.2);
		care_pdf_show(l, l->x0 + 9, l->y, 0);
		l->y += h + 4;
		free(cap);
	}
	draw_row(l, b, w, hdr, 1, hh, 0.85);
	rule(l, l->x0, l->y, l->x1, l->y, 1.2, 0);
	l->fresh = 0;
}

static void
lay_table(struct lay *l, const struct block *b)
{
	const char **hdr = care_calloc(b->ncol, sizeof(*hdr));
	double *w = widths(l, b), hh, rh, cap = 0;
	size_t i, r;

	for (i = 0; i < b->ncol; i++)
		hdr[i] = b->col[i].header;
	hh = row_height(l, b, w, hdr, 1);
	if (b->text != NULL)
		cap = care_pdf_set_text(l, b->text, l->x1 - l->x0,
		    l->p->s.font_size * 1.2, 1, PANGO_WRAP_WORD_CHAR,
		    PANGO_ALIGN_LEFT) + 8;
	rh = b->nrow > 0 ? row_height(l, b, w,
	    (const char *const *)b->row[0], 0) : 0;
	care_pdf_need(l, cap + hh + rh);
	table_top(l, b, w, hdr, hh, 0);
	for (r = 0; r < b->nrow; r++) {
		rh = row_height(l, b, w, (const char *const *)b->row[r], 0);
		if (l->y + rh > l->bottom) {
			care_pdf_new_page(l);
			table_top(l, b, w, hdr, hh, 1);
		}
		draw_row(l, b, w, (const char *const *)b->row[r], 0, rh,
		    r % 2 == 1 ? 0.95 : 1);
	}
	l->y += 8;
	free(hdr);
	free(w);
}

/* One layout pass; returns the number of pages. */
static int
pass(struct lay *l)
{
	size_t i;

	l->page = 0;
	care_pdf_new_page(l);
	for (i = 0; i < l->p->nb; i++)
		switch (l->p->b[i].kind) {
		case B_TITLE:
			lay_title(l, &l->p->b[i]);
			break;
		case B_HEADING:
			lay_heading(l, &l->p->b[i], i + 1 < l->p->nb ?
			    &l->p->b[i + 1] : NULL);
			break;
		case B_PARA:
			lay_para(l, &l->p->b[i]);
			break;
		case B_TABLE:
			lay_table(l, &l->p->b[i]);
			break;
		case B_FIGURE:
			care_pdf_lay_figure(l, &l->p->b[i]);
			break;
		}
	footer(l);
	if (l->draw)
		cairo_show_page(l->cr);
	return l->page;
}

static cairo_status_t
write_fp(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t
write_null(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure;
	(void)data;
	(void)len;
	return CAIRO_STATUS_SUCCESS;
}

/* Warns when fontconfig gives another family than the one asked for. */
static void
check_font(struct lay *l)
{
	PangoContext *ctx = pango_layout_get_context(l->pl);
	PangoFont *f = pango_context_load_font(ctx, l->fd);
	PangoFontDescription *got;
	const char *fam;

	if (f == NULL) {
		care_warnx(_("font '%s' not found"), l->p->s.font);
		return;
	}
	got = pango_font_describe(f);
	fam = pango_font_description_get_family(got);
	if (fam == NULL || strcasecmp(fam, l->p->s.font) != 0)
		care_warnx(_("font '%s' not found; using '%s'"), l->p->s.font,
		    fam != NULL ? fam : "?");
	pango_font_description_free(got);
	g_object_unref(f);
}

static int
run(struct lay *l, FILE *fp)
{
	cairo_surface_t *sf;
	cairo_status_t st;

	sf = cairo_pdf_surface_create_for_stream(fp != NULL ? write_fp :
	    write_null, fp, l->pw, l->ph);
	if (fp != NULL && l->p->s.title != NULL)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
		    l->p->s.title);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
	    PACKAGE_NAME " guidebook-render");
	l->cr = cairo_create(sf);
	l->pl = pango_cairo_create_layout(l->cr);
	l->fd = pango_font_description_from_string(l->p->s.font);
	pango_font_description_set_family(l->fd, l->p->s.font);
	if (fp == NULL)
		check_font(l);
	l->draw = fp != NULL;
	l->npages = pass(l);
	pango_font_description_free(l->fd);
	g_object_unref(l->pl);
	cairo_destroy(l->cr);
	cairo_surface_finish(sf);
	st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st == CAIRO_STATUS_WRITE_ERROR && errno == 0)
		errno = EIO;
	return st == CAIRO_STATUS_SUCCESS ? l->npages : -1;
}

int
care_pdf_write(struct care_pdf *p, FILE *fp)
{
	struct lay l;
	int n;

	memset(&l, 0, sizeof(l));
	l.p = p;
	l.pw = p->s.landscape ? 297 * MM : 210 * MM;
	l.ph = p->s.landscape ? 210 * MM : 297 * MM;
	l.x0 = 14 * MM;
	l.x1 = l.pw - 14 * MM;
	l.top = 14 * MM;
	l.bottom = l.ph - 20 * MM;
	/* The first pass counts the pages for "n / N". */
	if ((n = run(&l, NULL)) < 0) {
		pango_cairo_font_map_set_default(NULL);
		return -1;
	}
	l.npages = n;
	errno = 0;
	n = run(&l, fp);
	/*
	 * Drops Pango's font map.  Cairo's static caches stay: resetting
	 * them (cairo_debug_reset_static_data) asserts on objects a font
	 * cache or librsvg may still hold, and aborted runs at random.
	 */
	pango_cairo_font_map_set_default(NULL);
	if (n < 0)
		return -1;
	return fflush(fp) == 0 ? n : -1;
}

void
care_pdf_free(struct care_pdf *p)
{
	size_t i, j, k;
	struct block *b;

	if (p == NULL)
		return;
	for (i = 0; i < p->nb; i++) {
		b = &p->b[i];
		free(b->text);
		free(b->sub);
		free(b->edition);
		for (j = 0; j < b->ncol; j++)
			free((char *)b->col[j].header);
		for (j = 0; j < b->nrow; j++) {
			for (k = 0; k < b->ncol; k++)
				free(b->row[j][k]);
			free(b->row[j]);
		}
		free(b->row);
		free(b->col);
#ifdef HAVE_RSVG
		if (b->svg != NULL)
			g_object_unref(b->svg);
#endif
	}
	free(p->b);
	free((char *)p->s.font);
	free((char *)p->s.title);
	free((char *)p->s.footer_left);
	free((char *)p->s.footer_right);
	free(p);
}

#endif /* HAVE_PDF */
