/* fuzz_har_runs.c - differential: a HAR capture's entries checked in runs
 * on several threads (tools/validate_har_runs.c) against the whole reading
 * on one (tools/validate_har.c), on the same bytes. When the runs take the
 * capture, their output and counts must be the whole reading's, byte for
 * byte; when they give up, they must have written and counted nothing.
 *
 * The input is the capture itself (so HAR files seed it); its size chooses
 * the run size (tiny, so short inputs are cut into many runs), the format
 * and the threads. */
#include <string.h>

#include "fuzz_target.h"
#include "ld_validate.h"
#include "validate_har.h"

static bool same_stats(const validate_stats *a, const validate_stats *b)
{
    if (a->documents != b->documents || a->valid != b->valid || a->invalid != b->invalid ||
        a->malformed != b->malformed || a->errors != b->errors || a->warnings != b->warnings ||
        a->keyword_count != b->keyword_count)
        return false;
    for (size_t i = 0; i < a->keyword_count; i++)
        if (strcmp(a->keywords[i], b->keywords[i]) != 0)
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const validate_format formats[] = {VALIDATE_FORMAT_JSON, VALIDATE_FORMAT_TEXT,
                                              VALIDATE_FORMAT_SARIF};
    size_t run_bytes = 1 + size % 61;
    har_settings s = {&ld_registry, formats[size / 61 % 3], VALIDATE_SHOW_ALL,
                      size / 183 % 3, 1 << 20, size / 549 % 2 != 0, false, 1};
    const char *bytes = (const char *)data;

    oas_buf want = OAS_BUF_INIT, got = OAS_BUF_INIT;
    validate_stats want_stats, got_stats;
    memset(&want_stats, 0, sizeof want_stats);
    memset(&got_stats, 0, sizeof got_stats);
    validate_har(&s, "fuzz.har", bytes, size, &want, &want_stats);
    s.jobs = 2 + (unsigned)(size % 2);
    if (har_check_in_runs(&s, "fuzz.har", bytes, size, run_bytes, &got, &got_stats)) {
        FUZZ_CHECK(oas_buf_status(&want) == OAS_OK && oas_buf_status(&got) == OAS_OK);
        FUZZ_CHECK(got.len == want.len);
        FUZZ_CHECK(want.len == 0 || memcmp(got.data, want.data, want.len) == 0);
        FUZZ_CHECK(same_stats(&got_stats, &want_stats));
    } else {
        FUZZ_CHECK(got.len == 0);
        FUZZ_CHECK(got_stats.documents == 0 && got_stats.keyword_count == 0);
    }
    oas_buf_free(&want);
    oas_buf_free(&got);
    return 0;
}
