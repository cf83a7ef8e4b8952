/* strmap.h - a hash map from byte strings to pointers, for the generator's
 * lookups (anchors, schema locations, names in use). Keys are copied. */
#ifndef OAS2C_STRMAP_H
#define OAS2C_STRMAP_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct strmap strmap;

strmap *strmap_new(void);
/* A map with room for `keys` keys before it first grows (a big map that
 * grows from 16 slots rehashes and clears its table a dozen times). */
strmap *strmap_new_sized(size_t keys);
void strmap_free(strmap *m);
void *strmap_get(const strmap *m, const char *key, size_t len);
bool strmap_has(const strmap *m, const char *key, size_t len);
/* Inserts or replaces; returns true when the key was new. */
bool strmap_put(strmap *m, const char *key, size_t len, void *value);

/* For callers that test a key and then insert it (naming.c): hash once,
 * pass the hash to both calls. */
uint64_t strmap_hash(const char *key, size_t len);
bool strmap_has_hashed(const strmap *m, const char *key, size_t len, uint64_t hash);
bool strmap_put_hashed(strmap *m, const char *key, size_t len, uint64_t hash, void *value);
/* Starts loading the slot a key of this hash is looked for in, so that a
 * caller about to look up several keys of a big map waits for their
 * cache misses together rather than one after another. */
void strmap_prefetch(const strmap *m, uint64_t hash);

#endif
