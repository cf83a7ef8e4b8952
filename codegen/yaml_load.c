/* yaml_load.c - YAML/JSON text -> ynode tree, through libyaml's event API.
 *
 * Positions come from libyaml's 0-based marks (+1). Plain scalars are typed
 * by the YAML 1.2 core schema, quoted ones are strings. An alias becomes a
 * second reference to the anchored node; the expanded size and depth are
 * budgeted so that alias bombs and runaway nesting are refused here, before
 * any later stage walks the tree. */
#include "ynode.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "diag.h"
#include "oc_alloc.h"
#include "sha256.h"
#include "strmap.h"

/* Aliases may add this many nodes beyond the document's own. */
#define YAML_ALIAS_BUDGET 1000000u
/* Nesting deeper than this (aliases expanded) is refused. */
#define YAML_MAX_DEPTH 500u

typedef struct yload {
    ydoc *doc;
    diag *d;
    strmap *anchors;          /* anchor name -> completed ynode */
    ynode **stack;            /* open collections */
    char **stack_anchor;      /* their anchors, registered when they close */
    bool *stack_has_key;      /* maps: a key waits for its value */
    size_t *stack_base;       /* where their children start in `pending` */
    size_t depth, cap;
    /* Children of the open collections, innermost last (maps: key, value,
       key...); a collection gets its exact-size arrays when it closes,
       instead of a realloc per child. */
    ynode **pending;
    size_t pending_count, pending_cap;
    size_t own_nodes;         /* nodes created (aliases not counted) */
    size_t expanded_total;    /* nodes including alias expansions */
    int failed;
} yload;

static ynode *ynode_new(yload *ld, ynode_kind kind, yaml_mark_t mark)
{
    ynode *n = oc_arena_zalloc(&ld->doc->arena, sizeof *n);
    n->kind = kind;
    n->line = (unsigned)mark.line + 1;
    n->col = (unsigned)mark.column + 1;
    n->expanded = 1;
    n->id = ld->own_nodes++;
    return n;
}

static void yload_error(yload *ld, unsigned line, unsigned col, const char *msg, const char *arg)
{
    if (ld->failed)
        return;
    ld->failed = 1;
    diag_error(ld->d, ld->doc->path, line, col, "%s%s", msg, arg ? arg : "");
}

/* ---- YAML 1.2 core schema resolution of plain scalars ------------------ */
static bool all_chars_in(const char *s, const char *set)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!strchr(set, *s))
            return false;
    return true;
}

static bool is_core_float(const char *s)
{
    static const char *const specials[] = {
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
        ".nan", ".NaN", ".NAN",
    };
    /* Every special starts with '.', '+' or '-': most scalars skip the list. */
    for (size_t i = 0; (*s == '.' || *s == '+' || *s == '-') && i < sizeof specials / sizeof *specials;
         i++)
        if (strcmp(s, specials[i]) == 0)
            return true;
    /* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    size_t int_digits = strspn(p, "0123456789");
    p += int_digits;
    size_t frac_digits = 0;
    if (*p == '.') {
        p++;
        frac_digits = strspn(p, "0123456789");
        p += frac_digits;
    }
    if (int_digits == 0 && frac_digits == 0)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        size_t exp_digits = strspn(p, "0123456789");
        if (exp_digits == 0)
            return false;
        p += exp_digits;
    }
    return *p == '\0';
}

static yscalar_type core_scalar_type(const char *s, size_t len)
{
    if (len == 0)
        return YS_NULL;
    /* The first character rules out most of the words before any strcmp. */
    if ((*s == '~' || *s == 'n' || *s == 'N') &&
        (strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
         strcmp(s, "NULL") == 0))
        return YS_NULL;
    if ((*s == 't' || *s == 'T' || *s == 'f' || *s == 'F') &&
        (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0 ||
         strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0))
        return YS_BOOL;
    if (strlen(s) != len)
        return YS_STRING;
    const char *digits = (*s == '-' || *s == '+') ? s + 1 : s;
    if (all_chars_in(digits, "0123456789"))
        return YS_INT;
    if (strncmp(s, "0o", 2) == 0 && all_chars_in(s + 2, "01234567"))
        return YS_INT;
    if (strncmp(s, "0x", 2) == 0 && all_chars_in(s + 2, "0123456789abcdefABCDEF"))
        return YS_INT;
    if (is_core_float(s))
        return YS_FLOAT;
    return YS_STRING;
}

