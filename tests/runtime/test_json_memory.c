/* test_json_memory.c - what oas_json_parse() allocates, counted byte by
 * byte through the allocator hook: a large dense document is one arena
 * block holding exactly its nodes, its input copy and a small header, with
 * nothing staged or copied on the way (the peak is the document itself); a
 * large sparse one (mostly long strings) is staged in about its input copy;
 * and the tree and the errors are the same whatever the containers' sizes
 * and nesting, counted (inputs from OAS_JSON_COUNTING_PASS_MIN bytes on),
 * staged small, or staged as sparse (the tree checked against an
 * independent walk of the text). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "oas_alloc.h"
#include "oas_buf.h"
#include "oas_json.h"
#include "oas_json_parser.h"

/* ---- a byte-counting allocator ----------------------------------------- */

/* Each block carries its size in a header as wide as max_align_t, so the
 * pointer handed out keeps malloc's alignment. */
typedef union block_header {
    size_t size;
    max_align_t align;
} block_header;

static size_t live_bytes, peak_bytes, total_bytes, live_blocks, calls;

static void note_alloc(size_t size)
{
    live_bytes += size;
    total_bytes += size;
    live_blocks++;
    if (live_bytes > peak_bytes)
        peak_bytes = live_bytes;
}

static void *counting_malloc(size_t size, void *ctx)
{
    (void)ctx;
    calls++;
    block_header *h = malloc(sizeof *h + size);
    if (!h)
        return NULL;
    h->size = size;
    note_alloc(size);
    return h + 1;
}

static void counting_free(void *ptr, void *ctx)
{
    (void)ctx;
    if (!ptr)
        return;
    block_header *h = (block_header *)ptr - 1;
    live_bytes -= h->size;
    live_blocks--;
    free(h);
}

static void *counting_realloc(void *ptr, size_t size, void *ctx)
{
    if (!ptr)
        return counting_malloc(size, ctx);
    calls++;
    block_header *old = (block_header *)ptr - 1;
    size_t old_size = old->size;
    block_header *h = realloc(old, sizeof *h + size);
    if (!h)
        return NULL;
    /* A realloc may copy: count old and new as both live for a moment. */
    note_alloc(size);
    live_bytes -= old_size;
    live_blocks--;
    h->size = size;
    return h + 1;
}

static void counting_install(void)
{
    live_bytes = peak_bytes = total_bytes = live_blocks = calls = 0;
    oas_allocator a = {counting_malloc, counting_realloc, counting_free, NULL};
    oas_set_allocator(&a);
}

static void counting_uninstall(void) { oas_set_allocator(NULL); }

/* ---- documents ---------------------------------------------------------- */

/* head, then unit n times separated by commas, then tail; malloc'ed. */
static char *repeat(const char *head, const char *unit, size_t n, const char *tail, size_t *len)
{
    size_t lh = strlen(head), lu = strlen(unit), lt = strlen(tail);
    *len = lh + n * (lu + 1) - (n ? 1 : 0) + lt;
    char *s = malloc(*len + 1);
    assert_non_null(s);
    char *p = s;
    memcpy(p, head, lh);
    p += lh;
    for (size_t i = 0; i < n; i++) {
        if (i)
            *p++ = ',';
        memcpy(p, unit, lu);
        p += lu;
    }
    memcpy(p, tail, lt + 1);
    return s;
}

/* Bytes the arena needs beyond the nodes: the document header, the input
 * copy, alignment and the arena's own bookkeeping. */
#define SMALL_OVERHEAD 256u

static oas_json_doc *parse_counted(const char *s, size_t len)
{
    counting_install();
    oas_json_doc *doc = NULL;
    oas_error err;
    oas_status st = oas_json_parse(s, len, NULL, &doc, &err);
    if (st != OAS_OK)
        fail_msg("parse: %s", err.message);
    return doc;
}

static void free_counted(oas_json_doc *doc)
{
    oas_json_doc_free(doc);
    assert_int_equal(live_bytes, 0);
    assert_int_equal(live_blocks, 0);
    counting_uninstall();
}

/* A value's node is 24 bytes and a member 40 (LP64): [0,0,...] costs 12
 * bytes of nodes per input byte, ["ab",...] about 5. */
static void test_node_sizes(void **state)
{
    (void)state;
    if (sizeof(void *) != 8)
        skip();
    assert_int_equal(sizeof(oas_json), 24);
    assert_int_equal(sizeof(oas_json_member), 40);
}

/* [0,0,...]: everything ever allocated, at any moment, is the n nodes and
 * the input copy plus a constant; the document keeps one block. */
