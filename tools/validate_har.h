/* validate_har.h - `validate --har`: every entry of an HTTP capture (HAR
 * 1.2, as browsers' developer tools and proxies export it) checked against
 * the spec through its registry, so it works for any generated binding.
 *
 * Per entry: request.method + request.url (scheme, host, query dropped;
 * a server's path prefix stripped) select the operation by path template;
 * then, each failure being one violation with its own keyword and the end
 * of that entry's checks:
 *   operation    no operation matches the method and path
 *   status       response.status is not documented (exact, NXX, default)
 *   contentType  response.content.mimeType (parameters ignored, case-
 *                insensitive) is not the response's declared JSON type
 *   body         the capture holds no body (content.text absent)
 *   json         the body (base64-decoded when content.encoding is
 *                "base64") is not JSON
 * and otherwise the body's schema violations, as `validate` reports them.
 * Responses that declare no JSON content are checked for their status only
 * (the registry records JSON media types only).
 *
 * Malformed (exit 2): a file that is not JSON or has no log.entries array;
 * an entry without request.method/url, response.status/content, with a
 * relative URL, an unknown content.encoding or bad base64. Other entries
 * are still checked. */
#ifndef VALIDATE_HAR_H
#define VALIDATE_HAR_H

#include <stddef.h>
#include "oas_buf.h"
#include "oas_registry.h"
#include "validate_doc.h"
#include "validate_har_output.h"

typedef struct har_settings {
    const oas_registry *reg;
    validate_format format;
    validate_show show;  /* --quiet, --summary-only */
    size_t max_errors;   /* per entry; 0 = unlimited */
    size_t max_document; /* largest decoded body, bytes */
    bool strict_json;    /* duplicate keys in bodies are errors */
    bool assert_formats; /* bodies' `format` is asserted */
    /* Threads a capture's entries may be spread over (this one and
       jobs - 1 started for the call); 0 or 1: this thread alone. */
    unsigned jobs;
} har_settings;

/* A run's settings, for its HAR captures. */
static inline har_settings har_settings_of(const validate_settings *s)
{
    har_settings hs = {s->reg,          s->format,      s->show,           s->max_errors,
                       s->max_document, s->strict_json, s->assert_formats, s->jobs};
    return hs;
}

/* Check every entry of one HAR file held in memory, append the verdicts
 * (validate_har_output.h) to out and count them in stats: one document per
 * entry, a file that is not a HAR counts as one malformed document. With
 * s->jobs > 1, a capture of HAR_RUNS_MIN_BYTES or more is read in runs of
 * entries on that many threads (har_check_in_runs); out and stats are the
 * same, byte for byte, as on one. */
void validate_har(const har_settings *s, const char *source, const char *bytes, size_t len,
                  oas_buf *out, validate_stats *stats);

/* Captures from this size on are worth the runs' threads. */
#define HAR_RUNS_MIN_BYTES ((size_t)1 << 20)

/* The capture's log.entries in runs of whole entries, cut without parsing
 * the capture (array_runs.h) at the first comma between entries run_bytes
 * on (0: by the capture's size and s->jobs; 1: an entry a run), each run
 * parsed alone and its entries checked, all on s->jobs threads, joined in
 * order (validate_har_runs.c).
 * False, with nothing written or counted, when the capture is not plainly
 * a HAR (its root, log or entries absent, repeated, spelt with escapes,
 * or some run or the rest not well-formed JSON): validate_har then reads
 * it whole and says exactly what is wrong. */
bool har_check_in_runs(const har_settings *s, const char *source, const char *bytes,
                       size_t len, size_t run_bytes, oas_buf *out, validate_stats *stats);

/* The entries of an array parsed from a text whose offsets are `shift`
 * bytes before the capture's (a run parsed alone), with the indexes
 * first_index on, checked into out and stats; lines are located from `at`
 * on (at or before the first entry). */
void har_check_entries(const har_settings *s, const char *source, const char *bytes, size_t len,
                       const oas_json *entries, size_t first_index, size_t shift,
                       const har_locator *at, oas_buf *out, validate_stats *stats);

#endif
