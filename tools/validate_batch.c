/* validate_batch.c - NDJSON framing straight into a batch's buffer (one
 * fread per block, no copy per line) and the checking of a whole batch. */
#include "validate_batch.h"

#include <errno.h>
#include <string.h>
#include "oas_alloc.h"
#include "validate_har.h"

void batch_stream_init(batch_stream *st, FILE *fp, const char *source, size_t max_line)
{
    memset(st, 0, sizeof *st);
    st->fp = fp;
    st->source = source;
    st->max_line = max_line;
    st->block_bytes = VALIDATE_BATCH_BYTES;
    st->read_min = VALIDATE_BATCH_READ_MIN;
    oas_buf_init(&st->carry);
    st->next_line_no = 1;
}

void batch_stream_free(batch_stream *st)
{
    oas_buf_free(&st->carry);
}

void validate_batch_init(validate_batch *b)
{
    memset(b, 0, sizeof *b);
    oas_buf_init(&b->out);
    oas_buf_init(&b->source_name);
}

void validate_batch_free(validate_batch *b)
{
    oas_free(b->text);
    oas_free(b->items);
    oas_buf_free(&b->out);
    oas_buf_free(&b->source_name);
    memset(b, 0, sizeof *b);
}

static bool reserve_text(validate_batch *b, size_t want)
{
    if (b->cap >= want)
        return true;
    char *grown = oas_realloc(b->text, want);
    if (!grown)
        return false;
    b->text = grown;
    b->cap = want;
    return true;
}

/* The line starting at stream offset st->line_offset becomes a document;
 * blank lines only count as lines, as in the serial reader. */
static void add_line(validate_batch *b, batch_stream *st, size_t at, size_t len, bool too_long)
{
    if (too_long || !validate_is_blank(b->text + at, len)) {
        batch_item *it = &b->items[b->count++];
        it->text_offset = at;
        it->len = len;
        it->index = st->next_index++;
        it->line_no = st->next_line_no;
        it->offset = st->line_offset;
        it->too_long = too_long;
        it->source_at = 0;
        it->read_status = OAS_OK;
        it->kind = BATCH_FILE_DOCUMENT;
    }
    st->next_line_no++;
}

/* Turn the complete lines from *line on into items. ndjson_reader's rule:
 * a line, '\r' included, may be max_line + 1 bytes long. */
static void frame_lines(validate_batch *b, batch_stream *st, size_t *line)
{
    while (b->count < VALIDATE_BATCH_DOCS && b->len > *line) {
        const char *start = b->text + *line;
        const char *nl = memchr(start, '\n', b->len - *line);
        if (!nl)
            return;
        size_t len = (size_t)(nl - start);
        size_t content = len > 0 && start[len - 1] == '\r' ? len - 1 : len;
        add_line(b, st, *line, content, len > st->max_line + 1);
        st->line_offset += len + 1;
        *line += len + 1;
    }
}

/* Inside an overlong line: drop its bytes from text[line..], up to and
 * including its newline. */
static void skip_long_line(validate_batch *b, batch_stream *st, size_t line)
{
    char *start = b->text + line;
    size_t avail = b->len - line;
    char *nl = avail ? memchr(start, '\n', avail) : NULL;
    size_t drop = nl ? (size_t)(nl - start) + 1 : avail;
    memmove(start, start + drop, avail - drop);
    b->len -= drop;
    st->line_offset += drop;
    if (nl)
        st->skipping = false;
}

/* The last line of a stream without a final newline: at most max_line. */
static void frame_last_line(validate_batch *b, batch_stream *st, size_t *line)
{
    size_t len = b->len - *line;
    if (len == 0 || st->skipping)
        return;
    const char *start = b->text + *line;
    size_t content = start[len - 1] == '\r' ? len - 1 : len;
    add_line(b, st, *line, content, len > st->max_line);
    st->line_offset += len;
    *line = b->len;
}

/* Read more bytes at the end of the text; false when the batch must end
 * first (the open line will move to the next batch) or on failure. */
