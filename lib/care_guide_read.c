/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading guidebook inputs (aliases, checks, duplicates) and CSV tables. */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_csv.h"
#include "care_err.h"
#include "care_guide_int.h"
#include "care_i18n.h"
#include "care_text.h"

/* The reading state of one file. */
struct reader {
	struct care_guide	*g;
	const struct guide_input *in;
	struct guide_set	*set;
	const char		*name;
	long			*col;	/* per field: column, or -1 */
	struct care_buf		 nb, ab;
};

int
care_guide_check_phone(const char *s)
{
	size_t digits = 0, want = 10;
	const char *p;

	if (s[0] != '0')
		return -1;
	for (p = s; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (*p != '-' || p[1] == '-' || p[1] == '\0')
			return -1;
	}
	/* Mobile (070, 080, 090), IP (050) and M2M (020, 060) have 11. */
	if (s[2] == '0' && strchr("256789", s[1]) != NULL)
		want = 11;
	return digits == want ? 0 : -1;
}

int
care_guide_check_postal(const char *s, char out[9])
{
	size_t i, n = 0;

	if (strncmp(s, "〒", strlen("〒")) == 0)
		s += strlen("〒");
	for (i = 0; s[i] != '\0'; i++) {
		if (isdigit((unsigned char)s[i]) && n < 7) {
			out[n + (n >= 3)] = s[i];
			n++;
		} else if (s[i] != '-' || i != 3)
			return -1;
	}
	if (n != 7)
		return -1;
	out[3] = '-';
	out[8] = '\0';
	return 0;
}

const char *
care_guide_area_of(const struct care_guide_cfg *cfg, const char *address)
{
	const char *best = NULL;
	size_t a, t, bestlen = 0, len;

	for (a = 0; a < cfg->narea; a++)
		for (t = 0; cfg->area_towns[a][t] != NULL; t++) {
			len = strlen(cfg->area_towns[a][t]);
			if (len > bestlen &&
			    strstr(address, cfg->area_towns[a][t]) != NULL) {
				best = cfg->area_name[a];
				bestlen = len;
			}
		}
	return best;
}

char *
care_guide_key(const struct care_guide_cfg *cfg, const struct guide_input *in,
    const struct guide_entry *e)
{
	struct care_buf b = CARE_BUF_INIT;
	size_t i;

	(void)cfg;
	care_buf_adds(&b, "");
	for (i = 0; i < in->nkey; i++) {
		if (i > 0)
			care_buf_addc(&b, ' ');
		care_buf_adds(&b, e->v[in->key[i]]);
	}
	return care_buf_detach(&b);
}

/* Finds the column of every field the input maps. */
static int
map_header(struct reader *r, const struct care_csv_record *rec)
{
	const struct care_guide_cfg *c = r->g->cfg;
	const char *a;
	size_t f, i;
	int bad = 0;

	for (f = 0; f < c->nfield; f++) {
		r->col[f] = -1;
		for (a = r->in->alias[f]; a != NULL && *a != '\0' &&
		    r->col[f] < 0; a += strlen(a) + 1) {
			(void)care_text_normalize(&r->ab, a, strlen(a),
			    CARE_TEXT_CODE);
			for (i = 0; i < rec->nfields && r->col[f] < 0; i++) {
				(void)care_text_normalize(&r->nb,
				    rec->fields[i], rec->lens[i],
				    CARE_TEXT_CODE);
				if (r->nb.p != NULL && r->ab.p != NULL &&
				    strcmp(r->nb.p, r->ab.p) == 0)
					r->col[f] = (long)i;
			}
		}
		if (r->in->alias[f] == NULL || r->col[f] >= 0)
			continue;
		care_diag(r->in->required[f] ? CARE_DIAG_FATAL :
		    CARE_DIAG_WARN, r->name, rec->line, 0,
		    _("no column '%s' for field '%s'"), r->in->alias[f],
		    c->field[f].name);
		bad |= r->in->required[f];
	}
	return bad ? -1 : 0;
}

