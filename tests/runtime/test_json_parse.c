/* oas_json_parse: every malformed class with its exact code and offset,
 * numbers, strings, duplicate keys, depth, limits, allocation failures. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "failing_alloc.h"
#include "oas_alloc.h"
#include "oas_json.h"
#include "oas_json_internal.h"
#include "oas_json_parser.h"

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static oas_status parse_n(const char *s, size_t len, const oas_json_options *opts,
                          oas_json_doc **doc, oas_error *err)
{
    oas_status st = oas_json_parse(s, len, opts, doc, err);
    if (st != OAS_OK)
        assert_null(*doc);
    return st;
}

/* ---- malformed input: exact code and offset ------------------------------ */

typedef struct bad_case {
    const char *input;
    size_t len; /* 0 = strlen */
    oas_status code;
    size_t offset;
} bad_case;

static const bad_case bad_cases[] = {
    {"01", 0, OAS_ERR_JSON_SYNTAX, 1},
    {"-01", 0, OAS_ERR_JSON_SYNTAX, 2},
    {"[00]", 0, OAS_ERR_JSON_SYNTAX, 2},
    {"1.", 0, OAS_ERR_JSON_SYNTAX, 2},
    {"[1.]", 0, OAS_ERR_JSON_SYNTAX, 3},
    {".1", 0, OAS_ERR_JSON_SYNTAX, 0},
    {"+1", 0, OAS_ERR_JSON_SYNTAX, 0},
    {"-", 0, OAS_ERR_JSON_SYNTAX, 1},
    {"-a", 0, OAS_ERR_JSON_SYNTAX, 1},
    {"1e", 0, OAS_ERR_JSON_SYNTAX, 2},
    {"1e+", 0, OAS_ERR_JSON_SYNTAX, 3},
    {"1.e5", 0, OAS_ERR_JSON_SYNTAX, 2},
    {"0x10", 0, OAS_ERR_JSON_SYNTAX, 1},
    {"[1,]", 0, OAS_ERR_JSON_SYNTAX, 3},
    {"[1 2]", 0, OAS_ERR_JSON_SYNTAX, 3},
    {"[", 0, OAS_ERR_JSON_SYNTAX, 1},
    {"[1", 0, OAS_ERR_JSON_SYNTAX, 2},
    {"{\"a\" 1}", 0, OAS_ERR_JSON_SYNTAX, 5},
    {"{\"a\":1,}", 0, OAS_ERR_JSON_SYNTAX, 7},
    {"{\"a\":1 \"b\":2}", 0, OAS_ERR_JSON_SYNTAX, 7},
    {"{1:2}", 0, OAS_ERR_JSON_SYNTAX, 1},
    {"{\"a\"", 0, OAS_ERR_JSON_SYNTAX, 4},
    {"\"a\tb\"", 0, OAS_ERR_JSON_SYNTAX, 2},
    {"\"\x01\"", 0, OAS_ERR_JSON_SYNTAX, 1},
    {"\"\x1f\"", 0, OAS_ERR_JSON_SYNTAX, 1},
    {"\"\\x\"", 0, OAS_ERR_JSON_SYNTAX, 1},
    {"\"\\u12G4\"", 0, OAS_ERR_JSON_SYNTAX, 1},
    {"\"\\u12\"", 0, OAS_ERR_JSON_SYNTAX, 1},
    {"\"abc", 0, OAS_ERR_JSON_SYNTAX, 4},
    {"\"abc\\", 0, OAS_ERR_JSON_SYNTAX, 5},
    /* the backslash the input's last byte, the last of a 16-byte block */
    {"\"\\naaaaaaaaaaaaaaa\\", 0, OAS_ERR_JSON_SYNTAX, 19},
    {"\"\\naaaaaaaaaaaaaa\\", 0, OAS_ERR_JSON_SYNTAX, 18},
    {"\"\xC0\xAF\"", 0, OAS_ERR_JSON_UTF8, 1},         /* overlong 2-byte */
    {"\"\xC1\xBF\"", 0, OAS_ERR_JSON_UTF8, 1},         /* overlong 2-byte */
    {"\"\xE0\x80\xAF\"", 0, OAS_ERR_JSON_UTF8, 1},     /* overlong 3-byte */
    {"\"\xF0\x80\x80\xAF\"", 0, OAS_ERR_JSON_UTF8, 1}, /* overlong 4-byte */
    {"\"\xED\xA0\x80\"", 0, OAS_ERR_JSON_UTF8, 1},     /* U+D800 encoded in UTF-8 */
    {"\"\xED\xBF\xBF\"", 0, OAS_ERR_JSON_UTF8, 1},     /* U+DFFF encoded in UTF-8 */
    {"\"\xF4\x90\x80\x80\"", 0, OAS_ERR_JSON_UTF8, 1}, /* U+110000 */
    {"\"\xF5\x80\x80\x80\"", 0, OAS_ERR_JSON_UTF8, 1},
    {"\"\xFF\"", 0, OAS_ERR_JSON_UTF8, 1},
    {"\"\x80\"", 0, OAS_ERR_JSON_UTF8, 1},             /* lone continuation */
    {"\"ab\xE2\x82\"", 0, OAS_ERR_JSON_UTF8, 3},       /* truncated before the quote */
    {"\"ab\xE2\x82", 0, OAS_ERR_JSON_UTF8, 3},         /* truncated at the end */
    {"\"\xE2\x28\xA1\"", 0, OAS_ERR_JSON_UTF8, 1},     /* bad continuation */
    {"\"\\uD800\"", 0, OAS_ERR_JSON_UTF8, 1},
    {"\"\\uDBFF\"", 0, OAS_ERR_JSON_UTF8, 1},
    {"\"\\uDC00\"", 0, OAS_ERR_JSON_UTF8, 1},
    {"\"x\\uD800\\u0041\"", 0, OAS_ERR_JSON_UTF8, 2},
    {"\"\\uDD1E\\uD834\"", 0, OAS_ERR_JSON_UTF8, 1},   /* inverted pair */
    {"{\"\\uDFAA\":0}", 0, OAS_ERR_JSON_UTF8, 2},      /* in a key */
    {"[1] x", 0, OAS_ERR_JSON_SYNTAX, 4},
    {"{} {}", 0, OAS_ERR_JSON_SYNTAX, 3},
    {"1 2", 0, OAS_ERR_JSON_SYNTAX, 2},
    {"", 0, OAS_ERR_JSON_SYNTAX, 0},
    {"   ", 0, OAS_ERR_JSON_SYNTAX, 3},
    {"tru", 0, OAS_ERR_JSON_SYNTAX, 3},
    {"nul1", 0, OAS_ERR_JSON_SYNTAX, 3},
    {"True", 0, OAS_ERR_JSON_SYNTAX, 0},
    {"[NaN]", 0, OAS_ERR_JSON_SYNTAX, 1},
    {"'a'", 0, OAS_ERR_JSON_SYNTAX, 0},
    {"\xEF\xBB\xBF{}", 0, OAS_ERR_JSON_SYNTAX, 0}, /* BOM */
    {"[1]\0", 4, OAS_ERR_JSON_SYNTAX, 3},
    {"\f[]", 0, OAS_ERR_JSON_SYNTAX, 0}, /* form feed is not JSON whitespace */
};

