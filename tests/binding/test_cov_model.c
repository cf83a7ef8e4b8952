/* test_cov_model.c - the typed-model walkers (runtime/src/oas_model*.c) driven by
 * hand-written oas_type tables, so every layout the generator can emit, and
 * some it never does, is reached with known offsets: each kind's type error
 * with its exact message and pointer, integers out of range, required null
 * and missing members, nullable with and without a flag, \u0000 in strings
 * and map keys, maps with duplicate keys, enums keeping unknown values,
 * raw JSON members, unions by discriminator mapping, by component name and
 * by first success, pointer escaping and truncation, argument checks, and
 * to_json / to_cjson of each kind including the "null" fallbacks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "failing_alloc.h"
#include "oas_alloc.h"
#include "oas_model.h"

/* ---- the C types and their tables ---------------------------------------- */

typedef struct color { int value; char *str; } color;
static const char *const color_values[] = {"red", "green"};
static const oas_type color_type = {.kind = OAS_K_ENUM, .name = "color", .size = sizeof(color),
                                    .entry_value_offset = offsetof(color, str),
                                    .enum_values = color_values, .enum_count = 2};

typedef struct leaf { int64_t n; bool has_n; } leaf;
static const oas_field leaf_fields[] = {
    {"n", 1, &oas_type_int64, offsetof(leaf, n), OAS_NO_FIELD, offsetof(leaf, has_n),
     OAS_NO_FIELD, 0, 0},
};
static const oas_type leaf_type = {.kind = OAS_K_STRUCT, .name = "leaf", .size = sizeof(leaf),
                                   .fields = leaf_fields, .field_count = 1};

typedef struct uni {
    int tag;
    union { leaf *leafp; char *s; double d; } u;
} uni;
static const oas_variant uni_variants[] = {
    {"Leaf", &leaf_type, offsetof(uni, u), true},
    {NULL, &oas_type_string, offsetof(uni, u), false},
    {"Num", &oas_type_double, offsetof(uni, u), false},
};
static const oas_mapping uni_mappings[] = {{"leafy", 0}};
static const oas_type uni_type = {.kind = OAS_K_UNION, .name = "uni", .size = sizeof(uni),
                                  .variants = uni_variants, .variant_count = 3,
                                  .discriminator = "kind", .mappings = uni_mappings,
                                  .mapping_count = 1};
/* the same variants, no discriminator */
static const oas_type plain_uni_type = {.kind = OAS_K_UNION, .name = "plain_uni",
                                        .size = sizeof(uni), .variants = uni_variants,
                                        .variant_count = 3};

typedef struct i64_array { int64_t *items; size_t count; } i64_array;
static const oas_type i64_array_type = {.kind = OAS_K_ARRAY, .name = "i64_array",
                                        .size = sizeof(i64_array), .element = &oas_type_int64};

typedef struct str_entry { char *key; char *value; } str_entry;
typedef struct str_map { str_entry *items; size_t count; } str_map;
static const oas_type str_map_type = {.kind = OAS_K_MAP, .name = "str_map", .size = sizeof(str_map),
                                      .element = &oas_type_string, .entry_size = sizeof(str_entry),
                                      .entry_value_offset = offsetof(str_entry, value)};

typedef struct rec {
    bool b;
    int64_t i; bool has_i;
    double d; bool has_d;
    char *s;
    color e;
    oas_raw_json j;
    int64_t *arr; size_t arr_count; bool has_arr;
    str_entry *m; size_t m_count; bool has_m;
    uni *u;
    leaf lf; bool has_lf;
    leaf *lp;
    char *ns; bool ns_is_null;
    int64_t nn; bool has_nn;
    char *req_s;
} rec;

#define F(name, type, member, count, has, null, flags)                                         \
    {name, sizeof(name) - 1, type, offsetof(rec, member), count, has, null, flags, 0}
