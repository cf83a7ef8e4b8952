/* oas_json_write.c - compact JSON output of a node, iterative like the
 * parser so that any document the parser accepted can be written back. */
#include "oas_json_internal.h"

#include "oas_alloc.h"

typedef struct write_frame {
    const oas_json *node;
    size_t next; /* index of the next child to write */
} write_frame;

static void write_scalar(const oas_json *v, oas_buf *out)
{
    switch ((oas_json_type)v->type) {
    case OAS_JSON_NULL: oas_buf_append(out, "null", 4); break;
    case OAS_JSON_FALSE: oas_buf_append(out, "false", 5); break;
    case OAS_JSON_TRUE: oas_buf_append(out, "true", 4); break;
    case OAS_JSON_NUMBER: /* a node built by hand may have no text: its value then */
        if (v->u.num.text)
            oas_buf_puts(out, v->u.num.text);
        else if (v->flags & OAS_JSON_F_INT64)
            oas_buf_json_int64(out, v->u.num.i);
        else
            oas_buf_json_double(out, v->u.num.dbl);
        break;
    case OAS_JSON_STRING: oas_buf_json_string(out, v->u.str.ptr, v->u.str.len); break;
    default: break;
    }
}

static size_t child_count(const oas_json *v)
{
    return v->type == OAS_JSON_ARRAY ? v->u.arr.count : v->u.obj.count;
}

void oas_json_write(const oas_json *v, oas_buf *out)
{
    if (!out || out->failed)
        return;
    if (!v) {
        out->failed = OAS_ERR_INVALID_ARG;
        return;
    }
    write_frame small[64];
    write_frame *stack = small;
    size_t depth = 0, cap = 64;
    const oas_json *pending = v; /* the next value to start writing */
    for (;;) {
        if (pending) {
            if (pending->type != OAS_JSON_ARRAY && pending->type != OAS_JSON_OBJECT) {
                write_scalar(pending, out);
            } else {
                oas_buf_putc(out, pending->type == OAS_JSON_ARRAY ? '[' : '{');
                if (depth == cap) {
                    write_frame *grown = oas_realloc_array(stack == small ? NULL : stack, cap * 2, sizeof *grown);
                    if (!grown) {
                        out->failed = OAS_ERR_NOMEM;
                        break;
                    }
                    if (stack == small)
                        for (size_t i = 0; i < depth; i++)
                            grown[i] = small[i];
                    stack = grown;
                    cap *= 2;
                }
                stack[depth++] = (write_frame){pending, 0};
            }
            pending = NULL;
        }
        if (depth == 0 || out->failed)
            break;
        write_frame *top = &stack[depth - 1];
        const oas_json *node = top->node;
        if (top->next == child_count(node)) {
            oas_buf_putc(out, node->type == OAS_JSON_ARRAY ? ']' : '}');
            depth--;
            continue;
        }
        if (top->next > 0)
            oas_buf_putc(out, ',');
        if (node->type == OAS_JSON_ARRAY) {
            pending = &node->u.arr.items[top->next];
        } else {
            const oas_json_member *m = &node->u.obj.members[top->next];
            oas_buf_json_string(out, m->key, m->key_len);
            oas_buf_putc(out, ':');
            pending = &m->value;
        }
        top->next++;
    }
    if (stack != small)
        oas_free(stack);
}
