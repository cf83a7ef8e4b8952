/* validate_doc.h - check one document (parse strictly, then validate) and
 * append its verdict, in the chosen format, to a buffer. Pure function of its
 * inputs, so worker threads can run it side by side. */
#ifndef VALIDATE_DOC_H
#define VALIDATE_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include "oas_buf.h"
#include "oas_error.h"
#include "oas_json.h"
#include "oas_validate.h"
#include "validate_input.h"
#include "validate_target.h"

/* validate_output.h shows what each looks like. */
typedef enum validate_format {
    VALIDATE_FORMAT_TEXT,
    VALIDATE_FORMAT_JSON,
    VALIDATE_FORMAT_JUNIT,
    VALIDATE_FORMAT_SARIF,
    VALIDATE_FORMAT_GITHUB
} validate_format;

/* Which verdicts are rendered. */
typedef enum validate_show {
    VALIDATE_SHOW_ALL,
    VALIDATE_SHOW_PROBLEMS, /* --quiet: invalid and malformed documents only */
    VALIDATE_SHOW_NONE      /* --summary-only */
} validate_show;

typedef struct validate_settings {
    const validate_target *target;
    const oas_registry *reg; /* the spec's, for HAR captures (validate_har.h) */
    validate_format format;
    validate_show show;
    size_t max_errors;   /* per document; 0 = unlimited */
    size_t max_document; /* bytes */
    bool strict_json;    /* duplicate keys are errors, not warnings */
    bool assert_formats; /* `format` is asserted (oas_validate_options) */
    /* Threads the runs of one large array may be spread over
       (validate_parts.h); 0 or 1: the calling thread alone. */
    unsigned jobs;
} validate_settings;

/* Distinct keywords a run reported, for SARIF's rules; more are not
 * listed (their results still name them). */
#define VALIDATE_KEYWORDS_MAX 48

typedef struct validate_stats {
    size_t documents, valid, invalid, malformed;
    size_t errors; /* violations found, including ones beyond --max-errors */
    size_t warnings; /* likewise (duplicate keys) */
    const char *keywords[VALIDATE_KEYWORDS_MAX]; /* static strings, first seen first */
    size_t keyword_count;
} validate_stats;

typedef struct validate_doc {
    const char *source;    /* as shown: a path or "<stdin>" */
    size_t index;          /* 0-based position among the source's documents */
    unsigned long line_no; /* line of the document's first byte in the source */
    size_t offset;         /* byte offset of the document in the source */
    const char *bytes;
    size_t len;
    bool stream_line;      /* a line of an NDJSON stream, not a whole file */
} validate_doc;

/* What one thread keeps from one document to the next of a run: the
 * parser's working memory (oas_json_scratch). Only ever a shortcut: a
 * scratch without it (out of memory), or none, gives the same output. */
typedef struct validate_scratch {
    oas_json_scratch *json;
    validate_text text; /* the whole file this thread read last */
} validate_scratch;

void validate_scratch_init(validate_scratch *scratch);
void validate_scratch_free(validate_scratch *scratch);

/* Validate a parsed document against s's target into violations and, when
 * validation finished, list its duplicate keys into dups (the same report
 * as violations with --strict-json). true when both finished. */
bool validate_tree(const validate_settings *s, const oas_json *root, oas_report *violations,
                   oas_report *dups);

/* scratch: NULL, or one no other thread uses meanwhile. */
void validate_document(const validate_settings *s, validate_scratch *scratch,
                       const validate_doc *doc, oas_buf *out, validate_stats *stats);

/* An NDJSON line over the size limit: reported as malformed, never parsed. */
void validate_document_too_long(const validate_settings *s, const validate_doc *doc,
                                oas_buf *out, validate_stats *stats);

/* Every line of an NDJSON stream (ndjson_reader: blank lines skipped,
 * overlong ones reported) checked as a document of source and rendered
 * into out, counted into stats; *bytes grows by each line's bytes. After
 * each line, line_done(ctx, out) when given (the CLI writes out there and
 * empties it). The reader's last event: NDJSON_END, or NDJSON_IO_ERROR
 * (errno as the read left it) or NDJSON_NOMEM. */
ndjson_event validate_ndjson_stream(const validate_settings *s, validate_scratch *scratch,
                                    ndjson_reader *reader, const char *source, oas_buf *out,
                                    validate_stats *stats, size_t *bytes,
                                    void (*line_done)(void *ctx, oas_buf *out), void *ctx);

void validate_stats_add(validate_stats *into, const validate_stats *from);
void validate_stats_note_keyword(validate_stats *stats, const char *keyword);

#endif
