/* support_generate.h - runs the whole generator (load -> build -> resolve ->
 * every emitter) on spec text into a directory, and compiles what it wrote
 * the way a user's build would, for tests that judge the generated C. */
#ifndef OAS_TEST_SUPPORT_GENERATE_H
#define OAS_TEST_SUPPORT_GENERATE_H

#include <stddef.h>

/* Strict flags a user may build the binding with; the sanitizer flags match
 * the runtime library the tests link against. */
#define GENERATED_CC "cc -std=c11 -Wall -Wextra -Werror -pedantic " OAS_TEST_CC_SANITIZE

/* The files every binding consists of, without the prefix. */
extern const char *const generated_files[7];   /* headers and sources */
extern const char *const generated_sources[4]; /* the .c files */

/* Generates into outdir with the given prefix; spec_name is the file name
 * diagnostics mention. Returns 0 when every stage succeeded; *diagnostics
 * (malloc'd) holds what the generator reported either way. */
int generate_binding(const char *spec_name, const char *text, size_t len, const char *prefix,
                     const char *outdir, char **diagnostics);

/* system() on a formatted command line; its exit status. */
int run_command(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* mkdtemp("/tmp/oas2c-<tag>-XXXXXX") into dir (at least 64 bytes). */
void make_temp_dir(char *dir, size_t cap, const char *tag);

/* Compiles <dir>/<prefix><source> for i = 0..3 into <dir>/<i>.o with
 * GENERATED_CC; returns the index of the first that fails, or -1. */
int compile_generated_sources(const char *dir, const char *prefix);

/* Links a test program from <dir>/<program>.c, the generated objects and
 * the runtime into <dir>/<program>; its exit status. */
int link_generated_program(const char *dir, const char *program);

#endif
