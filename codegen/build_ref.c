/* build_ref.c - JSON pointer locations and local $ref following. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build_ctx.h"
#include "oc_alloc.h"

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

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

char *ref_to_location(const char *ref)
{
    if (ref[0] != '#')
        return NULL;
    /* The fragment is a URI fragment: undo percent-encoding so that it
       compares equal to the locations we build. */
    size_t len = strlen(ref);
    char *out = oc_malloc(len + 1);
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        int hi, lo;
        if (ref[i] == '%' && i + 2 < len + 0 && (hi = hex_value(ref[i + 1])) >= 0 &&
            (lo = hex_value(ref[i + 2])) >= 0 && (hi || lo)) {
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = ref[i];
        }
    }
    out[o] = '\0';
    return out;
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
        const ynode *next = ynode_at_pointer(b->doc->root, target + 1);
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