static void test_malformed_exact(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        size_t len = c->len ? c->len : strlen(c->input);
        oas_json_doc *doc = (oas_json_doc *)&doc; /* must become NULL */
        oas_error err;
        oas_status st = parse_n(c->input, len, NULL, &doc, &err);
        if (st != c->code || err.offset != c->offset)
            print_error("case %zu \"%s\": got %d at %zu (%s)\n", i, c->input, st, err.offset, err.message);
        assert_int_equal(st, c->code);
        assert_int_equal(err.code, c->code);
        assert_int_equal(err.offset, c->offset);
        assert_int_equal(err.line, 1);
        assert_int_equal(err.column, c->offset + 1);
        assert_non_null(strstr(err.message, "line 1, column"));
    }
}

static void test_error_message_and_position(void **state)
{
    (void)state;
    oas_json_doc *doc;
    oas_error err;
    assert_int_equal(parse_n("01", 2, NULL, &doc, &err), OAS_ERR_JSON_SYNTAX);
    assert_string_equal(err.message, "leading zero in number at line 1, column 2 (byte offset 1)");
    const char *multi = "{\n  \"a\": [1,\n    x]\n}";
    assert_int_equal(parse_n(multi, strlen(multi), NULL, &doc, &err), OAS_ERR_JSON_SYNTAX);
    assert_int_equal(err.offset, 17);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 5);
    assert_string_equal(err.message, "unexpected character, expected a value at line 3, column 5 (byte offset 17)");
    assert_int_equal(oas_json_parse(NULL, 1, NULL, &doc, &err), OAS_ERR_INVALID_ARG);
    assert_int_equal(oas_json_parse("1", 1, NULL, NULL, &err), OAS_ERR_INVALID_ARG);
    assert_int_equal(oas_json_parse("1", 1, NULL, &doc, NULL), OAS_OK); /* err is optional */
    oas_json_doc_free(doc);
    assert_int_equal(oas_json_parse("01", 2, NULL, &doc, NULL), OAS_ERR_JSON_SYNTAX);
    assert_null(doc);
}

/* A control character, quote, backslash or byte >= 0x80 at every position
 * of a string (DEL and space beside them) checks the 16- and 8-byte
 * scanners against the byte-wise rules. */
static void test_string_scanner_every_position(void **state)
{
    (void)state;
    for (size_t pos = 0; pos < 40; pos++) {
        char s[64];
        memset(s, 'a', sizeof s);
        s[0] = '"';
        s[42] = '"';
        s[1 + pos] = '\x1f';
        oas_json_doc *doc;
        oas_error err;
        assert_int_equal(parse_n(s, 43, NULL, &doc, &err), OAS_ERR_JSON_SYNTAX);
        assert_int_equal(err.offset, 1 + pos);
        s[1 + pos] = '\xff';
        assert_int_equal(parse_n(s, 43, NULL, &doc, &err), OAS_ERR_JSON_UTF8);
        assert_int_equal(err.offset, 1 + pos);
        s[1 + pos] = '\x80'; /* the lowest byte that is not ASCII */
        assert_int_equal(parse_n(s, 43, NULL, &doc, &err), OAS_ERR_JSON_UTF8);
        assert_int_equal(err.offset, 1 + pos);
        s[1 + pos] = '\x7f'; /* DEL and space are plain content */
        s[1 + (pos + 13) % 41] = ' ';
        assert_int_equal(parse_n(s, 43, NULL, &doc, &err), OAS_OK);
        assert_int_equal(oas_json_doc_root(doc)->u.str.len, 41);
        assert_int_equal(oas_json_doc_root(doc)->u.str.ptr[pos], 0x7f);
        oas_json_doc_free(doc);
        s[1 + (pos + 13) % 41] = 'a';
        s[1 + pos] = '"'; /* the string ends early: trailing garbage right after */
        assert_int_equal(parse_n(s, 43, NULL, &doc, &err), OAS_ERR_JSON_SYNTAX);
        assert_int_equal(err.offset, 2 + pos);
        s[1 + pos] = '\\';
        s[2 + pos] = 'n';
        assert_int_equal(parse_n(s, 43, NULL, &doc, &err), OAS_OK);
        const oas_json *root = oas_json_doc_root(doc);
        assert_int_equal(root->u.str.len, 40);
        assert_int_equal(root->u.str.ptr[pos], '\n');
        assert_int_equal(root->u.str.ptr[pos + 1], pos + 1 < 40 ? 'a' : '\0');
        oas_json_doc_free(doc);
    }
}

/* json[0..jn) opens an array and a string; the string is closed here,
 * followed by a number and a string that are read from the parser's copy
 * (so a decode that wrote past the string's end shows), and it must decode
 * to want[0..wn). */
static void expect_string_then_tail(char *json, size_t jn, size_t cap, const char *want,
                                    size_t wn)
{
    jn += (size_t)snprintf(json + jn, cap - jn, "\",123456789,\"tail\"]");
    assert_true(jn < cap);
    oas_json_doc *doc;
    oas_error err;
    assert_int_equal(parse_n(json, jn, NULL, &doc, &err), OAS_OK);
    const oas_json *root = oas_json_doc_root(doc);
    assert_int_equal(root->u.arr.count, 3);
    const oas_json *str = &root->u.arr.items[0];
    assert_int_equal(str->u.str.len, wn);
    assert_memory_equal(str->u.str.ptr, want, wn);
    assert_int_equal(str->u.str.ptr[wn], '\0');
    assert_int_equal(root->u.arr.items[1].u.num.i, 123456789);
    assert_string_equal(root->u.arr.items[1].u.num.text, "123456789");
    assert_string_equal(root->u.arr.items[2].u.str.ptr, "tail");
    oas_json_doc_free(doc);
}

/* Escapes decode into the parser's copy behind the scan: every run length
 * between them (the short copies have a branch per size class), every
 * escape kind, raw UTF-8 after an escape, and the text after the string
 * (a number read from the copy) left as it was. */
