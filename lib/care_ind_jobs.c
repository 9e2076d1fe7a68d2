/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * indicator-calc on several CPUs.  A large long CSV file is cut into
 * parts, one per worker process, each beginning where a respondent
 * begins so that a respondent's rows stay together.  Every worker but
 * the first (this process) hands its aggregates back as a partial file,
 * the format --merge adds up bit for bit, and its diagnostics as text;
 * they are taken in file order, so the table, the messages and the exit
 * status are those of one process reading the whole file.
 *
 * A part's start is found by reading from a guessed line start, which
 * may lie inside a quoted field.  So the start is only trusted when the
 * worker before, reading from its own trusted start, arrives exactly
 * there (care_csv_tell()) with another respondent's rows behind it.
 * Otherwise that worker reads on to the end of the file and the later
 * parts are thrown away: slower, never wrong.
 */
#include <config.h>

#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#ifdef HAVE_SYS_PRCTL_H
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_csv.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_ind_int.h"

/* The smallest part worth a process; CAREKIT_JOBS_MIN_BYTES overrides. */
#define PART_MIN	((off_t)32 << 20)
/* How far past its guess a worker looks for a respondent's start. */
#define PROBE_MAX	((off_t)8 << 20)
/* The longest source, wave and respondent a part may start with. */
#define KEY_MAX		1024
#define JOBS_MAX	64
#define OFF_END		((off_t)INTMAX_MAX)

/* What the workers tell each other and the parent: shared memory. */
struct job_slot {
	off_t		guess;		/* where the part was guessed to start */
	off_t		start;		/* where its first respondent starts */
	int		found;		/* start is set; else no part here */
	size_t		keylen;
	char		key[KEY_MAX];	/* that respondent (see put_key()) */
	int		to_eof;		/* the worker read to the end of the file */
	int		apart;		/* it met a respondent's rows apart */
	int		done;		/* its partial file is written */
	int		rc;		/* the exit status its diagnostics set */
};

struct ind_jobs {
	struct job_slot	*slot;		/* [n], shared */
	size_t		 n;		/* workers, this process included */
	size_t		 me;		/* the worker this process is */
	pid_t		*pid;		/* [n]; [0] unused */
	FILE		**partial;	/* [n] the workers' aggregates */
	FILE		**resp;		/* [n] their respondents' hashes */
	FILE		**diag;		/* [n] their diagnostics */
	int		*rfd, *wfd;	/* [n] pipes: slot k is filled in */
	off_t		 watch;		/* the next part starts at or after */
	int		 known;		/* slot[me + 1] has been waited for */
	size_t		 width;		/* fields per record (the header's) */
	int		 version;	/* of the stream the first part begins */
	off_t		 part;		/* bytes of a part, about */
};

/* "source \037 wave \037 respondent" of a record or of the open one. */
static void
put_key(struct care_buf *b, const char *src, size_t srclen,
    const char *wave, size_t wavelen, const char *resp, size_t resplen)
{
	care_buf_clear(b);
	care_buf_add(b, src, srclen);
	care_buf_addc(b, '\037');
	care_buf_add(b, wave, wavelen);
	care_buf_addc(b, '\037');
	care_buf_add(b, resp, resplen);
}

/* Waits until worker k has filled in its slot (or has died). */
static void
wait_slot(struct ind_jobs *j, size_t k)
{
	char c;
	ssize_t r;

	while ((r = read(j->rfd[k], &c, 1)) < 0 && errno == EINTR)
		continue;
	if (r != 1)
		j->slot[k].found = 0;
	close(j->rfd[k]);
	j->rfd[k] = -1;
}

int
care_ind_jobs_stop(struct ind_jobs *j, struct care_ind *t, off_t off)
{
	struct care_buf key = CARE_BUF_INIT;
	const struct job_slot *next;
	int same;

	if (off < j->watch)
		return 0;
	next = &j->slot[j->me + 1];
	if (!j->known) {
		j->known = 1;
		wait_slot(j, j->me + 1);
		j->watch = next->found ? next->start : OFF_END;
		if (off < j->watch)
			return 0;
	}
	if (off == next->start && next->found) {
		put_key(&key, t->key.p, t->key.len, t->wave.p, t->wave.len,
		    t->resp.p, t->resp.len);
		same = t->open && key.len == next->keylen &&
		    memcmp(key.p, next->key, key.len) == 0;
		care_buf_free(&key);
		if (!same)
			return 1;
	}
	j->watch = OFF_END;	/* not a trusted start: read on to the end */
	return 0;
}

