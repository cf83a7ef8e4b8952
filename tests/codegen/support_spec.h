/* support_spec.h - runs the generator's front end (load -> build -> resolve)
 * on a file or a string, capturing diagnostics, for the codegen tests. */
#ifndef OAS_TEST_SUPPORT_SPEC_H
#define OAS_TEST_SUPPORT_SPEC_H

#include <stddef.h>
#include "ir.h"

typedef struct front_result {
    ir_spec *spec;       /* NULL when a stage failed */
    char *diagnostics;   /* everything diag printed (malloc'd, NUL-terminated) */
    size_t errors, notes;
} front_result;

/* path: used for messages; text: the spec (NULL = read the file at path). */
front_result run_front_end(const char *path, const char *text, const char *prefix);
/* The same with build options other than the defaults. */
front_result run_front_end_with(const char *path, const char *text, const char *prefix,
                                const ir_build_options *options);
void front_result_free(front_result *r);
/* The schema at an absolute location ("#/components/schemas/A"), or NULL. */
const ir_schema *find_schema(const ir_spec *spec, const char *location);
/* Reads a whole file (malloc'd, NUL-terminated) or NULL. */
char *read_text_file(const char *path);

#endif
