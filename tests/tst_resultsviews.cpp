// Results and Diagnostics panels: real widgets on real samples (and in-memory variants of
// them), offscreen, driven with mouse clicks where a user would click.

#include "canvas/heatpalette.h"
#include "engine/evaluate.h"
#include "format.h"
#include "io/scenariojson.h"
#include "model/catalog.h"
#include "results/diagnosticspanel.h"
#include "results/resultspanel.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QIcon>
#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QLabel>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <optional>

using namespace dci;

namespace {

constexpr QSize kPanelSize(2200, 420); // wide enough that every column's heading shows
// A refresh of 500 spans (and their demands) must not be noticeable after an edit; under
// AddressSanitizer (scripts/test.sh --sanitize) the same refresh runs several times slower.
#if defined(__SANITIZE_ADDRESS__)
#define DCI_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DCI_TEST_ASAN 1
#endif
#endif
#ifdef DCI_TEST_ASAN
constexpr qint64 kMaxRefreshMs = 4 * 500;
#else
constexpr qint64 kMaxRefreshMs = 500;
#endif
// WCAG AA for normal text; black or white always reaches it on some side.
constexpr double kMinContrast = 4.5;

struct Plan {
    Scenario scenario;
    Results results;
};

Scenario readSample(const QString &name)
{
    const QString path = QStringLiteral(DCI_SOURCE_DIR "/samples/") + name;
    ScenarioLoad loaded = readScenarioFile(QFile::encodeName(path).toStdString(), Catalog::builtin());
    if (!loaded.ok())
        qFatal("cannot read %s", qPrintable(path));
    return *loaded.scenario;
}

// A sample, changed in memory by edit before it is evaluated.
Plan plan(const QString &sample, const std::function<void(Scenario &)> &edit = {})
{
    Plan p{readSample(sample), {}};
    if (edit)
        edit(p.scenario);
    p.results = evaluate(p.scenario, Catalog::builtin());
    return p;
}

Span &spanOf(Scenario &scenario, const char *id)
{
    const int i = scenario.spanIndex(id);
    if (i < 0)
        qFatal("no span %s", id);
    return scenario.spans[static_cast<std::size_t>(i)];
}

// A ring of n sites joined by n spans with explicit demands across it, so loads differ.
Plan ring(int n)
{
    Plan p;
    p.scenario.name = "ring";
    constexpr double kPi = 3.14159265358979;
    for (int i = 0; i < n; ++i) {
        const double angle = 2.0 * kPi * i / n;
        Site site;
        site.id = "s" + std::to_string(i);
        site.name = "Site " + std::to_string(i);
        site.lat = 40.0 + 5.0 * std::sin(angle);
        site.lon = -100.0 + 6.0 * std::cos(angle);
        site.gpu = "B200";
        site.gpus = 1000;
        p.scenario.sites.push_back(site);
    }
    for (int i = 0; i < n; ++i) {
        Span span;
        span.id = "r" + std::to_string(i);
        span.a = "s" + std::to_string(i);
        span.b = "s" + std::to_string((i + 1) % n);
        span.optic = "400ZR";
        span.band = "C";
        span.fiber_pairs = 1;
        span.wavelengths = 8;
        p.scenario.spans.push_back(span);
    }
    constexpr int kDemands = 20;
    for (int k = 0; k < kDemands; ++k) {
        Demand d;
        d.from = "s" + std::to_string(k * n / kDemands);
        d.to = "s" + std::to_string((k * n / kDemands + n / 8) % n);
        d.gbps = 100.0 + 37.0 * k;
        d.label = "copy " + std::to_string(k);
        p.scenario.demands.push_back(d);
    }
    p.results = evaluate(p.scenario, Catalog::builtin());
    return p;
}

std::unique_ptr<ResultsPanel> shownPanel(const Plan &p)
{
    auto panel = std::make_unique<ResultsPanel>();
    panel->resize(kPanelSize);
    panel->show(p.scenario, p.results);
    panel->show();
    if (!QTest::qWaitForWindowExposed(panel.get()))
        qWarning("panel not exposed");
    return panel;
}

// Ids of a table's rows as shown (sorted or not).
QStringList rowIds(const QTableView *view)
{
    QStringList ids;
    for (int r = 0; r < view->model()->rowCount(); ++r)
        ids << view->model()->index(r, 0).data(ResultsPanel::IdRole).toString();
    return ids;
}

int viewRowOf(const QTableView *view, const QString &id)
{
    return static_cast<int>(rowIds(view).indexOf(id));
}

QModelIndex cellOf(const QTableView *view, const QString &id, int column)
{
    return view->model()->index(viewRowOf(view, id), column);
}

QStringList selectedIds(const QTableView *view)
{
    QStringList ids;
    for (const QModelIndex &index : view->selectionModel()->selectedRows())
        ids << index.data(ResultsPanel::IdRole).toString();
    ids.sort();
    return ids;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

void clickRow(QTableView *view, const QString &id, Qt::KeyboardModifiers modifiers = {})
{
    const QModelIndex index = cellOf(view, id, 0);
    QVERIFY2(index.isValid(), qPrintable(id));
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, view->visualRect(index).center());
}

void clickHeading(QTableView *view, int column)
{
    QHeaderView *header = view->horizontalHeader();
    const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
    QVERIFY2(x > 0 && x < header->viewport()->width(), "heading not visible");
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
}

double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto linear = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

const SpanResult &spanResult(const Results &results, const QString &id)
{
    for (const SpanResult &s : results.spans)
        if (QString::fromStdString(s.id) == id)
            return s;
    qFatal("no span result %s", qPrintable(id));
}

} // namespace