/*
 * Reads from the guess to the first row of a respondent that begins
 * after it, and fills in the slot; 1 with that row in *r, else 0.
 */
static int
probe(struct ind_jobs *j, struct care_csv *csv, struct care_csv_record *r)
{
	struct job_slot *s = &j->slot[j->me];
	struct care_buf first = CARE_BUF_INIT, key = CARE_BUF_INIT;
	off_t off;
	int found = 0;

	for (;;) {
		off = care_csv_tell(csv);
		if (off < 0 || off - s->guess > PROBE_MAX ||
		    care_csv_read(csv, r) != 1)
			break;
		if (care_long_kind(r, j->version) != CARE_LONG_ROW)
			continue;
		put_key(&key, r->fields[0], r->lens[0], r->fields[1],
		    r->lens[1], r->fields[2], r->lens[2]);
		if (first.p == NULL) {
			care_buf_set(&first, key.p, key.len);
			continue;
		}
		if (key.len == first.len && memcmp(key.p, first.p, key.len) ==
		    0)
			continue;
		if (key.len <= KEY_MAX) {
			s->start = off;
			s->keylen = key.len;
			memcpy(s->key, key.p, key.len);
			found = 1;
		}
		break;
	}
	s->found = found;
	care_buf_free(&first);
	care_buf_free(&key);
	return found;
}

/* Forgets the diagnostics of the rows before the part (the probe's). */
static int
drop_diag(FILE *fp)
{
	if (fflush(fp) != 0 || ftruncate(fileno(fp), 0) != 0)
		return -1;
	rewind(fp);
	care_diag_reset();
	return 0;
}

/*
 * The respondents of a worker's part, for the parent to notice one in
 * two parts: their hashes in binary, 8 bytes each (a partial file's Q
 * lines would cost more to write and read than the part's reading).
 */
static void
add_hash(void *ctx, uint64_t h, uint64_t loc)
{
	struct care_buf *b = ctx;

	(void)loc;
	care_buf_add(b, &h, sizeof(h));
}

static int
put_hashes(struct care_ind *t, FILE *fp)
{
	struct care_buf b = CARE_BUF_INIT;
	int rc;

	if (t->worker)
		care_long_seen_each(t->seen, add_hash, &b);
	rc = b.len > 0 && fwrite(b.p, 1, b.len, fp) != b.len ? -1 :
	    fflush(fp);
	care_buf_free(&b);
	return rc;
}

/* Adds a worker's respondents: 0, or 3 for one this process read too. */
static int
take_hashes(struct care_ind *t, FILE *fp)
{
	uint64_t h[512], first;
	size_t n, i;
	long size;
	int rc = 0;

	/* Room made at once: growing the set is what adding costs most. */
	if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) > 0)
		care_long_seen_reserve(t->seen, care_long_seen_count(t->seen) +
		    (size_t)size / sizeof(*h));
	rewind(fp);
	while ((n = fread(h, sizeof(*h), 512, fp)) > 0)
		for (i = 0; i < n; i++)
			if (care_long_seen_add(t->seen, h[i], 0, &first) !=
			    CARE_LONG_NEW)
				rc = 3;
	return ferror(fp) ? -1 : rc;
}

/* A worker process: its part, from a fresh state; never returns. */
static void CARE_NORETURN
worker(struct ind_jobs *j, struct care_ind *parent, const char *path)
{
	struct job_slot *s = &j->slot[j->me];
	struct care_csv_record r;
	struct care_csv *csv;
	struct care_ind *t;
	int found = 0, stopped;

	care_diag_setstream(j->diag[j->me]);
	t = care_ind_new(parent->cfg, &parent->opts);
	t->ncols = parent->ncols;
	t->rereadable = 1;
	care_long_seg_record(&t->seg, j->version);
	csv = care_csv_open(path, CARE_ENC_UTF8);
	if (csv != NULL && care_csv_seek(csv, s->guess, j->width) == 0)
		found = probe(j, csv, &r);
	/*
	 * The worker before reads on to the end if this one has no part;
	 * the parent reads a part again if its worker did not finish it.
	 */
	if (write(j->wfd[j->me], "", 1) != 1 || !found ||
	    drop_diag(j->diag[j->me]) != 0)
		_exit(0);
	care_ind_set_file(t, care_csv_name(csv));
	t->seg.file = t->file;
	t->spanfrom = s->start;
	t->span = j->part;
	t->lastline = r.end_line;
	care_ind_row(t, (const char *const *)r.fields, r.lens, r.line);
	stopped = care_ind_read_rows(t, csv, j, NULL);
	if (!t->apart)
		care_ind_flush(t);
	s->to_eof = stopped == 0;
	s->apart = t->apart;
	/* Origins are written only for a partial file: else hashes do. */
	t->worker = !t->opts.partial;
	if (stopped >= 0 && care_ind_write_partial(t, j->partial[j->me]) ==
	    0 && fflush(j->partial[j->me]) == 0 &&
	    put_hashes(t, j->resp[j->me]) == 0)
		s->done = 1;
	(void)fflush(j->diag[j->me]);
	s->rc = care_diag_getrc();
	_exit(0);
}

