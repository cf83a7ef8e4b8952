/* validate_pool.c - worker threads over a ring of batches, output in order.
 *
 * The calling thread is one of the N checkers: it starts N - 1 threads and,
 * when the ring is full (or at the end), checks the oldest batch nobody has
 * taken instead of sleeping. N runnable threads on N cores, not N + 1: with
 * a separate reader thread as well, `--jobs 2` on 2 cores kept three threads
 * busy on two cores, and each batch hand-over waited for a time slice. */
#include "validate_pool.h"

#include <string.h>
#include "oas_alloc.h"

static validate_batch *slot(validate_pool *p, size_t seq)
{
    return &p->ring[seq % p->ring_size];
}

static void check_taken(validate_checker *c, validate_batch *b)
{
    validate_pool *p = c->pool;
    validate_batch_check(b, p->settings, &c->scratch);
    pthread_mutex_lock(&p->lock);
    b->done = true;
    pthread_cond_signal(&p->batch_done); /* only the owner waits on it */
    pthread_mutex_unlock(&p->lock);
}

static void *worker(void *arg)
{
    validate_checker *c = arg;
    validate_pool *p = c->pool;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->taken == p->submitted && !p->closing)
            pthread_cond_wait(&p->work_ready, &p->lock);
        if (p->taken == p->submitted)
            break; /* closing, nothing left */
        validate_batch *b = slot(p, p->taken++);
        pthread_mutex_unlock(&p->lock);
        check_taken(c, b);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

bool validate_pool_start(validate_pool *p, unsigned jobs, const validate_settings *s,
                         validate_pool_emit_fn emit, void *emit_ctx)
{
    memset(p, 0, sizeof *p);
    p->settings = s;
    p->emit = emit;
    p->emit_ctx = emit_ctx;
    if (jobs == 0)
        jobs = 1;
    /* Each checker holds one batch, one more waits for each, one is filled. */
    p->ring_size = (size_t)jobs * 2 + 2;
    p->ring = oas_calloc(p->ring_size, sizeof *p->ring);
    p->checkers = oas_calloc(jobs, sizeof *p->checkers);
    if (!p->ring || !p->checkers) {
        oas_free(p->ring);
        oas_free(p->checkers);
        return false;
    }
    for (size_t i = 0; i < p->ring_size; i++)
        validate_batch_init(&p->ring[i]);
    p->jobs = jobs;
    for (unsigned i = 0; i < jobs; i++) {
        p->checkers[i].pool = p;
        validate_scratch_init(&p->checkers[i].scratch);
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work_ready, NULL);
    pthread_cond_init(&p->batch_done, NULL);
    return true;
}

/* Check, on this thread, the oldest batch no thread has taken; false when
 * every submitted batch is taken already. */
static bool help_once(validate_pool *p)
{
    pthread_mutex_lock(&p->lock);
    if (p->taken == p->submitted) {
        pthread_mutex_unlock(&p->lock);
        return false;
    }
    validate_batch *b = slot(p, p->taken++);
    pthread_mutex_unlock(&p->lock);
    check_taken(&p->checkers[0], b);
    return true;
}

/* Emit the oldest batch if it is checked (or, with wait, once it is:
 * checking the untaken ones meanwhile). */
static bool emit_oldest(validate_pool *p, bool wait)
{
    if (p->written == p->submitted)
        return false;
    validate_batch *b = slot(p, p->written);
    pthread_mutex_lock(&p->lock);
    while (wait && !b->done) {
        if (p->taken < p->submitted) {
            pthread_mutex_unlock(&p->lock);
            help_once(p);
            pthread_mutex_lock(&p->lock);
        } else {
            pthread_cond_wait(&p->batch_done, &p->lock);
        }
    }
    bool done = b->done;
    pthread_mutex_unlock(&p->lock);
    if (!done)
        return false;
    /* Checked batches are the owner's until refilled: no lock needed. */
    p->emit(p->emit_ctx, b);
    validate_batch_trim(b);
    p->written++;
    return true;
}

/* The threads start with the first batch, not before: a thread that waits
 * for work is woken onto the CPU of the thread that wakes it, and Linux
 * took milliseconds to move it off again (perf sched timehist: the two
 * threads took turns on one CPU while the other stayed idle). Started with
 * work waiting, a thread runs where it was created and seldom waits. */
static void start_threads(validate_pool *p)
{
    while (p->started + 1 < p->jobs) {
        validate_checker *c = &p->checkers[p->started + 1];
        if (pthread_create(&c->thread, NULL, worker, c) != 0)
            break;
        p->started++;
    }
}

validate_batch *validate_pool_acquire(validate_pool *p)
{
    while (emit_oldest(p, false))
        ;
    while (p->submitted - p->written == p->ring_size)
        emit_oldest(p, true);
    return slot(p, p->submitted);
}

void validate_pool_submit(validate_pool *p)
{
    pthread_mutex_lock(&p->lock);
    slot(p, p->submitted)->done = false;
    bool first = ++p->submitted == 1;
    if (p->started)
        pthread_cond_signal(&p->work_ready);
    pthread_mutex_unlock(&p->lock);
    if (first)
        start_threads(p);
    /* No thread to hand it to: check it now, so memory stays one batch. */
    if (p->started == 0)
        help_once(p);
}

void validate_pool_drain(validate_pool *p)
{
    while (p->written < p->submitted)
        emit_oldest(p, true);
}

void validate_pool_finish(validate_pool *p)
{
    validate_pool_drain(p);
    pthread_mutex_lock(&p->lock);
    p->closing = true;
    pthread_cond_broadcast(&p->work_ready);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 1; i <= p->started; i++)
        pthread_join(p->checkers[i].thread, NULL);
    pthread_cond_destroy(&p->work_ready);
    pthread_cond_destroy(&p->batch_done);
    pthread_mutex_destroy(&p->lock);
    for (size_t i = 0; i < p->ring_size; i++)
        validate_batch_free(&p->ring[i]);
    oas_free(p->ring);
    for (unsigned i = 0; i < p->jobs; i++)
        validate_scratch_free(&p->checkers[i].scratch);
    oas_free(p->checkers);
    memset(p, 0, sizeof *p);
}