/* A flag value: "1", "0", or "" when empty or unknown. */
static const char *
flag_value(const struct guide_field *f, const char *s)
{
	size_t i;

	for (i = 0; f->yes[i] != NULL; i++)
		if (strcmp(s, f->yes[i]) == 0)
			return "1";
	for (i = 0; f->no[i] != NULL; i++)
		if (strcmp(s, f->no[i]) == 0)
			return "0";
	return NULL;
}

/* Normalises and checks one value; returns 1 for a data error. */
static int
check_value(struct reader *r, unsigned long line, size_t f, const char *raw,
    size_t len, char **out)
{
	const struct guide_field *fd = &r->g->cfg->field[f];
	char postal[9];
	const char *v;
	size_t i;

	if (care_text_normalize(&r->nb, raw, len, fd->type == GUIDE_TEXT ||
	    fd->type == GUIDE_KANA ? CARE_TEXT_FREE : CARE_TEXT_CODE) != 0) {
		care_diag(CARE_DIAG_ERROR, r->name, line, 0,
		    _("field '%s': not UTF-8"), fd->name);
		*out = care_strdup("");
		return 1;
	}
	v = r->nb.p != NULL ? r->nb.p : "";
	*out = NULL;
	for (i = 0; fd->strip != NULL && fd->strip[i] != NULL; i++)
		if (strncmp(v, fd->strip[i], strlen(fd->strip[i])) == 0) {
			v += strlen(fd->strip[i]);
			break;
		}
	if (*v == '\0')
		;
	else if (fd->type == GUIDE_PHONE && care_guide_check_phone(v) != 0) {
		care_diag(CARE_DIAG_ERROR, r->name, line, 0,
		    _("field '%s': malformed phone number '%s'"), fd->name, v);
		*out = care_strdup(v);
		return 1;
	} else if (fd->type == GUIDE_POSTAL) {
		if (care_guide_check_postal(v, postal) != 0) {
			care_diag(CARE_DIAG_ERROR, r->name, line, 0,
			    _("field '%s': malformed postal code '%s'"),
			    fd->name, v);
			*out = care_strdup(v);
			return 1;
		}
		v = postal;
	} else if (fd->type == GUIDE_URL && strncmp(v, "http://", 7) != 0 &&
	    strncmp(v, "https://", 8) != 0) {
		care_diag(CARE_DIAG_WARN, r->name, line, 0, _("field '%s': "
		    "not an http or https address, left out: '%s'"),
		    fd->name, v);
		v = "";
	} else if (fd->type == GUIDE_FLAG) {
		if ((v = flag_value(fd, v)) == NULL) {
			care_diag(CARE_DIAG_WARN, r->name, line, 0,
			    _("field '%s': unknown answer '%s', shown as "
			    "not available"), fd->name, r->nb.p);
			v = "";
		}
	}
	*out = care_strdup(v);
	return 0;
}

static void
read_record(struct reader *r, const struct care_csv_record *rec)
{
	const struct care_guide_cfg *c = r->g->cfg;
	struct guide_entry *e;
	size_t f;

	r->set->rows++;
	r->g->rows++;
	if (r->set->n == r->set->cap) {
		r->set->cap = r->set->cap * 2 + 16;
		r->set->e = care_reallocarray(r->set->e, r->set->cap,
		    sizeof(*r->set->e));
	}
	e = &r->set->e[r->set->n++];
	memset(e, 0, sizeof(*e));
	e->v = care_calloc(c->nfield, sizeof(*e->v));
	e->file = r->set->file;
	e->line = rec->line;
	e->bad = rec->problem != CARE_CSV_OK;
	for (f = 0; f < c->nfield; f++) {
		if (r->col[f] < 0 || (size_t)r->col[f] >= rec->nfields) {
			e->v[f] = care_strdup("");
			continue;
		}
		e->bad += check_value(r, rec->line, f,
		    rec->fields[r->col[f]], rec->lens[r->col[f]], &e->v[f]);
		if (*e->v[f] == '\0' && r->in->required[f]) {
			care_diag(CARE_DIAG_ERROR, r->name, rec->line, 0,
			    _("missing required field '%s'"),
			    c->field[f].name);
			e->bad++;
		}
	}
}

