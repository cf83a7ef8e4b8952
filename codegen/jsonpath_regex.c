/* jsonpath_regex.c - I-Regexp (RFC 9485), the pattern language of
 * match() and search(), translated to POSIX extended regular expressions.
 *
 * The two differ where a plain pass-through would be wrong: I-Regexp has
 * no anchors ('^' and '$' are ordinary characters), '.' matches one
 * character but not CR or LF, and classes use backslash escapes, which
 * POSIX brackets do not know. regcomp runs in the C locale (oas2c never
 * calls setlocale), so it sees bytes: '.' and negated classes become
 * alternations that match a whole UTF-8 sequence. \p{..} and non-ASCII
 * characters inside [...] would need Unicode tables and are refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpath_ast.h"
#include "oc_alloc.h"

/* Nested groups recurse; patterns can come from the document. */
#define IREGEXP_MAX_GROUP_DEPTH 64

/* One character other than CR and LF: an ASCII byte, or a lead byte and
 * its continuation bytes. */
#define ERE_ANY_CHAR "([^\n\r\x80-\xFF]|[\xC0-\xFF][\x80-\xBF]*)"
#define ERE_NON_ASCII_CHAR "[\xC0-\xFF][\x80-\xBF]*"

typedef struct translator {
    const unsigned char *s;
    size_t len, pos;
    char *out;
    size_t out_len, out_cap;
    char *why;
    size_t why_cap;
    bool failed;
    unsigned depth;
} translator;

static void fail(translator *t, const char *msg, int c)
{
    if (t->failed)
        return;
    t->failed = true;
    if (c > 0x20 && c < 0x7f)
        snprintf(t->why, t->why_cap, "I-Regexp: %s ('%c' at character %zu)", msg, c, t->pos + 1);
    else
        snprintf(t->why, t->why_cap, "I-Regexp: %s (at character %zu)", msg, t->pos + 1);
}

static void emit(translator *t, const char *s, size_t n)
{
    oc_grow(&t->out, &t->out_cap, t->out_len + n + 1, 1);
    memcpy(t->out + t->out_len, s, n);
    t->out_len += n;
    t->out[t->out_len] = '\0';
}

static void emit_str(translator *t, const char *s)
{
    emit(t, s, strlen(s));
}

static void emit_char(translator *t, char c)
{
    emit(t, &c, 1);
}

static int peek(const translator *t)
{
    return t->pos < t->len ? t->s[t->pos] : -1;
}

/* Length of the UTF-8 sequence at pos, 0 if malformed. */
static size_t utf8_len(const translator *t)
{
    unsigned char c = t->s[t->pos];
    size_t need = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (need == 0 || t->pos + need > t->len)
        return 0;
    for (size_t i = 1; i < need; i++)
        if ((t->s[t->pos + i] & 0xC0) != 0x80)
            return 0;
    return need;
}

/* ---- character classes ----------------------------------------------- */

/* One class character (after "[" or "-"), escapes decoded; -1 after fail. */
static int class_char(translator *t)
{
    int c = peek(t);
    if (c < 0) {
        fail(t, "[ without ]", c);
        return -1;
    }
    if (c == '\\') {
        t->pos++;
        int e = peek(t);
        if (e == 'p' || e == 'P') {
            fail(t, "\\p{..} and \\P{..} character properties are not supported", -1);
            return -1;
        }
        t->pos++;
        if (e == 'n')
            return '\n';
        if (e == 'r')
            return '\r';
        if (e == 't')
            return '\t';
        if (e > 0 && strchr("()*+-.?[\\]^{|}", e))
            return e;
        fail(t, "invalid escape", e);
        return -1;
    }
    if (c == '[' || c == '-') {
        fail(t, "inside [...] this character must be escaped", c);
        return -1;
    }
    if (c == 0 || c >= 0x80) {
        fail(t, c ? "characters beyond ASCII inside [...] are not supported"
                  : "NUL characters are not supported",
             -1);
        return -1;
    }
    t->pos++;
    return c;
}

/* POSIX bracket content for the members (ASCII, never NUL): ']' first,
 * '[' '^' '-' last, so none of them reads as syntax. */
