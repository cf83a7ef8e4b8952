/* path_order.c - LaunchDarkly's registry matches paths through its
 * generated path_order (operations by method and segment count) exactly
 * as a scan of every operation does: for each of its 348 templates made a
 * concrete path, and that path with the method in lower case, another
 * method, a segment more or less and a trailing slash. Also checks that
 * path_order is a permutation in its documented order. Exit status 1 on
 * the first difference, naming it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld_validate.h"
#include "oas_registry.h"

static int failures;

static size_t segments(const char *t)
{
    size_t n = 1;
    for (; *t; t++)
        n += *t == '/';
    return n;
}

/* The template with each "{name}" replaced by "v1". */
static void concrete(const char *tpl, char *out, size_t cap)
{
    size_t o = 0;
    for (const char *p = tpl; *p && o + 3 < cap; p++) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (close) {
            memcpy(out + o, "v1", 2);
            o += 2;
            p = close;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
}

static void same(const oas_registry *scan, const char *method, const char *path)
{
    const oas_operation_entry *indexed = oas_registry_match_path(&ld_registry, method, path);
    const oas_operation_entry *scanned = oas_registry_match_path(scan, method, path);
    if (indexed != scanned) {
        fprintf(stderr, "FAIL %s %s: path_order gives %s, a scan %s\n", method, path,
                indexed ? indexed->operation_id : "nothing",
                scanned ? scanned->operation_id : "nothing");
        failures++;
    }
}

int main(void)
{
    const oas_registry *reg = &ld_registry;
    if (!reg->path_order || reg->operation_count < 300) {
        fprintf(stderr, "FAIL: no path_order, or not LaunchDarkly's registry\n");
        return 1;
    }
    /* a permutation, in (method, segments, index) order */
    char *seen = calloc(reg->operation_count, 1);
    for (size_t i = 0; i < reg->operation_count; i++) {
        uint32_t k = reg->path_order[i];
        if (k >= reg->operation_count || seen[k]++) {
            fprintf(stderr, "FAIL: path_order[%zu] = %u repeats or is out of range\n", i, k);
            return 1;
        }
        if (i == 0)
            continue;
        const oas_operation_entry *a = &reg->operations[reg->path_order[i - 1]],
                                  *b = &reg->operations[k];
        int c = strcmp(a->method, b->method);
        size_t sa = segments(a->path), sb = segments(b->path);
        if (c > 0 || (c == 0 && (sa > sb || (sa == sb && reg->path_order[i - 1] > k)))) {
            fprintf(stderr, "FAIL: path_order out of order at %zu (%s %s, %s %s)\n", i,
                    a->method, a->path, b->method, b->path);
            return 1;
        }
    }
    free(seen);

    oas_registry scan = *reg;
    scan.path_order = NULL;
    static const char *const methods[] = {"GET", "get", "Post", "PUT", "PATCH", "DELETE",
                                          "HEAD", "OPTIONS", "PURGE"};
    char path[2048], longer[2100], shorter[2048];
    size_t checks = 0;
    for (size_t i = 0; i < reg->operation_count; i++) {
        concrete(reg->operations[i].path, path, sizeof path);
        snprintf(longer, sizeof longer, "%s/extra", path);
        snprintf(shorter, sizeof shorter, "%s", path);
        char *slash = strrchr(shorter, '/');
        if (slash && slash != shorter)
            *slash = '\0';
        for (size_t m = 0; m < sizeof methods / sizeof *methods; m++) {
            same(&scan, methods[m], path);
            same(&scan, methods[m], longer);
            same(&scan, methods[m], shorter);
            snprintf(longer, sizeof longer, "%s/", path);
            same(&scan, methods[m], longer);
            snprintf(longer, sizeof longer, "%s/extra", path);
            checks += 4;
        }
        if (!oas_registry_match_path(reg, reg->operations[i].method, path)) {
            fprintf(stderr, "FAIL %s %s: its own template does not match\n",
                    reg->operations[i].method, path);
            failures++;
        }
    }
    if (failures)
        return 1;
    printf("ok: %zu operations, %zu paths matched the same through path_order\n",
           reg->operation_count, checks);
    return 0;
}
