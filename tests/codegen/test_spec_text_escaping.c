/* test_spec_text_escaping.c - no text from a spec can become C code.
 *
 * A spec puts one injection payload into every kind of spec string the
 * generator reads (titles, descriptions, summaries, tags, names of
 * parameters of every location, of operations, schemas and properties,
 * paths, server URLs, enum values, const, default, example, pattern,
 * format, discriminator names). Each payload tries every way out of a C
 * comment or string literal: `*` `/`, `"`, a `??/` trigraph, a newline
 * followed by a directive, a bidirectional override (GCC's -Wbidi-chars)
 * and a trailing backslash; values also carry a NUL. The generated binding
 * must compile with -Werror -pedantic, no `injected_<n>` identifier may
 * survive preprocessing outside a string literal, and the registry must
 * hold the payloads byte for byte.
 *
 * The helpers all spec text goes through (emit_comment, emit_comment_inline,
 * emit_c_string) are also checked on bytes a YAML loader never delivers
 * (invalid UTF-8, NUL) for exact output, and their output is compiled. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "emit.h"
#include "support_generate.h"

/* ---- payloads ------------------------------------------------------------ */

typedef struct text {
    char *bytes;
    size_t len;
} text;

#define MAX_PAYLOADS 80
typedef struct payloads {
    text items[MAX_PAYLOADS];
    size_t count;
} payloads;

/* "\xe2\x80\xae" is U+202E RIGHT-TO-LEFT OVERRIDE. */
static const text *new_payload(payloads *p, bool with_nul)
{
    assert_true(p->count < MAX_PAYLOADS);
    int n = (int)p->count;
    char buf[512];
    int len = snprintf(buf, sizeof buf,
                       "*/ int injected_%d; /* \"; int injected_%d; \" ?\?/ ?\?= ?\?' "
                       "\n#error injected_%d\n\xe2\x80\xae tail \\",
                       n, n, n);
    if (with_nul) {
        buf[len++] = '\0';
        len += snprintf(buf + len, sizeof buf - (size_t)len, " */ int injected_%d_nul; /*", n);
    }
    text *t = &p->items[p->count++];
    t->bytes = malloc((size_t)len);
    assert_non_null(t->bytes);
    memcpy(t->bytes, buf, (size_t)len);
    t->len = (size_t)len;
    return t;
}

static void payloads_free(payloads *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->items[i].bytes);
}

/* ---- the spec, in JSON form (so that \u0000 can be written) -------------- */

static void put_json_bytes(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
}

static void put_json(FILE *f, const text *t)
{
    fputc('"', f);
    put_json_bytes(f, t->bytes, t->len);
    fputc('"', f);
}

/* A fresh payload as a JSON string. */
static const text *put_new(FILE *f, payloads *p, bool with_nul)
{
    const text *t = new_payload(p, with_nul);
    put_json(f, t);
    return t;
}

/* "#/components/schemas/<name>" with RFC 6901 escapes, inside a JSON string. */
static void put_schema_pointer(FILE *f, const text *name)
{
    fputs("#/components/schemas/", f);
    for (size_t i = 0; i < name->len; i++) {
        if (name->bytes[i] == '~')
            fputs("~0", f);
        else if (name->bytes[i] == '/')
            fputs("~1", f);
        else
            put_json_bytes(f, &name->bytes[i], 1);
    }
}

static void put_schema_ref(FILE *f, const text *name)
{
    fputs("{\"$ref\": \"", f);
    put_schema_pointer(f, name);
    fputs("\"}", f);
}

/* What the registry must hold, byte for byte. */
typedef struct expected {
    const text *title, *version, *server_url, *operation_id, *schema_name, *example_key,
        *example_value, *example_name;
    const text *param_names[5];
    text path;
} expected;

