/* validate_input.c - whole-file reading and the bounded NDJSON line reader. */
#include "validate_input.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "oas_alloc.h"

#define READ_CHUNK ((size_t)64 << 10)
/* validate_text_trim keeps a buffer up to this size */
#define VALIDATE_TEXT_KEEP_BYTES ((size_t)1 << 20)

/* What fstat says is left to read of fd (SIZE_MAX: more than max_bytes),
 * or the first chunk for a stream of unknown size; *sized: the size is the
 * file's. known: fd's fstat, when the caller has it. Files this program
 * opens are read from their start; standard input may come partly read
 * (`(head -c 100; ldrest validate -) < f`). */
static size_t expected_size(int fd, const struct stat *known, size_t max_bytes, bool *sized)
{
    struct stat st;
    *sized = false;
    if (!known) {
        if (fstat(fd, &st) != 0)
            return READ_CHUNK;
        known = &st;
    }
    if (!S_ISREG(known->st_mode) || known->st_size < 0)
        return READ_CHUNK;
    uintmax_t left = (uintmax_t)known->st_size;
    off_t at = fd == STDIN_FILENO ? lseek(fd, 0, SEEK_CUR) : 0;
    if (at < 0 || (uintmax_t)at > left)
        return READ_CHUNK;
    left -= (uintmax_t)at;
    *sized = true;
    return left > (uintmax_t)max_bytes ? SIZE_MAX : (size_t)left;
}

/* Room for want bytes in all, and at least two more than held (one to
 * read, one for the NUL), never beyond limit: reading one byte past the
 * largest input allowed tells it is too long. A buffer in use grows at
 * least twofold; an empty one is replaced, not copied. */
static oas_status make_room(validate_text *t, size_t want, size_t limit)
{
    if (t->cap - t->len >= 2 && t->cap >= want)
        return OAS_OK;
    if (want < t->len + 2)
        want = t->len + 2;
    if (t->len && want < t->cap * 2)
        want = t->cap * 2;
    if (want > limit)
        want = limit;
    if (want <= t->cap) /* at the limit: what room is left is all there is */
        return t->cap - t->len >= 2 ? OAS_OK : OAS_ERR_JSON_LIMIT;
    char *grown;
    if (t->len == 0) {
        oas_free(t->bytes);
        t->bytes = NULL;
        t->cap = 0;
        grown = oas_malloc(want);
    } else {
        grown = oas_realloc(t->bytes, want);
    }
    if (!grown)
        return OAS_ERR_NOMEM;
    t->bytes = grown;
    t->cap = want;
    return OAS_OK;
}

static oas_status read_into(FILE *fp, const struct stat *known, size_t max_bytes,
                            validate_text *t)
{
    int fd = fileno(fp);
    t->len = 0;
    if (max_bytes > SIZE_MAX - 2)
        max_bytes = SIZE_MAX - 2;
    size_t limit = max_bytes + 2;
    bool sized;
    size_t expected = expected_size(fd, known, max_bytes, &sized);
    if (expected == SIZE_MAX)
        return OAS_ERR_JSON_LIMIT; /* not worth reading to find out */
    oas_status st = make_room(t, expected + 2, limit);
    while (st == OAS_OK) {
        size_t room = t->cap - t->len - 1;
        ssize_t n = read(fd, t->bytes + t->len, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            st = OAS_ERR_IO;
            break;
        }
        t->len += (size_t)n;
        /* The end: read() says so, or a file gave exactly the size fstat
         * said, and less than asked. A regular file reads short only at
         * its end; /proc and sysfs files read short anywhere, but say a
         * size of 0 or 4096, not what they hold. Spares a read per file. */
        if (n == 0 || (sized && expected > 0 && t->len == expected && (size_t)n < room)) {
            t->bytes[t->len] = '\0';
            return OAS_OK;
        }
        if (t->len > max_bytes)
            st = OAS_ERR_JSON_LIMIT;
        else /* a stream: reads of a good size, not of the last byte or two */
            st = make_room(t, t->len + (sized ? 2 : READ_CHUNK / 4), limit);
    }
    int errnum = errno;
    validate_text_trim(t); /* a stream over the limit leaves no such buffer */
    errno = errnum;
    return st;
}

oas_status validate_read_into(FILE *fp, size_t max_bytes, validate_text *t)
{
    return read_into(fp, NULL, max_bytes, t);
}

void validate_text_trim(validate_text *t)
{
    t->len = 0;
    if (t->cap > VALIDATE_TEXT_KEEP_BYTES)
        validate_text_free(t);
}

void validate_text_free(validate_text *t)
{
    oas_free(t->bytes);
    *t = (validate_text)VALIDATE_TEXT_INIT;
}

oas_status validate_read_all(FILE *fp, size_t max_bytes, char **out, size_t *len)
{
    validate_text t = VALIDATE_TEXT_INIT;
    oas_status st = validate_read_into(fp, max_bytes, &t);
    if (st != OAS_OK) {
        int errnum = errno;
        validate_text_free(&t);
        errno = errnum;
    }
    *out = t.bytes;
    *len = t.len;
    return st;
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

void ndjson_reader_init_bytes(ndjson_reader *r, const char *bytes, size_t len, size_t max_line)
{
    ndjson_reader_init(r, NULL, max_line);
    /* Never written through: a reader at its end never refills, and
     * refilling is all that moves or grows its buffer. */
    r->buf = (char *)bytes;
    r->cap = r->end = len;
    r->eof = true;
    r->borrowed = true;
}

void ndjson_reader_open(ndjson_reader *r, FILE *fp, size_t max_line, size_t small_max,
                        validate_text *text)
{
    struct stat st;
    int fd = fileno(fp);
    off_t at = 0; /* files this program opens are read from their start */
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
        (uintmax_t)st.st_size <= small_max && (fd != STDIN_FILENO || (at = ftello(fp)) >= 0)) {
        /* grown since is fine, up to four times; more: streamed after all,
         * from where it started (standard input may come partly read) */
        if (read_into(fp, &st, small_max * 4, text) == OAS_OK) {
            ndjson_reader_init_bytes(r, text->bytes, text->len, max_line);
            return;
        }
        fseeko(fp, at, SEEK_SET);
    }
    ndjson_reader_init(r, fp, max_line);
}

oas_status ndjson_event_status(ndjson_event ev)
{
    return ev == NDJSON_IO_ERROR ? OAS_ERR_IO : ev == NDJSON_NOMEM ? OAS_ERR_NOMEM : OAS_OK;
}

void ndjson_reader_free(ndjson_reader *r)
{
    if (!r->borrowed)
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
            /* A buffer never holds a longer line ('\r' included) with its
             * newline, except a whole stream given in memory. */
            if (len > r->max_line + 1)
                return skip_long_line(r, line);
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
