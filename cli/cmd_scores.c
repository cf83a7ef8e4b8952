/* cmd_scores.c - `ldrest scores`: fetch the engineering-insights scores of a
 * project/environment and print them as a table (terminal) or as the
 * InsightScores JSON document (otherwise, or --format json).
 *
 * Exit statuses tell failures apart for scripts, as every command that
 * makes a call does (oas_tool_exit_status): 0 ok, 2 usage (a value the
 * request cannot carry: nothing is sent), 3 auth (no token, 401, 403), 4
 * rate limited (429), 5 network (connect, DNS, TLS, timeout), 6 server or
 * content error (5xx, undeclared status, a body that is not JSON or not the
 * shape the table needs).
 *
 * Every response body is also validated against the spec, and each
 * violation goes to stderr as a warning with its pointer and position,
 * whatever the exit status: a body `ldrest validate` rejects but the table
 * can still be read from (LaunchDarkly's published examples have
 * "lastPeriod": null) is shown, never silently. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "ld_ops.h"
#include "oas_call.h" /* oas_client_use_spec_server */
#include "ld_validate.h" /* ld_registry */
#include "oas_tool.h" /* the exit statuses and the mapping every command shares */
#include "term_print.h"

/* Violations listed one per line; the rest are counted. */
#define SHOWN_VIOLATIONS 20

#define USAGE                                                                          \
    "usage: ldrest scores --project KEY --env KEY [--app KEY,...]\n"                    \
    "                     [--server default|federal|eu|URL] [--format table|json]\n"    \
    "                     [--assert-formats]\n"

/* After a usage error: the synopsis and where the rest is. */
static void usage(FILE *out)
{
    fputs(USAGE "Run 'ldrest scores --help' for the options.\n", out);
}

static void help(void)
{
    fputs(USAGE
          "Fetch the engineering-insights scores of one project environment\n"
          "(getInsightsScores) and print them as a table or as the JSON body.\n"
          "\n"
          "Options:\n"
          "  -p, --project KEY         the project key (required)\n"
          "  -e, --env KEY             the environment key (required)\n"
          "  -a, --app KEY,...         only the scores of these applications\n"
          "  -s, --server NAME|URL     default, federal, eu, or an http(s) URL (default: default)\n"
          "  -f, --format table|json   table on a terminal, else json (the body as received)\n"
          "      --assert-formats      check format too (default: an annotation, as in 2020-12)\n"
          "  -h, --help                show this help\n"
          "\n"
          "Environment:\n"
          "  LD_API_KEY                the access token (required), sent only as Authorization\n"
          "\n"
          "Every response body is validated against the spec: each violation is a\n"
          "warning on stderr with its JSON pointer, line and column.\n"
          "\n"
          "Exit status:\n"
          "  0  the scores were shown (violations, if any, as warnings)\n"
          "  2  usage: a bad option, --server or LD_API_KEY value, or a key the\n"
          "     request cannot carry (not UTF-8); nothing is sent\n"
          "  3  authentication: LD_API_KEY unset, HTTP 401 or 403\n"
          "  4  rate limited: HTTP 429 after the retries\n"
          "  5  network: connect, DNS, TLS, timeout\n"
          "  6  server or content: HTTP 5xx, an undeclared status, a body that is not\n"
          "     JSON or not the InsightScores shape\n"
          "\n"
          "Example:\n"
          "  LD_API_KEY=api-... ldrest scores --project my-proj --env production --format json\n",
          stdout);
}

static void date_of(int64_t ms, char *out, size_t cap)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    if (gmtime_r(&t, &tm) && strftime(out, cap, "%Y-%m-%d", &tm))
        return;
    snprintf(out, cap, "?");
}

static void row(const char *name, const ld_insights_metric_score *m)
{
    if (!m)
        return;
    char change[24] = "-";
    if (m->has_diff_vs_last_period)
        snprintf(change, sizeof change, "%+lld", (long long)m->diff_vs_last_period);
    char range[48];
    snprintf(range, sizeof range, "%lld..%lld", (long long)m->indicator_range.min,
             (long long)m->indicator_range.max);
    /* the indicator is the server's text */
    oas_buf indicator = OAS_BUF_INIT;
    if (m->indicator)
        oas_buf_terminal_text(&indicator, m->indicator, strlen(m->indicator));
    const char *shown = oas_buf_status(&indicator) != OAS_OK ? TERM_PRINT_NOMEM
                        : indicator.data                     ? indicator.data
                                                             : "";
    printf("%-26s %6lld  %-12s %-12s %8s\n", name, (long long)m->score, shown, range, change);
    oas_buf_free(&indicator);
}

