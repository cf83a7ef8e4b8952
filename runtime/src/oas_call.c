/* oas_call.c - a request from an operation descriptor and text arguments
 * (oas_call.h): gather the arguments per parameter, check presence, validate
 * parameters and body, serialize each location, add the credentials. */
#include "oas_call.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <stdio.h>

#include "oas_alloc.h"
#include "oas_buf.h"
#include "oas_http_internal.h"
#include "oas_json.h"
#include "oas_model.h"
#include "oas_model_internal.h"
#include "oas_utf8.h"

static const char *const location_names[] = {"path", "query", "header", "cookie"};

/* The arguments one parameter received, as serializer items: the first in
 * place (most parameters get one; no allocation for it), more on the heap. */
typedef struct param_args {
    oas_param_item *items; /* &first, or allocated; NULL before the first */
    size_t count, cap;
    oas_param_item first;
} param_args;

/* Header parameters named Accept, Content-Type or Authorization are ignored
 * (OpenAPI 3.x, Parameter Object): the client and the security schemes own
 * those headers. */
static bool ignored_param(const oas_param_entry *p)
{
    return p->where == OAS_PARAM_IN_HEADER &&
           (strcasecmp(p->name, "Accept") == 0 || strcasecmp(p->name, "Content-Type") == 0 ||
            strcasecmp(p->name, "Authorization") == 0);
}

/* "name" or "in:name"; NULL when nothing matches, *ambiguous when the bare
 * name occurs in two locations. */
static const oas_param_entry *find_param(const oas_operation_entry *op, const char *arg,
                                         size_t *index, bool *ambiguous)
{
    const char *colon = strchr(arg, ':');
    const oas_param_entry *found = NULL;
    *ambiguous = false;
    for (size_t i = 0; i < op->param_count; i++) {
        const oas_param_entry *p = &op->params[i];
        if (ignored_param(p))
            continue;
        bool match = strcmp(p->name, arg) == 0;
        if (!match && colon) {
            size_t in_len = (size_t)(colon - arg);
            const char *in = location_names[p->where];
            match = strlen(in) == in_len && memcmp(in, arg, in_len) == 0 &&
                    strcmp(p->name, colon + 1) == 0;
        }
        if (!match)
            continue;
        if (found && strcmp(arg, p->name) == 0) {
            *ambiguous = true;
            return NULL;
        }
        if (!found) {
            found = p;
            *index = i;
        }
    }
    return found;
}

static oas_status add_item(param_args *a, oas_param_item item)
{
    if (!a->cap) {
        a->items = &a->first;
        a->cap = 1;
    } else if (a->count == a->cap) {
        size_t cap = a->cap == 1 ? 4 : a->cap * 2;
        oas_param_item *items = oas_realloc_array(a->cap == 1 ? NULL : a->items, cap,
                                                  sizeof *items);
        if (!items)
            return OAS_ERR_NOMEM;
        if (a->cap == 1)
            items[0] = a->first;
        a->items = items;
        a->cap = cap;
    }
    a->items[a->count++] = item;
    return OAS_OK;
}

static oas_status nomem(oas_error *err)
{
    return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory building the request");
}

static oas_status gather_text(const oas_operation_entry *op, const oas_call_input *in,
                              param_args *args, oas_error *err)
{
    for (size_t i = 0; i < in->arg_count; i++) {
        const char *name = in->args[i].name, *value = in->args[i].value;
        if (!name || !value)
            return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                                 "%s: argument %zu has no name or value", op->operation_id, i + 1);
        size_t index = 0;
        bool ambiguous;
        const oas_param_entry *p = find_param(op, name, &index, &ambiguous);
        if (!p)
            return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                                 ambiguous ? "%s: parameter \"%s\" is in more than one location; "
                                             "say which as IN:NAME (e.g. query:%s)"
                                           : "%s: no parameter \"%s\"%s",
                                 op->operation_id, name, ambiguous ? name : "");
        param_args *a = &args[index];
        if (p->shape == OAS_PARAM_PRIMITIVE && a->count)
            return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                                 "%s: %s parameter \"%s\" given more than once", op->operation_id,
                                 location_names[p->where], p->name);
        oas_param_item item = {NULL, 0, value, strlen(value)};
        if (p->shape == OAS_PARAM_OBJECT) {
            const char *eq = strchr(value, '=');
            if (!eq)
                return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                                     "%s: %s parameter \"%s\" is an object: give each member as "
                                     "%s=KEY=VALUE",
                                     op->operation_id, location_names[p->where], p->name, p->name);
            item = (oas_param_item){value, (size_t)(eq - value), eq + 1, strlen(eq + 1)};
        }
        if (add_item(a, item) != OAS_OK)
            return nomem(err);
    }
    return OAS_OK;
}

/* A constant parameter (one value allowed) that got no argument gets that
 * value, so a caller never has to spell out what the spec already fixes;
 * one given by the caller stays, alone, and is validated like any other. */
static oas_status add_constants(const oas_operation_entry *op, param_args *args, oas_error *err)
{
    for (size_t i = 0; i < op->param_count; i++) {
        const oas_param_entry *p = &op->params[i];
        if (!p->constant || args[i].count || ignored_param(p))
            continue;
        oas_param_item item = {NULL, 0, p->constant, strlen(p->constant)};
        if (add_item(&args[i], item) != OAS_OK)
            return nomem(err);
    }
    return OAS_OK;
}

