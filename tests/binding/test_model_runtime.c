/* test_model_runtime.c - the typed-model runtime (oas_model.h) through
 * hand-written tables shaped like the ones oas2c emits: a recursive score
 * with a required nested struct, an optional int, a string array, and a map
 * of structs. Exact values, exact error codes/pointers/offsets, and an
 * allocation-failure loop with zero leaks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "oas_model.h"
#include "oas_alloc.h"
#include "failing_alloc.h"

typedef struct range { int64_t min, max; } range;
typedef struct score score;
struct score {
    int64_t value;
    char **tags; size_t tags_count; bool has_tags;
    int64_t diff; bool has_diff;
    range range;
    score *last;
};
typedef struct link { char *href; } link;
typedef struct link_entry { char *key; link value; } link_entry;
typedef struct doc { score s; link_entry *links; size_t links_count; bool has_links; } doc;

static const oas_type desc_range, desc_score, desc_tags, desc_link, desc_links, desc_doc;
static const oas_field range_fields[] = {
    {"min", 3, &oas_type_int64, offsetof(range, min), OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, OAS_FIELD_REQUIRED, 0},
    {"max", 3, &oas_type_int64, offsetof(range, max), OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, OAS_FIELD_REQUIRED, 0},
};
static const oas_type desc_range = {.kind = OAS_K_STRUCT, .name = "range", .size = sizeof(range), .fields = range_fields, .field_count = 2};
static const oas_type desc_tags = {.kind = OAS_K_ARRAY, .name = "tags", .size = sizeof(struct { char **i; size_t c; }), .element = &oas_type_string};
static const oas_field score_fields[] = {
    {"score", 5, &oas_type_int64, offsetof(score, value), OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, OAS_FIELD_REQUIRED, 0},
    {"tags", 4, &desc_tags, offsetof(score, tags), offsetof(score, tags_count), offsetof(score, has_tags), OAS_NO_FIELD, 0, 0},
    {"diff", 4, &oas_type_int64, offsetof(score, diff), OAS_NO_FIELD, offsetof(score, has_diff), OAS_NO_FIELD, 0, 0},
    {"range", 5, &desc_range, offsetof(score, range), OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, OAS_FIELD_REQUIRED, 0},
    {"last", 4, &desc_score, offsetof(score, last), OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, OAS_FIELD_POINTER, 0},
};
static const oas_type desc_score = {.kind = OAS_K_STRUCT, .name = "score", .size = sizeof(score), .fields = score_fields, .field_count = 5};
static const oas_field link_fields[] = {
    {"href", 4, &oas_type_string, offsetof(link, href), OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, 0, 0},
};
static const oas_type desc_link = {.kind = OAS_K_STRUCT, .name = "link", .size = sizeof(link), .fields = link_fields, .field_count = 1};
static const oas_type desc_links = {.kind = OAS_K_MAP, .name = "links", .size = sizeof(struct { link_entry *i; size_t c; }), .element = &desc_link,
                                    .entry_size = sizeof(link_entry), .entry_value_offset = offsetof(link_entry, value)};
static const oas_field doc_fields[] = {
    {"s", 1, &desc_score, offsetof(doc, s), OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, OAS_FIELD_REQUIRED, 0},
    {"_links", 6, &desc_links, offsetof(doc, links), offsetof(doc, links_count), offsetof(doc, has_links), OAS_NO_FIELD, 0, 0},
};
static const oas_type desc_doc = {.kind = OAS_K_STRUCT, .name = "doc", .size = sizeof(doc), .fields = doc_fields, .field_count = 2};

static const char full[] =
    "{\"s\":{\"score\":1717200000000,\"tags\":[\"a\",\"b\"],\"range\":{\"min\":0,\"max\":1e2},"
    "\"extra\":[1,{}],\"last\":{\"score\":3000000000,\"diff\":-1,\"range\":{\"min\":1.0,\"max\":2},"
    "\"last\":{\"score\":0,\"range\":{\"min\":0,\"max\":0},\"last\":null}}},"
    "\"_links\":{\"self\":{\"href\":\"/x\"},\"parent\":{\"href\":\"/y\"}}}";

static void parses_exact_values(void **state)
{
    (void)state;
    doc d;
    oas_error err;
    assert_int_equal(oas_model_parse(&desc_doc, full, strlen(full), &d, &err), OAS_OK);
    assert_int_equal(d.s.value, 1717200000000LL);
    assert_int_equal(d.s.tags_count, 2);
    assert_true(d.s.has_tags);
    assert_string_equal(d.s.tags[1], "b");
    assert_false(d.s.has_diff);
    assert_int_equal(d.s.range.min, 0);
    assert_int_equal(d.s.range.max, 100);
    assert_non_null(d.s.last);
    assert_int_equal(d.s.last->value, 3000000000LL);
    assert_true(d.s.last->has_diff);
    assert_int_equal(d.s.last->diff, -1);
    assert_int_equal(d.s.last->range.min, 1);
    assert_non_null(d.s.last->last);
    assert_null(d.s.last->last->last); /* "last": null -> absent */
    assert_int_equal(d.links_count, 2);
    assert_string_equal(d.links[0].key, "self");
    assert_string_equal(d.links[1].value.href, "/y");
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(oas_model_to_json(&desc_doc, &d, &b), OAS_OK);
    assert_string_equal(b.data,
        "{\"s\":{\"score\":1717200000000,\"tags\":[\"a\",\"b\"],\"range\":{\"min\":0,\"max\":100},"
        "\"last\":{\"score\":3000000000,\"diff\":-1,\"range\":{\"min\":1,\"max\":2},"
        "\"last\":{\"score\":0,\"range\":{\"min\":0,\"max\":0}}}},"
        "\"_links\":{\"self\":{\"href\":\"/x\"},\"parent\":{\"href\":\"/y\"}}}");
    doc again;
    assert_int_equal(oas_model_parse(&desc_doc, b.data, b.len, &again, &err), OAS_OK);
    oas_buf b2 = OAS_BUF_INIT;
    assert_int_equal(oas_model_to_json(&desc_doc, &again, &b2), OAS_OK);
    assert_string_equal(b.data, b2.data);
    oas_buf_free(&b);
    oas_buf_free(&b2);
    oas_model_free(&desc_doc, &again);
    oas_model_free(&desc_doc, &d);
    assert_null(d.links);
    oas_model_free(&desc_doc, NULL);
}

