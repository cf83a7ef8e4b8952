/* jsonpath.h - RFC 9535 JSONPath queries over a ynode tree (the targets of
 * Overlay actions).
 *
 * The subset: the root `$`; name selectors `.name`, `['name']`, `["name"]`
 * (with the RFC's escapes); wildcards `.*`, `[*]`; indexes `[0]`, `[-1]`;
 * descendants `..name`, `..*`, `..[...]`; unions `['a','b',0]`; filters
 * `[?expr]` with `@` and `$` queries (existence tests, or values when
 * singular), comparisons == != < <= > >= against literals (strings, numbers,
 * true, false, null) with the RFC's semantics (a missing value is Nothing,
 * and Nothing == Nothing), && || ! and parentheses, and the functions
 * length(), count(), value(), match() and search(). Regular expressions are
 * I-Regexp (RFC 9485), run by POSIX regexec; \p{..} classes and non-ASCII
 * characters inside [...] are refused. Array slices `[a:b:c]` are refused
 * with a message that names them.
 *
 * A query is parsed once to an AST (jsonpath_parse), then evaluated over a
 * document as often as needed. The document may be a DAG (YAML aliases):
 * each step visits each node once however many ways lead to it, so that
 * aliases cannot make a query cost more than the document's size times the
 * query's; count() still counts the nodes the RFC's expanded tree holds. */
#ifndef OAS2C_JSONPATH_H
#define OAS2C_JSONPATH_H

#include <stddef.h>

#include "ynode.h"

/* Longer queries and deeper nesting (filters, parentheses, function calls)
 * are refused: a target is written by hand, and the evaluator recurses. */
#define JSONPATH_MAX_LENGTH 4096
#define JSONPATH_MAX_NESTING 32
/* Evaluation refuses to take more steps (nodes visited, values compared)
 * than this: filters inside descendant segments are quadratic. */
#define JSONPATH_MAX_WORK 50000000u

typedef struct jsonpath jsonpath;

/* Test hook: the work limit of later evaluations (0: JSONPATH_MAX_WORK). */
void jsonpath_set_work_limit(unsigned long limit);

typedef struct jsonpath_error {
    size_t offset;       /* byte offset in the query of the offending part */
    char message[256];   /* what is wrong there, without the position */
} jsonpath_error;

/* Parses text[0..len); NULL and *err on a syntax error, an unsupported part
 * or a query that is not well-typed (RFC 9535 2.4.3). */
jsonpath *jsonpath_parse(const char *text, size_t len, jsonpath_error *err);
void jsonpath_free(jsonpath *q);

typedef struct jsonpath_match {
    ynode *node;
    ynode *parent;  /* the map or sequence holding it; NULL for the root */
    size_t slot;    /* node == parent->items[slot] */
} jsonpath_match;

typedef struct jsonpath_result {
    jsonpath_match *matches;  /* each selected node once, in the order first selected */
    size_t count;
} jsonpath_result;

/* Evaluates q on the document at root. 0, or -1 with *err when the work
 * limit is reached (out is then empty). Free out with jsonpath_result_free. */
int jsonpath_select(const jsonpath *q, ynode *root, jsonpath_result *out, jsonpath_error *err);
void jsonpath_result_free(jsonpath_result *r);

#endif
