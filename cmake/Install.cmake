# install(): the ldrest library (static + shared), its headers, a pkg-config
# file and an exported CMake package, so another project can use either
#   find_package(ldrest) + target_link_libraries(app ldrest::ldrest)
#   pkg-config --cflags --libs ldrest          (--static: with its private deps)
# ldrest::ldrest_static and ldrest::ldrest_shared are exported under those
# names; ldrest::ldrest is made in ldrestConfig.cmake, as in the tree.
include(CMakePackageConfigHelpers)

set(LDREST_PUBLIC_HEADERS ${OAS_RUNTIME_HEADERS})  # runtime/include/oas/*.h
foreach(h model.h validate.h ops.h)
  list(APPEND LDREST_PUBLIC_HEADERS ${PROJECT_BINARY_DIR}/generated/ld_${h})
endforeach()
install(FILES ${LDREST_PUBLIC_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ldrest)

set_target_properties(ldrest_static PROPERTIES EXPORT_NAME ldrest_static)
set_target_properties(ldrest_shared PROPERTIES EXPORT_NAME ldrest_shared)
install(TARGETS ldrest_static ldrest_shared EXPORT ldrestTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET ldrest)
  install(TARGETS ldrest RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
# For oas2c_add_binding() after find_package(ldrest): the generator, the
# runtime alone and the generic commands (cmake/OasTools.cmake).
install(TARGETS oas2c oas_runtime oas_tools EXPORT ldrestTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/tools/oas_tool.h ${PROJECT_SOURCE_DIR}/tools/validate_cli.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ldrest)
install(FILES ${PROJECT_SOURCE_DIR}/cmake/Oas2c.cmake DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/ldrest)

install(EXPORT ldrestTargets NAMESPACE ldrest::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/ldrest)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/ldrestConfig.cmake.in
  ${PROJECT_BINARY_DIR}/ldrestConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/ldrest)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/ldrestConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/ldrestConfig.cmake
              ${PROJECT_BINARY_DIR}/ldrestConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/ldrest)

configure_file(${PROJECT_SOURCE_DIR}/cmake/ldrest.pc.in ${PROJECT_BINARY_DIR}/ldrest.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/ldrest.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
