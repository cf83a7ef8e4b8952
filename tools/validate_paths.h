/* validate_paths.h - what `validate`'s arguments name: "-" (standard
 * input), a file, a directory (every *.json, *.ndjson, *.jsonl and *.har
 * file below it, at any depth), or a glob quoted as CI configs write them:
 * * ? [...] through glob(3), and "**" for any number of directories, what
 * follows it matched against the end of each path below (captures/ ** / *.json
 * without the spaces). Files come in a fixed order: sorted by name, a
 * directory's files before the next name's, so two runs over the same tree
 * report alike. Symbolic links to directories are not followed (no loops).
 * An argument that names no file is an error. */
#ifndef VALIDATE_PATHS_H
#define VALIDATE_PATHS_H

#include <stdbool.h>
#include <stdio.h>

/* Called with each file; path is valid for the call only. */
typedef void (*validate_path_fn)(void *ctx, const char *path);

/* Expand arg, calling fn for each file in order; har_only (--har): a
 * directory walk picks *.har files only. false when some part could not be
 * expanded (a pattern matching nothing, an unreadable directory, out of
 * memory), after saying why on err; the files found are still passed to fn. */
bool validate_expand_arg(const char *arg, bool har_only, validate_path_fn fn, void *ctx,
                         const char *prog, FILE *err);

/* True for the names a directory walk picks: *.json, *.ndjson, *.jsonl,
 * *.har. */
bool validate_path_is_document(const char *name);
/* *.ndjson and *.jsonl are read as NDJSON, *.har as HAR captures. */
bool validate_path_is_ndjson(const char *name);
bool validate_path_is_har(const char *name);

#endif
