/* keys_bench.c - the `keys` phase of bench/run.sh: ordinary against crafted
 * object keys, in one run, for
 *  (a) duplicate detection while parsing a 131,072-key object, and
 *  (b) duplicate reporting (oas_report_duplicate_keys, as `validate` calls it)
 *      on 65,536 keys plus one repeated key.
 * "Crafted" keys are the ones that defeated the old FNV-1a table
 * (tests/runtime/support_crafted_keys.c); both sets have the same count and
 * key length. Prints one line per case: median CPU seconds of this thread
 * over the runs (steadier than wall time on a shared machine: waiting for a
 * core does not count) and crafted/ordinary; exit status 1 when a result is
 * wrong.
 *
 * `keys_bench --write ordinary|crafted N [--repeat] FILE` writes such an
 * object instead (N keys, plus one repeat of the first with --repeat), for
 * timing `ldrest validate` on it. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oas_json.h"
#include "oas_validate_impl.h"
#include "support_crafted_keys.h"

#define MAX_RUNS 25

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, compare_doubles);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The object's text for `count` keys of the given kind (plus one repeat). */
static char *object_text(bool crafted, size_t count, bool repeat, size_t *len)
{
    size_t members = count + repeat;
    char *keys = crafted ? crafted_keys_colliding(count, members) : crafted_keys_ordinary(count);
    if (!keys)
        return NULL;
    char *json = crafted_keys_object(keys, count, repeat ? 0 : count, len);
    free(keys);
    return json;
}

/* (a): seconds to parse (and free) the object; false when the parse fails
 * or gets the duplicate flag wrong. */
static bool time_detect(const char *json, size_t len, size_t count, double *seconds)
{
    oas_json_doc *doc = NULL;
    double t0 = cpu_seconds();
    oas_status st = oas_json_parse(json, len, NULL, &doc, NULL);
    const oas_json *root = oas_json_doc_root(doc);
    bool ok = st == OAS_OK && root->u.obj.count == count && !(root->flags & OAS_JSON_F_DUPKEYS);
    oas_json_doc_free(doc);
    *seconds = cpu_seconds() - t0;
    return ok;
}

/* (b): seconds for the reporter alone on a parsed object; false unless it
 * reports exactly the one repeated key. */
static bool time_report(const oas_json *root, double *seconds)
{
    oas_report report;
    oas_report_init(&report, 0);
    double t0 = cpu_seconds();
    oas_report_duplicate_keys(root, &report, NULL);
    *seconds = cpu_seconds() - t0;
    const oas_json_member *last = &root->u.obj.members[root->u.obj.count - 1];
    bool ok = report.status == OAS_OK && report.count == 1 &&
              report.items[0].offset == last->key_offset;
    oas_report_free(&report);
    return ok;
}

typedef struct bench_case {
    const char *name;
    size_t keys;
    bool repeat; /* (b): one more member repeating a key */
} bench_case;

/* One kind of keys for a case: the object's text, parsed too for (b). */
typedef struct prepared {
    char *json;
    size_t len;
    oas_json_doc *doc;
} prepared;

static bool prepare(const bench_case *bc, bool crafted, prepared *p)
{
    p->doc = NULL;
    p->json = object_text(crafted, bc->keys, bc->repeat, &p->len);
    return p->json &&
           (!bc->repeat || oas_json_parse(p->json, p->len, NULL, &p->doc, NULL) == OAS_OK);
}

static bool time_once(const bench_case *bc, const prepared *p, double *seconds)
{
    return bc->repeat ? time_report(oas_json_doc_root(p->doc), seconds)
                      : time_detect(p->json, p->len, bc->keys, seconds);
}

/* Median seconds over `runs` for ordinary and crafted keys, measured in
 * turn so that a busy spell of the machine hits both; false on a wrong
 * result. */
static bool measure(const bench_case *bc, int runs, double *ordinary, double *crafted)
{
    prepared kinds[2];
    bool ok = prepare(bc, false, &kinds[0]);
    ok = prepare(bc, true, &kinds[1]) && ok;
    double t[2][MAX_RUNS];
    for (int r = 0; ok && r < runs; r++)
        for (int k = 0; k < 2; k++)
            ok &= time_once(bc, &kinds[k], &t[k][r]);
    for (int k = 0; k < 2; k++) {
        oas_json_doc_free(kinds[k].doc);
        free(kinds[k].json);
    }
    *ordinary = ok ? median(t[0], (size_t)runs) : 0;
    *crafted = ok ? median(t[1], (size_t)runs) : 0;
    return ok;
}

static int write_object(int argc, char **argv)
{
    bool repeat = argc == 6 && strcmp(argv[4], "--repeat") == 0;
    unsigned long count = argc >= 5 ? strtoul(argv[3], NULL, 10) : 0;
    if ((argc != 5 && !repeat) || count == 0 ||
        (strcmp(argv[2], "ordinary") != 0 && strcmp(argv[2], "crafted") != 0)) {
        fprintf(stderr, "usage: %s --write ordinary|crafted N [--repeat] FILE\n", argv[0]);
        return 2;
    }
    size_t len;
    char *json = object_text(strcmp(argv[2], "crafted") == 0, count, repeat, &len);
    FILE *f = json ? fopen(argv[argc - 1], "wb") : NULL;
    bool ok = f && fwrite(json, 1, len, f) == len;
    ok = f && fclose(f) == 0 && ok;
    free(json);
    if (!ok)
        perror(argv[argc - 1]);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--write") == 0)
        return write_object(argc, argv);
    int runs = 9;
    if (argc == 3 && strcmp(argv[1], "--runs") == 0)
        runs = atoi(argv[2]);
    if ((argc != 1 && argc != 3) || runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "usage: %s [--runs 1..%d]\n       %s --write ordinary|crafted N "
                        "[--repeat] FILE\n", argv[0], MAX_RUNS, argv[0]);
        return 2;
    }
    static const bench_case cases[] = {
        {"detect: parse a 131072-key object", 131072, false},
        {"report: duplicate keys, 65536 keys + 1 repeat", 65536, true},
    };
    int status = 0;
    printf("%-48s %12s %12s %10s\n", "runtime (median CPU s of runs)", "ordinary s",
           "crafted s", "crafted/ordinary");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double ordinary, crafted;
        bool ok = measure(&cases[i], runs, &ordinary, &crafted);
        printf("%-48s %12.4f %12.4f %9.2fx%s\n", cases[i].name, ordinary, crafted,
               ordinary > 0 ? crafted / ordinary : 0, ok ? "" : "  WRONG RESULT");
        fflush(stdout);
        if (!ok)
            status = 1;
    }
    return status;
}
