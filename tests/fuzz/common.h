/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the fuzz targets share: diagnostics silenced, inputs given to the
 * library as files by name, and the fixed codebook of the ingest and
 * value targets.  Every target is linked with common.c, by make check's
 * replay drivers and by `make fuzz`.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>

struct care_codebook;

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* Sends diagnostics to /dev/null (once) and resets their counts. */
void fuzz_quiet(void);

/*
 * Puts data[0..size) into memory file slot (0 to 3) and returns a path
 * that opens it, as a regular file, until the next call for that slot.
 */
const char *fuzz_file(int slot, const void *data, size_t size);

/* The codebook of tests/fuzz/common.c, loaded once; abort() if refused. */
const struct care_codebook *fuzz_codebook(void);

/* abort() unless cond holds: libFuzzer keeps the input that broke it. */
#define FUZZ_ASSERT(cond) do { if (!(cond)) fuzz_fail(#cond, __FILE__, \
    __LINE__); } while (0)
void fuzz_fail(const char *what, const char *file, int line)
    __attribute__((noreturn));

#endif /* FUZZ_COMMON_H */