static void test_array_of_small_numbers(void **state)
{
    (void)state;
    size_t n = 100000, len;
    char *s = repeat("[", "0", n, "]", &len);
    assert_true(len >= OAS_JSON_COUNTING_PASS_MIN);
    oas_json_doc *doc = parse_counted(s, len);
    size_t dom = n * sizeof(oas_json) + len;
    print_message("[0,...] x %zu (%zu bytes): peak %zu, total %zu, kept %zu in %zu block(s), "
                  "%zu calls; nodes + input = %zu\n",
                  n, len, peak_bytes, total_bytes, live_bytes, live_blocks, calls, dom);
    assert_int_equal(oas_json_doc_root(doc)->u.arr.count, n);
    assert_true(peak_bytes <= dom + SMALL_OVERHEAD + 4096); /* + the counting pass's table */
    assert_true(total_bytes <= dom + SMALL_OVERHEAD + 4096); /* nothing staged, nothing copied */
    assert_int_equal(live_blocks, 1);
    assert_true(live_bytes >= dom && live_bytes <= dom + SMALL_OVERHEAD);
    free_counted(doc);
    free(s);
}

/* n strings, each written as `unit`, in one array: the same as numbers,
 * with the strings inside the input copy; the last one reads as `value`. */
static void expect_strings_in_place(const char *unit, size_t n, const char *value)
{
    size_t len;
    char *s = repeat("[", unit, n, "]", &len);
    assert_true(len >= OAS_JSON_COUNTING_PASS_MIN);
    oas_json_doc *doc = parse_counted(s, len);
    size_t dom = n * sizeof(oas_json) + len;
    assert_true(peak_bytes <= dom + SMALL_OVERHEAD + 4096);
    assert_true(total_bytes <= dom + SMALL_OVERHEAD + 4096);
    assert_int_equal(live_blocks, 1);
    assert_true(live_bytes >= dom && live_bytes <= dom + SMALL_OVERHEAD);
    assert_int_equal(oas_json_doc_root(doc)->u.arr.count, n);
    const oas_json *last = &oas_json_doc_root(doc)->u.arr.items[n - 1];
    assert_int_equal(last->type, OAS_JSON_STRING);
    assert_string_equal(last->u.str.ptr, value);
    assert_int_equal(last->offset, len - 1 - strlen(unit));
    free_counted(doc);
    free(s);
}

/* ["ab","ab",...] */
static void test_array_of_short_strings(void **state)
{
    (void)state;
    expect_strings_in_place("\"ab\"", 50000, "ab");
}

/* Strings whose escapes hide quotes, brackets and commas from a count of
 * structure ("\"],\\"), counted right all the same: still nothing
 * staged (a wrong count would stage the document). */
static void test_array_of_escaped_strings(void **state)
{
    (void)state;
    expect_strings_in_place("\"\\\"],\\\\\"", 20000, "\"],\\");
}

/* Strings of 60 bytes, too few nodes for their bytes to stage them cheaply
 * (each would hold a 40-byte slot while the array is open, more than its
 * 24-byte node): counted and written in place, as short ones are. */
static void test_array_of_middling_strings_is_counted(void **state)
{
    (void)state;
    const char *unit = "\"/usr/share/doc/package-000000/changelog.Debian.gz-0000\"";
    size_t n = 5000, len;
    char *s = repeat("[", unit, n, "]", &len);
    assert_true(len >= 4 * OAS_JSON_COUNTING_PASS_MIN);
    size_t counted = oas_json_counted_bytes();
    oas_json_doc *doc = parse_counted(s, len);
    assert_int_equal(oas_json_counted_bytes() - counted, len);
    size_t dom = n * sizeof(oas_json) + len;
    assert_int_equal(oas_json_doc_root(doc)->u.arr.count, n);
    assert_int_equal(live_blocks, 1);
    assert_true(peak_bytes <= dom + SMALL_OVERHEAD + 4096); /* nothing staged */
    free_counted(doc);
    free(s);
}

/* A wide object keeps exactly its members and the input (the duplicate-key
 * check's table comes and goes during the parse). */
static void test_wide_object(void **state)
{
    (void)state;
    size_t n = 20000;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "{");
    for (size_t i = 0; i < n; i++)
        oas_buf_printf(&b, "%s\"k%zu\":%zu", i ? "," : "", i, i);
    oas_buf_puts(&b, "}");
    size_t len;
    char *s = oas_buf_steal(&b, &len);
    assert_true(len >= OAS_JSON_COUNTING_PASS_MIN);
    oas_json_doc *doc = parse_counted(s, len);
    size_t dom = n * sizeof(oas_json_member) + len;
    assert_int_equal(oas_json_doc_root(doc)->u.obj.count, n);
    assert_int_equal(live_blocks, 1);
    assert_true(live_bytes >= dom && live_bytes <= dom + SMALL_OVERHEAD);
    free_counted(doc);
    oas_free(s);
}

