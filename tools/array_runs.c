/* array_runs.c - cutting a JSON array's text between items (array_runs.h). */
#include "array_runs.h"

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Past the string whose opening quote is at `quote`: the index after its
 * closing quote, or len. A backslash hides the byte after it; sixteen
 * bytes at a time with SSE2 up to the next quote or backslash, so a
 * string dense with escapes (a body captured inside a HAR) costs one step
 * per escape. */
static size_t skip_string(const char *b, size_t quote, size_t len)
{
    size_t i = quote + 1;
#if defined(__SSE2__)
    const __m128i quotes = _mm_set1_epi8('"'), backslashes = _mm_set1_epi8('\\');
    while (i + 16 <= len) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
        unsigned q = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quotes));
        unsigned m = q | (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslashes));
        if (!m) {
            i += 16;
            continue;
        }
        unsigned at = (unsigned)__builtin_ctz(m);
        if (q & (1u << at))
            return i + at + 1;
        i += at + 2; /* past the backslash and the byte it hides */
    }
#endif
    while (i < len) {
        if (b[i] == '"')
            return i + 1;
        i += b[i] == '\\' ? 2 : 1;
    }
    return len;
}

/* Which bytes of b[0..n) (n <= 16; bit k for b[k]) are a quote, an opening
 * bracket, a closing one, a ',', a backslash. Sixteen at a time with SSE2. */
typedef struct block_marks {
    unsigned quotes, opens, closes, commas, backslashes;
} block_marks;

static block_marks mark_block(const char *b, size_t n)
{
    block_marks k = {0, 0, 0, 0, 0};
#if defined(__SSE2__)
    if (n == 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)b);
#define OAS_MARK(ch) (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(ch)))
        k.quotes = OAS_MARK('"');
        /* '[' and '{' differ only in 0x20, as ']' and '}' do, and no other
           byte turns into '{' or '}' with that bit set */
        __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        k.opens = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(folded, _mm_set1_epi8('{')));
        k.closes = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(folded, _mm_set1_epi8('}')));
        k.commas = OAS_MARK(',');
        k.backslashes = OAS_MARK('\\');
#undef OAS_MARK
        return k;
    }
#endif
    for (size_t i = 0; i < n; i++) {
        unsigned bit = 1u << i;
        switch (b[i]) {
        case '"': k.quotes |= bit; break;
        case '[': case '{': k.opens |= bit; break;
        case ']': case '}': k.closes |= bit; break;
        case ',': k.commas |= bit; break;
        case '\\': k.backslashes |= bit; break;
        default: break;
        }
    }
    return k;
}

/* Set bits of a block's 16-bit mask, a byte at a time from a table:
 * without -mpopcnt (baseline x86-64) __builtin_popcount is a call into
 * libgcc, and the arithmetic way takes three times the instructions.
 * Deep nesting counts the brackets of every block. */
static const uint8_t bits_in_byte[256] = {
#define B2(n) n, n + 1, n + 1, n + 2
#define B4(n) B2(n), B2(n + 1), B2(n + 1), B2(n + 2)
#define B6(n) B4(n), B4(n + 1), B4(n + 1), B4(n + 2)
    B6(0), B6(1), B6(1), B6(2)
#undef B6
#undef B4
#undef B2
};

static inline size_t bits_set16(unsigned m)
{
    return (size_t)bits_in_byte[m & 0xffu] + bits_in_byte[(m >> 8) & 0xffu];
}

/* Sixteen bytes at a time, each block starting outside a string: commas
 * before the cut point are ignored (or only counted, with items), the
 * strings of a block without a backslash are masked out whole, and a
 * block that then stays inside an item (its closing brackets cannot bring
 * the depth back to the array's own level) only counts its brackets, so
 * neither an array of small values or short strings nor deep nesting
 * stops at every byte or string. */