static void bracket_content(translator *t, const bool member[128], bool negated)
{
    if (member[']'])
        emit_char(t, ']');
    for (int c = 1; c < 128;) {
        bool plain = member[c] && c != ']' && c != '^' && c != '-' && c != '[';
        if (!plain) {
            c++;
            continue;
        }
        int end = c;
        while (end + 1 < 128 && member[end + 1] && end + 1 != ']' && end + 1 != '^' &&
               end + 1 != '-' && end + 1 != '[')
            end++;
        if (end - c >= 2) {
            emit_char(t, (char)c);
            emit_char(t, '-');
            emit_char(t, (char)end);
        } else {
            for (int k = c; k <= end; k++)
                emit_char(t, (char)k);
        }
        c = end + 1;
    }
    if (negated)
        emit_str(t, "\x80-\xFF");
    if (member['['])
        emit_char(t, '[');
    if (member['^'])
        emit_char(t, '^');
    if (member['-'])
        emit_char(t, '-');
}

static void translate_class(translator *t)
{
    bool member[128] = {false};
    t->pos++;  /* '[' */
    bool negated = peek(t) == '^';
    if (negated)
        t->pos++;
    for (bool first = true;; first = false) {
        int c = peek(t);
        if (c == ']' && !first) {
            t->pos++;
            break;
        }
        if (c == ']') {
            fail(t, "empty [] (escape ']' as \\])", -1);
            return;
        }
        if (c == '-' && (first || (t->pos + 1 < t->len && t->s[t->pos + 1] == ']'))) {
            member['-'] = true;
            t->pos++;
            continue;
        }
        int lo = class_char(t);
        if (lo < 0)
            return;
        int hi = lo;
        if (peek(t) == '-' && t->pos + 1 < t->len && t->s[t->pos + 1] != ']') {
            t->pos++;
            hi = class_char(t);
            if (hi < 0)
                return;
            if (hi < lo) {
                fail(t, "range out of order", -1);
                return;
            }
        }
        for (int k = lo; k <= hi; k++)
            member[k] = true;
    }
    if (negated) {
        /* Also any non-ASCII character, as one unit. */
        emit_str(t, "([^");
        bracket_content(t, member, true);
        emit_str(t, "]|" ERE_NON_ASCII_CHAR ")");
        return;
    }
    size_t mark = t->out_len;
    emit_char(t, '[');
    bracket_content(t, member, false);
    emit_char(t, ']');
    /* "[^]" or "[^-]" would read as negations. */
    if (t->out[mark + 1] == '^') {
        t->out_len = mark;
        emit_str(t, member['-'] ? "[-^]" : "\\^");
    }
}

/* ---- branches, pieces, atoms ------------------------------------------ */

static void translate_alternation(translator *t);

static void translate_escape(translator *t)
{
    t->pos++;  /* '\' */
    int e = peek(t);
    if (e == 'p' || e == 'P') {
        fail(t, "\\p{..} and \\P{..} character properties are not supported", -1);
        return;
    }
    if (e < 0) {
        fail(t, "\\ at the end", -1);
        return;
    }
    t->pos++;
    if (e == 'n')
        emit_char(t, '\n');
    else if (e == 'r')
        emit_char(t, '\r');
    else if (e == 't')
        emit_char(t, '\t');
    else if (strchr("()*+.?[\\^{|", e)) {
        emit_char(t, '\\');
        emit_char(t, (char)e);
    } else if (strchr("-]}", e)) {
        emit_char(t, (char)e);  /* not special outside brackets in POSIX */
    } else {
        fail(t, "invalid escape", e);
    }
}

