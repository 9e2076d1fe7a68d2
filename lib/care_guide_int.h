/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Internals shared by the care_guide_*.c files: the parsed
 * configuration, the entries read, and the built document the writers
 * walk.  Not for programs.
 */
#ifndef CARE_GUIDE_INT_H
#define CARE_GUIDE_INT_H

#include <stddef.h>
#include <stdio.h>

#include "care_guide.h"

struct care_buf;

enum guide_ftype {
	GUIDE_TEXT,	/* NFC, trimmed: names, addresses, free text */
	GUIDE_CODE,	/* NFKC: numbers, ids */
	GUIDE_KANA,	/* a reading (NFC), used for 50音順 */
	GUIDE_PHONE,	/* NFKC, 10 or 11 digits, hyphens kept */
	GUIDE_POSTAL,	/* 〒NNN-NNNN, stored as NNN-NNNN */
	GUIDE_URL,	/* only http:// and https:// are kept */
	GUIDE_FLAG	/* "1" yes, "0" no, "" unknown; shown ○ / － */
};

enum guide_onerr {
	GUIDE_STOP,	/* report, render nothing */
	GUIDE_DROP,	/* report, render without the entry */
	GUIDE_KEEP	/* report, render the entry as it is */
};

struct guide_field {
	char		 *name;
	enum guide_ftype  type;
	char		**yes, **no;	/* flag values, NULL-terminated */
	char		**strip;	/* prefixes taken off, NULL-terminated */
};

struct guide_input {
	char		 *name;
	char		 *file;		/* resolved against the config's dir */
	char		**alias;	/* per field: "a\0b\0\0" alternatives, or NULL */
	size_t		 *key;		/* fields making the key */
	size_t		  nkey;
	int		 *required;	/* per field */
	long		  join;		/* input joined into, or -1 */
	enum guide_onerr  onerr;
};

/* What a column holds, for the writers. */
enum guide_ckind {
	GUIDE_COL_TEXT,
	GUIDE_COL_FLAG,		/* ○ / － */
	GUIDE_COL_WHOLE,	/* phone numbers: never broken */
	GUIDE_COL_LINK,		/* an http(s) address */
	GUIDE_COL_MARK,		/* a mark (◎ 達成): centred */
	GUIDE_COL_NUM		/* numbers: right-aligned */
};

/* How a report column shows the numbers of its {column} references. */
enum guide_num {
	GUIDE_NUM_GIVEN,	/* as written in the CSV */
	GUIDE_NUM_AUTO,		/* whole numbers as such, else decimals */
	GUIDE_NUM_FIXED,	/* always decimals */
	GUIDE_NUM_PERCENT	/* a fraction: x100, decimals */
};

/* A report column's number format (see care_guide_number()). */
struct guide_numfmt {
	enum guide_num	 num;
	int		 decimals;
	int		 sign;		/* "+" before positive numbers */
};

struct guide_column {
	char		*header;
	char		*format;	/* "TEL {phone}\nFAX {fax}" */
	double		 width;		/* relative, in 全角 characters */
	enum guide_ckind kind;
	char		*legend;	/* meaning of a flag column */
	/* Report (table) columns: format is over CSV column names. */
	char		**marks;	/* value, mark pairs, NULL-terminated */
	struct guide_numfmt num;
	char		*pct_col;	/* percent when this column's value */
	char		**pct_values;	/* is one of these */
	char		*pct_format;	/* format used then (or format) */
	int		 norepeat;	/* blank when as the row above */
};

/* What a section shows. */
enum guide_skind {
	GUIDE_SEC_LIST,		/* entries of an input (the guidebook) */
	GUIDE_SEC_TABLE,	/* rows of a CSV table */
	GUIDE_SEC_TABLES,	/* each table of a split CSV, in turn */
	GUIDE_SEC_KEYS,		/* the "# key: value" lines of a CSV */
	GUIDE_SEC_FIGURE,	/* an SVG file */
	GUIDE_SEC_TEXT		/* paragraphs */
};

