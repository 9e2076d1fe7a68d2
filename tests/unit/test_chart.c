/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for care_chart: SVG documents, pixels drawn, write errors. */
#include <config.h>

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cmocka.h>

#include "care_chart.h"

static const char *const waves[] = { "2019", "2022", "2025" };
static const double y0v[] = { 0.45, 0.567, 0.632 };
static const double lo0[] = { 0.375, 0.49, 0.556 };
static const double hi0[] = { 0.527, 0.641, 0.702 };
static const double y1v[] = { 0.40, NAN, 0.70 };
static const double lo1[] = { 0.30, NAN, 0.60 };
static const double hi1[] = { 0.50, NAN, 0.80 };
static const struct care_chart_series series[] = {
	{ "全体", y0v, lo0, hi0 },
	{ "北部", y1v, lo1, hi1 },
};
static const struct care_chart_trend trend = {
	"かかりつけ医を持つ人の割合\n縦線は95%信頼区間", "割合（%）", 1, 70,
	waves, 3, series, 2
};
static const char *const venues[] = { "出前講座", "職員研修", "その他" };
static const double shares[] = { 0.5, 0.3, 0.2 };

/* Pixels in the box that are not white. */
static long
inked(cairo_surface_t *sf, int x0, int y0, int x1, int y1)
{
	unsigned char *d = cairo_image_surface_get_data(sf);
	int stride = cairo_image_surface_get_stride(sf), x, y;
	uint32_t px;
	long n = 0;

	cairo_surface_flush(sf);
	for (y = y0; y < y1; y++)
		for (x = x0; x < x1; x++) {
			memcpy(&px, d + y * stride + x * 4, 4);
			n += (px & 0xffffff) != 0xffffff;
		}
	return n;
}

static cairo_surface_t *
image(cairo_t **cr)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    640, 360);

	*cr = cairo_create(sf);
	cairo_set_source_rgb(*cr, 1, 1, 1);
	cairo_paint(*cr);
	return sf;
}

static void
test_svg_document(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	cairo_t *cr;

	(void)state;
	cr = care_chart_svg_begin(fp, CARE_CHART_WIDTH, 2 * CARE_CHART_HEIGHT);
	assert_int_equal(care_chart_trend(cr, 640, 360, &trend), 0);
	cairo_translate(cr, 0, 360);
	assert_int_equal(care_chart_bars(cr, 640, 360, "会場別", venues,
	    shares, NULL, 3, 1), 0);
	assert_int_equal(care_chart_svg_end(cr), 0);
	fclose(fp);
	assert_non_null(buf);
	assert_true(strncmp(buf, "<?xml", 5) == 0);
	assert_non_null(strstr(buf, "<svg"));
	assert_non_null(strstr(buf, "width=\"640px\""));
	assert_non_null(strstr(buf, "height=\"720px\""));
	assert_non_null(strstr(buf, "<path"));
	assert_non_null(strstr(buf, "</svg>"));
	free(buf);
}

static void
test_trend_pixels(void **state)
{
	cairo_t *cr;
	cairo_surface_t *sf = image(&cr);

	(void)state;
	assert_int_equal(inked(sf, 90, 60, 500, 320), 0);
	assert_int_equal(care_chart_trend(cr, 640, 360, &trend), 0);
	/* Lines, markers and intervals in the plot area. */
	assert_true(inked(sf, 90, 60, 500, 320) > 2000);
	/* The title and the legend are drawn too. */
	assert_true(inked(sf, 0, 0, 300, 30) > 200);
	assert_true(inked(sf, 520, 60, 640, 120) > 100);
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
}

static void
test_bars_pixels(void **state)
{
	cairo_t *cr;
	cairo_surface_t *sf = image(&cr);

	(void)state;
	assert_int_equal(care_chart_bars(cr, 640, 360, "会場別\n全52回",
	    venues, shares, NULL, 3, 1), 0);
	/* The longest bar reaches far to the right; the shortest not. */
	assert_true(inked(sf, 400, 60, 520, 160) > 1000);
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
}

static void
test_empty(void **state)
{
	struct care_chart_trend t = trend;
	const double nan3[] = { NAN, NAN, NAN };
	const struct care_chart_series s = { "全体", nan3, NULL, NULL };
	cairo_t *cr;
	cairo_surface_t *sf = image(&cr);

	(void)state;
	t.s = &s;
	t.ns = 1;
	assert_int_equal(care_chart_trend(cr, 640, 360, &t), -1);
	t.nx = 0;
	assert_int_equal(care_chart_trend(cr, 640, 360, &t), -1);
	assert_int_equal(care_chart_bars(cr, 640, 360, "x", venues, shares,
	    NULL, 0, 1), -1);
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
}

static void
test_bars_height(void **state)
{
	(void)state;
	assert_true(care_chart_bars_height(0) == 178);
	assert_true(care_chart_bars_height(3) == 212);
	assert_true(care_chart_bars_height(7) == 348);
}

static void
test_write_error(void **state)
{
	FILE *fp = fopen("/dev/full", "w");
	cairo_t *cr;

	(void)state;
	if (fp == NULL)
		skip();
	setvbuf(fp, NULL, _IONBF, 0);
	cr = care_chart_svg_begin(fp, 640, 360);
	(void)care_chart_trend(cr, 640, 360, &trend);
	assert_int_equal(care_chart_svg_end(cr), -1);
	fclose(fp);
}

/* Once, at the end: it needs every Cairo object freed. */
static int
teardown(void **state)
{
	(void)state;
	care_chart_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_svg_document),
		cmocka_unit_test(test_trend_pixels),
		cmocka_unit_test(test_bars_pixels),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_bars_height),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests_name("care_chart", tests, NULL,
	    teardown);
}
