/* validate_options.c - option parsing and the --help text for `validate`. */
#include "validate_options.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "term_print.h"
#include "tool_getopt.h"
#include "validate_input.h"

void validate_options_usage(const char *prog, FILE *fp)
{
    fprintf(fp,
            "Usage: %s [--schema NAME | --operation ID [--status CODE | --request]]\n"
            "       [--webhook NAME | --operation ID --callback NAME] [--status CODE]\n"
            "       [--ndjson] [--format FMT] [-q | --summary-only] [--max-errors N]\n"
            "       [--jobs N] [--strict-json] [--assert-formats] [--] INPUT...\n"
            "       %s --har [--format FMT] [-q | --summary-only] [--max-errors N]\n"
            "       [--jobs N] [--strict-json] [--assert-formats] INPUT...\n"
            "\n"
            "Validate JSON documents against a schema of the spec. INPUT is a file, '-'\n"
            "(standard input), a directory (every *.json, *.ndjson, *.jsonl and *.har\n"
            "below it, in sorted order) or a quoted glob ('captures/**/*.json': ** is\n"
            "any depth). Without --schema/--operation: the default operation's 200\n"
            "response, or the spec's only operation's. With --har (or for *.har\n"
            "files): every entry of HTTP captures (HAR 1.2) against its operation: the\n"
            "status documented, the content type declared, the body valid.\n"
            "\n"
            "  -s, --schema NAME     validate against the component schema NAME\n"
            "  -o, --operation ID    validate against a response of operation ID\n"
            "      --status CODE     the response status (default 200) of --operation or\n"
            "                        of the default operation; without either, an error\n"
            "      --request         validate request bodies of --operation instead of\n"
            "                        responses (against its requestBody schema)\n"
            "      --webhook NAME    validate what the API sends to webhook NAME (its\n"
            "                        request body); with --status, the receiver's answer\n"
            "      --callback NAME   likewise for callback NAME of --operation ID\n"
            "      --har             inputs are HAR files (a directory: its *.har); each\n"
            "                        entry is matched to an operation by method and path\n"
            "                        (server path prefix and query ignored), then checked\n"
            "                        as above\n"
            "  -n, --ndjson          inputs are NDJSON: one document per line, blank lines\n"
            "                        skipped, streamed in bounded memory (files ending in\n"
            "                        .ndjson or .jsonl are read so without this option)\n"
            "  -f, --format FMT      text (default on a terminal): FILE:LINE:COL: error:\n"
            "                          POINTER: message, one line per violation, then a\n"
            "                          summary line\n"
            "                        json (default otherwise): one object per document\n"
            "                          per line, \"errors\" always an array\n"
            "                        junit: one JUnit XML testsuite, a testcase per\n"
            "                          document, a failure per invalid one\n"
            "                        sarif: SARIF 2.1.0, a result per violation\n"
            "                        github: ::error file=F,line=L,col=C::message lines\n"
            "                          (GitHub Actions annotations), then the summary\n"
            "  -q, --quiet           show invalid and malformed documents only (no\n"
            "                        summary line, no valid documents in json/junit)\n"
            "      --summary-only    print only the summary (a JSON object with json)\n"
            "  -m, --max-errors N    report at most N violations per document (default %d;\n"
            "                        0 = all)\n"
            "  -j, --jobs N          validate on N threads (NDJSON lines, input files, the\n"
            "                        runs of a large array, the entries of a large HAR\n"
            "                        capture), output order unchanged (0 = one per core;\n"
            "                        default 1)\n"
            "      --strict-json     a repeated object key is an error (default: a\n"
            "                        warning; the schema judges the last occurrence)\n"
            "      --assert-formats  a value outside its format is an error (keyword\n"
            "                        format): int32, int64, float, double, date-time,\n"
            "                        date, uuid, uri, email. Default: format is an\n"
            "                        annotation, as JSON Schema 2020-12 says\n"
            "      --max-bytes N     largest document, a file or an NDJSON line (default\n"
            "                        %zu); larger lines are reported and skipped\n"
            "  --                    the end of the options (for a file named -x.json)\n"
            "  -h, --help            show this help\n"
            "\n"
            "Exit status: 0 all documents valid, 1 some document invalid (or some HAR\n"
            "entry unmatched or invalid), 2 usage error, unreadable input, an input\n"
            "naming no file, malformed JSON or malformed HAR.\n",
            prog, prog, VALIDATE_DEFAULT_MAX_ERRORS, VALIDATE_MAX_DOCUMENT_BYTES);
}

/* A decimal integer in [min, max], nothing else. */
static bool parse_number(const char *text, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static unsigned online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > VALIDATE_MAX_JOBS ? VALIDATE_MAX_JOBS : (unsigned)n;
}

/* --format's names, in validate_format_choice order after AUTO */
static const char *const format_names[] = {"text", "json", "junit", "sarif", "github"};

