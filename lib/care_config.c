/* SPDX-License-Identifier: GPL-3.0-or-later */
/* YAML configuration: libyaml events into a tree of plain C nodes. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "care_alloc.h"
#include "care_buf.h"
#include "care_config.h"
#include "care_decode.h"
#include "care_i18n.h"

/* Larger configuration files are refused rather than read. */
#define MAX_FILE_SIZE	(16UL * 1024 * 1024)

struct care_cfg {
	char			*name;	/* file name for diagnostics */
	struct care_cfg_node	*root;	/* NULL when loading failed */
	unsigned		 errors;
	int			 bom;	/* libyaml counts a BOM as a column */
};

/* A collection under construction. */
struct frame {
	struct care_cfg_node	*node;
	size_t			 cap;		/* items (and keys) allocated */
	int			 have_key;	/* next node is a value */
	struct care_cfg_node	*key;		/* its key; NULL if refused */
	size_t			*hash;		/* key index + 1, 0 for empty */
	size_t			 hcap;
};

/* State of one load: the tree is built without recursion. */
struct builder {
	struct care_cfg		*cfg;
	const unsigned char	*buf;
	size_t			 len;
	struct frame		 stack[CARE_CFG_MAX_DEPTH];
	int			 depth;
	int			 docs;
};

/* What the event loop does next. */
enum step { STEP_GO, STEP_DONE, STEP_FAIL };

/* Length of the line break at s as libyaml counts lines, or 0. */
static size_t
break_len(const unsigned char *s, size_t left)
{
	if (s[0] == '\r')
		return left > 1 && s[1] == '\n' ? 2 : 1;
	if (s[0] == '\n')
		return 1;
	if (left > 1 && s[0] == 0xc2 && s[1] == 0x85)
		return 2;
	if (left > 2 && s[0] == 0xe2 && s[1] == 0x80 &&
	    (s[2] == 0xa8 || s[2] == 0xa9))
		return 3;
	return 0;
}

/*
 * Walks buf as libyaml does (characters, not bytes; a BOM is a column)
 * up to byte offset stop or to the 0-based line and column, whichever
 * comes first.  Returns the byte offset reached.
 */
static size_t
walk(const unsigned char *buf, size_t len, size_t stop, unsigned long *line,
    unsigned long *col)
{
	unsigned long l = 0, c = 0;
	size_t i = 0, n;

	while (i < len && i < stop && (l < *line || c < *col)) {
		if ((n = break_len(buf + i, len - i)) > 0) {
			l++;
			c = 0;
		} else {
			c++;
			n = care_decode_utf8_char((const char *)buf + i,
			    len - i);
			if (n == 0)
				n = 1;
		}
		i += n;
	}
	*line = l;
	*col = c;
	return i;
}

/* A 1-based column as an editor shows it, from libyaml's 0-based one. */
static unsigned long
column(const struct care_cfg *cfg, unsigned long line0, unsigned long col0)
{
	return line0 == 0 && cfg->bom && col0 > 0 ? col0 : col0 + 1;
}

/* Reports at a 0-based position and counts the error. */
static void
error_at(struct care_cfg *cfg, unsigned long line0, unsigned long col0,
    const char *fmt, ...) CARE_PRINTF(4, 5);

static void
error_at(struct care_cfg *cfg, unsigned long line0, unsigned long col0,
    const char *fmt, ...)
{
	va_list ap;

	cfg->errors++;
	va_start(ap, fmt);
	care_vdiag(CARE_DIAG_ERROR, cfg->name, line0 + 1,
	    column(cfg, line0, col0), fmt, ap);
	va_end(ap);
}

/* Refuses input that is not UTF-8, naming the first bad byte. */
static int
check_utf8(struct care_cfg *cfg, const unsigned char *buf, size_t len)
{
	unsigned long line = ULONG_MAX, col = ULONG_MAX;
	size_t i, n;

	for (i = 0; i < len; i += n)
		if ((n = care_decode_utf8_char((const char *)buf + i,
		    len - i)) == 0)
			break;
	if (i == len)
		return 0;
	walk(buf, len, i, &line, &col);
	error_at(cfg, line, col,
	    _("invalid UTF-8 byte 0x%02x; save the file as UTF-8"), buf[i]);
	return -1;
}

