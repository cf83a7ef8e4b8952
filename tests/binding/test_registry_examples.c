/* test_registry_examples.c - every response of the generated registry that
 * has a schema carries an example (the spec's or a synthesized one, see
 * codegen/emit_examples.c), and each example validates against its own
 * response schema with the generated validators. `ldrest mock` serves
 * exactly these bodies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ld_validate.h"
#include "oas_json.h"
#include "oas_registry.h"
#include "oas_validate.h"

static void test_every_response_example_validates(void **state)
{
    (void)state;
    size_t checked = 0;
    for (size_t i = 0; i < ld_registry.operation_count; i++) {
        const oas_operation_entry *op = &ld_registry.operations[i];
        for (size_t j = 0; j < op->response_count; j++) {
            const oas_response_entry *r = &op->responses[j];
            if (!r->validate)
                continue;
            if (!r->example)
                fprintf(stderr, "%s %s: no example\n", op->operation_id, r->status);
            assert_non_null(r->example);
            oas_json_doc *doc = NULL;
            oas_error err;
            assert_int_equal(oas_json_parse(r->example, strlen(r->example), NULL, &doc, &err),
                             OAS_OK);
            oas_report report;
            oas_report_init(&report, 10);
            bool ok = oas_validate_run(r->validate, "", oas_json_doc_root(doc), &report, NULL);
            for (size_t k = 0; k < report.count; k++)
                fprintf(stderr, "%s %s: %s %s\n", op->operation_id, r->status,
                        report.items[k].instance_location, report.items[k].message);
            assert_true(ok);
            oas_report_free(&report);
            oas_json_doc_free(doc);
            checked++;
        }
    }
    assert_true(checked >= 5); /* 200, 400, 401, 403, 429 of the seed spec */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_response_example_validates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
