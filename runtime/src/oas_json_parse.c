/* oas_json_parse.c - the structure of strict JSON: an iterative state
 * machine with an explicit container stack, so nesting costs heap, never C
 * stack, and the depth limit is checked before a container is entered.
 *
 * A large input (OAS_JSON_COUNTING_PASS_MIN bytes or more) is read twice. A
 * counting pass (not a validator) finds how many children every container
 * has and how much arena the whole tree needs; then the strict pass
 * allocates each container's children array at its final size when the
 * container opens and writes the nodes straight into it: no staging, no
 * copy, and the document is one arena block of exactly its size.
 *
 * A small input is read once, staging: children of open containers wait in
 * a scratch stack and move to the arena when their container closes. The
 * counting pass would cost about a third of the parse, more than the
 * staging it saves; staging also leaves the small tree as compact as the
 * counted one.
 *
 * So is a large input that looks sparse: its first
 * OAS_JSON_COUNTING_PASS_MIN bytes mostly inside strings of
 * SPARSE_STRING_MIN bytes or more, with fewer nodes than one per staging
 * slot's size in bytes (looks_sparse). A HAR capture's bodies or a long
 * text make such a document; counting them costs more than staging its
 * few nodes, and staging them holds little more memory than the counted
 * tree. (An array of short or middling strings is not one: staged, its
 * slots would hold more than its nodes.) Staging may then take no more
 * slots than would fill the input's size, which bounds its memory whatever
 * the rest of the document holds; should a denser part outgrow that, the
 * slots are freed and the input is counted and written in place after all.
 *
 * Both passes read the bytes the strict pass accepts the same way, so the
 * counts are exact for valid input and never short before the strict
 * pass's first error on malformed input (past it they may be anything).
 * The strict pass does not rely on that: it checks every child against the
 * room its array has, and should a count ever be short it parses the input
 * again staging (counts_fell_short). So the counts decide where nodes live,
 * never what is accepted or which error is reported. */
#include "oas_json_parser.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oas_alloc.h"

#define ALIGN8(n) (((n) + 7u) & ~(size_t)7u) /* the arena's alignment */

/* Staging: the arena's first block per input byte for the children
 * arrays (beyond the input's copy). API responses need about 4.5. */
#define STAGED_ARENA_FACTOR 5u

/* A string at least this long counts towards a large input's sparseness. */
#define SPARSE_STRING_MIN ((size_t)1024)

oas_status oas_json_fail(oas_json_parser *p, oas_status code, size_t offset, const char *what)
{
    if (!p->err)
        return code;
    if (offset == OAS_NO_OFFSET)
        return oas_error_set(p->err, code, NULL, offset, "%s", what);
    oas_error where;
    where.offset = offset;
    oas_error_locate(&where, (const char *)p->in, p->len);
    oas_error_set(p->err, code, NULL, offset, "%s at line %lu, column %lu (byte offset %zu)",
                  what, where.line, where.column, offset);
    p->err->line = where.line;
    p->err->column = where.column;
    return code;
}

static oas_status nomem(oas_json_parser *p)
{
    return oas_json_fail(p, OAS_ERR_NOMEM, OAS_NO_OFFSET, "out of memory while parsing JSON");
}

static size_t child_size(uint8_t type)
{
    return type == OAS_JSON_ARRAY ? sizeof(oas_json) : sizeof(oas_json_member);
}

/* a + b, or SIZE_MAX when that overflows (the arena then refuses it). */
static size_t add_saturating(size_t a, size_t b) { return a > SIZE_MAX - b ? SIZE_MAX : a + b; }

/* Arena bytes of a children array of `count` children. */
static size_t children_bytes(uint8_t type, size_t count)
{
    /* each bound a constant: no division at run time */
    size_t most = type == OAS_JSON_ARRAY ? (SIZE_MAX - 7) / sizeof(oas_json)
                                         : (SIZE_MAX - 7) / sizeof(oas_json_member);
    return count > most ? SIZE_MAX : ALIGN8(count * child_size(type));
}

