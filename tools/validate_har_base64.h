/* validate_har_base64.h - strict base64 (RFC 4648 section 4) for HAR bodies
 * stored with "encoding": "base64". Strict because a body that decodes only
 * by guessing is not a body we can vouch for: no whitespace, no URL-safe
 * alphabet, padding to a multiple of 4, and unused bits must be zero. */
#ifndef VALIDATE_HAR_BASE64_H
#define VALIDATE_HAR_BASE64_H

#include <stddef.h>
#include "oas_error.h"

/* Decode into a new oas_malloc'd buffer (*out, NUL-terminated, *out_len).
 * OAS_ERR_JSON_SYNTAX with *bad_at = index of the first offending character
 * (or len when the length is wrong); OAS_ERR_NOMEM. */
oas_status har_base64_decode(const char *in, size_t len, char **out, size_t *out_len,
                             size_t *bad_at);

#endif
