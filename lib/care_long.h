/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The long CSV every program after survey-ingest reads: its two
 * versions, the end line that tells a whole stream from a cut one, and
 * the origin of each respondent in the raw export.
 *
 * Version 1: the header source,wave,respondent,item,value; a stream
 * ends where its input ends, so a cut stream cannot be told from a
 * whole one.  Version 2, which survey-ingest writes: the header has a
 * sixth column, origin; the first row of each respondent's record
 * carries "file:line" of that record in the raw export and the other
 * rows leave it empty; and the stream ends with the line
 *
 *     #end,N,,,,
 *
 * where N counts the records between the header and that line.  Its
 * writer adds the end line only when its run succeeded, so a reader
 * that meets the end of its input, or another header, in a version 2
 * stream without it knows the writer failed, and refuses the stream.
 * Streams concatenate: a header may follow an end line, or any row in
 * version 1.
 */
#ifndef CARE_LONG_H
#define CARE_LONG_H

#include <stddef.h>
#include <stdint.h>

struct care_csv_record;

/* The columns of a row. */
enum care_long_col {
	CARE_LONG_SOURCE,
	CARE_LONG_WAVE,
	CARE_LONG_RESP,
	CARE_LONG_ITEM,
	CARE_LONG_VALUE,
	CARE_LONG_ORIGIN
};

/* The header survey-ingest writes, and the one before version 2. */
#define CARE_LONG_HEADER2 "source,wave,respondent,item,value,origin\n"
#define CARE_LONG_HEADER1 "source,wave,respondent,item,value\n"
/* The first field of an end line. */
#define CARE_LONG_END_TAG "#end"

/* What a record is, read in a stream of a given version. */
enum care_long_kind {
	CARE_LONG_ROW,		/* a row of the stream */
	CARE_LONG_BAD,		/* malformed, or of the wrong width */
	CARE_LONG_HEADER,	/* a header: a stream begins */
	CARE_LONG_END		/* an end line: the stream is whole */
};

/* The version of a header record, or 0 if r is none. */
int care_long_version(const struct care_csv_record *r);
/* What r is in a stream of version v (0: before any header). */
enum care_long_kind care_long_kind(const struct care_csv_record *r, int v);

/*
 * The streams of one input, checked as they are read: each begins with
 * a header, and a version 2 stream ends with its end line, whose count
 * agrees.  A reader counts the records it reads (rows and bad ones) and
 * hands the running count to every event.
 */
struct care_long_event {
	enum care_long_kind	kind;	/* ROW: a record outside a stream */
	unsigned long		line, v, nrec;
};

struct care_long_seg {
	const char	*file;		/* for messages */
	int		 version;	/* of the open stream; 0 none */
	int		 streams;	/* streams begun */
	unsigned long	 hline;		/* the open stream's header line */
	unsigned long	 base;		/* records read before it */
	unsigned long	 endline;	/* the last end line, 0 none */
	/* Recording: the events of a part another process checks. */
	int		 record;
	struct care_long_event *ev;
	size_t		 nev, capev;
};

void	care_long_seg_init(struct care_long_seg *s, const char *file);
/*
 * From now on the events are recorded in s->ev, not checked: s is a
 * part of an input that begins inside a stream of version v, read by a
 * process of its own; the process that reads the input from its start
 * checks them in their place with care_long_seg_replay().
 */
void	care_long_seg_record(struct care_long_seg *s, int v);
/* Checks a recorded event; nrec counts the records before the part. */
int	care_long_seg_replay(struct care_long_seg *s,
	    const struct care_long_event *ev, unsigned long nrec);
void	care_long_seg_free(struct care_long_seg *s);
/*
 * A header (k CARE_LONG_HEADER, version v) or an end line (k
 * CARE_LONG_END, v the count it gives) on line, after nrec records of
 * the input; 0, or -1 after reporting why the input is unusable.
 */
int	care_long_seg_event(struct care_long_seg *s, enum care_long_kind k,
	    unsigned long line, unsigned long v, unsigned long nrec);
/* A row, or a record on line, before any header: 0, or -1 (reported). */
int	care_long_seg_row(struct care_long_seg *s, unsigned long line);
/* The end of the input, after line lines: 0, or -1 (reported). */
int	care_long_seg_finish(struct care_long_seg *s, unsigned long line);
/* The count of an end line, or -1 if r is malformed as one. */
long	care_long_end_count(const struct care_csv_record *r);

/*
 * A reader of rows: row() gets every row of a stream, with six fields
 * (the origin empty in version 1), and returns nonzero to stop; bad()
 * every malformed record, which the CSV reader has reported.
 */
struct care_long_sink {
	void	*ctx;
	int	(*row)(void *ctx, const char *const *f, const size_t *len,
		    unsigned long line);
	void	(*bad)(void *ctx, unsigned long line);
};

struct care_csv;

