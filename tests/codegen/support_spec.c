/* support_spec.c - see support_spec.h. */
#include "support_spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "ynode.h"

front_result run_front_end(const char *path, const char *text, const char *prefix)
{
    ir_build_options defaults = {0};
    return run_front_end_with(path, text, prefix, &defaults);
}

front_result run_front_end_with(const char *path, const char *text, const char *prefix,
                                const ir_build_options *options)
{
    front_result r = {0};
    size_t len = 0;
    FILE *mem = open_memstream(&r.diagnostics, &len);
    diag d;
    diag_init(&d, mem);
    ydoc *doc = text ? ydoc_load_buffer(path, text, strlen(text), &d) : ydoc_load_file(path, &d);
    ir_spec *spec = doc ? ir_build_with(doc, prefix, options, &d) : NULL;
    ydoc_free(doc);
    if (spec && ir_resolve(spec, &d) != 0) {
        ir_spec_free(spec);
        spec = NULL;
    }
    fclose(mem);
    r.spec = spec;
    r.errors = d.errors;
    r.notes = d.notes;
    return r;
}

void front_result_free(front_result *r)
{
    ir_spec_free(r->spec);
    free(r->diagnostics);
    r->spec = NULL;
    r->diagnostics = NULL;
}

const ir_schema *find_schema(const ir_spec *spec, const char *location)
{
    for (size_t i = 0; i < spec->schema_count; i++)
        if (strcmp(spec->schemas[i]->location, location) == 0)
            return spec->schemas[i];
    return NULL;
}

char *read_text_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len < 2) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[len] = '\0';
    return buf;
}
