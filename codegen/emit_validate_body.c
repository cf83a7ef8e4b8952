/* emit_validate_body.c - the body of one schema node's validator: a type
 * check, then one block per instance type, then the applicators. Every
 * keyword is one call into runtime/include/oas/oas_validate_impl.h. An object's members
 * and an array's items are static tables for one shared runtime loop, and
 * a member or item schema that checks no more than type, enum and format is
 * a table entry, not a function: gcc's cost is per function and per line,
 * and a big spec has thousands of both. */
#include <float.h>
#include <stdlib.h>
#include <string.h>
#include "emit_validate_internal.h"
#include "oc_alloc.h"

/* ---- constants ------------------------------------------------------------ */

/* Parsed form of a JSON number text, as oas_v_num / oas_json need it. */
typedef struct num_info {
    double d;
    int64_t i;
    bool is_int64, is_float, integral;
} num_info;

/* Reads a JSON number text exactly, as decimal digits times a power of ten:
 * whether it is an integer ("2.0" and "1e2" are) and, when that integer
 * fits int64, its value. Through a double neither would be exact beyond
 * 2^53 (-9223372036854775809 would become -2^63). */
static void exact_integer(const char *text, num_info *n)
{
    const char *p = text;
    bool negative = *p == '-';
    p += negative;
    const char *int_digits = p;
    size_t int_len = strspn(p, "0123456789");
    p += int_len;
    const char *frac_digits = p;
    size_t frac_len = 0;
    if (*p == '.') {
        frac_digits = ++p;
        frac_len = strspn(p, "0123456789");
        p += frac_len;
    }
    long exponent = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        bool exp_negative = *p == '-';
        p += *p == '-' || *p == '+';
        for (; *p >= '0' && *p <= '9'; p++)
            if (exponent < 1000000) /* beyond, every digit is dropped or overflows */
                exponent = exponent * 10 + (*p - '0');
        if (exp_negative)
            exponent = -exponent;
    }
    /* value = digits * 10^scale, digits = int_digits followed by frac_digits */
    size_t count = int_len + frac_len;
    long scale = exponent - (long)frac_len;
    size_t kept = scale >= 0 ? count : (size_t)-scale >= count ? 0 : count - (size_t)-scale;
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, magnitude = 0;
    bool fits = true;
    n->integral = true;
    for (size_t k = 0; k < count; k++) {
        unsigned digit = (unsigned)((k < int_len ? int_digits[k] : frac_digits[k - int_len]) - '0');
        if (k >= kept)
            n->integral &= digit == 0;
        else if (magnitude > (limit - digit) / 10)
            fits = false;
        else
            magnitude = magnitude * 10 + digit;
    }
    for (long k = 0; k < scale && fits && magnitude; k++) {
        if (magnitude > limit / 10)
            fits = false;
        else
            magnitude *= 10;
    }
    n->is_int64 = n->integral && fits;
    if (n->is_int64)
        n->i = !negative ? (int64_t)magnitude
                         : magnitude > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)magnitude;
}

static num_info num_parse(const char *text)
{
    num_info n = {0};
    n.d = strtod(text, NULL); /* +-HUGE_VAL beyond the range of double */
    n.is_float = strpbrk(text, ".eE") != NULL;
    exact_integer(text, &n);
    return n;
}

/* The limit's fields after its text: "d, i, is_int64, is_float". */
static void emit_num_fields(FILE *f, const num_info *n)
{
    emit_double_literal(f, n->d);
    fputs(", ", f);
    emit_int64_literal(f, n->is_int64 ? n->i : 0);
    fprintf(f, ", %s, %s", n->is_int64 ? "true" : "false", n->is_float ? "true" : "false");
}

static void emit_num_const(FILE *f, const char *name, const char *text)
{
    num_info n = num_parse(text);
    fprintf(f, "    static const oas_v_num %s = {", name);
    emit_c_string(f, text, strlen(text));
    fputs(", ", f);
    emit_num_fields(f, &n);
    fputs("};\n", f);
}

/* Static declarations for the containers nested in v, named name_<i>,
 * each line starting with indent. */
static void emit_value_decls(FILE *f, const char *indent, const ir_value *v, const char *name);

static void emit_value_init(FILE *f, const ir_value *v, const char *name)
{
    switch (v->kind) {
    case IRV_NULL: fputs("{.type = OAS_JSON_NULL}", f); break;
    case IRV_BOOL: fprintf(f, "{.type = %s}", v->boolean ? "OAS_JSON_TRUE" : "OAS_JSON_FALSE"); break;
    case IRV_STRING:
        fputs("{.type = OAS_JSON_STRING, .u.str = {", f);
        emit_c_string(f, v->text, v->len);
        fprintf(f, ", %zu}}", v->len);
        break;
    case IRV_NUMBER: {
        num_info n = num_parse(v->text);
        bool beyond = n.d > DBL_MAX || n.d < -DBL_MAX || (n.d == 0 && !n.integral);
        fprintf(f, "{.type = OAS_JSON_NUMBER, .flags = %s%s, .u.num = {.text = ",
                n.integral ? (n.is_int64 ? "OAS_JSON_F_INTEGER | OAS_JSON_F_INT64" : "OAS_JSON_F_INTEGER")
                           : "0",
                beyond ? " | OAS_JSON_F_BEYOND_DOUBLE" : "");
        emit_c_string(f, v->text, v->len);
        fputs(", ", f);
        if (n.is_int64) {
            fputs(".i = ", f);
            emit_int64_literal(f, n.i);
        } else {
            fputs(".dbl = ", f);
            emit_double_literal(f, n.d);
        }
        fputs("}}", f);
        break;
    }
    case IRV_ARRAY:
        if (v->count)
            fprintf(f, "{.type = OAS_JSON_ARRAY, .u.arr = {(oas_json *)%s_items, %zu}}", name, v->count);
        else
            fputs("{.type = OAS_JSON_ARRAY}", f);
        break;
    case IRV_OBJECT:
        if (v->count)
            fprintf(f, "{.type = OAS_JSON_OBJECT, .u.obj = {(oas_json_member *)%s_members, %zu}}",
                    name, v->count);
        else
            fputs("{.type = OAS_JSON_OBJECT}", f);
        break;
    }
}