static oas_status grow_frames(oas_json_parser *p)
{
    size_t cap = p->frames_cap ? p->frames_cap * 2 : 32;
    oas_json_frame *f = oas_realloc_array(p->frames, cap, sizeof *f);
    if (!f)
        return nomem(p);
    p->frames = f;
    p->frames_cap = cap;
    return OAS_OK;
}

/* ---- the counting pass ------------------------------------------------- */

/* Index of the first '"' at or after i, or len. Sixteen bytes at a time
 * with SSE2, then eight in a 64-bit word: (x - 1) & ~x sets the high bit
 * of a zero byte, and of bytes above one only (borrows run upwards), so
 * the lowest flag is real. */
static inline size_t find_quote(const unsigned char *in, size_t i, size_t len)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    while (len - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(in + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote));
        if (m)
            return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (len - i >= 8) {
        uint64_t w;
        memcpy(&w, in + i, 8);
        uint64_t q = w ^ (ones * '"');
        uint64_t m = (q - ones) & ~q & highs;
        if (m)
            return i + (size_t)__builtin_ctzll(m) / 8;
        i += 8;
    }
#endif
    while (i < len && in[i] != '"')
        i++;
    return i;
}

/* Whether the quote at in[q] is escaped: an odd run of backslashes
 * between start and q precedes it (a backslash hides the byte after it). */
static inline bool quote_escaped(const unsigned char *in, size_t start, size_t q)
{
    size_t j = q;
    while (j > start && in[j - 1] == '\\')
        j--;
    return (q - j) % 2 != 0;
}

/* skip_string_roughly past a first escaped quote, from i: a body captured
 * in a HAR has an escaped quote every few bytes, so the quotes of a
 * sixteen-byte block are tried one after another without loading it
 * again. */
static size_t skip_escaped_string_roughly(const unsigned char *in, size_t start, size_t i,
                                          size_t len)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    for (; len - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(in + i));
        for (unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)); m; m &= m - 1) {
            size_t q = i + (size_t)__builtin_ctz(m);
            if (!quote_escaped(in, start, q))
                return q;
        }
    }
#endif
    for (;; i++) {
        i = find_quote(in, i, len);
        if (i >= len || !quote_escaped(in, start, i))
            return i;
    }
}

/* The closing quote of the string whose content starts at start, or len.
 * Nothing is checked but the quotes, so escapes cost nothing until a
 * quote; each backslash is looked at once. */
static inline size_t skip_string_roughly(const unsigned char *in, size_t start, size_t len)
{
    size_t i = find_quote(in, start, len);
    if (i >= len || !quote_escaped(in, start, i))
        return i;
    return skip_escaped_string_roughly(in, start, i + 1, len);
}

/* A closed container's count, in child_counts or large_counts; and the
 * arena bytes of its children array. */
static oas_status record_count(oas_json_parser *p, const oas_json_frame *f, size_t *need)
{
    *need = add_saturating(*need, children_bytes(f->type, f->count));
    if (f->count < OAS_JSON_COUNT_ELSEWHERE) {
        p->child_counts[f->container] = (unsigned char)f->count;
        return OAS_OK;
    }
    p->child_counts[f->container] = OAS_JSON_COUNT_ELSEWHERE;
    if (p->nlarge == p->large_cap) {
        size_t cap = p->large_cap ? p->large_cap * 2 : 16;
        oas_json_large_count *l = oas_realloc_array(p->large_counts, cap, sizeof *l);
        if (!l)
            return nomem(p);
        p->large_counts = l;
        p->large_cap = cap;
    }
    p->large_counts[p->nlarge++] = (oas_json_large_count){f->container, f->count};
    return OAS_OK;
}

static int by_container(const void *a, const void *b)
{
    size_t x = ((const oas_json_large_count *)a)->container;
    size_t y = ((const oas_json_large_count *)b)->container;
    return (x > y) - (x < y);
}

static _Thread_local size_t thread_counted_bytes;

size_t oas_json_counted_bytes(void)
{
    return thread_counted_bytes;
}

