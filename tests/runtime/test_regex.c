/* test_regex.c - the `pattern` matcher: ECMA-262 subset, unanchored search,
 * code point semantics, unsupported syntax reported, step limit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include "failing_alloc.h"
#include "oas_json.h"
#include "oas_regex.h"
#include "oas_validate_impl.h"

static int search(const char *pattern, const char *subject)
{
    return oas_regex_search(pattern, strlen(pattern), subject, strlen(subject), OAS_REGEX_DEFAULT_STEPS);
}

static void test_literals_and_anchors(void **state)
{
    (void)state;
    assert_int_equal(search("abc", "xxabcxx"), 1);
    assert_int_equal(search("abc", "abx"), 0);
    assert_int_equal(search("^abc$", "abc"), 1);
    assert_int_equal(search("^abc$", "abcd"), 0);
    assert_int_equal(search("^a", "ba"), 0);
    assert_int_equal(search("c$", "abc"), 1);
    assert_int_equal(search("", "anything"), 1);
    assert_int_equal(search("a\\.b", "a.b"), 1);
    assert_int_equal(search("a\\.b", "axb"), 0);
}

static void test_classes(void **state)
{
    (void)state;
    assert_int_equal(search("^[a-z]+$", "hello"), 1);
    assert_int_equal(search("^[a-z]+$", "Hello"), 0);
    assert_int_equal(search("^[^0-9]*$", "abc"), 1);
    assert_int_equal(search("^[^0-9]*$", "a1"), 0);
    assert_int_equal(search("^\\d{3}-\\d{4}$", "555-1234"), 1);
    assert_int_equal(search("^\\d{3}-\\d{4}$", "55-1234"), 0);
    assert_int_equal(search("^\\w+\\s\\w+$", "ab cd"), 1);
    assert_int_equal(search("^\\S+$", "ab cd"), 0);
    assert_int_equal(search("[-a]", "-"), 1);
    assert_int_equal(search("^[\\d_]+$", "1_2"), 1);
}

static void test_quantifiers_groups_alternation(void **state)
{
    (void)state;
    assert_int_equal(search("^(ab)+$", "ababab"), 1);
    assert_int_equal(search("^(ab)+$", "ababa"), 0);
    assert_int_equal(search("^(?:cat|dog)s?$", "dogs"), 1);
    assert_int_equal(search("^(?:cat|dog)s?$", "cow"), 0);
    assert_int_equal(search("^a{2,3}$", "aaa"), 1);
    assert_int_equal(search("^a{2,3}$", "aaaa"), 0);
    assert_int_equal(search("^a{2,}$", "aaaaaa"), 1);
    assert_int_equal(search("^a{2,}$", "a"), 0);
    assert_int_equal(search("^a*?b$", "aaab"), 1);
    assert_int_equal(search("^x|y$", "xz"), 1);
    assert_int_equal(search("^(a|b)*c$", "abbac"), 1);
    assert_int_equal(search("a{", "a{"), 1); /* literal brace */
}

static void test_code_points_and_word_boundary(void **state)
{
    (void)state;
    assert_int_equal(search("^.$", "\xc3\xa9"), 1);      /* é is one code point */
    assert_int_equal(search("^..$", "\xc3\xa9"), 0);
    assert_int_equal(search("^[\\u00e0-\\u00ff]$", "\xc3\xa9"), 1);
    assert_int_equal(search("\\bfoo\\b", "a foo b"), 1);
    assert_int_equal(search("\\bfoo\\b", "afoob"), 0);
    assert_int_equal(search("^.$", "\n"), 0);
}

