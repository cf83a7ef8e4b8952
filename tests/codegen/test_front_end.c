/* test_front_end.c - the IR built from small specs and the seed spec:
 * locations, ckinds, names, merging, 3.0 mappings, verbatim strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "ir_dump.h"
#include "sha256.h"
#include "support_spec.h"
#include "ynode.h"

static const ir_schema *must_find(const ir_spec *spec, const char *location)
{
    const ir_schema *s = find_schema(spec, location);
    if (!s)
        fprintf(stderr, "no schema at %s\n", location);
    assert_non_null(s);
    return s;
}

static char *value_json(const ir_value *v)
{
    assert_non_null(v);
    return ir_value_to_json(v, NULL);
}

/* ---- the seed spec -------------------------------------------------------- */
static void test_seed_spec(void **state)
{
    (void)state;
    front_result r = run_front_end("spec/insights-scores.yaml", NULL, "ld_");
    assert_non_null(r.spec);
    assert_int_equal(r.errors, 0);
    assert_int_equal(r.notes, 1); /* format: string, noted once */
    const ir_spec *spec = r.spec;
    assert_int_equal(spec->component_count, 13);
    assert_int_equal(spec->schema_count, 63);
    assert_int_equal(spec->operation_count, 1);
    assert_int_equal(spec->major, 3);
    assert_int_equal(spec->minor, 1);
    assert_int_equal(spec->server_count, 2);
    assert_string_equal(spec->servers[1].url, "https://app.launchdarkly.us");

    const ir_schema *scores = must_find(spec, "#/components/schemas/InsightScores");
    assert_string_equal(scores->type_name, "ld_insight_scores");
    assert_string_equal(scores->validator_name, "ld_insight_scores_validate_node");
    assert_int_equal(scores->ckind, CK_STRUCT);
    assert_int_equal(scores->model_prop_count, 4);
    assert_string_equal(scores->model_props[3].c_name, "links");
    assert_false(scores->model_props[3].required);
    assert_true(scores->model_props[0].required);

    const ir_schema *links = must_find(spec, "#/components/schemas/InsightScores/properties/_links");
    assert_int_equal(links->ckind, CK_MAP);
    assert_string_equal(links->type_name, "ld_insight_scores_links");
    const ir_schema *value = must_find(spec, "#/components/schemas/InsightScores/properties/_links/additionalProperties");
    assert_ptr_equal(links->element, value);
    assert_string_equal(ir_deref(value)->type_name, "ld_link");

    const ir_schema *metric = must_find(spec, "#/components/schemas/InsightsMetricScore");
    assert_true(metric->recursive);
    assert_false(scores->recursive);
    const ir_schema *millis = must_find(spec, "#/components/schemas/UnixMillis");
    assert_int_equal(millis->ckind, CK_INT64);
    assert_string_equal(millis->format, "int64");
    const ir_schema *start = must_find(spec, "#/components/schemas/InsightPeriod/properties/startTime");
    assert_int_equal(start->ckind, CK_INT64);
    assert_ptr_equal(start->ref_target, millis);
    assert_string_equal(start->description, "The start time of the period");
    const ir_schema *agg = must_find(spec, "#/components/schemas/InsightsMetricScore/properties/aggregateOf");
    assert_int_equal(agg->ckind, CK_ARRAY);
    assert_int_equal(ir_deref(agg->element)->ckind, CK_STRING);

    const ir_operation *op = &spec->operations[0];
    assert_string_equal(op->c_name, "ld_get_insights_scores");
    assert_string_equal(op->method, "GET");
    assert_int_equal(op->param_count, 4);
    assert_string_equal(op->params[0].c_name, "project_key");
    assert_string_equal(op->params[3].in, "header");
    assert_string_equal(op->params[0].style, "form");
    assert_true(op->params[0].explode);
    assert_int_equal(op->response_count, 5);
    assert_string_equal(op->responses[0].status, "200");
    assert_string_equal(op->responses[0].content_type, "application/json");
    assert_string_equal(op->responses[0].schema->type_name, "ld_get_insights_scores_200_body");
    assert_ptr_equal(ir_deref(op->responses[0].schema), scores);
    assert_string_equal(spec->sha256, r.spec->sha256);
    assert_int_equal(strlen(spec->sha256), 64);
    front_result_free(&r);
}