static const oas_field rec_fields[] = {
    F("b", &oas_type_bool, b, OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, OAS_FIELD_REQUIRED),
    F("i", &oas_type_int64, i, OAS_NO_FIELD, offsetof(rec, has_i), OAS_NO_FIELD, 0),
    F("d", &oas_type_double, d, OAS_NO_FIELD, offsetof(rec, has_d), OAS_NO_FIELD, 0),
    F("s", &oas_type_string, s, OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, 0),
    F("e", &color_type, e, OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, 0),
    F("j", &oas_type_json, j, OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, 0),
    /* optional arrays and maps carry a has_ flag, as generated code does */
    F("arr", &i64_array_type, arr, offsetof(rec, arr_count), offsetof(rec, has_arr),
      OAS_NO_FIELD, 0),
    F("m", &str_map_type, m, offsetof(rec, m_count), offsetof(rec, has_m), OAS_NO_FIELD, 0),
    F("u", &uni_type, u, OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, OAS_FIELD_POINTER),
    F("lf", &leaf_type, lf, OAS_NO_FIELD, offsetof(rec, has_lf), OAS_NO_FIELD, 0),
    F("lp", &leaf_type, lp, OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD, OAS_FIELD_POINTER),
    F("ns", &oas_type_string, ns, OAS_NO_FIELD, OAS_NO_FIELD, offsetof(rec, ns_is_null),
      OAS_FIELD_NULLABLE),
    /* nullable without a flag to record it: null is accepted and leaves nothing */
    F("nn", &oas_type_int64, nn, OAS_NO_FIELD, offsetof(rec, has_nn), OAS_NO_FIELD,
      OAS_FIELD_NULLABLE),
    F("req_s", &oas_type_string, req_s, OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD,
      OAS_FIELD_REQUIRED),
};
static const oas_type rec_type = {.kind = OAS_K_STRUCT, .name = "rec", .size = sizeof(rec),
                                  .fields = rec_fields,
                                  .field_count = sizeof rec_fields / sizeof rec_fields[0]};

/* A required pointer member: written as null when the pointer is NULL. */
typedef struct holder { leaf *p; } holder;
static const oas_field holder_fields[] = {
    {"p", 1, &leaf_type, offsetof(holder, p), OAS_NO_FIELD, OAS_NO_FIELD, OAS_NO_FIELD,
     OAS_FIELD_REQUIRED | OAS_FIELD_POINTER, 0},
};
static const oas_type holder_type = {.kind = OAS_K_STRUCT, .name = "holder",
                                     .size = sizeof(holder), .fields = holder_fields,
                                     .field_count = 1};

/* ---- helpers -------------------------------------------------------------- */

#define MIN_REC "\"b\":true,\"req_s\":\"r\""

static oas_status parse_rec(const char *text, rec *r, oas_error *err)
{
    return oas_model_parse(&rec_type, text, strlen(text), r, err);
}

/* Parse must fail with this code, pointer and message; the output is left
 * all zero. */
static void expect_fail(const oas_type *t, const char *text, oas_status code, const char *pointer,
                        const char *message)
{
    union { rec r; uni u; str_map m; i64_array a; char bytes[512]; } out;
    memset(&out, 0x5a, sizeof out);
    oas_error err;
    assert_int_equal(oas_model_parse(t, text, strlen(text), &out, &err), code);
    assert_int_equal(err.code, code);
    assert_string_equal(err.pointer, pointer);
    assert_string_equal(err.message, message);
    for (size_t i = 0; i < t->size; i++)
        assert_int_equal(out.bytes[i], 0);
    /* and the same without an error record */
    assert_int_equal(oas_model_parse(t, text, strlen(text), &out, NULL), code);
}

static void expect_json(const oas_type *t, const void *v, const char *want)
{
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(oas_model_to_json(t, v, &b), OAS_OK);
    assert_string_equal(b.data, want);
    oas_buf_free(&b);
}

/* ---- reading: type errors of every kind ------------------------------------ */

