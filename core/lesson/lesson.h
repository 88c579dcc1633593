#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dci {

// Guided lessons (issue 17, docs/LESSONS.md): a lesson is a Markdown file with a small
// header, a sequence of steps; each step loads or changes a plan, highlights elements,
// shows a few sentences whose figures the engine fills in, and may set a task (a check on
// the engine's results, with hints and the intended answer) or ask a question. Parsing,
// the checks, the placeholders and the replay of a lesson's plans are here, without Qt,
// so the CLI (`lesson`) and the app use the same code.

// A problem in a lesson file: where, and what was expected.
struct LessonError {
    std::string file;
    int line = 0; // 1-based; 0 = the file as a whole
    std::string message;
    std::string text() const; // "FILE:LINE: MESSAGE"
};

// "PATH = VALUE": one change of the plan (a `set:` or `answer:` line).
struct LessonSet {
    std::string path; // "spans/a-b/wavelengths", "job/strategy", "assumptions/pue", ...
    std::string value;
    int line = 0;
};

struct LessonStep {
    std::string title;
    int line = 0;                       // of its "## " heading
    std::string load;                   // a scenario file name; empty = keep the plan
    int load_line = 0;
    std::vector<LessonSet> sets;        // applied after load, in order
    std::vector<std::string> highlight; // element refs ("site:a", "span:a-b")
    int highlight_line = 0;
    std::string show;                   // "plan", "results", "charts", "n-1", "assumptions",
                                        // "diagnostics", or "explain REF FIGURE"; empty = as is
    int show_line = 0;
    std::vector<std::string> paragraphs; // the text, with {REF FIGURE} placeholders
    std::vector<int> paragraph_lines;
    // A task: done when `check` passes on the plan as the student left it.
    std::string task;
    std::string check;
    int check_line = 0;
    std::vector<LessonSet> answer; // the intended answer: changes that make the check pass
    // A question: one of the choices is right.
    std::string question;
    std::vector<std::string> choices;
    int correct = 0; // 1-based index into choices
    int correct_line = 0;
    std::vector<std::string> hints; // shown one at a time on request; then the answer
    std::string solved;             // shown once the task is done or the question answered

    bool hasTask() const { return !check.empty(); }
    bool hasQuestion() const { return !question.empty(); }
};

struct Lesson {
    std::string file; // as given to the parser, for messages
    int number = 0;   // the header's "lesson:"; the order lessons are offered in
    std::string title;
    std::string summary;
    std::vector<LessonStep> steps;
};

struct LessonParse {
    std::optional<Lesson> lesson;
    std::vector<LessonError> errors;
    bool ok() const { return lesson.has_value() && errors.empty(); }
};

// Parses the text of a lesson file (docs/LESSONS.md "Format"). Syntax only: the paths,
// refs and checks are checked against plans by checkLesson().
LessonParse parseLesson(const std::string &text, const std::string &file);
LessonParse readLessonFile(const std::filesystem::path &path);

// Every *.md lesson of a folder, sorted by lesson number (then file name); a file with
// problems is left out and its problems are listed, as is a second lesson with a number
// already taken.
struct LessonLibrary {
    std::vector<Lesson> lessons;
    std::vector<LessonError> errors;
};
LessonLibrary loadLessonLibrary(const std::filesystem::path &dir);
// The lessons of several folders (the shipped ones, then a teacher's own): a lesson number
// is taken by the first folder that has it; a folder that does not exist adds nothing.
LessonLibrary loadLessonLibrary(const std::vector<std::filesystem::path> &dirs);

// Where a teacher's own lessons go: $DCI_USER_LESSONS_DIR, else
// $XDG_DATA_HOME/dciplanner/lessons, else ~/.local/share/dciplanner/lessons; empty when
// none of these can be named (no HOME).
std::filesystem::path userLessonsDir();

// ---- checks: comparisons of figures in the explain syntax, combined with and/or ----

// One comparison of a check as it stands on a plan ("job efficiency is 67.5 %; needs
// >= 90.0 %").
struct CheckTerm {
    std::string text;   // the comparison as written
    std::string actual; // its figures as they are, in words
    bool passed = false;
};
struct CheckOutcome {
    bool passed = false;
    std::vector<CheckTerm> terms; // every comparison, in the order written
    std::string error;            // the check cannot be read or names no figure: why
};

// Syntax only; empty when `check` reads (docs/LESSONS.md "Checks").
std::string checkSyntaxProblem(const std::string &check);
// The check on a plan and its results. base: the catalog before the plan's assumptions.
CheckOutcome evaluateCheck(const std::string &check, const Scenario &scenario, const Catalog &base,
                           const Results &results);

// One figure in the explain syntax ("job efficiency", "span:a-b utilization"), as a number
// and as a person reads it; nullopt and `error` when it names nothing or is unknown.
struct FigureValue {
    double value = 0.0;
    std::string unit;
    std::string text; // "67.5 %", "3,200 Gb/s"
};
std::optional<FigureValue> figureValue(const std::string &reference, const Scenario &scenario,
                                       const Catalog &base, const Results &results, std::string &error);

// A paragraph with every {REF FIGURE} replaced by the figure's value as a person reads it;
// a placeholder that names nothing stays as "{...?}" and its problem goes to `errors`.
std::string fillPlaceholders(const std::string &text, const Scenario &scenario, const Catalog &base,
                             const Results &results, std::vector<std::string> *errors = nullptr);

// ---- the plans of a lesson ----

// Changes a plan by one "PATH = VALUE" through the GUI's own edits (docs/LESSONS.md
// "Paths"), and checks the result as every edit is checked; `error` says why not.
struct LessonApplied {
    Scenario scenario;
    std::string error;
    bool ok() const { return error.empty(); }
};
LessonApplied applyLessonSets(const Scenario &scenario, const Catalog &catalog, const std::vector<LessonSet> &sets);

// Where `load:` names are looked for: the lesson's own folder first, then these.
struct LessonPlans {
    std::vector<std::filesystem::path> dirs;
    // The plan a load names, read as File > Open reads it; `error` says why not.
    std::optional<Scenario> load(const std::string &name, const std::string &lessonFile, const Catalog &catalog,
                                 std::string &error) const;
};

// The plan a step starts from: the lesson replayed from its first step, each earlier
// task answered with its intended answer, then this step's load and sets. The same plan
// every time, so the numbers a lecturer rehearsed are the numbers the class sees.
struct StepPlan {
    std::optional<Scenario> scenario;
    LessonError error; // when there is no plan: which line, and why
};
StepPlan lessonStepPlan(const Lesson &lesson, std::size_t step, const Catalog &catalog, const LessonPlans &plans);

// The step's plan with its intended answer applied (tasks only).
StepPlan lessonAnswerPlan(const Lesson &lesson, std::size_t step, const Catalog &catalog, const LessonPlans &plans);

// The whole lesson checked against the engine (`lesson --check`): every step has a plan
// that evaluates; every placeholder, highlight and show names something; every check
// reads, fails on the step's starting plan and passes on its intended answer. Errors
// carry the file and line. `transcript` (if given) gets the steps as `lesson N` prints
// them: the text with the live numbers and each task's check before and after.
std::vector<LessonError> checkLesson(const Lesson &lesson, const Catalog &catalog, const LessonPlans &plans,
                                     std::string *transcript = nullptr);

} // namespace dci
