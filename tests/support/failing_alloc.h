/* failing_alloc.h - a test allocator installed through oas_set_allocator():
 * fails the Nth allocation (once, or persistently from N on), counts live
 * blocks so tests can assert zero leaks, counts the bytes asked for so tests
 * can bound what an operation allocates, and counts distinct call sites. */
#ifndef FAILING_ALLOC_H
#define FAILING_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

void failing_alloc_install(void);   /* resets all counters, nothing fails */
void failing_alloc_uninstall(void); /* restores the C library allocator */

/* Fail the nth allocation (1-based, counted from this call); with
 * persistent, every later one fails too. n = 0 disables failures. */
void failing_alloc_fail_at(size_t n, bool persistent);

size_t failing_alloc_live(void);     /* blocks allocated and not yet freed */
size_t failing_alloc_calls(void);    /* allocation calls since fail_at/install */
/* Bytes asked for since fail_at/install: each malloc's size and each
 * realloc's new size (a doubling buffer counts about twice its last size),
 * the same under any malloc, valgrind or a sanitizer. */
size_t failing_alloc_bytes(void);
size_t failing_alloc_failures(void); /* allocations refused so far */
size_t failing_alloc_sites(void);    /* distinct call sites seen since install */

#endif
