/* ir.c - small IR services: value -> JSON text, $ref following, freeing. */
#include "ir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oc_alloc.h"

typedef struct json_out {
    char *buf;
    size_t len, cap;
} json_out;

static void out_bytes(json_out *o, const char *s, size_t n)
{
    oc_grow(&o->buf, &o->cap, o->len + n, 1);
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_string(json_out *o, const char *s, size_t n)
{
    out_bytes(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            out_bytes(o, esc, 2);
        } else if (c == '\n') {
            out_bytes(o, "\\n", 2);
        } else if (c == '\t') {
            out_bytes(o, "\\t", 2);
        } else if (c == '\r') {
            out_bytes(o, "\\r", 2);
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            out_bytes(o, esc, 6);
        } else {
            out_bytes(o, (const char *)&s[i], 1);
        }
    }
    out_bytes(o, "\"", 1);
}

static void out_value(json_out *o, const ir_value *v)
{
    switch (v->kind) {
    case IRV_NULL:
        out_bytes(o, "null", 4);
        break;
    case IRV_BOOL:
        if (v->boolean)
            out_bytes(o, "true", 4);
        else
            out_bytes(o, "false", 5);
        break;
    case IRV_NUMBER:
        out_bytes(o, v->text, v->len);
        break;
    case IRV_STRING:
        out_string(o, v->text, v->len);
        break;
    case IRV_ARRAY:
        out_bytes(o, "[", 1);
        for (size_t i = 0; i < v->count; i++) {
            if (i)
                out_bytes(o, ",", 1);
            out_value(o, v->items[i]);
        }
        out_bytes(o, "]", 1);
        break;
    case IRV_OBJECT:
        out_bytes(o, "{", 1);
        for (size_t i = 0; i < v->count; i++) {
            if (i)
                out_bytes(o, ",", 1);
            out_string(o, v->keys[i], v->key_lens[i]);
            out_bytes(o, ":", 1);
            out_value(o, v->items[i]);
        }
        out_bytes(o, "}", 1);
        break;
    }
}

char *ir_value_to_json(const ir_value *v, size_t *len)
{
    json_out o = {0};
    out_value(&o, v);
    out_bytes(&o, "", 1);
    if (len)
        *len = o.len - 1;
    return o.buf;
}

bool ir_array_verdict_per_item(const ir_schema *s)
{
    for (int hops = 0; s && hops < 100000; hops++) {
        bool whole_array = s->boolean_schema >= 0 || s->dynamic_ref ||
                           (s->types && !(s->types & IR_T_ARRAY)) || s->prefix_count ||
                           s->all_of_count || s->any_of_count || s->one_of_count ||
                           s->not_schema || s->has_enum || s->const_value ||
                           s->min_items >= 0 || s->max_items >= 0 || s->unique_items ||
                           s->if_schema || s->then_schema || s->else_schema || s->contains ||
                           s->unevaluated_items || (s->ref && !s->ref_target);
        if (whole_array)
            return false;
        if (!s->ref)
            return true;
        s = s->ref_target;
    }
    return false;
}

/* s asserts nothing of an object but through its $ref: the link of a
 * chain that ir_object_array_members follows. */
static bool object_keywords_absent(const ir_schema *s)
{
    return !s->prop_count && !s->required_count && !s->addl && !s->addl_false &&
           s->min_properties < 0 && s->max_properties < 0 && !s->dependent_required_count &&
           !s->property_names;
}

/* s looks at an object's member values only through `properties`. */
static bool values_only_through_properties(const ir_schema *s)
{
    return s->boolean_schema < 0 && !s->dynamic_ref && (!s->types || (s->types & IR_T_OBJECT)) &&
           !s->all_of_count && !s->any_of_count && !s->one_of_count && !s->not_schema &&
           !s->has_enum && !s->const_value && !s->if_schema && !s->then_schema &&
           !s->else_schema && !s->pattern_prop_count && !s->dependent_schema_count &&
           !s->unevaluated_props && !(s->ref && !s->ref_target);
}

const ir_schema *ir_object_array_members(const ir_schema *s)
{
    for (int hops = 0; s && hops < 100000; hops++) {
        if (!values_only_through_properties(s))
            return NULL;
        if (s->ref) {
            if (!object_keywords_absent(s))
                return NULL; /* properties on two links: not followed */
            s = s->ref_target;
            continue;
        }
        for (size_t i = 0; i < s->prop_count; i++)
            if (ir_object_array_member_at(s, i))
                return s;
        return NULL;
    }
    return NULL;
}

bool ir_object_array_member_at(const ir_schema *owner, size_t i)
{
    return ir_array_verdict_per_item(owner->props[i].schema);
}

const ir_schema *ir_deref(const ir_schema *s)
{
    /* ir_resolve rejects $ref cycles; the bound only guards unresolved IR. */
    for (int hops = 0; s && hops < 100000; hops++) {
        if (s->ref && s->ref_target)
            s = s->ref_target;
        else if (s->alias_of)
            s = s->alias_of;
        else
            break;
    }
    return s;
}

static void props_free(ir_prop *props, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(props[i].name);
        free(props[i].c_name);
    }
    free(props);
}

