/* emit_examples.h - example bodies synthesized from schemas, for responses
 * whose spec gives no `example` (the registry carries them; `ldrest mock`
 * serves them).
 *
 * The instance is built to validate against its schema: every required
 * member, the declared type, `const` or the first `enum` value, numeric
 * bounds and multipleOf, length and item counts, allOf merged, the first
 * oneOf/anyOf branch, optional members (and prefix items past minItems)
 * included unless they would recurse into a schema already being built,
 * maps with one entry. A scalar
 * `default`/`example` of the schema is used when it fits.
 * Known limits: `pattern`, `uniqueItems` with minItems > 1, `not`, and
 * oneOf branches that overlap are not solved. */
#ifndef OAS2C_EMIT_EXAMPLES_H
#define OAS2C_EMIT_EXAMPLES_H

#include <stddef.h>
#include "ir.h"

/* Compact JSON text (malloc'd, NUL-terminated; *len without the NUL), or
 * NULL when s is NULL, the instance would exceed EX_MAX_BYTES (1 MiB;
 * e.g. minLength: 1000000000) or building it would merge more than
 * EX_MAX_COLLECT_WORK (100,000) schemas. Deterministic: same schema, same
 * bytes. */
char *emit_example_synthesize(const ir_schema *s, size_t *len);

/* The same bytes, remembered per schema: responses that only $ref the
 * same schema share one synthesis (a large spec has thousands of them). */
typedef struct emit_example_cache emit_example_cache;
emit_example_cache *emit_example_cache_new(void);
void emit_example_cache_free(emit_example_cache *cache);
char *emit_example_synthesize_cached(emit_example_cache *cache, const ir_schema *s, size_t *len);

#endif
