/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Duplicate-id detection with a compact set of 64-bit id hashes. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>

#include "care_alloc.h"
#include "care_idset.h"

/* Initial slots; the table then grows by half at 80% load. */
#define IDSET_MIN	1024

struct care_idset {
	uint64_t	*slot;	/* 0 = empty */
	size_t		 cap;
	size_t		 n;
};

uint64_t
care_idset_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	/* FNV mixes the last bytes poorly; finish with murmur3's fmix64. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h != 0 ? h : 1;
}

/* Maps a hash onto [0, cap) without a division (Lemire's reduction). */
static size_t
home(uint64_t h, size_t cap)
{
	return (size_t)(((unsigned __int128)h * cap) >> 64);
}

/* Linear probing; returns 1 if h was inserted, 0 if present. */
static int
insert(uint64_t *slot, size_t cap, uint64_t h)
{
	size_t i = home(h, cap);

	while (slot[i] != 0) {
		if (slot[i] == h)
			return 0;
		if (++i == cap)
			i = 0;
	}
	slot[i] = h;
	return 1;
}

struct care_idset *
care_idset_new(void)
{
	struct care_idset *set;

	set = care_calloc(1, sizeof(*set));
	set->cap = IDSET_MIN;
	set->slot = care_calloc(set->cap, sizeof(*set->slot));
	return set;
}

static void
grow(struct care_idset *set)
{
	uint64_t *old = set->slot;
	size_t i, oldcap = set->cap;

	set->cap = oldcap + oldcap / 2;
	set->slot = care_calloc(set->cap, sizeof(*set->slot));
	for (i = 0; i < oldcap; i++)
		if (old[i] != 0)
			insert(set->slot, set->cap, old[i]);
	free(old);
}

int
care_idset_add(struct care_idset *set, const char *s, size_t len)
{
	if (!insert(set->slot, set->cap, care_idset_hash(s, len)))
		return 0;
	if (++set->n * 5 > set->cap * 4)
		grow(set);
	return 1;
}

size_t
care_idset_count(const struct care_idset *set)
{
	return set->n;
}

size_t
care_idset_bytes(const struct care_idset *set)
{
	return set->cap * sizeof(*set->slot);
}

void
care_idset_free(struct care_idset *set)
{
	if (set == NULL)
		return;
	free(set->slot);
	free(set);
}
