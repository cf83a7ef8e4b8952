// simdjson_floor.cpp - the parse-only floor at its fastest: simdjson's DOM
// parser over the whole NDJSON file at once (parse_many: every document fully
// parsed onto simdjson's tape, nothing built, nothing validated). Reading the
// file is timed too, as ldrest's is. Bench-only (Debian libsimdjson-dev).
// usage: simdjson_floor FILE.ndjson
// Prints `documents N invalid M seconds S` (invalid: documents simdjson
// rejected; a floor does not validate).
#include <simdjson.h>

#include <chrono>
#include <cstdio>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s FILE.ndjson\n", argv[0]);
        return 2;
    }
    auto t0 = std::chrono::steady_clock::now();
    simdjson::padded_string text;
    if (simdjson::padded_string::load(argv[1]).get(text)) {
        std::perror(argv[1]);
        return 2;
    }
    simdjson::dom::parser parser;
    simdjson::dom::document_stream docs;
    // The batch must hold the largest document; 1 MiB is simdjson's default.
    if (parser.parse_many(text, simdjson::dom::DEFAULT_BATCH_SIZE).get(docs)) {
        std::fprintf(stderr, "simdjson: cannot start parse_many\n");
        return 2;
    }
    unsigned long documents = 0, invalid = 0;
    for (auto doc : docs) {
        documents++;
        if (doc.error())
            invalid++;
    }
    auto t1 = std::chrono::steady_clock::now();
    std::printf("documents %lu invalid %lu seconds %.6f\n", documents, invalid,
                std::chrono::duration<double>(t1 - t0).count());
    return 0;
}
