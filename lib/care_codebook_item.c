/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A codebook item's answer space: its codes and labels, 0/1 columns,
 * numeric range, rules for multiple choices, and skip rule.
 */
#include <config.h>

#include <float.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_codebook.h"
#include "care_codebook_int.h"
#include "care_config.h"
#include "care_i18n.h"

static const char *const asked_keys[] = { "item", "in", NULL };

/*
 * Fills the table from small code numbers to their index; a code past
 * the table's 65,535 indexes is left to the search.
 */
static void
build_fast(struct care_cb_item *it)
{
	size_t i;
	unsigned long v;

	for (i = 0; i < it->codes.n; i++) {
		if (!care_cb_is_digits(it->codes.s[i], it->codes.len[i]) ||
		    it->codes.len[i] > 3 ||
		    (it->codes.s[i][0] == '0' && it->codes.len[i] > 1))
			continue;
		v = strtoul(it->codes.s[i], NULL, 10);
		if (v >= CARE_CB_FAST_CODES || i >= UINT16_MAX)
			continue;
		if (it->fast == NULL)
			it->fast = care_calloc(CARE_CB_FAST_CODES,
			    sizeof(*it->fast));
		it->fast[v] = (uint16_t)(i + 1);
	}
}

/* A code must not contain a multi separator. */
static int
bad_multi_code(const char *s)
{
	return strpbrk(s, ";,") != NULL || strstr(s, "\u30fb") != NULL ||
	    strstr(s, "\u3001") != NULL;
}

/* Nonzero (reported) if label n, in ld->tmp, is a code or a label. */
static int
bad_label(struct care_cb_loader *ld, const struct care_cb_item *it,
    const struct care_cfg_node *n, size_t code)
{
	long j = care_cb_strs_find(&it->codes, ld->tmp.p, ld->tmp.len);

	if (j >= 0 && (size_t)j != code)
		care_cfg_error(ld->cfg, n, _("label '%s' is also a code"),
		    ld->tmp.p);
	else if (care_cb_strs_find(&it->labels, ld->tmp.p, ld->tmp.len) >= 0 ||
	    care_cb_strs_find(&it->other_labels, ld->tmp.p, ld->tmp.len) >= 0)
		care_cfg_error(ld->cfg, n, _("label '%s' given twice"),
		    ld->tmp.p);
	else
		return 0;
	return 1;
}

/*
 * The label of code index code: a scalar, or a list whose first entry
 * is the label and whose others are matched in data too (the wording of
 * another wave's form).
 */
static void
load_labels(struct care_cb_loader *ld, struct care_cb_item *it,
    const struct care_cfg_node *n, size_t code)
{
	const struct care_cfg_node *first = n;
	size_t k;

	if (n->type == CARE_CFG_SEQ && n->n > 0)
		first = n->items[0];
	if (care_cb_norm_scalar(ld, first, "label") != 0) {
		care_cb_strs_add(&it->labels, "", 0);
		return;
	}
	(void)bad_label(ld, it, first, code);
	care_cb_strs_add(&it->labels, ld->tmp.p, ld->tmp.len);
	for (k = 1; n->type == CARE_CFG_SEQ && k < n->n; k++) {
		if (care_cb_norm_scalar(ld, n->items[k], "label") != 0 ||
		    bad_label(ld, it, n->items[k], code))
			continue;
		care_cb_strs_add(&it->other_labels, ld->tmp.p, ld->tmp.len);
		it->other_code = care_reallocarray(it->other_code,
		    it->other_labels.n, sizeof(*it->other_code));
		it->other_code[it->other_labels.n - 1] = code;
	}
}