/* Whether a large input is sparse (see the top of the file), from its
 * first OAS_JSON_COUNTING_PASS_MIN bytes (and the rest of a string that
 * runs on past them): most bytes inside strings of SPARSE_STRING_MIN bytes
 * or more, and fewer nodes (containers and values after commas, about one
 * per node) than one per staging slot's size in bytes. *need is then the
 * arena the nodes will take if the rest is like the start. Malformed
 * input may give any answer: either way is safe. */
static bool looks_sparse(const oas_json_parser *p, size_t *need)
{
    const unsigned char *in = p->in;
    size_t len = p->len, nodes = 1, long_string_bytes = 0, i = 0;
    for (; i < OAS_JSON_COUNTING_PASS_MIN && i < len; i++) {
        unsigned char c = in[i];
        if (c == ',' || c == '[' || c == '{') {
            /* Dense so far (4 KiB of slack for a document's head): counted.
               What starts dense and turns sparse is counted as it was
               before there was a look; dense input pays a short look. */
            if (++nodes * sizeof(oas_json_member) > i + 4096)
                return false;
        } else if (c == '"') {
            size_t open = i;
            i = skip_string_roughly(in, i + 1, len);
            if (i >= len)
                return false;
            if (i - open >= SPARSE_STRING_MIN)
                long_string_bytes += i - open;
        }
    }
    if (long_string_bytes <= i / 2 || nodes >= i / sizeof(oas_json_member))
        return false;
    *need = (len / i + 1) * nodes * sizeof(oas_json_member);
    return true;
}

/* Count the children of every container into p->child_counts (and
 * p->large_counts) and the arena bytes the tree needs into *need. Tokens
 * are told apart only by their first byte, so on valid input this sees
 * exactly the strict pass's structure. It stops early, leaving the rest
 * uncounted, at a byte where the strict pass is bound to fail at or before
 * (given that both agree on everything the strict pass accepted up to
 * there): an opener past the depth limit, a closer with nothing open, an
 * unterminated string, a ',' outside any container or straight after '[',
 * '{', ',' or ':', and a ',' closing an object member that had no ':'.
 * Those stops keep the counts of malformed input within what a valid
 * document of its length could need (2 bytes per array item, 3 per
 * member), so garbage reserves no more arena than valid JSON would. */
static oas_status count_children(oas_json_parser *p, size_t *need)
{
    const unsigned char *in = p->in;
    size_t len = p->len, depth = 0, n = 0;
    p->nlarge = 0;
    size_t i;
    oas_json_frame *top = NULL; /* p->frames[depth - 1], NULL at depth 0 */
    /* The last byte outside strings that is not blank was '[', '{', ','
     * or ':', where a ',' is out of place. */
    bool after_separator = true;
    oas_status st = OAS_OK;
    for (i = 0; i < len; i++) {
        unsigned char c = in[i];
        switch (c) {
        case ' ': case '\t': case '\n': case '\r':
            continue;
        case '"':
            i = skip_string_roughly(in, i + 1, len);
            if (i >= len)
                goto stop;
            after_separator = false;
            continue;
        case ':':
            if (top)
                top->has_colon = true;
            after_separator = true;
            continue;
        case ',':
            if (!top || after_separator)
                goto stop;
            if (top->type == OAS_JSON_OBJECT) {
                if (!top->has_colon)
                    goto stop;
                top->has_colon = false;
            }
            top->count++;
            after_separator = true;
            continue;
        case '[': case '{': {
            if (depth >= p->max_depth)
                goto stop;
            if (n == p->counts_cap) {
                size_t cap = p->counts_cap ? p->counts_cap * 2 : 256;
                unsigned char *counts = oas_realloc_array(p->child_counts, cap, 1);
                if (!counts) {
                    st = nomem(p);
                    goto stop;
                }
                p->child_counts = counts;
                p->counts_cap = cap;
            }
            if (depth == p->frames_cap && (st = grow_frames(p)) != OAS_OK)
                goto stop;
            /* Empty exactly when the strict pass will find it empty: the
             * matching closer after blanks. */
            size_t j = oas_json_skip_blanks(in, i + 1, len);
            top = &p->frames[depth++];
            top->container = n++;
            top->count = j < len && in[j] == (c == '[' ? ']' : '}') ? 0 : 1;
            top->type = c == '[' ? OAS_JSON_ARRAY : OAS_JSON_OBJECT;
            top->has_colon = false;
            after_separator = true;
            continue;
        }
        case ']': case '}':
            if (!top)
                goto stop;
            depth--;
            if ((st = record_count(p, top, need)) != OAS_OK)
                goto stop;
            top = depth ? &p->frames[depth - 1] : NULL;
            after_separator = false;
            continue;
        default:
            after_separator = false;
            continue;
        }
    }
stop:
    thread_counted_bytes += i < len ? i + 1 : len;
    /* Containers still open (malformed input) get their room too. */
    while (depth && st == OAS_OK) {
        depth--;
        st = record_count(p, &p->frames[depth], need);
    }
    p->ncontainers = n;
    /* Recorded as containers closed; the strict pass wants them as they open. */
    if (p->nlarge > 1)
        qsort(p->large_counts, p->nlarge, sizeof *p->large_counts, by_container);
    return st;
}

