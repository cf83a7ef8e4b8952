/* oas_validate_kw.c - keyword checks called by generated validators. Each
 * does the cheap test first and builds params/message only on failure. */
#include "oas_validate_internal.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "oas_alloc.h"
#include "oas_decimal.h"
#include "oas_json_internal.h"

/* ---- small builders ------------------------------------------------------- */

static void fail(oas_vctx *c, const oas_json *in, const char *keyword, const char *sloc,
                 oas_buf *params, oas_buf *msg)
{
    oas_v_record(c, keyword, sloc, in->offset, params, msg);
}

/* s[0..len) cut to OAS_V_EXCERPT bytes on a UTF-8 boundary, "..." after
 * when cut; quoted: as a JSON string. */
static void put_excerpt(oas_buf *m, const char *s, size_t len, bool quoted)
{
    size_t cut = len;
    if (len > OAS_V_EXCERPT) {
        cut = OAS_V_EXCERPT;
        while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
    }
    if (quoted)
        oas_buf_json_string(m, s, cut);
    else
        oas_buf_append(m, s, cut);
    if (cut < len)
        oas_buf_puts(m, "...");
}

void oas_v_found(oas_buf *m, const oas_json *in)
{
    switch ((oas_json_type)in->type) {
    case OAS_JSON_NULL: oas_buf_puts(m, ", found null"); return;
    case OAS_JSON_TRUE: oas_buf_puts(m, ", found boolean true"); return;
    case OAS_JSON_FALSE: oas_buf_puts(m, ", found boolean false"); return;
    case OAS_JSON_OBJECT: /* without printf: the commonest type violation */
        oas_buf_puts(m, ", found object with ");
        oas_buf_json_uint64(m, in->u.obj.count);
        oas_buf_puts(m, in->u.obj.count == 1 ? " member" : " members");
        return;
    case OAS_JSON_ARRAY:
        oas_buf_puts(m, ", found array of ");
        oas_buf_json_uint64(m, in->u.arr.count);
        oas_buf_puts(m, in->u.arr.count == 1 ? " item" : " items");
        return;
    case OAS_JSON_STRING:
        oas_buf_puts(m, ", found string ");
        put_excerpt(m, in->u.str.ptr, in->u.str.len, true);
        return;
    case OAS_JSON_NUMBER:
        oas_buf_puts(m, (in->flags & OAS_JSON_F_INTEGER) ? ", found integer " : ", found number ");
        if (in->u.num.text) {
            put_excerpt(m, in->u.num.text, strlen(in->u.num.text), false);
        } else {
            oas_buf num = OAS_BUF_INIT;
            oas_json_write(in, &num);
            put_excerpt(m, num.data ? num.data : "", num.len, false);
            if (oas_buf_status(&num) != OAS_OK)
                m->failed = oas_buf_status(&num);
            oas_buf_free(&num);
        }
        return;
    }
}

/* Violation whose params are {"<name>":<limit>} and message "must NOT have
 * <what> than <limit> <unit>". */
static bool fail_count(oas_vctx *c, const oas_json *in, const char *keyword, const char *sloc,
                       const char *what, size_t limit, const char *unit)
{
    if (!oas_v_fail_begin(c, in->offset))
        return false;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_buf_printf(&p, "{\"limit\":%zu}", limit);
    oas_buf_printf(&m, "must NOT have %s than %zu %s", what, limit, unit);
    oas_v_found(&m, in);
    fail(c, in, keyword, sloc, &p, &m);
    return false;
}

/* ---- type ----------------------------------------------------------------- */

/* oas_v_type_matches() indexes its table by oas_json_type and shifts the
 * integer flag up to its type bit. */
_Static_assert(OAS_JSON_NULL == 0 && OAS_JSON_FALSE == 1 && OAS_JSON_TRUE == 2 &&
                   OAS_JSON_NUMBER == 3 && OAS_JSON_STRING == 4 && OAS_JSON_ARRAY == 5 &&
                   OAS_JSON_OBJECT == 6,
               "oas_v_type_matches' table order");
_Static_assert(OAS_JSON_F_INTEGER == 1u && OAS_VT_INTEGER == 1u << 6, "the integer bit's move");

/* Out of line and cold: its buffers would give the check that passes
 * (almost every call) a large frame to set up. */
