// A lesson's plans (docs/LESSONS.md "Paths", "Plans"): `set:` and `answer:` lines applied
// through the GUI's own edits, the replay that gives every step the same starting plan,
// and the whole-lesson check `lesson --check` runs.

#include "lesson/lesson.h"

#include "edit/edits.h"
#include "engine/evaluate.h"
#include "engine/explain.h"
#include "io/scenariojson.h"
#include "model/textformat.h"
#include "model/validate.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace dci {

namespace {

constexpr std::size_t kWrapColumns = 88;

std::vector<std::string> splitPath(const std::string &path)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(path);
    while (std::getline(in, part, '/'))
        parts.push_back(part);
    return parts;
}

bool isNone(const std::string &v) { return v == "auto" || v == "none"; }

// A number, or "auto"/"none" (the field's default) when `optional`; error otherwise.
bool readNumber(const std::string &value, bool optional, std::optional<double> &out, std::string &error)
{
    if (optional && isNone(value)) {
        out.reset();
        return true;
    }
    char *end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size()) {
        error = "expected a number" + std::string(optional ? " or auto" : "") + ", got " + inQuotes(value);
        return false;
    }
    out = v;
    return true;
}

const char *kPathsExpected = "expected sites/ID/FIELD, spans/ID/FIELD, job/KEY, routing/policy, "
                             "routing/load_balancing or assumptions/KEY (docs/LESSONS.md \"Paths\")";

edits::Edited applyOne(const Scenario &s, const Catalog &catalog, const LessonSet &set)
{
    const std::vector<std::string> p = splitPath(set.path);
    const std::string &v = set.value;
    std::optional<double> n;
    std::string error;
    auto number = [&](bool optional) { return readNumber(v, optional, n, error); };
    auto refused = [&](const std::string &why) { return edits::Edited{s, why}; };
    auto flag = [&](bool &out) {
        if (v != "true" && v != "false")
            return false;
        out = v == "true";
        return true;
    };
    if (p.size() == 3 && p[0] == "spans") {
        const std::string &id = p[1], &field = p[2];
        if (field == "length_km")
            return number(true) ? edits::setSpanLength(s, id, n) : refused(error);
        if (field == "wavelengths")
            return number(true) ? edits::setSpanWavelengths(s, id, n) : refused(error);
        if (field == "fiber_pairs")
            return number(true) ? edits::setSpanFiberPairs(s, id, n) : refused(error);
        if (field == "metric") {
            if (!number(true))
                return refused(error);
            if (n && !edits::spanMetricProblem(*n).empty())
                return refused(edits::spanMetricProblem(*n));
            return edits::setSpanMetric(s, id, n ? std::optional<std::int64_t>(static_cast<std::int64_t>(*n))
                                                 : std::nullopt);
        }
        if (field == "optic")
            return edits::setSpanOptic(s, catalog, id, v);
        if (field == "band")
            return edits::setSpanBand(s, catalog, id, v);
        if (field == "down") {
            bool down = false;
            return flag(down) ? edits::setSpanDown(s, id, down) : refused("expected true or false, got " + inQuotes(v));
        }
        return refused("no span field " + inQuotes(field)
                       + ": expected length_km, wavelengths, fiber_pairs, metric, optic, band or down");
    }
    if (p.size() == 3 && p[0] == "sites") {
        const std::string &id = p[1], &field = p[2];
        if (field == "gpus")
            return number(false) ? edits::setSiteGpus(s, id, *n) : refused(error);
        if (field == "power_cap_mw")
            return number(true) ? edits::setSitePowerCap(s, id, n) : refused(error);
        if (field == "pue")
            return number(true) ? edits::setSitePue(s, id, n) : refused(error);
        if (field == "gpu")
            return edits::setSiteGpuType(s, catalog, id, v);
        if (field == "region")
            return edits::setSiteRegion(s, id, isNone(v) ? std::string() : v);
        if (field == "down") {
            bool down = false;
            return flag(down) ? edits::setSiteDown(s, id, down) : refused("expected true or false, got " + inQuotes(v));
        }
        return refused("no site field " + inQuotes(field)
                       + ": expected gpus, gpu, power_cap_mw, pue, region or down");
    }
    if (p.size() == 2 && p[0] == "job") {
        const std::string &key = p[1];
        if (key == "strategy" || key == "dc_pattern" || key == "transport")
            return edits::setJobText(s, key, v);
        if (key == "connections_per_pair")
            return number(true) ? edits::setJobConnections(s, n) : refused(error);
        const std::vector<std::string> keys = jobNumberKeys();
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            return refused("no job field " + inQuotes(key) + ": expected strategy, dc_pattern, transport, "
                           + "connections_per_pair or one of " + joinNames(keys));
        return number(true) ? edits::setJobNumber(s, key, n) : refused(error);
    }
    if (p.size() == 2 && p[0] == "routing")
        return edits::setRouting(s, p[1], v);
    if (p.size() == 2 && p[0] == "assumptions")
        return number(true) ? edits::setAssumption(s, catalog, p[1], n) : refused(error);
    return refused(kPathsExpected);
}

