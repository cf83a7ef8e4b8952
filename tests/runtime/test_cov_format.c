/* test_cov_format.c - the formats the validator checks (oas_format.c,
 * oas_format_net.c):
 * date-time, date, uuid, uri, email on strings; int32, int64, float, double
 * on numbers; format names; code point counting. Each case asserts the exact
 * verdict, both sides of every limit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "oas_json.h"
#include "oas_validate_internal.h"

static bool str_ok(oas_format fmt, const char *s)
{
    return oas_format_string_ok(fmt, s, strlen(s));
}

/* The verdict for a number parsed by the strict reader (so the flags and
 * num.d / num.i are what real documents carry). */
static bool num_ok(oas_format fmt, const char *text)
{
    oas_json_doc *doc = NULL;
    assert_int_equal(oas_json_parse(text, strlen(text), NULL, &doc, NULL), OAS_OK);
    const oas_json *n = oas_json_doc_root(doc);
    assert_int_equal(n->type, OAS_JSON_NUMBER);
    bool ok = oas_format_number_ok(fmt, n);
    oas_json_doc_free(doc);
    return ok;
}

static void test_date(void **state)
{
    (void)state;
    assert_true(str_ok(OAS_FMT_DATE, "2024-02-29"));  /* leap year */
    assert_false(str_ok(OAS_FMT_DATE, "2023-02-29")); /* not a leap year */
    assert_false(str_ok(OAS_FMT_DATE, "1900-02-29")); /* century, not leap */
    assert_true(str_ok(OAS_FMT_DATE, "2000-02-29"));  /* 400 years: leap */
    assert_true(str_ok(OAS_FMT_DATE, "2023-02-28"));
    assert_true(str_ok(OAS_FMT_DATE, "2023-12-31"));
    assert_true(str_ok(OAS_FMT_DATE, "2023-01-01"));
    assert_false(str_ok(OAS_FMT_DATE, "2023-04-31")); /* April has 30 days */
    assert_true(str_ok(OAS_FMT_DATE, "2023-04-30"));
    assert_false(str_ok(OAS_FMT_DATE, "2023-00-10"));
    assert_false(str_ok(OAS_FMT_DATE, "2023-13-10"));
    assert_false(str_ok(OAS_FMT_DATE, "2023-01-00"));
    assert_false(str_ok(OAS_FMT_DATE, "2023-01-32"));
    assert_false(str_ok(OAS_FMT_DATE, "2023-1-10"));   /* 9 characters */
    assert_false(str_ok(OAS_FMT_DATE, "2023-01-100")); /* 11 characters */
    assert_false(str_ok(OAS_FMT_DATE, "2023/01/10"));
    assert_false(str_ok(OAS_FMT_DATE, "2023-01/10"));
    assert_false(str_ok(OAS_FMT_DATE, "20a3-01-10"));
    assert_false(str_ok(OAS_FMT_DATE, "2023-0x-10"));
    assert_false(str_ok(OAS_FMT_DATE, "2023-01-1x"));
    assert_false(str_ok(OAS_FMT_DATE, ""));
}

static void test_date_time(void **state)
{
    (void)state;
    assert_true(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30Z"));
    assert_true(str_ok(OAS_FMT_DATE_TIME, "2024-01-15t10:20:30z")); /* RFC 3339 allows lower case */
    assert_true(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30.123456Z"));
    assert_true(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T23:59:60Z")); /* leap second */
    assert_true(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30+05:30"));
    assert_true(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30-23:59"));
    assert_true(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30.5-00:00"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30"));   /* no offset */
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30."));  /* empty fraction */
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30.Z"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15 10:20:30Z"));  /* space separator */
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T24:00:00Z"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:60:00Z"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:61Z"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10-20:30Z"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20-30Z"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T1a:20:30Z"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:2a:30Z"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:3aZ"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20Z"));     /* time too short */
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30ZZ"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30X"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30+24:00"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30+05:60"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30+0530"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30+05-30"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30*05:30"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30+0a:30"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T10:20:30+05:3a"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2023-02-29T10:20:30Z"));  /* bad date */
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15"));            /* date only */
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2024-01-15T"));
    /* a leap second is 23:59:60 UTC: local time minus the offset */
    assert_true(str_ok(OAS_FMT_DATE_TIME, "2016-12-31T18:29:60-05:30"));
    assert_true(str_ok(OAS_FMT_DATE_TIME, "2017-01-01T09:29:60+09:30"));  /* the day before, UTC */
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2016-12-31T18:30:60-05:30")); /* 00:00:60 UTC */
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2016-12-31T23:58:60Z"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2016-12-31T22:59:60Z"));
    assert_false(str_ok(OAS_FMT_DATE_TIME, "2016-12-31T23:59:60+00:01"));
}

