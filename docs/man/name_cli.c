/* name_cli.c - the generic NAME-cli of oas2c_add_binding bound to a
 * registry with no operations: its --help, with placeholder names, is the
 * NAME-CLI section of ldrest.1 (cmake/HelpToMan.cmake). */
#include "oas_tool.h"

int main(int argc, char **argv)
{
    static const oas_registry placeholder = {.title = "TITLE", .api_version = "VERSION",
                                             .spec_path = "SPEC", .spec_sha256 = ""};
    static const oas_tool_binding binding = {&placeholder, "NAME-cli", "NAME_TOKEN"};
    return oas_tool_main(&binding, argc, argv);
}
