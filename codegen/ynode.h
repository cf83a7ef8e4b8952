/* ynode.h - the spec document as a tree of YAML nodes with source positions.
 *
 * yaml_load.c builds it from YAML or JSON with libyaml's event API (JSON is
 * read as YAML flow style). Aliases are resolved to the anchored node (the
 * tree becomes a DAG); the loader refuses documents whose alias expansion
 * would exceed a node budget ("billion laughs"). Later stages must not
 * expand the DAG either: ir_build builds each node's schema once, keyed by
 * ynode.id. All nodes are owned by the ydoc and freed by ydoc_free(). */
#ifndef OAS2C_YNODE_H
#define OAS2C_YNODE_H

#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>

#include "oc_arena.h"

typedef enum ynode_kind { YN_SCALAR, YN_SEQ, YN_MAP } ynode_kind;

/* How a scalar reads as JSON (YAML 1.2 core schema; plain scalars only --
 * any quoted scalar is a string). */
typedef enum yscalar_type { YS_STRING, YS_NULL, YS_BOOL, YS_INT, YS_FLOAT } yscalar_type;

typedef struct ynode ynode;
struct ynode {
    ynode_kind kind;
    unsigned line, col;  /* 1-based position of the node's start */
    const char *file;    /* NULL: in the document's own file; else the file the
                            node was copied from (an overlay), which outlives it */
    size_t id;           /* 0..ydoc.node_count-1, in document order; every alias
                            of a node is that same node, so the same id */
    /* YN_SCALAR */
    char *str;           /* NUL-terminated */
    size_t len;
    yscalar_type stype;
    /* YN_SEQ: items[count]; YN_MAP: keys[count] -> items[count], in order */
    ynode **items;
    ynode **keys;
    size_t count;
    /* set by yaml_load.c: node count and depth of the subtree with aliases
       expanded, for the expansion and nesting budgets; as loaded (an edit
       of the tree does not update them: overlay_edit.c reads the height
       of an overlay's own nodes, which are never edited) */
    size_t expanded;
    unsigned height;
};

typedef struct ydoc {
    char *path;          /* the file name used in diagnostics */
    ynode *root;
    size_t node_count;   /* nodes in the document, aliases not counted */
    char sha256[65];     /* hex SHA-256 of the loaded bytes */
    oc_arena arena;      /* every node, string and child array; stages that
                            edit the tree (overlay.c) allocate here too */
} ydoc;

struct diag;

/* Load a file (path) or a buffer (data/len, path used for messages). On
 * error reports "path:line:col: message" through diag and returns NULL. */
ydoc *ydoc_load_file(const char *path, struct diag *d);
/* Everything f holds up to its end (a pipe, stdin), named name in messages
 * and in the generated banner; f stays open. */
ydoc *ydoc_load_stream(FILE *f, const char *name, struct diag *d);
ydoc *ydoc_load_buffer(const char *path, const char *data, size_t len, struct diag *d);
void ydoc_free(ydoc *doc);
/* A zeroed node of doc with the next id (node_count grows), for stages that
 * add nodes to a loaded tree. */
ynode *ydoc_new_node(ydoc *doc, ynode_kind kind);

/* Map lookup by key (exact); NULL if absent or node is not a map. */
ynode *ynode_get(const ynode *map, const char *key);
bool ynode_is_scalar(const ynode *n);

/* Follow an RFC 6901 pointer ("/components/schemas/Foo"); NULL if absent. */
ynode *ynode_at_pointer(ynode *root, const char *pointer);

/* The same through an index of the big maps on the way, made as they are
 * first met: a spec with n component schemas and a $ref to each costs n
 * hashed lookups, not n^2 key comparisons. For a tree no longer edited (a
 * map whose count or key array changed is indexed again); the index holds
 * nodes of the trees it was used on and is freed before them. */
typedef struct ynode_index ynode_index;
ynode_index *ynode_index_new(void);
void ynode_index_free(ynode_index *x);
ynode *ynode_at_pointer_indexed(ynode_index *x, ynode *root, const char *pointer);

/* Map keys compared by the pointer walks so far (a counter for tests that
 * check the work grows linearly). */
unsigned long ynode_key_comparisons(void);

#endif
