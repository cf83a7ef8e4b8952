/* oas_validate_comb.c - oneOf / anyOf / not / if-then-else / contains.
 * Branches run quietly (errors counted, nothing allocated); only a failing
 * combinator re-runs its closest branch for real, so a report shows one
 * branch's errors, not all of them. A failing branch leaves no evaluated
 * marks (unevaluatedProperties/Items), the one re-run included; neither
 * does `not`. A failing then/else keeps its marks, as python-jsonschema's
 * does. */
#include "oas_validate_internal.h"

/* Errors fn finds in `in`, without recording any; the evaluated marks it
 * leaves stay only when it passes and keep_marks. */
static size_t quiet_run(oas_vctx *c, const oas_json *in, oas_validate_fn fn, const char *kw,
                        bool keep_marks)
{
    oas_v_eval_saved saved;
    oas_v_eval_save(c, in, &saved);
    size_t before = c->errors;
    c->quiet++;
    oas_v_apply(c, in, kw, fn);
    c->quiet--;
    size_t n = c->errors - before;
    c->errors = before;
    oas_v_eval_restore(&saved, n != 0 || !keep_marks);
    return n;
}

static size_t quiet_errors(oas_vctx *c, const oas_json *in, oas_validate_fn fn, const char *kw)
{
    return quiet_run(c, in, fn, kw, true);
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
        oas_v_apply_branch(c, in, kws[best], fns[best]); /* its errors shown, its marks dropped */
    return false;
}

bool oas_v_any_of(oas_vctx *c, const oas_json *in, const char *sloc,
                  const oas_validate_fn *fns, const char *const *kws, size_t n)
{
    size_t best = 0, best_errors = (size_t)-1;
    /* every passing branch's evaluated marks count, when they are recorded */
    bool all = oas_v_evaluating(c, in) != NULL, passed = false;
    for (size_t i = 0; i < n && !c->stopped; i++) {
        size_t e = quiet_errors(c, in, fns[i], kws[i]);
        passed |= e == 0;
        if (passed && !all)
            return true;
        if (e < best_errors) {
            best_errors = e;
            best = i;
        }
    }
    if (passed || c->stopped)
        return passed;
    fail_simple(c, in, "anyOf", sloc, "{}", "must match a schema in anyOf");
    if (n)
        oas_v_apply_branch(c, in, kws[best], fns[best]); /* its errors shown, its marks dropped */
    return false;
}

bool oas_v_not(oas_vctx *c, const oas_json *in, const char *sloc, oas_validate_fn fn, const char *kw)
{
    if (quiet_run(c, in, fn, kw, false) != 0 || c->stopped)
        return true;
    fail_simple(c, in, "not", sloc, "{}", "must NOT be valid");
    return false;
}

bool oas_v_if(oas_vctx *c, const oas_json *in, const char *sloc, oas_validate_fn if_fn,
              const char *if_kw, oas_validate_fn then_fn, const char *then_kw,
              oas_validate_fn else_fn, const char *else_kw)
{
    bool holds = quiet_errors(c, in, if_fn ? if_fn : oas_v_accept, if_kw) == 0;
    oas_validate_fn fn = holds ? then_fn : else_fn;
    const char *kw = holds ? then_kw : else_kw;
    if (!fn || c->stopped || quiet_errors(c, in, fn, kw) == 0)
        return true;
    if (oas_v_fail_begin(c, in->offset)) {
        oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
        oas_buf_printf(&p, "{\"failingKeyword\":\"%s\"}", holds ? "then" : "else");
        oas_buf_printf(&m, "must match \"%s\" schema", holds ? "then" : "else");
        oas_v_record(c, "if", sloc, in->offset, &p, &m);
    }
    oas_v_apply(c, in, kw, fn);
    return false;
}

bool oas_v_contains(oas_vctx *c, const oas_json *arr, const char *sloc, oas_validate_fn fn,
                    const char *kw, long long min, long long max)
{
    oas_v_eval *e = oas_v_evaluating(c, arr);
    size_t matches = 0;
    for (size_t i = 0; i < arr->u.arr.count && !c->stopped; i++) {
        oas_v_iseg is;
        bool match = false;
        if (oas_v_push_index(c, &is, i))
            match = !fn || quiet_errors(c, &arr->u.arr.items[i], fn, kw) == 0;
        oas_v_pop(c, &is);
        matches += match;
        if (match && e)
            e->marks[i] = 1;
    }
    bool ok = (long long)matches >= min && (max < 0 || (long long)matches <= max);
    if (ok || c->stopped || !oas_v_fail_begin(c, arr->offset))
        return ok;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    if (max < 0) {
        oas_buf_printf(&p, "{\"minContains\":%lld}", min);
        oas_buf_printf(&m, "must contain at least %lld valid item(s)", min);
    } else {
        oas_buf_printf(&p, "{\"minContains\":%lld,\"maxContains\":%lld}", min, max);
        oas_buf_printf(&m, "must contain at least %lld and no more than %lld valid item(s)", min,
                       max);
    }
    oas_v_record(c, "contains", sloc, arr->offset, &p, &m);
    return false;
}