static void emit_value_decls(FILE *f, const char *indent, const ir_value *v, const char *name)
{
    if ((v->kind != IRV_ARRAY && v->kind != IRV_OBJECT) || v->count == 0)
        return;
    size_t nlen = strlen(name) + 24;
    char *child = malloc(nlen);
    if (!child)
        return;
    for (size_t i = 0; i < v->count; i++) {
        snprintf(child, nlen, "%s_%zu", name, i);
        emit_value_decls(f, indent, v->items[i], child);
    }
    bool obj = v->kind == IRV_OBJECT;
    fprintf(f, "%sstatic const %s %s_%s[] = {\n", indent, obj ? "oas_json_member" : "oas_json", name,
            obj ? "members" : "items");
    for (size_t i = 0; i < v->count; i++) {
        snprintf(child, nlen, "%s_%zu", name, i);
        fprintf(f, "%s    ", indent);
        if (obj) {
            fputs("{", f);
            emit_c_string(f, v->keys[i], v->key_lens[i]);
            fprintf(f, ", %zu, 0, ", v->key_lens[i]);
        }
        emit_value_init(f, v->items[i], child);
        fputs(obj ? "},\n" : ",\n", f);
    }
    fprintf(f, "%s};\n", indent);
    free(child);
}

/* ---- pieces ------------------------------------------------------------------ */

/* A count keyword's check inside a type block: "check(ctx, in, sloc, count);". */
static void emit_count_call(FILE *f, const char *check, int64_t count)
{
    fprintf(f, "        %s(ctx, in, sloc, ", check);
    emit_int64_literal(f, count);
    fputs(");\n", f);
}

static unsigned type_mask(const ir_schema *s)
{
    unsigned m = s->types;
    if (s->nullable && m)
        m |= IR_T_NULL;
    if (m & IR_T_NUMBER)
        m &= ~(unsigned)IR_T_INTEGER; /* number covers integer */
    return m;
}

static void emit_mask(FILE *f, unsigned m)
{
    static const struct { unsigned bit; const char *name; } t[] = {
        {IR_T_NULL, "OAS_VT_NULL"}, {IR_T_BOOLEAN, "OAS_VT_BOOLEAN"}, {IR_T_OBJECT, "OAS_VT_OBJECT"},
        {IR_T_ARRAY, "OAS_VT_ARRAY"}, {IR_T_NUMBER, "OAS_VT_NUMBER"}, {IR_T_STRING, "OAS_VT_STRING"},
        {IR_T_INTEGER, "OAS_VT_INTEGER"}};
    const char *sep = "";
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (m & t[i].bit) {
            fprintf(f, "%s%s", sep, t[i].name);
            sep = " | ";
        }
}

static const char *format_enum(const char *format)
{
    static const char *const map[][2] = {
        {"int32", "OAS_FMT_INT32"}, {"int64", "OAS_FMT_INT64"}, {"float", "OAS_FMT_FLOAT"},
        {"double", "OAS_FMT_DOUBLE"}, {"date-time", "OAS_FMT_DATE_TIME"}, {"date", "OAS_FMT_DATE"},
        {"uuid", "OAS_FMT_UUID"}, {"uri", "OAS_FMT_URI"}, {"email", "OAS_FMT_EMAIL"}};
    for (size_t i = 0; format && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(format, map[i][0]) == 0)
            return map[i][1];
    return NULL; /* unknown formats are annotations only */
}

static int prop_cmp(const void *a, const void *b)
{
    const ir_prop *x = *(const ir_prop *const *)a, *y = *(const ir_prop *const *)b;
    size_t lx = strlen(x->name), ly = strlen(y->name);
    return lx < ly ? -1 : lx > ly ? 1 : strcmp(x->name, y->name);
}

static int required_index(const ir_schema *s, const char *name)
{
    int k = 0;
    for (size_t i = 0; i < s->prop_count; i++) {
        bool req = false;
        for (size_t j = 0; j < s->required_count; j++)
            req |= strcmp(s->required[j], s->props[i].name) == 0;
        if (strcmp(s->props[i].name, name) == 0)
            return req ? k : -1;
        k += req;
    }
    return -1;
}

/* Does s check anything in an object (its type at least: oas_v_object
 * then walks the members, the last of repeated keys counting)? */
static bool has_object_block(const ir_schema *s)
{
    return s->prop_count || s->required_count || s->addl || s->addl_false ||
           s->pattern_prop_count || s->min_properties >= 0 || s->max_properties >= 0 ||
           (type_mask(s) & IR_T_OBJECT);
}

