/* test_validate_read.c - reading whole inputs for `validate`
 * (tools/validate_input.c): one buffer kept from file to file (a smaller
 * file after a larger one is read without an allocation and ends where it
 * ends), a regular file sized from fstat but read to its real end, a file
 * over the limit refused unread, streams of unknown size, every
 * allocation failure, and files handed to --jobs' threads by path, a
 * batch at a time, to read and check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "failing_alloc.h"
#include "ld_validate.h"
#include "oas_alloc.h"
#include "oas_registry.h"
#include "validate_batch.h"
#include "validate_input.h"

/* A temporary file holding len bytes of a pattern, positioned at its start. */
static FILE *file_of(size_t len)
{
    FILE *fp = tmpfile();
    assert_non_null(fp);
    for (size_t i = 0; i < len; i++)
        assert_int_not_equal(fputc('a' + (int)(i % 26), fp), EOF);
    assert_int_equal(fflush(fp), 0);
    rewind(fp);
    return fp;
}

static void assert_pattern(const validate_text *t, size_t len)
{
    assert_int_equal(t->len, len);
    for (size_t i = 0; i < len; i++)
        if (t->bytes[i] != 'a' + (int)(i % 26))
            fail_msg("byte %zu is %d", i, t->bytes[i]);
    assert_int_equal(t->bytes[len], '\0');
}

static void regular_file_read_whole(void **state)
{
    (void)state;
    validate_text t = VALIDATE_TEXT_INIT;
    FILE *fp = file_of(100000);
    assert_int_equal(validate_read_into(fp, 1000000, &t), OAS_OK);
    assert_pattern(&t, 100000);
    /* sized from fstat: the size, a byte to see it grew, the NUL */
    assert_int_equal(t.cap, 100002);
    fclose(fp);
    validate_text_free(&t);
    assert_null(t.bytes);
    assert_int_equal(t.cap, 0);
}

static void smaller_file_after_larger_needs_no_allocation(void **state)
{
    (void)state;
    failing_alloc_install();
    validate_text t = VALIDATE_TEXT_INIT;
    FILE *big = file_of(300000), *small = file_of(5), *empty = file_of(0);
    assert_int_equal(validate_read_into(big, 1000000, &t), OAS_OK);
    const char *buffer = t.bytes;
    size_t calls = failing_alloc_calls();
    assert_int_equal(validate_read_into(small, 1000000, &t), OAS_OK);
    assert_pattern(&t, 5);
    assert_int_equal(validate_read_into(empty, 1000000, &t), OAS_OK);
    assert_int_equal(t.len, 0);
    assert_int_equal(t.bytes[0], '\0');
    assert_ptr_equal(t.bytes, buffer);
    assert_int_equal(failing_alloc_calls(), calls);
    fclose(big);
    fclose(small);
    fclose(empty);
    validate_text_free(&t);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
}

static void file_over_limit_refused_unread(void **state)
{
    (void)state;
    failing_alloc_install();
    validate_text t = VALIDATE_TEXT_INIT;
    FILE *fp = file_of(101);
    assert_int_equal(validate_read_into(fp, 100, &t), OAS_ERR_JSON_LIMIT);
    assert_int_equal(t.len, 0);
    assert_int_equal(failing_alloc_calls(), 0);
    assert_int_equal(ftell(fp), 0);
    fclose(fp);
    /* exactly at the limit is fine */
    fp = file_of(100);
    assert_int_equal(validate_read_into(fp, 100, &t), OAS_OK);
    assert_pattern(&t, 100);
    fclose(fp);
    validate_text_free(&t);
    failing_alloc_uninstall();
}

/* A regular file that says it is empty and is not (/proc) is read to its end. */
static void size_zero_regular_file_read_to_its_end(void **state)
{
    (void)state;
    FILE *fp = fopen("/proc/self/status", "rb");
    if (!fp)
        skip();
    validate_text t = VALIDATE_TEXT_INIT;
    assert_int_equal(validate_read_into(fp, 1000000, &t), OAS_OK);
    assert_true(t.len > 0);
    assert_int_equal(strncmp(t.bytes, "Name:", 5), 0);
    assert_int_equal(strlen(t.bytes), t.len);
    fclose(fp);
    validate_text_free(&t);
}

