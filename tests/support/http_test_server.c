/* http_test_server.c - see http_test_server.h. Raw sockets (not
 * libmicrohttpd) so tests can send malformed, truncated or no replies. One
 * thread accepts; one thread per connection reads requests and writes the
 * next scripted reply. Threads poll with a short timeout to notice stop. */
#include "http_test_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONN 64
#define MAX_REQ 256
#define MAX_REPLY 256

typedef struct reply {
    char *raw;
    size_t len;
    bool close_after, hang;
} reply;

struct hts_server {
    int listen_fd;
    unsigned short port;
    char url[64];
    atomic_int stopping; /* written by the stopping thread, read by the server thread */
    pthread_t acceptor;
    pthread_mutex_t mu;
    pthread_t conn_threads[MAX_CONN];
    int conn_fds[MAX_CONN];
    unsigned conn_count;
    reply replies[MAX_REPLY];
    size_t reply_count, reply_next;
    hts_request *requests[MAX_REQ];
    size_t request_count;
};

typedef struct conn_arg {
    hts_server *s;
    int fd;
    unsigned number;
} conn_arg;

static char *dup_n(const char *p, size_t n)
{
    char *r = malloc(n + 1);
    if (!r)
        abort();
    memcpy(r, p, n);
    r[n] = '\0';
    return r;
}

/* Wait for readability in 50 ms steps; false when stopping or on error. */
static bool wait_readable(hts_server *s, int fd)
{
    while (!s->stopping) {
        struct pollfd p = {fd, POLLIN, 0};
        int n = poll(&p, 1, 50);
        if (n > 0)
            return true;
        if (n < 0 && errno != EINTR)
            return false;
    }
    return false;
}

static void send_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

static hts_request *parse_head(const char *head, size_t head_len)
{
    hts_request *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    const char *eol = strstr(head, "\r\n");
    const char *sp1 = memchr(head, ' ', (size_t)(eol - head));
    const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(eol - sp1 - 1)) : NULL;
    r->method = dup_n(head, sp1 ? (size_t)(sp1 - head) : 0);
    r->target = sp2 ? dup_n(sp1 + 1, (size_t)(sp2 - sp1 - 1)) : dup_n("", 0);
    r->header_names = calloc(128, sizeof(char *));
    r->header_values = calloc(128, sizeof(char *));
    const char *p = eol + 2;
    while (p < head + head_len && r->header_count < 128) {
        const char *e = strstr(p, "\r\n");
        if (!e || e == p)
            break;
        const char *colon = memchr(p, ':', (size_t)(e - p));
        if (colon) {
            const char *v = colon + 1;
            while (v < e && (*v == ' ' || *v == '\t'))
                v++;
            r->header_names[r->header_count] = dup_n(p, (size_t)(colon - p));
            r->header_values[r->header_count] = dup_n(v, (size_t)(e - v));
            r->header_count++;
        }
        p = e + 2;
    }
    return r;
}

static void record(hts_server *s, hts_request *r, reply *out)
{
    pthread_mutex_lock(&s->mu);
    if (s->request_count < MAX_REQ)
        s->requests[s->request_count++] = r;
    if (s->reply_next < s->reply_count) {
        *out = s->replies[s->reply_next++];
    } else {
        static const char none[] = "HTTP/1.1 500 No Scripted Reply\r\nContent-Length: 0\r\n\r\n";
        *out = (reply){(char *)none, sizeof none - 1, false, false};
    }
    pthread_mutex_unlock(&s->mu);
}

/* Reads one request (head + Content-Length body) into buf; returns the head
 * length, or 0 when the connection ended or the server stops. */
static size_t read_request(hts_server *s, int fd, char **buf, size_t *len, size_t *cap,
                           size_t *body_len)
{
    for (;;) {
        char *end = *len ? strstr(*buf, "\r\n\r\n") : NULL;
        if (end) {
            size_t head = (size_t)(end - *buf) + 4;
            size_t want = 0;
            hts_request *tmp = parse_head(*buf, head);
            const char *cl = hts_header(tmp, "Content-Length");
            if (cl)
                want = (size_t)strtoul(cl, NULL, 10);
            for (size_t i = 0; i < tmp->header_count; i++) {
                free(tmp->header_names[i]);
                free(tmp->header_values[i]);
            }
            free(tmp->header_names);
            free(tmp->header_values);
            free(tmp->method);
            free(tmp->target);
            free(tmp);
            if (*len >= head + want) {
                *body_len = want;
                return head;
            }
        }
        if (*len + 4096 + 1 > *cap) {
            *cap = (*cap + 4096) * 2;
            *buf = realloc(*buf, *cap);
            if (!*buf)
                abort();
        }
        if (!wait_readable(s, fd))
            return 0;
        ssize_t n = recv(fd, *buf + *len, *cap - *len - 1, 0);
        if (n <= 0)
            return 0;
        *len += (size_t)n;
        (*buf)[*len] = '\0';
    }
}