/* ---- ckinds and keyword mapping, OpenAPI 3.0 ----------------------------- */
static const char spec30[] =
    "openapi: 3.0.3\n"
    "info: {title: t, version: '1'}\n"
    "paths:\n"
    "  /things/{id}:\n"
    "    parameters:\n"
    "      - {name: id, in: path, required: true, schema: {type: string}}\n"
    "      - {name: q, in: query, schema: {type: string}}\n"
    "    put:\n"
    "      operationId: putThing\n"
    "      parameters:\n"
    "        - {name: q, in: query, required: true, schema: {type: integer}}\n"
    "        - {name: tags, in: query, explode: false, schema: {type: array, items: {type: string}}}\n"
    "      requestBody:\n"
    "        required: true\n"
    "        content:\n"
    "          application/merge-patch+json:\n"
    "            schema: {$ref: '#/components/schemas/Base'}\n"
    "      responses:\n"
    "        '204': {description: none}\n"
    "        default:\n"
    "          description: err\n"
    "          content:\n"
    "            application/json:\n"
    "              schema: {type: object, properties: {code: {type: string}}}\n"
    "              example: {code: x}\n"
    "components:\n"
    "  schemas:\n"
    "    Base:\n"
    "      type: object\n"
    "      required: [id]\n"
    "      properties:\n"
    "        id: {type: string}\n"
    "        n: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 10}\n"
    "    Derived:\n"
    "      allOf:\n"
    "        - $ref: '#/components/schemas/Base'\n"
    "        - type: object\n"
    "          properties:\n"
    "            extra: {type: boolean}\n"
    "            id: {type: string}\n"
    "        - required: [extra]\n"
    "    Color: {type: string, enum: [red, green], nullable: true, default: red}\n"
    "    Mixed: {enum: [1, a]}\n"
    "    Choice: {oneOf: [{type: string}, {$ref: '#/components/schemas/Base'}]}\n"
    "    FreeForm: {type: object, additionalProperties: true}\n"
    "    Empty: {}\n"
    "    MapOfArrays: {type: object, additionalProperties: {type: array, items: {type: integer}}}\n"
    "    RefWithSiblings: {$ref: '#/components/schemas/Color', nullable: false, description: kept}\n"
    "    Described: {allOf: [{$ref: '#/components/schemas/Base/properties/n'}], description: d}\n"
    "    NoTypeProps: {properties: {a: {type: integer, format: int32}}}\n";

