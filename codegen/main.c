/* main.c - oas2c: options, then load -> overlays -> build -> resolve -> emit.
 * Exit status: 0 success, 1 errors in the spec or an overlay (or, with
 * --check, a directory that differs from the generation), 2 usage or I/O
 * errors. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "diag.h"
#include "dir_compare.h"
#include "emit.h"
#include "ir.h"
#include "ir_dump.h"
#include "oc_alloc.h"
#include "overlay.h"
#include "ynode.h"

enum { EXIT_SPEC_ERRORS = 1, EXIT_USAGE = 2 };

typedef struct options {
    const char *prefix;
    const char *outdir;
    const char *spec;
    const char **overlays;  /* in the order given */
    size_t overlay_count;
    int dump_ir;
    int check;
    unsigned parts;
    ir_build_options build;
} options;

static void usage(FILE *out)
{
    fputs("usage: oas2c [--prefix P] [--output DIR] [--overlay FILE]... [--parts N] [--check]\n"
          "             [--nullable-without-type=no-effect|allow-null] [--dump-ir] SPEC\n"
          "Generate a typed, validating C binding from an OpenAPI 3.0/3.1 spec (YAML or JSON).\n"
          "SPEC \"-\" reads the spec from standard input (named <stdin> in messages).\n"
          "  -p, --prefix P      prefix of every generated name and file (default \"api_\")\n"
          "  -o, --output DIR    directory for the generated files, made if missing (default \".\")\n"
          "      --overlay FILE  apply an OpenAPI Overlay 1.0 document (YAML or JSON) to the\n"
          "                      spec first; repeatable, applied in the order given\n"
          "      --parts N       write Pvalidate.c, Pmodel.c and Pops.c as N files each\n"
          "                      (Pvalidate_part2.c, ...) to compile in parallel (default 1)\n"
          "      --check         write nothing; exit 0 when DIR holds exactly what would be\n"
          "                      generated, else 1, naming each file that differs, is\n"
          "                      missing, or is unexpected (PREFIX*.c/.h files only)\n"
          "      --nullable-without-type=READING\n"
          "                      a 3.0 `nullable: true` without `type`: no-effect (default,\n"
          "                      as OpenAPI 3.0.3 says; noted) or allow-null (null is valid)\n"
          "      --dump-ir       print the resolved model instead of generating\n"
          "  -h, --help          show this help\n"
          "  -V, --version       show the version\n",
          out);
}

/* Every generated name, file and macro starts with the prefix: it is what
 * keeps them apart from the names of C, its library, the runtime and the
 * user's program. NULL when p will do, else why not (for the usage error). */
static const char *prefix_problem(const char *p)
{
    /* Without one, schemas "registry", "oas_status" or "time" would be
       generated as exactly those names; renaming them would give users
       names they cannot predict, so a namespace is required. */
    if (!*p)
        return "must not be empty: it keeps generated names apart from C's, the runtime's and "
               "yours (e.g. --prefix api_)";
    bool identifier = !(p[0] >= '0' && p[0] <= '9');
    for (const char *c = p; *c; c++)
        identifier &= (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                      (*c >= '0' && *c <= '9') || *c == '_';
    if (!identifier)
        return "letters, digits and '_' only, not starting with a digit";
    /* C11 7.1.3 reserves these for the implementation: "_B" + "ool" is _Bool. */
    if (p[0] == '_' && ((p[1] >= 'A' && p[1] <= 'Z') || p[1] == '_'))
        return "C reserves names that start with '_' and a capital letter or a second '_'";
    /* Upper-cased enum constants count too, so compare without case; "oa"
       + "s_status" would spell the runtime's oas_status. */
    if (strncasecmp(p, "oas_", 4) == 0 || strcasecmp(p, "o") == 0 || strcasecmp(p, "oa") == 0)
        return "generated names would start with \"oas_\", the runtime's namespace";
    return NULL;
}

/* Returns -1 to continue, else the exit status. */
static int parse_options(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"prefix", required_argument, NULL, 'p'}, {"output", required_argument, NULL, 'o'},
        {"dump-ir", no_argument, NULL, 'D'},      {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},      {"overlay", required_argument, NULL, 'O'},
        {"parts", required_argument, NULL, 'P'},  {"check", no_argument, NULL, 'C'},
        {"nullable-without-type", required_argument, NULL, 'N'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "p:o:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': o->prefix = optarg; break;
        case 'o': o->outdir = optarg; break;
        case 'D': o->dump_ir = 1; break;
        case 'C': o->check = 1; break;
        case 'O': o->overlays[o->overlay_count++] = optarg; break;
        case 'P': {
            char *end;
            unsigned long n = strtoul(optarg, &end, 10);
            if (*optarg < '1' || *optarg > '9' || *end || n > EMIT_PARTS_MAX) {
                fprintf(stderr, "oas2c: --parts \"%s\": a number from 1 to %d\n", optarg, EMIT_PARTS_MAX);
                return EXIT_USAGE;
            }
            o->parts = (unsigned)n;
            break;
        }
        case 'N':
            if (strcmp(optarg, "no-effect") != 0 && strcmp(optarg, "allow-null") != 0) {
                fprintf(stderr, "oas2c: --nullable-without-type \"%s\": no-effect or allow-null\n",
                        optarg);
                return EXIT_USAGE;
            }
            o->build.nullable_without_type_allows_null = strcmp(optarg, "allow-null") == 0;
            break;
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
    if (o->check && o->dump_ir) {
        fputs("oas2c: --check compares generated files; --dump-ir generates none\n", stderr);
        return EXIT_USAGE;
    }
    const char *problem = prefix_problem(o->prefix);
    if (problem) {
        fprintf(stderr, "oas2c: --prefix \"%s\": %s\n", o->prefix, problem);
        return EXIT_USAGE;
    }
    o->spec = argv[optind];
    return -1;
}

#define STDIN_NAME "<stdin>"

static bool is_stdin(const char *path)
{
    return strcmp(path, "-") == 0;
}

/* An unreadable input is an I/O error (exit 2), not an error in it. */
static bool readable(const char *path)
{
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        perror(path);
        return false;
    }
    fclose(probe);
    return true;
}