static void test_escapes_decode_whatever_the_runs_between_them(void **state)
{
    (void)state;
    static const struct {
        const char *json, *bytes;
        size_t len; /* of bytes: \u0000 decodes to a NUL */
    } kinds[] = {
        {"\\n", "\n", 1},           {"\\\"", "\"", 1},          {"\\\\", "\\", 1},
        {"\\/", "/", 1},            {"\\t", "\t", 1},           {"\\u0041", "A", 1},
        {"\\u00e9", "\xc3\xa9", 2}, {"\\u20AC", "\xe2\x82\xac", 3},
        {"\\ud83d\\ude00", "\xf0\x9f\x98\x80", 4}, {"\xc3\xa9", "\xc3\xa9", 2},
        {"\\u0000", "", 1},
    };
    size_t nkinds = sizeof kinds / sizeof kinds[0];
    for (size_t first = 0; first < 3; first++) {
        char json[4096], want[2048];
        size_t jn = 0, wn = 0;
        json[jn++] = '[';
        json[jn++] = '"';
        for (size_t run = first; run <= 40; run++) {
            for (size_t r = 0; r < run; r++)
                json[jn++] = want[wn++] = (char)('a' + (run + r) % 26);
            size_t k = (run + first) % nkinds;
            memcpy(json + jn, kinds[k].json, strlen(kinds[k].json));
            jn += strlen(kinds[k].json);
            memcpy(want + wn, kinds[k].bytes, kinds[k].len); /* "" holds its NUL */
            wn += kinds[k].len;
        }
        expect_string_then_tail(json, jn, sizeof json, want, wn);
    }
}

/* Once escapes have made the decoded text shorter than the input, the
 * scanner moves sixteen bytes per store only where the store ends before
 * the copy's bytes still to be read: every shortfall from 0 to 20 bytes,
 * every plain run before the closing quote from 0 to 20, and every
 * alignment of the string, with a number and a string after it that are
 * read from the copy. */
static void test_decoding_leaves_the_text_after_the_string_as_it_was(void **state)
{
    (void)state;
    for (size_t lead = 0; lead < 17; lead++) {
        for (size_t escapes = 0; escapes <= 20; escapes++) {
            for (size_t run = 0; run <= 20; run++) {
                char json[128], want[64];
                size_t jn = 0, wn = 0;
                json[jn++] = '[';
                for (size_t k = 0; k < lead; k++)
                    json[jn++] = ' ';
                json[jn++] = '"';
                for (size_t k = 0; k < escapes; k++) {
                    json[jn++] = '\\';
                    json[jn++] = k % 2 ? 'n' : '"';
                    want[wn++] = k % 2 ? '\n' : '"';
                }
                for (size_t k = 0; k < run; k++)
                    json[jn++] = want[wn++] = (char)('a' + k);
                expect_string_then_tail(json, jn, sizeof json, want, wn);
            }
        }
    }
}

/* Whitespace of every run length from 0 to 40, of spaces alone and mixed
 * with newlines and tabs, around every kind of token: each value lands at
 * its exact offset, and an empty container stays empty. Parsed as it is
 * (staging) and behind a 64 KiB array of zeros (the counting pass, which
 * skips blanks too, then in place). */
static void test_blank_runs_of_every_length(void **state)
{
    (void)state;
    static const char *const fill[] = {" ", "\n ", " \t", "\r\n  "};
    for (int padded = 0; padded < 2; padded++) {
        oas_buf b = OAS_BUF_INIT;
        oas_buf_putc(&b, '[');
        if (padded) { /* dense enough to be counted, not staged */
            oas_buf_putc(&b, '[');
            for (size_t i = 0; i < OAS_JSON_COUNTING_PASS_MIN / 2; i++)
                oas_buf_puts(&b, i ? ",0" : "0");
            oas_buf_puts(&b, "],");
        }
        size_t offsets[41 * 4];
        size_t n = 0;
        for (size_t run = 0; run <= 40; run++) {
            for (size_t kind = 0; kind < 4; kind++) {
                char blanks[64];
                size_t k = 0;
                while (k < run) { /* the kind's pattern, cut to the run's length */
                    for (const char *f = fill[kind]; *f && k < run; f++)
                        blanks[k++] = *f;
                }
                blanks[k] = '\0';
                oas_buf_printf(&b, "%s%s{%s\"k\"%s:%s[%s]%s,%s\"v\"%s:%s", n ? "," : "", blanks,
                               blanks, blanks, blanks, blanks, blanks, blanks, blanks, blanks);
                offsets[n++] = b.len;
                oas_buf_printf(&b, "%zu%s}%s", n, blanks, blanks);
            }
        }
        oas_buf_putc(&b, ']');
        assert_int_equal(oas_buf_status(&b), OAS_OK);
        oas_json_doc *doc;
        oas_error err;
        assert_int_equal(parse_n(b.data, b.len, NULL, &doc, &err), OAS_OK);
        const oas_json *root = oas_json_doc_root(doc);
        assert_int_equal(root->u.arr.count, n + (size_t)padded);
        for (size_t i = 0; i < n; i++) {
            const oas_json *obj = &root->u.arr.items[i + (size_t)padded];
            assert_int_equal(obj->type, OAS_JSON_OBJECT);
            assert_int_equal(obj->u.obj.count, 2);
            const oas_json *k = oas_json_get(obj, "k", 1), *v = oas_json_get(obj, "v", 1);
            assert_int_equal(k->type, OAS_JSON_ARRAY);
            assert_int_equal(k->u.arr.count, 0);
            assert_int_equal(v->u.num.i, (int64_t)(i + 1));
            assert_int_equal(v->offset, offsets[i]);
        }
        oas_json_doc_free(doc);
        /* A value missing after blanks: the error is where the value should be. */
        b.len--;
        oas_buf_puts(&b, ",\n        ]");
        assert_int_equal(parse_n(b.data, b.len, NULL, &doc, &err), OAS_ERR_JSON_SYNTAX);
        assert_int_equal(err.offset, b.len - 1);
        oas_buf_free(&b);
    }
}

/* ---- numbers ------------------------------------------------------------- */

typedef struct number_case {
    const char *text;
    unsigned flags;
    int64_t i;
    double d;
} number_case;