static void print_table(const ld_insight_scores *s)
{
    char a[16], b[16], c[16], d[16];
    date_of(s->period.start_time, a, sizeof a);
    date_of(s->period.end_time, b, sizeof b);
    date_of(s->last_period.start_time, c, sizeof c);
    date_of(s->last_period.end_time, d, sizeof d);
    printf("Period %s .. %s (last period %s .. %s)\n\n", a, b, c, d);
    printf("%-26s %6s  %-12s %-12s %8s\n", "metric", "score", "indicator", "range", "change");
    const ld_insight_group_scores *g = &s->scores;
    row("overall", &g->overall);
    row("deploymentFrequency", &g->deployment_frequency);
    row("deploymentFailureRate", &g->deployment_failure_rate);
    row("leadTime", &g->lead_time);
    row("impactSize", &g->impact_size);
    row("experimentationCoverage", &g->experimentation_coverage);
    row("flagHealth", &g->flag_health);
    row("velocity", &g->velocity);
    row("risk", &g->risk);
    row("efficiency", &g->efficiency);
    row("creationRatio", g->creation_ratio);
}

/* Each violation validation found in r's body, as a warning: where (the
 * body's text is the server's: escaped by term_line). A body that does not
 * come as JSON is refused for that alone. */
static void report_violations(const oas_http_result *r)
{
    if (!r->validated || oas_op_check_json(r, NULL) != OAS_OK)
        return;
    const oas_report *v = &r->validation;
    for (size_t i = 0; i < v->count && i < SHOWN_VIOLATIONS; i++) {
        oas_error where;
        oas_error_clear(&where);
        where.offset = v->items[i].offset;
        oas_error_locate(&where, r->body, r->body_len);
        const char *pointer = v->items[i].instance_location;
        term_line(stderr, "ldrest scores: warning: getInsightsScores: HTTP %ld body: %s: %s at "
                          "line %lu, column %lu (byte offset %zu) (violates the spec)",
                  r->status, pointer[0] ? pointer : "(root)", v->items[i].message, where.line,
                  where.column, where.offset);
    }
    size_t shown = v->count < SHOWN_VIOLATIONS ? v->count : SHOWN_VIOLATIONS;
    if (v->total > shown)
        term_line(stderr, "ldrest scores: warning: getInsightsScores: HTTP %ld body: %zu more "
                          "violations not shown (ldrest validate lists them all)",
                  r->status, v->total - shown);
}

/* --server NAME: one of the spec's servers by name (the LaunchDarkly
 * profile names them default, federal and eu); anything else is a URL. */
static oas_status use_server(oas_client *client, const char *server, oas_error *err)
{
    for (size_t i = 0; i < ld_registry.server_count; i++)
        if (strcmp(ld_registry.servers[i].name, server) == 0)
            return oas_client_use_spec_server(client, &ld_registry, i, NULL, NULL, 0, err);
    return oas_client_set_server(client, server, err);
}

/* The token is offered to every security scheme the spec declares; each
 * operation's requirements pick the one it sends. */
static oas_status use_token(oas_client *client, const char *token, oas_error *err)
{
    oas_status st = OAS_OK;
    for (size_t i = 0; i < ld_registry.security_scheme_count && st == OAS_OK; i++)
        st = oas_client_set_credential(client, ld_registry.security_schemes[i].name, token, err);
    return st;
}

typedef struct scores_opts {
    const char *project, *env, *app, *server;
    int json;  /* -1 = decide by terminal */
    bool assert_formats;
} scores_opts;