static void schema_free(ir_schema *s)
{
    free(s->location);
    free(s->ref);
    free(s->dynamic_ref);
    free(s->dynamic_name);
    free(s->dynamic_targets);
    free(s->format);
    free(s->title);
    free(s->description);
    props_free(s->props, s->prop_count);
    props_free(s->model_props, s->model_prop_count);
    for (size_t i = 0; i < s->required_count; i++)
        free(s->required[i]);
    free(s->required);
    free(s->required_locs);
    free(s->prefix_items);
    free(s->all_of);
    free(s->any_of);
    free(s->one_of);
    free(s->enum_values);  /* the values themselves live in spec->values */
    free(s->minimum);
    free(s->maximum);
    free(s->exclusive_minimum);
    free(s->exclusive_maximum);
    free(s->multiple_of);
    free(s->pattern);
    free(s->discriminator_property);
    for (size_t i = 0; i < s->mapping_count; i++) {
        free(s->mapping[i].value);
        free(s->mapping[i].ref);
    }
    free(s->mapping);
    props_free(s->pattern_props, s->pattern_prop_count);
    props_free(s->dependent_schemas, s->dependent_schema_count);
    for (size_t i = 0; i < s->dependent_required_count; i++) {
        free(s->dependent_required[i].name);
        for (size_t j = 0; j < s->dependent_required[i].count; j++)
            free(s->dependent_required[i].names[j]);
        free(s->dependent_required[i].names);
    }
    free(s->dependent_required);
    free(s->component_name);
    free(s->type_name);
    free(s->fn_prefix);
    free(s->validator_name);
    free(s->name_hint);
    free(s);
}

void ir_dynamic_resources_free(ir_spec *spec)
{
    for (size_t i = 0; i < spec->dynamic_resource_count; i++) {
        ir_dynamic_resource *r = &spec->dynamic_resources[i];
        for (size_t a = 0; a < r->anchor_count; a++) {
            free(r->anchors[a].name);
            free(r->anchors[a].location);
        }
        free(r->anchors);
        free(r->uri);
    }
    free(spec->dynamic_resources);
    spec->dynamic_resources = NULL;
    spec->dynamic_resource_count = 0;
}

static void operation_free(ir_operation *op)
{
    free(op->operation_id);
    free(op->method);
    free(op->path);
    free(op->summary);
    free(op->description);
    for (size_t i = 0; i < op->tag_count; i++)
        free(op->tags[i]);
    free(op->tags);
    for (size_t i = 0; i < op->param_count; i++) {
        ir_param *p = &op->params[i];
        free(p->name);
        free(p->in);
        free(p->description);
        free(p->style);
        free(p->c_name);
        free(p->constant);
    }
    free(op->params);
    free(op->body_content_type);
    for (size_t i = 0; i < op->response_count; i++) {
        ir_response *r = &op->responses[i];
        free(r->status);
        free(r->description);
        free(r->content_type);
        for (size_t k = 0; k < r->example_count; k++)
            free(r->examples[k].name);
        free(r->examples);
    }
    free(op->responses);
    for (size_t i = 0; i < op->security_count; i++)
        free(op->security[i].schemes);
    free(op->security);
    free(op->c_name);
    free(op->event_name);
    free(op->owner_id);
}

void ir_spec_free(ir_spec *spec)
{
    if (!spec)
        return;
    for (size_t i = 0; i < spec->schema_count; i++)
        schema_free(spec->schemas[i]);
    free(spec->schemas);
    free(spec->components);
    for (size_t i = 0; i < spec->location_alias_count; i++)
        free(spec->location_aliases[i].location);
    free(spec->location_aliases);
    for (size_t i = 0; i < spec->operation_count; i++)
        operation_free(&spec->operations[i]);
    free(spec->operations);
    for (size_t i = 0; i < spec->event_count; i++)
        operation_free(&spec->events[i]);
    free(spec->events);
    for (size_t i = 0; i < spec->server_count; i++) {
        ir_server *sv = &spec->servers[i];
        free(sv->name);
        free(sv->url);
        free(sv->description);
        for (size_t v = 0; v < sv->variable_count; v++) {
            free(sv->variables[v].name);
            free(sv->variables[v].default_value);
            for (size_t e = 0; e < sv->variables[v].enum_count; e++)
                free(sv->variables[v].enum_values[e]);
            free(sv->variables[v].enum_values);
        }
        free(sv->variables);
    }
    free(spec->servers);
    for (size_t i = 0; i < spec->security_scheme_count; i++) {
        ir_security_scheme *sc = &spec->security_schemes[i];
        free(sc->name);
        free(sc->in);
        free(sc->param_name);
        free(sc->http_scheme);
    }
    free(spec->security_schemes);
    for (size_t i = 0; i < spec->rate_limit_header_count; i++)
        free(spec->rate_limit_headers[i].name);
    free(spec->rate_limit_headers);
    ir_dynamic_resources_free(spec);
    free(spec->path);
    free(spec->openapi_version);
    free(spec->title);
    free(spec->api_version);
    free(spec->prefix);
    oc_arena_free(&spec->values);
    free(spec);
}
