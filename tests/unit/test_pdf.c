/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for care_pdf: pages, repeated headers, figures, write errors. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care_err.h"
#include "care_pdf.h"

static const struct care_pdf_setup setup = {
	"IPAexGothic", 10, 0, "試験", "令和7年4月1日現在", "緑川市"
};
static const struct care_pdf_col cols[] = {
	{ "名称", 10, 0, 0, 0 }, { "電話", 4, 0, 1, 0 }, { "24時間", 2, 1, 0, 0 }
};

/* A document of one table of n rows. */
static struct care_pdf *
doc(int n)
{
	struct care_pdf *p = care_pdf_new(&setup);
	char name[64], tel[32];
	const char *cells[3] = { name, tel, "○" };
	int i;

	care_pdf_title(p, "試験の一覧", NULL, "令和7年4月1日現在");
	care_pdf_heading(p, "訪問看護ステーション", 0);
	care_pdf_table(p, "北部", 3, cols);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "試験ステーション%02d", i);
		snprintf(tel, sizeof(tel), "042-3%02d-%04d", i, i);
		care_pdf_row(p, cells);
	}
	care_pdf_para(p, "凡例　○：対応可　－：対応不可・未回答");
	return p;
}

static long
pdf_pages(int n)
{
	struct care_pdf *p = doc(n);
	FILE *fp = tmpfile();
	int pages;

	assert_non_null(fp);
	pages = care_pdf_write(p, fp);
	/* It is a PDF. */
	rewind(fp);
	assert_int_equal(fgetc(fp), '%');
	assert_int_equal(fgetc(fp), 'P');
	fclose(fp);
	care_pdf_free(p);
	return pages;
}

static void
test_one_page(void **state)
{
	(void)state;
	assert_int_equal(pdf_pages(5), 1);
}

static void
test_many_pages(void **state)
{
	(void)state;
	/* 60 rows of about 18 points: more than one A4 page, fewer than 4. */
	assert_in_range(pdf_pages(60), 2, 3);
	assert_in_range(pdf_pages(200), 5, 9);
}

static void
test_dev_full(void **state)
{
	struct care_pdf *p = doc(60);
	FILE *fp = fopen("/dev/full", "w");

	(void)state;
	if (fp == NULL)
		skip();
	assert_int_equal(care_pdf_write(p, fp), -1);
	fclose(fp);
	care_pdf_free(p);
}

/* A figure of n 640 x 360 panels stacked, one box each. */
static char *
panels_svg(int n)
{
	char *s = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&s, &len);
	int i;

	assert_non_null(fp);
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"640px\" height=\"%dpx\" viewBox=\"0 0 640 %d\">\n",
	    n * 360, n * 360);
	for (i = 0; i < n; i++)
		fprintf(fp, "<rect x=\"10\" y=\"%d\" width=\"620\" "
		    "height=\"340\" fill=\"#def\"/>\n", i * 360 + 10);
	fputs("</svg>\n", fp);
	fclose(fp);
	return s;
}

/*
 * Pages of a title, a heading and a figure of n panels: cut between
 * panels when panel is 360, else made to fit a page or cut at its foot.
 */
static int
figure_pages(int landscape, int n, double panel)
{
	struct care_pdf_setup su = setup;
	struct care_pdf *p;
	char *svg = panels_svg(n);
	FILE *fp = tmpfile();
	int pages;

	assert_non_null(fp);
	su.landscape = landscape;
	p = care_pdf_new(&su);
	care_pdf_title(p, "試験の報告", NULL, NULL);
	care_pdf_heading(p, "指標の推移", 0);
	care_pdf_figure(p, "panels.svg", svg, strlen(svg), 1, "図の説明");
	care_pdf_figure_panels(p, panel);
	pages = care_pdf_write(p, fp);
	fclose(fp);
	care_pdf_free(p);
	free(svg);
	return pages;
}

static void
test_figure_pages(void **state)
{
	static const struct {
		int	 landscape, n;
		double	 panel;
		int	 pages;
	} t[] = {
		/*
		 * Landscape: two 0.59-scale panels to a row, two rows to a
		 * page, one under the title: rows 1 + 2 + 1, 1 + 2 + 2.
		 */
		{ 1, 8, 360, 3 },
		{ 1, 9, 360, 3 },
		/* A single panel, drawn whole, with its heading on page 2. */
		{ 1, 1, 360, 2 },
		/* Portrait: one panel across at 0.81, two rows a page. */
		{ 0, 8, 360, 4 },
		/* No panel height: shrunk to fit page 2, with the heading. */
		{ 1, 2, 0, 2 },
		/* Too tall to shrink to 0.5: cut at 0.5 scale, 1440 pt. */
		{ 1, 8, 0, 4 },
		{ 0, 8, 0, 3 },
	};
	size_t i;
	int got;

	(void)state;
#ifndef HAVE_RSVG
	skip();
#endif
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		got = figure_pages(t[i].landscape, t[i].n, t[i].panel);
		if (got != t[i].pages)
			fail_msg("case %zu: %d pages, expected %d", i, got,
			    t[i].pages);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_page),
		cmocka_unit_test(test_many_pages),
		cmocka_unit_test(test_figure_pages),
		cmocka_unit_test(test_dev_full),
	};

	care_setprogname("test_pdf");
	return cmocka_run_group_tests_name("care_pdf", tests, NULL, NULL);
}
