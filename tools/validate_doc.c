/* validate_doc.c - one document: strict parse, then the target's validator.
 * A parse failure is a "malformed" verdict, never a schema verdict. */
#include "validate_doc.h"

#include "oas_json.h"
#include "oas_validate.h"
#include "validate_output.h"

void validate_stats_add(validate_stats *into, const validate_stats *from)
{
    into->documents += from->documents;
    into->valid += from->valid;
    into->invalid += from->invalid;
    into->malformed += from->malformed;
    into->errors += from->errors;
}

void validate_document_too_long(const validate_settings *s, const validate_doc *doc,
                                oas_buf *out, validate_stats *stats)
{
    oas_error err;
    oas_error_clear(&err);
    oas_error_set(&err, OAS_ERR_JSON_LIMIT, NULL, 0,
                  "line longer than the %zu-byte document limit; skipped", s->max_document);
    err.line = 1;
    err.column = 1;
    stats->documents++;
    stats->malformed++;
    validate_output_malformed(s->format, doc, &err, "malformed JSON", out);
}

void validate_document(const validate_settings *s, const validate_doc *doc, oas_buf *out,
                       validate_stats *stats)
{
    oas_json_options opts = {0, s->max_document};
    oas_json_doc *json = NULL;
    oas_error err;
    oas_error_clear(&err);
    stats->documents++;
    if (oas_json_parse(doc->bytes, doc->len, &opts, &json, &err) != OAS_OK) {
        stats->malformed++;
        validate_output_malformed(s->format, doc, &err, "malformed JSON", out);
        return;
    }
    oas_report report;
    oas_report_init(&report, s->max_errors);
    /* Keyword paths start at the target schema itself, as the generated
     * <type>_validate() functions do. */
    bool valid = oas_validate_run(s->target->validate, "", oas_json_doc_root(json), &report, NULL);
    if (report.status != OAS_OK) {
        /* Validation could not finish (memory, depth): no verdict to give. */
        oas_error_set(&err, report.status, NULL, 0, "validation could not finish: %s",
                      oas_strerror(report.status));
        err.line = 1;
        err.column = 1;
        stats->malformed++;
        validate_output_malformed(s->format, doc, &err, "cannot validate", out);
    } else if (valid) {
        stats->valid++;
        validate_output_valid(s->format, doc, out);
    } else {
        stats->invalid++;
        stats->errors += report.total;
        validate_output_violations(s->format, doc, &report, s->max_errors, out);
    }
    oas_report_free(&report);
    oas_json_doc_free(json);
}
