/* oas_json_internal.h - private helpers shared by the JSON reader, the
 * writers and the cJSON bridge. Not installed. */
#ifndef OAS_JSON_INTERNAL_H
#define OAS_JSON_INTERNAL_H

#include <stddef.h>
#include "oas_json.h"

/* strtod in the "C" locale whatever the process locale (the text always
 * uses '.'); s must be NUL-terminated. */
double oas_strtod_c(const char *s, char **end);

/* snprintf("%.*g") in the "C" locale. */
int oas_format_double_c(char *out, size_t size, int precision, double v);

/* A document from a root node built elsewhere (cJSON bridge). */
typedef struct oas_arena oas_arena;
struct oas_json_doc {
    oas_json root;
    oas_arena *arena;
};

/* Bump allocator made of a few large blocks; everything is freed at once. */
oas_arena *oas_arena_new(size_t first_block);
void *oas_arena_alloc(oas_arena *a, size_t size); /* 8-aligned; NULL on failure */
void oas_arena_free(oas_arena *a);

/* Duplicate-key detection, O(n) expected; the table is reused across calls
 * and freed by the caller with oas_free(t->table). Fails only with NOMEM. */
typedef struct oas_json_dup_table {
    size_t *table;
    size_t cap;
} oas_json_dup_table;
oas_status oas_json_find_duplicates(oas_json_dup_table *t, const oas_json_member *m,
                                    size_t count, bool *found);

#endif
