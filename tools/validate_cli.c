/* validate_cli.c - drive `validate`: options, target, then each input as a
 * whole document or as an NDJSON stream; summary and exit status. */
#include "validate_cli.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oas_alloc.h"
#include "oas_tool.h"
#include "term_print.h"
#include "validate_batch.h"
#include "validate_ci_output.h"
#include "validate_doc.h"
#include "validate_har.h"
#include "validate_har_output.h"
#include "validate_input.h"
#include "validate_options.h"
#include "validate_output.h"
#include "validate_paths.h"
#include "validate_parts.h"
#include "validate_pool.h"
#include "validate_progress.h"
#include "validate_event_target.h"
#include "validate_target.h"

typedef struct validate_run {
    const char *prog;
    const oas_registry *reg;
    bool har;         /* inputs are HAR captures */
    validate_settings settings;
    unsigned jobs;
    validate_pool *pool; /* --jobs N > 1: checks every input of the run */
    validate_scratch scratch; /* documents checked on this thread */
    validate_batch *files; /* --jobs: whole files gathered, not yet submitted */
    size_t files_read, file_bytes_read; /* by the threads so far */
    bool emitting; /* writing a checked batch (validate_pool's emit) */
    validate_stats stats;
    size_t bytes;     /* input read so far, for progress */
    bool io_failed;   /* some input could not be read: exit 2 */
    validate_progress progress;
    bool results_on_screen; /* stdout is the terminal progress is drawn on */
    FILE *walk_err;   /* the path walk's messages while progress is shown */
    char *walk_msgs;
    size_t walk_len, walk_passed;
    FILE *sink;       /* where verdicts go: stdout, or JUnit's testcases
                         kept aside until the counts for its head are known */
    bool sarif_first; /* the next SARIF result is the first: no comma */
    bool ndjson;      /* --ndjson */
} validate_run;

/* Hand the whole files gathered so far to the threads. Before anything
 * else takes a batch from the pool or waits for it to drain: the gathered
 * batch is the one the pool hands out next. */
static void submit_files(validate_run *run)
{
    if (!run->files)
        return;
    if (run->files->count)
        validate_pool_submit(run->pool);
    run->files = NULL; /* when empty, the next acquire hands out the same batch */
}

/* Before a message on stderr: what the threads hold of the inputs before
 * it is written first (the messages then come in the order --jobs 1 gives
 * them), and no progress line is in front of it. */
static void message_begin(validate_run *run)
{
    if (run->pool && !run->emitting) {
        submit_files(run);
        validate_pool_drain(run->pool);
    }
    validate_progress_clear(&run->progress);
}

/* Results, len bytes of them (a SARIF log's first takes no comma). */
static void print_results(validate_run *run, const char *data, size_t len)
{
    if (!len)
        return;
    if (run->results_on_screen && run->sink == stdout)
        validate_progress_clear(&run->progress);
    if (run->sarif_first && data[0] == CI_SARIF_SEPARATOR) {
        data++;
        len--;
        run->sarif_first = false;
    }
    fwrite(data, 1, len, run->sink);
}

static void print_buf(oas_buf *buf, validate_run *run)
{
    if (oas_buf_status(buf) != OAS_OK) {
        message_begin(run);
        fprintf(stderr, "%s: out of memory while formatting results\n", run->prog);
        run->io_failed = true;
    } else {
        print_results(run, buf->data, buf->len);
    }
    oas_buf_reset(buf);
}

/* errnum: errno as the failed read left it */
static void report_read_failure(validate_run *run, const char *source, oas_status st, int errnum)
{
    message_begin(run);
    if (st == OAS_ERR_JSON_LIMIT)
        term_line(stderr,
                  "%s: %s: larger than the %zu-byte limit for one document"
                  " (raise it with --max-bytes; streams of documents: use --ndjson)",
                  run->prog, source, run->settings.max_document);
    else
        term_line(stderr, "%s: %s: %s", run->prog, source,
                  st == OAS_ERR_IO ? strerror(errnum) : oas_strerror(st));
    run->io_failed = true;
}

/* fp read whole into run->scratch.text; false after reporting why it could not be */
static bool read_whole(validate_run *run, FILE *fp, const char *source)
{
    oas_status st = validate_read_into(fp, run->settings.max_document, &run->scratch.text);
    if (st == OAS_OK) {
        run->bytes += run->scratch.text.len;
        return true;
    }
    report_read_failure(run, source, st, errno);
    return false;
}