static bool has_scalar_checks(const ir_schema *s)
{
    return s->min_length >= 0 || s->max_length >= 0 || s->pattern || s->has_minimum ||
           s->has_maximum || s->has_exclusive_minimum || s->has_exclusive_maximum ||
           (s->has_multiple_of && s->multiple_of);
}

static bool array_has_work(const ir_schema *s);
static bool applicators_have_work(const ir_schema *s);
static bool array_has_2020_work(const ir_schema *s);

/* Does a 2020-12 keyword that only validators apply generate any code? */
static bool has_2020_work(const ir_schema *s)
{
    size_t refs;
    bool work = s->pattern_prop_count || s->dependent_required_count || s->if_schema ||
                s->contains || s->unevaluated_props || s->unevaluated_items ||
                (s->property_names && ev_callee(s->property_names, &refs));
    for (size_t i = 0; i < s->dependent_schema_count && !work; i++)
        work = ev_callee(s->dependent_schemas[i].schema, &refs) != NULL;
    return work;
}

bool ev_leaf(const ir_schema *c, const bool *exported)
{
    return !exported[c->index] && c->boolean_schema != 0 && !c->const_value &&
           !c->null_always_valid &&
           !has_object_block(c) && !array_has_work(c) && !has_scalar_checks(c) &&
           !applicators_have_work(c) && !has_2020_work(c);
}

/* A table entry's "fn, leaf" pair for a call to child: the validator, a
 * pointer to a leaf declared by emit_leaf_decl() under `leaf`, or neither
 * when the child accepts everything. */
static void emit_entry_target(FILE *f, const ir_schema *c, const bool *exported, const char *leaf)
{
    if (!c)
        fputs("NULL, NULL", f);
    else if (ev_leaf(c, exported))
        fprintf(f, "NULL, &%s", leaf);
    else
        fprintf(f, "%s, NULL", c->validator_name);
}

/* Declares `static const oas_v_leaf <name>` for c when the table entry
 * checks it in place (same checks as ev_emit_function would write). */
static void emit_leaf_decl(FILE *f, const char *indent, const ir_schema *c, const bool *exported,
                           const char *name)
{
    if (!c || !ev_leaf(c, exported))
        return;
    size_t nlen = strlen(name) + 8;
    char *enum_name = malloc(nlen);
    if (!enum_name)
        return;
    snprintf(enum_name, nlen, "%s_enum", name);
    if (c->has_enum) {
        ir_value arr = {.kind = IRV_ARRAY, .items = c->enum_values, .count = c->enum_count};
        emit_value_decls(f, indent, &arr, enum_name);
    }
    unsigned mask = type_mask(c);
    const char *fmt = format_enum(c->format);
    fprintf(f, "%sstatic const oas_v_leaf %s = {", indent, name);
    emit_c_string(f, c->location, strlen(c->location));
    fputs(", ", f);
    if (mask && mask != IR_T_ANY)
        emit_mask(f, mask);
    else
        fputs("0", f);
    fprintf(f, ", %s, ", fmt ? fmt : "-1");
    if (c->has_enum && c->enum_count)
        fprintf(f, "true, %s_items, %zu};\n", enum_name, c->enum_count);
    else
        fprintf(f, "%s, NULL, 0};\n", c->has_enum ? "true" : "false");
    free(enum_name);
}

/* patternProperties as `patterns[]` for the object table: one static
 * oas_v_regex per pattern (compiled on first use) and its entry. */
static void emit_pattern_table(FILE *f, const ir_schema *s, const bool *exported)
{
    size_t refs;
    char leaf[48];
    for (size_t i = 0; i < s->pattern_prop_count; i++) {
        fprintf(f, "        static oas_v_regex re%zu = OAS_V_REGEX_INIT(", i);
        emit_c_string(f, s->pattern_props[i].name, strlen(s->pattern_props[i].name));
        fputs(");\n", f);
        snprintf(leaf, sizeof leaf, "leaf_pattern%zu", i);
        emit_leaf_decl(f, "        ", ev_callee(s->pattern_props[i].schema, &refs), exported, leaf);
    }
    fputs("        static const oas_v_pattern_prop patterns[] = {\n", f);
    for (size_t i = 0; i < s->pattern_prop_count; i++) {
        const ir_schema *c = ev_callee(s->pattern_props[i].schema, &refs);
        fprintf(f, "            {&re%zu, ", i);
        ev_kw_literal(f, "/patternProperties/", s->pattern_props[i].name, refs);
        fputs(", ", f);
        snprintf(leaf, sizeof leaf, "leaf_pattern%zu", i);
        emit_entry_target(f, c, exported, leaf);
        fputs("},\n", f);
    }
    fputs("        };\n", f);
}

/* Is s's validator no more than an object's type check and its object
 * table? Then the table is declared at file scope, and a property whose
 * schema s is points at it (oas_v_prop.object): the runtime walks a
 * nested object through it without calling s's function. */
bool ev_table_object(const ir_schema *s)
{
    return s->boolean_schema != 0 && !s->null_always_valid && type_mask(s) == IR_T_OBJECT &&
           !s->has_enum && !s->const_value && !format_enum(s->format) && !s->dynamic_scope &&
           !s->property_names && !s->dependent_required_count && !array_has_work(s) &&
           !array_has_2020_work(s) && !has_scalar_checks(s) && !applicators_have_work(s) &&
           !has_2020_work(s);
}