/* Required parameters and body present, no body where none is taken. */
static oas_status check_presence(const oas_operation_entry *op, const oas_call_input *in,
                                 const param_args *args, oas_error *err)
{
    for (size_t i = 0; i < op->param_count; i++) {
        const oas_param_entry *p = &op->params[i];
        bool required = p->required || p->where == OAS_PARAM_IN_PATH;
        if (required && !args[i].count && !ignored_param(p))
            return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                                 "%s: missing required %s parameter \"%s\"", op->operation_id,
                                 location_names[p->where], p->name);
    }
    if (in->body && !op->body)
        return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                             "%s: the operation takes no request body", op->operation_id);
    if (!in->body && op->body && op->body->required)
        return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                             "%s: a request body (%s) is required", op->operation_id,
                             op->body->content_type);
    return OAS_OK;
}

/* ---- validation --------------------------------------------------------- */

/* Whether one text goes into its parameter's JSON value as itself, a JSON
 * literal of the type the parameter says ("true"/"false" for a boolean, a
 * number for an integer or a number, any JSON for OAS_TEXT_ANY), rather
 * than as a string: text that does not spell such a value stays a string,
 * so the validator names the mismatch ("must be integer") instead of the
 * request failing to build. Number and JSON texts are parsed to tell: with
 * doc, a literal's document is kept in *doc (the JSON its text reads as),
 * else *doc is NULL. OAS_ERR_NOMEM when reading the text ran out of memory
 * (it would pass for a string, and the request get a violation it does not
 * have). */
static oas_status reads_as_literal(oas_text_kind kind, const char *text, size_t len,
                                   bool *literal, oas_json_doc **doc)
{
    *literal = false;
    if (doc)
        *doc = NULL;
    if (kind == OAS_TEXT_BOOLEAN) {
        *literal = (len == 4 && memcmp(text, "true", 4) == 0) ||
                   (len == 5 && memcmp(text, "false", 5) == 0);
    } else if (kind == OAS_TEXT_INTEGER || kind == OAS_TEXT_NUMBER || kind == OAS_TEXT_ANY) {
        oas_json_doc *parsed = NULL;
        oas_status st = oas_json_parse(text, len, NULL, &parsed, NULL);
        if (st == OAS_ERR_NOMEM)
            return st;
        *literal = len && st == OAS_OK &&
                   (kind == OAS_TEXT_ANY || oas_json_doc_root(parsed)->type == OAS_JSON_NUMBER);
        if (doc && *literal)
            *doc = parsed;
        else
            oas_json_doc_free(parsed);
    }
    return OAS_OK;
}

/* One text as the JSON value its parameter's type says it is. */
static oas_status put_json_value(oas_buf *json, oas_text_kind kind, const char *text, size_t len)
{
    bool literal;
    oas_status st = reads_as_literal(kind, text, len, &literal, NULL);
    if (st != OAS_OK)
        return st;
    if (literal)
        oas_buf_append(json, text, len);
    else
        oas_buf_json_string(json, text, len);
    return OAS_OK;
}

/* A primitive parameter's text as the JSON reader reads what
 * put_json_value writes for it, without writing and reading it back where
 * that is provably the same: a number (or OAS_TEXT_ANY) literal is written
 * as it is, so its document from reads_as_literal is that JSON (*doc);
 * "true" / "false" for a boolean, and any text that stays a string and is
 * well-formed UTF-8, become the node the reader makes of the written value
 * at offset 0 (the writer's escapes read back as the same bytes). *node is
 * NULL when none applies (the reader refuses the written string): the
 * round trip then tells why, as before. */
static oas_status read_primitive(oas_text_kind kind, const char *text, size_t len,
                                 oas_json *scalar, const oas_json **node, oas_json_doc **doc)
{
    *node = NULL;
    bool literal;
    oas_status st = reads_as_literal(kind, text, len, &literal, doc);
    if (st != OAS_OK)
        return st;
    if (literal && *doc) {
        *node = oas_json_doc_root(*doc);
    } else if (literal) {
        *scalar = (oas_json){.type = len == 4 ? OAS_JSON_TRUE : OAS_JSON_FALSE};
        *node = scalar;
    } else if (len <= (OAS_JSON_MAX_BYTES - 2) / 6 && oas_utf8_well_formed(text, len)) {
        /* escaped, the text is at most 6 times as long, and quoted */
        *scalar = (oas_json){.type = OAS_JSON_STRING, .u.str = {text, len}};
        *node = scalar;
    }
    return OAS_OK;
}

static oas_status put_param_json(oas_buf *json, const oas_param_entry *p, const param_args *a)
{
    if (p->shape == OAS_PARAM_PRIMITIVE)
        return put_json_value(json, p->text_kind, a->items[0].text, a->items[0].text_len);
    oas_status st = OAS_OK;
    oas_buf_putc(json, p->shape == OAS_PARAM_ARRAY ? '[' : '{');
    for (size_t i = 0; i < a->count && st == OAS_OK; i++) {
        if (i)
            oas_buf_putc(json, ',');
        if (p->shape == OAS_PARAM_OBJECT) {
            oas_buf_json_string(json, a->items[i].key, a->items[i].key_len);
            oas_buf_putc(json, ':');
        }
        st = put_json_value(json, p->text_kind, a->items[i].text, a->items[i].text_len);
    }
    oas_buf_putc(json, p->shape == OAS_PARAM_ARRAY ? ']' : '}');
    return st;
}

