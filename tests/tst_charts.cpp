// The Charts dock (issue 14): series contents against the engine's results, clicks that
// select spans, and the dock staying out of the way of edits while hidden.

#include "charts/chartdata.h"
#include "charts/chartspanel.h"
#include "exportutil.h"
#include "results/resultspanel.h"
#include "engine/sensitivity.h"
#include "document.h"
#include "engine/evaluate.h"
#include "guitestutil.h"
#include "io/scenariojson.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QDockWidget>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableWidget>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTableView>
#include <QFile>
#include <QGraphicsView>
#include <QTest>

#include <cmath>

using namespace dci;
using namespace dci::test;

namespace {

QString sample(const char *name)
{
    return QStringLiteral(DCI_SOURCE_DIR "/samples/") + QLatin1String(name);
}

Results evaluated(const char *name, Scenario *scenarioOut = nullptr)
{
    const ScenarioLoad load = readScenarioFile(sample(name).toStdString(), Catalog::builtin());
    if (!load.scenario)
        qFatal("cannot read %s", name);
    if (scenarioOut)
        *scenarioOut = *load.scenario;
    return evaluate(*load.scenario, Catalog::builtin());
}

template <typename T>
T *firstSeries(QChart *chart)
{
    for (QAbstractSeries *s : chart->series())
        if (auto *typed = qobject_cast<T *>(s))
            return typed;
    return nullptr;
}

} // namespace

class TstCharts : public QObject
{
    Q_OBJECT

private slots:
    // The demand matrix sums each direction's demands; the parts of a step add up to the
    // engine's step time with the exposed transfer as docs/MODEL.md "Timing" splits it;
    // bars run high to low; capex items add up to the capex.
    void chartData()
    {
        const Results r = evaluated("nationwide-multicampus.json");
        const charts::DemandMatrix m = charts::demandMatrix(r);
        QVERIFY(m.sites.size() >= 2);
        double matrixTotal = 0.0, demandTotal = 0.0, shares = 0.0;
        for (const auto &row : m.cells)
            for (const charts::MatrixCell &cell : row) {
                matrixTotal += cell.gbps;
                shares += cell.share_of_sync;
            }
        for (const DemandResult &d : r.demands)
            demandTotal += d.gbps;
        QVERIFY(demandTotal > 0.0);
        QCOMPARE(matrixTotal, demandTotal);
        QVERIFY(std::abs(shares - 1.0) < 1e-9); // the job's sync, all of it, once
        for (std::size_t i = 0; i < m.sites.size(); ++i)
            QCOMPARE(m.cells[i][i].demands, 0);

        const std::vector<charts::StepPart> parts = charts::stepParts(r);
        QCOMPARE(parts.size(), std::size_t(4));
        double sum = 0.0;
        for (const charts::StepPart &p : parts) {
            QVERIFY(p.seconds >= 0.0);
            sum += p.seconds;
        }
        QVERIFY(std::abs(sum - *r.job.step_s) < 1e-12 * *r.job.step_s);
        QCOMPARE(parts[0].seconds, *r.job.compute_s);
        const double exposedTransfer = std::max(0.0, *r.job.transfer_s - *r.job.window_s) / *r.job.period_steps;
        QCOMPARE(parts[1].seconds, std::min(exposedTransfer, *r.job.exposed_s));

        const std::vector<charts::SpanBar> bars = charts::spanBars(r);
        QVERIFY(!bars.empty());
        for (std::size_t i = 1; i < bars.size(); ++i)
            QVERIFY(bars[i - 1].hotter() >= bars[i].hotter());

        double capex = 0.0;
        for (const CostItem &item : charts::capexItems(r))
            capex += item.usd;
        QVERIFY(std::abs(capex - *r.cost.capex_usd) < 1e-6 * *r.cost.capex_usd);
    }

