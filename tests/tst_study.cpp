// The study windows (issue 14): View > Sweep runs the core's sweep off the GUI thread and
// shows its points as they are (charts, table, CSV), stops on Cancel, refuses a bad range
// in the form and never changes the plan; File > Compare With shows the core's comparison
// of two plans beside two canvases that move together.

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "charts/sweepcharts.h"
#include "document.h"
#include "engine/evaluate.h"
#include "engine/generate.h"
#include "guitestutil.h"
#include "io/compare.h"
#include "io/scenariojson.h"
#include "io/sweepreport.h"
#include "study/comparewindow.h"
#include "study/sweeppanel.h"

#include <QCheckBox>
#include <QChart>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QStandardPaths>
#include <QUndoStack>
#include <QWheelEvent>

#include <functional>
#include <QTest>

#include <cmath>

using namespace dci;
using namespace dci::test;

namespace {

QString sample(const char *name)
{
    return QStringLiteral(DCI_SOURCE_DIR "/samples/") + QLatin1String(name);
}

Scenario readSample(const char *name)
{
    const ScenarioLoad load = readScenarioFile(sample(name).toStdString(), Catalog::builtin());
    if (!load.scenario)
        qFatal("cannot read %s", name);
    return *load.scenario;
}

// View > Sweep, as the menu has it.
SweepPanel *openSweep(MainWindow *window)
{
    findAction(window, QStringLiteral("Sweep..."))->trigger();
    auto *panel = window->findChild<SweepPanel *>();
    if (panel && !QTest::qWaitForWindowExposed(panel))
        qWarning("sweep window not exposed");
    return panel;
}

// Chooses the parameter in the combo and the range kind, and types into the fields.
void fillForm(SweepPanel *panel, const QString &path, SweepPanel::RangeKind kind, const QStringList &texts)
{
    QComboBox *param = panel->paramCombo();
    const int row = param->findData(path);
    QVERIFY2(row >= 0, qPrintable(path));
    param->setCurrentIndex(row);
    panel->rangeKindCombo()->setCurrentIndex(panel->rangeKindCombo()->findData(kind));
    const QList<QLineEdit *> fields = kind == SweepPanel::List
        ? QList<QLineEdit *>{panel->valuesField()}
        : QList<QLineEdit *>{panel->fromField(), panel->toField(),
                             kind == SweepPanel::Linear ? panel->pointsField() : panel->factorField()};
    for (qsizetype i = 0; i < fields.size(); ++i) {
        fields[i]->selectAll();
        fields[i]->del();
        QTest::keyClicks(fields[i], texts.value(i));
    }
}

// Clicks Run and waits for the sweep to end.
void runAndWait(SweepPanel *panel)
{
    QSignalSpy finished(panel, &SweepPanel::finished);
    QVERIFY(panel->runButton()->isEnabled());
    QTest::mouseClick(panel->runButton(), Qt::LeftButton);
    QVERIFY(panel->isRunning() || finished.count() == 1);
    QVERIFY(finished.count() == 1 || finished.wait(60000));
}

// Every point of the lines named `name` in a chart, in order (a gap splits a line in parts).
QList<QPointF> linePoints(QChart *chart, const QString &name = QString())
{
    QList<QPointF> out;
    for (QAbstractSeries *s : chart->series())
        if (auto *line = qobject_cast<QLineSeries *>(s); line && line->name() == name)
            out += line->points();
    return out;
}

// The chart lines and the table hold the core's figures for every point that has them.
void compareWithCore(SweepPanel *panel, const SweepResult &expected, SweepCharts::Axis axis)
{
    const SweepResult &shown = panel->result();
    QCOMPARE(shown.points.size(), expected.points.size());
    SweepCharts *charts = panel->charts();
    struct Line {
        SweepCharts::Figure figure;
        std::function<std::optional<double>(const Headline &)> read;
        int column;
    };
    const Line lines[] = {
        {SweepCharts::Efficiency, [](const Headline &h) { return h.efficiency; }, 1},
        {SweepCharts::StepTime, [](const Headline &h) { return h.step_s; }, 2},
        {SweepCharts::DciTbps, [](const Headline &h) { return std::optional<double>(h.dci_tbps); }, 3},
        {SweepCharts::Capex, [](const Headline &h) { return h.capex_usd; }, 4},
    };
    QTableWidget *table = panel->table();
    QCOMPARE(table->rowCount(), static_cast<int>(expected.points.size()));
    for (const Line &line : lines) {
        const QList<QPointF> points = linePoints(charts->chart(line.figure));
        qsizetype k = 0;
        for (std::size_t i = 0; i < expected.points.size(); ++i) {
            const SweepPoint &p = expected.points[i];
            const std::optional<double> v = p.error.empty() ? line.read(p.figures) : std::nullopt;
            const QTableWidgetItem *cell = table->item(static_cast<int>(i), line.column);
            if (!v) { // a gap, and no figure in the table
                QVERIFY(!cell->data(Qt::UserRole).isValid());
                continue;
            }
            QVERIFY2(k < points.size(), "a point is missing from the chart");
            QCOMPARE(points[k].x(), SweepCharts::xOf(expected, i, axis));
            QCOMPARE(points[k].y(), *v * charts->scale(line.figure));
            QCOMPARE(cell->data(Qt::UserRole).toDouble(), *v);
            ++k;
        }
        QCOMPARE(k, points.size()); // and nothing else
    }
    // One line of ZR modules per optic.
    for (std::size_t i = 0; i < expected.points.size(); ++i)
        for (const auto &[optic, count] : expected.points[i].figures.modules) {
            const QList<QPointF> points = linePoints(charts->chart(SweepCharts::Modules), QString::fromStdString(optic));
            bool found = false;
            for (const QPointF &p : points)
                found = found || (p.x() == SweepCharts::xOf(expected, i, axis) && p.y() == count);
            QVERIFY2(found, optic.c_str());
        }
}

QTreeWidgetItem *groupOf(CompareWindow *w, CompareWindow::ChangeGroup g)
{
    return w->changeGroup(g);
}

} // namespace

