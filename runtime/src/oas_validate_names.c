/* oas_validate_names.c - keywords about an object's member names:
 * propertyNames (each name against a schema) and dependentRequired (a
 * member that requires others). */
#include "oas_validate_internal.h"

void oas_v_property_names(oas_vctx *c, const oas_json *obj, const char *kw, oas_validate_fn fn)
{
    for (size_t i = 0; i < obj->u.obj.count && !c->stopped; i++) {
        const oas_json_member *m = &obj->u.obj.members[i];
        /* the name as a string instance, located at the key */
        oas_json name = {.type = OAS_JSON_STRING, .offset = m->key_offset,
                         .u.str = {m->key, m->key_len}};
        oas_v_apply(c, &name, kw, fn);
    }
}

static void fail_dependent(oas_vctx *c, const oas_json *obj, const char *sloc,
                           const oas_v_dependent *d, const oas_v_req *missing)
{
    if (!oas_v_fail_begin(c, obj->offset))
        return;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_buf_puts(&p, "{\"property\":");
    oas_buf_json_string(&p, d->name, d->len);
    oas_buf_puts(&p, ",\"missingProperty\":");
    oas_buf_json_string(&p, missing->name, missing->len);
    oas_buf_putc(&p, '}');
    oas_buf_puts(&m, "must have property ");
    oas_buf_json_string(&m, missing->name, missing->len);
    oas_buf_puts(&m, " when property ");
    oas_buf_json_string(&m, d->name, d->len);
    oas_buf_puts(&m, " is present");
    oas_v_record(c, "dependentRequired", sloc, obj->offset, &p, &m);
}

void oas_v_dependent_required(oas_vctx *c, const oas_json *obj, const char *sloc,
                              const oas_v_dependent *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!oas_json_get(obj, d[i].name, d[i].len))
            continue;
        for (size_t j = 0; j < d[i].count; j++)
            if (!oas_json_get(obj, d[i].deps[j].name, d[i].deps[j].len))
                fail_dependent(c, obj, sloc, &d[i], &d[i].deps[j]);
    }
}
