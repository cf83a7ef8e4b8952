/* validate_corpus.c - the C side of the python-jsonschema reference check.
 *
 * usage: validate_corpus [--assert-formats] SCHEMA FILE.ndjson
 * With --assert-formats, format is asserted (the reference must then assert
 * the same formats); without, it is an annotation (the default).
 * For each line prints one JSON line: {"valid":B,"errors":[[loc,keyword],...]}
 * with the (instanceLocation, keyword) pairs sorted and deduplicated, or
 * {"error":"..."} when the line is not valid JSON. Exit 0 unless usage/I/O. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld_validate.h"
#include "oas_alloc.h"
#include "oas_json.h"

static int pair_cmp(const void *a, const void *b)
{
    const oas_violation *x = a, *y = b;
    int c = strcmp(x->instance_location, y->instance_location);
    return c ? c : strcmp(x->keyword, y->keyword);
}

static void print_result(const char *line, size_t len, oas_validate_fn fn,
                         const oas_validate_options *opts)
{
    oas_json_doc *doc = NULL;
    oas_error err;
    oas_buf out = OAS_BUF_INIT;
    if (oas_json_parse(line, len, NULL, &doc, &err) != OAS_OK) {
        oas_buf_puts(&out, "{\"error\":");
        oas_buf_json_string(&out, err.message, strlen(err.message));
        oas_buf_puts(&out, "}");
    } else {
        oas_report rep;
        oas_report_init(&rep, 0);
        bool ok = oas_validate_run(fn, "", oas_json_doc_root(doc), &rep, opts);
        if (rep.count > 1) /* qsort(NULL, 0, ...) is undefined */
            qsort(rep.items, rep.count, sizeof *rep.items, pair_cmp);
        oas_buf_printf(&out, "{\"valid\":%s,\"status\":%d,\"errors\":[", ok ? "true" : "false",
                       (int)rep.status);
        for (size_t i = 0; i < rep.count; i++) {
            if (i && pair_cmp(&rep.items[i], &rep.items[i - 1]) == 0)
                continue;
            if (out.data[out.len - 1] != '[')
                oas_buf_putc(&out, ',');
            oas_buf_putc(&out, '[');
            oas_buf_json_string(&out, rep.items[i].instance_location,
                                strlen(rep.items[i].instance_location));
            oas_buf_putc(&out, ',');
            oas_buf_json_string(&out, rep.items[i].keyword, strlen(rep.items[i].keyword));
            oas_buf_putc(&out, ']');
        }
        oas_buf_puts(&out, "]}");
        oas_report_free(&rep);
        oas_json_doc_free(doc);
    }
    puts(out.data ? out.data : "{\"error\":\"out of memory\"}");
    oas_buf_free(&out);
}

int main(int argc, char **argv)
{
    oas_validate_options opts = {0};
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "--assert-formats") == 0) {
        opts.assert_formats = true;
        first = 2;
    }
    if (argc - first != 2) {
        fprintf(stderr, "usage: %s [--assert-formats] SCHEMA FILE.ndjson\n", argv[0]);
        return 2;
    }
    const char *schema = argv[first], *path = argv[first + 1];
    const oas_schema_entry *e = oas_registry_find_schema(&ld_registry, schema);
    if (!e) {
        fprintf(stderr, "%s: unknown schema %s\n", argv[0], schema);
        return 2;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        print_result(line, (size_t)n, e->validate, &opts);
    }
    free(line);
    fclose(f);
    return 0;
}
