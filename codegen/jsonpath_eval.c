/* jsonpath_eval.c - runs a parsed JSONPath query over a ynode DAG.
 *
 * A step's nodelist holds each node once, with the number of times the
 * RFC's nodelist (over the tree with aliases expanded) would hold it: a
 * node reached along two alias paths, or selected twice by ['a','a'], is
 * one entry with count 2. Steps therefore cost what the DAG's size costs,
 * not what its expansion would, and count() still answers as the RFC says.
 * A descendant segment walks the DAG once, then propagates the counts in
 * topological order.
 *
 * Every node visited and value compared is a unit of work; past
 * JSONPATH_MAX_WORK the evaluation stops with an error (filters with
 * descendant queries inside descendant segments are quadratic). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpath_ast.h"
#include "oc_alloc.h"

typedef struct jp_hit {
    ynode *node;
    ynode *parent;   /* of the first arrival */
    size_t slot;
    uint64_t count;  /* entries of the RFC's nodelist this stands for */
} jp_hit;

/* A nodelist without duplicates; small lists are searched, larger ones
 * hashed (open addressing on the node's address). */
typedef struct jp_list {
    jp_hit *hits;
    size_t len, cap;
    size_t *table;   /* position + 1, 0 = empty; table_cap is a power of two */
    size_t table_cap;
} jp_list;

#define LIST_SEARCH_MAX 8

typedef struct jp_cached {
    const jp_query *query;
    jp_list nodes;
} jp_cached;

typedef struct jp_eval {
    ynode *root;
    uint64_t work;
    bool failed;
    /* An absolute query inside a filter selects the same nodes for every
       candidate: evaluated once. */
    jp_cached **cache;
    size_t cache_count, cache_cap;
} jp_eval;

static unsigned long work_limit = JSONPATH_MAX_WORK;

void jsonpath_set_work_limit(unsigned long limit)
{
    work_limit = limit ? limit : JSONPATH_MAX_WORK;
}

static bool spend(jp_eval *ev, uint64_t units)
{
    ev->work += units;
    if (ev->work > work_limit)
        ev->failed = true;
    return !ev->failed;
}