/* The file in run->scratch.text, checked on this thread with settings s. */
static void check_read_file(validate_run *run, const validate_settings *s, const char *source)
{
    validate_doc doc = {source, 0, 1, 0, run->scratch.text.bytes, run->scratch.text.len, false};
    oas_buf out = OAS_BUF_INIT;
    validate_document(s, &run->scratch, &doc, &out, &run->stats);
    print_buf(&out, run);
    oas_buf_free(&out);
    validate_text_trim(&run->scratch.text);
    validate_progress_update(&run->progress, &run->stats, run->bytes);
}

static void check_whole(validate_run *run, FILE *fp, const char *source)
{
    if (read_whole(run, fp, source))
        check_read_file(run, &run->settings, source);
}

/* validate_ndjson_stream's line_done: each line's results written at once. */
static void line_written(void *ctx, oas_buf *out)
{
    validate_run *run = ctx;
    print_buf(out, run);
    validate_progress_update(&run->progress, &run->stats, run->bytes);
}

/* One document at a time on this thread: output follows input closely. */
static void check_ndjson_serial(validate_run *run, ndjson_reader *reader, const char *source)
{
    oas_buf out = OAS_BUF_INIT;
    ndjson_event ev = validate_ndjson_stream(&run->settings, &run->scratch, reader, source, &out,
                                             &run->stats, &run->bytes, line_written, run);
    int read_errno = errno;
    oas_buf_free(&out);
    if (ev != NDJSON_END)
        report_read_failure(run, source, ndjson_event_status(ev), read_errno);
}

/* A checked batch, on the reading thread, in input order. */
static void emit_batch(void *ctx, validate_batch *b)
{
    validate_run *run = ctx;
    run->emitting = true;
    /* Each file's results, or why it could not be read, in turn; results
     * that could not all be formatted (out of memory) say so first. */
    bool in_turn = b->read_on_check && oas_buf_status(&b->out) == OAS_OK;
    if (!in_turn)
        print_buf(&b->out, run);
    size_t from = 0;
    for (size_t i = 0; b->read_on_check && i < b->count; i++) {
        const batch_item *it = &b->items[i];
        if (in_turn)
            print_results(run, b->out.data + from, it->out_end - from);
        from = it->out_end;
        if (it->read_status != OAS_OK)
            report_read_failure(run, b->source_name.data + it->source_at, it->read_status,
                                it->read_errno);
    }
    if (in_turn)
        oas_buf_reset(&b->out);
    if (b->read_on_check) {
        run->bytes += b->bytes_read;
        run->files_read += b->files_read;
        run->file_bytes_read += b->bytes_read;
    }
    run->emitting = false;
    validate_stats_add(&run->stats, &b->stats);
    validate_progress_update(&run->progress, &run->stats, run->bytes);
}

/* This thread reads batches and writes results; the pool's threads check. */
static void check_ndjson_parallel(validate_run *run, FILE *fp, const char *source)
{
    batch_stream stream;
    batch_stream_init(&stream, fp, source, run->settings.max_document);
    size_t counted = 0; /* bytes already added to run->bytes */
    ndjson_event ev = NDJSON_LINE;
    int read_errno = 0;
    while (ev == NDJSON_LINE) {
        validate_batch *b = validate_pool_acquire(run->pool);
        ev = validate_batch_fill(b, &stream);
        read_errno = errno; /* before the pool's calls can change it */
        run->bytes += stream.bytes_read - counted;
        counted = stream.bytes_read;
        validate_pool_submit(run->pool);
    }
    batch_stream_free(&stream);
    if (ev != NDJSON_END)
        report_read_failure(run, source, ndjson_event_status(ev), read_errno);
}

static void check_ndjson(validate_run *run, FILE *fp, const char *source)
{
    if (run->pool) {
        check_ndjson_parallel(run, fp, source);
        return;
    }
    ndjson_reader reader;
    ndjson_reader_init(&reader, fp, run->settings.max_document);
    check_ndjson_serial(run, &reader, source);
    ndjson_reader_free(&reader);
}

/* A file for the threads to read and check, gathered into a batch of
 * files that is handed on once full. */
static void gather_path(validate_run *run, const char *path, batch_file_kind kind)
{
    if (!run->files) {
        validate_batch *b = validate_pool_acquire(run->pool);
        if (!validate_batch_begin_files(b)) {
            report_read_failure(run, path, OAS_ERR_NOMEM, 0);
            return;
        }
        run->files = b;
    }
    if (!validate_batch_add_path(run->files, path, kind)) {
        report_read_failure(run, path, OAS_ERR_NOMEM, 0);
        submit_files(run); /* the next file starts a batch afresh */
        return;
    }
    if (run->files->count >= validate_batch_files_wanted(run->files_read, run->file_bytes_read))
        submit_files(run);
}

