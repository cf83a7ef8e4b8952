/* validate_batch.c - parallel checking of one batch with POSIX threads. */
#include "validate_batch.h"

#include <pthread.h>
#include <string.h>
#include "oas_alloc.h"

typedef struct batch_slice {
    const validate_batch *batch;
    const validate_settings *settings;
    const char *source;
    size_t first, end;
    oas_buf out;
    validate_stats stats;
    pthread_t thread;
    bool started;
} batch_slice;

void validate_batch_init(validate_batch *b, unsigned jobs)
{
    memset(b, 0, sizeof *b);
    oas_buf_init(&b->text);
    b->jobs = jobs ? jobs : 1;
}

void validate_batch_free(validate_batch *b)
{
    oas_buf_free(&b->text);
    oas_free(b->items);
    memset(b, 0, sizeof *b);
}

bool validate_batch_full(const validate_batch *b)
{
    return b->text.len >= VALIDATE_BATCH_BYTES_PER_JOB * b->jobs ||
           b->count >= (size_t)VALIDATE_BATCH_DOCS_PER_JOB * b->jobs;
}

bool validate_batch_add(validate_batch *b, const char *bytes, size_t len, size_t index,
                        unsigned long line_no, size_t offset, bool too_long)
{
    if (b->count == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        batch_item *grown = oas_realloc_array(b->items, cap, sizeof *grown);
        if (!grown)
            return false;
        b->items = grown;
        b->cap = cap;
    }
    batch_item *it = &b->items[b->count];
    it->text_offset = b->text.len;
    it->len = len;
    it->index = index;
    it->line_no = line_no;
    it->offset = offset;
    it->too_long = too_long;
    oas_buf_append(&b->text, bytes, len);
    if (oas_buf_status(&b->text) != OAS_OK)
        return false;
    b->count++;
    return true;
}

static void *run_slice(void *arg)
{
    batch_slice *sl = arg;
    for (size_t i = sl->first; i < sl->end; i++) {
        const batch_item *it = &sl->batch->items[i];
        validate_doc doc = {sl->source, it->index, it->line_no, it->offset,
                            sl->batch->text.data ? sl->batch->text.data + it->text_offset : "",
                            it->len};
        if (it->too_long)
            validate_document_too_long(sl->settings, &doc, &sl->out, &sl->stats);
        else
            validate_document(sl->settings, &doc, &sl->out, &sl->stats);
    }
    return NULL;
}

bool validate_batch_run(validate_batch *b, const validate_settings *s, const char *source,
                        FILE *out, validate_stats *stats)
{
    size_t n = b->jobs < b->count ? b->jobs : b->count;
    if (n == 0)
        return true;
    batch_slice *slices = oas_calloc(n, sizeof *slices);
    if (!slices)
        return false;
    size_t per = b->count / n, extra = b->count % n, next = 0;
    for (size_t i = 0; i < n; i++) {
        batch_slice *sl = &slices[i];
        sl->batch = b;
        sl->settings = s;
        sl->source = source;
        sl->first = next;
        sl->end = next + per + (i < extra ? 1 : 0);
        next = sl->end;
        oas_buf_init(&sl->out);
        /* Slice 0 runs on this thread; a thread that cannot start runs here too. */
        if (i > 0)
            sl->started = pthread_create(&sl->thread, NULL, run_slice, sl) == 0;
    }
    run_slice(&slices[0]);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        batch_slice *sl = &slices[i];
        if (i > 0) {
            if (sl->started)
                pthread_join(sl->thread, NULL);
            else
                run_slice(sl);
        }
        if (oas_buf_status(&sl->out) != OAS_OK)
            ok = false;
        else if (sl->out.len)
            fwrite(sl->out.data, 1, sl->out.len, out);
        validate_stats_add(stats, &sl->stats);
        oas_buf_free(&sl->out);
    }
    oas_free(slices);
    oas_buf_reset(&b->text);
    b->count = 0;
    return ok;
}