static size_t run_end(const char *b, size_t len, size_t from, size_t want, bool *last,
                      size_t *items)
{
    size_t depth = 0; /* levels inside the array's own */
    size_t cut_from = want < len - from ? from + want : len;
    size_t i = from;
    while (i < len) {
        size_t n = len - i < 16 ? len - i : 16, next = i + n;
        block_marks k = mark_block(b + i, n);
        if (k.quotes && !k.backslashes) {
            /* The block starts outside a string and no quote in it is
               escaped: a byte is inside a string when an odd number of
               quotes come up to it. Their marks are dropped, and only a
               string still open at the block's end is skipped byte-wise,
               so an array of short strings is not walked string by string. */
            unsigned inside = k.quotes;
            inside ^= inside << 1;
            inside ^= inside << 2;
            inside ^= inside << 4;
            inside ^= inside << 8;
            if (inside & 0x8000u) /* an odd count: the last string goes on */
                next = skip_string(b, i + 31 - (size_t)__builtin_clz(k.quotes), len);
            k.opens &= ~inside;
            k.closes &= ~inside;
            k.commas &= ~inside;
            k.quotes = 0;
        }
        unsigned early = 0; /* the commas before the cut point */
        if (i < cut_from) {
            early = cut_from - i >= 16 ? k.commas : k.commas & ((1u << (cut_from - i)) - 1);
            k.commas &= ~early;
            if (!items)
                early = 0;
        }
        if (!(k.quotes | k.opens | k.closes | k.commas | early)) { /* nothing to count */
            i = next;
            continue;
        }
        size_t closes = bits_set16(k.closes);
        if (!k.quotes && (depth > closes || (!closes && !k.commas && !early))) {
            depth += bits_set16(k.opens);
            depth -= closes; /* fewer than the levels open */
            i = next;
            continue;
        }
        for (unsigned m = k.quotes | k.opens | k.closes | k.commas | early; m; m &= m - 1) {
            unsigned bit = m & -m;
            size_t j = i + (size_t)__builtin_ctz(m);
            if (k.quotes & bit) {
                next = skip_string(b, j, len);
                break;
            }
            if (k.opens & bit) {
                depth++;
            } else if (k.closes & bit) {
                if (depth == 0) {
                    *last = true;
                    return j;
                }
                depth--;
            } else if (depth == 0) { /* a ',' between items */
                if (early & bit) {
                    ++*items;
                    continue;
                }
                *last = false;
                return j;
            }
        }
        i = next;
    }
    return len;
}

size_t array_run_end(const char *b, size_t len, size_t from, size_t want, bool *last)
{
    return run_end(b, len, from, want, last, NULL);
}

size_t array_run_end_counted(const char *b, size_t len, size_t from, size_t want, bool *last,
                             size_t *commas)
{
    *commas = 0;
    return run_end(b, len, from, want, last, commas);
}

size_t array_skip_blanks(const char *b, size_t i, size_t len)
{
    while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r'))
        i++;
    return i;
}

static member_search find_member(const char *b, size_t len, size_t open, const char *key,
                                 size_t key_len, size_t *value, bool first)
{
    bool found = false;
    for (size_t i = array_skip_blanks(b, open + 1, len);; i = array_skip_blanks(b, i, len)) {
        if (i < len && b[i] == '}' && !found)
            return MEMBER_ABSENT; /* {} */
        if (i >= len || b[i] != '"')
            return MEMBER_UNSURE;
        size_t key_end = skip_string(b, i, len); /* past the closing quote */
        if (key_end >= len)
            return MEMBER_UNSURE;
        const char *k = b + i + 1;
        size_t k_len = key_end - i - 2;
        if (memchr(k, '\\', k_len))
            return MEMBER_UNSURE; /* an escape may spell the key another way */
        i = array_skip_blanks(b, key_end, len);
        if (i >= len || b[i] != ':')
            return MEMBER_UNSURE;
        i = array_skip_blanks(b, i + 1, len);
        if (k_len == key_len && memcmp(k, key, key_len) == 0) {
            if (found)
                return MEMBER_UNSURE; /* a repeated key: the last one counts */
            found = true;
            *value = i;
            if (first)
                return MEMBER_FOUND;
        }
        bool last = false;
        size_t end = array_run_end(b, len, i, 0, &last); /* the ',' or '}' after the value */
        if (end >= len || (last && b[end] != '}'))
            return MEMBER_UNSURE;
        if (last)
            return found ? MEMBER_FOUND : MEMBER_ABSENT;
        i = end + 1;
    }
}

member_search array_find_member(const char *b, size_t len, size_t open, const char *key,
                                size_t key_len, size_t *value)
{
    return find_member(b, len, open, key, key_len, value, false);
}

member_search array_first_member(const char *b, size_t len, size_t open, const char *key,
                                 size_t key_len, size_t *value)
{
    return find_member(b, len, open, key, key_len, value, true);
}
