/* static_server.c - the request path's second server: libmicrohttpd on
 * 127.0.0.1 answering every request with the same bytes (one response
 * object, built once), so that the server's share of the loopback run is
 * small and the same for every client loop. `ldrest mock` does real work per
 * request (routing, parameter and credential checks, a generated body).
 * usage: static_server BODY.json; prints "listening on http://127.0.0.1:PORT"
 * and serves until killed. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static struct MHD_Response *response;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **state)
{
    (void)cls, (void)url, (void)method, (void)version, (void)upload_data;
    static int seen;
    /* Answer only once the whole request is in: a response queued on the
     * first call makes libmicrohttpd close the connection after it. */
    if (!*state) {
        *state = &seen;
        return MHD_YES;
    }
    if (*upload_size) { /* discard any request body */
        *upload_size = 0;
        return MHD_YES;
    }
    return MHD_queue_response(conn, MHD_HTTP_OK, response);
}

/* The whole file in one malloc'd buffer (size from stat); NULL on failure. */
static char *read_file(const char *path, size_t *len)
{
    struct stat st;
    FILE *f = fopen(path, "rb");
    char *data = f && fstat(fileno(f), &st) == 0 ? malloc((size_t)st.st_size + 1) : NULL;
    if (data && fread(data, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
        *len = (size_t)st.st_size;
    } else {
        free(data);
        data = NULL;
    }
    if (f)
        fclose(f);
    return data;
}

int main(int argc, char **argv)
{
    size_t len = 0;
    char *body = argc == 2 ? read_file(argv[1], &len) : NULL;
    if (!body) {
        fprintf(stderr, "usage: %s BODY.json (a readable file)\n", argv[0]);
        return 2;
    }
    response = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    MHD_add_response_header(response, "Content-Type", "application/json");
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    /* poll(), as the mock (tools/mock_server.h says why not epoll). */
    struct MHD_Daemon *d =
        MHD_start_daemon(MHD_USE_POLL_INTERNAL_THREAD, 0, NULL, NULL, on_request, NULL,
                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_END);
    const union MHD_DaemonInfo *info = d ? MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT) : NULL;
    if (!info) {
        fprintf(stderr, "%s: cannot listen on 127.0.0.1\n", argv[0]);
        return 2;
    }
    printf("listening on http://127.0.0.1:%u\n", (unsigned)info->port);
    fflush(stdout);
    for (;;)
        pause();
}