#define INT (OAS_JSON_F_INTEGER | OAS_JSON_F_INT64)
static const number_case number_cases[] = {
    {"0", INT, 0, 0.0},
    {"7", INT, 7, 7.0},
    {"-12", INT, -12, -12.0},
    {"1.0", INT, 1, 1.0},
    {"1e2", INT, 100, 100.0},
    {"1E+2", INT, 100, 100.0},
    {"1.50e1", INT, 15, 15.0},
    {"10e-1", INT, 1, 1.0},
    {"1200e-2", INT, 12, 12.0},
    {"0.000e5", INT, 0, 0.0},
    {"0e99999999999999999999", INT, 0, 0.0},
    {"123456789012345678", INT, 123456789012345678, 123456789012345678.0},
    {"-9223372036854775808", INT, INT64_MIN, -9223372036854775808.0},
    {"9223372036854775807", INT, INT64_MAX, 9223372036854775807.0},
    {"922337203685477580.7e1", INT, INT64_MAX, 9223372036854775807.0},
    {"9223372036854775808", OAS_JSON_F_INTEGER, 0, 9223372036854775808.0},
    {"-9223372036854775809", OAS_JSON_F_INTEGER, 0, -9223372036854775809.0},
    {"100000000000000000000", OAS_JSON_F_INTEGER, 0, 1e20},
    {"1e22", OAS_JSON_F_INTEGER, 0, 1e22},
    {"1e308", OAS_JSON_F_INTEGER, 0, 1e308},
    {"1.5", 0, 0, 1.5},
    {"-0.25", 0, 0, -0.25},
    {"0.1", 0, 0, 0.1},
    {"0.30000000000000004", 0, 0, 0.30000000000000004},
    {"12345678901234567e-1", 0, 0, 1234567890123456.7},
    {"123456789012345678901234567890e-10", 0, 0, 12345678901234567890.123456789},
    {"2.2250738585072011e-308", 0, 0, 2.2250738585072011e-308},
    {"4.9406564584124654e-324", 0, 0, 4.9406564584124654e-324},
    {"1.7976931348623157e308", OAS_JSON_F_INTEGER, 0, 1.7976931348623157e308},
    {"1e-400", OAS_JSON_F_BEYOND_DOUBLE, 0, 0.0},
    {"1e-99999999999999999999", OAS_JSON_F_BEYOND_DOUBLE, 0, 0.0},
    {"1e400", OAS_JSON_F_INTEGER | OAS_JSON_F_BEYOND_DOUBLE, 0, HUGE_VAL},
    {"-1e400", OAS_JSON_F_INTEGER | OAS_JSON_F_BEYOND_DOUBLE, 0, -HUGE_VAL},
    {"1.7976931348623159e308", OAS_JSON_F_INTEGER | OAS_JSON_F_BEYOND_DOUBLE, 0, HUGE_VAL},
    {"1e99999999999999999999", OAS_JSON_F_INTEGER | OAS_JSON_F_BEYOND_DOUBLE, 0, HUGE_VAL},
    {"9007199254740993", INT, 9007199254740993, 9007199254740992.0}, /* 2^53+1: exact int, rounded double */
};

static void test_numbers(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof number_cases / sizeof number_cases[0]; k++) {
        const number_case *c = &number_cases[k];
        char in[128];
        snprintf(in, sizeof in, " %s ", c->text);
        oas_json_doc *doc;
        oas_error err;
        if (parse_n(in, strlen(in), NULL, &doc, &err) != OAS_OK)
            print_error("%s: %s\n", c->text, err.message);
        assert_int_equal(err.code, OAS_OK);
        const oas_json *v = oas_json_doc_root(doc);
        assert_int_equal(v->type, OAS_JSON_NUMBER);
        assert_int_equal(v->offset, 1);
        if (v->flags != c->flags || oas_json_number_double(v) != c->d)
            print_error("%s: flags %u d %.17g\n", c->text, v->flags, oas_json_number_double(v));
        assert_int_equal(v->flags, c->flags);
        if (c->flags & OAS_JSON_F_INT64)
            assert_true(v->u.num.i == c->i);
        assert_true(oas_json_number_double(v) == c->d);
        assert_memory_equal(v->u.num.text, c->text, strlen(c->text) + 1);
        assert_ptr_not_equal(v->u.num.text, in + 1); /* a copy, not the input */
        oas_json_doc_free(doc);
    }
}

/* Integers of 1 to 21 digits (the reader takes up to 18 eight at a time
 * where eight bytes are left, the rest one at a time), each digit 0-9 in
 * every place, signed or not, with a leading zero, and followed by what
 * ends a number or continues it, the last digit at every distance from the
 * end of the input: the same value, flags and text as strtoll and strtod
 * give, and the same errors. */
static void test_integer_digits_every_length_and_position(void **state)
{
    (void)state;
    static const char *const after[] = {"", "]", ",0]", ",1,2,3,4]", ".5]", "e2]", "E-1]", "x]", ".]", " ]"};
    for (size_t ndigits = 1; ndigits <= 21; ndigits++)
        for (int fill = 0; fill <= 10; fill++) /* 10: digits 1, 2, ... 9, 0, 1 ... */
            for (int form = 0; form < 3; form++) /* plain, '-', a leading '0' */
                for (size_t a = 0; a < sizeof after / sizeof *after; a++) {
                    char text[32], in[64];
                    size_t t = 0;
                    if (form == 1)
                        text[t++] = '-';
                    for (size_t k = 0; k < ndigits; k++)
                        text[t++] = (char)('0' + (fill == 10 ? (int)(k + 1) % 10 : k == 0 && fill == 0 ? 1 : fill));
                    if (form == 2)
                        text[form == 1] = '0';
                    text[t] = '\0';
                    snprintf(in, sizeof in, "%s%s%s", a ? "[" : "", text, after[a]);
                    bool bad_follow = strcmp(after[a], "x]") == 0 || strcmp(after[a], ".]") == 0;
                    bool leading_zero = text[form == 1] == '0' && ndigits > 1;
                    oas_json_doc *doc;
                    oas_error err;
                    oas_status st = parse_n(in, strlen(in), NULL, &doc, &err);
                    if (bad_follow || leading_zero) {
                        if (st != OAS_ERR_JSON_SYNTAX)
                            fail_msg("%s: accepted", in);
                        continue;
                    }
                    if (st != OAS_OK)
                        fail_msg("%s: %s", in, err.message);
                    const oas_json *v = oas_json_doc_root(doc);
                    if (a)
                        v = &v->u.arr.items[0];
                    char want_text[40];
                    size_t tail = strcspn(after[a], ",] ");
                    snprintf(want_text, sizeof want_text, "%s%.*s", text, (int)tail, after[a]);
                    assert_string_equal(v->u.num.text, want_text);
                    if (tail == 0) {
                        errno = 0;
                        long long want = strtoll(text, NULL, 10);
                        bool fits = errno == 0;
                        if (v->flags != (OAS_JSON_F_INTEGER | (fits ? OAS_JSON_F_INT64 : 0)) ||
                            (fits && v->u.num.i != want))
                            fail_msg("%s: flags %u i %lld", in, v->flags, (long long)v->u.num.i);
                    } else if (oas_json_number_double(v) != strtod(want_text, NULL)) {
                        fail_msg("%s: %.17g", in, oas_json_number_double(v));
                    }
                    oas_json_doc_free(doc);
                }
}

