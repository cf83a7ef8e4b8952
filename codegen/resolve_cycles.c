/* resolve_cycles.c - refuses cycles that never pass through an object
 * member, array item or map value: A -> B -> A through $ref, allOf, anyOf,
 * oneOf, not, if/then/else or dependentSchemas. Such a type has no finite C
 * layout and a validator would loop on the same instance forever. */
#include <stdlib.h>
#include <string.h>

#include "oc_alloc.h"
#include "resolve_ctx.h"

/* The k-th schema that s applies in place to the same instance. */
static ir_schema *in_place_edge(const ir_schema *s, size_t k)
{
    if (s->ref_target && k-- == 0)
        return s->ref_target;
    if (k < s->all_of_count)
        return s->all_of[k];
    k -= s->all_of_count;
    if (k < s->any_of_count)
        return s->any_of[k];
    k -= s->any_of_count;
    if (k < s->one_of_count)
        return s->one_of[k];
    k -= s->one_of_count;
    if (s->not_schema && k-- == 0)
        return s->not_schema;
    ir_schema *const conditional[] = {s->if_schema, s->then_schema, s->else_schema};
    for (size_t i = 0; i < 3; i++)
        if (conditional[i] && k-- == 0)
            return conditional[i];
    if (k < s->dependent_schema_count)
        return s->dependent_schemas[k].schema;
    return NULL;
}

enum { WHITE, GRAY, BLACK };

typedef struct dfs_frame {
    ir_schema *s;
    size_t next_edge;
} dfs_frame;

static void report_cycle(diag *d, dfs_frame *stack, size_t depth, const ir_schema *again)
{
    size_t start = depth;
    while (start > 0 && stack[start - 1].s != again)
        start--;
    start = start > 0 ? start - 1 : 0;
    size_t len = 0;
    for (size_t i = start; i < depth; i++)
        len += strlen(stack[i].s->location) + 4;
    len += strlen(again->location) + 1;
    char *path = oc_malloc(len);
    path[0] = '\0';
    for (size_t i = start; i < depth; i++) {
        strcat(path, stack[i].s->location);
        strcat(path, " -> ");
    }
    strcat(path, again->location);
    const ir_schema *closing = stack[depth - 1].s;
    ir_loc at = closing->ref ? closing->ref_loc : closing->loc;
    resolve_error(d, at, "$ref cycle with no object in between: %s", path);
    free(path);
}

int resolve_cycles(ir_spec *spec, diag *d)
{
    size_t n = spec->schema_count;
    unsigned char *color = oc_calloc(n, 1);
    dfs_frame *stack = oc_calloc(n + 1, sizeof *stack);
    int rc = 0;
    for (size_t root = 0; root < n; root++) {
        if (color[root] != WHITE)
            continue;
        size_t depth = 0;
        stack[depth++] = (dfs_frame){spec->schemas[root], 0};
        color[root] = GRAY;
        while (depth > 0) {
            dfs_frame *top = &stack[depth - 1];
            ir_schema *next = in_place_edge(top->s, top->next_edge++);
            if (!next) {
                color[top->s->index] = BLACK;
                depth--;
            } else if (color[next->index] == GRAY) {
                report_cycle(d, stack, depth, next);
                rc = -1;
            } else if (color[next->index] == WHITE) {
                color[next->index] = GRAY;
                stack[depth++] = (dfs_frame){next, 0};
            }
        }
    }
    free(stack);
    free(color);
    return rc;
}