static void test_ckinds_and_keywords_30(void **state)
{
    (void)state;
    front_result r = run_front_end("t.yaml", spec30, "p_");
    if (!r.spec)
        fprintf(stderr, "%s", r.diagnostics);
    assert_non_null(r.spec);
    assert_string_equal(r.diagnostics, "");
    const ir_spec *spec = r.spec;
    static const struct { const char *name; ir_ckind ck; } kinds[] = {
        {"Base", CK_STRUCT}, {"Derived", CK_STRUCT}, {"Color", CK_ENUM}, {"Mixed", CK_JSON},
        {"Choice", CK_UNION}, {"FreeForm", CK_JSON}, {"Empty", CK_JSON}, {"MapOfArrays", CK_MAP},
        {"RefWithSiblings", CK_ENUM}, {"Described", CK_DOUBLE}, {"NoTypeProps", CK_STRUCT},
    };
    char loc[128];
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        snprintf(loc, sizeof loc, "#/components/schemas/%s", kinds[i].name);
        const ir_schema *s = must_find(spec, loc);
        if (s->ckind != kinds[i].ck)
            fprintf(stderr, "%s: %s\n", kinds[i].name, ir_ckind_name(s->ckind));
        assert_int_equal(s->ckind, kinds[i].ck);
    }
    const ir_schema *n = must_find(spec, "#/components/schemas/Base/properties/n");
    assert_false(n->has_minimum);
    assert_true(n->has_exclusive_minimum);
    assert_string_equal(n->exclusive_minimum, "0");
    assert_string_equal(n->maximum, "10");

    const ir_schema *derived = must_find(spec, "#/components/schemas/Derived");
    assert_int_equal(derived->model_prop_count, 3);
    /* order of first appearance: Base's members, then the second branch's new one */
    assert_string_equal(derived->model_props[0].name, "id");
    assert_true(derived->model_props[0].required);   /* from Base */
    assert_string_equal(derived->model_props[1].name, "n");
    assert_false(derived->model_props[1].required);
    assert_string_equal(derived->model_props[2].name, "extra");
    assert_true(derived->model_props[2].required);   /* from the third branch */

    const ir_schema *color = must_find(spec, "#/components/schemas/Color");
    assert_true(color->nullable);
    char *json = value_json(color->default_value);
    assert_string_equal(json, "\"red\"");
    free(json);
    const ir_schema *sib = must_find(spec, "#/components/schemas/RefWithSiblings");
    assert_string_equal(sib->description, "kept");
    assert_false(sib->nullable);
    const ir_schema *map = must_find(spec, "#/components/schemas/MapOfArrays");
    assert_int_equal(ir_deref(map->element)->ckind, CK_ARRAY);
    assert_string_equal(map->element->type_name, "p_map_of_arrays_value");
    assert_string_equal(ir_deref(map->element)->element->type_name, "p_map_of_arrays_value_item");

    assert_int_equal(spec->operation_count, 1);
    const ir_operation *op = &spec->operations[0];
    assert_string_equal(op->c_name, "p_put_thing");
    assert_int_equal(op->param_count, 3);
    assert_string_equal(op->params[1].name, "q");     /* overridden in place */
    assert_true(op->params[1].required);
    assert_int_equal(op->params[1].schema->ckind, CK_INT64);
    assert_false(op->params[2].explode);
    assert_string_equal(op->body_content_type, "application/merge-patch+json");
    assert_true(op->body_required);
    assert_int_equal(op->response_count, 2);
    assert_null(op->responses[0].schema);
    assert_string_equal(op->responses[1].status, "default");
    assert_string_equal(op->responses[1].schema->type_name, "p_put_thing_default_body");
    json = value_json(op->responses[1].example);
    assert_string_equal(json, "{\"code\":\"x\"}");
    free(json);
    front_result_free(&r);
}

/* ---- 3.1 specifics, JSON input, numbers ------------------------------------ */
static const char spec31_json[] =
    "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {},\n"
    " \"components\": {\"schemas\": {\n"
    "  \"MaybeInt\": {\"type\": [\"integer\", \"null\"], \"exclusiveMinimum\": 0x1F},\n"
    "  \"Several\": {\"type\": [\"string\", \"integer\"]},\n"
    "  \"Tree\": {\"type\": \"object\", \"properties\": {\"kids\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/components/schemas/Tree\"}}}},\n"
    "  \"Nums\": {\"enum\": [+5, .5, 1.50, 1E3, -0, 007, 0o17, true, null, \"s\"]},\n"
    "  \"RefSibling\": {\"$ref\": \"#/components/schemas/MaybeInt\", \"description\": \"x\"},\n"
    "  \"Tuple\": {\"type\": \"array\", \"prefixItems\": [{\"type\": \"string\"}]},\n"
    "  \"Bool\": true,\n"
    "  \"Pointer\": {\"$ref\": \"#/components/schemas/Tree/properties/kids/items\"}\n"
    "}}}\n";

static void test_31_json_input(void **state)
{
    (void)state;
    front_result r = run_front_end("t.json", spec31_json, "j_");
    if (!r.spec)
        fprintf(stderr, "%s", r.diagnostics);
    assert_non_null(r.spec);
    const ir_spec *spec = r.spec;
    const ir_schema *mi = must_find(spec, "#/components/schemas/MaybeInt");
    assert_int_equal(mi->ckind, CK_INT64);
    assert_true(mi->nullable);
    assert_int_equal(mi->types, IR_T_INTEGER | IR_T_NULL);
    assert_string_equal(mi->exclusive_minimum, "31");
    assert_int_equal(must_find(spec, "#/components/schemas/Several")->ckind, CK_JSON);
    const ir_schema *tree = must_find(spec, "#/components/schemas/Tree");
    assert_true(tree->recursive);
    const ir_schema *nums = must_find(spec, "#/components/schemas/Nums");
    char *json = ir_value_to_json(nums->enum_values[0], NULL);
    free(json);
    size_t len = 0;
    ir_value arr = {.kind = IRV_ARRAY, .items = nums->enum_values, .count = nums->enum_count};
    json = ir_value_to_json(&arr, &len);
    assert_string_equal(json, "[5,0.5,1.50,1e3,-0,7,15,true,null,\"s\"]");
    assert_int_equal(len, strlen(json));
    free(json);
    const ir_schema *sib = must_find(spec, "#/components/schemas/RefSibling");
    assert_int_equal(sib->ckind, CK_INT64);
    assert_string_equal(sib->description, "x");
    assert_int_equal(must_find(spec, "#/components/schemas/Tuple")->prefix_count, 1);
    assert_null(must_find(spec, "#/components/schemas/Tuple")->element);
    assert_int_equal(must_find(spec, "#/components/schemas/Bool")->boolean_schema, 1);
    assert_ptr_equal(must_find(spec, "#/components/schemas/Pointer")->ref_target,
                     must_find(spec, "#/components/schemas/Tree/properties/kids/items"));
    front_result_free(&r);
}

