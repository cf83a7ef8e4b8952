/* mock_server.h - the libmicrohttpd side of the mock: listen on one
 * address (loopback unless allow_remote), answer every request through
 * mock_handle().
 *
 * Under load: a pool of poll() worker threads, so connections are not
 * capped by select()'s FD_SETSIZE. Not epoll: libmicrohttpd 0.9.75's epoll
 * loop leaves the connections of a batch of exactly 128 ready events
 * unserved until the next event or the timeout (tests/cli/mock_limits.sh
 * shows it with --threads 1). Each connection must deliver a whole
 * request within the timeout (from its start, or from the end of its
 * previous response) and may not stay idle longer than that, so a client
 * that trickles header bytes (slowloris) is cut off instead of holding a
 * slot. Beyond max_connections, up to MOCK_OVERFLOW_CONNECTIONS more are
 * accepted only to be answered 503 with Retry-After (then closed); past
 * those, libmicrohttpd stops accepting and new connections wait in the
 * listen backlog until a slot frees. */
#ifndef OAS_TOOL_MOCK_SERVER_H
#define OAS_TOOL_MOCK_SERVER_H

#include <stdbool.h>
#include "oas_registry.h"

typedef struct mock_server mock_server;

#define MOCK_DEFAULT_TIMEOUT_S 10u
#define MOCK_DEFAULT_MAX_CONNECTIONS 512u
#define MOCK_OVERFLOW_CONNECTIONS 64u
#define MOCK_DEFAULT_THREADS 4u
#define MOCK_MAX_THREADS 64u

typedef struct mock_server_options {
    const char *host;          /* an address literal, or "localhost"; loopback
                                  (127.x.y.z, ::1) unless allow_remote */
    bool allow_remote;         /* any address literal, 0.0.0.0 and :: too */
    unsigned port;             /* 0 = any free port */
    bool quiet;                /* no per-request line on stderr */
    unsigned timeout_s;        /* per request and idle; 0 = MOCK_DEFAULT_TIMEOUT_S */
    unsigned max_connections;  /* served at once; 0 = MOCK_DEFAULT_MAX_CONNECTIONS */
    bool assert_formats;       /* requests are checked asserting `format` */
    unsigned threads;          /* worker threads, 1..MOCK_MAX_THREADS;
                                  0 = MOCK_DEFAULT_THREADS */
} mock_server_options;

/* Is host an IPv4 or IPv6 address literal, or "localhost"? *ipv6 says
 * which family, *loopback whether it is 127.0.0.0/8, ::1 or "localhost".
 * The mock binds only to those: it is a development tool, and a name
 * could resolve anywhere. */
bool mock_host_address(const char *host, bool *ipv6, bool *loopback);

/* Start serving reg on an internal thread. NULL on failure, with a one-line
 * reason in why. */
mock_server *mock_server_start(const oas_registry *reg, const mock_server_options *opts,
                               char *why, size_t why_cap);
/* The port actually bound (useful with port 0). */
unsigned mock_server_port(const mock_server *s);
/* Stop (in-flight requests finish) and free. NULL-safe. */
void mock_server_stop(mock_server *s);

#endif
