/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Duplicate-id detection with a compact set of 64-bit id hashes. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>

#include "care_alloc.h"
#include "care_idset.h"

/*
 * The set is NSEG tables, chosen by the top SEGBITS bits of the hash,
 * each growing on its own.  A table that grows holds its old and new
 * slots at once for a moment; split in 64, that moment costs 1/64 more
 * memory instead of half as much again as the whole set.
 */
#define SEGBITS		6
#define NSEG		(1 << SEGBITS)
/* Initial slots of a table; it then grows by a quarter at 80% load. */
#define SEG_MIN		64

struct seg {
	uint64_t	*slot;	/* 0 = empty */
	uint64_t	*val;	/* the value of each slot, or NULL */
	size_t		 cap;
	size_t		 n;
};

struct care_idset {
	struct seg	 seg[NSEG];
	size_t		 n;
	int		 values;	/* the slots carry values */
};

static uint64_t
fnv(uint64_t h, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* FNV mixes the last bytes poorly; finish with murmur3's fmix64. */
static uint64_t
mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h != 0 ? h : 1;
}

uint64_t
care_idset_hash(const char *s, size_t len)
{
	return mix(fnv(0xcbf29ce484222325ULL, s, len));
}

uint64_t
care_idset_hash_parts(const char *const *s, const size_t *len, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t k;

	for (k = 0; k < n; k++)
		h = fnv(fnv(h, s[k], len[k]), "\037", 1);
	return mix(h);
}

/* The table of h: its top bits. */
static size_t
seg_of(uint64_t h)
{
	return (size_t)(h >> (64 - SEGBITS));
}

/*
 * Maps a hash onto [0, cap) without a division (Lemire's reduction),
 * from the bits below the ones that chose the table.
 */
static size_t
home(uint64_t h, size_t cap)
{
	return (size_t)(((unsigned __int128)(h << SEGBITS) * cap) >> 64);
}

/*
 * Linear probing: the slot of h, which *isnew says was empty (h is
 * stored there) or held h already.
 */
static size_t
insert(uint64_t *slot, size_t cap, uint64_t h, int *isnew)
{
	size_t i = home(h, cap);

	while (slot[i] != 0) {
		if (slot[i] == h) {
			*isnew = 0;
			return i;
		}
		if (++i == cap)
			i = 0;
	}
	slot[i] = h;
	*isnew = 1;
	return i;
}

static struct care_idset *
set_new(int values)
{
	struct care_idset *set;
	size_t i;

	set = care_calloc(1, sizeof(*set));
	set->values = values;
	for (i = 0; i < NSEG; i++) {
		set->seg[i].cap = SEG_MIN;
		set->seg[i].slot = care_calloc(SEG_MIN, sizeof(uint64_t));
		if (values)
			set->seg[i].val = care_calloc(SEG_MIN,
			    sizeof(uint64_t));
	}
	return set;
}

struct care_idset *
care_idset_new(void)
{
	return set_new(0);
}

struct care_idset *
care_idset_new_values(void)
{
	return set_new(1);
}

static void
grow(struct seg *sg)
{
	uint64_t *old = sg->slot, *oldval = sg->val;
	size_t i, k, oldcap = sg->cap;
	int isnew;

	sg->cap = oldcap + oldcap / 4;
	sg->slot = care_calloc(sg->cap, sizeof(*sg->slot));
	if (oldval != NULL)
		sg->val = care_calloc(sg->cap, sizeof(*sg->val));
	for (i = 0; i < oldcap; i++)
		if (old[i] != 0) {
			k = insert(sg->slot, sg->cap, old[i], &isnew);
			if (oldval != NULL)
				sg->val[k] = oldval[i];
		}
	free(old);
	free(oldval);
}

void
care_idset_prefetch(const struct care_idset *set, uint64_t h)
{
	const struct seg *sg = &set->seg[seg_of(h)];

	__builtin_prefetch(&sg->slot[home(h, sg->cap)]);
}

int
care_idset_add_hash(struct care_idset *set, uint64_t h)
{
	uint64_t first;

	return care_idset_put(set, h, 0, &first);
}

int
care_idset_put(struct care_idset *set, uint64_t h, uint64_t v,
    uint64_t *first)
{
	struct seg *sg = &set->seg[seg_of(h)];
	size_t k;
	int isnew;

	k = insert(sg->slot, sg->cap, h, &isnew);
	if (!isnew) {
		*first = sg->val != NULL ? sg->val[k] : 0;
		return 0;
	}
	if (sg->val != NULL)
		sg->val[k] = v;
	set->n++;
	if (++sg->n * 5 > sg->cap * 4)
		grow(sg);
	return 1;
}

int
care_idset_add(struct care_idset *set, const char *s, size_t len)
{
	return care_idset_add_hash(set, care_idset_hash(s, len));
}

size_t
care_idset_count(const struct care_idset *set)
{
	return set->n;
}

void
care_idset_each(const struct care_idset *set,
    void (*fn)(void *ctx, uint64_t h, uint64_t v), void *ctx)
{
	const struct seg *sg;
	size_t i, k;

	for (i = 0; i < NSEG; i++)
		for (sg = &set->seg[i], k = 0; k < sg->cap; k++)
			if (sg->slot[k] != 0)
				fn(ctx, sg->slot[k], sg->val != NULL ?
				    sg->val[k] : 0);
}

size_t
care_idset_bytes(const struct care_idset *set)
{
	size_t i, n = 0;

	for (i = 0; i < NSEG; i++)
		n += set->seg[i].cap * sizeof(uint64_t) * (set->values ? 2 : 1);
	return n;
}

void
care_idset_free(struct care_idset *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < NSEG; i++) {
		free(set->seg[i].slot);
		free(set->seg[i].val);
	}
	free(set);
}
