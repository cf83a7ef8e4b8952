/* ir_dump.c - prints the resolved IR, one line per schema and operation. */
#include "ir_dump.h"

#include <string.h>

#include "diag.h"

/* Text from the spec (locations, paths, names): escaped, as in messages. */
static void put_spec_text(FILE *out, const char *text)
{
    diag_put_visible(out, text, strlen(text));
}

const char *ir_ckind_name(ir_ckind k)
{
    static const char *const names[] = {"JSON", "BOOL", "INT64", "DOUBLE", "STRING",
                                        "ENUM", "STRUCT", "ARRAY", "MAP", "UNION"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

/* A reference's target by its own name (a target with keywords beside its
 * $ref is not the schema it refers to), else by what it refers to. */
static const char *type_name_of(const ir_schema *s)
{
    const char *name = s->type_name ? s->type_name : ir_deref(s)->type_name;
    return name ? name : "-";
}

/* " $dynamicRef->T", as $ref shows its target; a dynamic one adds the
 * anchor's schema in each resource that declares it (T being the static
 * fallback): " $dynamicRef->T #node->{A B}". */
static void dump_dynamic_ref(const ir_schema *s, FILE *out)
{
    if (!s->dynamic_ref_target)
        return;
    fprintf(out, " $dynamicRef->%s", type_name_of(s->dynamic_ref_target));
    if (!s->dynamic_name)
        return;
    fputs(" #", out);
    put_spec_text(out, s->dynamic_name);
    fputs("->{", out);
    const char *sep = "";
    for (size_t i = 0; i < s->dynamic_target_count; i++)
        if (s->dynamic_targets[i]) {
            fprintf(out, "%s%s", sep, type_name_of(s->dynamic_targets[i]));
            sep = " ";
        }
    fputc('}', out);
}

static void dump_schema(const ir_schema *s, FILE *out)
{
    put_spec_text(out, s->location);
    fprintf(out, " %s %s", ir_ckind_name(s->ckind), s->type_name ? s->type_name : "-");
    if (s->ref_target)
        fprintf(out, " ->%s", ir_deref(s)->type_name);
    else if (s->alias_of)
        fprintf(out, " =%s", ir_deref(s)->type_name);
    dump_dynamic_ref(s, out);
    if (s->element)
        fprintf(out, " elem=%s", ir_deref(s->element)->type_name);
    if (s->nullable)
        fputs(" nullable", out);
    if (s->recursive)
        fputs(" recursive", out);
    if (s->ckind == CK_STRUCT && !s->ref_target && !s->alias_of) {
        fputs(" {", out);
        for (size_t i = 0; i < s->model_prop_count; i++)
            fprintf(out, "%s%s%s", i ? " " : "", s->model_props[i].c_name,
                    s->model_props[i].required ? "*" : "");
        fputc('}', out);
    }
    fputc('\n', out);
}

static void dump_operation(const ir_operation *op, FILE *out)
{
    fprintf(out, "op %s ", op->method);
    put_spec_text(out, op->path);
    fprintf(out, " %s (", op->c_name ? op->c_name : "-");
    for (size_t i = 0; i < op->param_count; i++)
        fprintf(out, "%s%s:%s%s", i ? " " : "", op->params[i].c_name, op->params[i].in,
                op->params[i].required ? "*" : "");
    fputc(')', out);
    if (op->body_schema)
        fprintf(out, " body=%s", op->body_schema->type_name);
    for (size_t i = 0; i < op->response_count; i++) {
        fputc(' ', out);
        put_spec_text(out, op->responses[i].status);
        fprintf(out, "=%s", op->responses[i].schema ? op->responses[i].schema->type_name : "-");
    }
    fputc('\n', out);
}

void ir_dump(const ir_spec *spec, FILE *out)
{
    size_t histogram[CK_UNION + 1] = {0};
    for (size_t i = 0; i < spec->schema_count; i++) {
        dump_schema(spec->schemas[i], out);
        histogram[spec->schemas[i]->ckind]++;
    }
    for (size_t i = 0; i < spec->operation_count; i++)
        dump_operation(&spec->operations[i], out);
    for (size_t i = 0; i < spec->event_count; i++) {
        const ir_operation *ev = &spec->events[i];
        fputs(ev->owner_id ? "callback " : "webhook ", out);
        if (ev->owner_id) {
            put_spec_text(out, ev->owner_id);
            fputc(' ', out);
        }
        put_spec_text(out, ev->event_name);
        fputs(": ", out);
        dump_operation(ev, out);
    }
    fprintf(out, "summary: %zu schemas (%zu components, %zu inline), %zu operations;",
            spec->schema_count, spec->component_count, spec->schema_count - spec->component_count,
            spec->operation_count);
    for (int k = 0; k <= CK_UNION; k++)
        fprintf(out, " %s=%zu", ir_ckind_name((ir_ckind)k), histogram[k]);
    fputc('\n', out);
}
