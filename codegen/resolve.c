/* resolve.c - ir_resolve: runs the resolution stages in dependency order. */
#include <stdarg.h>
#include <stdio.h>

#include "resolve_ctx.h"

void resolve_error(diag *d, ir_loc loc, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(d, loc.file, loc.line, loc.col, "%s", msg);
}

int ir_resolve(ir_spec *spec, diag *d)
{
    /* ckinds follow $refs and allOf, so those must be linked and acyclic first. */
    if (resolve_refs(spec, d) != 0 || resolve_cycles(spec, d) != 0)
        return -1;
    resolve_ckinds(spec);
    resolve_recursion(spec);
    resolve_param_constants(spec);
    return resolve_names(spec, d);
}
