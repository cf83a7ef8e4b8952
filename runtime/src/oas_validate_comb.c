/* oas_validate_comb.c - oneOf / anyOf / not. Branches run quietly (errors
 * counted, nothing allocated); only a failing combinator re-runs its closest
 * branch for real, so a report shows one branch's errors, not all of them. */
#include "oas_validate_internal.h"

/* Errors fn finds in `in`, without recording any. */
static size_t quiet_errors(oas_vctx *c, const oas_json *in, oas_validate_fn fn, const char *kw)
{
    size_t before = c->errors;
    c->quiet++;
    oas_v_apply(c, in, kw, fn);
    c->quiet--;
    size_t n = c->errors - before;
    c->errors = before;
    return n;
}

static void fail_simple(oas_vctx *c, const oas_json *in, const char *keyword, const char *sloc,
                        const char *params, const char *message)
{
    if (!oas_v_fail_begin(c, in->offset))
        return;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_buf_puts(&p, params);
    oas_buf_puts(&m, message);
    oas_v_record(c, keyword, sloc, in->offset, &p, &m);
}

bool oas_v_one_of(oas_vctx *c, const oas_json *in, const char *sloc,
                  const oas_validate_fn *fns, const char *const *kws, size_t n)
{
    size_t passing = 0, first = 0, second = 0, best = 0, best_errors = (size_t)-1;
    for (size_t i = 0; i < n && !c->stopped; i++) {
        size_t e = quiet_errors(c, in, fns[i], kws[i]);
        if (e == 0) {
            if (passing == 0)
                first = i;
            else if (passing == 1)
                second = i;
            passing++;
        } else if (e < best_errors) {
            best_errors = e;
            best = i;
        }
    }
    if (passing == 1 || c->stopped)
        return passing == 1;
    if (passing > 1) {
        if (oas_v_fail_begin(c, in->offset)) {
            oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
            oas_buf_printf(&p, "{\"passingSchemas\":[%zu,%zu]}", first, second);
            oas_buf_puts(&m, "must match exactly one schema in oneOf");
            oas_v_record(c, "oneOf", sloc, in->offset, &p, &m);
        }
        return false;
    }
    fail_simple(c, in, "oneOf", sloc, "{\"passingSchemas\":null}",
                "must match exactly one schema in oneOf");
    if (n)
        oas_v_apply(c, in, kws[best], fns[best]);
    return false;
}

bool oas_v_any_of(oas_vctx *c, const oas_json *in, const char *sloc,
                  const oas_validate_fn *fns, const char *const *kws, size_t n)
{
    size_t best = 0, best_errors = (size_t)-1;
    for (size_t i = 0; i < n && !c->stopped; i++) {
        size_t e = quiet_errors(c, in, fns[i], kws[i]);
        if (e == 0)
            return true;
        if (e < best_errors) {
            best_errors = e;
            best = i;
        }
    }
    if (c->stopped)
        return false;
    fail_simple(c, in, "anyOf", sloc, "{}", "must match a schema in anyOf");
    if (n)
        oas_v_apply(c, in, kws[best], fns[best]);
    return false;
}

bool oas_v_not(oas_vctx *c, const oas_json *in, const char *sloc, oas_validate_fn fn, const char *kw)
{
    if (quiet_errors(c, in, fn, kw) != 0 || c->stopped)
        return true;
    fail_simple(c, in, "not", sloc, "{}", "must NOT be valid");
    return false;
}
