/* loop_clock.h - the monotonic clock and argument parsing shared by the
 * request-path loops (curl_loop.c, request_loop.c). */
#ifndef BENCH_LOOP_CLOCK_H
#define BENCH_LOOP_CLOCK_H

#include <stdlib.h>
#include <time.h>

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A request count >= 1 from argv, or 0 when it is not one. */
static unsigned long parse_count(const char *text)
{
    char *end;
    unsigned long n = strtoul(text, &end, 10);
    return (*text && !*end) ? n : 0;
}

#endif
