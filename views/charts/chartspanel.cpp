#include "chartspanel.h"

#include "canvas/heatpalette.h"
#include "exportutil.h"
#include "format.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QThread>
#include <QLineSeries>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dci {

namespace {

constexpr double kPercent = 100.0;
constexpr double kAxisHeadroom = 1.1; // the value axis runs 10% past the largest bar
constexpr int kMatrixCellPx = 84;
constexpr int kChartChromePx = 70; // title and value axis of a docked chart
constexpr int kBarRowPx = 24;      // a category row that keeps its label readable
constexpr double kCategoryFontScale = 0.9;
// Text on a matrix cell turns white where the palette is dark enough.
constexpr double kDarkCellFrom = 0.55;

// The step's parts in the order they stack, with what they are called and coloured.
struct PartStyle {
    const char *key;
    const char *name;
    QColor color;
};
const PartStyle kParts[] = {
    {"compute", QT_TRANSLATE_NOOP("dci::ChartsPanel", "compute"), QColor(0x4c, 0x78, 0xa8)},
    {"exposed_transfer", QT_TRANSLATE_NOOP("dci::ChartsPanel", "exposed transfer"), QColor(0xe4, 0x57, 0x56)},
    {"exposed_latency", QT_TRANSLATE_NOOP("dci::ChartsPanel", "exposed latency"), QColor(0xf5, 0x85, 0x18)},
    {"bubble", QT_TRANSLATE_NOOP("dci::ChartsPanel", "pipeline bubble"), QColor(0xba, 0xb0, 0xac)},
};

QChartView *chartView(QWidget *parent)
{
    // Right click: the chart as a picture (PNG, or SVG and PDF as plain geometry).
    const auto addExport = [parent](QChartView *view) {
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        QObject::connect(view, &QWidget::customContextMenuRequested, parent, [view, parent](const QPoint &pos) {
            QMenu menu(parent);
            addExportPictureAction(&menu, view, view->chart()->title().isEmpty() ? QStringLiteral("chart")
                                                                                  : view->chart()->title(),
                                   parent);
            menu.exec(view->mapToGlobal(pos));
        });
    };
    // Docked under the canvas a chart has little height: legend at the side, no frame
    // margins, a modest title.
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setMargins(QMargins(0, 0, 0, 0));
    chart->setBackgroundRoundness(0);
    QFont title = chart->titleFont();
    title.setBold(true);
    chart->setTitleFont(title);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    addExport(view);
    return view;
}

// Category labels small enough for a docked chart's rows.
QFont categoryFont()
{
    QFont font;
    font.setPointSizeF(font.pointSizeF() * kCategoryFontScale);
    return font;
}

// A value axis from 0 with ticks on round steps (1, 2 or 5 x a power of ten).
QValueAxis *valueAxis(double top, const QString &format)
{
    auto *axis = new QValueAxis;
    axis->setRange(0.0, top);
    axis->applyNiceNumbers();
    axis->setLabelFormat(format);
    return axis;
}

void clearChart(QChart *chart)
{
    chart->removeAllSeries();
    // removeAxis hands the axis back to us (LeakSanitizer, tst_charts, tst_presentation).
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

QString limitText(const std::string &limit)
{
    if (limit == "window")
        return ChartsPanel::tr("limited by the flow window");
    if (limit == "capacity")
        return ChartsPanel::tr("limited by span capacity");
    if (limit == "loss")
        return ChartsPanel::tr("limited by loss (goodput)");
    return {};
}

} // namespace

ChartsPanel::ChartsPanel(QWidget *parent)
    : QWidget(parent)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);

    m_matrixModel = new QStandardItemModel(this);
    m_matrix = new QTableView(this);
    m_matrix->setModel(m_matrixModel);
    m_matrix->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_matrix->setSelectionMode(QAbstractItemView::SingleSelection);
    m_matrix->horizontalHeader()->setDefaultSectionSize(kMatrixCellPx);
    m_matrix->setToolTip(tr("Rows send, columns receive; hover a cell for its figures, click it to see its spans"));
    connect(m_matrix, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const QStringList spans = m_matrixModel->data(index, Qt::UserRole).toStringList();
        if (!spans.isEmpty())
            emit elementsSelected({}, spans);
    });
    m_tabs->addTab(m_matrix, tr("Demand matrix"));

    m_utilisation = chartView(this);
    m_utilisation->installEventFilter(this);
    m_tabs->addTab(m_utilisation, tr("Span utilisation"));

    auto *step = new QWidget(this);
    auto *stepLayout = new QVBoxLayout(step);
    stepLayout->setContentsMargins(0, 0, 0, 0);
    m_step = chartView(step);
    m_stepSummary = new QLabel(step);
    m_stepSummary->setWordWrap(true);
    m_stepSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stepSummary->setContentsMargins(8, 4, 8, 4);
    stepLayout->addWidget(m_stepSummary);
    stepLayout->addWidget(m_step, 1);
    m_tabs->addTab(step, tr("Step time"));

    auto *cost = new QWidget(this);
    auto *costLayout = new QVBoxLayout(cost);
    costLayout->setContentsMargins(0, 0, 0, 0);
    m_costSummary = new QLabel(cost);
    m_costSummary->setWordWrap(true);
    m_costSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_costSummary->setContentsMargins(8, 4, 8, 4);
    m_cost = chartView(cost);
    m_bom = new QTableWidget(0, 3, cost);
    m_bom->setHorizontalHeaderLabels({tr("Bill of materials"), tr("Quantity"), tr("Unit")});
    m_bom->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_bom->verticalHeader()->hide();
    m_bom->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_bom->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_bom, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        addExportCsvAction(&menu, m_bom->model(), QStringLiteral("bill-of-materials"), this);
        menu.exec(m_bom->viewport()->mapToGlobal(pos));
    });
    auto *costRow = new QHBoxLayout;
    costRow->addWidget(m_cost, 3);
    costRow->addWidget(m_bom, 2);
    costLayout->addWidget(m_costSummary);
    costLayout->addLayout(costRow, 1);
    m_tabs->addTab(cost, tr("Cost"));
    buildSensitivityTab();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