/* Every kind of spec string the generator reads gets its own payload. */
static char *hostile_spec(payloads *p, expected *want, size_t *len)
{
    char *spec = NULL;
    FILE *f = open_memstream(&spec, len);
    assert_non_null(f);
    fputs("{\"openapi\": \"3.1.0\",\n \"info\": {\"title\": ", f);
    want->title = put_new(f, p, false);
    fputs(", \"version\": ", f);
    want->version = put_new(f, p, false);
    fputs(", \"description\": ", f);
    put_new(f, p, false);
    fputs("},\n \"servers\": [{\"url\": ", f);
    want->server_url = put_new(f, p, false);
    fputs(", \"description\": ", f);
    put_new(f, p, false);
    fputs("}],\n \"tags\": [{\"name\": ", f);
    const text *tag = put_new(f, p, false);
    fputs(", \"description\": ", f);
    put_new(f, p, false);

    /* the path: a literal part and a template naming the path parameter */
    const text *literal = new_payload(p, false);
    const text *path_param = new_payload(p, false);
    want->path.len = 3 + literal->len + 2 + path_param->len + 1;
    want->path.bytes = malloc(want->path.len);
    assert_non_null(want->path.bytes);
    memcpy(want->path.bytes, "/x-", 3);
    memcpy(want->path.bytes + 3, literal->bytes, literal->len);
    memcpy(want->path.bytes + 3 + literal->len, "/{", 2);
    memcpy(want->path.bytes + 5 + literal->len, path_param->bytes, path_param->len);
    want->path.bytes[want->path.len - 1] = '}';
    fputs("}],\n \"paths\": {", f);
    put_json(f, &want->path);
    fputs(": {\n  \"summary\": ", f);
    put_new(f, p, false);
    fputs(", \"post\": {\n   \"operationId\": ", f);
    want->operation_id = put_new(f, p, false);
    fputs(", \"summary\": ", f);
    put_new(f, p, false);
    fputs(", \"description\": ", f);
    put_new(f, p, false);
    fputs(", \"tags\": [", f);
    put_json(f, tag);
    fputs(", ", f);
    put_new(f, p, false);
    fputs("],\n   \"parameters\": [\n    {\"in\": \"path\", \"required\": true, \"name\": ", f);
    put_json(f, path_param);
    want->param_names[0] = path_param;
    fputs(", \"description\": ", f);
    put_new(f, p, false);
    fputs(", \"schema\": {\"type\": \"string\", \"pattern\": ", f);
    put_new(f, p, false);
    fputs(", \"format\": ", f);
    put_new(f, p, false);
    fputs("}},\n    {\"in\": \"query\", \"name\": ", f);
    want->param_names[1] = put_new(f, p, false);
    fputs(", \"description\": ", f);
    put_new(f, p, false);
    fputs(", \"schema\": {\"type\": \"integer\", \"default\": 1, \"example\": 2}},\n"
          "    {\"in\": \"query\", \"required\": true, \"name\": ", f);
    want->param_names[2] = put_new(f, p, false);
    fputs(", \"schema\": {\"type\": \"string\", \"enum\": [", f);
    const text *first_value = put_new(f, p, false);
    fputs(", ", f);
    put_new(f, p, true);
    fputs("], \"default\": ", f);
    put_json(f, first_value);
    fputs(", \"example\": ", f);
    put_json(f, first_value);
    fputs("}},\n    {\"in\": \"header\", \"required\": true, \"name\": ", f);
    want->param_names[3] = put_new(f, p, false);
    fputs(", \"description\": ", f);
    put_new(f, p, false);
    fputs(", \"schema\": {\"type\": \"string\"}},\n    {\"in\": \"cookie\", \"name\": ", f);
    want->param_names[4] = put_new(f, p, false);
    fputs(", \"description\": ", f);
    put_new(f, p, false);
    fputs(", \"schema\": {\"type\": \"string\"}}],\n", f);

    const text *schema = new_payload(p, false);
    want->schema_name = schema;
    const text *variant = new_payload(p, false);
    fputs("   \"requestBody\": {\"required\": true, \"description\": ", f);
    put_new(f, p, false);
    fputs(", \"content\": {\"application/json\": {\"schema\": ", f);
    put_schema_ref(f, schema);
    fputs("}}},\n   \"responses\": {\n    \"200\": {\"description\": ", f);
    put_new(f, p, false);
    fputs(", \"content\": {\"application/json\": {\"schema\": ", f);
    put_schema_ref(f, schema);
    fputs(", \"example\": {", f);
    want->example_key = put_new(f, p, false);
    fputs(": ", f);
    want->example_value = put_new(f, p, false);
    fputs("}}}},\n    \"default\": {\"description\": ", f);
    put_new(f, p, false);
    /* a JSON media type with a parameter: the whole key is kept */
    const text *media_parameter = new_payload(p, false);
    fputs(", \"content\": {\"application/json; p=", f);
    put_json_bytes(f, media_parameter->bytes, media_parameter->len);
    fputs("\": {\"schema\": {\"type\": \"object\", \"properties\": {", f);
    put_new(f, p, false);
    fputs(": {\"type\": \"string\", \"description\": ", f);
    put_new(f, p, false);
    /* a named example: its name becomes a C string of the registry */
    fputs("}}}, \"examples\": {", f);
    want->example_name = put_new(f, p, false);
    fputs(": {\"value\": {}}}}}}}}}},\n", f);

    fputs(" \"components\": {\"schemas\": {\n  ", f);
    put_json(f, schema);
    fputs(": {\"type\": \"object\", \"title\": ", f);
    put_new(f, p, false);
    fputs(", \"description\": ", f);
    put_new(f, p, false);
    const text *member = new_payload(p, false);
    fputs(", \"required\": [", f);
    put_json(f, member);
    fputs("],\n   \"properties\": {\n    ", f);
    put_json(f, member);
    fputs(": {\"type\": \"string\", \"title\": ", f);
    put_new(f, p, false);
    fputs(", \"description\": ", f);
    put_new(f, p, false);
    fputs(", \"pattern\": ", f);
    put_new(f, p, false);
    fputs(", \"format\": ", f);
    put_new(f, p, false);
    fputs(", \"enum\": [", f);
    const text *value = put_new(f, p, false);
    fputs(", ", f);
    put_new(f, p, true);
    fputs("], \"default\": ", f);
    put_json(f, value);
    fputs(", \"examples\": [", f);
    put_json(f, value);
    fputs("]},\n    \"fixed\": {\"const\": ", f);
    put_new(f, p, true);
    fputs("},\n    \"n\": {\"type\": \"integer\", \"format\": ", f);
    put_new(f, p, false);
    fputs(", \"default\": 3, \"example\": 4},\n    \"either\": {\"oneOf\": [", f);
    put_schema_ref(f, variant);
    fputs(", {\"type\": \"string\"}]}},\n   \"additionalProperties\": {\"type\": \"string\", "
          "\"description\": ",
          f);
    put_new(f, p, false);
    fputs("}},\n  ", f);
    put_json(f, variant);
    const text *kind = new_payload(p, false);
    fputs(": {\"type\": \"object\", \"required\": [", f);
    put_json(f, kind);
    fputs("], \"properties\": {", f);
    put_json(f, kind);
    fputs(": {\"type\": \"string\"}}},\n  \"Tagged\": {\"oneOf\": [", f);
    put_schema_ref(f, variant);
    fputs("], \"discriminator\": {\"propertyName\": ", f);
    put_json(f, kind);
    fputs(", \"mapping\": {", f);
    put_new(f, p, false);
    fputs(": \"", f);
    put_schema_pointer(f, variant);
    fputs("\"}}}\n }}\n}\n", f);
    fclose(f);
    return spec;
}

