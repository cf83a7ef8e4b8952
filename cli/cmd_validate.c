/* cmd_validate.c - `ldrest validate`: the generic validate command bound to
 * the LaunchDarkly registry. */
#include "commands.h"
#include "ld_validate.h"
#include "validate_cli.h"

int cmd_validate(int argc, char **argv)
{
    return oas_cli_validate(&ld_registry, "ldrest validate", argc, argv);
}
