// The lessons in the main window (issue 17): Help > Lessons, a lesson walked with the real
// buttons and its tasks done in the real Properties fields, a broken lesson file listed
// without stopping the app, hints and the intended answer (one undo step), and the
// lesson's step over the presentation canvas.

#include "document.h"
#include "engine/evaluate.h"
#include "explain/explainpanel.h"
#include "guitestutil.h"
#include "lesson/lesson.h"
#include "lessoncontroller.h"
#include "lessons/lessonpanel.h"
#include "presentation.h"
#include "properties/propertiespanel.h"

#include <QDockWidget>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace dci;
using namespace dci::test;

namespace {

// The lesson overlay at its size over the canvas: a third of its width at least, and tall
// enough for a step's title and first lines.
bool overlayFills(const PresentationWindow *p)
{
    constexpr int kMinHeightPx = 200;
    const bool fills = p->lessonOverlay()->width() >= p->canvas()->width() / 3
        && p->lessonOverlay()->height() >= kMinHeightPx;
    if (!fills)
        qWarning("overlay %d x %d px on a %d px canvas", p->lessonOverlay()->width(), p->lessonOverlay()->height(),
                 p->canvas()->width());
    return fills;
}

constexpr QSize kMinimumSmallWindow(960, 640);
const QString kLessonsDir = QStringLiteral(DCI_SOURCE_DIR "/resources/lessons");
const QString kLessonOne = kLessonsDir + QStringLiteral("/01-power-wall.md");

// Lesson 1 as the core reads it, and the plans its steps start from.
Lesson lessonOne()
{
    const LessonParse parse = readLessonFile(kLessonOne.toStdString());
    if (!parse.ok())
        qFatal("lesson 1 does not read");
    return *parse.lesson;
}

Scenario stepPlan(const Lesson &lesson, std::size_t step)
{
    LessonPlans plans;
    plans.dirs.push_back(DCI_SOURCE_DIR "/samples");
    const StepPlan plan = lessonStepPlan(lesson, step, Catalog::builtin(), plans);
    if (!plan.scenario)
        qFatal("no plan for step %zu: %s", step, plan.error.text().c_str());
    return *plan.scenario;
}

template <typename T>
T *child(const QObject *parent, const char *name)
{
    T *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

// A shown window whose evaluations are done at once (no worker), so no test waits.
std::unique_ptr<MainWindow> lessonWindow()
{
    auto window = shownWindow();
    window->document()->setEvaluationBudgetMs(1e12);
    return window;
}

QAction *actionNamed(const QWidget *window, const char *name)
{
    return child<QAction>(window, name);
}

// Help > Lessons, through its action: the dock and its panel.
LessonPanel *openLessonsDock(MainWindow *window)
{
    QAction *action = actionNamed(window, "helpLessons");
    if (action)
        action->trigger();
    return window->lessons()->panel();
}

// Edit > Undo as the menu holds it.
QAction *undoAction(const MainWindow &window)
{
    for (QAction *menu : window.menuBar()->actions())
        if (menu->menu() && menu->text().remove(QLatin1Char('&')) == QLatin1String("Edit"))
            for (QAction *a : menu->menu()->actions())
                if (a->shortcut() == QKeySequence(QKeySequence::Undo))
                    return a;
    qFatal("no Edit > Undo");
}

// Help > Lessons, then Start on the lesson numbered `number` in the list.
void startLesson(MainWindow &window, int number)
{
    actionNamed(&window, "helpLessons")->trigger();
    QDockWidget *dock = child<QDockWidget>(&window, "LessonsDock");
    QVERIFY(dock->isVisible());
    QCOMPARE(window.dockWidgetArea(dock), Qt::LeftDockWidgetArea);
    auto *list = child<QListWidget>(dock, "lessonList");
    const LessonLibrary &library = window.lessons()->library();
    int row = -1;
    for (std::size_t i = 0; i < library.lessons.size(); ++i)
        if (library.lessons[i].number == number)
            row = static_cast<int>(i);
    QVERIFY(row >= 0);
    list->setCurrentRow(row);
    QTest::mouseClick(child<QPushButton>(dock, "lessonStart"), Qt::LeftButton);
    QVERIFY(window.lessons()->active());
}

// A radio button is clicked on its indicator, where a user aims.
void clickRadio(QRadioButton *radio)
{
    QTest::mouseClick(radio, Qt::LeftButton, Qt::NoModifier, QPoint(8, radio->height() / 2));
}

void answerQuestion(MainWindow &window, int choice)
{
    LessonPanel *panel = window.lessons()->panel();
    clickRadio(child<QRadioButton>(panel, QStringLiteral("lessonChoice%1").arg(choice).toLatin1().constData()));
    QTest::mouseClick(child<QPushButton>(panel, "lessonCheckAnswer"), Qt::LeftButton);
}

// The site's GPUs typed into the Properties, as a user does it.
void typeGpus(MainWindow &window, const QString &gpus)
{
    auto *field = window.propertiesPanel()->findChild<QSpinBox *>(QStringLiteral("siteGpus"));
    QVERIFY(field && field->isVisible());
    typeAndEnter(field, gpus);
}

bool noClippedButtons(const QWidget *panel)
{
    for (const QPushButton *b : panel->findChildren<QPushButton *>())
        if (b->isVisible() && b->width() < b->minimumSizeHint().width())
            return false;
    return true;
}

} // namespace

class TstLessonsGui : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        qputenv("DCI_LESSONS_DIR", kLessonsDir.toLocal8Bit());
        QSettings().remove(QStringLiteral("lessons/completed")); // each test starts with none done
    }

    // (a) Lesson 1 from Help > Lessons to the end: its question, its two tasks through the
    // Properties, Next only once each is done, each step starting from the core's plan.
    void walkLessonOne()
    {
        const Lesson lesson = lessonOne();
        QCOMPARE(lesson.steps.size(), std::size_t(3));
        auto window = lessonWindow();
        Document *doc = window->document();
        startLesson(*window, 1);
        LessonPanel *panel = window->lessons()->panel();
        auto *next = child<QPushButton>(panel, "lessonNext");
        auto *counter = child<QLabel>(panel, "lessonStepCounter");

        // Step 1: a question. The plan is the core's, a new untitled document.
        QCOMPARE(doc->scenario(), stepPlan(lesson, 0));
        QVERIFY(doc->filePath().isEmpty());
        QCOMPARE(doc->undoStack()->count(), 0);
        QCOMPARE(counter->text(), QStringLiteral("Step 1 of 3"));
        QCOMPARE(child<QLabel>(panel, "lessonStepTitle")->text(), QStringLiteral("One campus, 131,072 GPUs"));
        const QString text = child<QLabel>(panel, "lessonText")->text();
        QVERIFY2(text.contains(QStringLiteral("131,072")) && !text.contains(QLatin1Char('{')), qPrintable(text));
        QCOMPARE(window->canvasView()->selectedSiteIds(), QStringList{QStringLiteral("new-albany")});
        QVERIFY(noClippedButtons(panel));
        QVERIFY(!next->isEnabled());
        answerQuestion(*window, 1);
        auto *feedback = child<QLabel>(panel, "lessonFeedback");
        QVERIFY(feedback->isVisible());
        QVERIFY2(feedback->text().contains(QStringLiteral("Not quite")), qPrintable(feedback->text()));
        QVERIFY(!next->isEnabled());
        // The right choice, clicked on its text as a user may.
        auto *choiceText = child<QLabel>(panel, "lessonChoiceText2");
        QVERIFY(choiceText->text().contains(QStringLiteral("power the campus can draw")));
        QTest::mouseClick(choiceText, Qt::LeftButton);
        QVERIFY(child<QRadioButton>(panel, "lessonChoice2")->isChecked());
        QTest::mouseClick(child<QPushButton>(panel, "lessonCheckAnswer"), Qt::LeftButton);
        QVERIFY(next->isEnabled());
        QVERIFY(child<QLabel>(panel, "lessonSolved")->isVisible());
        QVERIFY(child<QLabel>(panel, "lessonSolved")->text().contains(QStringLiteral("Right:")));
        QTest::mouseClick(next, Qt::LeftButton);

        // Step 2: bring the campus under its cap with its GPUs.
        QCOMPARE(counter->text(), QStringLiteral("Step 2 of 3"));
        QCOMPARE(doc->scenario(), stepPlan(lesson, 1));
        QCOMPARE(doc->undoStack()->count(), 0); // the same plan: no edit
        QVERIFY(!next->isEnabled());
        auto *checklist = child<QLabel>(panel, "lessonChecklist");
        QVERIFY2(checklist->text().contains(QString::fromUtf8("\u2718")), qPrintable(checklist->text()));
        typeGpus(*window, QStringLiteral("100000")); // still over the cap
        QCOMPARE(doc->scenario().site("new-albany")->gpus, 100000);
        QVERIFY(!next->isEnabled());
        typeGpus(*window, QStringLiteral("60000"));
        QCOMPARE(doc->undoStack()->count(), 2); // every user edit one undo step
        QVERIFY(next->isEnabled());
        QVERIFY2(checklist->text().contains(QString::fromUtf8("\u2714")), qPrintable(checklist->text()));
        QVERIFY(child<QLabel>(panel, "lessonSolved")->text().contains(QStringLiteral("60,000")));
        QTest::mouseClick(next, Qt::LeftButton);

        // Step 3: another plan, one undo step; more connections per DC pair in the job's fields.
        QCOMPARE(counter->text(), QStringLiteral("Step 3 of 3"));
        QCOMPARE(doc->scenario(), stepPlan(lesson, 2));
        QCOMPARE(doc->undoStack()->count(), 3);
        QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Lesson 1, step 3: Two campuses, one span"));
        QVERIFY(!next->isEnabled());
        QCOMPARE(next->text().remove(QLatin1Char('&')), QStringLiteral("Finish"));
        QTest::mouseClick(child<QPushButton>(panel, "lessonHint"), Qt::LeftButton);
        const QString hint = child<QLabel>(panel, "lessonHints")->text();
        QVERIFY2(hint.contains(QStringLiteral("Hint 1:")) && !hint.contains(QLatin1Char('{')), qPrintable(hint));
        keepShot(window.get(), QStringLiteral("lessons")); // docs/USER-GUIDE.md "Lessons"
        // The job's fields show with nothing selected: click the empty map.
        click(window->canvasView()->viewport(), emptyCanvasPoint(*window));
        auto *connections = window->propertiesPanel()->findChild<QLineEdit *>(QStringLiteral("job_connections_per_pair"));
        QVERIFY(connections && connections->isVisible());
        typeAndEnter(connections, QStringLiteral("1024"));
        QCOMPARE(doc->scenario().job->connections_per_pair, std::optional<double>(1024.0));
        QVERIFY(next->isEnabled());
        QVERIFY(noClippedButtons(panel));
        QTest::mouseClick(next, Qt::LeftButton);

        // The end: the list again, with the note.
        QVERIFY(!window->lessons()->active());
        QVERIFY(child<QListWidget>(panel, "lessonList")->isVisible());
        auto *note = child<QLabel>(panel, "lessonNote");
        QVERIFY(note->isVisible());
        QVERIFY(note->text().contains(QStringLiteral("Lesson complete")));
        // Ticked in the list, in this window and in the next one (the settings keep it).
        const QString tick = QString::fromUtf8("\u2714");
        QVERIFY(child<QListWidget>(panel, "lessonList")->item(0)->text().endsWith(tick));
        QVERIFY(!child<QListWidget>(panel, "lessonList")->item(1)->text().endsWith(tick));
        QCOMPARE(LessonController::completedLessons(), QList<int>{1});
        window.reset();
        auto again = lessonWindow();
        QVERIFY(child<QListWidget>(again->lessons()->panel(), "lessonList")->item(0)->text().endsWith(tick));
    }

    // Back and Restart step return to the step's plan with one undo step.
    void backAndRestart()
    {
        const Lesson lesson = lessonOne();
        auto window = lessonWindow();
        Document *doc = window->document();
        startLesson(*window, 1);
        LessonPanel *panel = window->lessons()->panel();
        answerQuestion(*window, 2);
        QTest::mouseClick(child<QPushButton>(panel, "lessonNext"), Qt::LeftButton);
        typeGpus(*window, QStringLiteral("50000"));
        QCOMPARE(doc->undoStack()->count(), 1);
        QTest::mouseClick(child<QPushButton>(panel, "lessonRestart"), Qt::LeftButton);
        QCOMPARE(doc->scenario(), stepPlan(lesson, 1));
        QCOMPARE(doc->undoStack()->count(), 2);
        QVERIFY(!child<QPushButton>(panel, "lessonNext")->isEnabled());
        QTest::mouseClick(child<QPushButton>(panel, "lessonBack"), Qt::LeftButton);
        QCOMPARE(panel->step(), 0);
        QCOMPARE(doc->scenario(), stepPlan(lesson, 0));
        QCOMPARE(doc->undoStack()->count(), 2); // already that plan: no edit
        // A laptop's half screen: the docks give way, no button is cut.
        window->resize(kMinimumSmallWindow);
        QCoreApplication::processEvents();
        QVERIFY(noClippedButtons(panel));
        // The text wraps at the dock's width: nothing runs off to the right.
        auto *text = child<QLabel>(panel, "lessonText");
        QVERIFY2(text->width() <= text->parentWidget()->width(), qPrintable(QString::number(text->width())));
        QVERIFY(text->parentWidget()->width() <= text->parentWidget()->parentWidget()->width());
        keepShot(window.get(), QStringLiteral("lesson-small"));
        QTest::mouseClick(child<QPushButton>(panel, "lessonAllLessons"), Qt::LeftButton);
        QVERIFY(!window->lessons()->active());
        QVERIFY(!child<QLabel>(panel, "lessonNote")->isVisible());
    }

    // While the figures of an edit are being computed, the step keeps the text it had (of
    // the last plan with figures), then follows the new figures.
    void computingKeepsTheText()
    {
        auto window = lessonWindow();
        Document *doc = window->document();
        startLesson(*window, 1);
        LessonPanel *panel = window->lessons()->panel();
        auto *text = child<QLabel>(panel, "lessonText");
        const QString before = text->text();
        QVERIFY(before.contains(QStringLiteral("131,072")));
        Scenario halved = doc->scenario();
        halved.sites.front().gpus = 65536;
        const Results halvedResults = evaluate(halved, Catalog::builtin());
        panel->showPlan(halved, Catalog::builtin(), halvedResults, true);
        QCOMPARE(text->text(), before);
        panel->showPlan(halved, Catalog::builtin(), halvedResults, false);
        QVERIFY2(text->text().contains(QStringLiteral("65,536")), qPrintable(text->text()));
    }

    // A step's `show:` brings its dock forward, in front of the tabs beside it; "explain REF
    // FIGURE" traces that figure in the Explain dock.
    void showBringsDocksForward()
    {
        auto window = lessonWindow();
        startLesson(*window, 1);
        const struct {
            const char *show;
            const char *dock;
        } cases[] = {{"charts", "ChartsDock"},   {"n-1", "ResilienceDock"},      {"assumptions", "AssumptionsDock"},
                     {"results", "ResultsDock"}, {"diagnostics", "DiagnosticsDock"}, {"plan", "PropertiesDock"}};
        for (const auto &c : cases) {
            window->showPage(QString::fromLatin1(c.show));
            QWidget *page = child<QDockWidget>(window.get(), c.dock)->widget();
            QVERIFY2(page->isVisible() && !page->visibleRegion().isEmpty(), c.show);
        }
        window->showPage(QStringLiteral("explain site:new-albany power_mw"));
        QWidget *explain = child<QDockWidget>(window.get(), "ExplainDock")->widget();
        QVERIFY(!explain->visibleRegion().isEmpty());
        QCOMPARE(window->explainPanel()->currentRef(), QStringLiteral("site:new-albany"));
        QCOMPARE(window->explainPanel()->currentFigure(), QStringLiteral("power_mw"));
    }

    // (b) A broken lesson file beside lesson 1: the app starts, lesson 1 is offered and the
    // panel names the broken file and its line.
    void brokenLessonListed()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QFile::copy(kLessonOne, dir.filePath(QStringLiteral("01-power-wall.md"))));
        const QString broken = dir.filePath(QStringLiteral("02-broken.md"));
        {
            QFile f(broken);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("---\nlesson: 2\ntitle: Broken\nsummary: A lesson with a bad step.\n---\n\n## Only step\n"
                    "load: power-wall.json\n\ncorrect: 7\n");
        }
        const LessonParse parse = readLessonFile(broken.toStdString());
        QVERIFY(!parse.ok());
        const QString expected = QString::fromStdString(parse.errors.front().text());
        QVERIFY2(expected.contains(QStringLiteral("02-broken.md:7: ")), qPrintable(expected)); // its step heading
        qputenv("DCI_LESSONS_DIR", dir.path().toLocal8Bit());
        auto window = lessonWindow();
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("lesson file problem")));
        const LessonLibrary &library = window->lessons()->library();
        QCOMPARE(library.lessons.size(), std::size_t(1));
        QCOMPARE(library.lessons.front().number, 1);
        LessonPanel *panel = openLessonsDock(window.get());
        auto *list = child<QListWidget>(panel, "lessonList");
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().contains(QStringLiteral("The power wall")));
        auto *problems = child<QLabel>(panel, "lessonProblems");
        QVERIFY(problems->isVisible());
        QVERIFY2(problems->text().contains(expected), qPrintable(problems->text()));
        QVERIFY(noClippedButtons(panel));
        keepShot(window.get(), QStringLiteral("lesson-list"));
        // The good lesson still starts: a double-click on it.
        const QPoint onItem = list->visualItemRect(list->item(0)).center();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, onItem);
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, onItem);
        QVERIFY(window->lessons()->active());
        QCOMPARE(panel->step(), 0);
        QCOMPARE(window->document()->scenario(), stepPlan(lessonOne(), 0));
    }

    // A teacher edits a lesson while the app runs: Reload reads the folder again, and a
    // fixed file is offered.
    void reloadAfterEditing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QFile::copy(kLessonOne, dir.filePath(QStringLiteral("01-power-wall.md"))));
        const QString second = dir.filePath(QStringLiteral("02-mine.md"));
        auto write = [&](const QByteArray &text) {
            QFile f(second);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text);
        };
        write("---\nlesson: 2\ntitle: Mine\n---\n\n## Only step\nload: power-wall.json\n\ncorrect: 7\n");
        qputenv("DCI_LESSONS_DIR", dir.path().toLocal8Bit());
        auto window = lessonWindow();
        LessonPanel *panel = openLessonsDock(window.get());
        auto *list = child<QListWidget>(panel, "lessonList");
        QCOMPARE(list->count(), 1);
        QVERIFY(child<QLabel>(panel, "lessonProblems")->isVisible());
        write("---\nlesson: 2\ntitle: Mine\n---\n\n## Only step\nload: power-wall.json\n\nThe campus draws "
              "{site:new-albany power_mw}.\n");
        QTest::mouseClick(child<QPushButton>(panel, "lessonReload"), Qt::LeftButton);
        QCOMPARE(list->count(), 2);
        QVERIFY(list->item(1)->text().contains(QStringLiteral("2. Mine")));
        QVERIFY(!child<QLabel>(panel, "lessonProblems")->isVisible());
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("2 lesson(s)")));
        QVERIFY(noClippedButtons(panel));
    }

    // A folder without lessons: the dock says so and nothing can be started.
    void noLessons()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        qputenv("DCI_LESSONS_DIR", dir.path().toLocal8Bit());
        auto window = lessonWindow();
        LessonPanel *panel = openLessonsDock(window.get());
        auto *list = child<QListWidget>(panel, "lessonList");
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), QStringLiteral("(no lessons found)"));
        QVERIFY(!child<QPushButton>(panel, "lessonStart")->isEnabled());
        QVERIFY(!child<QLabel>(panel, "lessonProblems")->isVisible());
        QTest::mouseClick(child<QPushButton>(panel, "lessonStart"), Qt::LeftButton);
        QVERIFY(!window->lessons()->active());
    }

    // (c) Hint, hint, Show answer, Apply answer: the check passes; Edit > Undo makes it fail.
    void hintsAndAnswer()
    {
        auto window = lessonWindow();
        Document *doc = window->document();
        startLesson(*window, 1);
        LessonPanel *panel = window->lessons()->panel();
        answerQuestion(*window, 3);
        QVERIFY(child<QLabel>(panel, "lessonFeedback")->isVisible());
        keepShot(window.get(), QStringLiteral("lesson-question"));
        answerQuestion(*window, 2);
        QVERIFY(!child<QLabel>(panel, "lessonFeedback")->isVisible());
        auto *next = child<QPushButton>(panel, "lessonNext");
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(panel->step(), 1);
        auto *hint = child<QPushButton>(panel, "lessonHint");
        auto *hints = child<QLabel>(panel, "lessonHints");
        QVERIFY(!hints->isVisible());
        QTest::mouseClick(hint, Qt::LeftButton);
        QVERIFY(hints->text().contains(QStringLiteral("Hint 1:")));
        QVERIFY(!hints->text().contains(QStringLiteral("Hint 2:")));
        QVERIFY2(hints->text().contains(QStringLiteral("131,072")) && !hints->text().contains(QLatin1Char('{')),
                 qPrintable(hints->text()));
        QTest::mouseClick(hint, Qt::LeftButton);
        QVERIFY(hints->text().contains(QStringLiteral("Hint 2:")));
        QCOMPARE(hint->text().remove(QLatin1Char('&')), QStringLiteral("Show answer"));
        auto *apply = child<QPushButton>(panel, "lessonApplyAnswer");
        QVERIFY(!apply->isVisible());
        QTest::mouseClick(hint, Qt::LeftButton);
        auto *answer = child<QLabel>(panel, "lessonAnswer");
        QVERIFY(answer->isVisible());
        QVERIFY2(answer->text().contains(QStringLiteral("Set site new-albany › gpus to 65536")), qPrintable(answer->text()));
        QVERIFY(apply->isVisible());
        QVERIFY(!next->isEnabled());
        QVERIFY(noClippedButtons(panel));
        keepShot(window.get(), QStringLiteral("lesson-answer"));
        QTest::mouseClick(apply, Qt::LeftButton);
        QCOMPARE(doc->undoStack()->count(), 1);
        QCOMPARE(doc->scenario().site("new-albany")->gpus, 65536);
        QVERIFY(next->isEnabled());
        QVERIFY(window->lessons()->panel()->check().passed);
        undoAction(*window)->trigger();
        QCOMPARE(doc->undoStack()->index(), 0);
        QCOMPARE(doc->scenario().site("new-albany")->gpus, 131072);
        QVERIFY(!next->isEnabled());
        QVERIFY(!panel->check().passed);
        QVERIFY(child<QLabel>(panel, "lessonChecklist")->text().contains(QString::fromUtf8("\u2718")));
    }

    // (d) Presenting with a lesson on: the step in large type over the canvas; Right moves
    // on only once the task is done.
    void presentationOverlay()
    {
        auto window = lessonWindow();
        startLesson(*window, 1);
        actionNamed(window.get(), "viewPresentation")->trigger();
        PresentationWindow *p = window->presentation();
        QVERIFY(p);
        QVERIFY(QTest::qWaitForWindowExposed(p));
        // Placed over the canvas at its shown size, not at the size it had before the window
        // was first shown (a 100 x 30 box at the corner under a real X server).
        QVERIFY2(overlayFills(p), "the overlay is not placed over the canvas at its size");
        // The question, answered with the number keys.
        QVERIFY(p->lessonText()->text().contains(QStringLiteral("One campus, 131,072 GPUs")));
        QVERIFY(p->lessonText()->text().contains(QStringLiteral("Question:")));
        QTest::keyClick(p, Qt::Key_Right);
        QCOMPARE(window->lessons()->step(), 0);
        QTest::keyClick(p, Qt::Key_1);
        QVERIFY(p->lessonText()->text().contains(QStringLiteral("Not quite")));
        QTest::keyClick(p, Qt::Key_2);
        QVERIFY(p->lessonText()->text().contains(QStringLiteral("Right:")));
        QVERIFY(child<QPushButton>(window->lessons()->panel(), "lessonNext")->isEnabled());
        QTest::keyClick(p, Qt::Key_Right);
        QCOMPARE(window->lessons()->step(), 1);
        QVERIFY(p->lessonOverlay()->isVisible());
        QVERIFY(p->lessonText()->font().pointSizeF() >= 20.0);
        QVERIFY(p->lessonOverlay()->geometry().intersects(p->canvas()->rect()));
        QVERIFY(p->lessonText()->text().contains(QStringLiteral("How many GPUs fit?")));
        QVERIFY(p->lessonText()->text().contains(QStringLiteral("Task:")));
        QTest::keyClick(p, Qt::Key_Right);
        QCOMPARE(window->lessons()->step(), 1); // the task is not done
        QTest::keyClick(p, Qt::Key_H);
        QVERIFY(p->lessonText()->text().contains(QStringLiteral("Hint 1:")));
        QVERIFY(child<QLabel>(window->lessons()->panel(), "lessonHints")->isVisible());
        typeGpus(*window, QStringLiteral("65536"));
        QVERIFY(p->lessonText()->text().contains(QString::fromUtf8("\u2714")));
        if (!qEnvironmentVariableIsEmpty("DCI_GUI_SHOTS_DIR")) {
            p->showNormal();
            p->resize(1600, 900);
            QCoreApplication::processEvents();
            keepShot(p->grab().toImage(), QStringLiteral("lesson-presentation"));
        }
        QTest::keyClick(p, Qt::Key_Right);
        QCOMPARE(window->lessons()->step(), 2);
        QVERIFY(p->lessonText()->text().contains(QStringLiteral("Two campuses, one span")));
        QTest::keyClick(p, Qt::Key_Left);
        QCOMPARE(window->lessons()->step(), 1);
        QTest::keyClick(p, Qt::Key_Escape);
        QVERIFY(!window->presentation()); // closed at once, not later
    }

    // A question whose choices name figures (lesson 5 step 1: "... round trip of {demand:0
    // rtt_ms}") shows them filled in over the presentation canvas as in the dock.
    void presentationFillsQuestionChoices()
    {
        auto window = lessonWindow();
        startLesson(*window, 5);
        actionNamed(window.get(), "viewPresentation")->trigger();
        PresentationWindow *p = window->presentation();
        QVERIFY(p);
        const QString text = p->lessonText()->text();
        QVERIFY(text.contains(QStringLiteral("Question:")));
        QVERIFY2(!text.contains(QLatin1Char('{')), qPrintable(text));
        // The heading names the lesson, not the sample the plan came from ("Two campuses,
        // 100 km apart", now at 1,000 km).
        QCOMPARE(p->findChild<QLabel *>(QStringLiteral("presentationTitle"))->text(),
                 QStringLiteral("Lesson 5: Local SGD: sync less, send less"));
        const QStringList choices = window->lessons()->panel()->choiceTexts();
        QVERIFY(!choices.isEmpty());
        for (const QString &choice : choices)
            QVERIFY2(text.contains(choice.toHtmlEscaped()), qPrintable(choice));
        QVERIFY(choices.join(QLatin1Char(' ')).contains(QStringLiteral("9.8 ms")));
        QTest::keyClick(p, Qt::Key_Escape);
    }

    // Without a window manager (a bare X server) a full-screen request is ignored and the
    // window gets its one size before it is first shown: the overlay must take that size,
    // not stay at the 100 x 30 px a hidden widget starts with.
    void overlayPlacedOnFirstShow()
    {
        auto window = lessonWindow();
        startLesson(*window, 1);
        auto *p = new PresentationWindow(window.get(), window.get());
        p->setAttribute(Qt::WA_DeleteOnClose);
        p->resize(1200, 800);
        p->show();
        QVERIFY(QTest::qWaitForWindowExposed(p));
        QVERIFY2(overlayFills(p), "the overlay is not placed over the canvas at its size");
        p->close();
    }
};

QTEST_MAIN(TstLessonsGui)
#include "tst_lessonsgui.moc"