/* ---- checks on the generated files --------------------------------------- */

/* The identifiers of preprocessed C that start with "injected_"; string
 * and character literals are skipped (comments are gone after -E). */
static size_t injected_identifiers(const char *c, FILE *report)
{
    size_t found = 0;
    for (const char *p = c; *p;) {
        if (*p == '"' || *p == '\'') {
            char quote = *p++;
            while (*p && *p != quote) {
                if (*p == '\\' && p[1])
                    p++;
                p++;
            }
            if (*p)
                p++;
        } else if (*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
            const char *start = p;
            while (*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                   (*p >= '0' && *p <= '9'))
                p++;
            if ((size_t)(p - start) > 9 && strncmp(start, "injected_", 9) == 0) {
                fprintf(report, "  code identifier: %.*s\n", (int)(p - start), start);
                found++;
            }
        } else if (*p >= '0' && *p <= '9') {
            while (*p == '.' || *p == '_' || (*p >= '0' && *p <= '9') ||
                   (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
                p++; /* a pp-number such as 1e5 or 0x1f is one token */
        } else {
            p++;
        }
    }
    return found;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    int c;
    while ((c = fgetc(f)) != EOF)
        fputc(c, m);
    fclose(f);
    fclose(m);
    return buf;
}

/* Length of the valid UTF-8 prefix of s[0..n). */
static size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t need = c < 0x80 ? 0 : (c >= 0xC2 && c <= 0xDF) ? 1 : (c >= 0xE0 && c <= 0xEF) ? 2
                                   : (c >= 0xF0 && c <= 0xF4) ? 3 : 9;
        if (need == 9 || (need && i + need >= n))
            return i;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
        else if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
        if (need && (s[i + 1] < lo || s[i + 1] > hi))
            return i;
        for (size_t k = 2; k <= need; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        i += need + 1;
    }
    return n;
}

/* A C string literal of n bytes in hex escapes only, split so that a
 * following hex digit cannot extend an escape. */
static void put_c_hex(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "\\x%02x\" \"", (unsigned char)s[i]);
    fputc('"', f);
}

