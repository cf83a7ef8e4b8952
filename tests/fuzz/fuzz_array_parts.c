/* fuzz_array_parts.c - bytes as one document read a run of items at a time
 * (tools/validate_parts.c, tools/array_runs.c) against the per-item schema
 * Items of tests/data/arrays/arrays.yaml, or ItemsPage (an object whose
 * member `items` is such an array).
 *
 * Property: whenever the runs are read, the reports (violations and
 * duplicate-key warnings, as JSON) are byte for byte those of parsing the
 * whole document and validating its tree; when they are not, both reports
 * are left empty. The first byte picks the run size (1-32 bytes), the
 * schema, the threads (1 or 2), --strict-json and --max-errors. */
#include <string.h>

#include "fuzz_target.h"
#include "oas_registry.h"
#include "validate_parts.h"

extern const oas_registry ar_registry;

static void report_json(const oas_report *r, oas_buf *out)
{
    oas_buf_reset(out);
    oas_report_write_json(r, out);
    oas_buf_printf(out, " total %zu", r->total);
    FUZZ_CHECK(oas_buf_status(out) == OAS_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned knobs = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    const oas_schema_entry *items =
        oas_registry_find_schema(&ar_registry, knobs & 8 ? "ItemsPage" : "Items");
    FUZZ_CHECK(items && (items->array_per_item || items->array_members));
    validate_target t = {.validate = items->validate,
                         .array_per_item = items->array_per_item,
                         .array_members = items->array_members};
    validate_settings s = {.target = &t,
                           .max_errors = (knobs >> 6) & 3,
                           .strict_json = (knobs >> 5) & 1,
                           .jobs = 1 + ((knobs >> 4) & 1)};
    validate_doc doc = {.source = "fuzz.json", .bytes = text, .len = len};
    oas_report parts, parts_warnings, whole, whole_warnings;
    oas_report_init(&parts, s.max_errors);
    oas_report_init(&parts_warnings, s.max_errors);
    oas_report_init(&whole, s.max_errors);
    oas_report_init(&whole_warnings, s.max_errors);
    bool read = validate_in_parts(&s, NULL, &doc, 1 + (knobs & 7) * 4, &parts, &parts_warnings);
    oas_json_doc *json = NULL;
    bool parses = oas_json_parse(text, len, NULL, &json, NULL) == OAS_OK;
    if (read) {
        FUZZ_CHECK(parses);
        FUZZ_CHECK(validate_tree(&s, oas_json_doc_root(json), &whole,
                                 s.strict_json ? &whole : &whole_warnings));
        oas_buf a = OAS_BUF_INIT, b = OAS_BUF_INIT;
        report_json(&parts, &a);
        report_json(&whole, &b);
        FUZZ_CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
        report_json(&parts_warnings, &a);
        report_json(&whole_warnings, &b);
        FUZZ_CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
        oas_buf_free(&a);
        oas_buf_free(&b);
    } else {
        FUZZ_CHECK(parts.count == 0 && parts.total == 0 && parts_warnings.count == 0 &&
                   parts_warnings.total == 0);
    }
    oas_json_doc_free(json);
    oas_report_free(&parts);
    oas_report_free(&parts_warnings);
    oas_report_free(&whole);
    oas_report_free(&whole_warnings);
    return 0;
}
