/* validate_parts.c - a large array document checked a run of items at a
 * time: each run is parsed and validated as an array of its own ("[" its
 * items "]"), and its violations are moved into the document's report with
 * their indexes and offsets shifted (oas_report_move_items).
 *
 * Why the verdict is the whole document's: runs are cut at the commas
 * between the array's items, so the runs' items, in order, are the
 * document's items whenever every run parses (each run is then well-formed
 * JSON, and so is the document they join into); the schema asserts of an
 * array only its type and its items, so the document's violations are its
 * items' violations, found by the same validator at the same depth. A run
 * that does not parse, or validation that cannot finish, gives up, and the
 * caller reads the document whole for the exact error. */
#include "validate_parts.h"

#include <string.h>

#include "oas_buf.h"
#include "oas_json.h"

static bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static bool is_blank(const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_json_space(b[i]))
            return false;
    return true;
}

/* Past the string whose opening quote is at `quote`: the index after its
 * closing quote (one not escaped: an even run of backslashes before it),
 * or len. Linear: each backslash is counted once. */
static size_t skip_string(const char *b, size_t quote, size_t len)
{
    size_t start = quote + 1, i = start;
    for (;;) {
        const char *q = memchr(b + i, '"', len - i);
        if (!q)
            return len;
        size_t at = (size_t)(q - b), backslashes = 0;
        while (at - backslashes > start && b[at - backslashes - 1] == '\\')
            backslashes++;
        if (backslashes % 2 == 0)
            return at + 1;
        i = start = at + 1;
    }
}

/* From `from` (just past the array's '[' or a ',' between its items), the
 * end of the next run: the first ',' between items at least `want` bytes
 * on (*last false), or the array's closing ']' (*last true). len when the
 * text ends first or a '}' closes the array: not a well-formed array (the
 * parse of the runs finds every other fault). */
static size_t run_end(const char *b, size_t len, size_t from, size_t want, bool *last)
{
    size_t depth = 0;
    for (size_t i = from; i < len; i++) {
        switch (b[i]) {
        case '"':
            i = skip_string(b, i, len) - 1;
            break;
        case '[':
        case '{':
            depth++;
            break;
        case ']':
        case '}':
            if (depth == 0) {
                *last = true;
                return b[i] == ']' ? i : len;
            }
            depth--;
            break;
        case ',':
            if (depth == 0 && i - from >= want) {
                *last = false;
                return i;
            }
            break;
        default:
            break;
        }
    }
    return len;
}

typedef struct parts_state {
    const validate_settings *s;
    oas_json_options parse;
    oas_validate_options validate;
    oas_buf text;     /* "[" the run's items "]" */
    oas_report run;   /* one run's violations, before they move */
    oas_report dups;  /* --strict-json: duplicate keys, after every violation */
    size_t first_index;
} parts_state;

/* Parse and validate the run items[0..len), whose first byte is byte
 * `from` of the document; false when the caller must read it whole. */
static bool check_run(parts_state *st, const char *items, size_t len, size_t from,
                      oas_report *report, oas_report *warnings)
{
    if (is_blank(items, len))
        return false; /* an empty item: the document is malformed */
    oas_buf_reset(&st->text);
    oas_buf_putc(&st->text, '[');
    oas_buf_append(&st->text, items, len);
    oas_buf_putc(&st->text, ']');
    if (oas_buf_status(&st->text) != OAS_OK)
        return false;
    oas_json_doc *json = NULL;
    if (oas_json_parse(st->text.data, st->text.len, &st->parse, &json, NULL) != OAS_OK)
        return false;
    const oas_json *root = oas_json_doc_root(json);
    /* The run's byte o is the document's byte o - 1 + from (its '[' is
       not in the document). */
    size_t delta = from - 1;
    oas_validate_run(st->s->target->validate, "", root, &st->run, &st->validate);
    bool ok = st->run.status == OAS_OK &&
              oas_report_move_items(report, &st->run, st->first_index, delta) == OAS_OK;
    if (ok) {
        oas_report *into = st->s->strict_json ? &st->dups : warnings;
        ok = oas_report_duplicate_keys(root, &st->run, NULL) == OAS_OK &&
             oas_report_move_items(into, &st->run, st->first_index, delta) == OAS_OK;
    }
    st->first_index += root->u.arr.count;
    oas_json_doc_free(json);
    return ok;
}

bool validate_in_parts(const validate_settings *s, validate_scratch *scratch,
                       const validate_doc *doc, size_t run_bytes, oas_report *report,
                       oas_report *warnings)
{
    const char *b = doc->bytes;
    size_t len = doc->len, i = 0;
    if (s->max_document && len > s->max_document)
        return false;
    while (i < len && is_json_space(b[i]))
        i++;
    if (i == len || b[i] != '[')
        return false;
    parts_state st = {.s = s,
                      .parse = {.scratch = scratch ? scratch->json : NULL},
                      .validate = {.assert_formats = s->assert_formats}};
    oas_buf_init(&st.text);
    oas_report_init(&st.run, report->max_errors);
    oas_report_init(&st.dups, report->max_errors);
    bool ok = true, last = false;
    size_t from = i + 1;
    while (ok && !last) {
        size_t end = run_end(b, len, from, run_bytes, &last);
        ok = end < len && check_run(&st, b + from, end - from, from, report, warnings);
        from = end + 1;
    }
    if (ok)
        ok = is_blank(b + from, len - from) &&
             oas_report_move_items(report, &st.dups, 0, 0) == OAS_OK;
    oas_buf_free(&st.text);
    oas_report_free(&st.run);
    oas_report_free(&st.dups);
    if (!ok) {
        oas_report_clear(report);
        oas_report_clear(warnings);
    }
    return ok;
}
