/* test_oom.c - the generator's front end (load -> build -> resolve) under
 * allocation failure. For N = 1, 2, ... a child refuses the N-th
 * allocation (oc_alloc_fail_at) and must exit with status 2 and exactly
 * "oas2c: out of memory\n" on stderr: no signal, no sanitizer report, no
 * other message. N runs until the child succeeds, which must be exactly one
 * past the allocations a clean run makes.
 *
 * The child is a fork. Under ASan it leaves through _exit (on_exit), past
 * LeakSanitizer's exit check: on out of memory the generator exits without
 * freeing (a short-lived tool; the OS reclaims everything), by design, and
 * the check would double the run time. Under valgrind the child is this
 * program exec'd again (--oom-child N) so that it runs natively: ~6,500
 * runs under valgrind would take hours. Since the first refusal ends the
 * process, failing once and failing persistently
 * are the same run here. */
#define _DEFAULT_SOURCE /* realpath, on_exit */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdbool.h>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define OOM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OOM_ASAN 1
#endif
#endif
#include "oc_alloc.h"
#include "support_spec.h"

#define SEED_SPEC "spec/insights-scores.yaml"
#define OOM_MESSAGE "oas2c: out of memory\n"
#define MAX_RUNS 1000000ul  /* a bound, should the child never succeed */

static char self_path[PATH_MAX];

/* Child mode: 0 when the front end succeeded, 1 when it reported errors
 * (it exits 2 from inside the allocator on a refused allocation). */
static int oom_child(unsigned long n)
{
    oc_alloc_fail_at(n);
    front_result r = run_front_end(SEED_SPEC, NULL, "ld_");
    int rc = r.spec ? 0 : 1;
    if (!r.spec)
        fputs(r.diagnostics, stderr);
    front_result_free(&r);
    return rc;
}

static bool under_valgrind(void)
{
#ifdef RUNNING_ON_VALGRIND
    return RUNNING_ON_VALGRIND != 0;
#else
    return false;
#endif
}

#ifdef OOM_ASAN
static void exit_now(int status, void *unused)
{
    (void)unused;
    _exit(status);
}
#endif

/* Runs one child with its stderr in errfd; returns the wait status. */
static int run_child(unsigned long n, int errfd)
{
    assert_int_equal(ftruncate(errfd, 0), 0);
    assert_int_equal(lseek(errfd, 0, SEEK_SET), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(errfd, STDERR_FILENO);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, STDOUT_FILENO);  /* keep the test output to the parent's */
        if (under_valgrind()) {
            char arg[32];
            snprintf(arg, sizeof arg, "%lu", n);
            execl(self_path, self_path, "--oom-child", arg, (char *)NULL);
            _exit(127);
        }
#ifdef OOM_ASAN
        on_exit(exit_now, NULL);
#endif
        _exit(oom_child(n));
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static char *read_fd(int fd)
{
    off_t size = lseek(fd, 0, SEEK_END);
    assert_true(size >= 0);
    char *text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(pread(fd, text, (size_t)size, 0), size);
    text[size] = '\0';
    return text;
}

static void test_front_end_out_of_memory(void **state)
{
    (void)state;
    char errpath[] = "/tmp/oas2c-oom-XXXXXX";
    int errfd = mkstemp(errpath);
    assert_true(errfd >= 0);
    unlink(errpath);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    unsigned long n;
    for (n = 1; n <= MAX_RUNS; n++) {
        int status = run_child(n, errfd);
        char *err = read_fd(errfd);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            free(err);
            break;
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 2 || strcmp(err, OOM_MESSAGE) != 0)
            fail_msg("allocation %lu refused: %s %d, stderr:\n%s", n,
                     WIFSIGNALED(status) ? "signal" : "exit status",
                     WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), err);
        free(err);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    close(errfd);
    /* A clean run here, after the forks (a small parent forks faster),
     * gives the number of allocations. */
    unsigned long before = oc_alloc_count();
    front_result clean = run_front_end(SEED_SPEC, NULL, "ld_");
    assert_non_null(clean.spec);
    unsigned long needed = oc_alloc_count() - before;
    front_result_free(&clean);
    /* every allocation was refused once, and the one past the last is none */
    assert_int_equal(n, needed + 1);
    printf("front end of %s: %lu allocations, each refused once: exit 2 with \"%s\" every "
           "time (%.1f s)\n",
           SEED_SPEC, needed, "oas2c: out of memory",
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
}

/* Exec'd children inherit this: leaks at an out-of-memory exit are by design. */
static void asan_without_leak_check(void)
{
    const char *old = getenv("ASAN_OPTIONS");
    char opts[1024];
    snprintf(opts, sizeof opts, "%s%sdetect_leaks=0", old ? old : "", old && *old ? ":" : "");
    setenv("ASAN_OPTIONS", opts, 1);
}

int main(int argc, char **argv)
{
    if (!realpath(argv[0], self_path))
        return 1;
    if (chdir(OAS_SOURCE_DIR) != 0)
        return 1;
    if (argc == 3 && strcmp(argv[1], "--oom-child") == 0)
        return oom_child(strtoul(argv[2], NULL, 10));
    asan_without_leak_check();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_front_end_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
