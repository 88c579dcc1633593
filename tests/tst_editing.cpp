// Editing in the main window as a user does it, offscreen: drawing with the canvas tools,
// undo/redo back to the file's bytes, save and reopen, picture export, the live heatmap.
// Set DCI_GUI_SHOTS_DIR to keep the pictures the tests grab.

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "canvas/heatpalette.h"
#include "canvas/siteitem.h"
#include "canvas/spanitem.h"
#include "canvas/projection.h"
#include "document.h"
#include "io/scenariojson.h"
#include "guitestutil.h"
#include "testutil.h"
#include "mainwindow.h"
#include "properties/assumptionspage.h"
#include "properties/propertiespanel.h"
#include "results/diagnosticspanel.h"
#include "results/resultspanel.h"
#include "model/catalog.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QCheckBox>
#include <QStyle>
#include <QStyleOptionButton>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMouseEvent>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>
#include <memory>

using namespace dci;
using namespace dci::test;

namespace {


QString sample(const char *name)
{
    return QDir(qEnvironmentVariable("DCI_SAMPLES_DIR")).filePath(QString::fromLatin1(name));
}

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The scenario in our canonical form, written to dir/name: what a file saved by the app
// looks like, so "back to the original bytes" is a fair test.
QString canonicalCopy(const QString &from, const QString &dir, const QString &name)
{
    ScenarioLoad load = readScenarioFile(QFile::encodeName(from).toStdString(), Catalog::builtin());
    if (!load.ok())
        qFatal("cannot read %s", qPrintable(from));
    const QString path = QDir(dir).filePath(name);
    QFile f(path);
    const std::string text = writeScenario(*load.scenario);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) != qint64(text.size()))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// Clicks a check box on its indicator, as a user would.
void clickCheckBox(QCheckBox *box)
{
    QStyleOptionButton option;
    option.initFrom(box);
    const QRect indicator = box->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, box);
    QTest::mouseClick(box, Qt::LeftButton, {}, indicator.center());
}

// A diamond s-a-t / s-b-t of 100 km spans (metric 490 each) carrying 100 Gbps s -> t on
// shortest paths: the tie goes to the first span, so s-a-t carries it (MODEL "Routing").
const char *const kDiamond = R"({"format": "dci-scenario", "version": 1, "name": "diamond",
  "sites": [{"id": "s", "lat": 41.0, "lon": -96.0}, {"id": "a", "lat": 41.6, "lon": -95.0},
            {"id": "b", "lat": 40.4, "lon": -95.0}, {"id": "t", "lat": 41.0, "lon": -94.0}],
  "spans": [{"id": "s-a", "a": "s", "b": "a", "length_km": 100}, {"id": "a-t", "a": "a", "b": "t", "length_km": 100},
            {"id": "s-b", "a": "s", "b": "b", "length_km": 100}, {"id": "b-t", "a": "b", "b": "t", "length_km": 100}],
  "demands": [{"from": "s", "to": "t", "gbps": 100}]})";

// Opens the override cell of key's row on the Assumptions page with F2, types text and
// presses Return, as a user edits it.
void editOverride(AssumptionsPage *page, const QString &key, const QString &text)
{
    auto *table = page->findChild<QTreeWidget *>(QStringLiteral("assumptionsTable"));
    QTreeWidgetItem *row = page->row(key);
    QVERIFY(table && row && table->isVisible());
    table->setFocus();
    table->setCurrentItem(row, AssumptionsPage::NameColumn);
    table->scrollToItem(row);
    QTest::keyClick(table, Qt::Key_F2);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents(); // the delegate commits on the next turn of the event loop
}

} // namespace