__attribute__((noinline, cold)) bool oas_v_type_failed(oas_vctx *c, const oas_json *in,
                                                       unsigned mask, const char *sloc)
{
    if (!oas_v_fail_begin(c, in->offset))
        return false;
    static const struct { unsigned bit; const char *name; } order[] = {
        {OAS_VT_STRING, "string"}, {OAS_VT_NUMBER, "number"}, {OAS_VT_INTEGER, "integer"},
        {OAS_VT_BOOLEAN, "boolean"}, {OAS_VT_OBJECT, "object"}, {OAS_VT_ARRAY, "array"},
        {OAS_VT_NULL, "null"}};
    char list[64]; /* all seven names, with commas, take 47 bytes */
    size_t len = 0;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        if (!(mask & order[i].bit))
            continue;
        if (len)
            list[len++] = ',';
        size_t n = strlen(order[i].name);
        memcpy(list + len, order[i].name, n);
        len += n;
    }
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_v_string_param(&p, "type", list, len);
    oas_buf_puts(&m, "must be ");
    oas_buf_append(&m, list, len);
    oas_v_found(&m, in);
    fail(c, in, "type", sloc, &p, &m);
    return false;
}

bool oas_v_false(oas_vctx *c, const oas_json *in, const char *sloc)
{
    if (!oas_v_fail_begin(c, in->offset))
        return false;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_buf_puts(&p, "{}");
    oas_buf_puts(&m, "boolean schema is false");
    fail(c, in, "false", sloc, &p, &m);
    return false;
}

/* ---- objects -------------------------------------------------------------- */

void oas_v_missing(oas_vctx *c, const oas_json *obj, const char *sloc, const char *name, size_t len)
{
    if (!oas_v_fail_begin(c, obj->offset))
        return;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_v_string_param(&p, "missingProperty", name, len);
    oas_buf_puts(&m, "must have required property ");
    oas_buf_json_string(&m, name, len);
    fail(c, obj, "required", sloc, &p, &m);
}

void oas_v_required(oas_vctx *c, const oas_json *obj, const char *sloc, const char *name, size_t len)
{
    if (!oas_json_get(obj, name, len))
        oas_v_missing(c, obj, sloc, name, len);
}

void oas_v_additional(oas_vctx *c, const oas_json *obj, const oas_json_member *mem, const char *sloc)
{
    if (!oas_v_fail_begin(c, obj->offset))
        return;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_v_string_param(&p, "additionalProperty", mem->key, mem->key_len);
    oas_buf_puts(&m, "must NOT have additional properties (");
    oas_buf_json_string(&m, mem->key, mem->key_len);
    oas_buf_putc(&m, ')');
    fail(c, obj, "additionalProperties", sloc, &p, &m);
}

/* ---- duplicate keys ------------------------------------------------------- */

#define MARKS_ON_STACK 64   /* members whose duplicate marks need no allocation */

/* The OAS_JSON_DUP_* marks of obj's members, in on_stack when they fit; NULL
 * (the report then says out of memory) on failure. Release with
 * release_marks. One pass over the members whatever their keys
 * (oas_json_dups.c), where comparing every key with every earlier one was
 * quadratic. */
static unsigned char *duplicate_marks(oas_vctx *c, const oas_json *obj, unsigned char *on_stack)
{
    size_t n = obj->u.obj.count;
    unsigned char *marks = n <= MARKS_ON_STACK ? on_stack : oas_malloc(n);
    oas_json_dup_table table = {0};
    oas_status st = marks ? oas_json_mark_duplicates(&table, obj->u.obj.members, n, marks)
                          : OAS_ERR_NOMEM;
    oas_free(table.table);
    if (st == OAS_OK)
        return marks;
    if (marks != on_stack)
        oas_free(marks);
    oas_v_out_of_memory(c);
    return NULL;
}

static void release_marks(unsigned char *marks, const unsigned char *on_stack)
{
    if (marks != on_stack)
        oas_free(marks);
}

/* Each key counts once: members repeating an earlier key do not. */
static size_t distinct_keys(oas_vctx *c, const oas_json *obj)
{
    if (!(obj->flags & OAS_JSON_F_DUPKEYS))
        return obj->u.obj.count;
    unsigned char marks_on_stack[MARKS_ON_STACK];
    unsigned char *marks = duplicate_marks(c, obj, marks_on_stack);
    if (!marks)
        return obj->u.obj.count;
    size_t n = 0;
    for (size_t i = 0; i < obj->u.obj.count; i++)
        n += !(marks[i] & OAS_JSON_DUP_REPEAT);
    release_marks(marks, marks_on_stack);
    return n;
}

bool oas_v_min_properties(oas_vctx *c, const oas_json *obj, const char *sloc, size_t limit)
{
    return distinct_keys(c, obj) >= limit ||
           fail_count(c, obj, "minProperties", sloc, "fewer", limit, "properties");
}

