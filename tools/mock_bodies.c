/* mock_bodies.c - see mock_bodies.h. */
#include "mock_bodies.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oas_alloc.h"
#include "oas_json.h"
#include "oas_validate.h"

#define MOCK_BODY_MAX (8u << 20) /* the client's default body cap */

struct mock_bodies {
    oas_registry registry;
    oas_operation_entry *operations; /* copy of base->operations */
    oas_response_entry **responses;  /* per operation: a copy, or NULL (shared) */
    char **texts;                    /* the bodies served */
    size_t text_count;
    bool assert_formats;             /* the files' check asserts `format` */
};

static char *read_file(const char *path, size_t *len, char *why, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, cap, "cannot open %s", path);
        return NULL;
    }
    char *data = oas_malloc(MOCK_BODY_MAX + 1);
    size_t n = data ? fread(data, 1, MOCK_BODY_MAX + 1, f) : 0;
    int failed = ferror(f);
    fclose(f);
    if (!data || failed || n > MOCK_BODY_MAX) {
        snprintf(why, cap, "%s: %s", path,
                 !data ? "out of memory" : failed ? "read error" : "larger than 8 MiB");
        oas_free(data);
        return NULL;
    }
    data[n] = '\0';
    *len = n;
    return data;
}

/* The served text: the file's bytes, checked to be JSON the schema accepts. */
static char *load_body(const char *path, const oas_response_entry *r, bool assert_formats,
                       char *why, size_t cap)
{
    size_t len = 0;
    char *text = read_file(path, &len, why, cap);
    if (!text)
        return NULL;
    oas_json_doc *doc = NULL;
    oas_error err;
    if (oas_json_parse(text, len, NULL, &doc, &err) != OAS_OK) {
        snprintf(why, cap, "%s:%lu:%lu: %s", path, err.line, err.column, err.message);
        oas_free(text);
        return NULL;
    }
    bool valid = true;
    if (r->validate) {
        oas_report report;
        oas_report_init(&report, 1);
        oas_validate_options opts = {.assert_formats = assert_formats};
        valid = oas_validate_run(r->validate, "", oas_json_doc_root(doc), &report, &opts);
        if (!valid && report.count)
            snprintf(why, cap, "%s does not match the %s response's schema: %s %s", path,
                     r->status, report.items[0].instance_location, report.items[0].message);
        else if (!valid)
            snprintf(why, cap, "%s: validation could not finish", path);
        oas_report_free(&report);
    }
    oas_json_doc_free(doc);
    if (!valid) {
        oas_free(text);
        return NULL;
    }
    return text;
}

static const oas_response_entry *pick_response(const oas_operation_entry *op, int status)
{
    if (status)
        return oas_operation_find_response(op, status);
    for (size_t i = 0; i < op->response_count; i++)
        if (op->responses[i].status[0] == '2')
            return &op->responses[i];
    return NULL;
}

/* Point the copy of op's response r at text. */
static int override(mock_bodies *b, size_t op_index, const oas_response_entry *r, char *text)
{
    const oas_operation_entry *op = &b->registry.operations[op_index];
    size_t which = (size_t)(r - op->responses); /* before op->responses moves */
    if (!b->responses[op_index]) {
        oas_response_entry *copy = oas_realloc_array(NULL, op->response_count, sizeof *copy);
        if (!copy)
            return -1;
        memcpy(copy, op->responses, op->response_count * sizeof *copy);
        b->responses[op_index] = copy;
        b->operations[op_index].responses = copy;
    }
    b->responses[op_index][which].example = text;
    return 0;
}

static int apply_one(mock_bodies *b, const char *spec, char *why, size_t cap)
{
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec || !eq[1]) {
        snprintf(why, cap, "--response wants OPERATION[:STATUS]=FILE, got '%s'", spec);
        return -1;
    }
    char name[256];
    size_t name_len = (size_t)(eq - spec);
    if (name_len >= sizeof name) {
        snprintf(why, cap, "--response: operation name too long");
        return -1;
    }
    memcpy(name, spec, name_len);
    name[name_len] = '\0';
    int status = 0;
    char *colon = strchr(name, ':');
    if (colon) {
        *colon = '\0';
        char *end;
        long n = strtol(colon + 1, &end, 10);
        if (*end || n < 100 || n > 599) {
            snprintf(why, cap, "--response: '%s' is not an HTTP status", colon + 1);
            return -1;
        }
        status = (int)n;
    }
    const oas_operation_entry *op = oas_registry_find_operation(&b->registry, name);
    if (!op) {
        snprintf(why, cap, "--response: no operation '%s' in the spec", name);
        return -1;
    }
    const oas_response_entry *r = pick_response(op, status);
    if (!r || !r->content_type) {
        snprintf(why, cap, "--response: %s declares no %s response with a body", name,
                 status ? colon + 1 : "2xx");
        return -1;
    }
    char *text = load_body(eq + 1, r, b->assert_formats, why, cap);
    if (!text)
        return -1;
    b->texts[b->text_count++] = text;
    if (override(b, (size_t)(op - b->registry.operations), r, text) != 0) {
        snprintf(why, cap, "out of memory");
        return -1;
    }
    return 0;
}

mock_bodies *mock_bodies_apply(const oas_registry *base, char *const *overrides, size_t count,
                               bool assert_formats, char *why, size_t why_cap)
{
    mock_bodies *b = oas_calloc(1, sizeof *b);
    if (!b) {
        snprintf(why, why_cap, "out of memory");
        return NULL;
    }
    b->registry = *base;
    b->assert_formats = assert_formats;
    size_t ops = base->operation_count;
    b->operations = oas_realloc_array(NULL, ops ? ops : 1, sizeof *b->operations);
    b->responses = oas_calloc(ops ? ops : 1, sizeof *b->responses);
    b->texts = oas_calloc(count ? count : 1, sizeof *b->texts);
    if (!b->operations || !b->responses || !b->texts) {
        snprintf(why, why_cap, "out of memory");
        mock_bodies_free(b);
        return NULL;
    }
    if (ops)
        memcpy(b->operations, base->operations, ops * sizeof *b->operations);
    b->registry.operations = b->operations;
    for (size_t i = 0; i < count; i++) {
        if (apply_one(b, overrides[i], why, why_cap) != 0) {
            mock_bodies_free(b);
            return NULL;
        }
    }
    return b;
}

const oas_registry *mock_bodies_registry(const mock_bodies *b)
{
    return &b->registry;
}

void mock_bodies_free(mock_bodies *b)
{
    if (!b)
        return;
    for (size_t i = 0; b->responses && i < b->registry.operation_count; i++)
        oas_free(b->responses[i]);
    for (size_t i = 0; i < b->text_count; i++)
        oas_free(b->texts[i]);
    oas_free(b->responses);
    oas_free(b->texts);
    oas_free(b->operations);
    oas_free(b);
}
