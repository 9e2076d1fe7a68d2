/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for care_value: the first byte of the input picks an
 * item of the codebook of common.c, the rest is its value up to the
 * first NUL (the CSV reader passes no NUL), or for an item of 0/1
 * columns the NUL-separated cells (columns past the last are absent).
 * Checked on every value:
 *  - a refused value is no answer and was reported;
 *  - the inline quick check, when it decides, decides as the full one;
 *  - an accepted answer is in normal form: its text (a code of a code
 *    item, the codes joined by ';' as the outputs write a multi answer,
 *    the 0/1 cells of its set) checked again is accepted, an answer,
 *    and unchanged (idempotence).
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "care_buf.h"
#include "care_codebook.h"
#include "care_err.h"
#include "care_value.h"
#include "common.h"

static const struct care_value_where at = { "fuzz", 1, CARE_DIAG_ERROR,
    "R1", 2 };

struct bufs {
	struct care_buf	arena, scratch, text;
};

static void
bufs_free(struct bufs *b)
{
	care_buf_free(&b->arena);
	care_buf_free(&b->scratch);
	care_buf_free(&b->text);
}

/* The text the outputs write for an answer, into b->text. */
static void
answer_text(const struct care_cb_item *it, const struct care_value *v,
    struct bufs *b)
{
	size_t c;

	care_buf_set(&b->text, "", 0);
	if (it->type != CARE_CB_MULTI) {
		if (v->len > 0)
			care_buf_set(&b->text, care_value_text(v, &b->arena),
			    v->len);
		return;
	}
	for (c = 0; c < it->codes.n; c++)
		if (v->mask & (uint64_t)1 << c) {
			if (b->text.len > 0)
				care_buf_addc(&b->text, ';');
			care_buf_add(&b->text, it->codes.s[c],
			    it->codes.len[c]);
		}
}

/* A refused value is no answer, and was said to be refused. */
static void
check_refused(enum care_reason r, const struct care_value *v,
    unsigned long errors)
{
	FUZZ_ASSERT(r < CARE_REASON_COUNT);
	if (r == CARE_REASON_NONE)
		return;
	FUZZ_ASSERT(v->state == CARE_VALUE_NOANSWER);
	FUZZ_ASSERT(care_diag_count(CARE_DIAG_ERROR) > errors);
}

static void
check_again(const struct care_cb_item *it, const struct care_value *v,
    struct bufs *b)
{
	struct bufs b2 = { CARE_BUF_INIT, CARE_BUF_INIT, CARE_BUF_INIT };
	struct care_value v2;

	answer_text(it, v, b);
	FUZZ_ASSERT(care_value_check(fuzz_codebook(), it, b->text.p,
	    b->text.len, &b2.arena, &b2.scratch, &at, &v2) ==
	    CARE_REASON_NONE);
	FUZZ_ASSERT(v2.state == CARE_VALUE_ANSWER);
	FUZZ_ASSERT(it->type != CARE_CB_CODE || v2.code == v->code);
	FUZZ_ASSERT(it->type != CARE_CB_MULTI || v2.mask == v->mask);
	answer_text(it, &v2, &b2);
	FUZZ_ASSERT(b2.text.len == b->text.len && (b->text.len == 0 ||
	    memcmp(b2.text.p, b->text.p, b->text.len) == 0));
	bufs_free(&b2);
}

static void
check_value(const struct care_cb_item *it, const char *s, size_t len)
{
	struct bufs b = { CARE_BUF_INIT, CARE_BUF_INIT, CARE_BUF_INIT };
	struct care_value v, q;
	enum care_reason r;
	unsigned long errors = care_diag_count(CARE_DIAG_ERROR);
	int quick;

	quick = care_value_quick(it, s, len, &q);
	r = care_value_check(fuzz_codebook(), it, s, len, &b.arena,
	    &b.scratch, &at, &v);
	check_refused(r, &v, errors);
	if (quick) {
		FUZZ_ASSERT(r == CARE_REASON_NONE && q.state == v.state &&
		    q.code == v.code && q.mask == v.mask && q.len == v.len &&
		    q.converted == v.converted);
		FUZZ_ASSERT(v.len == 0 || memcmp(care_value_text(&q,
		    &b.arena), care_value_text(&v, &b.arena), v.len) == 0);
	}
	if (r == CARE_REASON_NONE && v.state == CARE_VALUE_ANSWER) {
		FUZZ_ASSERT(it->type != CARE_CB_CODE || (v.code >= 0 &&
		    (size_t)v.code < it->codes.n));
		FUZZ_ASSERT(it->type != CARE_CB_MULTI || v.mask != 0);
		check_again(it, &v, &b);
	}
	bufs_free(&b);
}

/* The 0/1 cells of a set, checked again, give the same set. */
static void
check_cells_again(const struct care_cb_item *it, uint64_t mask)
{
	struct care_buf scratch = CARE_BUF_INIT;
	const char *cell[CARE_CB_MAX_MULTI];
	size_t len[CARE_CB_MAX_MULTI], i;
	struct care_value v;

	for (i = 0; i < it->columns.n; i++) {
		cell[i] = mask & (uint64_t)1 << i ? "1" : "0";
		len[i] = 1;
	}
	FUZZ_ASSERT(care_value_check_columns(fuzz_codebook(), it, cell, len,
	    &scratch, &at, &v) == CARE_REASON_NONE);
	FUZZ_ASSERT(v.state == CARE_VALUE_ANSWER && v.mask == mask);
	care_buf_free(&scratch);
}

static void
check_cells(const struct care_cb_item *it, const char *s, size_t size)
{
	struct care_buf scratch = CARE_BUF_INIT;
	const char *cell[CARE_CB_MAX_MULTI], *nul;
	size_t len[CARE_CB_MAX_MULTI], i;
	struct care_value v;
	enum care_reason r;
	unsigned long errors = care_diag_count(CARE_DIAG_ERROR);

	for (i = 0; i < it->columns.n; i++) {
		cell[i] = NULL;
		len[i] = 0;
		if (s == NULL)
			continue;
		nul = memchr(s, '\0', size);
		cell[i] = s;
		len[i] = nul != NULL ? (size_t)(nul - s) : size;
		s = nul != NULL ? nul + 1 : NULL;
		size -= nul != NULL ? len[i] + 1 : size;
	}
	r = care_value_check_columns(fuzz_codebook(), it, cell, len,
	    &scratch, &at, &v);
	check_refused(r, &v, errors);
	if (r == CARE_REASON_NONE && v.state == CARE_VALUE_ANSWER)
		check_cells_again(it, v.mask);
	care_buf_free(&scratch);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const struct care_codebook *cb = fuzz_codebook();
	const struct care_cb_item *it;
	const char *s = (const char *)data + 1, *nul;

	if (size == 0)
		return 0;
	fuzz_quiet();
	it = &cb->items[data[0] % cb->nitems];
	if (it->columns.n > 0) {
		check_cells(it, s, size - 1);
		return 0;
	}
	nul = memchr(s, '\0', size - 1);
	check_value(it, s, nul != NULL ? (size_t)(nul - s) : size - 1);
	return 0;
}
