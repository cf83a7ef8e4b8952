/* call_options.c - `call`'s command line, parsed with getopt_long. */
#include <getopt.h>
#include <string.h>

#include "cmd_call.h"
#include "oas_alloc.h"
#include "term_print.h"
#include "tool_getopt.h"

/* Copy the part of text before its first separator into *names (advanced
 * past the copy); *value is what follows the separator. false when text has
 * no separator or nothing before it. */
static bool split(const char *text, const char *separators, char **names, const char **name,
                  const char **value)
{
    size_t n = strcspn(text, separators);
    if (!text[n] || n == 0)
        return false;
    memcpy(*names, text, n);
    (*names)[n] = '\0';
    *name = *names;
    *names += n + 1;
    *value = text + n + 1;
    if (text[n] == ':') /* "Name: value" as curl writes headers */
        *value += strspn(*value, " \t");
    return true;
}

static int wants_pair(const char *prog, const char *option, const char *what, const char *got)
{
    term_line(stderr, "%s: %s wants %s, got '%s'", prog, option, what, got);
    return 2;
}

/* Room for every array: argc bounds each count, the sum of the argument
 * lengths bounds the names. */
static bool allocate(int argc, char **argv, call_options *o)
{
    size_t n = (size_t)argc + 1, bytes = 1;
    for (int i = 0; i < argc; i++)
        bytes += strlen(argv[i]) + 1;
    o->args = oas_calloc(n, sizeof *o->args);
    o->var_names = oas_calloc(n, sizeof *o->var_names);
    o->var_values = oas_calloc(n, sizeof *o->var_values);
    o->headers = oas_calloc(n, sizeof *o->headers);
    o->names = oas_malloc(bytes);
    return o->args && o->var_names && o->var_values && o->headers && o->names;
}

void call_options_free(call_options *o)
{
    oas_free(o->args);
    oas_free(o->var_names);
    oas_free(o->var_values);
    oas_free(o->headers);
    oas_free(o->names);
    memset(o, 0, sizeof *o);
}

int call_options_parse(const char *prog, int argc, char **argv, call_options *o)
{
    enum { OPT_SERVER_VAR = 256, OPT_ASSERT_FORMATS };
    static const struct option longopts[] = {
        {"param", required_argument, NULL, 'p'},
        {"body", required_argument, NULL, 'b'},
        {"server", required_argument, NULL, 's'},
        {"server-var", required_argument, NULL, OPT_SERVER_VAR},
        {"header", required_argument, NULL, 'H'},
        {"format", required_argument, NULL, 'f'},
        {"assert-formats", no_argument, NULL, OPT_ASSERT_FORMATS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    if (!allocate(argc, argv, o)) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 2;
    }
    char *names = o->names;
    tool_getopt g;
    tool_getopt_init(&g, argc, argv, "+:p:b:s:H:f:h", longopts);
    int c;
    while ((c = tool_getopt_next(&g)) != -1) {
        switch (c) {
        case 'p': {
            oas_call_arg *a = &o->args[o->arg_count];
            if (!split(optarg, "=", &names, &a->name, &a->value))
                return wants_pair(prog, "-p", "NAME=VALUE", optarg);
            o->arg_count++;
            break;
        }
        case OPT_SERVER_VAR:
            if (!split(optarg, "=", &names, &o->var_names[o->var_count],
                       &o->var_values[o->var_count]))
                return wants_pair(prog, "--server-var", "NAME=VALUE", optarg);
            o->var_count++;
            break;
        case 'H': {
            /* A header name is a token: it holds neither '=' nor ':'. */
            oas_http_header *h = &o->headers[o->header_count];
            if (!split(optarg, "=:", &names, &h->name, &h->value))
                return wants_pair(prog, "--header", "NAME=VALUE", optarg);
            o->header_count++;
            break;
        }
        case 'b': o->body_path = optarg; break;
        case 's': o->server = optarg; break;
        case 'f':
            if (strcmp(optarg, "json") == 0)
                o->format = CALL_FORMAT_JSON;
            else if (strcmp(optarg, "text") == 0)
                o->format = CALL_FORMAT_TEXT;
            else
                return wants_pair(prog, "--format", "json or text", optarg);
            break;
        case OPT_ASSERT_FORMATS: o->assert_formats = true; break;
        case 'h': o->help = true; break;
        case ':':
            term_line(stderr, "%s: option '%s' needs a value", prog, g.arg);
            return 2;
        default:
            term_line(stderr, "%s: unknown option '%s' (see --help)", prog, g.arg);
            return 2;
        }
    }
    if (g.operands > 1)
        o->operation = argv[1];
    if (g.operands > 2) {
        term_line(stderr,
                  "%s: one operation at a time; unexpected '%s' (parameters go as -p NAME=VALUE)",
                  prog, argv[2]);
        return 2;
    }
    if (!o->operation && !o->help) {
        fprintf(stderr, "%s: which operation? (see --help for the list)\n", prog);
        return 2;
    }
    return 0;
}
