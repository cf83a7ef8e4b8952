/* tool_getopt.h - getopt_long for a command's own argv (argv[0] is the
 * command name), with options and operands in any order, "--" ending the
 * options, and the argument at fault known for error messages.
 *
 * getopt runs in REQUIRE_ORDER mode ("+"), so it never permutes argv: each
 * operand it stops at is moved to the front of argv here, in order, and
 * the argument it works on is always argv[optind] as it was before the call
 * (inside "-dash.json" glibc leaves optind on it; after its last letter it
 * moves past). So "unknown option '-dash.json'" names the whole argument,
 * never a neighbour. */
#ifndef TOOL_GETOPT_H
#define TOOL_GETOPT_H

#include <getopt.h>

typedef struct tool_getopt {
    int argc;
    char **argv;
    const char *optstring; /* must start with "+:" */
    const struct option *longopts;
    int operands;    /* argv[1..operands) are the operands gathered so far */
    const char *arg; /* the argument the last option came from */
} tool_getopt;

/* Resets getopt's global state (optind = 0) and sets opterr = 0: messages
 * are the caller's. */
void tool_getopt_init(tool_getopt *g, int argc, char **argv, const char *optstring,
                      const struct option *longopts);

/* getopt_long's result for the next option ('?' unknown, ':' missing
 * value, both with g->arg the argument at fault); -1 at the end, when
 * argv + 1 holds the g->operands - 1 operands in order. */
int tool_getopt_next(tool_getopt *g);

#endif
