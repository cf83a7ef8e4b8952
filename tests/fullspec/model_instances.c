/* model_instances.c - one synthesized instance (codegen/emit_examples.c, the
 * mock's example generator) of every component schema of a spec, for
 * tests/fullspec/model_roundtrip.py.
 *
 * usage: model_instances SPEC
 * Each output line is NAME <tab> JSON; a component the generator cannot
 * build an instance of is left out. Exit 0, or 1 when the spec fails. */
#include <stdio.h>
#include <stdlib.h>

#include "emit_examples.h"
#include "support_spec.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s SPEC\n", argv[0]);
        return 2;
    }
    front_result r = run_front_end(argv[1], NULL, "mi_");
    if (!r.spec) {
        fprintf(stderr, "%s", r.diagnostics);
        front_result_free(&r);
        return 1;
    }
    for (size_t i = 0; i < r.spec->component_count; i++) {
        const ir_schema *s = r.spec->components[i];
        char *json = emit_example_synthesize(s, NULL);
        if (json)
            printf("%s\t%s\n", s->component_name, json);
        free(json);
    }
    front_result_free(&r);
    return 0;
}
