// Issue 16 #6, no lost work: the open plan is autosaved a moment after edits (atomically,
// never over the user's file) and removed when nothing is left to lose; after the program
// is killed the next start offers the autosave back; a save that fails leaves the old file
// as it was and says why; Save warns before overwriting another program's change.
//
// The crash is real: the test starts its own executable again in "child" mode
// (DCI_RECOVERY_CHILD), which opens a plan, edits it through the Editor, waits for its
// autosave and says "ready"; the test kills it with SIGKILL and runs the start-up check.

#include "document.h"
#include "editor.h"
#include "guitestutil.h"
#include "io/scenariojson.h"
#include "mainwindow.h"
#include "model/catalog.h"
#include "recovery.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <vector>

using namespace dci;
using dci::test::keepShot;
using dci::test::shownWindow;

namespace {

constexpr int kTestDelayMs = 400;
constexpr int kChildReadyTimeoutMs = 120000;

QString samplePath(const QString &name)
{
    return QDir(qEnvironmentVariable("DCI_SAMPLES_DIR")).filePath(name);
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QByteArray canonical(const Scenario &scenario)
{
    return QByteArray::fromStdString(writeScenario(scenario));
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readBytes(path)).object();
}

// Answers the next visible top-level widget `act` accepts (returns true for), from inside
// the modal loop that shows it; `act` runs once.
class Answerer : public QObject
{
public:
    explicit Answerer(std::function<bool(QWidget *)> act)
        : m_act(std::move(act))
    {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                if (widget->isVisible() && m_act(widget)) {
                    m_timer.stop();
                    m_done = true;
                    return;
                }
            }
        });
        m_timer.start(20);
    }
    bool done() const { return m_done; }

private:
    std::function<bool(QWidget *)> m_act;
    QTimer m_timer;
    bool m_done = false;
};

// The text a message box showed, then the button with `objectName` (or the standard one).
Answerer *answerBox(QString *shown, const std::function<QAbstractButton *(QMessageBox *)> &button,
                    const QString &shotName = QString())
{
    return new Answerer([=](QWidget *widget) {
        auto *box = qobject_cast<QMessageBox *>(widget);
        if (!box)
            return false;
        *shown = box->text() + QLatin1Char('\n') + box->informativeText();
        if (!shotName.isEmpty())
            keepShot(box->grab().toImage(), shotName);
        button(box)->click();
        return true;
    });
}

// The same edits in the child and in the tests: through the Editor, as the views ask.
bool editPlan(MainWindow &window, const QString &name, qint64 addGpus)
{
    const Site &site = window.document()->scenario().sites.front();
    return window.editor()->setPlanName(name)
           && window.editor()->setSiteGpus(QString::fromStdString(site.id), site.gpus + addGpus);
}

// Child mode: open DCI_RECOVERY_CHILD_PLAN, edit it, wait for the autosave after the last
// edit, write the plan as Save would to DCI_RECOVERY_CHILD_EXPECT, print "ready", then
// carry on running until killed.
int runChild()
{
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    window.show();
    if (!window.openFile(qEnvironmentVariable("DCI_RECOVERY_CHILD_PLAN"))) {
        std::fprintf(stderr, "child: cannot open the plan\n");
        return 1;
    }
    if (!editPlan(window, QStringLiteral("Edited before the crash"), 1000)) {
        std::fprintf(stderr, "child: edit refused\n");
        return 1;
    }
    QSignalSpy written(window.autosaver(), &Autosaver::written);
    if (!written.wait(60000)) {
        std::fprintf(stderr, "child: no autosave\n");
        return 1;
    }
    const QByteArray expected = canonical(window.document()->scenario());
    if (readBytes(window.autosaver()->planPath()) != expected
        || !writeBytes(qEnvironmentVariable("DCI_RECOVERY_CHILD_EXPECT"), expected)) {
        std::fprintf(stderr, "child: the autosave is not the plan\n");
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    return QApplication::exec();
}

} // namespace

class TstRecovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void autosaveAfterEditIsDebounced();
    void autosaveGoesWhenNothingIsLeftToLose();
    void autosaveTimeAt158Sites();
    void restoreAfterKill();
    void discardOrDecideLaterAfterKill();
    void corruptAutosaveIsReportedAndKeptAside();
    void failedSaveReadOnlyFolder();
    void failedSaveDiskFull();
    void changedOnDiskWarnsBeforeSave();

private:
    // A copy of a sample in the test's folder (a file of the user's).
    QString userCopy(const QString &sample, const QString &name);
    // Starts a child that edits `plan` and waits, autosaved, until killed.
    bool startChild(QProcess &child, const QString &plan, const QString &expect);

    std::unique_ptr<QTemporaryDir> m_dir;  // the user's files, per test
    std::unique_ptr<QTemporaryDir> m_recovery; // DCI_RECOVERY_DIR, per test
};

void TstRecovery::initTestCase()
{
    QVERIFY2(QFileInfo::exists(samplePath(QStringLiteral("two-campus-teaching.json"))),
             "DCI_SAMPLES_DIR must name the samples folder");
}

void TstRecovery::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_recovery = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid() && m_recovery->isValid());
    qputenv("DCI_RECOVERY_DIR", QFile::encodeName(m_recovery->path()));
    qputenv("DCI_AUTOSAVE_MS", QByteArray::number(kTestDelayMs));
}