static void type_errors_of_every_kind(void **state)
{
    (void)state;
    expect_fail(&rec_type, "{\"b\":1,\"req_s\":\"r\"}", OAS_ERR_TYPE, "/b",
                "expected boolean, got number");
    expect_fail(&rec_type, "{" MIN_REC ",\"i\":\"7\"}", OAS_ERR_TYPE, "/i",
                "expected integer, got string");
    expect_fail(&rec_type, "{" MIN_REC ",\"i\":1.5}", OAS_ERR_TYPE, "/i",
                "expected integer, got 1.5");
    expect_fail(&rec_type, "{" MIN_REC ",\"i\":1e30}", OAS_ERR_RANGE, "/i",
                "integer 1e30 does not fit int64");
    expect_fail(&rec_type, "{" MIN_REC ",\"i\":-9223372036854775809}", OAS_ERR_RANGE, "/i",
                "integer -9223372036854775809 does not fit int64");
    /* number text is quoted up to 64 characters */
    char text[256], msg[256];
    snprintf(text, sizeof text, "{" MIN_REC ",\"i\":0.%070d1}", 0);
    snprintf(msg, sizeof msg, "expected integer, got 0.%062d", 0);
    expect_fail(&rec_type, text, OAS_ERR_TYPE, "/i", msg);
    snprintf(text, sizeof text, "{" MIN_REC ",\"i\":1%070d}", 0);
    snprintf(msg, sizeof msg, "integer 1%063d does not fit int64", 0);
    expect_fail(&rec_type, text, OAS_ERR_RANGE, "/i", msg);
    expect_fail(&rec_type, "{" MIN_REC ",\"d\":true}", OAS_ERR_TYPE, "/d",
                "expected number, got boolean");
    /* valid JSON beyond a double: refused by a double member, not rounded */
    expect_fail(&rec_type, "{" MIN_REC ",\"d\":-1e400}", OAS_ERR_RANGE, "/d",
                "number -1e400 does not fit a double");
    expect_fail(&rec_type, "{" MIN_REC ",\"i\":1e400}", OAS_ERR_RANGE, "/i",
                "integer 1e400 does not fit int64");
    expect_fail(&rec_type, "{" MIN_REC ",\"s\":[]}", OAS_ERR_TYPE, "/s",
                "expected string, got array");
    expect_fail(&rec_type, "{" MIN_REC ",\"e\":5}", OAS_ERR_TYPE, "/e",
                "expected string, got number");
    expect_fail(&rec_type, "{" MIN_REC ",\"lf\":[]}", OAS_ERR_TYPE, "/lf",
                "expected object, got array");
    expect_fail(&rec_type, "{" MIN_REC ",\"lp\":\"x\"}", OAS_ERR_TYPE, "/lp",
                "expected object, got string");
    expect_fail(&rec_type, "{" MIN_REC ",\"arr\":{}}", OAS_ERR_TYPE, "/arr",
                "expected array, got object");
    expect_fail(&rec_type, "{" MIN_REC ",\"arr\":[1,\"2\"]}", OAS_ERR_TYPE, "/arr/1",
                "expected integer, got string");
    expect_fail(&rec_type, "{" MIN_REC ",\"m\":[]}", OAS_ERR_TYPE, "/m",
                "expected object, got array");
    expect_fail(&rec_type, "{" MIN_REC ",\"m\":{\"k\":1}}", OAS_ERR_TYPE, "/m/k",
                "expected string, got number");
    expect_fail(&rec_type, "{" MIN_REC ",\"u\":true}", OAS_ERR_TYPE, "/u",
                "matches no variant of uni (first: expected object, got boolean at \"/u\")");
    expect_fail(&rec_type, "[]", OAS_ERR_TYPE, "", "expected object, got array");
    /* top-level containers */
    expect_fail(&i64_array_type, "{}", OAS_ERR_TYPE, "", "expected array, got object");
    expect_fail(&i64_array_type, "[1,2,null]", OAS_ERR_TYPE, "/2", "expected integer, got null");
    expect_fail(&str_map_type, "\"x\"", OAS_ERR_TYPE, "", "expected object, got string");
    expect_fail(&plain_uni_type, "null", OAS_ERR_TYPE, "",
                "matches no variant of plain_uni (first: expected object, got null at \"\")");
}

