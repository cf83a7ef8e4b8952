/* mock_server.c - libmicrohttpd glue of the mock (see mock_server.h):
 * connection accounting, deadlines and request bodies here; every answer
 * but the 503 for connections over the limit and the 413 for an oversized
 * body comes from mock_handle(). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "mock_server.h"
#include "term_print.h"

bool mock_host_address(const char *host, bool *ipv6, bool *loopback)
{
    struct in_addr a4;
    struct in6_addr a6;
    *ipv6 = false;
    *loopback = false;
    if (strcmp(host, "localhost") == 0) {
        *loopback = true;
        return true;
    }
    if (inet_pton(AF_INET, host, &a4) == 1) {
        *loopback = (ntohl(a4.s_addr) >> 24) == 127;
        return true;
    }
    if (inet_pton(AF_INET6, host, &a6) == 1) {
        *ipv6 = true;
        *loopback = IN6_IS_ADDR_LOOPBACK(&a6);
        return true;
    }
    return false;
}

#ifdef OAS_TOOLS_HAVE_MHD
#include <pthread.h>
#include <stdarg.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "mock_mhd.h"

#include "mock_handler.h"
#include "mock_params.h"

/* Descriptors beyond the connections: the listening socket, stdio, the
   spec files read at start; and a wake-up pipe per worker thread. */
#define MOCK_SPARE_FDS 64u
#define MOCK_FDS_PER_THREAD 2u

/* One TCP connection (libmicrohttpd's socket context). */
typedef struct tracked_conn {
    struct tracked_conn *prev, *next;
    int fd;
    bool over_limit;          /* accepted beyond max_connections: answered 503 */
    bool receiving;           /* waiting for (the rest of) a request: deadline runs */
    bool cut;                 /* shut down by the watchdog, closing */
    struct timespec deadline; /* CLOCK_MONOTONIC */
} tracked_conn;

/* The client's default body cap: larger request bodies get 413. */
#define MOCK_MAX_REQUEST_BODY (8u << 20)

struct mock_server {
    struct MHD_Daemon *daemon;
    const oas_registry *reg;
    unsigned port;
    bool quiet;
    bool assert_formats;
    unsigned timeout_s;
    unsigned max_connections;
    pthread_mutex_t lock; /* guards the fields below and every tracked_conn */
    pthread_cond_t wake;  /* tells the watchdog to stop */
    tracked_conn *conns;
    unsigned admitted;    /* open connections within max_connections */
    bool stopping;
    pthread_t watchdog;
};

static struct timespec seconds_from_now(unsigned seconds)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_sec += (time_t)seconds;
    return t;
}

static bool before(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* libmicrohttpd's timeout only measures inactivity, which a client sending
 * a byte now and then resets forever. The watchdog enforces the whole-request
 * deadline: shutting the socket down makes the connection's worker see the
 * end of the stream and close it. libmicrohttpd reports the close
 * (on_connection) before it closes the descriptor, and both sides hold the
 * lock, so the descriptor shut down is always still this connection's. */
static void *watchdog_main(void *arg)
{
    mock_server *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->stopping) {
        struct timespec now = seconds_from_now(0);
        /* Deadlines set later are at least a timeout away, so sleeping
           until the earliest one (or a timeout) misses none. */
        struct timespec next = seconds_from_now(s->timeout_s);
        unsigned cut = 0;
        for (tracked_conn *c = s->conns; c; c = c->next) {
            if (!c->receiving || c->cut || c->fd < 0)
                continue;
            if (!before(&now, &c->deadline)) {
                shutdown(c->fd, SHUT_RDWR);
                c->cut = true;
                cut++;
            } else if (before(&c->deadline, &next)) {
                next = c->deadline;
            }
        }
        if (cut && !s->quiet) { /* not under the lock: stderr may block */
            pthread_mutex_unlock(&s->lock);
            fprintf(stderr, "mock: closed %u connection%s that sent no complete request in %u s\n",
                    cut, cut == 1 ? "" : "s", s->timeout_s);
            pthread_mutex_lock(&s->lock);
            continue;
        }
        pthread_cond_timedwait(&s->wake, &s->lock, &next);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    mock_server *s = cls;
    tracked_conn *c = *socket_context;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        c = calloc(1, sizeof *c);
        if (!c)
            return; /* untracked: on_request answers 503 */
        const union MHD_ConnectionInfo *info =
            mock_mhd.get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        c->fd = info ? info->connect_fd : -1;
        c->receiving = true;
        c->deadline = seconds_from_now(s->timeout_s);
        pthread_mutex_lock(&s->lock);
        c->over_limit = s->admitted >= s->max_connections;
        if (!c->over_limit)
            s->admitted++;
        c->next = s->conns;
        if (s->conns)
            s->conns->prev = c;
        s->conns = c;
        pthread_mutex_unlock(&s->lock);
        *socket_context = c;
        return;
    }
    if (!c)
        return;
    pthread_mutex_lock(&s->lock);
    if (c->prev)
        c->prev->next = c->next;
    else
        s->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    if (!c->over_limit)
        s->admitted--;
    pthread_mutex_unlock(&s->lock);
    free(c);
    *socket_context = NULL;
}