/* Indented as a pretty-printer writes it: the counting pass skips the
 * blanks as the strict pass does, so the counts are exact and nothing is
 * staged (a count thrown off by a blank would stage the document). */
static void test_pretty_printed_document_is_counted_exactly(void **state)
{
    (void)state;
    size_t n = 20000;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "[\n");
    for (size_t i = 0; i < n; i++)
        oas_buf_printf(&b, "%s  {\n    \"a\": [ %zu ],\n\t\"b\" : { }\r\n  }", i ? ",\n" : "", i);
    oas_buf_puts(&b, "\n]\n");
    size_t len;
    char *s = oas_buf_steal(&b, &len);
    size_t counted = oas_json_counted_bytes();
    oas_json_doc *doc = parse_counted(s, len);
    assert_int_equal(oas_json_counted_bytes() - counted, len); /* dense: counted whole */
    /* the items, their two members each, the one item of each "a" */
    size_t dom = 2 * n * sizeof(oas_json) + 2 * n * sizeof(oas_json_member) + len;
    const oas_json *root = oas_json_doc_root(doc);
    assert_int_equal(root->u.arr.count, n);
    assert_int_equal(oas_json_get(&root->u.arr.items[n - 1], "a", 1)->u.arr.items[0].u.num.i,
                     (int64_t)(n - 1));
    assert_int_equal(live_blocks, 1);
    assert_true(live_bytes >= dom && live_bytes <= dom + SMALL_OVERHEAD);
    /* nothing staged: beyond the document, only the counting pass's table
       (a byte per container, grown by doubling) */
    size_t containers = 1 + n * 3;
    assert_true(total_bytes <= dom + 4 * containers + SMALL_OVERHEAD);
    free_counted(doc);
    oas_free(s);
}

/* A document of long strings has few nodes for its bytes: it is staged,
 * not counted, in one block of its input copy and the room its start
 * foretells for the nodes, with no slot beyond the few its containers
 * hold. */
static void test_sparse_document_is_staged(void **state)
{
    (void)state;
    size_t n = 40;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "{\"entries\":[");
    for (size_t i = 0; i < n; i++) {
        oas_buf_printf(&b, "%s{\"id\":%zu,\"text\":\"", i ? "," : "", i);
        for (size_t k = 0; k < 4000; k++)
            oas_buf_puts(&b, k % 3 ? "ab" : "\\\"");
        oas_buf_puts(&b, "\"}");
    }
    oas_buf_puts(&b, "]}");
    size_t len;
    char *s = oas_buf_steal(&b, &len);
    assert_true(len >= 2 * OAS_JSON_COUNTING_PASS_MIN);
    size_t counted = oas_json_counted_bytes();
    oas_json_doc *doc = parse_counted(s, len);
    assert_int_equal(oas_json_counted_bytes() - counted, 0); /* staged, not counted */
    print_message("%zu entries of 10 KB text (%zu bytes): peak %zu, total %zu, kept %zu in %zu "
                  "block(s), %zu calls\n",
                  n, len, peak_bytes, total_bytes, live_bytes, live_blocks, calls);
    const oas_json *entries = oas_json_get(oas_json_doc_root(doc), "entries", 7);
    assert_int_equal(entries->u.arr.count, n);
    const oas_json *last = oas_json_get(&entries->u.arr.items[n - 1], "text", 4);
    assert_int_equal(last->u.str.len, 1334 + 2 * 2666); /* 1334 escaped quotes, 2666 "ab" */
    assert_memory_equal(last->u.str.ptr, "\"abab\"", 6);
    assert_int_equal(live_blocks, 1);
    /* the input copy, the nodes as the start foretold them (+ the staging
       slots and frames) */
    assert_true(total_bytes <= len + len / 8);
    free_counted(doc);
    oas_free(s);
}

/* A sparse start then a dense array: staging stops when its slots would
 * outgrow the input, and the input is counted and written in place after
 * all: one block of the nodes and the input copy, and at no moment more. */
