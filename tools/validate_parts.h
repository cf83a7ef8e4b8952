/* validate_parts.h - a large array checked a run of items at a time: the
 * document itself, when the target schema's verdict on an array is the sum
 * of its items' (validate_target.array_per_item), or one member's array of
 * a document that is an object, when nothing else in the schema looks at
 * that member's value (validate_target.array_members). A whole-document tree
 * takes up to ~24 bytes per value (12x a [0,0,...] document); a run's tree
 * is freed before the next run is read, so memory stays that of one run
 * whatever the document's size, and the tree's pages are reused while
 * they are still in cache. */
#ifndef VALIDATE_PARTS_H
#define VALIDATE_PARTS_H

#include <stdbool.h>
#include "oas_validate.h"
#include "validate_doc.h"

/* Documents from this size on are read in runs; below it one tree costs
 * little and the runs would only add their bookkeeping. */
#define VALIDATE_PARTS_MIN_BYTES ((size_t)1 << 20)
/* A run ends at the first item boundary this many bytes on. Small enough
 * that a run's tree (up to ~12x its bytes) stays in the CPU's cache and
 * under the allocator's trim threshold, so the next run reuses its memory
 * instead of the heap shrinking and faulting back in: 16 KiB runs made
 * ~4,000 brk calls on a 32 MiB array of numbers, 8 KiB runs 5. */
#define VALIDATE_PARTS_RUN_BYTES ((size_t)8 << 10)
/* The rest of the document (all but the array's items) is parsed and
 * validated again with every run: beyond this size, half a run, the
 * document is read whole. A page's rest (a count, links) is far smaller. */
#define VALIDATE_PARTS_REST_MAX_BYTES ((size_t)4 << 10)

/* Whether a document of len bytes checked against t is worth reading in
 * runs: large enough, and t has an array that may be read so. */
bool validate_parts_apply(const validate_target *t, size_t len);

/* Runs end at the first item boundary run_bytes on (VALIDATE_PARTS_RUN_BYTES;
 * 1: every item a run of its own) and are checked on s->jobs threads (this
 * one and s->jobs - 1 started for the call), merged in order. Fill report
 * and warnings (initialised, empty, with the run's max_errors)
 * exactly as validate_document() would by parsing doc whole and validating
 * it: the same violations in the same order, with the same locations,
 * offsets and totals. Returns true when it did; false, with both reports
 * empty again, when doc has no such array, is not well-formed, is over the
 * size limit, or its validation could not finish (memory, depth): the
 * caller then checks it whole, which says exactly what is wrong. */
bool validate_in_parts(const validate_settings *s, validate_scratch *scratch,
                       const validate_doc *doc, size_t run_bytes, oas_report *report,
                       oas_report *warnings);

#endif