/* A whole file read here, as one batch. A large array that is read in
 * runs (validate_parts.h) spreads its runs over the jobs instead, once
 * what came before is written. */
static void check_whole_parallel(validate_run *run, FILE *fp, const char *source)
{
    if (!read_whole(run, fp, source))
        return;
    if (validate_parts_apply(run->settings.target, run->scratch.text.len)) {
        validate_pool_drain(run->pool);
        validate_settings spread = run->settings;
        spread.jobs = run->jobs;
        check_read_file(run, &spread, source);
        return;
    }
    if (!validate_batch_adopt(validate_pool_acquire(run->pool), source, &run->scratch.text)) {
        report_read_failure(run, source, OAS_ERR_NOMEM, 0);
        return;
    }
    validate_pool_submit(run->pool);
}

/* One HAR capture, read whole: its entries point into one JSON document. */
static void check_har(validate_run *run, FILE *fp, const char *source)
{
    if (!read_whole(run, fp, source))
        return;
    har_settings hs = har_settings_of(&run->settings);
    if (run->pool)
        hs.jobs = run->jobs; /* the threads are idle: what came before is written */
    oas_buf out = OAS_BUF_INIT;
    validate_har(&hs, source, run->scratch.text.bytes, run->scratch.text.len, &out, &run->stats);
    print_buf(&out, run);
    oas_buf_free(&out);
    validate_text_trim(&run->scratch.text);
    validate_progress_update(&run->progress, &run->stats, run->bytes);
}

/* A file the threads can read and check themselves, and as what: a HAR
 * capture up to VALIDATE_BATCH_HAR_FILE_MAX; an NDJSON file up to
 * VALIDATE_BATCH_NDJSON_FILE_MAX; a document, unless its target reads
 * large arrays in runs (which depends on the file's size). */
static bool for_the_threads(const validate_run *run, const char *path, bool har, bool ndjson,
                            batch_file_kind *kind)
{
    struct stat st;
    if (har)
        *kind = BATCH_FILE_HAR;
    else if (ndjson)
        *kind = BATCH_FILE_NDJSON;
    else
        *kind = BATCH_FILE_DOCUMENT;
    if (har || ndjson)
        return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
               st.st_size <= (off_t)(har ? VALIDATE_BATCH_HAR_FILE_MAX
                                         : VALIDATE_BATCH_NDJSON_FILE_MAX);
    return !validate_parts_apply(run->settings.target, SIZE_MAX);
}

static void check_input(validate_run *run, const char *path, bool ndjson)
{
    bool har = run->har || validate_path_is_har(path);
    bool is_stdin = strcmp(path, "-") == 0;
    ndjson = ndjson || validate_path_is_ndjson(path);
    batch_file_kind kind;
    if (run->pool && !is_stdin && for_the_threads(run, path, har, ndjson, &kind)) {
        gather_path(run, path, kind);
        return;
    }
    const char *source = is_stdin ? "<stdin>" : path;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp) {
        report_read_failure(run, path, OAS_ERR_IO, errno);
        return;
    }
    submit_files(run); /* what the threads read comes first */
    if (har && run->pool)
        validate_pool_drain(run->pool); /* what came before is written first */
    if (har)
        check_har(run, fp, source); /* *.har by its name, as *.ndjson is */
    else if (ndjson)
        check_ndjson(run, fp, source);
    else if (run->pool)
        check_whole_parallel(run, fp, source);
    else
        check_whole(run, fp, source);
    if (!is_stdin)
        fclose(fp);
}

/* The walk's messages so far, the progress line cleared first. */
static void pass_on_walk_messages(validate_run *run)
{
    if (!run->walk_err || fflush(run->walk_err) != 0 || run->walk_len == run->walk_passed)
        return;
    message_begin(run);
    fwrite(run->walk_msgs + run->walk_passed, 1, run->walk_len - run->walk_passed, stderr);
    run->walk_passed = run->walk_len;
}

/* validate_path_fn: each file an argument names */
static void check_path(void *ctx, const char *path)
{
    validate_run *run = ctx;
    pass_on_walk_messages(run);
    check_input(run, path, run->ndjson);
}