/* A program that reads the generated registry and exits 0 when every
 * string in it is the spec's, byte for byte. */
static void write_registry_checker(const char *dir, const expected *want)
{
    char path[256];
    snprintf(path, sizeof path, "%s/checker.c", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("#include <stdio.h>\n#include <string.h>\n#include \"oas_json.h\"\n"
          "#include \"hs_validate.h\"\n\n"
          "static int same(const char *what, const char *got, const char *want)\n{\n"
          "    if (got && strcmp(got, want) == 0)\n        return 0;\n"
          "    fprintf(stderr, \"registry %s differs from the spec\\n\", what);\n"
          "    return 1;\n}\n\n"
          "int main(void)\n{\n    const oas_registry *r = &hs_registry;\n    int bad = 0;\n",
          f);
    const struct { const char *what, *expr; const text *t; } rows[] = {
        {"title", "r->title", want->title},
        {"version", "r->api_version", want->version},
        {"server url", "r->server_count ? r->servers[0].url : NULL", want->server_url},
        {"operationId", "r->operations[0].operation_id", want->operation_id},
        {"path", "r->operations[0].path", &want->path},
        {"path parameter", "r->operations[0].params[0].name", want->param_names[0]},
        {"query parameter", "r->operations[0].params[1].name", want->param_names[1]},
        {"enum query parameter", "r->operations[0].params[2].name", want->param_names[2]},
        {"header parameter", "r->operations[0].params[3].name", want->param_names[3]},
        {"cookie parameter", "r->operations[0].params[4].name", want->param_names[4]},
        {"example name",
         "r->operations[0].responses[1].example_count ? "
         "r->operations[0].responses[1].examples[0].name : NULL",
         want->example_name},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        fprintf(f, "    bad += same(\"%s\", %s, ", rows[i].what, rows[i].expr);
        put_c_hex(f, rows[i].t->bytes, rows[i].t->len);
        fputs(");\n", f);
    }
    fputs("    static const char schema[] = ", f);
    put_c_hex(f, want->schema_name->bytes, want->schema_name->len);
    fputs(";\n    if (!oas_registry_find_schema(r, schema)) {\n"
          "        fputs(\"schema name differs from the spec\\n\", stderr);\n        bad++;\n    }\n"
          "    const char *example = r->operations[0].responses[0].example;\n"
          "    oas_json_doc *doc = NULL;\n    oas_error err;\n"
          "    if (!example || oas_json_parse(example, strlen(example), NULL, &doc, &err) != OAS_OK) {\n"
          "        fputs(\"example is not JSON\\n\", stderr);\n        return 1;\n    }\n"
          "    static const char key[] = ",
          f);
    put_c_hex(f, want->example_key->bytes, want->example_key->len);
    fputs(";\n    static const char value[] = ", f);
    put_c_hex(f, want->example_value->bytes, want->example_value->len);
    fputs(";\n    const oas_json *v = oas_json_get(oas_json_doc_root(doc), key, sizeof key - 1);\n"
          "    if (!v || v->type != OAS_JSON_STRING || v->u.str.len != sizeof value - 1 ||\n"
          "        memcmp(v->u.str.ptr, value, sizeof value - 1) != 0) {\n"
          "        fputs(\"example differs from the spec\\n\", stderr);\n        bad++;\n    }\n"
          "    oas_json_doc_free(doc);\n    return bad;\n}\n",
          f);
    fclose(f);
}

static void test_spec_strings_never_become_code(void **state)
{
    (void)state;
    payloads p = {.count = 0};
    expected want;
    memset(&want, 0, sizeof want);
    size_t len;
    char *spec = hostile_spec(&p, &want, &len);
    char dir[64];
    make_temp_dir(dir, sizeof dir, "inject");
    char spec_path[128];
    snprintf(spec_path, sizeof spec_path, "%s/hostile.json", dir);
    FILE *sf = fopen(spec_path, "wb");
    assert_non_null(sf);
    fwrite(spec, 1, len, sf);
    fclose(sf);

    char *diagnostics;
    int rc = generate_binding("hostile.json", spec, len, "hs_", dir, &diagnostics);
    if (rc != 0)
        fail_msg("generation failed (spec in %s):\n%s", spec_path, diagnostics);
    free(diagnostics);

    int bad_unit = compile_generated_sources(dir, "hs_");
    if (bad_unit >= 0)
        fail_msg("%s/hs_%s does not compile with -Werror -pedantic", dir,
                 generated_sources[bad_unit]);

    size_t injected = 0;
    for (size_t i = 0; i < sizeof generated_files / sizeof *generated_files; i++) {
        char out[160], file[160];
        snprintf(file, sizeof file, "%s/hs_%s", dir, generated_files[i]);
        snprintf(out, sizeof out, "%s/%zu.i", dir, i);
        assert_int_equal(run_command("cc -std=c11 -E -P -I%s/runtime/include/oas -I%s %s -o %s",
                                     OAS_SOURCE_DIR, dir, file, out), 0);
        char *pre = slurp(out);
        size_t n = injected_identifiers(pre, stderr);
        if (n)
            fprintf(stderr, "%s: %zu injected identifier(s)\n", file, n);
        injected += n;
        free(pre);
        char *raw = slurp(file);
        size_t raw_len = strlen(raw);
        if (utf8_valid_prefix((const unsigned char *)raw, raw_len) != raw_len)
            fail_msg("%s is not valid UTF-8", file);
        free(raw);
    }
    assert_int_equal(injected, 0);

    write_registry_checker(dir, &want);
    assert_int_equal(link_generated_program(dir, "checker"), 0);
    assert_int_equal(run_command("%s/checker", dir), 0);

    run_command("rm -rf %s", dir);
    free(want.path.bytes);
    free(spec);
    payloads_free(&p);
}

/* ---- the helpers on their own ------------------------------------------- */

typedef void (*writer)(FILE *f, const void *arg);

/* What w writes, as a malloc'd string. */
static char *written(writer w, const void *arg)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    w(f, arg);
    fclose(f);
    return out;
}