static void
node_free(struct care_cfg_node *node)
{
	size_t i;

	if (node == NULL)
		return;
	/* Depth is bounded by CARE_CFG_MAX_DEPTH, so recursion is safe. */
	for (i = 0; i < node->n; i++) {
		node_free(node->items[i]);
		if (node->keys != NULL)
			node_free(node->keys[i]);
	}
	free(node->items);
	free(node->keys);
	free(node->value);
	free(node);
}

static struct care_cfg_node *
node_new(const struct care_cfg *cfg, enum care_cfg_type type,
    const yaml_mark_t *mark)
{
	struct care_cfg_node *node;

	node = care_calloc(1, sizeof(*node));
	node->type = type;
	node->line = mark->line + 1;
	node->col = column(cfg, mark->line, mark->column);
	return node;
}

static size_t
hash_str(const char *s)
{
	size_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The earlier key equal to s in the map being built, or NULL. */
static struct care_cfg_node *
find_key(const struct frame *f, const char *s)
{
	size_t i, slot;

	if (f->hcap == 0)
		return NULL;
	for (i = hash_str(s) & (f->hcap - 1); (slot = f->hash[i]) != 0;
	    i = (i + 1) & (f->hcap - 1))
		if (strcmp(f->node->keys[slot - 1]->value, s) == 0)
			return f->node->keys[slot - 1];
	return NULL;
}

/* Enters key number idx into the hash, growing it at half load. */
static void
hash_add(struct frame *f, size_t idx)
{
	size_t i, j, hcap;

	if ((idx + 1) * 2 > f->hcap) {
		hcap = f->hcap == 0 ? 16 : f->hcap * 2;
		free(f->hash);
		f->hash = care_calloc(hcap, sizeof(*f->hash));
		f->hcap = hcap;
		for (j = 0; j < idx; j++)
			hash_add(f, j);
	}
	i = hash_str(f->node->keys[idx]->value) & (f->hcap - 1);
	while (f->hash[i] != 0)
		i = (i + 1) & (f->hcap - 1);
	f->hash[i] = idx + 1;
}

static void
append(struct frame *f, struct care_cfg_node *key, struct care_cfg_node *val)
{
	struct care_cfg_node *node = f->node;

	if (node->n == f->cap) {
		f->cap = f->cap == 0 ? 4 : f->cap * 2;
		node->items = care_reallocarray(node->items, f->cap,
		    sizeof(*node->items));
		if (key != NULL)
			node->keys = care_reallocarray(node->keys, f->cap,
			    sizeof(*node->keys));
	}
	node->items[node->n] = val;
	if (key != NULL) {
		node->keys[node->n] = key;
		hash_add(f, node->n);
	}
	node->n++;
}

/* Takes a key of the map being built; NULL stands for a refused node. */
static void
take_key(struct builder *b, struct frame *f, struct care_cfg_node *node)
{
	struct care_cfg_node *first;

	f->have_key = 1;
	f->key = NULL;
	if (node == NULL)
		return;
	if (node->type != CARE_CFG_SCALAR) {
		care_cfg_error(b->cfg, node, "%s",
		    _("a map key must be a scalar"));
		node_free(node);
	} else if ((first = find_key(f, node->value)) != NULL) {
		care_cfg_error(b->cfg, node,
		    _("duplicate key '%s'; first defined at line %lu"),
		    node->value, first->line);
		node_free(node);
	} else
		f->key = node;
}

/*
 * Hangs a finished node (NULL if it was refused) into its parent.  A map
 * pair whose key or value was refused is dropped as a whole.
 */
static void
attach(struct builder *b, struct care_cfg_node *node)
{
	struct frame *f;

	if (b->depth == 0) {
		b->cfg->root = node;
		return;
	}
	f = &b->stack[b->depth - 1];
	if (f->node->type == CARE_CFG_SEQ) {
		if (node != NULL)
			append(f, NULL, node);
	} else if (!f->have_key) {
		take_key(b, f, node);
	} else {
		f->have_key = 0;
		if (f->key != NULL && node != NULL)
			append(f, f->key, node);
		else {
			node_free(f->key);
			node_free(node);
		}
		f->key = NULL;
	}
}

/* Refuses anchors and tags on a node, which is kept. */
static void
check_props(struct builder *b, const yaml_mark_t *mark,
    const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (anchor != NULL)
		error_at(b->cfg, mark->line, mark->column, "%s",
		    _("anchors and aliases are not supported"));
	if (tag != NULL)
		error_at(b->cfg, mark->line, mark->column, "%s",
		    _("tags are not supported"));
}

static enum step
start_collection(struct builder *b, const yaml_event_t *ev,
    enum care_cfg_type type)
{
	struct frame *f;

	if (type == CARE_CFG_MAP)
		check_props(b, &ev->start_mark, ev->data.mapping_start.anchor,
		    ev->data.mapping_start.tag);
	else
		check_props(b, &ev->start_mark, ev->data.sequence_start.anchor,
		    ev->data.sequence_start.tag);
	if (b->depth == CARE_CFG_MAX_DEPTH) {
		error_at(b->cfg, ev->start_mark.line, ev->start_mark.column,
		    _("nesting deeper than %d levels"), CARE_CFG_MAX_DEPTH);
		return STEP_FAIL;
	}
	f = &b->stack[b->depth++];
	memset(f, 0, sizeof(*f));
	f->node = node_new(b->cfg, type, &ev->start_mark);
	return STEP_GO;
}

static void
end_collection(struct builder *b)
{
	struct frame *f = &b->stack[--b->depth];

	node_free(f->key);
	free(f->hash);
	attach(b, f->node);
}

static void
scalar(struct builder *b, const yaml_event_t *ev)
{
	struct care_cfg_node *node;

	check_props(b, &ev->start_mark, ev->data.scalar.anchor,
	    ev->data.scalar.tag);
	node = node_new(b->cfg, CARE_CFG_SCALAR, &ev->start_mark);
	node->value = care_strndup((const char *)ev->data.scalar.value,
	    ev->data.scalar.length);
	node->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	attach(b, node);
}

static enum step
handle(struct builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->docs > 1) {
			error_at(b->cfg, ev->start_mark.line,
			    ev->start_mark.column, "%s",
			    _("more than one document in the file"));
			return STEP_DONE;
		}
		break;
	case YAML_MAPPING_START_EVENT:
		return start_collection(b, ev, CARE_CFG_MAP);
	case YAML_SEQUENCE_START_EVENT:
		return start_collection(b, ev, CARE_CFG_SEQ);
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		end_collection(b);
		break;
	case YAML_SCALAR_EVENT:
		scalar(b, ev);
		break;
	case YAML_ALIAS_EVENT:
		error_at(b->cfg, ev->start_mark.line, ev->start_mark.column,
		    "%s", _("anchors and aliases are not supported"));
		attach(b, NULL);
		break;
	case YAML_STREAM_END_EVENT:
		return STEP_DONE;
	default:
		break;
	}
	return STEP_GO;
}

