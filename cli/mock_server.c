/* mock_server.c - libmicrohttpd glue of `ldrest mock` (see mock_server.h).
 * One internal polling thread; every answer comes from mock_handle(). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "mock_server.h"

bool mock_host_is_loopback(const char *host, bool *ipv6)
{
    struct in_addr a4;
    struct in6_addr a6;
    *ipv6 = false;
    if (strcmp(host, "localhost") == 0)
        return true;
    if (inet_pton(AF_INET, host, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    if (inet_pton(AF_INET6, host, &a6) == 1) {
        *ipv6 = true;
        return IN6_IS_ADDR_LOOPBACK(&a6);
    }
    return false;
}

#ifdef LDREST_HAVE_MHD
#include <microhttpd.h>

#include "mock_handler.h"

struct mock_server {
    struct MHD_Daemon *daemon;
    const oas_registry *reg;
    unsigned port;
    bool quiet;
};

static const char *lookup_value(void *ctx, const char *in, const char *name)
{
    struct MHD_Connection *conn = ctx;
    enum MHD_ValueKind kind = strcmp(in, "query") == 0    ? MHD_GET_ARGUMENT_KIND
                              : strcmp(in, "cookie") == 0 ? MHD_COOKIE_KIND
                                                          : MHD_HEADER_KIND;
    return MHD_lookup_connection_value(conn, kind, name);
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, const mock_reply *r)
{
    bool failed = oas_buf_status(&r->body) != OAS_OK;
    const char *body = failed ? "{\"code\":\"internal\",\"message\":\"out of memory\"}"
                              : (r->body.data ? r->body.data : "");
    size_t len = failed ? strlen(body) : r->body.len;
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)(uintptr_t)body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    if (r->content_type || failed)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                failed ? "application/json" : r->content_type);
    if (r->allow[0])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
    if (r->retry_after)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    enum MHD_Result ok = MHD_queue_response(conn, failed ? 500u : r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* libmicrohttpd calls this once for the headers, then per body chunk, then
 * once more: answer on the last call, discarding any request body. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    static int headers_seen;
    mock_server *s = cls;
    (void)version;
    (void)upload_data;
    if (!*con_cls) {
        *con_cls = &headers_seen;
        return MHD_YES;
    }
    if (*upload_data_size) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    mock_request req = {method, url, lookup_value, conn};
    mock_reply reply;
    mock_reply_init(&reply);
    mock_handle(s->reg, &req, &reply);
    if (!s->quiet)  /* no query string or headers: they may carry secrets */
        fprintf(stderr, "mock: %s %s -> %u\n", method, url, reply.status);
    enum MHD_Result ok = send_reply(conn, &reply);
    mock_reply_free(&reply);
    return ok;
}

/* The port the listening socket got (the kernel picks it for port 0). */
static unsigned bound_port(struct MHD_Daemon *d)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_LISTEN_FD);
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (!info || getsockname(info->listen_fd, (struct sockaddr *)&ss, &len) != 0)
        return 0;
    if (ss.ss_family == AF_INET6)
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

mock_server *mock_server_start(const oas_registry *reg, const mock_server_options *opts,
                               char *why, size_t why_cap)
{
    bool ipv6;
    if (!mock_host_is_loopback(opts->host, &ipv6)) {
        snprintf(why, why_cap, "refusing to listen on '%s': only loopback addresses "
                 "(127.0.0.0/8, ::1, localhost) are allowed", opts->host);
        return NULL;
    }
    struct sockaddr_in a4 = {0};
    struct sockaddr_in6 a6 = {0};
    a4.sin_family = AF_INET;
    a4.sin_port = htons((uint16_t)opts->port);
    a6.sin6_family = AF_INET6;
    a6.sin6_port = htons((uint16_t)opts->port);
    if (ipv6)
        inet_pton(AF_INET6, opts->host, &a6.sin6_addr);
    else if (strcmp(opts->host, "localhost") == 0)
        a4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    else
        inet_pton(AF_INET, opts->host, &a4.sin_addr);
    mock_server *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(why, why_cap, "out of memory");
        return NULL;
    }
    s->reg = reg;
    s->quiet = opts->quiet;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | (ipv6 ? MHD_USE_IPv6 : 0);
    s->daemon = MHD_start_daemon(flags, (uint16_t)opts->port, NULL, NULL, on_request, s,
                                 MHD_OPTION_SOCK_ADDR,
                                 ipv6 ? (struct sockaddr *)&a6 : (struct sockaddr *)&a4,
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)64,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10, MHD_OPTION_END);
    if (!s->daemon) {
        snprintf(why, why_cap, "cannot listen on %s port %u (in use, or not permitted)",
                 opts->host, opts->port);
        free(s);
        return NULL;
    }
    s->port = bound_port(s->daemon);
    return s;
}

unsigned mock_server_port(const mock_server *s)
{
    return s->port;
}

void mock_server_stop(mock_server *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->daemon);
    free(s);
}

#else /* built without libmicrohttpd */

mock_server *mock_server_start(const oas_registry *reg, const mock_server_options *opts,
                               char *why, size_t why_cap)
{
    (void)reg;
    (void)opts;
    snprintf(why, why_cap, "this ldrest was built without libmicrohttpd (libmicrohttpd-dev)");
    return NULL;
}

unsigned mock_server_port(const mock_server *s)
{
    (void)s;
    return 0;
}

void mock_server_stop(mock_server *s)
{
    (void)s;
}

#endif
