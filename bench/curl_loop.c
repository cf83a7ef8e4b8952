/* curl_loop.c - the request-path baselines: one reused libcurl easy handle
 * (keep-alive) GETs the same URL COUNT times and
 *   - discards the body (the bare loop), or, with `cjson`,
 *   - keeps it and parses it with cJSON (cJSON_ParseWithLength, then
 *     cJSON_Delete): the least a hand-written client does before it can read
 *     one field, and what openapi-generator's C client parses with.
 * usage: curl_loop URL COUNT [cjson]; prints `requests N failed F seconds S`
 * (a body that is not a JSON object counts as failed). */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loop_clock.h"

static size_t discard(char *data, size_t size, size_t nmemb, void *ctx)
{
    (void)data;
    (void)ctx;
    return size * nmemb;
}

/* The body of one response, the buffer kept from one request to the next. */
typedef struct body {
    char *data;
    size_t len, cap;
} body;

static size_t keep(char *data, size_t size, size_t nmemb, void *ctx)
{
    body *b = ctx;
    size_t n = size * nmemb;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown)
            return 0; /* libcurl fails the transfer */
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return n;
}

int main(int argc, char **argv)
{
    bool parse = argc == 4 && strcmp(argv[3], "cjson") == 0;
    unsigned long count = argc == 3 || parse ? parse_count(argv[2]) : 0;
    if (count == 0) {
        fprintf(stderr, "usage: %s URL COUNT [cjson]\n", argv[0]);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *h = curl_easy_init();
    /* The same headers the generated function sends, so the server does the
     * same work for both loops. */
    struct curl_slist *headers = curl_slist_append(NULL, "Authorization: api-bench-token");
    headers = curl_slist_append(headers, "Accept: application/json");
    headers = curl_slist_append(headers, "LD-API-Version: beta");
    curl_easy_setopt(h, CURLOPT_URL, argv[1]);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    body b = {NULL, 0, 0};
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, parse ? keep : discard);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    unsigned long failed = 0;
    double t0 = now_seconds();
    for (unsigned long i = 0; i < count; i++) {
        long status = 0;
        b.len = 0;
        if (curl_easy_perform(h) != CURLE_OK ||
            curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK || status != 200) {
            failed++;
            continue;
        }
        if (parse) {
            cJSON *doc = cJSON_ParseWithLength(b.data, b.len);
            if (!cJSON_IsObject(doc))
                failed++;
            cJSON_Delete(doc);
        }
    }
    double seconds = now_seconds() - t0;
    free(b.data);
    printf("requests %lu failed %lu seconds %.6f\n", count, failed, seconds);
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