/* validate_path_fn of the progress display's first pass */
static void add_input_size(void *ctx, const char *path)
{
    struct stat st;
    validate_progress_add_input(ctx, stat(path, &st) == 0 && S_ISREG(st.st_mode)
                                         ? (long long)st.st_size
                                         : -1);
}

/* The progress display's total: the inputs walked once more, silently,
 * before they are read. Only when it is shown. */
static void progress_begin(validate_run *run, const validate_options *opts)
{
    validate_progress_init(&run->progress, run->jobs > 1 ? 1 : 256);
    if (!run->progress.enabled)
        return;
    run->results_on_screen = isatty(STDOUT_FILENO) == 1;
    FILE *quiet = fopen("/dev/null", "w");
    for (size_t i = 0; i < opts->file_count; i++) {
        if (strcmp(opts->files[i], "-") == 0 || !quiet)
            validate_progress_add_input(&run->progress, -1);
        else
            validate_expand_arg(opts->files[i], run->har, add_input_size, &run->progress,
                                run->prog, quiet);
    }
    if (quiet)
        fclose(quiet);
    run->walk_err = open_memstream(&run->walk_msgs, &run->walk_len);
}

static validate_format chosen_format(validate_format_choice c)
{
    switch (c) {
    case VALIDATE_CHOICE_AUTO: break;
    case VALIDATE_CHOICE_TEXT: return VALIDATE_FORMAT_TEXT;
    case VALIDATE_CHOICE_JSON: return VALIDATE_FORMAT_JSON;
    case VALIDATE_CHOICE_JUNIT: return VALIDATE_FORMAT_JUNIT;
    case VALIDATE_CHOICE_SARIF: return VALIDATE_FORMAT_SARIF;
    case VALIDATE_CHOICE_GITHUB: return VALIDATE_FORMAT_GITHUB;
    }
    return isatty(STDOUT_FILENO) == 1 ? VALIDATE_FORMAT_TEXT : VALIDATE_FORMAT_JSON;
}

/* The summary line closes text and github output (a log), and is all that
 * --summary-only prints; --quiet drops it. JUnit and SARIF carry their own
 * counts; json has none unless --summary-only. */
static void print_summary(const validate_run *run, const validate_options *opts)
{
    validate_format fmt = run->settings.format;
    if (opts->quiet && !opts->summary_only)
        return;
    if (fmt == VALIDATE_FORMAT_JSON) {
        if (opts->summary_only)
            validate_output_summary_json(&run->stats, stdout);
    } else if (fmt == VALIDATE_FORMAT_TEXT || fmt == VALIDATE_FORMAT_GITHUB) {
        if (run->har)
            har_output_summary(&run->stats, stdout);
        else
            validate_output_summary(&run->stats, stdout);
    }
}

/* Results that go to a file or a pipe are written in 64 KiB blocks, not
 * in stdio's 4 KiB (st_blksize): a run with many violations made a write
 * call per 4 KiB. A terminal keeps its line buffering. Once per process:
 * setvbuf may only come before anything is written to stdout, which the
 * CLI's main does not do before it runs a command. */
static void results_in_blocks(void)
{
    static char block[64 << 10];
    static bool set;
    if (!set && !isatty(STDOUT_FILENO))
        setvbuf(stdout, block, _IOFBF, sizeof block);
    set = true;
}

/* Refuse what the chosen format cannot show; set where verdicts go (JUnit's
 * testcases to a temporary file: its head, written last, carries the
 * counts) and write the head of a SARIF log. 0, or 2 after saying why. */
static int start_report(validate_run *run, const validate_options *opts, FILE **junit_body)
{
    validate_format fmt = run->settings.format;
    bool whole_run_format = fmt == VALIDATE_FORMAT_JUNIT || fmt == VALIDATE_FORMAT_SARIF;
    if (opts->summary_only && whole_run_format) {
        fprintf(stderr, "%s: --summary-only prints the text or json summary; not with --format %s\n",
                run->prog, fmt == VALIDATE_FORMAT_JUNIT ? "junit" : "sarif");
        return OAS_TOOL_EXIT_USAGE;
    }
    results_in_blocks();
    run->sink = stdout;
    if (fmt == VALIDATE_FORMAT_JUNIT) {
        if (!(*junit_body = tmpfile())) {
            fprintf(stderr, "%s: a temporary file for the JUnit report: %s\n", run->prog,
                    strerror(errno));
            return OAS_TOOL_EXIT_USAGE;
        }
        run->sink = *junit_body;
    }
    run->sarif_first = true;
    ci_output_begin(fmt, stdout);
    return OAS_TOOL_EXIT_OK;
}

