/* overlay_edit.h - the changes overlay actions make to a spec's ynode DAG
 * (overlay.c checks the overlay and drives these per action).
 *
 * The spec may share a node between places (YAML aliases, or an update
 * value an earlier action put in several places). Changing a shared node
 * in place would change every place, so:
 *   - before an action, a selected node that has more than one place in
 *     the alias-expanded tree is made unique: the nodes on the paths to it
 *     are copied for every place but the first (edit_unshare), after which
 *     the target is selected again;
 *   - below a selected node, a merge copies a shared child before changing
 *     it (copy on write), judged by the child's references from the tree.
 * Copies and update values go to the spec's arena with fresh ids, so later
 * stages that key on ynode.id (ir_build) see them as distinct nodes; each
 * selected node gets its own copy of the update value, as if the overlay
 * had been written out for each (a schema it adds to many operations is
 * then each operation's own, with its own location). */
#ifndef OAS2C_OVERLAY_EDIT_H
#define OAS2C_OVERLAY_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "jsonpath.h"
#include "ynode.h"

/* Nodes one overlay may add (copies included) before it is refused: an
 * update that aliases make the document repeat in many places. */
#define OVERLAY_MAX_NEW_NODES 1000000u
/* As deep as the loader lets a spec nest. */
#define OVERLAY_MAX_DEPTH 500u

typedef struct tree_edit {
    ydoc *doc;             /* the spec */
    const ydoc *source;    /* the overlay: update values come from here */
    diag *d;
    size_t *refs;          /* by spec node id: references from the live tree */
    size_t refs_cap;
    ynode **copies;        /* by overlay node id: its copy for the current target */
    unsigned *copy_round;  /* by overlay node id: the target copies[] was made for */
    unsigned round;
    size_t created;        /* nodes added to the spec */
    bool failed;           /* an error was reported: stop */
    /* The last walk of the live tree, kept until an edit changes the tree
     * (an action's depth check and the next action's analysis share one):
     * every reachable node once, children before parents. */
    ynode **order;
    size_t order_count;
    bool surveyed;
    /* The spec's depth, or more: exact after a walk, then raised by each
     * update by as much as it can add (UINT64_MAX: not known yet). */
    uint64_t depth_bound;
    /* The live tree is known to be a tree (no node in two places) and
     * refs[] to count at least each live node's references: true after a
     * walk that finds no node referred to twice; an update keeps it true
     * unless its value repeats a node (an alias in the overlay). A spec
     * that is a tree then needs no walk before each action to know that
     * nothing selected is shared: walks cost more than the rest of the
     * overlay, since each reads every node of the spec. */
    bool tree;
} tree_edit;

void edit_init(tree_edit *ed, ydoc *doc, const ydoc *source, diag *d);
void edit_free(tree_edit *ed);

/* Counts references; true when a selected node has more than one place. */
bool edit_analyse(tree_edit *ed, const jsonpath_result *sel);
/* Gives every selected node one place (see above); select again after. */
void edit_unshare(tree_edit *ed, const jsonpath_result *sel, const ynode *target);

/* Merges (a copy of) the overlay's update value into each selected node.
 * target and update are the action's nodes, for messages. */
void edit_update(tree_edit *ed, const jsonpath_result *sel, const ynode *target,
                 const ynode *update);
/* Removes each selected node from the mapping or sequence holding it. */
void edit_remove(tree_edit *ed, const jsonpath_result *sel, const ynode *target);

/* Whether the spec nests deeper than `limit` levels (the root alone: 0). */
bool edit_too_deep(tree_edit *ed, size_t limit);

#endif
