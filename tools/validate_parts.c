/* validate_parts.c - a large array checked a run of items at a time: the
 * document's own array, or the array of one member when the document is an
 * object. Each run is parsed and validated in a document of its own, the
 * document's text with the array's items cut down to the run's, and its
 * violations inside the array's items are moved into the document's report
 * with their indexes and offsets shifted (oas_report_move_items); the rest
 * of the document is validated once, with the array emptied.
 *
 * Why the verdict is the whole document's: runs are cut at the commas
 * between the array's items, so the runs' items, in order, are the
 * document's items whenever every run parses (each run's document is then
 * well-formed JSON, and so is the document they join into); the schema
 * asserts of that array only its type and its items, and nothing else of
 * the document looks at it (the generator's array_per_item / array_members),
 * so the document's violations are the rest's violations plus its items',
 * found by the same validator at the same depth. A run that does not
 * parse, or validation that cannot finish, gives up, and the caller reads
 * the document whole for the exact error. */
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
 * thread. Where it is on that way follows from the sequence numbers in
 * parts_state, but for when its check ends. */
typedef struct parts_run {
    size_t from, end;  /* its items: the document's bytes [from, end) */
    bool checked;
    bool ok;           /* parsed, and validated to the end */
    size_t items;      /* how many it held */
    oas_report found;  /* its violations, indexes and offsets its own */
    oas_report dups;   /* its duplicate keys, likewise */
} parts_run;

/* What each checking thread keeps from one run to the next. */
typedef struct parts_checker {
    oas_buf text;               /* the run's document */
    oas_json_scratch *scratch;
    bool own_scratch;
} parts_checker;

typedef struct parts_state {
    const validate_settings *s;
    const char *bytes;
    size_t len;
    size_t open, close;  /* the array's brackets */
    const char *member;  /* NULL: the array is the document */
    parts_run *ring;    /* runs cut and not yet merged: at most ring_size */
    size_t ring_size;
    /* Run sequence numbers: merged <= taken <= cut; a run's slot is
       ring[n % ring_size]. merged is the reading thread's alone. */
    size_t cut, taken;
    bool stop;
    pthread_mutex_t lock;
    pthread_cond_t work_ready, run_checked;
} parts_state;

/* The array in a document parsed from st's text with other items. */
static const oas_json *array_of(const parts_state *st, const oas_json *root)
{
    const oas_json *a = st->member ? oas_json_get(root, st->member, strlen(st->member)) : root;
    return a && a->type == OAS_JSON_ARRAY ? a : NULL;
}

/* The document with the array's items text[0..n) instead of its own: the
 * bytes up to and with its '[', those, and the bytes from its ']' on. */
static void with_items(const parts_state *st, const char *items, size_t n, oas_buf *out)
{
    oas_buf_reset(out);
    oas_buf_append(out, st->bytes, st->open + 1);
    oas_buf_append(out, items, n);
    oas_buf_append(out, st->bytes + st->close, st->len - st->close);
}

/* Parse and validate run r's document into r's own reports. */
static void check_run(const parts_state *st, parts_checker *c, parts_run *r)
{
    const char *items = st->bytes + r->from;
    size_t len = r->end - r->from;
    r->ok = false;
    r->items = 0;
    if (validate_is_blank(items, len))
        return; /* an empty item: the document is malformed */
    with_items(st, items, len, &c->text);
    oas_json_options parse = {.scratch = c->scratch};
    oas_json_doc *json = NULL;
    if (oas_buf_status(&c->text) != OAS_OK ||
        oas_json_parse(c->text.data, c->text.len, &parse, &json, NULL) != OAS_OK)
        return;
    const oas_json *root = oas_json_doc_root(json), *array = array_of(st, root);
    if (array) {
        r->ok = validate_tree(st->s, root, &r->found, &r->dups);
        r->items = array->u.arr.count;
    }
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
        pthread_mutex_unlock(&st->lock);
        check_run(st, &h->checker, r);
        pthread_mutex_lock(&st->lock);
        r->checked = true;
        pthread_cond_signal(&st->run_checked);
    }
    pthread_mutex_unlock(&st->lock);
    return NULL;
}

typedef struct parts_merge {
    oas_report *report, *warnings;
    oas_report dups;    /* --strict-json: duplicate keys, merged after every violation */
    char *pointer;      /* the array's JSON pointer: "" or "/member" */
    size_t others, other_dups; /* the rest's violations and duplicate keys, in each run */
    size_t first_index; /* the next run's first item, in the document */
} parts_merge;

