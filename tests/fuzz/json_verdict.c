/* json_verdict.c - prints the strict reader's verdict on each file given,
 * one "accept|reject-<class>\t<path>" line per file, for the differential
 * against Python's json module (json_differential.py). */
#include <stdio.h>
#include <stdlib.h>

#include "oas_json.h"

static const char *verdict(const char *bytes, size_t len)
{
    oas_json_doc *doc = NULL;
    oas_error err;
    if (oas_json_parse(bytes, len, NULL, &doc, &err) == OAS_OK) {
        oas_json_doc_free(doc);
        return "accept";
    }
    switch (err.code) {
    case OAS_ERR_JSON_SYNTAX: return "reject-syntax";
    case OAS_ERR_JSON_UTF8: return "reject-utf8";
    case OAS_ERR_JSON_DEPTH: return "reject-depth";
    case OAS_ERR_JSON_NUMBER: return "reject-number";
    default: return "reject-other";
    }
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        size_t cap = 1 << 16, len = 0, n;
        char *buf = malloc(cap);
        while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0)
            if ((len += n) == cap)
                buf = realloc(buf, cap *= 2);
        fclose(f);
        if (!buf)
            return 2;
        printf("%s\t%s\n", verdict(buf, len), argv[i]);
        free(buf);
    }
    return 0;
}
