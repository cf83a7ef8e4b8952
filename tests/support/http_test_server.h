/* http_test_server.h - a scripted HTTP/1.1 server on 127.0.0.1 for tests.
 *
 * Each test queues the exact bytes to answer with, in order, one per request
 * received (on any connection); every request is recorded exactly (request
 * line, header lines in order, body) with the connection it came on, so
 * tests can check what a client sent and whether it reused connections.
 * Replies can hang (never answer) or close the connection after sending
 * (e.g. a truncated body). With the script exhausted it answers 500. */
#ifndef HTTP_TEST_SERVER_H
#define HTTP_TEST_SERVER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct hts_server hts_server;

typedef struct hts_request {
    char *method;
    char *target;         /* as sent: path and query */
    char **header_names;  /* in order received */
    char **header_values; /* trimmed */
    size_t header_count;
    char *body;
    size_t body_len;
    unsigned connection;  /* 1-based number of the connection it came on */
} hts_request;

/* Listen on 127.0.0.1 on a free port; NULL on failure. */
hts_server *hts_start(void);
void hts_stop(hts_server *s); /* stops threads, frees everything */
unsigned short hts_port(const hts_server *s);
const char *hts_url(const hts_server *s); /* "http://127.0.0.1:<port>" */

/* Queue raw reply bytes, sent as given. close_after closes the connection
 * once they are written. */
void hts_push_raw(hts_server *s, const char *raw, bool close_after);
/* Queue "HTTP/1.1 <status> X\r\n<extra_headers>Content-Length: N\r\n\r\n<body>";
 * extra_headers are complete "Name: value\r\n" lines (may be NULL). */
void hts_push(hts_server *s, int status, const char *extra_headers, const char *body);
/* Queue a reply that never comes: the connection stays silent until stop. */
void hts_push_hang(hts_server *s);

size_t hts_request_count(hts_server *s);
const hts_request *hts_request_at(hts_server *s, size_t i);
unsigned hts_connection_count(hts_server *s);
/* Occurrences of a header (case-insensitive name) and the value of the first. */
size_t hts_header_count(const hts_request *r, const char *name);
const char *hts_header(const hts_request *r, const char *name);

/* A port on 127.0.0.1 that was free a moment ago and has no listener now. */
unsigned short hts_closed_port(void);

#endif
