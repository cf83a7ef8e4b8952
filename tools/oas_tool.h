/* oas_tool.h - the command-line tool of any generated binding,
 * `NAME-cli call | mock | validate`: it knows the spec only through the
 * binding's registry, so oas2c_add_binding (cmake/Oas2c.cmake) gives every
 * spec the same tool with a main of one statement:
 *
 *     static const oas_tool_binding b = {&xx_registry, "xx-cli", "XX_TOKEN"};
 *     return oas_tool_main(&b, argc, argv);
 *
 * Commands print to stdout and stderr; nothing else here does. */
#ifndef OAS_TOOL_H
#define OAS_TOOL_H

#include "oas_registry.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct oas_tool_binding {
    const oas_registry *registry;
    const char *program;   /* "shop-cli": the prefix of every message */
    const char *token_env; /* "SHOP_TOKEN": the credential `call` offers every security scheme */
} oas_tool_binding;

/* Exit statuses of every command. */
enum {
    OAS_TOOL_EXIT_OK = 0,
    OAS_TOOL_EXIT_INVALID = 1, /* validate: a document violates the spec; call: the response does */
    OAS_TOOL_EXIT_USAGE = 2,   /* bad options or arguments, an invalid request (nothing sent), I/O */
    OAS_TOOL_EXIT_AUTH = 3,    /* call: 401 or 403 */
    OAS_TOOL_EXIT_RATE = 4,    /* call: 429 */
    OAS_TOOL_EXIT_NETWORK = 5, /* call: connect, DNS, TLS, timeout */
    OAS_TOOL_EXIT_SERVER = 6   /* call: any other error status, or a body that is not the declared content */
};

/* The exit status for st, what a call (building, sending, judging the
 * response) ended with; http_status: the status of the response st is
 * about (oas_error.http_status), 0 when it is about the request. Input
 * that is wrong, malformed or could not be checked (JSON nested too deep,
 * schemas nested too deep) is usage, 2, nothing having been sent; a
 * response that violates the spec (or could not be validated, strict) is
 * 1; transport 5; HTTP 401/403 3, 429 4, any other status 6; a body that is
 * not the declared content, and running out of memory, 6. Every command
 * maps statuses through it (ldrest scores too). */
int oas_tool_exit_status(oas_status st, long http_status);

/* `PROGRAM <command> ...` and `PROGRAM --help | --version`. */
int oas_tool_main(const oas_tool_binding *b, int argc, char **argv);

/* One command each; argv[0] is the command name, prog starts messages
 * ("shop-cli call"). */
int oas_tool_call(const oas_tool_binding *b, const char *prog, int argc, char **argv);
int oas_tool_mock(const oas_registry *reg, const char *prog, int argc, char **argv);
/* oas_cli_validate (validate_cli.h) is the third. */

#ifdef __cplusplus
}
#endif
#endif