class TstResultsViews : public QObject
{
    Q_OBJECT

private slots:
    void rowCounts_data();
    void rowCounts();
    void siteCells();
    void utilisationCells_data();
    void utilisationCells();
    void spanStatusAndMissingValues();
    void demandCells();
    void sortIsNumeric_data();
    void sortIsNumeric();
    void clickHeadingSortsByUtilisation();
    void selectElementsIsSilent();
    void clickingRowsEmits();
    void refreshKeepsViewState();
    void diagnosticsSummary();
    void diagnosticsClickEmits();
    void diagnosticsGroupAndDetails();
};

void TstResultsViews::rowCounts_data()
{
    QTest::addColumn<QString>("sample");
    for (const char *sample : {"midwest-region.json", "single-failure.json", "two-campus-teaching.json",
                               "loss-over-distance.json", "nationwide-multicampus.json"})
        QTest::newRow(sample) << QString::fromLatin1(sample);
}

void TstResultsViews::rowCounts()
{
    QFETCH(QString, sample);
    const Plan p = plan(sample);
    ResultsPanel panel;
    panel.show(p.scenario, p.results);

    QCOMPARE(panel.sitesTable()->model()->rowCount(), static_cast<int>(p.scenario.sites.size()));
    QCOMPARE(panel.spansTable()->model()->rowCount(), static_cast<int>(p.scenario.spans.size()));
    QVERIFY(!p.results.demands.empty()); // every sample has a job
    QCOMPARE(panel.demandsTable()->model()->rowCount(), static_cast<int>(p.results.demands.size()));
    QCOMPARE(panel.sitesTable()->model()->columnCount(), static_cast<int>(ResultsPanel::SiteColumnCount));
    QCOMPARE(panel.spansTable()->model()->columnCount(), static_cast<int>(ResultsPanel::SpanColumnCount));
    QCOMPARE(panel.demandsTable()->model()->columnCount(), static_cast<int>(ResultsPanel::DemandColumnCount));

    // Unsorted, the tables follow the file.
    QStringList siteIds;
    for (const Site &s : p.scenario.sites)
        siteIds << QString::fromStdString(s.id);
    QCOMPARE(rowIds(panel.sitesTable()), siteIds);
    QStringList spanIds;
    for (const Span &s : p.scenario.spans)
        spanIds << QString::fromStdString(s.id);
    QCOMPARE(rowIds(panel.spansTable()), spanIds);
    QCOMPARE(panel.tabs()->tabText(1), QStringLiteral("Spans (%1)").arg(spanIds.size()));

    // Units are in the headings.
    const auto heading = [](const QTableView *view, int column) {
        return view->model()->headerData(column, Qt::Horizontal).toString();
    };
    QCOMPARE(heading(panel.spansTable(), ResultsPanel::SpanLoad), QStringLiteral("Load (Gbps)"));
    QCOMPARE(heading(panel.spansTable(), ResultsPanel::SpanLength), QStringLiteral("Length (km)"));
    QCOMPARE(heading(panel.sitesTable(), ResultsPanel::SiteItPower), QStringLiteral("IT (MW)"));
    QCOMPARE(heading(panel.demandsTable(), ResultsPanel::DemandRtt), QStringLiteral("RTT (ms)"));
}

