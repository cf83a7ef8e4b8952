/* jsonpath_ast.h - the parsed form of a JSONPath query, shared by the
 * parser (jsonpath_parse.c), the evaluator (jsonpath_eval.c) and the
 * I-Regexp translation (jsonpath_regex.c). Everything lives in the query's
 * arena but the compiled regular expressions, which regfree releases. */
#ifndef OAS2C_JSONPATH_AST_H
#define OAS2C_JSONPATH_AST_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jsonpath.h"
#include "oc_arena.h"

typedef struct jp_expr jp_expr;

typedef enum jp_selector_kind { JP_NAME, JP_INDEX, JP_WILDCARD, JP_FILTER } jp_selector_kind;

typedef struct jp_selector {
    jp_selector_kind kind;
    const char *name;    /* JP_NAME: decoded, may hold NUL bytes */
    size_t name_len;
    int64_t index;       /* JP_INDEX: negative counts from the end */
    jp_expr *filter;     /* JP_FILTER */
} jp_selector;

typedef struct jp_segment {
    bool descendant;     /* ".." */
    jp_selector *selectors;
    size_t count;
} jp_segment;

typedef struct jp_query {
    bool relative;       /* "@" rather than "$" */
    bool singular;       /* only name and index selectors, one per segment, no ".." */
    jp_segment *segments;
    size_t count;
} jp_query;

typedef enum jp_expr_kind {
    JPE_OR,        /* operands[count] */
    JPE_AND,       /* operands[count] */
    JPE_NOT,       /* operands[0] */
    JPE_COMPARE,   /* operands[0] op operands[1] */
    JPE_QUERY,     /* an existence test, a value (singular) or a nodelist argument */
    JPE_LITERAL,
    JPE_FUNCTION,  /* function(operands[count]) */
} jp_expr_kind;

typedef enum jp_compare_op { JPC_EQ, JPC_NE, JPC_LT, JPC_LE, JPC_GT, JPC_GE } jp_compare_op;
typedef enum jp_literal_kind {
    JPL_NULL, JPL_TRUE, JPL_FALSE, JPL_NUMBER, JPL_STRING
} jp_literal_kind;
typedef enum jp_function_kind {
    JPF_LENGTH, JPF_COUNT, JPF_VALUE, JPF_MATCH, JPF_SEARCH
} jp_function_kind;

struct jp_expr {
    jp_expr_kind kind;
    size_t offset;            /* where it starts in the query text */
    jp_expr **operands;
    size_t count;
    jp_compare_op op;         /* JPE_COMPARE */
    jp_query *query;          /* JPE_QUERY */
    jp_literal_kind literal;  /* JPE_LITERAL */
    double number;            /* JPL_NUMBER */
    const char *string;       /* JPL_STRING: decoded, may hold NUL bytes */
    size_t string_len;
    jp_function_kind function;/* JPE_FUNCTION */
    regex_t *regex;           /* match()/search() with a literal pattern: compiled once */
};

struct jsonpath {
    oc_arena arena;
    jp_query *query;
    regex_t **regexes;        /* every compiled pattern, for regfree */
    size_t regex_count, regex_cap;
};

/* I-Regexp pattern[0..len) as a POSIX extended regular expression, anchored
 * at both ends for match(). Returns a malloc'd string, or NULL with the
 * reason in why (unsupported or invalid). */
char *jp_iregexp_to_ere(const char *pattern, size_t len, bool anchored, char *why, size_t why_cap);
/* Translates and compiles into re (REG_EXTENDED | REG_NOSUB); false with
 * the reason in why. On success the caller regfree()s re. */
bool jp_compile_iregexp(regex_t *re, const char *pattern, size_t len, bool anchored, char *why,
                        size_t why_cap);

#endif