/* The object keywords as tables for oas_v_object() (runtime
 * oas_validate_table.c), which checks them in the order of the keywords
 * below: one shared loop instead of a switch per schema. Each line starts
 * with indent, each table's name with prefix; the desc itself is
 * `<prefix>object`, after storage (its ftell position in *desc_at unless
 * NULL). sloc: the C expression of s's location (NULL: its literal).
 * Returns the number of seen[] slots. */
static int emit_object_tables(FILE *f, const ir_schema *s, const bool *exported, const char *indent,
                              const char *prefix, const char *sloc, const char *storage,
                              long *desc_at)
{
    size_t refs;
    const ir_prop **sorted = NULL;
    size_t *pos = NULL;
    size_t leaf_cap = strlen(prefix) + 32;
    char *leaf = oc_malloc(leaf_cap);
    if (s->prop_count) {
        sorted = oc_malloc(s->prop_count * sizeof *sorted);
        pos = oc_malloc(s->prop_count * sizeof *pos);
        for (size_t i = 0; i < s->prop_count; i++)
            sorted[i] = &s->props[i];
        qsort(sorted, s->prop_count, sizeof *sorted, prop_cmp);
        /* where each property (by declaration) is in the table */
        for (size_t i = 0; i < s->prop_count; i++)
            pos[sorted[i] - s->props] = i;
        for (size_t i = 0; i < s->prop_count; i++) {
            snprintf(leaf, leaf_cap, "%sleaf%zu", prefix, i);
            emit_leaf_decl(f, indent, ev_callee(sorted[i]->schema, &refs), exported, leaf);
        }
        fprintf(f, "%sstatic const oas_v_prop %sprops[] = {\n", indent, prefix);
        for (size_t i = 0; i < s->prop_count; i++) {
            const ir_schema *c = ev_callee(sorted[i]->schema, &refs);
            size_t len = strlen(sorted[i]->name);
            fprintf(f, "%s    {", indent);
            emit_c_string(f, sorted[i]->name, len);
            fprintf(f, ", %zu, ", len);
            ev_kw_literal(f, "/properties/", sorted[i]->name, refs);
            fputs(", ", f);
            snprintf(leaf, leaf_cap, "%sleaf%zu", prefix, i);
            emit_entry_target(f, c, exported, leaf);
            size_t next = (size_t)(sorted[i] - s->props) + 1; /* declared after it, cyclic */
            fprintf(f, ", %d, %zu", required_index(s, sorted[i]->name),
                    pos[next < s->prop_count ? next : 0]);
            if (c && !ev_leaf(c, exported) && ev_table_object(c))
                fprintf(f, ", &%s_object},\n", c->validator_name);
            else
                fputs(", NULL},\n", f);
        }
        fprintf(f, "%s};\n", indent);
    }
    int seen_count = 0;
    for (size_t i = 0; i < s->prop_count; i++)
        seen_count += required_index(s, s->props[i].name) >= 0;
    if (s->required_count) {
        fprintf(f, "%sstatic const oas_v_req %srequired[] = {\n", indent, prefix);
        for (size_t j = 0; j < s->required_count; j++) {
            size_t len = strlen(s->required[j]);
            fprintf(f, "%s    {", indent);
            emit_c_string(f, s->required[j], len);
            fprintf(f, ", %zu, %d},\n", len, required_index(s, s->required[j]));
        }
        fprintf(f, "%s};\n", indent);
    }
    if (s->pattern_prop_count)
        emit_pattern_table(f, s, exported);
    const ir_schema *addl = s->addl && !s->addl_false ? ev_callee(s->addl, &refs) : NULL;
    snprintf(leaf, leaf_cap, "%sleaf_additional", prefix);
    emit_leaf_decl(f, indent, addl, exported, leaf);
    fputs(indent, f);
    if (desc_at)
        *desc_at = ftell(f);
    fprintf(f, "%sconst oas_v_object_desc %sobject = {", storage, prefix);
    if (s->prop_count)
        fprintf(f, "%sprops, %zu, %zu, ", prefix, s->prop_count, pos[0]);
    else
        fputs("NULL, 0, 0, ", f);
    if (s->required_count)
        fprintf(f, "%srequired, %zu, ", prefix, s->required_count);
    else
        fputs("NULL, 0, ", f);
    emit_int64_literal(f, s->min_properties >= 0 ? s->min_properties : -1);
    fputs(", ", f);
    emit_int64_literal(f, s->max_properties >= 0 ? s->max_properties : -1);
    /* as before the tables: without a member to check, not one is looked
       at (so neither are repeated keys' shadowing marks worked out) */
    bool members = seen_count > 0 || s->addl_false || addl || s->pattern_prop_count;
    for (size_t i = 0; i < s->prop_count && !members; i++) {
        size_t prop_refs;
        members = ev_callee(s->props[i].schema, &prop_refs) != NULL;
    }
    fprintf(f, ", %s, %s, ", members ? "true" : "false", s->addl_false ? "true" : "false");
    if (addl) {
        ev_kw_literal(f, "/additionalProperties", NULL, refs);
        fputs(", ", f);
    } else {
        fputs("NULL, ", f);
    }
    emit_entry_target(f, addl, exported, leaf);
    fprintf(f, ", %s, ", s->addl || s->addl_false ? "true" : "false");
    if (s->pattern_prop_count)
        fprintf(f, "patterns, %zu, ", s->pattern_prop_count);
    else
        fputs("NULL, 0, ", f);
    if (sloc)
        fputs(sloc, f);
    else
        emit_c_string(f, s->location, strlen(s->location));
    fprintf(f, ", %d};\n", seen_count);
    free(sorted);
    free(pos);
    free(leaf);
    return seen_count;
}

