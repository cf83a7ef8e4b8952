/* overlay_edit.c - tree edits for overlay actions (see overlay_edit.h). */
#include "overlay_edit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oc_alloc.h"
#include "overlay.h"
#include "strmap.h"

void edit_init(tree_edit *ed, ydoc *doc, const ydoc *source, diag *d)
{
    memset(ed, 0, sizeof *ed);
    ed->doc = doc;
    ed->source = source;
    ed->d = d;
    size_t n = source->node_count ? source->node_count : 1;
    ed->copies = oc_calloc(n, sizeof *ed->copies);
    ed->copy_round = oc_calloc(n, sizeof *ed->copy_round);
    ed->depth_bound = UINT64_MAX;
}

void edit_free(tree_edit *ed)
{
    free(ed->order);
    free(ed->refs);
    free(ed->copies);
    free(ed->copy_round);
    memset(ed, 0, sizeof *ed);
}

static const char *file_of(const tree_edit *ed, const ynode *n)
{
    return n->file ? n->file : ed->doc->path;
}

static const char *kind_name(const ynode *n)
{
    return n->kind == YN_MAP ? "mapping" : n->kind == YN_SEQ ? "sequence" : "scalar";
}

/* refs[] covers every id the document has handed out. */
static void refs_fit(tree_edit *ed)
{
    size_t need = ed->doc->node_count;
    if (need <= ed->refs_cap)
        return;
    size_t cap = ed->refs_cap ? ed->refs_cap : 64;
    while (cap < need)
        cap *= 2;
    ed->refs = oc_realloc(ed->refs, cap * sizeof *ed->refs);
    memset(ed->refs + ed->refs_cap, 0, (cap - ed->refs_cap) * sizeof *ed->refs);
    ed->refs_cap = cap;
}

static unsigned long node_budget = OVERLAY_MAX_NEW_NODES;

void overlay_set_node_budget(unsigned long nodes)
{
    node_budget = nodes ? nodes : OVERLAY_MAX_NEW_NODES;
}

/* Counts one more node; false (after an error at file:at) past the budget. */
static bool budget(tree_edit *ed, const char *file, const ynode *at)
{
    if (ed->failed)
        return false;
    if (++ed->created <= node_budget)
        return true;
    ed->failed = true;
    diag_error(ed->d, file, at->line, at->col,
               "applying the overlay adds more than %lu nodes to the spec (aliased or repeated "
               "content copied for every place)",
               node_budget);
    return false;
}

static ynode *new_node_like(tree_edit *ed, const ynode *like)
{
    ynode *n = ydoc_new_node(ed->doc, like->kind);
    n->line = like->line;
    n->col = like->col;
    n->file = like->file;
    n->stype = like->stype;
    refs_fit(ed);
    return n;
}

/* ---- the live tree ------------------------------------------------------ */

/* Walks the live tree, unless no edit has changed it since the last walk:
 * ed->order, every node reachable from the root once, children before
 * parents; ed->refs, recounted from it; ed->depth_bound, the exact depth;
 * ed->tree. */
static void survey(tree_edit *ed)
{
    if (ed->surveyed)
        return;
    ydoc *doc = ed->doc;
    size_t known = doc->node_count ? doc->node_count : 1;
    unsigned char *seen = oc_calloc(known, 1);
    size_t *height = oc_calloc(known, sizeof *height);
    refs_fit(ed);
    memset(ed->refs, 0, ed->refs_cap * sizeof *ed->refs);
    free(ed->order);
    ed->order = oc_malloc(known * sizeof *ed->order); /* each node at most once */
    struct frame {
        ynode *node;
        size_t next;
    } *stack = NULL;
    size_t depth = 0, stack_cap = 0, n = 0;
    oc_grow(&stack, &stack_cap, 0, sizeof *stack);
    stack[depth++] = (struct frame){doc->root, 0};
    seen[doc->root->id] = 1;
    ed->tree = true;
    while (depth > 0) {
        struct frame *top = &stack[depth - 1];
        ynode *u = top->node;
        if (top->next < u->count) {
            ynode *child = u->items[top->next++];
            if (++ed->refs[child->id] > 1)
                ed->tree = false;
            if (!seen[child->id]) {
                seen[child->id] = 1;
                if (depth == stack_cap)
                    oc_grow(&stack, &stack_cap, depth, sizeof *stack);
                stack[depth++] = (struct frame){child, 0};
            }
            continue;
        }
        for (size_t i = 0; i < u->count; i++)
            if (height[u->items[i]->id] + 1 > height[u->id])
                height[u->id] = height[u->items[i]->id] + 1;
        ed->order[n++] = u;
        depth--;
    }
    ed->order_count = n;
    ed->depth_bound = height[doc->root->id];
    ed->surveyed = true;
    free(stack);
    free(height);
    free(seen);
}

