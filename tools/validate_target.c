/* validate_target.c - resolve --schema / --operation / --status against a
 * registry; every refusal names the valid choices so the user can retry. */
#include "validate_target.h"

#include <string.h>

#include "term_print.h"

static void list_schemas(const oas_registry *reg, FILE *err)
{
    fprintf(err, "  schemas (--schema):");
    for (size_t i = 0; i < reg->schema_count; i++)
        {
            fputs(i ? ", " : " ", err);
            term_puts(err, reg->schemas[i].name);
        }
    fprintf(err, "\n");
}

static void list_operations(const oas_registry *reg, FILE *err)
{
    fprintf(err, "  operations (--operation):");
    for (size_t i = 0; i < reg->operation_count; i++)
        {
            fputs(i ? ", " : " ", err);
            term_puts(err, reg->operations[i].operation_id);
        }
    fprintf(err, "\n");
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
        list_schemas(reg, err);
        return 2;
    }
    out->validate = s->validate;
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
                           validate_target *out, const char *prog, FILE *err)
{
    memset(out, 0, sizeof *out);
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
            list_operations(reg, err);
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
    list_operations(reg, err);
    list_schemas(reg, err);
    return 2;
}