static tracked_conn *tracked(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *info =
        mock_mhd.get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

/* One request as it arrives: its body, and whether its connection is one
 * beyond the limit (answered 503, its body not kept). */
typedef struct request_body {
    oas_buf bytes;
    bool too_large;
    bool overloaded;
} request_body;

/* A response went out (or the request failed): the request's body is
 * freed, and on a kept-alive connection the next request has a full
 * timeout from now. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    mock_server *s = cls;
    (void)toe;
    request_body *b = *con_cls;
    if (b) {
        oas_buf_free(&b->bytes);
        free(b);
        *con_cls = NULL;
    }
    tracked_conn *c = tracked(conn);
    if (!c)
        return;
    pthread_mutex_lock(&s->lock);
    c->receiving = true;
    c->deadline = seconds_from_now(s->timeout_s);
    pthread_mutex_unlock(&s->lock);
}

/* libmicrohttpd's own messages (a connection cut, the hard limit reached),
 * marked as the mock's and silent with --quiet like the request lines. */
static void log_mhd(void *cls, const char *fmt, va_list ap)
{
    const mock_server *s = cls;
    if (s->quiet)
        return;
    char text[512];
    vsnprintf(text, sizeof text, fmt, ap);
    size_t n = strlen(text);
    while (n && text[n - 1] == '\n')
        text[--n] = '\0';
    term_line(stderr, "mock: %s", text);
}

/* Keep the URL as sent: mock_handle() decodes path and query values itself,
 * strictly, so "%00" or "%zz" is a 400 naming the parameter rather than a
 * value cut short or passed through. */
static size_t keep_escaped(void *cls, struct MHD_Connection *conn, char *s)
{
    (void)cls;
    (void)conn;
    return strlen(s);
}

typedef struct query_search {
    const char *name;
    const char *value;
} query_search;

static enum MHD_Result match_query_name(void *cls, enum MHD_ValueKind kind, const char *key,
                                        size_t key_size, const char *value, size_t value_size)
{
    query_search *q = cls;
    (void)kind;
    (void)key_size;
    (void)value_size;
    if (!key || !mock_query_name_is(key, q->name))
        return MHD_YES;
    q->value = value ? value : ""; /* "?name" without "=": present, empty */
    return MHD_NO;                 /* the first one counts */
}

static const char *lookup_value(void *ctx, const char *in, const char *name)
{
    struct MHD_Connection *conn = ctx;
    if (strcmp(in, "query") == 0) {
        query_search q = {name, NULL};
        mock_mhd.get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, match_query_name, &q);
        return q.value;
    }
    enum MHD_ValueKind kind = strcmp(in, "cookie") == 0 ? MHD_COOKIE_KIND : MHD_HEADER_KIND;
    return mock_mhd.lookup_connection_value(conn, kind, name);
}

typedef struct value_list {
    const char *name;
    const char **values;
    size_t cap, count;
} value_list;

static enum MHD_Result collect_value(void *cls, enum MHD_ValueKind kind, const char *key,
                                     size_t key_size, const char *value, size_t value_size)
{
    value_list *list = cls;
    (void)kind;
    (void)key_size;
    (void)value_size;
    if (key && mock_query_name_is(key, list->name)) {
        if (list->count < list->cap)
            list->values[list->count] = value ? value : "";
        list->count++;
    }
    return MHD_YES;
}

