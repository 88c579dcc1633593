// Lessons (core/lesson, issue 17): the shipped lessons load and check against the engine
// step by step; the lesson file reader, the checks, the placeholders and the plan paths;
// a catalogue of broken lesson files, each reported at its file and line; the CLI's
// `lesson` command.
#include "engine/evaluate.h"
#include "io/scenariojson.h"
#include "lesson/lesson.h"
#include "model/catalog.h"

#include "clirun.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

using namespace dci;

namespace {

const std::filesystem::path kLessonsDir = DCI_SOURCE_DIR "/resources/lessons";
const std::filesystem::path kBadDir = DCI_TEST_DATA_DIR "/lessons/bad";
const std::filesystem::path kGoodDir = DCI_TEST_DATA_DIR "/lessons/good";
// The issue asks for at least these eight lessons, in this order.
constexpr std::size_t kShippedLessons = 8;

LessonPlans samplePlans()
{
    LessonPlans plans;
    plans.dirs.push_back(DCI_SOURCE_DIR "/samples");
    return plans;
}

Scenario readSample(const std::string &name)
{
    ScenarioLoad load = readScenarioFile(std::string(DCI_SOURCE_DIR "/samples/") + name, Catalog::builtin());
    for (const std::string &e : load.errors)
        qWarning("%s", e.c_str());
    return load.ok() ? *load.scenario : Scenario{};
}

std::string errorsText(const std::vector<LessonError> &errors)
{
    std::string out;
    for (const LessonError &e : errors)
        out += e.text() + "\n";
    return out;
}

Lesson parsed(const std::string &text)
{
    LessonParse parse = parseLesson(text, "case.md");
    if (!parse.ok())
        qWarning("%s", errorsText(parse.errors).c_str());
    return parse.lesson ? *parse.lesson : Lesson{};
}

const char *kHeader = "---\nlesson: 7\ntitle: T\n---\n\n";

void writeFile(const std::filesystem::path &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

} // namespace

class TestLessons : public QObject
{
    Q_OBJECT

private slots:
    // ---- the shipped lessons ----

    void shippedLessonsLoad()
    {
        const LessonLibrary library = loadLessonLibrary(kLessonsDir);
        QVERIFY2(library.errors.empty(), errorsText(library.errors).c_str());
        QCOMPARE(library.lessons.size(), kShippedLessons);
        for (std::size_t i = 0; i < library.lessons.size(); ++i) {
            QCOMPARE(library.lessons[i].number, static_cast<int>(i + 1));
            QVERIFY(!library.lessons[i].title.empty());
            QVERIFY(library.lessons[i].steps.size() >= 3);
        }
    }