static void nulls_missing_and_nul_bytes(void **state)
{
    (void)state;
    expect_fail(&rec_type, "{\"b\":null,\"req_s\":\"r\"}", OAS_ERR_TYPE, "/b",
                "expected boolean, got null");
    expect_fail(&rec_type, "{\"b\":true}", OAS_ERR_MISSING, "/req_s",
                "missing required member \"req_s\"");
    expect_fail(&rec_type, "{" MIN_REC ",\"s\":\"a\\u0000b\"}", OAS_ERR_NUL_IN_STRING, "/s",
                "string contains \\u0000, which a C string cannot hold");
    expect_fail(&rec_type, "{" MIN_REC ",\"e\":\"re\\u0000d\"}", OAS_ERR_NUL_IN_STRING, "/e",
                "string contains \\u0000, which a C string cannot hold");
    expect_fail(&rec_type, "{" MIN_REC ",\"m\":{\"ok\":\"1\",\"k\\u0000\":\"v\"}}",
                OAS_ERR_NUL_IN_STRING, "/m/k\0", /* the pointer is a C string: cut there */
                "string contains \\u0000, which a C string cannot hold");
    /* the missing member's offset is its enclosing object's: line/column */
    oas_error err;
    rec r;
    assert_int_equal(parse_rec("\n  {\"b\":false}", &r, &err), OAS_ERR_MISSING);
    assert_int_equal(err.offset, 3);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    /* null for optional members: absent, flagged, or ignored */
    assert_int_equal(parse_rec("{" MIN_REC ",\"i\":null,\"s\":null,\"lf\":null,\"u\":null,"
                               "\"ns\":null,\"nn\":null,\"j\":null,\"arr\":null,\"m\":null}",
                               &r, &err), OAS_OK);
    assert_false(r.has_i);
    assert_null(r.s);
    assert_false(r.has_lf);
    assert_null(r.u);
    assert_true(r.ns_is_null);
    assert_null(r.ns);
    assert_false(r.has_nn);
    assert_false(r.has_arr);
    assert_int_equal(r.arr_count, 0);
    assert_false(r.has_m);
    assert_int_equal(r.m_count, 0);
    assert_string_equal(r.j.text, "null"); /* raw JSON keeps the null itself */
    assert_int_equal(r.j.len, 4);
    expect_json(&rec_type, &r, "{\"b\":true,\"j\":null,\"ns\":null,\"req_s\":\"r\"}");
    oas_model_free(&rec_type, &r);
}

static void maps_with_duplicate_keys_and_escaped_pointers(void **state)
{
    (void)state;
    str_map m;
    oas_error err;
    const char *text = "{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\",\"cd\":\"4\",\"ab\":\"5\",\"cd\":\"6\"}";
    assert_int_equal(oas_model_parse(&str_map_type, text, strlen(text), &m, &err), OAS_OK);
    assert_int_equal(m.count, 4); /* one entry per key, at its last occurrence */
    const char *keys[] = {"b", "a", "ab", "cd"}, *values[] = {"2", "3", "5", "6"};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(m.items[i].key, keys[i]);
        assert_string_equal(m.items[i].value, values[i]);
    }
    expect_json(&str_map_type, &m, "{\"b\":\"2\",\"a\":\"3\",\"ab\":\"5\",\"cd\":\"6\"}");
    oas_model_free(&str_map_type, &m);
    /* a struct's field likewise takes the last occurrence, whatever the
       earlier ones held (a wrong type included) */
    rec r;
    const char *dup = "{" MIN_REC ",\"i\":\"x\",\"s\":\"first\",\"i\":7,\"s\":\"last\"}";
    assert_int_equal(oas_model_parse(&rec_type, dup, strlen(dup), &r, &err), OAS_OK);
    assert_true(r.has_i);
    assert_int_equal(r.i, 7);
    assert_string_equal(r.s, "last");
    oas_model_free(&rec_type, &r);
    expect_fail(&rec_type, "{" MIN_REC ",\"i\":7,\"i\":\"x\"}", OAS_ERR_TYPE, "/i",
                "expected integer, got string");
    assert_null(m.items);
    assert_int_equal(m.count, 0);
    assert_int_equal(oas_model_parse(&str_map_type, "{}", 2, &m, &err), OAS_OK);
    assert_int_equal(m.count, 0);
    assert_null(m.items);
    expect_json(&str_map_type, &m, "{}");
    /* '~' and '/' in a key are escaped in the pointer */
    expect_fail(&str_map_type, "{\"a/b~c\":1}", OAS_ERR_TYPE, "/a~1b~0c",
                "expected string, got number");
    /* a pointer longer than the error's room is cut, not overflowed */
    char *big = malloc(1200);
    assert_non_null(big);
    int n = snprintf(big, 1200, "{\"");
    memset(big + n, 'k', 1000);
    snprintf(big + n + 1000, 200, "\":true}");
    assert_int_equal(oas_model_parse(&str_map_type, big, strlen(big), &m, &err), OAS_ERR_TYPE);
    assert_int_equal(strlen(err.pointer), OAS_ERROR_POINTER_MAX - 2);
    assert_int_equal(err.pointer[0], '/');
    assert_int_equal(err.pointer[OAS_ERROR_POINTER_MAX - 3], 'k');
    free(big);
    /* a map key with a NUL written by hand: the key is written as "" */
    str_entry e = {NULL, (char *)"v"};
    str_map hand = {&e, 1};
    expect_json(&str_map_type, &hand, "{\"\":\"v\"}");
}