static void test_negative_zero(void **state)
{
    (void)state;
    const char *cases[] = {"-0", "-0.0", "-0e5"};
    for (size_t k = 0; k < 3; k++) {
        oas_json_doc *doc;
        assert_int_equal(parse_n(cases[k], strlen(cases[k]), NULL, &doc, NULL), OAS_OK);
        const oas_json *v = oas_json_doc_root(doc);
        assert_int_equal(v->flags, INT);
        assert_true(v->u.num.i == 0);
        assert_true(oas_json_number_double(v) == 0.0 && signbit(oas_json_number_double(v)));
        oas_json_doc_free(doc);
    }
}

/* ---- strings ------------------------------------------------------------- */

typedef struct string_case {
    const char *json;
    const char *bytes;
    size_t len;
} string_case;

static const string_case string_cases[] = {
    {"\"a\\u0000b\"", "a\0b", 3},
    {"\"\\u0000\"", "\0", 1},
    {"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t", 8},
    {"\"\\u00e9\\u00E9\"", "\xC3\xA9\xC3\xA9", 4},
    {"\"\\u20AC\"", "\xE2\x82\xAC", 3},
    {"\"\\uD834\\uDD1E\"", "\xF0\x9D\x84\x9E", 4},
    {"\"\\uDBFF\\uDFFF\"", "\xF4\x8F\xBF\xBF", 4},
    {"\"\xE2\x82\xAC \xF4\x8F\xBF\xBF \xEF\xBF\xBF\"", "\xE2\x82\xAC \xF4\x8F\xBF\xBF \xEF\xBF\xBF", 12},
    {"\"\x7f\"", "\x7f", 1},
    {"\"\"", "", 0},
};

static void test_strings(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof string_cases / sizeof string_cases[0]; k++) {
        const string_case *c = &string_cases[k];
        oas_json_doc *doc;
        oas_error err;
        assert_int_equal(parse_n(c->json, strlen(c->json), NULL, &doc, &err), OAS_OK);
        const oas_json *v = oas_json_doc_root(doc);
        assert_int_equal(v->type, OAS_JSON_STRING);
        assert_int_equal(v->u.str.len, c->len);
        assert_memory_equal(v->u.str.ptr, c->bytes, c->len);
        assert_int_equal(v->u.str.ptr[c->len], '\0');
        oas_json_doc_free(doc);
    }
}

static void test_structure_and_offsets(void **state)
{
    (void)state;
    const char *in = " {\"k\\u0000\": [true, false, null, \"s\"], \"e\": {}, \"a\": []} ";
    oas_json_doc *doc;
    assert_int_equal(parse_n(in, strlen(in), NULL, &doc, NULL), OAS_OK);
    const oas_json *root = oas_json_doc_root(doc);
    assert_int_equal(root->type, OAS_JSON_OBJECT);
    assert_int_equal(root->offset, 1);
    assert_int_equal(root->flags & OAS_JSON_F_DUPKEYS, 0);
    assert_int_equal(root->u.obj.count, 3);
    const oas_json_member *m = root->u.obj.members;
    assert_int_equal(m[0].key_len, 2);
    assert_memory_equal(m[0].key, "k\0", 3);
    assert_int_equal(m[0].key_offset, 2);
    assert_int_equal(m[0].value.type, OAS_JSON_ARRAY);
    assert_int_equal(m[0].value.offset, 13);
    assert_int_equal(m[0].value.u.arr.count, 4);
    const oas_json *items = m[0].value.u.arr.items;
    assert_int_equal(items[0].type, OAS_JSON_TRUE);
    assert_int_equal(items[0].offset, 14);
    assert_int_equal(items[1].type, OAS_JSON_FALSE);
    assert_int_equal(items[2].type, OAS_JSON_NULL);
    assert_int_equal(items[2].offset, 27);
    assert_int_equal(items[3].type, OAS_JSON_STRING);
    assert_int_equal(items[3].offset, 33);
    assert_int_equal(m[1].value.type, OAS_JSON_OBJECT);
    assert_int_equal(m[1].value.u.obj.count, 0);
    assert_null(m[1].value.u.obj.members);
    assert_int_equal(m[2].value.u.arr.count, 0);
    assert_ptr_equal(oas_json_get(root, "k\0", 2), &m[0].value);
    assert_null(oas_json_get(root, "k", 1));
    oas_json_doc_free(doc);
}

/* ---- duplicate keys ------------------------------------------------------ */

static void test_duplicate_keys(void **state)
{
    (void)state;
    const char *in = "{\"a\":1,\"b\":2,\"a\":3}";
    oas_json_doc *doc;
    assert_int_equal(parse_n(in, strlen(in), NULL, &doc, NULL), OAS_OK);
    const oas_json *root = oas_json_doc_root(doc);
    assert_int_equal(root->flags & OAS_JSON_F_DUPKEYS, OAS_JSON_F_DUPKEYS);
    assert_int_equal(root->u.obj.count, 3);
    assert_true(oas_json_get(root, "a", 1)->u.num.i == 3);
    assert_true(oas_json_get(root, "b", 1)->u.num.i == 2);
    oas_json_doc_free(doc);

    /* Small and hashed paths, a duplicate at the first and the last place. */
    const size_t sizes[] = {2, 8, 9, 100, 5000};
    for (size_t s = 0; s < 5; s++) {
        for (int with_dup = 0; with_dup < 2; with_dup++) {
            oas_buf b = OAS_BUF_INIT;
            oas_buf_putc(&b, '{');
            for (size_t i = 0; i < sizes[s]; i++)
                oas_buf_printf(&b, "%s\"key%zu\":%zu", i ? "," : "", (with_dup && i == sizes[s] - 1) ? (size_t)0 : i, i);
            oas_buf_putc(&b, '}');
            assert_int_equal(parse_n(b.data, b.len, NULL, &doc, NULL), OAS_OK);
            root = oas_json_doc_root(doc);
            assert_int_equal(root->u.obj.count, sizes[s]);
            assert_int_equal(root->flags & OAS_JSON_F_DUPKEYS, with_dup ? OAS_JSON_F_DUPKEYS : 0);
            assert_true(oas_json_get(root, "key0", 4)->u.num.i == (with_dup ? (int64_t)sizes[s] - 1 : 0));
            oas_json_doc_free(doc);
            oas_buf_free(&b);
        }
    }
}

