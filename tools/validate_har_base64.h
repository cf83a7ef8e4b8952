/* validate_har_base64.h - base64 (RFC 4648 section 4) for HAR bodies stored
 * with "encoding": "base64". Strict where leniency would let two texts
 * decode to the same bytes or a body decode only by guessing: no URL-safe
 * alphabet, padding to a multiple of 4, unused bits zero. Whitespace (space,
 * tab, CR, LF) is skipped anywhere, as RFC 2045 decoders do, because tools
 * write MIME-style bodies wrapped at 76 columns. */
#ifndef VALIDATE_HAR_BASE64_H
#define VALIDATE_HAR_BASE64_H

#include <stddef.h>
#include "oas_error.h"

/* Decode into a new oas_malloc'd buffer (*out, NUL-terminated, *out_len).
 * OAS_ERR_JSON_SYNTAX with *bad_at = index in `in` of the first offending
 * character (or len when the number of base64 characters, whitespace not
 * counted, is not a multiple of 4); OAS_ERR_NOMEM. */
oas_status har_base64_decode(const char *in, size_t len, char **out, size_t *out_len,
                             size_t *bad_at);

#endif