    void shippedLessonsCheck_data()
    {
        QTest::addColumn<int>("index");
        const LessonLibrary library = loadLessonLibrary(kLessonsDir);
        for (std::size_t i = 0; i < library.lessons.size(); ++i)
            QTest::newRow(library.lessons[i].title.c_str()) << static_cast<int>(i);
    }
    // Every step's plan evaluates; every placeholder names a figure; every task fails on the
    // step's starting plan and passes on its intended answer, through the public API (not
    // checkLesson, which the next test runs).
    void shippedLessonsCheck()
    {
        QFETCH(int, index);
        const LessonLibrary library = loadLessonLibrary(kLessonsDir);
        const Lesson &lesson = library.lessons.at(static_cast<std::size_t>(index));
        const Catalog &catalog = Catalog::builtin();
        const LessonPlans plans = samplePlans();
        std::size_t tasks = 0, questions = 0;
        for (std::size_t k = 0; k < lesson.steps.size(); ++k) {
            const LessonStep &step = lesson.steps[k];
            const QByteArray where = QByteArray::fromStdString(lesson.file + " step " + std::to_string(k + 1));
            const StepPlan start = lessonStepPlan(lesson, k, catalog, plans);
            QVERIFY2(start.scenario, (where + ": " + start.error.text().c_str()).constData());
            QVERIFY2(checkScenario(*start.scenario, catalog).empty(), where.constData());
            const Results results = evaluate(*start.scenario, catalog);
            for (const std::string &paragraph : step.paragraphs) {
                std::vector<std::string> problems;
                const std::string filled = fillPlaceholders(paragraph, *start.scenario, catalog, results, &problems);
                QVERIFY2(problems.empty(), (where + ": " + (problems.empty() ? "" : problems.front().c_str())).constData());
                QVERIFY2(filled.find('{') == std::string::npos, (where + ": " + filled.c_str()).constData());
            }
            if (step.hasQuestion()) {
                ++questions;
                QVERIFY(step.correct >= 1 && step.correct <= static_cast<int>(step.choices.size()));
            }
            if (!step.hasTask())
                continue;
            ++tasks;
            QCOMPARE(step.hints.size(), std::size_t(2));
            const CheckOutcome before = evaluateCheck(step.check, *start.scenario, catalog, results);
            QVERIFY2(before.error.empty(), (where + ": " + before.error.c_str()).constData());
            QVERIFY2(!before.passed, (where + ": the check passes before the task: " + step.check.c_str()).constData());
            const StepPlan answered = lessonAnswerPlan(lesson, k, catalog, plans);
            QVERIFY2(answered.scenario, (where + ": " + answered.error.text().c_str()).constData());
            QVERIFY(!(*answered.scenario == *start.scenario));
            const CheckOutcome after =
                evaluateCheck(step.check, *answered.scenario, catalog, evaluate(*answered.scenario, catalog));
            QVERIFY2(after.passed, (where + ": the intended answer fails: " + step.check.c_str()).constData());
            // The answer is the step's plan with the answer lines applied, nothing else.
            const LessonApplied direct = applyLessonSets(*start.scenario, catalog, step.answer);
            QVERIFY2(direct.ok(), direct.error.c_str());
            QVERIFY(direct.scenario == *answered.scenario);
        }
        QVERIFY2(tasks + questions >= 2, "a lesson sets at least two tasks or questions");
        QVERIFY2(checkLesson(lesson, catalog, plans).empty(), errorsText(checkLesson(lesson, catalog, plans)).c_str());
    }

    // A step's plan is the same every time: the replay of the lesson with each earlier
    // task's intended answer.
    void stepPlanIsTheReplay()
    {
        const Lesson lesson = parsed(std::string(kHeader)
                                     + "## One\nload: two-campus-teaching.json\n\nText.\n\n"
                                       "task: More wavelengths.\ncheck: span:a-b capacity_gbps >= 6400\nhint: a\nhint: b\n"
                                       "answer: spans/a-b/wavelengths = 16\n\n"
                                       "## Two\nset: spans/a-b/length_km = 1000\n\nText.\n\n"
                                       "## Three\nload: elephant-flows.json\n\nText.\n");
        QCOMPARE(lesson.steps.size(), std::size_t(3));
        const Catalog &catalog = Catalog::builtin();
        const Scenario sample = readSample("two-campus-teaching.json");
        const StepPlan one = lessonStepPlan(lesson, 0, catalog, samplePlans());
        QVERIFY(one.scenario && *one.scenario == sample);
        const StepPlan two = lessonStepPlan(lesson, 1, catalog, samplePlans());
        QVERIFY(two.scenario);
        QCOMPARE(two.scenario->spans[0].wavelengths.value_or(0), 16);
        QCOMPARE(two.scenario->spans[0].length_km.value_or(0), 1000.0);
        const StepPlan three = lessonStepPlan(lesson, 2, catalog, samplePlans());
        QVERIFY(three.scenario && *three.scenario == readSample("elephant-flows.json"));
        const StepPlan none = lessonStepPlan(lesson, 3, catalog, samplePlans());
        QVERIFY(!none.scenario);
        QVERIFY(none.error.message.find("no step 4") != std::string::npos);
        const StepPlan notATask = lessonAnswerPlan(lesson, 1, catalog, samplePlans());
        QVERIFY(!notATask.scenario);
    }

    // ---- the reader ----

