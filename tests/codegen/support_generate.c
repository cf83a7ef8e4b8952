/* support_generate.c - see support_generate.h. */
#include "support_generate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "emit.h"
#include "ir.h"
#include "ynode.h"

const char *const generated_files[7] = {"model.h", "validate.h", "ops.h", "model.c",
                                        "validate.c", "registry.c", "ops.c"};
const char *const generated_sources[4] = {"model.c", "validate.c", "registry.c", "ops.c"};

int generate_binding(const char *spec_name, const char *text, size_t len, const char *prefix,
                     const char *outdir, char **diagnostics)
{
    size_t dlen = 0;
    *diagnostics = NULL;
    FILE *dout = open_memstream(diagnostics, &dlen);
    if (!dout)
        return -1;
    diag d;
    diag_init(&d, dout);
    int rc = -1;
    ydoc *doc = ydoc_load_buffer(spec_name, text, len, &d);
    ir_spec *spec = doc ? ir_build(doc, prefix, &d) : NULL;
    ydoc_free(doc);
    if (spec && ir_resolve(spec, &d) == 0) {
        emit_ctx ctx = {.spec = spec, .outdir = outdir, .d = &d};
        int (*const emitters[])(const emit_ctx *) = {emit_model_header, emit_model_source,
                                                     emit_validate, emit_registry_source,
                                                     emit_ops};
        rc = 0;
        for (size_t i = 0; rc == 0 && i < sizeof emitters / sizeof *emitters; i++)
            rc = emitters[i](&ctx);
    }
    ir_spec_free(spec);
    fclose(dout);
    return rc;
}

int run_command(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof cmd)
        return -1;
    return system(cmd);
}

void make_temp_dir(char *dir, size_t cap, const char *tag)
{
    snprintf(dir, cap, "/tmp/oas2c-%s-XXXXXX", tag);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
}

int compile_generated_sources(const char *dir, const char *prefix)
{
    for (int i = 0; i < 4; i++)
        if (run_command(GENERATED_CC " -I%s/runtime/include/oas -I%s -c %s/%s%s -o %s/%d.o", OAS_SOURCE_DIR,
                        dir, dir, prefix, generated_sources[i], dir, i) != 0)
            return i;
    return -1;
}

int link_generated_program(const char *dir, const char *program)
{
    return run_command(GENERATED_CC " -I%s/runtime/include/oas -I%s %s/%s.c %s/0.o %s/1.o %s/2.o %s/3.o "
                       "%s/liboas_runtime.a -lcjson -lcurl -lm -pthread -o %s/%s",
                       OAS_SOURCE_DIR, dir, dir, program, dir, dir, dir, dir, OAS_BINARY_DIR,
                       dir, program);
}