/* ---- tree assembly ----------------------------------------------------- */
static bool keys_equal(const ynode *a, const ynode *b)
{
    return a->kind == YN_SCALAR && b->kind == YN_SCALAR && a->len == b->len &&
           memcmp(a->str, b->str, a->len) == 0;
}

/* Adds child to the innermost open collection (or makes it the root). */
static void attach(yload *ld, ynode *child)
{
    if (ld->depth == 0) {
        if (!ld->doc->root)
            ld->doc->root = child;
        return;
    }
    /* A map collects key, value alternately. */
    if (ld->stack[ld->depth - 1]->kind == YN_MAP) {
        bool *has_key = &ld->stack_has_key[ld->depth - 1];
        if (!*has_key && child->kind != YN_SCALAR) {
            yload_error(ld, child->line, child->col, "mapping keys must be scalars", NULL);
            return;
        }
        *has_key = !*has_key;
    }
    oc_grow(&ld->pending, &ld->pending_cap, ld->pending_count, sizeof *ld->pending);
    ld->pending[ld->pending_count++] = child;
}

/* Moves the children collected for n (from `base` in pending) into n. */
static void take_children(yload *ld, ynode *n, size_t base)
{
    size_t count = ld->pending_count - base;
    ld->pending_count = base;
    if (n->kind == YN_MAP)
        count /= 2;  /* a key without its value (never from libyaml) is dropped */
    n->count = count;
    if (count == 0)
        return;
    ynode **children = ld->pending + base; /* not before: pending may be NULL */
    oc_arena *arena = &ld->doc->arena;
    n->items = oc_arena_calloc(arena, count, sizeof *n->items);
    if (n->kind == YN_SEQ) {
        memcpy(n->items, children, count * sizeof *n->items);
        return;
    }
    n->keys = oc_arena_calloc(arena, count, sizeof *n->keys);
    for (size_t i = 0; i < count; i++) {
        n->keys[i] = children[2 * i];
        n->items[i] = children[2 * i + 1];
    }
}

static bool map_has_duplicate(yload *ld, const ynode *map)
{
    /* Small maps: compare pairs; large ones: a hash set keeps it linear. */
    if (map->count <= 32) {
        for (size_t i = 1; i < map->count; i++)
            for (size_t j = 0; j < i; j++)
                if (keys_equal(map->keys[i], map->keys[j])) {
                    yload_error(ld, map->keys[i]->line, map->keys[i]->col,
                                "duplicate mapping key: ", map->keys[i]->str);
                    return true;
                }
        return false;
    }
    strmap *seen = strmap_new();
    bool dup = false;
    for (size_t i = 0; i < map->count && !dup; i++) {
        const ynode *k = map->keys[i];
        if (!strmap_put(seen, k->str, k->len, NULL)) {
            yload_error(ld, k->line, k->col, "duplicate mapping key: ", k->str);
            dup = true;
        }
    }
    strmap_free(seen);
    return dup;
}

static size_t add_saturating(size_t a, size_t b)
{
    return a > (size_t)-1 - b ? (size_t)-1 : a + b;
}

static void close_collection(yload *ld)
{
    ynode *n = ld->stack[--ld->depth];
    char *anchor = ld->stack_anchor[ld->depth];
    take_children(ld, n, ld->stack_base[ld->depth]);
    size_t expanded = 1;
    unsigned height = 0;
    for (size_t i = 0; i < n->count; i++) {
        expanded = add_saturating(expanded, n->items[i]->expanded);
        if (n->items[i]->height + 1 > height)
            height = n->items[i]->height + 1;
        if (n->kind == YN_MAP)
            expanded = add_saturating(expanded, 1);
    }
    n->expanded = expanded;
    n->height = height;
    if (n->kind == YN_MAP)
        map_has_duplicate(ld, n);
    /* Registered only now, so an alias inside its own anchor is "undefined"
       rather than a cycle. */
    if (anchor)
        strmap_put(ld->anchors, anchor, strlen(anchor), n);
    free(anchor);
    attach(ld, n);
}

