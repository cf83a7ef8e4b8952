/* oas_buf_xml_text: XML's five specials as entities, TAB/LF/CR as
 * character references (so attribute values keep them), and what XML 1.0
 * cannot hold replaced by U+FFFD, one per bad byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "oas_buf.h"

#define FFFD "\xEF\xBF\xBD"

static void check_n(const char *in, size_t len, const char *want)
{
    oas_buf b = OAS_BUF_INIT;
    oas_buf_xml_text(&b, in, len);
    assert_int_equal(oas_buf_status(&b), OAS_OK);
    assert_string_equal(b.data ? b.data : "", want);
    assert_int_equal(b.len, strlen(want));
    oas_buf_free(&b);
}

static void check(const char *in, const char *want) { check_n(in, strlen(in), want); }

static void test_specials_become_entities(void **state)
{
    (void)state;
    check("", "");
    check("a<b>&\"c\"'d'", "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
    check("&amp;", "&amp;amp;");
}

static void test_whitespace_controls_are_references(void **state)
{
    (void)state;
    check("a\tb\nc\rd", "a&#9;b&#10;c&#13;d");
}

static void test_what_xml_cannot_hold_is_replaced(void **state)
{
    (void)state;
    check_n("a\0b", 3, "a" FFFD "b");
    check("\x01\x1B[2J\x7F", FFFD FFFD "[2J" FFFD);
    check("\xC2\x9B", FFFD);            /* C1 control */
    check("\xEF\xBF\xBE\xEF\xBF\xBF", FFFD FFFD); /* U+FFFE, U+FFFF */
    check("\xFF\xC3", FFFD FFFD);       /* invalid UTF-8: one per byte */
    check("\xED\xA0\x80", FFFD FFFD FFFD); /* an encoded surrogate */
}

static void test_unicode_passes(void **state)
{
    (void)state;
    check("caf\xC3\xA9 \xE2\x80\xAE \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x80\xAE \xF0\x9F\x98\x80");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_specials_become_entities),
        cmocka_unit_test(test_whitespace_controls_are_references),
        cmocka_unit_test(test_what_xml_cannot_hold_is_replaced),
        cmocka_unit_test(test_unicode_passes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