/* A pipe's reader, with a child writing len bytes of the pattern. */
static FILE *pipe_of(size_t len, pid_t *child)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    *child = fork();
    assert_true(*child >= 0);
    if (*child == 0) {
        close(fds[0]);
        FILE *w = fdopen(fds[1], "wb");
        for (size_t i = 0; w && i < len; i++)
            fputc('a' + (int)(i % 26), w);
        _exit(w && fclose(w) == 0 ? 0 : 1);
    }
    close(fds[1]);
    FILE *fp = fdopen(fds[0], "rb");
    assert_non_null(fp);
    return fp;
}

static void reap(FILE *fp, pid_t child)
{
    fclose(fp); /* a writer still writing is stopped by SIGPIPE */
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
}

/* validate_read_into over a pipe that a child writes len bytes of the
 * pattern to; fail_at: the allocation to fail meanwhile (0: none). */
static oas_status read_pipe(size_t len, size_t max_bytes, size_t fail_at, validate_text *t)
{
    pid_t child;
    FILE *fp = pipe_of(len, &child);
    failing_alloc_fail_at(fail_at, false);
    oas_status st = validate_read_into(fp, max_bytes, t);
    failing_alloc_fail_at(0, false);
    reap(fp, child);
    return st;
}

static void stream_of_unknown_size_grows(void **state)
{
    (void)state;
    validate_text t = VALIDATE_TEXT_INIT;
    assert_int_equal(read_pipe(200000, 1000000, 0, &t), OAS_OK);
    assert_pattern(&t, 200000);
    validate_text_free(&t);
}

static void stream_over_limit_refused(void **state)
{
    (void)state;
    validate_text t = VALIDATE_TEXT_INIT;
    assert_int_equal(read_pipe(200000, 150000, 0, &t), OAS_ERR_JSON_LIMIT);
    assert_int_equal(t.len, 0);
    assert_true(t.cap <= 150002);
    validate_text_free(&t);
}

/* A limit smaller than a read: the stream still reads to its end. */
static void stream_under_small_limit_read_whole(void **state)
{
    (void)state;
    for (size_t len = 0; len <= 101; len += 50) {
        validate_text t = VALIDATE_TEXT_INIT;
        oas_status st = read_pipe(len, 100, 0, &t);
        if (len <= 100) {
            assert_int_equal(st, OAS_OK);
            assert_pattern(&t, len);
        } else {
            assert_int_equal(st, OAS_ERR_JSON_LIMIT);
        }
        validate_text_free(&t);
    }
}

/* Standard input may come partly read: what is left is what counts, and
 * the limit applies to it. */
static void partly_read_standard_input(void **state)
{
    (void)state;
    FILE *fp = file_of(300);
    int saved = dup(STDIN_FILENO);
    assert_true(saved >= 0);
    assert_int_equal(dup2(fileno(fp), STDIN_FILENO), STDIN_FILENO);
    assert_int_equal(lseek(STDIN_FILENO, 250, SEEK_SET), 250);
    validate_text t = VALIDATE_TEXT_INIT;
    assert_int_equal(validate_read_into(stdin, 100, &t), OAS_OK);
    assert_int_equal(t.len, 50);
    assert_memory_equal(t.bytes, "qrstuvwxyz", 10); /* byte 250 is 'a' + 250 % 26 */
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
    close(saved);
    fclose(fp);
    validate_text_free(&t);
}

