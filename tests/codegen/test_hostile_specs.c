/* test_hostile_specs.c - specs written by strangers through the real
 * generator pipeline (load -> build -> resolve -> every emitter):
 *  - alias bombs, 100,000-deep nesting, $ref cycles and external $refs end
 *    in one clear error, never a crash, at a cost (allocations, map keys
 *    compared) linear in the spec's length;
 *  - strings holding comment terminators, quotes, backslashes, newlines,
 *    printf conversions and trigraphs are emitted so that the C compiles
 *    with `cc -std=c11 -Wall -Wextra -Werror` and means the same: a checker
 *    program linked with the generated model reads each enum string back;
 *  - a 10,000-schema spec generates in bounded time;
 *  - chains whose levels share branches through each schema keyword cost
 *    work that grows with the spec, not with the paths through it. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "diag.h"
#include "emit.h"
#include "ir.h"
#include "oc_alloc.h"
#include "support_generate.h"
#include "ynode.h"

#define CC_FLAGS "-std=c11 -Wall -Wextra -Werror " OAS_TEST_CC_SANITIZE

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct gen_result {
    int rc;             /* 0 generated, -1 a stage failed */
    char *diagnostics;  /* malloc'd */
    double seconds;
} gen_result;

/* The whole pipeline on text; outdir NULL stops after resolve. */
static gen_result generate(const char *text, size_t len, const char *outdir)
{
    gen_result g = {-1, NULL, 0};
    size_t dlen = 0;
    FILE *dout = open_memstream(&g.diagnostics, &dlen);
    assert_non_null(dout);
    diag d;
    diag_init(&d, dout);
    double start = now_s();
    ydoc *doc = ydoc_load_buffer("hostile.yaml", text, len, &d);
    ir_spec *spec = doc ? ir_build(doc, "hs_", &d) : NULL;
    ydoc_free(doc);
    if (spec && ir_resolve(spec, &d) == 0) {
        g.rc = 0;
        if (outdir) {
            emit_ctx ctx = {.spec = spec, .outdir = outdir, .d = &d};
            int (*const emitters[])(const emit_ctx *) = {emit_model_header, emit_model_source,
                                                         emit_validate, emit_registry_source,
                                                         emit_ops};
            for (size_t i = 0; g.rc == 0 && i < sizeof emitters / sizeof *emitters; i++)
                g.rc = emitters[i](&ctx);
        }
    }
    ir_spec_free(spec);
    g.seconds = now_s() - start;
    fclose(dout);
    return g;
}

/* What refusing a spec may cost, counted rather than timed (a time limit
 * breaks under load or valgrind). Measured (spec bytes: allocations, key
 * comparisons): alias bomb 674: 19, 0; 100,000 deep 200,065 and 500,065:
 * 26 and 33, 0; $ref cycles 210 and 119: 70 and 45, 21 and 6; external
 * $refs 118 and 126: 37, 6. The most per byte, 0.38 allocations (a small
 * spec's, mostly the fixed cost of any spec) and 0.1 comparisons, times 4
 * and 5 give the bounds, plus a little for specs shorter than these. They
 * catch work that outgrows the text (the alias bomb expanded eagerly up to
 * its budget: 1,449 allocations), not work merely linear in it (the loader
 * takes nodes from 64 KiB arena blocks: the 100,000-deep trees built whole
 * before their refusal cost 204 and 389). */
#define REJECTED_ALLOCATIONS(len) ((len) * 3 / 2 + 32)
#define REJECTED_COMPARISONS(len) ((len) / 2 + 32)

