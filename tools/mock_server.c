/* mock_server.c - libmicrohttpd glue of the mock (see mock_server.h). One
 * internal polling thread; every answer comes from mock_handle(). */
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

#ifdef OAS_TOOLS_HAVE_MHD
#include <microhttpd.h>

#include "mock_handler.h"

/* The client's default body cap: larger request bodies get 413. */
#define MOCK_MAX_REQUEST_BODY (8u << 20)

struct mock_server {
    struct MHD_Daemon *daemon;
    const oas_registry *reg;
    unsigned port;
    bool quiet;
};

static enum MHD_ValueKind value_kind(const char *in)
{
    return strcmp(in, "query") == 0    ? MHD_GET_ARGUMENT_KIND
           : strcmp(in, "cookie") == 0 ? MHD_COOKIE_KIND
                                       : MHD_HEADER_KIND;
}

static const char *lookup_value(void *ctx, const char *in, const char *name)
{
    return MHD_lookup_connection_value(ctx, value_kind(in), name);
}

typedef struct value_list {
    const char *name;
    const char **values;
    size_t cap, count;
} value_list;

static enum MHD_Result collect_value(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    value_list *list = cls;
    (void)kind;
    if (key && strcmp(key, list->name) == 0) {
        if (list->count < list->cap)
            list->values[list->count] = value ? value : "";
        list->count++;
    }
    return MHD_YES;
}

static size_t lookup_all(void *ctx, const char *in, const char *name, const char **values,
                         size_t cap)
{
    value_list list = {name, values, cap, 0};
    MHD_get_connection_values(ctx, value_kind(in), collect_value, &list);
    return list.count;
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

/* One request's body as it arrives. */
typedef struct request_body {
    oas_buf bytes;
    bool too_large;
} request_body;

static void request_done(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    request_body *b = *con_cls;
    if (b) {
        oas_buf_free(&b->bytes);
        free(b);
        *con_cls = NULL;
    }
}

/* libmicrohttpd calls this once for the headers, then per body chunk, then
 * once more: gather the body, answer on the last call. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    mock_server *s = cls;
    (void)version;
    if (!*con_cls) {
        request_body *b = calloc(1, sizeof *b);
        if (!b)
            return MHD_NO;
        oas_buf_init(&b->bytes);
        *con_cls = b;
        return MHD_YES;
    }
    request_body *b = *con_cls;
    if (*upload_data_size) {
        if (b->bytes.len + *upload_data_size > MOCK_MAX_REQUEST_BODY)
            b->too_large = true;
        else
            oas_buf_append(&b->bytes, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    mock_request req = {method, url, lookup_value, conn, lookup_all, b->bytes.data, b->bytes.len};
    mock_reply reply;
    mock_reply_init(&reply);
    if (b->too_large || oas_buf_status(&b->bytes) != OAS_OK)
        mock_error_reply(&reply, 413, "too_large", "The request body is larger than 8 MiB");
    else
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
                                 MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
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
    snprintf(why, why_cap, "built without libmicrohttpd (libmicrohttpd-dev): no mock server");
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
