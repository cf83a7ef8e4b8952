/* validate_ci_output.h - `validate`'s verdicts for CI tools (the per-
 * document parts; validate_cli.c writes the beginning and the end):
 *
 * junit (one <testsuite>; a <testcase> per document named FILE, or
 * FILE:LINE for an NDJSON line; a <failure> per invalid document listing
 * its violations, an <error> per malformed one):
 *   <?xml version="1.0" encoding="UTF-8"?>
 *   <testsuite name="PROG" tests="N" failures="I" errors="M">
 *     <testcase classname="FILE" name="FILE:LINE"><failure type="schema"
 *      message="2 errors">FILE:LINE:COL: POINTER: MESSAGE ...</failure>
 *      <system-out>FILE:LINE:COL: warning: POINTER: MESSAGE ...</system-out></testcase>
 *   </testsuite>
 * sarif (SARIF 2.1.0; one result per violation, ruleId the keyword; level
 * "warning" for a warning, whose schemaPath is null):
 *   {"$schema":...,"version":"2.1.0","runs":[{"results":[RESULT,...],
 *    "tool":{"driver":{"name":PROG,"version":V,"rules":[{"id":KEYWORD},...]}}}]}
 *   RESULT: {"ruleId":K,"level":"error","message":{"text":"POINTER: MESSAGE"},
 *    "locations":[{"physicalLocation":{"artifactLocation":{"uri":FILE},
 *    "region":{"startLine":L,"startColumn":C}},"logicalLocations":
 *    [{"fullyQualifiedName":POINTER,"kind":"object"}]}],
 *    "properties":{"instancePath":P,"schemaPath":S}}
 * github (workflow commands, one line each):
 *   ::error file=FILE,line=L,col=C::POINTER: MESSAGE
 *   ::warning file=FILE,line=L,col=C::POINTER: MESSAGE      a warning
 *   ::warning file=FILE,line=L::N more errors not shown (--max-errors M)
 *
 * Everything from the input is escaped for its context: XML through
 * oas_buf_xml_text, JSON through oas_buf_json_string, workflow commands by
 * GitHub's rules (% CR LF, and , : in properties) with every other control
 * character escaped as on a terminal. */
#ifndef VALIDATE_CI_OUTPUT_H
#define VALIDATE_CI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include "oas_buf.h"
#include "oas_validate.h"
#include "validate_doc.h"
#include "validate_output.h"

/* Rendered per document (on worker threads too): */
void ci_output_verdict(validate_format fmt, const validate_doc *doc, const oas_report *errors,
                       const oas_report *warnings, size_t max_errors, oas_buf *out);
void ci_output_malformed(validate_format fmt, const validate_doc *doc,
                         const validate_failure *f, oas_buf *out);

/* SARIF results are rendered each as ",\n{...}"; the first one written
 * must drop its comma (validate_cli.c does). */
#define CI_SARIF_SEPARATOR ','

/* Pieces the HAR renderings share (validate_har_output.c). */

/* '  <testcase classname="CLASS" name="NAME"' (escaped; the caller ends
 * the tag). */
void ci_junit_case_open(oas_buf *out, const char *classname, const char *name, size_t name_len);

/* One SARIF result, its separator first. */
typedef struct ci_sarif_result {
    const char *rule, *level; /* level: "error" or "warning" */
    const char *text;         /* the message */
    size_t text_len;
    const char *source;
    unsigned long line, column;
    const char *pointer;      /* NULL: no logical location, no properties */
    const char *schema_path;  /* properties.schemaPath with pointer; NULL: null */
} ci_sarif_result;
void ci_sarif_write(oas_buf *out, const ci_sarif_result *r);

/* A buffer's text, or "" when it failed (out then fails too). */
const char *ci_buf_text(oas_buf *text, oas_buf *out);

/* "::COMMAND file=F,line=L[,col=C]::TEXT" and a newline, escaped. */
void ci_github_line(oas_buf *out, const char *command, const char *source, unsigned long line,
                    const unsigned long *column, const char *text, size_t len);

/* Before the first document: SARIF's head. */
void ci_output_begin(validate_format fmt, FILE *fp);
/* After the last: JUnit's <testsuite> head (it carries the counts), the
 * testcases written so far to body, its end; SARIF's end with the tool and
 * its rules. false when body could not be read back. */
bool ci_output_end(validate_format fmt, const char *prog, const validate_stats *stats,
                   bool quiet, FILE *body, FILE *fp);

#endif
