/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Guidebook as one self-contained HTML page, for screens, phones and print. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "care_guide_int.h"

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
		return " class=\"flag\"";
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
		    s->col[k].kind == GUIDE_COL_FLAG ? " class=\"flag\"" : "");
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

static void
section(FILE *fp, const struct guide_out *o)
{
	char *leg = care_guide_legend(o->sec);
	size_t j;

	fputs("<section>\n<h2>", fp);
	esc(fp, o->sec->title, 0);
	fputs("</h2>\n", fp);
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
	for (i = 0; i < c->nsec; i++)
		section(fp, &g->out[i]);
	fputs("</body>\n</html>\n", fp);
	return ferror(fp) ? -1 : 0;
}