/* The object keywords: the tables (emit_object_tables) inside the
 * function, or, for a table object, the call to the one at file scope. */
static void emit_object_block(FILE *f, const ir_schema *s, const bool *exported)
{
    fputs("    if (in->type == OAS_JSON_OBJECT) {\n", f);
    int seen_count = 0;
    bool at_file_scope = ev_table_object(s);
    if (at_file_scope) {
        for (size_t i = 0; i < s->prop_count; i++)
            seen_count += required_index(s, s->props[i].name) >= 0;
    } else {
        seen_count = emit_object_tables(f, s, exported, "        ", "", "sloc", "static ", NULL);
    }
    if (seen_count)
        fprintf(f, "        unsigned char seen[%d] = {0};\n", seen_count);
    fprintf(f, "        oas_v_object(ctx, in, sloc, &%s%s, %s);\n    }\n",
            at_file_scope ? s->validator_name : "object", at_file_scope ? "_object" : "",
            seen_count ? "seen" : "NULL");
}

static bool array_has_work(const ir_schema *s)
{
    size_t refs;
    bool work = s->min_items >= 0 || s->max_items >= 0 || s->unique_items ||
                (s->items && ev_callee(s->items, &refs));
    for (size_t k = 0; k < s->prefix_count && !work; k++)
        work = ev_callee(s->prefix_items[k], &refs) != NULL;
    return work;
}

static bool applicators_have_work(const ir_schema *s)
{
    size_t refs;
    bool work = (s->ref_target && ev_callee(s->ref_target, &refs)) || s->any_of_count ||
                s->one_of_count || s->not_schema || s->dynamic_name ||
                (s->dynamic_ref_target && ev_callee(s->dynamic_ref_target, &refs));
    for (size_t i = 0; i < s->all_of_count && !work; i++)
        work = ev_callee(s->all_of[i], &refs) != NULL;
    return work;
}

/* What the array keywords beyond the items table do: prefixItems and an
 * `items` that checks nothing still evaluate items (unevaluatedItems), and
 * contains counts them. */
static bool array_has_2020_work(const ir_schema *s)
{
    size_t refs;
    return s->prefix_count || (s->items && !ev_callee(s->items, &refs)) || s->contains;
}

static void emit_array_2020(FILE *f, const ir_schema *s)
{
    size_t refs;
    fputs("    if (in->type == OAS_JSON_ARRAY) {\n", f);
    if (s->prefix_count)
        fprintf(f, "        oas_v_eval_items(ctx, in, 0, %zu);\n", s->prefix_count);
    if (s->items && !ev_callee(s->items, &refs))
        fprintf(f, "        oas_v_eval_items(ctx, in, %zu, SIZE_MAX);\n", s->prefix_count);
    if (s->contains) {
        const ir_schema *c = ev_callee(s->contains, &refs);
        long long min = s->min_contains >= 0 ? (long long)s->min_contains : 1;
        long long max = s->max_contains >= 0 ? (long long)s->max_contains : -1;
        fprintf(f, "        oas_v_contains(ctx, in, sloc, %s, ", c ? c->validator_name : "NULL");
        ev_kw_literal(f, "/contains", NULL, refs);
        fprintf(f, ", %lldLL, %lldLL);\n", min, max);
    }
    fputs("    }\n", f);
}

/* propertyNames and dependentRequired. */
static void emit_object_2020(FILE *f, const ir_schema *s)
{
    size_t refs;
    const ir_schema *names = s->property_names ? ev_callee(s->property_names, &refs) : NULL;
    if (!names && !s->dependent_required_count)
        return;
    fputs("    if (in->type == OAS_JSON_OBJECT) {\n", f);
    if (names) {
        fputs("        oas_v_property_names(ctx, in, ", f);
        ev_kw_literal(f, "/propertyNames", NULL, refs);
        fprintf(f, ", %s);\n", names->validator_name);
    }
    for (size_t i = 0; i < s->dependent_required_count; i++) {
        const ir_name_list *d = &s->dependent_required[i];
        fprintf(f, "        static const oas_v_req deps%zu[] = {", i);
        for (size_t j = 0; j < d->count; j++) {
            fputs(j ? ", {" : "{", f);
            emit_c_string(f, d->names[j], strlen(d->names[j]));
            fprintf(f, ", %zu, -1}", strlen(d->names[j]));
        }
        fputs(d->count ? "};\n" : "{NULL, 0, -1}};\n", f);
    }
    if (s->dependent_required_count) {
        fputs("        static const oas_v_dependent dependent[] = {\n", f);
        for (size_t i = 0; i < s->dependent_required_count; i++) {
            const ir_name_list *d = &s->dependent_required[i];
            fputs("            {", f);
            emit_c_string(f, d->name, strlen(d->name));
            fprintf(f, ", %zu, deps%zu, %zu},\n", strlen(d->name), i, d->count);
        }
        fprintf(f, "        };\n        oas_v_dependent_required(ctx, in, sloc, dependent, %zu);\n",
                s->dependent_required_count);
    }
    fputs("    }\n", f);
}

