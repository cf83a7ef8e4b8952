/* tool_getopt.c - getopt_long without permutation (tool_getopt.h). */
#include "tool_getopt.h"

#include <string.h>

void tool_getopt_init(tool_getopt *g, int argc, char **argv, const char *optstring,
                      const struct option *longopts)
{
    g->argc = argc;
    g->argv = argv;
    g->optstring = optstring;
    g->longopts = longopts;
    g->operands = 1;
    g->arg = NULL;
    optind = 0; /* a full reset: the "+" of optstring is read again */
    opterr = 0;
}

int tool_getopt_next(tool_getopt *g)
{
    for (;;) {
        int at = optind ? optind : 1;
        int c = getopt_long(g->argc, g->argv, g->optstring, g->longopts, NULL);
        if (c != -1) {
            g->arg = g->argv[at];
            return c;
        }
        if (optind >= g->argc)
            return -1;
        if (optind == at + 1 && strcmp(g->argv[at], "--") == 0) {
            while (optind < g->argc)
                g->argv[g->operands++] = g->argv[optind++];
            return -1;
        }
        /* an operand ("-" too): moved down over arguments already read */
        g->argv[g->operands++] = g->argv[optind++];
    }
}