QString TstRecovery::userCopy(const QString &sample, const QString &name)
{
    const QString path = QDir(m_dir->path()).filePath(name);
    QFile::copy(samplePath(sample), path);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

// One autosave a delay after the last edit of a burst, none before; it reads back as the
// edited plan, names where it came from, and goes when the plan is saved.
void TstRecovery::autosaveAfterEditIsDebounced()
{
    const QString plan = userCopy(QStringLiteral("two-campus-teaching.json"), QStringLiteral("plan.json"));
    const QByteArray userBytes = readBytes(plan);
    auto window = shownWindow();
    QCOMPARE(window->autosaver()->delayMs(), kTestDelayMs); // DCI_AUTOSAVE_MS
    QVERIFY(window->openFile(plan));
    Autosaver *autosaver = window->autosaver();
    // Long enough that a busy machine cannot stretch the pauses of the burst past it.
    constexpr int kBurstDelayMs = 1000;
    autosaver->setDelayMs(kBurstDelayMs);
    QSignalSpy written(autosaver, &Autosaver::written);

    // A burst of edits closer together than the delay. The clock starts before each edit,
    // so it never runs behind the timer the edit restarts.
    QElapsedTimer sinceLastEdit;
    for (int i = 1; i <= 5; ++i) {
        sinceLastEdit.start();
        QVERIFY(editPlan(*window, QStringLiteral("Burst %1").arg(i), 10));
        QTest::qWait(50);
        QCOMPARE(written.count(), 0);
    }
    QVERIFY(!QFileInfo::exists(autosaver->planPath()));
    QVERIFY(written.wait(10 * kBurstDelayMs));
    // Not before the delay (QTimer may fire up to 5 % early).
    QVERIFY2(sinceLastEdit.elapsed() >= kBurstDelayMs * 95 / 100, qPrintable(QString::number(sinceLastEdit.elapsed())));
    QTest::qWait(kBurstDelayMs + kBurstDelayMs / 2);
    QCOMPARE(written.count(), 1);
    QCOMPARE(autosaver->writeCount(), 1);

    // The autosave is the plan as Save writes it, and reads back as it.
    QCOMPARE(written.first().first().toString(), autosaver->planPath());
    QVERIFY(autosaver->planPath().startsWith(m_recovery->path()));
    const QByteArray saved = readBytes(autosaver->planPath());
    QCOMPARE(saved, canonical(window->document()->scenario()));
    const ScenarioLoad back = readScenarioFile(QFile::encodeName(autosaver->planPath()).toStdString(), Catalog::builtin());
    QVERIFY(back.ok());
    QVERIFY(*back.scenario == window->document()->scenario());
    QCOMPARE(QString::fromStdString(back.scenario->name), QStringLiteral("Burst 5"));
    const QJsonObject meta = readJson(autosaver->metaPath());
    QCOMPARE(meta.value(QStringLiteral("original_path")).toString(), QFileInfo(plan).absoluteFilePath());
    QCOMPARE(meta.value(QStringLiteral("pid")).toInteger(), QCoreApplication::applicationPid());
    QVERIFY(!meta.value(QStringLiteral("app_version")).toString().isEmpty());
    QVERIFY(QDateTime::fromString(meta.value(QStringLiteral("saved_at")).toString(), Qt::ISODateWithMs).isValid());
    // The user's file is not touched by an autosave.
    QCOMPARE(readBytes(plan), userBytes);
    // This program's own autosave is never offered while it runs.
    QVERIFY(scanRecovery(m_recovery->path()).entries.isEmpty());

    // Saved: nothing left to recover.
    QVERIFY(window->saveTo(plan));
    QVERIFY(!QFileInfo::exists(autosaver->planPath()));
    QVERIFY(!QFileInfo::exists(autosaver->metaPath()));
    QCOMPARE(QDir(m_recovery->path()).entryList(QDir::Files), QStringList());
}

// Back to clean by Undo, another file opened (the changes discarded), a clean close: the
// autosave goes each time.
void TstRecovery::autosaveGoesWhenNothingIsLeftToLose()
{
    const QString plan = userCopy(QStringLiteral("two-campus-teaching.json"), QStringLiteral("plan.json"));
    auto window = shownWindow();
    QVERIFY(window->openFile(plan));
    Autosaver *autosaver = window->autosaver();
    QSignalSpy written(autosaver, &Autosaver::written);
    const auto editAndWait = [&] {
        QVERIFY(editPlan(*window, QStringLiteral("Edited"), 5));
        QVERIFY(written.wait(10 * kTestDelayMs));
        QVERIFY(QFileInfo::exists(autosaver->planPath()));
    };

    editAndWait();
    QUndoStack *undo = window->document()->undoStack();
    undo->setIndex(undo->cleanIndex()); // Undo back to the plan as on disk
    QVERIFY(!window->document()->isModified());
    QVERIFY(!QFileInfo::exists(autosaver->planPath()));

    editAndWait();
    QVERIFY(window->openFile(samplePath(QStringLiteral("midwest-region.json")))); // after "Discard"
    QVERIFY(!QFileInfo::exists(autosaver->planPath()));

    QVERIFY(window->openFile(plan));
    editAndWait();
    QVERIFY(window->close()); // no dialogs in tests: closing does not ask
    QCOMPARE(QDir(m_recovery->path()).entryList(QDir::Files), QStringList());
}

// Autosave at 158 sites (UsCarrier imported): every edit is autosaved with the plan's
// canonical bytes. What the GUI thread spends and the worker's write are printed for
// docs/RELIABILITY.md, not asserted (a timing is a benchmark's business; under ASan or on
// a loaded machine it is many times the Release figure).
void TstRecovery::autosaveTimeAt158Sites()
{
    auto window = shownWindow();
    QVERIFY(window->importFile(QStringLiteral(DCI_NETWORKS_DIR "/topologyzoo/UsCarrier.graphml")));
    QCOMPARE(window->document()->scenario().sites.size(), std::size_t{158});
    QVERIFY(window->document()->isModified()); // an import is unsaved, so it is autosaved too
    // The timer's path, edit by edit: what the GUI thread spends, and the worker's write.
    Autosaver *autosaver = window->autosaver();
    autosaver->setDelayMs(0);
    QSignalSpy written(autosaver, &Autosaver::written);
    std::vector<double> blocking_ms;
    std::vector<double> writing_ms;
    for (int i = 0; i < 25; ++i) {
        QVERIFY(window->editor()->setPlanName(QStringLiteral("UsCarrier %1").arg(i)));
        QVERIFY(written.wait(10000));
        blocking_ms.push_back(autosaver->lastBlockingMs());
        writing_ms.push_back(autosaver->lastWriteMs());
    }
    std::sort(blocking_ms.begin(), blocking_ms.end());
    std::sort(writing_ms.begin(), writing_ms.end());
    const auto median = [](const std::vector<double> &v) { return v[v.size() / 2]; };
    qInfo("autosave at 158 sites (%lld bytes), 25 edits: GUI thread median %.2f ms (max %.2f); "
          "files written on the worker median %.2f ms (min %.2f, max %.2f)",
          static_cast<long long>(QFileInfo(autosaver->planPath()).size()), median(blocking_ms), blocking_ms.back(),
          median(writing_ms), writing_ms.front(), writing_ms.back());
    QCOMPARE(readJson(window->autosaver()->metaPath()).value(QStringLiteral("original_path")).toString(), QString());
    QCOMPARE(readBytes(window->autosaver()->planPath()), canonical(window->document()->scenario()));
}

bool TstRecovery::startChild(QProcess &child, const QString &plan, const QString &expect)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DCI_RECOVERY_CHILD"), QStringLiteral("1"));
    env.insert(QStringLiteral("DCI_RECOVERY_CHILD_PLAN"), plan);
    env.insert(QStringLiteral("DCI_RECOVERY_CHILD_EXPECT"), expect);
    env.insert(QStringLiteral("DCI_RECOVERY_DIR"), m_recovery->path());
    env.insert(QStringLiteral("DCI_AUTOSAVE_MS"), QStringLiteral("100"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {});
    if (!child.waitForStarted())
        return false;
    QByteArray out;
    QElapsedTimer clock;
    clock.start();
    while (!out.contains("ready\n") && clock.elapsed() < kChildReadyTimeoutMs && child.state() == QProcess::Running) {
        child.waitForReadyRead(1000);
        out += child.readAllStandardOutput();
    }
    return out.contains("ready\n");
}

// Killed after an edit: the next start offers the autosave (not while its program runs),
// and Restore gives the edited plan exactly, unsaved, with its original file.
void TstRecovery::restoreAfterKill()
{
    const QString plan = userCopy(QStringLiteral("two-campus-teaching.json"), QStringLiteral("campus.json"));
    const QByteArray userBytes = readBytes(plan);
    const QString expect = QDir(m_dir->path()).filePath(QStringLiteral("expected.json"));
    QProcess child;
    QVERIFY(startChild(child, plan, expect));
    const QByteArray expected = readBytes(expect);
    QVERIFY(!expected.isEmpty());
    QVERIFY(expected != userBytes);

    // While the child runs its autosave is its own: not offered.
    auto window = shownWindow();
    QVERIFY(scanRecovery(m_recovery->path()).entries.isEmpty());
    QVERIFY(!window->offerRecovery());
    QVERIFY(window->lastErrors().isEmpty());

    child.kill(); // SIGKILL: no destructor, no clean close
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    QCOMPARE(QDir(m_recovery->path()).entryList({QStringLiteral("*.plan.json")}, QDir::Files).size(), 1);
    const QString childPlan =
        QDir(m_recovery->path()).filePath(QDir(m_recovery->path()).entryList({QStringLiteral("*.plan.json")}).first());

    // The start-up check main.cpp runs: the dialog lists it; Restore.
    QStringList row;
    Answerer restore([&](QWidget *widget) {
        auto *dialog = qobject_cast<RecoveryDialog *>(widget);
        if (!dialog)
            return false;
        const QTreeWidgetItem *item = dialog->list()->topLevelItem(0);
        row = {QString::number(dialog->list()->topLevelItemCount()), item->text(0), item->text(1), item->text(2)};
        keepShot(dialog->grab().toImage(), QStringLiteral("recovery-dialog"));
        dialog->restoreButton()->click();
        return true;
    });
    QVERIFY(window->offerRecovery());
    QVERIFY(restore.done());
    QCOMPARE(row.value(0), QStringLiteral("1"));
    QCOMPARE(row.value(1), QStringLiteral("Edited before the crash"));
    QCOMPARE(row.value(2), QFileInfo(plan).absoluteFilePath());
    QVERIFY(!row.value(3).isEmpty());

    Document *doc = window->document();
    QCOMPARE(canonical(doc->scenario()), expected);
    QVERIFY(doc->isModified());
    QVERIFY(doc->isRecovered());
    QCOMPARE(doc->filePath(), QFileInfo(plan).absoluteFilePath());
    QVERIFY2(window->windowTitle().contains(QStringLiteral("(recovered)")), qPrintable(window->windowTitle()));
    QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("Recovered")),
             qPrintable(window->statusBar()->currentMessage()));
    QCOMPARE(readBytes(plan), userBytes); // restoring writes nothing of the user's
    // The original's stamp travelled in the metadata: unchanged since the killed program read it.
    QVERIFY(!doc->changedOnDisk());
    QCOMPARE(doc->diskStamp().sha256, FileStamp::of(plan).sha256);
    // The child's autosave was taken over by this window's own.
    QVERIFY(!QFileInfo::exists(childPlan));
    QCOMPARE(readBytes(window->autosaver()->planPath()), expected);
    keepShot(window.get(), QStringLiteral("recovery-restored"));

    // Save writes the recovered plan to the original file.
    QVERIFY2(window->saveTo(doc->filePath()), qPrintable(window->lastErrors().join(QLatin1Char('\n'))));
    QCOMPARE(readBytes(plan), expected);
    QVERIFY(!doc->isModified());
    QVERIFY(!window->windowTitle().contains(QStringLiteral("(recovered)")));
    QCOMPARE(QDir(m_recovery->path()).entryList(QDir::Files), QStringList());
}