static void every_allocation_failure_reported(void **state)
{
    (void)state;
    failing_alloc_install();
    size_t refused = 0;
    for (size_t n = 1; n < 20; n++) {
        validate_text t = VALIDATE_TEXT_INIT;
        oas_status st = read_pipe(300000, 1000000, n, &t);
        if (st == OAS_OK) {
            assert_pattern(&t, 300000);
        } else {
            assert_int_equal(st, OAS_ERR_NOMEM);
            assert_int_equal(t.len, 0);
            refused++;
        }
        validate_text_free(&t);
        assert_int_equal(failing_alloc_live(), 0);
    }
    assert_true(refused >= 3); /* 64 KiB, then doubled to 128, 256, 512 KiB */
    failing_alloc_uninstall();
}

static void trim_gives_back_only_large_buffers(void **state)
{
    (void)state;
    validate_text t = VALIDATE_TEXT_INIT;
    FILE *small = file_of(1000), *large = file_of((size_t)2 << 20);
    assert_int_equal(validate_read_into(small, (size_t)4 << 20, &t), OAS_OK);
    validate_text_trim(&t);
    assert_non_null(t.bytes);
    assert_int_equal(t.len, 0);
    assert_int_equal(validate_read_into(large, (size_t)4 << 20, &t), OAS_OK);
    validate_text_trim(&t);
    assert_null(t.bytes);
    assert_int_equal(t.cap, 0);
    fclose(small);
    fclose(large);
}

/* A batch takes the file's buffer and gives its own back: nothing copied. */
static void batch_and_text_swap_buffers(void **state)
{
    (void)state;
    validate_batch b;
    validate_batch_init(&b);
    validate_text t = VALIDATE_TEXT_INIT;
    FILE *first = file_of(70), *second = file_of(30);
    assert_int_equal(validate_read_into(first, 1000, &t), OAS_OK);
    const char *first_buffer = t.bytes;
    assert_true(validate_batch_adopt(&b, "first.json", &t));
    assert_ptr_equal(b.text, first_buffer);
    assert_int_equal(b.len, 70);
    assert_int_equal(b.count, 1);
    assert_int_equal(b.items[0].len, 70);
    assert_string_equal(b.source_name.data + b.items[0].source_at, "first.json");
    assert_null(t.bytes); /* the new batch had none */
    assert_int_equal(validate_read_into(second, 1000, &t), OAS_OK);
    const char *second_buffer = t.bytes;
    assert_true(validate_batch_adopt(&b, "second.json", &t));
    assert_ptr_equal(b.text, second_buffer);
    assert_int_equal(b.len, 30);
    assert_ptr_equal(t.bytes, first_buffer);
    assert_int_equal(t.len, 0);
    fclose(first);
    fclose(second);
    validate_text_free(&t);
    validate_batch_free(&b);
}

/* The lines ndjson_reader gives, as "line_no:offset:text|" each. */
static void lines_of(ndjson_reader *r, char *out, size_t cap)
{
    size_t at = 0;
    ndjson_line line;
    ndjson_event ev;
    out[0] = '\0';
    while ((ev = ndjson_reader_next(r, &line)) == NDJSON_LINE || ev == NDJSON_TOO_LONG)
        at += (size_t)snprintf(out + at, cap - at, "%lu:%zu:%.*s|", line.line_no, line.offset,
                               ev == NDJSON_LINE ? (int)line.len : 4,
                               ev == NDJSON_LINE ? line.bytes : "LONG");
    assert_int_equal(ev, NDJSON_END);
}

/* ndjson_reader_open over fp: read whole (borrowed) or streamed, and the
 * lines it gives. */
static void expect_lines(FILE *fp, size_t small_max, bool whole, const char *want,
                         validate_text *t)
{
    char got[200];
    ndjson_reader r;
    ndjson_reader_open(&r, fp, 10, small_max, t);
    assert_int_equal(r.borrowed, whole);
    lines_of(&r, got, sizeof got);
    assert_string_equal(got, want);
    ndjson_reader_free(&r);
}

/* A small regular file is read whole and framed in memory, anything else
 * streamed: the same lines either way. */
