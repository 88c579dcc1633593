# Included from the top-level CMakeLists.txt when DCI_FUZZ is ON, before any target:
# every library and program is compiled with libFuzzer's coverage instrumentation
# (fuzzer-no-link) and AddressSanitizer + UndefinedBehaviorSanitizer; only the harness
# executables (fuzz/CMakeLists.txt) link libFuzzer itself. UB aborts (no recovery), so
# libFuzzer reports it as a crash and a test under this build fails on it.
#
# Works with a sanitizer build of the whole suite as well (-fsanitize=address,undefined
# on top is the same runtime): the tests link the ASan runtime, which carries the
# coverage callbacks the instrumentation calls.

if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR NOT CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 14
   OR CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 15)
    message(FATAL_ERROR
        "DCI_FUZZ=ON needs clang 14 (libFuzzer from Debian's libclang-rt-14-dev); this build uses "
        "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}. Configure a separate build directory with "
        "-DCMAKE_CXX_COMPILER=clang++-14, or run scripts/fuzz.sh, which does.")
endif()

set(DCI_FUZZ_SANITIZERS "address,undefined")
add_compile_options(-fsanitize=fuzzer-no-link,${DCI_FUZZ_SANITIZERS} -fno-sanitize-recover=undefined
                    -fno-omit-frame-pointer -g)
add_link_options(-fsanitize=${DCI_FUZZ_SANITIZERS})