// Decide Later keeps the autosave for the next start; Discard deletes it.
void TstRecovery::discardOrDecideLaterAfterKill()
{
    const QString plan = userCopy(QStringLiteral("midwest-region.json"), QStringLiteral("midwest.json"));
    QProcess child;
    QVERIFY(startChild(child, plan, QDir(m_dir->path()).filePath(QStringLiteral("expected.json"))));
    child.kill();
    QVERIFY(child.waitForFinished());
    const QStringList left = QDir(m_recovery->path()).entryList(QDir::Files);
    QVERIFY(!left.isEmpty());

    auto window = shownWindow();
    QVERIFY(window->openFile(plan));
    const QByteArray before = canonical(window->document()->scenario());
    const auto clickOn = [](QPushButton *(RecoveryDialog::*button)() const) {
        return [button](QWidget *widget) {
            auto *dialog = qobject_cast<RecoveryDialog *>(widget);
            if (!dialog)
                return false;
            (dialog->*button)()->click();
            return true;
        };
    };
    {
        Answerer later(clickOn(&RecoveryDialog::laterButton));
        QVERIFY(!window->offerRecovery());
        QVERIFY(later.done());
    }
    QCOMPARE(canonical(window->document()->scenario()), before);
    QCOMPARE(scanRecovery(m_recovery->path()).entries.size(), 1); // offered again next time
    {
        Answerer discard(clickOn(&RecoveryDialog::discardButton));
        QVERIFY(!window->offerRecovery());
        QVERIFY(discard.done());
    }
    QCOMPARE(canonical(window->document()->scenario()), before);
    QCOMPARE(QDir(m_recovery->path()).entryList(QDir::Files), QStringList());
    QVERIFY(!window->offerRecovery()); // nothing left to offer: no dialog
}