/* Run r's reports into the document's, shifted to where r lies. */
static bool merge_run(const parts_state *st, parts_merge *m, parts_run *r)
{
    /* The run's byte o past the array's '[' is the document's byte
       o - (open + 1) + from. */
    size_t delta = r->from - (st->open + 1);
    oas_report *dups_into = st->s->strict_json ? &m->dups : m->warnings;
    bool ok = r->ok &&
              oas_report_move_items(m->report, &r->found, m->pointer, m->first_index, delta,
                                    m->others) == OAS_OK &&
              oas_report_move_items(dups_into, &r->dups, m->pointer, m->first_index, delta,
                                    m->other_dups) == OAS_OK;
    m->first_index += r->items;
    oas_report_clear(&r->found);
    oas_report_clear(&r->dups);
    return ok;
}

/* Offsets past the emptied array's '[' (at `open`) moved to where they
 * are in the document, whose array closes at `close`. */
static void shift_past_array(oas_report *r, size_t open, size_t close)
{
    for (size_t i = 0; i < r->count; i++)
        if (r->items[i].offset != OAS_NO_OFFSET && r->items[i].offset > open)
            r->items[i].offset += close - open - 1;
}

/* The document with the array emptied: its violations and duplicate keys
 * (all of them: the rest is small) into the document's reports, and their
 * counts, which every run's document repeats. */
static bool check_rest(const parts_state *st, parts_merge *m)
{
    oas_buf text = OAS_BUF_INIT;
    with_items(st, "", 0, &text);
    oas_json_doc *json = NULL;
    bool ok = oas_buf_status(&text) == OAS_OK &&
              oas_json_parse(text.data, text.len, NULL, &json, NULL) == OAS_OK &&
              array_of(st, oas_json_doc_root(json));
    oas_report rest, dups;
    oas_report_init(&rest, 0);
    oas_report_init(&dups, 0);
    ok = ok && validate_tree(st->s, oas_json_doc_root(json), &rest, &dups);
    if (ok) {
        m->others = rest.total;
        m->other_dups = dups.total;
        shift_past_array(&rest, st->open, st->close);
        shift_past_array(&dups, st->open, st->close);
        ok = oas_report_merge(m->report, &rest) == OAS_OK &&
             oas_report_merge(st->s->strict_json ? &m->dups : m->warnings, &dups) == OAS_OK;
    }
    oas_report_free(&rest);
    oas_report_free(&dups);
    oas_json_doc_free(json);
    oas_buf_free(&text);
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
        while (merged < st->cut && st->ring[merged % st->ring_size].checked) {
            parts_run *r = &st->ring[merged % st->ring_size];
            pthread_mutex_unlock(&st->lock);
            bool ok = merge_run(st, m, r);
            pthread_mutex_lock(&st->lock);
            r->checked = false;
            merged++;
            if (!ok)
                return false;
        }
        if (last && merged == st->cut)
            return true;
        if (!last && st->cut - merged < st->ring_size) {
            pthread_mutex_unlock(&st->lock);
            size_t end = array_run_end(st->bytes, len, from, run_bytes, &last);
            pthread_mutex_lock(&st->lock);
            if (end >= len || (last && end != st->close))
                return false;
            parts_run *r = &st->ring[st->cut++ % st->ring_size];
            r->from = from;
            r->end = end;
            pthread_cond_signal(&st->work_ready);
            from = end + 1;
        } else if (st->taken < st->cut) {
            parts_run *r = &st->ring[st->taken++ % st->ring_size];
            pthread_mutex_unlock(&st->lock);
            check_run(st, self, r);
            pthread_mutex_lock(&st->lock);
            r->checked = true;
        } else {
            pthread_cond_wait(&st->run_checked, &st->lock);
        }
    }
}

/* The closing bracket of the array whose '[' is at `open`, or len when it
 * is not a well-formed array. */
static size_t array_close(const char *b, size_t len, size_t open)
{
    bool last = false;
    size_t end = array_run_end(b, len, open + 1, len, &last);
    return end < len && last && b[end] == ']' ? end : len;
}

/* Where doc's array lies (its brackets), and whether it is a member (of
 * those the schema names, the one with the longest array): false when there
 * is none to read in runs, or the rest of the document is too large to go
 * with every run. */
