/* oas_curl.h - the libcurl functions the HTTP client calls, through a table
 * filled when the first client is created (oas_dynlib.h says why): a
 * program that never makes a request never loads libcurl. Private. */
#ifndef OAS_CURL_H
#define OAS_CURL_H

#include <curl/curl.h>
#include "oas_error.h"

typedef struct oas_curl_api {
    __typeof__(&curl_global_init) global_init;
    __typeof__(&curl_global_cleanup) global_cleanup;
    __typeof__(&curl_easy_init) easy_init;
    __typeof__(&curl_easy_cleanup) easy_cleanup;
    __typeof__(&curl_easy_reset) easy_reset;
    __typeof__(&curl_easy_setopt) easy_setopt;
    __typeof__(&curl_easy_getinfo) easy_getinfo;
    __typeof__(&curl_easy_perform) easy_perform;
    __typeof__(&curl_easy_strerror) easy_strerror;
    __typeof__(&curl_slist_append) slist_append;
    __typeof__(&curl_slist_free_all) slist_free_all;
    __typeof__(&curl_url) url;
    __typeof__(&curl_url_cleanup) url_cleanup;
    __typeof__(&curl_url_set) url_set;
    __typeof__(&curl_url_get) url_get;
    __typeof__(&curl_url_strerror) url_strerror;
    __typeof__(&curl_free) free;
} oas_curl_api;

/* The table, filled once oas_curl_load() succeeded (only code that runs
 * after that, on a client that exists, calls through it). */
extern oas_curl_api oas_curl;

/* Load libcurl the first time; OAS_ERR_HTTP_TRANSPORT in err, naming the
 * library and the loader's reason, when it cannot be. */
oas_status oas_curl_load(oas_error *err);

#endif