static void expect_error(const char *json, oas_status code, const char *pointer, size_t offset)
{
    doc d;
    oas_error err;
    assert_int_equal(oas_model_parse(&desc_doc, json, strlen(json), &d, &err), code);
    assert_int_equal(err.code, code);
    assert_string_equal(err.pointer, pointer);
    assert_int_equal(err.offset, offset);
    assert_null(d.links);
    assert_null(d.s.last);
    assert_null(d.s.tags);
}

static void reports_exact_errors(void **state)
{
    (void)state;
    expect_error("[]", OAS_ERR_TYPE, "", 0);
    expect_error("{\"s\":{\"score\":\"1\",\"range\":{\"min\":0,\"max\":0}}}", OAS_ERR_TYPE, "/s/score", 14);
    expect_error("{\"s\":{\"score\":1.5,\"range\":{\"min\":0,\"max\":0}}}", OAS_ERR_TYPE, "/s/score", 14);
    expect_error("{\"s\":{\"score\":9223372036854775808,\"range\":{\"min\":0,\"max\":0}}}", OAS_ERR_RANGE, "/s/score", 14);
    expect_error("{\"s\":{\"score\":1,\"range\":{\"max\":0}}}", OAS_ERR_MISSING, "/s/range/min", 24);
    expect_error("{\"s\":{\"score\":1,\"range\":{\"min\":0,\"max\":0},\"tags\":[\"a\",\"b\\u0000\"]}}",
                 OAS_ERR_NUL_IN_STRING, "/s/tags/1", 54);
    expect_error("{\"s\":{\"score\":1,\"range\":{\"min\":0,\"max\":0},\"last\":{\"score\":1,\"range\":{\"min\":0,\"max\":true}}}}",
                 OAS_ERR_TYPE, "/s/last/range/max", 83);
    expect_error("{\"s\":{\"score\":1,\"range\":{\"min\":0,\"max\":0}},\"_links\":{\"a/b\":{\"href\":7}}}",
                 OAS_ERR_TYPE, "/_links/a~1b/href", 67);
    expect_error("{\"s\":null}", OAS_ERR_TYPE, "/s", 5);
}

static void allocation_failures_leak_nothing(void **state)
{
    (void)state;
    failing_alloc_install();
    size_t failures_seen = 0;
    for (size_t n = 1; n < 200; n++) {
        failing_alloc_fail_at(n, false);
        doc d;
        oas_error err;
        oas_status st = oas_model_parse(&desc_doc, full, strlen(full), &d, &err);
        oas_buf b = OAS_BUF_INIT;
        if (st == OAS_OK)
            st = oas_model_to_json(&desc_doc, &d, &b);
        oas_buf_free(&b);
        oas_model_free(&desc_doc, &d);
        if (st != OAS_OK) {
            assert_int_equal(st, OAS_ERR_NOMEM);
            failures_seen++;
        }
        assert_int_equal(failing_alloc_live(), 0);
        if (failing_alloc_failures() == 0)
            break; /* n passed the last allocation */
    }
    failing_alloc_uninstall();
    assert_true(failures_seen > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_exact_values),
        cmocka_unit_test(reports_exact_errors),
        cmocka_unit_test(allocation_failures_leak_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
