/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared parts of the fuzz targets (see common.h). */
#include <config.h>

#include <sys/mman.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care_codebook.h"
#include "care_err.h"
#include "common.h"

#define FUZZ_SLOTS	4

/*
 * The codebook of the ingest and value targets: tests/data/ingest/
 * needs.yaml (so the golden exports are seeds), plus what it lacks to
 * exercise every rule: a code with several labels, a label as a global
 * missing code, an item code that is also a global missing code (9 of
 * q5), and a skip rule of two conditions over a 0/1-column item.  It is
 * compiled in rather than read from a file, so a target needs no data
 * beside its corpus.
 */
static const char codebook_yaml[] =
    "source: fuzz\n"
    "wave: \"2025\"\n"
    "id:\n"
    "  column: 回答者ID\n"
    "  aliases: [ID]\n"
    "missing: [9, 99, 無回答]\n"
    "items:\n"
    "  - name: area\n"
    "    header: 圏域\n"
    "    aliases: [日常生活圏域]\n"
    "    type: code\n"
    "    role: group\n"
    "    required: true\n"
    "    codes: {1: 中央, 2: [北部, 北], 3: 南部}\n"
    "  - name: age\n"
    "    header: 年齢\n"
    "    aliases: [満年齢]\n"
    "    type: integer\n"
    "    min: 65\n"
    "    max: 120\n"
    "    missing: [999]\n"
    "  - name: q5\n"
    "    header: かかりつけ医の有無\n"
    "    type: code\n"
    "    codes: {1: いる, 2: いない, 9: わからない}\n"
    "  - name: q6\n"
    "    header: かかりつけ医の種類\n"
    "    type: multi\n"
    "    codes: {1: 診療所, 2: 病院, 3: 歯科}\n"
    "    asked_if: {item: q5, in: [1]}\n"
    "  - name: q7\n"
    "    type: multi\n"
    "    codes: {1: 外来, 2: 訪問}\n"
    "    columns: {1: 外来受診, 2: 訪問診療}\n"
    "  - name: visit\n"
    "    header: 回答日\n"
    "    type: date\n"
    "  - name: memo\n"
    "    header: 自由記述\n"
    "    type: text\n"
    "    max_length: 20\n"
    "    missing: [なし]\n"
    "  - name: tel\n"
    "    header: 電話\n"
    "    type: phone\n"
    "  - name: zip\n"
    "    header: 郵便番号\n"
    "    type: postal\n"
    "  - name: w\n"
    "    header: 重み\n"
    "    type: number\n"
    "    role: weight\n"
    "    min: 0\n"
    "  - name: office\n"
    "    header: 事業所番号\n"
    "    type: digits\n"
    "    length: 10\n"
    "  - name: talk\n"
    "    header: 相談相手\n"
    "    type: multi\n"
    "    codes: {1: 家族, 2: 医師, 3: ケアマネジャー, 8: 特にいない}\n"
    "    exclusive: [8]\n"
    "    max_picks: 2\n"
    "    asked_if: [{item: q5, in: [1, 2]}, {item: q6, in: [1, 2]}]\n"
    "  - name: talk2\n"
    "    type: multi\n"
    "    codes: {1: 家族, 2: 医師, 3: ケアマネジャー, 8: 特にいない}\n"
    "    columns: {1: 相談_家族, 2: 相談_医師, 3: 相談_ケアマネ, "
    "8: 相談_いない}\n"
    "    exclusive: [8]\n"
    "    asked_if: {item: q7, in: [2]}\n";

void
fuzz_fail(const char *what, const char *file, int line)
{
	fprintf(stderr, "fuzz: %s:%d: broken: %s\n", file, line, what);
	abort();
}

void
fuzz_quiet(void)
{
	static FILE *null;

	if (null == NULL) {
		if ((null = fopen("/dev/null", "w")) == NULL)
			abort();
		care_diag_setstream(null);
	}
	care_diag_reset();
}

/*
 * A memfd opened again through /proc, so that the library sees a regular
 * file by name, as it would in a program, and nothing touches the disk.
 */
const char *
fuzz_file(int slot, const void *data, size_t size)
{
	static int fd[FUZZ_SLOTS] = { -1, -1, -1, -1 };
	static char path[FUZZ_SLOTS][64];

	if (slot < 0 || slot >= FUZZ_SLOTS)
		abort();
	if (fd[slot] < 0) {
		if ((fd[slot] = memfd_create("fuzz", 0)) < 0)
			abort();
		snprintf(path[slot], sizeof(path[slot]), "/proc/self/fd/%d",
		    fd[slot]);
	}
	if (ftruncate(fd[slot], 0) != 0 || (size > 0 &&
	    pwrite(fd[slot], data, size, 0) != (ssize_t)size))
		abort();
	return path[slot];
}

const struct care_codebook *
fuzz_codebook(void)
{
	static struct care_codebook *cb;

	if (cb == NULL && (cb = care_codebook_load_mem("fuzz-codebook.yaml",
	    codebook_yaml, sizeof(codebook_yaml) - 1)) == NULL)
		abort();
	return cb;
}
