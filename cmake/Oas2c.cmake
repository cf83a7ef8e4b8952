# oas2c_generate(NAME SPEC file PREFIX p OUTPUT_DIR dir [COMMITTED_DIR dir])
#
# Runs oas2c on SPEC at build time whenever the spec or the generator
# changes, into OUTPUT_DIR. Sets <NAME>_GENERATED_SOURCES (upper-case NAME)
# in the caller's scope. With COMMITTED_DIR, adds a test
# "<name>_generated_fresh" that fails when the committed copy differs, and a
# target "<name>_regenerate" that refreshes the committed copy.
function(oas2c_generate name)
  cmake_parse_arguments(G "" "SPEC;PREFIX;OUTPUT_DIR;COMMITTED_DIR" "" ${ARGN})
  set(outs)
  foreach(f model.h model.c validate.h validate.c registry.c ops.h ops.c)
    list(APPEND outs ${G_OUTPUT_DIR}/${G_PREFIX}${f})
  endforeach()
  add_custom_command(
    OUTPUT ${outs}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${G_OUTPUT_DIR}
    COMMAND $<TARGET_FILE:oas2c> --prefix ${G_PREFIX} --output ${G_OUTPUT_DIR} ${G_SPEC}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    DEPENDS oas2c ${PROJECT_SOURCE_DIR}/${G_SPEC}
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
      COMMAND $<TARGET_FILE:oas2c> --prefix ${G_PREFIX} --output ${G_COMMITTED_DIR} ${G_SPEC}
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
      DEPENDS oas2c
      COMMENT "oas2c: refreshing ${G_COMMITTED_DIR}"
      VERBATIM)
    set(${up}_COMMITTED_DIR ${G_COMMITTED_DIR} PARENT_SCOPE)
    set(${up}_OUTPUT_DIR ${G_OUTPUT_DIR} PARENT_SCOPE)
  endif()
endfunction()
