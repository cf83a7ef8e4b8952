// rapidjson_floor.cpp - parse-only floor: a RapidJSON Document parsed and
// freed per NDJSON line (the DOM a C++ program would build), no validation.
// Bench-only (Debian rapidjson-dev, headers only).
#include <rapidjson/document.h>

#include <cstddef>

static bool parse_and_free(const char *line, size_t len)
{
    rapidjson::Document doc;
    doc.Parse(line, len);
    return !doc.HasParseError();
}

#include "../floor_main.h"