/* Move the violations of from into to, each instance location prefixed. */
static oas_status move_violations(oas_report *to, oas_report *from, const char *prefix)
{
    size_t plen = strlen(prefix);
    for (size_t i = 0; i < from->count; i++) {
        oas_violation *v = &from->items[i];
        size_t old = strlen(v->instance_location);
        char *loc = oas_malloc(plen + old + 1);
        if (!loc)
            return OAS_ERR_NOMEM;
        memcpy(loc, prefix, plen);
        memcpy(loc + plen, v->instance_location, old + 1);
        if (to->count == to->cap) {
            size_t cap = to->cap ? to->cap * 2 : 8;
            oas_violation *items = oas_realloc_array(to->items, cap, sizeof *items);
            if (!items) {
                oas_free(loc);
                return OAS_ERR_NOMEM;
            }
            to->items = items;
            to->cap = cap;
        }
        oas_free(v->instance_location);
        v->instance_location = loc;
        to->items[to->count++] = *v;
        to->total++;
    }
    from->count = 0; /* the strings now belong to `to` */
    return OAS_OK;
}

/* Validating the value at pointer could not finish: st says why. */
static oas_status could_not_check(oas_error *err, oas_status st, const char *operation_id,
                                  const char *pointer, size_t offset)
{
    return oas_error_set(err, st, pointer, offset, "%s: %s could not be checked: %s",
                         operation_id, pointer, oas_strerror(st));
}

/* Where a validated value sits in the request: "/body", or a parameter's
 * "/query/name", written only when a violation or a failure names it (most
 * values pass). */
typedef struct value_place {
    const char *fixed;            /* "/body"; NULL: the parameter's */
    const oas_param_entry *param;
    oas_buf built;                /* the parameter's, once written; empty before */
} value_place;

/* NULL when out of memory. */
static const char *place_pointer(value_place *place)
{
    if (place->fixed)
        return place->fixed;
    if (!place->built.len) {
        oas_buf_putc(&place->built, '/');
        oas_buf_puts(&place->built, location_names[place->param->where]);
        oas_buf_pointer_token(&place->built, place->param->name, strlen(place->param->name));
    }
    return oas_buf_status(&place->built) == OAS_OK ? place->built.data : NULL;
}

/* Validate instance with fn; violations join report under the place's
 * pointer. When validation cannot finish (a depth bound) err says so, and
 * where. */
static oas_status validate_into(oas_validate_fn fn, const char *location, const oas_json *instance,
                                value_place *place, const oas_call_input *in, oas_report *report,
                                const char *operation_id, oas_error *err)
{
    oas_report local;
    oas_report_init(&local, 0);
    oas_validate_options opts = {.assert_formats = in->assert_formats};
    oas_validate_run(fn, location ? location : "", instance, &local, &opts);
    oas_status st = local.status;
    /* violations to move, or a failure to tell, name the place */
    bool named = st == OAS_OK ? local.count > 0 : st != OAS_ERR_NOMEM;
    const char *prefix = named ? place_pointer(place) : NULL;
    if (named && !prefix) {
        st = OAS_ERR_NOMEM;
    } else if (named && st == OAS_OK) {
        st = move_violations(report, &local, prefix);
    } else if (named) {
        const char *at = local.stopped_at ? local.stopped_at : "";
        char pointer[OAS_ERROR_POINTER_MAX];
        snprintf(pointer, sizeof pointer, "%s%s", prefix, at);
        could_not_check(err, st, operation_id, pointer, local.stopped_offset);
    }
    oas_report_free(&local);
    return st;
}

static oas_status validate_params(const oas_operation_entry *op, const oas_call_input *in,
                                  const param_args *args, oas_report *report, oas_error *err)
{
    oas_buf json = OAS_BUF_INIT;
    value_place place = {NULL, NULL, OAS_BUF_INIT};
    oas_status st = OAS_OK;
    for (size_t i = 0; i < op->param_count && st == OAS_OK; i++) {
        const oas_param_entry *p = &op->params[i];
        if (!args[i].count || !p->validate)
            continue;
        place.param = p;
        oas_buf_reset(&place.built);
        oas_json scalar;
        const oas_json *value = NULL;
        oas_json_doc *doc = NULL;
        if (p->shape == OAS_PARAM_PRIMITIVE)
            st = read_primitive(p->text_kind, args[i].items[0].text, args[i].items[0].text_len,
                                &scalar, &value, &doc);
        oas_buf_reset(&json);
        if (st == OAS_OK && !value)
            st = put_param_json(&json, p, &args[i]);
        if (st != OAS_OK || oas_buf_status(&json) != OAS_OK) {
            oas_json_doc_free(doc);
            st = OAS_ERR_NOMEM;
            break;
        }
        if (!value) {
            st = oas_json_parse(json.data, json.len, NULL, &doc, NULL);
            value = st == OAS_OK ? oas_json_doc_root(doc) : NULL;
        }
        if (st == OAS_OK) {
            st = validate_into(p->validate, p->location, value, &place, in, report,
                               op->operation_id, err);
        } else if (st != OAS_ERR_NOMEM) {
            /* each item parsed alone, but in the array or object it nests
               one level deeper: past the nesting bound */
            const char *pointer = place_pointer(&place);
            if (pointer)
                could_not_check(err, st, op->operation_id, pointer, OAS_NO_OFFSET);
            else
                st = OAS_ERR_NOMEM;
        }
        oas_json_doc_free(doc);
    }
    oas_buf_free(&json);
    oas_buf_free(&place.built);
    /* validate_into, or the parse above, said why checking could not finish */
    return st == OAS_ERR_NOMEM ? nomem(err) : st;
}

