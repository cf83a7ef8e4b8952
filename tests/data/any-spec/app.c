/* A user's program on the petstore binding (tests/cli/any_spec.sh). */
#include <stdio.h>
#include "ps_model.h"

int main(int argc, char **argv)
{
    static char buf[1 << 16];
    FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
    size_t len = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f)
        fclose(f);
    ps_pet pet;
    oas_error err;
    if (ps_pet_parse(buf, len, &pet, &err) != OAS_OK) {
        fprintf(stderr, "%s at '%s'\n", err.message, err.pointer);
        return 1;
    }
    printf("%s (#%lld) is a %s, tag %s\n", pet.name, (long long)pet.id,
           pet.kind.tag == PS_PET_KIND_DOG ? "dog" : "cat",
           pet.tag_is_null ? "null" : pet.tag ? pet.tag : "absent");
    ps_pet_free(&pet);
    return 0;
}