class TstStudy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // QSettings go to a test location

    // Efficiency versus distance on the teaching sample: the GUI's points are runSweep's.
    void sweepEqualsCore()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        SweepPanel *panel = openSweep(window.get());
        QVERIFY(panel);
        QVERIFY(panel->isVisible());
        fillForm(panel, QStringLiteral("spans/a-b/length_km"), SweepPanel::Linear,
                 {QStringLiteral("10"), QStringLiteral("2000"), QStringLiteral("200")});
        QCOMPARE(panel->rangeNote()->text(), QStringLiteral("200 points: 10, 20, 30, \u2026, 2,000"));
        runAndWait(panel);

        const Scenario scenario = window->document()->scenario();
        const SweepParam param = *parseSweepPath(scenario, Catalog::builtin(), "spans/a-b/length_km").param;
        const SweepResult expected =
            runSweep(scenario, Catalog::builtin(), param, linearSweepValues(10.0, 2000.0, 200).values);
        compareWithCore(panel, expected, SweepCharts::Axis::Linear);
        QVERIFY(!panel->result().cancelled);
        QCOMPARE(panel->progressBar()->value(), 200);
        QVERIFY(panel->statusLabel()->text().startsWith(QStringLiteral("200 points in ")));
        // Past the 400ZR's reach the points carry an error, listed beside the charts.
        QVERIFY(panel->charts()->notes()->text().contains(QStringLiteral("reach-exceeded")));
        QTest::qWait(50); // the charts lay out their axes
        keepShot(panel->grab().toImage(), QStringLiteral("sweep-distance"));

        // Export CSV writes the CLI's sweep --csv.
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("sweep.csv"));
        QVERIFY(panel->exportButton()->isEnabled());
        QVERIFY(panel->exportCsv(csv, nullptr));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().toStdString(), sweepToCsv(expected));
    }

    // Optics by name, on an axis of names; a value that makes no valid plan is a gap.
    void sweepNamesAndGaps()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        SweepPanel *panel = openSweep(window.get());
        QComboBox *param = panel->paramCombo();
        param->setCurrentIndex(param->findData(QStringLiteral("spans/a-b/optic")));
        QVERIFY(panel->opticBoxes().size() >= 2);
        QVERIFY(!panel->runButton()->isEnabled()); // no optic ticked yet
        std::vector<SweepValue> values;
        for (QCheckBox *box : panel->opticBoxes())
            if (box->text() == QStringLiteral("400ZR") || box->text() == QStringLiteral("800ZR")) {
                QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(4, box->height() / 2));
                SweepValue v;
                v.name = box->text().toStdString();
                values.push_back(v);
            }
        QCOMPARE(values.size(), std::size_t(2));
        runAndWait(panel);
        const Scenario scenario = window->document()->scenario();
        const auto catalog = Catalog::builtin();
        compareWithCore(panel,
                        runSweep(scenario, catalog, *parseSweepPath(scenario, catalog, "spans/a-b/optic").param, values),
                        SweepCharts::Axis::Names);

        // GPUs at a site: -5 is refused by the edit, so that point has no figures.
        fillForm(panel, QStringLiteral("sites/a/gpus"), SweepPanel::List,
                 {QStringLiteral("8192, -5, 16384, 32768")});
        runAndWait(panel);
        std::vector<SweepValue> numbers;
        for (double v : {8192.0, -5.0, 16384.0, 32768.0}) {
            SweepValue value;
            value.number = v;
            numbers.push_back(value);
        }
        const SweepResult expected =
            runSweep(scenario, catalog, *parseSweepPath(scenario, catalog, "sites/a/gpus").param, numbers);
        QVERIFY(!expected.points[1].error.empty());
        compareWithCore(panel, expected, SweepCharts::Axis::Linear);
        QCOMPARE(linePoints(panel->charts()->chart(SweepCharts::Efficiency)).size(), 3);
        QVERIFY(panel->charts()->notes()->text().contains(QString::fromStdString(expected.points[1].error).toHtmlEscaped()));
        QCOMPARE(panel->table()->item(1, panel->table()->columnCount() - 1)->text(),
                 QString::fromStdString(expected.points[1].error));
    }

    // Cancel stops the worker early; the points done so far are shown.
    void cancelStopsEarly()
    {
        // A plan whose 1,000 points take seconds (a sample's take milliseconds now, and
        // would finish before the click): 200 sites, 20 DCs.
        GenerateOptions options;
        options.sites = 200;
        options.spans = 300;
        options.gpu_sites = 20;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("slow.json"));
        std::string why;
        QVERIFY(writeScenarioFile(path.toStdString(), generatePlan(options, Catalog::builtin()), &why));
        auto window = shownWindow();
        QVERIFY(window->openFile(path));
        SweepPanel *panel = openSweep(window.get());
        fillForm(panel, QStringLiteral("assumptions/loss_rate"), SweepPanel::Linear,
                 {QStringLiteral("0"), QStringLiteral("1e-4"), QStringLiteral("1000")});
        QSignalSpy finished(panel, &SweepPanel::finished);
        QTest::mouseClick(panel->runButton(), Qt::LeftButton);
        QVERIFY(panel->isRunning());
        QVERIFY(panel->cancelButton()->isEnabled());
        QVERIFY(!panel->runButton()->isEnabled()); // one sweep at a time
        QTRY_VERIFY(panel->progressBar()->value() > 0); // under way, the bar moving
        QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QVERIFY(panel->result().cancelled);
        QVERIFY(panel->result().points.size() < 1000);
        QVERIFY(panel->statusLabel()->text().startsWith(QStringLiteral("Cancelled after")));
        QCOMPARE(panel->table()->rowCount(), static_cast<int>(panel->result().points.size()));
        QVERIFY(panel->runButton()->isEnabled());
        QVERIFY(!panel->cancelButton()->isEnabled());
    }

    // A range the core refuses is refused in the form, with the core's reason; Run stays off.
    void badRangeRefused()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        SweepPanel *panel = openSweep(window.get());
        fillForm(panel, QStringLiteral("spans/a-b/length_km"), SweepPanel::Geometric,
                 {QStringLiteral("0"), QStringLiteral("100"), QStringLiteral("2")});
        QCOMPARE(panel->rangeNote()->text(),
                 QStringLiteral("A geometric sweep needs 0 < from <= to, got 0 to 100."));
        QVERIFY(!panel->runButton()->isEnabled());
        QTest::keyClick(panel->factorField(), Qt::Key_Return); // Enter does not run it either
        QVERIFY(!panel->isRunning());

        fillForm(panel, QStringLiteral("spans/a-b/length_km"), SweepPanel::Linear,
                 {QStringLiteral("10"), QStringLiteral("100"), QStringLiteral("1")});
        QCOMPARE(panel->rangeNote()->text(),
                 QString::fromStdString(linearSweepValues(10, 100, 1).error).replace(0, 1, QStringLiteral("E"))
                     + QLatin1Char('.'));
        QVERIFY(!panel->runButton()->isEnabled());

        fillForm(panel, QStringLiteral("spans/a-b/length_km"), SweepPanel::Linear,
                 {QStringLiteral("ten"), QStringLiteral("100"), QStringLiteral("5")});
        QVERIFY(panel->rangeNote()->text().contains(QStringLiteral("\"ten\" is not a number")));
        QVERIFY(panel->fromField()->property("refused").toBool());
        QVERIFY(!panel->runButton()->isEnabled());
    }

    // The sweep works on a copy: the plan, its undo history and its saved state stay.
    void sweepNeverChangesPlan()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        const std::string before = writeScenario(window->document()->scenario());
        SweepPanel *panel = openSweep(window.get());
        fillForm(panel, QStringLiteral("job/inner_steps"), SweepPanel::Geometric,
                 {QStringLiteral("1"), QStringLiteral("1000"), QStringLiteral("10")});
        runAndWait(panel);
        QCOMPARE(panel->result().points.size(), std::size_t(4));
        QCOMPARE(writeScenario(window->document()->scenario()), before);
        QCOMPARE(window->document()->undoStack()->count(), 0);
        QVERIFY(!window->document()->isModified());

        // An edit of the plan: the parameters follow it and the shown sweep says it is older.
        window->activateWindow();
        click(window->canvasView()->viewport(), glyphPos(*window, QStringLiteral("a")));
        QCOMPARE(window->canvasView()->selectedSiteIds(), QStringList{QStringLiteral("a")});
        findAction(window.get(), QStringLiteral("Delete"))->trigger();
        QCOMPARE(window->document()->undoStack()->count(), 1);
        QCOMPARE(panel->paramCombo()->findData(QStringLiteral("spans/a-b/length_km")), -1);
        QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("changed since this sweep")));
    }

    // A plan compared with itself: no difference anywhere.
    void compareWithItself()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("nationwide-multicampus.json")));
        QVERIFY(window->compareWith(sample("nationwide-multicampus.json")));
        auto *compare = window->findChild<CompareWindow *>();
        QVERIFY(compare);
        QVERIFY(QTest::qWaitForWindowExposed(compare));
        QVERIFY(compare->summary()->text().startsWith(QStringLiteral("No differences")));
        QCOMPARE(compare->changesTree()->topLevelItemCount(), 0);
        QTableWidget *headline = compare->headlineTable();
        QVERIFY(headline->rowCount() >= 7);
        for (int row = 0; row < headline->rowCount(); ++row) {
            QCOMPARE(headline->item(row, CompareWindow::AColumn)->text(),
                     headline->item(row, CompareWindow::BColumn)->text());
            QVERIFY(headline->item(row, CompareWindow::DifferenceColumn)->text().isEmpty()
                    || headline->item(row, CompareWindow::DifferenceColumn)->text() == QStringLiteral("\u2013"));
        }
    }

    // Two samples: the window lists exactly the core's differences.
    void compareTwoSamples()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("power-wall.json")));
        QVERIFY(window->compareWith(sample("power-wall-split.json")));
        auto *compare = window->findChild<CompareWindow *>();
        QVERIFY(QTest::qWaitForWindowExposed(compare));
        const Scenario a = readSample("power-wall.json");
        const Scenario b = readSample("power-wall-split.json");
        const Comparison expected =
            comparePlans(a, evaluate(a, Catalog::builtin()), b, evaluate(b, Catalog::builtin()));
        QVERIFY(!expected.identical());

        QTableWidget *headline = compare->headlineTable();
        QCOMPARE(headline->rowCount(), static_cast<int>(expected.headline.size()));
        int differing = 0;
        for (int row = 0; row < headline->rowCount(); ++row) {
            const FigureDiff &f = expected.headline[static_cast<std::size_t>(row)];
            const QString diff = headline->item(row, CompareWindow::DifferenceColumn)->text();
            QCOMPARE(f.differs(), !diff.isEmpty() && diff != QStringLiteral("\u2013"));
            differing += f.differs();
        }
        QVERIFY(differing > 0);
        QVERIFY(compare->summary()->text().startsWith(
            QStringLiteral("%1 of %2 headline figures differ.").arg(differing).arg(expected.headline.size())));

        const std::pair<CompareWindow::ChangeGroup, std::size_t> groups[] = {
            {CompareWindow::Settings, expected.settings.size()},
            {CompareWindow::Sites, expected.sites.size()},
            {CompareWindow::Spans, expected.spans.size()},
            {CompareWindow::Demands, expected.demands.size()},
        };
        for (const auto &[group, count] : groups) {
            QTreeWidgetItem *item = groupOf(compare, group);
            QCOMPARE(item ? item->childCount() : 0, static_cast<int>(count));
        }
        for (std::size_t i = 0; i < expected.spans.size(); ++i)
            QCOMPARE(groupOf(compare, CompareWindow::Spans)->child(static_cast<int>(i))->data(0, Qt::UserRole).toString(),
                     QString::fromStdString(expected.spans[i].id));
        for (std::size_t i = 0; i < expected.sites.size(); ++i) {
            QTreeWidgetItem *site = groupOf(compare, CompareWindow::Sites)->child(static_cast<int>(i));
            QCOMPARE(site->data(0, Qt::UserRole).toString(), QString::fromStdString(expected.sites[i].id));
            QCOMPARE(site->childCount(), static_cast<int>(expected.sites[i].fields.size()));
        }
        for (std::size_t i = 0; i < expected.settings.size(); ++i)
            QCOMPARE(groupOf(compare, CompareWindow::Settings)->child(static_cast<int>(i))->text(1),
                     QString::fromStdString(expected.settings[i].field));
        QTest::qWait(50);
        keepShot(compare->grab().toImage(), QStringLiteral("compare-plans"));
    }

    // Zoom or pan one canvas and the other follows; a change clicked selects it on both.
    void compareViewsInSync()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("midwest-region.json")));
        QVERIFY(window->compareWith(sample("nationwide-multicampus.json")));
        auto *compare = window->findChild<CompareWindow *>();
        QVERIFY(QTest::qWaitForWindowExposed(compare));
        CanvasView *a = compare->viewA();
        CanvasView *b = compare->viewB();
        QTRY_VERIFY(!a->followsFit() && !b->followsFit()); // fitted together once shown
        auto inSync = [&] {
            const QPointF ca = a->visibleSceneRect().center();
            const QPointF cb = b->visibleSceneRect().center();
            return a->zoom() == b->zoom() && QLineF(ca, cb).length() * a->zoom() < 1.5; // within a pixel
        };
        QVERIFY(inSync());

        // The wheel over A, as a user zooms in around a point.
        const double before = b->zoom();
        const QPoint at(a->viewport()->width() / 3, a->viewport()->height() / 3);
        QWheelEvent wheel(at, a->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(a->viewport(), &wheel);
        QVERIFY(b->zoom() > before);
        QVERIFY(inSync());

        // A drag on B's background pans both.
        const QPointF centre = a->visibleSceneRect().center();
        QPoint empty;
        for (int y = 20; y < b->viewport()->height() && empty.isNull(); y += 20)
            for (int x = 20; x < b->viewport()->width() / 2 && empty.isNull(); x += 20)
                if (!b->itemAt(QPoint(x, y)))
                    empty = QPoint(x, y);
        QVERIFY(!empty.isNull());
        drag(b->viewport(), empty, empty + QPoint(120, 60));
        QVERIFY(a->visibleSceneRect().center() != centre);
        QVERIFY(inSync());

        // A changed span clicked in the list is selected on both canvases where it exists.
        QTreeWidgetItem *spans = compare->changeGroup(CompareWindow::Spans);
        QVERIFY(spans && spans->childCount() > 0);
        QTreeWidgetItem *span = spans->child(0);
        const QString id = span->data(0, Qt::UserRole).toString();
        emit compare->changesTree()->itemClicked(span, 0);
        const bool inA = compare->viewA()->canvasScene()->spanItem(id);
        const bool inB = compare->viewB()->canvasScene()->spanItem(id);
        QCOMPARE(a->selectedSpanIds(), inA ? QStringList{id} : QStringList());
        QCOMPARE(b->selectedSpanIds(), inB ? QStringList{id} : QStringList());
    }
};

QTEST_MAIN(TstStudy)
#include "tst_study.moc"
