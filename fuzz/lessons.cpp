// The lesson_text harness: any bytes as a lesson file (core/lesson), then, when it reads,
// the whole-lesson check against the samples; and the bytes as a check expression on a
// sample plan.

#include "harnesses.h"

#include "engine/evaluate.h"
#include "io/scenariojson.h"
#include "lesson/lesson.h"

#include <algorithm>
#include <exception>

namespace dci::fuzz {

namespace {

const char *const kOrigin = "fuzz-input.md";

const Scenario &teachingPlan()
{
    static const Scenario plan = [] {
        ScenarioLoad load =
            readScenarioFile(DCI_SOURCE_DIR "/samples/two-campus-teaching.json", Catalog::builtin());
        if (!load.ok())
            violation("lesson_text: samples/two-campus-teaching.json does not read");
        return *load.scenario;
    }();
    return plan;
}

void checkErrors(const std::vector<LessonError> &errors, std::size_t lines, const std::string &where)
{
    for (const LessonError &e : errors) {
        if (e.file != kOrigin)
            violation(where + ": an error does not name the file: " + e.text());
        if (e.line < 0 || static_cast<std::size_t>(e.line) > lines + 1)
            violation(where + ": an error names line " + std::to_string(e.line) + " of " + std::to_string(lines)
                      + ": " + e.text());
        if (e.message.empty())
            violation(where + ": an error without a message at line " + std::to_string(e.line));
    }
}

} // namespace

int fuzzLessonText(const std::uint8_t *data, std::size_t size)
{
    const std::string where = "lesson_text";
    const std::string text(reinterpret_cast<const char *>(data), size);
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    const Catalog &catalog = Catalog::builtin();
    try {
        const LessonParse parse = parseLesson(text, kOrigin);
        checkErrors(parse.errors, lines, where);
        if (parse.ok() == !parse.errors.empty())
            violation(where + ": a lesson both read and refused, or neither");
        if (parse.ok()) {
            LessonPlans plans;
            plans.dirs.push_back(DCI_SOURCE_DIR "/samples");
            std::string transcript;
            checkErrors(checkLesson(*parse.lesson, catalog, plans, &transcript), lines, where);
        }
        // The same bytes as a check on a plan: an outcome, never a pass with an error.
        const Scenario &plan = teachingPlan();
        const Results results = evaluate(plan, catalog);
        const CheckOutcome outcome = evaluateCheck(text, plan, catalog, results);
        if (outcome.passed && !outcome.error.empty())
            violation(where + ": a check passed with an error: " + outcome.error);
        if (checkSyntaxProblem(text).empty() != (outcome.error.empty() || !outcome.terms.empty()))
            violation(where + ": the syntax check and the evaluation disagree on " + text.substr(0, 80));
        std::vector<std::string> problems;
        fillPlaceholders(text, plan, catalog, results, &problems);
    } catch (const std::exception &e) {
        violation(where + ": threw " + e.what());
    }
    return 0;
}

} // namespace dci::fuzz