static void expect_rejected(const char *text, size_t len, const char *message_part)
{
    unsigned long allocations = oc_alloc_count(), comparisons = ynode_key_comparisons();
    gen_result g = generate(text, len, NULL);
    allocations = oc_alloc_count() - allocations;
    comparisons = ynode_key_comparisons() - comparisons;
    if (g.rc == 0 || !strstr(g.diagnostics, message_part))
        fail_msg("expected an error containing \"%s\", got rc %d: %s", message_part, g.rc,
                 g.diagnostics);
    assert_non_null(strstr(g.diagnostics, "hostile.yaml:"));
    unsigned long allocations_bound = REJECTED_ALLOCATIONS(len);
    unsigned long comparisons_bound = REJECTED_COMPARISONS(len);
    if (allocations > allocations_bound || comparisons > comparisons_bound)
        fail_msg("\"%s\" after %zu bytes: %lu allocations (bound %lu), %lu key comparisons "
                 "(bound %lu)", message_part, len, allocations, allocations_bound, comparisons,
                 comparisons_bound);
    free(g.diagnostics);
}

#define HEAD "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"

/* Ten levels of ten aliases: 10^10 nodes if expanded. */
static void test_alias_bomb(void **state)
{
    (void)state;
    char text[4096];
    int n = snprintf(text, sizeof text, HEAD "x-bomb:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
        n += snprintf(text + n, sizeof text - (size_t)n, "  a%d: &a%d [", i, i);
        for (int j = 0; j < 10; j++)
            n += snprintf(text + n, sizeof text - (size_t)n, "%s*a%d", j ? ", " : "", i - 1);
        n += snprintf(text + n, sizeof text - (size_t)n, "]\n");
    }
    expect_rejected(text, (size_t)n, "alias expansion exceeds the budget");
}

static char *deep_text(size_t depth, const char *open, const char *close, size_t *len)
{
    size_t head = strlen(HEAD "x-deep: ");
    char *s = malloc(head + depth * (strlen(open) + strlen(close)) + 2);
    assert_non_null(s);
    char *p = s + sprintf(s, HEAD "x-deep: ");
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "%s", open);
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "%s", close);
    *p++ = '\n';
    *len = (size_t)(p - s);
    return s;
}

static void test_deep_nesting(void **state)
{
    (void)state;
    size_t len;
    char *s = deep_text(100000, "[", "]", &len);
    expect_rejected(s, len, "nesting deeper than the limit");
    free(s);
    s = deep_text(100000, "{a: ", "}", &len);
    expect_rejected(s, len, "nesting deeper than the limit");
    free(s);
}

static void test_ref_cycle_and_external_ref(void **state)
{
    (void)state;
    static const char cycle[] = HEAD "components:\n  schemas:\n"
                                     "    A: {$ref: '#/components/schemas/B'}\n"
                                     "    B: {allOf: [{$ref: '#/components/schemas/C'}]}\n"
                                     "    C: {$ref: '#/components/schemas/A'}\n";
    expect_rejected(cycle, sizeof cycle - 1, "cycle");
    static const char self[] = HEAD "components:\n  schemas:\n"
                                    "    A: {$ref: '#/components/schemas/A'}\n";
    expect_rejected(self, sizeof self - 1, "cycle");
    static const char external[] = HEAD "components:\n  schemas:\n"
                                        "    A: {$ref: 'file:///etc/passwd#/x'}\n";
    expect_rejected(external, sizeof external - 1, "external $ref not supported");
    static const char remote[] = HEAD "components:\n  schemas:\n"
                                      "    A: {$ref: 'https://example.com/s.yaml#/B'}\n";
    expect_rejected(remote, sizeof remote - 1, "external $ref not supported");
}

/* Strings that would break or inject into C if emitted naively. Each is
 * an enum value; the spec carries them as YAML double-quoted strings. */
static const char *const hostile_values[] = {
    "*/ int injected; /*", "\"); system(\"id\"); (\"", "back\\slash\\", "line\nbreak\r\n",
    "%s%n%x%%", "?\?/ trigraph ?\?=", "tab\there", "caf\xc3\xa9 \xe2\x82\xac", "// c++ comment",
    "#define X 1", "\\u0041",
};
#define HOSTILE_COUNT (sizeof hostile_values / sizeof *hostile_values)

/* YAML double-quoted form: escape '"' and '\\', spell controls as \n etc. */
static void put_yaml_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        switch (*s) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default: fputc(*s, f);
        }
    }
    fputc('"', f);
}