/* The counting pass's count for the next container to open. */
/* The counting pass's count for the next container to open (0 when the
 * pass did not run or did not get that far). */
static size_t next_count(oas_json_parser *p)
{
    size_t index = p->next_container++;
    if (index >= p->ncontainers)
        return 0;
    if (p->child_counts[index] < OAS_JSON_COUNT_ELSEWHERE)
        return p->child_counts[index];
    while (p->next_large < p->nlarge && p->large_counts[p->next_large].container < index)
        p->next_large++;
    if (p->next_large < p->nlarge && p->large_counts[p->next_large].container == index)
        return p->large_counts[p->next_large].count;
    return 0;
}

/* ---- the strict pass ---------------------------------------------------- */

/* A container has more children than the counting pass said (no input
 * does, see the top of the file): this attempt stops, and the input is
 * parsed again with staging. */
static oas_status counts_fell_short(oas_json_parser *p)
{
    p->counts_short = true;
    return OAS_ERR_JSON_SYNTAX; /* any failure: err is left untouched */
}

/* Staging: a new slot on top; its value becomes p->cur. */
static oas_status push_slot(oas_json_parser *p)
{
    if (p->nslots == p->slots_cap) {
        size_t cap = p->slots_cap ? p->slots_cap * 2 : 64;
        if (p->slots_limit && cap > p->slots_limit) {
            p->slots_outgrown = true;
            return OAS_ERR_JSON_SYNTAX; /* any failure: err is left untouched */
        }
        oas_json_member *s = oas_realloc_array(p->slots, cap, sizeof *s);
        if (!s)
            return nomem(p);
        p->slots = s;
        p->slots_cap = cap;
    }
    /* The key is left unset: an object's member gets it next (scan_key),
     * an array item's or the root's is never read (only its value moves). */
    oas_json_member *m = &p->slots[p->nslots++];
    p->cur = &m->value;
    return OAS_OK;
}

/* The next item of the top array (frame f) becomes p->cur. */
static oas_status next_item(oas_json_parser *p, bool in_place, oas_json_frame *f)
{
    if (!in_place)
        return push_slot(p);
    if (f->count == f->cap)
        return counts_fell_short(p);
    p->cur = (oas_json *)f->children + f->count++;
    return OAS_OK;
}

/* The next member of the top object (frame f); its value becomes p->cur. */
static oas_status next_member(oas_json_parser *p, bool in_place, oas_json_frame *f,
                              oas_json_member **out)
{
    oas_json_member *m;
    if (!in_place) {
        oas_status st = push_slot(p);
        if (st != OAS_OK)
            return st;
        m = &p->slots[p->nslots - 1];
    } else {
        if (f->count == f->cap)
            return counts_fell_short(p);
        m = (oas_json_member *)f->children + f->count++;
    }
    p->cur = &m->value;
    *out = m;
    return OAS_OK;
}

/* Tell the parent of a closed container (if any) what the container's
 * subtree holds, and flag the container when no object there repeats a
 * key (oas_json_no_dups_flags). */
