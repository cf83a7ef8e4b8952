/* validate_har_match.h - from a captured request and response to what the
 * spec says about them: the URL's path (server prefix stripped) to an
 * operation, the response's media type to a declared content type. Works
 * from the registry only, so for any generated binding. */
#ifndef VALIDATE_HAR_MATCH_H
#define VALIDATE_HAR_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include "oas_registry.h"

/* The path part of a URL: after "scheme://authority", before '?' or '#'
 * ("/" when the URL has none). A URL that starts with '/' is a path already.
 * false for anything else (a relative reference has no place in a capture). */
bool har_url_path(const char *url, size_t url_len, const char **path, size_t *path_len);

/* The operation for a method and a concrete path. Each server URL's path
 * ("https://api.example.com/v1" -> "/v1", variables match one segment) is
 * stripped when the path starts with it, longest first; the path as
 * captured is tried last, so captures from a mock served at "/" match too.
 * Path segments are compared as captured (no percent-decoding). */
const oas_operation_entry *har_match_operation(const oas_registry *reg, const char *method,
                                               const char *path, size_t path_len);
/* The same, and how many bytes of path the server prefix it matched under
 * took (0 when it matched as given). */
const oas_operation_entry *har_match_operation_stripped(const oas_registry *reg,
                                                        const char *method, const char *path,
                                                        size_t path_len, size_t *stripped);

/* The media type of a Content-Type value: parameters and surrounding blanks
 * dropped ("application/json; charset=utf-8" -> "application/json"). */
void har_media_type(const char *value, size_t len, const char **type, size_t *type_len);

/* Does a captured media type fall under a declared one? Case-insensitive;
 * the declared side may be a range ("*\/\*", "application/\*") and may carry
 * parameters, which are ignored. */
bool har_media_matches(const char *declared, const char *type, size_t type_len);

/* Among the responses of op documented under the same status key as
 * selected ("200", "4XX", "default"), the one whose content type covers the
 * captured media type; NULL when none does. */
const oas_response_entry *har_response_for_media(const oas_operation_entry *op,
                                                 const oas_response_entry *selected,
                                                 const char *type, size_t type_len);

#endif