std::string wrapped(const std::string &text, const std::string &indent)
{
    return wrapWords(text, kWrapColumns - indent.size(), indent);
}

std::string setsText(const std::vector<LessonSet> &sets)
{
    std::string out;
    for (const LessonSet &s : sets)
        out += (out.empty() ? "" : "; ") + s.path + " = " + s.value;
    return out;
}

std::string outcomeText(const CheckOutcome &o)
{
    if (!o.error.empty())
        return "cannot be checked: " + o.error;
    std::string out = o.passed ? "passes" : "fails";
    std::string terms;
    std::vector<std::string> said; // a figure compared twice is said once
    for (const CheckTerm &t : o.terms) {
        if (std::find(said.begin(), said.end(), t.actual) != said.end())
            continue;
        said.push_back(t.actual);
        terms += (terms.empty() ? "" : "; ") + t.actual;
    }
    return out + " (" + terms + ")";
}

// The replay of a lesson: the plan each step starts from and, for a task, the plan with
// its intended answer. Stops at the first step that has no plan.
class Replay {
public:
    Replay(const Lesson &lesson, const Catalog &catalog, const LessonPlans &plans)
        : m_lesson(lesson), m_catalog(catalog), m_plans(plans)
    {
    }

    // Advances to step k (in order, from 0); false with `error` when it has no plan.
    bool enter(std::size_t k, LessonError &error)
    {
        const LessonStep &step = m_lesson.steps[k];
        if (!step.load.empty()) {
            std::string why;
            m_plan = m_plans.load(step.load, m_lesson.file, m_catalog, why);
            if (!m_plan) {
                error = {m_lesson.file, step.load_line, "load: " + why};
                return false;
            }
        } else if (!m_plan) {
            error = {m_lesson.file, step.line,
                     "step \"" + step.title + "\" has no plan: the first step needs \"load: FILE\""};
            return false;
        }
        return apply(step.sets, "set: ", error);
    }
    // The plan with step k's intended answer; false with `error` when it does not apply.
    bool answer(std::size_t k, LessonError &error)
    {
        return apply(m_lesson.steps[k].answer, "answer: ", error);
    }
    const std::optional<Scenario> &plan() const { return m_plan; }

private:
    // The lines one at a time, so a problem names its own line; none left on a problem.
    bool apply(const std::vector<LessonSet> &sets, const std::string &key, LessonError &error)
    {
        for (const LessonSet &set : sets) {
            const LessonApplied applied = applyLessonSets(*m_plan, m_catalog, {set});
            if (!applied.ok()) {
                error = {m_lesson.file, set.line, key + applied.error};
                m_plan.reset();
                return false;
            }
            m_plan = applied.scenario;
        }
        return true;
    }

    const Lesson &m_lesson;
    const Catalog &m_catalog;
    const LessonPlans &m_plans;
    std::optional<Scenario> m_plan;
};

StepPlan replayTo(const Lesson &lesson, std::size_t step, bool withAnswer, const Catalog &catalog,
                  const LessonPlans &plans)
{
    StepPlan out;
    if (step >= lesson.steps.size()) {
        out.error = {lesson.file, 0, "no step " + std::to_string(step + 1) + ": the lesson has "
                                         + std::to_string(lesson.steps.size())};
        return out;
    }
    Replay replay(lesson, catalog, plans);
    for (std::size_t k = 0; k <= step; ++k) {
        if (!replay.enter(k, out.error))
            return out;
        if ((k < step || withAnswer) && lesson.steps[k].hasTask() && !replay.answer(k, out.error))
            return out;
    }
    out.scenario = replay.plan();
    return out;
}

