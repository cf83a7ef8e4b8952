/* resolve_recursive.c - marks schemas that can contain themselves through
 * model edges (members, items, map values, union variants, $ref, allOf):
 * their strongly connected components (Tarjan, iterative so that long
 * chains cannot overflow the stack) of size > 1, or with a self edge. */
#include <stdint.h>
#include <stdlib.h>

#include "oc_alloc.h"
#include "resolve_ctx.h"

static ir_schema *model_edge(const ir_schema *s, size_t k)
{
    if (s->ref_target && k-- == 0)
        return s->ref_target;
    if (s->ckind == CK_STRUCT) {
        if (k < s->model_prop_count)
            return s->model_props[k].schema;
        k -= s->model_prop_count;
    }
    if ((s->ckind == CK_ARRAY || s->ckind == CK_MAP) && s->element && k-- == 0)
        return s->element;
    if (k < s->all_of_count)
        return s->all_of[k];
    k -= s->all_of_count;
    if (s->ckind == CK_UNION) {
        if (k < s->one_of_count)
            return s->one_of[k];
        k -= s->one_of_count;
        if (k < s->any_of_count)
            return s->any_of[k];
    }
    return NULL;
}

typedef struct tarjan {
    size_t *index, *low;      /* SIZE_MAX = unvisited */
    bool *on_stack;
    ir_schema **scc_stack;
    size_t scc_depth, counter;
    ir_schema **call_stack;
    size_t *call_edge;
} tarjan;

static void close_component(tarjan *t, ir_schema *root)
{
    size_t start = t->scc_depth;
    do
        start--;
    while (t->scc_stack[start] != root);
    size_t size = t->scc_depth - start;
    bool self_edge = false;
    if (size == 1)
        for (size_t k = 0; model_edge(root, k); k++)
            self_edge |= model_edge(root, k) == root;
    for (size_t i = start; i < t->scc_depth; i++) {
        t->on_stack[t->scc_stack[i]->index] = false;
        if (size > 1 || self_edge)
            t->scc_stack[i]->recursive = true;
    }
    t->scc_depth = start;
}

static void visit(tarjan *t, ir_schema *root)
{
    size_t depth = 0;
    t->call_stack[depth] = root;
    t->call_edge[depth++] = 0;
    t->index[root->index] = t->low[root->index] = t->counter++;
    t->scc_stack[t->scc_depth++] = root;
    t->on_stack[root->index] = true;
    while (depth > 0) {
        ir_schema *s = t->call_stack[depth - 1];
        ir_schema *next = model_edge(s, t->call_edge[depth - 1]++);
        if (next && t->index[next->index] == SIZE_MAX) {
            t->index[next->index] = t->low[next->index] = t->counter++;
            t->scc_stack[t->scc_depth++] = next;
            t->on_stack[next->index] = true;
            t->call_stack[depth] = next;
            t->call_edge[depth++] = 0;
        } else if (next) {
            if (t->on_stack[next->index] && t->index[next->index] < t->low[s->index])
                t->low[s->index] = t->index[next->index];
        } else {
            if (t->low[s->index] == t->index[s->index])
                close_component(t, s);
            depth--;
            if (depth > 0) {
                ir_schema *caller = t->call_stack[depth - 1];
                if (t->low[s->index] < t->low[caller->index])
                    t->low[caller->index] = t->low[s->index];
            }
        }
    }
}

void resolve_recursion(ir_spec *spec)
{
    size_t n = spec->schema_count;
    tarjan t = {
        .index = oc_malloc(n * sizeof(size_t)),
        .low = oc_malloc(n * sizeof(size_t)),
        .on_stack = oc_calloc(n, sizeof(bool)),
        .scc_stack = oc_calloc(n, sizeof(ir_schema *)),
        .call_stack = oc_calloc(n, sizeof(ir_schema *)),
        .call_edge = oc_calloc(n, sizeof(size_t)),
    };
    for (size_t i = 0; i < n; i++)
        t.index[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++)
        if (t.index[i] == SIZE_MAX)
            visit(&t, spec->schemas[i]);
    free(t.index);
    free(t.low);
    free(t.on_stack);
    free(t.scc_stack);
    free(t.call_stack);
    free(t.call_edge);
}
