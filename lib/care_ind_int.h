/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private to the care_ind module (care_indicators.c, care_ind_*.c): the
 * configuration, the string dictionaries, the aggregation cells and the
 * finished rows.
 */
#ifndef CARE_IND_INT_H
#define CARE_IND_INT_H

#include <sys/types.h>

#include <stddef.h>
#include <stdio.h>

#include "care_buf.h"
#include "care_indicators.h"
#include "care_long.h"
#include "care_stats.h"

enum ind_kind {
	K_PROPORTION,
	K_DISTRIBUTION,
	K_COUNT,
	K_SUM,
	K_MEAN,
	K_PAIRED,
	NKINDS
};

enum ind_type {
	T_STRUCTURE,
	T_PROCESS,
	T_OUTCOME,
	NTYPES
};

/* Strings interned to small ids; open addressing, ids in insert order. */
struct ind_dict {
	char		**key;		/* by id */
	size_t		 *len;		/* by id */
	char		**label;	/* by id; NULL: none configured */
	size_t		  n, cap;	/* ids */
	unsigned	 *slot;		/* hash slots: id + 1, 0 empty */
	size_t		  nslot;
	unsigned	 *byte1;	/* [128] one-byte ASCII keys: id + 1 */
};

void	care_ind_dict_init(struct ind_dict *d);
void	care_ind_dict_free(struct ind_dict *d);
/* The id of s[0..len), added if absent. */
unsigned care_ind_dict_intern(struct ind_dict *d, const char *s, size_t len);
/* The id of s[0..len), or -1. */
long	care_ind_dict_find(const struct ind_dict *d, const char *s, size_t len);
/* Ids in display order: configured labels first, then numeric-aware. */
unsigned *care_ind_dict_order(const struct ind_dict *d, size_t *n);
/* The label of id, else its key, else "無回答" for the empty key. */
const char *care_ind_dict_label(const struct ind_dict *d, unsigned id);

/* An item of a source that some indicator reads (a "slot"). */
struct ind_slot {
	char		*name;
	size_t		 namelen;
	int		 numeric;	/* weight, sum or mean: parsed */
	int		 coded;		/* codes: values interned */
	int		 isdate;	/* period: parsed into a fiscal year */
	struct ind_dict	 levels;	/* values seen (codes) */
	/* The current respondent. */
	int		 seen;		/* rows of this item */
	int		 answered;	/* rows with a value */
	int		 bad;		/* a value was rejected */
	unsigned	*v;		/* level ids of the values */
	size_t		 nv, capv;
	double		 num;		/* the first value, if numeric */
	int		 fy;		/* fiscal year, if a date */
};

struct ind_def;

struct ind_src {
	char		 *name;
	size_t		  namelen;
	struct ind_slot	 *slot;
	size_t		  nslot;
	struct ind_dict	  names;	/* slot names: id = slot */
	struct ind_def	**def;		/* indicators reading this source */
	size_t		  ndef;
};

struct ind_def {
	char		*id, *title, *scene, *outcome;
	enum ind_type	 type;
	enum ind_kind	 kind;
	size_t		 src, src2;	/* source; post source of paired */
	long		 item;		/* slot, or -1 (count) */
	long		 item2;		/* slot in src2 (paired) */
	long		 weight;	/* slot, or -1 */
	long		 period;	/* date slot, or -1: the wave */
	long		 where;		/* filter slot, or -1 */
	long		*by;		/* slots */
	size_t		 nby;
	char		**codes;	/* yes codes (proportion, paired) */
	size_t		 ncodes;
	char		**wcodes;	/* where codes */
	size_t		 nwcodes;
	int		 no_answer;	/* 1: no answer counts in the denominator */
	enum care_stats_svy_method svy;
	int		 direction;	/* +1 increase, -1 decrease, 0 none */
	char		*baseline;	/* wave, or NULL: the first */
	int		 has_target;
	double		 target;
	char		*focus;		/* distribution: the code status is about */
	unsigned long	 line;
	char		*sig;		/* what its aggregates depend on */
};

struct care_ind_cfg {
	char		*file;
	char		*title;
	struct ind_src	*src;
	size_t		 nsrc;
	struct ind_def	*def;
	size_t		 ndef;
	int		 fy_start;
	long		 min_n;		/* status: too few answers below */
	int		 correct;	/* continuity corrections as R's default */
	int		 trend_wave;	/* trend scores: wave numbers, else 1..k */
};

/* One category of a cell: a code, or the yes codes of a proportion. */
struct ind_cat {
	long			n;
	long			nw;	/* of which with a weight != 0 */
	struct care_stats_sum	w, ww;
};

/* One indicator x wave x group. */
struct ind_cell {
	long			n;	/* in the denominator (records for logs) */
	long			na;	/* no answer, left out */
	long			nw;	/* with a weight != 0 */
	/* Next to n: the fields every respondent touches share a line. */
	struct ind_cat		*cat;	/* by level id (distribution) or [0] */
	size_t			ncat;
	struct care_stats_sum	w, ww;	/* weights of the denominator */
	struct care_stats_sum	sum;	/* sum */
	struct care_stats_wmean_acc m;	/* mean */
	long			pair[4];	/* paired: pre * 2 + post */
};

