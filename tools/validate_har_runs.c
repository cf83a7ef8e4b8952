/* validate_har_runs.c - a large HAR capture's entries read in runs on
 * several threads (validate_har.h: har_check_in_runs). A whole reading
 * parses the capture on one thread, and the bodies' escaped text is most
 * of it; here only the cutting is serial.
 *
 * Why the output is the whole reading's: runs are cut at the commas between
 * log.entries' items (array_runs.h), so when every run parses into as many
 * entries as the cut counted commas between them, plus one, the runs'
 * entries in order are the capture's, and the capture is
 * well-formed JSON when the rest (the capture with entries emptied) is too.
 * Each entry is checked as the whole reading checks it (har_check_entries),
 * its offsets shifted back into the capture, its index counted across the
 * runs before it. Anything less plain gives up, and the capture is read
 * whole, which says exactly what is wrong. */
#include "validate_har.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "array_runs.h"
#include "oas_alloc.h"
#include "oas_json.h"

/* Runs per thread: a run that costs more than the others (large or invalid
 * bodies) then holds up the end less. */
#define HAR_RUNS_PER_JOB 8
#define HAR_RUN_MIN_BYTES ((size_t)64 << 10)
/* A run's entries sit two levels deeper in the capture (root, log) than
 * in the run's own array. */
#define HAR_ENTRIES_DEPTH 2

typedef struct har_entry_run {
    size_t from, end;   /* its entries: the capture's bytes [from, end) */
    size_t first_index; /* of its first entry in the capture */
    size_t count;       /* its entries, as the cut counted them */
    har_locator at;     /* located at from */
    oas_buf out;
    validate_stats stats;
} har_entry_run;

/* The reading thread cuts runs; every thread, it too once it has cut the
 * last, takes the next run cut and parses and checks it. */
typedef struct har_runs {
    const har_settings *s;
    const char *source, *bytes;
    size_t len;
    har_entry_run *runs;
    size_t cap;
    pthread_mutex_t lock;
    pthread_cond_t cut_more;
    size_t cut, taken; /* runs cut, and taken to check */
    bool all_cut;      /* no more to come */
    atomic_bool failed; /* some run does not parse as counted, or the rest is not plain */
} har_runs;

/* Parse run r's entries as an array of their own, check them into its
 * output; false when they are not the entries the cut counted (a blank
 * run, after a trailing comma, parses as none). */
static bool check_run(har_runs *h, har_entry_run *r, oas_buf *text)
{
    oas_buf_reset(text);
    oas_buf_putc(text, '[');
    oas_buf_append(text, h->bytes + r->from, r->end - r->from);
    oas_buf_putc(text, ']');
    oas_json_options opts = {.max_depth = OAS_JSON_DEFAULT_MAX_DEPTH - HAR_ENTRIES_DEPTH};
    oas_json_doc *doc = NULL;
    if (oas_buf_status(text) != OAS_OK ||
        oas_json_parse(text->data, text->len, &opts, &doc, NULL) != OAS_OK)
        return false;
    const oas_json *entries = oas_json_doc_root(doc);
    bool ok = entries->u.arr.count == r->count;
    /* The run's byte o past its '[' is the capture's byte o - 1 + from. */
    if (ok)
        har_check_entries(h->s, h->source, h->bytes, h->len, entries, r->first_index,
                          r->from - 1, &r->at, &r->out, &r->stats);
    oas_json_doc_free(doc);
    return ok;
}

static void *take_runs(void *arg)
{
    har_runs *h = arg;
    oas_buf text = OAS_BUF_INIT;
    pthread_mutex_lock(&h->lock);
    for (;;) {
        while (h->taken == h->cut && !h->all_cut)
            pthread_cond_wait(&h->cut_more, &h->lock);
        if (h->taken == h->cut)
            break;
        har_entry_run *r = &h->runs[h->taken++];
        pthread_mutex_unlock(&h->lock);
        if (!atomic_load(&h->failed) && !check_run(h, r, &text))
            atomic_store(&h->failed, true);
        pthread_mutex_lock(&h->lock);
    }
    pthread_mutex_unlock(&h->lock);
    oas_buf_free(&text);
    return NULL;
}

/* The '[' of the capture's log.entries, found without parsing; false when
 * it is not plainly there (the rest's parse looks for repeats). */
static bool find_entries(const char *b, size_t len, size_t *open)
{
    size_t root = array_skip_blanks(b, 0, len), log, entries;
    if (root >= len || b[root] != '{' ||
        array_first_member(b, len, root, "log", 3, &log) != MEMBER_FOUND || log >= len ||
        b[log] != '{' ||
        array_first_member(b, len, log, "entries", 7, &entries) != MEMBER_FOUND ||
        entries >= len || b[entries] != '[')
        return false;
    *open = entries;
    return true;
}

/* Runs of about `want` bytes from the '[' at open to the array's ']' (into
 * *close), each located and counted, handed to the threads as they are
 * cut; false when the text ends first or the array is not closed by a
 * ']'. */