bool oas_v_max_properties(oas_vctx *c, const oas_json *obj, const char *sloc, size_t limit)
{
    return distinct_keys(c, obj) <= limit ||
           fail_count(c, obj, "maxProperties", sloc, "more", limit, "properties");
}

/* ---- arrays --------------------------------------------------------------- */

bool oas_v_min_items(oas_vctx *c, const oas_json *arr, const char *sloc, size_t limit)
{
    return arr->u.arr.count >= limit ||
           fail_count(c, arr, "minItems", sloc, "fewer", limit, "items");
}

bool oas_v_max_items(oas_vctx *c, const oas_json *arr, const char *sloc, size_t limit)
{
    return arr->u.arr.count <= limit ||
           fail_count(c, arr, "maxItems", sloc, "more", limit, "items");
}

static bool fail_unique(oas_vctx *c, const oas_json *arr, const char *sloc, size_t i, size_t j)
{
    if (!oas_v_fail_begin(c, arr->offset))
        return false;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_buf_printf(&p, "{\"i\":%zu,\"j\":%zu}", i, j);
    oas_buf_printf(&m, "must NOT have duplicate items (items ## %zu and %zu are identical)", j, i);
    fail(c, arr, "uniqueItems", sloc, &p, &m);
    return false;
}

typedef struct hashed_item {
    uint64_t hash;
    size_t index;
} hashed_item;

static bool hashed_before(const hashed_item *x, const hashed_item *y)
{
    return x->hash != y->hash ? x->hash < y->hash : x->index < y->index;
}

/* Heap sort by (hash, index): O(n log n), no recursion, no scratch. */
static void sift_down(hashed_item *h, size_t root, size_t n)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && hashed_before(&h[child], &h[child + 1]))
            child++;
        if (!hashed_before(&h[root], &h[child]))
            return;
        hashed_item t = h[root];
        h[root] = h[child];
        h[child] = t;
    }
}

static void sort_hashed(hashed_item *h, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(h, i, n);
    for (size_t end = n; end-- > 1;) {
        hashed_item t = h[0];
        h[0] = h[end];
        h[end] = t;
        sift_down(h, 0, end);
    }
}

/* Within one run of equal hashes (in index order), the first item equal to
 * an earlier one: (*i, *j) with the smallest i, then the smallest j, if
 * that i is below the current *i. Every earlier item of the run is a
 * different value (else we would have stopped), and the keyed hash keeps
 * a run to one value unless values collide by chance. */
static void first_repeat_in_run(const oas_json *it, const hashed_item *run, size_t n, size_t *i,
                                size_t *j)
{
    for (size_t k = 1; k < n && run[k].index < *i; k++) {
        for (size_t d = 0; d < k; d++) {
            if (oas_json_equal(&it[run[k].index], &it[run[d].index])) {
                *i = run[k].index;
                *j = run[d].index;
                return;
            }
        }
    }
}

/* The pair the pairwise loop below would report first, found through a
 * sort by hash: O(n log n) for any array. */
static bool unique_items_hashed(oas_vctx *c, const oas_json *arr, const char *sloc)
{
    size_t n = arr->u.arr.count;
    const oas_json *it = arr->u.arr.items;
    hashed_item *h = oas_realloc_array(NULL, n, sizeof *h);
    bool ok = h != NULL;
    for (size_t k = 0; ok && k < n; k++) {
        h[k].index = k;
        ok = oas_json_hash(&it[k], &h[k].hash);
    }
    if (!ok) {
        oas_free(h);
        oas_v_out_of_memory(c);
        return false;
    }
    sort_hashed(h, n);
    size_t i = SIZE_MAX, j = 0;
    for (size_t start = 0, end; start < n; start = end) {
        for (end = start + 1; end < n && h[end].hash == h[start].hash;)
            end++;
        if (end - start > 1)
            first_repeat_in_run(it, &h[start], end - start, &i, &j);
    }
    oas_free(h);
    return i == SIZE_MAX || fail_unique(c, arr, sloc, i, j);
}

#define UNIQUE_PAIRWISE_MAX 16

bool oas_v_unique_items(oas_vctx *c, const oas_json *arr, const char *sloc)
{
    if (arr->u.arr.count > UNIQUE_PAIRWISE_MAX)
        return unique_items_hashed(c, arr, sloc);
    const oas_json *it = arr->u.arr.items;
    for (size_t i = 1; i < arr->u.arr.count; i++)
        for (size_t j = 0; j < i; j++)
            if (oas_json_equal(&it[i], &it[j]))
                return fail_unique(c, arr, sloc, i, j);
    return true;
}

