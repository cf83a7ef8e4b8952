/* oc_alloc.h - the generator's allocation helpers: out of memory ends the
 * process with a message and exit status 2 (the generator is a short-lived
 * tool; the runtime library, not this, handles allocation failure). */
#ifndef OAS2C_OC_ALLOC_H
#define OAS2C_OC_ALLOC_H

#include <stddef.h>

void *oc_malloc(size_t n);
void *oc_calloc(size_t count, size_t size);
void *oc_realloc(void *p, size_t n);
char *oc_strdup(const char *s);
char *oc_strndup(const char *s, size_t n);
/* Grow *items (element size elem) so that index `need` fits; doubles *cap.
 * Inline, as it is called for every item appended and mostly finds room:
 * the call alone was 2 % of generating a big spec. */
void oc_grow_realloc(void *items_ptr, size_t *cap, size_t need, size_t elem);
static inline void oc_grow(void *items_ptr, size_t *cap, size_t need, size_t elem)
{
    if (need >= *cap)
        oc_grow_realloc(items_ptr, cap, need, elem);
}
/* a + b + c in a new string (no printf: names are built by the thousand). */
char *oc_concat3(const char *a, const char *b, const char *c);
/* printf into a new string. */
char *oc_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "oas2c: out of memory" and exits with status 2 (also for the
 * allocation failures libyaml reports). */
_Noreturn void oc_out_of_memory(void);

/* Test hooks (tests/codegen/test_oom.c): the n-th allocation from now is
 * refused as if malloc had returned NULL (0: none); the number of
 * allocations asked for so far. */
void oc_alloc_fail_at(unsigned long n);
unsigned long oc_alloc_count(void);

#endif