    void readerKeepsWhatWasWritten()
    {
        const Lesson lesson = parsed("\xEF\xBB\xBF---\r\nlesson: 12\r\ntitle: Title here\r\nsummary: Sum.\r\n---\r\n\r\n"
                                     "<!-- a comment -->\r\n"
                                     "## First step\r\nload: two-campus-teaching.json\r\nhighlight: site:a, span:a-b\r\n"
                                     "show: explain job efficiency\r\n\r\n"
                                     "One line\r\nand its second line.\r\n\r\nA second paragraph: {job efficiency}.\r\n\r\n"
                                     "task: Do this\r\n  and that.\r\ncheck: job efficiency >= 0.9\r\n"
                                     "hint: first\r\nhint: second\r\nanswer: job/connections_per_pair = 1024\r\n"
                                     "answer: routing/load_balancing = spray\r\nsolved: Done.\r\n\r\n"
                                     "## Second\r\nquestion: Which?\r\nchoice: a\r\nchoice: b\r\ncorrect: 2\r\n");
        QCOMPARE(lesson.number, 12);
        QCOMPARE(lesson.title, std::string("Title here"));
        QCOMPARE(lesson.summary, std::string("Sum."));
        QCOMPARE(lesson.steps.size(), std::size_t(2));
        const LessonStep &s = lesson.steps[0];
        QCOMPARE(s.title, std::string("First step"));
        QCOMPARE(s.line, 8);
        QCOMPARE(s.load, std::string("two-campus-teaching.json"));
        QCOMPARE(s.highlight, (std::vector<std::string>{"site:a", "span:a-b"}));
        QCOMPARE(s.show, std::string("explain job efficiency"));
        QCOMPARE(s.paragraphs, (std::vector<std::string>{"One line and its second line.",
                                                         "A second paragraph: {job efficiency}."}));
        QCOMPARE(s.paragraph_lines, (std::vector<int>{13, 16}));
        QCOMPARE(s.task, std::string("Do this and that."));
        QCOMPARE(s.check_line, 20);
        QCOMPARE(s.hints.size(), std::size_t(2));
        QCOMPARE(s.answer.size(), std::size_t(2));
        QCOMPARE(s.answer[1].path, std::string("routing/load_balancing"));
        QCOMPARE(s.answer[1].value, std::string("spray"));
        QCOMPARE(s.answer[1].line, 24);
        QCOMPARE(s.solved, std::string("Done."));
        QVERIFY(s.hasTask() && !s.hasQuestion());
        QVERIFY(lesson.steps[1].hasQuestion());
        QCOMPARE(lesson.steps[1].correct, 2);
    }

    // A word before a colon that is not a key is text, so prose may say "Note: ...".
    void unknownKeysAreText()
    {
        const Lesson lesson = parsed(std::string(kHeader) + "## S\nload: x.json\nNote: this is prose.\n");
        QCOMPARE(lesson.steps.at(0).paragraphs, (std::vector<std::string>{"Note: this is prose."}));
    }