static bool read_more(validate_batch *b, batch_stream *st, size_t line, ndjson_event *ev)
{
    if (b->cap - b->len < st->read_min) {
        if (line > 0)
            return false;
        /* One open line fills the buffer: grow, no further than the longest
         * allowed line needs (a longer one is skipped before this). */
        size_t want = b->cap * 2;
        if (want > st->max_line + 2 + st->read_min)
            want = st->max_line + 2 + st->read_min;
        if (!reserve_text(b, want)) {
            *ev = NDJSON_NOMEM;
            return false;
        }
    }
    size_t room = b->cap - b->len;
    size_t n = fread(b->text + b->len, 1, room, st->fp);
    b->len += n;
    st->bytes_read += n;
    if (n < room) {
        if (ferror(st->fp)) {
            *ev = NDJSON_IO_ERROR;
            return false;
        }
        st->eof = true;
    }
    return true;
}

/* Restart a buffer whose failure (sticky) is from an earlier use. */
static void reset_buf(oas_buf *buf)
{
    if (oas_buf_status(buf) == OAS_OK)
        oas_buf_reset(buf);
    else
        oas_buf_free(buf);
}

/* Empty b for source's items (a copy of source's name is kept: the walk
 * of a directory frees each path once it has been read); false when out of
 * memory. */
static bool reset_batch(validate_batch *b, const char *source, bool stream_line)
{
    b->len = 0;
    b->count = 0;
    b->stream_line = stream_line;
    b->read_on_check = false;
    b->files_read = b->bytes_read = 0;
    b->done = false;
    reset_buf(&b->source_name);
    oas_buf_puts(&b->source_name, source);
    if (oas_buf_status(&b->source_name) != OAS_OK)
        return false;
    reset_buf(&b->out);
    memset(&b->stats, 0, sizeof b->stats);
    /* Not zeroed: an item is written whole before it is read, and the
     * pages of the slots a batch of long lines never uses stay untouched. */
    return b->items || (b->items = oas_realloc_array(NULL, VALIDATE_BATCH_DOCS, sizeof *b->items));
}

static bool start_batch(validate_batch *b, batch_stream *st)
{
    if (!reset_batch(b, st->source, true))
        return false;
    size_t want = st->carry.len + st->read_min;
    if (!reserve_text(b, want > st->block_bytes ? want : st->block_bytes))
        return false;
    if (st->carry.len)
        memcpy(b->text, st->carry.data, st->carry.len);
    b->len = st->carry.len;
    oas_buf_reset(&st->carry);
    return true;
}

bool validate_batch_adopt(validate_batch *b, const char *source, validate_text *text)
{
    if (!reset_batch(b, source, false)) {
        text->len = 0;
        return false;
    }
    validate_text held = {b->text, 0, b->cap};
    b->text = text->bytes;
    b->len = text->len;
    b->cap = text->cap;
    *text = held;
    b->items[0] = (batch_item){0, b->len, 0, 1, 0, false, 0, OAS_OK, 0, 0, BATCH_FILE_DOCUMENT};
    b->count = 1;
    return true;
}

bool validate_batch_begin_files(validate_batch *b)
{
    if (!reset_batch(b, "", false))
        return false;
    b->read_on_check = true;
    return true;
}

bool validate_batch_add_path(validate_batch *b, const char *path, batch_file_kind kind)
{
    if (b->count == VALIDATE_BATCH_DOCS)
        return false;
    size_t name_at = b->source_name.len + 1; /* after the NUL of the one before */
    oas_buf_putc(&b->source_name, '\0');
    oas_buf_puts(&b->source_name, path);
    if (oas_buf_status(&b->source_name) != OAS_OK)
        return false;
    b->items[b->count++] = (batch_item){0, 0, 0, 1, 0, false, name_at, OAS_OK, 0, 0, kind};
    return true;
}

size_t validate_batch_files_wanted(size_t files_read, size_t bytes_read)
{
    if (files_read == 0)
        return 1;
    size_t per_file = bytes_read / files_read;
    size_t n = per_file ? VALIDATE_BATCH_BYTES / per_file : VALIDATE_BATCH_FILES;
    return n < 1 ? 1 : n > VALIDATE_BATCH_FILES ? VALIDATE_BATCH_FILES : n;
}

void validate_batch_trim(validate_batch *b)
{
    if (b->cap <= 4 * VALIDATE_BATCH_BYTES)
        return;
    oas_free(b->text);
    b->text = NULL;
    b->len = b->cap = 0;
}

