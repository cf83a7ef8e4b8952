/* resolve_ctx.h - the stages of ir_resolve (resolve.c runs them in order). */
#ifndef OAS2C_RESOLVE_CTX_H
#define OAS2C_RESOLVE_CTX_H

#include "ir.h"

/* Reports an error at a location of the IR. */
void resolve_error(diag *d, ir_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* resolve_refs.c: set ref_target and mapping targets; 0 or -1. */
int resolve_refs(ir_spec *spec, diag *d);
/* resolve_cycles.c: cycles through $ref/allOf/anyOf/oneOf/not only; 0 or -1. */
int resolve_cycles(ir_spec *spec, diag *d);
/* resolve_ckind.c: ckind, element, model_props (needs an acyclic ref graph). */
void resolve_ckinds(ir_spec *spec);
/* resolve_recursive.c: the `recursive` flags. */
void resolve_recursion(ir_spec *spec);
/* resolve_params.c: each parameter's constant (needs resolved $refs). */
void resolve_param_constants(ir_spec *spec);
/* resolve_names.c: every C name; 0 or -1. */
int resolve_names(ir_spec *spec, diag *d);

#endif
