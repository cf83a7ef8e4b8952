/* oas_validate_pattern.c - the `pattern` keyword: each pattern is compiled
 * once per process (lazily, thread-safe) and matched without allocating. */
#include "oas_validate_internal.h"
#include "oas_regex.h"

#include <stdatomic.h>

/* Every compiled oas_v_regex, so that oas_v_regex_release_all can free them. */
static oas_v_regex *_Atomic compiled_list;

static void remember(oas_v_regex *p)
{
    oas_v_regex *head = atomic_load_explicit(&compiled_list, memory_order_relaxed);
    do
        p->next = head;
    while (!atomic_compare_exchange_weak_explicit(&compiled_list, &head, p, memory_order_release,
                                                  memory_order_relaxed));
}

/* The program, compiling it on first use; NULL with *err set when the
 * pattern is unsupported or memory ran out (then a later call retries). */
static const oas_regex *program(oas_v_regex *p, int *err)
{
    oas_regex *re = atomic_load_explicit(&p->program, memory_order_acquire);
    if (re)
        return re;
    if (atomic_load_explicit(&p->unsupported, memory_order_relaxed)) {
        *err = OAS_REGEX_ERR_SYNTAX;
        return NULL;
    }
    *err = oas_regex_compile(p->source, p->len, &re);
    if (*err) {
        if (*err == OAS_REGEX_ERR_SYNTAX)
            atomic_store_explicit(&p->unsupported, 1, memory_order_relaxed);
        return NULL;
    }
    oas_regex *expected = NULL;
    if (atomic_compare_exchange_strong_explicit(&p->program, &expected, re, memory_order_acq_rel,
                                                memory_order_acquire)) {
        remember(p);
        return re;
    }
    oas_regex_free(re); /* another thread published first */
    return expected;
}

void oas_v_regex_release_all(void)
{
    oas_v_regex *p = atomic_exchange_explicit(&compiled_list, NULL, memory_order_acq_rel);
    while (p) {
        oas_v_regex *next = p->next;
        oas_regex_free(atomic_exchange_explicit(&p->program, NULL, memory_order_acq_rel));
        p->next = NULL;
        p = next;
    }
}

/* 1: s matches, 0: it does not, else an OAS_REGEX_ERR_*; running out of
 * memory stops the run (not the instance's fault). */
static int match(oas_vctx *c, oas_v_regex *pattern, const char *s, size_t len)
{
    int r = 0;
    const oas_regex *re = program(pattern, &r);
    if (re)
        r = oas_regex_exec(re, s, len, OAS_REGEX_DEFAULT_STEPS);
    if (r == OAS_REGEX_ERR_NOMEM)
        oas_v_out_of_memory(c);
    return r;
}

/* keyword's violation at `at`: r == 0 "must match", else why the pattern
 * could not be applied. */
static void fail_pattern(oas_vctx *c, const oas_json *at, const char *keyword, const char *sloc,
                         const oas_v_regex *pattern, int r)
{
    if (!oas_v_fail_begin(c, at->offset))
        return;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_v_string_param(&p, "pattern", pattern->source, pattern->len);
    oas_buf_puts(&m, r == 0 ? "must match pattern " : "cannot be checked against pattern ");
    oas_buf_json_string(&m, pattern->source, pattern->len);
    if (r < 0)
        oas_buf_puts(&m, r == OAS_REGEX_ERR_STEPS ? " (step limit)" : " (unsupported pattern)");
    if (strcmp(keyword, "pattern") == 0) /* the string; a key's object is no help */
        oas_v_found(&m, at);
    oas_v_record(c, keyword, sloc, at->offset, &p, &m);
}

bool oas_v_pattern(oas_vctx *c, const oas_json *str, const char *sloc, oas_v_regex *pattern)
{
    int r = match(c, pattern, str->u.str.ptr, str->u.str.len);
    if (r == 1)
        return true;
    if (r != OAS_REGEX_ERR_NOMEM)
        fail_pattern(c, str, "pattern", sloc, pattern, r);
    return false;
}

bool oas_v_key_matches(oas_vctx *c, const oas_json *obj, const char *sloc, oas_v_regex *pattern,
                       const oas_json_member *m)
{
    int r = match(c, pattern, m->key, m->key_len);
    if (r < 0 && r != OAS_REGEX_ERR_NOMEM)
        fail_pattern(c, obj, "patternProperties", sloc, pattern, r);
    return r == 1;
}