static uint64_t add_saturating(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* ---- nodelists ---------------------------------------------------------- */

static size_t node_hash(const ynode *n)
{
    uint64_t x = (uint64_t)(uintptr_t)n;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x;
}

static void list_reindex(jp_list *l)
{
    free(l->table);
    l->table_cap = 16;
    while (l->table_cap < l->len * 2 + 2)
        l->table_cap *= 2;
    l->table = oc_calloc(l->table_cap, sizeof *l->table);
    for (size_t i = 0; i < l->len; i++) {
        size_t at = node_hash(l->hits[i].node) & (l->table_cap - 1);
        while (l->table[at])
            at = (at + 1) & (l->table_cap - 1);
        l->table[at] = i + 1;
    }
}

static jp_hit *list_find(const jp_list *l, const ynode *n)
{
    if (!l->table) {
        for (size_t i = 0; i < l->len; i++)
            if (l->hits[i].node == n)
                return &l->hits[i];
        return NULL;
    }
    size_t at = node_hash(n) & (l->table_cap - 1);
    while (l->table[at]) {
        if (l->hits[l->table[at] - 1].node == n)
            return &l->hits[l->table[at] - 1];
        at = (at + 1) & (l->table_cap - 1);
    }
    return NULL;
}

/* Adds count arrivals of node; its position in the list. */
static size_t list_add(jp_eval *ev, jp_list *l, ynode *node, ynode *parent, size_t slot,
                       uint64_t count)
{
    spend(ev, 1);
    jp_hit *seen = list_find(l, node);
    if (seen) {
        seen->count = add_saturating(seen->count, count);
        return (size_t)(seen - l->hits);
    }
    oc_grow(&l->hits, &l->cap, l->len, sizeof *l->hits);
    l->hits[l->len] = (jp_hit){node, parent, slot, count};
    l->len++;
    if (l->len > LIST_SEARCH_MAX && (l->len * 2 + 2 > l->table_cap)) {
        list_reindex(l);
    } else if (l->table) {
        size_t at = node_hash(node) & (l->table_cap - 1);
        while (l->table[at])
            at = (at + 1) & (l->table_cap - 1);
        l->table[at] = l->len;
    }
    return l->len - 1;
}

static void list_free(jp_list *l)
{
    free(l->hits);
    free(l->table);
    memset(l, 0, sizeof *l);
}

/* ---- values ------------------------------------------------------------- */

typedef enum jv_kind {
    JV_NOTHING, JV_NULL, JV_BOOL, JV_NUMBER, JV_STRING, JV_ARRAY, JV_OBJECT
} jv_kind;

typedef struct jv {
    jv_kind kind;
    bool boolean;
    double number;
    const char *str;       /* JV_STRING: NUL-terminated, len bytes */
    size_t len;
    const ynode *node;     /* JV_ARRAY, JV_OBJECT */
} jv;

/* A YAML 1.2 core-schema number as a double (yaml_load.c typed it). */
static double scalar_number(const ynode *n)
{
    const char *s = n->str;
    if (n->stype == YS_INT) {
        if (strncmp(s, "0o", 2) == 0)
            return (double)strtoull(s + 2, NULL, 8);
        if (strncmp(s, "0x", 2) == 0)
            return (double)strtoull(s + 2, NULL, 16);
        return strtod(s, NULL);
    }
    const char *bare = (*s == '+' || *s == '-') ? s + 1 : s;
    if (bare[0] == '.' && (bare[1] == 'i' || bare[1] == 'I'))
        return *s == '-' ? -INFINITY : INFINITY;
    if (bare[0] == '.' && (bare[1] == 'n' || bare[1] == 'N'))
        return NAN;
    return strtod(s, NULL);
}

static jv node_value(const ynode *n)
{
    jv v = {.kind = JV_NOTHING};
    if (!n)
        return v;
    if (n->kind == YN_SEQ || n->kind == YN_MAP) {
        v.kind = n->kind == YN_SEQ ? JV_ARRAY : JV_OBJECT;
        v.node = n;
        return v;
    }
    switch (n->stype) {
    case YS_NULL: v.kind = JV_NULL; break;
    case YS_BOOL: v.kind = JV_BOOL; v.boolean = n->str[0] == 't' || n->str[0] == 'T'; break;
    case YS_INT:
    case YS_FLOAT: v.kind = JV_NUMBER; v.number = scalar_number(n); break;
    case YS_STRING: v.kind = JV_STRING; v.str = n->str; v.len = n->len; break;
    }
    return v;
}

static jv literal_value(const jp_expr *e)
{
    jv v = {.kind = JV_NULL};
    switch (e->literal) {
    case JPL_NULL: break;
    case JPL_TRUE: v.kind = JV_BOOL; v.boolean = true; break;
    case JPL_FALSE: v.kind = JV_BOOL; v.boolean = false; break;
    case JPL_NUMBER: v.kind = JV_NUMBER; v.number = e->number; break;
    case JPL_STRING: v.kind = JV_STRING; v.str = e->string; v.len = e->string_len; break;
    }
    return v;
}

static bool values_equal(jp_eval *ev, jv a, jv b);

static bool nodes_equal(jp_eval *ev, const ynode *a, const ynode *b)
{
    if (a == b)
        return true;  /* an alias, or the same node twice */
    if (!spend(ev, 1))
        return false;
    if (a->kind != b->kind)
        return false;
    if (a->kind == YN_SCALAR)
        return values_equal(ev, node_value(a), node_value(b));
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++) {
        if (a->kind == YN_SEQ) {
            if (!nodes_equal(ev, a->items[i], b->items[i]))
                return false;
            continue;
        }
        const ynode *key = a->keys[i], *other = NULL;
        if (!spend(ev, b->count))
            return false;
        for (size_t j = 0; j < b->count && !other; j++)
            if (b->keys[j]->len == key->len && memcmp(b->keys[j]->str, key->str, key->len) == 0)
                other = b->items[j];
        if (!other || !nodes_equal(ev, a->items[i], other))
            return false;
    }
    return true;
}

/* RFC 9535 2.3.5.2.2: Nothing equals only Nothing; numbers by value;
 * arrays and objects deeply. */
static bool values_equal(jp_eval *ev, jv a, jv b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case JV_NOTHING:
    case JV_NULL: return true;
    case JV_BOOL: return a.boolean == b.boolean;
    case JV_NUMBER: return a.number == b.number;
    case JV_STRING: return a.len == b.len && memcmp(a.str, b.str, a.len) == 0;
    case JV_ARRAY:
    case JV_OBJECT: return nodes_equal(ev, a.node, b.node);
    }
    return false;
}

