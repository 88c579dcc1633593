// libFuzzer entry point of the import_gnpy_topology harness (fuzz/harnesses.h).
#include "harnesses.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return dci::fuzz::runUnderFuzzer(dci::fuzz::fuzzImportGnpyTopology, data, size);
}
