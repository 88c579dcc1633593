#pragma once
// The fuzz harnesses as plain functions (no LLVMFuzzerTestOneInput here): each libFuzzer
// executable (fuzz_<name>.cpp) calls one, and fuzz_replay runs the regression files of
// tests/data/fuzz/<name>/ and the seeds through them all (fuzz/README.md).
//
// Each takes arbitrary bytes, runs part of DCI Planner on them and checks invariants; a
// broken invariant is reported through violation() below: in a fuzzer it aborts (libFuzzer
// saves the input), in the replay it throws, so one run reports every failing file.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dci::fuzz {

// bytes -> scenario reader -> if accepted: evaluate, results JSON, text report, canonical
// writer (reads back, writes the same bytes).
int fuzzScenarioBytes(const std::uint8_t *data, std::size_t size);
// bytes choose a sample scenario and edits that set its numbers to extreme values; then
// validate, and when valid: read back, evaluate, results JSON, report as above.
int fuzzScenarioStruct(const std::uint8_t *data, std::size_t size);
// bytes -> importer -> if it imports: the scenario validates, saves and reads back, and
// evaluates within the invariants; when it refuses: messages name the input, nothing is
// imported.
int fuzzImportGraphml(const std::uint8_t *data, std::size_t size);
int fuzzImportSndlib(const std::uint8_t *data, std::size_t size);
int fuzzImportGnpyTopology(const std::uint8_t *data, std::size_t size);
// bytes -> GNPy equipment importer -> if it imports optics: the catalog with them loads,
// every optic's figures are physical, and a two-site plan lit with each evaluates within
// the invariants.
int fuzzImportGnpyEquipment(const std::uint8_t *data, std::size_t size);

// bytes -> lesson reader -> if it reads: the whole-lesson check against the samples
// (core/lesson); every error names the input and a line within it; the bytes as a check
// on a sample plan never pass with an error.
int fuzzLessonText(const std::uint8_t *data, std::size_t size);

struct Harness {
    const char *name; // tests/data/fuzz/<name>/, fuzz/seeds.txt, fuzz_<name>
    int (*run)(const std::uint8_t *, std::size_t);
};
const std::vector<Harness> &harnesses();

// A broken invariant: what and where. Not a std::exception, so no harness code path that
// catches library errors can swallow it.
struct Violation {
    std::string what;
};
enum class OnViolation { Abort, Throw };
void setOnViolation(OnViolation mode);
[[noreturn]] void violation(const std::string &what);

// What each libFuzzer entry point calls: runs the harness, and on a violation prints it and
// aborts (libFuzzer saves the input), unless it is a known one: a line of the file named by
// $DCI_FUZZ_KNOWN ("<harness> <text the message contains>"; scripts/fuzz.sh passes
// tests/data/fuzz/pending/known.txt), a bug found before whose fix is pending, so the
// fuzzer goes on looking for others.
int runUnderFuzzer(int (*harness)(const std::uint8_t *, std::size_t), const std::uint8_t *data, std::size_t size);

} // namespace dci::fuzz
