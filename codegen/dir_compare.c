/* dir_compare.c - compares a fresh generation with a directory, file by
 * file and byte by byte (oas2c --check). */
#include "dir_compare.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oc_alloc.h"

#define COMPARE_CHUNK 65536

typedef struct name_list {
    char **names;
    size_t count, cap;
} name_list;

static void name_list_free(name_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->names[i]);
    free(l->names);
}

/* What the emitters' names look like: <prefix>model.h, <prefix>ops_part2.c. */
static bool generated_name(const char *name, const char *prefix)
{
    size_t p = strlen(prefix), n = strlen(name);
    if (n < p + 3 || strncmp(name, prefix, p) != 0 || name[n - 2] != '.' ||
        (name[n - 1] != 'c' && name[n - 1] != 'h'))
        return false;
    for (size_t i = p; i < n - 2; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of dir (only generated names when prefix is set), sorted.
 * A missing dir is empty when missing_ok. */
static int list_dir(const char *dir, const char *prefix, bool missing_ok, name_list *out, FILE *report)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (missing_ok && errno == ENOENT)
            return 0;
        fprintf(report, "oas2c: %s: cannot read the directory: %s\n", dir, strerror(errno));
        return -1;
    }
    struct dirent *e;
    while ((errno = 0, e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (prefix && !generated_name(e->d_name, prefix))
            continue;
        oc_grow(&out->names, &out->cap, out->count, sizeof *out->names);
        out->names[out->count++] = oc_strdup(e->d_name);
    }
    int failed = errno;
    closedir(d);
    if (failed) {
        fprintf(report, "oas2c: %s: cannot read the directory: %s\n", dir, strerror(failed));
        return -1;
    }
    if (out->count)
        qsort(out->names, out->count, sizeof *out->names, by_name);
    return 0;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    return oc_printf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
}

/* Reads up to COMPARE_CHUNK bytes; -1 after reporting a read error. */
static long read_chunk(FILE *f, const char *path, char *buf, FILE *report)
{
    size_t got = fread(buf, 1, COMPARE_CHUNK, f);
    if (ferror(f)) {
        fprintf(report, "oas2c: %s: cannot read: %s\n", path, strerror(errno));
        return -1;
    }
    return (long)got;
}

/* 1 when the two files hold the same bytes, 0 when not, -1 after an error. */
static int same_bytes(const char *a, const char *b, FILE *report)
{
    FILE *fa = fopen(a, "rb");
    FILE *fb = fa ? fopen(b, "rb") : NULL;
    int same = -1;
    if (!fb) {
        fprintf(report, "oas2c: %s: cannot open: %s\n", fa ? b : a, strerror(errno));
    } else {
        char *ba = oc_malloc(COMPARE_CHUNK), *bb = oc_malloc(COMPARE_CHUNK);
        for (;;) {
            long na = read_chunk(fa, a, ba, report), nb = read_chunk(fb, b, bb, report);
            if (na < 0 || nb < 0)
                break;
            if (na != nb || memcmp(ba, bb, (size_t)na) != 0) {
                same = 0;
                break;
            }
            if (na == 0) {
                same = 1;
                break;
            }
        }
        free(ba);
        free(bb);
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

long dir_compare(const char *fresh, const char *dir, const char *prefix, FILE *report)
{
    name_list want = {0}, have = {0};
    long differences = -1;
    if (list_dir(fresh, NULL, false, &want, report) != 0 ||
        list_dir(dir, prefix, true, &have, report) != 0)
        goto done;
    differences = 0;
    size_t i = 0, k = 0;
    while (i < want.count || k < have.count) {
        int order = i == want.count ? 1 : k == have.count ? -1 : strcmp(want.names[i], have.names[k]);
        const char *name = order <= 0 ? want.names[i] : have.names[k];
        char *path = join(dir, name);
        const char *verdict = order < 0 ? "missing" : order > 0 ? "unexpected" : NULL;
        if (!verdict) {
            char *fresh_path = join(fresh, name);
            int same = same_bytes(fresh_path, path, report);
            free(fresh_path);
            if (same < 0) {
                free(path);
                differences = -1;
                goto done;
            }
            verdict = same ? NULL : "differs";
        }
        if (verdict) {
            fprintf(report, "oas2c: %s: %s\n", path, verdict);
            differences++;
        }
        free(path);
        i += order <= 0;
        k += order >= 0;
    }
done:
    name_list_free(&want);
    name_list_free(&have);
    return differences;
}

/* The scratch directory not yet removed: the generator exits on out of
 * memory (oc_out_of_memory), and a --check must not leave one behind then. */
static const char *pending_scratch;

/* Removes the files directly in dir, then dir, allocating nothing (it also
 * runs at exit after an allocation failed). */
static int remove_flat_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            rc |= unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
    return rc | rmdir(dir);
}

static void remove_pending_scratch(void)
{
    if (pending_scratch)
        (void)remove_flat_dir(pending_scratch);
}

char *dir_scratch_make(FILE *report)
{
    static bool cleanup_registered;
    const char *tmp = getenv("TMPDIR");
    char *path = oc_printf("%s/oas2c-check-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!cleanup_registered && atexit(remove_pending_scratch) != 0) {
        fprintf(report, "oas2c: cannot register the removal of a scratch directory\n");
        free(path);
        return NULL;
    }
    cleanup_registered = true;
    if (!mkdtemp(path)) {
        fprintf(report, "oas2c: %s: cannot create a scratch directory: %s\n", path, strerror(errno));
        free(path);
        return NULL;
    }
    pending_scratch = path;
    return path;
}

int dir_scratch_remove(const char *dir)
{
    if (dir == pending_scratch)
        pending_scratch = NULL;
    return remove_flat_dir(dir);
}