static int parse_opts(int argc, char **argv, scores_opts *o)
{
    static const struct option longs[] = {
        {"project", required_argument, NULL, 'p'}, {"env", required_argument, NULL, 'e'},
        {"app", required_argument, NULL, 'a'},     {"server", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},  {"help", no_argument, NULL, 'h'},
        {"assert-formats", no_argument, NULL, 'F'},
        {NULL, 0, NULL, 0}};
    *o = (scores_opts){NULL, NULL, NULL, "default", -1, false};
    optind = 1;
    opterr = 0; /* messages below name the command */
    int c;
    while ((c = getopt_long(argc, argv, ":p:e:a:s:f:h", longs, NULL)) != -1) {
        switch (c) {
        case 'p': o->project = optarg; break;
        case 'e': o->env = optarg; break;
        case 'a': o->app = optarg; break;
        case 's': o->server = optarg; break;
        case 'f':
            if (strcmp(optarg, "json") != 0 && strcmp(optarg, "table") != 0) {
                fprintf(stderr, "ldrest scores: --format must be table or json\n");
                return OAS_TOOL_EXIT_USAGE;
            }
            o->json = strcmp(optarg, "json") == 0;
            break;
        case 'F': o->assert_formats = true; break;
        case 'h': help(); return -1;
        case ':':
            term_line(stderr, "ldrest scores: option '%s' needs a value", argv[optind - 1]);
            usage(stderr);
            return OAS_TOOL_EXIT_USAGE;
        default:
            term_line(stderr, "ldrest scores: unknown option '%s' (see --help)", argv[optind - 1]);
            usage(stderr);
            return OAS_TOOL_EXIT_USAGE;
        }
    }
    if (optind < argc || !o->project || !o->env) {
        fprintf(stderr, "ldrest scores: --project and --env are required\n");
        usage(stderr);
        return OAS_TOOL_EXIT_USAGE;
    }
    if (o->json < 0)
        o->json = !isatty(STDOUT_FILENO);
    return OAS_TOOL_EXIT_OK;
}

int cmd_scores(int argc, char **argv)
{
    scores_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc != OAS_TOOL_EXIT_OK)
        return rc < 0 ? OAS_TOOL_EXIT_OK : rc;
    const char *token = getenv("LD_API_KEY");
    if (!token || !*token) {
        fprintf(stderr, "ldrest scores: LD_API_KEY is not set (an access token is required)\n");
        return OAS_TOOL_EXIT_AUTH;
    }
    oas_error err;
    oas_error_clear(&err);
    oas_client *client = NULL;
    if (oas_http_global_init(&err) != OAS_OK || oas_client_create(&client, &err) != OAS_OK) {
        term_line(stderr, "ldrest scores: %s", err.message);
        return OAS_TOOL_EXIT_NETWORK;
    }
    rc = OAS_TOOL_EXIT_OK;
    /* Messages quote what the user gave (a server URL, with any password
     * redacted by the runtime) or what a server sent: escaped when shown. */
    oas_status setup;
    if ((setup = use_server(client, o.server, &err)) != OAS_OK)
        term_line(stderr, "ldrest scores: --server: %s", err.message);
    else if ((setup = use_token(client, token, &err)) != OAS_OK)
        term_line(stderr, "ldrest scores: LD_API_KEY: %s", err.message);
    else if ((setup = oas_client_set_user_agent(client, "ldrest/" LDREST_VERSION, &err)) != OAS_OK)
        term_line(stderr, "ldrest scores: %s", err.message);
    /* warn: the table is shown from what can be read, each violation said */
    oas_client_set_validation(client, OAS_VALIDATE_WARN);
    oas_client_set_assert_formats(client, o.assert_formats);
    if (setup != OAS_OK)
        rc = oas_tool_exit_status(setup, 0);
    ld_get_insights_scores_params params = {
        .project_key = o.project, .environment_key = o.env, .application_key = o.app};
    ld_get_insights_scores_result result;
    ld_get_insights_scores_result_init(&result);
    if (rc == OAS_TOOL_EXIT_OK) {
        oas_status st = ld_get_insights_scores(client, &params, &result, &err);
        report_violations(&result.http);
        if (st != OAS_OK) {
            term_line(stderr, "ldrest scores: %s", err.message);
            rc = oas_tool_exit_status(st, err.http_status);
        } else if (o.json) {
            /* The body as received, ending in exactly one newline. */
            fwrite(result.http.body, 1, result.http.body_len, stdout);
            if (result.http.body_len == 0 || result.http.body[result.http.body_len - 1] != '\n')
                fputc('\n', stdout);
        } else {
            print_table(result.body_200);
        }
    }
    ld_get_insights_scores_result_free(&result);
    oas_client_destroy(client);
    oas_http_global_cleanup();
    return rc;
}
