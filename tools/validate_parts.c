/* validate_parts.c - a large array document checked a run of items at a
 * time: each run is parsed and validated as an array of its own ("[" its
 * items "]"), and its violations are moved into the document's report with
 * their indexes and offsets shifted (oas_report_move_items).
 *
 * Why the verdict is the whole document's: runs are cut at the commas
 * between the array's items, so the runs' items, in order, are the
 * document's items whenever every run parses (each run is then well-formed
 * JSON, and so is the document they join into); the schema asserts of an
 * array only its type and its items, so the document's violations are its
 * items' violations, found by the same validator at the same depth. A run
 * that does not parse, or validation that cannot finish, gives up, and the
 * caller reads the document whole for the exact error. */
#include "validate_parts.h"

#include <pthread.h>
#include <string.h>

#include "oas_alloc.h"
#include "oas_buf.h"
#include "oas_json.h"
#include "array_runs.h"
#include "validate_input.h"

/* One run on its way through: cut by the reading thread, checked by any
 * thread, merged into the document's reports, in order, by the reading
 * thread. */
typedef enum run_state { RUN_FREE, RUN_CUT, RUN_TAKEN, RUN_CHECKED } run_state;

typedef struct parts_run {
    size_t from, end;  /* its items: the document's bytes [from, end) */
    run_state state;
    bool ok;           /* parsed, and validated to the end */
    size_t items;      /* how many it held */
    oas_report found;  /* its violations, indexes and offsets its own */
    oas_report dups;   /* its duplicate keys, likewise */
} parts_run;

/* What each checking thread keeps from one run to the next. */
typedef struct parts_checker {
    oas_buf text;               /* "[" the run's items "]" */
    oas_json_scratch *scratch;
    bool own_scratch;
} parts_checker;

typedef struct parts_state {
    const validate_settings *s;
    const char *bytes;
    oas_validate_options validate;
    parts_run *ring;    /* runs cut and not yet merged: at most ring_size */
    size_t ring_size;
    /* Run sequence numbers: merged <= taken <= cut; a run's slot is
       ring[n % ring_size]. merged is the reading thread's alone. */
    size_t cut, taken;
    bool stop;
    pthread_mutex_t lock;
    pthread_cond_t work_ready, run_checked;
} parts_state;

/* Parse and validate run r into its own reports. */
static void check_run(const parts_state *st, parts_checker *c, parts_run *r)
{
    const char *items = st->bytes + r->from;
    size_t len = r->end - r->from;
    r->ok = false;
    r->items = 0;
    if (validate_is_blank(items, len))
        return; /* an empty item: the document is malformed */
    oas_buf_reset(&c->text);
    oas_buf_putc(&c->text, '[');
    oas_buf_append(&c->text, items, len);
    oas_buf_putc(&c->text, ']');
    oas_json_options parse = {.scratch = c->scratch};
    oas_json_doc *json = NULL;
    if (oas_buf_status(&c->text) != OAS_OK ||
        oas_json_parse(c->text.data, c->text.len, &parse, &json, NULL) != OAS_OK)
        return;
    const oas_json *root = oas_json_doc_root(json);
    oas_validate_run(st->s->target->validate, "", root, &r->found, &st->validate);
    r->ok = r->found.status == OAS_OK &&
            oas_report_duplicate_keys(root, &r->dups, NULL) == OAS_OK;
    r->items = root->u.arr.count;
    oas_json_doc_free(json);
}

typedef struct parts_helper {
    parts_state *st;
    parts_checker checker;
    pthread_t thread;
} parts_helper;

static void *helper_main(void *arg)
{
    parts_helper *h = arg;
    parts_state *st = h->st;
    pthread_mutex_lock(&st->lock);
    for (;;) {
        while (!st->stop && st->taken == st->cut)
            pthread_cond_wait(&st->work_ready, &st->lock);
        if (st->stop)
            break;
        parts_run *r = &st->ring[st->taken++ % st->ring_size];
        r->state = RUN_TAKEN;
        pthread_mutex_unlock(&st->lock);
        check_run(st, &h->checker, r);
        pthread_mutex_lock(&st->lock);
        r->state = RUN_CHECKED;
        pthread_cond_signal(&st->run_checked);
    }
    pthread_mutex_unlock(&st->lock);
    return NULL;
}

typedef struct parts_merge {
    oas_report *report, *warnings;
    oas_report dups;    /* --strict-json: duplicate keys, after every violation */
    size_t first_index; /* the next run's first item, in the document */
} parts_merge;

/* Run r's reports into the document's, shifted to where r lies. */
static bool merge_run(const parts_state *st, parts_merge *m, parts_run *r)
{
    /* The run's byte o is the document's byte o - 1 + from (its '[' is
       not in the document). */
    size_t delta = r->from - 1;
    oas_report *dups_into = st->s->strict_json ? &m->dups : m->warnings;
    bool ok = r->ok && oas_report_move_items(m->report, &r->found, m->first_index, delta) == OAS_OK &&
              oas_report_move_items(dups_into, &r->dups, m->first_index, delta) == OAS_OK;
    m->first_index += r->items;
    oas_report_clear(&r->found);
    oas_report_clear(&r->dups);
    return ok;
}