static void test_sparse_start_dense_rest_is_counted(void **state)
{
    (void)state;
    size_t n = 100000;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "[\"");
    for (size_t k = 0; k < OAS_JSON_COUNTING_PASS_MIN; k++)
        oas_buf_putc(&b, 'a');
    oas_buf_puts(&b, "\",[");
    for (size_t i = 0; i < n; i++)
        oas_buf_puts(&b, i ? ",0" : "0");
    oas_buf_puts(&b, "]]");
    size_t len;
    char *s = oas_buf_steal(&b, &len);
    size_t counted = oas_json_counted_bytes();
    oas_json_doc *doc = parse_counted(s, len);
    assert_int_equal(oas_json_counted_bytes() - counted, len); /* counted after all */
    size_t dom = (n + 2) * sizeof(oas_json) + len;
    print_message("sparse start, [0,...] x %zu after (%zu bytes): peak %zu, total %zu, kept %zu "
                  "in %zu block(s); nodes + input = %zu\n",
                  n, len, peak_bytes, total_bytes, live_bytes, live_blocks, dom);
    const oas_json *root = oas_json_doc_root(doc);
    assert_int_equal(root->u.arr.count, 2);
    assert_int_equal(root->u.arr.items[0].u.str.len, OAS_JSON_COUNTING_PASS_MIN);
    assert_int_equal(root->u.arr.items[1].u.arr.count, n);
    assert_int_equal(live_blocks, 1);
    assert_true(live_bytes >= dom && live_bytes <= dom + SMALL_OVERHEAD);
    /* staging's slots are freed when it gives up, before the counted
       document is built: the peak is that document (+ the counting pass's
       table) */
    assert_true(peak_bytes <= dom + SMALL_OVERHEAD + 4096);
    free_counted(doc);
    oas_free(s);
}

/* ---- the tree, against an independent walk of the text -------------------- */

/* A recursive reader for the valid, shallow test documents only: it writes
 * one line per node in document order (type, offset, key offset, count,
 * duplicate flag), the same format as dump_tree() below. */
typedef struct ref_reader {
    const char *s;
    size_t i;
    oas_buf *out;
} ref_reader;

static void ref_ws(ref_reader *r)
{
    while (r->s[r->i] == ' ' || r->s[r->i] == '\n' || r->s[r->i] == '\r' || r->s[r->i] == '\t')
        r->i++;
}

static size_t ref_string_end(const char *s, size_t i) /* i at the opening quote */
{
    for (i++; s[i] != '"'; i++)
        if (s[i] == '\\')
            i++;
    return i + 1;
}

static void ref_value(ref_reader *r, long key_offset);

static void ref_container(ref_reader *r, long key_offset)
{
    char open = r->s[r->i], close = open == '[' ? ']' : '}';
    size_t start = r->i;
    /* The line waits for the count and the duplicate flag: children are
     * written to a separate buffer first. */
    oas_buf children = OAS_BUF_INIT;
    oas_buf *outer = r->out;
    r->out = &children;
    size_t count = 0, key_starts[64], key_ends[64];
    bool dup = false;
    r->i++;
    ref_ws(r);
    while (r->s[r->i] != close) {
        long child_key = -1;
        if (open == '{') {
            child_key = (long)r->i;
            size_t end = ref_string_end(r->s, r->i);
            for (size_t k = 0; k < count && k < 64; k++)
                if (key_ends[k] - key_starts[k] == end - r->i &&
                    memcmp(r->s + key_starts[k], r->s + r->i, end - r->i) == 0)
                    dup = true;
            if (count < 64) {
                key_starts[count] = r->i;
                key_ends[count] = end;
            }
            r->i = end;
            ref_ws(r);
            r->i++; /* ':' */
            ref_ws(r);
        }
        ref_value(r, child_key);
        count++;
        ref_ws(r);
        if (r->s[r->i] == ',') {
            r->i++;
            ref_ws(r);
        }
    }
    r->i++;
    r->out = outer;
    oas_buf_printf(outer, "%s @%zu key@%ld n=%zu%s\n", open == '[' ? "array" : "object", start,
                   key_offset, count, dup ? " dup" : "");
    oas_buf_append(outer, children.data ? children.data : "", children.len);
    oas_buf_free(&children);
}

static void ref_value(ref_reader *r, long key_offset)
{
    const char *s = r->s;
    size_t start = r->i;
    const char *type;
    switch (s[start]) {
    case '[': case '{':
        ref_container(r, key_offset);
        return;
    case '"':
        type = "string";
        r->i = ref_string_end(s, start);
        break;
    case 't': type = "true"; r->i += 4; break;
    case 'f': type = "false"; r->i += 5; break;
    case 'n': type = "null"; r->i += 4; break;
    default:
        type = "number";
        while (strchr("+-0123456789.eE", s[r->i]) && s[r->i])
            r->i++;
    }
    oas_buf_printf(r->out, "%s @%zu key@%ld\n", type, start, key_offset);
}

static const char *type_word(const oas_json *v)
{
    static const char *const words[] = {"null", "false", "true", "number", "string", "array", "object"};
    return words[v->type];
}

