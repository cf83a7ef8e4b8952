/* test_spec_events.c - webhooks (3.1) and an operation's callbacks are
 * read into ir_spec.events with their request bodies and responses; what
 * is not read is noted where it stands. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ir_dump.h"
#include "support_spec.h"

static void test_webhook_and_callback_are_read(void **state)
{
    (void)state;
    front_result r = run_front_end("tests/data/events/events.yaml", NULL, "ev_");
    assert_string_equal(r.diagnostics, "");
    assert_non_null(r.spec);
    assert_int_equal(r.spec->operation_count, 2); /* subscribe, unsubscribe */
    assert_int_equal(r.spec->event_count, 2);
    const ir_operation *cb = &r.spec->events[0], *wh = &r.spec->events[1];
    assert_string_equal(cb->owner_id, "subscribe");
    assert_string_equal(cb->event_name, "onEvent");
    assert_string_equal(cb->method, "POST");
    assert_string_equal(cb->path, "{$request.body#/callbackUrl}");
    assert_string_equal(cb->c_name, "ev_subscribe_on_event_callback_post");
    assert_string_equal(cb->body_schema->location,
                        "#/paths/~1subscriptions/post/callbacks/onEvent/"
                        "{$request.body#~1callbackUrl}/post/requestBody/content/"
                        "application~1json/schema");
    assert_int_equal(cb->response_count, 1);
    assert_string_equal(cb->responses[0].status, "200");
    assert_non_null(cb->responses[0].schema);
    assert_null(wh->owner_id);
    assert_string_equal(wh->event_name, "newPet");
    assert_string_equal(wh->path, "newPet");
    assert_string_equal(wh->c_name, "ev_new_pet_webhook_post");
    assert_string_equal(ir_deref(wh->body_schema)->component_name, "Pet");

    /* --dump-ir lists them after the operations */
    char *dump = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&dump, &len);
    ir_dump(r.spec, f);
    fclose(f);
    assert_non_null(strstr(dump,
        "op POST /subscriptions ev_subscribe () body=ev_subscribe_request_body 201=-\n"
        "op DELETE /subscriptions/{id} ev_unsubscribe (id:path*) 204=-\n"
        "callback subscribe onEvent: op POST {$request.body#/callbackUrl} "
        "ev_subscribe_on_event_callback_post () "
        "body=ev_subscribe_on_event_callback_post_request_body "
        "200=ev_subscribe_on_event_callback_post_200_body\n"
        "webhook newPet: op POST newPet ev_new_pet_webhook_post () "
        "body=ev_new_pet_webhook_post_request_body 202=-\n"
        "summary: "));
    free(dump);
    front_result_free(&r);
}

/* A callback and a path item reached by $ref (components). */
static void test_callback_by_reference(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\n"
        "paths:\n"
        "  /a:\n"
        "    get:\n"
        "      operationId: a\n"
        "      responses: {'200': {description: ok}}\n"
        "      callbacks:\n"
        "        done: {$ref: '#/components/callbacks/Done'}\n"
        "components:\n"
        "  callbacks:\n"
        "    Done:\n"
        "      '{$url}': {$ref: '#/components/pathItems/Hook'}\n"
        "  pathItems:\n"
        "    Hook:\n"
        "      put:\n"
        "        requestBody:\n"
        "          content: {application/json: {schema: {type: integer}}}\n"
        "        responses: {'204': {description: ok}}\n", "t_");
    assert_string_equal(r.diagnostics, "");
    assert_non_null(r.spec);
    assert_int_equal(r.spec->event_count, 1);
    const ir_operation *cb = &r.spec->events[0];
    assert_string_equal(cb->owner_id, "a");
    assert_string_equal(cb->event_name, "done");
    assert_string_equal(cb->method, "PUT");
    assert_string_equal(cb->path, "{$url}");
    assert_string_equal(cb->body_schema->location,
                        "#/components/pathItems/Hook/put/requestBody/content/application~1json/schema");
    front_result_free(&r);
}

/* OpenAPI 3.0 has no webhooks; callbacks below a callback are not read. */
static void test_unread_events_are_noted(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.0.3\n"
        "paths: {}\n"
        "webhooks:\n"
        "  w: {post: {responses: {'200': {description: ok}}}}\n", "t_");
    assert_string_equal(r.diagnostics,
                        "s.yaml:4:3: note: 'webhooks' is OpenAPI 3.1; not read in a 3.0 document\n");
    assert_non_null(r.spec);
    assert_int_equal(r.spec->event_count, 0);
    front_result_free(&r);

    r = run_front_end("s.yaml",
        "openapi: 3.1.0\n"
        "webhooks:\n"
        "  w:\n"
        "    post:\n"
        "      responses: {'200': {description: ok}}\n"
        "      callbacks: {c: {'{$url}': {get: {responses: {'200': {description: ok}}}}}}\n", "t_");
    assert_string_equal(r.diagnostics,
                        "s.yaml:6:18: note: callbacks of a webhook or callback are not read\n");
    assert_non_null(r.spec);
    assert_int_equal(r.spec->event_count, 1);
    front_result_free(&r);
}

static void test_malformed_callbacks_are_errors(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\n"
        "paths:\n"
        "  /a:\n"
        "    get:\n"
        "      responses: {'200': {description: ok}}\n"
        "      callbacks: {c: [1]}\n"
        "webhooks: [1]\n", "t_");
    assert_string_equal(r.diagnostics,
                        "s.yaml:6:22: error: a callback must map URL expressions to path items\n"
                        "s.yaml:7:11: error: 'webhooks' must be a mapping\n");
    assert_null(r.spec);
    front_result_free(&r);
}

/* Unique among all the operations of the API: callbacks' and webhooks'
 * operationIds too; events without one are named by where they stand. */
static void test_event_operation_ids_are_unique_among_all_operations(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\n"
        "paths:\n"
        "  /a:\n"
        "    get:\n"
        "      operationId: getA\n"
        "      responses: {'200': {description: ok}}\n"
        "      callbacks:\n"
        "        c:\n"
        "          '{$url}':\n"
        "            post: {operationId: getA, responses: {'200': {description: ok}}}\n"
        "            put: {responses: {'200': {description: ok}}}\n"
        "webhooks:\n"
        "  w:\n"
        "    post: {operationId: onW, responses: {'200': {description: ok}}}\n"
        "    put: {operationId: onW, responses: {'200': {description: ok}}}\n"
        "    patch: {responses: {'200': {description: ok}}}\n", "t_");
    assert_string_equal(r.diagnostics,
                        "s.yaml:10:19: error: duplicate operationId \"getA\" (first at line 5)\n"
                        /* methods are read in OpenAPI's order: put before post */
                        "s.yaml:14:11: error: duplicate operationId \"onW\" (first at line 15)\n");
    assert_null(r.spec);
    front_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_webhook_and_callback_are_read),
        cmocka_unit_test(test_callback_by_reference),
        cmocka_unit_test(test_unread_events_are_noted),
        cmocka_unit_test(test_malformed_callbacks_are_errors),
        cmocka_unit_test(test_event_operation_ids_are_unique_among_all_operations),
    };
    if (chdir(OAS_SOURCE_DIR) != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
