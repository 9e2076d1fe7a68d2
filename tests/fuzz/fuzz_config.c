/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: care_cfg_load_mem on any bytes, then every accessor. */
#include <config.h>

#include <stddef.h>

#include "care_config.h"
#include "common.h"

static const char *const known[] = { "id", "label", "weight", "items",
    "年齢", NULL };
static const char *const required[] = { "id", NULL };

/* Calls every accessor on node and its children; depth is bounded. */
static void
walk(struct care_cfg *cfg, const struct care_cfg_node *node)
{
	const char *s;
	double d;
	long l;
	size_t i;
	int b, e;

	if (node->type == CARE_CFG_SCALAR) {
		(void)care_cfg_str(cfg, node, "s", &s);
		(void)care_cfg_long(cfg, node, "l", -100, 100, &l);
		(void)care_cfg_double(cfg, node, "d", -1e6, 1e6, &d);
		(void)care_cfg_bool(cfg, node, "b", &b);
		(void)care_cfg_enum(cfg, node, "e", known, &e);
		(void)care_cfg_nearest(node->value, known);
		return;
	}
	(void)care_cfg_expect(cfg, node, "x", CARE_CFG_SEQ);
	if (node->type == CARE_CFG_MAP) {
		(void)care_cfg_check_keys(cfg, node, "map", known, required);
		(void)care_cfg_get(node, "id");
	}
	for (i = 0; i < node->n; i++)
		walk(cfg, node->items[i]);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct care_cfg *cfg;

	fuzz_quiet();
	cfg = care_cfg_load_mem("fuzz.yaml", (const char *)data, size);
	if (care_cfg_root(cfg) != NULL)
		walk(cfg, care_cfg_root(cfg));
	(void)care_cfg_errors(cfg);
	care_cfg_free(cfg);
	return 0;
}
