/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Locale and message catalogue set-up shared by the programs. */
#include <config.h>

#include <locale.h>

#include "care_i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/share/locale"
#endif

void
care_i18n_init(void)
{
	setlocale(LC_ALL, "");
	/* CSV and JSON need '.' as the decimal point whatever the locale. */
	setlocale(LC_NUMERIC, "C");
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
}
