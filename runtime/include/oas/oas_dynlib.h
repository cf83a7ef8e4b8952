/* oas_dynlib.h - a shared library's functions, loaded when first needed.
 *
 * The HTTP client loads libcurl this way (oas_http.h), and the tools'
 * mock server libmicrohttpd: a program that only validates never maps
 * them. Linked the usual way, the dynamic loader maps and relocates them
 * and their dependencies (TLS, Kerberos, LDAP, IDN...) at every start,
 * about 4 ms of CPU per process on a typical Linux system, which is most
 * of the cost of validating a small file.
 *
 * The caller describes the library once, statically, with a table of
 * correctly typed function pointers it fills:
 *
 *     static struct { __typeof__(&foo_init) init; } foo;
 *     static const char *const foo_sonames[] = {"libfoo.so.1", "libfoo.so"};
 *     static const oas_dynlib_symbol foo_symbols[] = {
 *         {"foo_init", offsetof(__typeof__(foo), init)}};
 *     static oas_dynlib foo_lib = OAS_DYNLIB_INIT(foo_sonames, foo_symbols, &foo);
 *     ...
 *     if (!oas_dynlib_load(&foo_lib)) puts(foo_lib.why);
 *
 * Loading is attempted once per process; later calls give the same
 * answer. Thread-safe. The library stays loaded until the process ends. */
#ifndef OAS_DYNLIB_H
#define OAS_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A function's name in the library and where its pointer goes in the
 * caller's table (offsetof). */
typedef struct oas_dynlib_symbol {
    const char *name;
    size_t offset;
} oas_dynlib_symbol;

typedef struct oas_dynlib {
    const char *const *sonames; /* tried in order: the versioned name first */
    size_t soname_count;
    const oas_dynlib_symbol *symbols;
    size_t symbol_count;
    void *table;                /* receives every symbol's address */
    /* Set by oas_dynlib_load(): */
    bool attempted, loaded;
    char why[256];              /* when not loaded: which library, and dlerror()'s reason */
} oas_dynlib;

#define OAS_DYNLIB_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define OAS_DYNLIB_INIT(sonames, symbols, table)                                          \
    {(sonames), OAS_DYNLIB_COUNT(sonames), (symbols), OAS_DYNLIB_COUNT(symbols), (table), \
     false, false, {0}}

/* Load lib and fill its table, the first time; true when every symbol was
 * found. On false, lib->why says why (and the table is left all NULL). */
bool oas_dynlib_load(oas_dynlib *lib);

#ifdef __cplusplus
}
#endif

#endif
