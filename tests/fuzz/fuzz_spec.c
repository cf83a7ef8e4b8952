/* fuzz_spec.c - target 3: bytes as a spec through the generator's front end
 * (ydoc_load_buffer -> ir_build -> ir_resolve), diagnostics to /dev/null.
 *
 * Properties: no crash, no leak, no hang; every failing stage reported at
 * least one error (a broken spec never fails silently). */
#include "diag.h"
#include "fuzz_target.h"
#include "ir.h"
#include "ynode.h"

static FILE *devnull(void)
{
    static FILE *f;
    if (!f)
        f = fopen("/dev/null", "w");
    FUZZ_CHECK(f != NULL);
    return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag d;
    diag_init(&d, devnull());
    ydoc *doc = ydoc_load_buffer("fuzz.yaml", (const char *)data, size, &d);
    if (!doc) {
        FUZZ_CHECK(d.errors > 0);
        return 0;
    }
    ir_spec *spec = ir_build(doc, "fz_", &d);
    ydoc_free(doc);
    if (!spec) {
        FUZZ_CHECK(d.errors > 0);
        return 0;
    }
    if (ir_resolve(spec, &d) != 0)
        FUZZ_CHECK(d.errors > 0);
    ir_spec_free(spec);
    return 0;
}