// An autosave that does not read is reported with the reader's message and set aside;
// start-up goes on, offering what does read (untitled when only its metadata is bad).
void TstRecovery::corruptAutosaveIsReportedAndKeptAside()
{
    const QDir dir(m_recovery->path());
    const QString broken = dir.filePath(QStringLiteral("autosave-broken.plan.json"));
    QVERIFY(writeBytes(broken, "{ \"format\": \"dci-scenario\", \"sites\": [ {\"id\": "));
    QJsonObject meta{{QStringLiteral("format"), QStringLiteral("dciplanner-recovery")},
                     {QStringLiteral("version"), 1},
                     {QStringLiteral("original_path"), QString()},
                     {QStringLiteral("name"), QStringLiteral("Broken")},
                     {QStringLiteral("saved_at"), QStringLiteral("2026-01-02T03:04:05.000Z")},
                     {QStringLiteral("pid"), 999999},
                     {QStringLiteral("app_version"), QStringLiteral("0")}};
    QVERIFY(writeBytes(dir.filePath(QStringLiteral("autosave-broken.meta.json")), QJsonDocument(meta).toJson()));

    // Only the broken one: reported, kept aside, nothing offered, no crash.
    auto window = shownWindow();
    QVERIFY(!window->offerRecovery());
    const QString errors = window->lastErrors().join(QLatin1Char('\n'));
    QVERIFY2(errors.contains(broken), qPrintable(errors));
    QVERIFY2(errors.contains(QStringLiteral("kept aside")), qPrintable(errors));
    QVERIFY(!QFileInfo::exists(broken));
    QVERIFY(QFileInfo::exists(broken + QStringLiteral(".corrupt")));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("autosave-broken.meta.json.corrupt"))));
    // The reader's own message, as `dciplanner-cli validate` would give it.
    const ScenarioLoad reader = readScenarioFile(QFile::encodeName(broken + QStringLiteral(".corrupt")).toStdString(),
                                                 Catalog::builtin());
    QVERIFY(!reader.ok());
    QVERIFY2(errors.contains(QString::fromStdString(reader.errors.front()).section(QStringLiteral(": "), 1, -1)),
             qPrintable(errors));

    // Shown in a message box when dialogs are on.
    QVERIFY(writeBytes(broken, "not json at all"));
    window->setErrorDialogsEnabled(true);
    QString shown;
    std::unique_ptr<Answerer> box(answerBox(&shown, [](QMessageBox *b) { return b->button(QMessageBox::Ok); },
                                            QStringLiteral("recovery-corrupt")));
    QVERIFY(!window->offerRecovery());
    QVERIFY(box->done());
    QVERIFY2(shown.contains(broken), qPrintable(shown));
    QVERIFY(QFileInfo::exists(broken + QStringLiteral(".corrupt2")));

    // A good plan whose metadata is garbage is still offered (untitled), its metadata set aside.
    const QString good = dir.filePath(QStringLiteral("autosave-good.plan.json"));
    QVERIFY(QFile::copy(samplePath(QStringLiteral("single-failure.json")), good));
    QVERIFY(writeBytes(dir.filePath(QStringLiteral("autosave-good.meta.json")), "\x01\x02 garbage"));
    QVERIFY(writeBytes(broken, "[]"));
    QString problemsShown;
    int offered = 0;
    Answerer later([&](QWidget *widget) {
        auto *dialog = qobject_cast<RecoveryDialog *>(widget);
        if (!dialog)
            return false;
        offered = dialog->list()->topLevelItemCount();
        if (auto *note = dialog->findChild<QLabel *>(QStringLiteral("recoveryProblems")))
            problemsShown = note->text();
        keepShot(dialog->grab().toImage(), QStringLiteral("recovery-dialog-problems"));
        dialog->laterButton()->click();
        return true;
    });
    QVERIFY(!window->offerRecovery());
    QVERIFY(later.done());
    QCOMPARE(offered, 1);
    QVERIFY2(problemsShown.contains(broken), qPrintable(problemsShown));
    QVERIFY2(problemsShown.contains(QStringLiteral("autosave-good.meta.json")), qPrintable(problemsShown));
    const RecoveryScan again = scanRecovery(dir.path());
    QCOMPARE(again.entries.size(), 1);
    QVERIFY(again.entries.first().originalPath.isEmpty());
    QVERIFY(again.problems.isEmpty());
}