void TstResultsViews::siteCells()
{
    // Abilene over a cap it cannot meet, Dallas without a cap.
    const Plan p = plan(QStringLiteral("single-failure.json"), [](Scenario &s) {
        s.sites[0].power_cap_mw = 10.0;
        s.sites[1].power_cap_mw = std::nullopt;
    });
    QVERIFY(p.results.sites[0].over_cap);
    ResultsPanel panel;
    panel.show(p.scenario, p.results);
    const QTableView *view = panel.sitesTable();
    const auto cell = [view](const char *id, int column) { return cellOf(view, QString::fromLatin1(id), column); };

    QCOMPARE(cell("houston", ResultsPanel::SiteName).data().toString(), QStringLiteral("Houston, TX"));
    QCOMPARE(cell("houston", ResultsPanel::SiteGpu).data().toString(), QStringLiteral("H100-SXM"));
    QCOMPARE(cell("houston", ResultsPanel::SiteGpus).data().toString(), QStringLiteral("8,192"));
    QCOMPARE(cell("houston", ResultsPanel::SitePue).data().toString(), QStringLiteral("1.20"));
    QCOMPARE(cell("houston", ResultsPanel::SitePowerCap).data().toString(), QStringLiteral("20.0"));
    QCOMPARE(cell("houston", ResultsPanel::SiteFacilityPower).data().toString(),
             formatMw(p.results.sites[2].power_mw).chopped(3));
    // The tooltip has the value the cell rounds.
    QVERIFY(cell("houston", ResultsPanel::SiteFacilityPower).data(Qt::ToolTipRole).toString().contains(
        QStringLiteral("13.271 MW")));
    QCOMPARE(cell("houston", ResultsPanel::SiteGpus).data(ResultsPanel::SortRole).toDouble(), 8192.0);
    QVERIFY(cell("houston", ResultsPanel::SiteGpus).data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight);
    QVERIFY(cell("houston", ResultsPanel::SiteName).data(Qt::TextAlignmentRole).toInt() & Qt::AlignLeft);

    QCOMPARE(cell("dallas", ResultsPanel::SitePowerCap).data().toString(), QStringLiteral("none"));

    // The site over its cap is red, the others keep the view's colours.
    const QColor red = cell("abilene", ResultsPanel::SiteFacilityPower).data(Qt::ForegroundRole).value<QColor>();
    QVERIFY(red.isValid());
    QVERIFY(red.red() > 2 * red.green() && red.red() > 2 * red.blue());
    QCOMPARE(cell("abilene", ResultsPanel::SiteId).data(Qt::ForegroundRole).value<QColor>(), red);
    QVERIFY(cell("abilene", ResultsPanel::SitePowerCap).data(Qt::ToolTipRole).toString().contains(
        QStringLiteral("Over the power cap")));
    QVERIFY(!cell("houston", ResultsPanel::SiteFacilityPower).data(Qt::ForegroundRole).isValid());
}

void TstResultsViews::utilisationCells_data()
{
    QTest::addColumn<QString>("sample");
    QTest::newRow("midwest") << QStringLiteral("midwest-region.json");
    QTest::newRow("nationwide") << QStringLiteral("nationwide-multicampus.json");
}

void TstResultsViews::utilisationCells()
{
    QFETCH(QString, sample);
    const Plan p = plan(sample);
    auto panel = shownPanel(p);
    QTableView *view = panel->spansTable();
    panel->tabs()->setCurrentWidget(view);
    QTest::qWait(0);
    const QImage shot = view->viewport()->grab().toImage();

    int checked = 0;
    for (const SpanResult &s : p.results.spans) {
        if (!s.utilization)
            continue;
        const double u = *s.utilization;
        const QModelIndex index = cellOf(view, QString::fromStdString(s.id), ResultsPanel::SpanUtilization);
        const QString text = index.data().toString();
        QVERIFY2(text.endsWith(QLatin1Char('%')), qPrintable(text));
        QVERIFY2(std::abs(displayLocale().toDouble(text.chopped(1)) - u * 100.0) <= 0.05, qPrintable(text));
        const QColor background = index.data(Qt::BackgroundRole).value<QColor>();
        QCOMPARE(background, colorForUtilization(u));
        const QColor foreground = index.data(Qt::ForegroundRole).value<QColor>();
        QVERIFY(foreground == QColor(Qt::black) || foreground == QColor(Qt::white));
        QVERIFY2(contrast(foreground, background) >= kMinContrast, qPrintable(text));
        QVERIFY(index.data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight);

        // And it is what the table paints (left of the right-aligned text).
        const QRect rect = view->visualRect(index);
        if (view->viewport()->rect().contains(rect)) {
            QCOMPARE(shot.pixelColor(rect.left() + 3, rect.center().y()), background);
            ++checked;
        }
    }
    QVERIFY(checked > 0);
}

