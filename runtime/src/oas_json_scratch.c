/* oas_json_scratch.c - a parse's working memory, kept from one parse of a
 * stream to the next (oas_json.h): the buffers move into the parser before
 * it runs and back after, so the parse code knows nothing of it. */
#include "oas_json_parser.h"

#include "oas_alloc.h"

struct oas_json_scratch {
    unsigned char *child_counts;
    size_t counts_cap;
    oas_json_large_count *large_counts;
    size_t large_cap;
    oas_json_member *slots;
    size_t slots_cap;
    oas_json_frame *frames;
    size_t frames_cap;
    void *dup_table;
    size_t dup_bytes;
};

oas_json_scratch *oas_json_scratch_new(void)
{
    return oas_calloc(1, sizeof(oas_json_scratch));
}

static void free_buffers(oas_json_parser *p)
{
    oas_free(p->child_counts);
    oas_free(p->large_counts);
    oas_free(p->slots);
    oas_free(p->frames);
    oas_free(p->dups.table);
}

void oas_json_scratch_free(oas_json_scratch *scratch)
{
    if (!scratch)
        return;
    oas_json_parser p = {0};
    oas_json_scratch_lend(scratch, &p);
    free_buffers(&p);
    oas_free(scratch);
}

void oas_json_scratch_lend(oas_json_scratch *scratch, oas_json_parser *p)
{
    if (!scratch)
        return;
    p->child_counts = scratch->child_counts;
    p->counts_cap = scratch->counts_cap;
    p->large_counts = scratch->large_counts;
    p->large_cap = scratch->large_cap;
    p->slots = scratch->slots;
    p->slots_cap = scratch->slots_cap;
    p->frames = scratch->frames;
    p->frames_cap = scratch->frames_cap;
    p->dups.table = scratch->dup_table;
    p->dups.bytes = scratch->dup_bytes;
    *scratch = (oas_json_scratch){0}; /* the parser owns them meanwhile */
}

/* *buf when its cap elements of size bytes are few enough to keep, else
 * freed: NULL and *cap 0. */
static void *keep_small(void *buf, size_t *cap, size_t size)
{
    if (*cap <= OAS_JSON_SCRATCH_KEEP / size)
        return buf;
    oas_free(buf);
    *cap = 0;
    return NULL;
}

void oas_json_scratch_take_back(oas_json_scratch *scratch, oas_json_parser *p)
{
    if (!scratch) {
        free_buffers(p);
        return;
    }
    scratch->counts_cap = p->counts_cap;
    scratch->child_counts = keep_small(p->child_counts, &scratch->counts_cap, 1);
    scratch->large_cap = p->large_cap;
    scratch->large_counts =
        keep_small(p->large_counts, &scratch->large_cap, sizeof *p->large_counts);
    scratch->slots_cap = p->slots_cap;
    scratch->slots = keep_small(p->slots, &scratch->slots_cap, sizeof *p->slots);
    scratch->frames_cap = p->frames_cap;
    scratch->frames = keep_small(p->frames, &scratch->frames_cap, sizeof *p->frames);
    scratch->dup_bytes = p->dups.bytes;
    scratch->dup_table = keep_small(p->dups.table, &scratch->dup_bytes, 1);
}