void
care_cb_load_codes(struct care_cb_loader *ld, struct care_cb_item *it,
    const struct care_cfg_node *n)
{
	size_t i;

	if (care_cfg_expect(ld->cfg, n, "codes", CARE_CFG_MAP) != 0)
		return;
	for (i = 0; i < n->n; i++) {
		if (care_cb_norm_scalar(ld, n->keys[i], "code") != 0)
			continue;
		if (it->type == CARE_CB_MULTI && bad_multi_code(ld->tmp.p))
			care_cfg_error(ld->cfg, n->keys[i], _("code '%s' of a "
			    "multi item contains a separator"), ld->tmp.p);
		if (care_cb_strs_find(&it->codes, ld->tmp.p, ld->tmp.len) >= 0)
			care_cfg_error(ld->cfg, n->keys[i],
			    _("code '%s' given twice"), ld->tmp.p);
		care_cb_strs_add(&it->codes, ld->tmp.p, ld->tmp.len);
		load_labels(ld, it, n->items[i], i);
	}
	if (it->type == CARE_CB_MULTI && it->codes.n > CARE_CB_MAX_MULTI)
		care_cfg_error(ld->cfg, n, _("a multi item has at most %d "
		    "codes"), CARE_CB_MAX_MULTI);
	if (it->codes.n == 0)
		care_cfg_error(ld->cfg, n, _("codes: no codes given"));
	it->codelist = care_cb_join_list(&it->codes, 0, it->codes.n, ", ");
	build_fast(it);
}

/* columns: {code: HEADER}, one 0/1 column per code of a multi item. */
void
care_cb_load_columns(struct care_cb_loader *ld, struct care_cb_item *it,
    const struct care_cfg_node *n)
{
	size_t i;
	long c;

	if (care_cfg_expect(ld->cfg, n, "columns", CARE_CFG_MAP) != 0)
		return;
	it->columns.s = care_calloc(it->codes.n + 1, sizeof(char *));
	it->columns.len = care_calloc(it->codes.n + 1, sizeof(size_t));
	it->columns.n = it->codes.n;
	for (i = 0; i < n->n; i++) {
		if (care_cb_norm_scalar(ld, n->keys[i], "code") != 0)
			continue;
		c = care_cb_strs_find(&it->codes, ld->tmp.p, ld->tmp.len);
		if (c < 0) {
			care_cfg_error(ld->cfg, n->keys[i], _("columns: '%s' "
			    "is not a code of %s"), ld->tmp.p, it->name);
			continue;
		}
		/* A column that did not load (reported) is "", not absent. */
		if (care_cb_norm_scalar(ld, n->items[i], "column") != 0)
			ld->tmp.len = 0;
		free(it->columns.s[c]);
		it->columns.s[c] = care_strndup(ld->tmp.p != NULL ?
		    ld->tmp.p : "", ld->tmp.len);
		it->columns.len[c] = ld->tmp.len;
	}
	for (i = 0; i < it->codes.n; i++)
		if (it->columns.s[i] == NULL) {
			care_cfg_error(ld->cfg, n, _("columns: no column for "
			    "code '%s'"), it->codes.s[i]);
			it->columns.s[i] = care_strdup("");
		}
}

void
care_cb_load_range(struct care_cb_loader *ld, struct care_cb_item *it,
    const struct care_cfg_node *n)
{
	const struct care_cfg_node *lo, *hi;
	long l;

	lo = care_cfg_get(n, "min");
	hi = care_cfg_get(n, "max");
	if (it->type == CARE_CB_INTEGER) {
		if (lo != NULL && care_cfg_long(ld->cfg, lo, "min", LONG_MIN,
		    LONG_MAX, &l) == 0)
			it->has_min = 1, it->min = (double)l;
		if (hi != NULL && care_cfg_long(ld->cfg, hi, "max", LONG_MIN,
		    LONG_MAX, &l) == 0)
			it->has_max = 1, it->max = (double)l;
	} else {
		if (lo != NULL && care_cfg_double(ld->cfg, lo, "min", -DBL_MAX,
		    DBL_MAX, &it->min) == 0)
			it->has_min = 1;
		if (hi != NULL && care_cfg_double(ld->cfg, hi, "max", -DBL_MAX,
		    DBL_MAX, &it->max) == 0)
			it->has_max = 1;
	}
	if (it->has_min && it->has_max && it->min > it->max)
		care_cfg_error(ld->cfg, lo, _("min is greater than max"));
	if (it->has_min && it->has_max)
		it->range = care_asprintf(_("%s to %s"), lo->value, hi->value);
	else if (it->has_min)
		it->range = care_asprintf(_("at least %s"), lo->value);
	else if (it->has_max)
		it->range = care_asprintf(_("at most %s"), hi->value);
}