/* Cells of one wave: [0] the total, then by level for each by item. */
struct ind_wave {
	struct ind_cell		 total;
	struct ind_cell		**grp;	/* [by][level id] */
	size_t			*ngrp;
};

/* A paired respondent waiting for its other side. */
struct ind_pend {
	char		*key;		/* wave \037 respondent */
	unsigned	 wave;
	signed char	 y[2];		/* pre, post: -2 unseen, -1 no answer */
};

struct ind_state {
	const struct ind_def	*d;
	struct ind_dict		 waves;
	struct ind_wave		**w;	/* by wave id */
	size_t			 nw;
	/* Paired only: respondents seen on one side. */
	struct ind_pend		*pend;
	size_t			 npend, cappend;
	struct ind_dict		 pendkeys;
	long			 unpaired;
	/* The id of the wave of generation wgen (care_ind.wgen). */
	unsigned long		 wgen;
	unsigned		 wid;
};

struct care_ind {
	struct care_ind_cfg	*cfg;
	struct care_ind_opts	 opts;
	struct ind_state	*st;	/* by indicator */
	/* The record being read. */
	const char		*file;
	int			 open;		/* a respondent is being read */
	long			 cursrc;	/* its source, or -1 */
	struct care_buf		 key;		/* source,wave,respondent */
	struct care_buf		 wave, resp;
	unsigned long		 wgen;		/* bumped on a new wave */
	unsigned long		 line;
	/*
	 * Items follow each other in the same order from respondent to
	 * respondent: next[tok + 1] is the item that came after item tok
	 * (-1: the first), tok a slot or nslot + an id in unk.
	 */
	long			 prevtok;
	long			*next;
	size_t			 nnext;
	long			 nextsrc;	/* the source next is for */
	struct ind_dict		 unk;		/* items no indicator reads */
	/*
	 * The input's streams, where records came from, and the
	 * respondents read, so that one read again is noticed.
	 */
	struct care_long_seg	 seg;
	unsigned long		 rows0;		/* rows before this input */
	size_t			 ncols;		/* fields of a row: 5 or 6 */
	struct care_long_files	*locs;
	uint64_t		 fileloc;	/* t->file's location, line 0 */
	struct care_long_seen	*seen;
	uint64_t		 loc;		/* the open respondent's record */
	uint64_t		 keyhash;	/* its key's, for t->seen */
	off_t			 span;		/* bytes this process reads, about;
						   0 unknown */
	off_t			 spanfrom;	/* where it began */
	const char		*rfile;		/* the long file it is in */
	size_t			 olen;		/* its origin's file name */
	uint64_t		 oloc;		/* that file's location, line 0 */
	unsigned long		 run0[4];	/* rows, used, ignored, rejected
						   when it began */
	unsigned long		 lastline;	/* of the last record read */
	int			 grouped;	/* rows come from care_regroup */
	int			 worker;	/* a -j worker: no Q lines */
	int			 jobs;		/* merging a worker's part */
	int			 rereadable;	/* the input can be read again */
	int			 apart;		/* a respondent's rows were apart */
	struct care_long_apart	 apartwhy;	/* what to say of it */
	/* Accounting. */
	unsigned long		 rows, used, ignored, rejected, aside;
	unsigned long		 respondents, files;
};

/* Row flags. */
#define R_SUPP		0x1	/* count and estimate withheld (min cell) */
#define R_NSUPP		0x2	/* n withheld too */
#define R_SMALL		0x4	/* n below min_n */
#define R_WEIGHTED	0x8
#define R_BASE		0x10	/* the baseline wave */
#define R_CMP		0x20	/* compared with a reference */
#define R_TREND		0x40	/* carries the trend test */

enum ind_status {
	S_NONE,
	S_BASELINE,
	S_ACHIEVED,
	S_IMPROVING,
	S_NO_CHANGE,
	S_WORSENING,
	S_TOO_FEW
};

/* One line of the finished table: indicator x group x category x wave. */
struct ind_row {
	size_t		 ind;
	unsigned	 wave;
	size_t		 by;		/* 0 the total, else by item + 1 */
	unsigned	 level;		/* by level id */
	long		 cat;		/* category level id, or -1 */
	long		 n, na, count;
	double		 est, lo, hi, se, df;
	long		 refrow;	/* the row compared with, or -1 */
	double		 ref, change, stat, p;
	const char	*test;
	double		 trend_stat, trend_p;
	enum ind_status	 status;
	unsigned	 flags;
	long		 pair[4];
};

struct ind_rows {
	struct ind_row	*v;
	size_t		 n, cap;
};

/* care_ind_cfg.c: the name of a kind, as in the indicators file. */
const char *care_ind_kind_name(enum ind_kind k);

