/* cmd_mock.c - `mock [--host 127.0.0.1] [--allow-remote] [--port N] [--quiet]
 * [--timeout SECONDS] [--max-connections N] [--threads N] [--assert-formats]
 * [--response OPERATION[:STATUS]=FILE]...`
 * for any registry: serve every operation of the spec on loopback, or on
 * another address when asked explicitly (rules in mock_handler.h; bodies in
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
#include "term_print.h"

static void usage(const char *prog, FILE *out)
{
    fprintf(out,
            "usage: %s [--host 127.0.0.1 [--allow-remote]] [--port N] [--quiet]\n"
            "          [--timeout SECONDS] [--max-connections N] [--threads N]\n"
            "          [--assert-formats]\n"
            "          [--response OPERATION[:STATUS]=FILE]...\n"
            "Serves the spec's operations on a loopback address (port 0 = any free\n"
            "port) and prints \"listening on http://HOST:PORT\". Another address (such\n"
            "as 0.0.0.0 in a container) needs --allow-remote and gets a warning: the\n"
            "mock takes any credentials. Paths match with or without a server's path\n"
            "prefix (/v1). Requests need the credentials their operation's security\n"
            "asks for (any non-blank value) and valid parameters and body (else 401,\n"
            "400, or the status a missing parameter declares with\n"
            "x-oas2c-missing-status); \"Prefer: code=NNN\" asks for another declared\n"
            "response (a status the operation does not declare is a 400 listing the\n"
            "declared ones), \"Prefer: example=NAME\" one of the response's named\n"
            "examples (an unknown name is a 400 listing them). Bodies are the spec's\n"
            "examples, else data synthesized from the schemas; --response serves\n"
            "FILE instead (it must be valid against that response's schema). Stops\n"
            "on SIGINT/SIGTERM.\n"
            "A connection must send each request within --timeout seconds (default\n"
            "10) and is closed after that long idle; beyond --max-connections open\n"
            "connections (default 512) requests get 503 with Retry-After.\n"
            "\n"
            "  -H, --host ADDR            an address literal or localhost; loopback\n"
            "                             unless --allow-remote (default 127.0.0.1)\n"
            "      --allow-remote         let --host be any address (0.0.0.0, ::): other\n"
            "                             hosts can reach the mock\n"
            "  -p, --port N               0..65535; 0 = any free port (default)\n"
            "  -q, --quiet                no line per request on stderr\n"
            "      --timeout SECONDS      1..3600: each request's deadline, and the\n"
            "                             idle limit (default 10)\n"
            "      --max-connections N    1..100000 served at once; more get 503\n"
            "                             (default 512)\n"
            "      --threads N            1..64 worker threads serving connections\n"
            "                             (default 4)\n"
            "  -r, --response OP[:STATUS]=FILE\n"
            "                             serve FILE for that response (default: the\n"
            "                             operation's first 2xx)\n"
            "      --assert-formats       check format too, in requests and --response\n"
            "                             files: int32, int64, float, double, date-time,\n"
            "                             date, uuid, uri, email (default: an annotation,\n"
            "                             as JSON Schema 2020-12 says)\n"
            "  -h, --help                 show this help\n",
            prog);
}

/* A whole number in [min, max], else -1. */
static int parse_bounded(const char *text, unsigned min, unsigned max, unsigned *out)
{
    char *end;
    long n = strtol(text, &end, 10);
    if (!*text || *end || n < (long)min || n > (long)max)
        return -1;
    *out = (unsigned)n;
    return 0;
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
        {"timeout", required_argument, NULL, 't'},
        {"max-connections", required_argument, NULL, 'm'},
        {"allow-remote", no_argument, NULL, 'R'},
        {"assert-formats", no_argument, NULL, 'F'},
        {"threads", required_argument, NULL, 'T'},
        {NULL, 0, NULL, 0}};
    *o = (mock_server_options){.host = "127.0.0.1"}; /* the rest 0: defaults */
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "H:p:qhr:", longs, NULL)) != -1) {
        switch (c) {
        case 'H': o->host = optarg; break;
        case 'p':
            if (parse_port(optarg, &o->port) != 0) {
                term_line(stderr, "%s: --port must be 0..65535", prog);
                return OAS_TOOL_EXIT_USAGE;
            }
            break;
        case 'q': o->quiet = true; break;
        case 'R': o->allow_remote = true; break;
        case 'F': o->assert_formats = true; break;
        case 'r': cli->responses[cli->response_count++] = optarg; break;
        case 't':
            if (parse_bounded(optarg, 1, 3600, &o->timeout_s) != 0) {
                term_line(stderr, "%s: --timeout must be 1..3600 seconds", prog);
                return OAS_TOOL_EXIT_USAGE;
            }
            break;
        case 'm':
            if (parse_bounded(optarg, 1, 100000, &o->max_connections) != 0) {
                term_line(stderr, "%s: --max-connections must be 1..100000", prog);
                return OAS_TOOL_EXIT_USAGE;
            }
            break;
        case 'T':
            if (parse_bounded(optarg, 1, MOCK_MAX_THREADS, &o->threads) != 0) {
                term_line(stderr, "%s: --threads must be 1..%u", prog, MOCK_MAX_THREADS);
                return OAS_TOOL_EXIT_USAGE;
            }
            break;
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
        term_line(stderr, "%s: out of memory", prog);
        return OAS_TOOL_EXIT_USAGE;
    }
    int rc = parse_opts(prog, argc, argv, &cli);
    if (rc != OAS_TOOL_EXIT_OK) {
        free(cli.responses);
        return rc < 0 ? OAS_TOOL_EXIT_OK : rc;
    }
    char why[512];
    mock_bodies *bodies =
        mock_bodies_apply(base, cli.responses, cli.response_count, cli.server.assert_formats, why,
                          sizeof why);
    free(cli.responses);
    if (!bodies) {
        /* names the user's file and quotes its content: escaped */
        term_line(stderr, "%s: %s", prog, why);
        return OAS_TOOL_EXIT_USAGE;
    }
    rc = serve(prog, &cli.server, mock_bodies_registry(bodies));
    mock_bodies_free(bodies);
    return rc;
}

static int serve(const char *prog, const mock_server_options *opts, const oas_registry *reg)
{
    mock_server_options o = *opts;
    bool ipv6, loopback;
    if (!mock_host_address(o.host, &ipv6, &loopback)) {
        term_line(stderr, "%s: refusing to listen on '%s': --host takes an IPv4 or IPv6 "
                          "address literal or localhost", prog, o.host);
        return OAS_TOOL_EXIT_USAGE;
    }
    if (!loopback && !o.allow_remote) {
        term_line(stderr, "%s: refusing to listen on '%s': not a loopback address "
                          "(127.0.0.0/8, ::1, localhost); add --allow-remote to let other "
                          "hosts reach the mock", prog, o.host);
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
        term_line(stderr, "%s: %s", prog, why);
        return OAS_TOOL_EXIT_USAGE;
    }
    if (!loopback) /* once, even with --quiet: it is about safety */
        term_line(stderr, "%s: warning: listening on %s: other hosts can reach the mock, "
                          "which accepts any credentials", prog, o.host);
    const char *host = strcmp(o.host, "localhost") == 0 ? "127.0.0.1" : o.host;
    term_line(stdout, ipv6 ? "listening on http://[%s]:%u" : "listening on http://%s:%u", host,
              mock_server_port(server));
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    mock_server_stop(server);
    if (!o.quiet)
        fprintf(stderr, "mock: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return OAS_TOOL_EXIT_OK;
}
