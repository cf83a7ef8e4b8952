/* array_runs.h - where to cut the text of a JSON array into runs of whole
 * items (validate_parts.h reads a large array a run at a time), without
 * parsing it: only strings, brackets and the commas between items are
 * looked at. */
#ifndef ARRAY_RUNS_H
#define ARRAY_RUNS_H

#include <stdbool.h>
#include <stddef.h>

/* From `from` (just past the array's '[' or a ',' between its items) in
 * b[0..len), the end of the next run: the first ',' between items at least
 * `want` bytes on (*last false), or the array's closing ']' (*last true).
 * len when the text ends first or a '}' closes the array: not a
 * well-formed array. Other faults are not looked for: a parse of the runs
 * finds them. Linear in the bytes scanned, whatever they hold. */
size_t array_run_end(const char *b, size_t len, size_t from, size_t want, bool *last);

#endif