static const struct guide_input *sort_in;
static const struct guide_set *sort_set;

static int
key_cmp(const void *a, const void *b)
{
	const struct guide_entry *x = &sort_set->e[*(const size_t *)a];
	const struct guide_entry *y = &sort_set->e[*(const size_t *)b];
	size_t i;
	int d;

	for (i = 0; i < sort_in->nkey; i++)
		if ((d = strcmp(x->v[sort_in->key[i]],
		    y->v[sort_in->key[i]])) != 0)
			return d;
	/* Stable: the earlier line first, so it is the one kept. */
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Nonzero if a and b have the same key, not empty. */
static int
key_eq(const struct guide_input *in, const struct guide_entry *a,
    const struct guide_entry *b)
{
	size_t i;
	int empty = 1;

	for (i = 0; i < in->nkey; i++) {
		if (strcmp(a->v[in->key[i]], b->v[in->key[i]]) != 0)
			return 0;
		empty &= *a->v[in->key[i]] == '\0';
	}
	return !empty;
}

/* Sorts the entries by key and reports duplicates. */
static void
index_keys(struct care_guide *g, const struct guide_input *in,
    struct guide_set *set)
{
	struct guide_entry *first, *e;
	char *k;
	size_t i;

	set->byk = care_calloc(set->n + 1, sizeof(*set->byk));
	for (i = 0; i < set->n; i++)
		set->byk[i] = i;
	if (in->nkey == 0 || set->n == 0)
		return;
	sort_in = in;
	sort_set = set;
	qsort(set->byk, set->n, sizeof(*set->byk), key_cmp);
	first = &set->e[set->byk[0]];
	for (i = 1; i < set->n; i++) {
		e = &set->e[set->byk[i]];
		if (!key_eq(in, first, e)) {
			first = e;
			continue;
		}
		k = care_guide_key(g->cfg, in, e);
		care_diag(CARE_DIAG_ERROR, set->file, e->line, 0,
		    _("duplicate entry '%s' (first on line %lu)"), k,
		    first->line);
		e->bad++;
		free(k);
	}
}

/* Applies on_error to the entries with errors. */
static void
apply_onerr(struct care_guide *g, const struct guide_input *in,
    struct guide_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		if (set->e[i].bad == 0)
			continue;
		if (in->onerr == GUIDE_STOP)
			g->stopped = 1;
		else if (in->onerr == GUIDE_DROP) {
			set->e[i].dropped = 1;
			g->dropped++;
		}
	}
}

int
care_guide_read(struct care_guide *g, size_t i, const char *path)
{
	struct care_csv_record rec;
	struct reader r;
	struct care_csv *csv;
	int rc, ok = 0;

	memset(&r, 0, sizeof(r));
	r.g = g;
	r.in = &g->cfg->in[i];
	r.set = &g->set[i];
	if (path == NULL && (path = r.in->file) == NULL) {
		care_errx(_("no file for input '%s'"), r.in->name);
		return -1;
	}
	if ((csv = care_csv_open(path, CARE_ENC_AUTO)) == NULL)
		return -1;
	r.name = care_csv_name(csv);
	free(r.set->file);
	r.set->file = care_strdup(r.name);
	r.col = care_calloc(g->cfg->nfield + 1, sizeof(*r.col));
	while ((rc = care_csv_read(csv, &rec)) == 1) {
		if (ok != 0) {
			read_record(&r, &rec);
			continue;
		}
		if ((ok = map_header(&r, &rec) == 0 ? 1 : -1) < 0)
			break;
	}
	if (ok == 0 && rc == 0)
		care_diag(CARE_DIAG_FATAL, r.name, 0, 0, _("no header line"));
	care_csv_close(csv);
	free(r.col);
	care_buf_free(&r.nb);
	care_buf_free(&r.ab);
	if (rc < 0 || ok <= 0)
		return -1;
	index_keys(g, r.in, r.set);
	apply_onerr(g, r.in, r.set);
	return 0;
}