static void comment_block(FILE *f, const void *arg) { emit_comment(f, "    ", arg); }
static void comment_inline(FILE *f, const void *arg) { emit_comment_inline(f, arg); }
static void int64_literal(FILE *f, const void *v) { emit_int64_literal(f, *(const int64_t *)v); }
static void double_literal(FILE *f, const void *v) { emit_double_literal(f, *(const double *)v); }
static void c_string(FILE *f, const void *t)
{
    emit_c_string(f, ((const text *)t)->bytes, ((const text *)t)->len);
}

static void expect_written(writer w, const void *arg, const char *want)
{
    char *got = written(w, arg);
    assert_string_equal(got, want);
    free(got);
}

static void test_comment_breaks_up_delimiters_and_trigraphs(void **state)
{
    (void)state;
    expect_written(comment_inline, "a */ b /* c ?\?/ d ?\?\?= */x/*",
                   "/* a * / b / * c ? ?/ d ? ? ?= * /x/ * */");
    expect_written(comment_inline, "*/", "/* * / */");
    expect_written(comment_inline, "/", "/* / */");
    expect_written(comment_inline, "ends in a backslash \\", "/* ends in a backslash \\ */");
    expect_written(comment_inline, "new\nline\r\t\x01\x7f", "/* new line     */");
}

static void test_comment_keeps_lines_and_drops_trailing_blanks(void **state)
{
    (void)state;
    expect_written(comment_block, "first\nsecond \\\n\nthird \x01\r\nfourth */\n",
                   "    /* first\n"
                   "     * second \\\n"
                   "     *\n"
                   "     * third\n"
                   "     * fourth * / */\n");
}

/* Nothing a loader refuses may reach the file raw: it stays valid UTF-8,
 * and bidirectional controls (which GCC rejects under -Werror, and which
 * make code read differently than it compiles) are shown, not obeyed. */