// "explain REF FIGURE" or one of the docks; empty when `show` names one.
std::string showProblem(const std::string &show, const Scenario &scenario, const Catalog &base,
                        const Results &results)
{
    static const std::vector<std::string> docks = {"plan", "results", "charts", "n-1", "assumptions", "diagnostics"};
    if (std::find(docks.begin(), docks.end(), show) != docks.end())
        return {};
    if (show.rfind("explain ", 0) == 0) {
        std::string error;
        return figureValue(show.substr(8), scenario, base, results, error) ? std::string() : error;
    }
    return "expected " + joinNames(docks) + " or explain REF FIGURE, got " + inQuotes(show);
}

} // namespace

LessonApplied applyLessonSets(const Scenario &scenario, const Catalog &catalog, const std::vector<LessonSet> &sets)
{
    Scenario plan = scenario;
    for (const LessonSet &set : sets) {
        const edits::Edited edited = applyOne(plan, catalog, set);
        if (!edited.ok())
            return {scenario, set.path + " = " + set.value + ": " + edited.error};
        // The check every GUI edit passes (docs/ARCHITECTURE.md): the rules on the struct.
        const std::vector<Problem> problems = validateScenario(edited.scenario, catalog);
        if (!problems.empty())
            return {scenario, set.path + " = " + set.value + ": " + problems.front().pointer + ": "
                                  + problems.front().message};
        plan = edited.scenario;
    }
    return {plan, {}};
}

std::optional<Scenario> LessonPlans::load(const std::string &name, const std::string &lessonFile,
                                          const Catalog &catalog, std::string &error) const
{
    const std::filesystem::path rel(name);
    if (rel.is_absolute() || name.find("..") != std::string::npos) {
        error = inQuotes(name) + ": expected the name of a plan beside the lesson or among the samples, "
            + "not a path out of them";
        return std::nullopt;
    }
    std::vector<std::filesystem::path> candidates{std::filesystem::path(lessonFile).parent_path() / rel};
    for (const auto &dir : dirs)
        candidates.push_back(dir / rel);
    std::error_code ec;
    for (const auto &path : candidates) {
        if (!std::filesystem::is_regular_file(path, ec))
            continue;
        ScenarioLoad loaded = readScenarioFile(path.string(), catalog);
        if (!loaded.ok()) {
            error = loaded.errors.empty() ? path.string() + ": cannot be read" : loaded.errors.front();
            return std::nullopt;
        }
        return loaded.scenario;
    }
    std::string looked;
    for (const auto &path : candidates)
        looked += (looked.empty() ? "" : ", ") + path.parent_path().string();
    error = inQuotes(name) + ": no such plan (looked in " + looked + ")";
    return std::nullopt;
}

StepPlan lessonStepPlan(const Lesson &lesson, std::size_t step, const Catalog &catalog, const LessonPlans &plans)
{
    return replayTo(lesson, step, false, catalog, plans);
}

StepPlan lessonAnswerPlan(const Lesson &lesson, std::size_t step, const Catalog &catalog, const LessonPlans &plans)
{
    if (step < lesson.steps.size() && !lesson.steps[step].hasTask())
        return {std::nullopt, {lesson.file, lesson.steps[step].line, "the step sets no task"}};
    return replayTo(lesson, step, true, catalog, plans);
}