static oas_status validate_body(const oas_operation_entry *op, const oas_call_input *in,
                                oas_report *report, oas_error *err)
{
    oas_json_doc *doc = NULL;
    oas_error perr;
    oas_status st = oas_json_parse(in->body, in->body_len, NULL, &doc, &perr);
    if (st != OAS_OK) {
        oas_error_set(err, st, NULL, perr.offset, "%s: request body: %s", op->operation_id,
                      perr.message);
        if (err) {
            err->line = perr.line;
            err->column = perr.column;
        }
        return st;
    }
    st = op->body->validate
             ? validate_into(op->body->validate, op->body->location, oas_json_doc_root(doc),
                             &(value_place){"/body", NULL, OAS_BUF_INIT}, in, report,
                             op->operation_id, err)
             : OAS_OK;
    oas_json_doc_free(doc);
    return st == OAS_ERR_NOMEM ? nomem(err) : st;
}

/* ---- serialization ------------------------------------------------------ */

static oas_status serialize(const oas_param_entry *p, const param_args *a, oas_buf *out,
                            oas_error *err)
{
    oas_param_desc desc = {p->name, p->where, p->style, p->explode, p->allow_reserved};
    oas_param_value v = {p->shape, a->items, a->count};
    return oas_param_serialize(&desc, &v, out, err);
}

/* The path template with every {name} replaced by its serialized value. */
static oas_status build_path(const oas_operation_entry *op, const param_args *args, oas_buf *target,
                             oas_error *err)
{
    const char *t = op->path;
    while (*t) {
        const char *open = strchr(t, '{');
        if (!open) {
            oas_buf_puts(target, t);
            break;
        }
        const char *close = strchr(open, '}');
        if (!close)
            return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                                 "%s: path template \"%s\" has an unclosed '{'", op->operation_id,
                                 op->path);
        oas_buf_append(target, t, (size_t)(open - t));
        size_t name_len = (size_t)(close - open - 1), i = 0;
        while (i < op->param_count &&
               !(op->params[i].where == OAS_PARAM_IN_PATH &&
                 strlen(op->params[i].name) == name_len &&
                 memcmp(op->params[i].name, open + 1, name_len) == 0))
            i++;
        if (i == op->param_count)
            return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                                 "%s: path template \"%s\" names no declared path parameter",
                                 op->operation_id, op->path);
        oas_status st = serialize(&op->params[i], &args[i], target, err);
        if (st != OAS_OK)
            return st;
        t = close + 1;
    }
    return OAS_OK;
}

/* Appends one "name=value..." piece to a query or cookie list. */
static void join_piece(oas_buf *list, const oas_buf *piece, const char *sep)
{
    if (!piece->len)
        return;
    if (list->len)
        oas_buf_puts(list, sep);
    oas_buf_append(list, piece->data, piece->len);
}

typedef struct header_list {
    oas_http_header *items;
    size_t count, cap;
} header_list;

static char *copy_text(const char *s, size_t len)
{
    char *c = oas_malloc(len + 1);
    if (c) {
        memcpy(c, s, len);
        c[len] = '\0';
    }
    return c;
}

static oas_status add_header(header_list *h, const char *name, const char *value, size_t value_len)
{
    if (h->count == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 8;
        oas_http_header *items = oas_realloc_array(h->items, cap, sizeof *items);
        if (!items)
            return OAS_ERR_NOMEM;
        h->items = items;
        h->cap = cap;
    }
    char *n = copy_text(name, strlen(name)), *v = copy_text(value, value_len);
    if (!n || !v) {
        oas_free(n);
        oas_free(v);
        return OAS_ERR_NOMEM;
    }
    h->items[h->count++] = (oas_http_header){n, v};
    return OAS_OK;
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

static const char *find_credential(const oas_call_input *in, const char *scheme)
{
    for (size_t i = 0; i < in->credential_count; i++)
        if (in->credentials[i].scheme && strcmp(in->credentials[i].scheme, scheme) == 0)
            return in->credentials[i].secret;
    return NULL;
}

static void base64(oas_buf *out, const char *s, size_t len)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned char)s[i] << 16;
        if (i + 1 < len)
            v |= (unsigned char)s[i + 1] << 8;
        if (i + 2 < len)
            v |= (unsigned char)s[i + 2];
        char q[4] = {alphabet[v >> 18 & 63], alphabet[v >> 12 & 63],
                     i + 1 < len ? alphabet[v >> 6 & 63] : '=', i + 2 < len ? alphabet[v & 63] : '='};
        oas_buf_append(out, q, 4);
    }
}

/* The first requirement whose every scheme has a credential; NULL with
 * OAS_ERR_USAGE in err when none has. Without requirements: none needed. */
