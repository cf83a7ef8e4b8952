/* oas_dynlib: a library's functions bound on first use; the reasons given
 * when the library or a function is missing; one attempt per process. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "oas_dynlib.h"

typedef struct libm_api {
    double (*cos)(double);
    double (*sqrt)(double);
} libm_api;

static const char *const libm_sonames[] = {"libm.so.6"};
static const oas_dynlib_symbol libm_symbols[] = {{"cos", offsetof(libm_api, cos)},
                                                 {"sqrt", offsetof(libm_api, sqrt)}};

static void test_dynlib_binds_every_symbol(void **state)
{
    (void)state;
    libm_api m = {0};
    oas_dynlib lib = OAS_DYNLIB_INIT(libm_sonames, libm_symbols, &m);
    assert_true(oas_dynlib_load(&lib));
    assert_true(lib.loaded);
    assert_string_equal(lib.why, "");
    assert_true(m.cos(0.0) == 1.0);
    assert_true(m.sqrt(16.0) == 4.0);
    assert_true(oas_dynlib_load(&lib)); /* the same answer again */
}

static void test_dynlib_missing_library_names_it(void **state)
{
    (void)state;
    static const char *const sonames[] = {"liboas-no-such-library.so.9",
                                          "liboas-no-such-library.so"};
    libm_api m = {0};
    oas_dynlib lib = OAS_DYNLIB_INIT(sonames, libm_symbols, &m);
    assert_false(oas_dynlib_load(&lib));
    const char *want = "cannot load liboas-no-such-library.so.9: liboas-no-such-library.so.9: "
                       "cannot open shared object file: No such file or directory";
    assert_string_equal(lib.why, want);
    assert_null(m.cos);
    /* Attempted once: a second call does not try again, and says the same. */
    assert_false(oas_dynlib_load(&lib));
    assert_string_equal(lib.why, want);
}

static void test_dynlib_missing_symbol_leaves_table_empty(void **state)
{
    (void)state;
    static const oas_dynlib_symbol symbols[] = {{"cos", offsetof(libm_api, cos)},
                                                {"oas_no_such_function", offsetof(libm_api, sqrt)}};
    libm_api m = {0};
    oas_dynlib lib = OAS_DYNLIB_INIT(libm_sonames, symbols, &m);
    assert_false(oas_dynlib_load(&lib));
    assert_non_null(strstr(lib.why, "libm.so.6 has no oas_no_such_function ("));
    assert_null(m.cos); /* bound before the missing one, then cleared */
    assert_null(m.sqrt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dynlib_binds_every_symbol),
        cmocka_unit_test(test_dynlib_missing_library_names_it),
        cmocka_unit_test(test_dynlib_missing_symbol_leaves_table_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
