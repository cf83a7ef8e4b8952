/* build_embedded.c - the embedded meta-schemas (metaschemas.h) as parts of
 * the document being built: loaded when a schema refers to one, their
 * nodes numbered after the document's (so per-node tables cover them) and
 * located by "<$id>#<pointer>" instead of "#<pointer>". */
#include <stdlib.h>
#include <string.h>

#include "build_ctx.h"
#include "metaschemas.h"
#include "oc_alloc.h"

struct build_embedded {
    const char *uri;   /* static: oc_metaschema_files */
    ydoc *doc;
};

/* Numbers doc's nodes from first on, each located in the file `uri`. The
 * files are JSON (no aliases), so each node is reached once; the depth
 * bound only guards the recursion (the published files nest a few levels). */
static void renumber(ynode *n, size_t first, const char *uri, unsigned depth)
{
    if (depth > 256)
        return;
    n->id += first;
    n->file = uri;
    for (size_t i = 0; i < n->count; i++) {
        if (n->kind == YN_MAP)
            renumber(n->keys[i], first, uri, depth + 1);
        renumber(n->items[i], first, uri, depth + 1);
    }
}

size_t build_embedded_load(build_ctx *b)
{
    if (b->embedded_count)
        return b->embedded_count;
    b->embedded = oc_calloc(oc_metaschema_file_count, sizeof *b->embedded);
    for (size_t i = 0; i < oc_metaschema_file_count; i++) {
        const oc_embedded_file *f = &oc_metaschema_files[i];
        ydoc *doc = ydoc_load_buffer(f->uri, (const char *)f->bytes, f->len, b->d);
        if (!doc)
            continue; /* reported; cannot happen with the published files */
        renumber(doc->root, b->node_count, f->uri, 0);
        b->embedded[b->embedded_count++] = (struct build_embedded){f->uri, doc};
        b->node_count += doc->node_count;
    }
    b->by_node = oc_realloc(b->by_node, b->node_count * sizeof *b->by_node);
    memset(b->by_node + b->doc->node_count, 0,
           (b->node_count - b->doc->node_count) * sizeof *b->by_node);
    return b->embedded_count;
}

const ynode *build_embedded_root(const build_ctx *b, size_t i, const char **uri)
{
    *uri = b->embedded[i].uri;
    return b->embedded[i].doc->root;
}

const ynode *build_node_at(const build_ctx *b, const char *location)
{
    const char *hash = strchr(location, '#');
    if (!hash)
        return NULL;
    if (hash == location)
        return ynode_at_pointer_indexed(b->pointers, b->doc->root, location + 1);
    for (size_t i = 0; i < b->embedded_count; i++)
        if (strlen(b->embedded[i].uri) == (size_t)(hash - location) &&
            strncmp(b->embedded[i].uri, location, (size_t)(hash - location)) == 0)
            return ynode_at_pointer_indexed(b->pointers, b->embedded[i].doc->root, hash + 1);
    return NULL;
}

void build_embedded_free(build_ctx *b)
{
    for (size_t i = 0; i < b->embedded_count; i++)
        ydoc_free(b->embedded[i].doc);
    free(b->embedded);
    b->embedded = NULL;
    b->embedded_count = 0;
}
