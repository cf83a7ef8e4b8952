/* test_overlay.c - Overlay 1.0 documents applied to specs (codegen/overlay.h).
 *
 * Data-driven: every directory in tests/data/overlay/cases holds spec.yaml,
 * overlay.yaml (or overlay-1.yaml, overlay-2.yaml, ... applied in that
 * order), expected.txt (the diagnostics, exactly) and, when the overlays
 * apply, expected.json (the spec afterwards, compared as canonical JSON).
 * Then hostile overlays, escaping, positions of overlay-added content in
 * later diagnostics, and one binding generated end to end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "emit.h"
#include "ir.h"
#include "jsonpath.h"
#include "overlay.h"
#include "sha256.h"
#include "support_generate.h"
#include "support_json_dump.h"
#include "support_spec.h"
#include "ynode.h"

#define CASES_DIR "tests/data/overlay/cases"

/* Every case listed here must exist; the directory may hold no others. */
static const char *const cases[] = {
    "action_order",        "aliases",          "bad_document",         "bad_target_syntax",
    "ld_beta",             "missing_overlay_key", "nothing_selected",  "remove",
    "remove_root",         "two_overlays",     "unsupported_slice",    "update_member_mismatch",
    "update_merge",        "update_scalar_target", "update_sequence",  "update_type_mismatch",
    "update_value_aliases",
};
#define CASE_COUNT (sizeof cases / sizeof *cases)
#define MAX_OVERLAYS 8

typedef struct applied {
    ydoc *spec;
    overlay *overlays[MAX_OVERLAYS];
    size_t overlay_count;
    char *diagnostics;
    size_t errors;
    int rc;  /* 0: every overlay loaded and applied */
} applied;

/* Loads the spec and the overlays (named as given, for messages) and
 * applies them in order. */
static applied apply_texts(const char *spec_text, const char *const *names,
                           const char *const *texts, size_t count)
{
    applied a = {0};
    size_t len = 0;
    FILE *out = open_memstream(&a.diagnostics, &len);
    diag d;
    diag_init(&d, out);
    a.spec = ydoc_load_buffer("spec.yaml", spec_text, strlen(spec_text), &d);
    a.rc = a.spec ? 0 : -1;
    for (size_t i = 0; i < count && a.rc == 0; i++) {
        a.overlays[i] = overlay_load_buffer(names[i], texts[i], strlen(texts[i]), &d);
        a.overlay_count = i + 1;
        if (!a.overlays[i])
            a.rc = -1;
    }
    for (size_t i = 0; i < count && a.rc == 0; i++)
        a.rc = overlay_apply(a.overlays[i], a.spec, &d);
    fclose(out);
    a.errors = d.errors;
    return a;
}

static void applied_free(applied *a)
{
    ydoc_free(a->spec);
    for (size_t i = 0; i < a->overlay_count; i++)
        overlay_free(a->overlays[i]);
    free(a->diagnostics);
}

static char *case_file(const char *name, const char *file)
{
    char path[512];
    snprintf(path, sizeof path, CASES_DIR "/%s/%s", name, file);
    return read_text_file(path);
}

static int check_case(const char *name)
{
    char *spec = case_file(name, "spec.yaml");
    char *expected_text = case_file(name, "expected.txt");
    char *expected_json = case_file(name, "expected.json");
    assert_non_null(spec);
    assert_non_null(expected_text);
    char names[MAX_OVERLAYS][32];
    const char *name_list[MAX_OVERLAYS];
    char *texts[MAX_OVERLAYS];
    size_t count = 0;
    texts[0] = case_file(name, "overlay.yaml");
    bool numbered = !texts[0];
    if (texts[0]) {
        snprintf(names[0], sizeof names[0], "overlay.yaml");
        count = 1;
    }
    while (numbered && count < MAX_OVERLAYS) {
        snprintf(names[count], sizeof names[count], "overlay-%zu.yaml", count + 1);
        texts[count] = case_file(name, names[count]);
        if (!texts[count])
            break;
        count++;
    }
    assert_true(count > 0);
    for (size_t i = 0; i < count; i++)
        name_list[i] = names[i];
    applied a = apply_texts(spec, name_list, (const char *const *)texts, count);
    int failed = 0;
    if (strcmp(a.diagnostics, expected_text) != 0) {
        fprintf(stderr, "case %s: diagnostics\n got:\n%s want:\n%s", name, a.diagnostics,
                expected_text);
        failed = 1;
    }
    if (expected_json) {
        diag d;
        diag_init(&d, stderr);
        ydoc *want = ydoc_load_buffer("expected.json", expected_json, strlen(expected_json), &d);
        assert_non_null(want);
        char *want_dump = json_dump_string(want->root, true);
        char *got_dump = a.rc == 0 ? json_dump_string(a.spec->root, true) : strdup("(failed)");
        if (strcmp(got_dump, want_dump) != 0) {
            fprintf(stderr, "case %s: the spec afterwards\n got:\n%s\n want:\n%s\n", name, got_dump,
                    want_dump);
            failed = 1;
        }
        free(got_dump);
        free(want_dump);
        ydoc_free(want);
    } else if (a.rc == 0 || a.errors == 0) {
        fprintf(stderr, "case %s: applied, but no expected.json says it should\n", name);
        failed = 1;
    }
    applied_free(&a);
    for (size_t i = 0; i < count; i++)
        free(texts[i]);
    free(spec);
    free(expected_text);
    free(expected_json);
    return failed;
}