static void test_uuid(void **state)
{
    (void)state;
    assert_true(str_ok(OAS_FMT_UUID, "123e4567-e89b-12d3-a456-426614174000"));
    assert_true(str_ok(OAS_FMT_UUID, "ABCDEF00-0000-0000-0000-0000000000af"));
    assert_false(str_ok(OAS_FMT_UUID, "123e4567-e89b-12d3-a456-42661417400"));   /* 35 */
    assert_false(str_ok(OAS_FMT_UUID, "123e4567-e89b-12d3-a456-4266141740000")); /* 37 */
    assert_false(str_ok(OAS_FMT_UUID, "123e4567ae89b-12d3-a456-426614174000"));  /* no dash at 8 */
    assert_false(str_ok(OAS_FMT_UUID, "123e4567-e89b-12d3-a456-42661417400g"));  /* not hex */
    assert_false(str_ok(OAS_FMT_UUID, "123e4567-e89b-12d3-a456-42661417-000"));  /* dash off place */
    assert_false(str_ok(OAS_FMT_UUID, "123e4567-e89b-12d3-a456:426614174000"));
    assert_false(str_ok(OAS_FMT_UUID, "{23e4567-e89b-12d3-a456-426614174000"));
}

static void test_uri(void **state)
{
    (void)state;
    assert_true(str_ok(OAS_FMT_URI, "https://app.launchdarkly.com/api/v2?x=1&y=%2F#frag"));
    assert_true(str_ok(OAS_FMT_URI, "urn:isbn:0451450523"));
    assert_true(str_ok(OAS_FMT_URI, "a+b-c.d:"));          /* scheme characters, empty rest */
    assert_true(str_ok(OAS_FMT_URI, "mailto:x@y.z"));
    assert_true(str_ok(OAS_FMT_URI, "h:%aF"));
    assert_true(str_ok(OAS_FMT_URI, "h:/p/a:t@h!$&'()*+,;=~_?q/?:@#f/?:@"));
    assert_false(str_ok(OAS_FMT_URI, ""));
    assert_false(str_ok(OAS_FMT_URI, "/relative/path"));   /* no scheme */
    assert_false(str_ok(OAS_FMT_URI, "//host/path"));      /* network-path reference */
    assert_false(str_ok(OAS_FMT_URI, "1http://x"));        /* scheme must start with a letter */
    assert_false(str_ok(OAS_FMT_URI, "http"));             /* no ':' */
    assert_false(str_ok(OAS_FMT_URI, "ht_tp://x"));        /* '_' not in a scheme */
    assert_false(str_ok(OAS_FMT_URI, "a,b:c"));
    assert_false(str_ok(OAS_FMT_URI, "http://a b"));       /* space */
    assert_false(str_ok(OAS_FMT_URI, "http://a\"b"));
    assert_false(str_ok(OAS_FMT_URI, "http://a\\b"));
    assert_false(str_ok(OAS_FMT_URI, "http://a<b>"));
    assert_false(str_ok(OAS_FMT_URI, "http://h/{x}"));
    assert_false(str_ok(OAS_FMT_URI, "http://h/a|b^c`d"));
    assert_false(str_ok(OAS_FMT_URI, "http://\xc3\xa9")); /* non-ASCII must be encoded */
    assert_false(str_ok(OAS_FMT_URI, "http://a%"));        /* truncated escapes */
    assert_false(str_ok(OAS_FMT_URI, "http://a%4"));
    assert_false(str_ok(OAS_FMT_URI, "http://a%4g"));
    assert_false(str_ok(OAS_FMT_URI, "http://a%g4"));
    assert_false(str_ok(OAS_FMT_URI, "h:#f#g"));           /* one '#' only */
    /* brackets: only around an IP literal in the authority */
    assert_false(str_ok(OAS_FMT_URI, "h:[::1]"));
    assert_false(str_ok(OAS_FMT_URI, "http://h/[x]"));
    assert_false(str_ok(OAS_FMT_URI, "http://h?[x]"));
    /* NUL inside the string is not a URI character */
    assert_false(oas_format_string_ok(OAS_FMT_URI, "http://a\0b", 10));
}