std::vector<LessonError> checkLesson(const Lesson &lesson, const Catalog &catalog, const LessonPlans &plans,
                                     std::string *transcript)
{
    std::vector<LessonError> errors;
    std::string t;
    auto err = [&](int line, const std::string &message) { errors.push_back({lesson.file, line, message}); };
    t += "Lesson " + std::to_string(lesson.number) + ": " + lesson.title + "\n";
    if (!lesson.summary.empty())
        t += wrapped(lesson.summary, "");
    Replay replay(lesson, catalog, plans);
    for (std::size_t k = 0; k < lesson.steps.size(); ++k) {
        const LessonStep &step = lesson.steps[k];
        LessonError error;
        if (!replay.enter(k, error)) {
            errors.push_back(error);
            break;
        }
        const Scenario start = *replay.plan();
        const Catalog base = catalog;
        const Results results = evaluate(start, catalog);
        t += "\nStep " + std::to_string(k + 1) + "/" + std::to_string(lesson.steps.size()) + ": " + step.title;
        if (!step.load.empty())
            t += "  [plan: " + step.load + "]";
        t += "\n";
        if (!step.sets.empty())
            t += "  (changes: " + setsText(step.sets) + ")\n";
        for (const std::string &ref : step.highlight) {
            std::string why;
            if (!resolveRef(start, results, ref, why))
                err(step.highlight_line, "highlight: " + ref + ": " + why);
        }
        if (!step.highlight.empty())
            t += "  (highlights: " + joinNames(step.highlight) + ")\n";
        if (!step.show.empty()) {
            if (const std::string why = showProblem(step.show, start, base, results); !why.empty())
                err(step.show_line, "show: " + why);
            t += "  (shows: " + step.show + ")\n";
        }
        auto fill = [&](const std::string &text, int line, const Scenario &plan, const Results &r) {
            std::vector<std::string> problems;
            std::string filled = fillPlaceholders(text, plan, base, r, &problems);
            for (const std::string &p : problems)
                err(line, p);
            return filled;
        };
        for (std::size_t p = 0; p < step.paragraphs.size(); ++p)
            t += wrapped(fill(step.paragraphs[p], step.paragraph_lines[p], start, results), "  ") + "\n";
        const int stepLine = step.line;
        if (step.hasQuestion()) {
            t += wrapped("Question: " + fill(step.question, stepLine, start, results), "  ");
            for (std::size_t c = 0; c < step.choices.size(); ++c)
                t += wrapped(std::to_string(c + 1) + ". " + fill(step.choices[c], stepLine, start, results)
                                 + (static_cast<int>(c + 1) == step.correct ? "   <- right" : ""),
                             "    ");
        }
        if (step.hasTask())
            t += wrapped("Task: " + fill(step.task, stepLine, start, results), "  ");
        for (std::size_t h = 0; h < step.hints.size(); ++h)
            t += wrapped("Hint " + std::to_string(h + 1) + ": " + fill(step.hints[h], stepLine, start, results), "  ");
        if (step.hasTask()) {
            const CheckOutcome before = evaluateCheck(step.check, start, base, results);
            t += wrapped("Check: " + step.check, "  ");
            t += wrapped("at the start: " + outcomeText(before), "    ");
            if (!before.error.empty())
                err(step.check_line, "check: " + before.error);
            else if (before.passed)
                err(step.check_line, "check: already passes on the step's starting plan, so there is nothing to "
                                         "do: " + outcomeText(before));
            if (!before.error.empty()) {
                // The check names no figure: an answer cannot pass it either.
                if (!replay.answer(k, error)) {
                    errors.push_back(error);
                    break;
                }
                continue;
            }
            if (!replay.answer(k, error)) {
                errors.push_back(error);
                break;
            }
            const Results answered = evaluate(*replay.plan(), catalog);
            const CheckOutcome after = evaluateCheck(step.check, *replay.plan(), base, answered);
            t += wrapped("intended answer (" + setsText(step.answer) + "): " + outcomeText(after), "    ");
            if (!after.passed)
                err(step.answer.front().line, "answer: the intended answer does not pass the check: "
                                                  + outcomeText(after));
            if (!step.solved.empty())
                t += wrapped("Solved: " + fill(step.solved, stepLine, *replay.plan(), answered), "  ");
        } else if (!step.solved.empty()) {
            t += wrapped("Solved: " + fill(step.solved, stepLine, start, results), "  ");
        }
    }
    t += errors.empty() ? "\nEvery step has a plan, every figure is known and every task's intended answer "
                          "passes its check.\n"
                        : "\n" + std::to_string(errors.size()) + " problem(s) in the lesson.\n";
    if (transcript)
        *transcript = t;
    return errors;
}

} // namespace dci
