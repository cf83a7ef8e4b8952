/* commands.h - the ldrest subcommands. Each takes the arguments after the
 * command name (argv[0] is the command name, as getopt expects) and returns
 * the process exit status. */
#ifndef LDREST_COMMANDS_H
#define LDREST_COMMANDS_H

#include "oas_tool.h"    /* OAS_TOOL_EXIT_*: the exit statuses of every command */
#include "oas_version.h"

/* ldrest is released with the runtime it is built on. */
#define LDREST_VERSION OAS_VERSION

int cmd_validate(int argc, char **argv); /* cli/cmd_validate.c */
int cmd_scores(int argc, char **argv);   /* cli/cmd_scores.c */
int cmd_mock(int argc, char **argv);     /* cli/cmd_mock.c */
int cmd_call(int argc, char **argv);     /* cli/cmd_call.c */

#endif
