/* emit_parts.c - one generated source as several files that compile in
 * parallel (oas2c --parts N). A C compiler's time grows with the functions
 * and lines of a file, and a big spec's validators are one file that takes
 * longer than everything else together; cut in parts, a build with N jobs
 * spreads it. The cut only depends on the items' order and text, so the
 * same spec always gives the same files. */
#include <stdlib.h>
#include <string.h>
#include "emit.h"
#include "oc_alloc.h"

/* The stream's bytes so far, in items->buf_len. */
static void flush_items(emit_items *items)
{
    if (fflush(items->open) != 0)
        oc_out_of_memory(); /* a memory stream fails for nothing else */
}

FILE *emit_item_begin(emit_items *items)
{
    if (!items->open) {
        items->buf = NULL;
        items->buf_len = 0;
        items->open = open_memstream(&items->buf, &items->buf_len);
        if (!items->open)
            oc_out_of_memory();
    }
    flush_items(items);
    oc_grow(&items->v, &items->cap, items->count, sizeof *items->v);
    items->v[items->count] = (emit_item){NULL, items->buf_len, 0, 0, 0};
    return items->open;
}

void emit_item_end(emit_items *items, size_t functions)
{
    flush_items(items);
    emit_item *it = &items->v[items->count++];
    it->len = items->buf_len - it->offset;
    it->weight = it->len + functions * items->function_weight;
}

/* Contiguous runs: an item goes to the part its weight's midpoint falls in,
 * so each part gets about total/parts and the parts follow the items'
 * order (callers and callees that sit together mostly stay together). */
void emit_items_split(emit_items *items, unsigned parts)
{
    if (parts < 1)
        parts = 1;
    if (items->open && fclose(items->open) != 0)
        oc_out_of_memory();
    items->open = NULL;
    for (size_t i = 0; i < items->count; i++)
        items->v[i].text = items->buf + items->v[i].offset;
    unsigned long long total = 0, before = 0;
    for (size_t i = 0; i < items->count; i++)
        total += items->v[i].weight;
    for (size_t i = 0; i < items->count; i++) {
        unsigned long long mid = before + items->v[i].weight / 2;
        unsigned part = total ? (unsigned)(mid * parts / total) : 0;
        items->v[i].part = part < parts ? part : parts - 1;
        before += items->v[i].weight;
    }
}

void emit_items_free(emit_items *items)
{
    if (items->open)
        fclose(items->open);
    free(items->buf);
    free(items->v);
    memset(items, 0, sizeof *items);
}

void emit_part_name(char *buf, size_t cap, const char *stem, unsigned part)
{
    if (part == 0)
        snprintf(buf, cap, "%s.c", stem);
    else
        snprintf(buf, cap, "%s_part%u.c", stem, part + 1);
}
