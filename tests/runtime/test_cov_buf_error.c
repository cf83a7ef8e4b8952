/* test_cov_buf_error.c - oas_buf's edge cases (NULL buffers, sticky
 * failure, steal, long printf, JSON escapes, doubles, pointer tokens) and
 * oas_error's (names, truncation, one-line messages, line/column). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "failing_alloc.h"
#include "oas_alloc.h"
#include "oas_buf.h"
#include "oas_error.h"

static void test_buf_null_and_sticky_failure(void **state)
{
    (void)state;
    oas_buf_init(NULL);
    oas_buf_free(NULL);
    oas_buf_reset(NULL);
    oas_buf_append(NULL, "x", 1);
    oas_buf_printf(NULL, "%d", 1);
    oas_buf_json_string(NULL, "x", 1);
    oas_buf_json_double(NULL, 1.0);
    oas_buf_pointer_token(NULL, "x", 1);
    assert_int_equal(oas_buf_status(NULL), OAS_ERR_INVALID_ARG);
    size_t len = 99;
    assert_null(oas_buf_steal(NULL, &len));
    assert_int_equal(len, 0);

    oas_buf b = OAS_BUF_INIT;
    oas_buf_json_double(&b, NAN); /* not JSON: the buffer fails, stays failed */
    assert_int_equal(oas_buf_status(&b), OAS_ERR_INVALID_ARG);
    oas_buf_puts(&b, "x");
    oas_buf_printf(&b, "%s", "y");
    oas_buf_json_double(&b, 1.0);
    assert_null(b.data);
    len = 99;
    assert_null(oas_buf_steal(&b, &len)); /* a failed buffer gives nothing and is reset */
    assert_int_equal(len, 0);
    assert_int_equal(oas_buf_status(&b), OAS_OK);
    oas_buf_json_double(&b, INFINITY);
    assert_int_equal(oas_buf_status(&b), OAS_ERR_INVALID_ARG);
    oas_buf_free(&b);

    /* an allocation failure is sticky too */
    failing_alloc_install();
    failing_alloc_fail_at(1, false);
    oas_buf_puts(&b, "abc");
    assert_int_equal(oas_buf_status(&b), OAS_ERR_NOMEM);
    oas_buf_puts(&b, "def"); /* would succeed now; the buffer stays failed */
    assert_null(b.data);
    assert_null(oas_buf_steal(&b, NULL));
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
}

static void test_buf_steal_reset_printf(void **state)
{
    (void)state;
    oas_buf b = OAS_BUF_INIT;
    size_t len = 99;
    char *s = oas_buf_steal(&b, &len); /* empty, never written: "" */
    assert_non_null(s);
    assert_string_equal(s, "");
    assert_int_equal(len, 0);
    oas_free(s);

    oas_buf_puts(&b, "hello");
    oas_buf_puts(&b, NULL);
    oas_buf_append(&b, "", 0);
    size_t cap = b.cap;
    oas_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, cap);
    assert_string_equal(b.data, "");

    char big[600];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    oas_buf_printf(&b, "<%s>%d", big, 42); /* past the 256-byte fast path */
    assert_int_equal(b.len, 599 + 4);
    assert_memory_equal(b.data, "<zzz", 4);
    assert_string_equal(b.data + 600, ">42");
    s = oas_buf_steal(&b, &len);
    assert_int_equal(len, 603);
    assert_int_equal(strlen(s), 603);
    assert_null(b.data);
    oas_free(s);
}

static void test_buf_json_writers(void **state)
{
    (void)state;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_json_string(&b, "a\"b\\c\b\f\n\r\t\x01\x1f\x7f\xc3\xa9", 15);
    assert_string_equal(b.data, "\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xc3\xa9\"");
    oas_buf_reset(&b);
    oas_buf_json_string(&b, "x\0y", 3);
    assert_memory_equal(b.data, "\"x\\u0000y\"", 11);
    oas_buf_reset(&b);

    oas_buf_json_int64(&b, INT64_MIN);
    oas_buf_putc(&b, ' ');
    oas_buf_json_int64(&b, INT64_MAX);
    assert_string_equal(b.data, "-9223372036854775808 9223372036854775807");
    oas_buf_reset(&b);

    const struct { double v; const char *text; } d[] = {
        {0.1, "0.1"}, {-2.5, "-2.5"}, {1e300, "1e+300"}, {0.0, "0"},
        {1.0 / 3.0, "0.3333333333333333"}, {123456789012345678.0, "1.2345678901234568e+17"},
        {5e-324, "4.94065645841247e-324"},
    };
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        oas_buf_reset(&b);
        oas_buf_json_double(&b, d[i].v);
        assert_string_equal(b.data, d[i].text);
    }
    oas_buf_reset(&b);
    oas_buf_pointer_token(&b, "a/b~c", 5);
    oas_buf_pointer_token(&b, "", 0);
    oas_buf_pointer_token(&b, "~~", 2);
    assert_string_equal(b.data, "/a~1b~0c//~0~0");
    oas_buf_free(&b);
}

/* Escapes can need more room than the text took: the room is taken again at
 * an escape, and when it cannot be had the buffer fails and still holds a
 * string (what was written before the escape). */
