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
 * `want` bytes on (*last false), or the bracket that closes the array
 * (*last true; a ']', or a '}' when the text is not a well-formed array).
 * len when the text ends first. Other faults are not looked for: a parse
 * of the runs finds them. Linear in the bytes scanned, whatever they hold.
 * From the first byte of an object member's value, with want 0: the ','
 * or '}' after the value. */
size_t array_run_end(const char *b, size_t len, size_t from, size_t want, bool *last);

/* The same, and *commas the commas between items the run holds (so a run
 * of well-formed items holds *commas + 1 of them). */
size_t array_run_end_counted(const char *b, size_t len, size_t from, size_t want, bool *last,
                             size_t *commas);

/* The first byte at or after i that is not JSON whitespace, or len. */
size_t array_skip_blanks(const char *b, size_t i, size_t len);

typedef enum member_search {
    MEMBER_ABSENT,
    MEMBER_FOUND,
    MEMBER_UNSURE /* some key has an escape, the key repeats, or the text is not an object */
} member_search;

/* In the object whose '{' is at b[open], the member whose key is written
 * exactly key[0..key_len): MEMBER_FOUND with *value the index of its
 * value's first byte. Keys are compared as written, so a key holding an
 * escape, or the key given twice, leaves the answer to a parse. */
member_search array_find_member(const char *b, size_t len, size_t open, const char *key,
                                size_t key_len, size_t *value);

/* The same, but the first member with that key ends the search: the rest
 * of the object is not read, so a repeat of the key after it goes unseen
 * (for a caller that parses the rest and looks for repeats there). */
member_search array_first_member(const char *b, size_t len, size_t open, const char *key,
                                 size_t key_len, size_t *value);

#endif