/* Reports what stopped libyaml, in words a user can act on. */
static void
syntax_error(struct builder *b, const yaml_parser_t *p)
{
	unsigned long line, col;
	size_t off;

	if (p->error == YAML_MEMORY_ERROR) {
		error_at(b->cfg, 0, 0, "%s", _("out of memory"));
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		line = col = ULONG_MAX;
		walk(b->buf, b->len, p->problem_offset, &line, &col);
		error_at(b->cfg, line, col, "%s", p->problem);
		return;
	}
	line = p->problem_mark.line;
	col = p->problem_mark.column;
	off = walk(b->buf, b->len, SIZE_MAX, &line, &col);
	if (p->error == YAML_SCANNER_ERROR && off < b->len &&
	    b->buf[off] == '\t')
		error_at(b->cfg, line, col, "%s", _("tab character in "
		    "indentation; YAML indents with spaces"));
	else if (p->context != NULL)
		error_at(b->cfg, p->problem_mark.line, p->problem_mark.column,
		    _("syntax error: %s (%s at line %lu)"), p->problem,
		    p->context, (unsigned long)p->context_mark.line + 1);
	else
		error_at(b->cfg, p->problem_mark.line, p->problem_mark.column,
		    _("syntax error: %s"), p->problem != NULL ? p->problem :
		    _("unknown problem"));
}

