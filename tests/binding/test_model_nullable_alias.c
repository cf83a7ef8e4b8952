/* test_model_nullable_alias.c - null where a schema says "X or null" and X
 * itself refuses null: OpenAPI 3.1's `anyOf`/`oneOf: [{$ref: X}, {type:
 * "null"}]` (tests/data/model/lossless.yaml, prefix ll_) and 3.0's
 * `type: object, nullable: true, allOf: [{$ref: X}]` (lossless30.yaml,
 * prefix l3_), as a whole document, a member, an item and a map value; a
 * union with a "null" branch among others (that branch is no variant: it
 * could never be chosen); and array items whose object schema accepts
 * null, typed as the struct with is_null. Exact JSON in, exact JSON out,
 * exact values, allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "model_round_trip.h"
#include "ll_model.h"
#include "l3_model.h"
#include "oas_alloc.h"
#include "failing_alloc.h"

static void a_nullable_alias_document_may_be_null(void **state)
{
    (void)state;
    ll_maybe_point a;
    ll_point_or_null b;
    l3_maybe_point c;
    oas_error err;
    assert_int_equal(ll_maybe_point_parse("null", 4, &a, &err), OAS_OK);
    assert_true(a.is_null && a.x == 0 && !a.additional_members.text);
    assert_int_equal(ll_point_or_null_parse("null", 4, &b, &err), OAS_OK);
    assert_true(b.is_null);
    assert_int_equal(l3_maybe_point_parse("null", 4, &c, &err), OAS_OK);
    assert_true(c.is_null);
    ll_maybe_point_free(&a);
    ll_point_or_null_free(&b);
    l3_maybe_point_free(&c);
    SAME_BACK(ll_maybe_point, "null");
    SAME_BACK(ll_point_or_null, "null");
    SAME_BACK(l3_maybe_point, "null");

    /* the alias is the target's C type: a value is read as the target */
    assert_int_equal(ll_maybe_point_parse("{\"x\":7}", 7, &a, &err), OAS_OK);
    assert_true(!a.is_null && a.x == 7);
    ll_maybe_point_free(&a);
    SAME_BACK(ll_maybe_point, "{\"x\":7,\"y\":1}");
    SAME_BACK(ll_point_or_null, "{\"x\":-1}");
    SAME_BACK(l3_maybe_point, "{\"x\":0}");
}

