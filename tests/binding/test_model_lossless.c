/* test_model_lossless.c - the typed model gives back what it was given:
 * _parse -> _to_json on a binding generated from
 * tests/data/model/lossless.yaml (prefix ll_), one fragment per way an
 * instance could lose something: null versus absent (OpenAPI 3.1 type
 * arrays, null items), members the schema does not declare (kept unless
 * additionalProperties is false), required members that are not declared,
 * a discriminator base (parsed as the subtype it names, into as_subtype),
 * anyOf with several matching branches. Exact JSON in, exact JSON out, exact
 * values, allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "model_round_trip.h"
#include "ll_model.h"
#include "oas_alloc.h"
#include "failing_alloc.h"

static void null_members_stay_null_and_absent_ones_absent(void **state)
{
    (void)state;
    static const char in[] = "{\"at\":\"t\",\"value\":null,\"count\":null,\"label\":null,"
                             "\"tags\":null,\"where\":null}";
    ll_reading r;
    oas_error err;
    assert_int_equal(ll_reading_parse(in, strlen(in), &r, &err), OAS_OK);
    assert_true(r.value_is_null);
    assert_true(r.count_is_null && !r.has_count);
    assert_true(r.label_is_null && !r.label);
    assert_true(r.tags_is_null && !r.has_tags);
    assert_true(r.where_is_null && !r.where);
    assert_false(r.has_samples);
    ll_reading_free(&r);
    ROUND_TRIP(ll_reading, in, in);

    static const char values[] = "{\"at\":\"t\",\"value\":2.5,\"count\":0,\"label\":\"\","
                                 "\"tags\":[],\"where\":{\"x\":1}}";
    assert_int_equal(ll_reading_parse(values, strlen(values), &r, &err), OAS_OK);
    assert_true(r.has_count && r.count == 0 && !r.count_is_null);
    assert_string_equal(r.label, "");
    assert_true(r.has_tags && r.tags_count == 0 && !r.tags_is_null);
    assert_int_equal(r.where->x, 1);
    ll_reading_free(&r);
    ROUND_TRIP(ll_reading, values, values);

    static const char absent[] = "{\"at\":\"t\",\"value\":1}";
    assert_int_equal(ll_reading_parse(absent, strlen(absent), &r, &err), OAS_OK);
    assert_false(r.value_is_null || r.has_count || r.count_is_null || r.label_is_null ||
                 r.tags_is_null || r.where_is_null);
    ll_reading_free(&r);
    ROUND_TRIP(ll_reading, absent, absent);
}

static void null_items_stay_null(void **state)
{
    (void)state;
    static const char in[] = "{\"at\":\"t\",\"value\":1,\"samples\":[1,null,-3]}";
    ll_reading r;
    oas_error err;
    assert_int_equal(ll_reading_parse(in, strlen(in), &r, &err), OAS_OK);
    assert_int_equal(r.samples_count, 3);
    assert_true(!r.samples[0].is_null && r.samples[0].value == 1);
    assert_true(r.samples[1].is_null && r.samples[1].value == 0);
    assert_true(!r.samples[2].is_null && r.samples[2].value == -3);
    ll_reading_free(&r);
    ROUND_TRIP(ll_reading, in, in);
}

static void null_map_values_stay_null(void **state)
{
    (void)state;
    static const char in[] = "{\"at\":\"t\",\"value\":1,\"scores\":{\"a\":null,\"b\":0}}";
    ll_reading r;
    oas_error err;
    assert_int_equal(ll_reading_parse(in, strlen(in), &r, &err), OAS_OK);
    assert_int_equal(r.scores_count, 2);
    assert_true(r.scores[0].value_is_null);
    assert_false(r.scores[1].value_is_null);
    assert_int_equal(r.scores[1].value, 0);
    ll_reading_free(&r);
    ROUND_TRIP(ll_reading, in, in);
}

static void null_for_a_schema_without_type_stays_null(void **state)
{
    (void)state;
    static const char in[] = "{\"inner\":null,\"byKey\":{\"a\":null,\"b\":{\"v\":1}}}";
    ll_loose l;
    oas_error err;
    assert_int_equal(ll_loose_parse(in, strlen(in), &l, &err), OAS_OK);
    assert_true(l.inner_is_null);
    assert_null(l.inner);
    assert_true(l.by_key[0].value_is_null);
    assert_false(l.by_key[1].value_is_null);
    assert_true(l.by_key[1].value.has_v && l.by_key[1].value.v == 1);
    ll_loose_free(&l);
    ROUND_TRIP(ll_loose, in, in);
}

static void undeclared_members_are_kept_in_order_after_declared_ones(void **state)
{
    (void)state;
    static const char in[] = "{\"b\":[1,{\"c\":null}],\"a\":1,\"big\":1.50,\"z\":\"\\u00e9\"}";
    ll_open o;
    oas_error err;
    assert_int_equal(ll_open_parse(in, strlen(in), &o, &err), OAS_OK);
    assert_true(o.has_a && o.a == 1);
    assert_string_equal(o.additional_members.text, "{\"b\":[1,{\"c\":null}],\"big\":1.50,\"z\":\"\xc3\xa9\"}");
    assert_int_equal(o.additional_members.len, strlen(o.additional_members.text));
    ll_open_free(&o);
    ROUND_TRIP(ll_open, in, "{\"a\":1,\"b\":[1,{\"c\":null}],\"big\":1.50,\"z\":\"\xc3\xa9\"}");
    /* duplicates: the last one wins, at the position of its last occurrence */
    ROUND_TRIP(ll_open, "{\"b\":1,\"x\":0,\"b\":2}", "{\"x\":0,\"b\":2}");
    /* none: nothing allocated */
    assert_int_equal(ll_open_parse("{\"a\":1}", 7, &o, &err), OAS_OK);
    assert_null(o.additional_members.text);
    ll_open_free(&o);
    ROUND_TRIP(ll_open, "{}", "{}");
}