/* A C string literal of s in hex escapes only (split so a following hex
 * digit cannot extend an escape): obviously correct, whatever s holds. */
static void put_c_hex_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++)
        fprintf(f, "\\x%02x\" \"", (unsigned char)*s);
    fputc('"', f);
}

static void write_hostile_spec(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("openapi: 3.1.0\ninfo: {title: ", f);
    put_yaml_string(f, "API */ with \"quotes\" \\ and %n\nnewline ?\?/");
    fputs(", version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Hostile:\n", f);
    fputs("      type: object\n      description: ", f);
    put_yaml_string(f, "ends */ here; /* \"q\" \\ %s\n?\?/\nlast line \\");
    fputs("\n      properties:\n        e:\n          description: ", f);
    put_yaml_string(f, "*/ #include <stdio.h> /*");
    fputs("\n          type: string\n          enum:\n", f);
    for (size_t i = 0; i < HOSTILE_COUNT; i++) {
        fputs("            - ", f);
        put_yaml_string(f, hostile_values[i]);
        fputc('\n', f);
    }
    fputs("        ", f);
    put_yaml_string(f, "we*/ird\"name\\");
    fputs(":\n          type: string\n          pattern: ", f);
    put_yaml_string(f, "^[a-z\\\\\"*/]*$");
    fputc('\n', f);
    fclose(f);
}

/* A program that parses {"e": <value i>} with the generated model and
 * checks it selects enum value i + 1 with the exact string. */
static void write_checker(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("#include <string.h>\n#include \"hs_model.h\"\n#include \"oas_buf.h\"\n"
          "static const char *const values[] = {\n", f);
    for (size_t i = 0; i < HOSTILE_COUNT; i++) {
        put_c_hex_string(f, hostile_values[i]);
        fputs(",\n", f);
    }
    fputs("};\nint main(void)\n{\n"
          "    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {\n"
          "        oas_buf doc = OAS_BUF_INIT;\n"
          "        oas_buf_puts(&doc, \"{\\\"e\\\":\");\n"
          "        oas_buf_json_string(&doc, values[i], strlen(values[i]));\n"
          "        oas_buf_putc(&doc, '}');\n"
          "        hs_hostile v;\n        oas_error err;\n"
          "        if (hs_hostile_parse(doc.data, doc.len, &v, &err) != OAS_OK)\n"
          "            return 10;\n"
          "        if ((int)v.e.value != (int)i + 1 || strcmp(v.e.str, values[i]) != 0)\n"
          "            return 20 + (int)i;\n"
          "        hs_hostile_free(&v);\n        oas_buf_free(&doc);\n    }\n"
          "    return 0;\n}\n",
          f);
    fclose(f);
}

