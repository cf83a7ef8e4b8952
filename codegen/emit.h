/* emit.h - the emitters, one per output file, and the helpers they share.
 *
 * Every emitted file starts with one line naming the generator, its version,
 * the spec path and its SHA-256, and "do not edit"; no timestamps, so the
 * same spec gives the same bytes. Files are written to <outdir>/<prefix><name>. */
#ifndef OAS2C_EMIT_H
#define OAS2C_EMIT_H

#include <stdio.h>
#include "ir.h"

#define OAS2C_VERSION "0.1.0"

typedef struct emit_ctx {
    const ir_spec *spec;
    const char *outdir;
    diag *d;
} emit_ctx;

/* Open <outdir>/<prefix><name> and write the banner line; NULL after a diag
 * error. Close with emit_close(), which reports write errors. */
FILE *emit_open(const emit_ctx *ctx, const char *name);
int emit_close(const emit_ctx *ctx, FILE *f, const char *name);

/* Write s as a C string literal (with quotes), escaping everything that is
 * not printable ASCII; safe for any bytes. */
void emit_c_string(FILE *f, const char *s, size_t len);
/* Write text inside a C block comment: "*" "/" is broken up, control
 * characters become spaces; lines are prefixed with indent " * ". */
void emit_comment(FILE *f, const char *indent, const char *text);

/* The emitters. Each returns 0 or -1 after reporting through ctx->d. */
int emit_model_header(const emit_ctx *ctx);   /* <p>model.h: types + prototypes */
int emit_model_source(const emit_ctx *ctx);   /* <p>model.c: init/free/from_json/to_json */
int emit_validate(const emit_ctx *ctx);       /* <p>validate.h / <p>validate.c: validators, registry decl */
int emit_registry_source(const emit_ctx *ctx);/* <p>registry.c: the oas_registry */
int emit_ops(const emit_ctx *ctx);            /* <p>ops.h / <p>ops.c: request functions */

#endif
