/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A set of record ids for duplicate checks over millions of records in
 * bounded memory: only a 64-bit hash of each id is kept, in 64 open
 * addressing tables (chosen by the hash) that each grow by a quarter
 * when 80% full, so the set costs 10 to 12.5 bytes per id, and while
 * one table grows 1/64 more.  Two different ids with the same hash would
 * be taken for a duplicate; for n ids the chance of that anywhere is
 * about n * n / 2^65 (3e-8 for a million ids, 3e-6 for ten million).
 */
#ifndef CARE_IDSET_H
#define CARE_IDSET_H

#include <stddef.h>
#include <stdint.h>

struct care_idset;

struct care_idset *care_idset_new(void);
/*
 * A set whose ids each carry a 64-bit value, such as where the id was
 * first seen: 8 bytes more per id, so 20 to 25 bytes in all.
 */
struct care_idset *care_idset_new_values(void);
/* Adds id s[0..len); returns 1 if it is new, 0 if it was seen before. */
int care_idset_add(struct care_idset *set, const char *s, size_t len);
/* The same for an id given by its care_idset_hash(). */
int care_idset_add_hash(struct care_idset *set, uint64_t h);
/*
 * For a set made by care_idset_new_values(): adds hash h with value v
 * and returns 1 if it is new; returns 0 if it was seen before, with the
 * value it was added with in *first.
 */
int care_idset_put(struct care_idset *set, uint64_t h, uint64_t v,
    uint64_t *first);
/*
 * Starts fetching the memory that adding hash h will touch, so that a
 * caller with other work to do first does not wait for it then.
 */
void care_idset_prefetch(const struct care_idset *set, uint64_t h);
/*
 * Makes room for n ids in all, so that adding them does not grow the
 * tables again and again (a hint: more ids still fit).
 */
void care_idset_reserve(struct care_idset *set, size_t n);
size_t care_idset_count(const struct care_idset *set);
/* Calls fn with every hash and its value (0 without values). */
void care_idset_each(const struct care_idset *set,
    void (*fn)(void *ctx, uint64_t h, uint64_t v), void *ctx);
/* Bytes the table takes now. */
size_t care_idset_bytes(const struct care_idset *set);
/* The 64-bit hash used (FNV-1a with a final mix); never 0. */
uint64_t care_idset_hash(const char *s, size_t len);
/*
 * The hash of n pieces, each followed by a unit separator (0x1f), so
 * that ("ab", "c") and ("a", "bc") differ: a key of several fields
 * without copying them together.
 */
uint64_t care_idset_hash_parts(const char *const *s, const size_t *len,
    size_t n);
void care_idset_free(struct care_idset *set);

#endif /* CARE_IDSET_H */
