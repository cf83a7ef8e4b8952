/* tool_exit.c - one status-to-exit mapping for every command that makes
 * a call (oas_tool.h). */
#include "oas_tool.h"

int oas_tool_exit_status(oas_status st, long http_status)
{
    switch (st) {
    case OAS_OK: return OAS_TOOL_EXIT_OK;
    case OAS_ERR_INVALID:
        /* a response that violates the spec; else the request (not sent) */
        return http_status ? OAS_TOOL_EXIT_INVALID : OAS_TOOL_EXIT_USAGE;
    case OAS_ERR_USAGE:
    case OAS_ERR_INVALID_ARG:
    case OAS_ERR_JSON_SYNTAX:
    case OAS_ERR_JSON_UTF8:
    case OAS_ERR_JSON_DEPTH:
    case OAS_ERR_SCHEMA_DEPTH:
    case OAS_ERR_JSON_NUMBER:
    case OAS_ERR_JSON_LIMIT:
        return OAS_TOOL_EXIT_USAGE;
    case OAS_ERR_HTTP_TRANSPORT:
    case OAS_ERR_HTTP_TIMEOUT:
    case OAS_ERR_HTTP_REDIRECT:
        return OAS_TOOL_EXIT_NETWORK;
    case OAS_ERR_HTTP_STATUS:
        if (http_status == 401 || http_status == 403)
            return OAS_TOOL_EXIT_AUTH;
        return http_status == 429 ? OAS_TOOL_EXIT_RATE : OAS_TOOL_EXIT_SERVER;
    default: return OAS_TOOL_EXIT_SERVER; /* content, memory, too large */
    }
}
