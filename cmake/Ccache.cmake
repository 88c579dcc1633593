# Compiles through ccache when it is installed (scripts/deps.sh installs it), so a rebuild
# after `rm -rf build` or in a fresh clone elsewhere reuses earlier objects. DCI_CCACHE=OFF
# turns it off.
#   CCACHE_BASEDIR=<source dir>: ccache rewrites the absolute paths under the source tree
#     (source files, -I of our folders and of the build folder inside it) to relative ones,
#     so two clones in different folders hash the same command lines.
#   CCACHE_NOHASHDIR: with -g/-gline-tables-only ccache would otherwise hash the working
#     folder (it ends up in DW_AT_comp_dir); the price is that a hit's debug info names the
#     folder of the build that filled the cache, which only matters to a debugger.
# Objects whose preprocessed text holds an absolute path (a -D…_DIR="${PROJECT_SOURCE_DIR}/…"
# that the file uses) differ between clones and are compiled again; that is correct.
option(DCI_CCACHE "Compile through ccache when it is found" ON)
if(DCI_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    find_program(DCI_CCACHE_PROGRAM ccache)
    if(DCI_CCACHE_PROGRAM)
        set(CMAKE_CXX_COMPILER_LAUNCHER
            "${CMAKE_COMMAND}" -E env "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}" CCACHE_NOHASHDIR=1
            "${DCI_CCACHE_PROGRAM}")
        message(STATUS "ccache: ${DCI_CCACHE_PROGRAM}")
    endif()
endif()
