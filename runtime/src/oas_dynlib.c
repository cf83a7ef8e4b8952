/* oas_dynlib.c - see oas_dynlib.h. */
#include "oas_dynlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* Loads are rare (a client created, a server started): one lock for all. */
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

static bool bind_symbols(oas_dynlib *lib, void *handle)
{
    for (size_t i = 0; i < lib->symbol_count; i++) {
        void *address = dlsym(handle, lib->symbols[i].name);
        if (!address) {
            const char *reason = dlerror();
            snprintf(lib->why, sizeof lib->why, "%s has no %s (%s)", lib->sonames[0],
                     lib->symbols[i].name, reason ? reason : "not found");
            return false;
        }
        /* POSIX: a function's address from dlsym() converts to the
           function pointer type; memcpy keeps ISO C's pedantic mode quiet. */
        memcpy((char *)lib->table + lib->symbols[i].offset, &address, sizeof address);
    }
    return true;
}

static void attempt_load(oas_dynlib *lib)
{
    void *handle = NULL;
    for (size_t i = 0; i < lib->soname_count && !handle; i++) {
        handle = dlopen(lib->sonames[i], RTLD_NOW | RTLD_LOCAL);
        if (!handle && i == 0) { /* the versioned name's reason says most; the
                                    next dlopen() would overwrite it */
            const char *reason = dlerror();
            snprintf(lib->why, sizeof lib->why, "cannot load %s: %s", lib->sonames[0],
                     reason ? reason : "not found");
        }
    }
    if (!handle)
        return;
    lib->why[0] = '\0'; /* a later name loaded */
    if (bind_symbols(lib, handle)) {
        lib->loaded = true;
        return;
    }
    for (size_t i = 0; i < lib->symbol_count; i++) /* all NULL again, as promised */
        memset((char *)lib->table + lib->symbols[i].offset, 0, sizeof(void *));
    dlclose(handle);
}

bool oas_dynlib_load(oas_dynlib *lib)
{
    pthread_mutex_lock(&load_lock);
    if (!lib->attempted) {
        lib->attempted = true;
        attempt_load(lib);
    }
    bool loaded = lib->loaded;
    pthread_mutex_unlock(&load_lock);
    return loaded;
}