static void open_collection(yload *ld, ynode *n, const yaml_char_t *anchor)
{
    if (ld->depth >= YAML_MAX_DEPTH) {
        yload_error(ld, n->line, n->col, "nesting deeper than the limit of 500 levels", NULL);
        return;
    }
    if (ld->depth == ld->cap) {
        ld->cap = ld->cap ? ld->cap * 2 : 32;
        ld->stack = oc_realloc(ld->stack, ld->cap * sizeof *ld->stack);
        ld->stack_anchor = oc_realloc(ld->stack_anchor, ld->cap * sizeof *ld->stack_anchor);
        ld->stack_has_key = oc_realloc(ld->stack_has_key, ld->cap * sizeof *ld->stack_has_key);
        ld->stack_base = oc_realloc(ld->stack_base, ld->cap * sizeof *ld->stack_base);
    }
    ld->stack_base[ld->depth] = ld->pending_count;
    ld->stack_has_key[ld->depth] = false;
    ld->stack[ld->depth] = n;
    ld->stack_anchor[ld->depth] = anchor ? oc_strdup((const char *)anchor) : NULL;
    ld->depth++;
}

static void on_alias(yload *ld, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    unsigned line = (unsigned)ev->start_mark.line + 1, col = (unsigned)ev->start_mark.column + 1;
    ynode *target = strmap_get(ld->anchors, name, strlen(name));
    if (!target) {
        yload_error(ld, line, col, "alias to an undefined or enclosing anchor: *", name);
        return;
    }
    ld->expanded_total = add_saturating(ld->expanded_total, target->expanded);
    if (ld->expanded_total > ld->own_nodes + YAML_ALIAS_BUDGET) {
        yload_error(ld, line, col,
                    "alias expansion exceeds the budget of 1000000 nodes (alias bomb?) at *", name);
        return;
    }
    if (ld->depth + target->height >= YAML_MAX_DEPTH) {
        yload_error(ld, line, col, "nesting deeper than the limit of 500 levels through alias *",
                    name);
        return;
    }
    attach(ld, target);
}

static void on_scalar(yload *ld, const yaml_event_t *ev)
{
    ynode *n = ynode_new(ld, YN_SCALAR, ev->start_mark);
    ld->expanded_total = add_saturating(ld->expanded_total, 1);
    n->len = ev->data.scalar.length;
    n->str = oc_arena_strndup(&ld->doc->arena, (const char *)ev->data.scalar.value, n->len);
    n->stype = ev->data.scalar.plain_implicit && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
                   ? core_scalar_type(n->str, n->len)
                   : YS_STRING;
    const char *anchor = (const char *)ev->data.scalar.anchor;
    if (anchor)
        strmap_put(ld->anchors, anchor, strlen(anchor), n);
    attach(ld, n);
}

/* Handles one event; returns false at the end of the stream. */
static bool on_event(yload *ld, const yaml_event_t *ev)
{
    unsigned line = (unsigned)ev->start_mark.line + 1, col = (unsigned)ev->start_mark.column + 1;
    switch (ev->type) {
    case YAML_STREAM_END_EVENT:
        return false;
    case YAML_DOCUMENT_START_EVENT:
        if (ld->doc->root)
            yload_error(ld, line, col, "more than one YAML document in the file", NULL);
        break;
    case YAML_ALIAS_EVENT:
        on_alias(ld, ev);
        break;
    case YAML_SCALAR_EVENT:
        on_scalar(ld, ev);
        break;
    case YAML_SEQUENCE_START_EVENT:
        ld->expanded_total = add_saturating(ld->expanded_total, 1);
        open_collection(ld, ynode_new(ld, YN_SEQ, ev->start_mark), ev->data.sequence_start.anchor);
        break;
    case YAML_MAPPING_START_EVENT:
        ld->expanded_total = add_saturating(ld->expanded_total, 1);
        open_collection(ld, ynode_new(ld, YN_MAP, ev->start_mark), ev->data.mapping_start.anchor);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        close_collection(ld);
        break;
    default:
        break;
    }
    return true;
}

