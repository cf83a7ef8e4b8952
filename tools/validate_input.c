/* validate_input.c - whole-file reading and the bounded NDJSON line reader. */
#include "validate_input.h"

#include <string.h>
#include "oas_alloc.h"

#define READ_CHUNK ((size_t)64 << 10)

oas_status validate_read_all(FILE *fp, size_t max_bytes, char **out, size_t *len)
{
    char *buf = NULL;
    size_t cap = 0, used = 0;
    *out = NULL;
    *len = 0;
    for (;;) {
        if (cap - used < READ_CHUNK + 1) {
            size_t want = cap ? cap * 2 : READ_CHUNK * 2;
            /* Never hold more than the limit plus one chunk, to detect overflow. */
            if (want > max_bytes + READ_CHUNK + 1)
                want = max_bytes + READ_CHUNK + 1;
            if (want <= cap) {
                oas_free(buf);
                return OAS_ERR_JSON_LIMIT;
            }
            char *grown = oas_realloc(buf, want);
            if (!grown) {
                oas_free(buf);
                return OAS_ERR_NOMEM;
            }
            buf = grown;
            cap = want;
        }
        size_t room = cap - used - 1;
        size_t n = fread(buf + used, 1, room < READ_CHUNK ? room : READ_CHUNK, fp);
        used += n;
        if (used > max_bytes) {
            oas_free(buf);
            return OAS_ERR_JSON_LIMIT;
        }
        if (n == 0) {
            if (ferror(fp)) {
                oas_free(buf);
                return OAS_ERR_IO;
            }
            break;
        }
    }
    buf[used] = '\0';
    *out = buf;
    *len = used;
    return OAS_OK;
}

bool validate_is_blank(const char *bytes, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = bytes[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

void ndjson_reader_init(ndjson_reader *r, FILE *fp, size_t max_line)
{
    memset(r, 0, sizeof *r);
    r->fp = fp;
    r->max_line = max_line;
    r->next_line_no = 1;
}

void ndjson_reader_free(ndjson_reader *r)
{
    oas_free(r->buf);
    r->buf = NULL;
    r->cap = r->start = r->end = 0;
}

/* Move unconsumed bytes to the front and read more; grow only while the
 * pending line is shorter than max_line. Returns false on I/O or memory
 * failure (event in *failure). */
static bool refill(ndjson_reader *r, ndjson_event *failure)
{
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->buf_offset += r->start;
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == r->cap) {
        size_t want = r->cap ? r->cap * 2 : READ_CHUNK;
        if (want > r->max_line + 2)
            want = r->max_line + 2; /* a full line plus "\r\n" */
        if (want > r->cap) {
            char *grown = oas_realloc(r->buf, want);
            if (!grown) {
                *failure = NDJSON_NOMEM;
                return false;
            }
            r->buf = grown;
            r->cap = want;
        }
    }
    if (r->end < r->cap) {
        size_t n = fread(r->buf + r->end, 1, r->cap - r->end, r->fp);
        r->end += n;
        if (n == 0) {
            if (ferror(r->fp)) {
                *failure = NDJSON_IO_ERROR;
                return false;
            }
            r->eof = true;
        }
    }
    return true;
}

static void emit(ndjson_reader *r, ndjson_line *line, size_t len, size_t consumed)
{
    line->bytes = r->buf + r->start;
    line->len = len;
    if (len > 0 && line->bytes[len - 1] == '\r')
        line->len--;
    line->line_no = r->next_line_no++;
    line->offset = r->buf_offset + r->start;
    r->start += consumed;
}

/* Discard the rest of an overlong line, up to and including its newline. */
static ndjson_event skip_long_line(ndjson_reader *r, ndjson_line *line)
{
    line->bytes = NULL;
    line->len = 0;
    line->line_no = r->next_line_no++;
    line->offset = r->buf_offset + r->start;
    for (;;) {
        char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
        if (nl) {
            r->start = (size_t)(nl - r->buf) + 1;
            return NDJSON_TOO_LONG;
        }
        r->start = r->end;
        if (r->eof)
            return NDJSON_TOO_LONG;
        ndjson_event failure;
        if (!refill(r, &failure))
            return failure;
    }
}

ndjson_event ndjson_reader_next(ndjson_reader *r, ndjson_line *line)
{
    size_t scanned = 0; /* bytes after start already known to hold no '\n' */
    for (;;) {
        /* no pointer arithmetic on a NULL buffer (first call, empty input) */
        char *nl = r->end > r->start + scanned
                       ? memchr(r->buf + r->start + scanned, '\n', r->end - r->start - scanned)
                       : NULL;
        if (nl) {
            size_t len = (size_t)(nl - (r->buf + r->start));
            emit(r, line, len, len + 1);
            return NDJSON_LINE;
        }
        scanned = r->end - r->start;
        if (r->eof) {
            if (scanned == 0)
                return NDJSON_END;
            if (scanned > r->max_line)
                return skip_long_line(r, line);
            emit(r, line, scanned, scanned);
            return NDJSON_LINE;
        }
        if (scanned > r->max_line + 1) /* +1: a trailing '\r' is not content */
            return skip_long_line(r, line);
        ndjson_event failure;
        if (!refill(r, &failure))
            return failure;
    }
}
