/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * YAML configuration over libyaml: the only module that includes
 * <yaml.h>.  A file loads into a tree of plain C nodes that remember
 * their line and column; programs walk the tree with the checked
 * accessors below.  Every problem is reported as "file:line:col: error:"
 * and counted, and loading goes on so that one run reports all the
 * problems of a file; a program refuses the configuration when
 * care_cfg_errors() is not zero.
 *
 * Refused at load time: syntax errors, tab indentation, input that is
 * not UTF-8, duplicate keys, anchors and aliases, tags, more than one
 * document, non-scalar keys, and nesting deeper than CARE_CFG_MAX_DEPTH.
 *
 * A syntax error (libyaml stops there), input that is not UTF-8 and too
 * deep nesting leave the root NULL.  The other refusals keep the tree
 * and go on: a node with an anchor or a tag is kept (the anchor or tag
 * is ignored); a map pair whose key is a duplicate or not a scalar, or
 * whose key or value is an alias, is left out, as is an alias in a
 * sequence; a second document is not read.  A file without a document
 * (empty, or only comments) is an error, "empty configuration".  Files
 * larger than 16 MiB are refused.
 *
 * Accessor messages start with what, unquoted ("weight: 'abc' is not a
 * whole number").  An accessor given a NULL node reports the problem
 * against the file alone (no line) and returns -1.
 */
#ifndef CARE_CONFIG_H
#define CARE_CONFIG_H

#include <stddef.h>

#include "care_err.h"

#define CARE_CFG_MAX_DEPTH	32

enum care_cfg_type {
	CARE_CFG_SCALAR,
	CARE_CFG_SEQ,
	CARE_CFG_MAP
};

struct care_cfg_node {
	enum care_cfg_type	  type;
	unsigned long		  line, col;	/* 1-based */
	char			 *value;	/* scalar text (UTF-8) */
	int			  quoted;	/* scalar was quoted: never a bool or null */
	size_t			  n;		/* sequence items or map pairs */
	struct care_cfg_node	**items;	/* sequence items, or map values */
	struct care_cfg_node	**keys;		/* map keys (scalars), parallel to items */
};

struct care_cfg;

/*
 * Loads path.  Returns NULL only when the file cannot be read (reported);
 * otherwise a configuration whose root is NULL only if loading failed
 * (then care_cfg_errors() is not zero: an empty file is an error too).
 */
struct care_cfg *care_cfg_load(const char *path);
/* Loads from memory; name is used in diagnostics (tests, fuzzing). */
struct care_cfg *care_cfg_load_mem(const char *name, const char *data,
    size_t len);
const struct care_cfg_node *care_cfg_root(const struct care_cfg *cfg);
const char *care_cfg_file(const struct care_cfg *cfg);
unsigned care_cfg_errors(const struct care_cfg *cfg);
void care_cfg_free(struct care_cfg *cfg);

/* Reports an error at node's position and counts it. */
void care_cfg_error(struct care_cfg *cfg, const struct care_cfg_node *at,
    const char *fmt, ...) CARE_PRINTF(3, 4);
void care_cfg_warn(struct care_cfg *cfg, const struct care_cfg_node *at,
    const char *fmt, ...) CARE_PRINTF(3, 4);

/*
 * Checks that node is a map whose keys are all in known (NULL-terminated)
 * and that every key in required (NULL-terminated, may be NULL) is there.
 * An unknown key is reported with the nearest known key suggested
 * ("unknown key 'weihgt'; did you mean 'weight'?").  what names the map
 * in messages ("item").  Returns 0 when all is well.
 */
int care_cfg_check_keys(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, const char *const *known, const char *const *required);

/*
 * Nonzero if node is YAML's null: a plain scalar that is empty or ~,
 * null, Null or NULL ("key:" with nothing after it).
 */
int care_cfg_null(const struct care_cfg_node *node);

/* The value of key in map node, or NULL; no diagnostics. */
const struct care_cfg_node *care_cfg_get(const struct care_cfg_node *map,
    const char *key);

/*
 * Typed accessors.  Each reports a wrong type or an out-of-range value
 * at the node and returns -1; 0 on success.  what names the value.
 */
int care_cfg_str(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, const char **out);
int care_cfg_long(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, long min, long max, long *out);
int care_cfg_double(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, double min, double max, double *out);
int care_cfg_bool(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, int *out);
/* Index of the node's scalar in choices (NULL-terminated), else -1 reported. */
int care_cfg_enum(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, const char *const *choices, int *out);
/* Reports and returns -1 unless node has the given type. */
int care_cfg_expect(struct care_cfg *cfg, const struct care_cfg_node *node,
    const char *what, enum care_cfg_type type);

/*
 * The candidate nearest to word by Damerau-Levenshtein distance, if it
 * is close enough to be a plausible typo; else NULL.  Also used for
 * header suggestions in survey-ingest.
 */
const char *care_cfg_nearest(const char *word, const char *const *candidates);

#endif /* CARE_CONFIG_H */
