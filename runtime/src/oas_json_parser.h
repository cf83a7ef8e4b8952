/* oas_json_parser.h - private state of one oas_json_parse() call, shared by
 * the structure driver, the string scanner and the number scanner. */
#ifndef OAS_JSON_PARSER_H
#define OAS_JSON_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "oas_json_internal.h"

/* One open container. The counting pass uses `container`, `count`, `type`
 * and `has_colon`; the strict pass `type`, `key_classes`, `height`,
 * `class_repeated` and `dups_below` and, writing in place, `node`,
 * `children`, `count` and `cap`, or, staging, `slot`. */
typedef struct oas_json_frame {
    oas_json *node;   /* the container's own node */
    void *children;   /* its oas_json items or oas_json_member members (arena) */
    size_t count;     /* children counted, or written, so far */
    size_t cap;       /* room in children */
    size_t container; /* its index in child_counts */
    size_t slot;      /* index of its own node in slots */
    /* Strict pass, for the duplicate-key flags (and `has_colon`, counting): */
    uint64_t key_classes; /* object: oas_json_key_class of its keys so far */
    size_t height;        /* the highest of its closed children (0: none) */
    uint8_t type;         /* OAS_JSON_ARRAY or OAS_JSON_OBJECT */
    bool has_colon;       /* object: a ':' since the last ',' (or the '{') */
    bool class_repeated;  /* object: two keys share a class, so maybe a key */
    bool dups_below;      /* an object among its closed children repeats a key */
} oas_json_frame;

/* Inputs from this size on get the counting pass and are written in place,
 * unless they prove sparse (oas_json_parse.c). Below it the pass would cost
 * about a third of the parse time, while the staging it saves is small and
 * reused. */
#define OAS_JSON_COUNTING_PASS_MIN ((size_t)64 << 10)

/* Bytes this thread's counting passes have read so far. A test hook: tests
 * check that a sparse input is staged uncounted, and a dense one counted
 * whole. */
size_t oas_json_counted_bytes(void);

/* A container with OAS_JSON_COUNT_ELSEWHERE children or more. */
typedef struct oas_json_large_count {
    size_t container, count;
} oas_json_large_count;

/* child_counts value meaning "look in large_counts": most containers have
 * fewer children, so one byte each is enough (deeply nested documents have
 * about one container per two bytes of input). */
#define OAS_JSON_COUNT_ELSEWHERE 255u

typedef struct oas_json_parser {
    const unsigned char *in;
    size_t len, pos;
    /* Arena copy of the input (NUL at [len]). Strings and number texts point
     * into it, terminated in place over their closing quote or delimiter,
     * so a parse copies the input once instead of once per string. */
    char *text;
    size_t max_depth;
    oas_arena *arena;
    /* The counting pass's result: how many children each container has, in
     * the order the containers open. Writing in place, the strict pass gives
     * each container its children array at that size when it opens. */
    unsigned char *child_counts;
    size_t ncontainers, counts_cap;
    oas_json_large_count *large_counts; /* sorted by container */
    size_t nlarge, large_cap;
    bool counts_short;     /* strict pass: a container outgrew its count */
    size_t slots_limit;    /* staging a sparse input: most slots it may take (0: no limit) */
    bool slots_outgrown;   /* staging stopped there: count and write in place instead */
    size_t next_container; /* strict pass: index of the next container to open */
    size_t next_large;     /* strict pass: the first large_counts entry not passed */
    oas_json *cur;         /* strict pass: the node the next value goes into */
    /* Staging: children of open containers wait here until their container
     * closes, then move to the arena as one array of their final size. */
    oas_json_member *slots;
    size_t nslots, slots_cap;
    oas_json_frame *frames;
    size_t depth, frames_cap;
    oas_json_dup_table dups;
    oas_error *err;
} oas_json_parser;

/* Hand a scratch's buffers to parser p (before the parse), and take them
 * back (after it), freeing any beyond OAS_JSON_SCRATCH_KEEP bytes; p's
 * own buffers are freed when scratch is NULL. oas_json_scratch.c. */
void oas_json_scratch_lend(oas_json_scratch *scratch, oas_json_parser *p);
void oas_json_scratch_take_back(oas_json_scratch *scratch, oas_json_parser *p);

/* Fill p->err with code, a message naming `what` and its position. */
oas_status oas_json_fail(oas_json_parser *p, oas_status code, size_t offset, const char *what);

/* Nonzero when some byte of w needs a closer look: '"', '\\', < 0x20 or
 * >= 0x80. Borrows can flag bytes above a special one, never below it, so
 * the lowest flagged byte is always a real one (and no byte is missed):
 * x - 0x20 sets the high bit of bytes < 0x20, q - 1 and b - 1 set it where
 * q or b is 0, and w's own high bit marks bytes >= 0x80. */
static inline uint64_t oas_json_special_bytes(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    return ((w - ones * 0x20) | (q - ones) | (b - ones) | w) & highs;
}

#if defined(__SSE2__)
/* Bit k set when byte k of v is not plain ASCII string content (SSE2, which
 * every x86-64 has: a signed compare below 0x20 also catches the bytes
 * >= 0x80). */
static inline unsigned oas_json_special_mask16(__m128i v)
{
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  space = _mm_set1_epi8(0x20);
    __m128i ends = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash));
    __m128i special = _mm_or_si128(ends, _mm_cmplt_epi8(v, space));
    return (unsigned)_mm_movemask_epi8(special);
}
#endif

