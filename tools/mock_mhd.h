/* mock_mhd.h - the libmicrohttpd functions the mock server calls, through a
 * table filled when a server starts (oas_dynlib.h says why): the other
 * commands of a binary that has `mock` never load libmicrohttpd. */
#ifndef OAS_TOOL_MOCK_MHD_H
#define OAS_TOOL_MOCK_MHD_H

#include <stdbool.h>
#include <stddef.h>
#include <microhttpd.h>

typedef struct mock_mhd_api {
    __typeof__(&MHD_start_daemon) start_daemon;
    __typeof__(&MHD_stop_daemon) stop_daemon;
    __typeof__(&MHD_get_daemon_info) get_daemon_info;
    __typeof__(&MHD_get_connection_info) get_connection_info;
    __typeof__(&MHD_get_connection_values_n) get_connection_values_n;
    __typeof__(&MHD_lookup_connection_value) lookup_connection_value;
    __typeof__(&MHD_create_response_from_buffer) create_response_from_buffer;
    __typeof__(&MHD_add_response_header) add_response_header;
    __typeof__(&MHD_queue_response) queue_response;
    __typeof__(&MHD_destroy_response) destroy_response;
} mock_mhd_api;

/* Filled once mock_mhd_load() succeeded. */
extern mock_mhd_api mock_mhd;

/* Load libmicrohttpd the first time; false with the reason in why. */
bool mock_mhd_load(char *why, size_t why_cap);

#endif
