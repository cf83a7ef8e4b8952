// valijson_validate.cpp - the C++ validator peer: valijson (Debian
// libvalijson-dev, headers only) with its RapidJSON adapter. The schema is
// parsed once (as draft 7: valijson 1.0 knows drafts 3, 4 and 7; the
// exported InsightScores schema uses only keywords with the same meaning
// there: type, properties, required, items, additionalProperties, $ref into
// $defs, format); then per NDJSON line a RapidJSON Document is parsed and
// validated collecting all errors (as ajv's allErrors).
// valijson ignores formats it does not know (int64, int32): out-of-range
// integers pass; the corpus has none, the driver checks the invalid count.
#include <rapidjson/document.h>
#include <valijson/adapters/rapidjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <cstddef>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

static valijson::Schema schema;

static bool parse_and_free(const char *line, size_t len)
{
    rapidjson::Document doc;
    doc.Parse(line, len);
    if (doc.HasParseError())
        return false;
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::RapidJsonAdapter adapter(doc);
    return validator.validate(schema, adapter, &results);
}

static bool floor_setup(const char *schema_path)
{
    std::ifstream in(schema_path);
    std::stringstream text;
    text << in.rdbuf();
    rapidjson::Document doc;
    doc.Parse(text.str().c_str());
    if (!in || doc.HasParseError()) {
        std::fprintf(stderr, "%s: cannot read the schema\n", schema_path);
        return false;
    }
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::RapidJsonAdapter adapter(doc);
    parser.populateSchema(adapter, schema);
    return true;
}

#define FLOOR_TAKES_SCHEMA 1
#include "../floor_main.h"
