/* main.c - oas2c: options, then load -> build -> resolve -> emit.
 * Exit status: 0 success, 1 errors in the spec, 2 usage or I/O errors. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "diag.h"
#include "emit.h"
#include "ir.h"
#include "ir_dump.h"
#include "ynode.h"

enum { EXIT_SPEC_ERRORS = 1, EXIT_USAGE = 2 };

typedef struct options {
    const char *prefix;
    const char *outdir;
    const char *spec;
    int dump_ir;
} options;

static void usage(FILE *out)
{
    fputs("usage: oas2c [--prefix P] [--output DIR] [--dump-ir] SPEC\n"
          "Generate a typed, validating C binding from an OpenAPI 3.0/3.1 spec (YAML or JSON).\n"
          "  -p, --prefix P    prefix of every generated name and file (default \"api_\")\n"
          "  -o, --output DIR  directory for the generated files (default \".\")\n"
          "      --dump-ir     print the resolved model instead of generating\n"
          "  -h, --help        show this help\n"
          "  -V, --version     show the version\n",
          out);
}

/* Every generated name starts with the prefix, so it must itself be a valid
 * start of a C identifier; "oas_" is the runtime's namespace. */
static bool prefix_ok(const char *p)
{
    if ((p[0] >= '0' && p[0] <= '9') || strncasecmp(p, "oas_", 4) == 0)
        return false;
    for (; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_'))
            return false;
    return true;
}

/* Returns -1 to continue, else the exit status. */
static int parse_options(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"prefix", required_argument, NULL, 'p'}, {"output", required_argument, NULL, 'o'},
        {"dump-ir", no_argument, NULL, 'D'},      {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},      {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "p:o:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': o->prefix = optarg; break;
        case 'o': o->outdir = optarg; break;
        case 'D': o->dump_ir = 1; break;
        case 'h': usage(stdout); return 0;
        case 'V': printf("oas2c %s\n", OAS2C_VERSION); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fputs("oas2c: exactly one SPEC file expected\n", stderr);
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!prefix_ok(o->prefix)) {
        fprintf(stderr, "oas2c: --prefix \"%s\": letters, digits and '_' only, not starting "
                        "with a digit or \"oas_\"\n", o->prefix);
        return EXIT_USAGE;
    }
    o->spec = argv[optind];
    return -1;
}

static int run_emitters(const emit_ctx *ctx)
{
    int (*const emitters[])(const emit_ctx *) = {
        emit_model_header, emit_model_source, emit_validate, emit_registry_source, emit_ops,
    };
    for (size_t i = 0; i < sizeof emitters / sizeof *emitters; i++)
        if (emitters[i](ctx) != 0)
            return -1;
    return 0;
}

int main(int argc, char **argv)
{
    options o = {.prefix = "api_", .outdir = "."};
    int rc = parse_options(argc, argv, &o);
    if (rc >= 0)
        return rc;
    FILE *probe = fopen(o.spec, "rb");
    if (!probe) {
        perror(o.spec);
        return EXIT_USAGE;
    }
    fclose(probe);
    struct stat st;
    if (!o.dump_ir && (stat(o.outdir, &st) != 0 || !S_ISDIR(st.st_mode))) {
        fprintf(stderr, "oas2c: %s: not a directory\n", o.outdir);
        return EXIT_USAGE;
    }

    diag d;
    diag_init(&d, stderr);
    ydoc *doc = ydoc_load_file(o.spec, &d);
    ir_spec *spec = doc ? ir_build(doc, o.prefix, &d) : NULL;
    ydoc_free(doc);
    rc = EXIT_SPEC_ERRORS;
    if (spec && ir_resolve(spec, &d) == 0) {
        if (o.dump_ir) {
            ir_dump(spec, stdout);
            rc = EXIT_SUCCESS;
        } else {
            emit_ctx ctx = {.spec = spec, .outdir = o.outdir, .d = &d};
            rc = run_emitters(&ctx) == 0 ? EXIT_SUCCESS : EXIT_SPEC_ERRORS;
        }
    }
    ir_spec_free(spec);
    return rc;
}