/* Only numbers and strings are ordered; UTF-8 byte order is code point order. */
static bool value_less(jv a, jv b)
{
    if (a.kind == JV_NUMBER && b.kind == JV_NUMBER)
        return a.number < b.number;
    if (a.kind != JV_STRING || b.kind != JV_STRING)
        return false;
    size_t n = a.len < b.len ? a.len : b.len;
    int c = memcmp(a.str, b.str, n);
    return c < 0 || (c == 0 && a.len < b.len);
}

static bool compare(jp_eval *ev, jp_compare_op op, jv a, jv b)
{
    switch (op) {
    case JPC_EQ: return values_equal(ev, a, b);
    case JPC_NE: return !values_equal(ev, a, b);
    case JPC_LT: return value_less(a, b);
    case JPC_LE: return value_less(a, b) || values_equal(ev, a, b);
    case JPC_GT: return value_less(b, a);
    case JPC_GE: return value_less(b, a) || values_equal(ev, a, b);
    }
    return false;
}

/* ---- queries ------------------------------------------------------------ */

static bool eval_logical(jp_eval *ev, const jp_expr *e, ynode *current);

static void select_children(jp_eval *ev, const jp_selector *sel, ynode *node, uint64_t count,
                            jp_list *out)
{
    if (node->kind == YN_SCALAR || ev->failed)
        return;
    switch (sel->kind) {
    case JP_NAME:
        if (node->kind != YN_MAP || !spend(ev, node->count))
            return;
        for (size_t i = 0; i < node->count; i++)
            if (node->keys[i]->len == sel->name_len &&
                memcmp(node->keys[i]->str, sel->name, sel->name_len) == 0) {
                list_add(ev, out, node->items[i], node, i, count);
                return;
            }
        return;
    case JP_INDEX: {
        if (node->kind != YN_SEQ)
            return;
        int64_t at = sel->index < 0 ? (int64_t)node->count + sel->index : sel->index;
        if (at >= 0 && (uint64_t)at < node->count)
            list_add(ev, out, node->items[at], node, (size_t)at, count);
        return;
    }
    case JP_WILDCARD:
        for (size_t i = 0; i < node->count; i++)
            list_add(ev, out, node->items[i], node, i, count);
        return;
    case JP_FILTER:
        for (size_t i = 0; i < node->count && !ev->failed; i++)
            if (eval_logical(ev, sel->filter, node->items[i]))
                list_add(ev, out, node->items[i], node, i, count);
        return;
    }
}

static bool is_collection(const ynode *n)
{
    return n->kind == YN_MAP || n->kind == YN_SEQ;
}

/* ".." : the segment's selectors applied to every collection reachable
 * from the inputs (the inputs included), each visited once, in the order
 * a depth-first walk first meets them. */
static void select_descendants(jp_eval *ev, const jp_segment *seg, const jp_list *in, jp_list *out)
{
    jp_list seen = {0};  /* preorder; count = arrivals, completed below */
    struct frame {
        size_t at;
        size_t next;
    } *stack = NULL;
    size_t depth = 0, stack_cap = 0;
    size_t *postorder = NULL, finished = 0, post_cap = 0;
    for (size_t r = 0; r < in->len && !ev->failed; r++) {
        if (!is_collection(in->hits[r].node))
            continue;
        size_t before = seen.len;
        size_t at = list_add(ev, &seen, in->hits[r].node, NULL, 0, in->hits[r].count);
        if (seen.len == before)
            continue;  /* reached from an earlier input: its count is added */
        oc_grow(&stack, &stack_cap, depth, sizeof *stack);
        stack[depth++] = (struct frame){at, 0};
        while (depth > 0 && !ev->failed) {
            struct frame *top = &stack[depth - 1];
            ynode *u = seen.hits[top->at].node;
            if (top->next == u->count) {
                oc_grow(&postorder, &post_cap, finished, sizeof *postorder);
                postorder[finished++] = top->at;
                depth--;
                continue;
            }
            ynode *child = u->items[top->next++];
            if (!is_collection(child) || list_find(&seen, child))
                continue;
            size_t child_at = list_add(ev, &seen, child, NULL, 0, 0);
            oc_grow(&stack, &stack_cap, depth, sizeof *stack);
            stack[depth++] = (struct frame){child_at, 0};
        }
    }
    /* Reverse postorder is a topological order: every parent's arrivals
       are complete before they flow to its children. */
    for (size_t k = finished; k-- > 0 && !ev->failed;) {
        const jp_hit *u = &seen.hits[postorder[k]];
        spend(ev, u->node->count);
        for (size_t i = 0; i < u->node->count; i++) {
            ynode *item = u->node->items[i];
            jp_hit *child = is_collection(item) ? list_find(&seen, item) : NULL;
            if (child)
                child->count = add_saturating(child->count, u->count);
        }
    }
    for (size_t k = 0; k < seen.len && !ev->failed; k++)
        for (size_t s = 0; s < seg->count; s++)
            select_children(ev, &seg->selectors[s], seen.hits[k].node, seen.hits[k].count, out);
    free(stack);
    free(postorder);
    list_free(&seen);
}