/* ---- strings -------------------------------------------------------------- */

bool oas_v_min_length(oas_vctx *c, const oas_json *str, const char *sloc, size_t limit)
{
    return (str->u.str.len >= limit && oas_utf8_length(str->u.str.ptr, str->u.str.len) >= limit) ||
           fail_count(c, str, "minLength", sloc, "fewer", limit, "characters");
}

bool oas_v_max_length(oas_vctx *c, const oas_json *str, const char *sloc, size_t limit)
{
    /* bytes >= code points: short strings need no count */
    return str->u.str.len <= limit || oas_utf8_length(str->u.str.ptr, str->u.str.len) <= limit ||
           fail_count(c, str, "maxLength", sloc, "more", limit, "characters");
}

/* ---- numbers -------------------------------------------------------------- */

/* -1, 0, 1 as the instance is below, at, above the limit, exactly. int64
 * values compare as such; others through long double (every int64 and
 * double exactly on the platforms we build for), and rounding is monotonic,
 * so unequal roundings order the values. Equal ones may round different
 * values (1e400 and 1e500 are both infinity, 1e-400 and 0 both 0, 0.1 and
 * 0.10000000000000000001 one double): their texts decide. */
static int num_cmp(const oas_json *in, const oas_v_num *lim)
{
    if ((in->flags & OAS_JSON_F_INT64) && lim->is_int64)
        return (in->u.num.i > lim->i) - (in->u.num.i < lim->i);
    long double a = (in->flags & OAS_JSON_F_INT64) ? (long double)in->u.num.i : (long double)in->u.num.dbl;
    long double b = lim->is_int64 ? (long double)lim->i : (long double)lim->d;
    if (a != b || !in->u.num.text || !lim->text)
        return (a > b) - (a < b);
    return oas_decimal_cmp(in->u.num.text, strlen(in->u.num.text), lim->text, strlen(lim->text));
}

bool oas_v_bound(oas_vctx *c, const oas_json *num, const char *sloc, oas_v_cmp cmp, const oas_v_num *limit)
{
    static const struct { const char *keyword, *op; int bad1, bad2; } k[] = {
        [OAS_V_MIN] = {"minimum", ">=", -1, -1},
        [OAS_V_MAX] = {"maximum", "<=", 1, 1},
        [OAS_V_XMIN] = {"exclusiveMinimum", ">", -1, 0},
        [OAS_V_XMAX] = {"exclusiveMaximum", "<", 1, 0}};
    int r = num_cmp(num, limit);
    if (r != k[cmp].bad1 && r != k[cmp].bad2)
        return true;
    if (!oas_v_fail_begin(c, num->offset))
        return false;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_buf_printf(&p, "{\"comparison\":\"%s\",\"limit\":%s}", k[cmp].op, limit->text);
    oas_buf_printf(&m, "must be %s %s", k[cmp].op, limit->text);
    oas_v_found(&m, num);
    fail(c, num, k[cmp].keyword, sloc, &p, &m);
    return false;
}

/* Integral without libm: every double >= 2^52 is an integer, below that
 * the int64 cast is exact. */
static bool is_integral(double q)
{
    double mag = q < 0 ? -q : q;
    return isfinite(q) && (mag >= 4503599627370496.0 || q == (double)(int64_t)q);
}

/* A finite nonzero double as odd * 2^exp (every double is a dyadic
 * rational), from its bits: no libm needed. */
static void dyadic(double v, uint64_t *odd, int *exp)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int e = (int)((bits >> 52) & 0x7FF);
    uint64_t mant = bits & ((UINT64_C(1) << 52) - 1);
    if (e) {
        mant |= UINT64_C(1) << 52;
        *exp = e - 1075;
    } else {
        *exp = -1074; /* subnormal */
    }
    while (mant && !(mant & 1)) {
        mant >>= 1;
        (*exp)++;
    }
    *odd = mant;
}

/* Exact test for x = k * m with doubles: x/m is an integer iff m's odd
 * part divides x's and x's power of two is at least m's. */
static bool exact_multiple(double x, double m)
{
    if (x == 0)
        return true;
    uint64_t xo, mo;
    int xe, me;
    dyadic(x, &xo, &xe);
    dyadic(m, &mo, &me);
    return mo && xo % mo == 0 && xe >= me;
}

/* Same outcome as python-jsonschema: a fractional divisor divides as
 * doubles and asks for an integral quotient (when the quotient overflows,
 * e.g. 1e308 / 0.5, the exact test decides); an integral divisor is exact
 * for int64 instances, and for integers beyond int64 and numbers beyond
 * double when the divisor has at most 9 significant digits; past that those
 * use the double quotient, which is approximate. */
