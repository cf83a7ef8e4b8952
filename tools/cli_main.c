/* cli_main.c - `NAME-cli <command> [options]`: global options (--help,
 * --version) before the command, then one command that parses its own. */
#include <stdio.h>
#include <string.h>

#include "oas_tool.h"
#include "oas_version.h"
#include "validate_cli.h"

/* Room for "<program> <command>" in messages. */
#define PROG_MAX 256

typedef struct tool_command {
    const char *name;
    const char *summary;
} tool_command;

static const tool_command commands[] = {
    {"call", "perform an operation of the spec: parameters by name, the response on stdout"},
    {"mock", "serve every operation of the spec on a loopback port"},
    {"validate", "validate JSON documents, request bodies or HAR captures against the spec"},
};

static void print_usage(const oas_tool_binding *b, FILE *out)
{
    fprintf(out,
            "Usage: %s <command> [options]\n"
            "       %s --help | --version\n"
            "\n"
            "%s %s, from %s.\n"
            "\n"
            "Commands:\n",
            b->program, b->program, b->registry->title, b->registry->api_version,
            b->registry->spec_path);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "Run `%s <command> --help` for a command's options.\n"
            "`call` reads the credential from %s.\n",
            b->program, b->token_env);
}

static void print_version(const oas_tool_binding *b)
{
    const oas_registry *reg = b->registry;
    printf("%s (oas2c tool)\n", b->program);
    printf("oas runtime %s (ABI %d)\n", oas_runtime_version(), oas_runtime_abi());
    printf("spec: %s %s (%s, sha256 %s)\n", reg->title, reg->api_version, reg->spec_path,
           reg->spec_sha256);
}

int oas_tool_main(const oas_tool_binding *b, int argc, char **argv)
{
    if (argc < 2) {
        print_usage(b, stderr);
        return OAS_TOOL_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_usage(b, stdout);
        return OAS_TOOL_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        print_version(b);
        return OAS_TOOL_EXIT_OK;
    }
    char prog[PROG_MAX];
    snprintf(prog, sizeof prog, "%s %s", b->program, name);
    if (strcmp(name, "call") == 0)
        return oas_tool_call(b, prog, argc - 1, argv + 1);
    if (strcmp(name, "mock") == 0)
        return oas_tool_mock(b->registry, prog, argc - 1, argv + 1);
    if (strcmp(name, "validate") == 0)
        return oas_cli_validate(b->registry, prog, argc - 1, argv + 1);
    fprintf(stderr, "%s: unknown command '%s'\n", b->program, name);
    print_usage(b, stderr);
    return OAS_TOOL_EXIT_USAGE;
}