static int run(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

static void test_hostile_strings_compile_and_round_trip(void **state)
{
    (void)state;
    char dir[] = "/tmp/oas2c-hostile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char spec_path[256], checker[256];
    snprintf(spec_path, sizeof spec_path, "%s/hostile.yaml", dir);
    snprintf(checker, sizeof checker, "%s/checker.c", dir);
    write_hostile_spec(spec_path);
    char *text = NULL;
    size_t len = 0;
    FILE *f = fopen(spec_path, "rb");
    assert_non_null(f);
    FILE *m = open_memstream(&text, &len);
    int c;
    while ((c = fgetc(f)) != EOF)
        fputc(c, m);
    fclose(f);
    fclose(m);
    gen_result g = generate(text, len, dir);
    if (g.rc != 0)
        fail_msg("generation failed: %s", g.diagnostics);
    free(g.diagnostics);
    free(text);
    static const char *const units[] = {"hs_model.c", "hs_validate.c", "hs_registry.c",
                                        "hs_ops.c"};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (run("cc " CC_FLAGS " -I%s/runtime/include/oas -I%s -c %s/%s -o %s/%zu.o", OAS_SOURCE_DIR, dir,
                dir, units[i], dir, i) != 0)
            fail_msg("%s/%s does not compile cleanly", dir, units[i]);
    write_checker(checker);
    assert_int_equal(run("cc " CC_FLAGS " -I%s/runtime/include/oas -I%s %s %s/0.o %s/liboas_runtime.a "
                         "-lcjson -lcurl -lm -o %s/checker",
                         OAS_SOURCE_DIR, dir, checker, dir, OAS_BINARY_DIR, dir),
                     0);
    assert_int_equal(run("%s/checker", dir), 0);
    run("rm -rf %s", dir);
}

/* The generator's work on a spec: allocations, and map keys compared while
 * following $refs. */
typedef struct generator_work {
    unsigned long allocations, key_comparisons;
} generator_work;

/* n component schemas, each an object referring to the next, generated
 * into a fresh directory. */
static generator_work generate_chain_of_schemas(int n, bool check_last)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fputs(HEAD "components:\n  schemas:\n", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "    S%d:\n      type: object\n      required: [n]\n      properties:\n"
                   "        n: {type: integer, format: int64}\n"
                   "        next: {$ref: '#/components/schemas/S%d'}\n",
                i, (i + 1) % n);
    fclose(f);
    char dir[] = "/tmp/oas2c-many-XXXXXX";
    assert_non_null(mkdtemp(dir));
    unsigned long allocations = oc_alloc_count(), comparisons = ynode_key_comparisons();
    gen_result g = generate(text, len, dir);
    generator_work work = {oc_alloc_count() - allocations, ynode_key_comparisons() - comparisons};
    if (g.rc != 0)
        fail_msg("generation failed: %s", g.diagnostics);
    printf("%d schemas generated in %.2f s, %lu allocations, %lu key comparisons\n", n, g.seconds,
           work.allocations, work.key_comparisons);
    if (check_last)
        assert_int_equal(run("grep -q 'hs_s%d_parse' %s/hs_model.h", n - 1, dir), 0);
    free(g.diagnostics);
    free(text);
    run("rm -rf %s", dir);
    return work;
}

/* 10,000 component schemas generate, and the work grows linearly: twice
 * the schemas, about twice the allocations and twice the map keys compared
 * (a step that redid its work per schema, or looked each $ref up among all
 * the schemas one by one, would show four times). Counted, not timed: the
 * time depends on the machine and its load (and valgrind's). */
static void test_ten_thousand_schemas(void **state)
{
    (void)state;
    generator_work half = generate_chain_of_schemas(5000, false);
    generator_work whole = generate_chain_of_schemas(10000, true);
    if ((double)whole.allocations > 2.2 * (double)half.allocations ||
        (double)whole.key_comparisons > 2.2 * (double)half.key_comparisons)
        fail_msg("10,000 schemas: %lu allocations, %lu key comparisons; 5,000: %lu and %lu",
                 whole.allocations, whole.key_comparisons, half.allocations, half.key_comparisons);
}

/* Forty levels of `level` (printf: this level's number, then the next's
 * three times), the last accepting null, and an operation whose response
 * is level 0 (so an example is synthesized): every path through the
 * branches is one of 3^40, so what a level demands must be worked out once
 * per schema or within a bound, not once per path. Returns what the
 * generator reported (malloc'd). */
static char *generate_shared_chain(const char *level)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fputs("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n"
          "      operationId: getX\n      responses:\n        '200':\n"
          "          description: ok\n          content:\n            application/json:\n"
          "              schema: {$ref: '#/components/schemas/L0'}\n"
          "components:\n  schemas:\n", f);
    for (int i = 0; i < 40; i++)
        fprintf(f, level, i, i + 1, i + 1, i + 1);
    fputs("    L40: {type: [string, 'null']}\n", f);
    fclose(f);
    char dir[] = "/tmp/oas2c-shared-XXXXXX";
    assert_non_null(mkdtemp(dir));
    gen_result g = generate(text, len, dir);
    if (g.rc != 0)
        fail_msg("generation failed: %s", g.diagnostics);
    assert_int_equal(run("grep -q 'hs_l0_parse' %s/hs_model.h", dir), 0);
    assert_int_equal(run("grep -q '\"L0\", .*hs_get_x_200_body_validate_node' %s/hs_registry.c", dir), 0);
    free(text);
    run("rm -rf %s", dir);
    return g.diagnostics;
}

