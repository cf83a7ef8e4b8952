# CMake functions for generated bindings. Used by this tree and installed
# with the ldrest package (find_package(ldrest) includes it); see
# docs/ANY-SPEC.md.
#
# oas2c_generate(NAME SPEC file PREFIX p OUTPUT_DIR dir [COMMITTED_DIR dir]
#                [WORKING_DIRECTORY dir] [OVERLAYS file...] [PARTS n]
#                [OPTIONS oas2c-option...])
#
# Runs oas2c on SPEC at build time whenever the spec, an overlay or the
# generator changes, into OUTPUT_DIR. SPEC is relative to WORKING_DIRECTORY
# (default: the project's source dir) and is recorded that way in the
# generated files, so they do not depend on where the tree lives. OVERLAYS
# are OpenAPI Overlay 1.0 documents applied to the spec first, in the order
# given (oas2c --overlay), relative like SPEC. Sets
# <NAME>_GENERATED_SOURCES (upper-case NAME) in the caller's scope. With
# COMMITTED_DIR, adds a target "<name>_regenerate" that refreshes the
# committed copy, and sets <NAME>_CHECK_COMMAND, the oas2c --check command
# line that fails when the committed copy is stale, to run in
# <NAME>_WORKING_DIRECTORY (also <NAME>_COMMITTED_DIR / <NAME>_OUTPUT_DIR). PARTS n (default 1) passes --parts n: the validators,
# model and request functions are then n sources each (<p>validate.c,
# <p>validate_part2.c, ..., and the private <p>validate_internal.h), which
# a parallel build compiles side by side: for big specs. OPTIONS are more
# oas2c options, e.g. --nullable-without-type=allow-null.
function(oas2c_generate name)
  cmake_parse_arguments(G "" "SPEC;PREFIX;OUTPUT_DIR;COMMITTED_DIR;WORKING_DIRECTORY;PARTS"
    "OVERLAYS;OPTIONS" ${ARGN})
  if(NOT G_WORKING_DIRECTORY)
    set(G_WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  endif()
  if(IS_ABSOLUTE "${G_SPEC}")
    set(spec_file ${G_SPEC})
  else()
    set(spec_file ${G_WORKING_DIRECTORY}/${G_SPEC})
  endif()
  set(overlay_args)
  set(overlay_files)
  foreach(o ${G_OVERLAYS})
    list(APPEND overlay_args --overlay ${o})
    if(IS_ABSOLUTE "${o}")
      list(APPEND overlay_files ${o})
    else()
      list(APPEND overlay_files ${G_WORKING_DIRECTORY}/${o})
    endif()
  endforeach()
  # The generator built here, or the installed one (find_package(ldrest)).
  if(TARGET oas2c)
    set(gen oas2c)
  else()
    set(gen ldrest::oas2c)
  endif()
  set(outs)
  foreach(f model.h model.c validate.h validate.c registry.c ops.h ops.c)
    list(APPEND outs ${G_OUTPUT_DIR}/${G_PREFIX}${f})
  endforeach()
  if(G_PARTS AND NOT G_PARTS MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "oas2c_generate(${name}): PARTS '${G_PARTS}' must be a positive number")
  endif()
  set(parts_args)
  if(G_PARTS GREATER 1)
    set(parts_args --parts ${G_PARTS})
    list(APPEND outs ${G_OUTPUT_DIR}/${G_PREFIX}validate_internal.h)
    foreach(f model validate ops)
      foreach(k RANGE 2 ${G_PARTS})
        list(APPEND outs ${G_OUTPUT_DIR}/${G_PREFIX}${f}_part${k}.c)
      endforeach()
    endforeach()
  endif()
  add_custom_command(
    OUTPUT ${outs}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${G_OUTPUT_DIR}
    COMMAND $<TARGET_FILE:${gen}> --prefix ${G_PREFIX} --output ${G_OUTPUT_DIR} ${overlay_args}
            ${parts_args} ${G_OPTIONS} ${G_SPEC}
    WORKING_DIRECTORY ${G_WORKING_DIRECTORY}
    DEPENDS ${gen} $<TARGET_FILE:${gen}> ${spec_file} ${overlay_files}
    COMMENT "oas2c: generating ${G_PREFIX}* from ${G_SPEC}"
    VERBATIM)
  add_custom_target(${name}_generate DEPENDS ${outs})
  set(srcs)
  foreach(o ${outs})
    if(o MATCHES "\\.c$")
      list(APPEND srcs ${o})
    endif()
  endforeach()
  string(TOUPPER ${name} up)
  set(${up}_GENERATED_SOURCES ${srcs} PARENT_SCOPE)
  if(G_COMMITTED_DIR)
    add_custom_target(${name}_regenerate
      COMMAND $<TARGET_FILE:${gen}> --prefix ${G_PREFIX} --output ${G_COMMITTED_DIR}
              ${overlay_args} ${parts_args} ${G_OPTIONS} ${G_SPEC}
      WORKING_DIRECTORY ${G_WORKING_DIRECTORY}
      DEPENDS ${gen} ${overlay_files}
      COMMENT "oas2c: refreshing ${G_COMMITTED_DIR}"
      VERBATIM)
    set(${up}_CHECK_COMMAND $<TARGET_FILE:${gen}> --check --prefix ${G_PREFIX}
        --output ${G_COMMITTED_DIR} ${overlay_args} ${parts_args} ${G_OPTIONS} ${G_SPEC}
        PARENT_SCOPE)
    set(${up}_WORKING_DIRECTORY ${G_WORKING_DIRECTORY} PARENT_SCOPE)
    set(${up}_COMMITTED_DIR ${G_COMMITTED_DIR} PARENT_SCOPE)
    set(${up}_OUTPUT_DIR ${G_OUTPUT_DIR} PARENT_SCOPE)
  endif()
endfunction()

# oas2c_add_binding(NAME SPEC file PREFIX p [OUTPUT_DIR dir] [TOKEN_ENV var]
#                   [OVERLAYS file...] [PARTS n] [OPTIONS oas2c-option...])
#
# From an OpenAPI file to
#   - NAME: a static library with the generated binding (<p>model.h,
#     <p>validate.h, <p>ops.h) and the oas runtime; include dirs and link
#     dependencies come with it: target_link_libraries(app PRIVATE NAME);
#   - NAME-cli: the spec's command-line tool (tools/oas_tool.h): `call` any
#     operation, `mock` the API on loopback, `validate` documents, request
#     bodies and HAR captures; the credential of `call` comes from the
#     environment variable TOKEN_ENV (default: NAME upper-cased, every other
#     character than A-Z and 0-9 as '_', then "_TOKEN": shop -> SHOP_TOKEN);
#   - NAME-validate: `NAME-cli validate`, under the name scripts know.
# SPEC and OVERLAYS (Overlay 1.0 documents applied to the spec first, in
# order) are relative to the calling CMakeLists.txt's directory; OUTPUT_DIR
# defaults to <current binary dir>/NAME-generated; PARTS and OPTIONS as
# for oas2c_generate. Works in a project that add_subdirectory()s this source
# tree and in one that find_package(ldrest)s an installed copy.
function(oas2c_add_binding name)
  cmake_parse_arguments(B "" "SPEC;PREFIX;OUTPUT_DIR;TOKEN_ENV;PARTS" "OVERLAYS;OPTIONS" ${ARGN})
  if(NOT B_SPEC OR NOT B_PREFIX)
    message(FATAL_ERROR "oas2c_add_binding(${name}): SPEC and PREFIX are required")
  endif()
  if(NOT B_PREFIX MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "oas2c_add_binding(${name}): PREFIX '${B_PREFIX}' must be a C identifier prefix")
  endif()
  if(NOT B_TOKEN_ENV)
    string(TOUPPER "${name}" B_TOKEN_ENV)
    string(REGEX REPLACE "[^A-Z0-9]" "_" B_TOKEN_ENV "${B_TOKEN_ENV}")
    string(APPEND B_TOKEN_ENV "_TOKEN")
  endif()
  if(NOT B_TOKEN_ENV MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "oas2c_add_binding(${name}): TOKEN_ENV '${B_TOKEN_ENV}' must be an environment variable name")
  endif()
  if(NOT B_OUTPUT_DIR)
    set(B_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/${name}-generated)
  endif()
  oas2c_generate(${name} SPEC ${B_SPEC} PREFIX ${B_PREFIX} OUTPUT_DIR ${B_OUTPUT_DIR}
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} OVERLAYS ${B_OVERLAYS} PARTS ${B_PARTS}
    OPTIONS ${B_OPTIONS})
  string(TOUPPER ${name} up)

  add_library(${name} STATIC ${${up}_GENERATED_SOURCES})
  target_include_directories(${name} PUBLIC ${B_OUTPUT_DIR})
  target_link_libraries(${name} PUBLIC ldrest::oas_runtime)

  # The mains are one statement each; generated here so nothing is
  # hand-written per binding.
  set(cli_main ${CMAKE_CURRENT_BINARY_DIR}/${name}-cli-main.c)
  file(CONFIGURE OUTPUT ${cli_main} @ONLY CONTENT
"/* Written by oas2c_add_binding: the command-line tool of ${name} (tools/oas_tool.h). */
#include \"${B_PREFIX}validate.h\"
#include \"oas_tool.h\"

int main(int argc, char **argv)
{
    static const oas_tool_binding binding = {&${B_PREFIX}registry, \"${name}-cli\", \"${B_TOKEN_ENV}\"};
    return oas_tool_main(&binding, argc, argv);
}
")
  add_executable(${name}-cli ${cli_main})
  target_link_libraries(${name}-cli PRIVATE ${name} ldrest::oas_tools)

  set(validate_main ${CMAKE_CURRENT_BINARY_DIR}/${name}-validate-main.c)
  file(CONFIGURE OUTPUT ${validate_main} @ONLY CONTENT
"/* Written by oas2c_add_binding: `${name}-cli validate` as ${name}-validate (tools/validate_cli.h). */
#include \"${B_PREFIX}validate.h\"
#include \"validate_cli.h\"

int main(int argc, char **argv)
{
    return oas_cli_validate(&${B_PREFIX}registry, \"${name}-validate\", argc, argv);
}
")
  add_executable(${name}-validate ${validate_main})
  target_link_libraries(${name}-validate PRIVATE ${name} ldrest::oas_tools)
endfunction()
