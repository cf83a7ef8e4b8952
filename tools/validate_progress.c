/* validate_progress.c - progress on stderr; silent unless stderr is a tty,
 * so logs and CI output never receive carriage-return noise. */
#include "validate_progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define REDRAW_SECONDS 0.5
#define FIRST_SHOW_SECONDS 1.0 /* short runs show nothing */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void validate_progress_init(validate_progress *p, unsigned stride)
{
    p->stride = stride ? stride : 1;
    p->calls = 0;
    p->enabled = isatty(STDERR_FILENO) == 1;
    p->shown = false;
    p->started = p->last = p->enabled ? now_seconds() : 0.0;
}

void validate_progress_update(validate_progress *p, const validate_stats *stats, size_t bytes)
{
    if (!p->enabled || ++p->calls % p->stride != 0)
        return;
    double t = now_seconds();
    if (t - p->started < FIRST_SHOW_SECONDS || t - p->last < REDRAW_SECONDS)
        return;
    p->last = t;
    double mb = (double)bytes / 1e6;
    fprintf(stderr, "\r%zu documents, %.1f MB, %.1f MB/s, %zu violations ", stats->documents, mb,
            mb / (t - p->started), stats->errors);
    p->shown = true;
}

void validate_progress_finish(validate_progress *p)
{
    if (p->shown)
        fprintf(stderr, "\r\033[K");
    p->shown = false;
}