static void undeclared_members_set_by_the_caller_are_written(void **state)
{
    (void)state;
    ll_open o;
    ll_open_init(&o);
    o.additional_members.text = oas_strdup("{\"x\":true,\"y\":[]}");
    o.additional_members.len = strlen(o.additional_members.text);
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(ll_open_to_json(&o, &b), OAS_OK);
    assert_string_equal(b.data, "{\"x\":true,\"y\":[]}");
    oas_buf_reset(&b);
    o.has_a = true;
    o.a = 7;
    assert_int_equal(ll_open_to_json(&o, &b), OAS_OK);
    assert_string_equal(b.data, "{\"a\":7,\"x\":true,\"y\":[]}");
    oas_buf_free(&b);
    ll_open_free(&o);
    assert_null(o.additional_members.text);
}

static void a_closed_schema_has_no_store(void **state)
{
    (void)state;
    /* additionalProperties: false: "b" is invalid (the validator says so)
     * and the struct has nowhere to keep it */
    ROUND_TRIP(ll_closed, "{\"a\":1,\"b\":2}", "{\"a\":1}");
}

static void required_but_undeclared_members_are_kept(void **state)
{
    (void)state;
    static const char in[] = "{\"id\":\"1\",\"legacyCode\":\"X\"}";
    ll_legacy l;
    oas_error err;
    assert_int_equal(ll_legacy_parse(in, strlen(in), &l, &err), OAS_OK);
    assert_string_equal(l.id, "1");
    assert_string_equal(l.additional_members.text, "{\"legacyCode\":\"X\"}");
    ll_legacy_free(&l);
    ROUND_TRIP(ll_legacy, in, in);
}

