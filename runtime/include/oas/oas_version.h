/* oas_version.h - the runtime's version, and the ABI number that generated
 * code is checked against at compile time (a generated header refuses to
 * compile against a runtime with another OAS_ABI_VERSION) and at run time
 * (oas_runtime_abi()). */
#ifndef OAS_VERSION_H
#define OAS_VERSION_H

#define OAS_VERSION "0.1.0"
#define OAS_ABI_VERSION 6

#ifdef __cplusplus
extern "C" {
#endif
/* OAS_ABI_VERSION of the runtime actually linked. */
int oas_runtime_abi(void);
const char *oas_runtime_version(void);
#ifdef __cplusplus
}
#endif
#endif
