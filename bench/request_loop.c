/* request_loop.c - the request path of the binding: the generated
 * ld_get_insights_scores() COUNT times on one client (keep-alive), each
 * response parsed into the typed model and validated (strict mode).
 * usage: request_loop BASE_URL COUNT [off]; prints `requests N failed F seconds S`.
 * "off" turns validation off (typed parse only), to tell the HTTP layer's
 * cost from the validator's. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ld_ops.h"
#include "loop_clock.h"

static oas_client *make_client(const char *base_url, oas_validation_mode mode, oas_error *err)
{
    oas_client *c = NULL;
    if (oas_client_create(&c, err) != OAS_OK)
        return NULL;
    if (oas_client_set_server(c, base_url, err) != OAS_OK ||
        oas_client_set_token(c, "api-bench-token", err) != OAS_OK) {
        oas_client_destroy(c);
        return NULL;
    }
    oas_client_set_validation(c, mode);
    return c;
}

int main(int argc, char **argv)
{
    unsigned long count = argc == 3 || argc == 4 ? parse_count(argv[2]) : 0;
    bool validate_off = argc == 4 && strcmp(argv[3], "off") == 0;
    if (count == 0 || (argc == 4 && !validate_off)) {
        fprintf(stderr, "usage: %s BASE_URL COUNT [off]\n", argv[0]);
        return 2;
    }
    oas_validation_mode mode = validate_off ? OAS_VALIDATE_OFF : OAS_VALIDATE_STRICT;
    oas_error err;
    oas_client *client = NULL;
    if (oas_http_global_init(&err) != OAS_OK || !(client = make_client(argv[1], mode, &err))) {
        fprintf(stderr, "%s: %s\n", argv[0], err.message);
        return 2;
    }
    ld_get_insights_scores_params params = {
        .project_key = "default", .environment_key = "production", .application_key = NULL};
    unsigned long failed = 0;
    double t0 = now_seconds();
    for (unsigned long i = 0; i < count; i++) {
        ld_get_insights_scores_result result;
        ld_get_insights_scores_result_init(&result);
        if (ld_get_insights_scores(client, &params, &result, &err) != OAS_OK ||
            !result.body_200) {
            if (failed++ == 0)
                fprintf(stderr, "%s: first failure: %s\n", argv[0], err.message);
        }
        ld_get_insights_scores_result_free(&result);
    }
    double seconds = now_seconds() - t0;
    printf("requests %lu failed %lu seconds %.6f\n", count, failed, seconds);
    oas_client_destroy(client);
    oas_http_global_cleanup();
    return failed ? 1 : 0;
}