int oas_cli_validate(const oas_registry *reg, const char *prog, int argc, char **argv)
{
    return oas_cli_validate_default(reg, prog, NULL, argc, argv);
}

int oas_cli_validate_default(const oas_registry *reg, const char *prog,
                             const char *default_operation, int argc, char **argv)
{
    validate_options opts;
    if (validate_options_parse(argc, argv, &opts, prog, stderr) != 0)
        return OAS_TOOL_EXIT_USAGE;
    if (opts.help) {
        validate_options_usage(prog, stdout);
        return OAS_TOOL_EXIT_OK;
    }
    validate_target target;
    memset(&target, 0, sizeof target);
    if (opts.har &&
        (opts.schema || opts.operation || opts.status >= 0 || opts.request || opts.ndjson)) {
        /* Each entry selects its own operation and response. */
        fprintf(stderr, "%s: --har chooses the operation and status of each entry itself;"
                        " drop --schema, --operation, --status, --request and --ndjson\n", prog);
        return OAS_TOOL_EXIT_USAGE;
    }
    if (opts.webhook || opts.callback) {
        if (validate_event_target_select(reg, &opts, &target, prog, stderr) != 0)
            return OAS_TOOL_EXIT_USAGE;
    } else if (!opts.har && validate_target_select(reg, opts.schema, opts.operation, opts.status,
                                                   opts.request, default_operation, &target,
                                                   prog, stderr) != 0) {
        return OAS_TOOL_EXIT_USAGE;
    }

    validate_run run;
    memset(&run, 0, sizeof run);
    run.prog = prog;
    run.reg = reg;
    run.har = opts.har;
    run.jobs = opts.jobs;
    run.settings.target = &target;
    run.settings.reg = reg;
    run.settings.max_errors = opts.max_errors;
    run.settings.max_document = opts.max_bytes;
    run.settings.strict_json = opts.strict_json;
    run.settings.assert_formats = opts.assert_formats;
    run.settings.format = chosen_format(opts.format);
    run.settings.show = opts.summary_only ? VALIDATE_SHOW_NONE
                        : opts.quiet      ? VALIDATE_SHOW_PROBLEMS
                                          : VALIDATE_SHOW_ALL;
    validate_format fmt = run.settings.format;
    FILE *junit_body = NULL;
    if (start_report(&run, &opts, &junit_body) != 0)
        return OAS_TOOL_EXIT_USAGE;
    progress_begin(&run, &opts);

    validate_pool pool;
    if (run.jobs > 1) {
        if (!validate_pool_start(&pool, run.jobs, &run.settings, emit_batch, &run)) {
            fprintf(stderr, "%s: %s\n", prog, oas_strerror(OAS_ERR_NOMEM));
            return OAS_TOOL_EXIT_USAGE;
        }
        run.pool = &pool;
        /* The walk's messages wait their turn behind what the threads hold
         * (message_begin), as with progress shown. */
        if (!run.walk_err)
            run.walk_err = open_memstream(&run.walk_msgs, &run.walk_len);
    }
    run.ndjson = opts.ndjson;
    validate_scratch_init(&run.scratch);
    for (size_t i = 0; i < opts.file_count; i++) {
        if (!validate_expand_arg(opts.files[i], run.har, check_path, &run, prog,
                                 run.walk_err ? run.walk_err : stderr))
            run.io_failed = true;
        pass_on_walk_messages(&run);
    }
    submit_files(&run);
    if (run.pool)
        validate_pool_finish(run.pool);
    validate_scratch_free(&run.scratch);

    validate_progress_finish(&run.progress);
    if (run.walk_err)
        fclose(run.walk_err);
    free(run.walk_msgs); /* open_memstream's, from malloc */
    if (!ci_output_end(fmt, prog, &run.stats, opts.quiet, junit_body, stdout)) {
        fprintf(stderr, "%s: reading back the JUnit report: %s\n", prog, strerror(errno));
        run.io_failed = true;
    }
    if (junit_body)
        fclose(junit_body);
    print_summary(&run, &opts);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: writing results: %s\n", prog, strerror(errno));
        return OAS_TOOL_EXIT_USAGE;
    }
    if (run.io_failed || run.stats.malformed)
        return OAS_TOOL_EXIT_USAGE;
    return run.stats.invalid ? OAS_TOOL_EXIT_INVALID : OAS_TOOL_EXIT_OK;
}
