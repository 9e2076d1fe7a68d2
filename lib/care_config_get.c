/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Checked access to a loaded configuration: key checks with typo
 * suggestions and typed accessors.  Works on the public tree only.
 */
#include <config.h>

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_config.h"
#include "care_decode.h"
#include "care_i18n.h"

/* Words longer than this (in characters) get no suggestion. */
#define MAX_WORD	64

/* "a, b, c" from a NULL-terminated list. */
static char *
join(const char *const *list)
{
	struct care_buf buf = CARE_BUF_INIT;
	size_t i;

	care_buf_adds(&buf, "");
	for (i = 0; list != NULL && list[i] != NULL; i++) {
		if (i > 0)
			care_buf_adds(&buf, ", ");
		care_buf_adds(&buf, list[i]);
	}
	return care_buf_detach(&buf);
}

static void
unknown_key(struct care_cfg *cfg, const struct care_cfg_node *key,
    const char *const *known)
{
	const char *near;
	char *all;

	if ((near = care_cfg_nearest(key->value, known)) != NULL) {
		care_cfg_error(cfg, key,
		    _("unknown key '%s'; did you mean '%s'?"), key->value,
		    near);
		return;
	}
	all = join(known);
	care_cfg_error(cfg, key, _("unknown key '%s'; known keys: %s"),
	    key->value, all);
	free(all);
}

int
care_cfg_check_keys(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, const char *const *known, const char *const *required)
{
	size_t i, k;
	int rc = 0;

	if (care_cfg_expect(cfg, node, what, CARE_CFG_MAP) != 0)
		return -1;
	for (i = 0; i < node->n; i++) {
		for (k = 0; known != NULL && known[k] != NULL; k++)
			if (strcmp(node->keys[i]->value, known[k]) == 0)
				break;
		if (known == NULL || known[k] == NULL) {
			unknown_key(cfg, node->keys[i], known);
			rc = -1;
		}
	}
	for (k = 0; required != NULL && required[k] != NULL; k++)
		if (care_cfg_get(node, required[k]) == NULL) {
			care_cfg_error(cfg, node,
			    _("missing required key '%s' in %s"), required[k],
			    what);
			rc = -1;
		}
	return rc;
}

int
care_cfg_null(const struct care_cfg_node *node)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	size_t i;

	if (node == NULL || node->type != CARE_CFG_SCALAR || node->quoted)
		return 0;
	for (i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strcmp(node->value, nulls[i]) == 0)
			return 1;
	return 0;
}

const struct care_cfg_node *
care_cfg_get(const struct care_cfg_node *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != CARE_CFG_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->value, key) == 0)
			return map->items[i];
	return NULL;
}

static const char *
type_name(enum care_cfg_type type)
{
	switch (type) {
	case CARE_CFG_MAP:
		return _("a map");
	case CARE_CFG_SEQ:
		return _("a sequence");
	default:
		return _("a scalar");
	}
}

int
care_cfg_expect(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, enum care_cfg_type type)
{
	if (node == NULL) {
		care_cfg_error(cfg, NULL, _("%s: missing; expected %s"), what,
		    type_name(type));
		return -1;
	}
	if (node->type != type) {
		care_cfg_error(cfg, node, _("%s: expected %s, not %s"), what,
		    type_name(type), type_name(node->type));
		return -1;
	}
	return 0;
}

int
care_cfg_str(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, const char **out)
{
	if (care_cfg_expect(cfg, node, what, CARE_CFG_SCALAR) != 0)
		return -1;
	*out = node->value;
	return 0;
}

