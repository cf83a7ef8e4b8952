/* fuzz_target.h - the libFuzzer entry points every tests/fuzz/fuzz_*.c
 * defines. The same file links either with libFuzzer (OAS_FUZZ builds) or
 * with replay_main.c, which feeds it stored inputs so the normal suite
 * replays corpora and regressions without libFuzzer. */
#ifndef FUZZ_TARGET_H
#define FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property violated: report and abort so libFuzzer (or ctest) sees a
 * crash with the input that caused it. */
#define FUZZ_CHECK(cond)                                                          \
    do {                                                                          \
        if (!(cond)) {                                                            \
            fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, \
                    #cond);                                                       \
            abort();                                                              \
        }                                                                         \
    } while (0)

#endif
