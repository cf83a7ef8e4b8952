/* cmd_validate.c - `ldrest validate`: the generic validate command bound to
 * the LaunchDarkly registry. Without --operation or --schema, documents are
 * checked as 200 responses of getInsightsScores, the endpoint `ldrest
 * scores` fetches, as ldrest did before it bound the whole API. */
#include "commands.h"
#include "ld_validate.h"
#include "validate_cli.h"

int cmd_validate(int argc, char **argv)
{
    return oas_cli_validate_default(&ld_registry, "ldrest validate", "getInsightsScores", argc, argv);
}