/* Runs libyaml over the buffer; returns STEP_DONE or STEP_FAIL. */
static enum step
parse(struct builder *b)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	enum step step;

	if (!yaml_parser_initialize(&parser)) {
		error_at(b->cfg, 0, 0, "%s", _("out of memory"));
		return STEP_FAIL;
	}
	yaml_parser_set_input_string(&parser, b->buf, b->len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	do {
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(b, &parser);
			step = STEP_FAIL;
			break;
		}
		step = handle(b, &ev);
		yaml_event_delete(&ev);
	} while (step == STEP_GO);
	yaml_parser_delete(&parser);
	return step;
}

struct care_cfg *
care_cfg_load_mem(const char *name, const char *data, size_t len)
{
	struct care_cfg *cfg;
	struct builder b;

	cfg = care_calloc(1, sizeof(*cfg));
	cfg->name = care_strdup(name != NULL ? name : "<config>");
	memset(&b, 0, sizeof(b));
	b.cfg = cfg;
	b.buf = (const unsigned char *)(data != NULL ? data : "");
	b.len = data != NULL ? len : 0;
	cfg->bom = b.len >= 3 && memcmp(b.buf, "\xef\xbb\xbf", 3) == 0;
	if (check_utf8(cfg, b.buf, b.len) != 0)
		return cfg;
	if (parse(&b) == STEP_FAIL) {
		while (b.depth > 0) {
			b.depth--;
			node_free(b.stack[b.depth].key);
			node_free(b.stack[b.depth].node);
			free(b.stack[b.depth].hash);
		}
		node_free(cfg->root);
		cfg->root = NULL;
	} else if (b.docs == 0) {
		cfg->errors++;
		care_diag(CARE_DIAG_ERROR, cfg->name, 0, 0, "%s",
		    _("empty configuration"));
	}
	return cfg;
}

/* Reads all of fp, refusing more than MAX_FILE_SIZE bytes. */
static int
read_all(FILE *fp, struct care_buf *buf)
{
	size_t n;

	do {
		care_buf_reserve(buf, 65536);
		n = fread(buf->p + buf->len, 1, 65536, fp);
		buf->len += n;
		if (buf->len > MAX_FILE_SIZE) {
			errno = EFBIG;
			return -1;
		}
	} while (n > 0);
	return ferror(fp) ? -1 : 0;
}

struct care_cfg *
care_cfg_load(const char *path)
{
	struct care_buf buf = CARE_BUF_INIT;
	struct care_cfg *cfg;
	FILE *fp;
	int rc;

	if ((fp = fopen(path, "r")) == NULL) {
		care_err("%s", path);
		return NULL;
	}
	rc = read_all(fp, &buf);
	if (rc != 0 && errno == EFBIG)
		care_errx(_("%s: file is too large (more than 16 MiB)"), path);
	else if (rc != 0)
		care_err("%s", path);
	fclose(fp);
	cfg = rc == 0 ? care_cfg_load_mem(path, buf.p, buf.len) : NULL;
	care_buf_free(&buf);
	return cfg;
}

const struct care_cfg_node *
care_cfg_root(const struct care_cfg *cfg)
{
	return cfg->root;
}

const char *
care_cfg_file(const struct care_cfg *cfg)
{
	return cfg->name;
}

unsigned
care_cfg_errors(const struct care_cfg *cfg)
{
	return cfg->errors;
}

void
care_cfg_free(struct care_cfg *cfg)
{
	if (cfg == NULL)
		return;
	node_free(cfg->root);
	free(cfg->name);
	free(cfg);
}

/* A node's position; a missing node is reported against the file alone. */
static void
vreport(struct care_cfg *cfg, enum care_level level,
    const struct care_cfg_node *at, const char *fmt, va_list ap)
    CARE_PRINTF(4, 0);

static void
vreport(struct care_cfg *cfg, enum care_level level,
    const struct care_cfg_node *at, const char *fmt, va_list ap)
{
	if (level == CARE_DIAG_ERROR)
		cfg->errors++;
	care_vdiag(level, cfg->name, at != NULL ? at->line : 0,
	    at != NULL ? at->col : 0, fmt, ap);
}

void
care_cfg_error(struct care_cfg *cfg, const struct care_cfg_node *at,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(cfg, CARE_DIAG_ERROR, at, fmt, ap);
	va_end(ap);
}

void
care_cfg_warn(struct care_cfg *cfg, const struct care_cfg_node *at,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(cfg, CARE_DIAG_WARN, at, fmt, ap);
	va_end(ap);
}
