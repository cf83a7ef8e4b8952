/* cmd_mock.c - `ldrest mock [--host 127.0.0.1] [--port N] [--quiet]`: serve
 * every operation of the spec on loopback (rules in mock_handler.h), print
 * "listening on http://HOST:PORT" on stdout so scripts can find it, and stop
 * cleanly on SIGINT/SIGTERM. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "ld_validate.h" /* ld_registry */
#include "mock_server.h"

static void usage(FILE *out)
{
    fputs("usage: ldrest mock [--host 127.0.0.1] [--port N] [--quiet]\n"
          "Serves the spec's operations on a loopback address (port 0 = any free\n"
          "port) and prints \"listening on http://HOST:PORT\". Requests need an\n"
          "Authorization header; \"Prefer: code=NNN\" asks for another declared\n"
          "response. Stops on SIGINT/SIGTERM.\n", out);
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

static int parse_opts(int argc, char **argv, mock_server_options *o)
{
    static const struct option longs[] = {
        {"host", required_argument, NULL, 'H'}, {"port", required_argument, NULL, 'p'},
        {"quiet", no_argument, NULL, 'q'},      {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    *o = (mock_server_options){"127.0.0.1", 0, false};
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "H:p:qh", longs, NULL)) != -1) {
        switch (c) {
        case 'H': o->host = optarg; break;
        case 'p':
            if (parse_port(optarg, &o->port) != 0) {
                fprintf(stderr, "ldrest mock: --port must be 0..65535\n");
                return LDREST_EXIT_USAGE;
            }
            break;
        case 'q': o->quiet = true; break;
        case 'h': usage(stdout); return -1;
        default: usage(stderr); return LDREST_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        usage(stderr);
        return LDREST_EXIT_USAGE;
    }
    return LDREST_EXIT_OK;
}

int cmd_mock(int argc, char **argv)
{
    mock_server_options o;
    int rc = parse_opts(argc, argv, &o);
    if (rc != LDREST_EXIT_OK)
        return rc < 0 ? LDREST_EXIT_OK : rc;
    bool ipv6;
    if (!mock_host_is_loopback(o.host, &ipv6)) {
        fprintf(stderr, "ldrest mock: refusing to listen on '%s': only loopback addresses "
                        "(127.0.0.0/8, ::1, localhost) are allowed\n", o.host);
        return LDREST_EXIT_USAGE;
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
    mock_server *server = mock_server_start(&ld_registry, &o, why, sizeof why);
    if (!server) {
        fprintf(stderr, "ldrest mock: %s\n", why);
        return LDREST_EXIT_USAGE;
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
    return LDREST_EXIT_OK;
}
