/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * acp-tally: tables of the ACP (人生会議) awareness programme from the
 * long CSV that survey-ingest writes: sessions and participants by
 * fiscal year, centre and venue, the pre and post questionnaires, the
 * pre to post cross table and the cards participants picked.
 */
#include <config.h>

#include <sys/stat.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care_acp.h"
#include "care_chart.h"
#include "care_date.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_outfile.h"
#include "care_round.h"
#include "care_table.h"

/* -c: the acp.yaml configuration. */
static const char *cfgpath;
/* -o: the output file; NULL for stdout. */
static const char *outpath;
/* -f: the output format; -1 for table on a terminal, else csv. */
static int format = -1;
/* -f svg: bar charts instead of the tables. */
static int svg;
/* -b, -r, -s, -t, -y: grouping, rounding and the period. */
static struct care_acp_opts opts;

static const struct option longopts[] = {
	{ "by", required_argument, NULL, 'b' },
	{ "config", required_argument, NULL, 'c' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ "round", required_argument, NULL, 'r' },
	{ "from", required_argument, NULL, 's' },
	{ "to", required_argument, NULL, 't' },
	{ "version", no_argument, NULL, 'V' },
	{ "fy", required_argument, NULL, 'y' },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
    "usage: acp-tally -c ACP.yaml [--fy YEAR | --from DATE --to DATE]\n"
    "                 [--by center|venue|fy|age|sex] "
    "[-f csv|tsv|table|md|json|svg]\n"
    "                 [--round largest-remainder|half-up] [-o OUT] "
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
	fputs(_("\nTally ACP workshops from long CSV "
	    "(source,wave,respondent,item,value).\n\n"
	    "  -c, --config FILE    acp.yaml (see carekit-acp(5))\n"
	    "  -y, --fy YEAR        only sessions of fiscal year YEAR "
	    "(2024, 令和6年度)\n"
	    "  -s, --from DATE      only sessions on or after DATE\n"
	    "  -t, --to DATE        only sessions on or before DATE\n"
	    "  -b, --by GROUP       break tables down by center, venue, fy, "
	    "age or sex\n"
	    "  -f, --format FMT     csv, tsv, table, md, json or svg (bar "
	    "charts)\n"
	    "                       (default: table on a terminal, csv "
	    "otherwise)\n"
	    "  -r, --round RULE     half-up or largest-remainder "
	    "(default: from acp.yaml)\n"
	    "  -o, --output FILE    write FILE atomically instead of stdout\n"
	    "  -h, --help           show this help\n"
	    "  -V, --version        show the version\n\n"
	    "The session log must come before the questionnaires and card "
	    "sheets.\nExit status: 0 success, 1 records set aside, 2 trouble."
	    "\n"), stdout);
	exit(CARE_EXIT_OK);
}

/* Parses a date option into *d, or exits. */
static void
date_arg(const char *name, const char *arg, struct care_date *d, int *have)
{
	enum care_date_status st = care_date_parse(arg, strlen(arg), d);

	if (st != CARE_DATE_OK && st != CARE_DATE_PAST_ERA) {
		care_errx(_("%s: not a date: '%s'"), name, arg);
		exit(CARE_EXIT_TROUBLE);
	}
	*have = 1;
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
	int bad = 0;

	switch (ch) {
	case 'b': /* --by */
		bad = care_acp_by_parse(arg, &opts.by);
		break;
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
	case 'o': /* --output */
		outpath = arg;
		break;
	case 'r': /* --round */
		bad = care_round_parse(arg, &opts.round);
		opts.round_set = 1;
		break;
	case 's': /* --from */
		date_arg("--from", arg, &opts.from, &opts.have_from);
		break;
	case 't': /* --to */
		date_arg("--to", arg, &opts.to, &opts.have_to);
		break;
	case 'V': /* --version */
		printf("acp-tally (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		exit(care_exit());
	case 'y': /* --fy */
		bad = care_date_parse_fy(arg, strlen(arg), &opts.fy);
		break;
	default:
		return -1;
	}
	if (bad != 0)
		care_errx(_("invalid argument '%s' for '%s'"), arg,
		    ch == 'y' ? "--fy" : ch == 'r' ? "--round" : ch == 'b' ?
		    "--by" : "--format");
	return bad != 0 ? -1 : 0;
}

static int
write_out(struct care_acp *t, FILE *fp, enum care_table_format fmt)
{
#ifdef HAVE_PDF
	if (svg)
		return care_acp_write_svg(t, fp);
#endif
	return care_acp_write(t, fp, fmt);
}

/*
 * Writes the tables to -o FILE atomically, or to stdout (care_exit()
 * reports a stdout error).
 */
static void
output(struct care_acp *t, enum care_table_format fmt)
{
	struct care_outfile *of;

	if ((of = care_outfile_open(outpath, 0)) != NULL)
		(void)care_outfile_end(of, write_out(t, care_outfile_stream(of),
		    fmt) == 0);
}

int
main(int argc, char *argv[])
{
	struct care_acp_cfg *cfg;
	struct care_acp *t;
	int ch, bad;

	care_setprogname(argv[0]);
	care_i18n_init();
	while ((ch = getopt_long(argc, argv, "b:c:f:ho:r:s:t:Vy:", longopts,
	    NULL)) != -1)
		if (option(ch, optarg) != 0)
			usage();
	argc -= optind;
	argv += optind;
	if (opts.fy != 0 && (opts.have_from || opts.have_to))
		care_errx(_("--fy cannot be combined with --from or --to"));
	if (cfgpath == NULL || care_diag_getrc() != CARE_EXIT_OK)
		usage();
	if (format < 0)
		format = outpath == NULL && isatty(STDOUT_FILENO) ?
		    CARE_TABLE_TEXT : CARE_TABLE_CSV;
	if ((cfg = care_acp_cfg_load(cfgpath)) == NULL) {
		care_diag_setrc(CARE_EXIT_TROUBLE);
		return care_exit();
	}
	t = care_acp_new(cfg, &opts);
	bad = care_acp_read(t, argv, (size_t)argc) != 0;
	care_acp_finish(t);
	if (!bad)
		output(t, (enum care_table_format)format);
#ifdef HAVE_PDF
	if (svg)
		care_chart_cleanup();
#endif
	care_acp_summary(t);
	care_acp_free(t);
	care_acp_cfg_free(cfg);
	return care_exit();
}
