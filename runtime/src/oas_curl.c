/* oas_curl.c - see oas_curl.h. */
#include "oas_curl.h"

#include <stddef.h>
#include "oas_dynlib.h"

oas_curl_api oas_curl;

/* SONAME 4 is libcurl's since 2006; the bare name for a development tree. */
static const char *const curl_sonames[] = {"libcurl.so.4", "libcurl.so"};

#define CURL_SYMBOL(field) {"curl_" #field, offsetof(oas_curl_api, field)}
static const oas_dynlib_symbol curl_symbols[] = {
    CURL_SYMBOL(global_init),  CURL_SYMBOL(global_cleanup), CURL_SYMBOL(easy_init),
    CURL_SYMBOL(easy_cleanup), CURL_SYMBOL(easy_reset),     CURL_SYMBOL(easy_setopt),
    CURL_SYMBOL(easy_getinfo), CURL_SYMBOL(easy_perform),   CURL_SYMBOL(easy_strerror),
    CURL_SYMBOL(slist_append), CURL_SYMBOL(slist_free_all), CURL_SYMBOL(url),
    CURL_SYMBOL(url_cleanup),  CURL_SYMBOL(url_set),        CURL_SYMBOL(url_get),
    CURL_SYMBOL(url_strerror), CURL_SYMBOL(free)};

static oas_dynlib curl_lib = OAS_DYNLIB_INIT(curl_sonames, curl_symbols, &oas_curl);

oas_status oas_curl_load(oas_error *err)
{
    if (oas_dynlib_load(&curl_lib))
        return OAS_OK;
    return oas_error_set(err, OAS_ERR_HTTP_TRANSPORT, NULL, OAS_NO_OFFSET, "%s", curl_lib.why);
}
