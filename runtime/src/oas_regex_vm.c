/* oas_regex_vm.c - the backtracking matcher over a compiled pattern.
 * The backtrack stack starts on the C stack, so matching allocates only
 * for patterns that backtrack deeply. */
#include "oas_regex_internal.h"
#include "oas_unicode.h"
#include "oas_alloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define LOCAL_THREADS 128

typedef struct thread { size_t pc; const char *sp; } thread;

typedef struct stack {
    thread *items;
    size_t cap;
    thread local[LOCAL_THREADS];
} stack;

static bool grow(stack *st)
{
    size_t ncap = st->cap * 2;
    thread *n;
    if (st->items == st->local) {
        n = oas_malloc(ncap * sizeof *n);
        if (n)
            memcpy(n, st->local, sizeof st->local);
    } else {
        n = oas_realloc_array(st->items, ncap, sizeof *n);
    }
    if (!n)
        return false;
    st->items = n;
    st->cap = ncap;
    return true;
}

static bool is_word(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool word_at(const char *s, const char *begin, const char *end, bool before)
{
    if (before)
        return s > begin && is_word((unsigned char)s[-1]);
    return s < end && is_word((unsigned char)*s);
}

static bool in_class(const oas_regex *g, size_t k, uint32_t c)
{
    const oas_rx_range *r = &g->ranges[g->cls[k].first];
    for (size_t i = 0; i < g->cls[k].count; i++)
        if (c >= r[i].lo && c <= r[i].hi)
            return true;
    return g->cls[k].cats && (g->cls[k].cats >> oas_unicode_category(c) & 1u);
}

/* A backtrack entry that restores loop register k rather than resuming a
 * thread (its sp is the register's previous value). */
#define UNDO_PC(k) (SIZE_MAX - (size_t)(k))
#define IS_UNDO(pc) ((pc) > SIZE_MAX - OAS_RX_MAX_LOOPS)

/* Does the program match at start? 1, 0 or an OAS_REGEX_ERR_* value.
 * reg: the loop registers (OP_SETPOS / OP_PROGRESS). */
static int run(const oas_regex *g, const char *begin, const char *start, const char *end,
               unsigned long *steps, stack *st, const char **reg)
{
    size_t top = 0;
    st->items[top++] = (thread){0, start};
    while (top > 0) {
        thread t = st->items[--top];
        if (IS_UNDO(t.pc)) {
            reg[SIZE_MAX - t.pc] = t.sp;
            continue;
        }
        for (;;) {
            if ((*steps)-- == 0)
                return OAS_REGEX_ERR_STEPS;
            const oas_rx_insn *in = &g->code[t.pc];
            if (in->op == OP_MATCH)
                return 1;
            if (in->op == OP_SPLIT) {
                if (top == st->cap && !grow(st))
                    return OAS_REGEX_ERR_NOMEM;
                st->items[top++] = (thread){(size_t)((ptrdiff_t)t.pc + in->y), t.sp};
                t.pc = (size_t)((ptrdiff_t)t.pc + in->x);
                continue;
            }
            if (in->op == OP_JMP) {
                t.pc = (size_t)((ptrdiff_t)t.pc + in->x);
                continue;
            }
            if (in->op == OP_SETPOS) {
                if (top == st->cap && !grow(st))
                    return OAS_REGEX_ERR_NOMEM;
                st->items[top++] = (thread){UNDO_PC(in->arg), reg[in->arg]};
                reg[in->arg] = t.sp;
                t.pc++;
                continue;
            }
            if (in->op == OP_PROGRESS) {
                if (t.sp == reg[in->arg])
                    break; /* an empty iteration */
                t.pc++;
                continue;
            }
            bool ok;
            if (in->op == OP_BOL || in->op == OP_EOL) {
                ok = in->op == OP_BOL ? t.sp == begin : t.sp == end;
            } else if (in->op == OP_WORDB || in->op == OP_NWORDB) {
                bool b = word_at(t.sp, begin, end, true) != word_at(t.sp, begin, end, false);
                ok = (in->op == OP_WORDB) == b;
            } else if (t.sp >= end) {
                ok = false;
            } else {
                uint32_t c = oas_rx_utf8_next(&t.sp, end);
                ok = in->op == OP_ANY ? (c != '\n' && c != '\r' && c != 0x2028 && c != 0x2029)
                   : in->op == OP_CHAR ? c == in->arg
                   : in_class(g, in->arg, c) == (in->op == OP_CLASS);
            }
            if (!ok)
                break;
            t.pc++;
        }
    }
    return 0;
}

int oas_regex_exec(const oas_regex *re, const char *subject, size_t subject_len,
                   unsigned long max_steps)
{
    stack st;
    st.items = st.local;
    st.cap = LOCAL_THREADS;
    int r = 0;
    const char *reg[OAS_RX_MAX_LOOPS] = {NULL};
    const char *end = subject + subject_len;
    /* unanchored: try every code point position, including the end */
    for (const char *s = subject; r == 0;) {
        r = run(re, subject, s, end, &max_steps, &st, reg);
        if (s >= end)
            break;
        oas_rx_utf8_next(&s, end);
    }
    if (st.items != st.local)
        oas_free(st.items);
    return r;
}

int oas_regex_search(const char *pattern, size_t pattern_len, const char *subject,
                     size_t subject_len, unsigned long max_steps)
{
    oas_regex *re;
    int r = oas_regex_compile(pattern, pattern_len, &re);
    if (r == 0)
        r = oas_regex_exec(re, subject, subject_len, max_steps);
    oas_regex_free(re);
    return r;
}
