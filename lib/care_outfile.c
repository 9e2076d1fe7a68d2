/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Atomic output files: a temporary beside the target, renamed on commit. */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "care_alloc.h"
#include "care_err.h"
#include "care_i18n.h"
#include "care_outfile.h"

struct care_outfile {
	FILE	*fp;
	char	*target;	/* NULL for stdout */
	char	*tmp;		/* temporary path, registered while live;
				   NULL when writing the target directly */
	size_t	 slot;		/* its index in the registry */
};

/*
 * Live temporaries, for the signal handler.  The array and the paths
 * are allocated before a path is published, and they change only with
 * the signals blocked, so the handler sees either the old or the new
 * state, never half of one.
 */
static char **live;
static size_t nlive;
static int handlers_installed;
static const int fatal_signals[] = { SIGHUP, SIGINT, SIGTERM };
#define NSIGNALS (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

/* Removes every live temporary, then dies of the signal as if unhandled. */
static void
on_fatal_signal(int sig)
{
	size_t i;

	for (i = 0; i < nlive; i++)
		if (live[i] != NULL)
			(void)unlink(live[i]);
	/* SA_RESETHAND restored the default: this kills on return. */
	(void)raise(sig);
}

static void
block_signals(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NSIGNALS; i++)
		sigaddset(&set, fatal_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* Installs the handlers once, leaving alone signals someone else handles. */
static void
install_handlers(void)
{
	struct sigaction sa, old;
	size_t i;

	if (handlers_installed)
		return;
	handlers_installed = 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIGNALS; i++)
		sigaddset(&sa.sa_mask, fatal_signals[i]);
	for (i = 0; i < NSIGNALS; i++) {
		/* Under nohup SIGHUP is ignored, and must stay ignored. */
		if (sigaction(fatal_signals[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_DFL)
			sigaction(fatal_signals[i], &sa, NULL);
	}
}

static size_t
register_tmp(char *path)
{
	sigset_t old;
	size_t i;

	block_signals(&old);
	for (i = 0; i < nlive && live[i] != NULL; i++)
		continue;
	if (i == nlive) {
		live = care_reallocarray(live, nlive + 1, sizeof(*live));
		nlive++;
	}
	live[i] = path;
	install_handlers();
	sigprocmask(SIG_SETMASK, &old, NULL);
	return i;
}

static void
unregister_tmp(size_t slot)
{
	sigset_t old;

	block_signals(&old);
	live[slot] = NULL;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/*
 * The process umask, read without changing it where the kernel tells
 * (Linux 4.7 and later); otherwise set and restored at once, which is
 * safe because libcare creates files from one thread only.
 */
static mode_t
current_umask(void)
{
	FILE *fp;
	char line[128];
	unsigned int mask;
	mode_t m;

	if ((fp = fopen("/proc/self/status", "r")) != NULL) {
		while (fgets(line, sizeof(line), fp) != NULL) {
			if (sscanf(line, "Umask: %o", &mask) == 1) {
				fclose(fp);
				return (mode_t)mask & 0777;
			}
		}
		fclose(fp);
	}
	m = umask(077);
	umask(m);
	return m;
}

/* "<dir>/.<base>.XXXXXX" beside path, for mkstemp(). */
static char *
tmp_template(const char *path)
{
	const char *slash;
	int dirlen;

	slash = strrchr(path, '/');
	dirlen = slash != NULL ? (int)(slash - path) + 1 : 0;
	return care_asprintf("%.*s.%s.XXXXXX", dirlen, path, path + dirlen);
}

static void
report(const char *target, int errnum)
{
	care_diag(CARE_DIAG_FATAL, NULL, 0, 0, _("cannot write '%s': %s"),
	    target, strerror(errnum));
}

static void
outfile_free(struct care_outfile *of)
{
	free(of->target);
	free(of->tmp);
	free(of);
}

/*
 * Nonzero unless path names something that exists and is not a regular
 * file.  A symbolic link counts as not regular: renaming over it would
 * replace the link (think of /dev/stdout) instead of what it points to.
 */
static int
is_regular_or_absent(const char *path)
{
	struct stat st;

	return lstat(path, &st) == -1 || S_ISREG(st.st_mode);
}

struct care_outfile *
care_outfile_open(const char *path, unsigned flags)
{
	struct care_outfile *of;
	int fd, errnum;

	of = care_calloc(1, sizeof(*of));
	if (path == NULL || strcmp(path, "-") == 0) {
		of->fp = stdout;
		return of;
	}
	of->target = care_strdup(path);
	if (!is_regular_or_absent(path)) {
		/*
		 * A device, FIFO or symbolic link (/dev/null, /dev/full,
		 * /dev/stdout) cannot be replaced atomically, and renaming
		 * over it would replace the device or link itself: write
		 * to it directly.
		 */
		if ((of->fp = fopen(path, "w")) == NULL) {
			report(path, errno);
			outfile_free(of);
			return NULL;
		}
		return of;
	}
	of->tmp = tmp_template(path);
	if ((fd = mkstemp(of->tmp)) == -1) {
		report(path, errno);
		outfile_free(of);
		return NULL;
	}
	of->slot = register_tmp(of->tmp);
	/* mkstemp gives 0600, right for respondent-level data. */
	if ((!(flags & CARE_OUT_PRIVATE) &&
	    fchmod(fd, 0666 & ~current_umask()) == -1) ||
	    (of->fp = fdopen(fd, "w")) == NULL) {
		errnum = errno;
		close(fd);
		unlink(of->tmp);
		unregister_tmp(of->slot);
		report(path, errnum);
		outfile_free(of);
		return NULL;
	}
	return of;
}

FILE *
care_outfile_stream(struct care_outfile *of)
{
	return of->fp;
}

const char *
care_outfile_name(const struct care_outfile *of)
{
	return of->target != NULL ? of->target : "<stdout>";
}

/* Everything up to the rename; returns 0 or an errno value. */
static int
finish(struct care_outfile *of)
{
	FILE *fp = of->fp;
	int errnum = 0;

	of->fp = NULL;
	errno = 0;
	if (fflush(fp) != 0 || ferror(fp))
		errnum = errno != 0 ? errno : EIO;
	else if (of->tmp != NULL && fsync(fileno(fp)) == -1)
		errnum = errno;
	/* Close in any case: NFS reports some write errors only here. */
	if (fclose(fp) != 0 && errnum == 0)
		errnum = errno != 0 ? errno : EIO;
	return errnum;
}

int
care_outfile_commit(struct care_outfile *of)
{
	sigset_t old;
	int errnum;

	if (of->target == NULL) {
		/* care_exit() reports a stdout error; nothing to undo here. */
		fflush(stdout);
		outfile_free(of);
		return 0;
	}
	if ((errnum = finish(of)) == 0 && of->tmp != NULL) {
		/* A signal now must not remove the file being renamed. */
		block_signals(&old);
		if (rename(of->tmp, of->target) == 0)
			live[of->slot] = NULL;
		else
			errnum = errno;
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	if (errnum != 0) {
		report(of->target, errnum);
		if (of->tmp != NULL) {
			unlink(of->tmp);
			unregister_tmp(of->slot);
		}
		outfile_free(of);
		return -1;
	}
	outfile_free(of);
	return 0;
}

int
care_outfile_end(struct care_outfile *of, int written)
{
	if (written)
		return care_outfile_commit(of);
	if (of->target != NULL)
		care_err(_("cannot write '%s'"), of->target);
	care_diag_setrc(CARE_EXIT_TROUBLE);
	care_outfile_abort(of);
	return -1;
}

void
care_outfile_abort(struct care_outfile *of)
{
	if (of == NULL)
		return;
	if (of->target != NULL)
		fclose(of->fp);
	if (of->tmp != NULL) {
		unlink(of->tmp);
		unregister_tmp(of->slot);
	}
	outfile_free(of);
}

FILE *
care_tmpfile(void)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	FILE *fp;
	int fd, e;

	if (dir == NULL || *dir != '/')
		dir = "/tmp";
	path = care_asprintf("%s/carekit.XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0) {
		e = errno;
		free(path);
		errno = e;
		return NULL;
	}
	(void)unlink(path);
	free(path);
	if ((fp = fdopen(fd, "w+")) == NULL) {
		e = errno;
		close(fd);
		errno = e;
	}
	return fp;
}
