/* model_roundtrip.c - parses instances into a generated binding's typed
 * model and writes them back, for tests/fullspec/model_roundtrip.py: does
 * _parse -> _to_json give the same JSON (same members in any order, same
 * values, null kept, number text kept)? Any binding: compile with
 * -DOAS_DRIVER_REGISTRY=<prefix>registry -DOAS_DRIVER_MODEL=<prefix>model_types
 * -DOAS_DRIVER_MODEL_COUNT=<prefix>model_type_count.
 *
 * usage: model_roundtrip FILE
 * Each input line is TARGET <tab> JSON, TARGET a component name ("Flag") or
 * "operationId status" (a response whose schema is a component). Each output
 * line is one word, then for the last three a tab and details:
 *   same       the instance came back equal, every number with its text
 *   renumbered equal values, but some number's text changed (1.0 -> 1):
 *              "<target>\t<out>"
 *   invalid    the instance is not valid against its schema (not counted)
 *   untyped    no component schema behind the target (not counted)
 *   lossy      it came back different: "<target>\t<out>"
 *   refused    the typed parse failed: "<target>\t<pointer>: <message>"
 * Exit 0 unless usage/I/O. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oas_json.h"
#include "oas_model.h"
#include "oas_registry.h"

#if !defined(OAS_DRIVER_REGISTRY) || !defined(OAS_DRIVER_MODEL) || !defined(OAS_DRIVER_MODEL_COUNT)
#error "define OAS_DRIVER_REGISTRY, OAS_DRIVER_MODEL, OAS_DRIVER_MODEL_COUNT (ld_model_type_count)"
#endif
extern const oas_registry OAS_DRIVER_REGISTRY;
extern const oas_model_entry OAS_DRIVER_MODEL[];
extern const size_t OAS_DRIVER_MODEL_COUNT;

typedef struct target {
    const char *schema_name;   /* component behind the target, or NULL */
    oas_validate_fn validate;
} target;

static target find_target(char *name)
{
    target t = {NULL, NULL};
    char *space = strchr(name, ' ');
    if (!space) {
        const oas_schema_entry *e = oas_registry_find_schema(&OAS_DRIVER_REGISTRY, name);
        if (e) {
            t.schema_name = e->name;
            t.validate = e->validate;
        }
        return t;
    }
    *space = '\0';
    const oas_operation_entry *op = oas_registry_find_operation(&OAS_DRIVER_REGISTRY, name);
    for (size_t i = 0; op && i < op->response_count; i++)
        if (strcmp(op->responses[i].status, space + 1) == 0) {
            t.schema_name = op->responses[i].schema_name;
            t.validate = op->responses[i].validate;
        }
    *space = ' ';
    return t;
}

/* oas_json_equal, but numbers must keep their text ("1.0" stays "1.0"). */
static bool same_text(const oas_json *a, const oas_json *b)
{
    if (a->type != b->type)
        return false;
    switch (a->type) {
    case OAS_JSON_NUMBER: {
        /* each number as oas_json_write writes it: its text, as read */
        oas_buf x = OAS_BUF_INIT, y = OAS_BUF_INIT;
        oas_json_write(a, &x);
        oas_json_write(b, &y);
        bool same = x.data && y.data && x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
        oas_buf_free(&x);
        oas_buf_free(&y);
        return same;
    }
    case OAS_JSON_ARRAY:
        if (a->u.arr.count != b->u.arr.count)
            return false;
        for (size_t i = 0; i < a->u.arr.count; i++)
            if (!same_text(&a->u.arr.items[i], &b->u.arr.items[i]))
                return false;
        return true;
    case OAS_JSON_OBJECT:
        for (size_t i = 0; i < a->u.obj.count; i++) {
            const oas_json_member *m = &a->u.obj.members[i];
            const oas_json *other = oas_json_get(b, m->key, m->key_len);
            if (!other || !same_text(oas_json_get(a, m->key, m->key_len), other))
                return false;
        }
        for (size_t i = 0; i < b->u.obj.count; i++)  /* and nothing added */
            if (!oas_json_get(a, b->u.obj.members[i].key, b->u.obj.members[i].key_len))
                return false;
        return true;
    default:
        return oas_json_equal(a, b);
    }
}

static void roundtrip_line(char *line, size_t len)
{
    char *tab = memchr(line, '\t', len);
    if (!tab) {
        puts("untyped");
        return;
    }
    *tab = '\0';
    const char *json = tab + 1;
    size_t json_len = len - (size_t)(json - line);
    target t = find_target(line);
    const oas_type *type =
        t.schema_name ? oas_model_find(OAS_DRIVER_MODEL, OAS_DRIVER_MODEL_COUNT, t.schema_name)
                      : NULL;
    oas_json_doc *doc = NULL;
    if (!type || !t.validate || oas_json_parse(json, json_len, NULL, &doc, NULL) != OAS_OK) {
        puts("untyped");
        return;
    }
    oas_report rep;
    oas_report_init(&rep, 0);
    bool valid = oas_validate_run(t.validate, "", oas_json_doc_root(doc), &rep, NULL);
    oas_report_free(&rep);
    if (!valid) {
        puts("invalid");
        oas_json_doc_free(doc);
        return;
    }
    void *value = calloc(1, type->size);
    oas_error err;
    oas_buf out = OAS_BUF_INIT;
    if (!value) {
        puts("refused\tout of memory");
    } else if (oas_model_from_json(type, oas_json_doc_root(doc), value, &err) != OAS_OK) {
        printf("refused\t%s\t%s: %s\n", line, err.pointer, err.message);
    } else if (oas_model_to_json(type, value, &out) != OAS_OK) {
        printf("refused\t%s\tto_json failed\n", line);
    } else {
        oas_json_doc *back = NULL;
        bool parsed = oas_json_parse(out.data, out.len, NULL, &back, NULL) == OAS_OK;
        if (parsed && same_text(oas_json_doc_root(doc), oas_json_doc_root(back)))
            puts("same");
        else if (parsed && oas_json_equal(oas_json_doc_root(doc), oas_json_doc_root(back)))
            printf("renumbered\t%s\t%s\n", line, out.data);
        else
            printf("lossy\t%s\t%s\n", line, out.data);
        oas_json_doc_free(back);
    }
    if (value)
        oas_model_free(type, value);
    free(value);
    oas_buf_free(&out);
    oas_json_doc_free(doc);
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
        roundtrip_line(line, (size_t)n);
    }
    free(line);
    fclose(f);
    oas_v_regex_release_all();
    return 0;
}
