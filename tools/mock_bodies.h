/* mock_bodies.h - `mock --response OPERATION[:STATUS]=FILE`: serve a
 * captured body instead of the spec's (or synthesized) example.
 *
 * The override is applied to a private copy of the registry, so the request
 * rules in mock_handler.c stay the only ones. Each FILE is read with the
 * strict JSON reader and validated against the response's schema: the mock
 * refuses to serve a body that the spec rejects. */
#ifndef OAS_TOOL_MOCK_BODIES_H
#define OAS_TOOL_MOCK_BODIES_H

#include <stdbool.h>
#include <stddef.h>
#include "oas_registry.h"

typedef struct mock_bodies mock_bodies;

/* Build a registry equal to base but for the given overrides ("op=FILE" or
 * "op:404=FILE"; STATUS defaults to the operation's first 2xx response).
 * Returns NULL with a one-line reason in why on failure. The returned
 * registry lives until mock_bodies_free(). assert_formats: the check of
 * each FILE asserts `format` (mock --assert-formats). */
mock_bodies *mock_bodies_apply(const oas_registry *base, char *const *overrides, size_t count,
                               bool assert_formats, char *why, size_t why_cap);
const oas_registry *mock_bodies_registry(const mock_bodies *b);
void mock_bodies_free(mock_bodies *b); /* NULL-safe */

#endif
