/* model_fixture.h - test data shared by the typed-model tests of the
 * generated ld_ binding: the realistic InsightScores document in
 * tests/data/model/ and a text-substitution helper for its mutations. */
#ifndef MODEL_FIXTURE_H
#define MODEL_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole file, NUL-terminated, length in *len; aborts the test program
 * when it is missing (a broken checkout, not a test outcome). */
static inline char *fixture_read(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/model/%s", OAS_TEST_DATA_DIR, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        abort();
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (!text || fread(text, 1, (size_t)size, f) != (size_t)size)
        abort();
    fclose(f);
    text[size] = '\0';
    *len = (size_t)size;
    return text;
}

/* A copy of text with the one and only occurrence of `from` replaced by
 * `to` (aborts if `from` is absent or not unique, so a mutation can never
 * silently test the unmutated document). *at gets the byte offset of the
 * replacement. */
static inline char *fixture_replace(const char *text, const char *from, const char *to,
                                    size_t *len, size_t *at)
{
    const char *hit = strstr(text, from);
    if (!hit || strstr(hit + 1, from)) {
        fprintf(stderr, "mutation anchor not unique: %s\n", from);
        abort();
    }
    size_t head = (size_t)(hit - text), fl = strlen(from), tl = strlen(to);
    size_t total = strlen(text) - fl + tl;
    char *out = malloc(total + 1);
    if (!out)
        abort();
    memcpy(out, text, head);
    memcpy(out + head, to, tl);
    strcpy(out + head + tl, hit + fl);
    *len = total;
    *at = head;
    return out;
}

#endif
