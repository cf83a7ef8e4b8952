/* oas_buf: growth, sticky failure, steal, and the JSON scalar writers. */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "failing_alloc.h"
#include "oas_alloc.h"
#include "oas_buf.h"
#include "oas_json.h"

static void test_append_and_steal(void **state)
{
    (void)state;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "ab");
    oas_buf_putc(&b, 'c');
    oas_buf_append(&b, "d\0e", 3);
    oas_buf_printf(&b, "%d-%s", 42, "x");
    assert_int_equal(b.len, 10);
    assert_memory_equal(b.data, "abcd\0e42-x", 11);
    for (int i = 0; i < 1000; i++) /* growth past the first block, and printf past 256 */
        oas_buf_printf(&b, "%300s", "");
    assert_int_equal(b.len, 10 + 300000);
    assert_int_equal(b.data[b.len], '\0');
    oas_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    oas_buf_puts(&b, "kept");
    size_t len;
    char *s = oas_buf_steal(&b, &len);
    assert_string_equal(s, "kept");
    assert_int_equal(len, 4);
    assert_null(b.data);
    oas_free(s);
    s = oas_buf_steal(&b, &len); /* empty gives "" */
    assert_string_equal(s, "");
    assert_int_equal(len, 0);
    oas_free(s);
    oas_buf_free(&b);
    oas_buf_free(NULL);
}

/* A copy of bytes the buffer holds lands at its end, also when the
 * buffer has to grow (and move) for it; a range not all in the buffer
 * appends nothing. */
static void test_append_copy(void **state)
{
    (void)state;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "{\"a\":\"x/y\",\"b\":");
    oas_buf_append_copy(&b, 5, 5);
    assert_string_equal(b.data, "{\"a\":\"x/y\",\"b\":\"x/y\"");
    oas_buf_append_copy(&b, b.len, 1);
    oas_buf_append_copy(&b, 2, b.len);
    oas_buf_append_copy(&b, b.len + 1, 0);
    assert_string_equal(b.data, "{\"a\":\"x/y\",\"b\":\"x/y\"");
    oas_buf_reset(&b);
    char block[1000];
    memset(block, 'z', sizeof block);
    oas_buf_append(&b, block, sizeof block);
    for (int i = 0; i < 12; i++) /* doubling each time: past every capacity it had */
        oas_buf_append_copy(&b, 0, b.len);
    assert_int_equal(oas_buf_status(&b), OAS_OK);
    assert_int_equal(b.len, sizeof block << 12);
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] != 'z')
            fail_msg("byte %zu is %d", i, b.data[i]);
    assert_int_equal(b.data[b.len], '\0');
    oas_buf_free(&b);
}

static void test_sticky_failure(void **state)
{
    (void)state;
    failing_alloc_install();
    failing_alloc_fail_at(2, false); /* the first growth works, the second fails */
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "x");
    assert_int_equal(oas_buf_status(&b), OAS_OK);
    char big[200];
    memset(big, 'y', sizeof big);
    oas_buf_append(&b, big, sizeof big);
    assert_int_equal(oas_buf_status(&b), OAS_ERR_NOMEM);
    oas_buf_puts(&b, "z"); /* no-op from now on, even though memory is back */
    assert_int_equal(b.len, 1);
    assert_int_equal(oas_buf_status(&b), OAS_ERR_NOMEM);
    size_t len = 7;
    assert_null(oas_buf_steal(&b, &len));
    assert_int_equal(len, 0);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
}

typedef struct string_case {
    const char *in;
    size_t len;
    const char *out;
} string_case;

static const string_case string_cases[] = {
    {"plain", 5, "\"plain\""},
    {"", 0, "\"\""},
    {"q\"b\\s/", 6, "\"q\\\"b\\\\s/\""},
    {"\b\f\n\r\t", 5, "\"\\b\\f\\n\\r\\t\""},
    {"\x01\x1f\x7f", 3, "\"\\u0001\\u001f\x7f\""},
    {"a\0b", 3, "\"a\\u0000b\""},
    {"\xE2\x82\xAC\xF0\x9D\x84\x9E", 7, "\"\xE2\x82\xAC\xF0\x9D\x84\x9E\""},
};

static void test_json_string(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof string_cases / sizeof string_cases[0]; i++) {
        oas_buf b = OAS_BUF_INIT;
        oas_buf_json_string(&b, string_cases[i].in, string_cases[i].len);
        assert_string_equal(b.data, string_cases[i].out);
        oas_buf_free(&b);
    }
    /* Every byte value 0..127 gives JSON that reads back to the same bytes. */
    char all[128];
    for (int i = 0; i < 128; i++)
        all[i] = (char)i;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_json_string(&b, all, sizeof all);
    oas_json_doc *doc;
    assert_int_equal(oas_json_parse(b.data, b.len, NULL, &doc, NULL), OAS_OK);
    const oas_json *v = oas_json_doc_root(doc);
    assert_int_equal(v->u.str.len, 128);
    assert_memory_equal(v->u.str.ptr, all, 128);
    oas_json_doc_free(doc);
    oas_buf_free(&b);
}

