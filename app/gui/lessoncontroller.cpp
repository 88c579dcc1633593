#include "lessoncontroller.h"

#include "canvas/canvasview.h"
#include "document.h"
#include "lessons/lessonpanel.h"
#include "mainwindow.h"
#include "samples.h"

#include <QDockWidget>
#include <QFile>
#include <QSettings>
#include <QStatusBar>

namespace dci {

namespace {
// The numbers of the lessons finished, in the app's settings.
const QString kCompletedKey = QStringLiteral("lessons/completed");
} // namespace

namespace {

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

LessonController::LessonController(MainWindow *main)
    : QObject(main)
    , m_main(main)
{
    m_panel = new LessonPanel(main);
    m_dock = new QDockWidget(tr("Lessons"), main);
    m_dock->setObjectName(QStringLiteral("LessonsDock"));
    m_dock->setWidget(m_panel);
    // Beside the canvas on the left, so the Properties (where the tasks are done) stay in view.
    main->addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    m_dock->hide();

    connect(m_panel, &LessonPanel::startRequested, this, &LessonController::start);
    connect(m_panel, &LessonPanel::reloadRequested, this, [this] {
        const QStringList found = loadLibrary(findLessonsDir());
        m_main->statusBar()->showMessage(found.isEmpty() ? tr("Lessons read again: %n lesson(s)", nullptr,
                                                              static_cast<int>(m_library.lessons.size()))
                                                         : tr("Lessons read again: %n lesson file problem(s)", nullptr,
                                                              static_cast<int>(found.size())));
    });
    connect(m_panel, &LessonPanel::stepRequested, this, &LessonController::goToStep);
    connect(m_panel, &LessonPanel::restartRequested, this, [this] { goToStep(step()); });
    connect(m_panel, &LessonPanel::listRequested, this, [this] { stop(false); });
    connect(m_panel, &LessonPanel::finishRequested, this, [this] { stop(true); });
    connect(m_panel, &LessonPanel::applyAnswerRequested, this, &LessonController::applyAnswer);
    connect(m_panel, &LessonPanel::stepStateChanged, this, &LessonController::changed);
    connect(main->document(), &Document::changed, this, &LessonController::planChanged);
}

QStringList LessonController::loadLibrary(const QString &dir)
{
    // The shipped lessons, then a teacher's own (docs/LESSONS.md "Where lessons are found").
    std::vector<std::filesystem::path> dirs;
    if (!dir.isEmpty())
        dirs.emplace_back(QFile::encodeName(dir).toStdString());
    dirs.push_back(userLessonsDir());
    m_library = loadLessonLibrary(dirs);
    const QStringList found = problems();
    m_panel->setLibrary(m_library.lessons, found);
    m_panel->setCompleted(completedLessons());
    m_index = -1;
    m_panel->showList();
    return found;
}

QList<int> LessonController::completedLessons()
{
    QList<int> numbers;
    for (const QString &n : QSettings().value(kCompletedKey).toStringList())
        numbers << n.toInt();
    return numbers;
}

QStringList LessonController::problems() const
{
    QStringList list;
    for (const LessonError &e : m_library.errors)
        list << fromStd(e.text());
    return list;
}

void LessonController::showLessons()
{
    // Wide enough for a paragraph to read as one and the buttons to show whole.
    constexpr int kDockWidthPx = 380;
    const bool wasHidden = m_dock->isHidden();
    m_dock->show();
    if (wasHidden && m_dock->width() < kDockWidthPx)
        m_main->resizeDocks({m_dock}, {kDockWidthPx}, Qt::Horizontal);
    m_dock->raise();
    m_panel->focusFirst();
}

LessonPlans LessonController::plans() const
{
    // The lesson's own folder first (the core looks there), then the shipped samples.
    LessonPlans plans;
    if (const QString samples = findSamplesDir(); !samples.isEmpty())
        plans.dirs.push_back(QFile::encodeName(samples).toStdString());
    return plans;
}

bool LessonController::active() const
{
    return m_index >= 0 && m_panel->onStep();
}

int LessonController::step() const
{
    return active() ? m_panel->step() : -1;
}

bool LessonController::canAdvance() const
{
    return active() && m_panel->stepDone();
}

QString LessonController::undoText(int step, const QString &what) const
{
    const Lesson &lesson = m_library.lessons[static_cast<std::size_t>(m_index)];
    return tr("Lesson %1, step %2: %3").arg(lesson.number).arg(step + 1).arg(what);
}

bool LessonController::start(int index)
{
    if (index < 0 || index >= static_cast<int>(m_library.lessons.size()))
        return false;
    // As File > Open does: the open plan's unsaved changes are saved, discarded or kept.
    if (!m_main->askToSaveChanges())
        return false;
    const Lesson &lesson = m_library.lessons[static_cast<std::size_t>(index)];
    const StepPlan plan = lessonStepPlan(lesson, 0, Catalog::builtin(), plans());
    if (!plan.scenario) {
        m_panel->showList(tr("Cannot start the lesson: %1").arg(fromStd(plan.error.text())));
        return false;
    }
    m_index = index;
    m_main->document()->adopt(*plan.scenario);
    m_main->canvasView()->fitToScene();
    m_panel->showStep(lesson, 0);
    stepEntered();
    showLessons();
    return true;
}

bool LessonController::goToStep(int step)
{
    if (m_index < 0)
        return false;
    const Lesson &lesson = m_library.lessons[static_cast<std::size_t>(m_index)];
    if (step < 0 || step >= static_cast<int>(lesson.steps.size()))
        return false;
    const StepPlan plan = lessonStepPlan(lesson, static_cast<std::size_t>(step), Catalog::builtin(), plans());
    if (!plan.scenario) {
        m_panel->setAnswerProblem(tr("No plan for that step: %1").arg(fromStd(plan.error.text())));
        return false;
    }
    Document *doc = m_main->document();
    const bool newLoad = !lesson.steps[static_cast<std::size_t>(step)].load.empty();
    if (!(doc->scenario() == *plan.scenario)) {
        QString why;
        if (!doc->applyEdit(undoText(step, fromStd(lesson.steps[static_cast<std::size_t>(step)].title)),
                            *plan.scenario, &why)) {
            m_panel->setAnswerProblem(tr("The step's plan was refused: %1").arg(why));
            return false;
        }
    }
    if (newLoad)
        m_main->canvasView()->fitToScene();
    m_panel->showStep(lesson, step);
    stepEntered();
    return true;
}

void LessonController::stepEntered()
{
    const Lesson &lesson = m_library.lessons[static_cast<std::size_t>(m_index)];
    const LessonStep &s = lesson.steps[static_cast<std::size_t>(m_panel->step())];
    Document *doc = m_main->document();
    m_panel->showPlan(doc->scenario(), Catalog::builtin(), doc->results(), doc->isComputing());
    // highlight: the elements selected on the canvas (the Properties show them).
    QStringList sites;
    QStringList spans;
    for (const std::string &ref : s.highlight) {
        const QString r = fromStd(ref);
        if (r.startsWith(QLatin1String("site:")))
            sites << r.mid(5);
        else if (r.startsWith(QLatin1String("span:")))
            spans << r.mid(5);
    }
    if (!s.highlight.empty())
        m_main->selectElements(sites, spans);
    if (!s.show.empty())
        m_main->showPage(fromStd(s.show));
    emit changed();
}

bool LessonController::applyAnswer()
{
    if (!active())
        return false;
    const Lesson &lesson = m_library.lessons[static_cast<std::size_t>(m_index)];
    const int k = m_panel->step();
    const LessonStep &s = lesson.steps[static_cast<std::size_t>(k)];
    if (s.answer.empty())
        return false;
    Document *doc = m_main->document();
    LessonApplied applied = applyLessonSets(doc->scenario(), Catalog::builtin(), s.answer);
    if (!applied.ok()) {
        // The student changed the plan so that the answer no longer applies (a span it
        // names was deleted, say): the answer on the step's own plan instead.
        const StepPlan plan = lessonStepPlan(lesson, static_cast<std::size_t>(k), Catalog::builtin(), plans());
        if (plan.scenario)
            applied = applyLessonSets(*plan.scenario, Catalog::builtin(), s.answer);
    }
    if (!applied.ok()) {
        m_panel->setAnswerProblem(tr("The answer cannot be applied: %1").arg(fromStd(applied.error)));
        return false;
    }
    QString why;
    if (!(doc->scenario() == applied.scenario)
        && !doc->applyEdit(undoText(k, tr("the answer")), applied.scenario, &why)) {
        m_panel->setAnswerProblem(tr("The answer was refused: %1").arg(why));
        return false;
    }
    m_panel->setAnswerProblem(QString());
    return true;
}

void LessonController::stop(bool completed)
{
    const QString note = completed && m_index >= 0
                             ? tr("Lesson complete: %1").arg(fromStd(m_library.lessons[static_cast<std::size_t>(m_index)].title))
                             : QString();
    if (!note.isEmpty()) {
        // Remembered between sessions, so a student sees which lessons they have done.
        QSettings settings;
        QStringList done = settings.value(kCompletedKey).toStringList();
        const QString number = QString::number(m_library.lessons[static_cast<std::size_t>(m_index)].number);
        if (!done.contains(number))
            done << number;
        settings.setValue(kCompletedKey, done);
    }
    m_index = -1;
    m_panel->setCompleted(completedLessons());
    m_panel->showList(note);
    emit changed();
}

bool LessonController::next()
{
    if (!canAdvance())
        return false;
    if (m_panel->isLastStep()) {
        stop(true);
        return true;
    }
    return goToStep(m_panel->step() + 1);
}

bool LessonController::back()
{
    return active() && m_panel->step() > 0 && goToStep(m_panel->step() - 1);
}

void LessonController::planChanged()
{
    const Document *doc = m_main->document();
    if (doc->hasScenario())
        m_panel->showPlan(doc->scenario(), Catalog::builtin(), doc->results(), doc->isComputing());
}

} // namespace dci
