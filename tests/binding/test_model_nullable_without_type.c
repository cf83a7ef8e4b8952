/* test_model_nullable_without_type.c - OpenAPI 3.0 `nullable: true` without
 * `type` (tests/data/model/nullable_without_type.yaml): the typed model
 * reads it as the validator does. By default (prefix nw_) it has no effect,
 * as OAS 3.0.3 says: null is refused where the rest of the schema refuses
 * it, and an optional member that is null counts as absent. Generated with
 * --nullable-without-type=allow-null (prefix na_) null is read as null: a
 * document, a member, an item, a map value. Exact JSON in and out. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "model_round_trip.h"
#include "nw_model.h"
#include "na_model.h"

static void by_default_a_document_refuses_null(void **state)
{
    (void)state;
    nw_maybe_pet p;
    nw_color c;
    nw_choice u;
    oas_error err;
    assert_int_equal(nw_maybe_pet_parse("null", 4, &p, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "");
    assert_string_equal(err.message, "expected object, got null");
    assert_ptr_equal(oas_model_find(nw_model_types, nw_model_type_count, "MaybePet"), &nw_pet_desc);
    assert_int_equal(nw_color_parse("null", 4, &c, &err), OAS_ERR_TYPE);
    assert_string_equal(err.message, "expected string, got null");
    assert_int_equal(nw_choice_parse("null", 4, &u, &err), OAS_ERR_TYPE);
    assert_string_equal(err.message,
                        "matches no variant of nw_choice (first: expected object, got null at \"\")");
    SAME_BACK(nw_maybe_pet, "{\"name\":\"rex\"}");
    SAME_BACK(nw_color, "\"green\"");
    SAME_BACK(nw_choice, "\"s\"");
}

static void by_default_a_member_item_or_value_refuses_null(void **state)
{
    (void)state;
    nw_owner o;
    oas_error err;
    /* optional members that are not nullable: null counts as absent */
    static const char members[] = "{\"pet\":null,\"color\":null}";
    assert_int_equal(nw_owner_parse(members, strlen(members), &o, &err), OAS_OK);
    assert_null(o.pet);
    assert_null(o.color.str);
    nw_owner_free(&o);
    ROUND_TRIP(nw_owner, members, "{}");
    static const char pets[] = "{\"pets\":[null]}";
    assert_int_equal(nw_owner_parse(pets, strlen(pets), &o, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "/pets/0");
    assert_string_equal(err.message, "expected object, got null");
    static const char counts[] = "{\"counts\":[1,null]}";
    assert_int_equal(nw_owner_parse(counts, strlen(counts), &o, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "/counts/1");
    assert_string_equal(err.message, "expected integer, got null");
    static const char by_name[] = "{\"byName\":{\"a\":null}}";
    assert_int_equal(nw_owner_parse(by_name, strlen(by_name), &o, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "/byName/a");
    assert_string_equal(err.message, "expected object, got null");
    SAME_BACK(nw_owner, "{\"pets\":[{\"name\":\"a\"}],\"counts\":[1,2],\"byName\":{\"a\":{\"name\":\"b\"}}}");
}

static void allow_null_reads_a_null_document(void **state)
{
    (void)state;
    na_maybe_pet p;
    na_color c;
    na_choice u;
    oas_error err;
    assert_int_equal(na_maybe_pet_parse("null", 4, &p, &err), OAS_OK);
    assert_true(p.is_null && !p.name);
    na_maybe_pet_free(&p);
    assert_int_equal(na_color_parse("null", 4, &c, &err), OAS_OK);
    assert_true(c.is_null && c.value == NA_COLOR_UNKNOWN && !c.str);
    na_color_free(&c);
    assert_int_equal(na_choice_parse("null", 4, &u, &err), OAS_OK);
    assert_true(u.is_null && u.tag == NA_CHOICE_NONE);
    na_choice_free(&u);
    SAME_BACK(na_maybe_pet, "null");
    SAME_BACK(na_color, "null");
    SAME_BACK(na_choice, "null");
    SAME_BACK(na_maybe_pet, "{\"name\":\"rex\"}");
    SAME_BACK(na_choice, "\"s\"");
    /* the target itself still refuses null */
    na_pet pet;
    assert_int_equal(na_pet_parse("null", 4, &pet, &err), OAS_ERR_TYPE);
    assert_string_equal(err.message, "expected object, got null");
}

static void allow_null_reads_null_members_items_and_values(void **state)
{
    (void)state;
    static const char in[] = "{\"pet\":null,\"color\":null,\"pets\":[null,{\"name\":\"a\"}],"
                             "\"counts\":[null,3],\"byName\":{\"a\":null}}";
    na_owner o;
    oas_error err;
    assert_int_equal(na_owner_parse(in, strlen(in), &o, &err), OAS_OK);
    assert_true(o.pet_is_null && !o.pet);
    assert_true(o.color_is_null && !o.color.str);
    assert_int_equal(o.pets_count, 2);
    assert_true(o.pets[0].is_null);
    assert_string_equal(o.pets[1].name, "a");
    assert_int_equal(o.counts_count, 2);
    assert_true(o.counts[0].is_null);
    assert_true(!o.counts[1].is_null && o.counts[1].value == 3);
    assert_true(o.by_name_count == 1 && o.by_name[0].value_is_null);
    na_owner_free(&o);
    SAME_BACK(na_owner, in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(by_default_a_document_refuses_null),
        cmocka_unit_test(by_default_a_member_item_or_value_refuses_null),
        cmocka_unit_test(allow_null_reads_a_null_document),
        cmocka_unit_test(allow_null_reads_null_members_items_and_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
