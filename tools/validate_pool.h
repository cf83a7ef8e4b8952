/* validate_pool.h - `validate --jobs N`: N threads check batches
 * (validate_batch.h: blocks of NDJSON lines, or one whole file each) from a
 * ring of 2N+2. The calling thread reads the next batches, writes finished
 * ones strictly in input order, and is itself the Nth checker whenever the
 * ring is full, so N threads share N cores. Threads meet once per batch (a
 * mutex and two condition variables), never per document; memory is the
 * ring, whatever the stream's length. */
#ifndef VALIDATE_POOL_H
#define VALIDATE_POOL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include "validate_batch.h"

/* Called on the pool's owner thread for each checked batch, in order. */
typedef void (*validate_pool_emit_fn)(void *ctx, validate_batch *b);

struct validate_pool;

/* One of the N checkers: a thread (the owner's is checkers[0], which has
 * none of its own) and the working memory it keeps from one document to
 * the next, whatever batch they come from. */
typedef struct validate_checker {
    struct validate_pool *pool;
    pthread_t thread;
    validate_scratch scratch;
} validate_checker;

typedef struct validate_pool {
    const validate_settings *settings;
    validate_pool_emit_fn emit;
    void *emit_ctx;
    validate_batch *ring;
    size_t ring_size;
    validate_checker *checkers; /* jobs of them; started + 1 in use */
    unsigned jobs;
    unsigned started; /* threads besides the owner (from the first submit on);
                       * 0: all checked on submit */
    pthread_mutex_t lock;
    pthread_cond_t work_ready, batch_done;
    /* Batch sequence numbers: written <= taken <= submitted. */
    size_t submitted, taken, written;
    bool closing;
} validate_pool;

/* false when out of memory. The first submit starts jobs - 1 threads (fewer
 * when some cannot start); the caller's thread checks too. */
bool validate_pool_start(validate_pool *p, unsigned jobs, const validate_settings *s,
                         validate_pool_emit_fn emit, void *emit_ctx);
/* The batch to fill next; emits finished batches first, and waits for the
 * oldest one when the ring is full. */
validate_batch *validate_pool_acquire(validate_pool *p);
/* Hand the batch from the last acquire to the checkers. */
void validate_pool_submit(validate_pool *p);
/* Check and emit every submitted batch; the pool stays ready for more
 * (output written directly, not through the pool, follows it in order). */
void validate_pool_drain(validate_pool *p);
/* Drain, stop the threads, free everything. */
void validate_pool_finish(validate_pool *p);

#endif
