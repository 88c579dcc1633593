// libFuzzer entry point of the scenario_struct harness (fuzz/harnesses.h).
#include "harnesses.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return dci::fuzz::runUnderFuzzer(dci::fuzz::fuzzScenarioStruct, data, size);
}
