/* oas_version.c - what the linked runtime is, for the generated ABI check. */
#include "oas_version.h"

int oas_runtime_abi(void) { return OAS_ABI_VERSION; }

const char *oas_runtime_version(void) { return OAS_VERSION; }