/* The reader checks keys exactly only in objects where two keys share a
 * class (oas_json_key_class): every object of two and three keys drawn
 * from the 40 keys of up to 3 letters over "abc" (some of them sharing a
 * class, so both ways are taken) is flagged exactly when a key repeats,
 * and marked free of repeats (OAS_JSON_F_NO_DUPS_BELOW) exactly when not. */
static void test_duplicate_flag_whatever_the_key_classes(void **state)
{
    (void)state;
    char keys[40][4];
    size_t nkeys = 0;
    for (size_t len = 0; len <= 3; len++)
        for (size_t code = 0, n = len == 0 ? 1 : len == 1 ? 3 : len == 2 ? 9 : 27; code < n; code++) {
            for (size_t i = 0, c = code; i < len; i++, c /= 3)
                keys[nkeys][i] = (char)('a' + c % 3);
            keys[nkeys++][len] = '\0';
        }
    assert_int_equal(nkeys, 40);
    bool shared = false;
    for (size_t i = 0; i < nkeys; i++)
        for (size_t j = 0; j < i; j++)
            shared |= oas_json_key_class(keys[i], strlen(keys[i])) ==
                      oas_json_key_class(keys[j], strlen(keys[j]));
    assert_true(shared);
    for (size_t i = 0; i < nkeys; i++)
        for (size_t j = 0; j < nkeys; j++)
            for (size_t k = 0; k <= nkeys; k++) { /* k == nkeys: two keys only */
                char json[64];
                int len = k < nkeys ? snprintf(json, sizeof json, "{\"%s\":1,\"%s\":2,\"%s\":3}",
                                               keys[i], keys[j], keys[k])
                                    : snprintf(json, sizeof json, "{\"%s\":1,\"%s\":2}", keys[i], keys[j]);
                bool repeat = i == j || (k < nkeys && (k == i || k == j));
                oas_json_doc *doc;
                assert_int_equal(parse_n(json, (size_t)len, NULL, &doc, NULL), OAS_OK);
                const oas_json *root = oas_json_doc_root(doc);
                if ((root->flags & OAS_JSON_F_DUPKEYS) != (repeat ? OAS_JSON_F_DUPKEYS : 0) ||
                    (root->flags & OAS_JSON_F_NO_DUPS_BELOW) != (repeat ? 0 : OAS_JSON_F_NO_DUPS_BELOW))
                    fail_msg("%s: flags %u", json, root->flags);
                oas_json_doc_free(doc);
            }
    /* Keys spelt with escapes are compared as what they decode to: the
       empty key, "\0" and "a" written both ways. */
    static const struct { const char *json; bool repeat; } spelt[] = {
        {"{\"\":1,\"\":2}", true},
        {"{\"\":1,\"\\u0000\":2}", false},
        {"{\"\\u0000\":1,\"\":2}", false},
        {"{\"\\u0000\":1,\"\\u0000\":2}", true},
        {"{\"a\":1,\"\\u0061\":2}", true},
        {"{\"\\u0061\":1,\"a\":2,\"\":3}", true},
        {"{\"\\u0061\":1,\"\":2,\"b\":3}", false},
        {"{\"\\n\":1,\"\\u000a\":2}", true},
    };
    for (size_t i = 0; i < sizeof spelt / sizeof spelt[0]; i++) {
        oas_json_doc *doc;
        assert_int_equal(parse_n(spelt[i].json, strlen(spelt[i].json), NULL, &doc, NULL), OAS_OK);
        if ((oas_json_doc_root(doc)->flags & OAS_JSON_F_DUPKEYS) != (spelt[i].repeat ? OAS_JSON_F_DUPKEYS : 0))
            fail_msg("%s: flags %u", spelt[i].json, oas_json_doc_root(doc)->flags);
        oas_json_doc_free(doc);
    }
}

/* The subtree note on containers: a repeat anywhere below takes it away
 * from every container above (and from none beside), and the height it
 * records bounds the real one; the same staging and written in place (an
 * input of OAS_JSON_COUNTING_PASS_MIN bytes or more). */
static void test_no_repeats_below_note(void **state)
{
    (void)state;
    for (int large = 0; large < 2; large++) {
        oas_buf b = OAS_BUF_INIT;
        oas_buf_puts(&b, "[{\"pad\":\"");
        for (size_t i = 0; large && i < OAS_JSON_COUNTING_PASS_MIN; i++)
            oas_buf_putc(&b, 'x');
        oas_buf_puts(&b, "\"},{\"a\":{\"b\":[{\"c\":1,\"c\":2}],\"d\":[[[[[]]]]]}},{\"z\":{}}]");
        assert_int_equal(oas_buf_status(&b), OAS_OK);
        oas_json_doc *doc;
        assert_int_equal(parse_n(b.data, b.len, NULL, &doc, NULL), OAS_OK);
        const oas_json *root = oas_json_doc_root(doc);
        const oas_json *pad = &root->u.arr.items[0], *one = &root->u.arr.items[1],
                       *z = &root->u.arr.items[2];
        const oas_json *a = oas_json_get(one, "a", 1), *b_ = oas_json_get(a, "b", 1);
        const oas_json *d = oas_json_get(a, "d", 1);
        assert_int_equal(root->flags, 0);
        assert_int_equal(one->flags, 0);
        assert_int_equal(a->flags, 0);
        assert_int_equal(b_->flags, 0);
        assert_int_equal(b_->u.arr.items[0].flags, OAS_JSON_F_DUPKEYS);
        /* height 1 and 2 round up to 4, 5 to 16 */
        assert_int_equal(oas_json_no_dups_height(pad), 4);
        assert_int_equal(oas_json_no_dups_height(z), 4);
        assert_int_equal(oas_json_no_dups_height(&z->u.obj.members[0].value), 4);
        assert_int_equal(oas_json_no_dups_height(d), 16);
        assert_int_equal(oas_json_no_dups_height(&d->u.arr.items[0]), 4);
        oas_json_doc_free(doc);
        oas_buf_free(&b);
    }
}

static void test_million_member_object(void **state)
{
    (void)state;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_putc(&b, '{');
    for (size_t i = 0; i < 1000000; i++)
        oas_buf_printf(&b, "%s\"m%zu\":%zu", i ? "," : "", i, i);
    oas_buf_putc(&b, '}');
    assert_int_equal(oas_buf_status(&b), OAS_OK);
    double t = seconds_now();
    size_t work = oas_json_dup_work();
    oas_json_doc *doc;
    assert_int_equal(parse_n(b.data, b.len, NULL, &doc, NULL), OAS_OK);
    oas_json_doc_free(doc);
    work = oas_json_dup_work() - work;
    t = seconds_now() - t;
    print_message("1,000,000-member object (%zu bytes): parse+free %.3f s, %zu probes\n", b.len, t,
                  work);
    /* Linear, counted rather than timed (a timed bound fails on a busy
       machine or under valgrind): a few probes per member. */
    assert_true(work < (size_t)1000000 * 8);
    oas_buf_free(&b);
}