#define SHARED(kw) "    L%d: {" kw ": [{$ref: '#/components/schemas/L%d'}, " \
                   "{$ref: '#/components/schemas/L%d'}, {$ref: '#/components/schemas/L%d'}]}\n"

/* The typed model asks whether each level accepts null. */
static void test_shared_any_of_branches_worked_out_once(void **state)
{
    (void)state;
    char *diagnostics = generate_shared_chain(SHARED("anyOf"));
    assert_string_equal(diagnostics, "");
    free(diagnostics);
}

/* The example synthesizer compares oneOf branches, merges allOf branches,
 * and tries `if` before `then` or `else`. */
static void test_shared_branches_bound_example_work(void **state)
{
    (void)state;
    /* Each level's view is built once, so the example is synthesized
       (no note that it was given up). */
    char *diagnostics = generate_shared_chain(SHARED("oneOf"));
    assert_string_equal(diagnostics, "");
    free(diagnostics);
    diagnostics = generate_shared_chain(SHARED("allOf"));
    assert_string_equal(diagnostics, "");
    free(diagnostics);
    diagnostics = generate_shared_chain("    L%d: {if: {$ref: '#/components/schemas/L%d'}, "
                                        "then: {$ref: '#/components/schemas/L%d'}, "
                                        "else: {$ref: '#/components/schemas/L%d'}}\n");
    assert_string_equal(diagnostics, "");
    free(diagnostics);
}

/* A response whose schema's smallest instance is past the example budget
 * has no synthesized example, and the generator says which and where. */
static void test_example_past_budget_is_noted(void **state)
{
    (void)state;
    static const char spec[] =
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n"
        "      operationId: getX\n      responses:\n        '200':\n"
        "          description: ok\n          content:\n            application/json:\n"
        "              schema: {type: string, minLength: 1000000000}\n";
    char dir[] = "/tmp/oas2c-budget-XXXXXX";
    assert_non_null(mkdtemp(dir));
    gen_result g = generate(spec, sizeof spec - 1, dir);
    assert_int_equal(g.rc, 0);
    assert_string_equal(g.diagnostics,
                        "hostile.yaml:8:9: note: no example synthesized for response 200: an "
                        "instance of its schema would exceed 1 MiB, merge more than 100,000 "
                        "schemas, nest values more than 48 deep or chain $ref/allOf more than 256 "
                        "deep (give it an `example`)\n");
    free(g.diagnostics);
    run("rm -rf %s", dir);
}

/* The spec of a response whose schema is component L0 of `levels`
 * components, L<i> holding `body` with %d the next level's index, the
 * last one `last`. */
static char *deep_chain_spec(int levels, const char *body, const char *last)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    fputs("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n"
          "      operationId: getX\n      responses:\n        '200':\n"
          "          description: ok\n          content:\n            application/json:\n"
          "              schema: {$ref: '#/components/schemas/L0'}\n"
          "components:\n  schemas:\n", f);
    for (int i = 0; i < levels; i++) {
        fprintf(f, "    L%d: ", i);
        if (i + 1 < levels)
            fprintf(f, body, i + 1);
        else
            fputs(last, f);
        fputc('\n', f);
    }
    assert_int_equal(fclose(f), 0);
    return text;
}

/* Deeper than the synthesizer goes, a required chain of objects or a
 * chain of allOf: no example (before, a null at the depth limit or a
 * merge that stopped short gave one the schema refuses), and the note. */