static void enums_keep_unknown_values(void **state)
{
    (void)state;
    rec r;
    oas_error err;
    assert_int_equal(parse_rec("{" MIN_REC ",\"e\":\"blue\"}", &r, &err), OAS_OK);
    assert_int_equal(r.e.value, 0);
    assert_string_equal(r.e.str, "blue");
    expect_json(&rec_type, &r, "{\"b\":true,\"e\":\"blue\",\"req_s\":\"r\"}");
    oas_model_free(&rec_type, &r);
    assert_int_equal(parse_rec("{" MIN_REC ",\"e\":\"green\"}", &r, &err), OAS_OK);
    assert_int_equal(r.e.value, 2);
    oas_model_free(&rec_type, &r);
    /* set from C: a value without text writes its name; nothing is absent */
    rec hand;
    oas_model_init(&rec_type, &hand);
    hand.req_s = (char *)"x";
    hand.e.value = 1;
    expect_json(&rec_type, &hand, "{\"b\":false,\"e\":\"red\",\"req_s\":\"x\"}");
    hand.e.value = 9; /* out of range and no text: null */
    expect_json(&rec_type, &hand, "{\"b\":false,\"e\":null,\"req_s\":\"x\"}");
    hand.e.value = 0;
    expect_json(&rec_type, &hand, "{\"b\":false,\"req_s\":\"x\"}");
    assert_string_equal(oas_enum_name(&color_type, 1), "red");
    assert_string_equal(oas_enum_name(&color_type, 2), "green");
    assert_null(oas_enum_name(&color_type, 0));
    assert_null(oas_enum_name(&color_type, -1));
    assert_null(oas_enum_name(&color_type, 3));
    assert_null(oas_enum_name(&leaf_type, 1));
    assert_null(oas_enum_name(NULL, 1));
    color c = {0, NULL};
    expect_json(&color_type, &c, "null");
}

static void unions_by_mapping_name_and_first_success(void **state)
{
    (void)state;
    uni u;
    oas_error err;
    /* mapping value */
    const char *t1 = "{\"kind\":\"leafy\",\"n\":4}";
    assert_int_equal(oas_model_parse(&uni_type, t1, strlen(t1), &u, &err), OAS_OK);
    assert_int_equal(u.tag, 1);
    assert_int_equal(u.u.leafp->n, 4);
    expect_json(&uni_type, &u, "{\"n\":4}");
    oas_model_free(&uni_type, &u);
    assert_int_equal(u.tag, 0);
    /* a component name picks its variant even when it cannot parse it */
    const char *t2 = "{\"kind\":\"Num\"}";
    assert_int_equal(oas_model_parse(&uni_type, t2, strlen(t2), &u, &err), OAS_ERR_TYPE);
    assert_string_equal(err.message, "expected number, got object");
    assert_int_equal(u.tag, 0);
    /* discriminator not a string, or unknown: first variant that parses */
    const char *t3[] = {"{\"kind\":1,\"n\":2}", "{\"kind\":\"zzz\"}", "{}"};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(oas_model_parse(&uni_type, t3[i], strlen(t3[i]), &u, &err), OAS_OK);
        assert_int_equal(u.tag, 1);
        oas_model_free(&uni_type, &u);
    }
    /* not an object: no discriminator lookup at all */
    assert_int_equal(oas_model_parse(&uni_type, "\"str\"", 5, &u, &err), OAS_OK);
    assert_int_equal(u.tag, 2);
    assert_string_equal(u.u.s, "str");
    expect_json(&uni_type, &u, "\"str\"");
    oas_model_free(&uni_type, &u);
    assert_int_equal(oas_model_parse(&plain_uni_type, "2.5", 3, &u, &err), OAS_OK);
    assert_int_equal(u.tag, 3);
    assert_true(u.u.d == 2.5);
    expect_json(&plain_uni_type, &u, "2.5");
    /* tags outside the variants, and a NULL pointer variant, write null */
    u.tag = 0;
    expect_json(&uni_type, &u, "null");
    u.tag = 4;
    expect_json(&uni_type, &u, "null");
    oas_model_free(&uni_type, &u); /* an unknown tag frees nothing */
    u.tag = -1;
    expect_json(&uni_type, &u, "null");
    u.tag = 1;
    u.u.leafp = NULL;
    expect_json(&uni_type, &u, "null");
}

