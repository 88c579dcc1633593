# cmake -DDIR=<core dir> -P CheckNoQt.cmake
# Fails the build when any file under core/ includes a Qt header: the engine must stay
# usable without Qt (CLI, tests, other tools). See docs/ARCHITECTURE.md.
file(GLOB_RECURSE sources "${DIR}/*.h" "${DIR}/*.hpp" "${DIR}/*.cpp")
set(offenders "")
foreach(f IN LISTS sources)
    file(STRINGS "${f}" hits REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](Q[A-Za-z]|Qt[A-Za-z]*/)")
    if(hits)
        list(APPEND offenders "${f}: ${hits}")
    endif()
endforeach()
if(offenders)
    list(JOIN offenders "\n  " text)
    message(FATAL_ERROR "core/ must not include Qt headers:\n  ${text}")
endif()
