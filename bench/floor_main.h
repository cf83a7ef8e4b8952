/* floor_main.h - the shared driver of the parse-only floors (cjson_floor.c,
 * oas_json_floor.c, floor/rapidjson_floor.cpp) and of the per-line C++
 * validator (floor/valijson_validate.cpp): read NDJSON line by line, call
 * parse_and_free() per non-blank line, print `documents N invalid M seconds S`
 * where "invalid" counts lines parse_and_free() rejected (a floor does not
 * validate: only malformed lines). A FILE named *.json is one document,
 * read whole (as `ldrest validate FILE.json` reads it: bench/shapes.sh's
 * documents, one of them pretty-printed over many lines).
 * Each program defines parse_and_free() and then includes this file; one
 * that defines FLOOR_TAKES_SCHEMA also defines floor_setup(SCHEMA), called
 * before the clock starts, and takes `SCHEMA FILE`. C and C++. */
#ifndef BENCH_FLOOR_MAIN_H
#define BENCH_FLOOR_MAIN_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool parse_and_free(const char *line, size_t len);
#ifdef FLOOR_TAKES_SCHEMA
static bool floor_setup(const char *schema_path);
#define FLOOR_ARGS 3
#define FLOOR_USAGE "SCHEMA.json FILE.ndjson"
#else
#define FLOOR_ARGS 2
#define FLOOR_USAGE "FILE.ndjson"
#endif

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

int main(int argc, char **argv)
{
    if (argc != FLOOR_ARGS) {
        fprintf(stderr, "usage: %s " FLOOR_USAGE " ('-' = stdin)\n", argv[0]);
        return 2;
    }
#ifdef FLOOR_TAKES_SCHEMA
    if (!floor_setup(argv[1]))
        return 2;
#endif
    const char *path = argv[FLOOR_ARGS - 1];
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!in) {
        perror(path);
        return 2;
    }
    size_t path_len = strlen(path);
    bool whole = path_len > 5 && strcmp(path + path_len - 5, ".json") == 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long documents = 0, invalid = 0;
    if (whole) { /* read to the end: the loop below then sees none */
        size_t len = 0, got;
        for (;;) {
            if (len == cap) {
                char *grown = (char *)realloc(line, cap = cap ? cap * 2 : 1 << 20);
                if (!grown) {
                    perror(path);
                    return 2;
                }
                line = grown;
            }
            if ((got = fread(line + len, 1, cap - len, in)) == 0)
                break;
            len += got;
        }
        documents = 1;
        invalid = !parse_and_free(line, len);
    }
    while (!whole && (n = getline(&line, &cap, in)) != -1) {
        if (is_blank(line, (size_t)n))
            continue;
        documents++;
        if (!parse_and_free(line, (size_t)n))
            invalid++;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    free(line);
    if (in != stdin)
        fclose(in);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("documents %lu invalid %lu seconds %.6f\n", documents, invalid, seconds);
    return 0;
}

#endif