// A save that fails leaves the old file byte for byte, keeps the changes open and says
// where, why and what to do.
void TstRecovery::failedSaveReadOnlyFolder()
{
    const QString folder = QDir(m_dir->path()).filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(folder));
    const QString plan = QDir(folder).filePath(QStringLiteral("plan.json"));
    QVERIFY(QFile::copy(samplePath(QStringLiteral("two-campus-teaching.json")), plan));
    const QByteArray before = readBytes(plan);
    auto window = shownWindow();
    QVERIFY(window->openFile(plan));
    QVERIFY(editPlan(*window, QStringLiteral("Edited in a locked folder"), 7));

    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
    const auto unlock = qScopeGuard([&] {
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    });
    QFile probe(QDir(folder).filePath(QStringLiteral("probe")));
    if (probe.open(QIODevice::WriteOnly)) {
        probe.remove();
        QSKIP("running as root: a read-only folder does not stop writing (failedSaveDiskFull tests the failure path)");
    }

    window->setErrorDialogsEnabled(true);
    QString shown;
    std::unique_ptr<Answerer> box(answerBox(&shown, [](QMessageBox *b) { return b->button(QMessageBox::Ok); }));
    QVERIFY(!window->saveTo(plan));
    QVERIFY(box->done());
    const QString error = window->lastErrors().value(0);
    QVERIFY2(error.contains(plan) && error.contains(QStringLiteral("Permission denied")), qPrintable(error));
    QVERIFY2(shown.contains(QStringLiteral("Save As")), qPrintable(shown));
    QCOMPARE(readBytes(plan), before);
    QVERIFY(window->document()->isModified());
    QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList{QStringLiteral("plan.json")});
}

