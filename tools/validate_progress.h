/* validate_progress.h - a one-line progress display on stderr for long
 * runs, only when stderr is a terminal:
 *   [#########---------------]  37%  12.3/33.0 MB  4.1 MB/s  ETA 0:05  1200 documents, 3 errors
 * with the bar, percent and ETA only when the total is known (the sum of
 * the regular files' sizes; standard input or a pipe among the inputs
 * makes it unknown):
 *   12.3 MB  4.1 MB/s  1200 documents, 3 errors
 * Drawn as "\r" LINE "\033[K", and cleared with "\r\033[K" before anything
 * else is written where it is (validate_progress_clear).
 *
 * It appears after a second and is redrawn at most twice a second; the
 * environment variable OAS_PROGRESS_INTERVAL_MS sets both delays (0: at
 * every update), for tests and slow terminals. */
#ifndef VALIDATE_PROGRESS_H
#define VALIDATE_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include "validate_doc.h"

typedef struct validate_progress {
    bool enabled;
    bool shown;        /* a line is on screen and must be cleared */
    bool total_known;
    size_t total;      /* bytes of all inputs, when known */
    double started;    /* seconds, monotonic */
    double last;       /* when the line was last redrawn */
    double first_show, redraw; /* seconds */
    unsigned stride;   /* look at the clock once per this many updates */
    unsigned calls;
} validate_progress;

/* stride: 256 when updated per document, 1 when per batch. The total is
 * known (and 0) until inputs are added. */
void validate_progress_init(validate_progress *p, unsigned stride);
/* An input of size bytes; a negative size: not a regular file (unknown). */
void validate_progress_add_input(validate_progress *p, long long size);
/* Cheap to call often: redraws at most a few times a second. */
void validate_progress_update(validate_progress *p, const validate_stats *stats, size_t bytes);
/* Erase the line if one is shown (it comes back at the next redraw). */
void validate_progress_clear(validate_progress *p);
void validate_progress_finish(validate_progress *p);

/* The line for these figures (no "\r", no erase), for the display and
 * its tests. */
void validate_progress_format(const validate_progress *p, const validate_stats *stats,
                              size_t bytes, double seconds, char *line, size_t size);

#endif
