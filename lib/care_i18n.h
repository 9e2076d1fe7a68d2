/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Message translation (gettext).  Messages are written in English and
 * translated in po/ja.po; tests run under LC_ALL=C and see English.
 */
#ifndef CARE_I18N_H
#define CARE_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)	gettext(s)
#else
#define _(s)	(s)
#endif
#define N_(s)	(s)

/*
 * Sets the locale from the environment (numbers stay in the C locale so
 * output never depends on it) and binds the message catalogue.
 */
void care_i18n_init(void);

#endif /* CARE_I18N_H */
