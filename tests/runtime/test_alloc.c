/* oas_alloc (hooks, overflow checks, the failing test allocator itself),
 * oas_error and oas_version. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "failing_alloc.h"
#include "oas_alloc.h"
#include "oas_error.h"
#include "oas_version.h"

static void test_overflow_checks(void **state)
{
    (void)state;
    assert_null(oas_calloc(SIZE_MAX / 2, 3));
    assert_null(oas_realloc_array(NULL, SIZE_MAX / 4, 8));
    int *p = oas_calloc(4, sizeof *p);
    assert_non_null(p);
    assert_int_equal(p[0] | p[1] | p[2] | p[3], 0);
    int *q = oas_realloc_array(p, 8, sizeof *q);
    assert_non_null(q);
    assert_null(oas_realloc_array(q, SIZE_MAX, 2)); /* q untouched */
    oas_free(q);
    oas_free(NULL);
    char *s = oas_strndup("abcdef", 3);
    assert_string_equal(s, "abc");
    oas_free(s);
    s = oas_strdup("xyz");
    assert_string_equal(s, "xyz");
    oas_free(s);
    assert_null(oas_strdup(NULL));
}

static void test_failing_allocator(void **state)
{
    (void)state;
    failing_alloc_install();
    failing_alloc_fail_at(2, false);
    void *a = oas_malloc(8);
    void *b = oas_malloc(8); /* the 2nd fails */
    void *c = oas_malloc(8);
    assert_non_null(a);
    assert_null(b);
    assert_non_null(c);
    assert_int_equal(failing_alloc_live(), 2);
    assert_int_equal(failing_alloc_calls(), 3);
    assert_int_equal(failing_alloc_failures(), 1);
    oas_free(a);
    oas_free(c);
    assert_int_equal(failing_alloc_live(), 0);

    failing_alloc_fail_at(2, true);
    a = oas_malloc(1);
    assert_non_null(a);
    assert_null(oas_malloc(1));
    assert_null(oas_strdup("x"));
    assert_null(oas_realloc(a, 100)); /* a stays valid */
    oas_free(a);
    assert_int_equal(failing_alloc_live(), 0);
    assert_int_equal(failing_alloc_failures(), 4);

    failing_alloc_fail_at(0, false);
    cJSON *j = cJSON_CreateString("through the hooks"); /* cJSON allocates via oas_malloc */
    assert_int_equal(failing_alloc_live(), 2);
    cJSON_Delete(j);
    assert_int_equal(failing_alloc_live(), 0);
    assert_true(failing_alloc_sites() >= 4);
    failing_alloc_uninstall();
}

static void test_strerror_every_status(void **state)
{
    (void)state;
    for (int code = 0; code < OAS_STATUS_COUNT; code++) {
        const char *s = oas_strerror((oas_status)code);
        assert_non_null(s);
        assert_string_not_equal(s, "unknown error");
        for (int other = 0; other < code; other++)
            assert_string_not_equal(s, oas_strerror((oas_status)other));
    }
    assert_string_equal(oas_strerror(OAS_ERR_NOMEM), "out of memory");
    assert_string_equal(oas_strerror(OAS_STATUS_COUNT), "unknown error");
    assert_string_equal(oas_strerror((oas_status)-1), "unknown error");
}

static void test_error_set_and_locate(void **state)
{
    (void)state;
    oas_error err;
    oas_error_clear(&err);
    assert_int_equal(err.code, OAS_OK);
    assert_int_equal(err.offset, OAS_NO_OFFSET);
    assert_int_equal(oas_error_set(&err, OAS_ERR_TYPE, "/a/0", 5, "bad %s\nthing %d", "x", 3), OAS_ERR_TYPE);
    assert_string_equal(err.message, "bad x thing 3");
    assert_string_equal(err.pointer, "/a/0");
    assert_int_equal(err.offset, 5);
    assert_int_equal(oas_error_set(NULL, OAS_ERR_IO, NULL, 0, "x"), OAS_ERR_IO);

    char longer[1000];
    memset(longer, 'm', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    oas_error_set(&err, OAS_ERR_IO, longer, 0, "%s", longer);
    assert_int_equal(strlen(err.message), OAS_ERROR_MESSAGE_MAX - 1);
    assert_int_equal(strlen(err.pointer), OAS_ERROR_POINTER_MAX - 1);

    const char *text = "ab\ncd\n\nef";
    const size_t offsets[] = {0, 1, 2, 3, 5, 6, 7, 8, 9};
    const unsigned long lines[] = {1, 1, 1, 2, 2, 3, 4, 4, 4};
    const unsigned long cols[] = {1, 2, 3, 1, 3, 1, 1, 2, 3};
    for (size_t i = 0; i < 9; i++) {
        err.offset = offsets[i];
        oas_error_locate(&err, text, strlen(text));
        assert_int_equal(err.line, lines[i]);
        assert_int_equal(err.column, cols[i]);
    }
    err.offset = OAS_NO_OFFSET;
    oas_error_locate(&err, text, strlen(text));
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
}

static void test_version(void **state)
{
    (void)state;
    assert_int_equal(oas_runtime_abi(), OAS_ABI_VERSION);
    assert_string_equal(oas_runtime_version(), OAS_VERSION);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overflow_checks),
        cmocka_unit_test(test_failing_allocator),
        cmocka_unit_test(test_strerror_every_status),
        cmocka_unit_test(test_error_set_and_locate),
        cmocka_unit_test(test_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
