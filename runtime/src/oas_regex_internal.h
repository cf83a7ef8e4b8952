/* oas_regex_internal.h - the compiled form of a pattern, shared by the
 * compiler (oas_regex.c) and the matcher (oas_regex_vm.c) only. */
#ifndef OAS_REGEX_INTERNAL_H
#define OAS_REGEX_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "oas_regex.h"

enum { OP_CHAR, OP_ANY, OP_CLASS, OP_NCLASS, OP_BOL, OP_EOL, OP_WORDB, OP_NWORDB, OP_SPLIT, OP_JMP, OP_MATCH,
       OP_SETPOS, OP_PROGRESS };

/* Unbounded loops per pattern: each has a register holding the position
 * where its current iteration began (OP_SETPOS arg), and an iteration that
 * consumed nothing fails (OP_PROGRESS arg), as ECMA-262's RepeatMatcher
 * says, so a loop whose body can match the empty string ends. */
#define OAS_RX_MAX_LOOPS 64

typedef struct oas_rx_insn {
    uint8_t op;
    uint32_t arg;   /* OP_CHAR: code point; OP_*CLASS: class index */
    int32_t x, y;   /* OP_SPLIT: preferred, other (relative); OP_JMP: x */
} oas_rx_insn;

typedef struct oas_rx_range { uint32_t lo, hi; } oas_rx_range;
/* A class: ranges[first..first+count), plus the code points whose Unicode
 * General_Category is in cats (1 << oas_unicode_category(); \p{..}). */
typedef struct oas_rx_class { size_t first, count; uint32_t cats; } oas_rx_class;

/* One allocation: the struct followed by its three arrays, sized exactly. */
struct oas_regex {
    const oas_rx_insn *code;
    const oas_rx_class *cls;
    const oas_rx_range *ranges;
    size_t n, ncls, nranges;
};

/* Decode one UTF-8 code point (input is valid UTF-8; be safe anyway). */
static inline uint32_t oas_rx_utf8_next(const char **s, const char *end)
{
    const unsigned char *u = (const unsigned char *)*s;
    uint32_t c = u[0];
    int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (n)
        c &= 0x3Fu >> n;
    int i = 1;
    for (; i <= n && (const char *)u + i < end; i++)
        c = (c << 6) | (u[i] & 0x3Fu);
    *s += i;
    return c;
}

#endif