static void ndjson_small_files_read_whole(void **state)
{
    (void)state;
    const char *text = "{\"a\":1}\r\n\n[1,2,3,4,5,6,7,8,9]\n{}";
    const char *want = "1:0:{\"a\":1}|2:9:|3:10:LONG|4:30:{}|";
    validate_text t = VALIDATE_TEXT_INIT;
    FILE *fp = tmpfile();
    assert_non_null(fp);
    fputs(text, fp);
    fflush(fp);
    rewind(fp);
    expect_lines(fp, 100, true, want, &t);
    rewind(fp);
    expect_lines(fp, 20, false, want, &t); /* larger than small_max */
    fclose(fp);
    int fds[2]; /* a pipe */
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], text, strlen(text)), (ssize_t)strlen(text));
    close(fds[1]);
    fp = fdopen(fds[0], "rb");
    expect_lines(fp, 100, false, want, &t);
    fclose(fp);
    validate_text_free(&t);
}

/* A file by name in dir, holding text. */
static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fputs(text, fp) >= 0, 1);
    assert_int_equal(fclose(fp), 0);
}

/* Files handed to a checking thread by path: each read there and checked
 * in order, one that cannot be opened or is over the limit left for the
 * caller to report, with why. */
static void batch_of_paths_read_and_checked_in_order(void **state)
{
    (void)state;
    char dir[] = "/tmp/validate_read_XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_file(dir, "a.json", "{\"href\":\"/a\"}");
    write_file(dir, "b.json", "{\"href\":7}");
    write_file(dir, "big.json", "{\"href\":\"/0123456789012345678901234567890123456789\"}");
    const oas_schema_entry *e = oas_registry_find_schema(&ld_registry, "Link");
    assert_non_null(e);
    validate_target target = {.validate = e->validate};
    snprintf(target.label, sizeof target.label, "Link");
    validate_settings s = {.target = &target, .format = VALIDATE_FORMAT_TEXT,
                           .show = VALIDATE_SHOW_ALL, .max_document = 40};
    validate_batch b;
    validate_batch_init(&b);
    assert_true(validate_batch_begin_files(&b));
    const char *names[] = {"a.json", "missing.json", "big.json", "b.json"};
    char paths[4][512];
    for (size_t i = 0; i < 4; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", dir, names[i]);
        assert_true(validate_batch_add_path(&b, paths[i], BATCH_FILE_DOCUMENT));
    }
    assert_int_equal(b.count, 4);
    validate_scratch scratch;
    validate_scratch_init(&scratch);
    validate_batch_check(&b, &s, &scratch);
    assert_int_equal(b.items[0].read_status, OAS_OK);
    assert_int_equal(b.items[1].read_status, OAS_ERR_IO);
    assert_int_equal(b.items[1].read_errno, ENOENT);
    assert_int_equal(b.items[2].read_status, OAS_ERR_JSON_LIMIT);
    assert_int_equal(b.items[3].read_status, OAS_OK);
    assert_string_equal(b.source_name.data + b.items[1].source_at, paths[1]);
    assert_int_equal(b.stats.documents, 2);
    assert_int_equal(b.stats.valid, 1);
    assert_int_equal(b.stats.invalid, 1);
    assert_int_equal(b.files_read, 2);
    assert_int_equal(b.bytes_read, strlen("{\"href\":\"/a\"}") + strlen("{\"href\":7}"));
    char want[600];
    snprintf(want, sizeof want, "%s:1:9: error: /href: must be string, found integer 7\n", paths[3]);
    assert_non_null(b.out.data);
    assert_string_equal(b.out.data, want);
    /* begun again: empty; a HAR capture is checked entry by entry */
    assert_true(validate_batch_begin_files(&b));
    assert_int_equal(b.count, 0);
    assert_int_equal(b.files_read, 0);
    assert_int_equal(b.bytes_read, 0);
    s.reg = &ld_registry;
    s.max_document = 1 << 20;
    assert_true(validate_batch_add_path(&b, "tests/data/har/valid.har", BATCH_FILE_HAR));
    assert_true(validate_batch_add_path(&b, paths[3], BATCH_FILE_DOCUMENT));
    validate_batch_check(&b, &s, &scratch);
    assert_int_equal(b.items[0].read_status, OAS_OK);
    assert_int_equal(b.stats.documents, 3); /* the capture's 2 entries, then b.json */
    assert_int_equal(b.stats.valid, 2);
    assert_int_equal(b.stats.invalid, 1);
    assert_int_equal(b.items[0].out_end, 0); /* valid entries print nothing in text */
    assert_string_equal(b.out.data, want);
    /* an NDJSON file, a document per line as --jobs 1 reads it */
    char lines[100];
    snprintf(lines, sizeof lines, "%s/c.ndjson", dir);
    write_file(dir, "c.ndjson", "{\"href\":\"/a\"}\n\n{\"href\":7}\r\n{\"href\"");
    assert_true(validate_batch_begin_files(&b));
    assert_true(validate_batch_add_path(&b, lines, BATCH_FILE_NDJSON));
    validate_batch_check(&b, &s, &scratch);
    assert_int_equal(b.items[0].read_status, OAS_OK);
    assert_int_equal(b.stats.documents, 3);
    assert_int_equal(b.stats.valid, 1);
    assert_int_equal(b.stats.invalid, 1);
    assert_int_equal(b.stats.malformed, 1);
    assert_int_equal(b.files_read, 1);
    /* each line's content and one byte for its end, as --jobs 1 counts
     * progress ("\r" not counted) */
    assert_int_equal(b.bytes_read, (13 + 1) + (0 + 1) + (10 + 1) + (7 + 1));
    char want_lines[600];
    snprintf(want_lines, sizeof want_lines,
             "%s:3:9: error: /href: must be string, found integer 7\n"
             "%s:4:8: error: malformed JSON (byte offset 34): unexpected end of input, expected ':'\n",
             lines, lines);
    assert_string_equal(b.out.data, want_lines);
    unlink(lines);
    validate_scratch_free(&scratch);
    validate_batch_free(&b);
    for (size_t i = 0; i < 4; i++)
        unlink(paths[i]);
    assert_int_equal(rmdir(dir), 0);
}