static void note_subtree(oas_json_parser *p, const oas_json_frame *f, oas_json *node)
{
    bool dups = f->dups_below || (node->flags & OAS_JSON_F_DUPKEYS);
    size_t height = f->height + 1;
    if (p->depth) {
        oas_json_frame *parent = &p->frames[p->depth - 1];
        parent->dups_below |= dups;
        if (parent->height < height)
            parent->height = height;
    }
    if (!dups)
        node->flags |= oas_json_no_dups_flags(height);
}

/* A closed container's node (frame f, already popped) gets its children
 * and its duplicate-key flags. Only an object two of whose keys share a
 * class can repeat one: the others skip the exact check. */
static oas_status finish_container(oas_json_parser *p, const oas_json_frame *f, oas_json *node,
                                   void *children, size_t count)
{
    if (node->type == OAS_JSON_ARRAY) {
        node->u.arr.items = count ? children : NULL;
        node->u.arr.count = count;
    } else {
        oas_json_member *members = count ? children : NULL;
        if (f->class_repeated) {
            bool dup;
            if (oas_json_find_duplicates(&p->dups, members, count, &dup) != OAS_OK)
                return nomem(p);
            if (dup)
                node->flags |= OAS_JSON_F_DUPKEYS;
        }
        node->u.obj.members = members;
        node->u.obj.count = count;
    }
    note_subtree(p, f, node);
    return OAS_OK;
}

/* Pop the top container and finish its node; staging, its children move
 * from the slots into the arena first, at their final size. */
static oas_status close_container(oas_json_parser *p, bool in_place)
{
    const oas_json_frame *f = &p->frames[--p->depth];
    if (in_place)
        return finish_container(p, f, f->node, f->children, f->count);
    size_t first = f->slot + 1, count = p->nslots - first;
    void *children = NULL;
    /* One test of the type, then a child size known at compile time; and
     * no saturating children_bytes(): count children already fill that
     * many allocated slots, so the sizes below cannot overflow. A deep
     * document pays this at every closer. */
    if (count && f->type == OAS_JSON_ARRAY) {
        oas_json *items = oas_arena_alloc(p->arena, count * sizeof *items);
        if (!items)
            return nomem(p);
        for (size_t i = 0; i < count; i++)
            items[i] = p->slots[first + i].value;
        children = items;
    } else if (count) {
        if (!(children = oas_arena_alloc(p->arena, count * sizeof *p->slots)))
            return nomem(p);
        memcpy(children, p->slots + first, count * sizeof *p->slots);
    }
    p->nslots = first;
    return finish_container(p, f, &p->slots[f->slot].value, children, count);
}

/* The byte at the cursor once blanks are skipped (the cursor then on it),
 * or -1 at the end of the input. Compact JSON usually has no blank there,
 * so that case is tested first, and the callers test the byte returned
 * instead of loading it again behind a bounds check of their own. The
 * first look is at the copy, whose NUL at [len] ends the input without a
 * bounds check: ahead of the cursor it holds the input's bytes, and the
 * only byte the parse has changed at the cursor is a number's delimiter
 * (now NUL), which the slow path reads from the input. */
static inline int peek(oas_json_cursor *c)
{
    size_t i = c->pos;
    unsigned char t = (unsigned char)c->text[i];
    if (__builtin_expect(t > ' ', 1))
        return t;
    if (i < c->len && c->in[i] > ' ')
        return c->in[i]; /* after a number */
    i = oas_json_skip_blanks(c->in, i, c->len);
    c->pos = i;
    return i < c->len ? c->in[i] : -1;
}

static oas_status scan_literal(oas_json_parser *p, oas_json_cursor *c, oas_json *node,
                               const char *word, uint8_t type)
{
    for (size_t k = 0; word[k]; k++)
        if (c->pos + k >= c->len || c->in[c->pos + k] != (unsigned char)word[k])
            return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, c->pos + k, "invalid literal");
    node->type = type;
    node->flags = 0;
    node->offset = (uint32_t)c->pos;
    c->pos += strlen(word);
    return OAS_OK;
}

/* Start a container at the cursor in p->cur; writing in place, with room
 * for the children the counting pass found. */
