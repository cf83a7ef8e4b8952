/* cmd_mock.c - `ldrest mock`: the generic mock command (tools/cmd_mock.c)
 * bound to the LaunchDarkly registry. */
#include "commands.h"
#include "ld_validate.h"
#include "oas_tool.h"

int cmd_mock(int argc, char **argv)
{
    return oas_tool_mock(&ld_registry, "ldrest mock", argc, argv);
}