static void emit_array_block(FILE *f, const ir_schema *s, const bool *exported)
{
    size_t refs;
    fputs("    if (in->type == OAS_JSON_ARRAY) {\n", f);
    if (s->min_items >= 0)
        emit_count_call(f, "oas_v_min_items", s->min_items);
    if (s->max_items >= 0)
        emit_count_call(f, "oas_v_max_items", s->max_items);
    if (s->unique_items)
        fputs("        oas_v_unique_items(ctx, in, sloc);\n", f);
    for (size_t k = 0; k < s->prefix_count; k++) {
        const ir_schema *c = ev_callee(s->prefix_items[k], &refs);
        if (!c)
            continue;
        char prefix[48];
        snprintf(prefix, sizeof prefix, "/prefixItems/%zu", k);
        fprintf(f, "        if (in->u.arr.count > %zu)\n            oas_v_item(ctx, in, %zu, ", k, k);
        ev_kw_literal(f, prefix, NULL, refs);
        fprintf(f, ", %s);\n", c->validator_name);
    }
    const ir_schema *c = s->items ? ev_callee(s->items, &refs) : NULL;
    if (c) {
        emit_leaf_decl(f, "        ", c, exported, "leaf_items");
        fprintf(f, "        oas_v_items(ctx, in, %zu, ", s->prefix_count);
        ev_kw_literal(f, "/items", NULL, refs);
        fputs(", ", f);
        emit_entry_target(f, c, exported, "leaf_items");
        fputs(");\n", f);
    }
    fputs("    }\n", f);
}

static void emit_scalar_blocks(FILE *f, const ir_schema *s)
{
    if (s->min_length >= 0 || s->max_length >= 0 || s->pattern) {
        fputs("    if (in->type == OAS_JSON_STRING) {\n", f);
        if (s->min_length >= 0)
            emit_count_call(f, "oas_v_min_length", s->min_length);
        if (s->max_length >= 0)
            emit_count_call(f, "oas_v_max_length", s->max_length);
        if (s->pattern) {
            /* one static per pattern: compiled on first use, then shared */
            fputs("        static oas_v_regex pattern = OAS_V_REGEX_INIT(", f);
            emit_c_string(f, s->pattern, strlen(s->pattern));
            fputs(");\n        oas_v_pattern(ctx, in, sloc, &pattern);\n", f);
        }
        fputs("    }\n", f);
    }
    static const char *const cmp[] = {"OAS_V_MIN", "OAS_V_MAX", "OAS_V_XMIN", "OAS_V_XMAX"};
    const char *lim[] = {s->has_minimum ? s->minimum : NULL, s->has_maximum ? s->maximum : NULL,
                         s->has_exclusive_minimum ? s->exclusive_minimum : NULL,
                         s->has_exclusive_maximum ? s->exclusive_maximum : NULL};
    bool any = s->has_multiple_of && s->multiple_of;
    for (int k = 0; k < 4; k++)
        any |= lim[k] != NULL;
    if (!any)
        return;
    fputs("    if (in->type == OAS_JSON_NUMBER) {\n", f);
    for (int k = 0; k < 4; k++) {
        if (!lim[k])
            continue;
        char name[16];
        snprintf(name, sizeof name, "limit%d", k);
        fputs("    ", f);
        emit_num_const(f, name, lim[k]);
        fprintf(f, "        oas_v_bound(ctx, in, sloc, %s, &%s);\n", cmp[k], name);
    }
    if (s->has_multiple_of && s->multiple_of) {
        fputs("    ", f);
        emit_num_const(f, "mult", s->multiple_of);
        fputs("        oas_v_multiple_of(ctx, in, sloc, &mult);\n", f);
    }
    fputs("    }\n", f);
}

static void emit_enum_const(FILE *f, const ir_schema *s)
{
    if (!s->has_enum && !s->const_value)
        return;
    /* OpenAPI 3.0.3: nullable adds "null" to `type` only; enum and const
     * "retain their defined behavior", so null passes them only if listed */
    if (s->has_enum) {
        ir_value arr = {.kind = IRV_ARRAY, .items = s->enum_values, .count = s->enum_count};
        emit_value_decls(f, "    ", &arr, "enum");
        fprintf(f, "    oas_v_enum(ctx, in, sloc, %s, %zu);\n",
                s->enum_count ? "enum_items" : "NULL", s->enum_count);
    }
    if (s->const_value) {
        emit_value_decls(f, "    ", s->const_value, "cval");
        fputs("    static const oas_json cval = ", f);
        emit_value_init(f, s->const_value, "cval");
        fputs(";\n    oas_v_const(ctx, in, sloc, &cval);\n", f);
    }
}

/* if/then/else: `if` alone changes no verdict but still evaluates
 * members and items (unevaluated*), so it is applied whenever present. */
static void emit_conditional(FILE *f, const ir_schema *s)
{
    if (!s->if_schema)
        return;
    const ir_schema *parts[] = {s->if_schema, s->then_schema, s->else_schema};
    static const char *const kws[] = {"/if", "/then", "/else"};
    fputs("    oas_v_if(ctx, in, sloc", f);
    for (size_t k = 0; k < 3; k++) {
        size_t refs = 0;
        const ir_schema *c = parts[k] ? ev_callee(parts[k], &refs) : NULL;
        fprintf(f, ", %s, ", c ? c->validator_name : "NULL");
        ev_kw_literal(f, kws[k], NULL, refs);
    }
    fputs(");\n", f);
}