/* Long text is scanned 8 bytes at a time, and its last bytes as the word
 * that ends it: a byte that needs an escape is found at every position of
 * every length up to 24 bytes of ASCII or UTF-8 filler, and the bytes beside
 * the escaped set (space, 0x7f, '!', '#', '[', ']', 0x80, 0xff) pass
 * through. */
static void test_json_string_escapes_at_every_position(void **state)
{
    (void)state;
    static const struct { char c; const char *esc; } special[] = {
        {'"', "\\\""}, {'\\', "\\\\"}, {'\n', "\\n"}, {'\x01', "\\u0001"}, {'\x1f', "\\u001f"}};
    static const char fillers[] = {'a', ' ', '\x7f', '!', '#', '[', ']', '\x80', '\xff', '\xe9'};
    for (size_t f = 0; f < sizeof fillers; f++) {
        for (size_t k = 0; k < sizeof special / sizeof special[0]; k++) {
            for (size_t len = 1; len <= 24; len++) {
                for (size_t pos = 0; pos < len; pos++) {
                    char in[24], want[64];
                    memset(in, fillers[f], len);
                    in[pos] = special[k].c;
                    size_t n = 0;
                    want[n++] = '"';
                    memcpy(want + n, in, pos);
                    n += pos;
                    memcpy(want + n, special[k].esc, strlen(special[k].esc));
                    n += strlen(special[k].esc);
                    memcpy(want + n, in + pos + 1, len - pos - 1);
                    n += len - pos - 1;
                    want[n++] = '"';
                    oas_buf b = OAS_BUF_INIT;
                    oas_buf_json_string(&b, in, len);
                    assert_int_equal(b.len, n);
                    assert_memory_equal(b.data, want, n);
                    oas_buf_free(&b);
                }
                /* and none at all: the text as it is */
                char in[24];
                memset(in, fillers[f], len);
                oas_buf b = OAS_BUF_INIT;
                oas_buf_json_string(&b, in, len);
                assert_int_equal(b.len, len + 2);
                assert_memory_equal(b.data + 1, in, len);
                oas_buf_free(&b);
            }
        }
    }
}

static void test_json_int64_and_uint64(void **state)
{
    (void)state;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_json_int64(&b, INT64_MIN);
    oas_buf_putc(&b, ' ');
    oas_buf_json_int64(&b, INT64_MAX);
    oas_buf_putc(&b, ' ');
    oas_buf_json_int64(&b, 0);
    oas_buf_putc(&b, ' ');
    oas_buf_json_int64(&b, -7);
    oas_buf_putc(&b, ' ');
    oas_buf_json_uint64(&b, UINT64_MAX);
    oas_buf_putc(&b, ' ');
    oas_buf_json_uint64(&b, 10);
    assert_string_equal(b.data, "-9223372036854775808 9223372036854775807 0 -7 "
                                "18446744073709551615 10");
    oas_buf_free(&b);
}

typedef struct double_case {
    double v;
    const char *text;
} double_case;

static const double_case double_cases[] = {
    {0.0, "0"},
    {-0.0, "-0"},
    {1.0, "1"},
    {0.1, "0.1"},
    {0.30000000000000004, "0.30000000000000004"},
    {1e300, "1e+300"},
    {1e-7, "1e-07"},
    {123456.789, "123456.789"},
    {DBL_MAX, "1.7976931348623157e+308"},
    {4.9406564584124654e-324, "4.94065645841247e-324"}, /* shortest that reads back */
    {9007199254740993.0, "9007199254740992"},
    {2.0 / 3.0, "0.6666666666666666"}, /* %.16g suffices */
};

static void test_json_double(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof double_cases / sizeof double_cases[0]; i++) {
        oas_buf b = OAS_BUF_INIT;
        oas_buf_json_double(&b, double_cases[i].v);
        assert_string_equal(b.data, double_cases[i].text);
        oas_json_doc *doc; /* valid JSON that reads back to the same double */
        assert_int_equal(oas_json_parse(b.data, b.len, NULL, &doc, NULL), OAS_OK);
        assert_true(oas_json_number_double(oas_json_doc_root(doc)) == double_cases[i].v);
        oas_json_doc_free(doc);
        oas_buf_free(&b);
    }
    const double bad[] = {INFINITY, -INFINITY, NAN};
    for (size_t i = 0; i < 3; i++) {
        oas_buf b = OAS_BUF_INIT;
        oas_buf_json_double(&b, bad[i]);
        assert_int_equal(oas_buf_status(&b), OAS_ERR_INVALID_ARG);
        oas_buf_free(&b);
    }
}

static void test_pointer_token(void **state)
{
    (void)state;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_pointer_token(&b, "a/b~c", 5);
    oas_buf_pointer_token(&b, "", 0);
    oas_buf_pointer_token(&b, "~~//", 4);
    oas_buf_pointer_token(&b, "0", 1);
    assert_string_equal(b.data, "/a~1b~0c//~0~0~1~1/0");
    oas_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_steal),
        cmocka_unit_test(test_append_copy),
        cmocka_unit_test(test_sticky_failure),
        cmocka_unit_test(test_json_string),
        cmocka_unit_test(test_json_string_escapes_at_every_position),
        cmocka_unit_test(test_json_int64_and_uint64),
        cmocka_unit_test(test_json_double),
        cmocka_unit_test(test_pointer_token),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
