#include "harnesses.h"

namespace dci::fuzz {

const std::vector<Harness> &harnesses()
{
    static const std::vector<Harness> all{
        {"scenario_bytes", fuzzScenarioBytes},
        {"scenario_struct", fuzzScenarioStruct},
        {"import_graphml", fuzzImportGraphml},
        {"import_sndlib", fuzzImportSndlib},
        {"import_gnpy_topology", fuzzImportGnpyTopology},
        {"import_gnpy_equipment", fuzzImportGnpyEquipment},
        {"lesson_text", fuzzLessonText},
    };
    return all;
}

} // namespace dci::fuzz