static void test_json_string_room_taken_again_at_an_escape(void **state)
{
    (void)state;
    char ctl[20];
    memset(ctl, '\x01', sizeof ctl); /* 20 bytes, 122 written */
    char want[128] = "x\"";
    for (size_t i = 0; i < sizeof ctl; i++)
        strcat(want, "\\u0001");
    strcat(want, "\"");

    oas_buf b = OAS_BUF_INIT;
    oas_buf_putc(&b, 'x'); /* 64 bytes of room: enough for the text, not its escapes */
    oas_buf_json_string(&b, ctl, sizeof ctl);
    assert_int_equal(oas_buf_status(&b), OAS_OK);
    assert_int_equal(b.len, strlen(want));
    assert_string_equal(b.data, want);
    oas_buf_free(&b);

    failing_alloc_install();
    oas_buf_putc(&b, 'x');
    failing_alloc_fail_at(1, false);
    oas_buf_json_string(&b, ctl, sizeof ctl);
    assert_int_equal(failing_alloc_failures(), 1);
    assert_int_equal(oas_buf_status(&b), OAS_ERR_NOMEM);
    assert_int_equal(strlen(b.data), b.len);
    assert_true(b.len >= 2 && b.len < 64);
    assert_memory_equal(b.data, want, b.len); /* a prefix of the whole */
    oas_buf_json_string(&b, "y", 1); /* failed stays failed */
    assert_memory_equal(b.data, want, b.len);
    oas_buf_free(&b);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();

    /* a length no memory holds fails the buffer, as any room it cannot have */
    oas_buf_putc(&b, 'x');
    oas_buf_json_string(&b, "abc", SIZE_MAX - 3);
    assert_int_equal(oas_buf_status(&b), OAS_ERR_NOMEM);
    assert_string_equal(b.data, "x");
    oas_buf_free(&b);
}

static void test_error_names_and_set(void **state)
{
    (void)state;
    assert_string_equal(oas_strerror(OAS_OK), "success");
    assert_string_equal(oas_strerror(OAS_ERR_NUL_IN_STRING), "NUL character in string");
    assert_string_equal(oas_strerror(OAS_ERR_VERSION), "runtime version mismatch");
    assert_string_equal(oas_strerror((oas_status)OAS_STATUS_COUNT), "unknown error");
    assert_string_equal(oas_strerror((oas_status)-1), "unknown error");
    for (int s = 0; s < OAS_STATUS_COUNT; s++)
        assert_string_not_equal(oas_strerror((oas_status)s), "unknown error");

    assert_int_equal(oas_error_set(NULL, OAS_ERR_TYPE, "/x", 3, "m"), OAS_ERR_TYPE);
    oas_error_clear(NULL);
    oas_error_locate(NULL, "x", 1);

    oas_error e;
    assert_int_equal(oas_error_set(&e, OAS_ERR_MISSING, NULL, 7, NULL), OAS_ERR_MISSING);
    assert_string_equal(e.pointer, "");
    assert_string_equal(e.message, "");
    assert_int_equal(e.offset, 7);
    /* one line: CR and LF become spaces */
    oas_error_set(&e, OAS_ERR_TYPE, "/a", 0, "bad\r\nvalue %s\n", "x");
    assert_string_equal(e.message, "bad  value x ");
    /* long pointer and message: truncated, terminated */
    char longp[700];
    memset(longp, 'p', sizeof longp - 1);
    longp[sizeof longp - 1] = '\0';
    oas_error_set(&e, OAS_ERR_TYPE, longp, 0, "%s", longp);
    assert_int_equal(strlen(e.pointer), OAS_ERROR_POINTER_MAX - 1);
    assert_int_equal(strlen(e.message), OAS_ERROR_MESSAGE_MAX - 1);
    /* clear resets every field a caller reads, whatever set them before */
    e.line = 3;
    e.column = 9;
    e.http_status = 503;
    oas_error_clear(&e);
    assert_int_equal(e.code, OAS_OK);
    assert_string_equal(e.message, "");
    assert_string_equal(e.pointer, "");
    assert_int_equal(e.offset, OAS_NO_OFFSET);
    assert_int_equal(e.line, 0);
    assert_int_equal(e.column, 0);
    assert_int_equal(e.http_status, 0);
}

static void test_error_locate(void **state)
{
    (void)state;
    const char *in = "{\n  \"a\": 1,\n  \"b\" x\n}";
    oas_error e;
    oas_error_set(&e, OAS_ERR_JSON_SYNTAX, NULL, 18, "x");
    oas_error_locate(&e, in, strlen(in));
    assert_int_equal(e.line, 3);
    assert_int_equal(e.column, 7);
    oas_error_set(&e, OAS_ERR_JSON_SYNTAX, NULL, 0, "x");
    oas_error_locate(&e, in, strlen(in));
    assert_int_equal(e.line, 1);
    assert_int_equal(e.column, 1);
    oas_error_set(&e, OAS_ERR_JSON_SYNTAX, NULL, 2, "x"); /* just after a new line */
    oas_error_locate(&e, in, strlen(in));
    assert_int_equal(e.line, 2);
    assert_int_equal(e.column, 1);
    oas_error_set(&e, OAS_ERR_JSON_SYNTAX, NULL, OAS_NO_OFFSET, "x");
    e.line = e.column = 5;
    oas_error_locate(&e, in, strlen(in));
    assert_int_equal(e.line, 0);
    assert_int_equal(e.column, 0);
    oas_error_set(&e, OAS_ERR_JSON_SYNTAX, NULL, 3, "x");
    oas_error_locate(&e, NULL, 0);
    assert_int_equal(e.line, 0);
    assert_int_equal(e.column, 0);
    /* the end of the input (e.g. "unexpected end") is a position too */
    oas_error_set(&e, OAS_ERR_JSON_SYNTAX, NULL, strlen(in), "x");
    oas_error_locate(&e, in, strlen(in));
    assert_int_equal(e.line, 4);
    assert_int_equal(e.column, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_null_and_sticky_failure),
        cmocka_unit_test(test_buf_steal_reset_printf),
        cmocka_unit_test(test_buf_json_writers),
        cmocka_unit_test(test_json_string_room_taken_again_at_an_escape),
        cmocka_unit_test(test_error_names_and_set),
        cmocka_unit_test(test_error_locate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