static oas_status open_container(oas_json_parser *p, oas_json_cursor *c, bool in_place,
                                 uint8_t type)
{
    if (p->depth >= p->max_depth)
        return oas_json_fail(p, OAS_ERR_JSON_DEPTH, c->pos, "nesting deeper than the limit");
    size_t cap = in_place ? next_count(p) : 0;
    void *children = NULL;
    if (cap && !(children = oas_arena_alloc(p->arena, children_bytes(type, cap))))
        return nomem(p);
    if (p->depth == p->frames_cap) {
        oas_status st = grow_frames(p);
        if (st != OAS_OK)
            return st;
    }
    oas_json *node = p->cur;
    node->type = type;
    node->flags = 0;
    node->offset = (uint32_t)c->pos;
    c->pos++;
    /* Only the fields this mode reads are set: a whole frame's stores cost
     * a deeply nested document a few percent. */
    oas_json_frame *f = &p->frames[p->depth++];
    f->type = type;
    f->key_classes = 0;
    f->height = 0;
    f->class_repeated = false;
    f->dups_below = false;
    if (in_place) {
        f->node = node;
        f->children = children;
        f->count = 0;
        f->cap = cap;
    } else {
        f->slot = p->nslots - 1; /* node moves when slots grows: keep its index */
    }
    return OAS_OK;
}

/* The scalar whose first byte ch (peek()) is at the cursor; ch is never
 * '[' or '{' (the state machine opens containers itself). */
static oas_status scan_value(oas_json_parser *p, oas_json_cursor *c, int ch)
{
    oas_json *node = p->cur;
    switch (ch) {
    case '"': {
        node->type = OAS_JSON_STRING;
        node->flags = 0;
        node->offset = (uint32_t)c->pos;
        return oas_json_scan_string(p, c, &node->u.str.ptr, &node->u.str.len);
    }
    case 't':
        return scan_literal(p, c, node, "true", OAS_JSON_TRUE);
    case 'f':
        return scan_literal(p, c, node, "false", OAS_JSON_FALSE);
    case 'n':
        return scan_literal(p, c, node, "null", OAS_JSON_NULL);
    default:
        if (ch == '-' || (ch >= '0' && ch <= '9')) {
            if (oas_json_scan_short_integer(c, node))
                return OAS_OK;
            p->pos = c->pos; /* out of line: the cursor goes through p */
            oas_status st = oas_json_scan_number(p, node);
            c->pos = p->pos;
            return st;
        }
        if (ch < 0)
            return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, c->len,
                                 "unexpected end of input, expected a value");
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, c->pos, "unexpected character, expected a value");
    }
}

/* A member's key and ':' in the object of frame f (the top one); ch
 * (peek()) is the byte where the key's quote should be. */
static oas_status scan_key(oas_json_parser *p, oas_json_cursor *c, bool in_place, int ch,
                           oas_json_frame *f)
{
    if (ch < 0)
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, c->len, "unexpected end of input, expected a key");
    if (ch != '"')
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, c->pos, "expected a string key");
    oas_json_member *m;
    oas_status st = next_member(p, in_place, f, &m);
    if (st != OAS_OK)
        return st;
    m->key_offset = (uint32_t)c->pos;
    size_t key_len;
    st = oas_json_scan_string(p, c, &m->key, &key_len);
    if (st != OAS_OK)
        return st;
    m->key_len = (uint32_t)key_len; /* the input is under 4 GiB */
    /* The class without oas_json_key_class's test for an empty key: a key
       just scanned lies in the copy right after its opening quote, decoded
       or not, so for "" its [-1] is that quote and its [0] the NUL over the
       closing one. Equal keys still get equal classes. */
    uint64_t bit = oas_json_class_of(key_len, (unsigned char)m->key[0],
                                     (unsigned char)m->key[(ptrdiff_t)key_len - 1]);
    f->class_repeated |= (f->key_classes & bit) != 0;
    f->key_classes |= bit;
    ch = peek(c);
    if (ch < 0)
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, c->len, "unexpected end of input, expected ':'");
    if (ch != ':')
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, c->pos, "expected ':' after key");
    c->pos++;
    return OAS_OK;
}