/* About a block's worth of files to a batch, by the size of those read. */
static void files_per_batch_follow_their_size(void **state)
{
    (void)state;
    assert_int_equal(validate_batch_files_wanted(0, 0), 1); /* nothing known yet */
    assert_int_equal(validate_batch_files_wanted(1, (size_t)1 << 20), 1);
    assert_int_equal(validate_batch_files_wanted(1, VALIDATE_BATCH_BYTES), 1);
    assert_int_equal(validate_batch_files_wanted(2, VALIDATE_BATCH_BYTES), 2);
    assert_int_equal(validate_batch_files_wanted(4, VALIDATE_BATCH_BYTES), 4);
    assert_int_equal(validate_batch_files_wanted(10, 37000), VALIDATE_BATCH_FILES);
    assert_int_equal(validate_batch_files_wanted(5, 0), VALIDATE_BATCH_FILES); /* empty files */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(regular_file_read_whole),
        cmocka_unit_test(smaller_file_after_larger_needs_no_allocation),
        cmocka_unit_test(file_over_limit_refused_unread),
        cmocka_unit_test(size_zero_regular_file_read_to_its_end),
        cmocka_unit_test(stream_of_unknown_size_grows),
        cmocka_unit_test(stream_over_limit_refused),
        cmocka_unit_test(stream_under_small_limit_read_whole),
        cmocka_unit_test(partly_read_standard_input),
        cmocka_unit_test(every_allocation_failure_reported),
        cmocka_unit_test(trim_gives_back_only_large_buffers),
        cmocka_unit_test(batch_and_text_swap_buffers),
        cmocka_unit_test(batch_of_paths_read_and_checked_in_order),
        cmocka_unit_test(files_per_batch_follow_their_size),
        cmocka_unit_test(ndjson_small_files_read_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
