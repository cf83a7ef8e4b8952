/* validate_batch.h - the unit of work of `validate --ndjson --jobs N`: a
 * block of whole NDJSON lines read straight into the batch's own buffer,
 * checked on one worker thread, its verdicts rendered into the batch's own
 * output buffer. Buffers are kept from one use of the batch to the next, so
 * a long stream costs no allocation per document for framing or output.
 * Framing is the same as ndjson_reader's (validate_input.h): same lines,
 * numbers, offsets and overlong-line rule, so output matches --jobs 1. */
#ifndef VALIDATE_BATCH_H
#define VALIDATE_BATCH_H

#include <stdbool.h>
#include <stdio.h>
#include "oas_buf.h"
#include "validate_doc.h"
#include "validate_input.h"

/* Big enough that handing a batch to a thread costs nothing next to
 * checking it (about 0.1 ms of work), small enough that the other threads
 * start soon after the reader, and finish together at the end: 256 KiB
 * made a 10 MB stream 7 % slower with --jobs 2 (the same on 50 MB); 32 KiB
 * gained nothing more. */
#define VALIDATE_BATCH_BYTES ((size_t)64 << 10)
#define VALIDATE_BATCH_DOCS 2048u
/* At most this many files to a batch of files (validate_batch_files_wanted). */
#define VALIDATE_BATCH_FILES 16u
/* NDJSON files up to this size go to the threads whole, a batch of files
 * at a time; a larger one is read by the reading thread in blocks, so that
 * its results are written as it goes, in bounded memory. */
#define VALIDATE_BATCH_NDJSON_FILE_MAX (4 * VALIDATE_BATCH_BYTES)
/* HAR captures up to this size go to the threads whole, each checked on
 * one; a larger one is read by the reading thread, once the threads'
 * results are written, and its entries spread over the jobs
 * (validate_har.h). */
#define VALIDATE_BATCH_HAR_FILE_MAX ((size_t)4 << 20)
/* Smallest read worth a system call; an open line that leaves less room
 * than this ends the batch (it moves to the next one) or grows the buffer. */
#define VALIDATE_BATCH_READ_MIN ((size_t)16 << 10)

/* What a file of a batch of files holds. */
typedef enum batch_file_kind {
    BATCH_FILE_DOCUMENT, /* one JSON document */
    BATCH_FILE_HAR,      /* a HAR capture (validate_har.h) */
    BATCH_FILE_NDJSON    /* NDJSON, a document per line */
} batch_file_kind;

typedef struct batch_item {
    size_t text_offset; /* where the line's bytes are in the batch text */
    size_t len;
    size_t index;
    unsigned long line_no;
    size_t offset; /* in the stream */
    bool too_long;
    size_t source_at; /* its source's name in the batch's source_name */
    /* A file the checking thread reads (validate_batch_add_path): how the
     * read went, errno when it failed (OAS_ERR_IO), and where its results
     * end in the batch's out (a failure is reported after them). */
    oas_status read_status;
    int read_errno;
    size_t out_end;
    batch_file_kind kind;
} batch_item;

/* What one batch leaves for the next: the start of a line not yet ended. */
typedef struct batch_stream {
    FILE *fp;
    const char *source;
    size_t max_line;
    size_t block_bytes; /* VALIDATE_BATCH_BYTES; the fuzz target makes it tiny */
    size_t read_min;    /* VALIDATE_BATCH_READ_MIN; at least 1 */
    oas_buf carry;
    size_t line_offset; /* stream offset of carry's first byte */
    unsigned long next_line_no;
    size_t next_index;
    size_t bytes_read;
    bool skipping; /* inside an overlong line: discard up to its newline */
    bool eof;
} batch_stream;

typedef struct validate_batch {
    char *text;
    size_t len, cap;
    batch_item *items;
    size_t count;
    /* The names of the items' sources, each NUL-terminated (items say
     * where): the batch outlives the paths it was given. */
    oas_buf source_name;
    bool stream_line;     /* items are NDJSON lines, not whole files */
    bool read_on_check;   /* items are files the checking thread reads */
    size_t files_read;    /* by the checking thread, and their bytes */
    size_t bytes_read;
    oas_buf out;          /* verdicts, in input order */
    validate_stats stats; /* of this batch alone */
    bool done;            /* checked; guarded by the pool's lock */
} validate_batch;

void batch_stream_init(batch_stream *st, FILE *fp, const char *source, size_t max_line);
void batch_stream_free(batch_stream *st);

void validate_batch_init(validate_batch *b);
void validate_batch_free(validate_batch *b);

/* Empty b, then fill it with the stream's next lines, up to the batch
 * limits. Returns NDJSON_LINE when more may follow, NDJSON_END at the end of
 * the stream, or NDJSON_IO_ERROR / NDJSON_NOMEM; in every case the items in
 * b are whole lines to check. */
ndjson_event validate_batch_fill(validate_batch *b, batch_stream *st);

/* Empty b and make it one whole document (a file that is not NDJSON),
 * reported as `validate` reports a whole file: b and text swap buffers, so
 * b holds the document and text a buffer to read the next file into,
 * neither copied nor allocated. false when out of memory (text is then
 * emptied, its buffer kept). */
bool validate_batch_adopt(validate_batch *b, const char *source, validate_text *text);

/* Files the checking thread opens and reads itself, a document each, so
 * that reading them (system calls, the copy) is spread over the threads
 * too; a directory of small files is handed on a batch of files at a
 * time. Empty b for such files; false when out of memory. */
bool validate_batch_begin_files(validate_batch *b);
/* One more file, by the path it is opened by and reported as (copied).
 * false when out of memory, or when b holds VALIDATE_BATCH_DOCS items. */
bool validate_batch_add_path(validate_batch *b, const char *path, batch_file_kind kind);
/* How many files a batch should take, from what the files read so far
 * held: about VALIDATE_BATCH_BYTES' worth, 1 to VALIDATE_BATCH_FILES; 1
 * until a file has been read. A large file is then a batch of its own,
 * and the threads finish together; small files go many to a batch. */
size_t validate_batch_files_wanted(size_t files_read, size_t bytes_read);

/* After its output is written: give back a text buffer far larger than a
 * block (a whole file, a long line), so an idle ring stays small. */
void validate_batch_trim(validate_batch *b);

/* Check every item, rendering into b->out and counting into b->stats;
 * scratch is the checking thread's (validate_document). Each file is read
 * into scratch's text, then checked; one that cannot be read is left to
 * the caller to report (its item's read_status). */
void validate_batch_check(validate_batch *b, const validate_settings *s,
                          validate_scratch *scratch);

#endif
