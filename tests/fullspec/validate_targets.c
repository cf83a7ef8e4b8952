/* validate_targets.c - validates instances by schema name or by operation
 * and status through a generated binding's registry, for the reference
 * checks of tests/fullspec/ (any binding: compile with
 * -DOAS_DRIVER_REGISTRY=<prefix>registry).
 *
 * usage: validate_targets FILE
 * Each input line is TARGET <tab> JSON, where TARGET is a component name
 * ("Flag") or "operationId status" ("getFlag 200"). Each output line is
 * {"valid":B,"errors":[[instanceLocation,keyword],...]} with the pairs
 * sorted and deduplicated, or {"error":"..."}. Exit 0 unless usage/I/O.
 * Built with -DOAS_DRIVER_FULL_REPORT, "errors" is the whole report as
 * oas_report_write_json() writes it, in the order found, so two builds of a
 * binding can be compared byte for byte (with "stoppedAt" and
 * "stoppedOffset" when the report has them); the environment variable
 * OAS_DRIVER_MAX_DEPTH then sets the depth limit. Either build asserts
 * `format` when OAS_DRIVER_ASSERT_FORMATS is set to 1 (the reference it is
 * compared with must then assert the same formats); otherwise format is an
 * annotation, the default. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oas_json.h"
#include "oas_registry.h"

#ifndef OAS_DRIVER_REGISTRY
#error "define OAS_DRIVER_REGISTRY as the binding's registry, e.g. lds_registry"
#endif
extern const oas_registry OAS_DRIVER_REGISTRY;

#ifndef OAS_DRIVER_FULL_REPORT
static int pair_cmp(const void *a, const void *b)
{
    const oas_violation *x = a, *y = b;
    int c = strcmp(x->instance_location, y->instance_location);
    return c ? c : strcmp(x->keyword, y->keyword);
}
#endif

/* The validator and root keyword location a target names, or NULL. */
static oas_validate_fn find_target(char *target)
{
    char *space = strchr(target, ' ');
    if (!space) {
        const oas_schema_entry *e = oas_registry_find_schema(&OAS_DRIVER_REGISTRY, target);
        return e ? e->validate : NULL;
    }
    *space = '\0';
    const oas_operation_entry *op = oas_registry_find_operation(&OAS_DRIVER_REGISTRY, target);
    for (size_t i = 0; op && i < op->response_count; i++)
        if (strcmp(op->responses[i].status, space + 1) == 0)
            return op->responses[i].validate;
    return NULL;
}

#ifndef OAS_DRIVER_FULL_REPORT
static void write_errors(oas_buf *out, oas_report *rep)
{
    if (rep->count > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(rep->items, rep->count, sizeof *rep->items, pair_cmp);
    for (size_t i = 0; i < rep->count; i++) {
        if (i && pair_cmp(&rep->items[i], &rep->items[i - 1]) == 0)
            continue;
        if (out->data[out->len - 1] != '[')
            oas_buf_putc(out, ',');
        oas_buf_putc(out, '[');
        oas_buf_json_string(out, rep->items[i].instance_location,
                            strlen(rep->items[i].instance_location));
        oas_buf_putc(out, ',');
        oas_buf_json_string(out, rep->items[i].keyword, strlen(rep->items[i].keyword));
        oas_buf_putc(out, ']');
    }
}
#endif

static bool assert_formats(void)
{
    const char *v = getenv("OAS_DRIVER_ASSERT_FORMATS");
    return v && strcmp(v, "1") == 0;
}

static void validate_line(char *line, size_t len)
{
    oas_buf out = OAS_BUF_INIT;
    char *tab = memchr(line, '\t', len);
    oas_validate_fn fn = NULL;
    if (tab) {
        *tab = '\0';
        fn = find_target(line);
    }
    oas_json_doc *doc = NULL;
    oas_error err;
    if (!fn) {
        oas_buf_puts(&out, "{\"error\":\"unknown target\"}");
    } else if (oas_json_parse(tab + 1, len - (size_t)(tab + 1 - line), NULL, &doc, &err) != OAS_OK) {
        oas_buf_puts(&out, "{\"error\":");
        oas_buf_json_string(&out, err.message, strlen(err.message));
        oas_buf_puts(&out, "}");
    } else {
        oas_report rep;
        oas_report_init(&rep, 0);
#ifdef OAS_DRIVER_FULL_REPORT
        const char *depth = getenv("OAS_DRIVER_MAX_DEPTH");
        oas_validate_options opts = {.max_depth = depth ? (size_t)strtoul(depth, NULL, 10) : 0,
                                     .assert_formats = assert_formats()};
        bool ok = oas_validate_run(fn, "", oas_json_doc_root(doc), &rep, &opts);
        oas_buf_printf(&out, "{\"valid\":%s,\"status\":%d,\"errors\":", ok ? "true" : "false",
                       (int)rep.status);
        oas_report_write_json(&rep, &out);
        if (rep.stopped_at) { /* where validation could not go on */
            oas_buf_puts(&out, ",\"stoppedAt\":");
            oas_buf_json_string(&out, rep.stopped_at, strlen(rep.stopped_at));
            oas_buf_printf(&out, ",\"stoppedOffset\":%zu", rep.stopped_offset);
        }
        oas_buf_puts(&out, "}");
#else
        oas_validate_options opts = {.assert_formats = assert_formats()};
        bool ok = oas_validate_run(fn, "", oas_json_doc_root(doc), &rep, &opts);
        oas_buf_printf(&out, "{\"valid\":%s,\"status\":%d,\"errors\":[", ok ? "true" : "false",
                       (int)rep.status);
        write_errors(&out, &rep);
        oas_buf_puts(&out, "]}");
#endif
        oas_report_free(&rep);
        oas_json_doc_free(doc);
    }
    puts(out.data ? out.data : "{\"error\":\"out of memory\"}");
    oas_buf_free(&out);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        line[n] = '\0';
        validate_line(line, (size_t)n);
    }
    free(line);
    fclose(f);
    oas_v_regex_release_all();
    return 0;
}
