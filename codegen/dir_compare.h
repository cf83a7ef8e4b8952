/* dir_compare.h - oas2c --check: does a directory hold exactly what a
 * generation writes? The generation goes to a scratch directory
 * (dir_scratch_make), which is then compared with the user's and removed. */
#ifndef OAS2C_DIR_COMPARE_H
#define OAS2C_DIR_COMPARE_H

#include <stdio.h>

/* Compares the files of fresh (a generation just made) with the files of
 * dir that the generator could have written: names that start with prefix
 * and go on with letters, digits and '_' to ".c" or ".h" (other files are
 * not its business). A missing dir counts as empty. Reports each
 * difference on report as "oas2c: DIR/NAME: differs", "missing" (in fresh
 * only) or "unexpected" (in dir only), in name order. Returns how many
 * differ, or -1 after reporting a directory or file that cannot be read. */
long dir_compare(const char *fresh, const char *dir, const char *prefix, FILE *report);

/* A new empty directory under $TMPDIR (or /tmp), in a string to free after
 * dir_scratch_remove; NULL after reporting why not on report. Should the
 * process exit before dir_scratch_remove (out of memory), the directory is
 * removed at exit. */
char *dir_scratch_make(FILE *report);
/* Removes the files directly in dir, then dir (what a generation left
 * there); returns 0 or -1. */
int dir_scratch_remove(const char *dir);

#endif
