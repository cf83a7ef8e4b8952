/* oas_validate_eval.c - which members and items of an instance the
 * keywords of a schema evaluated, for unevaluatedProperties and
 * unevaluatedItems (oas_validate_impl.h). Only schemas that use those
 * keywords open a record, so others pay one pointer test per marking site. */
#include "oas_validate_internal.h"
#include "oas_alloc.h"

#include <string.h>

static size_t members_or_items(const oas_json *in)
{
    return in->type == OAS_JSON_OBJECT ? in->u.obj.count
           : in->type == OAS_JSON_ARRAY ? in->u.arr.count : 0;
}

void oas_v_eval_begin(oas_vctx *c, oas_v_eval *e, const oas_json *in)
{
    size_t n = members_or_items(in);
    e->up = c->eval;
    e->inst = in;
    e->marks = n <= sizeof e->small ? e->small : oas_calloc(n, 1);
    if (!e->marks) {
        oas_v_out_of_memory(c);
        e->marks = e->small;
        e->inst = NULL; /* nothing is marked; the run is stopped anyway */
    } else if (e->marks == e->small) {
        memset(e->small, 0, sizeof e->small);
    }
    c->eval = e;
}

void oas_v_eval_end(oas_vctx *c, oas_v_eval *e)
{
    c->eval = e->up;
    if (e->up && e->inst && e->up->inst == e->inst) {
        size_t n = members_or_items(e->inst);
        for (size_t i = 0; i < n; i++)
            e->up->marks[i] |= e->marks[i];
    }
    if (e->marks != e->small)
        oas_free(e->marks);
}

void oas_v_eval_mark_range(oas_v_eval *e, size_t from, size_t to)
{
    if (from < to)
        memset(e->marks + from, 1, to - from);
}

void oas_v_eval_save(oas_vctx *c, const oas_json *in, oas_v_eval_saved *s)
{
    s->e = oas_v_evaluating(c, in);
    if (!s->e)
        return;
    size_t n = members_or_items(in);
    s->marks = n <= sizeof s->small ? s->small : oas_malloc(n);
    if (!s->marks) {
        oas_v_out_of_memory(c);
        s->e = NULL;
        return;
    }
    if (n)
        memcpy(s->marks, s->e->marks, n);
}

void oas_v_eval_restore(oas_v_eval_saved *s, bool undo)
{
    if (!s->e)
        return;
    if (undo) {
        size_t n = members_or_items(s->e->inst);
        if (n)
            memcpy(s->e->marks, s->marks, n);
    }
    if (s->marks != s->small)
        oas_free(s->marks);
    s->e = NULL;
}

void oas_v_branch_recorded(oas_vctx *c, const oas_json *in, const char *kw, oas_validate_fn fn)
{
    oas_v_eval_saved saved;
    oas_v_eval_save(c, in, &saved);
    size_t before = c->errors; /* counted whether recorded or not */
    oas_v_apply(c, in, kw, fn);
    oas_v_eval_restore(&saved, c->errors != before);
}

/* A member or item no keyword evaluated, refused by `false`. */
static void fail_unevaluated(oas_vctx *c, const oas_json *in, const char *keyword,
                             const char *sloc, const oas_json_member *m, size_t index)
{
    if (!oas_v_fail_begin(c, in->offset))
        return;
    oas_buf p = OAS_BUF_INIT, msg = OAS_BUF_INIT;
    if (m) {
        oas_v_string_param(&p, "unevaluatedProperty", m->key, m->key_len);
        oas_buf_puts(&msg, "must NOT have unevaluated properties (");
        oas_buf_json_string(&msg, m->key, m->key_len);
        oas_buf_putc(&msg, ')');
    } else {
        oas_buf_printf(&p, "{\"unevaluatedItem\":%zu}", index);
        oas_buf_printf(&msg, "must NOT have unevaluated items (item %zu)", index);
    }
    oas_v_record(c, keyword, sloc, in->offset, &p, &msg);
}

void oas_v_unevaluated_properties(oas_vctx *c, const oas_json *obj, const char *sloc,
                                  const char *kw, oas_validate_fn fn, bool deny)
{
    oas_v_eval *e = oas_v_evaluating(c, obj);
    if (!e)
        return;
    for (size_t i = 0; i < obj->u.obj.count && !c->stopped; i++) {
        if (e->marks[i])
            continue;
        const oas_json_member *m = &obj->u.obj.members[i];
        if ((obj->flags & OAS_JSON_F_DUPKEYS) && oas_v_shadowed(c, obj, i))
            continue; /* the last occurrence counts */
        if (deny)
            fail_unevaluated(c, obj, "unevaluatedProperties", sloc, m, 0);
        else if (fn)
            oas_v_member(c, m, kw, fn);
    }
    /* a valid unevaluatedProperties evaluates what it checked */
    oas_v_eval_mark_range(e, 0, obj->u.obj.count);
}

void oas_v_unevaluated_items(oas_vctx *c, const oas_json *arr, const char *sloc, const char *kw,
                             oas_validate_fn fn, bool deny)
{
    oas_v_eval *e = oas_v_evaluating(c, arr);
    if (!e)
        return;
    for (size_t i = 0; i < arr->u.arr.count && !c->stopped; i++) {
        if (e->marks[i])
            continue;
        if (deny)
            fail_unevaluated(c, arr, "unevaluatedItems", sloc, NULL, i);
        else if (fn)
            oas_v_item(c, arr, i, kw, fn);
    }
    oas_v_eval_mark_range(e, 0, arr->u.arr.count);
}
