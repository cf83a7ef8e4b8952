/* oas_siphash.c - the process's SipHash key (the hash itself is inline in
 * oas_siphash.h). */
#include "oas_siphash.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

static oas_siphash_key process_key;
static pthread_once_t process_key_once = PTHREAD_ONCE_INIT;

oas_siphash_key oas_siphash_key_from_bytes(const unsigned char bytes[16])
{
    oas_siphash_key key = {oas_siphash_load8(bytes, 0), oas_siphash_load8(bytes, 8)};
    return key;
}

/* GRND_NONBLOCK: early in boot, before the kernel's pool is ready, fall back
 * to /dev/urandom rather than block the caller's parse. */
static bool fill_from_getrandom(unsigned char *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = getrandom(buf + got, len - got, GRND_NONBLOCK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false; /* ENOSYS, EAGAIN, a seccomp filter's EPERM... */
        got += (size_t)n;
    }
    return true;
}

static bool fill_from_urandom(unsigned char *buf, size_t len)
{
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    return got == len;
}

/* splitmix64's finaliser: spreads every input bit over the output. */
static uint64_t mix64(uint64_t x)
{
    x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

/* Last resort, guessable: clocks, the pid and addresses (ASLR). */
static oas_siphash_key key_from_environment(void)
{
    struct timespec real, mono;
    clock_gettime(CLOCK_REALTIME, &real);
    clock_gettime(CLOCK_MONOTONIC, &mono);
    uint64_t a = (uint64_t)real.tv_sec * 1000000000u + (uint64_t)real.tv_nsec;
    uint64_t b = (uint64_t)mono.tv_sec * 1000000000u + (uint64_t)mono.tv_nsec;
    uint64_t c = (uint64_t)getpid() ^ (uint64_t)(uintptr_t)&real ^
                 ((uint64_t)(uintptr_t)&process_key << 17);
    oas_siphash_key key = {mix64(a ^ mix64(c)), mix64(b ^ mix64(c + 1))};
    return key;
}

static void draw_process_key(void)
{
    unsigned char bytes[16];
    if (fill_from_getrandom(bytes, sizeof bytes) || fill_from_urandom(bytes, sizeof bytes))
        process_key = oas_siphash_key_from_bytes(bytes);
    else
        process_key = key_from_environment();
}

const oas_siphash_key *oas_siphash_process_key(void)
{
    pthread_once(&process_key_once, draw_process_key);
    return &process_key;
}