/*
 * Reads every record of csv into sk, checking its streams in seg (set up
 * by care_long_seg_init()); 0 at the end, 1 when row() stopped it, -1
 * when the input is not whole long CSV (reported).
 */
int	care_long_read(struct care_csv *csv, struct care_long_seg *seg,
	    const struct care_long_sink *sk);
/* Whether every path names a file that can be read a second time. */
int	care_long_rereadable(char *const *paths, size_t n);
/*
 * A respondent's rows found out of the order they were written in (why:
 * a message of the form "respondent 'id': ...", at file:line).  When the
 * input can be read again, it is kept in a to say, in its place, with
 * care_long_apart_note() before the second reading; otherwise it is
 * reported at once as an error that stops the run, with the remedy.
 */
struct care_long_apart {
	char		*why, *file;
	unsigned long	 line;
};

void	care_long_apart(struct care_long_apart *a, int rereadable,
	    const char *file, unsigned long line, char *why);
void	care_long_apart_note(struct care_long_apart *a);
void	care_long_apart_free(struct care_long_apart *a);

/*
 * Before the input is read a second time: forgets what the first
 * reading said (care_diag_forget()), or says that what already came out
 * was a first reading's.
 */
void	care_long_forget(void);

/*
 * Where a respondent's record is: the raw export's file and line (its
 * origin), or, for version 1, the long file's.  Packed into 64 bits so
 * that a set of millions of respondents can keep one each.
 */
struct care_long_files;

struct care_long_files *care_long_files_new(void);
void	care_long_files_free(struct care_long_files *fs);
/* The packed location of file[0..len) line; raw: an origin. */
uint64_t care_long_loc(struct care_long_files *fs, const char *file,
	    size_t len, unsigned long line, int raw);
/*
 * Splits an origin column "file:line": the file's length and the line;
 * -1 if s is not one (empty, or no line number after its last colon).
 */
int	care_long_origin_split(const char *s, size_t len, size_t *filelen,
	    unsigned long *line);
/* The location of an origin column; 0 if s is not one. */
uint64_t care_long_origin(struct care_long_files *fs, const char *s,
	    size_t len);
/* The location of line in the file of loc. */
uint64_t care_long_loc_at(uint64_t loc, unsigned long line);
int	care_long_loc_raw(uint64_t loc);
const char *care_long_loc_file(const struct care_long_files *fs,
	    uint64_t loc);
unsigned long care_long_loc_line(uint64_t loc);

/*
 * The respondents read so far, (source, wave, respondent) each with the
 * location of its record, so that one read again is noticed: about 25
 * bytes per respondent (a care_idset with values; two respondents whose
 * keys share a 64-bit hash would be taken for one, a chance of about
 * n * n / 2^65).
 */
struct care_long_seen;

/* What a respondent whose rows just ended is to the reader. */
enum care_long_again {
	CARE_LONG_NEW,		/* not read before: count it */
	CARE_LONG_TWICE,	/* a second record (both have an origin) */
	CARE_LONG_APART		/* rows apart from the rest of its record */
};

struct care_long_seen *care_long_seen_new(void);
void	care_long_seen_free(struct care_long_seen *sn);
/* The hash of a respondent's key, as the set keeps it. */
uint64_t care_long_key_hash(const char *src, size_t srclen,
	    const char *wave, size_t wavelen, const char *resp,
	    size_t resplen);
/*
 * Starts fetching the memory that adding hash h will touch: a caller
 * that hashes a respondent when its rows begin and adds it when they
 * end does not wait for it then.
 */
void	care_long_seen_prefetch(const struct care_long_seen *sn, uint64_t h);
/*
 * Adds the respondent of hash h read from loc; for one read before,
 * *first is where its first record came from.
 */
enum care_long_again care_long_seen_add(struct care_long_seen *sn,
	    uint64_t h, uint64_t loc, uint64_t *first);
size_t	care_long_seen_count(const struct care_long_seen *sn);
/* Makes room for n respondents in all (a hint: see care_idset_reserve()). */
void	care_long_seen_reserve(struct care_long_seen *sn, size_t n);
/* Calls fn with the hash and location of every respondent read. */
void	care_long_seen_each(const struct care_long_seen *sn,
	    void (*fn)(void *ctx, uint64_t h, uint64_t loc), void *ctx);
/* The number of files a location may name, and the name of each. */
size_t	care_long_files_count(const struct care_long_files *fs);
const char *care_long_files_name(const struct care_long_files *fs,
	    size_t i);
/* The index of the file a location names. */
size_t	care_long_loc_index(uint64_t loc);
/*
 * Reports a second record of respondent resp, from the raw export
 * file:line, met in the long CSV at lfile:lline, after its first record
 * from ffile:fline: set aside, counted once.
 */
void	care_long_report_twice(const char *resp, const char *file,
	    unsigned long line, const char *lfile, unsigned long lline,
	    const char *ffile, unsigned long fline);

#endif /* CARE_LONG_H */