static void test_each_case(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < CASE_COUNT; i++)
        failures += check_case(cases[i]);
    assert_int_equal(failures, 0);
}

/* A new directory without a row above would silently go untested. */
static void test_no_unlisted_cases(void **state)
{
    (void)state;
    DIR *dir = opendir(CASES_DIR);
    assert_non_null(dir);
    size_t found = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL)
        if (e->d_name[0] != '.')
            found++;
    closedir(dir);
    assert_int_equal(found, CASE_COUNT);
}

/* One overlay on spec_text; its diagnostics (malloc'd). */
static char *diagnostics_of(const char *spec_text, const char *overlay_text)
{
    const char *name = "overlay.yaml";
    applied a = apply_texts(spec_text, &name, &overlay_text, 1);
    char *text = a.diagnostics;
    a.diagnostics = NULL;
    applied_free(&a);
    return text;
}

static char *overlay_with_target(const char *target)
{
    const char *head = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: \"";
    const char *tail = "\"\n    remove: true\n";
    char *text = malloc(strlen(head) + strlen(target) + strlen(tail) + 1);
    sprintf(text, "%s%s%s", head, target, tail);
    return text;
}

static void expect_diagnostics(const char *spec, const char *overlay_text, const char *want)
{
    char *got = diagnostics_of(spec, overlay_text);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "got:  %swant: %s", got, want);
    assert_string_equal(got, want);
    free(got);
}

static char *repeat(const char *unit, size_t times)
{
    char *s = malloc(strlen(unit) * times + 1);
    s[0] = '\0';
    for (size_t i = 0; i < times; i++)
        strcat(s, unit);
    return s;
}

static void test_hostile_targets(void **state)
{
    (void)state;
    /* Deep nesting: refused with its place, whatever the depth. */
    char *filters = repeat("[?@", 40);
    char *target = malloc(strlen(filters) + 2);
    sprintf(target, "$%s", filters);
    char *text = overlay_with_target(target);
    expect_diagnostics("a: 1\n", text,
                       "overlay.yaml:4:13: error: target at character 99: nesting deeper than 32 "
                       "levels (filters, parentheses, function calls)\n");
    free(text);
    free(target);
    free(filters);
    /* A very long target: refused before parsing. */
    char *names = repeat(".a", 50000);
    target = malloc(strlen(names) + 2);
    sprintf(target, "$%s", names);
    text = overlay_with_target(target);
    expect_diagnostics("a: 1\n", text,
                       "overlay.yaml:4:13: error: target at character 4097: the query is 100001 "
                       "bytes long; the limit is 4096\n");
    free(text);
    free(target);
    free(names);
    /* A target whose evaluation runs away stops at the work limit. */
    char *nested = repeat("[", 300), *closing = repeat("]", 300);
    char *spec = malloc(700);
    sprintf(spec, "a: %s%s\n", nested, closing);
    text = overlay_with_target("$..*[?@..*[?@..*[?@..*]]]");
    jsonpath_set_work_limit(1000);
    expect_diagnostics(spec, text,
                       "overlay.yaml:4:13: error: target \"$..*[?@..*[?@..*[?@..*]]]\": evaluating "
                       "the query takes more than 1000 steps (nodes visited, values compared)\n");
    jsonpath_set_work_limit(0);
    free(text);
    free(spec);
    free(nested);
    free(closing);
}

/* A spec whose x nests 400 levels ({a: {a: ... 1}}) beside y: {}, and an
 * overlay giving each of targets in turn an update value 150 levels deep:
 * its diagnostics are want. */
static void expect_deep_updates(const char *const *targets, size_t count, const char *want)
{
    char *open = repeat("{a: ", 400), *close = repeat("}", 400);
    char *spec = malloc(strlen(open) + strlen(close) + 16);
    sprintf(spec, "x: %s1%s\ny: {}\n", open, close);
    char *value = repeat("[", 150), *value_close = repeat("]", 150);
    size_t cap = 128 + count * (64 + strlen(value) + strlen(value_close)), n = 0;
    char *overlay_text = malloc(cap);
    n += (size_t)snprintf(overlay_text, cap,
                          "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n");
    for (size_t i = 0; i < count; i++)
        n += (size_t)snprintf(overlay_text + n, cap - n, "  - target: %s\n    update: {u%zu: %s%s}\n",
                              targets[i], i, value, value_close);
    expect_diagnostics(spec, overlay_text, want);
    free(overlay_text);
    free(value);
    free(value_close);
    free(spec);
    free(open);
    free(close);
}

