/* validate_progress.c - progress on stderr; silent unless stderr is a tty,
 * so logs and CI output never receive carriage-return noise. */
#include "validate_progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define REDRAW_SECONDS 0.5
#define FIRST_SHOW_SECONDS 1.0 /* short runs show nothing */
#define BAR_WIDTH 24

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
    p->total_known = true;
    p->total = 0;
    p->first_show = FIRST_SHOW_SECONDS;
    p->redraw = REDRAW_SECONDS;
    const char *ms = getenv("OAS_PROGRESS_INTERVAL_MS");
    if (ms && *ms) {
        char *end;
        double v = strtod(ms, &end);
        if (*end == '\0' && v >= 0 && v < 1e9)
            p->first_show = p->redraw = v / 1000;
    }
    p->started = p->last = p->enabled ? now_seconds() : 0.0;
}

void validate_progress_add_input(validate_progress *p, long long size)
{
    if (size < 0)
        p->total_known = false;
    else
        p->total += (size_t)size;
}

/* "M:SS", or "H:MM:SS" from an hour */
static int format_duration(char *out, size_t size, double seconds)
{
    unsigned long s = seconds < 0 ? 0 : seconds > 359999 ? 359999 : (unsigned long)(seconds + 0.5);
    if (s >= 3600)
        return snprintf(out, size, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    return snprintf(out, size, "%lu:%02lu", s / 60, s % 60);
}

void validate_progress_format(const validate_progress *p, const validate_stats *stats,
                              size_t bytes, double seconds, char *line, size_t size)
{
    double mb = (double)bytes / 1e6, rate = seconds > 0 ? mb / seconds : 0;
    size_t n = 0;
    if (p->total_known && p->total > 0) {
        /* NDJSON counts a newline the last line may lack: never past 100% */
        size_t done = bytes < p->total ? bytes : p->total;
        unsigned percent = (unsigned)((double)done * 100 / (double)p->total);
        unsigned filled = (unsigned)((double)done * BAR_WIDTH / (double)p->total);
        char bar[BAR_WIDTH + 1];
        for (unsigned i = 0; i < BAR_WIDTH; i++)
            bar[i] = i < filled ? '#' : '-';
        bar[BAR_WIDTH] = '\0';
        char eta[24] = "?";
        if (rate > 0)
            format_duration(eta, sizeof eta, (double)(p->total - done) / 1e6 / rate);
        int k = snprintf(line, size, "[%s] %3u%%  %.1f/%.1f MB  %.1f MB/s  ETA %s  ", bar, percent,
                         (double)done / 1e6, (double)p->total / 1e6, rate, eta);
        n = k > 0 && (size_t)k < size ? (size_t)k : 0;
    } else {
        int k = snprintf(line, size, "%.1f MB  %.1f MB/s  ", mb, rate);
        n = k > 0 && (size_t)k < size ? (size_t)k : 0;
    }
    snprintf(line + n, size - n, "%zu document%s, %zu error%s", stats->documents,
             stats->documents == 1 ? "" : "s", stats->errors, stats->errors == 1 ? "" : "s");
}

void validate_progress_update(validate_progress *p, const validate_stats *stats, size_t bytes)
{
    if (!p->enabled || ++p->calls % p->stride != 0)
        return;
    double t = now_seconds();
    if (t - p->started < p->first_show || t - p->last < p->redraw)
        return;
    p->last = t;
    char line[160];
    validate_progress_format(p, stats, bytes, t - p->started, line, sizeof line);
    fprintf(stderr, "\r%s\033[K", line);
    fflush(stderr);
    p->shown = true;
}

void validate_progress_clear(validate_progress *p)
{
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    p->shown = false;
}

void validate_progress_finish(validate_progress *p)
{
    validate_progress_clear(p);
}