static void test_comment_shows_invalid_utf8_and_bidi_controls(void **state)
{
    (void)state;
    expect_written(comment_inline,
                   "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80|\xff|\xe2\x82|\xc0\xaf|"
                   "\xed\xa0\x80|\xf4\x90\x80\x80|\x80|\xe2\x80\xae|\xe2\x81\xa6|"
                   "\xe2\x80\x8f|\xe2\x80\xa8",
                   "/* caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80|\\xFF|\\xE2\\x82|"
                   "\\xC0\\xAF|\\xED\\xA0\\x80|\\xF4\\x90\\x80\\x80|\\x80|"
                   "\\u202E|\\u2066|\\u200F|\\u2028 */");
    /* a sequence cut short by the end of the text */
    expect_written(comment_inline, "x\xe2\x82", "/* x\\xE2\\x82 */");
}

static void test_c_string_escapes_every_byte_that_could_escape(void **state)
{
    (void)state;
    static const char bytes[] = "q\"b\\?\?/\n\t\r\x01\xff\0" "1\xc3\xa9*/";
    text t = {(char *)bytes, sizeof bytes - 1};
    expect_written(c_string, &t,
                   "\"q\\\"b\\\\\\?\\?/\\n\\t\\r\\001\\377\\0001\\303\\251*/\"");
}

static void test_int64_literal_spells_int64_min_as_an_expression(void **state)
{
    (void)state;
    const int64_t values[] = {INT64_MIN, INT64_MIN + 1, -1, 0, INT64_MAX};
    const char *const want[] = {"(-9223372036854775807LL - 1)", "-9223372036854775807LL",
                                "-1LL", "0LL", "9223372036854775807LL"};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        expect_written(int64_literal, &values[i], want[i]);
    const double doubles[] = {-9223372036854775808.0, 0.1, 1e308 * 10, -1e308 * 10};
    const char *const dwant[] = {"-9.2233720368547758e+18", "0.10000000000000001", "HUGE_VAL",
                                 "(-HUGE_VAL)"};
    for (size_t i = 0; i < sizeof doubles / sizeof *doubles; i++)
        expect_written(double_literal, &doubles[i], dwant[i]);
}

/* The helpers' output for bytes no YAML loader delivers, compiled: each
 * string reads back byte for byte, no comment leaks code. */
static void test_helper_output_compiles_and_means_the_input(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "*/ int injected_0; /*", "\"; int injected_1; \"", "?\?/\nint injected_2;",
        "\xff\xfe */ int injected_3; /* \xc0", "\xe2\x80\xae int injected_4; \xe2\x80\xac",
        "trailing \\", "\\\nint injected_6;", "\x1b[31m \x7f \x01",
    };
    char dir[64];
    make_temp_dir(dir, sizeof dir, "helpers");
    char path[128];
    snprintf(path, sizeof path, "%s/helpers.c", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("#include <string.h>\n\nstruct fields {\n", f);
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        emit_comment(f, "    ", inputs[i]);
        fprintf(f, "    int field%zu; ", i);
        emit_comment_inline(f, inputs[i]);
        fputc('\n', f);
    }
    fputs("};\n\nstatic const char *const strings[] = {\n", f);
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        fputs("    ", f);
        emit_c_string(f, inputs[i], strlen(inputs[i]));
        fputs(",\n", f);
    }
    fputs("};\nstatic const char *const expected[] = {\n", f);
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        fputs("    ", f);
        put_c_hex(f, inputs[i], strlen(inputs[i]));
        fputs(",\n", f);
    }
    /* a NUL inside: the literal holds all of it */
    fputs("};\nstatic const char with_nul[] = ", f);
    emit_c_string(f, "a\0b", 3);
    fputs(";\n\nint main(void)\n{\n    struct fields unused = {0};\n    (void)unused;\n"
          "    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)\n"
          "        if (strcmp(strings[i], expected[i]) != 0)\n            return 1 + (int)i;\n"
          "    return sizeof with_nul == 4 && with_nul[1] == 0 && with_nul[2] == 'b' ? 0 : 99;\n"
          "}\n",
          f);
    fclose(f);
    assert_int_equal(run_command(GENERATED_CC " %s -o %s/helpers", path, dir), 0);
    assert_int_equal(run_command("%s/helpers", dir), 0);
    assert_int_equal(run_command("cc -std=c11 -E -P %s -o %s/helpers.i", path, dir), 0);
    char pre[160];
    snprintf(pre, sizeof pre, "%s/helpers.i", dir);
    char *c = slurp(pre);
    assert_int_equal(injected_identifiers(c, stderr), 0);
    free(c);
    char *raw = slurp(path);
    assert_int_equal(utf8_valid_prefix((const unsigned char *)raw, strlen(raw)), strlen(raw));
    free(raw);
    run_command("rm -rf %s", dir);
}