void TstResultsViews::spanStatusAndMissingValues()
{
    // Texas ring with one span cut and the others too thin: the cut span has no load,
    // the others overload.
    const Plan p = plan(QStringLiteral("single-failure.json"), [](Scenario &s) {
        spanOf(s, "abi-dal").down = true;
        for (Span &span : s.spans)
            span.wavelengths = 4;
    });
    ResultsPanel panel;
    panel.show(p.scenario, p.results);
    const QTableView *view = panel.spansTable();
    const auto cell = [view](const char *id, int column) { return cellOf(view, QString::fromLatin1(id), column); };

    QVERIFY(!spanResult(p.results, QStringLiteral("abi-dal")).utilization);
    QCOMPARE(cell("abi-dal", ResultsPanel::SpanUtilization).data().toString(), QStringLiteral("\u2013"));
    QCOMPARE(cell("abi-dal", ResultsPanel::SpanLoad).data().toString(), QStringLiteral("\u2013"));
    QVERIFY(!cell("abi-dal", ResultsPanel::SpanUtilization).data(Qt::BackgroundRole).isValid());
    QCOMPARE(cell("abi-dal", ResultsPanel::SpanStatus).data().toString(), QStringLiteral("down"));
    QVERIFY(cell("abi-dal", ResultsPanel::SpanStatus).data(Qt::ForegroundRole).value<QColor>().isValid());

    QVERIFY(*spanResult(p.results, QStringLiteral("dal-hou")).utilization > 1.0);
    QCOMPARE(cell("dal-hou", ResultsPanel::SpanStatus).data().toString(), QStringLiteral("overloaded"));
    QCOMPARE(cell("dal-hou", ResultsPanel::SpanWavelengths).data().toString(), QStringLiteral("4"));
    QCOMPARE(cell("dal-hou", ResultsPanel::SpanOptic).data().toString(), QStringLiteral("OpenZR+ 400G"));
    QCOMPARE(cell("dal-hou", ResultsPanel::SpanFrom).data().toString(), QStringLiteral("dallas"));
    QVERIFY(cell("dal-hou", ResultsPanel::SpanFrom).data(Qt::ToolTipRole).toString().contains(
        QStringLiteral("Dallas, TX")));

    // Sample lengths are estimated from the map ("≈"); a given length is not.
    QVERIFY(cell("dal-hou", ResultsPanel::SpanLength).data().toString().startsWith(QStringLiteral("\u2248 ")));
    const Plan given = plan(QStringLiteral("loss-over-distance.json"));
    panel.show(given.scenario, given.results);
    QCOMPARE(cell("a-b", ResultsPanel::SpanLength).data().toString(), QStringLiteral("1,000"));
    QCOMPARE(cell("a-b", ResultsPanel::SpanStatus).data().toString(), QString());
    QCOMPARE(cell("a-b", ResultsPanel::SpanLength).data(ResultsPanel::SortRole).toDouble(), 1000.0);
}

void TstResultsViews::demandCells()
{
    Plan p = plan(QStringLiteral("midwest-region.json"));
    // A split demand and a missing RTT, as the engine may give them.
    DemandResult &split = p.results.demands.front();
    split.paths = {{{"na-col"}, 0.6}, {{"na-lan", "col-lan"}, 0.4}};
    split.rtt_ms = std::nullopt;

    ResultsPanel panel;
    panel.show(p.scenario, p.results);
    const QAbstractItemModel *model = panel.demandsTable()->model();
    const auto text = [model](int row, int column) { return model->index(row, column).data().toString(); };

    QCOMPARE(text(0, ResultsPanel::DemandPaths),
             QStringLiteral("na-col (60.0%); na-lan \u2192 col-lan (40.0%)"));
    QCOMPARE(text(0, ResultsPanel::DemandRtt), QStringLiteral("\u2013"));
    QCOMPARE(text(0, ResultsPanel::DemandSource), QStringLiteral("job"));
    // new-albany -> council-bluffs goes through Columbus, one path.
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r)
        if (text(r, ResultsPanel::DemandFrom) == QLatin1String("new-albany") &&
            text(r, ResultsPanel::DemandTo) == QLatin1String("council-bluffs"))
            row = r;
    QVERIFY(row >= 0);
    const DemandResult &d = p.results.demands[static_cast<std::size_t>(row)];
    QCOMPARE(text(row, ResultsPanel::DemandPaths), QStringLiteral("na-col \u2192 col-cb"));
    QCOMPARE(text(row, ResultsPanel::DemandGoodput), formatPercent(*d.goodput));
    QCOMPARE(model->index(row, ResultsPanel::DemandNeeded).data(ResultsPanel::SortRole).toDouble(), d.gbps);
    QCOMPARE(text(row, ResultsPanel::DemandNeeded), displayLocale().toString(d.gbps, 'f', 0));
    QVERIFY(model->index(row, ResultsPanel::DemandRate).data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight);
    // The Limited by column says what caps the rate, in the engine's words (MODEL.md "Rates").
    QCOMPARE(text(row, ResultsPanel::DemandLimit), QString::fromStdString(d.limited_by));
    QVERIFY(!d.limited_by.empty());
    if (d.limited_by == "capacity")
        QVERIFY(model->index(row, ResultsPanel::DemandLimit).data(Qt::ToolTipRole).toString().contains(
            QString::fromStdString(d.limiting_span)));

    // With two spans down, the demands that crossed them have no path.
    const Plan cut = plan(QStringLiteral("single-failure.json"), [](Scenario &s) {
        spanOf(s, "abi-dal").down = true;
        spanOf(s, "hou-sat").down = true;
    });
    panel.show(cut.scenario, cut.results);
    int noPath = 0;
    for (std::size_t r = 0; r < cut.results.demands.size(); ++r) {
        const bool none = cut.results.demands[r].paths.empty();
        noPath += none ? 1 : 0;
        QCOMPARE(text(static_cast<int>(r), ResultsPanel::DemandPaths) == QLatin1String("no path"), none);
    }
    QVERIFY(noPath > 0);
}

