/* build_ref.c - JSON pointer locations, the places where a schema may
 * live, and local $ref following. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build_ctx.h"
#include "metaschemas.h"
#include "oc_alloc.h"
#include "oas_utf8.h"

char *location_child(const char *location, const char *token)
{
    size_t extra = 0;
    for (const char *p = token; *p; p++)
        extra += (*p == '~' || *p == '/');
    size_t base = strlen(location);
    char *out = oc_malloc(base + 1 + strlen(token) + extra + 1);
    memcpy(out, location, base);
    size_t o = base;
    out[o++] = '/';
    for (const char *p = token; *p; p++) {
        if (*p == '~') {
            out[o++] = '~';
            out[o++] = '0';
        } else if (*p == '/') {
            out[o++] = '~';
            out[o++] = '1';
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
    return out;
}

char *location_index(const char *location, size_t index)
{
    return oc_printf("%s/%zu", location, index);
}

char *ref_to_location(const char *ref)
{
    size_t embedded = metaschema_uri_prefix(ref);
    if (ref[0] != '#' && !(embedded && ref[embedded] == '#'))
        return NULL; /* an embedded document only as build_ids resolved it: "<$id>#..." */
    /* The fragment is a URI fragment: undo percent-encoding so that it
       compares equal to the locations we build. */
    size_t len = strlen(ref);
    char *out = oc_malloc(len + 1);
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        int hi, lo;
        if (ref[i] == '%' && i + 2 < len + 0 && (hi = oas_hex_digit_value((unsigned char)ref[i + 1])) >= 0 &&
            (lo = oas_hex_digit_value((unsigned char)ref[i + 2])) >= 0 && (hi || lo)) {
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = ref[i];
        }
    }
    out[o] = '\0';
    return out;
}

char *location_to_ref(const char *location)
{
    /* Only '%' changes: ref_to_location decodes nothing else. */
    size_t percents = 0;
    for (const char *p = location; *p; p++)
        percents += *p == '%';
    char *out = oc_malloc(strlen(location) + 2 * percents + 1);
    char *o = out;
    for (const char *p = location; *p; p++) {
        *o++ = *p;
        if (*p == '%') {
            *o++ = '2';
            *o++ = '5';
        }
    }
    *o = '\0';
    return out;
}

/* ---- where schemas live ------------------------------------------------------- */

/* One reference token of a location, still RFC 6901 escaped (keywords
   have nothing to escape, so they compare as they are). */
typedef struct pointer_token {
    const char *at;
    size_t len;
} pointer_token;

static bool token_is(pointer_token t, const char *word)
{
    return strlen(word) == t.len && memcmp(t.at, word, t.len) == 0;
}

static bool token_in(pointer_token t, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (token_is(t, words[i]))
            return true;
    return false;
}

static bool token_is_index(pointer_token t)
{
    if (t.len == 0)
        return false;
    for (size_t i = 0; i < t.len; i++)
        if (t.at[i] < '0' || t.at[i] > '9')
            return false;
    return true;
}

/* JSON Schema keywords (2020-12 and the drafts OpenAPI 3.0 follows) whose
   value is one subschema, a list of them, or a map of names to them. */
const char *const build_one_subschema[] = {
    "items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames",
    "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema", NULL,
};
const char *const build_subschema_lists[] = {"allOf", "anyOf", "oneOf", "prefixItems", "items",
                                                    NULL};
const char *const build_subschema_maps[] = {"properties", "patternProperties", "$defs",
                                                   "definitions", "dependentSchemas", NULL};
/* The objects whose `schema` field holds a schema sit in these maps and
   lists: parameters (Parameter), headers (Header), content (Media Type). */
static const char *const schema_field_owners[] = {"parameters", "headers", "content", NULL};
static const char *const document_sections[] = {"paths", "webhooks", "components", NULL};

/* Do tokens[from..count) lead from a schema down to a subschema? */
static bool subschema_path(const pointer_token *t, size_t from, size_t count)
{
    size_t i = from;
    while (i < count) {
        if (i + 1 < count && token_in(t[i], build_subschema_lists) && token_is_index(t[i + 1]))
            i += 2;
        else if (token_in(t[i], build_one_subschema))
            i += 1;
        else if (i + 1 < count && token_in(t[i], build_subschema_maps))
            i += 2;
        else
            return false;
    }
    return true;
}

bool location_holds_schema(const char *location)
{
    /* an embedded meta-schema: its root and subschemas below it */
    size_t embedded = metaschema_uri_prefix(location);
    if (embedded && location[embedded] == '#' && !location[embedded + 1])
        return true;
    const char *pointer = location + embedded;
    if (strncmp(pointer, "#/", 2) != 0)
        return false;
    size_t count = 1;
    for (const char *p = pointer + 2; *p; p++)
        count += *p == '/';
    pointer_token *t = oc_calloc(count, sizeof *t);
    const char *p = pointer + 2;
    for (size_t i = 0; i < count; i++) {
        const char *end = strchr(p, '/');
        t[i].at = p;
        t[i].len = end ? (size_t)(end - p) : strlen(p);
        p += t[i].len + 1;
    }
    bool holds = false;
    if (embedded) {
        holds = subschema_path(t, 0, count);
    } else if (count >= 2 && token_is(t[0], "components") && token_is(t[1], "schemas")) {
        holds = count >= 3 && subschema_path(t, 3, count);
    } else if (token_in(t[0], document_sections)) {
        for (size_t i = 3; i < count && !holds; i++)
            holds = token_is(t[i], "schema") && token_in(t[i - 2], schema_field_owners) &&
                    subschema_path(t, i + 1, count);
    }
    free(t);
    return holds;
}

/* Bounds $ref chains among non-schema objects (a loop would never end). */
#define MAX_REF_HOPS 64

const ynode *build_follow_ref(build_ctx *b, const ynode *n, char **location)
{
    for (int hops = 0; n && n->kind == YN_MAP; hops++) {
        const ynode *ref_node = ynode_get(n, "$ref");
        if (!ref_node)
            return n;
        const char *ref = build_string(b, ref_node, "$ref");
        if (!ref)
            return NULL;
        if (hops == MAX_REF_HOPS) {
            build_error(b, ref_node, "$ref chain longer than %d hops (a cycle?): %s", MAX_REF_HOPS,
                        ref);
            return NULL;
        }
        char *target = ref_to_location(ref);
        if (!target) {
            build_error(b, ref_node, "external $ref not supported: %s", ref);
            return NULL;
        }
        const ynode *next = ynode_at_pointer_indexed(b->pointers, b->doc->root, target + 1);
        if (!next) {
            build_error(b, ref_node, "unresolvable $ref: %s", ref);
            free(target);
            return NULL;
        }
        free(*location);
        *location = target;
        n = next;
    }
    return n;
}