/* RFC 3986 authority: [userinfo "@"] host [":" port]. */
static void test_uri_authority(void **state)
{
    (void)state;
    assert_true(str_ok(OAS_FMT_URI, "http://u:p%41ss;x=1@h.example:8080/p"));
    assert_true(str_ok(OAS_FMT_URI, "http://h:"));          /* empty port */
    assert_true(str_ok(OAS_FMT_URI, "http://:1"));          /* empty host */
    assert_true(str_ok(OAS_FMT_URI, "http://@h"));          /* empty userinfo */
    assert_true(str_ok(OAS_FMT_URI, "http://u@"));
    assert_true(str_ok(OAS_FMT_URI, "file:///etc/hosts")); /* empty authority */
    assert_true(str_ok(OAS_FMT_URI, "http://300.1.2.3.4/")); /* a reg-name, not an IPv4 */
    assert_true(str_ok(OAS_FMT_URI, "http://h_1~x.example./"));
    assert_true(str_ok(OAS_FMT_URI, "http://[fe80::1:2]:80/"));
    assert_true(str_ok(OAS_FMT_URI, "http://[::ffff:192.0.2.1]/"));
    assert_true(str_ok(OAS_FMT_URI, "http://[v1f.a:b!]/"));  /* IPvFuture */
    assert_false(str_ok(OAS_FMT_URI, "http://h:8a/"));
    assert_false(str_ok(OAS_FMT_URI, "http://h:1:2/"));
    assert_false(str_ok(OAS_FMT_URI, "http://u[@h/"));
    assert_false(str_ok(OAS_FMT_URI, "http://u@h@i/"));     /* '@' in the host */
    assert_false(str_ok(OAS_FMT_URI, "http://[::1/"));      /* unclosed literal */
    assert_false(str_ok(OAS_FMT_URI, "http://[::1]x/"));
    assert_false(str_ok(OAS_FMT_URI, "http://[1:2:3]/"));
    assert_false(str_ok(OAS_FMT_URI, "http://[::ffff:192.0.2.01]/")); /* no leading zeros */
    assert_false(str_ok(OAS_FMT_URI, "http://[v.x]/"));
    assert_false(str_ok(OAS_FMT_URI, "http://[v1.]/"));
    assert_false(str_ok(OAS_FMT_URI, "http://[v1.%41]/"));
}

/* The IP address grammars the URI and email checks share. */
static void test_ip_addresses(void **state)
{
    (void)state;
    static const char *const v6_ok[] = {
        "::", "::1", "1::", "1:2:3:4:5:6:7:8", "1::8", "1:2:3:4:5:6::8", "abcd:EF01::",
        "::ffff:10.0.0.1", "1:2:3:4:5:6:1.2.3.4", "1::1.2.3.4",
    };
    static const char *const v6_bad[] = {
        "", ":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "1:",
        ":1::", "1:::2", "g::", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::256.1.1.1", "1::8:",
    };
    for (size_t i = 0; i < sizeof v6_ok / sizeof *v6_ok; i++)
        assert_true(oas_ipv6_ok(v6_ok[i], strlen(v6_ok[i])));
    for (size_t i = 0; i < sizeof v6_bad / sizeof *v6_bad; i++)
        if (oas_ipv6_ok(v6_bad[i], strlen(v6_bad[i])))
            fail_msg("accepted IPv6 %s", v6_bad[i]);
    assert_true(oas_ipv4_ok("0.0.0.0", 7, false));
    assert_true(oas_ipv4_ok("255.255.255.255", 15, false));
    assert_false(oas_ipv4_ok("256.1.1.1", 9, true));
    assert_false(oas_ipv4_ok("1.2.3", 5, true));
    assert_false(oas_ipv4_ok("1.2.3.4.", 8, true));
    assert_false(oas_ipv4_ok("1..2.3", 6, true));
    assert_false(oas_ipv4_ok("1234.1.1.1", 10, true));
    assert_false(oas_ipv4_ok("01.2.3.4", 8, false));
    assert_true(oas_ipv4_ok("01.2.3.4", 8, true));
}

