/* SPDX-License-Identifier: GPL-3.0-or-later */
/* indicator-calc's string dictionaries: codes, waves and groups to ids. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_ind_int.h"

void
care_ind_dict_init(struct ind_dict *d)
{
	memset(d, 0, sizeof(*d));
}

void
care_ind_dict_free(struct ind_dict *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->key[i]);
		free(d->label[i]);
	}
	free(d->key);
	free(d->len);
	free(d->label);
	free(d->slot);
	free(d->byte1);
	memset(d, 0, sizeof(*d));
}

/* FNV-1a: short keys, good enough spread, no allocation. */
static size_t
hash(const char *s, size_t len)
{
	size_t h = 2166136261u;

	while (len-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void
rehash(struct ind_dict *d)
{
	size_t i, j, ns = d->nslot == 0 ? 16 : d->nslot * 2;

	free(d->slot);
	d->slot = care_calloc(ns, sizeof(*d->slot));
	d->nslot = ns;
	for (i = 0; i < d->n; i++) {
		j = hash(d->key[i], d->len[i]) & (ns - 1);
		while (d->slot[j] != 0)
			j = (j + 1) & (ns - 1);
		d->slot[j] = (unsigned)i + 1;
	}
}

long
care_ind_dict_find(const struct ind_dict *d, const char *s, size_t len)
{
	size_t j;
	unsigned id;

	if (len == 1 && (unsigned char)s[0] < 128 && d->byte1 != NULL &&
	    d->byte1[(unsigned char)s[0]] != 0)
		return (long)d->byte1[(unsigned char)s[0]] - 1;
	if (d->nslot == 0)
		return -1;
	j = hash(s, len) & (d->nslot - 1);
	while ((id = d->slot[j]) != 0) {
		if (d->len[id - 1] == len &&
		    memcmp(d->key[id - 1], s, len) == 0)
			return (long)id - 1;
		j = (j + 1) & (d->nslot - 1);
	}
	return -1;
}

unsigned
care_ind_dict_intern(struct ind_dict *d, const char *s, size_t len)
{
	long id = care_ind_dict_find(d, s, len);

	if (id >= 0)
		return (unsigned)id;
	if (d->n == d->cap) {
		d->cap = d->cap == 0 ? 8 : d->cap * 2;
		d->key = care_reallocarray(d->key, d->cap, sizeof(*d->key));
		d->len = care_reallocarray(d->len, d->cap, sizeof(*d->len));
		d->label = care_reallocarray(d->label, d->cap,
		    sizeof(*d->label));
	}
	d->key[d->n] = care_strndup(s, len);
	d->len[d->n] = len;
	d->label[d->n] = NULL;
	d->n++;
	/* Codes are mostly one digit: found without hashing. */
	if (len == 1 && (unsigned char)s[0] < 128) {
		if (d->byte1 == NULL)
			d->byte1 = care_calloc(128, sizeof(*d->byte1));
		d->byte1[(unsigned char)s[0]] = (unsigned)d->n;
	}
	if (d->n * 2 > d->nslot)
		rehash(d);
	else {
		size_t j = hash(s, len) & (d->nslot - 1);

		while (d->slot[j] != 0)
			j = (j + 1) & (d->nslot - 1);
		d->slot[j] = (unsigned)d->n;
	}
	return (unsigned)d->n - 1;
}

const char *
care_ind_dict_label(const struct ind_dict *d, unsigned id)
{
	if (d->label[id] != NULL)
		return d->label[id];
	return d->len[id] == 0 ? "無回答" : d->key[id];
}

/* Nonzero if s is a plain decimal integer. */
static int
isint(const char *s, size_t len)
{
	size_t i = (len > 0 && s[0] == '-') ? 1 : 0;

	if (i == len || len - i > 15)
		return 0;
	for (; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* qsort context: there is no qsort_r in C11, and sorting is not hot. */
static const struct ind_dict *sorting;

/*
 * Configured labels first in their order, then integers numerically,
 * then other strings bytewise, the empty key (無回答) last: an order that
 * does not depend on the order the input showed them in.
 */
static int
cmp(const void *a, const void *b)
{
	const struct ind_dict *d = sorting;
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	int lx = d->label[x] != NULL, ly = d->label[y] != NULL, c;
	int ix, iy;

	if (lx != ly)
		return ly - lx;
	if (lx)
		return x < y ? -1 : x > y;
	if ((d->len[x] == 0) != (d->len[y] == 0))
		return d->len[x] == 0 ? 1 : -1;
	ix = isint(d->key[x], d->len[x]);
	iy = isint(d->key[y], d->len[y]);
	if (ix != iy)
		return iy - ix;
	if (ix) {
		long long vx = atoll(d->key[x]), vy = atoll(d->key[y]);

		if (vx != vy)
			return vx < vy ? -1 : 1;
	}
	c = strcmp(d->key[x], d->key[y]);
	return c != 0 ? c : (x < y ? -1 : x > y);
}

unsigned *
care_ind_dict_order(const struct ind_dict *d, size_t *n)
{
	unsigned *v = care_reallocarray(NULL, d->n + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < d->n; i++)
		v[i] = (unsigned)i;
	sorting = d;
	qsort(v, d->n, sizeof(*v), cmp);
	sorting = NULL;
	*n = d->n;
	return v;
}