static void a_discriminator_base_parses_the_subtype_it_names(void **state)
{
    (void)state;
    static const char in[] = "{\"side\":2,\"shapeType\":\"sq\",\"note\":true}";
    ll_shape s;
    oas_error err;
    assert_int_equal(ll_shape_parse(in, strlen(in), &s, &err), OAS_OK);
    assert_string_equal(s.shape_type, "sq");
    assert_ptr_equal(s.as_subtype.type, &ll_square_desc); /* by the mapping */
    const ll_square *sq = s.as_subtype.value;
    assert_string_equal(sq->shape_type, "sq");
    assert_true(sq->has_side && sq->side == 2.0);
    assert_string_equal(sq->additional_members.text, "{\"note\":true}");
    assert_string_equal(s.additional_members.text, "{\"side\":2,\"note\":true}");
    ll_shape_free(&s);
    assert_null(s.as_subtype.value);
    /* written as the subtype: its members in its order */
    ROUND_TRIP(ll_shape, in, "{\"shapeType\":\"sq\",\"side\":2,\"note\":true}");

    static const char circle[] = "{\"shapeType\":\"Circle\",\"radius\":0.5}";
    assert_int_equal(ll_shape_parse(circle, strlen(circle), &s, &err), OAS_OK);
    assert_ptr_equal(s.as_subtype.type, &ll_circle_desc); /* by component name */
    assert_true(((const ll_circle *)s.as_subtype.value)->radius == 0.5);
    ll_shape_free(&s);
    ROUND_TRIP(ll_shape, circle, circle);

    /* a value no subtype has, or an object the subtype refuses: the base
     * alone, its additional members holding the rest */
    static const char other[] = "{\"shapeType\":\"tri\",\"corners\":3}";
    assert_int_equal(ll_shape_parse(other, strlen(other), &s, &err), OAS_OK);
    assert_null(s.as_subtype.type);
    ll_shape_free(&s);
    ROUND_TRIP(ll_shape, other, other);
    static const char refused[] = "{\"shapeType\":\"sq\",\"side\":\"big\"}";
    assert_int_equal(ll_shape_parse(refused, strlen(refused), &s, &err), OAS_OK);
    assert_null(s.as_subtype.type);
    assert_null(s.as_subtype.value);
    ll_shape_free(&s);
    ROUND_TRIP(ll_shape, refused, refused);
    static const char drawing[] = "{\"shapes\":[{\"shapeType\":\"sq\",\"side\":2},"
                                  "{\"shapeType\":\"Circle\",\"radius\":0.5}]}";
    ROUND_TRIP(ll_drawing, drawing, drawing);
}

static void any_of_keeps_the_members_of_every_matching_branch(void **state)
{
    (void)state;
    static const char in[] = "{\"email\":\"a@b\",\"phone\":\"1\"}";
    ll_contact c;
    oas_error err;
    assert_int_equal(ll_contact_parse(in, strlen(in), &c, &err), OAS_OK);
    assert_int_equal(c.tag, LL_CONTACT_ANY_OF0);
    assert_string_equal(c.u.any_of0.email, "a@b");
    assert_string_equal(c.u.any_of0.additional_members.text, "{\"phone\":\"1\"}");
    ll_contact_free(&c);
    ROUND_TRIP(ll_contact, in, in);
    ROUND_TRIP(ll_contact, "{\"phone\":\"1\",\"email\":\"a@b\"}", "{\"email\":\"a@b\",\"phone\":\"1\"}");
}

/* The other matching branch, typed: the same node parsed as its type
 * (docs/DESIGN.md: why the union keeps one branch and a store). */
static void another_matching_any_of_branch_is_typed_by_its_own_parse(void **state)
{
    (void)state;
    static const char in[] = "{\"email\":\"a@b\",\"phone\":\"1\"}";
    oas_json_doc *doc = NULL;
    oas_error err;
    assert_int_equal(oas_json_parse(in, strlen(in), NULL, &doc, &err), OAS_OK);
    ll_contact c;
    ll_contact_any_of1 phone;
    assert_int_equal(ll_contact_from_json(oas_json_doc_root(doc), &c, &err), OAS_OK);
    assert_int_equal(ll_contact_any_of1_from_json(oas_json_doc_root(doc), &phone, &err), OAS_OK);
    assert_int_equal(c.tag, LL_CONTACT_ANY_OF0);
    assert_string_equal(c.u.any_of0.email, "a@b");
    assert_string_equal(phone.phone, "1");
    assert_string_equal(phone.additional_members.text, "{\"email\":\"a@b\"}");
    ll_contact_any_of1_free(&phone);
    ll_contact_free(&c);
    oas_json_doc_free(doc);
}

