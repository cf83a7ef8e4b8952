/* oas_alloc.h - every allocation of the runtime and of generated code goes
 * through these three functions, so that tests can fail the Nth allocation
 * and an embedder can supply its own allocator.
 *
 * oas_set_allocator() is process-global: call it before any other oas_ or
 * generated function, from one thread (like curl_global_init). It also
 * installs the same functions into cJSON via cJSON_InitHooks. */
#ifndef OAS_ALLOC_H
#define OAS_ALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct oas_allocator {
    void *(*malloc_fn)(size_t size, void *ctx);
    void *(*realloc_fn)(void *ptr, size_t size, void *ctx);
    void (*free_fn)(void *ptr, void *ctx);
    void *ctx;
} oas_allocator;

/* NULL restores the C library's malloc/realloc/free. */
void oas_set_allocator(const oas_allocator *allocator);

void *oas_malloc(size_t size);
void *oas_calloc(size_t count, size_t size); /* overflow-checked, zeroed */
void *oas_realloc(void *ptr, size_t size);
void oas_free(void *ptr);                     /* NULL-safe */

/* Overflow-checked count*size growth helper: returns NULL and leaves *ptr
 * untouched on failure. */
void *oas_realloc_array(void *ptr, size_t count, size_t size);

/* NUL-terminated copy of s[0..len), via oas_malloc. */
char *oas_strndup(const char *s, size_t len);
char *oas_strdup(const char *s);

/* The call site of the allocation in progress (the return address of the
 * oas_malloc/... call), valid inside an allocator hook; lets a test allocator
 * count distinct allocation sites. */
const void *oas_alloc_site(void);

#ifdef __cplusplus
}
#endif
#endif
