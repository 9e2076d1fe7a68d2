/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Guidebook as a printed A4 list through care_pdf (when built with PDF). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>

#include "care_alloc.h"
#include "care_err.h"
#include "care_guide_int.h"
#include "care_i18n.h"
#ifdef HAVE_PDF
#include "care_pdf.h"
#endif

#ifdef HAVE_PDF
/* A figure section's SVG, or a note that it is missing. */
static void
figure(struct care_pdf *p, const struct care_guide *g,
    const struct guide_section *s)
{
	size_t len = 0;
	char *svg = care_guide_svg(g, s, &len), *path, *miss;

	path = care_guide_path(g, s->file);
	if (svg == NULL) {
		miss = care_asprintf("図を表示できません：%s", s->file);
		care_pdf_para(p, miss);
		free(miss);
	}
	care_pdf_figure(p, path, svg, len, s->fig_width, s->caption);
	care_pdf_figure_panels(p, s->fig_panel);
	free(path);
	free(svg);
}

static void
section(struct care_pdf *p, const struct care_guide *g,
    const struct guide_out *o, int first)
{
	const struct guide_section *s = o->sec;
	struct care_pdf_col *col = care_calloc(s->ncol + 1, sizeof(*col));
	char *leg, *note;
	size_t i, j;

	if (!s->sub)
		care_pdf_heading(p, s->title, s->page_break && !first);
	for (i = 0; s->paras != NULL && s->paras[i] != NULL; i++)
		care_pdf_para(p, s->paras[i]);
	if (s->kind == GUIDE_SEC_FIGURE)
		figure(p, g, s);
	for (i = 0; i < s->ncol; i++) {
		col[i].header = s->col[i].header;
		col[i].width = s->col[i].width;
		col[i].center = s->col[i].kind == GUIDE_COL_FLAG ||
		    s->col[i].kind == GUIDE_COL_MARK;
		col[i].whole = s->col[i].kind == GUIDE_COL_WHOLE ||
		    s->col[i].kind == GUIDE_COL_NUM;
		col[i].right = s->col[i].kind == GUIDE_COL_NUM;
	}
	for (i = 0; i < o->ngrp; i++) {
		care_pdf_table(p, s->sub && i == 0 ? s->title :
		    o->grp[i].label, s->ncol, col);
		for (j = 0; j < o->grp[i].nrow; j++)
			care_pdf_row(p, (const char *const *)
			    o->grp[i].row[j].cell);
	}
	if ((leg = care_guide_legend(s)) != NULL)
		care_pdf_para(p, leg);
	free(leg);
	for (i = 0; s->notes[i] != NULL; i++) {
		note = care_asprintf("※%s", s->notes[i]);
		care_pdf_para(p, note);
		free(note);
	}
	free(col);
}

int
care_guide_write_pdf(const struct care_guide *g, FILE *fp)
{
	const struct care_guide_cfg *c = g->cfg;
	struct care_pdf_setup su;
	struct care_pdf *p;
	size_t i;
	int n;

	su.font = c->font;
	su.font_size = c->font_size;
	su.landscape = c->landscape;
	su.title = c->title;
	su.footer_left = c->edition;
	su.footer_right = c->publisher;
	p = care_pdf_new(&su);
	care_pdf_title(p, c->title, c->subtitle, c->edition);
	for (i = 0; i < g->nout; i++)
		section(p, g, &g->out[i], i == 0);
	n = care_pdf_write(p, fp);
	care_pdf_free(p);
	return n < 0 ? -1 : 0;
}
#else
int
care_guide_write_pdf(const struct care_guide *g, FILE *fp)
{
	(void)g;
	(void)fp;
	care_errx(_("PDF output is not available: built without Pango and "
	    "Cairo (--without-pdf)"));
	errno = ENOTSUP;
	return -1;
}
#endif
