# DCI_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer on every target of the project
# (scripts/test.sh --sanitize builds it in build-asan/ with clang 14 and runs every test).
# Kept in one place so that other instrumented builds (a fuzzing option) can add their own
# -fsanitize= flags beside these.
option(DCI_SANITIZE "Build every target with -fsanitize=address,undefined (clang or GCC)" OFF)

if(DCI_SANITIZE)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang|GNU")
        message(FATAL_ERROR "DCI_SANITIZE needs clang or GCC, not ${CMAKE_CXX_COMPILER_ID}")
    endif()
    # -fno-sanitize-recover=all: the first report ends the test with a non-zero exit, so
    # ctest fails on any report (UBSan would otherwise print and go on).
    set(DCI_SANITIZE_FLAGS
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_compile_options(${DCI_SANITIZE_FLAGS})
    add_link_options(${DCI_SANITIZE_FLAGS})

    # Build type: RelWithDebInfo, but at -O1 with line tables only and assertions kept.
    # -O1 compiles markedly faster than -O2 (the sanitize build runs in CI after the
    # Release one) and inlines little, so each frame of a report is a real function;
    # -gline-tables-only gives the symbolizer file:line for every frame at a fraction of
    # the size and link time of full -g; no -DNDEBUG, so assert()s are checked too.
    # A normal (non-cache) variable, so it applies to this build only and leaves the
    # cache entry a user may have set for other builds untouched.
    if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
        set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
    endif()
    set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O1 -gline-tables-only")
    message(STATUS "DCI_SANITIZE: ${DCI_SANITIZE_FLAGS} (${CMAKE_BUILD_TYPE})")
endif()