/* The spec may not end up deeper than the loader lets a spec be. */
static void test_depth_after_update(void **state)
{
    (void)state;
    const char *const targets[] = {"$..[?@.a == 1]"};
    expect_deep_updates(targets, 1,
                        "overlay.yaml:4:13: error: after this action the spec nests deeper than "
                        "the limit of 500 levels\n");
}

/* Near the limit the depth is worked out again rather than bounded by
 * what updates can add: 150 levels twice at y, 400 under x, is 400. */
static void test_depth_near_the_limit_after_update(void **state)
{
    (void)state;
    const char *const targets[] = {"$.y", "$.y"};
    expect_deep_updates(targets, 2, "");
}

/* What an overlay may add is bounded: updates copied to many targets, and
 * aliased nodes copied so that one place can change alone. */
static void test_node_budget(void **state)
{
    (void)state;
    overlay_set_node_budget(50);
    expect_diagnostics("items: [{}, {}, {}, {}, {}, {}, {}, {}, {}, {}]\n",
                       "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n"
                       "  - target: $.items[*]\n    update: {a: 1, b: 2, c: 3, d: 4}\n",
                       "overlay.yaml:5:29: error: applying the overlay adds more than 50 nodes to "
                       "the spec (aliased or repeated content copied for every place)\n");
    char *aliases = repeat(", *b", 60);
    char *spec = malloc(strlen(aliases) + 64);
    sprintf(spec, "base: &b {k: 1}\nlist: [*b%s]\n", aliases);
    expect_diagnostics(spec,
                       "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n"
                       "  - target: $.list[0].k\n    remove: true\n",
                       "overlay.yaml:4:13: error: applying the overlay adds more than 50 nodes to "
                       "the spec (aliased or repeated content copied for every place)\n");
    overlay_set_node_budget(0);
    free(spec);
    free(aliases);
}

/* Overlay text reaches messages escaped for the terminal, as spec text
 * does (diag.c, oas_terminal_text.h). */
static void test_messages_escape_overlay_text(void **state)
{
    (void)state;
    char *text = overlay_with_target("$.a\\e[31m");
    expect_diagnostics("a: 1\n", text,
                       "overlay.yaml:4:13: error: target \"$.a\\x1B[31m\" at character 4: "
                       "unexpected U+001B\n");
    free(text);
    text = overlay_with_target("$\\r\\n.b");
    expect_diagnostics("a: 1\n", text,
                       "overlay.yaml:4:13: note: target \"$\\x0D\\x0A.b\" selects nothing; the action "
                       "changes nothing\n");
    free(text);
    expect_diagnostics("a: 1\n",
                       "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: [{target: $.a, "
                       "remove: true}]\n\"x-ok\": 1\n\"\\e]0;title\\a\": 1\n",
                       "overlay.yaml:5:1: error: unknown key \"\\x1B]0;title\\x07\" in the overlay "
                       "(overlay, info, extends, actions and x-... are allowed)\n");
}

/* Content an overlay adds is located in the overlay by later stages. */
static void test_added_content_is_located_in_the_overlay(void **state)
{
    (void)state;
    const char *spec_text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
    const char *overlay_text = "overlay: 1.0.0\n"
                               "info: {title: t, version: '1'}\n"
                               "actions:\n"
                               "  - target: $\n"
                               "    update:\n"
                               "      components:\n"
                               "        schemas:\n"
                               "          A: {type: bogus}\n";
    const char *name = "profile.yaml";
    applied a = apply_texts(spec_text, &name, &overlay_text, 1);
    assert_int_equal(a.rc, 0);
    size_t len = 0;
    char *messages = NULL;
    FILE *out = open_memstream(&messages, &len);
    diag d;
    diag_init(&d, out);
    ir_spec *spec = ir_build(a.spec, "t_", &d);
    fclose(out);
    assert_null(spec);
    assert_string_equal(messages, "profile.yaml:8:21: error: unknown type \"bogus\"\n");
    free(messages);
    applied_free(&a);
}