static void eval_query(jp_eval *ev, const jp_query *q, ynode *current, jp_list *out)
{
    jp_list nodes = {0};
    list_add(ev, &nodes, q->relative ? current : ev->root, NULL, 0, 1);
    for (size_t i = 0; i < q->count && nodes.len && !ev->failed; i++) {
        const jp_segment *seg = &q->segments[i];
        jp_list next = {0};
        if (seg->descendant)
            select_descendants(ev, seg, &nodes, &next);
        else
            for (size_t h = 0; h < nodes.len; h++)
                for (size_t s = 0; s < seg->count; s++)
                    select_children(ev, &seg->selectors[s], nodes.hits[h].node, nodes.hits[h].count,
                                    &next);
        list_free(&nodes);
        nodes = next;
    }
    *out = nodes;
}

/* A singular query's node, or NULL (Nothing): no nodelist needed. */
static ynode *select_singular(jp_eval *ev, const jp_query *q, ynode *current)
{
    ynode *n = q->relative ? current : ev->root;
    for (size_t i = 0; i < q->count && n; i++) {
        const jp_selector *sel = &q->segments[i].selectors[0];
        ynode *next = NULL;
        if (sel->kind == JP_NAME && n->kind == YN_MAP) {
            spend(ev, n->count);
            for (size_t k = 0; k < n->count && !next; k++)
                if (n->keys[k]->len == sel->name_len &&
                    memcmp(n->keys[k]->str, sel->name, sel->name_len) == 0)
                    next = n->items[k];
        } else if (sel->kind == JP_INDEX && n->kind == YN_SEQ) {
            int64_t at = sel->index < 0 ? (int64_t)n->count + sel->index : sel->index;
            if (at >= 0 && (uint64_t)at < n->count)
                next = n->items[at];
        }
        n = next;
    }
    return n;
}

/* The nodes q selects: from the cache for absolute queries, else into
 * scratch (which the caller frees). */
static const jp_list *query_nodes(jp_eval *ev, const jp_query *q, ynode *current, jp_list *scratch)
{
    if (q->relative) {
        eval_query(ev, q, current, scratch);
        return scratch;
    }
    for (size_t i = 0; i < ev->cache_count; i++)
        if (ev->cache[i]->query == q)
            return &ev->cache[i]->nodes;
    jp_cached *c = oc_calloc(1, sizeof *c);
    c->query = q;
    eval_query(ev, q, ev->root, &c->nodes);
    oc_grow(&ev->cache, &ev->cache_cap, ev->cache_count, sizeof *ev->cache);
    ev->cache[ev->cache_count++] = c;
    return &c->nodes;
}

/* ---- expressions -------------------------------------------------------- */