static void any_of_prefers_a_branch_that_drops_nothing(void **state)
{
    (void)state;
    ll_reach r;
    oas_error err;
    static const char both[] = "{\"email\":\"a\",\"phone\":\"1\"}";
    assert_int_equal(ll_reach_parse(both, strlen(both), &r, &err), OAS_OK);
    assert_int_equal(r.tag, LL_REACH_ANY_OF1); /* the closed first branch would drop phone */
    ll_reach_free(&r);
    ROUND_TRIP(ll_reach, both, both);
    assert_int_equal(ll_reach_parse("{\"email\":\"a\"}", 13, &r, &err), OAS_OK);
    assert_int_equal(r.tag, LL_REACH_ANY_OF0);
    ll_reach_free(&r);
}

static void allocation_failures_leak_nothing(void **state)
{
    (void)state;
    static const char in[] = "{\"shapes\":[{\"side\":2,\"shapeType\":\"sq\",\"x\":[]},"
                             "{\"shapeType\":\"Circle\"}],\"more\":null}";
    failing_alloc_install();
    size_t n;
    for (n = 1;; n++) {
        size_t failures_before = failing_alloc_failures();
        failing_alloc_fail_at(n, false);
        ll_drawing d;
        oas_error err;
        oas_status st = ll_drawing_parse(in, strlen(in), &d, &err);
        bool failed = failing_alloc_failures() > failures_before;
        failing_alloc_fail_at(0, false);
        if (st == OAS_OK) {
            assert_false(failed);
            /* shapes 1, two shapeType 2, their additional 1, two subtypes
             * 2 + their shapeType 2 + the square's additional 1, the
             * drawing's additional 1 */
            assert_int_equal(failing_alloc_live(), 10);
            oas_buf b = OAS_BUF_INIT;
            assert_int_equal(ll_drawing_to_json(&d, &b), OAS_OK);
            assert_string_equal(b.data, "{\"shapes\":[{\"shapeType\":\"sq\",\"side\":2,\"x\":[]},"
                                        "{\"shapeType\":\"Circle\"}],\"more\":null}");
            oas_buf_free(&b);
            ll_drawing_free(&d);
            assert_int_equal(failing_alloc_live(), 0);
            break;
        }
        assert_int_equal(st, OAS_ERR_NOMEM);
        assert_int_equal(failing_alloc_live(), 0);
    }
    failing_alloc_uninstall();
    assert_true(n > 10);
}

static void components_are_found_by_name(void **state)
{
    (void)state;
    assert_ptr_equal(oas_model_find(ll_model_types, ll_model_type_count, "Open"), &ll_open_desc);
    assert_ptr_equal(oas_model_find(ll_model_types, ll_model_type_count, "Contact"),
                     &ll_contact_desc);
    assert_null(oas_model_find(ll_model_types, ll_model_type_count, "open"));
    assert_null(oas_model_find(ll_model_types, ll_model_type_count, NULL));
    assert_int_equal(ll_model_type_count, 36);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(null_members_stay_null_and_absent_ones_absent),
        cmocka_unit_test(null_items_stay_null),
        cmocka_unit_test(null_map_values_stay_null),
        cmocka_unit_test(null_for_a_schema_without_type_stays_null),
        cmocka_unit_test(undeclared_members_are_kept_in_order_after_declared_ones),
        cmocka_unit_test(undeclared_members_set_by_the_caller_are_written),
        cmocka_unit_test(a_closed_schema_has_no_store),
        cmocka_unit_test(required_but_undeclared_members_are_kept),
        cmocka_unit_test(a_discriminator_base_parses_the_subtype_it_names),
        cmocka_unit_test(any_of_keeps_the_members_of_every_matching_branch),
        cmocka_unit_test(another_matching_any_of_branch_is_typed_by_its_own_parse),
        cmocka_unit_test(any_of_prefers_a_branch_that_drops_nothing),
        cmocka_unit_test(allocation_failures_leak_nothing),
        cmocka_unit_test(components_are_found_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