static void union_out_of_memory_stops_the_search(void **state)
{
    (void)state;
    uni u;
    oas_error err;
    failing_alloc_install();
    /* fail each allocation in turn (the JSON parse's, then the Leaf
     * variant's storage): a refused one ends the search for a variant */
    size_t n;
    oas_status st = OAS_ERR_NOMEM;
    for (n = 1; n < 50 && st != OAS_OK; n++) {
        failing_alloc_fail_at(n, false);
        st = oas_model_parse(&plain_uni_type, "{\"n\":1}", 7, &u, &err);
        failing_alloc_fail_at(0, false);
        if (st != OAS_OK) {
            assert_int_equal(st, OAS_ERR_NOMEM);
            assert_int_equal(err.code, OAS_ERR_NOMEM);
            assert_int_equal(u.tag, 0);
            assert_int_equal(failing_alloc_live(), 0);
            failing_alloc_fail_at(n, false);
            assert_int_equal(oas_model_parse(&plain_uni_type, "{\"n\":1}", 7, &u, NULL),
                             OAS_ERR_NOMEM);
            failing_alloc_fail_at(0, false);
        }
    }
    assert_int_equal(st, OAS_OK);
    assert_true(n > 2);
    assert_int_equal(u.tag, 1);
    oas_model_free(&plain_uni_type, &u);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
}

/* ---- whole records, raw JSON, round trip ---------------------------------- */

static void full_record_round_trip(void **state)
{
    (void)state;
    static const char text[] =
        "{\"b\":false,\"i\":-42,\"d\":0.5,\"s\":\"s\\\"q\",\"e\":\"red\",\"j\":{\"x\": [1, {}]},"
        "\"arr\":[1,2,3],\"m\":{\"k\":\"v\"},\"u\":{\"kind\":\"leafy\"},\"lf\":{\"n\":1},"
        "\"lp\":{},\"ns\":\"here\",\"nn\":7,\"req_s\":\"r\",\"ignored\":[null]}";
    static const char out[] =
        "{\"b\":false,\"i\":-42,\"d\":0.5,\"s\":\"s\\\"q\",\"e\":\"red\",\"j\":{\"x\":[1,{}]},"
        "\"arr\":[1,2,3],\"m\":{\"k\":\"v\"},\"u\":{},\"lf\":{\"n\":1},\"lp\":{},"
        "\"ns\":\"here\",\"nn\":7,\"req_s\":\"r\"}";
    rec r;
    oas_error err;
    assert_int_equal(parse_rec(text, &r, &err), OAS_OK);
    assert_false(r.b);
    assert_true(r.has_i && r.i == -42);
    assert_true(r.has_d && r.d == 0.5);
    assert_string_equal(r.s, "s\"q");
    assert_int_equal(r.e.value, 1);
    assert_string_equal(r.j.text, "{\"x\":[1,{}]}");
    assert_int_equal(r.j.len, 12);
    assert_int_equal(r.arr_count, 3);
    assert_int_equal(r.arr[2], 3);
    assert_int_equal(r.m_count, 1);
    assert_non_null(r.u);
    assert_int_equal(r.u->tag, 1);
    assert_false(r.u->u.leafp->has_n);
    assert_true(r.has_lf);
    assert_non_null(r.lp);
    assert_false(r.ns_is_null);
    assert_true(r.has_nn && r.nn == 7);
    expect_json(&rec_type, &r, out);
    /* and back: the written text parses to the same output */
    rec again;
    assert_int_equal(parse_rec(out, &again, &err), OAS_OK);
    expect_json(&rec_type, &again, out);
    oas_model_free(&rec_type, &again);
    /* to_cjson goes through the strict DOM */
    cJSON *c = oas_model_to_cjson(&rec_type, &r);
    assert_non_null(c);
    char *printed = cJSON_PrintUnformatted(c);
    assert_string_equal(printed, out);
    cJSON_free(printed);
    /* from_cjson reads it back */
    rec from_c;
    assert_int_equal(oas_model_from_cjson(&rec_type, c, &from_c, &err), OAS_OK);
    expect_json(&rec_type, &from_c, out);
    oas_model_free(&rec_type, &from_c);
    cJSON_Delete(c);
    oas_model_free(&rec_type, &r);
    oas_model_free(&rec_type, NULL);
    /* top-level array */
    i64_array a;
    assert_int_equal(oas_model_parse(&i64_array_type, "[9,-9]", 6, &a, &err), OAS_OK);
    expect_json(&i64_array_type, &a, "[9,-9]");
    oas_model_free(&i64_array_type, &a);
    expect_json(&i64_array_type, &a, "[]");
}

