// `lesson`: the guided lessons from the command line (docs/CLI.md "lesson",
// docs/LESSONS.md): list them, print one with the live numbers and its checks, or check a
// lesson file a teacher wrote.

#include "commands.h"

#include "lesson/lesson.h"

#include <cstdlib>
#include <filesystem>
#include <ostream>

namespace dci::cli {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitProblems = 2; // an invalid lesson is bad input, as an invalid scenario is

// The first folder that exists of: $envVariable, <program dir>/<bin-to-data>/installedName,
// the source tree's (running from a build folder). The GUI's findDataDir in Qt terms.
std::filesystem::path findDataDir(const char *envVariable, const char *installedName, const char *sourceDir)
{
    std::vector<std::filesystem::path> candidates;
    if (const char *env = std::getenv(envVariable); env && *env)
        candidates.emplace_back(env);
    if (const auto dir = programDir(); !dir.empty())
        candidates.push_back(dir / DCI_BIN_TO_DATA_DIR / installedName);
    candidates.emplace_back(sourceDir);
    std::error_code ec;
    for (const auto &c : candidates)
        if (std::filesystem::is_directory(c, ec))
            return c;
    return {};
}

LessonPlans planDirs()
{
    LessonPlans plans;
    if (const auto samples = findDataDir("DCI_SAMPLES_DIR", "samples", DCI_SOURCE_SAMPLES_DIR); !samples.empty())
        plans.dirs.push_back(samples);
    return plans;
}

void printErrors(const std::vector<LessonError> &errors, std::ostream &err)
{
    for (const LessonError &e : errors)
        err << e.text() << "\n";
}

int checkFiles(const std::vector<std::string> &files, const Catalog &catalog, std::ostream &out, std::ostream &err)
{
    const LessonPlans plans = planDirs();
    int code = kExitOk;
    for (const std::string &file : files) {
        const LessonParse parse = readLessonFile(file);
        std::vector<LessonError> errors = parse.errors;
        if (parse.ok()) {
            const auto more = checkLesson(*parse.lesson, catalog, plans);
            errors.insert(errors.end(), more.begin(), more.end());
        }
        if (errors.empty()) {
            std::size_t tasks = 0, questions = 0;
            for (const LessonStep &s : parse.lesson->steps) {
                tasks += s.hasTask();
                questions += s.hasQuestion();
            }
            auto counted = [](std::size_t n, const char *what) {
                return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
            };
            out << file << ": OK (lesson " << parse.lesson->number << ", " << counted(parse.lesson->steps.size(), "step")
                << ", " << counted(tasks, "task") << ", " << counted(questions, "question") << ")\n";
        } else {
            printErrors(errors, err);
            code = kExitProblems;
        }
    }
    return code;
}

} // namespace

int lessonCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err)
{
    std::vector<std::string> files;
    std::string number, dirOption;
    bool check = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a == "--check") {
            check = true;
        } else if (a == "--lessons") {
            if (i + 1 >= args.size())
                throw UsageError("--lessons: expected the folder of the lesson files");
            dirOption = args[++i];
        } else if (isOption(a)) {
            throw UsageError("lesson: unknown option " + a);
        } else if (check) {
            files.push_back(a);
        } else if (number.empty()) {
            number = a;
        } else {
            throw UsageError("lesson: expected one lesson number, got \"" + number + "\" and \"" + a + "\"");
        }
    }
    if (check) {
        if (files.empty())
            throw UsageError("lesson --check: expected one or more lesson FILEs");
        return checkFiles(files, catalog, out, err);
    }
    const std::filesystem::path dir =
        dirOption.empty() ? findDataDir("DCI_LESSONS_DIR", "lessons", DCI_SOURCE_LESSONS_DIR)
                          : std::filesystem::path(dirOption);
    if (dir.empty())
        throw UsageError("lesson: no lessons folder found; set DCI_LESSONS_DIR or give --lessons DIR");
    // The shipped lessons, then a teacher's own (docs/LESSONS.md "Where lessons are found").
    const LessonLibrary library =
        dirOption.empty() ? loadLessonLibrary(std::vector<std::filesystem::path>{dir, userLessonsDir()})
                          : loadLessonLibrary(dir);
    printErrors(library.errors, err);
    if (number.empty()) {
        out << "Lessons in " << dir.string();
        if (const auto own = userLessonsDir(); dirOption.empty() && !own.empty())
            out << " and " << own.string();
        out << ":\n";
        for (const Lesson &l : library.lessons)
            out << "  " << l.number << ". " << l.title << " (" << l.steps.size() << " steps)"
                << (l.summary.empty() ? "" : "\n       " + l.summary) << "\n";
        out << "Run dciplanner-cli lesson N to rehearse one.\n";
        return library.errors.empty() ? kExitOk : kExitProblems;
    }
    const Lesson *lesson = nullptr;
    for (const Lesson &l : library.lessons)
        if (std::to_string(l.number) == number)
            lesson = &l;
    if (!lesson) {
        std::string have;
        for (const Lesson &l : library.lessons)
            have += (have.empty() ? "" : ", ") + std::to_string(l.number);
        throw UsageError("lesson: no lesson " + number + " in " + dir.string() + " (lessons: "
                         + (have.empty() ? "none" : have) + ")");
    }
    std::string transcript;
    const std::vector<LessonError> errors = checkLesson(*lesson, catalog, planDirs(), &transcript);
    out << transcript;
    printErrors(errors, err);
    return errors.empty() ? kExitOk : kExitProblems;
}

} // namespace dci::cli