void TstResultsViews::sortIsNumeric_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    const std::pair<const char *, int> columns[] = {{"length", ResultsPanel::SpanLength},
                                                    {"latency", ResultsPanel::SpanLatency},
                                                    {"capacity", ResultsPanel::SpanCapacity},
                                                    {"load", ResultsPanel::SpanLoad},
                                                    {"utilisation", ResultsPanel::SpanUtilization}};
    for (const auto &[name, column] : columns) {
        QTest::addRow("%s ascending", name) << column << static_cast<int>(Qt::AscendingOrder);
        QTest::addRow("%s descending", name) << column << static_cast<int>(Qt::DescendingOrder);
    }
}

// Midwest lengths run from 7.7 to 1,368 km: sorted as text, "≈ 1,368" would come before
// "≈ 18.1". The order is checked against the engine's numbers, not the table's.
void TstResultsViews::sortIsNumeric()
{
    QFETCH(int, column);
    QFETCH(int, order);
    const Plan p = plan(QStringLiteral("midwest-region.json"));
    ResultsPanel panel;
    panel.show(p.scenario, p.results);
    QTableView *view = panel.spansTable();
    view->sortByColumn(column, static_cast<Qt::SortOrder>(order));

    const auto value = [&](const QString &id) {
        const SpanResult &s = spanResult(p.results, id);
        switch (column) {
        case ResultsPanel::SpanLength: return s.length_km;
        case ResultsPanel::SpanLatency: return s.latency_ms;
        case ResultsPanel::SpanCapacity: return *s.capacity_gbps;
        case ResultsPanel::SpanLoad: return *s.load_gbps;
        default: return *s.utilization;
        }
    };
    const QStringList ids = rowIds(view);
    QCOMPARE(ids.size(), static_cast<qsizetype>(p.results.spans.size()));
    for (qsizetype i = 1; i < ids.size(); ++i) {
        const double before = value(ids[i - 1]);
        const double after = value(ids[i]);
        QVERIFY2(order == Qt::AscendingOrder ? before <= after : before >= after,
                 qPrintable(QStringLiteral("%1 (%2) then %3 (%4)").arg(ids[i - 1]).arg(before).arg(ids[i]).arg(after)));
    }
}

void TstResultsViews::clickHeadingSortsByUtilisation()
{
    // Utilisations where text order and number order differ: "9.0%" > "10.0%" as text.
    Plan p = plan(QStringLiteral("midwest-region.json"));
    const std::optional<double> us[] = {0.09, 0.10, 0.95, 0.5, 1.2, 0.001, std::nullopt, 0.25, 0.099};
    QCOMPARE(p.results.spans.size(), std::size(us));
    for (std::size_t i = 0; i < std::size(us); ++i)
        p.results.spans[i].utilization = us[i];
    auto panel = shownPanel(p);
    QTableView *view = panel->spansTable();
    panel->tabs()->setCurrentWidget(view);

    const auto knownInOrder = [&] {
        std::vector<double> values;
        for (const QString &id : rowIds(view))
            if (const std::optional<double> u = spanResult(p.results, id).utilization)
                values.push_back(*u);
        return values;
    };
    clickHeading(view, ResultsPanel::SpanUtilization);
    QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), static_cast<int>(ResultsPanel::SpanUtilization));
    QCOMPARE(view->horizontalHeader()->sortIndicatorOrder(), Qt::AscendingOrder);
    const std::vector<double> ascending{0.001, 0.09, 0.099, 0.10, 0.25, 0.5, 0.95, 1.2};
    QCOMPARE(knownInOrder(), ascending);

    clickHeading(view, ResultsPanel::SpanUtilization);
    QCOMPARE(view->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(knownInOrder(), std::vector<double>(ascending.rbegin(), ascending.rend()));
    QCOMPARE(view->model()->index(viewRowOf(view, QStringLiteral("na-lan")), ResultsPanel::SpanUtilization)
                 .data()
                 .toString(),
             QStringLiteral("95.0%"));
}

