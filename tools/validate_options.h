/* validate_options.h - `validate`'s command line, parsed with getopt_long. */
#ifndef VALIDATE_OPTIONS_H
#define VALIDATE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum validate_format_choice {
    VALIDATE_CHOICE_AUTO, /* text on a terminal, json otherwise */
    VALIDATE_CHOICE_TEXT,
    VALIDATE_CHOICE_JSON,
    VALIDATE_CHOICE_JUNIT,
    VALIDATE_CHOICE_SARIF,
    VALIDATE_CHOICE_GITHUB
} validate_format_choice;

typedef struct validate_options {
    const char *schema;    /* --schema NAME, or NULL */
    const char *operation; /* --operation ID, or NULL */
    int status;            /* --status CODE; -1 when not given */
    bool request;          /* --request: the operation's request body, not a response */
    const char *webhook;   /* --webhook NAME (validate_event_target.h), or NULL */
    const char *callback;  /* --callback NAME, of --operation's callbacks, or NULL */
    bool ndjson;           /* --ndjson: every input is NDJSON */
    bool har;              /* --har: every input is a HAR capture (validate_har.h) */
    validate_format_choice format;
    size_t max_errors;     /* --max-errors N (per document); 0 = unlimited */
    unsigned jobs;         /* --jobs N; 0 on the command line = all cores */
    size_t max_bytes;      /* --max-bytes N: largest document (file or line) */
    bool quiet;            /* -q/--quiet: only invalid/malformed documents printed */
    bool summary_only;     /* --summary-only: the summary line alone */
    bool strict_json;      /* --strict-json: duplicate keys are errors */
    bool assert_formats;   /* --assert-formats: `format` is asserted */
    bool help;
    char **files;          /* borrowed from argv (non-option arguments are
                              gathered at its front, see validate_options.c) */
    size_t file_count;
} validate_options;

#define VALIDATE_DEFAULT_MAX_ERRORS 100
#define VALIDATE_MAX_JOBS 256

/* Returns 0, or 2 after printing a usage error to err. Options and inputs
 * may be mixed; "--" ends the options. argv's entries are reordered. */
int validate_options_parse(int argc, char **argv, validate_options *out, const char *prog,
                           FILE *err);

void validate_options_usage(const char *prog, FILE *fp);

#endif
