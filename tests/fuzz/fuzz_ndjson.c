/* fuzz_ndjson.c - target 2: bytes as an NDJSON stream through the code path
 * of `ldrest validate --ndjson` (tools/validate_input.c framing, then
 * tools/validate_doc.c per line, both output formats).
 *
 * Properties: every line the reader returns is exactly the input bytes at
 * its offset; stats add up; a JSON-format verdict is one line of strict
 * JSON; the output buffer never fails. A small max_line exercises the
 * "line too long" path. */
#include <string.h>

#include "fuzz_target.h"
#include "ld_validate.h"
#include "oas_json.h"
#include "validate_doc.h"
#include "validate_input.h"
#include "validate_target.h"

enum { FUZZ_MAX_LINE = 4096 };

static const validate_target *target(void)
{
    static validate_target t;
    static int selected = -1;
    if (selected < 0) {
        FILE *devnull = fopen("/dev/null", "w");
        selected = validate_target_select(&ld_registry, NULL, NULL, -1, false, NULL, &t, "fuzz", devnull);
        fclose(devnull);
    }
    FUZZ_CHECK(selected == 0);
    return &t;
}

/* Each '\n'-terminated line of a JSON-format verdict parses strictly. */
static void check_json_lines(const oas_buf *out)
{
    const char *p = out->data, *end = out->data + out->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        FUZZ_CHECK(nl != NULL);
        oas_json_doc *doc = NULL;
        oas_error err;
        FUZZ_CHECK(oas_json_parse(p, (size_t)(nl - p), NULL, &doc, &err) == OAS_OK);
        FUZZ_CHECK(oas_json_doc_root(doc)->type == OAS_JSON_OBJECT);
        oas_json_doc_free(doc);
        p = nl + 1;
    }
}

static void check_line(const validate_settings *s, const uint8_t *data, size_t size,
                       const ndjson_line *line, size_t index, bool too_long,
                       validate_stats *stats)
{
    FUZZ_CHECK(line->offset <= size && line->len <= size - line->offset);
    if (!too_long)
        FUZZ_CHECK(line->len == 0 || memcmp(line->bytes, data + line->offset, line->len) == 0);
    validate_doc doc = {"fuzz.ndjson", index, line->line_no, line->offset,
                        too_long ? NULL : line->bytes, too_long ? 0 : line->len, true};
    oas_buf out = OAS_BUF_INIT;
    if (too_long)
        validate_document_too_long(s, &doc, &out, stats);
    else
        validate_document(s, NULL, &doc, &out, stats);
    FUZZ_CHECK(oas_buf_status(&out) == OAS_OK);
    if (s->format == VALIDATE_FORMAT_JSON)
        check_json_lines(&out);
    oas_buf_free(&out);
}

static void run_stream(const uint8_t *data, size_t size, validate_format format)
{
    FILE *fp = fmemopen((void *)data, size, "r");
    FUZZ_CHECK(fp != NULL);
    validate_settings s = {.target = target(), .format = format, .show = VALIDATE_SHOW_ALL,
                           .max_errors = 8, .max_document = FUZZ_MAX_LINE};
    validate_stats stats = {0};
    ndjson_reader r;
    ndjson_reader_init(&r, fp, FUZZ_MAX_LINE);
    ndjson_line line;
    ndjson_event ev;
    size_t index = 0;
    while ((ev = ndjson_reader_next(&r, &line)) == NDJSON_LINE || ev == NDJSON_TOO_LONG) {
        if (ev == NDJSON_LINE && validate_is_blank(line.bytes, line.len))
            continue;
        check_line(&s, data, size, &line, index++, ev == NDJSON_TOO_LONG, &stats);
    }
    FUZZ_CHECK(ev == NDJSON_END);
    FUZZ_CHECK(stats.documents == index);
    FUZZ_CHECK(stats.documents == stats.valid + stats.invalid + stats.malformed);
    ndjson_reader_free(&r);
    fclose(fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0; /* fmemopen refuses an empty buffer */
    run_stream(data, size, VALIDATE_FORMAT_JSON);
    run_stream(data, size, VALIDATE_FORMAT_TEXT);
    return 0;
}
