/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * guidebook-render: printed resource lists (在宅医療ガイドブック,
 * 訪問看護ステーション一覧, 入退院連携ガイドブック) from open data and the
 * city's own surveys, as PDF, HTML, text, Markdown or CSV, and what
 * changed since the previous edition.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care_err.h"
#include "care_guide.h"
#include "care_i18n.h"
#include "care_outfile.h"

/* -c: the guidebook.yaml configuration. */
static const char *cfgpath;
/* -d: the previous edition's CSV; NULL to render. */
static const char *diffpath;
/* -D: where report tables and figures are; NULL for the config's dir. */
static const char *datadir;
/* -o: the output file; NULL for stdout. */
static const char *outpath;
/* -f: the output format; -1 until chosen. */
static int format = -1;

static const struct option longopts[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "data-dir", required_argument, NULL, 'D' },
	{ "diff", required_argument, NULL, 'd' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
    "usage: guidebook-render -c GUIDEBOOK.yaml [-f pdf|html|text|md|csv]\n"
    "                        [-D DIR] [--diff PREVIOUS.csv] [-o OUT] "
    "[FILE...]\n";

static void CARE_NORETURN
usage(void)
{
	fputs(synopsis, stderr);
	exit(CARE_EXIT_TROUBLE);
}

static void CARE_NORETURN
help(void)
{
	fputs(synopsis, stdout);
	fputs(_("\nRender guidebook lists of local care resources.\n\n"
	    "  -c, --config FILE    guidebook.yaml (see carekit-guidebook(5))\n"
	    "  -f, --format FMT     pdf, html, text, md or csv (default: from "
	    "the -o\n"
	    "                       suffix, else text)\n"
	    "  -D, --data-dir DIR   read the report's tables and figures "
	    "from DIR\n"
	    "                       (default: the configuration's "
	    "directory)\n"
	    "  -d, --diff FILE      list what changed since the edition in "
	    "FILE\n"
	    "                       (a CSV written by -f csv)\n"
	    "  -o, --output FILE    write FILE atomically instead of stdout\n"
	    "  -h, --help           show this help\n"
	    "  -V, --version        show the version\n\n"
	    "Each FILE is read as the input of the same position in the "
	    "configuration;\nwithout FILE, the files the configuration "
	    "names are read.\nExit status: 0 success, 1 bad entries "
	    "reported, 2 trouble.\n"), stdout);
	exit(CARE_EXIT_OK);
}

/* The format -o's suffix implies, or text. */
static int
format_of(const char *path)
{
	const char *dot = path != NULL ? strrchr(path, '.') : NULL;
	enum care_guide_format f;

	if (dot != NULL && care_guide_format_parse(dot + 1, &f) == 0)
		return (int)f;
	if (dot != NULL && strcmp(dot, ".htm") == 0)
		return CARE_GUIDE_HTML;
	return CARE_GUIDE_TEXT;
}

static int
option(int ch, const char *arg)
{
	enum care_guide_format f;

	switch (ch) {
	case 'c': /* --config */
		cfgpath = arg;
		break;
	case 'D': /* --data-dir */
		datadir = arg;
		break;
	case 'd': /* --diff */
		diffpath = arg;
		break;
	case 'f': /* --format */
		if (care_guide_format_parse(arg, &f) != 0) {
			care_errx(_("invalid argument '%s' for '%s'"), arg,
			    "--format");
			return -1;
		}
		format = (int)f;
		break;
	case 'h': /* --help */
		help();
	case 'o': /* --output */
		outpath = arg;
		break;
	case 'V': /* --version */
		printf("guidebook-render (%s) %s\n", PACKAGE_NAME,
		    PACKAGE_VERSION);
		exit(care_exit());
	default:
		return -1;
	}
	return 0;
}

/* Checks the format against the build and the output; exits if wrong. */
static void
check_format(void)
{
	if (format < 0)
		format = format_of(outpath);
	if (format != CARE_GUIDE_PDF || diffpath != NULL)
		return;
#ifndef HAVE_PDF
	care_errx(_("PDF output is not available: built without Pango and "
	    "Cairo (--without-pdf)"));
	exit(CARE_EXIT_TROUBLE);
#endif
	if ((outpath == NULL || strcmp(outpath, "-") == 0) &&
	    isatty(STDOUT_FILENO)) {
		care_errx(_("not writing PDF to a terminal; use -o FILE or a "
		    "pipe"));
		exit(CARE_EXIT_TROUBLE);
	}
}

/* Reads every input: the FILEs in order, else the configured files. */
static int
read_inputs(struct care_guide *g, const struct care_guide_cfg *cfg,
    int argc, char **argv)
{
	size_t i, n = care_guide_cfg_ninputs(cfg);

	if (argc > 0 && (size_t)argc != n) {
		care_errx(_("%d files given, but the configuration has %zu "
		    "inputs"), argc, n);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (care_guide_read(g, i, argc > 0 ? argv[i] : NULL) != 0)
			return -1;
	return 0;
}

static void
output(const struct care_guide *g)
{
	struct care_outfile *of;
	long n = 0;
	int werr = 0;

	if ((of = care_outfile_open(outpath, 0)) == NULL)
		return;
	if (diffpath != NULL)
		n = care_guide_diff(g, diffpath, care_outfile_stream(of),
		    (enum care_guide_format)format, &werr);
	else
		werr = care_guide_write(g, care_outfile_stream(of),
		    (enum care_guide_format)format) != 0;
	if (n < 0 && !werr) {	/* the last edition, unreadable: reported */
		care_diag_setrc(CARE_EXIT_TROUBLE);
		care_outfile_abort(of);
	} else if (care_outfile_end(of, !werr) == 0 && diffpath != NULL)
		care_diag(CARE_DIAG_NOTE, NULL, 0, 0, _("%ld changes since "
		    "'%s'"), n, diffpath);
}

int
main(int argc, char *argv[])
{
	struct care_guide_cfg *cfg;
	struct care_guide *g;
	int ch;

	care_setprogname(argv[0]);
	care_i18n_init();
	while ((ch = getopt_long(argc, argv, "c:D:d:f:ho:V", longopts,
	    NULL)) != -1)
		if (option(ch, optarg) != 0)
			usage();
	argc -= optind;
	argv += optind;
	if (cfgpath == NULL)
		usage();
	check_format();
	if ((cfg = care_guide_cfg_load(cfgpath)) == NULL) {
		care_diag_setrc(CARE_EXIT_TROUBLE);
		return care_exit();
	}
	g = care_guide_new(cfg);
	if (read_inputs(g, cfg, argc, argv) == 0 &&
	    care_guide_read_tables(g, datadir) == 0 && care_guide_build(g) == 0)
		output(g);
	else
		care_diag_setrc(CARE_EXIT_TROUBLE);
	care_guide_summary(g);
	care_guide_free(g);
	care_guide_cfg_free(cfg);
	return care_exit();
}
