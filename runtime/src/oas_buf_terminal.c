/* oas_buf_terminal.c - untrusted text made safe to show on a terminal or in
 * a log line (and, sharing its UTF-8 reader, to put in an XML document).
 * Whatever the input, the terminal output cannot move the cursor, retitle
 * the window, clear the screen, start a new line, reorder the text after it
 * or hide characters; each escape is unambiguous, so the original bytes can
 * be read back from what is shown. */
#include "oas_buf.h"

/* Length of the well-formed UTF-8 sequence starting at s[0] (a non-ASCII
 * lead byte), with its code point in *cp; 0 when the bytes there are not
 * one. The second-byte ranges are Unicode's table of well-formed sequences:
 * they shut out overlongs, encoded surrogates and anything past U+10FFFF. */
static size_t utf8_sequence(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char lead = s[0], lo = 0x80, hi = 0xBF;
    size_t n;
    uint32_t v;
    if (lead >= 0xC2 && lead <= 0xDF) {
        n = 2;
        v = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        n = 3;
        v = lead & 0x0Fu;
        if (lead == 0xE0)
            lo = 0xA0;
        else if (lead == 0xED)
            hi = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        n = 4;
        v = lead & 0x07u;
        if (lead == 0xF0)
            lo = 0x90;
        else if (lead == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (len < n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3Fu);
    }
    *cp = v;
    return n;
}

/* Characters that draw nothing yet change what the reader sees: bidi
 * controls reorder the text around them ("Trojan Source"), the others hide
 * a difference between two strings that look the same or break a log line.
 * Zero width (non-)joiners pass: scripts and emoji sequences need them. */
static bool invisible_format(uint32_t cp)
{
    return cp == 0x00AD                       /* soft hyphen */
           || cp == 0x061C                    /* Arabic letter mark */
           || cp == 0x180E                    /* Mongolian vowel separator */
           || cp == 0x200B                    /* zero width space */
           || cp == 0x200E || cp == 0x200F    /* left-to-right / right-to-left marks */
           || (cp >= 0x2028 && cp <= 0x202E)  /* line/paragraph separators, embeddings, overrides */
           || (cp >= 0x2060 && cp <= 0x206F)  /* word joiner, invisible operators, isolates */
           || cp == 0xFEFF                    /* zero width no-break space (BOM) */
           || (cp >= 0xFFF9 && cp <= 0xFFFB)  /* interlinear annotations */
           || (cp >= 0xE0000 && cp <= 0xE007F); /* tag characters */
}

static void put_byte_escape(oas_buf *b, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 0x0F]};
    oas_buf_append(b, e, sizeof e);
}

void oas_buf_terminal_text(oas_buf *b, const char *s, size_t len)
{
    if (!b || !s)
        return;
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0; /* start of the bytes that pass unchanged, appended at once */
    size_t i = 0;
    while (i < len) {
        unsigned char c = u[i];
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            i++;
            continue;
        }
        uint32_t cp = 0;
        size_t n = c >= 0x80 ? utf8_sequence(u + i, len - i, &cp) : 0;
        if (n && cp >= 0xA0 && !invisible_format(cp)) {
            i += n;
            continue;
        }
        oas_buf_append(b, s + run, i - run);
        if (c == '\\') {
            oas_buf_append(b, "\\\\", 2);
            i++;
        } else if (n && cp >= 0xA0) {
            oas_buf_printf(b, "\\u{%04X}", (unsigned)cp);
            i += n;
        } else if (n) {
            /* C1 control (U+0080..U+009F): both bytes shown, as for C0 */
            put_byte_escape(b, u[i]);
            put_byte_escape(b, u[i + 1]);
            i += n;
        } else {
            /* C0, DEL, or one byte of invalid UTF-8: the bytes after it
             * are looked at afresh, so each bad byte gets its own escape */
            put_byte_escape(b, c);
            i++;
        }
        run = i;
    }
    oas_buf_append(b, s + run, len - run);
}

/* XML 1.0 allows TAB, LF, CR and U+0020.. except surrogates and U+FFFE/F;
 * the others (C0 controls, invalid UTF-8) have no escape at all, so each
 * becomes U+FFFD. DEL and C1 controls are allowed but would reach a
 * terminal through a report viewer: replaced too. */
void oas_buf_xml_text(oas_buf *b, const char *s, size_t len)
{
    if (!b || !s)
        return;
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < len) {
        unsigned char c = u[i];
        const char *ent = NULL;
        switch (c) {
        case '&': ent = "&amp;"; break;
        case '<': ent = "&lt;"; break;
        case '>': ent = "&gt;"; break;
        case '"': ent = "&quot;"; break;
        case '\'': ent = "&apos;"; break;
        case '\t': ent = "&#9;"; break; /* kept through attribute normalization */
        case '\n': ent = "&#10;"; break;
        case '\r': ent = "&#13;"; break;
        default: break;
        }
        size_t n = 1;
        if (!ent && c >= 0x20 && c < 0x7F) {
            i++;
            continue;
        }
        if (!ent) {
            uint32_t cp = 0;
            n = c >= 0x80 ? utf8_sequence(u + i, len - i, &cp) : 0;
            if (n && cp >= 0xA0 && cp != 0xFFFE && cp != 0xFFFF) {
                i += n;
                continue;
            }
            ent = "\xEF\xBF\xBD"; /* U+FFFD */
            if (!n)
                n = 1; /* each bad byte replaced on its own */
        }
        oas_buf_append(b, s + run, i - run);
        oas_buf_puts(b, ent);
        i += n;
        run = i;
    }
    oas_buf_append(b, s + run, len - run);
}