static void *serve_conn(void *arg)
{
    conn_arg ca = *(conn_arg *)arg;
    free(arg);
    hts_server *s = ca.s;
    size_t len = 0, cap = 0, body_len = 0;
    char *buf = NULL;
    for (;;) {
        size_t head = read_request(s, ca.fd, &buf, &len, &cap, &body_len);
        if (!head)
            break;
        hts_request *r = parse_head(buf, head);
        r->body = dup_n(buf + head, body_len);
        r->body_len = body_len;
        r->connection = ca.number;
        size_t used = head + body_len;
        memmove(buf, buf + used, len - used);
        len -= used;
        buf[len] = '\0';
        reply rep;
        record(s, r, &rep);
        if (rep.hang) {
            while (!s->stopping)
                poll(NULL, 0, 20);
            break;
        }
        send_all(ca.fd, rep.raw, rep.len);
        if (rep.close_after)
            break;
    }
    free(buf);
    shutdown(ca.fd, SHUT_RDWR);
    return NULL;
}

static void *accept_loop(void *arg)
{
    hts_server *s = arg;
    while (wait_readable(s, s->listen_fd)) {
        int fd = accept(s->listen_fd, NULL, NULL);
        if (fd < 0)
            continue;
        pthread_mutex_lock(&s->mu);
        if (s->conn_count >= MAX_CONN) {
            pthread_mutex_unlock(&s->mu);
            close(fd);
            continue;
        }
        conn_arg *ca = malloc(sizeof *ca);
        if (!ca)
            abort();
        *ca = (conn_arg){s, fd, s->conn_count + 1};
        s->conn_fds[s->conn_count] = fd;
        if (pthread_create(&s->conn_threads[s->conn_count], NULL, serve_conn, ca) != 0)
            abort();
        s->conn_count++;
        pthread_mutex_unlock(&s->mu);
    }
    return NULL;
}

static int listen_loopback(unsigned short *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 16) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &alen) != 0) {
        close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

hts_server *hts_start(void)
{
    hts_server *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->listen_fd = listen_loopback(&s->port);
    if (s->listen_fd < 0) {
        free(s);
        return NULL;
    }
    snprintf(s->url, sizeof s->url, "http://127.0.0.1:%u", (unsigned)s->port);
    pthread_mutex_init(&s->mu, NULL);
    if (pthread_create(&s->acceptor, NULL, accept_loop, s) != 0)
        abort();
    return s;
}

static void free_request(hts_request *r)
{
    for (size_t i = 0; i < r->header_count; i++) {
        free(r->header_names[i]);
        free(r->header_values[i]);
    }
    free(r->header_names);
    free(r->header_values);
    free(r->method);
    free(r->target);
    free(r->body);
    free(r);
}

void hts_stop(hts_server *s)
{
    if (!s)
        return;
    s->stopping = 1;
    pthread_join(s->acceptor, NULL);
    for (unsigned i = 0; i < s->conn_count; i++) {
        pthread_join(s->conn_threads[i], NULL);
        close(s->conn_fds[i]);
    }
    close(s->listen_fd);
    for (size_t i = 0; i < s->reply_count; i++)
        free(s->replies[i].raw);
    for (size_t i = 0; i < s->request_count; i++)
        free_request(s->requests[i]);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

unsigned short hts_port(const hts_server *s) { return s->port; }
const char *hts_url(const hts_server *s) { return s->url; }

static void push(hts_server *s, reply r)
{
    pthread_mutex_lock(&s->mu);
    if (s->reply_count >= MAX_REPLY)
        abort();
    s->replies[s->reply_count++] = r;
    pthread_mutex_unlock(&s->mu);
}

void hts_push_raw(hts_server *s, const char *raw, bool close_after)
{
    push(s, (reply){dup_n(raw, strlen(raw)), strlen(raw), close_after, false});
}

void hts_push(hts_server *s, int status, const char *extra_headers, const char *body)
{
    const char *b = body ? body : "";
    size_t n = strlen(b) + (extra_headers ? strlen(extra_headers) : 0) + 128;
    char *raw = malloc(n);
    if (!raw)
        abort();
    int len = snprintf(raw, n, "HTTP/1.1 %d Scripted\r\n%sContent-Length: %zu\r\n\r\n%s", status,
                       extra_headers ? extra_headers : "", strlen(b), b);
    push(s, (reply){raw, (size_t)len, false, false});
}

void hts_push_hang(hts_server *s) { push(s, (reply){NULL, 0, false, true}); }

size_t hts_request_count(hts_server *s)
{
    pthread_mutex_lock(&s->mu);
    size_t n = s->request_count;
    pthread_mutex_unlock(&s->mu);
    return n;
}

const hts_request *hts_request_at(hts_server *s, size_t i)
{
    pthread_mutex_lock(&s->mu);
    const hts_request *r = i < s->request_count ? s->requests[i] : NULL;
    pthread_mutex_unlock(&s->mu);
    return r;
}

unsigned hts_connection_count(hts_server *s)
{
    pthread_mutex_lock(&s->mu);
    unsigned n = s->conn_count;
    pthread_mutex_unlock(&s->mu);
    return n;
}

size_t hts_header_count(const hts_request *r, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; r && i < r->header_count; i++)
        n += strcasecmp(r->header_names[i], name) == 0;
    return n;
}

const char *hts_header(const hts_request *r, const char *name)
{
    for (size_t i = 0; r && i < r->header_count; i++)
        if (strcasecmp(r->header_names[i], name) == 0)
            return r->header_values[i];
    return NULL;
}

unsigned short hts_closed_port(void)
{
    unsigned short port = 0;
    int fd = listen_loopback(&port);
    if (fd >= 0)
        close(fd);
    return port;
}