/* In worker k: closes the pipe ends that are not its own. */
static void
keep_pipes(struct ind_jobs *j, size_t k)
{
	size_t i;

	for (i = 1; i < j->n; i++) {
		if (i != k + 1 && j->rfd[i] >= 0) {
			close(j->rfd[i]);
			j->rfd[i] = -1;
		}
		if (i != k && j->wfd[i] >= 0) {
			close(j->wfd[i]);
			j->wfd[i] = -1;
		}
	}
}

/* The number of workers for a file of size bytes, 1 for one process. */
static size_t
workers(const struct care_ind *t, off_t size)
{
	const char *env = getenv("CAREKIT_JOBS_MIN_BYTES");
	off_t min = PART_MIN;
	long n = t->opts.jobs;
	size_t i;
	char *end;

	for (i = 0; i < t->cfg->ndef; i++)
		if (t->cfg->def[i].kind == K_PAIRED)
			return 1;	/* pairs are matched over the file */
	if (env != NULL && *env != '\0') {
		min = (off_t)strtoll(env, &end, 10);
		if (*end != '\0' || min < 1)
			min = PART_MIN;
	}
	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n > JOBS_MAX)
		n = JOBS_MAX;
	if (n > size / min)
		n = (long)(size / min);
	return n > 1 ? (size_t)n : 1;
}