/* A report section's row filter: column = one of values. */
struct guide_where {
	char	 *col;
	char	**values;
};

/* A CSV read as given (tables:), for report sections. */
struct guide_tabin {
	char	*name;
	char	*file;			/* as written in the configuration */
	int	 split;			/* acp-tally's "# title" blocks */
};

struct guide_filter {
	size_t	  field;
	char	**values;		/* NULL-terminated; any matches */
};

struct guide_section {
	char			*title;
	size_t			 input;
	struct guide_filter	*filter;
	size_t			 nfilter;
	long			 group;		/* field, or -1 */
	char			**groups;	/* group order, NULL-terminated */
	size_t			*sort;		/* reading, then fallbacks */
	size_t			 nsort;
	struct guide_column	*col;
	size_t			 ncol;
	char			**notes;	/* NULL-terminated */
	int			 page_break;
	/* Report sections (kind != GUIDE_SEC_LIST). */
	enum guide_skind	 kind;
	size_t			 table;		/* index in cfg->tab */
	struct guide_where	*where;
	size_t			 nwhere;
	char			*group_col;	/* group by a CSV column */
	char			**headers;	/* column, header pairs */
	char			**titles;	/* block title, heading pairs */
	char			**hide;		/* columns not shown */
	char			*file;		/* figure: SVG, as written */
	char			*caption;
	double			 fig_width;	/* share of the text width */
	double			 fig_panel;	/* PDF: panel height (SVG) */
	char			**paras;	/* text */
	int			 sub;		/* built: no heading of its own */
};

struct care_guide_cfg {
	char			*path;
	char			*title;
	char			*subtitle;
	char			*publisher;
	char			*edition;	/* "令和7年4月1日現在" */
	char			*edition_iso;
	int			 landscape;
	char			*font;
	double			 font_size;
	struct guide_field	*field;
	size_t			 nfield;
	long			 area;		/* the area pseudo-field, or -1 */
	long			 area_from;	/* field holding the address */
	char			**area_name;	/* per area */
	char			***area_towns;	/* per area, NULL-terminated */
	size_t			 narea;
	char			*unmatched;	/* group for addresses of no area */
	struct guide_input	*in;
	size_t			 nin;
	struct guide_section	*sec;
	size_t			 nsec;
	struct guide_tabin	*tab;
	size_t			 ntab;
};

struct guide_entry {
	char		**v;		/* per field, never NULL */
	const char	 *file;
	unsigned long	  line;
	int		  bad;		/* data errors seen */
	int		  dropped;
	int		  noread;	/* "no reading" reported */
	int		  joined;	/* a joined input matched it */
};

struct guide_set {
	struct guide_entry	*e;
	size_t			 n, cap;
	size_t			*byk;	/* entry indexes sorted by key */
	char			*file;	/* name used in diagnostics */
	unsigned long		 rows;
};

/* One table of a CSV read as given. */
struct guide_block {
	char		 *title;	/* split: the "# title" line */
	char		 *note;		/* split: the "# ..." line after */
	char		**head;
	size_t		  ncol;
	char		***row;		/* nrow rows of ncol cells */
	size_t		  nrow, cap;
	char		**kv;		/* "# key: value": key, value pairs */
	size_t		  nkv;
};

struct guide_data {
	struct guide_block	*blk;
	size_t			 nblk;
	char			*file;	/* as opened */
};

/* A built section: groups of rows of display cells. */
struct guide_row {
	char		**cell;		/* ncol display strings */
	char		 *key;
};

struct guide_group {
	char			*label;		/* NULL when not grouped */
	struct guide_row	*row;
	size_t			 nrow;
};

struct guide_out {
	const struct guide_section	*sec;
	struct guide_section		*own;	/* sec, when built here */
	struct guide_group		*grp;
	size_t				 ngrp;
	size_t				 nrows;
};

