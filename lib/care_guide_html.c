/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Guidebook as one self-contained HTML page, for screens, phones and print. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_err.h"
#include "care_guide_int.h"
#include "care_i18n.h"

static const char style[] =
    "body{font-family:\"IPAexGothic\",\"Noto Sans CJK JP\","
    "\"Hiragino Kaku Gothic ProN\",\"Yu Gothic\",Meiryo,sans-serif;\n"
    "  margin:1em auto;max-width:60em;padding:0 .8em;line-height:1.5;"
    "color:#111;background:#fff}\n"
    "h1{font-size:1.6em;margin:.2em 0}\n"
    "h2{font-size:1.3em;border-bottom:2px solid #333;margin-top:1.6em}\n"
    "h3{font-size:1.1em;border-left:.4em solid #555;padding-left:.4em}\n"
    ".edition{font-weight:bold}\n"
    "table{border-collapse:collapse;width:100%;margin:.4em 0 1em}\n"
    "th,td{border:1px solid #666;padding:.3em .45em;vertical-align:top;"
    "text-align:left}\n"
    "th{background:#e6e6e6}\n"
    "tbody tr:nth-child(even){background:#f5f5f5}\n"
    "td.flag,th.flag{text-align:center}\n"
    "td.whole{white-space:nowrap}\n"
    "td.num,th.num{text-align:right;white-space:nowrap}\n"
    "figure{margin:1em 0;text-align:center}\n"
    "figure img{max-width:100%;height:auto}\n"
    "figcaption{font-size:.92em;margin-top:.3em}\n"
    ".missing{border:1px dashed #900;padding:.5em;color:#900}\n"
    ".legend,.notes{font-size:.92em}\n"
    "@media screen and (max-width:40em){\n"
    "  table,thead,tbody,tr,td{display:block}\n"
    "  thead{display:none}\n"
    "  tr{border:1px solid #666;margin:0 0 .7em}\n"
    "  td{border:0;border-bottom:1px solid #ddd}\n"
    "  td.flag{text-align:left}\n"
    "  td::before{content:attr(data-label) \"：\";font-weight:bold}\n"
    "}\n"
    "@media print{\n";
static const char style_print[] =
    "  body{margin:0;max-width:none;font-size:10pt}\n"
    "  thead{display:table-header-group}\n"
    "  tr{break-inside:avoid;page-break-inside:avoid}\n"
    "  h2,h3{break-after:avoid;page-break-after:avoid}\n"
    "  a{color:#000;text-decoration:none}\n"
    "}\n";

/* Writes s with & < > " ' escaped; line breaks become <br> when br. */
static void
esc(FILE *fp, const char *s, int br)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		case '\n':
			fputs(br ? "<br>" : " ", fp);
			break;
		default:
			fputc(*s, fp);
		}
}

static const char *
td_class(enum guide_ckind k)
{
	switch (k) {
	case GUIDE_COL_FLAG:
	case GUIDE_COL_MARK:
		return " class=\"flag\"";
	case GUIDE_COL_NUM:
		return " class=\"num\"";
	case GUIDE_COL_WHOLE:
		return " class=\"whole\"";
	default:
		return "";
	}
}

static void
cell(FILE *fp, const struct guide_column *c, const char *v)
{
	fprintf(fp, "<td%s data-label=\"", td_class(c->kind));
	esc(fp, c->header, 0);
	fputs("\">", fp);
	if (c->kind == GUIDE_COL_LINK && (strncmp(v, "http://", 7) == 0 ||
	    strncmp(v, "https://", 8) == 0) && strchr(v, '\n') == NULL) {
		fputs("<a href=\"", fp);
		esc(fp, v, 0);
		fputs("\">", fp);
		esc(fp, v, 0);
		fputs("</a>", fp);
	} else
		esc(fp, v, 1);
	fputs("</td>", fp);
}