/* oneOf / anyOf: tables of branch functions and keyword pieces. */
static void emit_branches(FILE *f, const char *kw, ir_schema *const *br, size_t n, const char *helper)
{
    if (!n)
        return;
    fprintf(f, "    {\n        static const oas_validate_fn %s_fns[] = {", kw);
    for (size_t i = 0; i < n; i++) {
        size_t refs;
        const ir_schema *c = ev_callee(br[i], &refs);
        fprintf(f, "%s%s", i ? ", " : "", c ? c->validator_name : "oas_v_accept");
    }
    fprintf(f, "};\n        static const char *const %s_kws[] = {", kw);
    for (size_t i = 0; i < n; i++) {
        size_t refs;
        ev_callee(br[i], &refs);
        char prefix[64];
        snprintf(prefix, sizeof prefix, "/%s/%zu", kw, i);
        fputs(i ? ", " : "", f);
        ev_kw_literal(f, prefix, NULL, refs);
    }
    fprintf(f, "};\n        %s(ctx, in, sloc, %s_fns, %s_kws, %zu);\n    }\n", helper, kw, kw, n);
}

/* "{fn, kw, enter}" of an oas_v_target for a reference to target. */
static void emit_target(FILE *f, const ir_schema *target, size_t scope)
{
    size_t refs;
    const ir_schema *c = ev_callee(target, &refs);
    fprintf(f, "{%s, ", c ? c->validator_name : "oas_v_accept");
    ev_kw_literal(f, "/$dynamicRef", NULL, refs);
    fprintf(f, ", %zu}", scope);
}

/* A subschema applied to the instance itself ($ref, $dynamicRef; an allOf
 * branch with apply "oas_v_apply_branch", which drops the marks of a
 * failing branch): in the resource its target lies in (scope: 1 + its
 * number) when the target does not enter it. */
static void emit_reference(FILE *f, const char *kw, const ir_schema *c, size_t refs, size_t scope,
                           const char *apply)
{
    if (scope)
        fputs("    oas_v_apply_in(ctx, in, ", f);
    else
        fprintf(f, "    %s(ctx, in, ", apply);
    ev_kw_literal(f, kw, NULL, refs);
    if (scope)
        fprintf(f, ", %s, %zu);\n", c->validator_name, scope - 1);
    else
        fprintf(f, ", %s);\n", c->validator_name);
}

/* $dynamicRef: as $ref when static; when dynamic, a table of the anchor's
 * schema in each resource of the binding's dynamic scope. */
static void emit_dynamic_ref(FILE *f, const ir_schema *s)
{
    size_t refs;
    const ir_schema *c;
    if (!s->dynamic_name || !s->dynamic_target_count) {
        if (s->dynamic_ref_target && (c = ev_callee(s->dynamic_ref_target, &refs)) != NULL)
            emit_reference(f, "/$dynamicRef", c, refs, s->dynamic_ref_scope, "oas_v_apply");
        return;
    }
    fputs("    {\n        static const oas_v_target fallback = ", f);
    emit_target(f, s->dynamic_ref_target, s->dynamic_ref_scope);
    fputs(";\n        static const oas_v_target by_resource[] = {\n", f);
    for (size_t i = 0; i < s->dynamic_target_count; i++) {
        fputs("            ", f);
        if (s->dynamic_targets[i])
            emit_target(f, s->dynamic_targets[i], 0); /* found in the scope: entered */
        else
            fputs("{NULL, NULL, 0}", f);
        fputs(",\n", f);
    }
    fputs("        };\n        oas_v_dynamic_ref(ctx, in, &fallback, by_resource);\n    }\n", f);
}

static void emit_applicators(FILE *f, const ir_schema *s)
{
    size_t refs;
    const ir_schema *c;
    if (s->ref_target && (c = ev_callee(s->ref_target, &refs)) != NULL)
        emit_reference(f, "/$ref", c, refs, s->ref_scope, "oas_v_apply");
    emit_dynamic_ref(f, s);
    for (size_t i = 0; i < s->all_of_count; i++) {
        if (!(c = ev_callee(s->all_of[i], &refs)))
            continue;
        char prefix[48];
        snprintf(prefix, sizeof prefix, "/allOf/%zu", i);
        emit_reference(f, prefix, c, refs, 0, "oas_v_apply_branch");
    }
    emit_branches(f, "anyOf", s->any_of, s->any_of_count, "oas_v_any_of");
    emit_branches(f, "oneOf", s->one_of, s->one_of_count, "oas_v_one_of");
    if (s->not_schema) {
        c = ev_callee(s->not_schema, &refs);
        fprintf(f, "    oas_v_not(ctx, in, sloc, %s, ", c ? c->validator_name : "oas_v_accept");
        ev_kw_literal(f, "/not", NULL, refs);
        fputs(");\n", f);
    }
    emit_conditional(f, s);
    for (size_t i = 0; i < s->dependent_schema_count; i++) {
        if (!(c = ev_callee(s->dependent_schemas[i].schema, &refs)))
            continue;
        const char *name = s->dependent_schemas[i].name;
        fputs("    if (in->type == OAS_JSON_OBJECT && oas_json_get(in, ", f);
        emit_c_string(f, name, strlen(name));
        fprintf(f, ", %zu))\n        oas_v_apply(ctx, in, ", strlen(name));
        ev_kw_literal(f, "/dependentSchemas/", name, refs);
        fprintf(f, ", %s);\n", c->validator_name);
    }
}

