/* overlay.h - OpenAPI Overlay 1.0 documents: a declared set of changes to
 * a spec (vendor rules, fixes) that the build hands to oas2c instead of
 * code in the generator.
 *
 * An overlay is loaded like a spec (YAML or JSON, yaml_load.c) and checked
 * (overlay: 1.0.x, info.title/version, a non-empty list of actions, each a
 * JSONPath target with either update or remove: true; unknown keys other
 * than x-... are errors; extends is not followed). Then, between loading
 * the spec and ir_build, its actions are applied in order to the spec's
 * tree:
 *   - update merges into every node the target selects: mappings
 *     recursively, sequences concatenated, scalars replaced; a mapping
 *     target takes only a mapping, a sequence target takes anything (a
 *     sequence is concatenated, anything else appended), a scalar target
 *     none; other combinations are located errors;
 *   - remove deletes every selected node from its mapping or sequence;
 *   - a target that selects nothing is a note, not an error.
 * The spec may share nodes through YAML aliases: a node is copied before a
 * change that must not reach its other places (copy on write), so the
 * result is what applying the overlay to the alias-expanded document gives.
 * Nodes copied from the overlay keep their overlay position (ynode.file). */
#ifndef OAS2C_OVERLAY_H
#define OAS2C_OVERLAY_H

#include <stddef.h>

#include "diag.h"
#include "ynode.h"

typedef struct overlay overlay;

/* NULL after reporting every problem through d. */
overlay *overlay_load_file(const char *path, diag *d);
overlay *overlay_load_buffer(const char *path, const char *data, size_t len, diag *d);

/* Applies the actions to spec's tree in order. 0, or -1 after errors
 * through d (the tree is then partly changed). The spec's nodes may point
 * at the overlay's path afterwards: free the overlay after every use of
 * the spec's positions (its ydoc and the IR built from it). */
int overlay_apply(const overlay *ov, ydoc *spec, diag *d);

/* The path as given, and the hex SHA-256 of the bytes loaded. */
const char *overlay_path(const overlay *ov);
const char *overlay_sha256(const overlay *ov);

void overlay_free(overlay *ov);

/* Test hook: how many nodes one overlay may add to a spec (copies
 * included) before it is refused; 0 restores the default (1000000). */
void overlay_set_node_budget(unsigned long nodes);

#endif
