/* cmd_call.c - `ldrest call OPERATION_ID -p name=value ... [--body FILE]`:
 * the generic call command (tools/cmd_call.c) bound to the LaunchDarkly
 * registry; the access token comes from LD_API_KEY. */
#include "commands.h"
#include "ld_validate.h"
#include "oas_tool.h"

int cmd_call(int argc, char **argv)
{
    static const oas_tool_binding binding = {&ld_registry, "ldrest", "LD_API_KEY"};
    return oas_tool_call(&binding, "ldrest call", argc, argv);
}
