/* build_operation.c - paths, webhooks and callbacks -> ir_operation:
 * parameters (path level merged with operation level), JSON request body,
 * responses. */
#include <stdlib.h>
#include <string.h>

#include "build_ctx.h"
#include "oc_alloc.h"

static const char *const http_methods[] = {"get", "put", "post", "delete", "options", "head",
                                           "patch", "trace"};

static char *upper_copy(const char *s)
{
    char *u = oc_strdup(s);
    for (char *p = u; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return u;
}

static char *optional_text(const ynode *n)
{
    return n && n->kind == YN_SCALAR ? oc_strndup(n->str, n->len) : NULL;
}

/* application/json first, then any other JSON media type in spec order. */
static bool is_json_media_type(const char *t)
{
    const char *semi = strchr(t, ';');
    size_t len = semi ? (size_t)(semi - t) : strlen(t);
    return (len == 16 && strncmp(t, "application/json", 16) == 0) ||
           (len >= 5 && strncmp(t + len - 5, "+json", 5) == 0);
}

static const ynode *pick_json_media(build_ctx *b, const ynode *content, const char **type)
{
    if (!content)
        return NULL;
    if (content->kind != YN_MAP) {
        build_error(b, content, "'content' must be a mapping");
        return NULL;
    }
    const ynode *exact = ynode_get(content, "application/json");
    if (exact) {
        *type = "application/json";
        return exact;
    }
    for (size_t i = 0; i < content->count; i++)
        if (is_json_media_type(content->keys[i]->str)) {
            *type = content->keys[i]->str;
            return content->items[i];
        }
    return NULL;
}

/* The schema of a media type object at <location>/content/<type>/schema. */
static ir_schema *media_schema(build_ctx *b, const ynode *media, const char *owner_location,
                               const char *type, const char *hint)
{
    const ynode *schema = ynode_get(media, "schema");
    if (!schema)
        return NULL;
    char *content = location_child(owner_location, "content");
    char *media_loc = location_child(content, type);
    char *loc = location_child(media_loc, "schema");
    ir_schema *s = build_schema(b, schema, loc, NULL, hint);
    free(loc);
    free(media_loc);
    free(content);
    return s;
}

static bool parse_param(build_ctx *b, const ynode *n, char *location, ir_param *p,
                        const char *op_name)
{
    n = build_follow_ref(b, n, &location);
    if (!n) {
        free(location);
        return false;
    }
    if (n->kind != YN_MAP) {
        build_error(b, n, "a parameter must be a mapping");
        free(location);
        return false;
    }
    const ynode *name = ynode_get(n, "name"), *in = ynode_get(n, "in");
    const char *name_s = name ? build_string(b, name, "name") : NULL;
    const char *in_s = in ? build_string(b, in, "in") : NULL;
    if (!name || !in)
        build_error(b, n, "a parameter needs 'name' and 'in'");
    if (in_s && strcmp(in_s, "query") && strcmp(in_s, "path") && strcmp(in_s, "header") &&
        strcmp(in_s, "cookie")) {
        build_error(b, in, "parameter 'in' must be query, path, header or cookie, not \"%s\"", in_s);
        in_s = NULL;
    }
    if (!name_s || !in_s) {
        free(location);
        return false;
    }
    memset(p, 0, sizeof *p);
    p->name = oc_strdup(name_s);
    p->in = oc_strdup(in_s);
    p->loc = build_loc(b, n);
    p->description = optional_text(ynode_get(n, "description"));
    const ynode *flag;
    if ((flag = ynode_get(n, "required")))
        build_bool(b, flag, "required", &p->required);
    if ((flag = ynode_get(n, "deprecated")))
        build_bool(b, flag, "deprecated", &p->deprecated);
    p->missing_status = build_missing_status(b, n, p->required || !strcmp(in_s, "path"));
    const ynode *style = ynode_get(n, "style");
    const char *style_s = style ? build_string(b, style, "style") : NULL;
    bool form_like = !strcmp(in_s, "query") || !strcmp(in_s, "cookie");
    static const char *const styles[] = {"simple", "form", "label", "matrix", "spaceDelimited",
                                         "pipeDelimited", "deepObject"};
    bool known = !style_s;
    for (size_t i = 0; style_s && i < sizeof styles / sizeof *styles; i++)
        known |= strcmp(style_s, styles[i]) == 0;
    if (!known)
        build_error(b, style, "unknown parameter style \"%s\"", style_s);
    p->style = oc_strdup(style_s ? style_s : form_like ? "form" : "simple");
    p->explode = strcmp(p->style, "form") == 0;
    if ((flag = ynode_get(n, "explode")))
        build_bool(b, flag, "explode", &p->explode);
    if ((flag = ynode_get(n, "allowReserved")))
        build_bool(b, flag, "allowReserved", &p->allow_reserved);
    char *hint = oc_printf("%s_%s_param", op_name, name_s);
    const ynode *schema = ynode_get(n, "schema");
    if (schema) {
        char *loc = location_child(location, "schema");
        p->schema = build_schema(b, schema, loc, NULL, hint);
        free(loc);
    } else {
        const char *type = NULL;
        const ynode *media = pick_json_media(b, ynode_get(n, "content"), &type);
        if (media)
            p->schema = media_schema(b, media, location, type, hint);
    }
    free(hint);
    free(location);
    return true;
}

static void free_param(ir_param *p)
{
    free(p->name);
    free(p->in);
    free(p->description);
    free(p->style);
    free(p->c_name);
}

/* Appends the parameters of a `parameters` list; an operation-level one
   replaces a path-level one with the same name and location. */
static void add_params(build_ctx *b, ir_operation *op, const ynode *list, const char *location,
                       const char *op_name)
{
    if (!list)
        return;
    if (list->kind != YN_SEQ) {
        build_error(b, list, "'parameters' must be a sequence");
        return;
    }
    char *base = location_child(location, "parameters");
    for (size_t i = 0; i < list->count; i++) {
        ir_param p;
        if (!parse_param(b, list->items[i], location_index(base, i), &p, op_name))
            continue;
        size_t j = 0;
        while (j < op->param_count &&
               (strcmp(op->params[j].name, p.name) || strcmp(op->params[j].in, p.in)))
            j++;
        if (j < op->param_count) {
            free_param(&op->params[j]);
        } else {
            op->params = oc_realloc(op->params, (op->param_count + 1) * sizeof *op->params);
            op->param_count++;
        }
        op->params[j] = p;
    }
    free(base);
}

static void add_request_body(build_ctx *b, ir_operation *op, const ynode *body,
                             const char *op_location, const char *op_name)
{
    char *location = location_child(op_location, "requestBody");
    body = build_follow_ref(b, body, &location);
    if (body && body->kind == YN_MAP) {
        const ynode *req = ynode_get(body, "required");
        if (req)
            build_bool(b, req, "required", &op->body_required);
        const char *type = NULL;
        const ynode *media = pick_json_media(b, ynode_get(body, "content"), &type);
        if (media) {
            char *hint = oc_printf("%s_request_body", op_name);
            op->body_content_type = oc_strdup(type);
            op->body_schema = media_schema(b, media, location, type, hint);
            free(hint);
        }
    } else if (body) {
        build_error(b, body, "'requestBody' must be a mapping");
    }
    free(location);
}

/* The media type's `examples` (each an Example Object, or a $ref to one
 * under components/examples) that carry an inline `value`, by name, so the
 * mock can serve the one a client asks for; an externalValue is not read. */
static void named_examples(build_ctx *b, const ynode *examples, const char *location,
                           ir_response *r)
{
    r->examples = oc_calloc(examples->count, sizeof *r->examples);
    for (size_t i = 0; i < examples->count; i++) {
        char *where = location_child(location, examples->keys[i]->str);
        const ynode *ex = build_follow_ref(b, examples->items[i], &where);
        const ynode *value = ex && ex->kind == YN_MAP ? ynode_get(ex, "value") : NULL;
        if (value) {
            ir_named_example *e = &r->examples[r->example_count++];
            e->name = oc_strdup(examples->keys[i]->str);
            e->value = build_value(b, value);
        }
        free(where);
    }
}

static void media_example(build_ctx *b, const ynode *media, const char *owner_location,
                          const char *type, ir_response *r)
{
    const ynode *examples = ynode_get(media, "examples");
    if (examples && examples->kind == YN_MAP && examples->count > 0) {
        char *content = location_child(owner_location, "content");
        char *media_loc = location_child(content, type);
        char *where = location_child(media_loc, "examples");
        named_examples(b, examples, where, r);
        free(where);
        free(media_loc);
        free(content);
    }
    const ynode *ex = ynode_get(media, "example");
    if (ex)
        r->example = build_value(b, ex);
    else if (r->example_count)
        r->example = r->examples[0].value;
}

static void add_response(build_ctx *b, ir_operation *op, const ynode *status, const ynode *resp,
                         const char *base, const char *op_name)
{
    char *location = location_child(base, status->str);
    const ynode *n = build_follow_ref(b, resp, &location);
    if (n && n->kind != YN_MAP)
        build_error(b, n, "a response must be a mapping");
    if (!n || n->kind != YN_MAP) {
        free(location);
        return;
    }
    ir_response *r = &op->responses[op->response_count++];
    r->status = oc_strdup(status->str);
    r->loc = build_loc(b, status);
    r->description = optional_text(ynode_get(n, "description"));
    const char *type = NULL;
    const ynode *media = pick_json_media(b, ynode_get(n, "content"), &type);
    if (media) {
        char *hint = oc_printf("%s_%s_body", op_name, status->str);
        r->content_type = oc_strdup(type);
        r->schema = media_schema(b, media, location, type, hint);
        media_example(b, media, location, type, r);
        free(hint);
    }
    free(location);
}

static void add_responses(build_ctx *b, ir_operation *op, const ynode *responses,
                          const char *op_location, const char *op_name)
{
    if (!responses)
        return;
    if (responses->kind != YN_MAP) {
        build_error(b, responses, "'responses' must be a mapping");
        return;
    }
    op->responses = oc_calloc(responses->count, sizeof *op->responses);
    char *base = location_child(op_location, "responses");
    for (size_t i = 0; i < responses->count; i++)
        add_response(b, op, responses->keys[i], responses->items[i], base, op_name);
    free(base);
}

static void add_tags(build_ctx *b, ir_operation *op, const ynode *tags)
{
    if (!tags)
        return;
    if (tags->kind != YN_SEQ) {
        build_error(b, tags, "'tags' must be a sequence of strings");
        return;
    }
    op->tags = oc_calloc(tags->count, sizeof *op->tags);
    for (size_t i = 0; i < tags->count; i++) {
        const char *t = build_string(b, tags->items[i], "tags");
        if (t)
            op->tags[op->tag_count++] = oc_strdup(t);
    }
}

/* Which webhook or callback an operation belongs to; NULL for paths. */
typedef struct event_ref {
    const char *name;   /* the key under `webhooks` or `callbacks` */
    const char *owner;  /* a callback: the declaring operation's id */
} event_ref;

static void add_path_item(build_ctx *b, const ynode *item, const char *path, char *location,
                          const event_ref *ev);

/* An operation's `callbacks`: name -> (URL expression -> path item); each
 * $ref may lead to components/callbacks or components/pathItems. */
static void add_callbacks(build_ctx *b, const char *owner, const ynode *callbacks,
                          const char *op_location)
{
    if (!callbacks)
        return;
    if (callbacks->kind != YN_MAP) {
        build_error(b, callbacks, "'callbacks' must be a mapping");
        return;
    }
    char *base = location_child(op_location, "callbacks");
    for (size_t i = 0; i < callbacks->count; i++) {
        const char *name = callbacks->keys[i]->str;
        char *location = location_child(base, name);
        const ynode *cb = build_follow_ref(b, callbacks->items[i], &location);
        if (cb && cb->kind != YN_MAP)
            build_error(b, cb, "a callback must map URL expressions to path items");
        event_ref ev = {name, owner};
        for (size_t j = 0; cb && cb->kind == YN_MAP && j < cb->count; j++) {
            const char *expression = cb->keys[j]->str;
            if (strncmp(expression, "x-", 2) != 0)
                add_path_item(b, cb->items[j], expression, location_child(location, expression),
                              &ev);
        }
        free(location);
    }
    free(base);
}

/* Appends to spec->operations, or to spec->events for a webhook or callback. */
static void add_operation(build_ctx *b, const char *path, const char *method, const ynode *n,
                          const ynode *path_params, const char *path_location,
                          const event_ref *ev)
{
    if (n->kind != YN_MAP) {
        build_error(b, n, "an operation must be a mapping");
        return;
    }
    ir_spec *spec = b->spec;
    ir_operation **list = ev ? &spec->events : &spec->operations;
    size_t *count = ev ? &spec->event_count : &spec->operation_count;
    *list = oc_realloc(*list, (*count + 1) * sizeof **list);
    ir_operation *op = &(*list)[(*count)++];
    memset(op, 0, sizeof *op);
    op->method = upper_copy(method);
    op->path = oc_strdup(path);
    op->loc = build_loc(b, n);
    const ynode *id = ynode_get(n, "operationId");
    const char *id_s = id ? build_string(b, id, "operationId") : NULL;
    /* Without an operationId the name comes from method and path. */
    op->operation_id = id_s ? oc_strdup(id_s) : oc_printf("%s %s", method, path);
    op->operation_id_given = id_s != NULL;
    op->summary = optional_text(ynode_get(n, "summary"));
    op->description = optional_text(ynode_get(n, "description"));
    const ynode *dep = ynode_get(n, "deprecated");
    if (dep)
        build_bool(b, dep, "deprecated", &op->deprecated);
    add_tags(b, op, ynode_get(n, "tags"));
    char *location = location_child(path_location, method);
    /* Schema names: an event's come from where it is declared, as its
       operationId need not be given. */
    char *name = !ev       ? oc_strdup(op->operation_id)
                 : ev->owner ? oc_printf("%s_%s_callback_%s", ev->owner, ev->name, method)
                             : oc_printf("%s_webhook_%s", ev->name, method);
    if (ev) {
        op->event_name = oc_strdup(ev->name);
        op->owner_id = ev->owner ? oc_strdup(ev->owner) : NULL;
    }
    add_params(b, op, path_params, path_location, name);
    add_params(b, op, ynode_get(n, "parameters"), location, name);
    const ynode *body = ynode_get(n, "requestBody");
    if (body)
        add_request_body(b, op, body, location, name);
    add_responses(b, op, ynode_get(n, "responses"), location, name);
    const ynode *security = ynode_get(n, "security");
    build_security_requirements(b, security ? security : b->global_security, &op->security,
                                &op->security_count);
    const ynode *callbacks = ynode_get(n, "callbacks");
    if (callbacks && ev)
        build_note(b, callbacks, "callbacks of a webhook or callback are not read");
    else if (callbacks) /* appends to spec->events: op stays valid */
        add_callbacks(b, op->operation_id, callbacks, location);
    free(name);
    free(location);
}

/* A path item (location owned, replaced when item is a $ref): each method. */
static void add_path_item(build_ctx *b, const ynode *item, const char *path, char *location,
                          const event_ref *ev)
{
    item = build_follow_ref(b, item, &location);
    if (item && item->kind != YN_MAP)
        build_error(b, item, "a path item must be a mapping");
    if (item && item->kind == YN_MAP) {
        const ynode *params = ynode_get(item, "parameters");
        for (size_t m = 0; m < sizeof http_methods / sizeof *http_methods; m++) {
            const ynode *op = ynode_get(item, http_methods[m]);
            if (op)
                add_operation(b, path, http_methods[m], op, params, location, ev);
        }
    }
    free(location);
}

void build_paths(build_ctx *b, const ynode *paths)
{
    if (!paths)
        return;
    if (paths->kind != YN_MAP) {
        build_error(b, paths, "'paths' must be a mapping");
        return;
    }
    for (size_t i = 0; i < paths->count; i++)
        add_path_item(b, paths->items[i], paths->keys[i]->str,
                      location_child("#/paths", paths->keys[i]->str), NULL);
}

void build_webhooks(build_ctx *b, const ynode *webhooks)
{
    if (!webhooks)
        return;
    if (b->v30) {
        build_note(b, webhooks, "'webhooks' is OpenAPI 3.1; not read in a 3.0 document");
        return;
    }
    if (webhooks->kind != YN_MAP) {
        build_error(b, webhooks, "'webhooks' must be a mapping");
        return;
    }
    for (size_t i = 0; i < webhooks->count; i++) {
        const char *name = webhooks->keys[i]->str;
        event_ref ev = {name, NULL};
        add_path_item(b, webhooks->items[i], name, location_child("#/webhooks", name), &ev);
    }
}
