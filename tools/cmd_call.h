/* cmd_call.h - the pieces of `call` (oas_tool_call in oas_tool.h): its
 * command line, its help texts and how it prints a response. */
#ifndef OAS_TOOL_CMD_CALL_H
#define OAS_TOOL_CMD_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "oas_call.h"
#include "oas_registry.h"

typedef enum call_format {
    CALL_FORMAT_AUTO, /* text on a terminal, json otherwise */
    CALL_FORMAT_JSON, /* the body as received */
    CALL_FORMAT_TEXT  /* JSON indented, anything else as received */
} call_format;

/* `call`'s command line. Every "NAME=VALUE" is split: the names are copies
 * held in one buffer, the values point into argv. */
typedef struct call_options {
    const char *operation;       /* OPERATION_ID, or NULL (only with --help) */
    oas_call_arg *args;          /* -p NAME=VALUE, in order */
    size_t arg_count;
    const char **var_names;      /* --server-var NAME=VALUE */
    const char **var_values;
    size_t var_count;
    oas_http_header *headers;    /* --header NAME=VALUE or "NAME: VALUE" */
    size_t header_count;
    const char *body_path;       /* --body FILE, "-" for stdin */
    const char *server;          /* --server NAME|URL */
    call_format format;
    bool assert_formats;         /* --assert-formats */
    bool help;
    char *names;                 /* owns every name above */
} call_options;

/* 0, or 2 after printing why to stderr. Free with call_options_free either way. */
int call_options_parse(const char *prog, int argc, char **argv, call_options *out);
void call_options_free(call_options *o);

void call_usage(const char *prog, const char *token_env, FILE *out);
/* One line per operation: id, method and path. */
void call_list_operations(const oas_registry *reg, FILE *out);
/* What an operation takes: parameters, body, credentials, responses. */
void call_describe(const oas_registry *reg, const oas_operation_entry *op,
                   const char *token_env, FILE *out);

/* Write a response body to out, with a final newline when it has none:
 * as received unless pretty; pretty indents a JSON body and escapes every
 * line for a terminal (term_print.h). */
void call_print_body(const char *body, size_t len, bool pretty, FILE *out);

#endif
