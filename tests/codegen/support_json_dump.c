/* support_json_dump.c - see support_json_dump.h. */
#include "support_json_dump.h"

#include <stdlib.h>

static void dump_string(FILE *out, const char *s, size_t len)
{
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c == '\r')
            fputs("\\r", out);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void newline(FILE *out, bool pretty, int depth)
{
    if (!pretty)
        return;
    fputc('\n', out);
    for (int i = 0; i < depth; i++)
        fputs("  ", out);
}

static void dump(FILE *out, const ynode *n, bool pretty, int depth)
{
    if (n->kind == YN_SCALAR) {
        switch (n->stype) {
        case YS_STRING: dump_string(out, n->str, n->len); break;
        case YS_NULL: fputs("null", out); break;
        case YS_BOOL: fputs(n->str[0] == 't' || n->str[0] == 'T' ? "true" : "false", out); break;
        case YS_INT:
        case YS_FLOAT: fputs(n->str, out); break;
        }
        return;
    }
    bool map = n->kind == YN_MAP;
    fputc(map ? '{' : '[', out);
    for (size_t i = 0; i < n->count; i++) {
        if (i)
            fputc(',', out);
        newline(out, pretty, depth + 1);
        if (map) {
            dump_string(out, n->keys[i]->str, n->keys[i]->len);
            fputs(pretty ? ": " : ":", out);
        }
        dump(out, n->items[i], pretty, depth + 1);
    }
    if (n->count)
        newline(out, pretty, depth);
    fputc(map ? '}' : ']', out);
}

void json_dump(FILE *out, const ynode *n, bool pretty)
{
    dump(out, n, pretty, 0);
}

char *json_dump_string(const ynode *n, bool pretty)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        abort();
    json_dump(out, n, pretty);
    fclose(out);
    return text;
}
