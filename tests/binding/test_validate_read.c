/* test_validate_read.c - reading whole inputs for `validate`
 * (tools/validate_input.c): one buffer kept from file to file (a smaller
 * file after a larger one is read without an allocation and ends where it
 * ends), a regular file sized from fstat but read to its real end, a file
 * over the limit refused unread, streams of unknown size, every
 * allocation failure, and whole files handed to --jobs' threads in
 * batches. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "failing_alloc.h"
#include "oas_alloc.h"
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
    fclose(fp); /* a writer still writing gets EPIPE and stops */
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
}

static void stream_of_unknown_size_grows(void **state)
{
    (void)state;
    pid_t child;
    FILE *fp = pipe_of(200000, &child);
    validate_text t = VALIDATE_TEXT_INIT;
    assert_int_equal(validate_read_into(fp, 1000000, &t), OAS_OK);
    assert_pattern(&t, 200000);
    reap(fp, child);
    validate_text_free(&t);
}

static void stream_over_limit_refused(void **state)
{
    (void)state;
    pid_t child;
    FILE *fp = pipe_of(200000, &child);
    validate_text t = VALIDATE_TEXT_INIT;
    assert_int_equal(validate_read_into(fp, 150000, &t), OAS_ERR_JSON_LIMIT);
    assert_int_equal(t.len, 0);
    assert_true(t.cap <= 150002);
    reap(fp, child);
    validate_text_free(&t);
}

static void every_allocation_failure_reported(void **state)
{
    (void)state;
    failing_alloc_install();
    size_t refused = 0;
    for (size_t n = 1; n < 20; n++) {
        pid_t child;
        FILE *fp = pipe_of(300000, &child);
        validate_text t = VALIDATE_TEXT_INIT;
        failing_alloc_fail_at(n, false);
        oas_status st = validate_read_into(fp, 1000000, &t);
        failing_alloc_fail_at(0, false);
        if (st == OAS_OK) {
            assert_pattern(&t, 300000);
        } else {
            assert_int_equal(st, OAS_ERR_NOMEM);
            assert_int_equal(t.len, 0);
            refused++;
        }
        reap(fp, child);
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

/* Whole files gathered into one batch: each its own item and name, a file
 * that cannot be read leaves the batch as it was. */
static void batch_gathers_files(void **state)
{
    (void)state;
    validate_batch b;
    validate_batch_init(&b);
    FILE *one = file_of(40), *too_long = file_of(2000), *two = file_of(7);
    assert_true(validate_batch_begin_files(&b));
    assert_int_equal(validate_batch_add_file(&b, "one.json", one, 1000), OAS_OK);
    size_t names = b.source_name.len;
    assert_int_equal(validate_batch_add_file(&b, "too_long.json", too_long, 1000),
                     OAS_ERR_JSON_LIMIT);
    assert_int_equal(b.count, 1);
    assert_int_equal(b.len, 40);
    assert_int_equal(b.source_name.len, names);
    assert_int_equal(validate_batch_add_file(&b, "two.json", two, 1000), OAS_OK);
    assert_int_equal(b.count, 2);
    assert_int_equal(b.len, 47);
    assert_int_equal(b.items[0].text_offset, 0);
    assert_int_equal(b.items[0].len, 40);
    assert_int_equal(b.items[1].text_offset, 40);
    assert_int_equal(b.items[1].len, 7);
    assert_memory_equal(b.text + 40, "abcdefg", 7);
    assert_string_equal(b.source_name.data + b.items[0].source_at, "one.json");
    assert_string_equal(b.source_name.data + b.items[1].source_at, "two.json");
    assert_int_equal(b.items[1].line_no, 1);
    assert_int_equal(b.items[1].index, 0);
    assert_false(b.stream_line);
    assert_false(validate_batch_full(&b));
    fclose(one);
    fclose(too_long);
    fclose(two);
    /* full at a block's worth of bytes */
    FILE *block = file_of(VALIDATE_BATCH_BYTES - 47);
    assert_int_equal(validate_batch_add_file(&b, "block.json", block, VALIDATE_BATCH_BYTES), OAS_OK);
    assert_true(validate_batch_full(&b));
    fclose(block);
    /* begun again: empty, buffers kept */
    assert_true(validate_batch_begin_files(&b));
    assert_int_equal(b.count, 0);
    assert_int_equal(b.len, 0);
    validate_batch_free(&b);
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
        cmocka_unit_test(every_allocation_failure_reported),
        cmocka_unit_test(trim_gives_back_only_large_buffers),
        cmocka_unit_test(batch_and_text_swap_buffers),
        cmocka_unit_test(batch_gathers_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