/* ---- nullable references: a lone allOf branch is the referenced type ------ */
static const char spec_nullable_refs[] =
    "openapi: 3.0.3\n"
    "info: {title: t, version: '1'}\n"
    "paths: {}\n"
    "components:\n"
    "  schemas:\n"
    "    Color: {type: string, enum: [red, green]}\n"
    "    Named: {type: object, required: [name], properties: {name: {type: string}}}\n"
    "    Count: {type: integer}\n"
    "    NullableRef: {nullable: true, allOf: [{$ref: '#/components/schemas/Named'}]}\n"
    "    Holder:\n"
    "      type: object\n"
    "      properties:\n"
    "        shade: {nullable: true, allOf: [{$ref: '#/components/schemas/Color'}]}\n"
    "        owner: {nullable: true, allOf: [{$ref: '#/components/schemas/Named'}]}\n"
    "        typed: {type: object, nullable: true, allOf: [{$ref: '#/components/schemas/Named'}]}\n"
    "        described: {description: d, allOf: [{$ref: '#/components/schemas/Count'}]}\n"
    "        chained: {allOf: [{$ref: '#/components/schemas/NullableRef'}]}\n"
    "        merged:\n"
    "          allOf: [{$ref: '#/components/schemas/Named'}]\n"
    "          properties: {extra: {type: boolean}}\n"
    "        narrowed: {type: string, allOf: [{$ref: '#/components/schemas/Named'}]}\n";

static void test_nullable_refs_are_the_referenced_type(void **state)
{
    (void)state;
    front_result r = run_front_end("n.yaml", spec_nullable_refs, "p_");
    if (!r.spec)
        fprintf(stderr, "%s", r.diagnostics);
    assert_non_null(r.spec);
    const ir_spec *spec = r.spec;
    const ir_schema *color = must_find(spec, "#/components/schemas/Color");
    const ir_schema *named = must_find(spec, "#/components/schemas/Named");
    static const struct { const char *prop, *target; ir_ckind ck; bool nullable; } aliases[] = {
        {"shade", "Color", CK_ENUM, true},       /* a wrapped enum stays the enum */
        {"owner", "Named", CK_STRUCT, true},
        {"typed", "Named", CK_STRUCT, true},     /* `type: object` agrees with Named */
        {"described", "Count", CK_INT64, false},
        {"chained", "Named", CK_STRUCT, false},  /* through another alias */
    };
    char loc[128];
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++) {
        snprintf(loc, sizeof loc, "#/components/schemas/Holder/properties/%s", aliases[i].prop);
        const ir_schema *wrapper = must_find(spec, loc);
        snprintf(loc, sizeof loc, "%s/allOf/0", wrapper->location);
        assert_ptr_equal(wrapper->alias_of, must_find(spec, loc));
        snprintf(loc, sizeof loc, "#/components/schemas/%s", aliases[i].target);
        assert_ptr_equal(ir_deref(wrapper), must_find(spec, loc));
        assert_int_equal(wrapper->ckind, aliases[i].ck);
        assert_int_equal(wrapper->nullable, aliases[i].nullable);
        assert_int_equal(wrapper->model_prop_count, 0);  /* no copied members */
    }
    assert_ptr_equal(ir_deref(must_find(spec, "#/components/schemas/Holder/properties/shade")), color);
    /* A component wrapper: the model makes it a typedef of Named. */
    const ir_schema *nref = must_find(spec, "#/components/schemas/NullableRef");
    assert_ptr_equal(ir_deref(nref), named);
    assert_true(nref->nullable);
    /* Anything shaping the instance besides the branch: a merged struct of its own. */
    const ir_schema *merged = must_find(spec, "#/components/schemas/Holder/properties/merged");
    assert_null(merged->alias_of);
    assert_ptr_equal(ir_deref(merged), merged);
    assert_int_equal(merged->ckind, CK_STRUCT);
    assert_int_equal(merged->model_prop_count, 2);
    assert_string_equal(merged->model_props[0].name, "extra");
    assert_string_equal(merged->model_props[1].name, "name");
    /* A disagreeing `type` is not an alias (the spec allows no instance). */
    const ir_schema *narrowed = must_find(spec, "#/components/schemas/Holder/properties/narrowed");
    assert_null(narrowed->alias_of);
    assert_int_equal(narrowed->ckind, CK_STRING);

    char *dump = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&dump, &len);
    ir_dump(spec, out);
    fclose(out);
    assert_non_null(strstr(dump, "\n#/components/schemas/NullableRef STRUCT p_nullable_ref =p_named nullable\n"));
    assert_non_null(strstr(dump, "\n#/components/schemas/Holder/properties/shade ENUM p_holder_shade =p_color nullable\n"));
    free(dump);
    front_result_free(&r);
}

