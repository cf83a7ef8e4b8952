/* overlay.c - loading and checking Overlay 1.0 documents, and applying
 * their actions in order (the edits are in overlay_edit.c). */
#include "overlay.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpath.h"
#include "oc_alloc.h"
#include "overlay_edit.h"

typedef struct overlay_action {
    const ynode *target;   /* the target string, where messages point */
    const ynode *update;   /* NULL: remove: true */
    jsonpath *query;
} overlay_action;

struct overlay {
    ydoc *doc;
    overlay_action *actions;
    size_t count;
};

/* Targets longer than this are not quoted in messages. */
#define QUOTED_TARGET_MAX 100

static void error_at(diag *d, const ydoc *doc, const ynode *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void error_at(diag *d, const ydoc *doc, const ynode *at, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(d, doc->path, at->line, at->col, "%s", msg);
}

static bool key_is(const ynode *key, const char *name)
{
    return key->len == strlen(name) && memcmp(key->str, name, key->len) == 0;
}

static bool is_extension(const ynode *key)
{
    return key->len >= 2 && key->str[0] == 'x' && key->str[1] == '-';
}

static bool is_string(const ynode *n)
{
    return n && n->kind == YN_SCALAR && n->stype == YS_STRING;
}

/* Keys other than the allowed ones and x-... are errors (Overlay 1.0 has
 * no other fields, and a misspelt "remove" must not pass unnoticed). */
static void check_keys(const ydoc *doc, const ynode *map, const char *const *allowed,
                       const char *where, const char *list, diag *d)
{
    for (size_t i = 0; i < map->count; i++) {
        const ynode *key = map->keys[i];
        bool known = is_extension(key);
        for (size_t k = 0; allowed[k] && !known; k++)
            known = key_is(key, allowed[k]);
        if (!known)
            error_at(d, doc, key, "unknown key \"%s\" in %s (%s and x-... are allowed)", key->str,
                     where, list);
    }
}

/* "1.0." and digits. */
static bool is_version_1_0(const ynode *n)
{
    if (!n || n->kind != YN_SCALAR || n->len < 5 || strncmp(n->str, "1.0.", 4) != 0)
        return false;
    for (size_t i = 4; i < n->len; i++)
        if (n->str[i] < '0' || n->str[i] > '9')
            return false;
    return true;
}

static void check_info(const ydoc *doc, const ynode *info, diag *d)
{
    if (info->kind != YN_MAP) {
        error_at(d, doc, info, "\"info\" must be a mapping with title and version");
        return;
    }
    static const char *const allowed[] = {"title", "version", NULL};
    check_keys(doc, info, allowed, "info", "title, version", d);
    static const char *const required[] = {"title", "version"};
    for (size_t i = 0; i < 2; i++) {
        const ynode *v = ynode_get(info, required[i]);
        if (!v)
            error_at(d, doc, info, "missing \"info.%s\"", required[i]);
        else if (v->kind != YN_SCALAR || v->stype == YS_NULL)
            error_at(d, doc, v, "\"info.%s\" must be a string", required[i]);
    }
}

/* "at character N" counts characters, not bytes. */
static size_t character_number(const char *s, size_t offset)
{
    size_t n = 1;
    for (size_t i = 0; i < offset; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static void target_error(const ydoc *doc, const ynode *target, const jsonpath_error *err,
                         bool positioned, diag *d)
{
    char where[64] = "";
    if (positioned)
        snprintf(where, sizeof where, " at character %zu",
                 character_number(target->str, err->offset));
    if (target->len <= QUOTED_TARGET_MAX && strlen(target->str) == target->len)
        error_at(d, doc, target, "target \"%s\"%s: %s", target->str, where, err->message);
    else
        error_at(d, doc, target, "target%s: %s", where, err->message);
}

static void check_action(overlay *ov, const ynode *action, diag *d)
{
    const ydoc *doc = ov->doc;
    if (action->kind != YN_MAP) {
        error_at(d, doc, action,
                 "an action must be a mapping with a target and update or remove: true");
        return;
    }
    static const char *const allowed[] = {"target", "description", "update", "remove", NULL};
    check_keys(doc, action, allowed, "an action", "target, description, update, remove", d);
    const ynode *target = ynode_get(action, "target");
    const ynode *description = ynode_get(action, "description");
    const ynode *update = ynode_get(action, "update");
    const ynode *remove = ynode_get(action, "remove");
    if (description && description->kind != YN_SCALAR)
        error_at(d, doc, description, "\"description\" must be a string");
    bool removes = false;
    if (remove && (remove->kind != YN_SCALAR || remove->stype != YS_BOOL))
        error_at(d, doc, remove, "\"remove\" must be true or false");
    else if (remove)
        removes = remove->str[0] == 't' || remove->str[0] == 'T';
    if (removes && update)
        error_at(d, doc, action, "an action has update or remove: true, not both");
    else if (!removes && !update)
        error_at(d, doc, action, "an action needs update or remove: true");
    if (!target) {
        error_at(d, doc, action, "an action needs a target (a JSONPath query)");
        return;
    }
    if (!is_string(target)) {
        error_at(d, doc, target, "\"target\" must be a JSONPath string such as $.paths");
        return;
    }
    jsonpath_error err;
    jsonpath *query = jsonpath_parse(target->str, target->len, &err);
    if (!query) {
        target_error(doc, target, &err, true, d);
        return;
    }
    ov->actions[ov->count++] = (overlay_action){target, removes ? NULL : update, query};
}

/* Checks the document; fills ov->actions from the valid actions. */
static void check_overlay(overlay *ov, diag *d)
{
    const ydoc *doc = ov->doc;
    const ynode *root = doc->root;
    if (root->kind != YN_MAP) {
        error_at(d, doc, root, "an overlay must be a mapping (overlay, info, actions)");
        return;
    }
    static const char *const allowed[] = {"overlay", "info", "extends", "actions", NULL};
    check_keys(doc, root, allowed, "the overlay", "overlay, info, extends, actions", d);
    const ynode *version = ynode_get(root, "overlay");
    if (!version)
        error_at(d, doc, root,
                 "missing \"overlay\": the Overlay version this document follows (overlay: 1.0.0)");
    else if (version->kind != YN_SCALAR)
        error_at(d, doc, version, "\"overlay\" must be a version such as 1.0.0");
    else if (!is_version_1_0(version))
        error_at(d, doc, version, "unsupported Overlay version \"%s\" (1.0.x needed)", version->str);
    const ynode *info = ynode_get(root, "info");
    if (!info)
        error_at(d, doc, root, "missing \"info\" (with title and version)");
    else
        check_info(doc, info, d);
    const ynode *extends = ynode_get(root, "extends");  /* informational: not fetched */
    if (extends && !is_string(extends))
        error_at(d, doc, extends, "\"extends\" must be a URL string");
    const ynode *actions = ynode_get(root, "actions");
    if (!actions) {
        error_at(d, doc, root, "missing \"actions\" (what the overlay changes)");
        return;
    }
    if (actions->kind != YN_SEQ || actions->count == 0) {
        error_at(d, doc, actions, "\"actions\" must be a sequence of at least one action");
        return;
    }
    ov->actions = oc_calloc(actions->count, sizeof *ov->actions);
    for (size_t i = 0; i < actions->count; i++)
        check_action(ov, actions->items[i], d);
}

static overlay *finish_load(ydoc *doc, diag *d)
{
    if (!doc)
        return NULL;
    size_t errors_before = d->errors;
    overlay *ov = oc_calloc(1, sizeof *ov);
    ov->doc = doc;
    check_overlay(ov, d);
    if (d->errors > errors_before) {
        overlay_free(ov);
        return NULL;
    }
    return ov;
}

overlay *overlay_load_file(const char *path, diag *d)
{
    return finish_load(ydoc_load_file(path, d), d);
}

overlay *overlay_load_buffer(const char *path, const char *data, size_t len, diag *d)
{
    return finish_load(ydoc_load_buffer(path, data, len, d), d);
}

/* The action's target on the spec as it is now; false after an error. */
static bool select_target(const overlay *ov, const overlay_action *a, ydoc *spec,
                          jsonpath_result *sel, diag *d)
{
    jsonpath_error err;
    if (jsonpath_select(a->query, spec->root, sel, &err) == 0)
        return true;
    target_error(ov->doc, a->target, &err, false, d);
    return false;
}

int overlay_apply(const overlay *ov, ydoc *spec, diag *d)
{
    size_t errors_before = d->errors;
    tree_edit ed;
    edit_init(&ed, spec, ov->doc, d);
    for (size_t i = 0; i < ov->count && !ed.failed; i++) {
        const overlay_action *a = &ov->actions[i];
        jsonpath_result sel;
        if (!select_target(ov, a, spec, &sel, d))
            break;
        if (sel.count == 0) {
            /* Overlay 1.0: not an error; said, since it is often a typo. */
            if (a->target->len <= QUOTED_TARGET_MAX)
                diag_note(d, ov->doc->path, a->target->line, a->target->col,
                          "target \"%s\" selects nothing; the action changes nothing",
                          a->target->str);
            else
                diag_note(d, ov->doc->path, a->target->line, a->target->col,
                          "the target selects nothing; the action changes nothing");
            jsonpath_result_free(&sel);
            continue;
        }
        if (edit_analyse(&ed, &sel)) {
            edit_unshare(&ed, &sel, a->target);
            jsonpath_result_free(&sel);
            if (ed.failed || !select_target(ov, a, spec, &sel, d))
                break;
            edit_analyse(&ed, &sel);
        }
        if (a->update)
            edit_update(&ed, &sel, a->target, a->update);
        else
            edit_remove(&ed, &sel, a->target);
        jsonpath_result_free(&sel);
        if (!ed.failed && a->update && edit_too_deep(&ed, OVERLAY_MAX_DEPTH)) {
            ed.failed = true;
            diag_error(d, ov->doc->path, a->target->line, a->target->col,
                       "after this action the spec nests deeper than the limit of %u levels",
                       OVERLAY_MAX_DEPTH);
        }
    }
    edit_free(&ed);
    return d->errors > errors_before ? -1 : 0;
}

const char *overlay_path(const overlay *ov)
{
    return ov->doc->path;
}

const char *overlay_sha256(const overlay *ov)
{
    return ov->doc->sha256;
}

void overlay_free(overlay *ov)
{
    if (!ov)
        return;
    for (size_t i = 0; i < ov->count; i++)
        jsonpath_free(ov->actions[i].query);
    free(ov->actions);
    ydoc_free(ov->doc);
    free(ov);
}