/* An optional sign, digits, and for a number an optional fraction. */
static int
number_syntax(const char *s, size_t len, int integer)
{
	size_t i = 0, d = 0, f = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (!integer && i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			f++;
	return i == len && d > 0 && (i == d + (s[0] == '-' || s[0] == '+') ||
	    f > 0);
}

/*
 * Copies n[0..nlen) without its thousands separators into out (size
 * bytes) if it has them as Excel writes them (1,234 and -12,345.5: one
 * to three digits, then groups of three); 0 if it does not.
 */
static int
ungroup(const char *n, size_t nlen, char *out, size_t size, size_t *outlen)
{
	size_t i = 0, run = 0, o = 0, groups = 0;

	if (nlen >= size || memchr(n, ',', nlen) == NULL)
		return 0;
	if (i < nlen && (n[i] == '-' || n[i] == '+'))
		out[o++] = n[i++];
	for (; i < nlen && n[i] != '.'; i++) {
		if (n[i] == ',') {
			if (run == 0 || (groups == 0 ? run > 3 : run != 3))
				return 0;
			groups++;
			run = 0;
			continue;
		}
		if (n[i] < '0' || n[i] > '9')
			return 0;
		out[o++] = n[i];
		run++;
	}
	if (run != 3 || groups == 0)
		return 0;
	memcpy(out + o, n + i, nlen - i);
	*outlen = o + nlen - i;
	return 1;
}

size_t
care_codebook_number(const char *s, size_t len, int integer, char *out,
    size_t size, int *grouped)
{
	char plain[64];
	const char *p = s, *end, *dot;
	size_t plen, o = 0;
	int neg;

	*grouped = ungroup(s, len, plain, sizeof(plain), &plen) &&
	    number_syntax(plain, plen, integer);
	if (*grouped) {
		p = plain;
		len = plen;
	} else if (!number_syntax(s, len, integer))
		return 0;
	end = p + len;
	neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	while (p + 1 < end && *p == '0' && p[1] != '.')
		p++;
	if ((dot = memchr(p, '.', (size_t)(end - p))) != NULL) {
		while (end > dot + 1 && end[-1] == '0')
			end--;
		if (end == dot + 1)
			end = dot;
	}
	if (end - p == 1 && *p == '0')
		neg = 0;
	if ((size_t)(end - p) + (size_t)neg >= size)
		return 0;
	if (neg)
		out[o++] = '-';
	memcpy(out + o, p, (size_t)(end - p));
	o += (size_t)(end - p);
	out[o] = '\0';
	return o;
}

/* max_picks and exclusive: how many codes a multi answer may hold. */
void
care_cb_load_picks(struct care_cb_loader *ld, struct care_cb_item *it,
    const struct care_cfg_node *n)
{
	const struct care_cfg_node *k;
	struct care_cb_strs v = { NULL, NULL, 0 };
	size_t i;
	long c;

	if ((k = care_cfg_get(n, "max_picks")) != NULL &&
	    care_cfg_long(ld->cfg, k, "max_picks", 1, CARE_CB_MAX_MULTI,
	    &c) == 0)
		it->max_picks = (size_t)c;
	k = care_cfg_get(n, "exclusive");
	care_cb_str_list(ld, k, "exclusive", 0, &v);
	for (i = 0; i < v.n; i++) {
		c = care_cb_strs_find(&it->codes, v.s[i], v.len[i]);
		if (c < 0 || c >= CARE_CB_MAX_MULTI)
			care_cfg_error(ld->cfg, k, _("item '%s': exclusive: "
			    "'%s' is not a code of %s (%s)"), it->name,
			    v.s[i], it->name, it->codelist);
		else
			it->exclusive |= (uint64_t)1 << c;
	}
	care_cb_strs_free(&v);
}

/*
 * One condition of asked_if, {item: NAME, in: [codes]}, on an earlier
 * code or multi item; its text is added to *text.  On an item whose
 * type or codes did not load (reported) it is not checked further.
 */
static void
load_cond(struct care_cb_loader *ld, struct care_cb_item *it, size_t self,
    const struct care_cfg_node *n, struct care_buf *text)
{
	const struct care_cfg_node *in;
	const struct care_cb_item *ctl;
	struct care_cb_strs v = { NULL, NULL, 0 };
	struct care_cb_cond *cond;
	const char *name;
	char *list, *one;
	size_t i;
	long c;

	if (care_cfg_check_keys(ld->cfg, n, "asked_if", asked_keys,
	    asked_keys) != 0 || care_cb_scalar(ld, care_cfg_get(n, "item"),
	    "item", &name) != 0)
		return;
	for (i = 0; i < self; i++)
		if (strcmp(ld->cb->items[i].name, name) == 0)
			break;
	if (i == self) {
		care_cfg_error(ld->cfg, care_cfg_get(n, "item"), _("asked_if: "
		    "'%s' is not an item declared before '%s'"), name,
		    it->name);
		return;
	}
	ctl = &ld->cb->items[i];
	if (ld->untyped[i] || ((ctl->type == CARE_CB_CODE ||
	    ctl->type == CARE_CB_MULTI) && ctl->codes.n == 0))
		return;
	if (ctl->type != CARE_CB_CODE && ctl->type != CARE_CB_MULTI) {
		care_cfg_error(ld->cfg, care_cfg_get(n, "item"), _("asked_if: "
		    "'%s' is not a code or multi item"), name);
		return;
	}
	it->asked = care_reallocarray(it->asked, it->nasked + 1,
	    sizeof(*it->asked));
	cond = &it->asked[it->nasked++];
	cond->item = i;
	cond->mask = 0;
	in = care_cfg_get(n, "in");
	care_cb_str_list(ld, in, "in", 1, &v);
	for (i = 0; i < v.n; i++) {
		c = care_cb_strs_find(&ctl->codes, v.s[i], v.len[i]);
		if (c < 0 || c >= CARE_CB_MAX_MULTI)
			care_cfg_error(ld->cfg, in, _("asked_if: '%s' is not "
			    "a code of %s (%s)"), v.s[i], name, ctl->codelist);
		else
			cond->mask |= (uint64_t)1 << c;
	}
	list = care_cb_join_list(&v, 0, v.n, _(" or "));
	one = care_asprintf(_("%s is %s"), name, list);
	if (text->len > 0)
		care_buf_adds(text, _(" and "));
	care_buf_adds(text, one);
	free(one);
	free(list);
	care_cb_strs_free(&v);
}

/* asked_if: one condition, or a list of them that must all hold. */
void
care_cb_load_asked(struct care_cb_loader *ld, struct care_cb_item *it, size_t self,
    const struct care_cfg_node *n)
{
	struct care_buf text = CARE_BUF_INIT;
	size_t i;

	if (n->type == CARE_CFG_SEQ && n->n == 0)
		care_cfg_error(ld->cfg, n, _("%s: empty value"), "asked_if");
	if (n->type == CARE_CFG_SEQ)
		for (i = 0; i < n->n; i++)
			load_cond(ld, it, self, n->items[i], &text);
	else
		load_cond(ld, it, self, n, &text);
	it->asked_text = care_strndup(text.p != NULL ? text.p : "",
	    text.len);
	care_buf_free(&text);
}