static struct ind_jobs *
jobs_new(size_t n)
{
	struct ind_jobs *j = care_calloc(1, sizeof(*j));
	size_t k;

	j->n = n;
	j->pid = care_calloc(n, sizeof(*j->pid));
	j->partial = care_calloc(n, sizeof(*j->partial));
	j->resp = care_calloc(n, sizeof(*j->resp));
	j->diag = care_calloc(n, sizeof(*j->diag));
	j->rfd = care_calloc(n, sizeof(*j->rfd));
	j->wfd = care_calloc(n, sizeof(*j->wfd));
	for (k = 0; k < n; k++)
		j->rfd[k] = j->wfd[k] = -1;
	j->slot = mmap(NULL, n * sizeof(*j->slot), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (j->slot == MAP_FAILED)
		j->slot = NULL;
	return j;
}

/* Ends the workers from k on, which are of no more use, and reaps them. */
static void
stop_workers(struct ind_jobs *j, size_t k)
{
	int status;

	for (; k < j->n; k++)
		if (j->pid[k] > 0) {
			(void)kill(j->pid[k], SIGKILL);
			while (waitpid(j->pid[k], &status, 0) < 0 &&
			    errno == EINTR)
				continue;
			j->pid[k] = 0;
		}
}

static void
jobs_free(struct ind_jobs *j)
{
	size_t k;

	stop_workers(j, 1);
	for (k = 0; k < j->n; k++) {
		if (j->partial[k] != NULL)
			fclose(j->partial[k]);
		if (j->resp[k] != NULL)
			fclose(j->resp[k]);
		if (j->diag[k] != NULL)
			fclose(j->diag[k]);
		if (j->rfd[k] >= 0)
			close(j->rfd[k]);
		if (j->wfd[k] >= 0)
			close(j->wfd[k]);
	}
	if (j->slot != NULL)
		munmap(j->slot, j->n * sizeof(*j->slot));
	free(j->pid);
	free(j->partial);
	free(j->resp);
	free(j->diag);
	free(j->rfd);
	free(j->wfd);
	free(j);
}

/* The files and pipes of workers 1..n-1, made before any starts; 0, -1. */
static int
plumb(struct ind_jobs *j)
{
	int fd[2];
	size_t k;

	for (k = 1; k < j->n; k++) {
		if ((j->partial[k] = tmpfile()) == NULL ||
		    (j->resp[k] = tmpfile()) == NULL ||
		    (j->diag[k] = tmpfile()) == NULL || pipe(fd) != 0)
			return -1;
		j->rfd[k] = fd[0];
		j->wfd[k] = fd[1];
	}
	return 0;
}

/* Starts worker k: 1 in the worker, 0 in this process, or -1. */
static int
spawn(struct ind_jobs *j, size_t k)
{
	pid_t parent = getpid();

	(void)fflush(NULL);
	if ((j->pid[k] = fork()) < 0) {
		j->pid[k] = 0;
		return -1;
	}
	if (j->pid[k] > 0)
		return 0;
#ifdef HAVE_SYS_PRCTL_H
	/* Killed with the parent, whose files this one would outlive. */
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
	if (getppid() != parent)
		_exit(0);
	(void)signal(SIGPIPE, SIG_IGN);
	return 1;
}

struct ind_jobs *
care_ind_jobs_start(struct care_ind *t, const char *path,
    struct care_csv *csv)
{
	struct ind_jobs *j;
	struct stat st;
	off_t from = care_csv_tell(csv);
	size_t n, k;
	int r;

	if (path == NULL || strcmp(path, "-") == 0 || from < 0 ||
	    stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (n = workers(t, st.st_size - from)) < 2)
		return NULL;
	j = jobs_new(n);
	j->width = care_csv_width(csv);
	j->version = t->seg.version;
	j->part = (st.st_size - from) / (off_t)n;
	if (j->slot == NULL || plumb(j) != 0) {
		jobs_free(j);
		return NULL;
	}
	for (k = 1; k < n; k++) {
		j->slot[k].guess = from + (st.st_size - from) / (off_t)n *
		    (off_t)k;
		if ((r = spawn(j, k)) < 0)
			break;
		if (r == 1) {	/* the worker */
			j->me = k;
			keep_pipes(j, k);
			j->watch = k + 1 < n ? j->slot[k + 1].guess : OFF_END;
			worker(j, t, path);
		}
	}
	if (k < n) {		/* too few processes or files: one reads */
		jobs_free(j);
		return NULL;
	}
	keep_pipes(j, 0);
	j->watch = j->slot[1].guess;
	return j;
}

/* Copies a worker's diagnostics to ours, in their place. */
static void
replay_diag(FILE *from)
{
	char buf[8192];
	size_t n;

	rewind(from);
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		care_diag_write(buf, n);
}

/* Worker k failed: reads its part and the rest of the file here. */
static int
read_rest(struct ind_jobs *j, size_t k, struct care_ind *t,
    const char *path)
{
	struct care_csv *csv;
	int r;

	care_diag(CARE_DIAG_WARN, path, 0, 0, _("worker process %zu of %zu "
	    "failed: reading its part again"), k + 1, j->n);
	if ((csv = care_csv_open(path, CARE_ENC_UTF8)) == NULL)
		return -1;
	if (care_csv_seek(csv, j->slot[k].start, j->width) != 0) {
		care_csv_close(csv);
		return -1;
	}
	care_ind_set_file(t, care_csv_name(csv));
	r = care_ind_read_rows(t, csv, NULL, NULL);
	care_ind_flush(t);
	care_csv_close(csv);
	return r < 0 ? -1 : r == 2 ? 2 : 0;
}

int
care_ind_jobs_finish(struct ind_jobs *j, struct care_ind *t,
    const char *path, int stopped)
{
	size_t k;
	int status, rc = 0;

	j->slot[0].to_eof = !stopped;
	for (k = 1; k < j->n && !j->slot[k - 1].to_eof && rc == 0; k++) {
		while (waitpid(j->pid[k], &status, 0) < 0 && errno == EINTR)
			continue;
		j->pid[k] = 0;
		if (j->slot[k].apart) {
			rc = 3;		/* read in one process */
			break;
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
		    !j->slot[k].done) {
			stop_workers(j, k + 1);
			rc = read_rest(j, k, t, path);
			break;
		}
		replay_diag(j->diag[k]);
		care_diag_setrc((enum care_exit)j->slot[k].rc);
		rewind(j->partial[k]);
		t->jobs = 1;
		if ((rc = care_ind_merge_stream(t, j->partial[k], path)) == 0)
			rc = take_hashes(t, j->resp[k]);
		t->jobs = 0;
	}
	jobs_free(j);
	return rc;
}

size_t
care_ind_jobs_parts(const struct ind_jobs *j)
{
	return j != NULL ? j->n : 1;
}

void
care_ind_jobs_abandon(struct ind_jobs *j)
{
	jobs_free(j);
}