/* ---- hostile but valid text stays verbatim --------------------------------- */
static const char spec_strings[] =
    "openapi: 3.1.0\n"
    "info: {title: \"t */ \\\" \\\\ %s %n\", version: '1'}\n"
    "components:\n"
    "  schemas:\n"
    "    S:\n"
    "      description: \"ends */ here, \\\"quoted\\\", back\\\\slash,\\nnew line, 100% %s\"\n"
    "      type: object\n"
    "      properties:\n"
    "        \"we*/ird\\\"key%d\": {type: string, enum: [\"a*/b\", \"c\\nd\", \"%s\\\\\"], pattern: '^a\\d+$'}\n";

static void test_strings_kept_verbatim(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml", spec_strings, "s_");
    if (!r.spec)
        fprintf(stderr, "%s", r.diagnostics);
    assert_non_null(r.spec);
    assert_string_equal(r.spec->title, "t */ \" \\ %s %n");
    const ir_schema *s = must_find(r.spec, "#/components/schemas/S");
    assert_string_equal(s->description, "ends */ here, \"quoted\", back\\slash,\nnew line, 100% %s");
    assert_string_equal(s->props[0].name, "we*/ird\"key%d");
    assert_string_equal(s->props[0].c_name, "we_ird_key_d");
    const ir_schema *p = must_find(r.spec, "#/components/schemas/S/properties/we*~1ird\"key%d");
    assert_int_equal(p->enum_count, 3);
    assert_string_equal(p->enum_values[1]->text, "c\nd");
    assert_string_equal(p->pattern, "^a\\d+$");
    ir_value arr = {.kind = IRV_ARRAY, .items = p->enum_values, .count = p->enum_count};
    char *json = ir_value_to_json(&arr, NULL);
    assert_string_equal(json, "[\"a*/b\",\"c\\nd\",\"%s\\\\\"]");
    free(json);
    front_result_free(&r);
}

/* 150 nested properties: within every limit, named and located correctly. */
static void test_deep_but_allowed_nesting(void **state)
{
    (void)state;
    enum { DEPTH = 150 };
    size_t cap = 200 + DEPTH * 64;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, cap, "openapi: 3.1.0\ncomponents: {schemas: {D: ");
    for (int i = 0; i < DEPTH; i++)
        n += (size_t)snprintf(text + n, cap - n, "{properties: {p: ");
    n += (size_t)snprintf(text + n, cap - n, "{type: integer}");
    for (int i = 0; i < DEPTH; i++)
        n += (size_t)snprintf(text + n, cap - n, "}}");
    snprintf(text + n, cap - n, "}}\n");
    front_result r = run_front_end("deep.yaml", text, "d_");
    free(text);
    assert_non_null(r.spec);
    assert_int_equal(r.spec->schema_count, DEPTH + 1);
    const ir_schema *last = r.spec->schemas[DEPTH];
    assert_int_equal(last->ckind, CK_INT64);
    assert_int_equal(strlen(last->location), strlen("#/components/schemas/D") + DEPTH * strlen("/properties/p"));
    assert_int_equal(strlen(last->type_name), strlen("d_d") + DEPTH * 2);
    front_result_free(&r);
}

