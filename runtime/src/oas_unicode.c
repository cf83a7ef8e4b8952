/* oas_unicode.c - General_Category lookups over the generated runs
 * (oas_unicode_table.c): a binary search for the run holding a code point,
 * and the property names of ECMA-262's table of General_Category values. */
#include "oas_unicode.h"

#include <string.h>

unsigned oas_unicode_category(uint32_t cp)
{
    if (cp > 0x10FFFF)
        return 29; /* Cn */
    size_t lo = 0, hi = oas_unicode_run_count; /* the run starting last at or before cp */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (oas_unicode_runs[mid] >> 5 <= cp)
            lo = mid;
        else
            hi = mid;
    }
    return oas_unicode_runs[lo] & 31u;
}

enum { LU, LL, LT, LM, LO, MN, MC, ME, ND, NL, NO, PC, PD, PS, PE, PI, PF, PO, SM, SC, SK, SO,
       ZS, ZL, ZP, CC, CF, CS, CO, CN };
#define B(x) (1u << (x))

static const struct {
    const char *name;
    uint32_t mask;
} names[] = {
    {"L", B(LU) | B(LL) | B(LT) | B(LM) | B(LO)}, {"Letter", B(LU) | B(LL) | B(LT) | B(LM) | B(LO)},
    {"LC", B(LU) | B(LL) | B(LT)}, {"Cased_Letter", B(LU) | B(LL) | B(LT)},
    {"Lu", B(LU)}, {"Uppercase_Letter", B(LU)},
    {"Ll", B(LL)}, {"Lowercase_Letter", B(LL)},
    {"Lt", B(LT)}, {"Titlecase_Letter", B(LT)},
    {"Lm", B(LM)}, {"Modifier_Letter", B(LM)},
    {"Lo", B(LO)}, {"Other_Letter", B(LO)},
    {"M", B(MN) | B(MC) | B(ME)}, {"Mark", B(MN) | B(MC) | B(ME)},
    {"Combining_Mark", B(MN) | B(MC) | B(ME)},
    {"Mn", B(MN)}, {"Nonspacing_Mark", B(MN)},
    {"Mc", B(MC)}, {"Spacing_Mark", B(MC)},
    {"Me", B(ME)}, {"Enclosing_Mark", B(ME)},
    {"N", B(ND) | B(NL) | B(NO)}, {"Number", B(ND) | B(NL) | B(NO)},
    {"Nd", B(ND)}, {"Decimal_Number", B(ND)}, {"digit", B(ND)},
    {"Nl", B(NL)}, {"Letter_Number", B(NL)},
    {"No", B(NO)}, {"Other_Number", B(NO)},
    {"P", B(PC) | B(PD) | B(PS) | B(PE) | B(PI) | B(PF) | B(PO)},
    {"Punctuation", B(PC) | B(PD) | B(PS) | B(PE) | B(PI) | B(PF) | B(PO)},
    {"punct", B(PC) | B(PD) | B(PS) | B(PE) | B(PI) | B(PF) | B(PO)},
    {"Pc", B(PC)}, {"Connector_Punctuation", B(PC)},
    {"Pd", B(PD)}, {"Dash_Punctuation", B(PD)},
    {"Ps", B(PS)}, {"Open_Punctuation", B(PS)},
    {"Pe", B(PE)}, {"Close_Punctuation", B(PE)},
    {"Pi", B(PI)}, {"Initial_Punctuation", B(PI)},
    {"Pf", B(PF)}, {"Final_Punctuation", B(PF)},
    {"Po", B(PO)}, {"Other_Punctuation", B(PO)},
    {"S", B(SM) | B(SC) | B(SK) | B(SO)}, {"Symbol", B(SM) | B(SC) | B(SK) | B(SO)},
    {"Sm", B(SM)}, {"Math_Symbol", B(SM)},
    {"Sc", B(SC)}, {"Currency_Symbol", B(SC)},
    {"Sk", B(SK)}, {"Modifier_Symbol", B(SK)},
    {"So", B(SO)}, {"Other_Symbol", B(SO)},
    {"Z", B(ZS) | B(ZL) | B(ZP)}, {"Separator", B(ZS) | B(ZL) | B(ZP)},
    {"Zs", B(ZS)}, {"Space_Separator", B(ZS)},
    {"Zl", B(ZL)}, {"Line_Separator", B(ZL)},
    {"Zp", B(ZP)}, {"Paragraph_Separator", B(ZP)},
    {"C", B(CC) | B(CF) | B(CS) | B(CO) | B(CN)}, {"Other", B(CC) | B(CF) | B(CS) | B(CO) | B(CN)},
    {"Cc", B(CC)}, {"Control", B(CC)}, {"cntrl", B(CC)},
    {"Cf", B(CF)}, {"Format", B(CF)},
    {"Cs", B(CS)}, {"Surrogate", B(CS)},
    {"Co", B(CO)}, {"Private_Use", B(CO)},
    {"Cn", B(CN)}, {"Unassigned", B(CN)},
};

uint32_t oas_unicode_property(const char *name, size_t len)
{
    static const char *const prefixes[] = {"General_Category=", "gc="};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(prefixes[i]);
        if (len > n && memcmp(name, prefixes[i], n) == 0) {
            name += n;
            len -= n;
            break;
        }
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i].name) == len && memcmp(names[i].name, name, len) == 0)
            return names[i].mask;
    return 0;
}