static void
table(FILE *fp, const struct guide_section *s, const struct guide_group *gr)
{
	size_t i, k;

	fputs("<table>\n<thead><tr>", fp);
	for (k = 0; k < s->ncol; k++) {
		fprintf(fp, "<th%s scope=\"col\">",
		    s->col[k].kind == GUIDE_COL_WHOLE ||
		    s->col[k].kind == GUIDE_COL_LINK ? "" :
		    td_class(s->col[k].kind));
		esc(fp, s->col[k].header, 1);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < gr->nrow; i++) {
		fputs("<tr>", fp);
		for (k = 0; k < s->ncol; k++)
			cell(fp, &s->col[k], gr->row[i].cell[k]);
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

char *
care_guide_svg(const struct care_guide *g, const struct guide_section *s,
    size_t *len)
{
	struct care_buf b = CARE_BUF_INIT;
	char *path = care_guide_path(g, s->file), chunk[8192];
	FILE *fp;
	size_t n;

	if ((fp = fopen(path, "rb")) == NULL) {
		care_diag(CARE_DIAG_ERROR, path, 0, 0, _("figure: cannot read "
		    "the SVG file: %s"), strerror(errno));
		free(path);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		care_buf_add(&b, chunk, n);
	if (ferror(fp)) {
		care_diag(CARE_DIAG_ERROR, path, 0, 0, _("figure: cannot read "
		    "the SVG file: %s"), strerror(errno));
		care_buf_free(&b);
	}
	(void)fclose(fp);
	free(path);
	*len = b.len;
	return b.p != NULL ? care_buf_detach(&b) : NULL;
}

static void
base64(FILE *fp, const unsigned char *p, size_t n)
{
	static const char d[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned long v;
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8 |
		    p[i + 2];
		fprintf(fp, "%c%c%c%c", d[v >> 18], d[v >> 12 & 63],
		    d[v >> 6 & 63], d[v & 63]);
	}
	if (n - i == 1)
		fprintf(fp, "%c%c==", d[p[i] >> 2], d[(p[i] & 3) << 4]);
	else if (n - i == 2)
		fprintf(fp, "%c%c%c=", d[p[i] >> 2], d[(p[i] & 3) << 4 |
		    p[i + 1] >> 4], d[(p[i + 1] & 15) << 2]);
}

/*
 * A figure as an <img> with a data: URI: an SVG shown as an image runs
 * no script and loads nothing, whatever the file holds.
 */
static void
figure(FILE *fp, const struct care_guide *g, const struct guide_section *s)
{
	size_t len;
	char *svg = care_guide_svg(g, s, &len);

	fputs("<figure>\n", fp);
	if (svg != NULL) {
		fprintf(fp, "<img style=\"width:%.0f%%\" alt=\"",
		    s->fig_width * 100);
		esc(fp, s->caption != NULL ? s->caption : s->title, 0);
		fputs("\" src=\"data:image/svg+xml;base64,", fp);
		base64(fp, (const unsigned char *)svg, len);
		fputs("\">\n", fp);
	} else {
		fputs("<p class=\"missing\">図を表示できません：", fp);
		esc(fp, s->file, 0);
		fputs("</p>\n", fp);
	}
	if (s->caption != NULL) {
		fputs("<figcaption>", fp);
		esc(fp, s->caption, 1);
		fputs("</figcaption>\n", fp);
	}
	fputs("</figure>\n", fp);
	free(svg);
}

static void
paras(FILE *fp, char *const *v)
{
	size_t j;

	for (j = 0; v != NULL && v[j] != NULL; j++) {
		fputs("<p>", fp);
		esc(fp, v[j], 1);
		fputs("</p>\n", fp);
	}
}

static void
section(FILE *fp, const struct care_guide *g, const struct guide_out *o)
{
	char *leg = care_guide_legend(o->sec);
	size_t j;

	fprintf(fp, "<section>\n<h%d>", o->sec->sub ? 3 : 2);
	esc(fp, o->sec->title, 0);
	fprintf(fp, "</h%d>\n", o->sec->sub ? 3 : 2);
	if (o->sec->kind == GUIDE_SEC_FIGURE)
		figure(fp, g, o->sec);
	paras(fp, o->sec->paras);
	for (j = 0; j < o->ngrp; j++) {
		if (o->grp[j].label != NULL) {
			fputs("<h3>", fp);
			esc(fp, o->grp[j].label, 0);
			fputs("</h3>\n", fp);
		}
		table(fp, o->sec, &o->grp[j]);
	}
	if (leg != NULL) {
		fputs("<p class=\"legend\">", fp);
		esc(fp, leg, 1);
		fputs("</p>\n", fp);
	}
	free(leg);
	if (o->sec->notes[0] != NULL) {
		fputs("<ul class=\"notes\">\n", fp);
		for (j = 0; o->sec->notes[j] != NULL; j++) {
			fputs("<li>", fp);
			esc(fp, o->sec->notes[j], 1);
			fputs("</li>\n", fp);
		}
		fputs("</ul>\n", fp);
	}
	fputs("</section>\n", fp);
}

int
care_guide_write_html(const struct care_guide *g, FILE *fp)
{
	const struct care_guide_cfg *c = g->cfg;
	size_t i;

	fputs("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>", fp);
	esc(fp, c->title, 0);
	fputs("</title>\n<style>\n", fp);
	fputs(style, fp);
	fprintf(fp, "  @page{size:A4 %s;margin:15mm 12mm}\n",
	    c->landscape ? "landscape" : "portrait");
	fputs(style_print, fp);
	fputs("</style>\n</head>\n<body>\n<header>\n<h1>", fp);
	esc(fp, c->title, 0);
	fputs("</h1>\n", fp);
	if (c->subtitle != NULL) {
		fputs("<p>", fp);
		esc(fp, c->subtitle, 1);
		fputs("</p>\n", fp);
	}
	fputs("<p class=\"edition\">", fp);
	esc(fp, c->edition, 0);
	if (c->publisher != NULL) {
		fputs("　", fp);
		esc(fp, c->publisher, 0);
	}
	fputs("</p>\n</header>\n", fp);
	for (i = 0; i < g->nout; i++)
		section(fp, g, &g->out[i]);
	fputs("</body>\n</html>\n", fp);
	return ferror(fp) ? -1 : 0;
}
