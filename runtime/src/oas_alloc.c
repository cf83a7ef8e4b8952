/* oas_alloc.c - the process-global allocator hooks every allocation goes
 * through (ours and cJSON's), so tests can fail the Nth allocation. */
#include "oas_alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

static void *default_malloc(size_t size, void *ctx) { (void)ctx; return malloc(size); }
static void *default_realloc(void *ptr, size_t size, void *ctx) { (void)ctx; return realloc(ptr, size); }
static void default_free(void *ptr, void *ctx) { (void)ctx; free(ptr); }

static oas_allocator current = {default_malloc, default_realloc, default_free, NULL};

/* Set per call so a test allocator can tell allocation sites apart; the
 * return address of oas_malloc itself is the caller's call site. */
static _Thread_local const void *current_site;

const void *oas_alloc_site(void) { return current_site; }

static void *malloc_at(size_t size, const void *site)
{
    current_site = site;
    /* malloc(0) may return NULL; callers treat NULL as failure. */
    return current.malloc_fn(size ? size : 1, current.ctx);
}

static void *cjson_malloc(size_t size) { return malloc_at(size, __builtin_return_address(0)); }
static void cjson_free(void *ptr) { oas_free(ptr); }

void oas_set_allocator(const oas_allocator *allocator)
{
    if (allocator && allocator->malloc_fn && allocator->realloc_fn && allocator->free_fn) {
        current = *allocator;
        cJSON_Hooks hooks = {cjson_malloc, cjson_free};
        cJSON_InitHooks(&hooks);
    } else {
        current = (oas_allocator){default_malloc, default_realloc, default_free, NULL};
        cJSON_InitHooks(NULL);
    }
}

void *oas_malloc(size_t size) { return malloc_at(size, __builtin_return_address(0)); }

void *oas_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = malloc_at(count * size, __builtin_return_address(0));
    if (p)
        memset(p, 0, count * size);
    return p;
}

void *oas_realloc(void *ptr, size_t size)
{
    current_site = __builtin_return_address(0);
    return current.realloc_fn(ptr, size ? size : 1, current.ctx);
}

void oas_free(void *ptr)
{
    if (ptr)
        current.free_fn(ptr, current.ctx);
}

void *oas_realloc_array(void *ptr, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    current_site = __builtin_return_address(0);
    size_t total = count * size;
    return current.realloc_fn(ptr, total ? total : 1, current.ctx);
}

char *oas_strndup(const char *s, size_t len)
{
    if (!s || len == SIZE_MAX)
        return NULL;
    char *p = malloc_at(len + 1, __builtin_return_address(0));
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

char *oas_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t len = strlen(s);
    char *p = malloc_at(len + 1, __builtin_return_address(0));
    if (p)
        memcpy(p, s, len + 1);
    return p;
}
