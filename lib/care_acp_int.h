/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private to the care_acp module (care_acp.c, care_acp_cfg.c,
 * care_acp_out.c): the configuration and the tally state.
 */
#ifndef CARE_ACP_INT_H
#define CARE_ACP_INT_H

#include <stddef.h>
#include <stdint.h>

#include "care_acp.h"
#include "care_buf.h"
#include "care_err.h"
#include "care_long.h"

/* Sources of the long CSV, in the order of acp.yaml's sources map. */
enum acp_src {
	SRC_SESSION,
	SRC_PRE,
	SRC_POST,
	SRC_CARDS,
	NSRC
};

/* Items of a session record. */
enum acp_sitem {
	SI_DATE,
	SI_CENTER,
	SI_VENUE,
	SI_PARTICIPANTS,
	NSI
};

/* Group sets a record is counted in. */
enum acp_set {
	SET_FY,
	SET_CENTER,
	SET_VENUE,
	SET_AGE,
	SET_SEX,
	NSETS
};

struct acp_code {
	char	*code;
	char	*label;		/* NULL: none given (card ids) */
};

struct acp_codes {
	struct acp_code	*v;
	size_t		 n;
};

struct acp_quest {
	char		*session;	/* item naming the session */
	char		*item;		/* the answer item */
	char		*question;	/* its wording, for titles; or NULL */
	struct acp_codes choices;
};

struct care_acp_cfg {
	char			*file;
	int			 fy_start;
	enum care_round_method	 round;
	int			 decimals;
	long			 min_cell;	/* shares withheld below */
	long			 small_group;	/* flagged below */
	/* card rows per group; 0: all */
	long			 top;
	char			*no_answer;	/* label of an empty answer */
	char			*src[NSRC];
	char			*sitem[NSI];
	struct acp_codes	 venues, centers, ages, sexes;
	int			 open_centers;	/* no centres listed */
	struct acp_quest	 q[2];		/* pre, post */
	char			*card_session, *card_item, *card_age,
				*card_sex;
	struct acp_codes	 deck;
};

/* One row of a grouped table: all counts of one group. */
struct acp_group {
	char		*label;
	int		 fy;		/* fiscal-year groups sort by it */
	unsigned long	 sessions, participants;
	unsigned long	*ans[2];	/* choices, then no answer */
	unsigned long	 nq[2];
	unsigned long	*cards;		/* picks per deck card */
	unsigned long	 sheets;
};

struct acp_gset {
	const struct acp_codes	*codes;	/* listed groups; NULL: as seen */
	struct acp_group	**g;
	size_t			  n, cap;
};

/* Index of value in codes (code first, then label), or -1. */
long care_acp_codes_find(const struct acp_codes *codes, const char *value);
/* The group of a set for a value, created on first use. */
struct acp_group *care_acp_gset_get(struct care_acp *t, enum acp_set set,
    const char *label, int fy);

struct acp_rec {
	int		 src;		/* enum acp_src, -1 for others */
	struct care_buf	 source, wave, resp;
	uint64_t	 loc;		/* where it came from (care_long.h) */
	const char	*file;		/* the long file it is in */
	unsigned long	 line, rows, rows_aside;
	struct care_buf	 val[NSI];
	unsigned long	 vline[NSI];
	unsigned long	*pickline;	/* per deck card: line, 0 if not */
	unsigned long	 npicks;
	int		 bad;		/* a single item was repeated */
};

struct care_acp {
	const struct care_acp_cfg	*cfg;
	struct care_acp_opts		 opts;
	struct acp_group		 all;
	struct acp_gset			 sets[NSETS];
	struct acp_session		**slot;	/* hash table of sessions */
	size_t				 nslot, nsess;
	unsigned long			*cross;	/* pre x post, no answer last */
	unsigned long			 aside[NSRC], picks_aside;
	unsigned long			 rows_read, rows_tallied,
					 rows_aside, rows_outside,
					 rows_ignored;
	struct acp_rec			 rec;
	const char			*file;	/* being read */
	char				**files;	/* every file read */
	size_t				 nfiles;
	/*
	 * Questionnaires and card sheets whose session had not been read
	 * yet, with their files: tallied by care_acp_finish().
	 */
	struct acp_rec			*later;
	const char			**later_file;
	size_t				 nlater;
	int				 finished;
	/* The input's streams and the respondents read (care_long.h). */
	struct care_long_seg		 seg;
	struct care_long_files		*locs;
	uint64_t			 fileloc;	/* t->file, line 0 */
	struct care_long_seen		*seen;
	int				 grouped;	/* rows grouped first */
	int				 rereadable;
	int				 apart;		/* rows found apart */
	struct care_long_apart		 apartwhy;
};

/*
 * care_acp.c.  Ends the current record: checks it, tallies it, accounts
 * its rows.
 */
void	care_acp_record_end(struct care_acp *t);
/* Forgets the current record's rows. */
void	care_acp_rec_clear(struct care_acp *t);
/* One card row of the current record. */
void	care_acp_pick(struct care_acp *t, const char *value,
	    unsigned long line);
/*
 * care_acp_state.c.  Reports about the current record, row line of the
 * long CSV: at its origin in the raw export when it has one, naming its
 * respondent unless it is a session (which the messages name).
 */
void	care_acp_diag(const struct care_acp *t, enum care_level level,
	    unsigned long line, const char *fmt, ...) CARE_PRINTF(4, 5);
/* Where the current record is, for a message about row line. */
void	care_acp_where(const struct care_acp *t, unsigned long line,
	    const char **file, unsigned long *l);
/* Back to what care_acp_new() made. */
void	care_acp_reset(struct care_acp *t);

/* Frees what a record holds (care_acp_state.c). */
void	care_acp_rec_free(struct acp_rec *r);

enum sess_state {
	SESS_OK,
	SESS_OUTSIDE,	/* outside --fy or --from/--to */
	SESS_REJECTED	/* its record was set aside */
};

/* The pre and post answers of one respondent, for the cross table. */
struct acp_pair {
	char	*resp;
	int	 ans[2];	/* -1 until answered */
};

struct acp_session {
	char			*id;
	enum sess_state		 state;
	const char		*file;		/* where its record is */
	unsigned long		 line, participants, nq[2];
	struct acp_group	*grp[3];	/* fiscal year, centre, venue */
	struct acp_pair		*pairs;
	size_t			 npairs, cap;
};

struct acp_session *care_acp_sess_find(const struct care_acp *t,
    const char *id);
struct acp_session *care_acp_sess_add(struct care_acp *t, const char *id);
/* The label of a code, or the code when it has none. */
const char *care_acp_label(const struct acp_code *c);

/* Number of answer cells of questionnaire w: choices plus no answer. */
#define ACP_NANS(cfg, w)	((cfg)->q[(w)].choices.n + 1)

/* Visits every pre and post pair of the sessions (for the cross table). */
void care_acp_cross_fill(struct care_acp *t);

#endif /* CARE_ACP_INT_H */
