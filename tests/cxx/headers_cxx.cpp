// headers_cxx.cpp - every installed header of the ldrest package, compiled
// as C++ (g++ -Wall -Wextra -Werror -pedantic) and each used once, linked
// against the C library: the headers are valid C++, declare C linkage, and
// the structures C++ sees are the ones C built (oas_v_regex's atomics).
#include "oas_alloc.h"
#include "oas_buf.h"
#include "oas_call.h"
#include "oas_error.h"
#include "oas_http.h"
#include "oas_http_op.h"
#include "oas_json.h"
#include "oas_model.h"
#include "oas_param.h"
#include "oas_regex.h"
#include "oas_registry.h"
#include "oas_validate.h"
#include "oas_validate_impl.h"
#include "oas_version.h"
#include "oas_utf8.h"
#include "runtime_headers.h" // every header of runtime/include/oas, so none is missed
#include "ld_model.h"
#include "ld_validate.h"
#include "ld_ops.h"
#include "oas_tool.h"
#include "validate_cli.h"

#include <cstdio>
#include <cstring>
#include <string>

static int failures;

static void check(bool ok, const char *what)
{
    if (!ok) {
        std::printf("FAIL %s\n", what);
        failures++;
    }
}

static std::string text(const char *s) { return s ? s : "(null)"; }

static oas_v_regex digits = OAS_V_REGEX_INIT("^[0-9]+$");

int main()
{
    check(text(oas_runtime_version()) == OAS_VERSION, "oas_version.h: oas_runtime_version");
    char utf8[4];
    check(oas_utf8_put(utf8, 0x20AC) == 3 && std::memcmp(utf8, "\xE2\x82\xAC", 3) == 0 &&
              oas_hex_digit_value('F') == 15,
          "oas_utf8.h: oas_utf8_put, oas_hex_digit_value");
    check(text(oas_strerror(OAS_ERR_NOMEM)) == oas_strerror(OAS_ERR_NOMEM) &&
              text(oas_strerror(OAS_OK)) != text(oas_strerror(OAS_ERR_NOMEM)),
          "oas_error.h: oas_strerror");

    char *copy = static_cast<char *>(oas_malloc(3));
    check(copy != nullptr, "oas_alloc.h: oas_malloc");
    oas_free(copy);

    oas_buf buf;
    oas_buf_init(&buf);
    oas_buf_append(&buf, "ab", 2);
    check(buf.len == 2 && std::memcmp(buf.data, "ab", 2) == 0, "oas_buf.h: oas_buf_append");
    oas_buf_free(&buf);

    check(oas_regex_search("b+", 2, "abba", 4, OAS_REGEX_DEFAULT_STEPS) == 1, "oas_regex.h: oas_regex_search");
    check(text(oas_param_style_name(oas_param_default_style(OAS_PARAM_IN_QUERY))) == "form",
          "oas_param.h: default query style");

    oas_error err;
    oas_error_clear(&err);
    oas_json_doc *doc = nullptr;
    const char json[] = "{\"denied\":[],\"allowed\":[],\"n\":\"12x\"}";
    check(oas_json_parse(json, sizeof json - 1, nullptr, &doc, &err) == OAS_OK, "oas_json.h: oas_json_parse");
    const oas_json *root = oas_json_doc_root(doc);
    const oas_json *n = oas_json_get(root, "n", 1);
    check(text(oas_json_type_name(n)) == "string", "oas_json.h: oas_json_type_name");

    // oas_validate_impl.h: the C++ view of oas_vctx and oas_v_regex is the
    // one the C runtime reads and writes (the pattern is compiled in C and
    // published through the atomic member).
    oas_report report;
    oas_report_init(&report, 0);
    oas_vctx ctx = {};
    ctx.report = &report;
    ctx.max_depth = 8;
    oas_v_iseg seg;
    check(oas_v_push_key(&ctx, &seg, "n", 1), "oas_validate_impl.h: oas_v_push_key");
    check(!oas_v_pattern(&ctx, n, "#/n", &digits), "oas_validate_impl.h: oas_v_pattern rejects 12x");
    oas_v_pop(&ctx, &seg);
    check(digits.program.load() != nullptr, "oas_validate_impl.h: the compiled pattern is published");
    check(report.count == 1 && text(report.items[0].instance_location) == "/n",
          "oas_validate.h: the violation is at /n");
    check(oas_format_string_ok(OAS_FMT_UUID, "0f8fad5b-d9cb-469f-a165-70867728950e", 36),
          "oas_validate_impl.h: oas_format_string_ok");
    oas_report_free(&report);
    oas_v_regex_release_all();

    // The generated headers: model, validators, operations.
    oas_report_init(&report, 0);
    check(ld_access_validate(root, &report) && report.count == 0, "ld_validate.h: ld_access_validate");
    oas_report_free(&report);
    ld_access access;
    ld_access_init(&access);
    check(ld_access_from_json(root, &access, &err) == OAS_OK && access.denied_count == 0,
          "ld_model.h: ld_access_from_json");
    ld_access_free(&access);
    check(oas_model_parse(&ld_access_desc, "[]", 2, &access, &err) == OAS_ERR_TYPE,
          "oas_model.h: oas_model_parse with a generated type");
    ld_access_free(&access);
    oas_json_doc_free(doc);
    ld_get_root_result result;
    ld_get_root_result_init(&result);
    ld_get_root_result_free(&result);

    // Registry and requests: built, never sent.
    const oas_operation_entry *op = oas_registry_find_operation(&ld_registry, "getRoot");
    check(op != nullptr, "oas_registry.h: oas_registry_find_operation");
    const oas_credential key[] = {{"ApiKey", "k1"}};
    oas_call_input in = {};
    in.credentials = key;
    in.credential_count = 1;
    oas_call_request req = {};
    oas_status built = oas_call_build(&ld_registry, op, &in, &req, nullptr, &err);
    check(built == OAS_OK && text(req.method) == "GET" && text(req.target) == "/api/v2" &&
              req.header_count == 1 && text(req.headers[0].name) == "Authorization" &&
              text(req.headers[0].value) == "k1",
          "oas_call.h: oas_call_build");
    oas_call_request_free(&req);

    oas_client *client = nullptr;
    check(oas_client_create(&client, &err) == OAS_OK, "oas_http.h: oas_client_create");
    oas_client_destroy(client);
    oas_http_result http;
    oas_http_result_init(&http);
    check(http.status == 0 && http.body == nullptr, "oas_http_op.h: oas_http_result_init");
    oas_http_result_free(&http);

    // The generic tools: --version of the tool, --help of validate.
    static const oas_tool_binding tool = {&ld_registry, "cxx-cli", "CXX_TOKEN"};
    char prog[] = "cxx-cli", version[] = "--version", validate[] = "validate", help[] = "--help";
    char *tool_argv[] = {prog, version, nullptr};
    check(oas_tool_main(&tool, 2, tool_argv) == OAS_TOOL_EXIT_OK, "oas_tool.h: oas_tool_main --version");
    char *validate_argv[] = {validate, help, nullptr};
    check(oas_cli_validate(&ld_registry, "cxx-cli validate", 2, validate_argv) == 0,
          "validate_cli.h: oas_cli_validate --help");

    std::printf("%s\n", failures ? "headers_cxx: failures" : "headers_cxx: ok");
    return failures ? 1 : 0;
}
