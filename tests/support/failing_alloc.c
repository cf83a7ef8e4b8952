/* failing_alloc.c - see failing_alloc.h. Not locked: one thread allocates at
 * a time (a test may run the code it counts on a thread it then joins). */
#include "failing_alloc.h"

#include <stdlib.h>

#include "oas_alloc.h"

#define MAX_SITES 4096

static size_t calls, bytes, fail_at, live, failures, nsites;
static bool persistent_failure;
static const void *sites[MAX_SITES];

static void note_site(void)
{
    const void *site = oas_alloc_site();
    for (size_t i = 0; i < nsites; i++)
        if (sites[i] == site)
            return;
    if (nsites < MAX_SITES)
        sites[nsites++] = site;
}

/* Counts this allocation and says whether it must fail. */
static bool should_fail(size_t size)
{
    note_site();
    calls++;
    bytes += size;
    bool fail = fail_at && (calls == fail_at || (persistent_failure && calls > fail_at));
    failures += fail;
    return fail;
}

static void *test_malloc(size_t size, void *ctx)
{
    (void)ctx;
    if (should_fail(size))
        return NULL;
    void *p = malloc(size);
    live += p != NULL;
    return p;
}

static void *test_realloc(void *ptr, size_t size, void *ctx)
{
    (void)ctx;
    if (should_fail(size))
        return NULL;
    void *p = realloc(ptr, size);
    live += p != NULL && ptr == NULL;
    return p;
}

static void test_free(void *ptr, void *ctx)
{
    (void)ctx;
    live -= ptr != NULL;
    free(ptr);
}

void failing_alloc_install(void)
{
    calls = bytes = fail_at = live = failures = nsites = 0;
    persistent_failure = false;
    oas_allocator a = {test_malloc, test_realloc, test_free, NULL};
    oas_set_allocator(&a);
}

void failing_alloc_uninstall(void) { oas_set_allocator(NULL); }

void failing_alloc_fail_at(size_t n, bool persistent)
{
    calls = bytes = 0;
    fail_at = n;
    persistent_failure = persistent;
}

size_t failing_alloc_live(void) { return live; }
size_t failing_alloc_calls(void) { return calls; }
size_t failing_alloc_bytes(void) { return bytes; }
size_t failing_alloc_failures(void) { return failures; }
size_t failing_alloc_sites(void) { return nsites; }
