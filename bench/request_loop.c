/* request_loop.c - the request path of the binding: the generated
 * ld_get_insights_scores() COUNT times on one client (keep-alive), each
 * response parsed into the typed model and validated (strict mode).
 * usage: request_loop BASE_URL COUNT [off|raw]; prints
 * `requests N failed F seconds S`.
 * "off" turns validation off (typed parse only), to tell the HTTP layer's
 * cost from the validator's; "raw" calls the HTTP layer alone
 * (oas_client_request: same URL and headers, body returned, not parsed),
 * the counterpart of curl_loop.c. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ld_ops.h"
#include "ld_validate.h"
#include "loop_clock.h"

#define SCORES_PATH \
    "/api/v2/engineering-insights/insights/scores?projectKey=default&environmentKey=production"

static oas_client *make_client(const char *base_url, oas_validation_mode mode, oas_error *err)
{
    oas_client *c = NULL;
    if (oas_client_create(&c, err) != OAS_OK)
        return NULL;
    /* The token goes to every security scheme, as `ldrest` offers it: the
     * operation's requirements pick the one it sends. The raw loop sends it
     * as the Authorization header, as the generated function does. */
    oas_status st = oas_client_set_server(c, base_url, err);
    for (size_t i = 0; i < ld_registry.security_scheme_count && st == OAS_OK; i++)
        st = oas_client_set_credential(c, ld_registry.security_schemes[i].name,
                                       "api-bench-token", err);
    if (st != OAS_OK) {
        oas_client_destroy(c);
        return NULL;
    }
    oas_client_set_validation(c, mode);
    return c;
}

static oas_status one_typed(oas_client *client, oas_error *err)
{
    ld_get_insights_scores_params params = {
        .project_key = "default", .environment_key = "production", .application_key = NULL};
    ld_get_insights_scores_result result;
    ld_get_insights_scores_result_init(&result);
    oas_status st = ld_get_insights_scores(client, &params, &result, err);
    if (st == OAS_OK && !result.body_200)
        st = OAS_ERR_HTTP_STATUS;
    ld_get_insights_scores_result_free(&result);
    return st;
}

static oas_status one_raw(oas_client *client, oas_error *err)
{
    static const oas_http_header headers[] = {{"Authorization", "api-bench-token"},
                                              {"Accept", "application/json"},
                                              {"LD-API-Version", "beta"}};
    oas_http_request req = {"GET", SCORES_PATH, headers, 3, NULL, 0, NULL};
    oas_http_response resp;
    oas_status st = oas_client_request(client, &req, &resp, err);
    if (st == OAS_OK && resp.status != 200)
        st = OAS_ERR_HTTP_STATUS;
    oas_http_response_free(&resp);
    return st;
}

int main(int argc, char **argv)
{
    unsigned long count = argc == 3 || argc == 4 ? parse_count(argv[2]) : 0;
    const char *mode_name = argc == 4 ? argv[3] : "strict";
    bool raw = strcmp(mode_name, "raw") == 0;
    bool off = strcmp(mode_name, "off") == 0;
    if (count == 0 || !(raw || off || strcmp(mode_name, "strict") == 0)) {
        fprintf(stderr, "usage: %s BASE_URL COUNT [off|raw]\n", argv[0]);
        return 2;
    }
    oas_error err;
    oas_client *client = NULL;
    if (oas_http_global_init(&err) != OAS_OK ||
        !(client = make_client(argv[1], off || raw ? OAS_VALIDATE_OFF : OAS_VALIDATE_STRICT,
                               &err))) {
        fprintf(stderr, "%s: %s\n", argv[0], err.message);
        return 2;
    }
    unsigned long failed = 0;
    double t0 = now_seconds();
    for (unsigned long i = 0; i < count; i++) {
        oas_status st = raw ? one_raw(client, &err) : one_typed(client, &err);
        if (st != OAS_OK && failed++ == 0)
            fprintf(stderr, "%s: first failure: %s\n", argv[0], err.message);
    }
    double seconds = now_seconds() - t0;
    printf("requests %lu failed %lu seconds %.6f\n", count, failed, seconds);
    oas_client_destroy(client);
    oas_http_global_cleanup();
    return failed ? 1 : 0;
}