ChartsPanel::~ChartsPanel()
{
    if (m_sensitivityThread) {
        m_sensitivityCancel->store(true);
        m_sensitivityThread->wait();
    }
}

void ChartsPanel::buildSensitivityTab()
{
    auto *page = new QWidget(this);
    m_sensitivityRun = new QPushButton(tr("Run"), page);
    m_sensitivityRun->setToolTip(tr("Move every unverified or placeholder catalog figure to both ends of its "
                                    "plausible range, one at a time, and evaluate the plan"));
    m_sensitivityMetric = new QComboBox(page);
    m_sensitivityMetric->addItems({tr("Scaling efficiency (points)"), tr("Capex (% of the plan's)")});
    m_sensitivityNote = new QLabel(tr("Which assumption to verify first: Run moves each unsourced figure over its "
                                      "plausible range and shows how far the plan moves."),
                                   page);
    m_sensitivityNote->setWordWrap(true);
    m_tornado = chartView(page);
    auto *top = new QHBoxLayout;
    top->addWidget(m_sensitivityRun);
    top->addWidget(m_sensitivityMetric);
    top->addWidget(m_sensitivityNote, 1);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(top);
    layout->addWidget(m_tornado, 1);
    m_tabs->addTab(page, tr("Sensitivity"));
    connect(m_sensitivityRun, &QPushButton::clicked, this, &ChartsPanel::runSensitivity);
    connect(m_sensitivityMetric, &QComboBox::currentIndexChanged, this, &ChartsPanel::drawTornado);
}

QChart *ChartsPanel::tornadoChart() const
{
    return m_tornado->chart();
}

void ChartsPanel::runSensitivity()
{
    if (m_sensitivityThread)
        return;
    m_sensitivityCancel = std::make_unique<std::atomic<bool>>(false);
    auto result = std::make_shared<SensitivityResult>();
    if (!m_scenario)
        return;
    const Scenario plan = *m_scenario;
    Progress progress;
    progress.cancel = m_sensitivityCancel.get();
    m_sensitivityThread = QThread::create([result, plan, progress] {
        *result = analyseSensitivity(plan, Catalog::builtin(), progress);
    });
    m_sensitivityRun->setEnabled(false);
    m_sensitivityNote->setText(tr("Evaluating the plan at both ends of every ranged figure…"));
    connect(m_sensitivityThread, &QThread::finished, this, [this, result] {
        m_sensitivityThread->deleteLater();
        m_sensitivityThread = nullptr;
        m_sensitivity = *result;
        m_hasSensitivity = true;
        m_sensitivityRun->setEnabled(true);
        m_sensitivityRun->setText(tr("Run again"));
        drawTornado();
        emit sensitivityFinished();
    });
    m_sensitivityThread->start();
}