/* Every value of a repeated query parameter, as sent (see lookup_value). */
static size_t lookup_all(void *ctx, const char *in, const char *name, const char **values,
                         size_t cap)
{
    if (strcmp(in, "query") != 0) {
        const char *one = lookup_value(ctx, in, name);
        if (one && cap)
            values[0] = one;
        return one ? 1 : 0;
    }
    value_list list = {name, values, cap, 0};
    mock_mhd.get_connection_values_n(ctx, MHD_GET_ARGUMENT_KIND, collect_value, &list);
    return list.count;
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, const mock_reply *r,
                                  bool close_after)
{
    bool failed = oas_buf_status(&r->body) != OAS_OK || oas_buf_status(&r->headers) != OAS_OK;
    const char *body = failed ? "{\"code\":\"internal\",\"message\":\"out of memory\"}"
                              : (r->body.data ? r->body.data : "");
    size_t len = failed ? strlen(body) : r->body.len;
    struct MHD_Response *resp =
        mock_mhd.create_response_from_buffer(len, (void *)(uintptr_t)body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    if (r->content_type || failed)
        mock_mhd.add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                failed ? "application/json" : r->content_type);
    if (r->allow[0])
        mock_mhd.add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
    if (r->retry_after)
        mock_mhd.add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    const char *h = failed ? NULL : r->headers.data;
    for (size_t i = 0; h && i < r->header_count; i++) {
        const char *value = h + strlen(h) + 1;
        mock_mhd.add_response_header(resp, h, value);
        h = value + strlen(value) + 1;
    }
    if (close_after)
        mock_mhd.add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result ok = mock_mhd.queue_response(conn, failed ? 500u : r->status, resp);
    mock_mhd.destroy_response(resp);
    return ok;
}

/* "mock: GET /path -> 200", escaped for a terminal (term_print.h), under
 * the stream lock so the lines of concurrent workers do not interleave. */