static void test_unsupported_and_limits(void **state)
{
    (void)state;
    assert_int_equal(search("(a)\\1", "aa"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("(?=a)", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("(ab", "ab"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("ab)", "ab"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("*a", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("[a-", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("\\p{Script=Greek}", "a"), OAS_REGEX_ERR_SYNTAX);
    char subject[64];
    memset(subject, 'a', 40);
    subject[40] = '!';
    subject[41] = '\0';
    assert_int_equal(oas_regex_search("^(a+)+$", 7, subject, 41, 100000), OAS_REGEX_ERR_STEPS);
}

/* \\p{..} and \\P{..}: Unicode General_Category values by short and long
 * name (data from Python's unicodedata, scripts/gen_unicode_categories.py). */
static void test_unicode_property_escapes(void **state)
{
    (void)state;
    assert_int_equal(search("^\\p{L}$", "\xcf\x80"), 1);              /* U+03C0 pi */
    assert_int_equal(search("^\\p{Letter}+$", "h\xc3\xa9llo"), 1);
    assert_int_equal(search("^\\p{Letter}+$", "h3"), 0);
    assert_int_equal(search("^\\p{Lu}$", "A"), 1);
    assert_int_equal(search("^\\p{Uppercase_Letter}$", "a"), 0);
    assert_int_equal(search("^\\p{Ll}$", "a"), 1);
    assert_int_equal(search("^\\p{Lt}$", "\xc7\x85"), 1);             /* U+01C5 Dz */
    assert_int_equal(search("^\\p{Lm}$", "\xca\xb0"), 1);             /* U+02B0 */
    assert_int_equal(search("^\\p{Lo}$", "\xe3\x81\x82"), 1);         /* U+3042 hiragana a */
    assert_int_equal(search("^\\p{Lu}$", "\xf0\x9d\x90\x80"), 1);     /* U+1D400, beyond the BMP */
    assert_int_equal(search("^\\p{Nd}$", "\xd9\xa3"), 1);             /* U+0663 arabic-indic 3 */
    assert_int_equal(search("^\\p{N}$", "\xc2\xbd"), 1);              /* U+00BD one half: No */
    assert_int_equal(search("^\\p{Decimal_Number}$", "\xc2\xbd"), 0);
    assert_int_equal(search("^\\p{P}$", "!"), 1);
    assert_int_equal(search("^\\p{Punctuation}$", "$"), 0);
    assert_int_equal(search("^\\p{S}$", "\xe2\x82\xac"), 1);          /* U+20AC euro: Sc */
    assert_int_equal(search("^\\p{Z}$", "\xe3\x80\x80"), 1);          /* U+3000: Zs */
    assert_int_equal(search("^\\p{Separator}$", "\t"), 0);             /* Cc */
    assert_int_equal(search("^\\p{Cn}$", "\xcd\xb8"), 1);             /* U+0378 unassigned */
    assert_int_equal(search("^\\p{gc=Lu}$", "A"), 1);
    assert_int_equal(search("^\\p{General_Category=Letter}$", "1"), 0);
    /* negated, and inside classes */
    assert_int_equal(search("^\\P{L}$", "1"), 1);
    assert_int_equal(search("^\\P{L}$", "a"), 0);
    assert_int_equal(search("^[\\p{L}\\d_]+$", "ab_1\xcf\x80"), 1);
    assert_int_equal(search("^[\\p{L}\\d_]+$", "a-b"), 0);
    assert_int_equal(search("^[^\\p{L}]$", "a"), 0);
    assert_int_equal(search("^[^\\p{L}]$", "1"), 1);
    assert_int_equal(search("^[\\P{L}]$", "a"), 0);
    assert_int_equal(search("^[\\P{L}]$", "-"), 1);
    /* names outside General_Category, or malformed: unsupported */
    assert_int_equal(search("\\p{Greek}", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("\\p{letter}", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("\\p{L", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("\\pL", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("[\\p]", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("\\p", "a"), OAS_REGEX_ERR_SYNTAX);
}

/* A compiled program is matched many times; matching itself allocates
 * nothing (the backtrack stack starts on the C stack). */
static void test_compile_once_match_without_allocating(void **state)
{
    (void)state;
    oas_regex *re = NULL;
    assert_int_equal(oas_regex_compile("^[a-z]+(-[a-z0-9]+)*$", 21, &re), 0);
    assert_non_null(re);
    failing_alloc_install();
    failing_alloc_fail_at(1, true); /* every allocation would fail */
    assert_int_equal(oas_regex_exec(re, "feature-flag-2", 14, OAS_REGEX_DEFAULT_STEPS), 1);
    assert_int_equal(oas_regex_exec(re, "Feature", 7, OAS_REGEX_DEFAULT_STEPS), 0);
    assert_int_equal(oas_regex_exec(re, "a-", 2, OAS_REGEX_DEFAULT_STEPS), 0);
    assert_int_equal(failing_alloc_calls(), 0);
    failing_alloc_uninstall();
    oas_regex_free(re);

    re = (oas_regex *)&re; /* must be reset on failure */
    assert_int_equal(oas_regex_compile("(a", 2, &re), OAS_REGEX_ERR_SYNTAX);
    assert_null(re);
}

/* Deep backtracking outgrows the on-stack part: the stack moves to the
 * heap, and a refused allocation is reported, not a crash. */
static void test_deep_backtracking_stack(void **state)
{
    (void)state;
    char subject[600];
    memset(subject, 'a', sizeof subject);
    oas_regex *re = NULL;
    assert_int_equal(oas_regex_compile("^(a|b)*c$", 9, &re), 0);
    assert_int_equal(oas_regex_exec(re, subject, sizeof subject, OAS_REGEX_DEFAULT_STEPS), 0);
    failing_alloc_install();
    failing_alloc_fail_at(1, true);
    assert_int_equal(oas_regex_exec(re, subject, sizeof subject, OAS_REGEX_DEFAULT_STEPS),
                     OAS_REGEX_ERR_NOMEM);
    failing_alloc_uninstall();
    oas_regex_free(re);
}

/* ---- the validator's per-pattern cache (oas_v_pattern) -------------------- */

static oas_v_regex slug = OAS_V_REGEX_INIT("^[a-z][a-z0-9-]*$");
static oas_v_regex broken = OAS_V_REGEX_INIT("(?<name>x)");

static void check_slug(const oas_json *in, oas_vctx *ctx)
{
    oas_v_pattern(ctx, in, "#/s", &slug);
}

static void check_broken(const oas_json *in, oas_vctx *ctx)
{
    oas_v_pattern(ctx, in, "#/b", &broken);
}

static bool valid_string(oas_validate_fn fn, const char *text, oas_report *rep)
{
    oas_json s = {.type = OAS_JSON_STRING, .u.str = {text, strlen(text)}};
    oas_report_clear(rep);
    return oas_validate_run(fn, "", &s, rep, NULL);
}

static void *validate_many(void *arg)
{
    (void)arg;
    oas_report rep;
    oas_report_init(&rep, 0);
    size_t right = 0;
    for (int i = 0; i < 2000; i++)
        right += valid_string(check_slug, "my-flag", &rep) && !valid_string(check_slug, "My flag", &rep);
    oas_report_free(&rep);
    return (void *)(right == 2000 ? &slug : NULL);
}

static void test_pattern_cache(void **state)
{
    (void)state;
    /* first use from several threads at once: one program wins (the test
     * allocator counts single-threaded, so it is installed afterwards) */
    oas_v_regex_release_all();
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, validate_many, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        assert_int_equal(pthread_join(t[i], &r), 0);
        assert_ptr_equal(r, &slug);
    }

    /* the valid path allocates nothing once compiled */
    oas_report rep;
    oas_report_init(&rep, 0);
    failing_alloc_install();
    failing_alloc_fail_at(1, true);
    assert_true(valid_string(check_slug, "flag-2", &rep));
    assert_int_equal(failing_alloc_calls(), 0);
    failing_alloc_uninstall();

    /* a failing instance is reported with the pattern */
    assert_false(valid_string(check_slug, "2-flag", &rep));
    assert_int_equal(rep.count, 1);
    assert_string_equal(rep.items[0].keyword, "pattern");
    assert_string_equal(rep.items[0].params, "{\"pattern\":\"^[a-z][a-z0-9-]*$\"}");
    assert_string_equal(rep.items[0].message, "must match pattern \"^[a-z][a-z0-9-]*$\", found string \"2-flag\"");

    /* an unsupported pattern is a violation saying so, every time */
    for (int i = 0; i < 2; i++) {
        assert_false(valid_string(check_broken, "x", &rep));
        assert_string_equal(rep.items[0].message,
                            "cannot be checked against pattern \"(?<name>x)\" (unsupported pattern), found string \"x\"");
    }
    oas_report_free(&rep);
    oas_v_regex_release_all(); /* compiled with the C library's malloc */

    /* out of memory while compiling: validation stops with OAS_ERR_NOMEM,
     * the next call compiles */
    failing_alloc_install();
    oas_report_init(&rep, 0);
    failing_alloc_fail_at(1, false);
    assert_false(valid_string(check_slug, "flag", &rep));
    assert_int_equal(rep.status, OAS_ERR_NOMEM);
    assert_int_equal(rep.count, 0);
    assert_true(valid_string(check_slug, "flag", &rep));
    assert_int_equal(failing_alloc_live(), 1); /* the compiled program */
    oas_report_free(&rep);
    oas_v_regex_release_all();
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literals_and_anchors),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_quantifiers_groups_alternation),
        cmocka_unit_test(test_code_points_and_word_boundary),
        cmocka_unit_test(test_unsupported_and_limits),
        cmocka_unit_test(test_unicode_property_escapes),
        cmocka_unit_test(test_compile_once_match_without_allocating),
        cmocka_unit_test(test_deep_backtracking_stack),
        cmocka_unit_test(test_pattern_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
