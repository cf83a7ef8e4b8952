/* validate_cli.h - the `validate` command for any generated binding: it
 * knows the spec only through the registry, so another binding's CLI gets
 * the same command with `return oas_cli_validate(&xx_registry, "xx validate",
 * argc, argv);`. Options and output formats: validate_options.c,
 * validate_output.h. */
#ifndef VALIDATE_CLI_H
#define VALIDATE_CLI_H

#include "oas_registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/* argv[0] is the command name. Prints to stdout/stderr; returns the exit
 * status: 0 all valid, 1 some invalid, 2 usage / I/O / malformed JSON. */
int oas_cli_validate(const oas_registry *reg, const char *prog, int argc, char **argv);

/* The same, with the operation whose 200 response documents are checked
 * against when neither --operation nor --schema is given (a CLI built
 * around one endpoint of a big spec). */
int oas_cli_validate_default(const oas_registry *reg, const char *prog,
                             const char *default_operation, int argc, char **argv);

#ifdef __cplusplus
}
#endif
#endif