// "Disk full", simulated: part of the file written, then the write fails.
void TstRecovery::failedSaveDiskFull()
{
    const QString plan = userCopy(QStringLiteral("two-campus-teaching.json"), QStringLiteral("plan.json"));
    const QByteArray before = readBytes(plan);
    auto window = shownWindow();
    QVERIFY(window->openFile(plan));
    QVERIFY(editPlan(*window, QStringLiteral("Edited on a full disk"), 3));
    window->document()->setWriteFaultForTests(ENOSPC);

    window->setErrorDialogsEnabled(true);
    QString shown;
    std::unique_ptr<Answerer> box(answerBox(&shown, [](QMessageBox *b) { return b->button(QMessageBox::Ok); },
                                            QStringLiteral("save-failed")));
    QVERIFY(!window->saveTo(plan));
    QVERIFY(box->done());
    const QString error = window->lastErrors().value(0);
    QVERIFY2(error.contains(plan) && error.contains(QStringLiteral("No space left on device")), qPrintable(error));
    QVERIFY2(shown.contains(error) && shown.contains(QStringLiteral("Save As")), qPrintable(shown));
    QCOMPARE(readBytes(plan), before);
    QVERIFY(window->document()->isModified());
    QCOMPARE(window->document()->filePath(), QFileInfo(plan).absoluteFilePath());
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList{QStringLiteral("plan.json")}); // no partial file

    // Save As to another file fails the same way, and does not adopt that name.
    const QString other = QDir(m_dir->path()).filePath(QStringLiteral("other.json"));
    window->setErrorDialogsEnabled(false);
    QVERIFY(!window->saveTo(other));
    QVERIFY(!QFileInfo::exists(other));
    QCOMPARE(window->document()->filePath(), QFileInfo(plan).absoluteFilePath());

    // Space again: the same Save works.
    window->document()->setWriteFaultForTests(0);
    QVERIFY(window->saveTo(plan));
    QCOMPARE(readBytes(plan), canonical(window->document()->scenario()));
    QVERIFY(!window->document()->isModified());
}