/* ---- the YAML layer ------------------------------------------------------------ */
static void test_yaml_scalars_and_aliases(void **state)
{
    (void)state;
    static const char text[] =
        "a: [~, null, Null, true, FALSE, 12, -3, 0x1f, 0o7, 1.5, .inf, -.Inf, .nan, 1e3, yes, '1', \"true\", 1_000, ]\n"
        "b: &anchor {k: v}\n"
        "c: *anchor\n"
        "\"x/y~z\": [zero, one]\n";
    static const yscalar_type expected[] = {
        YS_NULL, YS_NULL, YS_NULL, YS_BOOL, YS_BOOL, YS_INT, YS_INT, YS_INT, YS_INT, YS_FLOAT,
        YS_FLOAT, YS_FLOAT, YS_FLOAT, YS_FLOAT, YS_STRING, YS_STRING, YS_STRING, YS_STRING,
    };
    diag d;
    diag_init(&d, NULL);
    ydoc *doc = ydoc_load_buffer("y.yaml", text, strlen(text), &d);
    assert_non_null(doc);
    const ynode *a = ynode_get(doc->root, "a");
    assert_int_equal(a->count, sizeof expected / sizeof *expected);
    for (size_t i = 0; i < a->count; i++) {
        if (a->items[i]->stype != expected[i])
            fprintf(stderr, "item %zu '%s'\n", i, a->items[i]->str);
        assert_int_equal(a->items[i]->stype, expected[i]);
    }
    assert_int_equal(a->items[5]->line, 1);
    assert_int_equal(a->items[5]->col, 33);
    assert_ptr_equal(ynode_get(doc->root, "b"), ynode_get(doc->root, "c"));
    assert_string_equal(ynode_at_pointer(doc->root, "/x~1y~0z/1")->str, "one");
    assert_null(ynode_at_pointer(doc->root, "/x~1y~0z/01"));
    assert_null(ynode_at_pointer(doc->root, "/x~2"));
    assert_ptr_equal(ynode_at_pointer(doc->root, ""), doc->root);
    assert_true(ynode_is_scalar(ynode_at_pointer(doc->root, "/b/k")));
    assert_int_equal(d.errors, 0);
    ydoc_free(doc);
}

