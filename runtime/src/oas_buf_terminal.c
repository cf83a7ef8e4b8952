/* oas_buf_terminal.c - untrusted text for a terminal or a log line
 * (oas_terminal_text.h, shared with the generator) and for an XML document,
 * appended to an oas_buf. */
#include "oas_buf.h"
#include "oas_terminal_text.h"
#include "oas_utf8.h"

static void append_to_buf(void *sink, const char *bytes, size_t len)
{
    oas_buf_append((oas_buf *)sink, bytes, len);
}

void oas_buf_terminal_text(oas_buf *b, const char *s, size_t len)
{
    if (!b || !s)
        return;
    oas_terminal_text_escape(s, len, append_to_buf, b);
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
            n = c >= 0x80 ? oas_utf8_sequence(u + i, len - i, &cp) : 0;
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