void ChartsPanel::drawTornado()
{
    QChart *chart = m_tornado->chart();
    clearChart(chart);
    if (!m_hasSensitivity)
        return;
    const bool efficiency = m_sensitivityMetric->currentIndex() == 0;
    const SensitivityFigures &base = m_sensitivity.baseline;
    // Each end's move from the plan as it is: efficiency in points, capex in per cent.
    const auto delta = [&](const SensitivityFigures &at) {
        if (efficiency)
            return at.efficiency && base.efficiency ? (*at.efficiency - *base.efficiency) * kPercent : 0.0;
        return at.capex_usd && base.capex_usd && *base.capex_usd > 0.0
                   ? (*at.capex_usd / *base.capex_usd - 1.0) * kPercent
                   : 0.0;
    };
    std::vector<const SensitivityRow *> rows;
    for (const SensitivityRow &row : m_sensitivity.rows)
        if ((efficiency ? row.efficiency_swing_pp : row.capex_swing_pct) > 0.0)
            rows.push_back(&row);
    std::stable_sort(rows.begin(), rows.end(), [efficiency](const SensitivityRow *a, const SensitivityRow *b) {
        return efficiency ? a->efficiency_swing_pp > b->efficiency_swing_pp : a->capex_swing_pct > b->capex_swing_pct;
    });
    if (rows.size() > static_cast<std::size_t>(kTornadoRows))
        rows.resize(kTornadoRows);
    m_sensitivityNote->setText(rows.empty() ? tr("No ranged figure moves this plan's %1.")
                                                  .arg(efficiency ? tr("efficiency") : tr("capex"))
                                            : tr("The %1 figures that move the plan's %2 most over their plausible "
                                                 "range (catalog: unverified or placeholder). Verify the top ones first.")
                                                  .arg(rows.size())
                                                  .arg(efficiency ? tr("efficiency") : tr("capex")));
    if (rows.empty())
        return;
    auto *low = new QBarSet(tr("at the low end"));
    auto *high = new QBarSet(tr("at the high end"));
    low->setColor(QColor(0x4c, 0x78, 0xa8));
    high->setColor(QColor(0xe4, 0x57, 0x56));
    QStringList categories;
    double extent = 0.0;
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) { // bottom to top: the largest on top
        const SensitivityRow &row = **it;
        QString name = QString::fromStdString(row.key);
        if (row.section == "optics") { // "optics/400ZR/price_usd" or the optic's name
            const QStringList parts = name.split(QLatin1Char('/'));
            name = tr("%1 price").arg(parts.size() == 3 ? parts[1] : name);
        }
        const auto number = [](double v) {
            return std::abs(v) >= 1000.0 ? formatCount(std::llround(v)) : displayLocale().toString(v, 'g', 3);
        };
        categories << QStringLiteral("%1 (%2 – %3)").arg(name, number(row.low), number(row.high));
        const double l = delta(row.at_low);
        const double h = delta(row.at_high);
        *low << l;
        *high << h;
        extent = std::max({extent, std::abs(l), std::abs(h)});
    }
    chart->setTitle(efficiency ? tr("Scaling efficiency, points from the plan's %1")
                                     .arg(base.efficiency ? formatPercent(*base.efficiency) : QStringLiteral("–"))
                               : tr("Capex, per cent from the plan's %1")
                                     .arg(base.capex_usd ? formatUsd(*base.capex_usd) : QStringLiteral("–")));
    auto *series = new QHorizontalBarSeries;
    series->append(low);
    series->append(high);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(categories);
    y->setLabelsFont(categoryFont());
    auto *x = new QValueAxis;
    x->setRange(-extent * kAxisHeadroom, extent * kAxisHeadroom);
    x->applyNiceNumbers();
    x->setLabelFormat(efficiency ? QStringLiteral("%+.0f pt") : QStringLiteral("%+.0f%%"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

QChart *ChartsPanel::utilisationChart() const
{
    return m_utilisation->chart();
}

QChart *ChartsPanel::stepChart() const
{
    return m_step->chart();
}

QChart *ChartsPanel::costChart() const
{
    return m_cost->chart();
}

void ChartsPanel::show(const Scenario &scenario, const Results &results, double targetUtilization)
{
    m_scenario = &scenario;
    if (m_hasSensitivity && !m_sensitivityThread)
        m_sensitivityNote->setText(tr("The plan has changed since the last run: Run again for current figures."));
    m_siteNames.clear();
    for (const Site &site : scenario.sites)
        m_siteNames[site.id] = site.name.empty() ? site.id : site.name;
    m_shown = &results;
    m_target = targetUtilization;
    if (!m_onScreen) {
        m_stale = true; // rebuilt when it comes on screen
        return;
    }
    rebuild();
}

void ChartsPanel::setOnScreen(bool onScreen)
{
    m_onScreen = onScreen;
    if (m_onScreen && m_stale)
        rebuild();
}

void ChartsPanel::rebuild()
{
    m_stale = false;
    buildMatrix();
    buildUtilisation();
    buildStep();
    buildCost();
}

ChartsPanel::CostUnit ChartsPanel::costUnit(double largestUsd)
{
    constexpr double kMillion = 1e6;
    constexpr double kThousand = 1e3;
    if (largestUsd >= kMillion)
        return {kMillion, tr("US$ million")};
    if (largestUsd >= kThousand)
        return {kThousand, tr("US$ thousand")};
    return {1.0, tr("US$")};
}

QString ChartsPanel::siteName(const std::string &id) const
{
    const auto it = m_siteNames.find(id);
    return QString::fromStdString(it == m_siteNames.end() ? id : it->second);
}

void ChartsPanel::buildMatrix()
{
    const charts::DemandMatrix matrix = charts::demandMatrix(*m_shown);
    const int n = static_cast<int>(matrix.sites.size());
    m_matrixModel->clear();
    m_matrixModel->setRowCount(n);
    m_matrixModel->setColumnCount(n);
    QStringList names;
    for (const std::string &id : matrix.sites)
        names << siteName(id);
    m_matrixModel->setHorizontalHeaderLabels(names);
    m_matrixModel->setVerticalHeaderLabels(names);
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) {
            const charts::MatrixCell &cell = matrix.cells[i][j];
            auto *item = new QStandardItem;
            item->setTextAlignment(Qt::AlignCenter);
            if (cell.demands == 0) {
                item->setText(i == j ? QString() : QStringLiteral("–"));
                m_matrixModel->setItem(i, j, item);
                continue;
            }
            const double relative = matrix.max_gbps > 0.0 ? cell.gbps / matrix.max_gbps : 0.0;
            item->setText(formatRate(cell.gbps));
            item->setData(cell.gbps, Qt::UserRole + 1);
            item->setBackground(colorForUtilization(relative));
            item->setForeground(relative >= kDarkCellFrom ? QColor(Qt::white) : QColor(0x1c, 0x23, 0x2e));
            QStringList tip{tr("%1 → %2: needs %3").arg(names[i], names[j], formatRate(cell.gbps))};
            if (cell.rate_gbps)
                tip << tr("gets %1 from the network").arg(formatRate(*cell.rate_gbps));
            if (cell.bytes_per_event)
                tip << tr("%1 GB per sync event, %2 of the job's sync")
                           .arg(*cell.bytes_per_event / 1e9, 0, 'f', 2)
                           .arg(formatPercent(cell.share_of_sync));
            if (const QString limit = limitText(cell.limited_by); !limit.isEmpty())
                tip << limit;
            if (cell.demands > 1)
                tip << tr("%1 demands").arg(cell.demands);
            item->setToolTip(tip.join(QLatin1Char('\n')));
            QStringList spans;
            for (const DemandResult &d : m_shown->demands)
                if (d.from == matrix.sites[i] && d.to == matrix.sites[j])
                    for (const DemandResult::Path &path : d.paths)
                        for (const std::string &span : path.spans)
                            if (!spans.contains(QString::fromStdString(span)))
                                spans << QString::fromStdString(span);
            item->setData(spans, Qt::UserRole);
            m_matrixModel->setItem(i, j, item);
        }
    }
    m_matrix->resizeColumnsToContents();
    for (int j = 0; j < n; ++j)
        m_matrix->setColumnWidth(j, std::max(m_matrix->columnWidth(j), kMatrixCellPx));
}

