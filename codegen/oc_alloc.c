/* oc_alloc.c - allocation helpers of the generator (see oc_alloc.h). */
#include "oc_alloc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The process ends here, so what is allocated so far is not freed: the
 * generator is a short-lived tool and the OS reclaims it all. */
void oc_out_of_memory(void)
{
    fputs("oas2c: out of memory\n", stderr);
    exit(2);
}

static unsigned long allocations, refuse_at;

void oc_alloc_fail_at(unsigned long n)
{
    refuse_at = n ? allocations + n : 0;
}

unsigned long oc_alloc_count(void)
{
    return allocations;
}

/* Counts one allocation; true when the test hook refuses it. */
static bool refused(void)
{
    return ++allocations == refuse_at;
}

void *oc_malloc(size_t n)
{
    void *p = refused() ? NULL : malloc(n ? n : 1);
    if (!p)
        oc_out_of_memory();
    return p;
}

void *oc_calloc(size_t count, size_t size)
{
    void *p = refused() ? NULL : calloc(count ? count : 1, size ? size : 1);
    if (!p)
        oc_out_of_memory();
    return p;
}

void *oc_realloc(void *p, size_t n)
{
    void *q = refused() ? NULL : realloc(p, n ? n : 1);
    if (!q)
        oc_out_of_memory();
    return q;
}

char *oc_strndup(const char *s, size_t n)
{
    char *p = oc_malloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *oc_strdup(const char *s)
{
    return s ? oc_strndup(s, strlen(s)) : NULL;
}

void oc_grow_realloc(void *items_ptr, size_t *cap, size_t need, size_t elem)
{
    void **items = items_ptr;
    if (need < *cap)
        return;
    size_t n = *cap ? *cap : 8;
    while (n <= need) {
        if (n > ((size_t)-1 / 2) / elem)
            oc_out_of_memory();
        n *= 2;
    }
    *items = oc_realloc(*items, n * elem);
    *cap = n;
}

char *oc_concat3(const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *s = oc_malloc(la + lb + lc + 1);
    memcpy(s, a, la);
    memcpy(s + la, b, lb);
    memcpy(s + la + lb, c, lc + 1);
    return s;
}

char *oc_printf(const char *fmt, ...)
{
    /* Most results are names and short expressions: formatted once into
     * this buffer and copied, instead of formatted twice (measure, print). */
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        oc_out_of_memory();
    char *s = oc_malloc((size_t)n + 1);
    if ((size_t)n < sizeof small) {
        memcpy(s, small, (size_t)n + 1);
        return s;
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}
