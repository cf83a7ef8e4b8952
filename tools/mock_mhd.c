/* mock_mhd.c - see mock_mhd.h. */
#ifdef OAS_TOOLS_HAVE_MHD
#include "mock_mhd.h"

#include <stdio.h>
#include "oas_dynlib.h"

mock_mhd_api mock_mhd;

/* SONAME 12 is libmicrohttpd's from 0.9.x through 1.0. */
static const char *const mhd_sonames[] = {"libmicrohttpd.so.12", "libmicrohttpd.so"};

#define MHD_SYMBOL(field) {"MHD_" #field, offsetof(mock_mhd_api, field)}
static const oas_dynlib_symbol mhd_symbols[] = {
    MHD_SYMBOL(start_daemon),
    MHD_SYMBOL(stop_daemon),
    MHD_SYMBOL(get_daemon_info),
    MHD_SYMBOL(get_connection_info),
    MHD_SYMBOL(get_connection_values_n),
    MHD_SYMBOL(lookup_connection_value),
    MHD_SYMBOL(create_response_from_buffer),
    MHD_SYMBOL(add_response_header),
    MHD_SYMBOL(queue_response),
    MHD_SYMBOL(destroy_response)};

static oas_dynlib mhd_lib = OAS_DYNLIB_INIT(mhd_sonames, mhd_symbols, &mock_mhd);

bool mock_mhd_load(char *why, size_t why_cap)
{
    if (oas_dynlib_load(&mhd_lib))
        return true;
    snprintf(why, why_cap, "%s", mhd_lib.why);
    return false;
}
#else
typedef int mock_mhd_unused; /* ISO C: a translation unit is not empty */
#endif
