/* validate_pool.h - `validate --ndjson --jobs N`: N worker threads check
 * batches (validate_batch.h) from a ring of 2N+2, while the calling thread
 * reads the next batches and writes finished ones strictly in input order.
 * Threads meet once per batch (a mutex and two condition variables), never
 * per document; memory is the ring, whatever the stream's length. */
#ifndef VALIDATE_POOL_H
#define VALIDATE_POOL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include "validate_batch.h"

/* Called on the pool's owner thread for each checked batch, in order. */
typedef void (*validate_pool_emit_fn)(void *ctx, validate_batch *b);

typedef struct validate_pool {
    const validate_settings *settings;
    validate_pool_emit_fn emit;
    void *emit_ctx;
    validate_batch *ring;
    size_t ring_size;
    pthread_t *threads;
    unsigned started; /* 0: batches are checked on the owner thread */
    pthread_mutex_t lock;
    pthread_cond_t work_ready, batch_done;
    /* Batch sequence numbers: written <= taken <= submitted. */
    size_t submitted, taken, written;
    bool closing;
} validate_pool;

/* false when out of memory. Fewer threads than asked when some cannot start. */
bool validate_pool_start(validate_pool *p, unsigned jobs, const validate_settings *s,
                         validate_pool_emit_fn emit, void *emit_ctx);
/* The batch to fill next; emits finished batches first, and waits for the
 * oldest one when the ring is full. */
validate_batch *validate_pool_acquire(validate_pool *p);
/* Hand the batch from the last acquire to the workers. */
void validate_pool_submit(validate_pool *p);
/* Emit every submitted batch, stop the threads, free everything. */
void validate_pool_finish(validate_pool *p);

#endif