static void checker_init(parts_checker *c, oas_json_scratch *scratch)
{
    oas_buf_init(&c->text);
    c->own_scratch = !scratch;
    c->scratch = scratch ? scratch : oas_json_scratch_new(); /* NULL: parses without */
}

static void checker_free(parts_checker *c)
{
    oas_buf_free(&c->text);
    if (c->own_scratch)
        oas_json_scratch_free(c->scratch);
}

/* The reading thread: cuts runs (from `from` on) while the ring has room,
 * merges checked runs in order, and checks runs itself when there is
 * nothing else to do. Called and returns with st->lock held. */
static bool cut_check_merge(parts_state *st, parts_checker *self, parts_merge *m, size_t from,
                            size_t run_bytes, size_t len)
{
    size_t merged = 0;
    bool last = false;
    for (;;) {
        while (merged < st->cut && st->ring[merged % st->ring_size].state == RUN_CHECKED) {
            parts_run *r = &st->ring[merged % st->ring_size];
            pthread_mutex_unlock(&st->lock);
            bool ok = merge_run(st, m, r);
            pthread_mutex_lock(&st->lock);
            r->state = RUN_FREE;
            merged++;
            if (!ok)
                return false;
        }
        if (last && merged == st->cut)
            return validate_is_blank(st->bytes + from, len - from);
        if (!last && st->cut - merged < st->ring_size) {
            pthread_mutex_unlock(&st->lock);
            size_t end = array_run_end(st->bytes, len, from, run_bytes, &last);
            pthread_mutex_lock(&st->lock);
            if (end == len)
                return false;
            parts_run *r = &st->ring[st->cut++ % st->ring_size];
            r->from = from;
            r->end = end;
            r->state = RUN_CUT;
            pthread_cond_signal(&st->work_ready);
            from = end + 1;
        } else if (st->taken < st->cut) {
            parts_run *r = &st->ring[st->taken++ % st->ring_size];
            r->state = RUN_TAKEN;
            pthread_mutex_unlock(&st->lock);
            check_run(st, self, r);
            pthread_mutex_lock(&st->lock);
            r->state = RUN_CHECKED;
        } else {
            pthread_cond_wait(&st->run_checked, &st->lock);
        }
    }
}

bool validate_in_parts(const validate_settings *s, validate_scratch *scratch,
                       const validate_doc *doc, size_t run_bytes, oas_report *report,
                       oas_report *warnings)
{
    const char *b = doc->bytes;
    size_t len = doc->len, i = 0;
    if (s->max_document && len > s->max_document)
        return false;
    while (i < len && validate_is_blank(b + i, 1))
        i++;
    if (i == len || b[i] != '[')
        return false;
    unsigned helpers = s->jobs > 1 ? s->jobs - 1 : 0;
    parts_state st = {.s = s,
                      .bytes = b,
                      .validate = {.assert_formats = s->assert_formats},
                      .ring_size = 4 * ((size_t)helpers + 1)};
    st.ring = oas_calloc(st.ring_size, sizeof *st.ring);
    parts_helper *h = helpers ? oas_calloc(helpers, sizeof *h) : NULL;
    if (!st.ring || (helpers && !h)) {
        oas_free(st.ring);
        oas_free(h);
        return false;
    }
    for (size_t k = 0; k < st.ring_size; k++) {
        oas_report_init(&st.ring[k].found, report->max_errors);
        oas_report_init(&st.ring[k].dups, report->max_errors);
    }
    pthread_mutex_init(&st.lock, NULL);
    pthread_cond_init(&st.work_ready, NULL);
    pthread_cond_init(&st.run_checked, NULL);
    unsigned started = 0;
    for (; started < helpers; started++) {
        h[started].st = &st;
        checker_init(&h[started].checker, NULL);
        if (pthread_create(&h[started].thread, NULL, helper_main, &h[started]) != 0) {
            checker_free(&h[started].checker);
            break; /* fewer helpers: the runs still all get checked */
        }
    }
    parts_checker self;
    checker_init(&self, scratch ? scratch->json : NULL);
    parts_merge m = {.report = report, .warnings = warnings};
    oas_report_init(&m.dups, report->max_errors);
    pthread_mutex_lock(&st.lock);
    bool ok = cut_check_merge(&st, &self, &m, i + 1, run_bytes, len);
    st.stop = true;
    pthread_cond_broadcast(&st.work_ready);
    pthread_mutex_unlock(&st.lock);
    for (unsigned k = 0; k < started; k++) {
        pthread_join(h[k].thread, NULL);
        checker_free(&h[k].checker);
    }
    ok = ok && oas_report_move_items(report, &m.dups, 0, 0) == OAS_OK;
    checker_free(&self);
    for (size_t k = 0; k < st.ring_size; k++) {
        oas_report_free(&st.ring[k].found);
        oas_report_free(&st.ring[k].dups);
    }
    oas_report_free(&m.dups);
    pthread_cond_destroy(&st.run_checked);
    pthread_cond_destroy(&st.work_ready);
    pthread_mutex_destroy(&st.lock);
    oas_free(h);
    oas_free(st.ring);
    if (!ok) {
        oas_report_clear(report);
        oas_report_clear(warnings);
    }
    return ok;
}
