/* support_crafted_keys.h - object keys for the duplicate-key tests and the
 * `keys` benchmark (bench/keys_bench.c): ordinary keys, and keys crafted
 * against the duplicate detector the runtime used to have (FNV-1a with a
 * fixed seed, linear probing in a power-of-two table at most half full),
 * which all land in one small window of that table so that every insertion
 * walks the whole cluster the earlier ones built.
 *
 * Keys are CRAFTED_KEY_LEN characters of [0-9a-v] (no JSON escaping
 * needed), distinct within one call, stored back to back: key i is
 * keys + i * CRAFTED_KEY_LEN. Buffers come from malloc; free them with
 * free(); NULL when out of memory. */
#ifndef SUPPORT_CRAFTED_KEYS_H
#define SUPPORT_CRAFTED_KEYS_H

#include <stddef.h>
#include <stdint.h>

#define CRAFTED_KEY_LEN 12

/* The old detector's table slot of a key in an object of `members` members. */
size_t crafted_keys_old_slot(const char *key, size_t len, size_t members);

/* `count` distinct keys in no particular pattern. */
char *crafted_keys_ordinary(size_t count);

/* `count` distinct keys whose old slot, for an object of `members` members,
 * is below 1/64 of the old table's size. */
char *crafted_keys_colliding(size_t count, size_t members);

/* The JSON text {"key0":0,"key1":1,...}; when repeat_of < count, one more
 * member at the end repeats key repeat_of. *out_len is the text's length
 * (NUL-terminated too). */
char *crafted_keys_object(const char *keys, size_t count, size_t repeat_of, size_t *out_len);

#endif
