# OAS_FUZZ: instrument the whole build for libFuzzer (clang only) and build
# the tests/fuzz targets as fuzzers. Included from the top-level
# CMakeLists.txt before any target is defined, so the runtime, the
# generator and the generated library are all coverage-instrumented.
option(OAS_FUZZ "Build libFuzzer targets with ASan+UBSan (clang only)" OFF)
if(OAS_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "OAS_FUZZ needs clang (configure with CC=clang)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
                      -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