static const char e2e_spec[] =
    "openapi: 3.0.3\n"
    "info: {title: Beta shop, version: '1.0'}\n"
    "servers:\n"
    "  - url: https://api.example.com\n"
    "paths:\n"
    "  /scores:\n"
    "    get:\n"
    "      operationId: getScores\n"
    "      tags: [Insights (beta)]\n"
    "      parameters:\n"
    "        - {name: project, in: query, required: true, schema: {type: string}}\n"
    "      responses:\n"
    "        '200':\n"
    "          description: ok\n"
    "          content:\n"
    "            application/json:\n"
    "              schema: {type: object}\n";

static const char e2e_overlay[] =
    "overlay: 1.0.0\n"
    "info: {title: vendor profile, version: '1'}\n"
    "actions:\n"
    "  - target: $.servers\n"
    "    update: {url: 'https://eu.example.com'}\n"
    "  - target: $.paths.*[?@.tags[?search(@, '\\\\(beta\\\\)')] && "
    "!@.parameters[?@.name == 'LD-API-Version']]\n"
    "    update:\n"
    "      parameters:\n"
    "        - {name: LD-API-Version, in: header, required: true,\n"
    "           schema: {type: string, enum: [beta]}}\n";

static int emit_all(const emit_ctx *ctx)
{
    int (*const emitters[])(const emit_ctx *) = {emit_model_header, emit_model_source, emit_validate,
                                                 emit_registry_source, emit_ops};
    for (size_t i = 0; i < sizeof emitters / sizeof *emitters; i++)
        if (emitters[i](ctx) != 0)
            return -1;
    return 0;
}

/* oas2c's pipeline with an overlay: the binding's registry has the added
 * server and header parameter, its banner names the overlay, and it
 * compiles. */
static void test_binding_from_spec_and_overlay(void **state)
{
    (void)state;
    const char *name = "profile.yaml";
    const char *texts[] = {e2e_overlay};
    applied a = apply_texts(e2e_spec, &name, texts, 1);
    assert_string_equal(a.diagnostics, "");
    assert_int_equal(a.rc, 0);
    diag d;
    diag_init(&d, stderr);
    ir_spec *spec = ir_build(a.spec, "t_", &d);
    assert_non_null(spec);
    assert_int_equal(ir_resolve(spec, &d), 0);
    char dir[64];
    make_temp_dir(dir, sizeof dir, "overlay");
    emit_input inputs[] = {{overlay_path(a.overlays[0]), overlay_sha256(a.overlays[0])}};
    emit_ctx ctx = {.spec = spec, .outdir = dir, .d = &d, .overlays = inputs, .overlay_count = 1};
    assert_int_equal(emit_all(&ctx), 0);

    char path[128], spec_sha[65], overlay_sha[65], want[512];
    snprintf(path, sizeof path, "%s/t_registry.c", dir);
    char *registry = read_text_file(path);
    assert_non_null(registry);
    sha256_hex(e2e_spec, strlen(e2e_spec), spec_sha);
    sha256_hex(e2e_overlay, strlen(e2e_overlay), overlay_sha);
    snprintf(want, sizeof want,
             "/* Generated by oas2c " OAS2C_VERSION " from spec.yaml (sha256 %s) with overlay "
             "profile.yaml (sha256 %s). Do not edit. */\n",
             spec_sha, overlay_sha);
    assert_memory_equal(registry, want, strlen(want));
    const char *lines[] = {
        "    {\"LD-API-Version\", \"header\", 1, \"#/paths/~1scores/get/parameters/1/schema\", "
        "t_get_scores_ld_api_version_param_validate_node,\n",
        "    {\"default\", \"https://api.example.com\", NULL, 0},\n"
        "    {\"server1\", \"https://eu.example.com\", NULL, 0},\n",
        /* the header admits one value: the client sends it by itself */
        "OAS_PARAM_PRIMITIVE, OAS_TEXT_STRING, \"beta\", 0},\n",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        if (!strstr(registry, lines[i]))
            fprintf(stderr, "missing from the registry: %s", lines[i]);
        assert_non_null(strstr(registry, lines[i]));
    }
    /* The registry's digest stays the spec's own. */
    snprintf(want, sizeof want, "\"Beta shop\", \"1.0\", \"spec.yaml\", \"%s\",\n", spec_sha);
    assert_non_null(strstr(registry, want));
    free(registry);
    assert_int_equal(compile_generated_sources(dir, "t_"), -1);

    ir_spec_free(spec);
    applied_free(&a);
    run_command("rm -rf %s", dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_case),
        cmocka_unit_test(test_no_unlisted_cases),
        cmocka_unit_test(test_hostile_targets),
        cmocka_unit_test(test_depth_after_update),
        cmocka_unit_test(test_depth_near_the_limit_after_update),
        cmocka_unit_test(test_node_budget),
        cmocka_unit_test(test_messages_escape_overlay_text),
        cmocka_unit_test(test_added_content_is_located_in_the_overlay),
        cmocka_unit_test(test_binding_from_spec_and_overlay),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