static void the_target_of_a_nullable_alias_still_refuses_null(void **state)
{
    (void)state;
    ll_point p;
    l3_point q;
    oas_error err;
    assert_int_equal(ll_point_parse("null", 4, &p, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "");
    assert_string_equal(err.message, "expected object, got null");
    assert_int_equal(l3_point_parse("null", 4, &q, &err), OAS_ERR_TYPE);
    assert_string_equal(err.message, "expected object, got null");
    /* and the alias refuses what the target refuses */
    ll_maybe_point a;
    assert_int_equal(ll_maybe_point_parse("\"x\"", 3, &a, &err), OAS_ERR_TYPE);
    assert_string_equal(err.message, "expected object, got string");
    assert_int_equal(ll_maybe_point_parse("{}", 2, &a, &err), OAS_ERR_MISSING);
    assert_string_equal(err.pointer, "/x");
}

static void the_alias_has_its_own_table_by_name(void **state)
{
    (void)state;
    assert_ptr_equal(oas_model_find(ll_model_types, ll_model_type_count, "MaybePoint"),
                     &ll_maybe_point_desc);
    assert_ptr_equal(oas_model_find(ll_model_types, ll_model_type_count, "PointOrNull"),
                     &ll_point_or_null_desc);
    assert_ptr_equal(oas_model_find(l3_model_types, l3_model_type_count, "MaybePoint"),
                     &l3_maybe_point_desc);
    assert_ptr_equal(oas_model_find(ll_model_types, ll_model_type_count, "Point"), &ll_point_desc);
    assert_int_equal(ll_maybe_point_desc.null_offset, offsetof(ll_point, is_null));
    assert_int_equal(ll_point_desc.null_offset, 0);
    assert_int_equal(ll_maybe_point_desc.size, sizeof(ll_point));
}

static void null_members_of_a_nullable_alias_stay_null(void **state)
{
    (void)state;
    static const char in[] = "{\"start\":null,\"end\":null,\"note\":null}";
    ll_route r;
    oas_error err;
    assert_int_equal(ll_route_parse(in, strlen(in), &r, &err), OAS_OK);
    assert_true(r.start_is_null && !r.start.is_null && r.start.x == 0);
    assert_true(r.end_is_null && r.end == NULL);
    assert_true(r.note_is_null && r.note == NULL);
    ll_route_free(&r);
    SAME_BACK(ll_route, in);

    static const char values[] = "{\"start\":{\"x\":1},\"end\":{\"x\":2},\"note\":\"n\"}";
    assert_int_equal(ll_route_parse(values, strlen(values), &r, &err), OAS_OK);
    assert_true(!r.start_is_null && r.start.x == 1);
    assert_true(!r.end_is_null && r.end && r.end->x == 2);
    assert_string_equal(r.note, "n");
    ll_route_free(&r);
    SAME_BACK(ll_route, values);

    /* absent stays absent: not null */
    static const char absent[] = "{\"start\":{\"x\":1}}";
    assert_int_equal(ll_route_parse(absent, strlen(absent), &r, &err), OAS_OK);
    assert_true(!r.end_is_null && !r.end && !r.note_is_null && !r.note);
    ll_route_free(&r);

    /* a described allOf of a type that accepts null accepts null too */
    static const char described[] = "{\"start\":{\"x\":1},\"described\":null}";
    assert_int_equal(ll_route_parse(described, strlen(described), &r, &err), OAS_OK);
    assert_true(r.described_is_null && !r.described);
    ll_route_free(&r);
    SAME_BACK(ll_route, described);
    SAME_BACK(ll_route, "{\"start\":{\"x\":1},\"described\":{\"a\":2}}");

    SAME_BACK(l3_route, "{\"start\":null,\"end\":null}");
    SAME_BACK(l3_route, "{\"start\":{\"x\":1},\"end\":{\"x\":2}}");
}

static void null_items_and_values_of_a_nullable_alias_stay_null(void **state)
{
    (void)state;
    static const char in[] = "{\"start\":{\"x\":1},\"stops\":[null,{\"x\":2}],"
                             "\"saved\":[{\"x\":3},null],\"byName\":{\"a\":null,\"b\":{\"x\":4}}}";
    ll_route r;
    oas_error err;
    assert_int_equal(ll_route_parse(in, strlen(in), &r, &err), OAS_OK);
    assert_int_equal(r.stops_count, 2);
    assert_true(r.stops[0].is_null && r.stops[0].x == 0);
    assert_true(!r.stops[1].is_null && r.stops[1].x == 2);
    assert_int_equal(r.saved_count, 2);
    assert_true(!r.saved[0].is_null && r.saved[0].x == 3);
    assert_true(r.saved[1].is_null);
    assert_int_equal(r.by_name_count, 2);
    assert_true(r.by_name[0].value_is_null && !r.by_name[0].value.is_null);
    assert_true(!r.by_name[1].value_is_null && r.by_name[1].value.x == 4);
    ll_route_free(&r);
    SAME_BACK(ll_route, in);

    l3_route q;
    assert_int_equal(l3_route_parse(in, strlen(in), &q, &err), OAS_OK);
    assert_true(q.stops[0].is_null && q.stops[1].x == 2 && q.saved[1].is_null);
    assert_true(q.by_name[0].value_is_null);
    l3_route_free(&q);
    SAME_BACK(l3_route, in);
}

static void an_item_the_target_refuses_is_an_error_where_it_is(void **state)
{
    (void)state;
    static const char in[] = "{\"start\":null,\"stops\":[null,\"x\"]}";
    ll_route r;
    oas_error err;
    assert_int_equal(ll_route_parse(in, strlen(in), &r, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "/stops/1");
    assert_string_equal(err.message, "expected object, got string");
    assert_int_equal(err.offset, 28);
}

static void null_enum_and_array_items_are_their_types_with_is_null(void **state)
{
    (void)state;
    static const char in[] = "{\"levels\":[null,\"high\",\"odd\"],\"rows\":[[1.50,2],null,[]]}";
    ll_gallery g;
    oas_error err;
    assert_int_equal(ll_gallery_parse(in, strlen(in), &g, &err), OAS_OK);
    assert_int_equal(g.levels_count, 3);
    assert_true(g.levels[0].is_null && !g.levels[0].str);
    assert_int_equal(g.levels[1].value, LL_GALLERY_LEVELS_ITEM_HIGH);
    assert_int_equal(g.levels[2].value, LL_GALLERY_LEVELS_ITEM_UNKNOWN);
    assert_string_equal(g.levels[2].str, "odd");
    assert_int_equal(g.rows_count, 3);
    assert_int_equal(g.rows[0].count, 2);
    assert_true(g.rows[0].items[0] == 1.5 && g.rows[0].items[1] == 2.0);
    assert_string_equal(g.rows[0].texts[0], "1.50");
    assert_true(g.rows[1].is_null && g.rows[1].count == 0);
    assert_true(!g.rows[2].is_null && g.rows[2].count == 0);
    ll_gallery_free(&g);
    SAME_BACK(ll_gallery, in);
}

static void null_object_items_are_structs_with_is_null(void **state)
{
    (void)state;
    static const char in[] = "{\"maybe\":[null,{\"v\":2,\"w\":true}]}";
    ll_gallery g;
    l3_gallery h;
    oas_error err;
    assert_int_equal(ll_gallery_parse(in, strlen(in), &g, &err), OAS_OK);
    assert_int_equal(g.maybe_count, 2);
    assert_true(g.maybe[0].is_null && !g.maybe[0].has_v);
    assert_true(!g.maybe[1].is_null && g.maybe[1].has_v && g.maybe[1].v == 2);
    assert_string_equal(g.maybe[1].additional_members.text, "{\"w\":true}");
    ll_gallery_free(&g);
    SAME_BACK(ll_gallery, in);
    assert_int_equal(l3_gallery_parse(in, strlen(in), &h, &err), OAS_OK);
    assert_true(h.maybe[0].is_null && h.maybe[1].v == 2);
    l3_gallery_free(&h);
    SAME_BACK(l3_gallery, in);
}

static void items_the_caller_sets_to_null_are_written_as_null(void **state)
{
    (void)state;
    ll_point stops[2];
    ll_gallery_maybe_item maybe[1];
    ll_point_init(&stops[0]);
    ll_point_init(&stops[1]);
    ll_gallery_maybe_item_init(&maybe[0]);
    stops[0].x = 5;
    stops[1].is_null = true;
    maybe[0].is_null = true;
    ll_route r;
    ll_gallery g;
    ll_route_init(&r);
    ll_gallery_init(&g);
    r.start.x = 1;
    r.stops = stops;
    r.stops_count = 2;
    r.has_stops = true;
    g.maybe = maybe;
    g.maybe_count = 1;
    g.has_maybe = true;
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(ll_route_to_json(&r, &b), OAS_OK);
    assert_string_equal(b.data, "{\"start\":{\"x\":1},\"stops\":[{\"x\":5},null]}");
    oas_buf_free(&b);
    assert_int_equal(ll_gallery_to_json(&g, &b), OAS_OK);
    assert_string_equal(b.data, "{\"maybe\":[null]}");
    oas_buf_free(&b);
}

static void a_union_with_a_null_branch_keeps_null_as_document_member_and_item(void **state)
{
    (void)state;
    ll_shade d;
    oas_error err;
    assert_int_equal(ll_shade_parse("null", 4, &d, &err), OAS_OK);
    assert_true(d.is_null);
    assert_int_equal(d.tag, LL_SHADE_NONE);
    ll_shade_free(&d);
    SAME_BACK(ll_shade, "null");
    SAME_BACK(ll_shade, "\"red\"");
    SAME_BACK(ll_shade, "1E2");

    static const char in[] = "{\"main\":null,\"accent\":null,\"shades\":[null,\"a\",1]}";
    ll_palette p;
    assert_int_equal(ll_palette_parse(in, strlen(in), &p, &err), OAS_OK);
    assert_true(p.main_is_null && !p.main.is_null && p.main.tag == LL_SHADE_NONE);
    assert_true(p.accent_is_null && p.accent == NULL);
    assert_int_equal(p.shades_count, 3);
    assert_true(p.shades[0].is_null && p.shades[0].tag == LL_SHADE_NONE);
    assert_int_equal(p.shades[1].tag, LL_SHADE_STRING);
    assert_string_equal(p.shades[1].u.string, "a");
    assert_int_equal(p.shades[2].tag, LL_SHADE_INTEGER);
    assert_int_equal(p.shades[2].u.integer, 1);
    ll_palette_free(&p);
    SAME_BACK(ll_palette, in);
    SAME_BACK(ll_palette, "{\"main\":\"m\",\"accent\":2}");
}

static void a_null_branch_of_a_union_is_no_variant(void **state)
{
    (void)state;
    /* Shade: oneOf [string, integer, null]; null is the union's is_null */
    assert_int_equal(ll_shade_desc.variant_count, 2);
    ll_shade d;
    oas_error err;
    assert_int_equal(ll_shade_parse("true", 4, &d, &err), OAS_ERR_TYPE);
    assert_string_equal(err.message,
                        "matches no variant of ll_shade (first: expected string, got boolean at \"\")");
    SAME_BACK(ll_shade, "null");

    /* Tint: anyOf [null, {}, $ref: Point]: the others keep their names */
    assert_int_equal(ll_tint_desc.variant_count, 2);
    assert_int_equal(LL_TINT_JSON_2, 1);
    assert_int_equal(LL_TINT_POINT, 2);
    ll_tint t;
    assert_int_equal(ll_tint_parse("null", 4, &t, &err), OAS_OK);
    assert_true(t.is_null);
    assert_int_equal(t.tag, LL_TINT_NONE);
    ll_tint_free(&t);
    assert_int_equal(ll_tint_parse("[1]", 3, &t, &err), OAS_OK);
    assert_int_equal(t.tag, LL_TINT_JSON_2);
    assert_string_equal(t.u.json_2.text, "[1]");
    ll_tint_free(&t);
    SAME_BACK(ll_tint, "null");
    SAME_BACK(ll_tint, "[1]");
}

static void allocation_failures_leak_nothing(void **state)
{
    (void)state;
    static const char in[] = "{\"start\":null,\"stops\":[{\"x\":1,\"k\":\"v\"},null],"
                             "\"saved\":[null],\"byName\":{\"a\":null,\"b\":{\"x\":4}},"
                             "\"note\":null}";
    failing_alloc_install();
    size_t n;
    for (n = 1;; n++) {
        size_t failures_before = failing_alloc_failures();
        failing_alloc_fail_at(n, false);
        ll_route r;
        oas_error err;
        oas_status st = ll_route_parse(in, strlen(in), &r, &err);
        bool failed = failing_alloc_failures() > failures_before;
        failing_alloc_fail_at(0, false);
        if (st == OAS_OK) {
            assert_false(failed);
            /* stops 1 + its additional 1, saved 1, byName 1 + two keys 2 */
            assert_int_equal(failing_alloc_live(), 6);
            oas_buf b = OAS_BUF_INIT;
            assert_int_equal(ll_route_to_json(&r, &b), OAS_OK);
            assert_string_equal(b.data, in);
            oas_buf_free(&b);
            ll_route_free(&r);
            assert_int_equal(failing_alloc_live(), 0);
            break;
        }
        assert_int_equal(st, OAS_ERR_NOMEM);
        assert_int_equal(failing_alloc_live(), 0);
    }
    failing_alloc_uninstall();
    assert_true(n > 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_nullable_alias_document_may_be_null),
        cmocka_unit_test(the_target_of_a_nullable_alias_still_refuses_null),
        cmocka_unit_test(the_alias_has_its_own_table_by_name),
        cmocka_unit_test(null_members_of_a_nullable_alias_stay_null),
        cmocka_unit_test(null_items_and_values_of_a_nullable_alias_stay_null),
        cmocka_unit_test(an_item_the_target_refuses_is_an_error_where_it_is),
        cmocka_unit_test(null_object_items_are_structs_with_is_null),
        cmocka_unit_test(null_enum_and_array_items_are_their_types_with_is_null),
        cmocka_unit_test(items_the_caller_sets_to_null_are_written_as_null),
        cmocka_unit_test(a_union_with_a_null_branch_keeps_null_as_document_member_and_item),
        cmocka_unit_test(a_null_branch_of_a_union_is_no_variant),
        cmocka_unit_test(allocation_failures_leak_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