/* Loads every overlay (all problems reported), then applies them in order. */
static int apply_overlays(const options *o, ydoc *doc, overlay **loaded, diag *d)
{
    int failed = 0;
    for (size_t i = 0; i < o->overlay_count; i++)
        failed |= !(loaded[i] = overlay_load_file(o->overlays[i], d));
    for (size_t i = 0; i < o->overlay_count && !failed; i++)
        failed = overlay_apply(loaded[i], doc, d) != 0;
    return failed ? -1 : 0;
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

/* --check: the generation goes to a scratch directory, is compared with
 * the output directory (which is left alone), then removed. */
static int check_outdir(emit_ctx *ctx, const char *outdir, const char *prefix)
{
    char *scratch = dir_scratch_make(stderr);
    if (!scratch)
        return EXIT_USAGE;
    ctx->outdir = scratch;
    int rc = EXIT_SPEC_ERRORS;
    if (run_emitters(ctx) == 0) {
        long differences = dir_compare(scratch, outdir, prefix, stderr);
        rc = differences < 0 ? EXIT_USAGE : differences > 0 ? EXIT_SPEC_ERRORS : EXIT_SUCCESS;
    }
    if (dir_scratch_remove(scratch) != 0)
        fprintf(stderr, "oas2c: %s: cannot remove this scratch directory\n", scratch);
    free(scratch);
    return rc;
}

/* mkdir -p: each missing component of PATH, as the user's umask allows. */
static int make_directories(const char *path)
{
    size_t n = strlen(path);
    char *copy = oc_strdup(path);
    int rc = 0;
    for (size_t i = 1; i <= n && rc == 0; i++) {
        if (copy[i] != '/' && copy[i] != '\0')
            continue;
        char saved = copy[i];
        copy[i] = '\0';
        struct stat st;
        if (stat(copy, &st) != 0) {
            if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
                fprintf(stderr, "oas2c: %s: cannot create directory: %s\n", copy, strerror(errno));
                rc = -1;
            }
        } else if (!S_ISDIR(st.st_mode)) {
            fprintf(stderr, "oas2c: %s: not a directory\n", copy);
            rc = -1;
        }
        copy[i] = saved;
    }
    free(copy);
    return rc;
}

int main(int argc, char **argv)
{
    options o = {.prefix = "api_", .outdir = "."};
    o.overlays = oc_calloc((size_t)argc, sizeof *o.overlays);  /* at most one per argument */
    int rc = parse_options(argc, argv, &o);
    bool inputs_readable = rc < 0 && (is_stdin(o.spec) || readable(o.spec));
    for (size_t i = 0; inputs_readable && i < o.overlay_count; i++)
        inputs_readable = readable(o.overlays[i]);
    if (rc < 0 && !inputs_readable)
        rc = EXIT_USAGE;
    struct stat st;
    if (rc < 0 && !o.dump_ir && stat(o.outdir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "oas2c: %s: not a directory\n", o.outdir);
        rc = EXIT_USAGE;
    }
    if (rc >= 0) {
        free(o.overlays);
        return rc;
    }

    diag d;
    diag_init(&d, stderr);
    overlay **overlays = oc_calloc(o.overlay_count + 1, sizeof *overlays);
    ydoc *doc = is_stdin(o.spec) ? ydoc_load_stream(stdin, STDIN_NAME, &d) : ydoc_load_file(o.spec, &d);
    if (doc && apply_overlays(&o, doc, overlays, &d) != 0) {
        ydoc_free(doc);
        doc = NULL;
    }
    ir_spec *spec = doc ? ir_build_with(doc, o.prefix, &o.build, &d) : NULL;
    ydoc_free(doc);
    rc = EXIT_SPEC_ERRORS;
    if (spec && ir_resolve(spec, &d) == 0) {
        if (o.dump_ir) {
            ir_dump(spec, stdout);
            rc = EXIT_SUCCESS;
        } else {
            /* The banner names every overlay with its digest: output made
               with another overlay differs visibly. */
            emit_input *sources = oc_calloc(o.overlay_count + 1, sizeof *sources);
            for (size_t i = 0; i < o.overlay_count; i++)
                sources[i] = (emit_input){overlay_path(overlays[i]), overlay_sha256(overlays[i])};
            emit_ctx ctx = {.spec = spec, .outdir = o.outdir, .d = &d, .overlays = sources,
                            .overlay_count = o.overlay_count, .parts = o.parts};
            /* Made only once the spec has been read: a bad spec leaves no
               empty directory behind. */
            if (o.check)
                rc = check_outdir(&ctx, o.outdir, o.prefix);
            else if (make_directories(o.outdir) != 0)
                rc = EXIT_USAGE;
            else
                rc = run_emitters(&ctx) == 0 ? EXIT_SUCCESS : EXIT_SPEC_ERRORS;
            free(sources);
        }
    }
    /* Nodes an overlay added point at its path, and the IR borrows those
       positions: overlays go last. */
    ir_spec_free(spec);
    for (size_t i = 0; i < o.overlay_count; i++)
        overlay_free(overlays[i]);
    free(overlays);
    free(o.overlays);
    return rc;
}
