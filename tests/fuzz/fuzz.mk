# SPDX-License-Identifier: GPL-3.0-or-later
# `make fuzz` (Makefile.am) runs this with GNU make, giving the variables
# below: every target tests/fuzz/fuzz_<name>.c is linked with common.c
# and all of libcare but its Pango/Cairo files (LIB_C, the list the
# library itself is built from, so a new library file needs no change
# here), compiled again with clang for libFuzzer, ASan and UBSan.  Then
# each target runs for SECONDS, one at a time, from its corpus
# tests/fuzz/corpus/<name>/: new inputs go to tests/fuzz/grown-<name>/,
# crashes and failed checks to tests/fuzz/findings-<name>/.
#
# Given by Makefile.am: top_srcdir CC AR TARGETS LIB_C CPPFLAGS LIBS
# SECONDS OPTS.

OBJ = tests/fuzz/obj
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FLAGS = -g -O1 -fno-omit-frame-pointer $(SAN)
LIB_O = $(LIB_C:%.c=$(OBJ)/%.o)
COMMON_O = $(OBJ)/tests/fuzz/common.o
BINS = $(TARGETS:%=tests/fuzz/fuzz_%)
# The lines of a log worth showing: executions and coverage, or findings.
SHOW = -e '[[:space:]]DONE[[:space:]]' -e '^stat::number_of_executed_units' \
	-e '^SUMMARY' -e 'Test unit written' -e 'broken:'

run: $(BINS)
	@fail=; for t in $(TARGETS); do \
	  mkdir -p tests/fuzz/grown-$$t tests/fuzz/findings-$$t || exit 2; \
	  log=tests/fuzz/fuzz_$$t.log; \
	  echo "  FUZZ     $$t ($(SECONDS) s, log $$log)"; \
	  if tests/fuzz/fuzz_$$t -max_total_time=$(SECONDS) \
	      -print_final_stats=1 -artifact_prefix=tests/fuzz/findings-$$t/ \
	      $(OPTS) tests/fuzz/grown-$$t \
	      $(top_srcdir)/tests/fuzz/corpus/$$t >$$log 2>&1; then :; \
	  else fail="$$fail $$t"; fi; \
	  grep $(SHOW) $$log | sed 's/^/           /'; \
	done; \
	if [ -n "$$fail" ]; then \
	  echo "make fuzz: findings in:$$fail" \
	      "(see tests/fuzz/findings-<name>/)" >&2; \
	  exit 1; \
	fi

build: $(BINS)

tests/fuzz/fuzz_%: $(top_srcdir)/tests/fuzz/fuzz_%.c $(COMMON_O) \
    $(OBJ)/libcare.a
	@echo "  CCLD     $@"
	@$(CC) $(FLAGS) -fsanitize=fuzzer $(CPPFLAGS) -o $@ $< $(COMMON_O) \
	    $(OBJ)/libcare.a $(LIBS)

# An archive, so a target links only the library files it uses.
$(OBJ)/libcare.a: $(LIB_O)
	@echo "  AR       $@"
	@rm -f $@ && $(AR) rc $@ $(LIB_O)

$(OBJ)/%.o: $(top_srcdir)/%.c
	@echo "  CC       $@"
	@mkdir -p $(@D) && $(CC) $(FLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
	    $(CPPFLAGS) -c -o $@ $<

-include $(LIB_O:.o=.d) $(COMMON_O:.o=.d)

.PHONY: run build
.SECONDARY:
