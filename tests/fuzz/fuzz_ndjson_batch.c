/* fuzz_ndjson_batch.c - differential: the block framing of `validate
 * --ndjson --jobs N` (tools/validate_batch.c), and the line reader over a
 * whole file in memory (the small NDJSON files --jobs N hands its threads),
 * against the line reader of --jobs 1 (tools/validate_input.c) on the same
 * bytes. Every document must come out of all three with the same index,
 * line, offset, overlong verdict and bytes, and the stream must end the
 * same way.
 *
 * The first two bytes choose a tiny block size, minimum read and line
 * limit, so short inputs cross block boundaries, grow buffers, carry open
 * lines and skip overlong ones the way megabyte streams do. */
#include <string.h>

#include "fuzz_target.h"
#include "validate_batch.h"
#include "validate_input.h"

typedef struct framed {
    unsigned long line_no;
    size_t offset, len;
    const char *bytes;
    bool too_long;
} framed;

/* The reference: ndjson_reader, blank lines skipped as the CLI skips them. */
static void next_reference(ndjson_reader *r, framed *out, ndjson_event *ev)
{
    ndjson_line line;
    do
        *ev = ndjson_reader_next(r, &line);
    while (*ev == NDJSON_LINE && validate_is_blank(line.bytes, line.len));
    out->line_no = line.line_no;
    out->offset = line.offset;
    out->len = *ev == NDJSON_LINE ? line.len : 0;
    out->bytes = line.bytes;
    out->too_long = *ev == NDJSON_TOO_LONG;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0; /* fmemopen refuses an empty stream */
    size_t block = 1 + data[0] % 64, read_min = 1 + (data[0] >> 6) * 5;
    size_t max_line = 1 + data[1] % 96;
    data += 2;
    size_t len = size - 2;

    FILE *ref_fp = fmemopen((void *)data, len, "r"), *fp = fmemopen((void *)data, len, "r");
    FUZZ_CHECK(ref_fp && fp);
    ndjson_reader ref;
    ndjson_reader_init(&ref, ref_fp, max_line);
    batch_stream st;
    batch_stream_init(&st, fp, "fuzz", max_line);
    st.block_bytes = block;
    st.read_min = read_min;
    validate_batch b;
    validate_batch_init(&b);

    size_t index = 0;
    ndjson_event ev = NDJSON_LINE, ref_ev = NDJSON_LINE;
    while (ev == NDJSON_LINE) {
        ev = validate_batch_fill(&b, &st);
        FUZZ_CHECK(ev == NDJSON_LINE || ev == NDJSON_END);
        for (size_t i = 0; i < b.count; i++, index++) {
            const batch_item *it = &b.items[i];
            framed want;
            next_reference(&ref, &want, &ref_ev);
            FUZZ_CHECK(ref_ev == NDJSON_LINE || ref_ev == NDJSON_TOO_LONG);
            FUZZ_CHECK(it->index == index);
            FUZZ_CHECK(it->line_no == want.line_no);
            FUZZ_CHECK(it->offset == want.offset);
            FUZZ_CHECK(it->too_long == want.too_long);
            if (!it->too_long) {
                FUZZ_CHECK(it->len == want.len);
                FUZZ_CHECK(it->text_offset + it->len <= b.len);
                FUZZ_CHECK(want.len == 0 ||
                           memcmp(b.text + it->text_offset, want.bytes, want.len) == 0);
            }
        }
    }
    framed rest;
    next_reference(&ref, &rest, &ref_ev);
    FUZZ_CHECK(ref_ev == NDJSON_END); /* no document left in the reference */
    FUZZ_CHECK(st.bytes_read == len);

    /* the reader over the bytes in memory, against a fresh reference */
    rewind(ref_fp);
    ndjson_reader_free(&ref);
    ndjson_reader_init(&ref, ref_fp, max_line);
    ndjson_reader whole;
    ndjson_reader_init_bytes(&whole, (const char *)data, len, max_line);
    for (;;) {
        framed want, got;
        next_reference(&ref, &want, &ref_ev);
        next_reference(&whole, &got, &ev);
        FUZZ_CHECK(ev == ref_ev);
        if (ev != NDJSON_LINE && ev != NDJSON_TOO_LONG)
            break;
        FUZZ_CHECK(got.line_no == want.line_no);
        FUZZ_CHECK(got.offset == want.offset);
        FUZZ_CHECK(got.too_long == want.too_long);
        FUZZ_CHECK(got.len == want.len);
        FUZZ_CHECK(want.len == 0 || memcmp(got.bytes, want.bytes, want.len) == 0);
    }
    ndjson_reader_free(&whole);

    validate_batch_free(&b);
    batch_stream_free(&st);
    ndjson_reader_free(&ref);
    fclose(ref_fp);
    fclose(fp);
    return 0;
}
