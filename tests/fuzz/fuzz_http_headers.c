/* fuzz_http_headers.c - target 4: bytes as an HTTP response head (status
 * line + header lines, CRLF or LF) through the runtime's pure header
 * parsers: every rate-limit meaning (Retry-After as delta seconds or HTTP
 * date, resets in epoch ms or s or seconds from now, remaining counts),
 * the server-wait rule, header name/value checks and query encoding. No
 * network: the client's curl callback is static, so the lines are
 * dispatched here the way it dispatches them, over a list of one header
 * per meaning.
 *
 * Properties: results are -1 or in range, waits are never negative, an
 * encoded component contains only unreserved characters and %XX. */
#include <string.h>
#include <strings.h>

#include "fuzz_target.h"
#include "oas_buf.h"
#include "oas_http.h"
#include "oas_param.h"

/* A fixed "now" inside the range HTTP dates can express, so results are
 * reproducible. */
#define FUZZ_NOW_MS INT64_C(1700000000000)

#define HEX_UPPER "0123456789ABCDEF"

static bool header_is(const char *line, size_t len, const char *name, const char **value,
                      size_t *vlen)
{
    size_t n = strlen(name);
    if (len <= n || line[n] != ':' || strncasecmp(line, name, n) != 0)
        return false;
    *value = line + n + 1;
    *vlen = len - n - 1;
    return true;
}

static void check_encoding(const char *s, size_t len)
{
    oas_buf out = OAS_BUF_INIT;
    oas_percent_encode(&out, s, len, false);
    FUZZ_CHECK(oas_buf_status(&out) == OAS_OK);
    FUZZ_CHECK(out.len >= len && out.len <= 3 * len);
    for (size_t i = 0; i < out.len; i++) {
        char c = out.data[i];
        if (c == '%') {
            FUZZ_CHECK(i + 2 < out.len && strchr(HEX_UPPER, out.data[i + 1]) &&
                       strchr(HEX_UPPER, out.data[i + 2]));
            i += 2;
            continue;
        }
        FUZZ_CHECK((c && strchr("-._~", c)) || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                   (c >= 'A' && c <= 'Z'));
    }
    oas_buf_free(&out);
}

static const oas_rate_limit_header rate_headers[] = {
    {"Retry-After", OAS_RATE_LIMIT_RETRY_AFTER},
    {"X-Ratelimit-Reset", OAS_RATE_LIMIT_RESET_EPOCH_MS},
    {"X-Reset-Seconds", OAS_RATE_LIMIT_RESET_EPOCH_S},
    {"X-Reset-After", OAS_RATE_LIMIT_RESET_DELTA_S},
    {"X-Ratelimit-Global-Remaining", OAS_RATE_LIMIT_REMAINING},
    {"X-Ratelimit-Route-Remaining", OAS_RATE_LIMIT_REMAINING},
};

static void check_line(const char *line, size_t len, oas_rate_limit *rl)
{
    const char *v;
    size_t vlen;
    for (size_t i = 0; i < sizeof rate_headers / sizeof *rate_headers; i++) {
        if (!header_is(line, len, rate_headers[i].name, &v, &vlen))
            continue;
        oas_rate_limit before = *rl;
        oas_http_rate_limit_add(rl, rate_headers[i].meaning, v, vlen, FUZZ_NOW_MS);
        /* Each kind only moves the cautious way, and stays -1 or in range. */
        FUZZ_CHECK(rl->retry_after_ms >= before.retry_after_ms);
        FUZZ_CHECK(rl->reset_epoch_ms >= before.reset_epoch_ms);
        FUZZ_CHECK(rl->remaining == before.remaining ||
                   (rl->remaining >= 0 && (before.remaining < 0 || rl->remaining < before.remaining)));
        if (rate_headers[i].meaning == OAS_RATE_LIMIT_RETRY_AFTER) {
            int64_t date = oas_http_parse_date(v, vlen);
            FUZZ_CHECK(date >= -1 && (date < 0 || date % 1000 == 0));
        }
    }
    const char *colon = memchr(line, ':', len);
    if (colon) {
        bool name_ok = oas_http_header_name_ok(line, (size_t)(colon - line));
        FUZZ_CHECK(!name_ok || colon > line);
        bool value_ok = oas_http_header_value_ok(colon + 1, len - (size_t)(colon - line) - 1);
        FUZZ_CHECK(!value_ok || !memchr(colon + 1, '\0', len - (size_t)(colon - line) - 1));
    }
    check_encoding(line, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    oas_rate_limit rl = {-1, -1, -1};
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        size_t content = len && p[len - 1] == '\r' ? len - 1 : len;
        check_line(p, content, &rl);
        p += len + (nl != NULL);
    }
    int64_t wait = oas_http_server_wait_ms(&rl, FUZZ_NOW_MS);
    FUZZ_CHECK(wait >= -1);
    if (rl.retry_after_ms < 0 && rl.reset_epoch_ms < 0)
        FUZZ_CHECK(wait == -1);
    /* Backoff from the input's first bytes: always within [0, cap]. */
    if (size >= 9) {
        long base = (long)(data[0] | data[1] << 8), cap = (long)(data[2] | data[3] << 8);
        uint32_t r = (uint32_t)data[4] | (uint32_t)data[5] << 8 | (uint32_t)data[6] << 16 |
                     (uint32_t)data[7] << 24;
        int64_t b = oas_http_backoff_ms(data[8], base, cap, r);
        FUZZ_CHECK(b >= 0 && b <= (cap > 0 ? cap : 0));
    }
    return 0;
}