/* Reading CSV tables as given (report sections). */

static char *
joined(const struct care_csv_record *rec)
{
	struct care_buf b = CARE_BUF_INIT;
	size_t i;

	care_buf_adds(&b, "");
	for (i = 0; i < rec->nfields; i++) {
		if (i > 0)
			care_buf_addc(&b, ',');
		care_buf_adds(&b, rec->fields[i]);
	}
	return care_buf_detach(&b);
}

static struct guide_block *
new_block(struct guide_data *d)
{
	d->blk = care_reallocarray(d->blk, d->nblk + 1, sizeof(*d->blk));
	memset(&d->blk[d->nblk], 0, sizeof(*d->blk));
	return &d->blk[d->nblk++];
}

/*
 * A "# ..." line: in a split CSV the title of the next table, or the
 * note after a table's rows; otherwise a "# key: value" line.
 */
static void
comment(struct guide_data *d, const struct care_csv_record *rec, int split)
{
	char *s = joined(rec), *t = s + 1, *colon;
	struct guide_block *b = d->nblk > 0 ? &d->blk[d->nblk - 1] : NULL;

	t += strspn(t, " ");
	if (split && b != NULL && b->head != NULL && b->note == NULL)
		b->note = care_strdup(t);
	else if (split)
		new_block(d)->title = care_strdup(t);
	else {
		if (b == NULL)
			b = new_block(d);
		b->kv = care_reallocarray(b->kv, 2 * b->nkv + 3,
		    sizeof(*b->kv));
		colon = strstr(t, ": ");
		b->kv[2 * b->nkv] = care_strndup(t, colon != NULL ?
		    (size_t)(colon - t) : strlen(t));
		b->kv[2 * b->nkv + 1] = care_strdup(colon != NULL ?
		    colon + 2 : "");
		b->kv[2 * ++b->nkv] = NULL;
	}
	free(s);
}

static void
record(struct guide_data *d, const struct care_csv_record *rec)
{
	struct guide_block *b = d->nblk > 0 ? &d->blk[d->nblk - 1] : NULL;
	size_t i;

	if (b == NULL || b->note != NULL)
		b = new_block(d);
	if (b->head == NULL) {
		b->ncol = rec->nfields;
		b->head = care_calloc(b->ncol + 1, sizeof(*b->head));
		for (i = 0; i < b->ncol; i++)
			b->head[i] = care_strdup(rec->fields[i]);
		return;
	}
	if (b->nrow == b->cap) {
		b->cap = b->cap * 2 + 16;
		b->row = care_reallocarray(b->row, b->cap, sizeof(*b->row));
	}
	b->row[b->nrow] = care_calloc(b->ncol + 1, sizeof(char *));
	for (i = 0; i < b->ncol; i++)
		b->row[b->nrow][i] = care_strdup(i < rec->nfields ?
		    rec->fields[i] : "");
	b->nrow++;
}

/*
 * Splits one CSV record (RFC 4180) off *p into rec; the fields point
 * into fb.  Our programs' CSVs change width between tables, so this is
 * not care_csv, which reports that as ragged.
 */
static void
split_record(const char **p, const char *end, struct care_buf *fb,
    size_t *off, size_t *nf, size_t max)
{
	const char *s = *p;
	int q = 0;

	*nf = 0;
	care_buf_clear(fb);
	off[(*nf)++] = 0;
	for (; s < end; s++) {
		if (q && *s == '"' && s + 1 < end && s[1] == '"')
			care_buf_addc(fb, *s++);
		else if (*s == '"' && (q || fb->len == off[*nf - 1]))
			q = !q;
		else if (!q && *s == ',' && *nf < max) {
			care_buf_addc(fb, '\0');
			off[(*nf)++] = fb->len;
		} else if (!q && (*s == '\n' || *s == '\r')) {
			s += *s == '\r' && s + 1 < end && s[1] == '\n';
			s++;
			break;
		} else
			care_buf_addc(fb, *s);
	}
	care_buf_addc(fb, '\0');
	*p = s;
}

