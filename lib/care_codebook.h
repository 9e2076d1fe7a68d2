/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Survey codebooks (carekit-codebook(5)): what each column of a raw
 * export means.  care_codebook_load() checks the whole file, reports
 * every problem through care_config, and returns NULL if there was any,
 * so a program refuses a codebook only after listing all its mistakes.
 * Codes, labels and missing codes are stored NFKC-normalised
 * (CARE_TEXT_CODE), the form values have after normalisation.
 */
#ifndef CARE_CODEBOOK_H
#define CARE_CODEBOOK_H

#include <stddef.h>
#include <stdint.h>

enum care_cb_type {
	CARE_CB_CODE,		/* one code of codes */
	CARE_CB_MULTI,		/* several codes, delimited or 0/1 columns */
	CARE_CB_INTEGER,
	CARE_CB_NUMBER,
	CARE_CB_DATE,		/* written as YYYY-MM-DD */
	CARE_CB_TEXT,
	CARE_CB_PHONE,
	CARE_CB_POSTAL,		/* written as NNN-NNNN */
	CARE_CB_DIGITS		/* a digit string, leading zeros kept */
};

enum care_cb_role {
	CARE_CB_ROLE_NONE,
	CARE_CB_ROLE_GROUP,	/* a grouping variable (圏域, 年齢階級) */
	CARE_CB_ROLE_WEIGHT	/* the survey weight */
};

/* A multi item has at most this many codes (a 64-bit set). */
#define CARE_CB_MAX_MULTI	64
/* Codes "0" to "255" are looked up through a table. */
#define CARE_CB_FAST_CODES	256

struct care_cb_strs {
	char	**s;
	size_t	 *len;
	size_t	  n;
};

/* A skip-rule condition: item (an index) has one of the codes in mask. */
struct care_cb_cond {
	size_t		 item;
	uint64_t	 mask;
};

struct care_cb_item {
	char			*name;
	unsigned long		 line;		/* in the codebook */
	enum care_cb_type	 type;
	enum care_cb_role	 role;
	int			 required;
	struct care_cb_strs	 headers;	/* header first, then aliases */
	struct care_cb_strs	 codes;		/* code values, in codebook order */
	struct care_cb_strs	 labels;	/* label of codes.s[i], or "" */
	struct care_cb_strs	 other_labels;	/* more labels matched in data */
	size_t			*other_code;	/* the code index of each */
	char			*codelist;	/* "1, 2, 3" for messages */
	uint16_t		*fast;		/* code number → index + 1, or NULL */
	struct care_cb_strs	 missing;	/* this item's missing codes */
	/*
	 * Integer and number items: the missing codes, its own and global,
	 * that are numbers, in care_codebook_number() form.
	 */
	struct care_cb_strs	 missing_num;
	struct care_cb_strs	 columns;	/* multi: 0/1 column per code, or n 0 */
	int			 has_min, has_max;
	double			 min, max;
	char			*range;		/* "0 to 120" for messages */
	size_t			 max_length;	/* text, in characters; 0 none */
	size_t			 length;	/* digits: how many; 0 any */
	size_t			 max_picks;	/* multi: most codes; 0 any */
	uint64_t		 exclusive;	/* multi: codes chosen alone */
	struct care_cb_cond	*asked;		/* asked if all hold; n 0: always */
	size_t			 nasked;
	char			*asked_text;	/* "q5 is 1 or 2" for messages */
};

struct care_codebook {
	char			*file;
	char			*source;
	char			*wave;		/* NULL when not given */
	int			 id_generate;
	struct care_cb_strs	 id_headers;	/* column first, then aliases */
	struct care_cb_strs	 missing;	/* global missing codes */
	struct care_cb_item	*items;
	size_t			 nitems;
};

/* Loads and checks a codebook; NULL after reporting every problem. */
struct care_codebook *care_codebook_load(const char *path);
struct care_codebook *care_codebook_load_mem(const char *name,
    const char *data, size_t len);
void care_codebook_free(struct care_codebook *cb);

/* The codebook name of a type ("code", "multi", ...). */
const char *care_codebook_typename(enum care_cb_type type);

/*
 * Index of the code of item that s[0..len) (normalised) is, matching
 * codes first and then labels; *by_label is set when a label matched.
 * Returns -1 when it is neither.
 */
long care_codebook_code(const struct care_cb_item *item, const char *s,
    size_t len, int *by_label);
/*
 * Nonzero if s[0..len) (normalised) is a missing code of item (or a
 * global one).  For an integer or number item a value that is a number
 * is compared as a number: with missing code 9, the values 9, +9, 09,
 * 9.0 and 9.00 are all missing.  Codes and text are compared as text.
 */
int care_codebook_is_missing(const struct care_codebook *cb,
    const struct care_cb_item *item, const char *s, size_t len);

/*
 * Reads s[0..len) (NFKC-normalised) as a decimal number: an optional
 * sign, digits and, unless integer, a fraction, with thousands
 * separators as Excel writes them (1,234 and -12,345.5: one to three
 * digits, then groups of three) taken out.  Writes the one form
 * carekit writes the number in to out (size bytes, NUL-terminated): no
 * '+', no leading zeros, no trailing zeros in the fraction and no '-'
 * on zero, so "+0,009.50" is "9.5" and "-0" is "0".  Returns its
 * length, or 0 when s is not such a number or its form does not fit;
 * *grouped is set when s had separators.
 */
size_t care_codebook_number(const char *s, size_t len, int integer,
    char *out, size_t size, int *grouped);

#endif /* CARE_CODEBOOK_H */