struct care_guide {
	const struct care_guide_cfg	*cfg;
	struct guide_set		*set;	/* per input */
	struct guide_out		*out;	/* after build */
	size_t				 nout;
	struct guide_data		*data;	/* per cfg->tab */
	char				*datadir;	/* tables, figures */
	unsigned long			 rows, dropped, joined, noread;
	unsigned long			 unmatched, listed;
	int				 stopped;
};

struct care_cfg;
struct care_cfg_node;

/* care_guide_cfg.c, care_guide_cfgsec.c */
void care_guide_strv_free(char **v);
char **care_guide_cfg_strv(struct care_cfg *cfg, const struct care_cfg_node *n,
    const char *what);
size_t care_guide_cfg_fields(struct care_cfg *cfg,
    const struct care_guide_cfg *c, const struct care_cfg_node *n,
    const char *what, size_t **out);
long care_guide_cfg_field(struct care_cfg *cfg, const struct care_guide_cfg *c,
    const struct care_cfg_node *n, const char *name);
void care_guide_cfg_sections(struct care_cfg *cfg,
    const struct care_cfg_node *n, struct care_guide_cfg *c);

/* care_guide_read.c */
char *care_guide_key(const struct care_guide_cfg *cfg,
    const struct guide_input *in, const struct guide_entry *e);
int care_guide_check_phone(const char *s);
int care_guide_check_postal(const char *s, char out[9]);
const char *care_guide_area_of(const struct care_guide_cfg *cfg,
    const char *address);

/* care_guide_cfgsec.c: report sections and tables: */
void care_guide_cfg_tables(struct care_cfg *cfg,
    const struct care_cfg_node *n, struct care_guide_cfg *c);
void care_guide_section_free(struct guide_section *s);

/* care_guide_read.c: a CSV as given; its path under the data dir. */
int care_guide_read_data(struct guide_data *d, const char *path, int split);
void care_guide_data_free(struct guide_data *d);
char *care_guide_path(const struct care_guide *g, const char *file);

/* care_guide_rep.c */
/*
 * Appends v as fmt shows it: a number is rounded half away from zero to
 * the decimals (x100 for a percent); anything else is appended as it is.
 */
void care_guide_number(struct care_buf *b, const char *v,
    const struct guide_numfmt *fmt);
/* The cell of a report column for row (cells under head). */
char *care_guide_rcell(const struct guide_column *c, const char *const *head,
    size_t ncol, const char *const *row);
void care_guide_build_report(struct care_guide *g, size_t i);

/* care_guide_sect.c */
void care_guide_build_sections(struct care_guide *g);
char *care_guide_cell(const struct care_guide_cfg *cfg,
    const struct guide_column *c, const struct guide_entry *e);
/* Appends a built section of s to g->out; returns it, empty. */
struct guide_out *care_guide_new_out(struct care_guide *g,
    const struct guide_section *s);

/* care_guide_out.c, care_guide_html.c, care_guide_pdf.c */
size_t care_guide_hindex(const char *const *h, size_t n, const char *name);
int care_guide_write_table(const struct care_guide *g, FILE *fp,
    enum care_guide_format fmt);
int care_guide_write_html(const struct care_guide *g, FILE *fp);
int care_guide_write_pdf(const struct care_guide *g, FILE *fp);
/* The SVG of a figure section, read whole; NULL (reported) if unreadable. */
char *care_guide_svg(const struct care_guide *g, const struct guide_section *s,
    size_t *len);
/* Appends a header without its line breaks ("緩和\nケア" → "緩和ケア"). */
void care_guide_flat(struct care_buf *b, const char *s);
/* The legend line of a section ("○：あり　－：なし・未回答"), or NULL. */
char *care_guide_legend(const struct guide_section *s);

#endif /* CARE_GUIDE_INT_H */