static void log_request(const char *method, const char *url, unsigned status)
{
    flockfile(stderr);
    term_line(stderr, "mock: %s %s -> %u", method, url, status);
    funlockfile(stderr);
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
        tracked_conn *c = tracked(conn);
        b->overloaded = true; /* an untracked connection: we ran out of memory */
        if (c) {
            pthread_mutex_lock(&s->lock);
            b->overloaded = c->over_limit;
            pthread_mutex_unlock(&s->lock);
        }
        *con_cls = b;
        return MHD_YES;
    }
    request_body *b = *con_cls;
    if (*upload_data_size) {
        /* over the limit: answered 503 whatever it sends, so not kept */
        if (!b->overloaded && b->bytes.len + *upload_data_size > MOCK_MAX_REQUEST_BODY)
            b->too_large = true;
        else if (!b->overloaded)
            oas_buf_append(&b->bytes, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    tracked_conn *c = tracked(conn);
    if (c) {
        pthread_mutex_lock(&s->lock);
        c->receiving = false;
        pthread_mutex_unlock(&s->lock);
    }
    mock_reply reply;
    mock_reply_init(&reply);
    if (b->overloaded) {
        mock_reply_overloaded(&reply);
    } else if (b->too_large || oas_buf_status(&b->bytes) != OAS_OK) {
        mock_error_reply(&reply, 413, "too_large", "The request body is larger than 8 MiB");
    } else {
        mock_request req = {method,       url,          lookup_value, conn, lookup_all,
                            b->bytes.data, b->bytes.len, 0,            s->assert_formats};
        mock_handle(s->reg, &req, &reply);
    }
    if (!s->quiet)  /* no query string or headers: they may carry secrets */
        log_request(method, url, reply.status);
    enum MHD_Result ok = send_reply(conn, &reply, b->overloaded);
    mock_reply_free(&reply);
    return ok;
}

/* The port the listening socket got (the kernel picks it for port 0). */
static unsigned bound_port(struct MHD_Daemon *d)
{
    const union MHD_DaemonInfo *info = mock_mhd.get_daemon_info(d, MHD_DAEMON_INFO_LISTEN_FD);
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (!info || getsockname(info->listen_fd, (struct sockaddr *)&ss, &len) != 0)
        return 0;
    if (ss.ss_family == AF_INET6)
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* Every accepted connection needs a descriptor: raise the soft limit when
 * it is too low for the connection limit, or say why we cannot. */
static bool enough_descriptors(unsigned connections, unsigned threads, char *why,
                               size_t why_cap)
{
    rlim_t need = (rlim_t)connections + MOCK_SPARE_FDS + (rlim_t)threads * MOCK_FDS_PER_THREAD;
    struct rlimit lim;
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY ||
        lim.rlim_cur >= need)
        return true;
    if (lim.rlim_max == RLIM_INFINITY || lim.rlim_max >= need) {
        lim.rlim_cur = need;
        if (setrlimit(RLIMIT_NOFILE, &lim) == 0)
            return true;
    }
    snprintf(why, why_cap, "%u connections need %llu open files, but the limit is %llu "
             "(ulimit -n); lower --max-connections", connections, (unsigned long long)need,
             (unsigned long long)lim.rlim_cur);
    return false;
}

static void free_server(mock_server *s)
{
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* The lock, and a condition variable on the monotonic clock (the
 * watchdog's deadlines must not move with the wall clock). */
static bool init_sync(mock_server *s)
{
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0)
        return false;
    bool ok = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 &&
              pthread_cond_init(&s->wake, &attr) == 0;
    pthread_condattr_destroy(&attr);
    if (ok && pthread_mutex_init(&s->lock, NULL) != 0) {
        pthread_cond_destroy(&s->wake);
        ok = false;
    }
    return ok;
}

mock_server *mock_server_start(const oas_registry *reg, const mock_server_options *opts,
                               char *why, size_t why_cap)
{
    bool ipv6, loopback;
    if (!mock_host_address(opts->host, &ipv6, &loopback) || (!loopback && !opts->allow_remote)) {
        snprintf(why, why_cap, "refusing to listen on '%s': not a loopback address literal",
                 opts->host);
        return NULL;
    }
    unsigned timeout_s = opts->timeout_s ? opts->timeout_s : MOCK_DEFAULT_TIMEOUT_S;
    unsigned max_connections =
        opts->max_connections ? opts->max_connections : MOCK_DEFAULT_MAX_CONNECTIONS;
    unsigned hard_limit = max_connections + MOCK_OVERFLOW_CONNECTIONS;
    unsigned threads = opts->threads ? opts->threads : MOCK_DEFAULT_THREADS;
    if (!enough_descriptors(hard_limit, threads, why, why_cap) || !mock_mhd_load(why, why_cap))
        return NULL;
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
    if (!s || !init_sync(s)) {
        free(s);
        snprintf(why, why_cap, "out of memory");
        return NULL;
    }
    s->reg = reg;
    s->quiet = opts->quiet;
    s->assert_formats = opts->assert_formats;
    s->timeout_s = timeout_s;
    s->max_connections = max_connections;
    if (pthread_create(&s->watchdog, NULL, watchdog_main, s) != 0) {
        free_server(s);
        snprintf(why, why_cap, "cannot start a thread");
        return NULL;
    }
    /* poll(), never select() (FD_SETSIZE) nor epoll (see mock_server.h). */
    unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | (ipv6 ? MHD_USE_IPv6 : 0);
    /* One thread is libmicrohttpd's plain internal thread: a pool of one
       is refused with a warning. */
    s->daemon = mock_mhd.start_daemon(flags, (uint16_t)opts->port, NULL, NULL, on_request, s,
                                 /* first, or libmicrohttpd logs on its own */
                                 MHD_OPTION_EXTERNAL_LOGGER, log_mhd, s,
                                 MHD_OPTION_SOCK_ADDR,
                                 ipv6 ? (struct sockaddr *)&a6 : (struct sockaddr *)&a4,
                                 MHD_OPTION_THREAD_POOL_SIZE, threads > 1 ? threads : 0u,
                                 MHD_OPTION_CONNECTION_LIMIT, hard_limit,
                                 MHD_OPTION_CONNECTION_TIMEOUT, timeout_s,
                                 MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
                                 MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
                                 MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL,
                                 MHD_OPTION_END);
    if (!s->daemon) {
        snprintf(why, why_cap, "cannot listen on %s port %u (in use, or not permitted)",
                 opts->host, opts->port);
        mock_server_stop(s);
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
    if (s->daemon)
        mock_mhd.stop_daemon(s->daemon); /* reports every connection closed */
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->watchdog, NULL);
    free_server(s);
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