static bool locate_array(parts_state *st)
{
    const char *b = st->bytes;
    size_t len = st->len, i = array_skip_blanks(b, 0, len);
    const validate_target *t = st->s->target;
    st->close = len;
    if (i < len && b[i] == '[' && t->array_per_item) {
        /* Its ']' is the last byte but blanks, unless the text is not one
           array, which the runs' scan finds (a closer elsewhere): no scan
           ahead of the runs'. */
        size_t end = len;
        while (end > i + 1 && validate_is_blank(b + end - 1, 1))
            end--;
        st->open = i;
        st->close = end > i + 1 && b[end - 1] == ']' ? end - 1 : len;
    } else if (i < len && b[i] == '{' && t->array_members) {
        for (const char *const *m = t->array_members; *m; m++) {
            size_t v = 0, close;
            if (array_find_member(b, len, i, *m, strlen(*m), &v) != MEMBER_FOUND || b[v] != '[' ||
                (close = array_close(b, len, v)) == len)
                continue;
            if (st->close == len || close - v > st->close - st->open) {
                st->open = v;
                st->close = close;
                st->member = *m;
            }
        }
    }
    return st->close < len && st->open + 1 + (len - st->close) <= VALIDATE_PARTS_REST_MAX_BYTES;
}

/* The array's JSON pointer ("" the document, "/member"); NULL when out of
 * memory. */
static char *array_pointer(const parts_state *st)
{
    oas_buf b = OAS_BUF_INIT;
    if (st->member)
        oas_buf_pointer_token(&b, st->member, strlen(st->member));
    return oas_buf_steal(&b, NULL);
}

bool validate_parts_apply(const validate_target *t, size_t len)
{
    return len >= VALIDATE_PARTS_MIN_BYTES && (t->array_per_item || t->array_members);
}

bool validate_in_parts(const validate_settings *s, validate_scratch *scratch,
                       const validate_doc *doc, size_t run_bytes, oas_report *report,
                       oas_report *warnings)
{
    unsigned helpers = s->jobs > 1 ? s->jobs - 1 : 0;
    parts_state st = {.s = s,
                      .bytes = doc->bytes,
                      .len = doc->len,
                      .ring_size = 4 * ((size_t)helpers + 1)};
    if ((s->max_document && doc->len > s->max_document) || !locate_array(&st))
        return false;
    parts_merge m = {.report = report, .warnings = warnings, .pointer = array_pointer(&st)};
    oas_report_init(&m.dups, report->max_errors);
    if (!m.pointer || !check_rest(&st, &m)) {
        oas_free(m.pointer);
        oas_report_free(&m.dups);
        oas_report_clear(report);
        oas_report_clear(warnings);
        return false;
    }
    st.ring = oas_calloc(st.ring_size, sizeof *st.ring);
    parts_helper *h = helpers ? oas_calloc(helpers, sizeof *h) : NULL;
    /* A run's reports hold the rest's violations again, dropped as they
       move. max_errors is still room enough: the rest's violations before
       the array precede every item's in the document's report too, and
       those after it follow them. */
    for (size_t k = 0; st.ring && k < st.ring_size; k++) {
        oas_report_init(&st.ring[k].found, report->max_errors);
        oas_report_init(&st.ring[k].dups, report->max_errors);
    }
    pthread_mutex_init(&st.lock, NULL);
    pthread_cond_init(&st.work_ready, NULL);
    pthread_cond_init(&st.run_checked, NULL);
    unsigned started = 0;
    for (; st.ring && (!helpers || h) && started < helpers; started++) {
        h[started].st = &st;
        checker_init(&h[started].checker, NULL);
        if (pthread_create(&h[started].thread, NULL, helper_main, &h[started]) != 0) {
            checker_free(&h[started].checker);
            break; /* fewer helpers: the runs still all get checked */
        }
    }
    parts_checker self;
    checker_init(&self, scratch ? scratch->json : NULL);
    pthread_mutex_lock(&st.lock);
    bool ok = st.ring && (!helpers || h) &&
              cut_check_merge(&st, &self, &m, st.open + 1, run_bytes, st.len);
    st.stop = true;
    pthread_cond_broadcast(&st.work_ready);
    pthread_mutex_unlock(&st.lock);
    for (unsigned k = 0; k < started; k++) {
        pthread_join(h[k].thread, NULL);
        checker_free(&h[k].checker);
    }
    ok = ok && oas_report_merge(report, &m.dups) == OAS_OK;
    checker_free(&self);
    for (size_t k = 0; st.ring && k < st.ring_size; k++) {
        oas_report_free(&st.ring[k].found);
        oas_report_free(&st.ring[k].dups);
    }
    oas_report_free(&m.dups);
    oas_free(m.pointer);
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