static void dump_tree(const oas_json *v, long key_offset, oas_buf *out)
{
    if (v->type == OAS_JSON_ARRAY || v->type == OAS_JSON_OBJECT) {
        bool array = v->type == OAS_JSON_ARRAY;
        size_t count = array ? v->u.arr.count : v->u.obj.count;
        /* An empty container has no children array at all. */
        if (count == 0)
            assert_null(array ? (const void *)v->u.arr.items : (const void *)v->u.obj.members);
        oas_buf_printf(out, "%s @%zu key@%ld n=%zu%s\n", type_word(v), (size_t)v->offset, key_offset,
                       count, v->flags & OAS_JSON_F_DUPKEYS ? " dup" : "");
        for (size_t i = 0; i < count; i++) {
            if (array)
                dump_tree(&v->u.arr.items[i], -1, out);
            else
                dump_tree(&v->u.obj.members[i].value, (long)v->u.obj.members[i].key_offset, out);
        }
        return;
    }
    oas_buf_printf(out, "%s @%zu key@%ld\n", type_word(v), (size_t)v->offset, key_offset);
}

typedef struct tree_case {
    const char *text;
    const char *compact; /* oas_json_write's output */
} tree_case;

static const tree_case tree_cases[] = {
    {"[]", "[]"},
    {"{}", "{}"},
    {"[ ]", "[]"},
    {"{ \n}", "{}"},
    {"[0]", "[0]"},
    {"{\"a\":0}", "{\"a\":0}"},
    {"[1,2,3,4,5,6,7,8,9,10,11,12]", "[1,2,3,4,5,6,7,8,9,10,11,12]"},
    {"[[],{},[[]],[{}],{\"a\":[]},{\"b\":{}}]", "[[],{},[[]],[{}],{\"a\":[]},{\"b\":{}}]"},
    {" [ 1 , [ 2 , [ 3 ] ] , { \"k\" : [ ] } ] ", "[1,[2,[3]],{\"k\":[]}]"},
    {"[[1,2],[3],[],[4,5,6],[[7,[8,[9,[10]]]]]]", "[[1,2],[3],[],[4,5,6],[[7,[8,[9,[10]]]]]]"},
    {"{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}"},
    {"{\"a\":{\"x\":1,\"x\":{\"x\":[]}},\"b\":[{\"y\":1,\"z\":2,\"y\":3}],\"a\":null}",
     "{\"a\":{\"x\":1,\"x\":{\"x\":[]}},\"b\":[{\"y\":1,\"z\":2,\"y\":3}],\"a\":null}"},
    {"{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k1\":0}",
     "{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k1\":0}"},
    {"[\"a,b\",\"[{\",\"}]\",\"\\\"],\",\"\\\\\",{\"\\\",\":\",\"}]",
     "[\"a,b\",\"[{\",\"}]\",\"\\\"],\",\"\\\\\",{\"\\\",\":\",\"}]"},
    {"[true,false,null,-1.5e3,\"s\",{\"t\":true,\"f\":false,\"n\":null}]",
     "[true,false,null,-1.5e3,\"s\",{\"t\":true,\"f\":false,\"n\":null}]"},
    /* backslash runs, even and odd, before a quote and before brackets */
    {"[\"\\\\\",[\"\\\\\\\"]\"],\"x\\\\\\\\\",\"\\\\[\"]",
     "[\"\\\\\",[\"\\\\\\\"]\"],\"x\\\\\\\\\",\"\\\\[\"]"},
    {"\"top\"", "\"top\""},
    {"7", "7"},
};

/* text followed by enough blanks to get the counting pass; malloc'ed. */
static char *padded(const char *text, size_t *len)
{
    size_t n = strlen(text);
    *len = n + OAS_JSON_COUNTING_PASS_MIN;
    char *s = malloc(*len + 1);
    assert_non_null(s);
    memcpy(s, text, n);
    memset(s + n, ' ', OAS_JSON_COUNTING_PASS_MIN);
    s[*len] = '\0';
    return s;
}

/* text as the second item of an array whose first is a string of
 * OAS_JSON_COUNTING_PASS_MIN bytes: to the counting pass the input looks
 * sparse (its start mostly one long string, one node), so it is staged
 * with its slots bounded; tail closes the array ("]"), or not (""), for
 * an error in text to stay the first. malloc'ed. */
#define SPARSE_HEAD_LEN (OAS_JSON_COUNTING_PASS_MIN + 4) /* ["...", */
static char *sparse_wrapped(const char *text, const char *tail, size_t *len)
{
    size_t n = strlen(text), t = strlen(tail);
    *len = SPARSE_HEAD_LEN + n + t;
    char *s = malloc(*len + 1);
    assert_non_null(s);
    s[0] = '[';
    s[1] = '"';
    memset(s + 2, 'a', OAS_JSON_COUNTING_PASS_MIN);
    memcpy(s + 2 + OAS_JSON_COUNTING_PASS_MIN, "\",", 2);
    memcpy(s + SPARSE_HEAD_LEN, text, n);
    memcpy(s + SPARSE_HEAD_LEN + n, tail, t + 1);
    return s;
}

/* The tree of text[0..len) (text alone, or padded) against the walk of
 * text. */