static void writing_fallbacks(void **state)
{
    (void)state;
    /* scalars with nothing in them */
    char *no_string = NULL;
    expect_json(&oas_type_string, &no_string, "null");
    oas_raw_json no_raw = {NULL, 0};
    expect_json(&oas_type_json, &no_raw, "null");
    bool t = true;
    expect_json(&oas_type_bool, &t, "true");
    /* a required pointer member with nothing behind it */
    holder h = {NULL};
    expect_json(&holder_type, &h, "{\"p\":null}");
    leaf l = {3, true};
    h.p = &l;
    expect_json(&holder_type, &h, "{\"p\":{\"n\":3}}");
    /* a nullable member flagged null wins over its value */
    rec r;
    oas_model_init(&rec_type, &r);
    r.req_s = (char *)"q";
    r.ns = (char *)"ignored";
    r.ns_is_null = true;
    expect_json(&rec_type, &r, "{\"b\":false,\"ns\":null,\"req_s\":\"q\"}");
    /* a non-finite double fails to_json and to_cjson */
    r.ns_is_null = false;
    r.ns = NULL;
    r.has_d = true;
    r.d = INFINITY;
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(oas_model_to_json(&rec_type, &r, &b), OAS_ERR_INVALID_ARG);
    oas_buf_free(&b);
    assert_null(oas_model_to_cjson(&rec_type, &r));
    /* arguments */
    assert_int_equal(oas_model_to_json(&rec_type, NULL, &b), OAS_ERR_INVALID_ARG);
    assert_int_equal(oas_model_to_json(&rec_type, &r, NULL), OAS_ERR_INVALID_ARG);
    assert_null(oas_model_to_cjson(&rec_type, NULL));
}

static void argument_checks(void **state)
{
    (void)state;
    oas_error err;
    rec r;
    oas_json_doc *doc = NULL;
    assert_int_equal(oas_json_parse("{}", 2, NULL, &doc, NULL), OAS_OK);
    assert_int_equal(oas_model_from_json(&rec_type, oas_json_doc_root(doc), NULL, &err),
                     OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "no output value");
    assert_int_equal(oas_model_from_json(&rec_type, NULL, &r, &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "no JSON value");
    assert_int_equal(oas_model_from_json(&rec_type, NULL, &r, NULL), OAS_ERR_INVALID_ARG);
    /* {} lacks the required members */
    assert_int_equal(oas_model_from_json(&rec_type, oas_json_doc_root(doc), &r, NULL),
                     OAS_ERR_MISSING);
    oas_json_doc_free(doc);
    assert_int_equal(oas_model_parse(&rec_type, NULL, 3, &r, &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "no input");
    assert_int_equal(oas_model_parse(&rec_type, NULL, 0, &r, &err), OAS_ERR_JSON_SYNTAX);
    assert_int_equal(oas_model_parse(&rec_type, "{}", 2, NULL, &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "no output value");
    assert_int_equal(oas_model_parse(&rec_type, "{}", 2, NULL, NULL), OAS_ERR_INVALID_ARG);
    assert_int_equal(oas_model_from_cjson(&rec_type, NULL, &r, &err), OAS_ERR_INVALID_ARG);
    cJSON *c = cJSON_Parse("{\"b\":true,\"req_s\":\"r\"}");
    assert_int_equal(oas_model_from_cjson(&rec_type, c, NULL, &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "no output value");
    cJSON_Delete(c);
    oas_model_init(&rec_type, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(type_errors_of_every_kind),
        cmocka_unit_test(nulls_missing_and_nul_bytes),
        cmocka_unit_test(maps_with_duplicate_keys_and_escaped_pointers),
        cmocka_unit_test(enums_keep_unknown_values),
        cmocka_unit_test(unions_by_mapping_name_and_first_success),
        cmocka_unit_test(union_out_of_memory_stops_the_search),
        cmocka_unit_test(full_record_round_trip),
        cmocka_unit_test(writing_fallbacks),
        cmocka_unit_test(argument_checks),
    };
    return cmocka_run_group_tests_name("cov_model", tests, NULL, NULL);
}
