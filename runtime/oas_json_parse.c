/* oas_json_parse.c - the structure of strict JSON: an iterative state
 * machine with an explicit container stack, so nesting costs heap, never C
 * stack, and the depth limit is checked before a container is entered.
 *
 * Nodes are first written to a scratch stack of slots; when a container
 * closes, its children move to the arena as one contiguous array. */
#include "oas_json_parser.h"

#include <stdint.h>
#include <string.h>

#include "oas_alloc.h"

oas_status oas_json_fail(oas_json_parser *p, oas_status code, size_t offset, const char *what)
{
    if (!p->err)
        return code;
    if (offset == OAS_NO_OFFSET)
        return oas_error_set(p->err, code, NULL, offset, "%s", what);
    oas_error where;
    where.offset = offset;
    oas_error_locate(&where, (const char *)p->in, p->len);
    oas_error_set(p->err, code, NULL, offset, "%s at line %lu, column %lu (byte offset %zu)",
                  what, where.line, where.column, offset);
    p->err->line = where.line;
    p->err->column = where.column;
    return code;
}

static oas_status nomem(oas_json_parser *p)
{
    return oas_json_fail(p, OAS_ERR_NOMEM, OAS_NO_OFFSET, "out of memory while parsing JSON");
}

static oas_status push_slot(oas_json_parser *p)
{
    if (p->nslots == p->slots_cap) {
        size_t cap = p->slots_cap ? p->slots_cap * 2 : 64;
        oas_json_member *s = oas_realloc_array(p->slots, cap, sizeof *s);
        if (!s)
            return nomem(p);
        p->slots = s;
        p->slots_cap = cap;
    }
    oas_json_member *m = &p->slots[p->nslots++];
    m->key = NULL;
    m->key_len = 0;
    m->key_offset = 0;
    return OAS_OK;
}

static oas_status push_frame(oas_json_parser *p, uint8_t type)
{
    if (p->depth == p->frames_cap) {
        size_t cap = p->frames_cap ? p->frames_cap * 2 : 32;
        oas_json_frame *f = oas_realloc_array(p->frames, cap, sizeof *f);
        if (!f)
            return nomem(p);
        p->frames = f;
        p->frames_cap = cap;
    }
    p->frames[p->depth].slot = p->nslots - 1;
    p->frames[p->depth].type = type;
    p->depth++;
    return OAS_OK;
}

/* Move the top container's children into the arena and pop it. */
static oas_status close_container(oas_json_parser *p)
{
    oas_json_frame f = p->frames[--p->depth];
    size_t first = f.slot + 1, count = p->nslots - first;
    oas_json *node = &p->slots[f.slot].value;
    if (f.type == OAS_JSON_ARRAY) {
        oas_json *items = NULL;
        if (count) {
            items = oas_arena_alloc(p->arena, count * sizeof *items);
            if (!items)
                return nomem(p);
            for (size_t i = 0; i < count; i++)
                items[i] = p->slots[first + i].value;
        }
        node->u.arr.items = items;
        node->u.arr.count = count;
    } else {
        oas_json_member *members = NULL;
        if (count) {
            members = oas_arena_alloc(p->arena, count * sizeof *members);
            if (!members)
                return nomem(p);
            memcpy(members, p->slots + first, count * sizeof *members);
            bool dup;
            if (oas_json_find_duplicates(&p->dups, members, count, &dup) != OAS_OK)
                return nomem(p);
            if (dup)
                node->flags |= OAS_JSON_F_DUPKEYS;
        }
        node->u.obj.members = members;
        node->u.obj.count = count;
    }
    p->nslots = first;
    return OAS_OK;
}

static void skip_ws(oas_json_parser *p)
{
    const unsigned char *in = p->in;
    size_t i = p->pos, len = p->len;
    if (i < len && in[i] > ' ')
        return; /* compact JSON: usually nothing to skip */
    while (i < len && (in[i] == ' ' || in[i] == '\n' || in[i] == '\r' || in[i] == '\t'))
        i++;
    p->pos = i;
}

static oas_status scan_literal(oas_json_parser *p, oas_json *node, const char *word, uint8_t type)
{
    for (size_t k = 0; word[k]; k++)
        if (p->pos + k >= p->len || p->in[p->pos + k] != (unsigned char)word[k])
            return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, p->pos + k, "invalid literal");
    node->type = type;
    node->flags = 0;
    node->offset = p->pos;
    p->pos += strlen(word);
    return OAS_OK;
}

/* Start a container at p->pos in the current slot. */
static oas_status open_container(oas_json_parser *p, uint8_t type)
{
    if (p->depth >= p->max_depth)
        return oas_json_fail(p, OAS_ERR_JSON_DEPTH, p->pos, "nesting deeper than the limit");
    oas_json *node = &p->slots[p->nslots - 1].value;
    node->type = type;
    node->flags = 0;
    node->offset = p->pos;
    p->pos++;
    return push_frame(p, type);
}

