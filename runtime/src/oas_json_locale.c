/* oas_json_locale.c - number text <-> double independent of setlocale():
 * JSON always uses '.', a process may run in a locale that uses ','. */
#include "oas_json_internal.h"

#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale;

static void make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* Switch this thread to "C"; returns the previous locale (or 0 if the C
 * locale could not be created, in which case nothing changed). */
static locale_t enter_c_locale(void)
{
    pthread_once(&c_locale_once, make_c_locale);
    return c_locale ? uselocale(c_locale) : (locale_t)0;
}

static void leave_c_locale(locale_t previous)
{
    if (previous)
        uselocale(previous);
}

double oas_strtod_c(const char *s, char **end)
{
    locale_t previous = enter_c_locale();
    double d = strtod(s, end);
    leave_c_locale(previous);
    return d;
}

int oas_format_double_c(char *out, size_t size, int precision, double v)
{
    locale_t previous = enter_c_locale();
    int n = snprintf(out, size, "%.*g", precision, v);
    leave_c_locale(previous);
    return n;
}