/* ---- depth --------------------------------------------------------------- */

static char *nested(size_t depth, const char *open, const char *middle, const char *close, size_t *len)
{
    oas_buf b = OAS_BUF_INIT;
    for (size_t i = 0; i < depth; i++)
        oas_buf_puts(&b, open);
    oas_buf_puts(&b, middle);
    for (size_t i = 0; i < depth; i++)
        oas_buf_puts(&b, close);
    return oas_buf_steal(&b, len);
}

static void test_depth_limit(void **state)
{
    (void)state;
    const size_t limits[] = {1, 5, OAS_JSON_DEFAULT_MAX_DEPTH};
    for (size_t k = 0; k < 3; k++) {
        oas_json_options opts = {.max_depth = k == 2 ? 0 : limits[k], .max_bytes = 0};
        for (int kind = 0; kind < 2; kind++) {
            size_t len;
            oas_json_doc *doc;
            oas_error err;
            char *ok = nested(limits[k], kind ? "{\"a\":" : "[", kind ? "0" : "", kind ? "}" : "]", &len);
            assert_int_equal(parse_n(ok, len, &opts, &doc, &err), OAS_OK);
            oas_json_doc_free(doc);
            oas_free(ok);
            char *bad = nested(limits[k] + 1, kind ? "{\"a\":" : "[", kind ? "0" : "", kind ? "}" : "]", &len);
            assert_int_equal(parse_n(bad, len, &opts, &doc, &err), OAS_ERR_JSON_DEPTH);
            assert_int_equal(err.offset, limits[k] * (kind ? 5 : 1));
            oas_free(bad);
        }
    }
}

typedef struct deep_job {
    size_t depth, max_depth;
    oas_status status;
    size_t offset;
    double seconds;
    bool round_trip;
} deep_job;

static void *deep_parse(void *arg)
{
    deep_job *job = arg;
    char *in = malloc(job->depth * 2);
    memset(in, '[', job->depth);
    memset(in + job->depth, ']', job->depth);
    oas_json_options opts = {.max_depth = job->max_depth, .max_bytes = 0};
    oas_json_doc *doc = NULL;
    oas_error err;
    double t = seconds_now();
    job->status = oas_json_parse(in, job->depth * 2, &opts, &doc, &err);
    job->seconds = seconds_now() - t;
    job->offset = err.offset;
    if (doc) { /* writing and comparing must be iterative too */
        oas_buf out = OAS_BUF_INIT;
        oas_json_write(oas_json_doc_root(doc), &out);
        job->round_trip = out.len == job->depth * 2 && memcmp(out.data, in, out.len) == 0 &&
                          oas_json_equal(oas_json_doc_root(doc), oas_json_doc_root(doc));
        oas_buf_free(&out);
        oas_json_doc_free(doc);
    }
    free(in);
    return NULL;
}

static void run_on_small_stack(deep_job *job)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    assert_int_equal(pthread_attr_setstacksize(&attr, 256 * 1024), 0);
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, &attr, deep_parse, job), 0);
    pthread_join(thread, NULL);
    pthread_attr_destroy(&attr);
}

/* What rejecting the 1,000,000-deep input at the default limit may ask
 * for, counted rather than timed (a time limit breaks under load or
 * valgrind): the input is over OAS_JSON_COUNTING_PASS_MIN, so the arena
 * holds its copy and the children arrays of the levels opened; each of
 * those 257 levels costs a frame (72 bytes, 144 while the stack doubles),
 * a count byte and its one child's 24 bytes, and there are headers: about
 * 43 KiB, 41,040 bytes measured. 512 bytes a level, three times that,
 * leaves room for the parser's structures to grow; nothing may grow with
 * the levels past the limit. */
#define DEEP_REJECTION_BYTES ((OAS_JSON_DEFAULT_MAX_DEPTH + 1) * 512u + 4096u)
/* The arena and the frame and count stacks doubling up to 257 entries (6
 * measured). */
#define DEEP_REJECTION_ALLOCATIONS 20u

static void test_million_deep_small_stack(void **state)
{
    (void)state;
    deep_job rejected = {.depth = 1000000, .max_depth = 0};
    failing_alloc_install(); /* process-global: set before the thread starts */
    run_on_small_stack(&rejected);
    size_t allocations = failing_alloc_calls(), bytes = failing_alloc_bytes();
    failing_alloc_uninstall();
    assert_int_equal(rejected.status, OAS_ERR_JSON_DEPTH);
    assert_int_equal(rejected.offset, OAS_JSON_DEFAULT_MAX_DEPTH);
    size_t copy = rejected.depth * 2 + 1;
    if (allocations > DEEP_REJECTION_ALLOCATIONS || bytes > copy + DEEP_REJECTION_BYTES)
        fail_msg("1,000,000-deep rejected with %zu allocations (bound %u) of %zu bytes (bound %zu)",
                 allocations, DEEP_REJECTION_ALLOCATIONS, bytes, copy + DEEP_REJECTION_BYTES);
    deep_job accepted = {.depth = 1000000, .max_depth = 1000000};
    run_on_small_stack(&accepted);
    assert_int_equal(accepted.status, OAS_OK);
    assert_true(accepted.round_trip);
    print_message("1,000,000-deep on a 256 KiB stack: rejected in %.6f s with %zu allocations of "
                  "%zu bytes (input %zu); with max_depth 1e6 accepted in %.3f s and written back\n",
                  rejected.seconds, allocations, bytes, rejected.depth * 2, accepted.seconds);
}

static void test_max_bytes(void **state)
{
    (void)state;
    oas_json_options opts = {.max_depth = 0, .max_bytes = 3};
    oas_json_doc *doc;
    oas_error err;
    assert_int_equal(parse_n("[1]", 3, &opts, &doc, &err), OAS_OK);
    oas_json_doc_free(doc);
    assert_int_equal(parse_n("[10]", 4, &opts, &doc, &err), OAS_ERR_JSON_LIMIT);
    assert_string_equal(err.message, "JSON input of 4 bytes exceeds the limit of 3 bytes");
    /* Offsets are 32-bit: past 4 GiB - 2 bytes is refused whatever the
     * options say, before a byte is read (the pointer is never used). */
    static const char one = '1';
    char msg[128];
    snprintf(msg, sizeof msg, "JSON input of %zu bytes exceeds the limit of %zu bytes",
             OAS_JSON_MAX_BYTES + 1, OAS_JSON_MAX_BYTES);
    opts.max_bytes = 0;
    assert_int_equal(oas_json_parse(&one, OAS_JSON_MAX_BYTES + 1, &opts, &doc, &err), OAS_ERR_JSON_LIMIT);
    assert_string_equal(err.message, msg);
    assert_null(doc);
    opts.max_bytes = SIZE_MAX;
    assert_int_equal(oas_json_parse(&one, OAS_JSON_MAX_BYTES + 1, &opts, &doc, &err), OAS_ERR_JSON_LIMIT);
    assert_string_equal(err.message, msg);
}