void ChartsPanel::buildUtilisation()
{
    QChart *chart = m_utilisation->chart();
    clearChart(chart);
    const std::vector<charts::SpanBar> bars = charts::spanBars(*m_shown);
    const int shown = std::min<int>(static_cast<int>(bars.size()), barsThatFit());
    m_barSpans.clear();
    auto *average = new QBarSet(tr("average"));
    auto *hot = new QBarSet(tr("hottest lane"));
    average->setColor(QColor(0x9e, 0xc5, 0xd9));
    hot->setColor(QColor(0x2f, 0x5d, 0x7c));
    // Horizontal bars, the hottest span on top: a category axis runs bottom to top, so
    // the bars are appended coolest first.
    QStringList categories;
    double top = 1.0;
    for (int i = shown - 1; i >= 0; --i) {
        const charts::SpanBar &bar = bars[static_cast<std::size_t>(i)];
        categories << QStringLiteral("%1 – %2").arg(siteName(bar.a), siteName(bar.b));
        *average << bar.average * kPercent;
        *hot << bar.hot_lane.value_or(bar.average) * kPercent;
        top = std::max(top, bar.hotter());
    }
    for (int i = 0; i < shown; ++i)
        m_barSpans << QString::fromStdString(bars[static_cast<std::size_t>(i)].id);
    chart->setTitle(bars.size() > static_cast<std::size_t>(shown)
                        ? tr("Span utilisation: the %1 hottest of %2 spans").arg(shown).arg(bars.size())
                        : tr("Span utilisation"));
    if (shown == 0) {
        delete average;
        delete hot;
        return;
    }
    auto *series = new QHorizontalBarSeries;
    series->append(average);
    series->append(hot);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(categories);
    y->setLabelsFont(categoryFont());
    QValueAxis *x = valueAxis(top * kAxisHeadroom * kPercent, QStringLiteral("%.0f%%"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    // 100% and the target utilisation as lines across the bars.
    const auto level = [&](double value, const QString &name, Qt::PenStyle style) {
        auto *line = new QLineSeries;
        line->setName(name);
        line->append(value * kPercent, -0.5);
        line->append(value * kPercent, shown - 0.5);
        QPen pen(style == Qt::SolidLine ? overloadColor() : QColor(0x52, 0x5d, 0x6b), 1.5, style);
        line->setPen(pen);
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    };
    level(1.0, tr("100%"), Qt::SolidLine);
    if (m_target > 0.0 && m_target < 1.0)
        level(m_target, tr("target %1").arg(formatPercent(m_target)), Qt::DashLine);
    // Bar index i (bottom to top) is the span shown i-th from the bottom.
    const auto clicked = [this, shown](int index) {
        const int rank = shown - 1 - index;
        if (rank >= 0 && rank < m_barSpans.size())
            emit elementsSelected({}, {m_barSpans[rank]});
    };
    connect(average, &QBarSet::clicked, this, clicked);
    connect(hot, &QBarSet::clicked, this, clicked);
}

int ChartsPanel::barsThatFit() const
{
    // What the chart's height leaves for category rows after its title and axis, each
    // row tall enough for its label; never fewer than a few, never more than kMaxBars.
    const int rows = (m_utilisation->height() - kChartChromePx) / kBarRowPx;
    return std::clamp(rows, kMinBars, kMaxBars);
}

bool ChartsPanel::eventFilter(QObject *watched, QEvent *event)
{
    // The utilisation chart resized: more or fewer bars fit.
    if (watched == m_utilisation && event->type() == QEvent::Resize && m_onScreen && !m_stale) {
        const int spans = static_cast<int>(charts::spanBars(*m_shown).size());
        if (std::min(barsThatFit(), spans) != m_barSpans.size())
            buildUtilisation();
    }
    return QWidget::eventFilter(watched, event);
}

void ChartsPanel::buildStep()
{
    QChart *chart = m_step->chart();
    clearChart(chart);
    const std::vector<charts::StepPart> parts = charts::stepParts(*m_shown);
    const JobResult &job = m_shown->job;
    if (parts.empty()) {
        chart->setTitle(QString());
        m_stepSummary->setText(job.present ? tr("The job cannot be timed: see the Diagnostics.")
                                           : tr("No job: add one in the Properties dock to see its step time."));
        return;
    }
    chart->setTitle(tr("One training step: %1").arg(formatSeconds(*job.step_s)));
    auto *series = new QHorizontalStackedBarSeries;
    QStringList pieces;
    for (const charts::StepPart &part : parts) {
        const auto style = std::find_if(std::begin(kParts), std::end(kParts),
                                        [&](const PartStyle &s) { return part.key == s.key; });
        const QString name = tr(style->name);
        auto *set = new QBarSet(name);
        set->setColor(style->color);
        *set << part.seconds;
        series->append(set);
        if (part.seconds > 0.0)
            pieces << QStringLiteral("%1 %2").arg(name, formatSeconds(part.seconds));
    }
    chart->addSeries(series);
    QValueAxis *x = valueAxis(*job.step_s * kAxisHeadroom, QStringLiteral("%.2f s"));
    auto *y = new QBarCategoryAxis;
    y->append(tr("step"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    QString summary = tr("Step %1 = %2; efficiency %3.")
                          .arg(formatSeconds(*job.step_s), pieces.join(QStringLiteral(" + ")),
                               job.efficiency ? formatPercent(*job.efficiency) : QStringLiteral("–"));
    if (const QString limit = limitText(job.limited_by); !limit.isEmpty())
        summary += QLatin1Char(' ') + tr("The slowest transfer is %1.").arg(limit);
    m_stepSummary->setText(summary);
}

void ChartsPanel::buildCost()
{
    QChart *chart = m_cost->chart();
    clearChart(chart);
    const CostResult &cost = m_shown->cost;
    const std::vector<CostItem> capex = charts::capexItems(*m_shown);
    const std::vector<CostItem> opex = charts::opexItems(*m_shown);
    QStringList summary;
    summary << (cost.capex_usd ? tr("Capex %1").arg(formatUsd(*cost.capex_usd)) : tr("Capex –"));
    if (cost.opex_usd_per_year)
        summary << tr("opex %1 per year").arg(formatUsd(*cost.opex_usd_per_year));
    if (cost.usd_per_gbps)
        summary << tr("%1 per Gb/s of span capacity").arg(formatUsd(*cost.usd_per_gbps));
    if (cost.dci_share_of_gpu_capex)
        summary << tr("%1 of the GPUs' capex").arg(formatPercent(*cost.dci_share_of_gpu_capex));
    const bool placeholder = std::any_of(cost.breakdown.begin(), cost.breakdown.end(),
                                         [](const CostItem &i) { return i.placeholder; });
    m_costSummary->setText(summary.join(QStringLiteral(" · "))
                           + (placeholder ? tr(" · * priced with a placeholder figure") : QString()));

    QStringList categories;
    auto *capexSet = new QBarSet(tr("capex"));
    auto *opexSet = new QBarSet(tr("opex per year"));
    capexSet->setColor(QColor(0x4c, 0x78, 0xa8));
    opexSet->setColor(QColor(0xf5, 0x85, 0x18));
    double top = 0.0;
    const auto add = [&](const CostItem &item, bool yearly) {
        if (!(item.usd > 0.0))
            return; // nothing to draw; the bill of materials still lists it
        categories << QString::fromStdString(item.item) + (item.placeholder ? QStringLiteral("*") : QString());
        *capexSet << (yearly ? 0.0 : item.usd);
        *opexSet << (yearly ? item.usd : 0.0);
        top = std::max(top, item.usd);
    };
    for (const CostItem &item : capex)
        add(item, false);
    for (const CostItem &item : opex)
        add(item, true);
    const CostUnit unit = costUnit(top);
    for (QBarSet *set : {capexSet, opexSet})
        for (int i = 0; i < set->count(); ++i)
            set->replace(i, set->at(i) / unit.divisor_usd);
    chart->setTitle(tr("Interconnect cost by item (%1)").arg(unit.name));
    if (!categories.isEmpty()) {
        auto *series = new QHorizontalStackedBarSeries; // one bar per item: capex or opex
        series->append(capexSet);
        series->append(opexSet);
        chart->addSeries(series);
        QValueAxis *x = valueAxis(top / unit.divisor_usd * kAxisHeadroom, QStringLiteral("%.3g"));
        auto *y = new QBarCategoryAxis;
        y->append(categories);
        y->setLabelsFont(categoryFont());
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
    } else {
        delete capexSet;
        delete opexSet;
    }

    m_bom->setRowCount(static_cast<int>(m_shown->bom.size()));
    for (int row = 0; row < m_bom->rowCount(); ++row) {
        const BomLine &line = m_shown->bom[static_cast<std::size_t>(row)];
        m_bom->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(line.item)));
        const bool whole = std::abs(line.quantity - std::round(line.quantity)) < 1e-9;
        auto *quantity = new QTableWidgetItem(whole ? formatCount(std::llround(line.quantity))
                                                    : displayLocale().toString(line.quantity, 'f', 1));
        quantity->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_bom->setItem(row, 1, quantity);
        m_bom->setItem(row, 2, new QTableWidgetItem(QString::fromStdString(line.unit)));
    }
}

} // namespace dci
