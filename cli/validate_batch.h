/* validate_batch.h - NDJSON documents collected into a batch and checked on
 * several threads; each thread renders a contiguous slice into its own
 * buffer and the slices are written in order, so output order never depends
 * on scheduling. Memory is bounded by the batch limits, not the stream. */
#ifndef VALIDATE_BATCH_H
#define VALIDATE_BATCH_H

#include <stdbool.h>
#include <stdio.h>
#include "oas_buf.h"
#include "validate_doc.h"

#define VALIDATE_BATCH_BYTES_PER_JOB ((size_t)1 << 20)
#define VALIDATE_BATCH_DOCS_PER_JOB 2048u

typedef struct batch_item {
    size_t text_offset; /* where the line's bytes are in the batch text */
    size_t len;
    size_t index;
    unsigned long line_no;
    size_t offset;
    bool too_long;
} batch_item;

typedef struct validate_batch {
    oas_buf text;
    batch_item *items;
    size_t count, cap;
    unsigned jobs;
} validate_batch;

void validate_batch_init(validate_batch *b, unsigned jobs);
void validate_batch_free(validate_batch *b);
bool validate_batch_full(const validate_batch *b);
/* false when out of memory */
bool validate_batch_add(validate_batch *b, const char *bytes, size_t len, size_t index,
                        unsigned long line_no, size_t offset, bool too_long);
/* Check every document, write the results to out in input order, add the
 * counts to stats, empty the batch. false when out of memory. */
bool validate_batch_run(validate_batch *b, const validate_settings *s, const char *source,
                        FILE *out, validate_stats *stats);

#endif