void TstResultsViews::selectElementsIsSilent()
{
    const Plan p = plan(QStringLiteral("midwest-region.json"));
    ResultsPanel panel;
    panel.show(p.scenario, p.results);
    QSignalSpy spy(&panel, &ResultsPanel::elementsSelected);

    panel.selectElements({QStringLiteral("omaha"), QStringLiteral("columbus")},
                         {QStringLiteral("col-cb"), QStringLiteral("na-chi"), QStringLiteral("nowhere")});
    QCOMPARE(selectedIds(panel.sitesTable()), sorted({QStringLiteral("omaha"), QStringLiteral("columbus")}));
    QCOMPARE(selectedIds(panel.spansTable()), sorted({QStringLiteral("col-cb"), QStringLiteral("na-chi")}));
    QCOMPARE(panel.sitesTable()->selectionModel()->selectedRows().size(), 2);

    // Sorted, the same ids pick other row numbers.
    panel.spansTable()->sortByColumn(ResultsPanel::SpanUtilization, Qt::DescendingOrder);
    panel.selectElements({}, {QStringLiteral("chi-pap"), QStringLiteral("na-col")});
    QCOMPARE(selectedIds(panel.spansTable()), sorted({QStringLiteral("chi-pap"), QStringLiteral("na-col")}));
    QVERIFY(selectedIds(panel.sitesTable()).isEmpty());

    panel.selectElements({}, {});
    QVERIFY(selectedIds(panel.spansTable()).isEmpty());
    QCOMPARE(spy.count(), 0);
}