static void test_email(void **state)
{
    (void)state;
    assert_true(str_ok(OAS_FMT_EMAIL, "joe.bloggs@example.com"));
    assert_true(str_ok(OAS_FMT_EMAIL, "a!#$%&'*+-/=?^_`{|}~z@x"));
    assert_true(str_ok(OAS_FMT_EMAIL, "x@a-b.c9"));
    assert_true(str_ok(OAS_FMT_EMAIL, "x@9a--b.example"));
    assert_true(str_ok(OAS_FMT_EMAIL, "x@10.0.0.1"));           /* labels of digits */
    assert_false(str_ok(OAS_FMT_EMAIL, "no-at-sign"));
    assert_false(str_ok(OAS_FMT_EMAIL, "@example.com"));
    assert_false(str_ok(OAS_FMT_EMAIL, "joe@"));
    assert_false(str_ok(OAS_FMT_EMAIL, ".joe@x"));
    assert_false(str_ok(OAS_FMT_EMAIL, "joe.@x"));
    assert_false(str_ok(OAS_FMT_EMAIL, "jo..e@x"));
    assert_false(str_ok(OAS_FMT_EMAIL, "jo e@x"));
    assert_false(str_ok(OAS_FMT_EMAIL, "a@b@x"));
    assert_false(str_ok(OAS_FMT_EMAIL, "a(b)@x"));
    assert_false(str_ok(OAS_FMT_EMAIL, "a\"b@x"));
    assert_false(str_ok(OAS_FMT_EMAIL, "\xc3\xa9@x"));        /* non-ASCII */
    assert_false(str_ok(OAS_FMT_EMAIL, "joe@.example.com"));
    assert_false(str_ok(OAS_FMT_EMAIL, "joe@example..com"));
    assert_false(str_ok(OAS_FMT_EMAIL, "joe@example-.com"));
    assert_false(str_ok(OAS_FMT_EMAIL, "joe@-example.com"));
    assert_false(str_ok(OAS_FMT_EMAIL, "joe@example.com-"));
    assert_false(str_ok(OAS_FMT_EMAIL, "joe@example.com."));
    assert_false(str_ok(OAS_FMT_EMAIL, "joe@exa_mple.com"));
    assert_false(str_ok(OAS_FMT_EMAIL, "joe@ex(ample).com"));
    assert_false(str_ok(OAS_FMT_EMAIL, "joe@x.com "));
    /* a NUL (\u0000 in the JSON) is not an atom character */
    assert_false(oas_format_string_ok(OAS_FMT_EMAIL, "jo\0e@x.com", 10));
    assert_true(oas_format_string_ok(OAS_FMT_EMAIL, "joe@x.com", 9));
}

/* The local part as a quoted string: printable ASCII and \-pairs. */
static void test_email_quoted_local_part(void **state)
{
    (void)state;
    assert_true(str_ok(OAS_FMT_EMAIL, "\"john doe\"@example.com"));
    assert_true(str_ok(OAS_FMT_EMAIL, "\"a@b\"@example.com"));
    assert_true(str_ok(OAS_FMT_EMAIL, "\"a..b\"@x"));
    assert_true(str_ok(OAS_FMT_EMAIL, "\"\"@x"));
    assert_true(str_ok(OAS_FMT_EMAIL, "\"\\\"\\\\\\z\"@x")); /* "\"\\\z" */
    assert_false(str_ok(OAS_FMT_EMAIL, "\"@x"));              /* quote not closed */
    assert_false(str_ok(OAS_FMT_EMAIL, "\"ab@x"));
    assert_false(str_ok(OAS_FMT_EMAIL, "\"ab\\\"@x"));        /* the quote is escaped */
    assert_false(str_ok(OAS_FMT_EMAIL, "\"a\"b@x"));          /* text after the quote */
    assert_false(str_ok(OAS_FMT_EMAIL, "\"a\tb\"@x"));         /* control character */
    assert_false(str_ok(OAS_FMT_EMAIL, "\"a\\\xc3\xa9\"@x"));  /* non-ASCII, even escaped */
    assert_false(str_ok(OAS_FMT_EMAIL, "\"a\\"));
}

/* The domain as an address literal: [IPv4] (RFC 5321: 1-3 digits, up to
 * 255) or [IPv6:...], the tag in any case. */
static void test_email_address_literals(void **state)
{
    (void)state;
    assert_true(str_ok(OAS_FMT_EMAIL, "x@[127.0.0.1]"));
    assert_true(str_ok(OAS_FMT_EMAIL, "x@[010.0.0.1]"));
    assert_true(str_ok(OAS_FMT_EMAIL, "x@[IPv6:2001:db8::1]"));
    assert_true(str_ok(OAS_FMT_EMAIL, "x@[ipV6:::]"));
    assert_false(str_ok(OAS_FMT_EMAIL, "x@[]"));
    assert_false(str_ok(OAS_FMT_EMAIL, "x@[1.2.3.4"));
    assert_false(str_ok(OAS_FMT_EMAIL, "x@[1.2.3.256]"));
    assert_false(str_ok(OAS_FMT_EMAIL, "x@[1.2.3]"));
    assert_false(str_ok(OAS_FMT_EMAIL, "x@[::1]"));             /* IPv6 needs its tag */
    assert_false(str_ok(OAS_FMT_EMAIL, "x@[IPv6:1.2.3.4]"));
    assert_false(str_ok(OAS_FMT_EMAIL, "x@[tag:content]"));     /* general literals: not accepted */
    assert_false(str_ok(OAS_FMT_EMAIL, "x@a[1.2.3.4]"));
    assert_false(str_ok(OAS_FMT_EMAIL, "[1.2.3.4]@x"));
}

