/* validate_input.h - framing of `validate`'s inputs: a whole file read into
 * memory under a size limit, or an NDJSON stream read one line at a time so
 * memory stays bounded by the longest line, whatever the stream's size.
 * (--jobs N frames NDJSON in blocks instead, by the same rules:
 * validate_batch.h; tests/tools/validate_jobs.sh compares the two.) */
#ifndef VALIDATE_INPUT_H
#define VALIDATE_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "oas_error.h"

/* Largest single document (a whole file, or one NDJSON line). */
#define VALIDATE_MAX_DOCUMENT_BYTES ((size_t)64 << 20)

/* Read all of fp into a new oas_malloc'd buffer (NUL-terminated, *len set).
 * OAS_ERR_JSON_LIMIT when the input exceeds max_bytes, OAS_ERR_IO on a read
 * error, OAS_ERR_NOMEM. */
oas_status validate_read_all(FILE *fp, size_t max_bytes, char **out, size_t *len);

typedef enum ndjson_event {
    NDJSON_LINE,     /* a line (without its "\n" or "\r\n") */
    NDJSON_TOO_LONG, /* a line longer than max_line; it was skipped */
    NDJSON_END,
    NDJSON_IO_ERROR,
    NDJSON_NOMEM
} ndjson_event;

typedef struct ndjson_reader {
    FILE *fp;
    size_t max_line;
    char *buf;
    size_t cap;
    size_t start;      /* first unconsumed byte in buf */
    size_t end;        /* one past the last byte read into buf */
    size_t buf_offset; /* stream offset of buf[0] */
    unsigned long next_line_no;
    bool eof;
} ndjson_reader;

typedef struct ndjson_line {
    const char *bytes; /* valid until the next ndjson_reader_next() */
    size_t len;
    unsigned long line_no; /* 1-based line number in the stream */
    size_t offset;         /* stream offset of the line's first byte */
} ndjson_line;

void ndjson_reader_init(ndjson_reader *r, FILE *fp, size_t max_line);
ndjson_event ndjson_reader_next(ndjson_reader *r, ndjson_line *line);
void ndjson_reader_free(ndjson_reader *r);

/* True when the bytes are only JSON whitespace (blank NDJSON lines are skipped). */
bool validate_is_blank(const char *bytes, size_t len);

#endif