static oas_status pick_requirement(const oas_registry *reg, const oas_operation_entry *op,
                                   const oas_call_input *in,
                                   const oas_security_requirement **out, oas_error *err)
{
    *out = NULL;
    for (size_t r = 0; r < op->security_count; r++) {
        const oas_security_requirement *req = &op->security[r];
        bool all = true;
        for (size_t k = 0; k < req->count && all; k++) {
            const oas_security_scheme_entry *sc = &reg->security_schemes[req->schemes[k]];
            all = sc->kind == OAS_SECURITY_OTHER || find_credential(in, sc->name);
        }
        if (all) {
            *out = req;
            return OAS_OK;
        }
    }
    if (!op->security_count)
        return OAS_OK;
    const oas_security_requirement *first = &op->security[0];
    return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                         "%s: needs a credential for security scheme \"%s\"", op->operation_id,
                         reg->security_schemes[first->schemes[0]].name);
}

/* Credentials of the chosen requirement into query, headers or cookies. */
static oas_status add_credentials(const oas_registry *reg, const oas_operation_entry *op,
                                  const oas_call_input *in, const oas_security_requirement *req,
                                  oas_buf *query, header_list *headers, oas_buf *cookies,
                                  oas_error *err)
{
    oas_buf value = OAS_BUF_INIT;
    oas_status st = OAS_OK;
    for (size_t k = 0; req && k < req->count && st == OAS_OK; k++) {
        const oas_security_scheme_entry *sc = &reg->security_schemes[req->schemes[k]];
        const char *secret = find_credential(in, sc->name);
        if (sc->kind == OAS_SECURITY_OTHER || !secret)
            continue;
        if (blank(secret)) {
            st = oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                               "%s: the credential for \"%s\" is blank", op->operation_id, sc->name);
            break;
        }
        oas_buf_reset(&value);
        if (sc->kind == OAS_SECURITY_API_KEY && sc->in != OAS_PARAM_IN_HEADER) {
            oas_param_desc d = {sc->param_name, sc->in, OAS_STYLE_FORM, true, false};
            oas_param_item item = {NULL, 0, secret, strlen(secret)};
            oas_param_value v = {OAS_PARAM_PRIMITIVE, &item, 1};
            st = oas_param_serialize(&d, &v, &value, err);
            if (st == OAS_OK)
                join_piece(sc->in == OAS_PARAM_IN_QUERY ? query : cookies, &value,
                           sc->in == OAS_PARAM_IN_QUERY ? "&" : "; ");
            continue;
        }
        if (sc->kind == OAS_SECURITY_HTTP_BEARER) {
            oas_buf_puts(&value, "Bearer ");
            oas_buf_puts(&value, secret);
        } else if (sc->kind == OAS_SECURITY_HTTP_BASIC) {
            oas_buf_puts(&value, "Basic ");
            base64(&value, secret, strlen(secret));
        } else {
            oas_buf_puts(&value, secret);
        }
        if (oas_buf_status(&value) != OAS_OK) {
            st = nomem(err);
        } else if (!oas_http_header_value_ok(value.data, value.len)) {
            st = oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                               "%s: the credential for \"%s\" contains CR, LF or NUL",
                               op->operation_id, sc->name);
        } else {
            const char *name = sc->kind == OAS_SECURITY_API_KEY ? sc->param_name : "Authorization";
            st = add_header(headers, name, value.data, value.len) == OAS_OK ? OAS_OK : nomem(err);
        }
    }
    oas_buf_free(&value);
    return st;
}

void oas_call_request_free(oas_call_request *r)
{
    if (!r)
        return;
    oas_free(r->target);
    for (size_t i = 0; i < r->header_count; i++) {
        oas_free((char *)r->headers[i].name);
        oas_free((char *)r->headers[i].value);
    }
    oas_free(r->headers);
    memset(r, 0, sizeof *r);
}

static oas_status build_locations(const oas_registry *reg, const oas_operation_entry *op,
                                  const oas_call_input *in, const param_args *args,
                                  oas_call_request *out, header_list *headers, oas_error *err)
{
    const oas_security_requirement *req;
    oas_status st = pick_requirement(reg, op, in, &req, err);
    if (st != OAS_OK)
        return st;
    oas_buf target = OAS_BUF_INIT, query = OAS_BUF_INIT, cookies = OAS_BUF_INIT,
            piece = OAS_BUF_INIT;
    st = build_path(op, args, &target, err);
    for (size_t i = 0; i < op->param_count && st == OAS_OK; i++) {
        const oas_param_entry *p = &op->params[i];
        if (!args[i].count || p->where == OAS_PARAM_IN_PATH)
            continue;
        if (p->where == OAS_PARAM_IN_QUERY || p->where == OAS_PARAM_IN_COOKIE) {
            /* straight onto the list: what join_piece would add */
            oas_buf *list = p->where == OAS_PARAM_IN_QUERY ? &query : &cookies;
            size_t mark = list->len;
            if (mark)
                oas_buf_puts(list, p->where == OAS_PARAM_IN_QUERY ? "&" : "; ");
            size_t start = list->len;
            st = serialize(p, &args[i], list, err);
            if (st == OAS_OK && list->len == start && list->data) { /* nothing: no separator */
                list->len = mark;
                list->data[mark] = '\0';
            }
            continue;
        }
        oas_buf_reset(&piece);
        st = serialize(p, &args[i], &piece, err);
        if (st == OAS_OK &&
            add_header(headers, p->name, piece.data ? piece.data : "", piece.len) != OAS_OK)
            st = nomem(err);
    }
    if (st == OAS_OK)
        st = add_credentials(reg, op, in, req, &query, headers, &cookies, err);
    if (st == OAS_OK && cookies.len && add_header(headers, "Cookie", cookies.data, cookies.len))
        st = nomem(err);
    if (st == OAS_OK && query.len) {
        oas_buf_putc(&target, '?');
        oas_buf_append(&target, query.data, query.len);
    }
    if (st == OAS_OK && (oas_buf_status(&target) != OAS_OK || oas_buf_status(&query) != OAS_OK ||
                         oas_buf_status(&cookies) != OAS_OK))
        st = nomem(err);
    if (st == OAS_OK)
        out->target = oas_buf_steal(&target, NULL);
    oas_buf_free(&target);
    oas_buf_free(&query);
    oas_buf_free(&cookies);
    oas_buf_free(&piece);
    return st;
}

