/* build_security.c - components.securitySchemes and `security` requirements
 * (document level, overridden per operation) -> ir_security_scheme and
 * ir_security_requirement. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "build_ctx.h"
#include "oc_alloc.h"

static bool read_scheme(build_ctx *b, const char *name, const ynode *n, ir_security_scheme *out)
{
    char *location = location_child("#/components/securitySchemes", name);
    n = build_follow_ref(b, n, &location);
    free(location);
    if (!n)
        return false;
    if (n->kind != YN_MAP) {
        build_error(b, n, "a security scheme must be a mapping");
        return false;
    }
    const ynode *type = ynode_get(n, "type");
    const char *type_s = type ? build_string(b, type, "type") : NULL;
    if (!type_s) {
        if (!type)
            build_error(b, n, "security scheme '%s' needs a 'type'", name);
        return false;
    }
    memset(out, 0, sizeof *out);
    out->loc = build_loc(b, n);
    if (strcmp(type_s, "apiKey") == 0) {
        const ynode *in = ynode_get(n, "in"), *pname = ynode_get(n, "name");
        const char *in_s = in ? build_string(b, in, "in") : NULL;
        const char *name_s = pname ? build_string(b, pname, "name") : NULL;
        if (!in_s || !name_s || !*name_s) {
            if (!in || !pname)
                build_error(b, n, "apiKey security scheme '%s' needs 'in' and 'name'", name);
            return false;
        }
        if (strcmp(in_s, "header") && strcmp(in_s, "query") && strcmp(in_s, "cookie")) {
            build_error(b, in, "apiKey 'in' must be header, query or cookie, not \"%s\"", in_s);
            return false;
        }
        out->kind = IR_SEC_API_KEY;
        out->in = oc_strdup(in_s);
        out->param_name = oc_strdup(name_s);
    } else if (strcmp(type_s, "http") == 0) {
        const ynode *scheme = ynode_get(n, "scheme");
        const char *scheme_s = scheme ? build_string(b, scheme, "scheme") : NULL;
        if (!scheme_s) {
            if (!scheme)
                build_error(b, n, "http security scheme '%s' needs a 'scheme'", name);
            return false;
        }
        /* HTTP auth scheme names are case-insensitive (RFC 9110 11.1). */
        out->kind = strcasecmp(scheme_s, "bearer") == 0  ? IR_SEC_HTTP_BEARER
                    : strcasecmp(scheme_s, "basic") == 0 ? IR_SEC_HTTP_BASIC
                                                         : IR_SEC_OTHER;
        out->http_scheme = oc_strdup(scheme_s);
        if (out->kind == IR_SEC_OTHER)
            build_note(b, scheme, "http scheme \"%s\" is not sent by the client (bearer and basic are)",
                       scheme_s);
    } else if (strcmp(type_s, "oauth2") == 0 || strcmp(type_s, "openIdConnect") == 0) {
        /* The client does not run the flow; it sends the token it is given. */
        out->kind = IR_SEC_HTTP_BEARER;
    } else if (strcmp(type_s, "mutualTLS") == 0) {
        out->kind = IR_SEC_OTHER;
        build_note(b, type, "mutualTLS is configured on the client (certificate), not sent per request");
    } else {
        build_error(b, type, "unknown security scheme type \"%s\"", type_s);
        return false;
    }
    out->name = oc_strdup(name);
    return true;
}

void build_security_schemes(build_ctx *b, const ynode *components)
{
    const ynode *schemes = components && components->kind == YN_MAP
                               ? ynode_get(components, "securitySchemes")
                               : NULL;
    if (!schemes)
        return;
    if (schemes->kind != YN_MAP) {
        build_error(b, schemes, "'components/securitySchemes' must be a mapping");
        return;
    }
    ir_spec *spec = b->spec;
    spec->security_schemes = oc_calloc(schemes->count, sizeof *spec->security_schemes);
    for (size_t i = 0; i < schemes->count; i++) {
        const char *name = build_string(b, schemes->keys[i], "security scheme name");
        if (name && read_scheme(b, name, schemes->items[i],
                                &spec->security_schemes[spec->security_scheme_count]))
            spec->security_scheme_count++;
    }
}

static bool find_scheme(const ir_spec *spec, const char *name, size_t *index)
{
    for (size_t i = 0; i < spec->security_scheme_count; i++)
        if (strcmp(spec->security_schemes[i].name, name) == 0) {
            *index = i;
            return true;
        }
    return false;
}

void build_security_requirements(build_ctx *b, const ynode *list, ir_security_requirement **out,
                                 size_t *count)
{
    *out = NULL;
    *count = 0;
    if (!list)
        return;
    if (list->kind != YN_SEQ) {
        build_error(b, list, "'security' must be a sequence of requirements");
        return;
    }
    ir_security_requirement *reqs = oc_calloc(list->count ? list->count : 1, sizeof *reqs);
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++) {
        const ynode *req = list->items[i];
        if (req->kind != YN_MAP) {
            build_error(b, req, "a security requirement must be a mapping");
            continue;
        }
        ir_security_requirement r = {req->count ? oc_calloc(req->count, sizeof *r.schemes) : NULL, 0};
        bool ok = true;
        for (size_t k = 0; k < req->count; k++) {
            const char *name = build_string(b, req->keys[k], "security scheme name");
            size_t index;
            if (name && find_scheme(b->spec, name, &index)) {
                r.schemes[r.count++] = index;
            } else {
                if (name)
                    build_error(b, req->keys[k], "security requirement names '%s', which is not "
                                "under components/securitySchemes", name);
                ok = false;
            }
        }
        if (ok)
            reqs[n++] = r;
        else
            free(r.schemes);
    }
    *out = reqs;
    *count = n;
}