static void translate_atom(translator *t)
{
    int c = peek(t);
    if (c == '(') {
        if (++t->depth > IREGEXP_MAX_GROUP_DEPTH) {
            fail(t, "groups nested too deeply", -1);
            return;
        }
        t->pos++;
        emit_char(t, '(');
        translate_alternation(t);
        if (t->failed)
            return;
        if (peek(t) != ')') {
            fail(t, "( without )", -1);
            return;
        }
        t->pos++;
        t->depth--;
        emit_char(t, ')');
    } else if (c == '.') {
        t->pos++;
        emit_str(t, ERE_ANY_CHAR);
    } else if (c == '[') {
        translate_class(t);
    } else if (c == '\\') {
        translate_escape(t);
    } else if (c == '*' || c == '+' || c == '?' || c == '{') {
        fail(t, "nothing to repeat", c);
    } else if (c == ')' || c == ']' || c == '}') {
        fail(t, "unmatched character (escape it)", c);
    } else if (c == '^' || c == '$') {
        t->pos++;
        emit_char(t, '\\');  /* anchors in POSIX, ordinary characters in I-Regexp */
        emit_char(t, (char)c);
    } else if (c == 0) {
        fail(t, "NUL characters are not supported", -1);
    } else if (c < 0x80) {
        t->pos++;
        emit_char(t, (char)c);
    } else {
        size_t n = utf8_len(t);
        if (!n) {
            fail(t, "a byte that is not UTF-8", -1);
            return;
        }
        /* Grouped, so that a quantifier repeats the whole character. */
        emit_char(t, '(');
        emit(t, (const char *)t->s + t->pos, n);
        emit_char(t, ')');
        t->pos += n;
    }
}

static bool read_count(translator *t, char *buf, size_t cap)
{
    size_t n = 0;
    while (peek(t) >= '0' && peek(t) <= '9') {
        if (n + 1 >= cap) {
            fail(t, "repetition count too large", -1);
            return false;
        }
        buf[n++] = (char)peek(t);
        t->pos++;
    }
    buf[n] = '\0';
    return n > 0;
}

static void translate_quantifier(translator *t)
{
    int c = peek(t);
    if (c == '*' || c == '+' || c == '?') {
        t->pos++;
        emit_char(t, (char)c);
        return;
    }
    if (c != '{')
        return;
    t->pos++;
    char lo[8], hi[8] = "";
    if (!read_count(t, lo, sizeof lo)) {
        fail(t, "{ needs a count", -1);
        return;
    }
    bool comma = peek(t) == ',';
    if (comma) {
        t->pos++;
        read_count(t, hi, sizeof hi);
    }
    if (t->failed)
        return;
    if (peek(t) != '}') {
        fail(t, "{ without }", -1);
        return;
    }
    t->pos++;
    emit_char(t, '{');
    emit_str(t, lo);
    if (comma) {
        emit_char(t, ',');
        emit_str(t, hi);
    }
    emit_char(t, '}');
}

static void translate_branch(translator *t)
{
    while (!t->failed && peek(t) >= 0 && peek(t) != '|' && peek(t) != ')') {
        translate_atom(t);
        if (!t->failed)
            translate_quantifier(t);
    }
}

static void translate_alternation(translator *t)
{
    translate_branch(t);
    while (!t->failed && peek(t) == '|') {
        t->pos++;
        emit_char(t, '|');
        translate_branch(t);
    }
}

char *jp_iregexp_to_ere(const char *pattern, size_t len, bool anchored, char *why, size_t why_cap)
{
    translator t = {
        .s = (const unsigned char *)pattern, .len = len, .why = why, .why_cap = why_cap};
    emit_str(&t, anchored ? "^(" : "(");
    translate_alternation(&t);
    if (!t.failed && t.pos < t.len)
        fail(&t, "unmatched character (escape it)", peek(&t));
    emit_str(&t, anchored ? ")$" : ")");
    if (t.failed) {
        free(t.out);
        return NULL;
    }
    return t.out;
}

bool jp_compile_iregexp(regex_t *re, const char *pattern, size_t len, bool anchored, char *why,
                        size_t why_cap)
{
    char *ere = jp_iregexp_to_ere(pattern, len, anchored, why, why_cap);
    if (!ere)
        return false;
    int rc = regcomp(re, ere, REG_EXTENDED | REG_NOSUB);
    free(ere);
    if (rc != 0) {
        char msg[96];
        regerror(rc, re, msg, sizeof msg);
        snprintf(why, why_cap, "regular expression refused by regcomp: %s", msg);
        return false;
    }
    return true;
}
