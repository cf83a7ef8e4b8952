# cmake -DPROGRAM=exe -DPAGE=name -DSUMMARY=text -DVERSION=v -DOUT=file
#       [-DCOMMANDS=a,b,...] [-DGENERIC=exe] [-DSEE_ALSO=page] -P HelpToMan.cmake
#
# Writes the man page OUT (section 1) from the programs' own --help, so the
# two never disagree: `PROGRAM --help` as DESCRIPTION, then one section per
# command with `PROGRAM COMMAND --help`, then, with GENERIC, the --help of
# the generic NAME-cli that oas2c_add_binding builds (docs/man/name_cli.c).
# Each text is set verbatim (.nf), escaped for roff. A binding's operation
# list ("Operations:" to the end) is left to --help: it is long and the
# spec's, not the program's.
foreach(v PROGRAM PAGE SUMMARY VERSION OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "HelpToMan.cmake: -D${v}=... is required")
  endif()
endforeach()

# `argv... --help` as roff between .nf and .fi.
function(help_block out_var)
  execute_process(COMMAND ${ARGN} --help OUTPUT_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "HelpToMan.cmake: `${ARGN} --help` exited ${rc}")
  endif()
  string(FIND "${text}" "\nOperations:\n" cut)
  if(cut GREATER -1)
    string(SUBSTRING "${text}" 0 ${cut} text)
  endif()
  string(STRIP "${text}" text)
  # roff: "\" starts an escape, "-" may print as a hyphen (options must
  # stay ASCII to be found and copied), "." or "'" first on a line is a
  # request.
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out_var} ".nf\n${text}\n.fi\n" PARENT_SCOPE)
endfunction()

string(TOUPPER "${PAGE}" title)
string(REPLACE "-" "\\-" summary "${SUMMARY}")
set(page ".TH ${title} 1 \"\" \"${PAGE} ${VERSION}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\n${PAGE} \\- ${summary}\n.SH DESCRIPTION\n")
help_block(block ${PROGRAM})
string(APPEND page "${block}")
if(COMMANDS)
  string(REPLACE "," ";" COMMANDS "${COMMANDS}")
  foreach(c ${COMMANDS})
    string(TOUPPER "${PAGE} ${c}" heading)
    help_block(block ${PROGRAM} ${c})
    string(APPEND page ".SH \"${heading}\"\n${block}")
  endforeach()
endif()
if(GENERIC)
  help_block(block ${GENERIC})
  string(APPEND page ".SH \"NAME\\-CLI\"\n"
    "The command\\-line tool that \\fBoas2c_add_binding\\fR(NAME ...) builds for any spec.\n"
    "Its commands take the options shown above for ${PAGE}'s.\n.PP\n${block}")
endif()
if(SEE_ALSO)
  string(APPEND page ".SH \"SEE ALSO\"\n.BR ${SEE_ALSO} (1)\n")
endif()
file(WRITE "${OUT}" "${page}")
