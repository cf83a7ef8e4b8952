/* mock_params.c - parameter checks of `ldrest mock` (see mock_params.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mock_params.h"
#include "oas_json.h"
#include "oas_validate.h"

bool mock_is_auth_param(const oas_param_entry *p)
{
    return strcmp(p->in, "header") == 0 && strcasecmp(p->name, "Authorization") == 0;
}

bool mock_path_param(const char *tpl, const char *path, const char *name, char *out, size_t cap)
{
    size_t name_len = strlen(name);
    for (;;) {
        size_t tn = strcspn(tpl, "/"), pn = strcspn(path, "/");
        const char *open = memchr(tpl, '{', tn);
        const char *close = open ? memchr(open, '}', tn - (size_t)(open - tpl)) : NULL;
        if (close && (size_t)(close - open - 1) == name_len &&
            memcmp(open + 1, name, name_len) == 0) {
            size_t pre = (size_t)(open - tpl), post = tn - (size_t)(close - tpl) - 1;
            if (pn < pre + post || pn - pre - post >= cap)
                return false;
            memcpy(out, path + pre, pn - pre - post);
            out[pn - pre - post] = '\0';
            return true;
        }
        if (!tpl[tn] || !path[pn])
            return false;
        tpl += tn + 1;
        path += pn + 1;
    }
}

/* Validate JSON text with the parameter's validator; on failure (and when
 * reason is given) say why in one line. */
static bool json_text_valid(const oas_param_entry *p, const char *text, size_t len, char *reason,
                            size_t cap)
{
    oas_json_doc *doc = NULL;
    oas_error err;
    oas_error_clear(&err);
    if (oas_json_parse(text, len, NULL, &doc, &err) != OAS_OK) {
        if (reason && err.code == OAS_ERR_JSON_UTF8)
            snprintf(reason, cap, "value is not valid UTF-8");
        else if (reason)
            snprintf(reason, cap, "unreadable value: %s", oas_strerror(err.code));
        return false;
    }
    oas_report report;
    oas_report_init(&report, 1);
    bool ok = oas_validate_run(p->validate, "", oas_json_doc_root(doc), &report, NULL);
    if (!ok && reason)
        snprintf(reason, cap, "%s", report.count ? report.items[0].message : "invalid value");
    oas_report_free(&report);
    oas_json_doc_free(doc);
    return ok;
}

/* A parameter arrives as text; its schema may want a string or a number,
 * boolean, ... So: valid as a JSON string, else valid as the JSON value the
 * text spells ("5", "true"). The string attempt's complaint is reported. */
static bool value_valid(const oas_param_entry *p, const char *value, char *reason, size_t cap)
{
    if (!p->validate)
        return true;
    oas_buf quoted = OAS_BUF_INIT;
    oas_buf_json_string(&quoted, value, strlen(value));
    bool ok = oas_buf_status(&quoted) == OAS_OK &&
              json_text_valid(p, quoted.data, quoted.len, reason, cap);
    if (oas_buf_status(&quoted) != OAS_OK)
        snprintf(reason, cap, "could not check the value (out of memory)");
    oas_buf_free(&quoted);
    return ok || json_text_valid(p, value, strlen(value), NULL, 0);
}

static void add_failure(oas_buf *errors, size_t *count, const char *name, const char *reason)
{
    if ((*count)++)
        oas_buf_putc(errors, ',');
    oas_buf_puts(errors, "{\"attribute\":");
    oas_buf_json_string(errors, name, strlen(name));
    oas_buf_puts(errors, ",\"reason\":");
    oas_buf_json_string(errors, reason, strlen(reason));
    oas_buf_putc(errors, '}');
}

size_t mock_check_params(const oas_operation_entry *op, const mock_request *req, oas_buf *errors)
{
    size_t count = 0;
    for (size_t i = 0; i < op->param_count; i++) {
        const oas_param_entry *p = &op->params[i];
        if (mock_is_auth_param(p))
            continue;
        char path_value[1024];
        const char *value;
        if (strcmp(p->in, "path") == 0)
            value = mock_path_param(op->path, req->path, p->name, path_value, sizeof path_value)
                        ? path_value
                        : NULL;
        else
            value = req->lookup(req->ctx, p->in, p->name);
        char reason[320];
        if (!value || !*value) {
            /* OpenAPI: an empty value is only allowed with allowEmptyValue,
               which the registry does not carry; treat it as missing. */
            if (p->required) {
                snprintf(reason, sizeof reason, "required %s parameter is %s", p->in,
                         value ? "empty" : "missing");
                add_failure(errors, &count, p->name, reason);
            }
            continue;
        }
        if (!value_valid(p, value, reason, sizeof reason))
            add_failure(errors, &count, p->name, reason);
    }
    return count;
}