/* Everything after the arguments are gathered: constants, presence,
 * validation, serialization, credentials. */
static oas_status build_with_args(const oas_registry *reg, const oas_operation_entry *op,
                                  const oas_call_input *in, param_args *args,
                                  oas_call_request *out, oas_report *violations, oas_error *err)
{
    oas_report local;
    oas_report_init(&local, 0);
    oas_report *report = violations ? violations : &local;
    size_t before = report->count;
    oas_status st = add_constants(op, args, err);
    if (st == OAS_OK)
        st = check_presence(op, in, args, err);
    if (st == OAS_OK && !in->skip_validation) {
        st = validate_params(op, in, args, report, err);
        if (st == OAS_OK && in->body)
            st = validate_body(op, in, report, err);
        if (st == OAS_OK && report->count > before) {
            const oas_violation *v = &report->items[before];
            st = oas_error_set(err, OAS_ERR_INVALID, v->instance_location, OAS_NO_OFFSET,
                               "%s: invalid request (%zu violation%s): %s: %s", op->operation_id,
                               report->count - before, report->count - before == 1 ? "" : "s",
                               v->instance_location, v->message);
        }
    }
    header_list headers = {NULL, 0, 0};
    if (st == OAS_OK)
        st = build_locations(reg, op, in, args, out, &headers, err);
    out->headers = headers.items;
    out->header_count = headers.count;
    if (st == OAS_OK) {
        out->method = op->method;
        out->body = in->body;
        out->body_len = in->body ? in->body_len : 0;
        out->content_type = in->body ? op->body->content_type : NULL;
    } else {
        oas_call_request_free(out);
    }
    oas_report_free(&local);
    return st;
}

static void free_args(const oas_operation_entry *op, param_args *args)
{
    for (size_t i = 0; args && i < op->param_count; i++)
        if (args[i].items != &args[i].first)
            oas_free(args[i].items);
    oas_free(args);
}

oas_status oas_call_build(const oas_registry *reg, const oas_operation_entry *op,
                          const oas_call_input *in, oas_call_request *out,
                          oas_report *violations, oas_error *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    oas_error_clear(err);
    if (!reg || !op || !in || !out || (in->arg_count && !in->args))
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "oas_call_build: NULL registry, operation, input or output");
    param_args *args = op->param_count ? oas_calloc(op->param_count, sizeof *args) : NULL;
    if (op->param_count && !args)
        return nomem(err);
    oas_status st = gather_text(op, in, args, err);
    if (st == OAS_OK)
        st = build_with_args(reg, op, in, args, out, violations, err);
    free_args(op, args);
    return st;
}

oas_status oas_call_perform(oas_client *c, const oas_registry *reg, const oas_operation_entry *op,
                            const oas_call_input *in, oas_http_result *result,
                            oas_report *violations, oas_error *err)
{
    oas_http_result_init(result);
    if (!c || !result)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "oas_call_perform: NULL client or result");
    oas_call_request req;
    oas_status st = oas_call_build(reg, op, in, &req, violations, err);
    if (st != OAS_OK)
        return st;
    st = oas_client_adopt_rate_limit_headers(c, reg->rate_limit_headers,
                                             reg->rate_limit_header_count, err);
    if (st != OAS_OK) {
        oas_call_request_free(&req);
        return st;
    }
    oas_http_request http = {req.method, req.target, req.headers, req.header_count, req.body,
                             req.body_len, req.content_type};
    st = oas_op_send_request(c, &http, result, err);
    oas_call_request_free(&req);
    if (st != OAS_OK)
        return st;
    st = oas_op_validate(c, reg, op->operation_id, result, err);
    if (st != OAS_OK)
        return st;
    if (result->status < 200 || result->status > 299)
        return oas_op_status_error(result, op->operation_id, NULL, err);
    return OAS_OK;
}

/* ---- typed calls ---------------------------------------------------------- */

/* Room for one number's text: "-9223372036854775808" or a double's
 * shortest round-trip form, and the NUL. */
#define NUMBER_TEXT_MAX 32

