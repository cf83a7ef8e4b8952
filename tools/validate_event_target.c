/* validate_event_target.c - resolve --webhook / --operation --callback
 * (with --status for the receiver's answer) against a registry. */
#include "validate_event_target.h"

#include <string.h>

#include "term_print.h"

static void list_webhooks(const oas_registry *reg, FILE *err)
{
    fputs("  webhooks (--webhook):", err);
    for (size_t i = 0; i < reg->webhook_count; i++) {
        fputs(i ? ", " : " ", err);
        term_puts(err, reg->webhooks[i].name);
    }
    fputs(reg->webhook_count ? "\n" : " none\n", err);
}

static void list_callbacks(const oas_registry *reg, FILE *err)
{
    fputs("  callbacks (--operation ID --callback NAME):", err);
    for (size_t i = 0; i < reg->callback_count; i++) {
        fputs(i ? ", " : " ", err);
        term_puts(err, reg->callbacks[i].owner);
        fputs(" ", err);
        term_puts(err, reg->callbacks[i].name);
    }
    fputs(reg->callback_count ? "\n" : " none\n", err);
}

void validate_list_events(const oas_registry *reg, FILE *err)
{
    if (reg->webhook_count)
        list_webhooks(reg, err);
    if (reg->callback_count)
        list_callbacks(reg, err);
}

static int select_event_body(const oas_event_entry *ev, const char *what, validate_target *out,
                             const char *prog, FILE *err)
{
    const oas_body_entry *body = ev->operation.body;
    if (!body || !body->validate) {
        term_line(err, "%s: %s declares no JSON request body schema to validate against", prog,
                  what);
        return 2;
    }
    out->validate = body->validate;
    snprintf(out->label, sizeof out->label, "%s request", what);
    return 0;
}

static int select_event_response(const oas_event_entry *ev, const char *what, int status,
                                 validate_target *out, const char *prog, FILE *err)
{
    const oas_response_entry *r = oas_operation_find_response(&ev->operation, status);
    if (!r || !r->validate) {
        term_line(err, "%s: %s documents no JSON response %d; its responses:", prog, what, status);
        fputs(" ", err);
        for (size_t i = 0; i < ev->operation.response_count; i++) {
            fputs(i ? ", " : " ", err);
            term_puts(err, ev->operation.responses[i].status);
            fputs(ev->operation.responses[i].validate ? "" : " (no JSON schema)", err);
        }
        fputs("\n", err);
        return 2;
    }
    out->validate = r->validate;
    out->array_per_item = r->array_per_item;
    out->array_members = r->array_members;
    snprintf(out->label, sizeof out->label, "%s %s", what, r->status);
    return 0;
}

int validate_event_target_select(const oas_registry *reg, const validate_options *opts,
                                 validate_target *out, const char *prog, FILE *err)
{
    memset(out, 0, sizeof *out);
    if (opts->schema || opts->har || (opts->request && opts->status >= 0)) {
        term_line(err, "%s: --webhook and --callback go with neither --schema nor --har;"
                       " --status chooses the receiver's answer instead of the request", prog);
        return 2;
    }
    if (opts->webhook && (opts->callback || opts->operation)) {
        term_line(err, "%s: --webhook names a webhook of the spec: drop --operation and --callback",
                  prog);
        return 2;
    }
    if (opts->callback && !opts->operation) {
        term_line(err, "%s: --callback needs the --operation ID that declares it", prog);
        list_callbacks(reg, err);
        return 2;
    }
    const oas_event_entry *ev;
    char what[200];
    if (opts->webhook) {
        ev = oas_registry_find_webhook(reg, opts->webhook);
        if (!ev) {
            term_line(err, "%s: unknown webhook \"%s\"; choose one of:", prog, opts->webhook);
            list_webhooks(reg, err);
            return 2;
        }
        snprintf(what, sizeof what, "webhook %s", ev->name);
    } else {
        ev = oas_registry_find_callback(reg, opts->operation, opts->callback);
        if (!ev) {
            term_line(err, "%s: operation \"%s\" has no callback \"%s\"; choose one of:", prog,
                      opts->operation, opts->callback);
            list_callbacks(reg, err);
            return 2;
        }
        snprintf(what, sizeof what, "%s callback %s", ev->owner, ev->name);
    }
    return opts->status < 0 ? select_event_body(ev, what, out, prog, err)
                            : select_event_response(ev, what, opts->status, out, prog, err);
}