/*
 * care_ind_check.c: every key accepted takes effect.  The first checks
 * indicator d loaded from map n; the second, after every indicator,
 * the labels and the file-wide settings.  Problems are errors of cfg.
 */
struct care_cfg;
struct care_cfg_node;
void	care_ind_def_check(struct care_cfg *cfg,
	    const struct care_ind_cfg *c, const struct care_cfg_node *n,
	    const struct ind_def *d);
void	care_ind_cfg_check(struct care_cfg *cfg,
	    const struct care_cfg_node *root, const struct care_ind_cfg *c);

/* care_ind_calc.c */
void	care_ind_rows(struct care_ind *t, size_t i, struct ind_rows *r);
/* care_ind_sdc.c */
void	care_ind_sdc(struct care_ind *t, struct ind_row *v, size_t n);
/* care_ind_calc.c: after suppression. */
void	care_ind_compare(struct care_ind *t, struct ind_row *v, size_t n);

/* care_indicators.c */
struct ind_cell *care_ind_cell(struct care_ind *t, size_t i, unsigned wave,
    size_t by, unsigned level);
struct ind_cat *care_ind_cat(struct ind_cell *c, unsigned cat);
void	care_ind_cell_merge(struct ind_cell *dst, const struct ind_cell *src);

/* care_ind_agg.c */
void	care_ind_flush(struct care_ind *t);
void	care_ind_row(struct care_ind *t, const char *const *f,
	    const size_t *len, unsigned long line);
void	care_ind_pair(struct care_ind *t, size_t i, unsigned wave,
	    const char *resp, size_t len, int side, int y);

/*
 * The first line of a partial file: the magic and its version.  Version
 * 2 added W lines: the waves an indicator met, with cells or not, so
 * that a wave all of whose answers were rejected still has its row after
 * a merge.  Version 3 ends each I line with what the indicator's
 * aggregates depend on (ind_def.sig: sources, items, codes, where...), so
 * that a file made with other settings is refused rather than merged
 * into figures the configuration does not describe.  Version 4 says
 * where the rows came from (F, Q, S, N lines), counts the rows set aside
 * in its R line, and ends with an E line.  Versions 1 to 3 are read too,
 * without the checks they lack.
 */
#define CARE_IND_PARTIAL_MAGIC		"carekit-indicators-partial\t"
#define CARE_IND_PARTIAL_VERSION	4

/* care_ind_partial.c: escaping shared with the reader. */
void	care_ind_esc(struct care_buf *b, const char *s, size_t len);
/*
 * Adds the partial aggregates read from fp (named name); 0 or -1.  For
 * a worker of this process (t->jobs), 3 when it read a respondent this
 * process read too.
 */
int	care_ind_merge_stream(struct care_ind *t, FILE *fp, const char *name);

struct care_csv;
struct care_csv_record;
struct care_progress;
struct ind_jobs;

/*
 * care_ind_read.c.  Aggregates rows of csv until its end (0), or until
 * where the next worker's part begins when j is not NULL (1); 2 when a
 * respondent's rows turned out to be apart (t->apart); -1 after an I/O
 * error or an unusable stream (reported).
 */
int	care_ind_read_rows(struct care_ind *t, struct care_csv *csv,
	    struct ind_jobs *j, struct care_progress *pg);
/* Where the respondent being read came from: its origin, else its row. */
void	care_ind_where(const struct care_ind *t, const char **file,
	    unsigned long *line);
/* care_indicators.c: back to the state care_ind_new() made. */
void	care_ind_reset(struct care_ind *t);
/* care_ind_agg.c: the long file rows now come from (t->file). */
void	care_ind_set_file(struct care_ind *t, const char *name);

/*
 * care_ind_jobs.c: reading a large file in several processes.  Called
 * with the header read from csv: starts the workers for the later parts
 * of the file, or returns NULL when one process is to read it all.
 */
struct ind_jobs *care_ind_jobs_start(struct care_ind *t, const char *path,
	    struct care_csv *csv);
/* Nonzero when the record at offset off begins the next worker's part. */
int	care_ind_jobs_stop(struct ind_jobs *j, struct care_ind *t, off_t off);
/*
 * After this process has read its part (stopped: 1 at its end, 0 at the
 * end of the file): adds the workers' aggregates and diagnostics in
 * file order, reading again what a failed worker left; 0 or -1; 2 when
 * a respondent's rows were found apart here, 3 when a worker found them
 * apart or a respondent is in two parts: the file is to be read again
 * by one process.
 */
int	care_ind_jobs_finish(struct ind_jobs *j, struct care_ind *t,
	    const char *path, int stopped);
/* The number of parts the file is read in (1 for NULL). */
size_t	care_ind_jobs_parts(const struct ind_jobs *j);
/* After a read error: ends the workers. */
void	care_ind_jobs_abandon(struct ind_jobs *j);

#endif /* CARE_IND_INT_H */