static void test_example_past_depth_limits_is_noted(void **state)
{
    (void)state;
    const char *note = "hostile.yaml:8:9: note: no example synthesized for response 200: an "
                       "instance of its schema would exceed 1 MiB, merge more than 100,000 "
                       "schemas, nest values more than 48 deep or chain $ref/allOf more than 256 "
                       "deep (give it an `example`)\n";
    const char *bodies[] = {
        "{type: object, required: [n], properties: {n: {$ref: '#/components/schemas/L%d'}}}",
        "{allOf: [{$ref: '#/components/schemas/L%d'}]}",
    };
    const char *last = "{type: object, required: [x], properties: {x: {type: integer, minimum: 5}}}";
    /* Levels within the limits (an example, no note) and past them: an
       object per level nests values; an allOf level chains two schemas
       (the allOf entry and its $ref's target). */
    const int within[] = {40, 100}, past[] = {70, 140};
    for (size_t k = 0; k < 2; k++) {
        for (int pass = 0; pass < 2; pass++) {
            int levels = pass ? past[k] : within[k];
            char *spec = deep_chain_spec(levels, bodies[k], last);
            char dir[] = "/tmp/oas2c-depth-XXXXXX";
            assert_non_null(mkdtemp(dir));
            gen_result g = generate(spec, strlen(spec), dir);
            assert_int_equal(g.rc, 0);
            assert_string_equal(g.diagnostics, pass ? note : "");
            free(g.diagnostics);
            run("rm -rf %s", dir);
            free(spec);
        }
    }
}

/* Shared-branch chains: level i refers to level i + 1 twice through one
 * keyword (`%1$s` in a template below is that reference, `%2$s` the bare
 * pointer for discriminator mappings), the last level accepting null or a
 * string. A walk that visits level i + 1 once per way of reaching it costs
 * 2^N; one that works each schema out once (or within a shared budget)
 * costs about N. Work is the generator's allocation count over the whole
 * pipeline (front end and every emitter, examples included), compared at
 * N and 2N: deterministic, unlike time. */
typedef struct chain_case {
    const char *keyword;
    const char *level; /* printf template of one level */
} chain_case;

static const chain_case chain_cases[] = {
    {"allOf", "{allOf: [%1$s, %1$s]}"},
    {"anyOf", "{anyOf: [%1$s, %1$s]}"},
    {"oneOf", "{oneOf: [%1$s, %1$s]}"},
    {"not", "{not: %1$s, allOf: [{not: %1$s}]}"},
    {"if/then/else", "{if: %1$s, then: %1$s, else: %1$s}"},
    {"properties", "{type: object, properties: {a: %1$s, b: %1$s}}"},
    {"items", "{type: array, items: %1$s, allOf: [{type: array, items: %1$s}]}"},
    {"prefixItems", "{type: array, prefixItems: [%1$s, %1$s]}"},
    {"additionalProperties",
     "{type: object, additionalProperties: %1$s, allOf: [{additionalProperties: %1$s}]}"},
    {"patternProperties", "{type: object, patternProperties: {'^a': %1$s, '^b': %1$s}}"},
    {"dependentSchemas", "{type: object, dependentSchemas: {a: %1$s, b: %1$s}}"},
    {"contains", "{type: array, contains: %1$s, allOf: [{contains: %1$s}]}"},
    {"propertyNames", "{type: object, propertyNames: %1$s, allOf: [{propertyNames: %1$s}]}"},
    {"unevaluatedProperties",
     "{type: object, unevaluatedProperties: %1$s, allOf: [{unevaluatedProperties: %1$s}]}"},
    {"discriminator mapping",
     "{type: object, properties: {k: {type: string}}, required: [k], oneOf: [%1$s], "
     "discriminator: {propertyName: k, mapping: {a: '%2$s', b: '%2$s'}}}"},
    {"$ref", "{$ref: '%2$s', description: level}"},
    /* members and items whose views each compare oneOf branches */
    {"properties beside oneOf",
     "{type: object, properties: {a: %1$s, b: %1$s}, oneOf: [%1$s, %1$s]}"},
    {"prefixItems beside oneOf",
     "{type: array, minItems: 2, prefixItems: [%1$s, %1$s], oneOf: [%1$s, %1$s]}"},
};