void TstResultsViews::clickingRowsEmits()
{
    const Plan p = plan(QStringLiteral("midwest-region.json"));
    auto panel = shownPanel(p);
    QSignalSpy spy(panel.get(), &ResultsPanel::elementsSelected);
    const auto last = [&spy] {
        const QList<QVariant> args = spy.last();
        return std::pair(args.at(0).toStringList(), args.at(1).toStringList());
    };
    using Ids = std::pair<QStringList, QStringList>;

    QTableView *spans = panel->spansTable();
    panel->tabs()->setCurrentWidget(spans);
    spans->sortByColumn(ResultsPanel::SpanLength, Qt::DescendingOrder);
    clickRow(spans, QStringLiteral("col-cb"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(last(), Ids({}, {QStringLiteral("col-cb")}));
    clickRow(spans, QStringLiteral("na-chi"), Qt::ControlModifier);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(last(), Ids({}, {QStringLiteral("col-cb"), QStringLiteral("na-chi")})); // file order
    // The application's echo leaves the row the user clicked current (the Shift-click anchor).
    panel->selectElements({}, {QStringLiteral("col-cb"), QStringLiteral("na-chi")});
    QCOMPARE(spans->currentIndex().data(ResultsPanel::IdRole).toString(), QStringLiteral("na-chi"));
    QCOMPARE(spy.count(), 2);

    // A site row replaces the selection.
    QTableView *sites = panel->sitesTable();
    panel->tabs()->setCurrentWidget(sites);
    clickRow(sites, QStringLiteral("omaha"));
    QCOMPARE(last(), Ids({QStringLiteral("omaha")}, {}));
    QVERIFY(selectedIds(spans).isEmpty());

    // A demand stands for the spans of its path.
    QTableView *demands = panel->demandsTable();
    panel->tabs()->setCurrentWidget(demands);
    QString demandId;
    for (int r = 0; r < demands->model()->rowCount(); ++r)
        if (demands->model()->index(r, ResultsPanel::DemandFrom).data().toString() == QLatin1String("new-albany") &&
            demands->model()->index(r, ResultsPanel::DemandTo).data().toString() == QLatin1String("council-bluffs"))
            demandId = demands->model()->index(r, 0).data(ResultsPanel::IdRole).toString();
    QVERIFY(!demandId.isEmpty());
    const int before = static_cast<int>(spy.count());
    clickRow(demands, demandId);
    QCOMPARE(spy.count(), before + 1);
    QCOMPARE(last(), Ids({}, {QStringLiteral("na-col"), QStringLiteral("col-cb")}));
    QCOMPARE(selectedIds(spans), sorted({QStringLiteral("na-col"), QStringLiteral("col-cb")}));
    QVERIFY(selectedIds(sites).isEmpty());

    // The application's echo keeps the demand selected; another selection replaces it.
    panel->selectElements({}, {QStringLiteral("col-cb"), QStringLiteral("na-col")});
    QCOMPARE(selectedIds(demands), QStringList{demandId});
    panel->selectElements({QStringLiteral("omaha")}, {});
    QVERIFY(selectedIds(demands).isEmpty());
    QCOMPARE(spy.count(), before + 1);
}

void TstResultsViews::refreshKeepsViewState()
{
    constexpr int kSpans = 500;
    const Plan p = ring(kSpans);
    QVERIFY(!p.results.hasErrors());
    QCOMPARE(p.results.spans.size(), static_cast<std::size_t>(kSpans));
    auto panel = shownPanel(p);
    QTableView *view = panel->spansTable();
    panel->tabs()->setCurrentWidget(view);
    view->sortByColumn(ResultsPanel::SpanLoad, Qt::DescendingOrder);
    const QStringList chosen{QStringLiteral("r7"), QStringLiteral("r250"), QStringLiteral("r499")};
    panel->selectElements({}, chosen);
    QTest::qWait(0);
    constexpr int kScroll = 200;
    view->verticalScrollBar()->setValue(kScroll);
    QCOMPARE(view->verticalScrollBar()->value(), kScroll);
    QSignalSpy spy(panel.get(), &ResultsPanel::elementsSelected);

    // The same plan with heavier demands: loads change, so does the order.
    Plan heavier = p;
    for (Demand &d : heavier.scenario.demands)
        d.gbps *= (d.label == "copy 3") ? 4.0 : 1.5;
    heavier.results = evaluate(heavier.scenario, Catalog::builtin());
    QElapsedTimer timer;
    timer.start();
    panel->show(heavier.scenario, heavier.results);
    const qint64 elapsedMs = timer.elapsed();
    QVERIFY2(elapsedMs < kMaxRefreshMs, qPrintable(QStringLiteral("refresh took %1 ms").arg(elapsedMs)));
    QTest::qWait(0);

    QCOMPARE(spy.count(), 0);
    QCOMPARE(selectedIds(view), sorted(chosen));
    QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), static_cast<int>(ResultsPanel::SpanLoad));
    QCOMPARE(view->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(view->verticalScrollBar()->value(), kScroll);
    double previous = std::numeric_limits<double>::infinity();
    for (const QString &id : rowIds(view)) {
        const double load = *spanResult(heavier.results, id).load_gbps;
        QVERIFY2(load <= previous, qPrintable(id));
        previous = load;
    }

    // A span deleted: the rest of the selection stays.
    Plan fewer = heavier;
    fewer.scenario.spans.erase(fewer.scenario.spans.begin() + fewer.scenario.spanIndex("r250"));
    fewer.scenario.demands.clear();
    fewer.results = evaluate(fewer.scenario, Catalog::builtin());
    panel->show(fewer.scenario, fewer.results);
    QCOMPARE(view->model()->rowCount(), kSpans - 1);
    QCOMPARE(selectedIds(view), sorted({QStringLiteral("r7"), QStringLiteral("r499")}));
    QCOMPARE(spy.count(), 0);
}

void TstResultsViews::diagnosticsSummary()
{
    DiagnosticsPanel panel;
    QCOMPARE(panel.summaryText(), QStringLiteral("No problems found"));
    QCOMPARE(panel.list()->topLevelItemCount(), 0);

    const Plan warned = plan(QStringLiteral("loss-over-distance.json"));
    QVERIFY(!warned.results.hasErrors());
    QCOMPARE(warned.results.diagnostics.size(), std::size_t{3});
    panel.show(warned.results);
    QCOMPARE(panel.summaryText(), QStringLiteral("0 errors, 3 warnings"));
    QCOMPARE(panel.list()->topLevelItemCount(), 3);
    QCOMPARE(panel.list()->topLevelItem(0)->text(DiagnosticsPanel::ElementColumn), QStringLiteral("a-b"));
    QVERIFY(!panel.list()->topLevelItem(0)->icon(DiagnosticsPanel::SeverityColumn).isNull());
    QVERIFY(panel.list()->topLevelItem(1)->toolTip(DiagnosticsPanel::MessageColumn).contains(
        QStringLiteral("low-goodput")));

    // Thin spans overload (errors, reported after the warnings of earlier stages).
    const Plan overloaded = plan(QStringLiteral("single-failure.json"), [](Scenario &s) {
        for (Span &span : s.spans)
            span.wavelengths = 3;
    });
    int errors = 0;
    int warnings = 0;
    for (const Diagnostic &d : overloaded.results.diagnostics) {
        errors += d.severity == Severity::Error ? 1 : 0;
        warnings += d.severity == Severity::Warning ? 1 : 0;
    }
    QVERIFY(errors > 1 && warnings > 1);
    QVERIFY(overloaded.results.diagnostics.front().severity != Severity::Error); // engine order differs
    panel.show(overloaded.results);
    QCOMPARE(panel.summaryText(), QStringLiteral("%1 errors, %2 warnings").arg(errors).arg(warnings));
    QCOMPARE(panel.list()->topLevelItemCount(), errors + warnings);
    for (int i = 0; i < panel.list()->topLevelItemCount(); ++i)
        QCOMPARE(panel.list()->topLevelItem(i)->text(DiagnosticsPanel::SeverityColumn),
                 QString::fromLatin1(severityName(i < errors ? Severity::Error : Severity::Warning)));
    const QIcon errorIcon = panel.style()->standardIcon(QStyle::SP_MessageBoxCritical);
    QCOMPARE(panel.list()->topLevelItem(0)->icon(DiagnosticsPanel::SeverityColumn).pixmap(16).toImage(),
             errorIcon.pixmap(16).toImage());

    Results notes;
    notes.diagnostics.push_back({Severity::Info, "job-single-dc", "job", "The job runs in one site."});
    notes.diagnostics.push_back({Severity::Error, "internal", "", "internal error: boom"});
    panel.show(notes);
    QCOMPARE(panel.summaryText(), QStringLiteral("1 error, 0 warnings, 1 note"));
    QCOMPARE(panel.list()->topLevelItem(0)->text(DiagnosticsPanel::MessageColumn),
             QStringLiteral("internal error: boom"));
    notes.diagnostics.pop_back();
    panel.show(notes);
    QCOMPARE(panel.summaryText(), QStringLiteral("No problems found, 1 note"));
}

void TstResultsViews::diagnosticsGroupAndDetails()
{
    // Issue 13 #16: 96 PFC warnings on a backbone were 96 rows cut at "Span ...". Five or
    // more of a kind share one expandable row; the pane below shows a row's whole text.
    Results r;
    r.diagnostics.push_back({Severity::Error, "span-overloaded", "hot", "Span \"hot\" must carry 2 Tb/s but has 1."});
    for (int i = 0; i < 6; ++i)
        r.diagnostics.push_back({Severity::Warning, "pfc-headroom", "s" + std::to_string(i),
                                 "Span \"s" + std::to_string(i) + "\" cannot be lossless: PFC needs 490.0 MB per port "
                                 "(rate x RTT + 2 MTU) but the switch has 64 MB."});
    r.diagnostics.push_back({Severity::Warning, "low-goodput", "a", "Flows from a keep only 38% of their rate."});
    DiagnosticsPanel panel;
    panel.resize(500, 300);
    panel.show(r);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTreeWidget *list = panel.list();
    QCOMPARE(list->topLevelItemCount(), 3); // the error, the group, the lone warning
    QTreeWidgetItem *group = list->topLevelItem(1);
    QCOMPARE(group->childCount(), 6);
    QVERIFY(group->text(DiagnosticsPanel::MessageColumn).startsWith(QStringLiteral("6 x pfc-headroom")));
    QCOMPARE(panel.summaryText(), QStringLiteral("1 error, 7 warnings"));
    // Expand it and pick the third: the pane has its whole message and code.
    list->expandItem(group);
    QTreeWidgetItem *third = group->child(2);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(third).center());
    QVERIFY2(panel.detailsText().contains(QStringLiteral("Span \"s2\" cannot be lossless: PFC needs 490.0 MB per port "
                                                         "(rate x RTT + 2 MTU) but the switch has 64 MB.")),
             qPrintable(panel.detailsText()));
    QVERIFY(panel.detailsText().contains(QStringLiteral("pfc-headroom")));
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("diagnosticDetails"))->isVisible());
}

