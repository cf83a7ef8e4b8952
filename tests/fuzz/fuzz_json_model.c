/* fuzz_json_model.c - target 1: bytes -> strict JSON reader -> typed
 * ld_insight_scores -> validator -> to_json -> parse again.
 *
 * Properties checked on every input:
 *  - a rejected input yields no document and a JSON error code;
 *  - an accepted document written back (oas_json_write) parses again to an
 *    equal document (oas_json_equal);
 *  - a typed value serialises (to_json), that text parses back, and its
 *    serialisation is byte-identical (lossless round trip);
 *  - a document the validator accepts also parses typed (except "\u0000",
 *    which a C string cannot hold), its typed round trip still validates
 *    and is the same document (oas_json_equal: nothing dropped, undeclared
 *    members and nulls included). */
#include <string.h>

#include "fuzz_target.h"
#include "ld_model.h"
#include "ld_validate.h"
#include "oas_json.h"
#include "oas_validate.h"

static bool is_json_error(oas_status s)
{
    return s == OAS_ERR_JSON_SYNTAX || s == OAS_ERR_JSON_UTF8 || s == OAS_ERR_JSON_DEPTH ||
           s == OAS_ERR_JSON_NUMBER || s == OAS_ERR_JSON_LIMIT;
}

static void check_dom_round_trip(const oas_json *root)
{
    oas_buf text = OAS_BUF_INIT;
    oas_json_write(root, &text);
    FUZZ_CHECK(oas_buf_status(&text) == OAS_OK);
    oas_json_doc *again = NULL;
    oas_error err;
    FUZZ_CHECK(oas_json_parse(text.data, text.len, NULL, &again, &err) == OAS_OK);
    FUZZ_CHECK(oas_json_equal(root, oas_json_doc_root(again)));
    oas_json_doc_free(again);
    oas_buf_free(&text);
}

static bool validates(const oas_json *node)
{
    oas_report report;
    oas_report_init(&report, 0);
    bool valid = ld_insight_scores_validate(node, &report);
    FUZZ_CHECK(report.status == OAS_OK);
    FUZZ_CHECK(valid == (report.total == 0));
    FUZZ_CHECK(report.count == report.total);
    oas_report_free(&report);
    return valid;
}

/* to_json, parse that back, to_json again: both texts must be identical. */
static void check_typed_round_trip(const ld_insight_scores *v, const oas_json *root,
                                   bool must_validate)
{
    oas_buf first = OAS_BUF_INIT, second = OAS_BUF_INIT;
    FUZZ_CHECK(ld_insight_scores_to_json(v, &first) == OAS_OK);
    ld_insight_scores back;
    ld_insight_scores_init(&back);
    oas_error err;
    FUZZ_CHECK(ld_insight_scores_parse(first.data, first.len, &back, &err) == OAS_OK);
    FUZZ_CHECK(ld_insight_scores_to_json(&back, &second) == OAS_OK);
    FUZZ_CHECK(first.len == second.len && memcmp(first.data, second.data, first.len) == 0);
    if (must_validate) {
        oas_json_doc *doc = NULL;
        FUZZ_CHECK(oas_json_parse(first.data, first.len, NULL, &doc, &err) == OAS_OK);
        FUZZ_CHECK(validates(oas_json_doc_root(doc)));
        FUZZ_CHECK(oas_json_equal(root, oas_json_doc_root(doc)));
        oas_json_doc_free(doc);
    }
    ld_insight_scores_free(&back);
    oas_buf_free(&first);
    oas_buf_free(&second);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    oas_json_doc *doc = NULL;
    oas_error err;
    if (oas_json_parse((const char *)data, size, NULL, &doc, &err) != OAS_OK) {
        FUZZ_CHECK(doc == NULL);
        FUZZ_CHECK(is_json_error(err.code));
        FUZZ_CHECK(err.offset <= size);
        return 0;
    }
    const oas_json *root = oas_json_doc_root(doc);
    check_dom_round_trip(root);
    bool valid = validates(root);

    ld_insight_scores v;
    ld_insight_scores_init(&v);
    oas_status st = ld_insight_scores_from_json(root, &v, &err);
    if (st == OAS_OK)
        check_typed_round_trip(&v, root, valid);
    else
        /* A valid document the typed model cannot hold: "\u0000" in a string,
           or a number beyond the C type where it has no text slot (members,
           array items and map values keep theirs; a union variant does not). */
        FUZZ_CHECK(!valid || st == OAS_ERR_NUL_IN_STRING || st == OAS_ERR_RANGE);
    ld_insight_scores_free(&v);
    oas_json_doc_free(doc);
    return 0;
}