static size_t number_items(const oas_typed_call *call)
{
    size_t n = 0;
    for (size_t i = 0; i < call->arg_count; i++) {
        oas_arg_kind k = call->args[i].kind;
        if (k == OAS_ARG_INT64 || k == OAS_ARG_DOUBLE)
            n++;
        else if (k == OAS_ARG_INT64S || k == OAS_ARG_DOUBLES)
            n += call->args[i].count;
    }
    return n;
}

/* The text of one number in pool (NUMBER_TEXT_MAX bytes at *used). */
static oas_status number_text(char *pool, size_t *used, bool is_double, int64_t i, double d,
                              oas_param_item *item)
{
    char *at = pool + *used;
    if (is_double) {
        if (!isfinite(d))
            return OAS_ERR_INVALID_ARG;
        oas_buf b = OAS_BUF_INIT;
        oas_buf_json_double(&b, d);
        oas_status st = oas_buf_status(&b);
        if (st == OAS_OK && b.len < NUMBER_TEXT_MAX)
            memcpy(at, b.data, b.len + 1);
        oas_buf_free(&b);
        if (st != OAS_OK)
            return st;
    } else {
        snprintf(at, NUMBER_TEXT_MAX, "%lld", (long long)i);
    }
    size_t len = strlen(at);
    *item = (oas_param_item){NULL, 0, at, len};
    *used += len + 1;
    return OAS_OK;
}

static oas_status gather_typed(const oas_operation_entry *op, const oas_typed_call *call,
                               param_args *args, char *pool, oas_error *err)
{
    size_t used = 0;
    for (size_t i = 0; i < call->arg_count; i++) {
        const oas_typed_arg *a = &call->args[i];
        size_t index = 0;
        while (index < op->param_count &&
               !(op->params[index].where == a->in && strcmp(op->params[index].name, a->name) == 0))
            index++;
        if (index == op->param_count || ignored_param(&op->params[index]))
            return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                                 "%s: no %s parameter \"%s\"", op->operation_id,
                                 (size_t)a->in < 4 ? location_names[a->in] : "?", a->name);
        param_args *dst = &args[index];
        bool array = a->kind >= OAS_ARG_TEXTS;
        size_t count = array ? a->count : 1;
        for (size_t k = 0; k < count; k++) {
            oas_param_item item = {NULL, 0, NULL, 0};
            oas_status st = OAS_OK;
            switch (a->kind) {
            case OAS_ARG_TEXT: item.text = a->v.text; break;
            case OAS_ARG_TEXTS: item.text = a->v.texts[k]; break;
            case OAS_ARG_BOOL: item.text = a->v.b ? "true" : "false"; break;
            case OAS_ARG_BOOLS: item.text = a->v.bools[k] ? "true" : "false"; break;
            case OAS_ARG_INT64: st = number_text(pool, &used, false, a->v.i, 0, &item); break;
            case OAS_ARG_INT64S: st = number_text(pool, &used, false, a->v.ints[k], 0, &item); break;
            case OAS_ARG_DOUBLE: st = number_text(pool, &used, true, 0, a->v.d, &item); break;
            case OAS_ARG_DOUBLES: st = number_text(pool, &used, true, 0, a->v.doubles[k], &item); break;
            case OAS_ARG_MEMBERS: item = a->v.members[k]; break;
            }
            if (st == OAS_ERR_INVALID_ARG)
                return oas_error_set(err, st, NULL, OAS_NO_OFFSET,
                                     "%s: %s parameter \"%s\" is not a finite number",
                                     op->operation_id, location_names[a->in], a->name);
            if (st != OAS_OK)
                return nomem(err);
            if (!item.text)
                continue; /* a NULL element or text: absent */
            if (a->kind != OAS_ARG_MEMBERS)
                item.text_len = strlen(item.text);
            if (add_item(dst, item) != OAS_OK)
                return nomem(err);
        }
    }
    return OAS_OK;
}

/* The selected response's body into its typed member: from *doc when
 * validation parsed it, else parsed here (with scratch, may be NULL), as
 * T_parse would. */
static oas_status read_typed_body(const oas_typed_call *call, int which, void *result,
                                  oas_http_result *http, oas_json_scratch *scratch,
                                  oas_json_doc **doc, oas_error *err)
{
    const oas_type *type = call->responses[which].body;
    bool ok = http->status >= 200 && http->status <= 299;
    oas_status st;
    if (ok && (st = oas_op_check_json(http, err)) != OAS_OK)
        return st;
    void *body = oas_malloc(type->size);
    if (!body)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    /* not initialised here: oas_model_from_json zeroes it first, and it is
       freed unread when the body does not parse */
    oas_json_options popts = {.scratch = scratch};
    if (*doc)
        st = OAS_OK;
    else if (!http->body && http->body_len)
        st = oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "no input");
    else
        st = oas_json_parse(http->body ? http->body : "", http->body_len, &popts, doc, err);
    if (st == OAS_OK)
        st = oas_model_from_json(type, oas_json_doc_root(*doc), body, err);
    oas_op_parsed(http, doc, st, err); /* locates a typed read's error, frees the document */
    if (st != OAS_OK) {
        oas_free(body);
        /* An error body that does not parse keeps its raw text only. */
        if (ok || st == OAS_ERR_NOMEM)
            return ok ? oas_op_parse_failed(err, call->operation_id, http->status) : st;
        return OAS_OK;
    }
    memcpy((char *)result + call->responses[which].offset, &body, sizeof body);
    return OAS_OK;
}

