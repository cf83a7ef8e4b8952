/* cmd_mock.c - `mock [--host 127.0.0.1] [--port N] [--quiet]
 * [--response OPERATION[:STATUS]=FILE]...` for any registry: serve every
 * operation of the spec on loopback (rules in mock_handler.h; bodies in
 * mock_bodies.h), print "listening on http://HOST:PORT" on stdout so scripts
 * can find it, and stop cleanly on SIGINT/SIGTERM. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mock_bodies.h"
#include "mock_server.h"
#include "oas_tool.h"

static void usage(const char *prog, FILE *out)
{
    fprintf(out,
            "usage: %s [--host 127.0.0.1] [--port N] [--quiet]\n"
            "          [--response OPERATION[:STATUS]=FILE]...\n"
            "Serves the spec's operations on a loopback address (port 0 = any free\n"
            "port) and prints \"listening on http://HOST:PORT\". Paths match with or\n"
            "without a server's path prefix (/v1). Requests need the credentials their\n"
            "operation's security asks for (any non-blank value) and valid parameters\n"
            "and body (else 401, 400); \"Prefer: code=NNN\" asks for another declared\n"
            "response. Bodies are the spec's examples, else data synthesized from the\n"
            "schemas; --response serves FILE instead (it must be valid against that\n"
            "response's schema). Stops on SIGINT/SIGTERM.\n"
            "\n"
            "  -H, --host ADDR            a loopback address (default 127.0.0.1)\n"
            "  -p, --port N               0..65535; 0 = any free port (default)\n"
            "  -q, --quiet                no line per request on stderr\n"
            "  -r, --response OP[:STATUS]=FILE\n"
            "                             serve FILE for that response (default: the\n"
            "                             operation's first 2xx)\n"
            "  -h, --help                 show this help\n",
            prog);
}

static int parse_port(const char *text, unsigned *port)
{
    char *end;
    long n = strtol(text, &end, 10);
    if (!*text || *end || n < 0 || n > 65535)
        return -1;
    *port = (unsigned)n;
    return 0;
}

typedef struct mock_cli {
    mock_server_options server;
    char **responses; /* --response values, borrowed from argv */
    size_t response_count;
} mock_cli;

static int parse_opts(const char *prog, int argc, char **argv, mock_cli *cli)
{
    mock_server_options *o = &cli->server;
    static const struct option longs[] = {
        {"host", required_argument, NULL, 'H'}, {"port", required_argument, NULL, 'p'},
        {"quiet", no_argument, NULL, 'q'},      {"help", no_argument, NULL, 'h'},
        {"response", required_argument, NULL, 'r'},
        {NULL, 0, NULL, 0}};
    *o = (mock_server_options){"127.0.0.1", 0, false};
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "H:p:qhr:", longs, NULL)) != -1) {
        switch (c) {
        case 'H': o->host = optarg; break;
        case 'p':
            if (parse_port(optarg, &o->port) != 0) {
                fprintf(stderr, "%s: --port must be 0..65535\n", prog);
                return OAS_TOOL_EXIT_USAGE;
            }
            break;
        case 'q': o->quiet = true; break;
        case 'r': cli->responses[cli->response_count++] = optarg; break;
        case 'h': usage(prog, stdout); return -1;
        default: usage(prog, stderr); return OAS_TOOL_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        usage(prog, stderr);
        return OAS_TOOL_EXIT_USAGE;
    }
    return OAS_TOOL_EXIT_OK;
}

static int serve(const char *prog, const mock_server_options *o, const oas_registry *reg);

int oas_tool_mock(const oas_registry *base, const char *prog, int argc, char **argv)
{
    /* at most argc --response options: room for all of them, borrowed */
    mock_cli cli = {.responses = calloc((size_t)argc + 1, sizeof(char *))};
    if (!cli.responses) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return OAS_TOOL_EXIT_USAGE;
    }
    int rc = parse_opts(prog, argc, argv, &cli);
    if (rc != OAS_TOOL_EXIT_OK) {
        free(cli.responses);
        return rc < 0 ? OAS_TOOL_EXIT_OK : rc;
    }
    char why[512];
    mock_bodies *bodies =
        mock_bodies_apply(base, cli.responses, cli.response_count, why, sizeof why);
    free(cli.responses);
    if (!bodies) {
        fprintf(stderr, "%s: %s\n", prog, why);
        return OAS_TOOL_EXIT_USAGE;
    }
    rc = serve(prog, &cli.server, mock_bodies_registry(bodies));
    mock_bodies_free(bodies);
    return rc;
}

static int serve(const char *prog, const mock_server_options *opts, const oas_registry *reg)
{
    mock_server_options o = *opts;
    bool ipv6;
    if (!mock_host_is_loopback(o.host, &ipv6)) {
        fprintf(stderr, "%s: refusing to listen on '%s': only loopback addresses "
                        "(127.0.0.0/8, ::1, localhost) are allowed\n", prog, o.host);
        return OAS_TOOL_EXIT_USAGE;
    }
    /* Block the stop signals before the server thread exists, so it
       inherits the mask and sigwait() below is their only receiver: no
       handler, nothing async-signal-unsafe. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigprocmask(SIG_BLOCK, &stop, NULL);
    char why[256];
    mock_server *server = mock_server_start(reg, &o, why, sizeof why);
    if (!server) {
        fprintf(stderr, "%s: %s\n", prog, why);
        return OAS_TOOL_EXIT_USAGE;
    }
    const char *host = strcmp(o.host, "localhost") == 0 ? "127.0.0.1" : o.host;
    printf(ipv6 ? "listening on http://[%s]:%u\n" : "listening on http://%s:%u\n", host,
           mock_server_port(server));
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    mock_server_stop(server);
    if (!o.quiet)
        fprintf(stderr, "mock: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return OAS_TOOL_EXIT_OK;
}