static void report_parser_error(yload *ld, const yaml_parser_t *p)
{
    if (p->error == YAML_MEMORY_ERROR)
        oc_out_of_memory();  /* not a syntax error: same exit as ours */
    const yaml_mark_t *m = &p->problem_mark;
    char msg[512];
    if (p->context)
        snprintf(msg, sizeof msg, "YAML syntax error: %s %s", p->problem ? p->problem : "error",
                 p->context);
    else
        snprintf(msg, sizeof msg, "YAML syntax error: %s", p->problem ? p->problem : "error");
    yload_error(ld, (unsigned)m->line + 1, (unsigned)m->column + 1, msg, NULL);
}

ydoc *ydoc_load_buffer(const char *path, const char *data, size_t len, diag *d)
{
    ydoc *doc = oc_calloc(1, sizeof *doc);
    doc->path = oc_strdup(path);
    sha256_hex(data, len, doc->sha256);
    yload ld = {.doc = doc, .d = d, .anchors = strmap_new()};

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        oc_out_of_memory();  /* its only failure: libyaml's buffers */
    } else {
        yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
        while (!ld.failed) {
            yaml_event_t ev;
            if (!yaml_parser_parse(&parser, &ev)) {
                report_parser_error(&ld, &parser);
                break;
            }
            bool more = on_event(&ld, &ev);
            yaml_event_delete(&ev);
            if (!more)
                break;
        }
        yaml_parser_delete(&parser);
    }
    if (!ld.failed && !doc->root) {
        diag_error(d, path, 1, 1, "the document is empty");
        ld.failed = 1;
    }
    while (ld.depth > 0)
        free(ld.stack_anchor[--ld.depth]);
    free(ld.stack);
    free(ld.stack_anchor);
    free(ld.stack_has_key);
    free(ld.stack_base);
    free(ld.pending);
    strmap_free(ld.anchors);
    if (ld.failed) {
        ydoc_free(doc);
        return NULL;
    }
    doc->node_count = ld.own_nodes;
    return doc;
}

ydoc *ydoc_load_stream(FILE *f, const char *name, diag *d)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        oc_grow(&buf, &cap, len + 65536, 1);
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        diag_error(d, name, 1, 1, "cannot read: %s", strerror(errno));
        free(buf);
        return NULL;
    }
    ydoc *doc = ydoc_load_buffer(name, buf, len, d);
    free(buf);
    return doc;
}

ydoc *ydoc_load_file(const char *path, diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_error(d, path, 1, 1, "cannot open: %s", strerror(errno));
        return NULL;
    }
    ydoc *doc = ydoc_load_stream(f, path, d);
    fclose(f);
    return doc;
}

void ydoc_free(ydoc *doc)
{
    if (!doc)
        return;
    oc_arena_free(&doc->arena);
    free(doc->path);
    free(doc);
}

ynode *ydoc_new_node(ydoc *doc, ynode_kind kind)
{
    ynode *n = oc_arena_zalloc(&doc->arena, sizeof *n);
    n->kind = kind;
    n->expanded = 1;
    n->id = doc->node_count++;
    return n;
}

ynode *ynode_get(const ynode *map, const char *key)
{
    if (!map || map->kind != YN_MAP)
        return NULL;
    size_t len = strlen(key);
    for (size_t i = 0; i < map->count; i++)
        if (map->keys[i]->len == len && memcmp(map->keys[i]->str, key, len) == 0)
            return map->items[i];
    return NULL;
}

bool ynode_is_scalar(const ynode *n)
{
    return n && n->kind == YN_SCALAR;
}

/* Decodes one RFC 6901 reference token (~1 -> '/', ~0 -> '~'); false if malformed. */
static bool pointer_token(const char *start, size_t len, char *out, size_t *out_len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (start[i] == '~') {
            if (i + 1 >= len || (start[i + 1] != '0' && start[i + 1] != '1'))
                return false;
            out[n++] = start[i + 1] == '0' ? '~' : '/';
            i++;
        } else {
            out[n++] = start[i];
        }
    }
    out[n] = '\0';
    *out_len = n;
    return true;
}

