# Man pages and shell completions, installed with the rest.
#
# The man pages are written at build time from the programs' own --help
# (cmake/HelpToMan.cmake), so --help and the page come from one source.
# The completions (completions/) ask the installed programs for their
# commands, options and operation ids at completion time.
add_executable(name_cli docs/man/name_cli.c)
target_link_libraries(name_cli PRIVATE oas_tools)

set(OAS_MAN_DIR ${PROJECT_BINARY_DIR}/man)
set(help_to_man ${PROJECT_SOURCE_DIR}/cmake/HelpToMan.cmake)
add_custom_command(
  OUTPUT ${OAS_MAN_DIR}/ldrest.1
  COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:ldrest> -DPAGE=ldrest
          "-DSUMMARY=LaunchDarkly's REST API from the command line"
          -DVERSION=${PROJECT_VERSION} -DCOMMANDS=call,scores,validate,mock
          -DGENERIC=$<TARGET_FILE:name_cli> -DSEE_ALSO=oas2c
          -DOUT=${OAS_MAN_DIR}/ldrest.1 -P ${help_to_man}
  DEPENDS ldrest name_cli ${help_to_man}
  COMMENT "man page ldrest.1 from --help"
  VERBATIM)
add_custom_command(
  OUTPUT ${OAS_MAN_DIR}/oas2c.1
  COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:oas2c> -DPAGE=oas2c
          "-DSUMMARY=a typed, validating C binding from an OpenAPI spec"
          -DVERSION=${PROJECT_VERSION} -DSEE_ALSO=ldrest
          -DOUT=${OAS_MAN_DIR}/oas2c.1 -P ${help_to_man}
  DEPENDS oas2c ${help_to_man}
  COMMENT "man page oas2c.1 from --help"
  VERBATIM)
add_custom_target(man_pages ALL DEPENDS ${OAS_MAN_DIR}/ldrest.1 ${OAS_MAN_DIR}/oas2c.1)

install(FILES ${OAS_MAN_DIR}/ldrest.1 ${OAS_MAN_DIR}/oas2c.1
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT docs)
# bash looks for a command's completion in a file of its name; zsh reads
# "#compdef ldrest oas2c" from the one file.
foreach(p ldrest oas2c)
  install(FILES completions/ldrest.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME ${p} COMPONENT docs)
endforeach()
install(FILES completions/_ldrest DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions
        COMPONENT docs)
