# oas_cli: the generic `validate` command (cli/validate_*.c) as a static
# library, so every binding's validator CLI is the same code bound to its own
# registry (oas2c_add_binding in cmake/Oas2c.cmake). Installed and exported
# with the ldrest package, as are oas_runtime and oas2c; the ldrest::
# aliases let oas2c_add_binding name them the same way in this tree and
# after find_package(ldrest).
find_package(Threads REQUIRED)
file(GLOB OAS_CLI_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/cli/validate_*.c)
add_library(oas_cli STATIC ${OAS_CLI_SOURCES})
target_include_directories(oas_cli PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/cli>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/ldrest>)
target_link_libraries(oas_cli PUBLIC oas_runtime Threads::Threads)
target_include_directories(oas_runtime INTERFACE
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/ldrest>)

add_library(ldrest::oas_cli ALIAS oas_cli)
add_library(ldrest::oas_runtime ALIAS oas_runtime)
add_executable(ldrest::oas2c ALIAS oas2c)