void TstResultsViews::diagnosticsClickEmits()
{
    Plan p = plan(QStringLiteral("single-failure.json"), [](Scenario &s) { spanOf(s, "dal-hou").wavelengths = 3; });
    QVERIFY(p.results.hasErrors());
    p.results.diagnostics.push_back({Severity::Warning, "whole", "", "About the scenario as a whole."});
    DiagnosticsPanel panel;
    panel.resize(900, 400);
    panel.show(p.results);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy spy(&panel, &DiagnosticsPanel::elementActivated);
    QTreeWidget *list = panel.list();

    const auto click = [list](int row) {
        QTreeWidgetItem *item = list->topLevelItem(row);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(item).center());
    };
    click(0); // the overload error, listed first
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).toString(), QStringLiteral("dal-hou"));

    const int whole = list->topLevelItemCount() - 1; // the last warning
    QCOMPARE(list->topLevelItem(whole)->text(DiagnosticsPanel::MessageColumn),
             QStringLiteral("About the scenario as a whole."));
    click(whole);
    QCOMPARE(spy.count(), 1);

    // Keyboard: Enter on the current row.
    list->setCurrentItem(list->topLevelItem(1));
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.last().at(0).toString(), list->topLevelItem(1)->data(DiagnosticsPanel::ElementColumn,
                                                                       DiagnosticsPanel::ElementIdRole).toString());
}

QTEST_MAIN(TstResultsViews)
#include "tst_resultsviews.moc"
