/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private to the care_codebook module: the loader that care_codebook.c
 * (the book, its id and its items) and care_codebook_item.c (an item's
 * codes, columns, range, choices and skip rule) share.
 */
#ifndef CARE_CODEBOOK_INT_H
#define CARE_CODEBOOK_INT_H

#include <stddef.h>

#include "care_buf.h"
#include "care_codebook.h"

struct care_cfg;
struct care_cfg_node;

/*
 * Loader state: the configuration being read and the book being built.
 * An item whose type did not load (reported) is untyped: the checks
 * that depend on its type, its own and those of items that refer to
 * it, are left out rather than made against a guessed type.
 */
struct care_cb_loader {
	struct care_cfg		*cfg;
	struct care_codebook	*cb;
	struct care_buf		 tmp;
	unsigned char		*untyped;	/* per item */
};

/* care_codebook.c: lists of strings, and scalars read NFKC. */
void	care_cb_strs_add(struct care_cb_strs *v, const char *s, size_t len);
void	care_cb_strs_free(struct care_cb_strs *v);
/* The index of s[0..len) in v, or -1. */
long	care_cb_strs_find(const struct care_cb_strs *v, const char *s,
	    size_t len);
/* A scalar that is neither null nor empty; -1 (reported) if not. */
int	care_cb_scalar(struct care_cb_loader *ld,
	    const struct care_cfg_node *n, const char *what, const char **out);
/* The NFKC form of such a scalar, into ld->tmp; -1 (reported) if empty. */
int	care_cb_norm_scalar(struct care_cb_loader *ld,
	    const struct care_cfg_node *n, const char *what);
/*
 * A scalar or a sequence of scalars, normalised, appended to v; with
 * need, an empty sequence is an error (reported).
 */
void	care_cb_str_list(struct care_cb_loader *ld,
	    const struct care_cfg_node *n, const char *what, int need,
	    struct care_cb_strs *v);
/* "a, b, c", shortened after max entries, for messages. */
char	*care_cb_join_list(const struct care_cb_strs *v, size_t first,
	    size_t n, const char *sep);
/* Nonzero if s[0..len) is one or more ASCII digits. */
int	care_cb_is_digits(const char *s, size_t len);

/* care_codebook_item.c: the keys of item it, from its map n. */
void	care_cb_load_codes(struct care_cb_loader *ld, struct care_cb_item *it,
	    const struct care_cfg_node *n);
void	care_cb_load_columns(struct care_cb_loader *ld,
	    struct care_cb_item *it, const struct care_cfg_node *n);
void	care_cb_load_range(struct care_cb_loader *ld, struct care_cb_item *it,
	    const struct care_cfg_node *n);
void	care_cb_load_picks(struct care_cb_loader *ld, struct care_cb_item *it,
	    const struct care_cfg_node *n);
/* asked_if: conditions on items before self. */
void	care_cb_load_asked(struct care_cb_loader *ld, struct care_cb_item *it,
	    size_t self, const struct care_cfg_node *n);

#endif /* CARE_CODEBOOK_INT_H */
