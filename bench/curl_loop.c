/* curl_loop.c - the request-path baseline: one reused libcurl easy handle
 * (keep-alive) GETs the same URL COUNT times and discards the body.
 * usage: curl_loop URL COUNT; prints `requests N failed F seconds S`. */
#include <curl/curl.h>
#include <stdio.h>

#include "loop_clock.h"

static size_t discard(char *data, size_t size, size_t nmemb, void *ctx)
{
    (void)data;
    (void)ctx;
    return size * nmemb;
}

int main(int argc, char **argv)
{
    unsigned long count = argc == 3 ? parse_count(argv[2]) : 0;
    if (count == 0) {
        fprintf(stderr, "usage: %s URL COUNT\n", argv[0]);
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
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    unsigned long failed = 0;
    double t0 = now_seconds();
    for (unsigned long i = 0; i < count; i++) {
        long status = 0;
        if (curl_easy_perform(h) != CURLE_OK ||
            curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK || status != 200)
            failed++;
    }
    double seconds = now_seconds() - t0;
    printf("requests %lu failed %lu seconds %.6f\n", count, failed, seconds);
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