static char *
slurp(const char *path, size_t *len)
{
	struct care_buf b = CARE_BUF_INIT;
	char chunk[8192];
	size_t n;
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");

	if (fp == NULL) {
		care_err(_("cannot open '%s'"), path);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		care_buf_add(&b, chunk, n);
	if (ferror(fp)) {
		care_err(_("cannot read '%s'"), path);
		care_buf_free(&b);
	}
	if (fp != stdin)
		(void)fclose(fp);
	care_buf_addc(&b, '\0');
	*len = b.len - 1;
	return care_buf_detach(&b);
}

int
care_guide_read_data(struct guide_data *d, const char *path, int split)
{
	struct care_csv_record rec;
	struct care_buf fb = CARE_BUF_INIT;
	size_t len, i, off[1024];
	char *text, *fields[1024];
	const char *p, *end;

	if ((text = slurp(path, &len)) == NULL)
		return -1;
	free(d->file);
	d->file = care_strdup(path);
	p = text + (strncmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0);
	if (!care_text_valid(p, strlen(p))) {
		care_diag(CARE_DIAG_FATAL, path, 0, 0, _("not UTF-8"));
		free(text);
		return -1;
	}
	memset(&rec, 0, sizeof(rec));
	for (end = p + strlen(p); p < end;) {
		rec.line++;
		split_record(&p, end, &fb, off, &rec.nfields, 1024);
		for (i = 0; i < rec.nfields; i++)
			fields[i] = fb.p + off[i];
		rec.fields = fields;
		if (rec.nfields == 1 && *fields[0] == '\0')
			continue;
		if (fields[0][0] == '#')
			comment(d, &rec, split);
		else
			record(d, &rec);
	}
	care_buf_free(&fb);
	free(text);
	return 0;
}

void
care_guide_data_free(struct guide_data *d)
{
	size_t i, j;

	for (i = 0; i < d->nblk; i++) {
		free(d->blk[i].title);
		free(d->blk[i].note);
		care_guide_strv_free(d->blk[i].head);
		for (j = 0; j < d->blk[i].nrow; j++)
			care_guide_strv_free(d->blk[i].row[j]);
		free(d->blk[i].row);
		care_guide_strv_free(d->blk[i].kv);
	}
	free(d->blk);
	free(d->file);
	memset(d, 0, sizeof(*d));
}

char *
care_guide_path(const struct care_guide *g, const char *file)
{
	const char *slash;

	if (file[0] == '/')
		return care_strdup(file);
	if (g->datadir != NULL)
		return care_asprintf("%s/%s", g->datadir, file);
	if ((slash = strrchr(g->cfg->path, '/')) == NULL)
		return care_strdup(file);
	return care_asprintf("%.*s/%s", (int)(slash - g->cfg->path),
	    g->cfg->path, file);
}

int
care_guide_read_tables(struct care_guide *g, const char *dir)
{
	const struct care_guide_cfg *c = g->cfg;
	char *path;
	size_t i;
	int rc = 0;

	free(g->datadir);
	g->datadir = dir != NULL ? care_strdup(dir) : NULL;
	if (g->data == NULL)
		g->data = care_calloc(c->ntab + 1, sizeof(*g->data));
	for (i = 0; i < c->ntab && rc == 0; i++) {
		path = care_guide_path(g, c->tab[i].file);
		care_guide_data_free(&g->data[i]);
		rc = care_guide_read_data(&g->data[i], path, c->tab[i].split);
		free(path);
	}
	return rc;
}