static void check_tree_of(const char *text, const char *input, size_t len, const char *compact)
{
    oas_json_doc *doc = NULL;
    oas_error err;
    if (oas_json_parse(input, len, NULL, &doc, &err) != OAS_OK)
        fail_msg("parse %s: %s", text, err.message);
    oas_buf got = OAS_BUF_INIT, want = OAS_BUF_INIT, written = OAS_BUF_INIT;
    dump_tree(oas_json_doc_root(doc), -1, &got);
    ref_reader r = {text, 0, &want};
    ref_ws(&r);
    ref_value(&r, -1);
    oas_json_write(oas_json_doc_root(doc), &written);
    if (strcmp(got.data, want.data) != 0)
        fail_msg("%s:\n--- tree\n%s--- expected\n%s", text, got.data, want.data);
    assert_string_equal(written.data, compact);
    oas_buf_free(&got);
    oas_buf_free(&want);
    oas_buf_free(&written);
    oas_json_doc_free(doc);
}

static void check_tree(const char *text, const char *compact)
{
    size_t len;
    char *big = padded(text, &len);
    check_tree_of(text, text, strlen(text), compact);
    check_tree_of(text, big, len, compact);
    free(big);
    big = sparse_wrapped(text, "]", &len);
    size_t clen;
    char *wrapped_compact = sparse_wrapped(compact, "]", &clen);
    size_t counted = oas_json_counted_bytes();
    check_tree_of(big, big, len, wrapped_compact);
    assert_int_equal(oas_json_counted_bytes() - counted, 0); /* staged */
    free(wrapped_compact);
    free(big);
}

static void test_tree_shapes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof tree_cases / sizeof tree_cases[0]; i++)
        check_tree(tree_cases[i].text, tree_cases[i].compact);
}

/* Container sizes from 0 to 40 and around 255 (where a count stops
 * fitting a byte), as arrays and objects, alone, nested in each other and
 * side by side. */
static void check_sizes(size_t n)
{
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "[[");
    for (size_t i = 0; i < n; i++)
        oas_buf_printf(&b, "%s%zu", i ? "," : "", i);
    oas_buf_puts(&b, "],{");
    for (size_t i = 0; i < n; i++)
        oas_buf_printf(&b, "%s\"k%zu\":[%zu]", i ? "," : "", i % 7, i);
    oas_buf_puts(&b, "},[");
    for (size_t i = 0; i < n; i++)
        oas_buf_printf(&b, "%s{\"a\":[%s]}", i ? "," : "", i % 2 ? "" : "1,{}");
    oas_buf_puts(&b, "]]");
    check_tree(b.data, b.data);
    oas_buf_free(&b);
}

static void test_every_size(void **state)
{
    (void)state;
    for (size_t n = 0; n <= 40; n++)
        check_sizes(n);
    for (size_t n = 250; n <= 260; n++)
        check_sizes(n);
    check_sizes(1000);
}

/* Large containers closing in another order than they opened: the outer
 * one last, after two large ones inside it. */
static void test_large_containers_nested(void **state)
{
    (void)state;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "[[");
    for (size_t i = 0; i < 300; i++)
        oas_buf_printf(&b, "%s%zu", i ? "," : "", i);
    oas_buf_puts(&b, "],{");
    for (size_t i = 0; i < 400; i++)
        oas_buf_printf(&b, "%s\"%zu\":[%s]", i ? "," : "", i, i == 7 ? "1,2" : "");
    oas_buf_puts(&b, "}");
    for (size_t i = 0; i < 500; i++)
        oas_buf_puts(&b, ",[]");
    oas_buf_puts(&b, "]");
    check_tree(b.data, b.data);
    oas_json_doc *doc = NULL;
    oas_error err;
    assert_int_equal(oas_json_parse(b.data, b.len, NULL, &doc, &err), OAS_OK);
    const oas_json *root = oas_json_doc_root(doc);
    assert_int_equal(root->u.arr.count, 502);
    assert_int_equal(root->u.arr.items[0].u.arr.count, 300);
    assert_int_equal(root->u.arr.items[1].u.obj.count, 400);
    assert_int_equal(root->u.arr.items[1].u.obj.members[7].value.u.arr.count, 2);
    oas_json_doc_free(doc);
    oas_buf_free(&b);
}

/* Keys equal only once decoded are duplicates too. */
static void test_escaped_duplicate_keys(void **state)
{
    (void)state;
    const char *text = "{\"a\":1,\"\\u0061\":2}";
    oas_json_doc *doc = NULL;
    oas_error err;
    assert_int_equal(oas_json_parse(text, strlen(text), NULL, &doc, &err), OAS_OK);
    const oas_json *root = oas_json_doc_root(doc);
    assert_true(root->flags & OAS_JSON_F_DUPKEYS);
    assert_int_equal(root->u.obj.count, 2);
    assert_int_equal(root->u.obj.members[1].key_offset, 7);
    assert_int_equal(oas_json_get(root, "a", 1)->u.num.i, 2);
    oas_json_doc_free(doc);
}