static bool cut_runs(har_runs *h, size_t open, size_t want, size_t *close)
{
    har_locator at = har_locator_start(h->bytes, h->len);
    size_t index = 0;
    for (size_t from = open + 1; h->cut < h->cap && !atomic_load(&h->failed);) {
        bool last = false;
        size_t commas = 0;
        size_t end = array_run_end_counted(h->bytes, h->len, from, want, &last, &commas);
        if (end >= h->len || (last && h->bytes[end] != ']'))
            return false;
        har_entry_run *r = &h->runs[h->cut];
        r->from = from;
        r->end = end;
        r->first_index = index;
        r->count = commas + 1;
        index += r->count;
        unsigned long line, column;
        har_locate(&at, from, &line, &column);
        r->at = at;
        pthread_mutex_lock(&h->lock);
        h->cut++;
        pthread_cond_signal(&h->cut_more);
        pthread_mutex_unlock(&h->lock);
        if (last) {
            *close = end;
            return true;
        }
        from = end + 1;
    }
    return false;
}

/* The capture with log.entries emptied is well-formed JSON, root and log
 * objects without repeated keys, and entries an array (now empty). */
static bool rest_is_plain(const char *b, size_t len, size_t open, size_t close)
{
    oas_buf text = OAS_BUF_INIT;
    oas_buf_append(&text, b, open + 1);
    oas_buf_append(&text, b + close, len - close);
    oas_json_doc *doc = NULL;
    bool ok = oas_buf_status(&text) == OAS_OK &&
              oas_json_parse(text.data, text.len, NULL, &doc, NULL) == OAS_OK;
    if (ok) {
        const oas_json *root = oas_json_doc_root(doc);
        const oas_json *log = oas_json_get(root, "log", 3);
        const oas_json *entries = oas_json_get(log, "entries", 7);
        ok = root->type == OAS_JSON_OBJECT && !(root->flags & OAS_JSON_F_DUPKEYS) && log &&
             log->type == OAS_JSON_OBJECT && !(log->flags & OAS_JSON_F_DUPKEYS) && entries &&
             entries->type == OAS_JSON_ARRAY && entries->u.arr.count == 0;
    }
    oas_json_doc_free(doc);
    oas_buf_free(&text);
    return ok;
}

/* Cut the runs, with the threads checking them as they come, and join. */
static bool cut_and_check(har_runs *h, size_t open, size_t want, pthread_t *threads,
                          size_t threads_max)
{
    size_t started = 0;
    while (started < threads_max &&
           pthread_create(&threads[started], NULL, take_runs, h) == 0)
        started++;
    size_t close = 0;
    bool cut = cut_runs(h, open, want, &close);
    if (!cut || !rest_is_plain(h->bytes, h->len, open, close))
        atomic_store(&h->failed, true);
    pthread_mutex_lock(&h->lock);
    h->all_cut = true;
    pthread_cond_broadcast(&h->cut_more);
    pthread_mutex_unlock(&h->lock);
    take_runs(h); /* alone if no thread could start */
    for (size_t t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    return !atomic_load(&h->failed);
}

bool har_check_in_runs(const har_settings *s, const char *source, const char *bytes,
                       size_t len, size_t run_bytes, oas_buf *out, validate_stats *stats)
{
    size_t jobs = s->jobs > 1 ? s->jobs : 1, open;
    if (!find_entries(bytes, len, &open))
        return false;
    size_t want = run_bytes ? run_bytes : len / (jobs * HAR_RUNS_PER_JOB);
    if (!run_bytes && want < HAR_RUN_MIN_BYTES)
        want = HAR_RUN_MIN_BYTES;
    har_runs h;
    memset(&h, 0, sizeof h);
    h.s = s;
    h.source = source;
    h.bytes = bytes;
    h.len = len;
    h.cap = len / want + 2; /* runs are want bytes or more, but the last */
    atomic_init(&h.failed, false);
    h.runs = oas_calloc(h.cap, sizeof *h.runs);
    pthread_t *threads = oas_calloc(jobs, sizeof *threads);
    bool ok = h.runs && threads && pthread_mutex_init(&h.lock, NULL) == 0;
    if (ok && pthread_cond_init(&h.cut_more, NULL) != 0) {
        pthread_mutex_destroy(&h.lock);
        ok = false;
    }
    if (ok) {
        ok = cut_and_check(&h, open, want, threads, jobs - 1);
        pthread_cond_destroy(&h.cut_more);
        pthread_mutex_destroy(&h.lock);
    }
    for (size_t k = 0; k < h.cut; k++) {
        har_entry_run *r = &h.runs[k];
        if (ok && oas_buf_status(&r->out) != OAS_OK && out->failed == OAS_OK)
            out->failed = oas_buf_status(&r->out);
        if (ok) {
            oas_buf_append(out, r->out.data, r->out.len);
            validate_stats_add(stats, &r->stats);
        }
        oas_buf_free(&r->out);
    }
    oas_free(h.runs);
    oas_free(threads);
    return ok;
}
