/* validate_paths.c - expand `validate`'s arguments into files: directory
 * walks, glob(3) patterns and "**" walks (validate_paths.h). */
#define _DEFAULT_SOURCE /* DT_* and lstat on glibc under -std=c11 */
#include "validate_paths.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "oas_alloc.h"
#include "oas_buf.h"
#include "term_print.h"

typedef struct walk {
    validate_path_fn fn;
    void *ctx;
    const char *prog;
    FILE *err;
    const char *pattern; /* what follows "**", or NULL: the document names */
    size_t pattern_parts; /* its '/'-separated parts */
    bool har_only;        /* --har: a walk picks *.har only */
    size_t found;         /* files passed to fn */
    bool ok;
} walk;

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

bool validate_path_is_ndjson(const char *name)
{
    return ends_with(name, ".ndjson") || ends_with(name, ".jsonl");
}

bool validate_path_is_har(const char *name) { return ends_with(name, ".har"); }

bool validate_path_is_document(const char *name)
{
    return ends_with(name, ".json") || validate_path_is_ndjson(name) || validate_path_is_har(name);
}

static void found(walk *w, const char *path)
{
    w->found++;
    w->fn(w->ctx, path);
}

static void fail(walk *w, const char *path, const char *why)
{
    term_line(w->err, "%s: %s: %s", w->prog, path, why);
    w->ok = false;
}

static size_t count_parts(const char *s)
{
    size_t n = 1;
    for (; *s; s++)
        n += *s == '/';
    return n;
}

/* The last n '/'-separated parts of path. */
static const char *last_parts(const char *path, size_t n)
{
    const char *p = path + strlen(path);
    while (p > path) {
        if (p[-1] == '/' && --n == 0)
            break;
        p--;
    }
    return p;
}

static bool picked(const walk *w, const char *path, const char *name)
{
    if (!w->pattern)
        return w->har_only ? validate_path_is_har(name) : validate_path_is_document(name);
    return fnmatch(w->pattern, last_parts(path, w->pattern_parts), FNM_PATHNAME) == 0;
}

/* A directory entry: its name and what readdir says it is (DT_*), which
 * spares a stat per file on the file systems that say (DT_UNKNOWN: stat). */
typedef struct dir_entry {
    char *name;
    unsigned char type;
} dir_entry;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const dir_entry *)a)->name, ((const dir_entry *)b)->name);
}

static void free_names(dir_entry *names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        oas_free(names[i].name);
    oas_free(names);
}

/* dir's entries, sorted by name; false after reporting why */
static bool read_names(walk *w, const char *dir, dir_entry **out, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d) {
        fail(w, dir, strerror(errno));
        return false;
    }
    dir_entry *names = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            dir_entry *grown = oas_realloc_array(names, ncap, sizeof *grown);
            ok = grown != NULL;
            if (!ok)
                break;
            names = grown;
            cap = ncap;
        }
        names[n].type = e->d_type;
        ok = (names[n].name = oas_strdup(e->d_name)) != NULL;
        n += ok;
    }
    closedir(d);
    if (!ok) {
        free_names(names, n);
        fail(w, dir, oas_strerror(OAS_ERR_NOMEM));
        return false;
    }
    if (n)
        qsort(names, n, sizeof *names, by_name);
    *out = names;
    *count = n;
    return true;
}

/* The DT_* type of path, from lstat when readdir did not say; DT_UNKNOWN
 * after reporting why lstat failed. */
static unsigned char entry_type(walk *w, const char *path, unsigned char type)
{
    if (type != DT_UNKNOWN)
        return type;
    struct stat st;
    if (lstat(path, &st) != 0) {
        fail(w, path, strerror(errno));
        return DT_UNKNOWN;
    }
    return S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG
                                       : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
}