/* ---- malformed input: the same errors, whatever the counting pass saw ----- */

typedef struct error_case {
    const char *text;
    oas_status code;
    size_t offset;
    bool after_root; /* the error is what follows a whole root value */
} error_case;

/* Inputs on which a structure-only count disagrees with the grammar:
 * brackets and commas inside broken strings, mismatched closers, missing
 * commas and colons, unterminated containers. */
static const error_case error_cases[] = {
    {"[1,2", OAS_ERR_JSON_SYNTAX, 4, false},
    {"[1,2,", OAS_ERR_JSON_SYNTAX, 5, false},
    {"[}", OAS_ERR_JSON_SYNTAX, 1, false},
    {"{]", OAS_ERR_JSON_SYNTAX, 1, false},
    {"[1}", OAS_ERR_JSON_SYNTAX, 2, false},
    {"[,1]", OAS_ERR_JSON_SYNTAX, 1, false},
    {"[1,,2]", OAS_ERR_JSON_SYNTAX, 3, false},
    {"[1 2,3,4]", OAS_ERR_JSON_SYNTAX, 3, false},
    {"{\"a\" 1,\"b\":2}", OAS_ERR_JSON_SYNTAX, 5, false},
    {"{\"a\",\"b\":2}", OAS_ERR_JSON_SYNTAX, 4, false},
    {"{\"a\":1,,\"b\":2}", OAS_ERR_JSON_SYNTAX, 7, false},
    {"{,}", OAS_ERR_JSON_SYNTAX, 1, false},
    {"[[1,2,3],]", OAS_ERR_JSON_SYNTAX, 9, false},
    {"[\"\\\"],[1,2,3]", OAS_ERR_JSON_SYNTAX, 13, false},
    {"[\"a\x01,b\",1]", OAS_ERR_JSON_SYNTAX, 3, false},
    {"[\"\\u12\",[1,2]]", OAS_ERR_JSON_SYNTAX, 2, false},
    {"[\"\xff,\",[1,2]]", OAS_ERR_JSON_UTF8, 2, false},
    {"[tru,1,2]", OAS_ERR_JSON_SYNTAX, 4, false},
    {"[1] [2,3]", OAS_ERR_JSON_SYNTAX, 4, true},
    {"[1],[2,3]", OAS_ERR_JSON_SYNTAX, 3, true},
    {"{\"a\":[1,2},\"b\":3}", OAS_ERR_JSON_SYNTAX, 9, false},
    {"[[[[", OAS_ERR_JSON_SYNTAX, 4, false},
    {"[\"abc", OAS_ERR_JSON_SYNTAX, 5, false},
    {"[\"a\\\\\",[1,2]", OAS_ERR_JSON_SYNTAX, 12, false},
    {"{\"a\":{\"b\":[1,{\"c\":2},", OAS_ERR_JSON_SYNTAX, 21, false},
};

static void expect_error(const char *text, const char *input, size_t len, oas_status code,
                         size_t offset)
{
    oas_json_doc *doc = NULL;
    oas_error err;
    counting_install();
    oas_status st = oas_json_parse(input, len, NULL, &doc, &err);
    assert_int_equal(live_bytes, 0);
    counting_uninstall();
    if (st != code || err.offset != offset)
        fail_msg("%s (%zu bytes): got %s at %zu (%s)", text, len, oas_strerror(st), err.offset,
                 err.message);
    assert_null(doc);
}

static void test_malformed_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
        const error_case *c = &error_cases[i];
        size_t n = strlen(c->text), len;
        expect_error(c->text, c->text, n, c->code, c->offset);
        /* Padded with blanks, an error at the end of the input moves to the
         * new end; every other error stays where it was. */
        char *big = padded(c->text, &len);
        expect_error(c->text, big, len, c->code, c->offset == n ? len : c->offset);
        free(big);
        /* Staged as sparse: the same error after the long string, but
           where it is what follows text's root (the wrapping array's
           business then) */
        if (!c->after_root) {
            big = sparse_wrapped(c->text, "", &len);
            size_t counted = oas_json_counted_bytes();
            expect_error(c->text, big, len, c->code, SPARSE_HEAD_LEN + c->offset);
            assert_int_equal(oas_json_counted_bytes() - counted, 0);
            free(big);
        }
    }
}

/* ---- a scratch kept across parses --------------------------------------- */

static oas_json_doc *parse_with(const char *text, size_t len, oas_json_scratch *scratch)
{
    oas_json_options opts = {.scratch = scratch};
    oas_json_doc *doc = NULL;
    oas_error err;
    oas_status st = oas_json_parse(text, len, &opts, &doc, &err);
    if (st != OAS_OK)
        fail_msg("parse: %s", err.message);
    return doc;
}

