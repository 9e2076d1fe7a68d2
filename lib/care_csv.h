/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Streaming CSV reading over libcsv: the only module that includes
 * <csv.h>.  Strict RFC 4180 parsing, one leading BOM stripped, LF, CRLF
 * and CR line ends, quoted fields spanning lines, values byte-exact.
 * Each record knows the physical lines it came from, and a malformed
 * record is returned flagged with what is wrong instead of being merged
 * into its neighbours or dropped: every line of the input is in exactly
 * one record, or is blank.
 *
 * A quoted field may span lines, and a stray opening quote would make
 * one of the rest of the input.  The two are told apart by what follows:
 * a record whose quoted field spans a line end stands when it ends at a
 * line end with the first record's number of fields and no quote error
 * (free text over several lines, doubled quotes in it, a field of any
 * size).  Otherwise its first line R makes no record, and the reader
 * goes back to line R+1 and resynchronises at the next line that starts
 * a record that parses; the lines R to S before it are one record of
 * their raw text, CARE_CSV_QUOTE or CARE_CSV_UNTERMINATED, reported as
 * "lines R-S" (or as line R alone).  A stray quote whose field happens
 * to end on a record of the right number of fields cannot be told from
 * free text, and stands.  Going back needs the lines again: up to 4 MiB
 * of text is kept in memory, the rest in an unlinked temporary file
 * (0600, in $TMPDIR or /tmp), so memory stays bounded.
 */
#ifndef CARE_CSV_H
#define CARE_CSV_H

#include <sys/types.h>

#include <stddef.h>

#include "care_decode.h"

/* What is wrong with a record; CARE_CSV_OK for a good one. */
enum care_csv_problem {
	CARE_CSV_OK = 0,
	CARE_CSV_RAGGED,	/* field count differs from the first record's */
	CARE_CSV_QUOTE,		/* stray quote, or text after a closing quote */
	CARE_CSV_UNTERMINATED,	/* quoted field still open at end of input */
	CARE_CSV_UNDECODABLE,	/* bytes that are not valid in the encoding */
	CARE_CSV_TOO_BIG	/* a field or the column count passed a limit */
};

struct care_csv_record {
	size_t		  nfields;
	char		**fields;	/* NUL-terminated, valid until the next read */
	size_t		 *lens;		/* byte length of each field */
	unsigned long	  line;		/* physical line the record starts on (1-based) */
	unsigned long	  end_line;	/* physical line it ends on */
	enum care_csv_problem problem;
	/*
	 * For a malformed record, a diagnostic has already been reported.
	 * CARE_CSV_RAGGED and CARE_CSV_UNDECODABLE have their fields as
	 * split.  CARE_CSV_QUOTE, CARE_CSV_UNTERMINATED and
	 * CARE_CSV_TOO_BIG are their raw text, rawlen bytes of their lines
	 * byte-exact (as UTF-8 text) without the last line end: the one
	 * field, or no field when rawlen is over CARE_CSV_MAX_FIELD, and
	 * then care_csv_raw() gives it in pieces.  rawlen is 0 otherwise.
	 */
	off_t		  rawlen;
};

/* Limits: beyond them a record is CARE_CSV_TOO_BIG, never a crash. */
#define CARE_CSV_MAX_FIELD	(1UL << 20)	/* bytes in one field */
#define CARE_CSV_MAX_COLUMNS	4096		/* fields in one record */
/* Bytes in one record's fields together. */
#define CARE_CSV_MAX_RECORD	(16 * CARE_CSV_MAX_FIELD)

struct care_csv;

/*
 * Opens path ("-" or NULL for stdin).  With CARE_ENC_AUTO a regular file
 * is scanned first; a pipe is spooled to an unlinked temporary file while
 * it is scanned, so memory stays bounded.  Returns NULL after reporting
 * the error (unreadable, or neither UTF-8 nor CP932).
 */
struct care_csv *care_csv_open(const char *path, enum care_encoding enc);

/* The name used in diagnostics: the path, or "<stdin>". */
const char *care_csv_name(const struct care_csv *csv);
/* The encoding in use (after auto-detection). */
enum care_encoding care_csv_encoding(const struct care_csv *csv);

/*
 * Reads the next record into *rec.  Returns 1 for a record (check
 * rec->problem), 0 at end of input, -1 on an I/O error (reported).
 * Blank lines are skipped but counted in line numbers.
 */
int care_csv_read(struct care_csv *csv, struct care_csv_record *rec);

/*
 * The raw text of the record just read (rawlen bytes) through put, in
 * pieces; valid until the next read.  0, or -1 after reporting an I/O
 * error of the temporary file.
 */
int care_csv_raw(struct care_csv *csv,
    void (*put)(void *arg, const char *p, size_t n), void *arg);

/* Field count the reader expects (the first record's), 0 before it. */
size_t care_csv_width(const struct care_csv *csv);

/*
 * Where the next record starts in the input (blank lines before it
 * included): the byte offset just after the last record read.  For
 * UTF-8 input only, whose text is its bytes; -1 otherwise, and once a
 * stray quote has made the reader go back over lines.
 */
off_t care_csv_tell(const struct care_csv *csv);

/*
 * Before the first read of a UTF-8 regular file: reads from the first
 * line start at or after offset off instead, with line numbers counted
 * from the start of the file and records expected to have width fields
 * (the header's).  A line start may be inside a quoted field: whether
 * the records read from there are the file's own, the caller settles
 * by meeting them from the start (care_csv_tell()).  This is how a
 * large file is read in parts by several processes.  0, or -1 after
 * reporting.
 */
int care_csv_seek(struct care_csv *csv, off_t off, size_t width);

void care_csv_close(struct care_csv *csv);

#endif /* CARE_CSV_H */