class TstEditing : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
        QVERIFY(m_dir.isValid());
    }

    // File > New, two clicks with Add Site, a drag with Add Span: the document holds two
    // sites where the clicks were and a span between them, each edit one undo step.
    void drawTwoSitesAndASpan()
    {
        auto window = shownWindow();
        findAction(window.get(), QStringLiteral("New"))->trigger();
        QVERIFY(window->document()->hasScenario());
        QCOMPARE(window->canvasView()->tool(), CanvasView::Tool::AddSite);
        QWidget *canvas = window->canvasView()->viewport();
        const QPoint p1(canvas->width() / 3, canvas->height() / 2);
        const QPoint p2(2 * canvas->width() / 3, canvas->height() / 2 + 40);
        click(canvas, p1);
        click(canvas, p2);
        const Scenario &s = window->document()->scenario();
        QCOMPARE(s.sites.size(), std::size_t(2));
        for (int i = 0; i < 2; ++i) {
            const projection::LatLon want =
                projection::toLatLon(window->canvasView()->mapToScene(i == 0 ? p1 : p2));
            QVERIFY(std::abs(s.sites[std::size_t(i)].lat - want.lat_deg) < 1e-6);
            QVERIFY(std::abs(s.sites[std::size_t(i)].lon - want.lon_deg) < 1e-6);
        }
        QCOMPARE(window->document()->undoStack()->count(), 2);

        findAction(window.get(), QStringLiteral("Add Span"))->trigger();
        QCOMPARE(window->canvasView()->tool(), CanvasView::Tool::AddSpan);
        drag(canvas, glyphPos(*window, QStringLiteral("site-1")), glyphPos(*window, QStringLiteral("site-2")));
        const Scenario &t = window->document()->scenario();
        QCOMPARE(t.spans.size(), std::size_t(1));
        QCOMPARE(t.spans[0].a, std::string("site-1"));
        QCOMPARE(t.spans[0].b, std::string("site-2"));
        QCOMPARE(window->document()->undoStack()->count(), 3);
        QVERIFY(window->canvasScene()->spanItem(QStringLiteral("site-1-site-2")));
        QVERIFY(window->isWindowModified());
        // The new span is selected, so the Properties dock shows it.
        QCOMPARE(window->canvasView()->selectedSpanIds(), QStringList{QStringLiteral("site-1-site-2")});
        keepShot(window.get(), QStringLiteral("editing-drawn"));
    }

    // Dragging a site moves it live: the span's length follows during the drag, and the
    // whole drag is one undo step.
    void dragMovesSiteLive()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(canonicalCopy(sample("two-campus-teaching.json"), m_dir.path(), "drag.json")));
        // The sample's span has a fixed length; let it follow the map.
        Scenario s = window->document()->scenario();
        s.spans[0].length_km.reset();
        QVERIFY(window->document()->applyEdit(QStringLiteral("length from the map"), s));
        const double before = window->document()->results().spans[0].length_km;
        const int steps = window->document()->undoStack()->count();

        QWidget *canvas = window->canvasView()->viewport();
        const QPoint from = glyphPos(*window, QStringLiteral("b"));
        const QPoint to = from + QPoint(120, 60);
        send(canvas, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
        send(canvas, QEvent::MouseMove, from + QPoint(60, 30), Qt::NoButton, Qt::LeftButton);
        const double during = window->document()->results().spans[0].length_km;
        QVERIFY2(std::abs(during - before) > 1.0, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(during)));
        send(canvas, QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton);
        send(canvas, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
        const double after = window->document()->results().spans[0].length_km;
        QVERIFY(std::abs(after - during) > 1.0);
        QCOMPARE(window->document()->undoStack()->count(), steps + 1);
        window->document()->undoStack()->undo();
        QCOMPARE(window->document()->results().spans[0].length_km, before);
    }

    // Every kind of edit, then undo all of it: saving gives the original bytes; redo all
    // gives the edited bytes again.
    void undoRedoEveryEditBackToTheFileBytes()
    {
        const QString original = canonicalCopy(sample("midwest-region.json"), m_dir.path(), "undo.json");
        const QByteArray originalBytes = readBytes(original);
        auto window = shownWindow();
        QVERIFY(window->openFile(original));
        Document *doc = window->document();
        QWidget *canvas = window->canvasView()->viewport();
        const QString firstSite = QString::fromStdString(doc->scenario().sites[0].id);
        const QString secondSite = QString::fromStdString(doc->scenario().sites[1].id);

        // Add a site (canvas click), a span to it (canvas drag), move a site (drag),
        // change a property (the Properties dock's intent), delete a span (key).
        window->canvasView()->setTool(CanvasView::Tool::AddSite);
        click(canvas, QPoint(40, canvas->height() - 60));
        const QString added = QString::fromStdString(doc->scenario().sites.back().id);
        window->canvasView()->setTool(CanvasView::Tool::AddSpan);
        drag(canvas, glyphPos(*window, firstSite), glyphPos(*window, added));
        window->canvasView()->setTool(CanvasView::Tool::Select);
        drag(canvas, glyphPos(*window, secondSite), glyphPos(*window, secondSite) + QPoint(30, -25));
        const Site &first = doc->scenario().sites[0];
        emit window->propertiesPanel()->siteGpusRequested(QString::fromStdString(first.id), first.gpus + 4096);
        const QString span = QString::fromStdString(doc->scenario().spans[0].id);
        window->canvasView()->selectElements({}, {span});
        QTest::keyClick(canvas, Qt::Key_Delete);
        QVERIFY(!doc->scenario().span(span.toStdString()));
        QCOMPARE(doc->undoStack()->count(), 5);

        const QString edited = QDir(m_dir.path()).filePath(QStringLiteral("edited.json"));
        QVERIFY(window->saveTo(edited));
        const QByteArray editedBytes = readBytes(edited);
        QVERIFY(editedBytes != originalBytes);

        QAction *undo = findAction(window.get(), QStringLiteral("Undo Delete ") + span);
        while (doc->undoStack()->canUndo())
            undo->trigger();
        const QString back = QDir(m_dir.path()).filePath(QStringLiteral("back.json"));
        QVERIFY(window->saveTo(back));
        QCOMPARE(readBytes(back), originalBytes);

        while (doc->undoStack()->canRedo())
            doc->undoStack()->redo();
        const QString again = QDir(m_dir.path()).filePath(QStringLiteral("again.json"));
        QVERIFY(window->saveTo(again));
        QCOMPARE(readBytes(again), editedBytes);
    }

    // Ctrl+Z with the focus still in a Properties field undoes the document's last edit,
    // as in Qt Creator and Tiled (issue 13 #9); while text is being typed it is the
    // field's own text undo.
    void undoWithFocusInTheDock()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        Document *doc = window->document();
        window->canvasView()->selectElements({}, {});
        auto *mfu = window->propertiesPanel()->findChild<QLineEdit *>(QStringLiteral("job_mfu"));
        QVERIFY(mfu && mfu->isVisible());
        mfu->setFocus();
        typeAndEnter(mfu, QStringLiteral("0.5"));
        QCOMPARE(*doc->scenario().job->mfu, 0.5);
        QCOMPARE(doc->undoStack()->count(), 1);
        QVERIFY(mfu->hasFocus());
        QTest::keyClick(mfu, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(*doc->scenario().job->mfu, 0.4);
        QCOMPARE(mfu->text(), QStringLiteral("0.4"));
        // Redo by this platform's own redo key (Ctrl+Shift+Z or Ctrl+Y).
        const QKeyCombination redo = QKeySequence::keyBindings(QKeySequence::Redo).first()[0];
        QTest::keyClick(mfu, redo.key(), redo.keyboardModifiers());
        QCOMPARE(*doc->scenario().job->mfu, 0.5);
        // Typing, then Ctrl+Z: the field's own undo, the document is untouched.
        mfu->selectAll();
        QTest::keyClicks(mfu, QStringLiteral("0.3"));
        QTest::keyClick(mfu, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(*doc->scenario().job->mfu, 0.5);
        QCOMPARE(doc->undoStack()->index(), 1);
    }

    // The span's metric in the Properties dock: each change one undo step, the routing
    // follows at once, an unchanged value is no step, and Ctrl+Z gives the file's bytes.
    void spanMetricInTheDockReroutes()
    {
        const QString path = QDir(m_dir.path()).filePath(QStringLiteral("diamond.json"));
        {
            QFile f(path);
            const std::string text = writeScenario(parse(kDiamond));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text.data(), qint64(text.size()));
        }
        const QByteArray originalBytes = readBytes(path);
        auto window = shownWindow();
        QVERIFY(window->openFile(path));
        Document *doc = window->document();
        const auto load = [&](const char *span) {
            return *doc->results().spans[std::size_t(doc->scenario().spanIndex(span))].load_gbps;
        };
        QCOMPARE(load("s-a"), 100.0);
        QCOMPARE(load("s-b"), 0.0);

        // Select s-a as a user would: a click on its row of the Spans table.
        QTableView *spans = window->resultsPanel()->spansTable();
        window->resultsPanel()->tabs()->setCurrentWidget(spans);
        QCoreApplication::processEvents();
        for (int row = 0; row < spans->model()->rowCount(); ++row) {
            const QModelIndex index = spans->model()->index(row, 0);
            if (index.data(ResultsPanel::IdRole).toString() == QLatin1String("s-a"))
                QTest::mouseClick(spans->viewport(), Qt::LeftButton, {}, spans->visualRect(index).center());
        }
        QCOMPARE(window->canvasView()->selectedSpanIds(), QStringList{QStringLiteral("s-a")});
        PropertiesPanel *panel = window->propertiesPanel();
        auto *autoBox = panel->findChild<QCheckBox *>(QStringLiteral("spanMetricAuto"));
        auto *metric = panel->findChild<QLineEdit *>(QStringLiteral("spanMetric"));
        QVERIFY(autoBox && autoBox->isVisible() && autoBox->isChecked());
        QCOMPARE(metric->placeholderText(), QStringLiteral("490"));

        // Auto off fixes today's metric: one step, same routes.
        clickCheckBox(autoBox);
        QCOMPARE(doc->scenario().span("s-a")->metric, std::optional<std::int64_t>(490));
        QCOMPARE(doc->undoStack()->count(), 1);
        QCOMPARE(load("s-a"), 100.0);
        QVERIFY(metric->isEnabled());

        typeAndEnter(metric, QStringLiteral("1000"));
        QCOMPARE(doc->scenario().span("s-a")->metric, std::optional<std::int64_t>(1000));
        QCOMPARE(doc->undoStack()->count(), 2);
        QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Set metric of s-a to 1,000"));
        QCOMPARE(load("s-a"), 0.0); // 1,490 via a against 980 via b
        QCOMPARE(load("s-b"), 100.0);
        QCOMPARE(load("b-t"), 100.0);
        QCOMPARE(doc->results().spans[0].metric, std::int64_t(1000));

        // The same value again, and an invalid one, are no steps.
        typeAndEnter(metric, QStringLiteral("1,000"));
        QCOMPARE(doc->undoStack()->count(), 2);
        typeAndEnter(metric, QStringLiteral("0"));
        QCOMPARE(doc->undoStack()->count(), 2);
        QVERIFY(panel->lastRefusal().startsWith(QStringLiteral("Metric: expected an IGP metric")));
        QTest::keyClick(metric, Qt::Key_Escape);
        keepShot(window.get(), QStringLiteral("editing-span-metric"));

        window->canvasView()->setFocus();
        QTest::keyClick(window->canvasView(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(doc->scenario().span("s-a")->metric, std::optional<std::int64_t>(490));
        QCOMPARE(load("s-a"), 100.0);
        QTest::keyClick(window->canvasView(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!doc->undoStack()->canUndo());
        const QString back = QDir(m_dir.path()).filePath(QStringLiteral("diamond-back.json"));
        QVERIFY(window->saveTo(back));
        QCOMPARE(readBytes(back), originalBytes);
    }

    // Connections per DC pair cap each DC pair's rate by its window (MODEL "Rates"): one
    // connection over 100 km cannot fill the span, the derived 64 can.
    void jobConnectionsInTheDockChangeTheRate()
    {
        const QString original = canonicalCopy(sample("two-campus-teaching.json"), m_dir.path(), "conn.json");
        auto window = shownWindow();
        QVERIFY(window->openFile(original));
        Document *doc = window->document();
        const auto jobRate = [&] {
            for (const DemandResult &d : doc->results().demands)
                if (d.source == "job")
                    return *d.rate_gbps;
            return 0.0;
        };
        const double before = jobRate();
        QCOMPARE(*doc->results().job.connections_per_pair, 64.0);

        auto *connections =
            window->propertiesPanel()->findChild<QLineEdit *>(QStringLiteral("job_connections_per_pair"));
        QVERIFY(connections && connections->isVisible());
        QCOMPARE(connections->placeholderText(), QStringLiteral("derived 64"));
        typeAndEnter(connections, QStringLiteral("1"));
        QCOMPARE(doc->scenario().job->connections_per_pair, std::optional<double>(1.0));
        QCOMPARE(doc->undoStack()->count(), 1);
        QCOMPARE(*doc->results().job.connections_per_pair, 1.0);
        const double after = jobRate();
        QVERIFY2(after < before / 2, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        for (const DemandResult &d : doc->results().demands)
            if (d.source == "job")
                QCOMPARE(d.limited_by, std::string("window"));

        connections->setFocus(); // emptied: derived again
        connections->selectAll();
        QTest::keyClick(connections, Qt::Key_Backspace);
        QTest::keyClick(connections, Qt::Key_Return);
        QVERIFY(!doc->scenario().job->connections_per_pair);
        QCOMPARE(doc->undoStack()->count(), 2);
        QCOMPARE(jobRate(), before);
    }

    // The Assumptions page through the View menu: the sample's hint ("set the loss rate to
    // 1e-6") is one undo step, the job's efficiency rises, Ctrl+Z gives the file's bytes.
    void lossRateOnTheAssumptionsPage()
    {
        const QString original = canonicalCopy(sample("loss-over-distance.json"), m_dir.path(), "loss.json");
        const QByteArray originalBytes = readBytes(original);
        auto window = shownWindow();
        QVERIFY(window->openFile(original));
        Document *doc = window->document();
        AssumptionsPage *page = window->assumptionsPage();
        // A dock behind a tab stays "visible" to Qt; what shows is what has a visible region.
        const auto onScreen = [](QWidget *w) { return w->isVisible() && !w->visibleRegion().isEmpty(); };
        QVERIFY(!onScreen(page)); // behind the Results tab
        // View > Assumptions, as the menu has it (the dock's own toggle has the same text).
        QAction *show = nullptr;
        for (QAction *menu : window->menuBar()->actions())
            if (menu->text() == QStringLiteral("&View"))
                for (QAction *a : menu->menu()->actions())
                    if (a->text() == QStringLiteral("&Assumptions"))
                        show = a;
        QVERIFY(show);
        show->trigger();
        QCoreApplication::processEvents();
        QVERIFY(onScreen(page));
        QVERIFY(show->isChecked());
        QVERIFY(!onScreen(window->resultsPanel())); // its tab is behind now
        QVERIFY(onScreen(window->diagnosticsPanel()));

        const double before = *doc->results().job.efficiency;
        editOverride(page, QStringLiteral("loss_rate"), QStringLiteral("1e-6"));
        QCOMPARE(doc->undoStack()->count(), 1);
        QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Set loss_rate to 1e-6"));
        QCOMPARE(doc->scenario().assumptions.figures.at("loss_rate"), 1e-6);
        const double after = *doc->results().job.efficiency;
        QVERIFY2(after > before + 0.1, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        QCOMPARE(page->row(QStringLiteral("loss_rate"))->text(AssumptionsPage::OverrideColumn), QStringLiteral("1e-6"));
        keepShot(window.get(), QStringLiteral("assumptions-page"));

        // A refused value: no step, the reason on the page.
        editOverride(page, QStringLiteral("loss_rate"), QStringLiteral("1.5"));
        QCOMPARE(doc->undoStack()->count(), 1);
        QCOMPARE(page->lastRefusal(), QStringLiteral("loss_rate: expected a number in [0, 1], got 1.5"));
        keepShot(window.get(), QStringLiteral("assumptions-refused"));

        auto *table = page->findChild<QTreeWidget *>(QStringLiteral("assumptionsTable"));
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(doc->undoStack()->index(), 0);
        QCOMPARE(*doc->results().job.efficiency, before);
        QCOMPARE(page->row(QStringLiteral("loss_rate"))->text(AssumptionsPage::OverrideColumn), QStringLiteral("0.0001"));
        const QString back = QDir(m_dir.path()).filePath(QStringLiteral("loss-back.json"));
        QVERIFY(window->saveTo(back));
        QCOMPARE(readBytes(back), originalBytes);

        // Reset drops the sample's override: one step, the catalog's 0 (lossless).
        QTest::mouseClick(page->findChild<QToolButton *>(QStringLiteral("reset_loss_rate")), Qt::LeftButton);
        QCOMPARE(doc->undoStack()->count(), 1);
        QVERIFY(!doc->scenario().assumptions.figures.count("loss_rate"));
        QVERIFY(*doc->results().job.efficiency > before + 0.1);
    }

    // A sample's description shows when it opens (nothing selected); editing it and the
    // name is one undo step each and the saved file has them.
    void planDescriptionInTheDock()
    {
        const QString original = canonicalCopy(sample("loss-over-distance.json"), m_dir.path(), "desc.json");
        auto window = shownWindow();
        QVERIFY(window->openFile(original));
        Document *doc = window->document();
        auto *description = window->propertiesPanel()->findChild<QPlainTextEdit *>(QStringLiteral("planDescription"));
        auto *name = window->propertiesPanel()->findChild<QLineEdit *>(QStringLiteral("planName"));
        QVERIFY(description && description->isVisible() && name->isVisible());
        QVERIFY(description->toPlainText().contains(QStringLiteral("the loss rate to 1e-6")));
        keepShot(window.get(), QStringLiteral("plan-description"));

        description->setFocus();
        description->moveCursor(QTextCursor::End);
        QTest::keyClicks(description, QStringLiteral(" Tried 1e-6: efficiency back up."));
        QCOMPARE(doc->undoStack()->count(), 0);
        QTest::keyClick(description, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(doc->undoStack()->count(), 1);
        QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Edit the plan's description"));
        typeAndEnter(name, QStringLiteral("Iowa - Ohio, tried"));
        QCOMPARE(doc->undoStack()->count(), 2);
        QCOMPARE(doc->scenario().name, std::string("Iowa - Ohio, tried"));
        QVERIFY(window->windowTitle().startsWith(QStringLiteral("Iowa - Ohio, tried")));

        const QString saved = QDir(m_dir.path()).filePath(QStringLiteral("desc-saved.json"));
        QVERIFY(window->saveTo(saved));
        const ScenarioLoad load = readScenarioFile(QFile::encodeName(saved).toStdString(), Catalog::builtin());
        QVERIFY(load.ok());
        QVERIFY(QString::fromStdString(load.scenario->description).endsWith(QStringLiteral("Tried 1e-6: efficiency back up.")));
        QCOMPARE(load.scenario->name, std::string("Iowa - Ohio, tried"));

        // Undo with the focus back in the unchanged field: the document's undo.
        description->setFocus();
        QTest::keyClick(description, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(description, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(doc->undoStack()->index(), 0);
        QVERIFY(description->toPlainText().endsWith(QStringLiteral("or the loss rate to 1e-6.")));
    }

    // Save marks the document clean and the file reopens to the same scenario.
    void saveAndReopen()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(canonicalCopy(sample("nationwide-multicampus.json"), m_dir.path(), "save.json")));
        Scenario s = window->document()->scenario();
        s.sites[0].name = "Renamed campus";
        s.spans[0].wavelengths.reset(); // auto
        QVERIFY(window->document()->applyEdit(QStringLiteral("rename"), s));
        QVERIFY(window->isWindowModified());
        QVERIFY(window->windowTitle().contains(QStringLiteral("[*]")));
        const QString path = QDir(m_dir.path()).filePath(QStringLiteral("saved.json"));
        QVERIFY(window->saveTo(path));
        QVERIFY(!window->isWindowModified());
        QCOMPARE(window->recentFiles().value(0), QFileInfo(path).absoluteFilePath());

        auto reopened = shownWindow();
        QVERIFY(reopened->openFile(path));
        QCOMPARE(writeScenario(reopened->document()->scenario()), writeScenario(s));
        QVERIFY(!reopened->isWindowModified());
    }

    // A save that cannot be written leaves the document as it was and says why.
    void failedSaveKeepsDocument()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(canonicalCopy(sample("two-campus-teaching.json"), m_dir.path(), "fail.json")));
        Scenario s = window->document()->scenario();
        s.name = "changed";
        QVERIFY(window->document()->applyEdit(QStringLiteral("rename"), s));
        const QString bad = QDir(m_dir.path()).filePath(QStringLiteral("no-such-dir/x.json"));
        QVERIFY(!window->saveTo(bad));
        QVERIFY(window->lastErrors().value(0).contains(bad));
        QVERIFY(window->isWindowModified());
        QCOMPARE(window->document()->scenario().name, std::string("changed"));
        QVERIFY(!QFile::exists(bad));
    }

    // An edit the file reader would reject is refused whole: nothing stored, one reason.
    void invalidEditRefused()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        Document *doc = window->document();
        const std::string before = writeScenario(doc->scenario());
        Scenario bad = doc->scenario();
        bad.sites[0].pue = 0.5;
        QString reason;
        QVERIFY(!doc->applyEdit(QStringLiteral("bad PUE"), bad, &reason));
        QVERIFY2(reason.startsWith(QStringLiteral("/sites/0/pue: ")), qPrintable(reason));
        QCOMPARE(writeScenario(doc->scenario()), before);
        QCOMPARE(doc->undoStack()->count(), 0);
        QVERIFY(!window->isWindowModified());
    }

    void exportPictures_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("png") << QStringLiteral("png") << QByteArray("\x89PNG", 4);
        QTest::newRow("svg") << QStringLiteral("svg") << QByteArray("<?xml");
        QTest::newRow("pdf") << QStringLiteral("pdf") << QByteArray("%PDF");
    }

    void exportPictures()
    {
        QFETCH(QString, suffix);
        QFETCH(QByteArray, magic);
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("midwest-region.json")));
        const QString path = QDir(m_dir.path()).filePath(QStringLiteral("picture.") + suffix);
        QVERIFY2(window->exportPicture(path), qPrintable(window->lastErrors().join(QLatin1Char('\n'))));
        const QByteArray bytes = readBytes(path);
        QVERIFY2(bytes.size() > 2000, qPrintable(QString::number(bytes.size())));
        QVERIFY(bytes.startsWith(magic));
        if (suffix == QStringLiteral("png")) {
            QImage image;
            QVERIFY(image.load(path));
            QCOMPARE(image.size(), window->canvasView()->viewport()->size() * window->devicePixelRatio());
            QVERIFY2(image.text(QStringLiteral("Description")).contains(QStringLiteral("model 2")),
                     qPrintable(image.text(QStringLiteral("Description"))));
        }
        // Every format says which model computed what it shows (docs/MODEL.md "Changelog").
        if (suffix == QStringLiteral("svg"))
            QVERIFY(bytes.contains("model 2"));
        if (suffix == QStringLiteral("pdf")) { // the document info: plain or UTF-16BE text
            QByteArray utf16;
            for (const char c : QByteArray("model 2"))
                utf16.append('\0').append(c);
            QVERIFY(bytes.contains("model 2") || bytes.contains(utf16));
        }
        if (suffix == QStringLiteral("svg"))
            QVERIFY(bytes.contains("<svg"));
        QVERIFY(!window->exportPicture(QDir(m_dir.path()).filePath(QStringLiteral("picture.bmpx"))));
        QVERIFY(window->lastErrors().value(0).contains(QStringLiteral("use .png, .svg or .pdf")));
    }

    // An overloaded span is drawn in the palette's overload colour (and dashed): some
    // pixels along its line have exactly that colour. Switching it to more wavelengths
    // cools it: the colour changes with the edit.
    void overloadedSpanPixelColour()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(canonicalCopy(sample("two-campus-teaching.json"), m_dir.path(), "hot.json")));
        Scenario s = window->document()->scenario();
        s.spans[0].wavelengths = 4; // 1.6 Tb/s for the job's 2.06 Tb/s
        QVERIFY(window->document()->applyEdit(QStringLiteral("fewer wavelengths"), s));
        QVERIFY(*window->document()->results().spans[0].utilization > 1.0);
        QCoreApplication::processEvents();
        const QColor overload = colorForUtilization(1.5);
        QCOMPARE(countColour(*window, overload), true);

        s.spans[0].wavelengths = 16;
        QVERIFY(window->document()->applyEdit(QStringLiteral("more wavelengths"), s));
        QCoreApplication::processEvents();
        QCOMPARE(countColour(*window, overload), false);
        QVERIFY(countColour(*window, colorForUtilization(*window->document()->results().spans[0].utilization)));
    }

    // The status bar sums the plan up: GPUs, MW, DCI capacity, capex, step time, efficiency.
    void statusBarKeyFigures()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        const QString summary = window->statusSummary();
        for (const char *part : {"2 sites", "32,768 GPUs", "DCI 3.20 Tb/s", "capex $272k", "step ", "efficiency "})
            QVERIFY2(summary.contains(QLatin1String(part)), qPrintable(summary));
    }

    // Selection follows between canvas, Results tables and Diagnostics; Shift-drag on the
    // background selects with a rubber band; Edit > Delete removes the selection.
    void selectionFollowsEverywhere()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(canonicalCopy(sample("midwest-region.json"), m_dir.path(), "sel.json")));
        const Scenario &s = window->document()->scenario();
        const QString site = QString::fromStdString(s.sites[2].id);
        QWidget *canvas = window->canvasView()->viewport();

        // Canvas click -> Sites table row and the Properties title.
        click(canvas, glyphPos(*window, site));
        QCOMPARE(window->canvasView()->selectedSiteIds(), QStringList{site});
        const QModelIndexList rows = window->resultsPanel()->sitesTable()->selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].data(ResultsPanel::IdRole).toString(), site);
        auto *title = window->propertiesPanel()->findChild<QLabel *>(QStringLiteral("propertiesTitle"));
        QVERIFY2(title->text().contains(site), qPrintable(title->text()));

        // Spans table click -> canvas selection.
        QTableView *spans = window->resultsPanel()->spansTable();
        window->resultsPanel()->tabs()->setCurrentWidget(spans);
        QCoreApplication::processEvents();
        const QModelIndex first = spans->model()->index(0, 0);
        QTest::mouseClick(spans->viewport(), Qt::LeftButton, {}, spans->visualRect(first).center());
        const QString spanId = first.data(ResultsPanel::IdRole).toString();
        QCOMPARE(window->canvasView()->selectedSpanIds(), QStringList{spanId});
        QVERIFY(window->canvasView()->selectedSiteIds().isEmpty());

        // Shift-drag around everything selects every site and span.
        drag(canvas, QPoint(2, 2), QPoint(canvas->width() - 2, canvas->height() - 2), Qt::ShiftModifier);
        QCOMPARE(window->canvasView()->selectedSiteIds().size(), int(s.sites.size()));
        QCOMPARE(window->canvasView()->selectedSpanIds().size(), int(s.spans.size()));

        // Edit > Delete on one site takes its spans with it, in one undo step.
        window->canvasView()->selectElements({site}, {});
        findAction(window.get(), QStringLiteral("Delete"))->trigger();
        QVERIFY(!window->document()->scenario().site(site.toStdString()));
        QVERIFY(!window->canvasScene()->siteItem(site));
        QCOMPARE(window->document()->undoStack()->count(), 1);
        window->document()->undoStack()->undo();
        QVERIFY(window->canvasScene()->siteItem(site));
    }

    // Clicking a diagnostic selects the element it is about.
    void diagnosticSelectsItsElement()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("loss-over-distance.json")));
        QTreeWidget *list = window->diagnosticsPanel()->list();
        QTreeWidgetItem *spanRow = nullptr;
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            if (list->topLevelItem(i)->data(DiagnosticsPanel::ElementColumn, DiagnosticsPanel::ElementIdRole).toString() == QStringLiteral("a-b"))
                spanRow = list->topLevelItem(i);
        QVERIFY(spanRow);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(spanRow).center());
        QCOMPARE(window->canvasView()->selectedSpanIds(), QStringList{QStringLiteral("a-b")});
    }

    // The user guide's story (docs/USER-GUIDE.md), whose pictures this test takes when
    // DCI_GUI_SHOTS_DIR is set (scripts/guide-shots.sh): open a sample, add a third campus
    // with GPUs, connect it with a 400ZR span, see the span run hot, switch it to 800ZR,
    // see it cool down, relieve the other span with a second one, undo all of it, save and
    // export a picture.
    void userGuideStory()
    {
        const QString original = canonicalCopy(sample("two-campus-teaching.json"), m_dir.path(), "story.json");
        auto window = shownWindow();
        QVERIFY(window->openFile(original));
        Document *doc = window->document();
        QCoreApplication::processEvents();
        keepShot(window.get(), QStringLiteral("guide-1-open"));

        QWidget *canvas = window->canvasView()->viewport();
        findAction(window.get(), QStringLiteral("Add Site"))->trigger();
        click(canvas, QPoint(canvas->width() * 4 / 5, canvas->height() / 3));
        QCOMPARE(doc->scenario().sites.size(), std::size_t(3));
        QCOMPARE(window->canvasView()->selectedSiteIds(), QStringList{QStringLiteral("site-3")});
        // In the Properties dock, as a user types: the name, then the GPU count.
        auto *name = window->propertiesPanel()->findChild<QLineEdit *>(QStringLiteral("siteName"));
        QVERIFY(name && name->isVisible());
        typeAndEnter(name, QStringLiteral("Campus C"));
        QCOMPARE(doc->scenario().sites[2].name, std::string("Campus C"));
        auto *gpus = window->propertiesPanel()->findChild<QSpinBox *>(QStringLiteral("siteGpus"));
        QVERIFY(gpus && gpus->isVisible());
        typeAndEnter(gpus, QStringLiteral("16384"));
        QCOMPARE(doc->scenario().sites[2].gpus, std::int64_t(16384));
        QCOMPARE(doc->results().job.dcs.size(), std::size_t(3));
        QCOMPARE(doc->undoStack()->count(), 3); // add, rename, GPUs
        QCoreApplication::processEvents();
        keepShot(window.get(), QStringLiteral("guide-2-campus"));

        findAction(window.get(), QStringLiteral("Add Span"))->trigger();
        drag(canvas, glyphPos(*window, QStringLiteral("a")), glyphPos(*window, QStringLiteral("site-3")));
        const QString spanId = QStringLiteral("a-site-3");
        const Span *span = doc->scenario().span(spanId.toStdString());
        QVERIFY(span);
        QCOMPARE(span->optic, std::string("400ZR"));
        const auto utilization = [&] {
            return *doc->results().spans[std::size_t(doc->scenario().spanIndex(spanId.toStdString()))].utilization;
        };
        // Campus C exchanges 2 S / D with each of A and B, and B's share comes through A.
        QVERIFY2(utilization() > 1.0, qPrintable(QString::number(utilization())));
        findAction(window.get(), QStringLiteral("Select"))->trigger();
        QCoreApplication::processEvents();
        keepShot(window.get(), QStringLiteral("guide-3-hot"));

        // The optic combo, with the keyboard, until it shows 800ZR: each step is an edit.
        auto *optic = window->propertiesPanel()->findChild<QComboBox *>(QStringLiteral("spanOptic"));
        QVERIFY(optic && optic->isVisible());
        const int target = optic->findData(QStringLiteral("800ZR"));
        QVERIFY(target >= 0);
        while (optic->currentIndex() != target)
            QTest::keyClick(optic, optic->currentIndex() < target ? Qt::Key_Down : Qt::Key_Up);
        QCOMPARE(doc->scenario().span(spanId.toStdString())->optic, std::string("800ZR"));
        QVERIFY2(utilization() < 0.8, qPrintable(QString::number(utilization())));
        QCoreApplication::processEvents();
        keepShot(window.get(), QStringLiteral("guide-4-cool"));

        // A-B still runs hot: B's exchange with C crosses it. A span B-C takes it off.
        findAction(window.get(), QStringLiteral("Add Span"))->trigger();
        drag(canvas, glyphPos(*window, QStringLiteral("b")), glyphPos(*window, QStringLiteral("site-3")));
        QVERIFY(doc->scenario().span("b-site-3"));
        for (const SpanResult &r : doc->results().spans)
            QVERIFY2(*r.utilization < 0.8, r.id.c_str());
        findAction(window.get(), QStringLiteral("Select"))->trigger();
        keepShot(window.get(), QStringLiteral("guide-5-all-cool"));

        while (doc->undoStack()->canUndo())
            doc->undoStack()->undo();
        const QString saved = QDir(m_dir.path()).filePath(QStringLiteral("story-saved.json"));
        QVERIFY(window->saveTo(saved));
        QCOMPARE(readBytes(saved), readBytes(original));
        QVERIFY(window->exportPicture(QDir(m_dir.path()).filePath(QStringLiteral("story.png"))));
        QCoreApplication::processEvents();
        keepShot(window.get(), QStringLiteral("guide-6-undone"));
    }

private:
    // Whether some pixel on the first span's line (away from its label in the middle) has
    // exactly this colour.
    static bool countColour(const MainWindow &window, const QColor &colour)
    {
        const QImage image = window.canvasView()->viewport()->grab().toImage();
        keepShot(image, QStringLiteral("editing-span-") + colour.name().mid(1));
        const SpanItem *span = window.canvasScene()->spanItem(window.canvasScene()->spanIds().value(0));
        const QTransform t = window.canvasView()->viewportTransform();
        const QLineF line(t.map(span->line().p1()), t.map(span->line().p2()));
        const double dpr = image.devicePixelRatio();
        for (double f = 0.12; f < 0.38; f += 0.005) {
            const QPointF p = line.pointAt(f) * dpr;
            if (image.pixelColor(p.toPoint()).rgb() == colour.rgb())
                return true;
        }
        return false;
    }

    QTemporaryDir m_dir;
};

QTEST_MAIN(TstEditing)
#include "tst_editing.moc"
