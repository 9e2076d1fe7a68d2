/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Runs a libFuzzer target over the files named on the command line, so
 * the fuzz corpora are regression tests in every build, with any
 * compiler; `make fuzz` builds the real fuzzers with clang.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char *argv[])
{
	FILE *fp;
	uint8_t *data;
	long size;
	int i;

	printf("1..%d\n", argc - 1);
	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL ||
		    fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
		    fseek(fp, 0, SEEK_SET) != 0) {
			printf("not ok %d - %s: cannot read\n", i, argv[i]);
			if (fp != NULL)
				fclose(fp);
			continue;
		}
		/*
		 * Exactly the input's size, as libFuzzer gives it, so that
		 * AddressSanitizer sees a read one byte past the end.
		 */
		if ((data = malloc(size > 0 ? (size_t)size : 1)) == NULL ||
		    fread(data, 1, (size_t)size, fp) != (size_t)size) {
			printf("not ok %d - %s: cannot read\n", i, argv[i]);
			free(data);
			fclose(fp);
			continue;
		}
		fclose(fp);
		/* A crash or sanitizer report here fails the whole run. */
		LLVMFuzzerTestOneInput(data, (size_t)size);
		free(data);
		printf("ok %d - %s\n", i, argv[i]);
		fflush(stdout);
	}
	return 0;
}