static bool is_multiple(const oas_json *in, const oas_v_num *m)
{
    if (m->is_int64 && !m->is_float && m->i != 0 && (in->flags & OAS_JSON_F_INT64))
        return m->i == -1 || in->u.num.i % m->i == 0;
    /* Either side beyond int64 or beyond double (a divisor of 1e-400 is 0
     * as a double): exact on the texts when the divisor has at most 9
     * significant digits (else the double quotient below). */
    bool big_integer = (in->flags & OAS_JSON_F_INTEGER) && !(in->flags & OAS_JSON_F_INT64);
    bool big_divisor = m->d == 0 || isinf(m->d);
    if ((big_integer || big_divisor || (in->flags & OAS_JSON_F_BEYOND_DOUBLE)) && in->u.num.text &&
        m->text) {
        int exact = oas_decimal_multiple(in->u.num.text, strlen(in->u.num.text), m->text,
                                         strlen(m->text));
        if (exact >= 0)
            return exact;
    }
    double x = oas_json_number_double(in);
    double q = x / m->d;
    if (!isfinite(q) && isfinite(x) && isfinite(m->d) && m->d != 0)
        return exact_multiple(x < 0 ? -x : x, m->d < 0 ? -m->d : m->d);
    return is_integral(q);
}

bool oas_v_multiple_of(oas_vctx *c, const oas_json *num, const char *sloc, const oas_v_num *mult)
{
    if (is_multiple(num, mult))
        return true;
    if (!oas_v_fail_begin(c, num->offset))
        return false;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_buf_printf(&p, "{\"multipleOf\":%s}", mult->text);
    oas_buf_printf(&m, "must be multiple of %s", mult->text);
    oas_v_found(&m, num);
    fail(c, num, "multipleOf", sloc, &p, &m);
    return false;
}

bool oas_v_format_ok(const oas_json *in, oas_format fmt)
{
    if (in->type == OAS_JSON_STRING)
        return oas_format_string_ok(fmt, in->u.str.ptr, in->u.str.len);
    if (in->type == OAS_JSON_NUMBER)
        return oas_format_number_ok(fmt, in);
    return true;
}

bool oas_v_format_assert(oas_vctx *c, const oas_json *in, const char *sloc, oas_format fmt)
{
    bool ok = oas_v_format_ok(in, fmt);
    if (ok || !oas_v_fail_begin(c, in->offset))
        return ok;
    const char *name = oas_format_name(fmt);
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_buf_printf(&p, "{\"format\":\"%s\"}", name);
    oas_buf_printf(&m, "must match format \"%s\"", name);
    oas_v_found(&m, in);
    fail(c, in, "format", sloc, &p, &m);
    return false;
}

/* ---- enum / const --------------------------------------------------------- */

/* A message lists this many allowed values; params has them all. */
#define ENUM_LISTED_MAX 10

bool oas_v_enum_has(const oas_json *in, const oas_json *values, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (oas_json_equal(in, &values[i]))
            return true;
    return false;
}

bool oas_v_enum(oas_vctx *c, const oas_json *in, const char *sloc, const oas_json *values, size_t n)
{
    if (oas_v_enum_has(in, values, n))
        return true;
    if (!oas_v_fail_begin(c, in->offset))
        return false;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_buf_puts(&p, "{\"allowedValues\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            oas_buf_putc(&p, ',');
        oas_json_write(&values[i], &p);
    }
    oas_buf_puts(&p, "]}");
    oas_buf_puts(&m, "must be equal to one of the allowed values: ");
    for (size_t i = 0; i < n && i < ENUM_LISTED_MAX; i++) {
        if (i)
            oas_buf_puts(&m, ", ");
        oas_json_write(&values[i], &m);
    }
    if (n > ENUM_LISTED_MAX)
        oas_buf_printf(&m, ", ... (%zu in all)", n);
    oas_v_found(&m, in);
    fail(c, in, "enum", sloc, &p, &m);
    return false;
}

bool oas_v_const(oas_vctx *c, const oas_json *in, const char *sloc, const oas_json *value)
{
    if (oas_json_equal(in, value))
        return true;
    if (!oas_v_fail_begin(c, in->offset))
        return false;
    oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
    oas_buf_puts(&p, "{\"allowedValue\":");
    oas_json_write(value, &p);
    oas_buf_putc(&p, '}');
    oas_buf_puts(&m, "must be equal to constant ");
    oas_json_write(value, &m);
    oas_v_found(&m, in);
    fail(c, in, "const", sloc, &p, &m);
    return false;
}
