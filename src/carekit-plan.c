/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * carekit-plan: reads carekit.yaml for carekit-run(1) and prints the
 * plan of the main job as shell-quoted lines (see care_project.h).  It
 * lives in pkglibexecdir: a shell cannot parse YAML, so the script asks
 * this helper, which checks the whole project first and reports every
 * error with its file, line and column.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "care_err.h"
#include "care_i18n.h"
#include "care_project.h"

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void CARE_NORETURN
usage(void)
{
	fputs("usage: carekit-plan [-hV] carekit.yaml\n", stderr);
	exit(CARE_EXIT_TROUBLE);
}

int
main(int argc, char *argv[])
{
	struct care_project *p;
	int c;

	care_setprogname(argv[0]);
	care_i18n_init();
	while ((c = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs("usage: carekit-plan [-hV] carekit.yaml\n", stdout);
			fputs(_("\nPrint the plan of carekit-run for a project "
			    "file (see carekit-project(5)).\n"), stdout);
			return care_exit();
		case 'V':
			printf("carekit-plan (%s) %s\n", PACKAGE_NAME,
			    PACKAGE_VERSION);
			return care_exit();
		default:
			usage();
		}
	}
	if (argc - optind != 1)
		usage();
	if ((p = care_project_load(argv[optind])) == NULL) {
		care_diag_setrc(CARE_EXIT_TROUBLE);
		return care_exit();
	}
	care_project_write_plan(p, stdout);
	care_project_free(p);
	return care_exit();
}