/* Index of the first byte at or after i that is not plain ASCII string
 * content, or len. Sixteen bytes at a time with SSE2, then eight in a
 * 64-bit word. The 8-byte loads go through memcpy: no unaligned pointer
 * casts. */
static inline size_t oas_json_skip_plain(const unsigned char *in, size_t i, size_t len)
{
#if defined(__SSE2__)
    while (len - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(in + i));
        unsigned m = oas_json_special_mask16(v);
        if (m)
            return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    while (len - i >= 8) {
        uint64_t w;
        memcpy(&w, in + i, 8);
        uint64_t m = oas_json_special_bytes(w);
        if (m)
            return i + (size_t)__builtin_ctzll(m) / 8;
        i += 8;
    }
#endif
    while (i < len && in[i] >= 0x20 && in[i] < 0x80 && in[i] != '"' && in[i] != '\\')
        i++;
    return i;
}

/* Index of the first byte at or after i that is not JSON whitespace, or
 * len. Runs of spaces (a pretty-printed document's indentation) go eight
 * bytes at a time once two spaces in a row are seen; the single space of
 * `", "` and `": "` costs a byte test or two. */
static inline size_t oas_json_skip_blanks(const unsigned char *in, size_t i, size_t len)
{
    while (i < len) {
        unsigned char b = in[i];
        if (b != ' ') {
            if (b != '\n' && b != '\r' && b != '\t')
                break;
            i++;
            continue;
        }
        i++;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (i < len && in[i] == ' ') { /* two in a row: a run of them */
            for (; len - i >= 8; i += 8) {
                uint64_t w;
                memcpy(&w, in + i, 8);
                uint64_t other = w ^ 0x2020202020202020ull; /* zero bytes: spaces */
                if (other) {
                    i += (size_t)__builtin_ctzll(other) / 8;
                    break;
                }
            }
        }
#endif
    }
    return i;
}

/* The rest of a string whose bytes from the opening quote to i are plain
 * (oas_json_string.c): escapes, UTF-8, errors. */
oas_status oas_json_scan_string_rest(oas_json_parser *p, size_t i, const char **out,
                                     size_t *out_len);

/* The strict pass's reading position and the bytes it reads, kept in
 * locals of the state machine (oas_json_parse.c), whose helpers are all
 * inlined into it, rather than in the parser: a string's NUL store into
 * the text could alias any field of *p, so a cursor there would be
 * reloaded after every token. Calls out of line get it through p->pos. */
typedef struct oas_json_cursor {
    const unsigned char *in;
    char *text; /* p->text */
    size_t len, pos;
} oas_json_cursor;

/* c->pos is at the opening quote; on success it is past the closing one and
 * *out / *out_len is the decoded string, NUL-terminated, inside p->text.
 * Inline for the common plain string (most keys and values): no call. */
static inline oas_status oas_json_scan_string(oas_json_parser *p, oas_json_cursor *c,
                                              const char **out, size_t *out_len)
{
    size_t start = c->pos + 1, i = oas_json_skip_plain(c->in, start, c->len);
    if (i >= c->len || c->in[i] != '"') {
        p->pos = c->pos;
        oas_status st = oas_json_scan_string_rest(p, i, out, out_len);
        c->pos = p->pos;
        return st;
    }
    c->text[i] = '\0'; /* over the closing quote, in the copy */
    *out = c->text + start;
    *out_len = i - start;
    c->pos = i + 1;
    return OAS_OK;
}

/* The common number, an integer of at most 18 digits, at c->pos (at '-'
 * or a digit): true when it is one, node then holds it and c->pos is past
 * it. Otherwise false, nothing consumed, and oas_json_scan_number takes
 * it: every other number, and every malformed one, which it reports.
 * Inline, as the plain string is: most numbers of API responses are
 * small integers, and the call would cost about as much as the scan. */
static inline bool oas_json_scan_short_integer(oas_json_cursor *c, oas_json *node)
{
    /* Read from the copy: ahead of the cursor it is the input, and its NUL
       at [len] stops the digit loop without a bounds check. */
    const unsigned char *t = (const unsigned char *)c->text;
    size_t start = c->pos, i = start;
    bool neg = t[i] == '-';
    i += neg;
    size_t first = i;
    /* Unsigned, so that digits past the 18th wrap harmlessly: such a
       number is declined below, and no bound is tested per digit. */
    uint64_t v = 0;
    while ((unsigned)(t[i] - '0') < 10u)
        v = v * 10 + (unsigned)(t[i++] - '0');
    if (i == first || i - first > 18 || (t[first] == '0' && i > first + 1))
        return false;
    if (t[i] == '.' || t[i] == 'e' || t[i] == 'E')
        return false; /* a fraction or an exponent */
    c->text[i] = '\0'; /* over the delimiter, in the copy */
    node->type = OAS_JSON_NUMBER;
    node->flags = OAS_JSON_F_INTEGER | OAS_JSON_F_INT64;
    node->offset = (uint32_t)start;
    node->u.num.text = c->text + start;
    node->u.num.i = neg ? -(int64_t)v : (int64_t)v; /* "-0" is told by its text */
    c->pos = i;
    return true;
}

/* p->pos is at '-' or a digit of a number oas_json_scan_short_integer
 * declined; on success it is past the number. */
oas_status oas_json_scan_number(oas_json_parser *p, oas_json *node);

#endif