/* A NUL cannot be carried in a name (it would cut the C string): the
 * spec is refused where the NUL is. */
static void test_nul_in_a_name_is_refused_where_written(void **state)
{
    (void)state;
    static const char spec[] =
        "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"},\n"
        " \"paths\": {\"/a\": {\"get\": {\"operationId\": \"g\", \"parameters\": [\n"
        "  {\"in\": \"query\", \"name\": \"a\\u0000*/ int injected_0; /*\"}],\n"
        "  \"responses\": {}}}}}\n";
    char dir[64];
    make_temp_dir(dir, sizeof dir, "nul");
    char *diagnostics;
    assert_int_not_equal(generate_binding("nul.json", spec, sizeof spec - 1, "nl_", dir,
                                          &diagnostics),
                         0);
    assert_string_equal(diagnostics, "nul.json:3:27: error: 'name' contains a NUL character\n");
    free(diagnostics);
    run_command("rm -rf %s", dir);
}

/* Bytes that are not UTF-8 never reach the generator's model: the loader
 * refuses the document. */
static void test_invalid_utf8_spec_is_refused(void **state)
{
    (void)state;
    static const char spec[] = "openapi: 3.1.0\ninfo: {title: \"caf\xff */ int injected_0; /*\","
                               " version: '1'}\npaths: {}\n";
    char dir[64];
    make_temp_dir(dir, sizeof dir, "utf8");
    char *diagnostics;
    assert_int_not_equal(generate_binding("bad.yaml", spec, sizeof spec - 1, "bu_", dir,
                                          &diagnostics),
                         0);
    assert_non_null(strstr(diagnostics, "bad.yaml:"));
    assert_non_null(
        strstr(diagnostics, ": error: YAML syntax error: invalid leading UTF-8 octet\n"));
    free(diagnostics);
    run_command("rm -rf %s", dir);
}

/* Diagnostics quote spec text: a newline in it cannot forge another
 * diagnostic line, an escape sequence cannot reach the terminal, a bidi
 * override cannot reorder what follows (the runtime's terminal escaping,
 * oas_terminal_text.h). */
static void test_diagnostics_show_control_characters_escaped(void **state)
{
    (void)state;
    static const char spec[] =
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n"
        "  schemas:\n"
        "    A: {type: string, format: \"x\\nspec.yaml:1:1: error: forged\\e[2J\\x85\"}\n";
    char dir[64];
    make_temp_dir(dir, sizeof dir, "diag");
    char *diagnostics;
    assert_int_equal(generate_binding("spec.yaml", spec, sizeof spec - 1, "dg_", dir,
                                      &diagnostics),
                     0);
    assert_string_equal(diagnostics,
                        "spec.yaml:6:31: note: unknown format \"x\\x0Aspec.yaml:1:1: error: "
                        "forged\\x1B[2J\\xC2\\x85\" is not validated (first use)\n");
    free(diagnostics);
    run_command("rm -rf %s", dir);

    static const char bidi[] =
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n"
        "  schemas:\n"
        "    A: {type: string, format: \"txt.\\u202Egpj\\\\x\"}\n";
    make_temp_dir(dir, sizeof dir, "bidi");
    assert_int_equal(generate_binding("spec.yaml", bidi, sizeof bidi - 1, "dg_", dir,
                                      &diagnostics),
                     0);
    assert_string_equal(diagnostics, "spec.yaml:6:31: note: unknown format \"txt.\\u{202E}gpj"
                                     "\\\\x\" is not validated (first use)\n");
    free(diagnostics);
    run_command("rm -rf %s", dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_comment_breaks_up_delimiters_and_trigraphs),
        cmocka_unit_test(test_comment_keeps_lines_and_drops_trailing_blanks),
        cmocka_unit_test(test_comment_shows_invalid_utf8_and_bidi_controls),
        cmocka_unit_test(test_c_string_escapes_every_byte_that_could_escape),
        cmocka_unit_test(test_int64_literal_spells_int64_min_as_an_expression),
        cmocka_unit_test(test_helper_output_compiles_and_means_the_input),
        cmocka_unit_test(test_nul_in_a_name_is_refused_where_written),
        cmocka_unit_test(test_invalid_utf8_spec_is_refused),
        cmocka_unit_test(test_diagnostics_show_control_characters_escaped),
        cmocka_unit_test(test_spec_strings_never_become_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