/* The state machine, one label per state. A value's state says what it is
 * in (the root, an object or an array), so after a scalar, the usual
 * value, the next state is known without looking at the container stack;
 * only a closed container looks at the frame below it. The only stack is
 * p->frames, whose top frame stays in `top` (NULL at depth 0). The cursor
 * lives in a local too (see oas_json_cursor) and goes back to p->pos when
 * the pass ends. */
static oas_status run(oas_json_parser *p, bool in_place)
{
    oas_json_cursor cur = {.in = p->in, .text = p->text, .len = p->len, .pos = p->pos};
    oas_json_cursor *c = &cur;
    oas_json_frame *top = NULL;
    oas_status st;
    int ch;
    switch (ch = peek(c)) { /* the root value */
    case '{': goto open_object;
    case '[': goto open_array;
    default:
        if ((st = scan_value(p, c, ch)) != OAS_OK)
            return st;
        goto end;
    }

member_value: /* a member's value is expected in p->cur; top is its object */
    switch (ch = peek(c)) { /* one jump on the value's first byte */
    case '{': goto open_object;
    case '[': goto open_array;
    default:
        if ((st = scan_value(p, c, ch)) != OAS_OK)
            return st;
    }
object_next: /* a member's value ended */
    ch = peek(c);
    if (ch == ',') {
        c->pos++;
        if ((st = scan_key(p, c, in_place, peek(c), top)) != OAS_OK)
            return st;
        goto member_value;
    }
    if (ch != '}')
        return ch < 0 ? oas_json_fail(p, OAS_ERR_JSON_SYNTAX, c->len, "unexpected end of input")
                      : oas_json_fail(p, OAS_ERR_JSON_SYNTAX, c->pos, "expected ',' or '}' in object");
    c->pos++;
    goto close;

item_value: /* an item is expected in p->cur; top is its array */
    switch (ch = peek(c)) {
    case '{': goto open_object;
    case '[': goto open_array;
    default:
        if ((st = scan_value(p, c, ch)) != OAS_OK)
            return st;
    }
array_next: /* an item ended */
    ch = peek(c);
    if (ch == ',') {
        c->pos++;
        if ((st = next_item(p, in_place, top)) != OAS_OK)
            return st;
        goto item_value;
    }
    if (ch != ']')
        return ch < 0 ? oas_json_fail(p, OAS_ERR_JSON_SYNTAX, c->len, "unexpected end of input")
                      : oas_json_fail(p, OAS_ERR_JSON_SYNTAX, c->pos, "expected ',' or ']' in array");
    c->pos++;
    goto close;

open_object: /* at '{', in p->cur */
    if ((st = open_container(p, c, in_place, OAS_JSON_OBJECT)) != OAS_OK)
        return st;
    top = &p->frames[p->depth - 1]; /* frames may have moved */
    ch = peek(c);
    if (ch == '}') {
        c->pos++;
        goto close;
    }
    if ((st = scan_key(p, c, in_place, ch, top)) != OAS_OK)
        return st;
    goto member_value;

open_array: /* at '[', in p->cur */
    if ((st = open_container(p, c, in_place, OAS_JSON_ARRAY)) != OAS_OK)
        return st;
    top = &p->frames[p->depth - 1];
    if (peek(c) == ']') {
        c->pos++;
        goto close;
    }
    if ((st = next_item(p, in_place, top)) != OAS_OK)
        return st;
    goto item_value;

close: /* past the top container's closer: the value it is ended */
    if ((st = close_container(p, in_place)) != OAS_OK)
        return st;
    if (p->depth) {
        top = &p->frames[p->depth - 1];
        if (top->type == OAS_JSON_OBJECT)
            goto object_next;
        goto array_next;
    }
end: /* the root value ended */
    if (peek(c) >= 0)
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, c->pos, "unexpected data after the JSON value");
    p->pos = c->pos;
    return OAS_OK;
}

/* run() for each mode, everything it calls inlined with the mode a
 * constant: testing the mode at run time costs small inputs a few percent. */
