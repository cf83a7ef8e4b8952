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

/* A whole input's bytes (NUL-terminated after len), in a buffer that is
 * kept from one input to the next: a directory of many small files then
 * costs no allocation per file (glibc gave a freed 128 KiB buffer back to
 * the kernel each time and faulted it in again for the next file). */
typedef struct validate_text {
    char *bytes; /* oas_malloc'd, cap bytes; freed by validate_text_free */
    size_t len;
    size_t cap;
} validate_text;

#define VALIDATE_TEXT_INIT {NULL, 0, 0}

/* Read all of fp into t, replacing what it held. fp has a file descriptor
 * and was not read from through stdio before (its descriptor is read). A
 * regular file's buffer is sized once from its size (the file may still
 * grow or shrink while it is read: what read() gives is what counts).
 * OAS_ERR_JSON_LIMIT when the input exceeds max_bytes, OAS_ERR_IO on a
 * read error (errno set), OAS_ERR_NOMEM; t->len is then 0, and t's buffer
 * is trimmed as validate_text_trim does. */
oas_status validate_read_into(FILE *fp, size_t max_bytes, validate_text *t);

/* After an input is checked: give back a buffer far larger than a typical
 * file, so that one large file does not pin its size for the whole run. */
void validate_text_trim(validate_text *t);
void validate_text_free(validate_text *t);

/* validate_read_into a new buffer the caller owns (oas_free; NULL on
 * failure). */
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
    bool borrowed; /* buf is the caller's (ndjson_reader_init_bytes) */
} ndjson_reader;

typedef struct ndjson_line {
    const char *bytes; /* valid until the next ndjson_reader_next() */
    size_t len;
    unsigned long line_no; /* 1-based line number in the stream */
    size_t offset;         /* stream offset of the line's first byte */
} ndjson_line;

void ndjson_reader_init(ndjson_reader *r, FILE *fp, size_t max_line);
/* A reader of a whole stream already in memory (len bytes, which must
 * outlive the reader): the same lines, numbers, offsets and overlong-line
 * rule, without reading. */
void ndjson_reader_init_bytes(ndjson_reader *r, const char *bytes, size_t len, size_t max_line);
/* A reader of fp: over the whole of it read into text (one read, no
 * buffer of the reader's own) when fp is a regular file of at most
 * small_max bytes, else streamed from fp. fp is at its start unless it is
 * standard input (which may come partly read), as validate_read_into
 * takes it. Free with ndjson_reader_free, then validate_text_trim(text). */
void ndjson_reader_open(ndjson_reader *r, FILE *fp, size_t max_line, size_t small_max,
                        validate_text *text);
ndjson_event ndjson_reader_next(ndjson_reader *r, ndjson_line *line);
/* A reader's failure as a status: OAS_ERR_IO (errno says why) for
 * NDJSON_IO_ERROR, OAS_ERR_NOMEM for NDJSON_NOMEM; OAS_OK otherwise. */
oas_status ndjson_event_status(ndjson_event ev);
void ndjson_reader_free(ndjson_reader *r);

/* True when the bytes are only JSON whitespace (blank NDJSON lines are skipped). */
bool validate_is_blank(const char *bytes, size_t len);

#endif
