/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * survey-ingest: checks raw survey exports against a codebook and writes
 * them as long (or wide) CSV, every rejected record kept with its reason.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_codebook.h"
#include "care_decode.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_ingest.h"
#include "care_outfile.h"

/* What the command line asked for. */
struct args {
	const char		*codebook;	/* -c */
	const char		*output;	/* -o; NULL for stdout */
	const char		*rejects;	/* -r */
	double			 max_rate;	/* -t; above 1 means no limit */
	struct care_ingest_opts	 o;
};

/*
 * An output through care_outfile, which renames a regular file into
 * place and writes a device, FIFO or symbolic link (/dev/stdout) in
 * place; stdout may be held back in a spool until the run is known good:
 * with -t, and for wide CSV, which has no end line to tell a reader that
 * the run failed.
 */
struct sink {
	struct care_outfile	*of;
	FILE			*spool;		/* stdout held back (-t) */
	FILE			*fp;
};

static const struct option longopts[] = {
	{ "codebook", required_argument, NULL, 'c' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "missing-on-error", no_argument, NULL, 'm' },
	{ "output", required_argument, NULL, 'o' },
	{ "rejects", required_argument, NULL, 'r' },
	{ "max-reject-rate", required_argument, NULL, 't' },
	{ "version", no_argument, NULL, 'V' },
	{ "wave", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

static void CARE_NORETURN
usage(void)
{
	fprintf(stderr, _("usage: %s [-hmV] -c codebook [-e encoding] "
	    "[-f format] [-o output]\n"
	    "       [-r rejects] [-t rate] [-w wave] [file ...]\n"),
	    care_getprogname());
	exit(CARE_EXIT_TROUBLE);
}

static void CARE_NORETURN
help(void)
{
	printf(_("Usage: %s [OPTION]... -c CODEBOOK [FILE]...\n"
	    "Check survey exports against a codebook and write long CSV.\n"
	    "With no FILE, or when FILE is -, read standard input.\n\n"
	    "  -c, --codebook=FILE        the codebook (carekit-codebook(5))\n"
	    "  -e, --encoding=ENC         auto (default), utf-8 or cp932\n"
	    "  -f, --format=FORMAT        long (default) or wide\n"
	    "  -m, --missing-on-error     record a bad value as no answer "
	    "instead\n"
	    "                             of rejecting the record\n"
	    "  -o, --output=FILE          write to FILE atomically, not "
	    "stdout\n"
	    "  -r, --rejects=FILE         write rejected records to FILE\n"
	    "  -t, --max-reject-rate=R    fail, writing nothing, if more "
	    "than R\n"
	    "                             (0.05 or 5%%) of records are "
	    "rejected\n"
	    "  -w, --wave=WAVE            the wave written into long CSV\n"
	    "  -h, --help                 display this help and exit\n"
	    "  -V, --version              output version information and "
	    "exit\n\n"
	    "Exit status: 0 all written, 1 records rejected, 2 trouble.\n"),
	    care_getprogname());
	exit(CARE_EXIT_OK);
}

/* "0.05" or "5%" into a share of 1. */
static double
parse_rate(const char *s)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(s, &end);
	if (end != s && *end == '%' && end[1] == '\0')
		d /= 100, end++;
	if (errno != 0 || end == s || *end != '\0' || !(d >= 0 && d <= 1)) {
		care_diag(CARE_DIAG_FATAL, NULL, 0, 0, _("-t: invalid rate "
		    "'%s' (0 to 1, or 0%% to 100%%)"), s);
		usage();
	}
	return d;
}

static int
sink_open(struct sink *sk, const char *path, int hold)
{
	memset(sk, 0, sizeof(*sk));
	if ((sk->of = care_outfile_open(path, CARE_OUT_PRIVATE)) == NULL)
		return -1;
	sk->fp = care_outfile_stream(sk->of);
	if (hold && sk->fp == stdout && (sk->spool = sk->fp = tmpfile()) ==
	    NULL) {
		care_err(_("cannot create a temporary file"));
		return -1;
	}
	return 0;
}

static void
sink_abort(struct sink *sk)
{
	if (sk->spool != NULL)
		fclose(sk->spool);
	care_outfile_abort(sk->of);
	memset(sk, 0, sizeof(*sk));
}

/* Copies a held-back stdout spool out. */
static int
unspool(FILE *spool)
{
	char buf[1 << 16];
	size_t n;

	rewind(spool);
	while ((n = fread(buf, 1, sizeof(buf), spool)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			break;
	n = ferror(spool) ? 1 : 0;
	fclose(spool);
	return n != 0 ? -1 : 0;
}

static int
sink_commit(struct sink *sk)
{
	int rc = 0;

	if (sk->spool != NULL && unspool(sk->spool) != 0) {
		care_err(_("cannot read back the output"));
		rc = -1;
	}
	if (sk->of != NULL && care_outfile_commit(sk->of) != 0)
		rc = -1;
	memset(sk, 0, sizeof(*sk));
	return rc;
}

/* The per-file summary line, which accounts for every record. */
static void
summary(const char *path, const struct care_ingest_stats *st,
    const char *rejects)
{
	char buf[512];

	care_ingest_summary(st, rejects, buf, sizeof(buf));
	if (path == NULL || strcmp(path, "-") == 0)
		path = "<stdin>";
	care_diag_summary("%s: %s", path, buf);
}

/* Refuses the run when too many records were rejected. */
static int
too_many(const struct args *a, const struct care_ingest_stats *t)
{
	if (a->max_rate > 1 || t->records == 0 ||
	    (double)t->rejected <= a->max_rate * (double)t->records)
		return 0;
	care_diag(CARE_DIAG_FATAL, NULL, 0, 0, _("%lu of %lu records "
	    "rejected, more than --max-reject-rate %g%%: nothing written"),
	    t->rejected, t->records, a->max_rate * 100);
	return 1;
}

/* Reads every file into one output: 0, 1 over the rate, -1 trouble. */
static int
ingest(struct args *a, struct care_ingest *ing, int argc, char **argv)
{
	struct care_ingest_stats st;
	int i;

	for (i = 0; i < argc || (i == 0 && argc == 0); i++) {
		if (care_ingest_file(ing, argc > 0 ? argv[i] : "-", &st) != 0)
			return -1;
		summary(argc > 0 ? argv[i] : "-", &st, a->rejects);
	}
	if (care_ingest_finish(ing) != 0) {
		care_err(_("write error"));
		return -1;
	}
	care_ingest_total(ing, &st);
	if (st.rejected > 0)
		care_diag_setrc(CARE_EXIT_DATA);
	if (too_many(a, &st))
		return 1;
	if (care_ingest_end(ing) != 0) {
		care_err(_("write error"));
		return -1;
	}
	return 0;
}

static void
run(struct args *a, int argc, char **argv)
{
	struct care_codebook *cb;
	struct care_ingest *ing = NULL;
	struct sink out, rej;
	int rc;

	if ((cb = care_codebook_load(a->codebook)) == NULL) {
		care_diag_setrc(CARE_EXIT_TROUBLE);
		return;
	}
	a->o.cb = cb;
	memset(&rej, 0, sizeof(rej));
	if (sink_open(&out, a->output, a->max_rate <= 1 ||
	    a->o.format == CARE_INGEST_WIDE) == 0 &&
	    (a->rejects == NULL || sink_open(&rej, a->rejects, 0) == 0)) {
		a->o.out = out.fp;
		a->o.rejects = rej.fp;
		a->o.nfiles = argc > 0 ? (size_t)argc : 1;
		ing = care_ingest_new(&a->o);
	}
	rc = ing == NULL ? -1 : ingest(a, ing, argc, argv);
	care_ingest_free(ing);
	if (rc != 0)
		care_diag_setrc(CARE_EXIT_TROUBLE);
	/* Over the rate, the rejects are still kept: they say what to fix. */
	if (rc < 0)
		sink_abort(&rej);
	else if (a->rejects != NULL)
		sink_commit(&rej);
	if (rc != 0)
		sink_abort(&out);
	else
		sink_commit(&out);
	care_codebook_free(cb);
}

int
main(int argc, char *argv[])
{
	struct args a;
	int ch;

	care_setprogname(argv[0]);
	care_i18n_init();
	memset(&a, 0, sizeof(a));
	a.max_rate = 2;
	while ((ch = getopt_long(argc, argv, "c:e:f:hmo:r:t:Vw:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':	/* --codebook */
			a.codebook = optarg;
			break;
		case 'e':	/* --encoding */
			if (care_decode_parse_name(optarg, &a.o.enc) != 0)
				usage();
			break;
		case 'f':	/* --format */
			if (strcmp(optarg, "long") != 0 &&
			    strcmp(optarg, "wide") != 0)
				usage();
			a.o.format = optarg[0] == 'w' ? CARE_INGEST_WIDE :
			    CARE_INGEST_LONG;
			break;
		case 'h':	/* --help */
			help();
		case 'm':	/* --missing-on-error */
			a.o.set_missing = 1;
			break;
		case 'o':	/* --output */
			a.output = optarg;
			break;
		case 'r':	/* --rejects */
			a.rejects = optarg;
			break;
		case 't':	/* --max-reject-rate */
			a.max_rate = parse_rate(optarg);
			break;
		case 'V':	/* --version */
			puts("survey-ingest (" PACKAGE_NAME ") " VERSION);
			return care_exit();
		case 'w':	/* --wave */
			a.o.wave = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (a.codebook == NULL)
		usage();
	run(&a, argc, argv);
	return care_exit();
}
