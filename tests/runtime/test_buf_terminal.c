/* oas_buf_terminal_text: the exact escaped form of each class of byte or
 * character that must not reach a terminal raw, and that the text a
 * terminal can show safely passes unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "failing_alloc.h"
#include "oas_buf.h"

/* Sanitize in[0..len) and compare with want, exactly. */
static void check_n(const char *in, size_t len, const char *want)
{
    oas_buf b = OAS_BUF_INIT;
    oas_buf_terminal_text(&b, in, len);
    assert_int_equal(oas_buf_status(&b), OAS_OK);
    assert_string_equal(b.data ? b.data : "", want);
    assert_int_equal(b.len, strlen(want));
    oas_buf_free(&b);
}

static void check(const char *in, const char *want)
{
    check_n(in, strlen(in), want);
}

static void test_printable_ascii_passes(void **state)
{
    (void)state;
    check("", "");
    check("plain text: 0-9 A-Z a-z ~!@#$%^&*()_+{}|:\"<>?`-=[];',./",
          "plain text: 0-9 A-Z a-z ~!@#$%^&*()_+{}|:\"<>?`-=[];',./");
}

static void test_escape_sequences(void **state)
{
    (void)state;
    /* OSC "set window title", terminated by BEL */
    check("a\x1b]0;pwned\x07z", "a\\x1B]0;pwned\\x07z");
    /* CSI "clear screen" and "cursor home" */
    check("\x1b[2J\x1b[H", "\\x1B[2J\\x1B[H");
    check("\a", "\\x07");
}

static void test_c0_and_del(void **state)
{
    (void)state;
    check("tab\there", "tab\\x09here");
    check("line\nnext", "line\\x0Anext");
    check("fake\rover", "fake\\x0Dover");
    check("\x01\x1f\x7f", "\\x01\\x1F\\x7F");
    check_n("nul\0inside", 10, "nul\\x00inside");
}

static void test_c1_controls(void **state)
{
    (void)state;
    /* U+009B is CSI on terminals that honour 8-bit controls */
    check("\xc2\x9b" "2J", "\\xC2\\x9B2J");
    check("\xc2\x80\xc2\x9f", "\\xC2\\x80\\xC2\\x9F");
    /* U+00A0, the first code point after C1, is an ordinary character */
    check("\xc2\xa0", "\xc2\xa0");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    /* a lone 8-bit CSI, stray continuation bytes, bytes never valid */
    check("\x9b" "2J", "\\x9B2J");
    check("\x80\xbf", "\\x80\\xBF");
    check("\xc0\xc1\xf5\xff", "\\xC0\\xC1\\xF5\\xFF");
    /* overlong forms of '/' and of U+0000 */
    check("\xc0\xaf", "\\xC0\\xAF");
    check("\xe0\x80\xaf", "\\xE0\\x80\\xAF");
    check("\xf0\x80\x80\xaf", "\\xF0\\x80\\x80\\xAF");
    check("\xc0\x80", "\\xC0\\x80");
    /* encoded surrogates U+D800 and U+DFFF */
    check("\xed\xa0\x80", "\\xED\\xA0\\x80");
    check("\xed\xbf\xbf", "\\xED\\xBF\\xBF");
    /* past U+10FFFF */
    check("\xf4\x90\x80\x80", "\\xF4\\x90\\x80\\x80");
    /* truncated sequences: at the end, and cut short by ASCII */
    check("\xe2\x82", "\\xE2\\x82");
    check("\xe2\x82" "A", "\\xE2\\x82A");
    check("\xf0\x9f\x98", "\\xF0\\x9F\\x98");
    /* a valid character right after an invalid byte survives */
    check("\xff\xc3\xa9", "\\xFF\xc3\xa9");
}

static void test_valid_utf8_passes(void **state)
{
    (void)state;
    const char *ok = "caf\xc3\xa9 \xe2\x82\xac \xe6\x97\xa5\xe6\x9c\xac "
                     "\xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf \xed\x9f\xbf \xee\x80\x80";
    check(ok, ok); /* 2, 3 and 4 bytes; U+10FFFF; U+D7FF; private use */
    /* ZWJ inside an emoji sequence (family) is kept */
    const char *family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9";
    check(family, family);
}

static void test_backslash(void **state)
{
    (void)state;
    check("C:\\path", "C:\\\\path");
    /* the escape of a real ESC and the text "\x1B" stay apart */
    check("\\x1B\x1b", "\\\\x1B\\x1B");
}

static void test_bidi_and_invisible(void **state)
{
    (void)state;
    /* right-to-left override ("Trojan Source") */
    check("ab\xe2\x80\xae" "cd", "ab\\u{202E}cd");
    check("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
          "\\u{202A}\\u{202B}\\u{202C}\\u{202D}");
    /* isolates U+2066..U+2069 */
    check("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
          "\\u{2066}\\u{2067}\\u{2068}\\u{2069}");
    /* LRM, RLM, Arabic letter mark */
    check("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "\\u{200E}\\u{200F}\\u{061C}");
    /* zero width space, word joiner, BOM, soft hyphen */
    check("a\xe2\x80\x8b" "b\xe2\x81\xa0" "c\xef\xbb\xbf" "d\xc2\xad",
          "a\\u{200B}b\\u{2060}c\\u{FEFF}d\\u{00AD}");
    /* line and paragraph separators break log lines in some viewers */
    check("\xe2\x80\xa8\xe2\x80\xa9", "\\u{2028}\\u{2029}");
    /* a tag character (invisible; used to smuggle text) */
    check("\xf3\xa0\x80\x81", "\\u{E0001}");
}

static void test_appends_after_existing_text(void **state)
{
    (void)state;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "name: ");
    oas_buf_terminal_text(&b, "x\x1b", 2);
    oas_buf_terminal_text(&b, NULL, 0);
    oas_buf_terminal_text(NULL, "x", 1);
    assert_string_equal(b.data, "name: x\\x1B");
    oas_buf_free(&b);
}

static void test_out_of_memory_is_sticky(void **state)
{
    (void)state;
    failing_alloc_install();
    failing_alloc_fail_at(1, true);
    oas_buf b = OAS_BUF_INIT;
    oas_buf_terminal_text(&b, "\x1b[2J", 4);
    assert_int_equal(oas_buf_status(&b), OAS_ERR_NOMEM);
    oas_buf_free(&b);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_printable_ascii_passes),
        cmocka_unit_test(test_escape_sequences),
        cmocka_unit_test(test_c0_and_del),
        cmocka_unit_test(test_c1_controls),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_valid_utf8_passes),
        cmocka_unit_test(test_backslash),
        cmocka_unit_test(test_bidi_and_invisible),
        cmocka_unit_test(test_appends_after_existing_text),
        cmocka_unit_test(test_out_of_memory_is_sticky),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
