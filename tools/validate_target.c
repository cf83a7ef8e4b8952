/* validate_target.c - resolve --schema / --operation / --status against a
 * registry; every refusal names the valid choices so the user can retry. */
#include "validate_target.h"

#include <ctype.h>
#include <string.h>

#include "term_print.h"
#include "validate_event_target.h"

/* Up to this many choices are listed in full; a big spec's hundreds of
 * names would bury the message, so then only those that contain what the
 * user typed are shown (see resembles), with the total. */
#define LIST_ALL_MAX 20
#define LIST_SIMILAR_MAX 10

typedef const char *(*name_at_fn)(const oas_registry *reg, size_t i);

static const char *schema_name_at(const oas_registry *reg, size_t i) { return reg->schemas[i].name; }
static const char *operation_id_at(const oas_registry *reg, size_t i)
{
    return reg->operations[i].operation_id;
}

/* "get-scores" finds getInsightsScores: the letters and digits of what
 * was typed appear in the name in order, ignoring case. */
static bool resembles(const char *name, const char *typed)
{
    for (; *typed; typed++) {
        unsigned char t = (unsigned char)*typed;
        if (!isalnum(t))
            continue;
        while (*name && tolower((unsigned char)*name) != tolower(t))
            name++;
        if (!*name++)
            return false;
    }
    return true;
}

static void list_names(const oas_registry *reg, size_t count, name_at_fn name_at,
                       const char *label, const char *given, FILE *err)
{
    fprintf(err, "  %s:", label);
    size_t shown = 0;
    for (size_t i = 0; i < count; i++) {
        const char *name = name_at(reg, i);
        if (count > LIST_ALL_MAX && (!given || !resembles(name, given)))
            continue;
        if (count > LIST_ALL_MAX && shown == LIST_SIMILAR_MAX) {
            fputs(", ...", err);
            break;
        }
        fputs(shown++ ? ", " : " ", err);
        term_puts(err, name);
    }
    if (count > LIST_ALL_MAX)
        fprintf(err, "%s(%zu in all)", shown ? " " : " ", count);
    fprintf(err, "\n");
}

static void list_schemas(const oas_registry *reg, const char *given, FILE *err)
{
    list_names(reg, reg->schema_count, schema_name_at, "schemas (--schema)", given, err);
}

static void list_operations(const oas_registry *reg, const char *given, FILE *err)
{
    list_names(reg, reg->operation_count, operation_id_at, "operations (--operation)", given, err);
}

static void list_statuses(const oas_operation_entry *op, FILE *err)
{
    fputs("  statuses of ", err);
    term_puts(err, op->operation_id);
    fputs(" (--status):", err);
    for (size_t i = 0; i < op->response_count; i++)
        {
            fputs(i ? ", " : " ", err);
            term_puts(err, op->responses[i].status);
        }
    fprintf(err, "\n");
}

static int select_schema(const oas_registry *reg, const char *name, validate_target *out,
                         const char *prog, FILE *err)
{
    const oas_schema_entry *s = oas_registry_find_schema(reg, name);
    if (!s) {
        term_line(err, "%s: unknown schema \"%s\"; choose one of:", prog, name);
        list_schemas(reg, name, err);
        return 2;
    }
    out->validate = s->validate;
    out->array_per_item = s->array_per_item;
    out->array_members = s->array_members;
    snprintf(out->label, sizeof out->label, "%s", s->name);
    return 0;
}

static int select_response(const oas_operation_entry *op, int status, validate_target *out,
                           const char *prog, FILE *err)
{
    const oas_response_entry *r = oas_operation_find_response(op, status);
    if (!r) {
        term_line(err, "%s: operation %s documents no response %d; choose one of:", prog,
                op->operation_id, status);
        list_statuses(op, err);
        return 2;
    }
    if (!r->validate) {
        term_line(err, "%s: response %s of %s declares no JSON schema to validate against", prog,
                r->status, op->operation_id);
        return 2;
    }
    out->validate = r->validate;
    out->array_per_item = r->array_per_item;
    out->array_members = r->array_members;
    snprintf(out->label, sizeof out->label, "%s %s", op->operation_id, r->status);
    return 0;
}

/* The operation's JSON request body. */
static int select_request(const oas_operation_entry *op, validate_target *out, const char *prog,
                          FILE *err)
{
    if (!op->body) {
        fprintf(err, "%s: operation %s takes no JSON request body\n", prog, op->operation_id);
        return 2;
    }
    if (!op->body->validate) {
        fprintf(err, "%s: the request body of %s declares no JSON schema to validate against\n",
                prog, op->operation_id);
        return 2;
    }
    out->validate = op->body->validate;
    snprintf(out->label, sizeof out->label, "%s request", op->operation_id);
    return 0;
}

int validate_target_select(const oas_registry *reg, const char *schema_name,
                           const char *operation_id, int status, bool request,
                           const char *default_operation, validate_target *out,
                           const char *prog, FILE *err)
{
    memset(out, 0, sizeof *out);
    if (!schema_name && !operation_id && !default_operation && status >= 0 && !request) {
        /* no operation for --status to choose a response of */
        term_line(err, "%s: --status needs --operation ID (there is no default operation)",
                  prog);
        return 2;
    }
    if (!schema_name && !operation_id)
        operation_id = default_operation;
    if (request && (!operation_id || schema_name || status >= 0)) {
        fprintf(err, "%s: --request needs --operation ID (and neither --schema nor --status)\n",
                prog);
        return 2;
    }
    if (schema_name && operation_id) {
        term_line(err, "%s: give either --schema or --operation, not both", prog);
        return 2;
    }
    if (schema_name) {
        if (status >= 0) {
            term_line(err, "%s: --status applies to --operation, not to --schema", prog);
            return 2;
        }
        return select_schema(reg, schema_name, out, prog, err);
    }
    if (status < 0)
        status = 200;
    if (operation_id) {
        const oas_operation_entry *op = oas_registry_find_operation(reg, operation_id);
        if (!op) {
            term_line(err, "%s: unknown operation \"%s\"; choose one of:", prog, operation_id);
            list_operations(reg, operation_id, err);
            return 2;
        }
        return request ? select_request(op, out, prog, err)
                       : select_response(op, status, out, prog, err);
    }
    /* No choice given: only unambiguous when the spec has one operation. */
    if (reg->operation_count == 1)
        return select_response(&reg->operations[0], status, out, prog, err);
    term_line(err, "%s: the spec has %zu operations; say what to validate against:", prog,
            reg->operation_count);
    list_operations(reg, NULL, err);
    list_schemas(reg, NULL, err);
    validate_list_events(reg, err);
    return 2;
}
