/* test_har_base64.c - the HAR body decoder (tools/validate_har_base64.c):
 * whitespace (space, tab, CR, LF) is skipped anywhere, as RFC 2045 decoders
 * do, so MIME-style bodies wrapped at 76 columns decode; every other
 * character outside the alphabet, misplaced or missing padding and non-zero
 * bits under the padding are still refused, at the right index. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "oas_alloc.h"
#include "validate_har_base64.h"

static void expect_decoded(const char *in, const char *want, size_t want_len)
{
    char *out;
    size_t len, bad;
    assert_int_equal(har_base64_decode(in, strlen(in), &out, &len, &bad), OAS_OK);
    assert_int_equal(len, want_len);
    assert_memory_equal(out, want, want_len);
    assert_int_equal(out[len], '\0');
    oas_free(out);
}

static void expect_refused(const char *in, size_t want_bad)
{
    char *out = (char *)1;
    size_t len = 99, bad;
    assert_int_equal(har_base64_decode(in, strlen(in), &out, &len, &bad), OAS_ERR_JSON_SYNTAX);
    assert_null(out);
    assert_int_equal(len, 0);
    assert_int_equal(bad, want_bad);
}

static void whitespace_skipped(void **state)
{
    (void)state;
    expect_decoded("e3 0=", "{}", 2);
    expect_decoded(" e30=", "{}", 2);
    expect_decoded("e30=\r\n", "{}", 2);
    expect_decoded("e\t3\r0\n=", "{}", 2);
    expect_decoded("ZQ=\n=", "e", 1);   /* between the padding characters */
    expect_decoded("ZQ= = \n", "e", 1);
    expect_decoded("AP8A\r\nAP8A", "\0\xff\0\0\xff\0", 6);
    expect_decoded(" \r\n\t ", "", 0);  /* only whitespace: an empty body */
}

/* 57 bytes encode to exactly 76 characters: a MIME line. */
static void wrapped_at_76_columns(void **state)
{
    (void)state;
    char bytes[120];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (char)(i * 7 + 3);
    /* base64 of bytes, wrapped at 76 columns with CRLF (as `base64 -w 76`
       and MIME writers do), and the same with LF and a final newline */
    const char *crlf =
        "AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dzj6vH4/wYNFBsiKTA3PkVMU1phaG92fYSL\r\n"
        "kpmgp661vMPK0djf5u30+wIJEBceJSwzOkFIT1ZdZGtyeYCHjpWco6qxuL/GzdTb4unw9/4FDBMa\r\n"
        "ISgvNj1E";
    char lf[400];
    size_t n = 0;
    for (const char *p = crlf; *p; p++)
        if (*p != '\r')
            lf[n++] = *p;
    lf[n++] = '\n';
    lf[n] = '\0';
    expect_decoded(crlf, bytes, sizeof bytes);
    expect_decoded(lf, bytes, sizeof bytes);
}

static void still_strict(void **state)
{
    (void)state;
    expect_decoded("", "", 0);
    expect_decoded("e30=", "{}", 2);
    expect_decoded("+/+/", "\xfb\xff\xbf", 3);
    /* the index is the offending character's in the text, whitespace counted */
    expect_refused("e3\r\n-_", 4);      /* URL-safe alphabet */
    expect_refused("e3\r\n0*", 5);      /* not base64 */
    expect_refused("e3\v0=", 2);        /* vertical tab is not whitespace here */
    expect_refused("e3\f0=", 2);        /* nor form feed */
    expect_refused("e3\x00" "0=", 2);   /* NUL: strlen stops, the length is wrong */
    expect_refused("e30\r\n", 5);       /* 3 characters: length */
    expect_refused("e3\n0", 4);
    expect_refused("e=\n0=", 1);        /* padding inside */
    expect_refused("e30=\ne30=", 3);    /* data after the padding */
    expect_refused("= ===", 0);
    expect_refused("e3\n1=", 3);        /* non-zero bits under the padding */
    expect_refused("Z\nR==", 2);
    expect_refused("ZQ==\n\n=", 2);     /* three '=': the first is misplaced */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whitespace_skipped),
        cmocka_unit_test(wrapped_at_76_columns),
        cmocka_unit_test(still_strict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
