/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * indicator-calc: the PDCA "Check".  Reads the long CSV that
 * survey-ingest writes and an indicators file (the logic model), and
 * prints each indicator by wave and group with its interval, the change
 * since the baseline wave and its status; or writes and merges partial
 * aggregates so that shards can be processed apart.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care_chart.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_indicators.h"
#include "care_outfile.h"
#include "care_stats.h"
#include "care_table.h"

/* -c: the indicators file. */
static const char *cfgpath;
/* -o: the output file; NULL for stdout. */
static const char *outpath;
/* -f: the output format; -1 for table on a terminal, else csv. */
static int format = -1;
/* --partial, --merge: write partial aggregates, read them. */
static int partial, merge;
/* -f svg: the trend charts instead of the table. */
static int svg;
/* --ci, --level, --min-cell, --jobs (0: one process per CPU), --partial. */
static struct care_ind_opts opts = { CARE_STATS_CI_WILSON, CARE_STATS_LEVEL,
	10, 0, 0 };

enum { OPT_CI = 256, OPT_LEVEL, OPT_MIN_CELL, OPT_PARTIAL, OPT_MERGE };

static const struct option longopts[] = {
	{ "ci", required_argument, NULL, OPT_CI },
	{ "config", required_argument, NULL, 'c' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "min-cell", required_argument, NULL, OPT_MIN_CELL },
	{ "output", required_argument, NULL, 'o' },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
    "usage: indicator-calc -c INDICATORS.yaml "
    "[-f csv|tsv|table|md|json|svg]\n"
    "                      [--ci wilson|wilson-cc|clopper-pearson|wald|"
    "agresti-coull]"
    "\n                      [--level 0.95] [--min-cell K] "
    "[--partial | --merge]\n"
    "                      [-j N] [-o OUT] [FILE...]\n";

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
	fputs(_("\nCompute outcome indicators from long CSV "
	    "(source,wave,respondent,item,value).\n\n"
	    "  -c, --config FILE    indicators file "
	    "(see carekit-indicators(5))\n"
	    "  -f, --format FMT     csv, tsv, table, md, json or svg (trend "
	    "charts)\n"
	    "                       (default: table on a terminal, csv "
	    "otherwise)\n"
	    "      --ci METHOD      wilson (default), clopper-pearson, wald, "
	    "agresti-coull,\n"
	    "                       wilson-cc\n"
	    "      --level P        confidence level (default 0.95)\n"
	    "      --min-cell K     withhold cells under K respondents "
	    "(default 10; 0 off)\n"
	    "      --partial        write mergeable partial aggregates\n"
	    "      --merge          read partial files instead of long CSV\n"
	    "  -j, --jobs N         read a large file in N processes "
	    "(default: one per CPU)\n"
	    "  -o, --output FILE    write FILE atomically instead of stdout\n"
	    "  -h, --help           show this help\n"
	    "  -V, --version        show the version\n\n"
	    "Exit status: 0 success, 1 rows rejected, 2 trouble.\n"),
	    stdout);
	exit(CARE_EXIT_OK);
}

/* Parses a number option in [min, max]; -1 if it is not one. */
static int
num_arg(const char *arg, double min, double max, double *out)
{
	char *end;

	*out = strtod(arg, &end);
	return *arg == '\0' || *end != '\0' || !(*out >= min && *out <= max) ?
	    -1 : 0;
}

/* -f svg: charts are drawn with Cairo, absent from some builds. */
static void
svg_arg(void)
{
#ifdef HAVE_PDF
	svg = 1;
#else
	care_errx(_("svg output needs Pango and Cairo: this build was "
	    "configured --without-pdf"));
	exit(CARE_EXIT_TROUBLE);
#endif
}

