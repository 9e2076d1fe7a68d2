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

/*
 * A table of cap slots of w words each: the hash (0 = empty), then, in
 * a set with values, its value beside it, so that adding an id touches
 * one cache line, not one in each of two arrays.
 */
struct seg {
	uint64_t	*slot;
	size_t		 cap;
	size_t		 n;
};

struct care_idset {
	struct seg	 seg[NSEG];
	size_t		 n;
	size_t		 w;	/* words per slot: 1, or 2 with values */
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
 * Linear probing: the slot of h (its index), which *isnew says was
 * empty (h is stored there) or held h already.
 */
static size_t
insert(uint64_t *slot, size_t cap, size_t w, uint64_t h, int *isnew)
{
	size_t i = home(h, cap);

	while (slot[i * w] != 0) {
		if (slot[i * w] == h) {
			*isnew = 0;
			return i;
		}
		if (++i == cap)
			i = 0;
	}
	slot[i * w] = h;
	*isnew = 1;
	return i;
}

static struct care_idset *
set_new(size_t w)
{
	struct care_idset *set;
	size_t i;

	set = care_calloc(1, sizeof(*set));
	set->w = w;
	for (i = 0; i < NSEG; i++) {
		set->seg[i].cap = SEG_MIN;
		set->seg[i].slot = care_calloc(SEG_MIN * w, sizeof(uint64_t));
	}
	return set;
}

struct care_idset *
care_idset_new(void)
{
	return set_new(1);
}

struct care_idset *
care_idset_new_values(void)
{
	return set_new(2);
}

/* Moves the table to cap slots (more than it holds). */
static void
resize(struct seg *sg, size_t w, size_t cap)
{
	uint64_t *old = sg->slot;
	size_t i, k, oldcap = sg->cap;
	int isnew;

	sg->cap = cap;
	sg->slot = care_calloc(cap * w, sizeof(*sg->slot));
	for (i = 0; i < oldcap; i++)
		if (old[i * w] != 0) {
			k = insert(sg->slot, cap, w, old[i * w], &isnew);
			if (w == 2)
				sg->slot[k * 2 + 1] = old[i * 2 + 1];
		}
	free(old);
}

void
care_idset_reserve(struct care_idset *set, size_t n)
{
	/* Each table's share, at 70% load: below the 80% that grows it. */
	size_t i, cap = n / NSEG * 10 / 7 + SEG_MIN;

	for (i = 0; i < NSEG; i++)
		if (set->seg[i].cap < cap)
			resize(&set->seg[i], set->w, cap);
}

void
care_idset_prefetch(const struct care_idset *set, uint64_t h)
{
	const struct seg *sg = &set->seg[seg_of(h)];

	__builtin_prefetch(&sg->slot[home(h, sg->cap) * set->w]);
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
	size_t k, w = set->w;
	int isnew;

	k = insert(sg->slot, sg->cap, w, h, &isnew);
	if (!isnew) {
		*first = w == 2 ? sg->slot[k * 2 + 1] : 0;
		return 0;
	}
	if (w == 2)
		sg->slot[k * 2 + 1] = v;
	set->n++;
	if (++sg->n * 5 > sg->cap * 4)	/* grows by a quarter */
		resize(sg, w, sg->cap + sg->cap / 4);
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
	size_t i, k, w = set->w;

	for (i = 0; i < NSEG; i++)
		for (sg = &set->seg[i], k = 0; k < sg->cap; k++)
			if (sg->slot[k * w] != 0)
				fn(ctx, sg->slot[k * w], w == 2 ?
				    sg->slot[k * w + 1] : 0);
}

size_t
care_idset_bytes(const struct care_idset *set)
{
	size_t i, n = 0;

	for (i = 0; i < NSEG; i++)
		n += set->seg[i].cap * sizeof(uint64_t) * set->w;
	return n;
}

void
care_idset_free(struct care_idset *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < NSEG; i++)
		free(set->seg[i].slot);
	free(set);
}