/* ---- allocation failures ------------------------------------------------- */

static char *realistic_document(size_t *len)
{
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "{\"_links\":{\"self\":{\"href\":\"/api/v2/flags/default\",\"type\":\"application/json\"}},"
                     "\"items\":[");
    for (int i = 0; i < 40; i++)
        oas_buf_printf(&b, "%s{\"key\":\"flag-%d\",\"name\":\"Flag \\u00e9 %d\",\"creationDate\":%lld,"
                           "\"temporary\":%s,\"tags\":[\"a\",\"b\"],\"score\":%d.5,\"big\":1e30,"
                           "\"maintainer\":null,\"v\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,"
                           "\"g\":7,\"h\":8,\"i\":9,\"j\":10,\"k\":11,\"l\":12,\"m\":13,\"n\":14,"
                           "\"o\":15,\"p\":16,\"q\":17,\"a\":18}}", /* 18 members: the dup table */
                       i ? "," : "", i, i, 1690000000000LL + i, i % 2 ? "true" : "false", i);
    oas_buf_puts(&b, "],\"totalCount\":40}");
    return oas_buf_steal(&b, len);
}

/* Every allocation of a parse of in[0..len) failed in turn, once and from
 * there on: each failure is OAS_ERR_NOMEM, no document, nothing leaked;
 * returns the number of failing runs (the same either way). */
static size_t expect_allocation_failures_handled(const char *in, size_t len)
{
    failing_alloc_install();
    size_t runs[2] = {0, 0};
    for (int persistent = 0; persistent < 2; persistent++) {
        for (size_t n = 1;; n++) {
            failing_alloc_fail_at(n, persistent);
            oas_json_doc *doc = NULL;
            oas_error err;
            oas_status st = oas_json_parse(in, len, NULL, &doc, &err);
            if (st == OAS_OK) {
                assert_int_equal(failing_alloc_calls(), n - 1); /* first run never reaching n */
                oas_json_doc_free(doc);
                assert_int_equal(failing_alloc_live(), 0);
                break;
            }
            assert_int_equal(st, OAS_ERR_NOMEM);
            assert_int_equal(err.code, OAS_ERR_NOMEM);
            assert_null(doc);
            assert_int_equal(failing_alloc_live(), 0);
            runs[persistent]++;
            assert_true(n < 1000);
        }
    }
    size_t sites = failing_alloc_sites();
    failing_alloc_uninstall();
    print_message("parse of %zu bytes: %zu failing runs (once), %zu (persistent), %zu allocation sites\n",
                  len, runs[0], runs[1], sites);
    assert_int_equal(runs[0], runs[1]);
    return runs[0];
}

static void test_allocation_failures(void **state)
{
    (void)state;
    size_t len;
    char *in = realistic_document(&len);
    /* arena, scratch, frames, dup table, arena growth */
    assert_true(expect_allocation_failures_handled(in, len) >= 4);
    oas_free(in);
}

/* The bytes the counting pass reads in a parse of in[0..len). */
static size_t bytes_counted(const char *in, size_t len)
{
    size_t before = oas_json_counted_bytes();
    oas_json_doc *doc = NULL;
    assert_int_equal(parse_n(in, len, NULL, &doc, NULL), OAS_OK);
    oas_json_doc_free(doc);
    return oas_json_counted_bytes() - before;
}

/* The same for the large inputs' ways: counted and written in place (a
 * dense array), staged as sparse (long strings), and staged as sparse
 * until a dense part outgrows the slots, then counted. */
static void test_allocation_failures_large(void **state)
{
    (void)state;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "[{\"k\":[");
    for (size_t i = 0; i < OAS_JSON_COUNTING_PASS_MIN / 2; i++)
        oas_buf_puts(&b, i ? ",1" : "1");
    oas_buf_puts(&b, "]}]");
    assert_int_equal(bytes_counted(b.data, b.len), b.len);
    size_t dense = expect_allocation_failures_handled(b.data, b.len);
    oas_buf_free(&b);
    oas_buf_puts(&b, "[");
    for (size_t i = 0; i < 40; i++) {
        oas_buf_printf(&b, "%s{\"id\":%zu,\"text\":\"", i ? "," : "", i);
        for (size_t k = 0; k < 1000; k++)
            oas_buf_puts(&b, "ab\\\"");
        oas_buf_puts(&b, "\"}");
    }
    oas_buf_puts(&b, "]");
    assert_int_equal(bytes_counted(b.data, b.len), 0);
    size_t sparse = expect_allocation_failures_handled(b.data, b.len);
    b.len--; /* then 100,000 items more: the slots outgrow the input */
    oas_buf_puts(&b, ",[");
    for (size_t i = 0; i < 100000; i++)
        oas_buf_puts(&b, i ? ",0" : "0");
    oas_buf_puts(&b, "]]");
    assert_int_equal(bytes_counted(b.data, b.len), b.len);
    size_t outgrown = expect_allocation_failures_handled(b.data, b.len);
    oas_buf_free(&b);
    /* each way allocates its own: counts, frames and the arena counted; the
       arena, slots and frames staged; all of them when staging gives up */
    assert_true(dense >= 3 && sparse >= 3 && outgrown > sparse);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_malformed_exact),
        cmocka_unit_test(test_error_message_and_position),
        cmocka_unit_test(test_string_scanner_every_position),
        cmocka_unit_test(test_escapes_decode_whatever_the_runs_between_them),
        cmocka_unit_test(test_decoding_leaves_the_text_after_the_string_as_it_was),
        cmocka_unit_test(test_blank_runs_of_every_length),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_integer_digits_every_length_and_position),
        cmocka_unit_test(test_negative_zero),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_structure_and_offsets),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_duplicate_flag_whatever_the_key_classes),
        cmocka_unit_test(test_no_repeats_below_note),
        cmocka_unit_test(test_million_member_object),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_million_deep_small_stack),
        cmocka_unit_test(test_max_bytes),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_allocation_failures_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