int
care_cfg_long(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, long min, long max, long *out)
{
	const char *s;
	char *end;
	long v;

	if (care_cfg_expect(cfg, node, what, CARE_CFG_SCALAR) != 0)
		return -1;
	s = node->value;
	if (*s == '+' || *s == '-')
		s++;
	if (*s == '\0' || strspn(s, "0123456789") != strlen(s)) {
		care_cfg_error(cfg, node, _("%s: '%s' is not a whole number"),
		    what, node->value);
		return -1;
	}
	errno = 0;
	v = strtol(node->value, &end, 10);
	if (errno == ERANGE || v < min || v > max) {
		care_cfg_error(cfg, node,
		    _("%s: '%s' is out of range (%ld to %ld)"), what,
		    node->value, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

/* Decimal syntax only: no hex, no inf or nan, no spaces. */
static int
is_decimal(const char *s)
{
	size_t digits;

	if (*s == '+' || *s == '-')
		s++;
	digits = strspn(s, "0123456789");
	s += digits;
	if (*s == '.') {
		s++;
		digits += strspn(s, "0123456789");
		s += strspn(s, "0123456789");
	}
	if (digits == 0)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (strspn(s, "0123456789") == 0)
			return 0;
		s += strspn(s, "0123456789");
	}
	return *s == '\0';
}

/* strtod in the C locale, whatever the program's LC_NUMERIC. */
static double
c_strtod(const char *s)
{
	locale_t c, old;
	double v;

	if ((c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0)) == (locale_t)0)
		return strtod(s, NULL);
	old = uselocale(c);
	v = strtod(s, NULL);
	uselocale(old);
	freelocale(c);
	return v;
}

int
care_cfg_double(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, double min, double max, double *out)
{
	double v;

	if (care_cfg_expect(cfg, node, what, CARE_CFG_SCALAR) != 0)
		return -1;
	if (!is_decimal(node->value)) {
		care_cfg_error(cfg, node, _("%s: '%s' is not a number"), what,
		    node->value);
		return -1;
	}
	v = c_strtod(node->value);
	if (!isfinite(v) || v < min || v > max) {
		care_cfg_error(cfg, node,
		    _("%s: '%s' is out of range (%g to %g)"), what,
		    node->value, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int
care_cfg_bool(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, int *out)
{
	const char *s;

	if (care_cfg_expect(cfg, node, what, CARE_CFG_SCALAR) != 0)
		return -1;
	s = node->value;
	if (node->quoted) {
		care_cfg_error(cfg, node,
		    _("%s: '%s' is quoted; write true or false without quotes"),
		    what, s);
		return -1;
	}
	if (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0)
		*out = 1;
	else if (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0)
		*out = 0;
	else {
		care_cfg_error(cfg, node,
		    _("%s: '%s' is not one of: true, false, yes, no"), what, s);
		return -1;
	}
	return 0;
}

int
care_cfg_enum(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, const char *const *choices, int *out)
{
	const char *near;
	char *all;
	int i;

	if (care_cfg_expect(cfg, node, what, CARE_CFG_SCALAR) != 0)
		return -1;
	for (i = 0; choices[i] != NULL; i++)
		if (strcmp(node->value, choices[i]) == 0) {
			*out = i;
			return 0;
		}
	all = join(choices);
	if ((near = care_cfg_nearest(node->value, choices)) != NULL)
		care_cfg_error(cfg, node,
		    _("%s: '%s' is not one of: %s; did you mean '%s'?"), what,
		    node->value, all, near);
	else
		care_cfg_error(cfg, node, _("%s: '%s' is not one of: %s"),
		    what, node->value, all);
	free(all);
	return -1;
}

/* Decodes up to MAX_WORD characters; returns -1 when s is longer. */
static int
decode(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t left = strlen(s), n, k;
	int len = 0;

	while (left > 0) {
		if (len == MAX_WORD)
			return -1;
		if ((n = care_decode_utf8_char((const char *)u, left)) <= 1) {
			cp[len++] = *u;
			n = 1;
		} else
			for (cp[len++] = 0, k = 0; k < n; k++)
				cp[len - 1] = cp[len - 1] << 8 | u[k];
		u += n;
		left -= n;
	}
	return len;
}

#define MIN3(a, b, c)	((a) < (b) ? ((a) < (c) ? (a) : (c)) : \
			    ((b) < (c) ? (b) : (c)))

/* Optimal string alignment distance (Damerau-Levenshtein, adjacent swaps). */
static int
distance(const uint32_t *a, int la, const uint32_t *b, int lb)
{
	int row[3][MAX_WORD + 1];
	int *prev2 = row[0], *prev = row[1], *cur = row[2], *t;
	int i, j, cost;

	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			cost = a[i - 1] != b[j - 1];
			cur[j] = MIN3(prev[j] + 1, cur[j - 1] + 1,
			    prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		t = prev2, prev2 = prev, prev = cur, cur = t;
	}
	return prev[lb];
}

const char *
care_cfg_nearest(const char *word, const char *const *candidates)
{
	uint32_t w[MAX_WORD], c[MAX_WORD];
	const char *best = NULL;
	int lw, lc, d, limit, i;

	if (word == NULL || candidates == NULL || (lw = decode(word, w)) <= 0)
		return NULL;
	/* About one typo in three characters; never the whole word. */
	limit = lw / 3 > 1 ? lw / 3 : 1;
	if (limit >= lw)
		limit = lw - 1;
	for (i = 0; candidates[i] != NULL; i++) {
		if ((lc = decode(candidates[i], c)) < 0)
			continue;
		d = distance(w, lw, c, lc);
		if (d <= limit) {
			best = candidates[i];
			limit = d - 1;
		}
	}
	return best;
}