/* FIPS 180-4 / NIST example vectors. */
static void test_sha256(void **state)
{
    (void)state;
    char hex[65];
    sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256_hex(two_blocks, strlen(two_blocks), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    static char million[1000000];
    memset(million, 'a', sizeof million);
    sha256_ctx c;
    unsigned char digest[32];
    sha256_init(&c);
    sha256_update(&c, million, 333333);   /* uneven pieces cross block edges */
    sha256_update(&c, million + 333333, sizeof million - 333333);
    sha256_final(&c, digest);
    assert_int_equal(digest[0], 0xcd);
    assert_int_equal(digest[31], 0xd0);
}

static void digest_of(const unsigned char *data, size_t len, bool sha_ni, unsigned char out[32])
{
    sha256_ctx c;
    sha256_init(&c);
    c.sha_ni = c.sha_ni && sha_ni;
    sha256_update(&c, data, len);
    sha256_final(&c, out);
}

/* The SHA-extension rounds (where the CPU has them) and the portable ones
 * give the same digests, for every length across a few block edges and for
 * the million-byte vector. */
static void test_sha256_both_paths_agree(void **state)
{
    (void)state;
    static unsigned char data[1000000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 2654435761u >> 24);
    unsigned char a[32], b[32];
    for (size_t len = 0; len <= 300; len++) {
        digest_of(data, len, true, a);
        digest_of(data, len, false, b);
        assert_memory_equal(a, b, 32);
    }
    memset(data, 'a', sizeof data);
    static const unsigned char million_a[32] = {
        0xcd, 0xc7, 0x6e, 0x5c, 0x99, 0x14, 0xfb, 0x92, 0x81, 0xa1, 0xc7, 0xe2, 0x84, 0xd7, 0x3e, 0x67,
        0xf1, 0x80, 0x9a, 0x48, 0xa4, 0x97, 0x20, 0x0e, 0x04, 0x6d, 0x39, 0xcc, 0xc7, 0x11, 0x2c, 0xd0};
    digest_of(data, sizeof data, true, a);
    assert_memory_equal(a, million_a, 32);
    digest_of(data, sizeof data, false, b);
    assert_memory_equal(b, million_a, 32);
}

/* --dump-ir shows a $dynamicRef as it shows a $ref: its static target;
 * a dynamic one also the anchor's schema of each resource declaring it. */
static void test_dump_shows_dynamic_refs(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\ncomponents:\n  schemas:\n"
        "    Tree:\n      $id: https://x.test/tree\n      $dynamicAnchor: node\n"
        "      items: {$dynamicRef: '#node'}\n"
        "    Strict:\n      $id: https://x.test/strict\n      $dynamicAnchor: node\n"
        "      $ref: tree\n      unevaluatedItems: false\n"
        "    Plain:\n      $id: https://x.test/plain\n      items: {$dynamicRef: '#leaf'}\n"
        "      $defs: {leaf: {$anchor: leaf, type: string}}\n", "t_");
    assert_string_equal(r.diagnostics, "");
    assert_non_null(r.spec);
    char *dump = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&dump, &len);
    ir_dump(r.spec, out);
    fclose(out);
    assert_non_null(strstr(dump, "\n#/components/schemas/Tree/items JSON t_tree_item "
                                 "$dynamicRef->t_tree #node->{t_tree t_strict}\n"));
    assert_non_null(strstr(dump, "\n#/components/schemas/Strict ARRAY t_strict ->t_tree\n"));
    assert_non_null(strstr(dump, "\n#/components/schemas/Plain/items JSON t_plain_item "
                                 "$dynamicRef->t_leaf\n"));
    free(dump);
    front_result_free(&r);
}

/* --dump-ir quotes spec text (locations, paths, anchor names, callback
 * and webhook names) with its control characters escaped, as diagnostics
 * do: a spec cannot send escape sequences to the terminal. */
static void test_dump_escapes_spec_text(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"
        "paths:\n  \"/a\\e[2J\":\n    get:\n      operationId: getA\n"
        "      responses: {'200': {description: ok}}\n"
        "webhooks:\n  \"w\\e]0;x\\a\":\n    post:\n      responses: {'200': {description: ok}}\n"
        "components:\n  schemas:\n"
        "    \"T\\e[31m\":\n      $id: https://x.test/t\n      $dynamicAnchor: \"n\\e[0m\"\n"
        "      items: {$dynamicRef: \"#n\\e[0m\"}\n", "t_");
    if (!r.spec)
        fprintf(stderr, "%s", r.diagnostics);
    assert_non_null(r.spec);
    char *dump = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&dump, &len);
    ir_dump(r.spec, out);
    fclose(out);
    assert_null(strchr(dump, '\033'));
    assert_null(strchr(dump, '\a'));
    assert_non_null(strstr(dump, "#/components/schemas/T\\x1B[31m ARRAY "));
    assert_non_null(strstr(dump, " #n\\x1B[0m->{"));
    assert_non_null(strstr(dump, "op GET /a\\x1B[2J t_get_a ("));
    assert_non_null(strstr(dump, "webhook w\\x1B]0;x\\x07: op POST "));
    free(dump);
    front_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_spec),
        cmocka_unit_test(test_ckinds_and_keywords_30),
        cmocka_unit_test(test_31_json_input),
        cmocka_unit_test(test_nullable_refs_are_the_referenced_type),
        cmocka_unit_test(test_strings_kept_verbatim),
        cmocka_unit_test(test_deep_but_allowed_nesting),
        cmocka_unit_test(test_yaml_scalars_and_aliases),
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_sha256_both_paths_agree),
        cmocka_unit_test(test_dump_shows_dynamic_refs),
        cmocka_unit_test(test_dump_escapes_spec_text),
    };
    if (chdir(OAS_SOURCE_DIR) != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
