/* JSONTestSuite conformance: every y_ file accepted, every n_ file rejected,
 * every i_ file as tests/data/JSONTestSuite/i_outcomes.txt documents. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "oas_json.h"

#define SUITE_DIR OAS_TEST_DATA_DIR "/JSONTestSuite"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return data;
}

static bool accepts(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/test_parsing/%s", SUITE_DIR, name);
    size_t len;
    char *data = read_file(path, &len);
    oas_json_doc *doc = NULL;
    oas_error err;
    oas_status st = oas_json_parse(data, len, NULL, &doc, &err);
    free(data);
    if (st == OAS_OK) {
        assert_non_null(doc);
        oas_json_doc_free(doc);
        return true;
    }
    assert_null(doc);
    assert_int_not_equal(err.code, OAS_ERR_NOMEM);
    assert_true(err.offset == OAS_NO_OFFSET || err.offset <= len);
    return false;
}

/* The documented outcome of an i_ file, from i_outcomes.txt. */
static int documented_outcome(const char *name)
{
    FILE *f = fopen(SUITE_DIR "/i_outcomes.txt", "r");
    assert_non_null(f);
    char line[512];
    int outcome = -1;
    size_t n = strlen(name);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, name, n) == 0 && line[n] == ' ')
            outcome = strncmp(line + n + 1, "accept", 6) == 0;
    fclose(f);
    return outcome;
}

static void test_suite(void **state)
{
    (void)state;
    DIR *dir = opendir(SUITE_DIR "/test_parsing");
    assert_non_null(dir);
    size_t y = 0, n = 0, i = 0, i_accepted = 0, failures = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        const char *name = e->d_name;
        if (name[0] == '.' || name[1] != '_')
            continue;
        bool ok = accepts(name);
        if (name[0] == 'y') {
            y++;
            if (!ok) {
                print_error("y_ rejected: %s\n", name);
                failures++;
            }
        } else if (name[0] == 'n') {
            n++;
            if (ok) {
                print_error("n_ accepted: %s\n", name);
                failures++;
            }
        } else if (name[0] == 'i') {
            i++;
            i_accepted += ok;
            int want = documented_outcome(name);
            if (want < 0 || want != (int)ok) {
                print_error("i_ outcome differs from i_outcomes.txt: %s\n", name);
                failures++;
            }
        }
    }
    closedir(dir);
    print_message("JSONTestSuite: y %zu accepted, n %zu rejected, i %zu as documented "
                  "(%zu accept, %zu reject), %zu failures\n",
                  y, n, i, i_accepted, i - i_accepted, failures);
    assert_int_equal(failures, 0);
    assert_int_equal(y, 95);
    assert_int_equal(n, 188);
    assert_int_equal(i, 35);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_suite)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
