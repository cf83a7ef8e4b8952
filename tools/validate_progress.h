/* validate_progress.h - a one-line progress display on stderr for long runs
 * (documents, MB, rate, violations), only when stderr is a terminal. */
#ifndef VALIDATE_PROGRESS_H
#define VALIDATE_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include "validate_doc.h"

typedef struct validate_progress {
    bool enabled;
    bool shown;      /* a line is on screen and must be cleared */
    double started;  /* seconds, monotonic */
    double last;     /* when the line was last redrawn */
    unsigned stride; /* look at the clock once per this many updates */
    unsigned calls;
} validate_progress;

/* stride: 256 when updated per document, 1 when per batch. */
void validate_progress_init(validate_progress *p, unsigned stride);
/* Cheap to call often: redraws at most a few times a second. */
void validate_progress_update(validate_progress *p, const validate_stats *stats, size_t bytes);
void validate_progress_finish(validate_progress *p);

#endif