static void walk_dir(walk *w, const char *dir)
{
    dir_entry *names;
    size_t count;
    if (!read_names(w, dir, &names, &count))
        return;
    oas_buf path = OAS_BUF_INIT;
    for (size_t i = 0; i < count; i++) {
        oas_buf_reset(&path);
        if (strcmp(dir, ".") != 0) { /* "x.json", not "./x.json" */
            oas_buf_puts(&path, dir);
            if (!ends_with(dir, "/"))
                oas_buf_putc(&path, '/');
        }
        oas_buf_puts(&path, names[i].name);
        if (oas_buf_status(&path) != OAS_OK) {
            fail(w, dir, oas_strerror(OAS_ERR_NOMEM));
            break;
        }
        unsigned char type = entry_type(w, path.data, names[i].type);
        if (type == DT_DIR)
            walk_dir(w, path.data);
        else if ((type == DT_REG || type == DT_LNK) && picked(w, path.data, names[i].name))
            found(w, path.data);
    }
    oas_buf_free(&path);
    free_names(names, count);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

#define NOTHING_BELOW "no *.json, *.ndjson, *.jsonl or *.har file below it"
#define NO_HAR_BELOW "no *.har file below it"

/* A name from glob(3) or the user: a directory is walked (finding nothing
 * there is an error: the input named no document), a file passed. */
static void take(walk *w, const char *path)
{
    if (!is_dir(path)) {
        found(w, path);
        return;
    }
    size_t before = w->found;
    walk_dir(w, path);
    if (w->found == before && w->ok)
        fail(w, path, w->har_only ? NO_HAR_BELOW : NOTHING_BELOW);
}

/* ROOT, "**", then REST: every file below ROOT (itself a glob or not) whose
 * path ends in something REST matches; REST empty: the document names. */
static void expand_recursive(walk *w, const char *arg, const char *stars)
{
    size_t root_len = (size_t)(stars - arg);
    char *root = oas_malloc(root_len + 2);
    if (!root) {
        fail(w, arg, oas_strerror(OAS_ERR_NOMEM));
        return;
    }
    memcpy(root, arg, root_len);
    root[root_len] = '\0';
    if (root_len == 0)
        strcpy(root, ".");
    const char *rest = stars + 2;
    while (*rest == '/')
        rest++;
    walk sub = *w;
    sub.pattern = *rest ? rest : NULL;
    sub.pattern_parts = *rest ? count_parts(rest) : 0;
    glob_t g;
    int r = glob(root, GLOB_ONLYDIR, NULL, &g);
    if (r == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++)
            if (is_dir(g.gl_pathv[i]))
                walk_dir(&sub, g.gl_pathv[i]);
    } else {
        fail(w, arg, r == GLOB_NOSPACE ? oas_strerror(OAS_ERR_NOMEM) : "no such directory");
    }
    globfree(&g);
    w->ok = w->ok && sub.ok;
    if (r == 0 && sub.found == 0 && w->ok)
        fail(w, arg, "no file matches this pattern");
    w->found += sub.found;
    oas_free(root);
}

bool validate_expand_arg(const char *arg, bool har_only, validate_path_fn fn, void *ctx,
                         const char *prog, FILE *err)
{
    walk w = {fn, ctx, prog, err, NULL, 0, har_only, 0, true};
    struct stat st;
    bool pattern = strpbrk(arg, "*?[") != NULL;
    if (strcmp(arg, "-") == 0 || !pattern || stat(arg, &st) == 0) {
        take(&w, arg); /* a name that exists is itself, wildcards or not */
        return w.ok;
    }
    const char *stars = strstr(arg, "**");
    if (stars) {
        expand_recursive(&w, arg, stars);
        return w.ok;
    }
    glob_t g;
    int r = glob(arg, 0, NULL, &g);
    if (r == GLOB_NOMATCH) {
        /* only a '[' (from a file name, most likely): say what stat said */
        fail(&w, arg, strpbrk(arg, "*?") ? "no file matches this pattern" : strerror(ENOENT));
    } else if (r != 0) {
        fail(&w, arg, r == GLOB_NOSPACE ? oas_strerror(OAS_ERR_NOMEM) : "cannot read a directory");
    } else {
        for (size_t i = 0; i < g.gl_pathc; i++)
            take(&w, g.gl_pathv[i]);
    }
    globfree(&g);
    return w.ok;
}
