/* call_output.c - a response body on stdout: as received (--format json,
 * or not a terminal), or for reading (--format text, or a terminal): JSON
 * indented, and every line escaped for a terminal (term_print.h), so no
 * control sequence, invalid UTF-8 or bidi control from the server gets out
 * raw. */
#include <string.h>

#include "cmd_call.h"
#include "oas_json.h"
#include "term_print.h"

static void newline_indent(oas_buf *out, size_t depth)
{
    oas_buf_putc(out, '\n');
    for (size_t i = 0; i < depth; i++)
        oas_buf_puts(out, "  ");
}

/* Recursion is bounded: the parser refuses nesting past its depth limit. */
static void write_indented(const oas_json *v, size_t depth, oas_buf *out)
{
    if (v->type == OAS_JSON_ARRAY && v->u.arr.count) {
        oas_buf_putc(out, '[');
        for (size_t i = 0; i < v->u.arr.count; i++) {
            if (i)
                oas_buf_putc(out, ',');
            newline_indent(out, depth + 1);
            write_indented(&v->u.arr.items[i], depth + 1, out);
        }
        newline_indent(out, depth);
        oas_buf_putc(out, ']');
    } else if (v->type == OAS_JSON_OBJECT && v->u.obj.count) {
        oas_buf_putc(out, '{');
        for (size_t i = 0; i < v->u.obj.count; i++) {
            const oas_json_member *m = &v->u.obj.members[i];
            if (i)
                oas_buf_putc(out, ',');
            newline_indent(out, depth + 1);
            oas_buf_json_string(out, m->key, m->key_len);
            oas_buf_puts(out, ": ");
            write_indented(&m->value, depth + 1, out);
        }
        newline_indent(out, depth);
        oas_buf_putc(out, '}');
    } else {
        oas_json_write(v, out);
    }
}

/* As received, ended by a newline. */
static void write_raw(const char *text, size_t len, FILE *out)
{
    fwrite(text, 1, len, out);
    if (len && text[len - 1] != '\n')
        fputc('\n', out);
}

/* Line by line, each escaped (a CR, or any other control, shows as \xNN);
 * the line breaks themselves stay, and the text ends with one. */
static void write_text(const char *text, size_t len, FILE *out)
{
    while (len) {
        const char *nl = memchr(text, '\n', len);
        size_t n = nl ? (size_t)(nl - text) : len;
        term_print(out, text, n);
        fputc('\n', out);
        if (!nl)
            break;
        text += n + 1;
        len -= n + 1;
    }
}

void call_print_body(const char *body, size_t len, bool pretty, FILE *out)
{
    if (!body || !len)
        return;
    if (!pretty) {
        write_raw(body, len, out);
        return;
    }
    oas_json_doc *doc = NULL;
    if (oas_json_parse(body, len, NULL, &doc, NULL) == OAS_OK) {
        oas_buf text = OAS_BUF_INIT;
        write_indented(oas_json_doc_root(doc), 0, &text);
        oas_json_doc_free(doc);
        if (oas_buf_status(&text) == OAS_OK) {
            write_text(text.data, text.len, out);
            oas_buf_free(&text);
            return;
        }
        oas_buf_free(&text);
    }
    write_text(body, len, out);
}
