/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for care_pdf: pages, repeated headers, write errors. */
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_page),
		cmocka_unit_test(test_many_pages),
		cmocka_unit_test(test_dev_full),
	};

	care_setprogname("test_pdf");
	return cmocka_run_group_tests_name("care_pdf", tests, NULL, NULL);
}
