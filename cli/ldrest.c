/* ldrest.c - `ldrest <command> [options]`: dispatch to one command. Global
 * options (--help, --version) come before the command; each command parses
 * its own options. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "ld_validate.h" /* ld_registry: the spec's title and digest */
#include "oas_version.h"
#include "term_print.h"

typedef struct ldrest_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} ldrest_command;

static const ldrest_command commands[] = {
    {"call", cmd_call, "call any operation of the LaunchDarkly API by its operationId"},
    {"scores", cmd_scores, "fetch engineering-insights scores as a table or JSON"},
    {"validate", cmd_validate, "validate documents, request bodies or HAR captures against the spec"},
    {"mock", cmd_mock, "serve the API on loopback from the spec's examples"},
};

static void print_usage(FILE *out)
{
    fprintf(out,
            "Usage: ldrest <command> [options]\n"
            "       ldrest --help | --version\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun `ldrest <command> --help` for a command's options.\n");
}

static void print_version(void)
{
    printf("ldrest %s\n", LDREST_VERSION);
    printf("oas runtime %s (ABI %d)\n", oas_runtime_version(), oas_runtime_abi());
    /* the spec's own strings */
    term_line(stdout, "spec: %s %s (%s, sha256 %s)", ld_registry.title, ld_registry.api_version,
              ld_registry.spec_path, ld_registry.spec_sha256);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return OAS_TOOL_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_usage(stdout);
        return OAS_TOOL_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        print_version();
        return OAS_TOOL_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    }
    term_line(stderr, "ldrest: unknown command '%s'", name);
    print_usage(stderr);
    return OAS_TOOL_EXIT_USAGE;
}