static bool parse_format(const char *name, validate_format_choice *out)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
        if (strcmp(name, format_names[i]) == 0) {
            *out = (validate_format_choice)(i + 1);
            return true;
        }
    }
    return false;
}

int validate_options_parse(int argc, char **argv, validate_options *out, const char *prog,
                           FILE *err)
{
    enum { OPT_STATUS = 256, OPT_MAX_BYTES, OPT_HAR, OPT_REQUEST, OPT_SUMMARY_ONLY, OPT_WEBHOOK,
           OPT_CALLBACK, OPT_STRICT_JSON, OPT_ASSERT_FORMATS };
    static const struct option longopts[] = {
        {"schema", required_argument, NULL, 's'},
        {"operation", required_argument, NULL, 'o'},
        {"status", required_argument, NULL, OPT_STATUS},
        {"request", no_argument, NULL, OPT_REQUEST},
        {"webhook", required_argument, NULL, OPT_WEBHOOK},
        {"callback", required_argument, NULL, OPT_CALLBACK},
        {"ndjson", no_argument, NULL, 'n'},
        {"har", no_argument, NULL, OPT_HAR},
        {"format", required_argument, NULL, 'f'},
        {"max-errors", required_argument, NULL, 'm'},
        {"jobs", required_argument, NULL, 'j'},
        {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
        {"quiet", no_argument, NULL, 'q'},
        {"summary-only", no_argument, NULL, OPT_SUMMARY_ONLY},
        {"strict-json", no_argument, NULL, OPT_STRICT_JSON},
        {"assert-formats", no_argument, NULL, OPT_ASSERT_FORMATS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(out, 0, sizeof *out);
    out->status = -1;
    out->max_errors = VALIDATE_DEFAULT_MAX_ERRORS;
    out->jobs = 1;
    out->max_bytes = VALIDATE_MAX_DOCUMENT_BYTES;
    tool_getopt g;
    tool_getopt_init(&g, argc, argv, "+:s:o:nf:m:j:qh", longopts);
    int c;
    while ((c = tool_getopt_next(&g)) != -1) {
        long n;
        switch (c) {
        case 's': out->schema = optarg; break;
        case 'o': out->operation = optarg; break;
        case OPT_STATUS:
            if (!parse_number(optarg, 100, 599, &n)) {
                term_line(err, "%s: --status wants an HTTP status 100..599, not '%s'", prog,
                          optarg);
                return 2;
            }
            out->status = (int)n;
            break;
        case OPT_REQUEST: out->request = true; break;
        case OPT_WEBHOOK: out->webhook = optarg; break;
        case OPT_CALLBACK: out->callback = optarg; break;
        case 'n': out->ndjson = true; break;
        case OPT_HAR: out->har = true; break;
        case 'f':
            if (!parse_format(optarg, &out->format)) {
                term_line(err, "%s: --format is text, json, junit, sarif or github, not '%s'",
                          prog, optarg);
                return 2;
            }
            break;
        case 'm':
            if (!parse_number(optarg, 0, 1000000000L, &n)) {
                term_line(err, "%s: --max-errors wants a count >= 0, not '%s'", prog, optarg);
                return 2;
            }
            out->max_errors = (size_t)n;
            break;
        case 'j':
            if (!parse_number(optarg, 0, VALIDATE_MAX_JOBS, &n)) {
                term_line(err, "%s: --jobs wants 0..%d, not '%s'", prog, VALIDATE_MAX_JOBS,
                          optarg);
                return 2;
            }
            out->jobs = n == 0 ? online_cores() : (unsigned)n;
            break;
        case OPT_MAX_BYTES:
            if (!parse_number(optarg, 1, (long)VALIDATE_MAX_DOCUMENT_BYTES * 16, &n)) {
                term_line(err, "%s: --max-bytes wants 1..%zu, not '%s'", prog,
                          VALIDATE_MAX_DOCUMENT_BYTES * 16, optarg);
                return 2;
            }
            out->max_bytes = (size_t)n;
            break;
        case 'q': out->quiet = true; break;
        case OPT_SUMMARY_ONLY: out->summary_only = true; break;
        case OPT_STRICT_JSON: out->strict_json = true; break;
        case OPT_ASSERT_FORMATS: out->assert_formats = true; break;
        case 'h': out->help = true; return 0;
        case ':':
            term_line(err, "%s: option '%s' needs a value", prog, g.arg);
            return 2;
        default:
            term_line(err, "%s: unknown option '%s' (see --help; put -- before a file name"
                           " starting with '-')", prog, g.arg);
            return 2;
        }
    }
    out->files = argv + 1;
    out->file_count = (size_t)(g.operands - 1);
    if (out->file_count == 0) {
        fprintf(err, "%s: no input files (use - for standard input; see --help)\n", prog);
        return 2;
    }
    return 0;
}