    // Every file of tests/data/lessons/bad is reported at its line with what was expected,
    // by the reader or by the whole-lesson check, and never crashes or hangs.
    void badLessons_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *file, int line, const char *expected) {
            QTest::newRow(file) << QString(file) << line << QString(expected);
        };
        row("no-header.md", 1, "expected the header, starting with a line \"---\"");
        row("header-unclosed.md", 1, "the header is not closed");
        row("bad-number.md", 2, "lesson: expected a whole number from 1 to 999, got \"zero\"");
        row("missing-title.md", 1, "the header has no \"title: TEXT\"");
        row("text-before-step.md", 6, "expected the first step, a line \"## TITLE\"");
        row("check-syntax.md", 12, "check: expected a figure");
        row("task-without-check.md", 6, "the task has no \"check:\"");
        row("check-without-answer.md", 12, "the task has no \"answer: PATH = VALUE\"");
        row("set-without-equals.md", 8, "set: expected PATH = VALUE");
        row("correct-out-of-range.md", 15, "correct: expected 1 to 3");
        row("empty.md", 0, "the file is empty");
        row("unknown-plan.md", 7, "load: \"no-such-plan.json\": no such plan");
        row("load-outside.md", 7, "not a path out of them");
        row("unknown-placeholder.md", 9, "{job speed}: \"job speed\": unknown figure \"speed\" for job");
        row("unknown-span.md", 8, "set: spans/nowhere/length_km = 100: no span \"nowhere\"");
        row("unknown-strategy.md", 8, "unknown strategy \"fastest\"");
        row("check-already-passes.md", 12, "check: already passes on the step's starting plan");
        row("answer-does-not-pass.md", 14, "answer: the intended answer does not pass the check");
        row("unknown-highlight.md", 8, "highlight: span:x-y: no span \"x-y\"");
        row("first-step-without-plan.md", 6, "has no plan: the first step needs \"load: FILE\"");
        row("unknown-check-figure.md", 12, "unknown figure \"speed\" for job");
    }
    void badLessons()
    {
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QString, expected);
        const std::filesystem::path path = kBadDir / file.toStdString();
        const LessonParse parse = readLessonFile(path);
        std::vector<LessonError> errors = parse.errors;
        if (parse.ok())
            errors = checkLesson(*parse.lesson, Catalog::builtin(), samplePlans());
        QVERIFY2(!errors.empty(), qPrintable(file + ": no problem reported"));
        const LessonError &first = errors.front();
        QCOMPARE(first.file, path.string());
        QCOMPARE(first.line, line);
        QVERIFY2(first.message.find(expected.toStdString()) != std::string::npos, first.text().c_str());
        QVERIFY(first.text().rfind(path.string() + (line ? ":" + std::to_string(line) + ": " : ": "), 0) == 0);
    }

    void binaryAndNotUtf8Files()
    {
        QTemporaryDir dir;
        const std::filesystem::path binary = dir.filePath("binary.md").toStdString();
        writeFile(binary, std::string("---\nlesson: 1\0\0\0\x01\x02", 18));
        QVERIFY(readLessonFile(binary).errors.at(0).message.find("binary data") != std::string::npos);
        const std::filesystem::path latin1 = dir.filePath("latin1.md").toStdString();
        writeFile(latin1, std::string(kHeader) + "## Caf\xE9\nload: a.json\n\nText.\n");
        QVERIFY(readLessonFile(latin1).errors.at(0).message.find("UTF-8") != std::string::npos);
        const std::filesystem::path huge = dir.filePath("huge.md").toStdString();
        writeFile(huge, std::string(kHeader) + "## S\nload: a.json\n\n" + std::string(1'100'000, 'x') + "\n");
        QVERIFY(readLessonFile(huge).errors.at(0).message.find("at most") != std::string::npos);
        QVERIFY(readLessonFile(dir.filePath("missing.md").toStdString()).errors.at(0).message.find("cannot open")
                != std::string::npos);
    }

    // A library with a broken file and two lessons of the same number: the good lessons are
    // offered, the others are listed with why.
    void libraryKeepsTheGoodLessons()
    {
        QTemporaryDir dir;
        const std::filesystem::path d = dir.path().toStdString();
        std::filesystem::copy_file(kLessonsDir / "01-power-wall.md", d / "01-power-wall.md");
        std::filesystem::copy_file(kBadDir / "bad-number.md", d / "02-bad.md");
        writeFile(d / "03-same-number.md", "---\nlesson: 1\ntitle: Another first\n---\n\n## S\nload: a.json\n\nText.\n");
        writeFile(d / "README.md", "Not a lesson.\n");
        const LessonLibrary library = loadLessonLibrary(d);
        QCOMPARE(library.lessons.size(), std::size_t(1));
        QCOMPARE(library.lessons[0].title, std::string("The power wall"));
        QCOMPARE(library.errors.size(), std::size_t(2));
        QCOMPARE(library.errors[0].line, 2);
        QVERIFY(library.errors[0].file.find("02-bad.md") != std::string::npos);
        QVERIFY(library.errors[1].message.find("lesson 1 is also the number of ") != std::string::npos);
        QVERIFY(library.errors[1].message.find("01-power-wall.md; this file is left out") != std::string::npos);
        QVERIFY(!loadLessonLibrary(d / "nowhere").errors.empty());
    }

    // The shipped folder, then a teacher's own: a number is the first folder's; a folder
    // that does not exist adds nothing.
    void libraryOfTwoFolders()
    {
        QTemporaryDir dir;
        const std::filesystem::path own = dir.path().toStdString();
        writeFile(own / "lesson-100.md", "---\nlesson: 100\ntitle: My own\n---\n\n## S\nload: a.json\n\nText.\n");
        writeFile(own / "lesson-1.md", "---\nlesson: 1\ntitle: Mine first\n---\n\n## S\nload: a.json\n\nText.\n");
        const LessonLibrary library = loadLessonLibrary(std::vector<std::filesystem::path>{kLessonsDir, own, own / "none"});
        QCOMPARE(library.lessons.size(), kShippedLessons + 1);
        QCOMPARE(library.lessons.front().title, std::string("The power wall"));
        QCOMPARE(library.lessons.back().title, std::string("My own"));
        QCOMPARE(library.errors.size(), std::size_t(1));
        QVERIFY(library.errors[0].file.find("lesson-1.md") != std::string::npos);
        QVERIFY(library.errors[0].message.find("01-power-wall.md") != std::string::npos);
    }

    void userLessonsFolder()
    {
        const QByteArray own = qgetenv("DCI_USER_LESSONS_DIR");
        const QByteArray data = qgetenv("XDG_DATA_HOME");
        const QByteArray home = qgetenv("HOME");
        qputenv("DCI_USER_LESSONS_DIR", "/tmp/own-lessons");
        QCOMPARE(userLessonsDir(), std::filesystem::path("/tmp/own-lessons"));
        qunsetenv("DCI_USER_LESSONS_DIR");
        qputenv("XDG_DATA_HOME", "/tmp/xdg");
        QCOMPARE(userLessonsDir(), std::filesystem::path("/tmp/xdg/dciplanner/lessons"));
        qunsetenv("XDG_DATA_HOME");
        qputenv("HOME", "/home/teacher");
        QCOMPARE(userLessonsDir(), std::filesystem::path("/home/teacher/.local/share/dciplanner/lessons"));
        auto restore = [](const char *name, const QByteArray &value) {
            if (value.isNull())
                qunsetenv(name);
            else
                qputenv(name, value);
        };
        restore("DCI_USER_LESSONS_DIR", own);
        restore("XDG_DATA_HOME", data);
        restore("HOME", home);
    }

    // ---- checks ----

    void checks_data()
    {
        QTest::addColumn<QString>("check");
        QTest::addColumn<bool>("passes");
        QTest::addColumn<int>("terms");
        // two-campus-teaching: utilization 67.5 %, efficiency 100 %, 8 wavelengths.
        QTest::newRow("ratio") << "span:a-b utilization <= 1.0" << true << 1;
        QTest::newRow("percent") << "span:a-b utilization < 50%" << false << 1;
        QTest::newRow("number on the left") << "0.5 <= span:a-b utilization" << true << 1;
        QTest::newRow("two figures") << "span:a-b load_gbps < span:a-b capacity_gbps" << true << 1;
        QTest::newRow("equal") << "span:a-b wavelengths == 8" << true << 1;
        QTest::newRow("not equal") << "span:a-b wavelengths != 8" << false << 1;
        QTest::newRow("and lists both") << "span:a-b wavelengths > 8 and job efficiency >= 0.9" << false << 2;
        QTest::newRow("or") << "span:a-b wavelengths > 8 or job efficiency >= 0.9" << true << 2;
        QTest::newRow("and binds tighter than or")
            << "span:a-b wavelengths > 8 and job efficiency >= 0.9 or span:a-b wavelengths == 8" << true << 3;
        QTest::newRow("brackets") << "span:a-b wavelengths > 8 and (job efficiency >= 0.9 or span:a-b wavelengths == 8)"
                                  << false << 3;
        QTest::newRow("bare id") << "a-b utilization > 0.6" << true << 1;
        QTest::newRow("cost") << "cost capex_usd > 0" << true << 1;
        QTest::newRow("demand") << "demand:0 rtt_ms < 2" << true << 1;
        QTest::newRow("site") << "site:a gpus >= 16384" << true << 1;
        QTest::newRow("demand by its sites") << "demand:a>b rtt_ms < 2 and demand:b>a gbps > 1000" << true << 2;
    }
    void checks()
    {
        QFETCH(QString, check);
        QFETCH(bool, passes);
        QFETCH(int, terms);
        const Scenario s = readSample("two-campus-teaching.json");
        const Results r = evaluate(s, Catalog::builtin());
        QCOMPARE(checkSyntaxProblem(check.toStdString()), std::string());
        const CheckOutcome out = evaluateCheck(check.toStdString(), s, Catalog::builtin(), r);
        QVERIFY2(out.error.empty(), out.error.c_str());
        QCOMPARE(out.passed, passes);
        QCOMPARE(out.terms.size(), static_cast<std::size_t>(terms));
    }

    // errors and warnings: the Diagnostics of an element, or of the plan, counted.
    void diagnosticCounts()
    {
        const Catalog &c = Catalog::builtin();
        const Scenario wall = readSample("power-wall.json"); // one site over its cap: an error
        const Results r = evaluate(wall, c);
        std::string error;
        QCOMPARE(figureValue("site:new-albany errors", wall, c, r, error)->value, 1.0);
        QCOMPARE(figureValue("plan errors", wall, c, r, error)->value, 1.0);
        QCOMPARE(figureValue("job errors", wall, c, r, error)->value, 0.0);
        QVERIFY(evaluateCheck("plan errors == 0", wall, c, r).terms.at(0).actual == "plan errors is 1");
        const Scenario split = readSample("power-wall-split.json");
        QVERIFY(evaluateCheck("plan errors == 0", split, c, evaluate(split, c)).passed);
        QVERIFY(!figureValue("cost errors", wall, c, r, error));
        QVERIFY(error.find("diagnostics belong to a site, a span, the job or the plan") != std::string::npos);
        QVERIFY(!figureValue("plan efficiency", wall, c, r, error));
        QVERIFY(error.find("errors and warnings") != std::string::npos);
        QVERIFY(!figureValue("site:nowhere warnings", wall, c, r, error));
        QVERIFY(error.find("no site \"nowhere\"") != std::string::npos);
    }

    void checkTermsSayWhatTheFiguresAre()
    {
        const Scenario s = readSample("two-campus-teaching.json");
        const Results r = evaluate(s, Catalog::builtin());
        const CheckOutcome out = evaluateCheck("span:a-b utilization <= 0.5", s, Catalog::builtin(), r);
        QCOMPARE(out.terms.at(0).text, std::string("span:a-b utilization <= 0.5"));
        QCOMPARE(out.terms.at(0).actual, std::string("span:a-b utilization is 67.5 %"));
        QVERIFY(!out.terms.at(0).passed);
    }

    void checkSyntaxErrors_data()
    {
        QTest::addColumn<QString>("check");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << "" << "the check is empty";
        QTest::newRow("no operator") << "job efficiency 0.9" << "expected a comparison (<=, >=, <, >, ==, !=) at \"0.9\" (column 16)";
        QTest::newRow("no right side") << "job efficiency >=" << "expected a figure";
        QTest::newRow("figure missing") << "job >= 0.9" << "expected a figure after \"job\"";
        QTest::newRow("bad operator") << "job efficiency => 0.9" << "expected a comparison";
        QTest::newRow("two numbers") << "1 < 2" << "compares two numbers";
        QTest::newRow("unclosed bracket") << "(job efficiency >= 0.9" << "expected \")\" at the end";
        QTest::newRow("dangling and") << "job efficiency >= 0.9 and" << "at the end";
        QTest::newRow("trailing words") << "job efficiency >= 0.9 job" << "unexpected \"job\" after a complete comparison";
        QTest::newRow("too deep") << QString(30, '(') + "job efficiency >= 0.9" + QString(30, ')') << "nested deeper";
    }
    void checkSyntaxErrors()
    {
        QFETCH(QString, check);
        QFETCH(QString, expected);
        const std::string problem = checkSyntaxProblem(check.toStdString());
        QVERIFY2(problem.find(expected.toStdString()) != std::string::npos, problem.c_str());
    }

    void checkNamingNothingIsAnError()
    {
        const Scenario s = readSample("two-campus-teaching.json");
        const Results r = evaluate(s, Catalog::builtin());
        const CheckOutcome out = evaluateCheck("span:x-y utilization <= 1", s, Catalog::builtin(), r);
        QVERIFY(!out.passed);
        QVERIFY(out.error.find("no span \"x-y\" (spans are: a-b)") != std::string::npos);
    }

    // ---- placeholders ----

    void placeholders()
    {
        const Scenario s = readSample("two-campus-teaching.json");
        const Results r = evaluate(s, Catalog::builtin());
        std::vector<std::string> problems;
        QCOMPARE(fillPlaceholders("{span:a-b utilization} of {span:a-b  capacity_gbps}; {job nothing}; {open", s,
                                  Catalog::builtin(), r, &problems),
                 std::string("67.5 % of 3,200 Gb/s; {job nothing?}; {open"));
        QCOMPARE(problems.size(), std::size_t(2));
        QVERIFY(problems[0].find("unknown figure \"nothing\"") != std::string::npos);
        QVERIFY(problems[1].find("without its \"}\"") != std::string::npos);
    }

    // Lesson text writes bytes, seconds and dollars as a person reads them, and converts to
    // a unit a placeholder asks for.
    void placeholderUnits()
    {
        const Scenario s = readSample("two-campus-teaching.json");
        const Results r = evaluate(s, Catalog::builtin());
        const Catalog &c = Catalog::builtin();
        std::vector<std::string> problems;
        // 70e9 parameters x 2 bytes = 140 GB of gradients; capacity 3,200 Gb/s.
        QCOMPARE(fillPlaceholders("{job exchanged_bytes}", s, c, r, &problems), std::string("140.00 GB"));
        QCOMPARE(fillPlaceholders("{span:a-b capacity_gbps Tb/s}", s, c, r, &problems), std::string("3.2 Tb/s"));
        QCOMPARE(fillPlaceholders("{job exchanged_bytes TB}", s, c, r, &problems), std::string("0.14 TB"));
        QCOMPARE(fillPlaceholders("{span:a-b utilization %}", s, c, r, &problems), std::string("67.5 %"));
        QVERIFY(problems.empty());
        const std::string step = fillPlaceholders("{job step_s}", s, c, r, &problems);
        QVERIFY2(step.size() > 3 && step.substr(step.size() - 3) == " ms", step.c_str());
        QVERIFY(fillPlaceholders("{cost capex_usd}", s, c, r, &problems).rfind('$', 0) == 0);
        QCOMPARE(fillPlaceholders("{span:a-b capacity_gbps furlongs}", s, c, r, &problems),
                 std::string("{span:a-b capacity_gbps furlongs?}"));
        QCOMPARE(problems.size(), std::size_t(1));
        QVERIFY2(problems[0].find("cannot write a figure in Gb/s as \"furlongs\"; expected one of Tb/s, Gb/s")
                     != std::string::npos,
                 problems[0].c_str());
    }

    // ---- plan paths ----

    void setPaths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("error"); // empty: applies
        QTest::newRow("length") << "spans/a-b/length_km" << "1000" << "";
        QTest::newRow("length auto") << "spans/a-b/length_km" << "auto" << "";
        QTest::newRow("wavelengths") << "spans/a-b/wavelengths" << "16" << "";
        QTest::newRow("fiber pairs") << "spans/a-b/fiber_pairs" << "2" << "";
        QTest::newRow("metric") << "spans/a-b/metric" << "10" << "";
        QTest::newRow("optic") << "spans/a-b/optic" << "OpenZR+ 400G" << "";
        QTest::newRow("down") << "spans/a-b/down" << "true" << "";
        QTest::newRow("site gpus") << "sites/a/gpus" << "8192" << "";
        QTest::newRow("site cap") << "sites/a/power_cap_mw" << "none" << "";
        QTest::newRow("site pue") << "sites/a/pue" << "1.3" << "";
        QTest::newRow("site region") << "sites/a/region" << "east" << "";
        QTest::newRow("site down") << "sites/b/down" << "true" << "";
        QTest::newRow("strategy") << "job/strategy" << "diloco" << "";
        QTest::newRow("pattern") << "job/dc_pattern" << "ring" << "";
        QTest::newRow("transport") << "job/transport" << "selective-repeat" << "";
        QTest::newRow("connections") << "job/connections_per_pair" << "1024" << "";
        QTest::newRow("job number") << "job/inner_steps" << "500" << "";
        QTest::newRow("routing") << "routing/load_balancing" << "hash" << "";
        QTest::newRow("assumption") << "assumptions/flow_window_bytes" << "67108864" << "";
        QTest::newRow("not a number") << "spans/a-b/length_km" << "far" << "expected a number or auto, got \"far\"";
        QTest::newRow("no such span") << "spans/x/length_km" << "10" << "no span \"x\"";
        QTest::newRow("no such field") << "spans/a-b/colour" << "red" << "no span field \"colour\"";
        QTest::newRow("no such site field") << "sites/a/colour" << "red" << "no site field \"colour\"";
        QTest::newRow("not a flag") << "spans/a-b/down" << "yes" << "expected true or false";
        QTest::newRow("no such job key") << "job/speed" << "1" << "no job field \"speed\"";
        QTest::newRow("out of range") << "job/mfu" << "2" << "mfu";
        QTest::newRow("zero gpus is fine, negative is not") << "sites/a/gpus" << "-1" << "gpus";
        QTest::newRow("unknown optic") << "spans/a-b/optic" << "1600ZR" << "1600ZR";
        QTest::newRow("unknown root") << "colour/a" << "1" << "expected sites/ID/FIELD";
    }
    void setPaths()
    {
        QFETCH(QString, path);
        QFETCH(QString, value);
        QFETCH(QString, error);
        const Scenario s = readSample("two-campus-teaching.json");
        const LessonApplied applied =
            applyLessonSets(s, Catalog::builtin(), {{path.toStdString(), value.toStdString(), 1}});
        if (error.isEmpty()) {
            QVERIFY2(applied.ok(), applied.error.c_str());
            QVERIFY2(!(applied.scenario == s) || value == "auto", "the set changed nothing");
            QVERIFY(checkScenario(applied.scenario, Catalog::builtin()).empty());
        } else {
            QVERIFY(!applied.ok());
            QVERIFY(applied.scenario == s); // a refused set changes nothing
            QVERIFY2(applied.error.find(error.toStdString()) != std::string::npos, applied.error.c_str());
            QVERIFY(applied.error.rfind(path.toStdString() + " = " + value.toStdString() + ": ", 0) == 0);
        }
    }

    // ---- the CLI ----

    void cliListsAndRehearses()
    {
        const auto list = test::runCli({"lesson"});
        QCOMPARE(list.code, 0);
        QVERIFY(list.out.find("1. The power wall") != std::string::npos);
        QVERIFY(list.out.find("8. ") != std::string::npos);
        const auto one = test::runCli({"lesson", "1"});
        QCOMPARE(one.code, 0);
        QVERIFY2(one.err.empty(), one.err.c_str());
        QVERIFY(one.out.find("Lesson 1: The power wall") != std::string::npos);
        // The live numbers, not placeholders; each task's check before and after.
        QVERIFY(one.out.find("131,072 B200") != std::string::npos);
        QVERIFY(one.out.find('{') == std::string::npos);
        QVERIFY(one.out.find("at the start: fails") != std::string::npos);
        QVERIFY(one.out.find("intended answer (sites/new-albany/gpus = 65536): passes") != std::string::npos);
        const auto missing = test::runCli({"lesson", "99"});
        QCOMPARE(missing.code, 2);
        QVERIFY(missing.err.find("no lesson 99") != std::string::npos);
    }

    void cliListsATeachersOwnLessons()
    {
        QTemporaryDir dir;
        const QByteArray before = qgetenv("DCI_USER_LESSONS_DIR");
        qputenv("DCI_USER_LESSONS_DIR", dir.path().toLocal8Bit());
        std::filesystem::copy_file(kGoodDir / "60-good.md", std::filesystem::path(dir.path().toStdString()) / "60-good.md");
        const auto list = test::runCli({"lesson"});
        const auto sixty = test::runCli({"lesson", "60"});
        qputenv("DCI_USER_LESSONS_DIR", before);
        QCOMPARE(list.code, 0);
        QVERIFY2(list.out.find("60. A good lesson") != std::string::npos, list.out.c_str());
        QVERIFY(list.out.find(" and " + dir.path().toStdString()) != std::string::npos);
        QCOMPARE(sixty.code, 0);
        QVERIFY(sixty.out.find("Lesson 60: A good lesson") != std::string::npos);
    }

    void cliChecksEveryShippedLesson()
    {
        std::vector<std::string> args{"lesson", "--check"};
        for (const auto &entry : std::filesystem::directory_iterator(kLessonsDir))
            if (entry.path().extension() == ".md")
                args.push_back(entry.path().string());
        QCOMPARE(args.size(), kShippedLessons + 2);
        const auto run = test::runCli(args);
        QVERIFY2(run.code == 0, run.err.c_str());
        QVERIFY(run.out.find(": OK (lesson 1, ") != std::string::npos);
    }

    void cliReportsBadLessonsWithFileAndLine()
    {
        const std::string file = (kBadDir / "unknown-placeholder.md").string();
        const auto run = test::runCli({"lesson", "--check", file});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.rfind(file + ":9: {job speed}", 0) == 0, run.err.c_str());
        QVERIFY(run.out.empty());
        QCOMPARE(test::runCli({"lesson", "--check"}).code, 2);
        QCOMPARE(test::runCli({"lesson", "--bogus"}).code, 2);
        // A folder of lessons with a broken one: the good ones are listed, the problem named.
        const auto list = test::runCli({"lesson", "--lessons", kGoodDir.string()});
        QCOMPARE(list.code, 2);
        QVERIFY(list.out.find("60. A good lesson") != std::string::npos);
        QVERIFY2(list.err.find("broken.md:2: lesson: expected a whole number") != std::string::npos, list.err.c_str());
    }
};

QTEST_GUILESS_MAIN(TestLessons)
#include "tst_lessons.moc"
