/* resolve_params.c - parameters whose schema admits exactly one value: the
 * client can send that value itself when the caller gives none, so an API
 * that wants a fixed header or query value (an opt-in, a version) needs no
 * argument for it. */
#include <stdlib.h>
#include <string.h>

#include "oc_alloc.h"
#include "resolve_ctx.h"

/* The single value a schema allows, or NULL: `const`, else an enum of one. */
static const ir_value *single_value(const ir_schema *s)
{
    if (s->const_value)
        return s->const_value;
    return s->has_enum && s->enum_count == 1 ? s->enum_values[0] : NULL;
}

/* Does `type` (when present) let v through? An enum of one that its own
 * type rejects admits nothing, so it is no constant either. */
static bool type_admits(unsigned types, const ir_value *v)
{
    if (!types)
        return true;
    switch (v->kind) {
    case IRV_STRING: return types & IR_T_STRING;
    case IRV_BOOL: return types & IR_T_BOOLEAN;
    case IRV_NUMBER:
        return (types & IR_T_NUMBER) ||
               ((types & IR_T_INTEGER) && !strpbrk(v->text, ".eE"));
    default: return false;
    }
}

static char *constant_text(const ir_param *p)
{
    const ir_schema *s = p->schema ? ir_deref(p->schema) : NULL;
    if (!s || s->boolean_schema >= 0 || (s->types & (IR_T_ARRAY | IR_T_OBJECT)))
        return NULL;
    const ir_value *v = single_value(s);
    if (!v || !type_admits(s->types, v))
        return NULL;
    switch (v->kind) {
    case IRV_BOOL: return oc_strdup(v->boolean ? "true" : "false");
    case IRV_NUMBER: return oc_strndup(v->text, v->len);
    case IRV_STRING:
        /* A C string cannot carry a NUL; such a value stays the caller's. */
        return memchr(v->text, '\0', v->len) ? NULL : oc_strndup(v->text, v->len);
    default: return NULL;
    }
}

void resolve_param_constants(ir_spec *spec)
{
    for (size_t i = 0; i < spec->operation_count; i++) {
        ir_operation *op = &spec->operations[i];
        for (size_t k = 0; k < op->param_count; k++) {
            free(op->params[k].constant);
            op->params[k].constant = constant_text(&op->params[k]);
        }
    }
}
