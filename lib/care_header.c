/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Matching the header line of a raw export to a codebook. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_codebook.h"
#include "care_config.h"
#include "care_err.h"
#include "care_header.h"
#include "care_i18n.h"
#include "care_text.h"

/* The file's headers, normalised, NULL-terminated (for nearest()). */
struct names {
	char	**s;
	size_t	  n;
	char	 *used;
};

struct care_header *
care_header_new(const struct care_codebook *cb)
{
	struct care_header *h;
	size_t i;

	h = care_calloc(1, sizeof(*h));
	h->cb = cb;
	h->col = care_calloc(cb->nitems + 1, sizeof(*h->col));
	h->cols = care_calloc(cb->nitems + 1, sizeof(*h->cols));
	for (i = 0; i < cb->nitems; i++)
		if (cb->items[i].columns.n > 0)
			h->cols[i] = care_calloc(cb->items[i].columns.n,
			    sizeof(long));
	return h;
}

void
care_header_free(struct care_header *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->cb->nitems; i++)
		free(h->cols[i]);
	free(h->cols);
	free(h->col);
	free(h);
}

/* The first of the wanted headers found, or -1. */
static long
find(struct names *nm, const struct care_cb_strs *want)
{
	size_t i, j;

	for (i = 0; i < want->n; i++)
		for (j = 0; j < nm->n; j++)
			if (strcmp(nm->s[j], want->s[i]) == 0) {
				nm->used[j] = 1;
				return (long)j;
			}
	return -1;
}

/* Reports a missing required column with the nearest headers found. */
static void
missing(struct names *nm, const struct care_cb_strs *want, const char *what,
    const char *file, unsigned long line)
{
	struct care_buf near = CARE_BUF_INIT;
	const char *c;
	size_t i;

	care_buf_adds(&near, "");
	for (i = 0; i < want->n; i++)
		if ((c = care_cfg_nearest(want->s[i],
		    (const char *const *)nm->s)) != NULL &&
		    strstr(near.p, c) == NULL) {
			care_buf_adds(&near, near.len > 0 ? ", '" : "'");
			care_buf_adds(&near, c);
			care_buf_adds(&near, "'");
		}
	if (near.len > 0)
		care_diag(CARE_DIAG_FATAL, file, line, 0, _("required column "
		    "'%s' (%s) not found; nearest header: %s"), want->s[0],
		    what, near.p);
	else
		care_diag(CARE_DIAG_FATAL, file, line, 0, _("required column "
		    "'%s' (%s) not found"), want->s[0], what);
	care_buf_free(&near);
}

/* Lists the columns the codebook does not know, in one warning. */
static void
extras(const struct names *nm, size_t skip, const char *file,
    unsigned long line)
{
	struct care_buf b = CARE_BUF_INIT;
	size_t i;

	for (i = skip; i < nm->n; i++)
		if (!nm->used[i]) {
			care_buf_adds(&b, b.len > 0 ? ", '" : "'");
			care_buf_adds(&b, nm->s[i]);
			care_buf_adds(&b, "'");
		}
	if (b.len > 0)
		care_diag(CARE_DIAG_WARN, file, line, 0, _("columns not in "
		    "the codebook, ignored: %s"), b.p);
	care_buf_free(&b);
}

/*
 * A rejects file fed back starts with columns of ours: "line,reason",
 * or "file,line,reason" from a run over several inputs.  How many.
 */
static size_t
rejects_columns(const struct names *nm)
{
	size_t f;

	f = nm->n >= 3 && strcmp(nm->s[0], "file") == 0;
	if (nm->n >= f + 2 && strcmp(nm->s[f], "line") == 0 &&
	    strcmp(nm->s[f + 1], "reason") == 0)
		return f + 2;
	return 0;
}

static int
map_items(struct care_header *h, struct names *nm, const char *file,
    unsigned long line)
{
	const struct care_cb_item *it;
	struct care_cb_strs one;
	char *what;
	size_t i, c, found;
	int rc = 0;

	for (i = 0; i < h->cb->nitems; i++) {
		it = &h->cb->items[i];
		h->col[i] = find(nm, &it->headers);
		for (c = found = 0; c < it->columns.n; c++) {
			one.s = &it->columns.s[c];
			one.len = &it->columns.len[c];
			one.n = 1;
			if ((h->cols[i][c] = find(nm, &one)) >= 0)
				found++;
			else if (it->required) {
				what = care_asprintf(_("item '%s'"), it->name);
				missing(nm, &one, what, file, line);
				free(what);
				rc = -1;
			}
		}
		if (found > 0)
			h->col[i] = h->cols[i][0];
		if (it->required && it->columns.n == 0 && h->col[i] < 0) {
			what = care_asprintf(_("item '%s'"), it->name);
			missing(nm, &it->headers, what, file, line);
			free(what);
			rc = -1;
		}
	}
	return rc;
}

int
care_header_map(struct care_header *h, const char *const *fields,
    const size_t *lens, size_t n, const char *file, unsigned long line)
{
	struct care_buf b = CARE_BUF_INIT;
	struct names nm;
	size_t i;
	int rc;

	nm.s = care_calloc(n + 1, sizeof(*nm.s));
	nm.used = care_calloc(n + 1, 1);
	nm.n = n;
	for (i = 0; i < n; i++) {
		if (care_text_normalize(&b, fields[i], lens[i],
		    CARE_TEXT_CODE) != 0)
			care_buf_set(&b, fields[i], lens[i]);
		nm.s[i] = care_strndup(b.p != NULL ? b.p : "", b.len);
	}
	care_buf_free(&b);
	h->skip = rejects_columns(&nm);
	for (i = 0; i < h->skip; i++)
		nm.used[i] = 1;
	rc = map_items(h, &nm, file, line);
	h->idcol = -1;
	if (!h->cb->id_generate &&
	    (h->idcol = find(&nm, &h->cb->id_headers)) < 0) {
		missing(&nm, &h->cb->id_headers, _("the id"), file, line);
		rc = -1;
	}
	if (rc == 0)
		extras(&nm, h->skip, file, line);
	for (i = 0; i < n; i++)
		free(nm.s[i]);
	free(nm.s);
	free(nm.used);
	return rc;
}
