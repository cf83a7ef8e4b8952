/* proc_clock.c - run a command and write its wall time, CPU time and peak
 * memory to a file, with the resolution the kernel gives:
 *
 *   proc_clock OUT CMD [ARG...]
 *
 * OUT gets one line, "wall_s cpu_s maxrss_kib exit". Wall time is
 * CLOCK_MONOTONIC from just before fork() to just after wait4() returns,
 * so it counts the command's start-up and nothing of the shell's; CPU time
 * is the child's user + system time from wait4()'s rusage, in
 * microseconds, where GNU time prints hundredths (a 60 ms run then reads
 * 0.06 or 0.07 s: +-8 %). The command's standard streams are this
 * program's. exit is the command's status, 128 + N for signal N, 127 when
 * it could not be started. bench/lib.sh's timed() uses it. Not installed. */
#define _DEFAULT_SOURCE 1 /* wait4() */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static double timeval_seconds(const struct timeval *t)
{
    return (double)t->tv_sec + (double)t->tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: proc_clock OUT CMD [ARG...]\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        fprintf(stderr, "proc_clock: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "proc_clock: fork: %s\n", strerror(errno));
        return 2;
    }
    if (pid == 0) {
        fclose(out);
        execvp(argv[2], argv + 2);
        fprintf(stderr, "proc_clock: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    pid_t got;
    while ((got = wait4(pid, &status, 0, &usage)) < 0 && errno == EINTR)
        ;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (got < 0) {
        fprintf(stderr, "proc_clock: wait4: %s\n", strerror(errno));
        return 2;
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    fprintf(out, "%.6f %.6f %ld %d\n", seconds_between(&t0, &t1),
            timeval_seconds(&usage.ru_utime) + timeval_seconds(&usage.ru_stime), usage.ru_maxrss,
            code);
    if (fclose(out) != 0) {
        fprintf(stderr, "proc_clock: %s: write failed\n", argv[1]);
        return 2;
    }
    return code;
}