static size_t utf8_length(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static jv eval_value(jp_eval *ev, const jp_expr *e, ynode *current)
{
    jv nothing = {.kind = JV_NOTHING};
    if (e->kind == JPE_LITERAL)
        return literal_value(e);
    if (e->kind == JPE_QUERY)
        return node_value(select_singular(ev, e->query, current));
    if (e->kind != JPE_FUNCTION)
        return nothing;
    if (e->function == JPF_LENGTH) {
        jv arg = eval_value(ev, e->operands[0], current);
        jv n = {.kind = JV_NUMBER};
        if (arg.kind == JV_STRING)
            n.number = (double)utf8_length(arg.str, arg.len);
        else if (arg.kind == JV_ARRAY || arg.kind == JV_OBJECT)
            n.number = (double)arg.node->count;
        else
            return nothing;
        return n;
    }
    if (e->function != JPF_COUNT && e->function != JPF_VALUE)
        return nothing;  /* match() and search() are tests: refused here by the parser */
    jp_list scratch = {0};
    const jp_list *nodes = query_nodes(ev, e->operands[0]->query, current, &scratch);
    jv v = nothing;
    if (e->function == JPF_COUNT) {
        uint64_t total = 0;
        for (size_t i = 0; i < nodes->len; i++)
            total = add_saturating(total, nodes->hits[i].count);
        v.kind = JV_NUMBER;
        v.number = (double)total;
    } else if (e->function == JPF_VALUE && nodes->len == 1 && nodes->hits[0].count == 1) {
        v = node_value(nodes->hits[0].node);
    }
    list_free(&scratch);
    return v;
}

static bool eval_match(jp_eval *ev, const jp_expr *e, ynode *current)
{
    jv subject = eval_value(ev, e->operands[0], current);
    jv pattern = eval_value(ev, e->operands[1], current);
    if (subject.kind != JV_STRING || pattern.kind != JV_STRING)
        return false;
    /* regexec stops at a NUL; such a string is not what it would test. */
    if (memchr(subject.str, '\0', subject.len))
        return false;
    spend(ev, subject.len + 1);
    if (e->regex)
        return regexec(e->regex, subject.str, 0, NULL, 0) == 0;
    /* A pattern from the document: RFC 9535 says an invalid one matches nothing. */
    if (!spend(ev, pattern.len))
        return false;
    regex_t re;
    char why[160];
    bool anchored = e->function == JPF_MATCH;
    if (!jp_compile_iregexp(&re, pattern.str, pattern.len, anchored, why, sizeof why))
        return false;
    bool hit = regexec(&re, subject.str, 0, NULL, 0) == 0;
    regfree(&re);
    return hit;
}

static bool eval_logical(jp_eval *ev, const jp_expr *e, ynode *current)
{
    if (!spend(ev, 1))
        return false;
    switch (e->kind) {
    case JPE_OR:
        for (size_t i = 0; i < e->count; i++)
            if (eval_logical(ev, e->operands[i], current))
                return true;
        return false;
    case JPE_AND:
        for (size_t i = 0; i < e->count; i++)
            if (!eval_logical(ev, e->operands[i], current))
                return false;
        return true;
    case JPE_NOT:
        return !eval_logical(ev, e->operands[0], current) && !ev->failed;
    case JPE_COMPARE:
        return compare(ev, e->op, eval_value(ev, e->operands[0], current),
                       eval_value(ev, e->operands[1], current));
    case JPE_QUERY: {
        if (e->query->singular)
            return select_singular(ev, e->query, current) != NULL;
        jp_list scratch = {0};
        bool any = query_nodes(ev, e->query, current, &scratch)->len > 0;
        list_free(&scratch);
        return any;
    }
    case JPE_FUNCTION:
        return eval_match(ev, e, current);
    case JPE_LITERAL:
        break;  /* not a test: refused by the parser */
    }
    return false;
}

int jsonpath_select(const jsonpath *q, ynode *root, jsonpath_result *out, jsonpath_error *err)
{
    memset(out, 0, sizeof *out);
    jp_eval ev = {.root = root};
    jp_list nodes = {0};
    eval_query(&ev, q->query, root, &nodes);
    for (size_t i = 0; i < ev.cache_count; i++) {
        list_free(&ev.cache[i]->nodes);
        free(ev.cache[i]);
    }
    free(ev.cache);
    if (ev.failed) {
        list_free(&nodes);
        err->offset = 0;
        snprintf(err->message, sizeof err->message,
                 "evaluating the query takes more than %lu steps (nodes visited, values compared)",
                 work_limit);
        return -1;
    }
    out->count = nodes.len;
    out->matches = oc_calloc(nodes.len ? nodes.len : 1, sizeof *out->matches);
    for (size_t i = 0; i < nodes.len; i++)
        out->matches[i] =
            (jsonpath_match){nodes.hits[i].node, nodes.hits[i].parent, nodes.hits[i].slot};
    list_free(&nodes);
    return 0;
}

void jsonpath_result_free(jsonpath_result *r)
{
    free(r->matches);
    memset(r, 0, sizeof *r);
}
