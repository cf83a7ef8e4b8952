/* emit.h - the emitters, one per output file, and the helpers they share.
 *
 * Every emitted file starts with one line naming the generator, its version,
 * the spec path and its SHA-256, each overlay applied with its SHA-256, and
 * "do not edit"; no timestamps, so the same inputs give the same bytes.
 * Files are written to <outdir>/<prefix><name>. */
#ifndef OAS2C_EMIT_H
#define OAS2C_EMIT_H

#include <stdint.h>
#include <stdio.h>
#include "ir.h"
#include "oas_version.h"

/* The generator is released with the runtime its output needs. */
#define OAS2C_VERSION OAS_VERSION

/* An input besides the spec, for the banner. */
typedef struct emit_input {
    const char *path;
    const char *sha256;  /* hex */
} emit_input;

typedef struct emit_ctx {
    const ir_spec *spec;
    const char *outdir;
    diag *d;
    const emit_input *overlays;  /* applied to the spec, in order */
    size_t overlay_count;
    /* --parts: <p>validate.c, <p>model.c and <p>ops.c are each written as
     * this many files, to be compiled in parallel (0 or 1: one file each,
     * as ever; emit_parts.c). */
    unsigned parts;
} emit_ctx;

/* Open <outdir>/<prefix><name> and write the banner line; NULL after a diag
 * error. Close with emit_close(), which reports write errors. */
FILE *emit_open(const emit_ctx *ctx, const char *name);
int emit_close(const emit_ctx *ctx, FILE *f, const char *name);

/* Text from the spec reaches the generated C only through these helpers
 * (identifiers come from naming.c instead), so no spec can end a comment or
 * a string literal early, form a trigraph or a line splice, or make a
 * -Werror build fail.
 *
 * emit_c_string: s[0..len) as a C string literal (with quotes); every byte
 * that is not printable ASCII, and '"', '\\' and '?', is escaped (octal
 * escapes always have 3 digits, so a following digit cannot join them).
 * The literal means exactly those bytes, NUL and invalid UTF-8 included. */
void emit_c_string(FILE *f, const char *s, size_t len);
/* emit_comment: text (up to its NUL) as a block comment, one comment line
 * per line of text, each prefixed with indent, ending with a newline.
 * emit_comment_inline: text as a one-line block comment where the output
 * stands, no newline. In both, comment delimiters and "??" are broken up
 * by a space, control characters become spaces, bytes that are not UTF-8
 * become a visible \xNN and bidirectional controls \uNNNN, so the comment
 * shows the text and the file stays valid UTF-8. */
void emit_comment(FILE *f, const char *indent, const char *text);
void emit_comment_inline(FILE *f, const char *text);

/* An integer from the spec as a C constant expression of type long long:
 * "<v>LL", or "(-9223372036854775807LL - 1)" for INT64_MIN, which has no
 * literal. */
void emit_int64_literal(FILE *f, int64_t v);
/* A double from the spec as a C constant expression; an infinity (a number
 * beyond the range of double) is HUGE_VAL, so the file needs <math.h>. */
void emit_double_literal(FILE *f, double v);
/* spec->components sorted by component name, for the bsearch-able tables
 * (malloc'd array of spec->component_count; the caller frees it). */
const ir_schema **emit_components_by_name(const ir_spec *spec);

/* ---- parts (emit_parts.c) ---------------------------------------------------
 * A big source is collected as items (a function, or a table with what only
 * it uses), in order, each with its text and weight, then cut into
 * ctx->parts runs of consecutive items of about equal weight: the same
 * spec gives the same parts, whatever the machine. */
#define EMIT_PARTS_MAX 64

typedef struct emit_item {
    char *text;      /* set by emit_items_split(), into the items' one buffer */
    size_t offset;   /* of text in that buffer */
    size_t len;
    size_t weight;   /* about what it costs a C compiler */
    unsigned part;   /* 0-based, set by emit_items_split() */
} emit_item;

typedef struct emit_items {
    /* Bytes of this file's text that cost gcc -O2 -g as much as one more
     * function definition: about 1,200 for validators, 5,000 for the
     * model's static tables (least squares over parts of the 650-schema
     * 348-operation spec: ~2 ms per function, ~1.8 s per MB of validator
     * code, ~0.4 s per MB of tables). */
    size_t function_weight;
    emit_item *v;
    size_t count, cap;
    /* One memory stream for all items, each item a range of it: a stream
     * per item cost more than the emitters (8,000 of them on a big spec,
     * each with its own zeroed buffer). */
    FILE *open;
    char *buf;
    size_t buf_len;
} emit_items;

/* Start an item: its text is what is written to the returned stream until
 * emit_item_end(). functions: how many function definitions it holds
 * (gcc's cost is mostly per function; tables are cheap). Out of memory
 * ends the process, as in oc_alloc.h. */
FILE *emit_item_begin(emit_items *items);
void emit_item_end(emit_items *items, size_t functions);
/* Set every item's part, for `parts` parts (0 counts as 1), and its text:
 * no item can be begun after this. */
void emit_items_split(emit_items *items, unsigned parts);
void emit_items_free(emit_items *items);
/* The file name of part `part` (0-based) of "<stem>.c": "<stem>.c" for the
 * first, "<stem>_part<k>.c" (k = part + 1) for the others. */
void emit_part_name(char *buf, size_t cap, const char *stem, unsigned part);

/* The emitters. Each returns 0 or -1 after reporting through ctx->d. */
int emit_model_header(const emit_ctx *ctx);   /* <p>model.h: types + prototypes */
int emit_model_source(const emit_ctx *ctx);   /* <p>model.c: init/free/from_json/to_json */
int emit_validate(const emit_ctx *ctx);       /* <p>validate.h / <p>validate.c: validators, registry decl */
int emit_registry_source(const emit_ctx *ctx);/* <p>registry.c: the oas_registry */
int emit_ops(const emit_ctx *ctx);            /* <p>ops.h / <p>ops.c: request functions */

#endif