/* Staged (small input, nested objects): the first parse grows the staging
 * slots and frames, the next one allocates only its document's blocks. */
static void test_scratch_next_parse_allocates_only_its_document(void **state)
{
    (void)state;
    const char *text = "{\"a\":[1,2,{\"b\":\"c\"}],\"d\":{\"e\":null,\"f\":[[],{}]}}";
    size_t len = strlen(text);
    oas_json_doc *plain = NULL;
    assert_int_equal(oas_json_parse(text, len, NULL, &plain, NULL), OAS_OK);
    counting_install();
    oas_json_scratch *scratch = oas_json_scratch_new();
    assert_non_null(scratch);
    oas_json_doc *first = parse_with(text, len, scratch);
    size_t first_calls = calls;
    oas_json_doc_free(first);
    size_t kept = live_blocks; /* the scratch and its buffers */
    oas_json_doc *second = parse_with(text, len, scratch);
    /* every allocation of the second parse is a block its document keeps */
    assert_int_equal(calls - first_calls, live_blocks - kept);
    assert_true(first_calls > calls - first_calls);
    assert_true(oas_json_equal(oas_json_doc_root(second), oas_json_doc_root(plain)));
    oas_json_doc_free(second);
    assert_int_equal(live_blocks, kept);
    oas_json_scratch_free(scratch);
    assert_int_equal(live_bytes, 0);
    assert_int_equal(live_blocks, 0);
    counting_uninstall();
    oas_json_doc_free(plain);
}

/* 1.1 million empty arrays: the counting pass's counts outgrow
 * OAS_JSON_SCRATCH_KEEP and are freed after the parse, not kept. */
static void test_scratch_gives_back_buffers_beyond_the_cap(void **state)
{
    (void)state;
    size_t len;
    char *big = repeat("[", "[]", 1100000, "]", &len);
    counting_install();
    oas_json_scratch *scratch = oas_json_scratch_new();
    oas_json_doc *doc = parse_with(big, len, scratch);
    assert_int_equal(oas_json_doc_root(doc)->u.arr.count, 1100000);
    assert_true(peak_bytes > live_bytes + OAS_JSON_SCRATCH_KEEP); /* the counts were there */
    oas_json_doc_free(doc);
    assert_true(live_bytes < 4096);
    oas_json_scratch_free(scratch);
    assert_int_equal(live_bytes, 0);
    counting_uninstall();
    free(big);
}

/* A parse that fails leaves the scratch as usable as before, and with it
 * the same error as without it. */
static void test_scratch_survives_a_failed_parse(void **state)
{
    (void)state;
    oas_json_scratch *scratch = oas_json_scratch_new();
    oas_json_options opts = {.scratch = scratch};
    for (size_t i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
        const error_case *c = &error_cases[i];
        oas_json_doc *doc = NULL;
        oas_error err;
        oas_status st = oas_json_parse(c->text, strlen(c->text), &opts, &doc, &err);
        if (st != c->code || err.offset != c->offset)
            fail_msg("%s: got %s at %zu (%s)", c->text, oas_strerror(st), err.offset, err.message);
        assert_null(doc);
        const char *text = "{\"k\":[true,{\"x\":1.5}]}";
        oas_json_doc *ok = parse_with(text, strlen(text), scratch);
        oas_json_doc *plain = NULL;
        assert_int_equal(oas_json_parse(text, strlen(text), NULL, &plain, NULL), OAS_OK);
        assert_true(oas_json_equal(oas_json_doc_root(ok), oas_json_doc_root(plain)));
        oas_json_doc_free(ok);
        oas_json_doc_free(plain);
    }
    oas_json_scratch_free(scratch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_node_sizes),
        cmocka_unit_test(test_array_of_small_numbers),
        cmocka_unit_test(test_array_of_short_strings),
        cmocka_unit_test(test_array_of_escaped_strings),
        cmocka_unit_test(test_array_of_middling_strings_is_counted),
        cmocka_unit_test(test_wide_object),
        cmocka_unit_test(test_pretty_printed_document_is_counted_exactly),
        cmocka_unit_test(test_sparse_document_is_staged),
        cmocka_unit_test(test_sparse_start_dense_rest_is_counted),
        cmocka_unit_test(test_tree_shapes),
        cmocka_unit_test(test_every_size),
        cmocka_unit_test(test_large_containers_nested),
        cmocka_unit_test(test_escaped_duplicate_keys),
        cmocka_unit_test(test_malformed_errors),
        cmocka_unit_test(test_scratch_next_parse_allocates_only_its_document),
        cmocka_unit_test(test_scratch_gives_back_buffers_beyond_the_cap),
        cmocka_unit_test(test_scratch_survives_a_failed_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