/* Maps with at least this many keys are looked up through an index; below
 * it a scan compares about as many bytes as a hash. */
#define INDEXED_MAP_KEYS 32

static unsigned long key_comparisons;

unsigned long ynode_key_comparisons(void)
{
    return key_comparisons;
}

/* One indexed map: its keys (the first of repeated ones) -> their values,
 * and the count and key array it was made from. */
typedef struct indexed_map {
    size_t count;
    ynode **keys;
    strmap *by_key;
} indexed_map;

struct ynode_index {
    strmap *by_node; /* the map node's address, as bytes -> indexed_map */
    indexed_map **all;
    size_t count, cap;
};

ynode_index *ynode_index_new(void)
{
    ynode_index *x = oc_calloc(1, sizeof *x);
    x->by_node = strmap_new();
    return x;
}

void ynode_index_free(ynode_index *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->count; i++) {
        strmap_free(x->all[i]->by_key);
        free(x->all[i]);
    }
    free(x->all);
    strmap_free(x->by_node);
    free(x);
}

static const indexed_map *index_of(ynode_index *x, const ynode *map)
{
    indexed_map *im = strmap_get(x->by_node, (const char *)&map, sizeof map);
    if (im && im->count == map->count && im->keys == map->keys)
        return im;
    if (!im) {
        oc_grow(&x->all, &x->cap, x->count, sizeof *x->all);
        im = oc_calloc(1, sizeof *im);
        x->all[x->count++] = im;
        strmap_put(x->by_node, (const char *)&map, sizeof map, im);
    } else {
        strmap_free(im->by_key); /* edited since: indexed again */
    }
    im->count = map->count;
    im->keys = map->keys;
    im->by_key = strmap_new_sized(map->count);
    for (size_t i = 0; i < map->count; i++) {
        const ynode *k = map->keys[i];
        uint64_t h = strmap_hash(k->str, k->len);
        if (!strmap_has_hashed(im->by_key, k->str, k->len, h)) /* the first wins, as in a scan */
            strmap_put_hashed(im->by_key, k->str, k->len, h, map->items[i]);
    }
    return im;
}

static ynode *child_by_token(ynode_index *x, ynode *node, const char *tok, size_t len)
{
    if (node->kind == YN_MAP) {
        if (x && node->count >= INDEXED_MAP_KEYS)
            return strmap_get(index_of(x, node)->by_key, tok, len);
        for (size_t i = 0; i < node->count; i++) {
            key_comparisons++;
            if (node->keys[i]->len == len && memcmp(node->keys[i]->str, tok, len) == 0)
                return node->items[i];
        }
        return NULL;
    }
    if (node->kind != YN_SEQ || len == 0 || len > 18 || (len > 1 && tok[0] == '0'))
        return NULL;
    size_t index = 0;
    for (size_t i = 0; i < len; i++) {
        if (tok[i] < '0' || tok[i] > '9')
            return NULL;
        index = index * 10 + (size_t)(tok[i] - '0');
    }
    return index < node->count ? node->items[index] : NULL;
}

ynode *ynode_at_pointer(ynode *root, const char *pointer)
{
    return ynode_at_pointer_indexed(NULL, root, pointer);
}

ynode *ynode_at_pointer_indexed(ynode_index *x, ynode *root, const char *pointer)
{
    if (!root || !pointer)
        return NULL;
    if (*pointer == '\0')
        return root;
    if (*pointer != '/')
        return NULL;
    char *tok = oc_malloc(strlen(pointer) + 1);
    ynode *node = root;
    const char *p = pointer + 1;
    for (;;) {
        const char *end = strchr(p, '/');
        size_t seg = end ? (size_t)(end - p) : strlen(p);
        size_t tok_len;
        node = pointer_token(p, seg, tok, &tok_len) ? child_by_token(x, node, tok, tok_len) : NULL;
        if (!node)
            break;
        if (!end)
            break;
        p = end + 1;
    }
    free(tok);
    return node;
}