    // A worked case by hand (docs/MODEL.md "Timing"): compute 1 s, transfer 3 s and
    // latency 0.5 s per sync every 2 steps with a 1 s window: exposed per event
    // 3.5 - 1 = 2.5 s, per step 1.25 s, of which transfer (3 - 1) / 2 = 1 s and latency
    // 0.25 s; step 1 + 1.25 + 0.5 bubble = 2.75 s.
    void stepSplitByHand()
    {
        Results r;
        r.job.compute_s = 1.0;
        r.job.transfer_s = 3.0;
        r.job.latency_s = 0.5;
        r.job.window_s = 1.0;
        r.job.period_steps = 2.0;
        r.job.exposed_s = 1.25;
        r.job.bubble_s = 0.5;
        r.job.step_s = 2.75;
        const std::vector<charts::StepPart> parts = charts::stepParts(r);
        QCOMPARE(parts.size(), std::size_t(4));
        QCOMPARE(parts[0].seconds, 1.0);
        QCOMPARE(parts[1].seconds, 1.0);
        QCOMPARE(parts[2].seconds, 0.25);
        QCOMPARE(parts[3].seconds, 0.5);
    }

    // The dock in the window: View > Charts brings it forward; its series hold the
    // results' figures; clicking a bar or a matrix cell selects spans on the canvas.
    void dockShowsResults()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("nationwide-multicampus.json")));
        auto *panel = window->findChild<ChartsPanel *>();
        QVERIFY(panel);
        QVERIFY(!panel->isOnScreen()); // behind the Results tab at first
        QCOMPARE(panel->barSpans().size(), 0); // so not built
        // View > Charts, as the menu has it (the dock's own toggle has the same text).
        window->findChild<QAction *>(QStringLiteral("viewPageChartsDock"))->trigger();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QTRY_VERIFY(panel->isOnScreen());
        const Results &r = window->document()->results();

        panel->tabs()->setCurrentIndex(ChartsPanel::UtilisationTab);
        // Laid out first (the status bar, and the chart, which fits its bars to its height).
        QTest::qWait(50);
        keepShot(window->grab().toImage(), QStringLiteral("charts-utilisation"));
        const std::vector<charts::SpanBar> bars = charts::spanBars(r);
        auto *series = firstSeries<QHorizontalBarSeries>(panel->utilisationChart());
        QVERIFY(series);
        QCOMPARE(series->count(), 2);
        QBarSet *average = series->barSets()[0];
        QBarSet *hot = series->barSets()[1];
        const int shown = average->count();
        QVERIFY(shown >= std::min<int>(static_cast<int>(bars.size()), ChartsPanel::kMinBars));
        QVERIFY(shown <= std::min<int>(static_cast<int>(bars.size()), ChartsPanel::kMaxBars));
        QCOMPARE(panel->barSpans().size(), shown);
        for (int rank = 0; rank < shown; ++rank) { // bar index counts from the bottom
            const charts::SpanBar &bar = bars[static_cast<std::size_t>(rank)];
            QCOMPARE(average->at(shown - 1 - rank), bar.average * 100.0);
            QCOMPARE(hot->at(shown - 1 - rank), bar.hot_lane.value_or(bar.average) * 100.0);
            QCOMPARE(panel->barSpans()[rank], QString::fromStdString(bar.id));
        }
        // The 100% line and the target line (catalog target_utilization).
        int lines = 0;
        for (QAbstractSeries *s : panel->utilisationChart()->series())
            if (auto *line = qobject_cast<QLineSeries *>(s)) {
                ++lines;
                QVERIFY(line->at(0).x() == 100.0
                        || line->at(0).x() == window->document()->catalog().figure("target_utilization") * 100.0);
            }
        QCOMPARE(lines, 2);
        emit hot->clicked(shown - 1); // the top bar: the hottest span
        QCOMPARE(window->canvasView()->selectedSpanIds(), QStringList{panel->barSpans()[0]});

        panel->tabs()->setCurrentIndex(ChartsPanel::StepTab);
        auto *step = firstSeries<QHorizontalStackedBarSeries>(panel->stepChart());
        QVERIFY(step);
        const std::vector<charts::StepPart> parts = charts::stepParts(r);
        QCOMPARE(step->count(), static_cast<int>(parts.size()));
        for (int i = 0; i < step->count(); ++i)
            QCOMPARE(step->barSets()[i]->at(0), parts[static_cast<std::size_t>(i)].seconds);
        QVERIFY(panel->stepSummary()->text().contains(QStringLiteral("efficiency")));
        QTest::qWait(50); // the status bar lays out its new figures
        keepShot(window->grab().toImage(), QStringLiteral("charts-step"));

        panel->tabs()->setCurrentIndex(ChartsPanel::CostTab);
        auto *cost = firstSeries<QHorizontalStackedBarSeries>(panel->costChart());
        QVERIFY(cost);
        double capex = 0.0, largest = 0.0;
        for (const CostItem &i : r.cost.breakdown) {
            capex += i.yearly ? 0.0 : i.usd;
            largest = std::max(largest, i.usd);
        }
        const double divisor = ChartsPanel::costUnit(largest).divisor_usd;
        QVERIFY(std::abs(cost->barSets()[0]->sum() * divisor - capex) < 1e-6 * capex);
        QVERIFY(panel->costChart()->title().contains(ChartsPanel::costUnit(largest).name));
        QCOMPARE(panel->bomTable()->rowCount(), static_cast<int>(r.bom.size()));
        QVERIFY(panel->costSummary()->text().startsWith(QStringLiteral("Capex ")));
        QTest::qWait(50); // the status bar lays out its new figures
        keepShot(window->grab().toImage(), QStringLiteral("charts-cost"));

        panel->tabs()->setCurrentIndex(ChartsPanel::MatrixTab);
        const charts::DemandMatrix m = charts::demandMatrix(r);
        QCOMPARE(panel->matrixModel()->rowCount(), static_cast<int>(m.sites.size()));
        // The busiest cell: its value, its tooltip, and a click selects its spans.
        int bi = 0, bj = 0;
        for (int i = 0; i < static_cast<int>(m.sites.size()); ++i)
            for (int j = 0; j < static_cast<int>(m.sites.size()); ++j)
                if (m.cells[i][j].gbps > m.cells[bi][bj].gbps)
                    bi = i, bj = j;
        const QModelIndex busiest = panel->matrixModel()->index(bi, bj);
        QCOMPARE(busiest.data(Qt::UserRole + 1).toDouble(), m.max_gbps);
        QVERIFY(busiest.data(Qt::ToolTipRole).toString().contains(QStringLiteral("of the job's sync")));
        auto *table = panel->findChild<QTableView *>();
        QVERIFY(table);
        table->scrollTo(busiest);
        const QRect cell = table->visualRect(busiest);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        const QStringList spans = busiest.data(Qt::UserRole).toStringList();
        QVERIFY(!spans.isEmpty());
        QCOMPARE(window->canvasView()->selectedSpanIds().size(), spans.size());
        QTest::qWait(50); // the status bar lays out its new figures
        keepShot(window->grab().toImage(), QStringLiteral("charts-matrix"));
    }

    // Sensitivity: Run evaluates off the GUI thread; the tornado's bars are the core's
    // rows (efficiency points from the baseline at each end), the largest swing on top.
    void sensitivityTornado()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        auto *panel = window->findChild<ChartsPanel *>();
        window->findChild<QAction *>(QStringLiteral("viewPageChartsDock"))->trigger();
        panel->tabs()->setCurrentIndex(ChartsPanel::SensitivityTab);
        QSignalSpy done(panel, &ChartsPanel::sensitivityFinished);
        QTest::mouseClick(panel->sensitivityRunButton(), Qt::LeftButton);
        QVERIFY(done.count() == 1 || done.wait(60000));
        const SensitivityResult expected = analyseSensitivity(window->document()->scenario(), Catalog::builtin());
        auto *series = firstSeries<QHorizontalBarSeries>(panel->tornadoChart());
        QVERIFY(series);
        QBarSet *low = series->barSets()[0];
        QBarSet *high = series->barSets()[1];
        // The top bar (last index) is the row with the largest efficiency swing.
        const SensitivityRow *top = nullptr;
        for (const SensitivityRow &row : expected.rows)
            if (!top || row.efficiency_swing_pp > top->efficiency_swing_pp)
                top = &row;
        QVERIFY(top && top->efficiency_swing_pp > 0.0);
        const double base = *expected.baseline.efficiency;
        const int last = low->count() - 1;
        QCOMPARE(low->at(last), (*top->at_low.efficiency - base) * 100.0);
        QCOMPARE(high->at(last), (*top->at_high.efficiency - base) * 100.0);
        // Capex: the same rows by their capex move, in per cent of the plan's capex.
        panel->sensitivityMetric()->setCurrentIndex(1);
        series = firstSeries<QHorizontalBarSeries>(panel->tornadoChart());
        const double capex = *expected.baseline.capex_usd;
        const SensitivityRow *dearest = nullptr;
        for (const SensitivityRow &row : expected.rows)
            if (!dearest || row.capex_swing_pct > dearest->capex_swing_pct)
                dearest = &row;
        QCOMPARE(series->barSets()[1]->at(series->barSets()[1]->count() - 1),
                 (*dearest->at_high.capex_usd / capex - 1.0) * 100.0);
        QTest::qWait(50);
        keepShot(window->grab().toImage(), QStringLiteral("charts-sensitivity"));
    }

    // Tables export as CSV (header, one line per row, fields with commas quoted); charts as
    // PNG and as SVG of plain geometry.
    void exportTablesAndCharts()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("nationwide-multicampus.json")));
        auto *results = window->findChild<ResultsPanel *>();
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("spans.csv"));
        QString why;
        QVERIFY2(writeCsv(*results->spansTable()->model(), csv, &why), qPrintable(why));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), static_cast<int>(window->document()->results().spans.size()) + 1);
        QVERIFY(lines.first().startsWith(results->spansTable()->model()->headerData(0, Qt::Horizontal).toString()));
        // The figures as the table shows them; "38,400" holds a comma: quoted.
        QVERIFY2(lines.at(1).contains(QStringLiteral(",\"38,400\",")), qPrintable(lines.at(1)));

        auto *panel = window->findChild<ChartsPanel *>();
        window->findChild<QAction *>(QStringLiteral("viewPageChartsDock"))->trigger();
        panel->tabs()->setCurrentIndex(ChartsPanel::UtilisationTab);
        QTest::qWait(50);
        QWidget *chart = panel->utilisationChart()->scene()->views().value(0);
        QVERIFY(chart);
        QVERIFY(writeWidgetPicture(chart, dir.filePath(QStringLiteral("u.png")), &why));
        QCOMPARE(QImage(dir.filePath(QStringLiteral("u.png"))).size(), chart->size() * chart->devicePixelRatio());
        QVERIFY(writeWidgetPicture(chart, dir.filePath(QStringLiteral("u.svg")), &why));
        QFile svg(dir.filePath(QStringLiteral("u.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray bytes = svg.readAll();
        QVERIFY(bytes.contains("<svg"));
        QVERIFY(!bytes.contains("non-scaling-stroke"));
        QVERIFY(!writeWidgetPicture(chart, dir.filePath(QStringLiteral("u.gif")), &why));
        QVERIFY(why.contains(QStringLiteral("use .png, .svg or .pdf")));
    }

    // While the dock is hidden an edit does not rebuild the charts; shown, they are current.
    void staleWhileHidden()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        auto *panel = window->findChild<ChartsPanel *>();
        auto *dock = qobject_cast<QDockWidget *>(panel->parentWidget());
        QVERIFY(dock);
        dock->show();
        dock->raise();
        QTRY_VERIFY(panel->isOnScreen());
        QCOMPARE(panel->barSpans().size(), 1); // two campuses, one span
        dock->hide();
        QVERIFY(!panel->isOnScreen());
        QVERIFY(window->openFile(sample("nationwide-multicampus.json")));
        QCOMPARE(panel->barSpans().size(), 1); // not rebuilt while hidden
        dock->show();
        dock->raise();
        QTRY_VERIFY(!panel->barSpans().isEmpty());
        QVERIFY(panel->barSpans().size() > 1); // nationwide's spans now
    }
};

QTEST_MAIN(TstCharts)
#include "tst_charts.moc"
