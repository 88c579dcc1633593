// libFuzzer entry point of the lesson_text harness (fuzz/harnesses.h).
#include "harnesses.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return dci::fuzz::runUnderFuzzer(dci::fuzz::fuzzLessonText, data, size);
}
