/* fake_clock.h - injectable time for HTTP client tests: sleeps are recorded
 * and advance both clocks at once, so retry tests assert exact waits without
 * waiting. Plug it in with oas_client_set_clock(c, &(oas_http_clock)
 * {fake_clock_mono, fake_clock_wall, fake_clock_sleep, fake_clock_random, &clock}). */
#ifndef OAS_TEST_FAKE_CLOCK_H
#define OAS_TEST_FAKE_CLOCK_H

#include <stddef.h>
#include <stdint.h>

#define FAKE_CLOCK_WALL_BASE 1700000000000LL /* 2023-11-14T22:13:20Z */

/* `sentinel` comes first so that code writing through the context pointer
 * as if it were other state shows up in tests. */
typedef struct fake_clock {
    uint64_t sentinel;
    int64_t offset;        /* fake time passed, ms */
    int64_t mono_step;     /* added to the monotonic clock on every read */
    int64_t mono_reads;
    int64_t sleeps[16];    /* the first 16 waits asked for */
    size_t sleep_count;
    uint32_t random_value; /* what the jitter source returns */
} fake_clock;

int64_t real_monotonic_ms(void);
int64_t fake_clock_mono(void *ctx);
int64_t fake_clock_wall(void *ctx);
void fake_clock_sleep(void *ctx, int64_t ms);
uint32_t fake_clock_random(void *ctx);

#endif