/* Handles one option; returns -1 for a usage error. */
static int
option(int ch, const char *arg)
{
	enum care_table_format f;
	double x;
	int bad = 0;

	switch (ch) {
	case 'c': /* --config */
		cfgpath = arg;
		break;
	case 'f': /* --format */
		if (strcmp(arg, "svg") == 0) {
			svg_arg();
			break;
		}
		if ((bad = care_table_format_parse(arg, &f)) == 0)
			format = (int)f;
		svg = 0;
		break;
	case 'h': /* --help */
		help();
	case 'j': /* --jobs */
		if ((bad = num_arg(arg, 1, 1e6, &x)) == 0 && x != (long)x)
			bad = -1;
		opts.jobs = (long)x;
		break;
	case 'o': /* --output */
		outpath = arg;
		break;
	case 'V': /* --version */
		printf("indicator-calc (%s) %s\n", PACKAGE_NAME,
		    PACKAGE_VERSION);
		exit(care_exit());
	case OPT_CI: /* --ci */
		bad = care_ind_ci_parse(arg, &opts.ci);
		break;
	case OPT_LEVEL: /* --level */
		bad = num_arg(arg, 0.5, 0.9999, &opts.level);
		break;
	case OPT_MERGE: /* --merge */
		merge = 1;
		return 0;
	case OPT_MIN_CELL: /* --min-cell */
		if ((bad = num_arg(arg, 0, 1e6, &x)) == 0 && x != (long)x)
			bad = -1;
		opts.min_cell = (long)x;
		break;
	case OPT_PARTIAL: /* --partial */
		partial = 1;
		return 0;
	default:
		return -1;
	}
	if (bad != 0)
		care_errx(_("invalid argument '%s' for '%s'"), arg,
		    ch == 'f' ? "--format" : ch == 'j' ? "--jobs" :
		    ch == OPT_CI ? "--ci" :
		    ch == OPT_LEVEL ? "--level" : "--min-cell");
	return bad != 0 ? -1 : 0;
}

/* Writes the table or the partial file, atomically with -o. */
static void
output(struct care_ind *t)
{
	struct care_outfile *of;
	FILE *fp;
	int rc;

	if ((of = care_outfile_open(outpath, 0)) == NULL)
		return;
	fp = care_outfile_stream(of);
	if (partial)
		rc = care_ind_write_partial(t, fp);
#ifdef HAVE_PDF
	else if (svg)
		rc = care_ind_write_svg(t, fp);
#endif
	else
		rc = care_ind_write(t, fp, (enum care_table_format)format);
	(void)care_outfile_end(of, rc == 0);
}

int
main(int argc, char *argv[])
{
	struct care_ind_cfg *cfg;
	struct care_ind *t;
	int ch, i, bad = 0;

	care_setprogname(argv[0]);
	care_i18n_init();
	while ((ch = getopt_long(argc, argv, "c:f:hj:o:V", longopts, NULL))
	    != -1)
		if (option(ch, optarg) != 0)
			usage();
	argc -= optind;
	argv += optind;
	if (cfgpath == NULL || care_diag_getrc() != CARE_EXIT_OK)
		usage();
	if (format < 0)
		format = outpath == NULL && isatty(STDOUT_FILENO) ?
		    CARE_TABLE_TEXT : CARE_TABLE_CSV;
	if ((cfg = care_ind_cfg_load(cfgpath)) == NULL) {
		care_diag_setrc(CARE_EXIT_TROUBLE);
		return care_exit();
	}
	opts.partial = partial;
	t = care_ind_new(cfg, &opts);
	if (merge)
		for (i = 0; i < (argc > 0 ? argc : 1) && !bad; i++)
			bad = care_ind_merge(t, argc > 0 ? argv[i] : "-") != 0;
	else
		bad = care_ind_read(t, argv, (size_t)argc) != 0;
	if (!bad)
		output(t);
#ifdef HAVE_PDF
	if (svg)
		care_chart_cleanup();
#endif
	care_ind_summary(t);
	care_ind_free(t);
	care_ind_cfg_free(cfg);
	return care_exit();
}