ndjson_event validate_batch_fill(validate_batch *b, batch_stream *st)
{
    if (!start_batch(b, st))
        return NDJSON_NOMEM;
    size_t line = 0; /* first byte of the open line */
    ndjson_event ev = NDJSON_LINE;
    for (;;) {
        if (st->skipping)
            skip_long_line(b, st, line);
        if (!st->skipping)
            frame_lines(b, st, &line);
        if (b->count == VALIDATE_BATCH_DOCS || line >= st->block_bytes)
            break;
        if (st->eof) {
            frame_last_line(b, st, &line);
            ev = NDJSON_END;
            break;
        }
        if (!st->skipping && b->len - line > st->max_line + 1) {
            add_line(b, st, line, 0, true);
            st->skipping = true;
            continue;
        }
        if (!read_more(b, st, line, &ev)) {
            if (ev == NDJSON_IO_ERROR && !st->skipping)
                frame_lines(b, st, &line); /* what was read before the error */
            break;
        }
    }
    if (ev == NDJSON_LINE) {
        oas_buf_append(&st->carry, b->text + line, b->len - line);
        if (oas_buf_status(&st->carry) != OAS_OK)
            ev = NDJSON_NOMEM;
    }
    b->len = line;
    return ev;
}

/* An NDJSON file of a read_on_check batch, line by line as --jobs 1 reads
 * it; a read failure stops it where it happened, as there. */
static void check_ndjson_file(validate_batch *b, batch_item *it, FILE *fp,
                              const validate_settings *s, validate_scratch *scratch)
{
    const char *path = b->source_name.data + it->source_at;
    ndjson_reader reader;
    ndjson_reader_open(&reader, fp, s->max_document, VALIDATE_BATCH_NDJSON_FILE_MAX,
                       &scratch->text);
    size_t bytes = 0;
    ndjson_event ev = validate_ndjson_stream(s, scratch, &reader, path, &b->out, &b->stats,
                                             &bytes, NULL, NULL);
    it->read_errno = errno;
    ndjson_reader_free(&reader);
    validate_text_trim(&scratch->text);
    b->files_read++;
    b->bytes_read += bytes;
    it->read_status = ndjson_event_status(ev);
}

/* A file of a read_on_check batch: read into scratch's text and checked. */
static void check_file(validate_batch *b, batch_item *it, const validate_settings *s,
                       validate_scratch *scratch)
{
    const char *path = b->source_name.data + it->source_at;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        it->read_status = OAS_ERR_IO;
        it->read_errno = errno;
        return;
    }
    if (it->kind == BATCH_FILE_NDJSON) {
        check_ndjson_file(b, it, fp, s, scratch);
        fclose(fp);
        return;
    }
    it->read_status = validate_read_into(fp, s->max_document, &scratch->text);
    it->read_errno = errno;
    fclose(fp);
    if (it->read_status != OAS_OK)
        return;
    b->files_read++;
    b->bytes_read += scratch->text.len;
    if (it->kind == BATCH_FILE_HAR) {
        har_settings hs = har_settings_of(s);
        validate_har(&hs, path, scratch->text.bytes, scratch->text.len, &b->out, &b->stats);
    } else {
        validate_doc doc = {path, 0, 1, 0, scratch->text.bytes, scratch->text.len, false};
        validate_document(s, scratch, &doc, &b->out, &b->stats);
    }
    validate_text_trim(&scratch->text);
}

void validate_batch_check(validate_batch *b, const validate_settings *s,
                          validate_scratch *scratch)
{
    for (size_t i = 0; i < b->count; i++) {
        batch_item *it = &b->items[i];
        if (b->read_on_check) {
            check_file(b, it, s, scratch);
            it->out_end = b->out.len;
            continue;
        }
        validate_doc doc = {b->source_name.data + it->source_at, it->index, it->line_no, it->offset,
                            b->text + it->text_offset, it->len, b->stream_line};
        if (it->too_long)
            validate_document_too_long(s, &doc, &b->out, &b->stats);
        else
            validate_document(s, scratch, &doc, &b->out, &b->stats);
    }
}