// Another program rewrote the file: Save asks first. Cancel leaves its version; Overwrite
// writes ours. A file only touched (same content) is no conflict.
void TstRecovery::changedOnDiskWarnsBeforeSave()
{
    const QString plan = userCopy(QStringLiteral("two-campus-teaching.json"), QStringLiteral("shared.json"));
    auto window = shownWindow();
    QVERIFY(window->openFile(plan));
    QVERIFY(!window->document()->changedOnDisk());
    QVERIFY(editPlan(*window, QStringLiteral("Ours"), 11));

    // Touched, same bytes: not a change.
    {
        QFile touched(plan);
        QVERIFY(touched.open(QIODevice::ReadWrite));
        QVERIFY(touched.setFileTime(QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime));
    }
    QVERIFY(!window->document()->changedOnDisk());

    // The other program's version: another plan, another size.
    const QByteArray theirs = readBytes(samplePath(QStringLiteral("nationwide-multicampus.json")));
    QVERIFY(writeBytes(plan, theirs));
    QVERIFY(window->document()->changedOnDisk());

    window->setErrorDialogsEnabled(true);
    QString shown;
    {
        std::unique_ptr<Answerer> cancel(answerBox(&shown, [](QMessageBox *b) { return b->button(QMessageBox::Cancel); },
                                                   QStringLiteral("changed-on-disk")));
        QVERIFY(!window->saveTo(plan));
        QVERIFY(cancel->done());
    }
    QVERIFY2(shown.contains(QStringLiteral("“shared.json” was changed by another program since you opened it")),
             qPrintable(shown));
    QCOMPARE(readBytes(plan), theirs);
    QVERIFY(window->document()->isModified());
    QCOMPARE(QString::fromStdString(window->document()->scenario().name), QStringLiteral("Ours"));

    // Without dialogs (the tests' windows, --screenshot) the safe answer: not saved.
    window->setErrorDialogsEnabled(false);
    QVERIFY(!window->saveTo(plan));
    QCOMPARE(readBytes(plan), theirs);
    QVERIFY(window->lastErrors().value(0).contains(QStringLiteral("changed by another program")));

    window->setErrorDialogsEnabled(true);
    {
        std::unique_ptr<Answerer> overwrite(answerBox(&shown, [](QMessageBox *b) {
            return b->findChild<QAbstractButton *>(QStringLiteral("overwriteButton"));
        }));
        QVERIFY(window->saveTo(plan));
        QVERIFY(overwrite->done());
    }
    QCOMPARE(readBytes(plan), canonical(window->document()->scenario()));
    QVERIFY(!window->document()->isModified());
    // Saved here: what is on disk is ours now, so the next Save asks nothing.
    QVERIFY(!window->document()->changedOnDisk());
    QVERIFY(editPlan(*window, QStringLiteral("Ours again"), 1));
    window->setErrorDialogsEnabled(false);
    QVERIFY(window->saveTo(plan));
    QCOMPARE(readBytes(plan), canonical(window->document()->scenario()));

    // Save As… keeps both: theirs stays in the file, ours goes where the user says.
    QVERIFY(writeBytes(plan, theirs));
    QVERIFY(editPlan(*window, QStringLiteral("Ours, elsewhere"), 1));
    const QString elsewhere = QDir(m_dir->path()).filePath(QStringLiteral("elsewhere.json"));
    window->setErrorDialogsEnabled(true);
    std::unique_ptr<Answerer> saveAs(answerBox(&shown, [](QMessageBox *b) {
        return b->findChild<QAbstractButton *>(QStringLiteral("saveAsButton"));
    }));
    Answerer fileDialog([&](QWidget *widget) {
        auto *dialog = qobject_cast<QFileDialog *>(widget);
        if (!dialog)
            return false;
        dialog->selectFile(elsewhere);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog's own accept(), which is protected
        return true;
    });
    QVERIFY(window->saveTo(plan));
    QVERIFY(saveAs->done() && fileDialog.done());
    QCOMPARE(readBytes(plan), theirs);
    QCOMPARE(readBytes(elsewhere), canonical(window->document()->scenario()));
    QCOMPARE(window->document()->filePath(), QFileInfo(elsewhere).absoluteFilePath());
    QVERIFY(!window->document()->isModified());
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    QStandardPaths::setTestModeEnabled(true); // recent files go to a test location
    if (qEnvironmentVariableIsSet("DCI_RECOVERY_CHILD"))
        return runChild();
    TstRecovery test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_recovery.moc"