__attribute__((flatten)) static oas_status run_in_place(oas_json_parser *p)
{
    return run(p, true);
}

__attribute__((flatten)) static oas_status run_staging(oas_json_parser *p)
{
    return run(p, false);
}

/* The strict pass over the whole input, in place with the counting pass's
 * result or staging; children_need is the arena the children arrays will
 * take (exact in place, a typical amount staging). On failure nothing of
 * the attempt stays allocated. */
static oas_status attempt(oas_json_parser *p, bool in_place, size_t children_need,
                          oas_json_doc **out)
{
    p->counts_short = p->slots_outgrown = false;
    p->pos = p->depth = p->nslots = p->next_container = p->next_large = 0;
    /* One arena block holds the document, the input's copy and, for valid
     * input in place, every children array. */
    size_t need = add_saturating(ALIGN8(sizeof **out) + ALIGN8(p->len + 1), children_need);
    p->arena = oas_arena_new(need);
    oas_json_doc *doc = p->arena ? oas_arena_alloc(p->arena, sizeof *doc) : NULL;
    p->text = doc ? oas_arena_alloc(p->arena, p->len + 1) : NULL;
    oas_status st;
    if (!p->text) {
        st = nomem(p);
    } else {
        memcpy(p->text, p->in, p->len);
        p->text[p->len] = '\0';
        p->cur = &doc->root;
        st = in_place ? OAS_OK : push_slot(p); /* staging: the root's slot */
        if (st == OAS_OK)
            st = in_place ? run_in_place(p) : run_staging(p);
    }
    if (st != OAS_OK) {
        oas_arena_free(p->arena);
        p->arena = NULL;
        return st;
    }
    if (!in_place)
        doc->root = p->slots[0].value;
    doc->arena = p->arena;
    *out = doc;
    return OAS_OK;
}

oas_status oas_json_parse(const char *input, size_t len, const oas_json_options *opts,
                          oas_json_doc **out, oas_error *err)
{
    if (out)
        *out = NULL;
    oas_error_clear(err);
    if (!out || (!input && len))
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "oas_json_parse: NULL input or output");
    size_t max_depth = opts && opts->max_depth ? opts->max_depth : OAS_JSON_DEFAULT_MAX_DEPTH;
    size_t max_bytes = opts && opts->max_bytes && opts->max_bytes < OAS_JSON_MAX_BYTES
                           ? opts->max_bytes : OAS_JSON_MAX_BYTES;
    if (len > max_bytes) /* offsets are 32-bit: the limit is never above 4 GiB - 1 */
        return oas_error_set(err, OAS_ERR_JSON_LIMIT, NULL, OAS_NO_OFFSET,
                             "JSON input of %zu bytes exceeds the limit of %zu bytes", len,
                             max_bytes);
    oas_json_parser p = {.in = (const unsigned char *)(input ? input : ""), .len = len,
                         .max_depth = max_depth, .err = err};
    if (len >= SIZE_MAX / 4)
        return nomem(&p);
    oas_json_scratch *scratch = opts ? opts->scratch : NULL;
    oas_json_scratch_lend(scratch, &p);
    oas_status st = OAS_OK;
    oas_json_doc *doc = NULL;
    bool staging = len < OAS_JSON_COUNTING_PASS_MIN;
    if (!staging) {
        size_t need = 0;
        if (looks_sparse(&p, &need)) {
            p.slots_limit = len / sizeof *p.slots;
            st = attempt(&p, false, need, &doc);
            p.slots_limit = 0;
            if (p.slots_outgrown) { /* the slots are no use in place */
                oas_free(p.slots);
                p.slots = NULL;
                p.slots_cap = 0;
                st = OAS_OK;
            }
        }
        if (st == OAS_OK && !doc) {
            need = 0;
            st = count_children(&p, &need);
            if (st == OAS_OK)
                st = attempt(&p, true, need, &doc);
        }
        staging = p.counts_short;
    }
    if (staging)
        st = attempt(&p, false, len * STAGED_ARENA_FACTOR, &doc);
    if (st == OAS_OK)
        *out = doc;
    oas_json_scratch_take_back(scratch, &p);
    return st;
}
