/* test_dir_scratch.c - oas2c --check's scratch directory never outlives the
 * process: removed by dir_scratch_remove, and at exit when the generator
 * stops on out of memory between making and removing it. */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dir_compare.h"
#include "oc_alloc.h"

static char tmpdir[] = "/tmp/oas2c-scratch-test-XXXXXX";

static int make_tmpdir(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir))
        return -1;
    return setenv("TMPDIR", tmpdir, 1);
}

static int remove_tmpdir(void **state)
{
    (void)state;
    return rmdir(tmpdir);
}

static void write_file(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("/* generated */\n", f);
    fclose(f);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void test_scratch_is_made_under_tmpdir_and_removed_with_its_files(void **state)
{
    (void)state;
    char *scratch = dir_scratch_make(stderr);
    assert_non_null(scratch);
    assert_true(strncmp(scratch, tmpdir, strlen(tmpdir)) == 0);
    write_file(scratch, "api_model.h");
    write_file(scratch, "api_model.c");
    assert_int_equal(dir_scratch_remove(scratch), 0);
    assert_false(exists(scratch));
    free(scratch);
}

/* The child makes a scratch directory, fills it as a generation would,
 * then an allocation fails: the allocator exits 2, and the directory must
 * be gone once the child is. */
static void test_scratch_is_removed_when_the_generator_runs_out_of_memory(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        char *scratch = dir_scratch_make(stderr);
        if (!scratch)
            _exit(3);
        write_file(scratch, "api_model.h");
        if (write(fds[1], scratch, strlen(scratch) + 1) != (ssize_t)(strlen(scratch) + 1))
            _exit(4);
        close(fds[1]);
        oc_alloc_fail_at(1);
        (void)oc_malloc(16); /* refused: exits 2 */
        _exit(5);
    }
    close(fds[1]);
    char path[512] = {0};
    ssize_t n = read(fds[0], path, sizeof path - 1);
    close(fds[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 2);
    assert_true(n > 0);
    assert_true(strncmp(path, tmpdir, strlen(tmpdir)) == 0);
    assert_false(exists(path));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scratch_is_made_under_tmpdir_and_removed_with_its_files),
        cmocka_unit_test(test_scratch_is_removed_when_the_generator_runs_out_of_memory),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