static uint64_t add_saturating(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* Returns, by id, each node's number of places in the alias-expanded
 * tree (saturating), after survey(). */
static uint64_t *count_places(tree_edit *ed)
{
    survey(ed);
    ynode **order = ed->order;
    uint64_t *places = oc_calloc(ed->doc->node_count, sizeof *places);
    places[ed->doc->root->id] = 1;
    for (size_t k = ed->order_count; k-- > 0;)
        for (size_t i = 0; i < order[k]->count; i++) {
            uint64_t *p = &places[order[k]->items[i]->id];
            *p = add_saturating(*p, places[order[k]->id]);
        }
    return places;
}

bool edit_analyse(tree_edit *ed, const jsonpath_result *sel)
{
    if (ed->tree && !ed->surveyed) {
        /* Every live node has one place, and one reference, as a walk
           would recount: refs[] only overcounts (a node moved out of an
           update's copy keeps the copy's reference; a replaced node its
           own), never below one for a live node. */
        for (size_t i = 0; i < ed->refs_cap; i++)
            if (ed->refs[i] > 1)
                ed->refs[i] = 1;
        return false;
    }
    uint64_t *places = count_places(ed);
    bool shared = false;
    for (size_t i = 0; i < sel->count && !shared; i++)
        shared = places[sel->matches[i].node->id] > 1;
    free(places);
    return shared;
}

/* A copy of n that owns its child arrays; the copy takes over one of n's
 * references. */
static ynode *shallow_copy(tree_edit *ed, ynode *n)
{
    ynode *c = new_node_like(ed, n);
    c->str = n->str;  /* scalars are never changed in place */
    c->len = n->len;
    c->count = n->count;
    if (n->count) {
        c->items = oc_arena_calloc(&ed->doc->arena, n->count, sizeof *c->items);
        memcpy(c->items, n->items, n->count * sizeof *c->items);
        if (n->keys) {
            c->keys = oc_arena_calloc(&ed->doc->arena, n->count, sizeof *c->keys);
            memcpy(c->keys, n->keys, n->count * sizeof *c->keys);
        }
    }
    for (size_t i = 0; i < c->count; i++)
        ed->refs[c->items[i]->id]++;
    ed->refs[n->id]--;
    ed->refs[c->id] = 1;
    return c;
}

void edit_unshare(tree_edit *ed, const jsonpath_result *sel, const ynode *target)
{
    size_t known = ed->doc->node_count;
    uint64_t *places = count_places(ed);
    ynode **order = ed->order;
    size_t count = ed->order_count;
    ed->surveyed = false; /* copies follow */
    /* The nodes on some path to a shared selected node: exactly the nodes
       whose places must become distinct. */
    unsigned char *needed = oc_calloc(known, 1), *claimed = oc_calloc(known, 1);
    for (size_t i = 0; i < sel->count; i++)
        if (places[sel->matches[i].node->id] > 1)
            needed[sel->matches[i].node->id] = 1;
    for (size_t k = 0; k < count; k++)
        for (size_t i = 0; i < order[k]->count && !needed[order[k]->id]; i++)
            needed[order[k]->id] = needed[order[k]->items[i]->id];
    /* Top down: the first reference to a needed node keeps it, every other
       one gets a copy (whose children are judged the same way). */
    ynode **stack = NULL;
    size_t depth = 0, stack_cap = 0;
    oc_grow(&stack, &stack_cap, 0, sizeof *stack);
    stack[depth++] = ed->doc->root;
    claimed[ed->doc->root->id] = 1;
    while (depth > 0 && !ed->failed) {
        ynode *u = stack[--depth];
        for (size_t i = 0; i < u->count && !ed->failed; i++) {
            ynode *child = u->items[i];
            if (child->id >= known || !needed[child->id])
                continue;
            if (claimed[child->id]) {
                if (!budget(ed, ed->source->path, target))
                    break;
                child = u->items[i] = shallow_copy(ed, child);
            } else {
                claimed[child->id] = 1;
            }
            oc_grow(&stack, &stack_cap, depth, sizeof *stack);
            stack[depth++] = child;
        }
    }
    free(stack);
    free(needed);
    free(claimed);
    free(places);
}

bool edit_too_deep(tree_edit *ed, size_t limit)
{
    if (ed->depth_bound <= limit)
        return false;
    survey(ed);
    return ed->depth_bound > limit;
}

/* ---- update ------------------------------------------------------------- */

/* The overlay's node v in the spec's arena, for the current round (target):
 * within it each overlay node is copied once, so aliases inside the update
 * stay aliases. */
static ynode *copy_from_overlay(tree_edit *ed, const ynode *v)
{
    if (ed->copy_round[v->id] == ed->round) {
        ed->tree = false; /* the copy goes in a second place */
        return ed->copies[v->id];
    }
    if (!budget(ed, ed->source->path, v))
        return NULL;
    ynode *n = new_node_like(ed, v);
    n->file = ed->source->path;
    if (v->kind == YN_SCALAR) {
        n->str = oc_arena_strndup(&ed->doc->arena, v->str, v->len);
        n->len = v->len;
    }
    if (v->count) {
        n->items = oc_arena_calloc(&ed->doc->arena, v->count, sizeof *n->items);
        if (v->kind == YN_MAP)
            n->keys = oc_arena_calloc(&ed->doc->arena, v->count, sizeof *n->keys);
    }
    for (size_t i = 0; i < v->count; i++) {
        ynode *item = copy_from_overlay(ed, v->items[i]);
        ynode *key = v->kind == YN_MAP ? copy_from_overlay(ed, v->keys[i]) : NULL;
        if (!item || (v->kind == YN_MAP && !key))
            return NULL;
        n->items[i] = item;
        if (key)
            n->keys[i] = key;
        ed->refs[item->id]++;
    }
    n->count = v->count;
    ed->copies[v->id] = n;
    ed->copy_round[v->id] = ed->round;
    return n;
}

/* parent->items[slot], copied first when something else refers to it too. */
static ynode *own_child(tree_edit *ed, ynode *parent, size_t slot)
{
    ynode *child = parent->items[slot];
    if (ed->refs[child->id] <= 1)
        return child;
    if (!budget(ed, file_of(ed, child), child))
        return NULL;
    return parent->items[slot] = shallow_copy(ed, child);
}

static void append_items(tree_edit *ed, ynode *seq, ynode *const *items, size_t n)
{
    if (n == 0)
        return;
    ynode **grown = oc_arena_calloc(&ed->doc->arena, seq->count + n, sizeof *grown);
    if (seq->count)
        memcpy(grown, seq->items, seq->count * sizeof *grown);
    memcpy(grown + seq->count, items, n * sizeof *grown);
    for (size_t i = 0; i < n; i++)
        ed->refs[items[i]->id]++;
    seq->items = grown;
    seq->count += n;
}

static size_t find_key(const ynode *map, const strmap *index, const ynode *key)
{
    if (index) {
        void *at = strmap_get(index, key->str, key->len);
        return at ? (size_t)(uintptr_t)at - 1 : SIZE_MAX;
    }
    for (size_t j = 0; j < map->count; j++)
        if (map->keys[j]->len == key->len && memcmp(map->keys[j]->str, key->str, key->len) == 0)
            return j;
    return SIZE_MAX;
}

/* Merges the mapping update into the (owned) mapping map: members only in
 * update are appended in update's order; in both, mappings merge,
 * sequences concatenate, scalars replace. */
static void merge_map(tree_edit *ed, ynode *map, const ynode *update)
{
    strmap *index = NULL;
    if (map->count > 16 && update->count > 1) {
        index = strmap_new();
        for (size_t j = 0; j < map->count; j++)
            strmap_put(index, map->keys[j]->str, map->keys[j]->len, (void *)(uintptr_t)(j + 1));
    }
    size_t *fresh = NULL, fresh_count = 0, fresh_cap = 0;
    for (size_t i = 0; i < update->count && !ed->failed; i++) {
        ynode *value = update->items[i];
        size_t j = find_key(map, index, update->keys[i]);
        if (j == SIZE_MAX) {
            oc_grow(&fresh, &fresh_cap, fresh_count, sizeof *fresh);
            fresh[fresh_count++] = i;
            continue;
        }
        ynode *old = map->items[j];
        if (old->kind == YN_MAP && value->kind == YN_MAP) {
            ynode *owned = own_child(ed, map, j);
            if (owned)
                merge_map(ed, owned, value);
        } else if (old->kind == YN_SEQ && value->kind == YN_SEQ) {
            ynode *owned = own_child(ed, map, j);
            if (owned)
                append_items(ed, owned, value->items, value->count);
        } else if (old->kind == YN_SCALAR && value->kind == YN_SCALAR) {
            map->items[j] = value;
            ed->refs[value->id]++;
        } else {
            ed->failed = true;
            diag_error(ed->d, file_of(ed, value), value->line, value->col,
                       "update member \"%s\" is a %s, but the spec has a %s there (%s:%u:%u)",
                       update->keys[i]->str, kind_name(value), kind_name(old), file_of(ed, old),
                       old->line, old->col);
        }
    }
    if (!ed->failed && fresh_count) {
        size_t total = map->count + fresh_count;
        ynode **keys = oc_arena_calloc(&ed->doc->arena, total, sizeof *keys);
        ynode **items = oc_arena_calloc(&ed->doc->arena, total, sizeof *items);
        if (map->count) {
            memcpy(keys, map->keys, map->count * sizeof *keys);
            memcpy(items, map->items, map->count * sizeof *items);
        }
        for (size_t k = 0; k < fresh_count; k++) {
            keys[map->count + k] = update->keys[fresh[k]];
            items[map->count + k] = update->items[fresh[k]];
            ed->refs[items[map->count + k]->id]++;
        }
        map->keys = keys;
        map->items = items;
        map->count = total;
    }
    free(fresh);
    strmap_free(index);
}

void edit_update(tree_edit *ed, const jsonpath_result *sel, const ynode *target,
                 const ynode *update)
{
    ed->surveyed = false;
    /* Below a selected node (at most the old depth) a merge hangs the
       value, or its members and items, each with their own children: no
       deeper than the value's height plus one. */
    ed->depth_bound = add_saturating(ed->depth_bound, 1 + (uint64_t)update->height);
    for (size_t i = 0; i < sel->count && !ed->failed; i++) {
        ynode *node = sel->matches[i].node;
        ed->round++;
        ynode *value = copy_from_overlay(ed, update);
        if (!value)
            break;
        if (node->kind == YN_SEQ) {
            /* A sequence is concatenated, anything else appended. */
            if (value->kind == YN_SEQ)
                append_items(ed, node, value->items, value->count);
            else
                append_items(ed, node, &value, 1);
        } else if (node->kind == YN_MAP && value->kind == YN_MAP) {
            merge_map(ed, node, value);
        } else if (node->kind == YN_MAP) {
            ed->failed = true;
            diag_error(ed->d, ed->source->path, update->line, update->col,
                       "update is a %s, but the target selects a mapping (%s:%u:%u), which only a "
                       "mapping can update",
                       kind_name(update), file_of(ed, node), node->line, node->col);
        } else {
            ed->failed = true;
            diag_error(ed->d, ed->source->path, target->line, target->col,
                       "the target selects a scalar (%s:%u:%u); Overlay 1.0 updates mappings and "
                       "sequences: target the mapping that holds it",
                       file_of(ed, node), node->line, node->col);
        }
    }
}

/* ---- remove ------------------------------------------------------------- */

void edit_remove(tree_edit *ed, const jsonpath_result *sel, const ynode *target)
{
    ed->surveyed = false;
    for (size_t i = 0; i < sel->count; i++)
        if (!sel->matches[i].parent) {
            ed->failed = true;
            diag_error(ed->d, ed->source->path, target->line, target->col,
                       "the target selects the document's root, which cannot be removed");
            return;
        }
    /* Each selected node has one place (edit_unshare): drop the slots that
       hold one, once per parent. */
    unsigned char *doomed = oc_calloc(ed->doc->node_count, 1);
    unsigned char *compacted = oc_calloc(ed->doc->node_count, 1);
    for (size_t i = 0; i < sel->count; i++)
        doomed[sel->matches[i].node->id] = 1;
    for (size_t i = 0; i < sel->count; i++) {
        ynode *parent = sel->matches[i].parent;
        if (compacted[parent->id])
            continue;
        compacted[parent->id] = 1;
        size_t kept = 0;
        for (size_t k = 0; k < parent->count; k++) {
            if (doomed[parent->items[k]->id]) {
                ed->refs[parent->items[k]->id]--;
                continue;
            }
            parent->items[kept] = parent->items[k];
            if (parent->keys)
                parent->keys[kept] = parent->keys[k];
            kept++;
        }
        parent->count = kept;
    }
    free(doomed);
    free(compacted);
}