/* unevaluatedProperties / unevaluatedItems: the record of evaluated members
 * or items opens before every other keyword and is read after them. */
static void emit_unevaluated_begin(FILE *f, const ir_schema *s)
{
    if (!s->unevaluated_props && !s->unevaluated_items)
        return;
    fputs("    oas_v_eval evaluated;\n"
          "    bool container = in->type == OAS_JSON_OBJECT || in->type == OAS_JSON_ARRAY;\n"
          "    if (container)\n        oas_v_eval_begin(ctx, &evaluated, in);\n", f);
}

static void emit_unevaluated_end(FILE *f, const ir_schema *s)
{
    if (!s->unevaluated_props && !s->unevaluated_items)
        return;
    static const char *const kws[] = {"/unevaluatedProperties", "/unevaluatedItems"};
    static const char *const fns[] = {"oas_v_unevaluated_properties", "oas_v_unevaluated_items"};
    static const char *const types[] = {"OAS_JSON_OBJECT", "OAS_JSON_ARRAY"};
    const ir_schema *u[] = {s->unevaluated_props, s->unevaluated_items};
    for (size_t k = 0; k < 2; k++) {
        if (!u[k])
            continue;
        size_t refs;
        const ir_schema *c = ev_callee(ev_unevaluated_callee(u[k]), &refs);
        fprintf(f, "    if (in->type == %s)\n        %s(ctx, in, sloc, ", types[k], fns[k]);
        ev_kw_literal(f, kws[k], NULL, refs);
        fprintf(f, ", %s, %s);\n", c ? c->validator_name : "NULL",
                u[k]->boolean_schema == 0 ? "true" : "false");
    }
    fputs("    if (container)\n        oas_v_eval_end(ctx, &evaluated);\n", f);
}

ev_defs ev_emit_function(FILE *f, const ir_schema *s, const bool *exported)
{
    ev_defs defs = {-1, 0};
    if (ev_table_object(s)) {
        char *prefix = oc_printf("%s_", s->validator_name);
        emit_object_tables(f, s, exported, "", prefix, NULL, "", &defs.table);
        fputs("\n", f);
        free(prefix);
    }
    defs.fn = ftell(f);
    fprintf(f, "void %s(const oas_json *in, oas_vctx *ctx)\n{\n", s->validator_name);
    unsigned mask = type_mask(s);
    const char *fmt = format_enum(s->format);
    bool object = has_object_block(s);
    bool scalar = has_scalar_checks(s);
    /* every check below uses both `in` and `ctx`; none at all (e.g. only
     * `allOf: [true]` or `items: true`) means accept everything */
    if (s->boolean_schema != 0 && !(mask && mask != IR_T_ANY) && !s->has_enum && !s->const_value &&
        !fmt && !object && !array_has_work(s) && !scalar && !applicators_have_work(s) &&
        !has_2020_work(s) && !array_has_2020_work(s)) {
        fputs("    (void)in;\n    (void)ctx;\n}\n", f);
        return defs;
    }
    if (s->null_always_valid) /* 3.0 nullable without type, read as "may be null" */
        fputs("    if (in->type == OAS_JSON_NULL)\n        return;\n", f);
    fputs("    static const char sloc[] = ", f);
    emit_c_string(f, s->location, strlen(s->location));
    fputs(";\n", f);
    if (s->boolean_schema == 0) {
        fputs("    oas_v_false(ctx, in, sloc);\n}\n", f);
        return defs;
    }
    if (s->dynamic_scope)
        fprintf(f, "    oas_v_scope scope;\n    if (!oas_v_scope_enter(ctx, &scope, in, %zu))\n"
                   "        return;\n", s->dynamic_scope - 1);
    emit_unevaluated_begin(f, s);
    bool uses_sloc = s->contains || s->dependent_required_count || s->if_schema ||
                     s->unevaluated_props || s->unevaluated_items;
    if (mask && mask != IR_T_ANY) {
        fputs("    oas_v_type(ctx, in, ", f);
        emit_mask(f, mask);
        fputs(", sloc);\n", f);
        uses_sloc = true;
    }
    emit_enum_const(f, s);
    uses_sloc |= s->has_enum || s->const_value;
    if (fmt) {
        fprintf(f, "    oas_v_format(ctx, in, sloc, %s);\n", fmt);
        uses_sloc = true;
    }
    if (object) {
        emit_object_block(f, s, exported);
        uses_sloc = true; /* oas_v_object takes it */
    }
    if (array_has_work(s)) {
        emit_array_block(f, s, exported);
        uses_sloc |= s->min_items >= 0 || s->max_items >= 0 || s->unique_items;
    }
    if (array_has_2020_work(s))
        emit_array_2020(f, s);
    emit_object_2020(f, s);
    emit_scalar_blocks(f, s);
    uses_sloc |= s->min_length >= 0 || s->max_length >= 0 || s->pattern || s->has_minimum ||
                 s->has_maximum || s->has_exclusive_minimum || s->has_exclusive_maximum ||
                 s->has_multiple_of || s->any_of_count || s->one_of_count || s->not_schema;
    emit_applicators(f, s);
    emit_unevaluated_end(f, s);
    if (s->dynamic_scope)
        fputs("    oas_v_scope_leave(ctx, &scope);\n", f);
    if (!uses_sloc)
        fputs("    (void)sloc;\n", f);
    fputs("}\n", f);
    return defs;
}
