/* oas_terminal_text.h - untrusted text made safe to show on a terminal or
 * in a log line, header-only: the runtime's oas_buf_terminal_text() and the
 * generator's diagnostics (which do not link the runtime) are this one
 * function with another sink. Whatever the input, the output cannot move
 * the cursor, retitle the window, clear the screen, start a new line,
 * reorder the text after it or hide characters; each escape is
 * unambiguous, so the original bytes can be read back from what is shown. */
#ifndef OAS_TERMINAL_TEXT_H
#define OAS_TERMINAL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oas_utf8.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where escaped text goes: bytes[0..len) appended to sink. */
typedef void (*oas_text_sink)(void *sink, const char *bytes, size_t len);

/* Characters that draw nothing yet change what the reader sees: bidi
 * controls reorder the text around them ("Trojan Source"), the others hide
 * a difference between two strings that look the same or break a log line.
 * Zero width (non-)joiners pass: scripts and emoji sequences need them. */
static inline bool oas_invisible_format(uint32_t cp)
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

/* s[0..len) to put: printable ASCII and well-formed UTF-8 pass; a
 * backslash is doubled; C0 controls (TAB, LF and CR too), DEL, C1 controls
 * (U+0080..U+009F: the two bytes, \xC2\x9B) and each byte of invalid UTF-8
 * become \xNN (upper-case hex); bidi controls and other invisible format
 * characters become \u{202E}. NULs are escaped like any C0 control. */
static inline void oas_terminal_text_escape(const char *s, size_t len, oas_text_sink put,
                                            void *sink)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0; /* start of the bytes that pass unchanged, put at once */
    size_t i = 0;
    while (i < len) {
        unsigned char c = u[i];
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            i++;
            continue;
        }
        uint32_t cp = 0;
        size_t n = c >= 0x80 ? oas_utf8_sequence(u + i, len - i, &cp) : 0;
        if (n && cp >= 0xA0 && !oas_invisible_format(cp)) {
            i += n;
            continue;
        }
        if (i > run)
            put(sink, s + run, i - run);
        char e[12];
        size_t e_len = 0;
        if (c == '\\') {
            e[e_len++] = '\\';
            e[e_len++] = '\\';
            i++;
        } else if (n && cp >= 0xA0) {
            e[e_len++] = '\\';
            e[e_len++] = 'u';
            e[e_len++] = '{';
            int shift = cp > 0xFFFF ? 16 : 12; /* at least four digits */
            for (; shift >= 0; shift -= 4)
                e[e_len++] = hex[(cp >> shift) & 0x0F];
            e[e_len++] = '}';
            i += n;
        } else {
            /* C1 control (U+0080..U+009F): both bytes shown, as for C0; C0,
             * DEL, or one byte of invalid UTF-8: the bytes after it are
             * looked at afresh, so each bad byte gets its own escape */
            size_t bytes = n ? n : 1;
            for (size_t k = 0; k < bytes; k++) {
                e[e_len++] = '\\';
                e[e_len++] = 'x';
                e[e_len++] = hex[u[i + k] >> 4];
                e[e_len++] = hex[u[i + k] & 0x0F];
            }
            i += bytes;
        }
        put(sink, e, e_len);
        run = i;
    }
    if (len > run)
        put(sink, s + run, len - run);
}

#ifdef __cplusplus
}
#endif
#endif
