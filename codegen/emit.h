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

#define OAS2C_VERSION "0.1.0"

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

/* The emitters. Each returns 0 or -1 after reporting through ctx->d. */
int emit_model_header(const emit_ctx *ctx);   /* <p>model.h: types + prototypes */
int emit_model_source(const emit_ctx *ctx);   /* <p>model.c: init/free/from_json/to_json */
int emit_validate(const emit_ctx *ctx);       /* <p>validate.h / <p>validate.c: validators, registry decl */
int emit_registry_source(const emit_ctx *ctx);/* <p>registry.c: the oas_registry */
int emit_ops(const emit_ctx *ctx);            /* <p>ops.h / <p>ops.c: request functions */

#endif
