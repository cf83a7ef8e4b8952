# oas_tools: the generic commands (tools/: call, mock, validate) as a static
# library, so every binding's NAME-cli is the same code bound to its own
# registry (oas2c_add_binding in cmake/Oas2c.cmake), and ldrest reuses mock
# and validate. Installed and exported with the ldrest package, as are
# oas_runtime and oas2c; the ldrest:: aliases let oas2c_add_binding name
# them the same way in this tree and after find_package(ldrest).
file(GLOB OAS_TOOLS_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tools/*.c)
add_library(oas_tools STATIC ${OAS_TOOLS_SOURCES})
target_include_directories(oas_tools PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/tools>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/ldrest>)
target_link_libraries(oas_tools PUBLIC oas_runtime Threads::Threads)
if(MHD_FOUND)  # the mock's HTTP server; without it `mock` says so and exits 2
  # Its headers only: mock_mhd.c loads the library when a server starts.
  target_include_directories(oas_tools PRIVATE
    $<TARGET_PROPERTY:PkgConfig::MHD,INTERFACE_INCLUDE_DIRECTORIES>)
  target_compile_definitions(oas_tools PRIVATE OAS_TOOLS_HAVE_MHD=1)
endif()
target_include_directories(oas_runtime INTERFACE
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/ldrest>)

add_library(ldrest::oas_tools ALIAS oas_tools)
add_library(ldrest::oas_runtime ALIAS oas_runtime)
add_executable(ldrest::oas2c ALIAS oas2c)
