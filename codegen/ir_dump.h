/* ir_dump.h - a readable listing of a resolved IR (oas2c --dump-ir), for
 * people writing emitters and for tests. */
#ifndef OAS2C_IR_DUMP_H
#define OAS2C_IR_DUMP_H

#include <stdio.h>
#include "ir.h"

const char *ir_ckind_name(ir_ckind k);
/* One line per schema, then one per operation, then a summary line. */
void ir_dump(const ir_spec *spec, FILE *out);

#endif