static void test_string_formats_ignore_numeric_ones(void **state)
{
    (void)state;
    /* numeric formats put no constraint on strings */
    assert_true(str_ok(OAS_FMT_INT32, "not a number"));
    assert_true(str_ok(OAS_FMT_INT64, ""));
    assert_true(str_ok(OAS_FMT_FLOAT, "x"));
    assert_true(str_ok(OAS_FMT_DOUBLE, "x"));
}

static void test_numeric_formats(void **state)
{
    (void)state;
    assert_true(num_ok(OAS_FMT_INT32, "2147483647"));
    assert_false(num_ok(OAS_FMT_INT32, "2147483648"));
    assert_true(num_ok(OAS_FMT_INT32, "-2147483648"));
    assert_false(num_ok(OAS_FMT_INT32, "-2147483649"));
    assert_true(num_ok(OAS_FMT_INT32, "2.147483647e9")); /* an integer written with an exponent */
    assert_false(num_ok(OAS_FMT_INT32, "1e10"));
    assert_true(num_ok(OAS_FMT_INT32, "1.5"));           /* not an integer: format says nothing */
    assert_false(num_ok(OAS_FMT_INT32, "99999999999999999999")); /* beyond int64 */

    assert_true(num_ok(OAS_FMT_INT64, "9223372036854775807"));
    assert_true(num_ok(OAS_FMT_INT64, "-9223372036854775808"));
    assert_false(num_ok(OAS_FMT_INT64, "9223372036854775808"));
    assert_false(num_ok(OAS_FMT_INT64, "-9223372036854775809"));
    assert_false(num_ok(OAS_FMT_INT64, "1e19"));
    assert_true(num_ok(OAS_FMT_INT64, "0.25"));

    assert_true(num_ok(OAS_FMT_FLOAT, "3.4028234663852886e38")); /* FLT_MAX */
    assert_true(num_ok(OAS_FMT_FLOAT, "-3.4028234663852886e38"));
    assert_false(num_ok(OAS_FMT_FLOAT, "3.5e38"));
    assert_false(num_ok(OAS_FMT_FLOAT, "-3.5e38"));
    assert_true(num_ok(OAS_FMT_FLOAT, "1e-50")); /* underflow is not a range error */
    assert_true(num_ok(OAS_FMT_FLOAT, "16777217"));

    assert_true(num_ok(OAS_FMT_DOUBLE, "1.7976931348623157e308"));
    assert_true(num_ok(OAS_FMT_DOUBLE, "-1e300"));
    /* string formats do not constrain numbers */
    assert_true(num_ok(OAS_FMT_DATE_TIME, "12"));
    assert_true(num_ok(OAS_FMT_EMAIL, "1e300"));
}

static void test_names_and_utf8_length(void **state)
{
    (void)state;
    static const char *const expect[] = {"int32", "int64", "float", "double", "date-time",
                                         "date", "uuid", "uri", "email"};
    for (int f = OAS_FMT_INT32; f <= OAS_FMT_EMAIL; f++)
        assert_string_equal(oas_format_name((oas_format)f), expect[f]);
    assert_string_equal(oas_format_name((oas_format)(OAS_FMT_EMAIL + 1)), "unknown");
    assert_string_equal(oas_format_name((oas_format)-1), "unknown");

    assert_int_equal(oas_utf8_length("", 0), 0);
    assert_int_equal(oas_utf8_length("abc", 3), 3);
    assert_int_equal(oas_utf8_length("\xc3\xa9t\xc3\xa9", 5), 3);        /* été */
    assert_int_equal(oas_utf8_length("\xe2\x82\xac", 3), 1);             /* € */
    assert_int_equal(oas_utf8_length("\xf0\x9f\x98\x80x", 5), 2);        /* U+1F600 x */
    assert_int_equal(oas_utf8_length("a\0b", 3), 3);                     /* NUL is a code point */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_date_time),
        cmocka_unit_test(test_uuid),
        cmocka_unit_test(test_uri),
        cmocka_unit_test(test_uri_authority),
        cmocka_unit_test(test_ip_addresses),
        cmocka_unit_test(test_email),
        cmocka_unit_test(test_email_quoted_local_part),
        cmocka_unit_test(test_email_address_literals),
        cmocka_unit_test(test_string_formats_ignore_numeric_ones),
        cmocka_unit_test(test_numeric_formats),
        cmocka_unit_test(test_names_and_utf8_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
