# cmake -DINPUT=file -DOUTPUT=file.cpp -DSYMBOL=name -P EmbedFile.cmake
# Writes a C++ source defining `const char *const dci::SYMBOL` holding INPUT's text.
file(READ "${INPUT}" content)
set(delim "dci_embed")
string(FIND "${content}" ")${delim}\"" clash)
if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${INPUT} contains the raw-string delimiter ${delim}")
endif()
file(WRITE "${OUTPUT}.tmp"
    "// Generated from ${INPUT} by cmake/EmbedFile.cmake. Do not edit.\n"
    "namespace dci {\n"
    "extern const char *const ${SYMBOL};\n"
    "const char *const ${SYMBOL} = R\"${delim}(${content})${delim}\";\n"
    "} // namespace dci\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