/* The levels as components, or inline: in the `$defs` of the operation's
 * own response schema, reached by JSON pointer. */
#define CHAIN_INLINE_BASE "#/paths/~1x/get/responses/200/content/application~1json/schema/$defs/L"

static char *chain_spec(const chain_case *c, int levels, bool inline_levels, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    assert_non_null(f);
    const char *base = inline_levels ? CHAIN_INLINE_BASE : "#/components/schemas/L";
    const char *indent = inline_levels ? "                  " : "    ";
    fputs("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n"
          "      operationId: getX\n      responses:\n        '200':\n"
          "          description: ok\n          content:\n            application/json:\n", f);
    if (inline_levels)
        fprintf(f, "              schema:\n                $ref: '%s0'\n                $defs:\n", base);
    else
        fprintf(f, "              schema: {$ref: '%s0'}\ncomponents:\n  schemas:\n", base);
    for (int i = 0; i < levels; i++) {
        char target[160], ref[200];
        snprintf(target, sizeof target, "%s%d", base, i + 1);
        snprintf(ref, sizeof ref, "{$ref: '%s'}", target);
        fprintf(f, "%sL%d: ", indent, i);
        fprintf(f, c->level, ref, target);
        fputc('\n', f);
    }
    fprintf(f, "%sL%d: {type: [object, string, 'null'], properties: {k: {type: string}}}\n", indent,
            levels);
    fclose(f);
    return text;
}

/* Allocations the whole pipeline makes on the chain of `levels` levels. */
static unsigned long chain_work(const chain_case *c, int levels, bool inline_levels)
{
    size_t len;
    char *text = chain_spec(c, levels, inline_levels, &len);
    char dir[64];
    make_temp_dir(dir, sizeof dir, "chain");
    char *diagnostics;
    unsigned long before = oc_alloc_count();
    int rc = generate_binding("chain.yaml", text, len, "hs_", dir, &diagnostics);
    unsigned long work = oc_alloc_count() - before;
    if (rc != 0)
        fail_msg("%s (%s): generation failed: %s", c->keyword, inline_levels ? "inline" : "components",
                 diagnostics);
    free(diagnostics);
    free(text);
    run_command("rm -rf %s", dir);
    return work;
}

/* 2^20 paths at 2N: an exponential walk still ends in seconds, and its
 * ratio (about 2^10) is far above what linear or N log N work shows (2-3). */
#define CHAIN_LEVELS 10
#define CHAIN_MAX_RATIO 4.0

static void test_shared_branch_chains_cost_linear_work(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof chain_cases / sizeof *chain_cases; i++)
        for (int inline_levels = 0; inline_levels < 2; inline_levels++) {
            const chain_case *c = &chain_cases[i];
            unsigned long n = chain_work(c, CHAIN_LEVELS, inline_levels);
            unsigned long n2 = chain_work(c, 2 * CHAIN_LEVELS, inline_levels);
            double ratio = (double)n2 / (double)n;
            printf("%-22s %-10s N=%d: %lu allocations, 2N: %lu (x%.2f)\n", c->keyword,
                   inline_levels ? "inline" : "components", CHAIN_LEVELS, n, n2, ratio);
            if (ratio >= CHAIN_MAX_RATIO) {
                printf("  ^ grows faster than the spec\n");
                failures++;
            }
        }
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alias_bomb),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_ref_cycle_and_external_ref),
        cmocka_unit_test(test_hostile_strings_compile_and_round_trip),
        cmocka_unit_test(test_ten_thousand_schemas),
        cmocka_unit_test(test_shared_any_of_branches_worked_out_once),
        cmocka_unit_test(test_shared_branches_bound_example_work),
        cmocka_unit_test(test_example_past_budget_is_noted),
        cmocka_unit_test(test_example_past_depth_limits_is_noted),
        cmocka_unit_test(test_shared_branch_chains_cost_linear_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
