/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for care_codebook_load(): any bytes as a codebook
 * file.  Whatever the YAML, no crash and no leak (LeakSanitizer); a
 * refused codebook was explained by at least one error; an accepted one
 * keeps what care_value and care_ingest rely on without checking:
 *  - a source, items, and an id column unless ids are generated;
 *  - every code finds itself and every label its code (through the
 *    table of small codes too), and no missing code of an item is one
 *    of its codes;
 *  - a multi item has at most 64 codes, a 0/1 column for each or none,
 *    and exclusive codes among them;
 *  - skip rules name earlier code or multi items, by codes they have;
 *  - min <= max, and at most one weight, a number or integer item.
 * An accepted codebook is then given to care_ingest_new(), which sets up
 * its long output from the names and codes.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "care_buf.h"
#include "care_codebook.h"
#include "care_err.h"
#include "care_ingest.h"
#include "care_value.h"
#include "common.h"

static void
check_codes(const struct care_cb_item *it)
{
	size_t i;
	int by_label;

	FUZZ_ASSERT(it->codes.n > 0 && it->labels.n == it->codes.n);
	for (i = 0; i < it->codes.n; i++) {
		FUZZ_ASSERT(care_codebook_code(it, it->codes.s[i],
		    it->codes.len[i], &by_label) == (long)i && !by_label);
		FUZZ_ASSERT(care_value_small_code(it, it->codes.s[i],
		    it->codes.len[i]) == -1 || care_value_small_code(it,
		    it->codes.s[i], it->codes.len[i]) == (long)i);
		if (it->labels.len[i] > 0)
			FUZZ_ASSERT(care_codebook_code(it, it->labels.s[i],
			    it->labels.len[i], &by_label) == (long)i &&
			    by_label);
	}
	for (i = 0; i < it->other_labels.n; i++)
		FUZZ_ASSERT(care_codebook_code(it, it->other_labels.s[i],
		    it->other_labels.len[i], &by_label) ==
		    (long)it->other_code[i] && by_label);
	if (it->type != CARE_CB_MULTI)
		return;
	FUZZ_ASSERT(it->codes.n <= CARE_CB_MAX_MULTI);
	FUZZ_ASSERT(it->columns.n == 0 || it->columns.n == it->codes.n);
	FUZZ_ASSERT(it->codes.n == CARE_CB_MAX_MULTI ||
	    (it->exclusive >> it->codes.n) == 0);
}

static void
check_item(const struct care_codebook *cb, size_t self)
{
	const struct care_cb_item *it = &cb->items[self], *c;
	size_t i, j;
	int by_label;

	FUZZ_ASSERT(it->name != NULL && *it->name != '\0');
	FUZZ_ASSERT(it->headers.n > 0 || it->columns.n > 0);
	if (it->type == CARE_CB_CODE || it->type == CARE_CB_MULTI)
		check_codes(it);
	for (i = 0; i < it->missing.n; i++)
		FUZZ_ASSERT(it->codes.n == 0 || care_codebook_code(it,
		    it->missing.s[i], it->missing.len[i], &by_label) < 0 ||
		    by_label);
	FUZZ_ASSERT(!it->has_min || !it->has_max || it->min <= it->max);
	for (i = 0; i < it->nasked; i++) {
		FUZZ_ASSERT(it->asked[i].item < self);
		c = &cb->items[it->asked[i].item];
		FUZZ_ASSERT(c->type == CARE_CB_CODE ||
		    c->type == CARE_CB_MULTI);
		for (j = c->codes.n; j < CARE_CB_MAX_MULTI; j++)
			FUZZ_ASSERT((it->asked[i].mask & (uint64_t)1 << j) ==
			    0);
	}
}

static void
check_codebook(const struct care_codebook *cb)
{
	struct care_ingest_opts o;
	size_t i, weights = 0;

	FUZZ_ASSERT(cb->source != NULL && cb->nitems > 0);
	FUZZ_ASSERT(cb->id_generate || cb->id_headers.n > 0);
	for (i = 0; i < cb->nitems; i++) {
		check_item(cb, i);
		if (cb->items[i].role == CARE_CB_ROLE_WEIGHT) {
			weights++;
			FUZZ_ASSERT(cb->items[i].type == CARE_CB_NUMBER ||
			    cb->items[i].type == CARE_CB_INTEGER);
		}
	}
	FUZZ_ASSERT(weights <= 1);
	memset(&o, 0, sizeof(o));
	o.cb = cb;
	o.wave = cb->wave != NULL ? NULL : "2025";
	o.format = CARE_INGEST_LONG;
	if ((o.out = fopen("/dev/null", "w")) == NULL)
		return;
	care_ingest_free(care_ingest_new(&o));
	fclose(o.out);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct care_codebook *cb;

	fuzz_quiet();
	cb = care_codebook_load(fuzz_file(0, data, size));
	if (cb == NULL)
		FUZZ_ASSERT(care_diag_count(CARE_DIAG_ERROR) +
		    care_diag_count(CARE_DIAG_FATAL) > 0);
	else
		check_codebook(cb);
	care_codebook_free(cb);
	return 0;
}
