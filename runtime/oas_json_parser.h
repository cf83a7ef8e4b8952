/* oas_json_parser.h - private state of one oas_json_parse() call, shared by
 * the structure driver, the string scanner and the number scanner. */
#ifndef OAS_JSON_PARSER_H
#define OAS_JSON_PARSER_H

#include <stddef.h>
#include "oas_json_internal.h"

typedef struct oas_json_frame {
    size_t slot;  /* scratch index of the container's own node */
    uint8_t type; /* OAS_JSON_ARRAY or OAS_JSON_OBJECT */
} oas_json_frame;

typedef struct oas_json_parser {
    const unsigned char *in;
    size_t len, pos;
    size_t max_depth;
    oas_arena *arena;
    /* Children of open containers wait here until their container closes,
     * then move to the arena as one contiguous array. */
    oas_json_member *slots;
    size_t nslots, slots_cap;
    oas_json_frame *frames;
    size_t depth, frames_cap;
    oas_json_dup_table dups;
    oas_error *err;
} oas_json_parser;

/* Fill p->err with code, a message naming `what` and its position. */
oas_status oas_json_fail(oas_json_parser *p, oas_status code, size_t offset, const char *what);

/* p->pos is at the opening quote; on success it is past the closing one and
 * *out / *out_len is the decoded, NUL-terminated arena copy. */
oas_status oas_json_scan_string(oas_json_parser *p, const char **out, size_t *out_len);

/* p->pos is at '-' or a digit; on success it is past the number. */
oas_status oas_json_scan_number(oas_json_parser *p, oas_json *node);

#endif