/* The operation a typed call names. A client mostly repeats one, so the
 * last one's index is tried first (its name compared: any registry, any
 * id) before the search. */
static const oas_operation_entry *typed_operation(oas_client *c, const oas_typed_call *call)
{
    const oas_registry *reg = call->registry;
    size_t i = c->last_operation;
    if (reg && call->operation_id && i < reg->operation_count &&
        strcmp(reg->operations[i].operation_id, call->operation_id) == 0)
        return &reg->operations[i];
    const oas_operation_entry *op = oas_registry_find_operation(reg, call->operation_id);
    if (op)
        c->last_operation = (size_t)(op - reg->operations);
    return op;
}

oas_status oas_call_typed(oas_client *c, const oas_typed_call *call, void *result,
                          oas_http_result *result_http, oas_error *err)
{
    oas_error_clear(err);
    if (!c || !call || !result || !result_http)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "%s: client, params and result are required",
                             call && call->operation_id ? call->operation_id : "oas_call_typed");
    const oas_operation_entry *op = typed_operation(c, call);
    if (!op)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "%s: not in the registry", call->operation_id);
    /* A spec that declares a required Authorization header (rather than a
       security requirement) wants the client's token or a credential. */
    const oas_credential *creds;
    size_t cred_count = oas_client_credentials(c, &creds);
    for (size_t i = 0; i < op->param_count; i++) {
        const oas_param_entry *p = &op->params[i];
        if (p->required && p->where == OAS_PARAM_IN_HEADER &&
            strcasecmp(p->name, "Authorization") == 0 && !oas_client_has_token(c) && !cred_count)
            return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                                 "%s: missing required header parameter \"Authorization\"",
                                 op->operation_id);
    }
    param_args *args = op->param_count ? oas_calloc(op->param_count, sizeof *args) : NULL;
    size_t numbers = number_items(call);
    char *pool = numbers ? oas_malloc(numbers * NUMBER_TEXT_MAX) : NULL;
    oas_buf body = OAS_BUF_INIT;
    oas_call_request req = {0};
    oas_status st = (op->param_count && !args) || (numbers && !pool) ? nomem(err) : OAS_OK;
    if (st == OAS_OK)
        st = oas_client_adopt_rate_limit_headers(c, call->registry->rate_limit_headers,
                                                 call->registry->rate_limit_header_count, err);
    if (st == OAS_OK)
        st = gather_typed(op, call, args, pool, err);
    oas_call_input in = {NULL, 0, call->body_json, call->body_json_len, NULL, 0,
                         oas_client_validation(c) == OAS_VALIDATE_OFF,
                         oas_client_asserts_formats(c)};
    if (st == OAS_OK && call->body_type && call->body_value) {
        st = oas_model_to_json(call->body_type, call->body_value, &body);
        if (st != OAS_OK)
            st = oas_error_set(err, st, NULL, OAS_NO_OFFSET, "%s: cannot serialize the body: %s",
                               op->operation_id, oas_strerror(st));
        in.body = body.data;
        in.body_len = body.len;
    }
    in.credentials = creds;
    in.credential_count = cred_count;
    /* Every violation of an invalid request goes to the result's report. */
    if (st == OAS_OK)
        st = build_with_args(call->registry, op, &in, args, &req, &result_http->validation, err);
    free_args(op, args);
    oas_free(pool);
    if (st == OAS_OK) {
        oas_http_request http = {req.method, req.target, req.headers, req.header_count, req.body,
                                 req.body_len, req.content_type};
        st = oas_op_send_request(c, &http, result_http, err);
    }
    oas_call_request_free(&req);
    oas_buf_free(&body);
    if (st != OAS_OK)
        return st;
    /* The typed table lists the responses in the descriptor's order. */
    const oas_response_entry *declared = oas_operation_find_response(op, (int)result_http->status);
    oas_json_doc *doc = NULL;
    oas_json_scratch *scratch = oas_client_parse_scratch(c);
    if (!scratch)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    st = oas_op_validate_response(c, declared, op->operation_id, result_http, scratch, &doc, err);
    if (st != OAS_OK)
        return st;
    int which = declared && op->response_count == call->response_count
                    ? (int)(declared - op->responses)
                    : -1;
    if (which >= 0 && call->responses[which].body)
        st = read_typed_body(call, which, result, result_http, scratch, &doc, err);
    oas_json_doc_free(doc);
    if (st != OAS_OK)
        return st;
    if (result_http->status < 200 || result_http->status > 299)
        return oas_op_status_error(result_http, op->operation_id,
                                   which >= 0 ? call->responses[which].description : NULL, err);
    return OAS_OK;
}

void oas_typed_result_free(const oas_typed_response *responses, size_t count, void *result,
                           oas_http_result *result_http)
{
    if (!result)
        return;
    for (size_t i = 0; i < count; i++) {
        if (!responses[i].body)
            continue;
        void *body;
        memcpy(&body, (char *)result + responses[i].offset, sizeof body);
        if (!body)
            continue;
        oas_model_release(responses[i].body, body); /* no re-init: it is freed */
        oas_free(body);
        body = NULL;
        memcpy((char *)result + responses[i].offset, &body, sizeof body);
    }
    oas_http_result_free(result_http);
}