static oas_status scan_scalar(oas_json_parser *p)
{
    oas_json *node = &p->slots[p->nslots - 1].value;
    unsigned char c = p->in[p->pos];
    switch (c) {
    case '"': {
        node->type = OAS_JSON_STRING;
        node->flags = 0;
        node->offset = p->pos;
        return oas_json_scan_string(p, &node->u.str.ptr, &node->u.str.len);
    }
    case 't':
        return scan_literal(p, node, "true", OAS_JSON_TRUE);
    case 'f':
        return scan_literal(p, node, "false", OAS_JSON_FALSE);
    case 'n':
        return scan_literal(p, node, "null", OAS_JSON_NULL);
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return oas_json_scan_number(p, node);
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, p->pos, "unexpected character, expected a value");
    }
}

/* A member's key and ':'; p->pos is where the key's quote should be. */
static oas_status scan_key(oas_json_parser *p)
{
    if (p->pos >= p->len)
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, p->len, "unexpected end of input, expected a key");
    if (p->in[p->pos] != '"')
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, p->pos, "expected a string key");
    oas_status st = push_slot(p);
    if (st != OAS_OK)
        return st;
    oas_json_member *m = &p->slots[p->nslots - 1];
    m->key_offset = p->pos;
    st = oas_json_scan_string(p, &m->key, &m->key_len);
    if (st != OAS_OK)
        return st;
    skip_ws(p);
    if (p->pos >= p->len)
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, p->len, "unexpected end of input, expected ':'");
    if (p->in[p->pos] != ':')
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, p->pos, "expected ':' after key");
    p->pos++;
    return OAS_OK;
}

/* The state machine. Each state either scans a token or moves to another
 * state; the only stack is p->frames. */
static oas_status run(oas_json_parser *p)
{
    oas_status st = push_slot(p); /* the root's slot */
    if (st != OAS_OK)
        return st;
    for (;;) {
        /* State: a value is expected in the top slot. */
        skip_ws(p);
        if (p->pos >= p->len)
            return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, p->len, "unexpected end of input, expected a value");
        unsigned char c = p->in[p->pos];
        if (c == '[' || c == '{') {
            uint8_t type = c == '[' ? OAS_JSON_ARRAY : OAS_JSON_OBJECT;
            if ((st = open_container(p, type)) != OAS_OK)
                return st;
            skip_ws(p);
            if (p->pos < p->len && p->in[p->pos] == (c == '[' ? ']' : '}')) {
                p->pos++;
                if ((st = close_container(p)) != OAS_OK)
                    return st;
            } else {
                st = type == OAS_JSON_ARRAY ? push_slot(p) : scan_key(p);
                if (st != OAS_OK)
                    return st;
                continue; /* the first child */
            }
        } else if ((st = scan_scalar(p)) != OAS_OK) {
            return st;
        }
        /* State: a value just ended; close containers until one continues. */
        for (;;) {
            skip_ws(p);
            if (p->depth == 0) {
                if (p->pos != p->len)
                    return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, p->pos, "unexpected data after the JSON value");
                return OAS_OK;
            }
            bool in_array = p->frames[p->depth - 1].type == OAS_JSON_ARRAY;
            if (p->pos >= p->len)
                return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, p->len, "unexpected end of input");
            c = p->in[p->pos];
            if (c == ',') {
                p->pos++;
                if (in_array) {
                    st = push_slot(p);
                } else {
                    skip_ws(p);
                    st = scan_key(p);
                }
                if (st != OAS_OK)
                    return st;
                break; /* the next child */
            }
            if (c != (in_array ? ']' : '}'))
                return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, p->pos,
                                     in_array ? "expected ',' or ']' in array" : "expected ',' or '}' in object");
            p->pos++;
            if ((st = close_container(p)) != OAS_OK)
                return st;
        }
    }
}

oas_status oas_json_parse(const char *input, size_t len, const oas_json_options *opts,
                          oas_json_doc **out, oas_error *err)
{
    if (out)
        *out = NULL;
    oas_error_clear(err);
    if (!out || (!input && len))
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "oas_json_parse: NULL input or output");
    size_t max_depth = opts && opts->max_depth ? opts->max_depth : OAS_JSON_DEFAULT_MAX_DEPTH;
    if (opts && opts->max_bytes && len > opts->max_bytes)
        return oas_error_set(err, OAS_ERR_JSON_LIMIT, NULL, OAS_NO_OFFSET,
                             "JSON input of %zu bytes exceeds the limit of %zu bytes", len,
                             opts->max_bytes);
    oas_json_parser p = {.in = (const unsigned char *)(input ? input : ""), .len = len,
                         .max_depth = max_depth, .err = err};
    /* The DOM is a few times the input, plus the input's copy; start big
     * enough for most of it. */
    p.arena = oas_arena_new(len < 1024 ? 4096 : (len <= SIZE_MAX / 8 ? len * 3 : len));
    oas_json_doc *doc = p.arena ? oas_arena_alloc(p.arena, sizeof *doc) : NULL;
    p.text = doc && len < SIZE_MAX / 4 ? oas_arena_alloc(p.arena, len + 1) : NULL;
    if (p.text) {
        memcpy(p.text, p.in, len);
        p.text[len] = '\0';
    }
    oas_status st = p.text ? run(&p) : nomem(&p);
    if (st == OAS_OK) {
        doc->root = p.slots[0].value;
        doc->arena = p.arena;
        *out = doc;
    } else {
        oas_arena_free(p.arena);
    }
    oas_free(p.slots);
    oas_free(p.frames);
    oas_free(p.dups.table);
    return st;
}
