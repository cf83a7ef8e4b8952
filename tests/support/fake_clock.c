/* fake_clock.c - see fake_clock.h. */
#define _POSIX_C_SOURCE 200809L
#include "fake_clock.h"

#include <time.h>

int64_t real_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t fake_clock_mono(void *ctx)
{
    fake_clock *f = ctx;
    int64_t v = real_monotonic_ms() + f->offset + f->mono_reads * f->mono_step;
    f->mono_reads++;
    return v;
}

int64_t fake_clock_wall(void *ctx)
{
    return FAKE_CLOCK_WALL_BASE + ((fake_clock *)ctx)->offset;
}

uint32_t fake_clock_random(void *ctx)
{
    return ((fake_clock *)ctx)->random_value;
}

void fake_clock_sleep(void *ctx, int64_t ms)
{
    fake_clock *f = ctx;
    if (f->sleep_count < sizeof f->sleeps / sizeof f->sleeps[0])
        f->sleeps[f->sleep_count++] = ms;
    f->offset += ms;
}
