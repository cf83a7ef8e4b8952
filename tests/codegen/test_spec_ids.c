/* test_spec_ids.c - $id, $anchor and $dynamicAnchor are found wherever a
 * schema stands (a parameter's, a header's, a media type's, in paths,
 * webhooks and components), not only under components/schemas, and an
 * identifier-based $ref to one resolves to its location. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>
#include <unistd.h>

#include "support_spec.h"

/* The location the $ref of the schema at `location` resolved to. */
static const char *ref_target_of(const ir_spec *spec, const char *location)
{
    const ir_schema *s = find_schema(spec, location);
    assert_non_null(s);
    assert_non_null(s->ref_target);
    return s->ref_target->location;
}

static void test_identifiers_outside_component_schemas_are_found(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\ninfo: {title: ids, version: '1'}\n"
        "paths:\n"
        "  /a/{id}:\n"
        "    parameters:\n"
        "      - name: id\n        in: path\n        required: true\n"
        "        schema: {$id: 'https://x.test/id', type: string}\n"
        "    post:\n"
        "      parameters:\n"
        "        - {$ref: '#/components/parameters/Size'}\n"
        "        - name: q\n          in: query\n"
        "          schema: {$ref: 'https://x.test/id'}\n"
        "        - name: n\n          in: query\n          content:\n"
        "            application/json:\n"
        "              schema: {$ref: 'https://x.test/size#/$defs/n'}\n"
        "      requestBody:\n        content:\n          application/json:\n"
        "            schema: {$anchor: body, type: object}\n"
        "      responses:\n"
        "        '200':\n          description: ok\n          content:\n"
        "            application/json:\n              schema: {$ref: '#body'}\n"
        "        '201': {$ref: '#/components/responses/Made'}\n"
        "webhooks:\n  ping:\n    post:\n"
        "      requestBody:\n        content:\n          application/json:\n"
        "            schema: {$ref: 'https://x.test/size#small'}\n"
        "      responses:\n        '204': {description: done}\n"
        "components:\n"
        "  parameters:\n"
        "    Size:\n      name: size\n      in: query\n"
        "      schema: {$id: 'https://x.test/size', type: string,\n"
        "               $defs: {n: {$anchor: small, type: integer}}}\n"
        "  responses:\n"
        "    Made:\n      description: made\n      content:\n"
        "        application/json:\n"
        "          schema: {$anchor: made, properties: {again: {$ref: '#made'}}}\n"
        "  schemas:\n    A: {$ref: '#made'}\n", "t_");
    assert_string_equal(r.diagnostics, "");
    assert_non_null(r.spec);
    /* $id of a path item's parameter, from an operation's parameter */
    assert_string_equal(ref_target_of(r.spec, "#/paths/~1a~1{id}/post/parameters/1/schema"),
                        "#/paths/~1a~1{id}/parameters/0/schema");
    /* a pointer within the $id of a component parameter */
    assert_string_equal(
        ref_target_of(r.spec, "#/paths/~1a~1{id}/post/parameters/2/content/application~1json/schema"),
        "#/components/parameters/Size/schema/$defs/n");
    /* $anchor of a request body, from a response */
    assert_string_equal(
        ref_target_of(r.spec, "#/paths/~1a~1{id}/post/responses/200/content/application~1json/schema"),
        "#/paths/~1a~1{id}/post/requestBody/content/application~1json/schema");
    /* $anchor within a component parameter's $id, from a webhook */
    assert_string_equal(
        ref_target_of(r.spec, "#/webhooks/ping/post/requestBody/content/application~1json/schema"),
        "#/components/parameters/Size/schema/$defs/n");
    /* $anchor of a component response, from itself and from components/schemas */
    assert_string_equal(
        ref_target_of(r.spec,
                      "#/components/responses/Made/content/application~1json/schema/properties/again"),
        "#/components/responses/Made/content/application~1json/schema");
    assert_string_equal(ref_target_of(r.spec, "#/components/schemas/A"),
                        "#/components/responses/Made/content/application~1json/schema");
    front_result_free(&r);
}

/* One anchor per name in the document's resource: a parameter's schema
 * taking the name of a component's anchor is a located error. */
static void test_anchor_outside_components_taken_twice_is_an_error(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\ninfo: {title: ids, version: '1'}\n"
        "paths:\n  /a:\n    get:\n      parameters:\n"
        "        - name: q\n          in: query\n"
        "          schema: {$anchor: a, type: string}\n"
        "      responses:\n        '204': {description: done}\n"
        "components:\n  schemas:\n    A: {$anchor: a}\n", "t_");
    assert_string_equal(r.diagnostics,
        "s.yaml:9:29: error: $anchor \"a\" in s.yaml is also the anchor of "
        "#/components/schemas/A\n");
    assert_null(r.spec);
    front_result_free(&r);
}

/* An example's value is data, though shaped like a parameter or a media
 * type: an "$anchor" member there names nothing. */
static void test_anchor_in_an_example_names_nothing(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\ninfo: {title: ids, version: '1'}\n"
        "paths:\n  /a:\n    get:\n      responses:\n"
        "        '200':\n          description: ok\n          content:\n"
        "            application/json:\n"
        "              schema: {$ref: '#fake'}\n"
        "              examples:\n"
        "                e: {value: {parameters: [{schema: {$anchor: fake}}]}}\n"
        "              example: {content: {a: {schema: {$anchor: fake}}}}\n", "t_");
    assert_string_equal(r.diagnostics,
        "s.yaml:11:24: error: unresolvable anchor \"#fake\" in s.yaml\n");
    assert_null(r.spec);
    front_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identifiers_outside_component_schemas_are_found),
        cmocka_unit_test(test_anchor_outside_components_taken_twice_is_an_error),
        cmocka_unit_test(test_anchor_in_an_example_names_nothing),
    };
    if (chdir(OAS_SOURCE_DIR) != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
