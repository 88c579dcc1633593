#include "resultspanel.h"

#include "exportutil.h"

#include "canvas/heatpalette.h"
#include "engine/results.h"
#include "format.h"
#include "model/scenario.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QHeaderView>
#include <QMenu>
#include <QItemSelectionModel>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace dci {

namespace {

const QString kMissing = QStringLiteral("\u2013");        // "–": a value the engine did not compute
const QString kEstimated = QStringLiteral("\u2248 ");     // "≈ ": a length estimated from the map
const QString kPathArrow = QStringLiteral(" \u2192 ");    // " → " between the spans of a path
// Text of an alarm (over the power cap, span down or overloaded, no path): the palette's
// red, readable on light and dark backgrounds.
const QColor kAlarmText(0xd7, 0x19, 0x1c);
// Columns sized to their contents stop here; the tooltip has the rest.
constexpr int kMaxColumnWidthPx = 320;
// Rows are one line of text plus this, so a few hundred spans stay scannable.
constexpr int kRowPaddingPx = 6;
// Tooltips give this many significant digits: cells round, tooltips do not hide.
constexpr int kPreciseDigits = 6;

// One cell as shown, computed once per refresh so data() is a lookup.
struct Cell {
    QString text;
    QVariant sortKey; // a double for numbers (invalid when missing), the text otherwise
    QString toolTip;
    QColor background; // invalid = the view's
    QColor foreground;
    bool numeric = false; // right-aligned

    bool operator==(const Cell &) const = default;
};

// The number with its unit stripped from a shared formatter, so a table cell reads like
// the same quantity on the canvas ("1,402 km" -> "1,402" under "Length (km)").
QString withoutUnit(const QString &formatted, QStringView unit)
{
    return formatted.endsWith(unit) ? formatted.chopped(unit.size()) : formatted;
}

QString mwNumber(double mw) { return withoutUnit(formatMw(mw), u" MW"); }
QString kmNumber(double km) { return withoutUnit(formatKm(km), u" km"); }
QString msNumber(double ms) { return withoutUnit(formatMs(ms), u" ms"); }
QString pueNumber(double pue) { return displayLocale().toString(pue, 'f', 2); }
// Gbps stay Gbps in a column (formatRate switches to Tb/s): whole numbers from 10 up.
QString gbpsNumber(double gbps) { return displayLocale().toString(gbps, 'f', std::abs(gbps) < 10.0 ? 1 : 0); }

// Up to kPreciseDigits significant digits, no exponent, trailing zeros dropped.
QString preciseNumber(double v)
{
    const QLocale locale = displayLocale();
    const double a = std::abs(v);
    const int integerDigits = a >= 1.0 ? static_cast<int>(std::floor(std::log10(a))) + 1 : 1;
    const int decimals = a >= 1.0 ? std::max(0, kPreciseDigits - integerDigits) : kPreciseDigits;
    QString text = locale.toString(v, 'f', decimals);
    const QString point = locale.decimalPoint();
    if (text.contains(point)) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(point.size());
    }
    return text;
}

QString precisePercent(double fraction) { return preciseNumber(fraction * 100.0) + QStringLiteral("%"); }

// Black or white, whichever contrasts more with the background (WCAG relative luminance).
QColor readableTextOn(const QColor &background)
{
    const auto linear = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const double l = 0.2126 * linear(background.redF()) + 0.7152 * linear(background.greenF()) +
                     0.0722 * linear(background.blueF());
    const double contrastWithBlack = (l + 0.05) / 0.05;
    const double contrastWithWhite = 1.05 / (l + 0.05);
    return contrastWithBlack >= contrastWithWhite ? QColor(Qt::black) : QColor(Qt::white);
}

Cell textCell(const QString &text, const QString &toolTip = {})
{
    Cell c;
    c.text = text;
    c.sortKey = text;
    c.toolTip = toolTip.isEmpty() ? text : toolTip;
    return c;
}

Cell countCell(std::optional<std::int64_t> n, const QString &what)
{
    Cell c;
    c.numeric = true;
    if (!n) {
        c.text = kMissing;
        c.toolTip = QObject::tr("%1: not known").arg(what);
        return c;
    }
    c.text = formatCount(*n);
    c.sortKey = static_cast<double>(*n);
    c.toolTip = QStringLiteral("%1 %2").arg(c.text, what);
    return c;
}

Cell countCell(std::optional<int> n, const QString &what)
{
    return countCell(n ? std::optional<std::int64_t>(*n) : std::nullopt, what);
}

// A measured quantity: shown rounded, sorted and tooltipped with its full value and unit.
// unit is appended as is (" MW", "%").
Cell quantityCell(std::optional<double> v, QString (*shown)(double), const QString &unit,
                  const QString &what)
{
    Cell c;
    c.numeric = true;
    if (!v) {
        c.text = kMissing;
        c.toolTip = QObject::tr("%1: not computed").arg(what);
        return c;
    }
    c.text = shown(*v);
    c.sortKey = *v;
    c.toolTip = QStringLiteral("%1: %2%3").arg(what, preciseNumber(*v), unit);
    return c;
}

Cell percentCell(std::optional<double> fraction, const QString &what)
{
    Cell c;
    c.numeric = true;
    if (!fraction) {
        c.text = kMissing;
        c.toolTip = QObject::tr("%1: not computed").arg(what);
        return c;
    }
    c.text = formatPercent(*fraction);
    c.sortKey = *fraction;
    c.toolTip = QStringLiteral("%1: %2").arg(what, precisePercent(*fraction));
    return c;
}

void markAlarm(Cell &cell)
{
    cell.foreground = kAlarmText;
}

template <typename Result>
std::unordered_map<std::string, const Result *> byId(const std::vector<Result> &results)
{
    std::unordered_map<std::string, const Result *> map;
    map.reserve(results.size());
    for (const Result &r : results)
        map.emplace(r.id, &r);
    return map;
}

template <typename Map>
auto *lookup(const Map &map, const std::string &id)
{
    const auto it = map.find(id);
    return it == map.end() ? nullptr : it->second;
}

// "Columbus, OH (columbus)" for a site id's tooltip, or the id alone when it is unknown.
QString siteToolTip(const Scenario &scenario, const std::string &id)
{
    const Site *site = scenario.site(id);
    const QString qid = QString::fromStdString(id);
    return site ? QStringLiteral("%1 (%2)").arg(QString::fromStdString(site->name), qid) : qid;
}

struct Column {
    QString title; // with the unit in parentheses
    QString toolTip;
};

} // namespace

// A read-only table of precomputed cells. The three result tables differ only in their
// columns and in how update() turns a scenario and its results into rows.
class ResultsTableModel : public QAbstractTableModel
{
public:
    struct Row {
        QString id;        // element id (IdRole), unique within the table
        QStringList spans; // the spans the row stands for when selected (demands: its paths)
        std::vector<Cell> cells;

        bool operator==(const Row &) const = default;
    };

    ResultsTableModel(std::vector<Column> columns, QObject *parent)
        : QAbstractTableModel(parent), m_columns(std::move(columns)) {}

    virtual void update(const Scenario &scenario, const Results &results) = 0;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Row &row = m_rows[static_cast<std::size_t>(index.row())];
        const Cell &cell = row.cells[static_cast<std::size_t>(index.column())];
        switch (role) {
        case Qt::DisplayRole:
            return cell.text;
        case Qt::ToolTipRole:
            return cell.toolTip;
        case Qt::TextAlignmentRole:
            return (Qt::Alignment(cell.numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter).toInt();
        case Qt::BackgroundRole:
            return cell.background.isValid() ? QVariant(cell.background) : QVariant();
        case Qt::ForegroundRole:
            return cell.foreground.isValid() ? QVariant(cell.foreground) : QVariant();
        case ResultsPanel::SortRole:
            return cell.sortKey;
        case ResultsPanel::IdRole:
            return row.id;
        default:
            return {};
        }
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
            return QAbstractTableModel::headerData(section, orientation, role);
        const Column &column = m_columns[static_cast<std::size_t>(section)];
        if (role == Qt::DisplayRole)
            return column.title;
        if (role == Qt::ToolTipRole)
            return column.toolTip;
        return {};
    }

    const Row &row(int r) const { return m_rows[static_cast<std::size_t>(r)]; }
    int rowOf(const QString &id) const { return m_rowOfId.value(id, -1); }

    // Whether the last update reset the model (rows came, went or changed order); else it
    // changed rows in place, each with dataChanged, and the view kept selection and scroll.
    bool lastUpdateReset() const { return m_lastReset; }

protected:
    // The same rows in the same order (an edit of figures, a drag): only the rows whose
    // cells changed are replaced, each announced with dataChanged. Otherwise a full reset,
    // after which the panel restores selection and scroll by id.
    void setRows(std::vector<Row> rows)
    {
        const bool sameRows = rows.size() == m_rows.size()
            && std::equal(rows.begin(), rows.end(), m_rows.begin(),
                          [](const Row &a, const Row &b) { return a.id == b.id; });
        m_lastReset = !sameRows;
        if (sameRows) {
            const int lastColumn = columnCount() - 1;
            for (std::size_t r = 0; r < rows.size(); ++r) {
                if (rows[r] == m_rows[r])
                    continue;
                m_rows[r] = std::move(rows[r]);
                emit dataChanged(index(static_cast<int>(r), 0), index(static_cast<int>(r), lastColumn));
            }
            return;
        }
        beginResetModel();
        m_rows = std::move(rows);
        m_rowOfId.clear();
        m_rowOfId.reserve(static_cast<qsizetype>(m_rows.size()));
        for (std::size_t r = 0; r < m_rows.size(); ++r)
            m_rowOfId.insert(m_rows[r].id, static_cast<int>(r));
        endResetModel();
    }

private:
    std::vector<Column> m_columns;
    std::vector<Row> m_rows;
    QHash<QString, int> m_rowOfId;
    bool m_lastReset = true;
};

namespace {

// Sites: power and its cap; a site over its cap is red.
class SiteTableModel final : public ResultsTableModel
{
public:
    explicit SiteTableModel(QObject *parent)
        : ResultsTableModel({{tr("Site"), tr("Site id")},
                             {tr("Name"), {}},
                             {tr("GPU"), tr("GPU type (catalog name)")},
                             {tr("GPUs"), tr("Number of GPUs")},
                             {tr("IT (MW)"), tr("IT power: GPUs and their servers")},
                             {tr("Facility (MW)"), tr("Facility power: IT power x PUE")},
                             {tr("PUE"), tr("Power usage effectiveness")},
                             {tr("Power cap (MW)"), tr("Facility power available at the site; \"none\" = unlimited")}},
                            parent) {}

    void update(const Scenario &scenario, const Results &results) override
    {
        const auto resultOf = byId(results.sites);
        std::vector<Row> rows;
        rows.reserve(scenario.sites.size());
        for (const Site &site : scenario.sites) {
            const SiteResult *r = lookup(resultOf, site.id);
            Row row;
            row.id = QString::fromStdString(site.id);
            const QString name = QString::fromStdString(site.name);
            const QString gpu = QString::fromStdString(site.gpu);
            const std::optional<double> cap = r ? r->power_cap_mw : site.power_cap_mw;
            Cell capCell;
            if (cap) {
                capCell = quantityCell(cap, mwNumber, QStringLiteral(" MW"), tr("Power cap"));
            } else {
                capCell = textCell(tr("none"), tr("No power cap: unlimited"));
                capCell.numeric = true;
                capCell.sortKey = std::numeric_limits<double>::infinity(); // sorts as the largest cap
            }
            row.cells = {
                textCell(row.id, siteToolTip(scenario, site.id)),
                textCell(name),
                textCell(gpu),
                countCell(std::optional<std::int64_t>(r ? r->gpus : site.gpus), tr("GPUs")),
                quantityCell(r ? std::optional(r->it_power_mw) : std::nullopt, mwNumber, QStringLiteral(" MW"),
                             tr("IT power")),
                quantityCell(r ? std::optional(r->power_mw) : std::nullopt, mwNumber, QStringLiteral(" MW"),
                             tr("Facility power")),
                quantityCell(r ? std::optional(r->pue) : std::nullopt, pueNumber, QString(), tr("PUE")),
                capCell,
            };
            if (r && r->over_cap) {
                const QString over = tr("Over the power cap: needs %1 but %2 are available")
                                         .arg(formatMw(r->power_mw), cap ? formatMw(*cap) : tr("none"));
                for (Cell &cell : row.cells)
                    markAlarm(cell);
                row.cells[ResultsPanel::SiteFacilityPower].toolTip = over;
                row.cells[ResultsPanel::SitePowerCap].toolTip = over;
            }
            rows.push_back(std::move(row));
        }
        setRows(std::move(rows));
    }
};

// Spans: length, capacity, load and utilisation (coloured), and what is wrong with them.
class SpanTableModel final : public ResultsTableModel
{
public:
    explicit SpanTableModel(QObject *parent)
        : ResultsTableModel({{tr("Span"), tr("Span id")},
                             {tr("From"), tr("Site at end A")},
                             {tr("To"), tr("Site at end B")},
                             {tr("Length (km)"), tr("Fiber length; \u2248 estimated as great circle x route factor")},
                             {tr("Latency (ms)"), tr("One-way latency")},
                             {tr("Optic"), tr("Optic and band")},
                             {tr("Fiber pairs"), {}},
                             {tr("Wavelengths"), tr("Lit wavelengths per fiber pair")},
                             {tr("Capacity (Gbps)"), tr("Capacity per direction")},
                             {tr("Load (Gbps)"), tr("Load of the busier direction")},
                             {tr("Utilisation (%)"), tr("Load / capacity, coloured like the canvas")},
                             {tr("Hot lane (%)"), tr("Utilisation of the busiest lane (ECMP hashing of elephant flows)")},
                             {tr("Status"), tr("down, out of reach or overloaded")}},
                            parent) {}

    void update(const Scenario &scenario, const Results &results) override
    {
        const auto resultOf = byId(results.spans);
        std::vector<Row> rows;
        rows.reserve(scenario.spans.size());
        for (const Span &span : scenario.spans) {
            const SpanResult *r = lookup(resultOf, span.id);
            Row row;
            row.id = QString::fromStdString(span.id);
            row.spans = {row.id};
            row.cells = {
                textCell(row.id),
                textCell(QString::fromStdString(span.a), siteToolTip(scenario, span.a)),
                textCell(QString::fromStdString(span.b), siteToolTip(scenario, span.b)),
            };
            if (!r) {
                // No result for this span (the engine stopped early): the scenario's own data.
                row.cells.push_back(quantityCell(span.length_km, kmNumber, QStringLiteral(" km"), tr("Length")));
                row.cells.push_back(quantityCell(std::nullopt, msNumber, {}, tr("Latency")));
                row.cells.push_back(textCell(QString::fromStdString(span.optic)));
                row.cells.push_back(countCell(span.fiber_pairs, tr("fiber pairs")));
                row.cells.push_back(countCell(span.wavelengths, tr("wavelengths per fiber pair")));
                for (const QString &what : {tr("Capacity"), tr("Load"), tr("Utilisation"), tr("Hot lane")})
                    row.cells.push_back(quantityCell(std::nullopt, gbpsNumber, {}, what));
                row.cells.push_back(textCell(span.down ? tr("down") : QString()));
                rows.push_back(std::move(row));
                continue;
            }
            row.cells.push_back(lengthCell(*r));
            row.cells.push_back(quantityCell(r->latency_ms, msNumber, QStringLiteral(" ms"), tr("One-way latency")));
            row.cells.push_back(textCell(QString::fromStdString(r->optic),
                                         tr("%1 in the %2 band").arg(QString::fromStdString(r->optic),
                                                                     QString::fromStdString(r->band))));
            Cell pairs = countCell(r->fiber_pairs, tr("fiber pairs"));
            Cell waves = countCell(r->wavelengths, tr("lit wavelengths per fiber pair"));
            if (r->max_wavelengths)
                waves.toolTip += tr(" (%1 fit on its fiber pairs)").arg(formatCount(*r->max_wavelengths));
            if (r->dimensioned) {
                pairs.toolTip += tr(", chosen by dimensioning");
                waves.toolTip += tr(", chosen by dimensioning");
            }
            row.cells.push_back(pairs);
            row.cells.push_back(waves);
            row.cells.push_back(
                quantityCell(r->capacity_gbps, gbpsNumber, QStringLiteral(" Gbps"), tr("Capacity per direction")));
            Cell load = quantityCell(r->load_gbps, gbpsNumber, QStringLiteral(" Gbps"), tr("Load"));
            if (r->load_ab_gbps && r->load_ba_gbps)
                load.toolTip += tr("\n%1 \u2192 %2: %3 Gbps\n%2 \u2192 %1: %4 Gbps")
                                    .arg(QString::fromStdString(r->a), QString::fromStdString(r->b),
                                         preciseNumber(*r->load_ab_gbps), preciseNumber(*r->load_ba_gbps));
            row.cells.push_back(load);
            row.cells.push_back(utilizationCell(r->utilization));
            Cell hot = percentCell(r->hot_lane_utilization, tr("Busiest lane"));
            if (r->lanes && r->ecmp_imbalance)
                hot.toolTip += tr("\n%1 lanes, busiest / mean lane = %2")
                                   .arg(formatCount(*r->lanes), preciseNumber(*r->ecmp_imbalance));
            row.cells.push_back(hot);
            row.cells.push_back(statusCell(*r));
            rows.push_back(std::move(row));
        }
        setRows(std::move(rows));
    }

private:
    static Cell lengthCell(const SpanResult &r)
    {
        Cell c = quantityCell(r.length_km, kmNumber, QStringLiteral(" km"), tr("Length"));
        if (r.length_estimated) {
            c.text.prepend(kEstimated);
            c.toolTip += tr(", estimated: great circle x route factor");
        }
        return c;
    }

    static Cell utilizationCell(std::optional<double> u)
    {
        Cell c = percentCell(u, tr("Utilisation (load / capacity)"));
        if (u) {
            c.background = colorForUtilization(*u);
            c.foreground = readableTextOn(c.background);
        }
        return c;
    }

    static Cell statusCell(const SpanResult &r)
    {
        QStringList status;
        QStringList why;
        if (r.down) {
            status << tr("down");
            why << tr("Down: failed or out of service, carries no traffic");
        }
        if (r.reach_ok && !*r.reach_ok) {
            status << tr("out of reach");
            why << tr("Out of reach: %1 is longer than the optic reaches (%2)")
                       .arg(formatKm(r.length_km), formatKm(r.reach_km));
        }
        if (r.utilization && *r.utilization > 1.0) {
            status << tr("overloaded");
            why << tr("Overloaded: the load exceeds the capacity (%1)").arg(formatPercent(*r.utilization));
        }
        Cell c = textCell(status.join(QStringLiteral(", ")), why.join(QLatin1Char('\n')));
        if (!status.isEmpty())
            markAlarm(c);
        return c;
    }
};

// Demands: what each flow needs, what it gets and the paths it takes.
// What caps a job demand's rate (docs/MODEL.md "Rates"), in words and with the number.
Cell limitCell(const DemandResult &d)
{
    if (d.limited_by == "window")
        return textCell(QObject::tr("window"),
                        QObject::tr("Its connections keep at most %1 in flight per round trip (connections x buffer / RTT): "
                                    "more connections, a larger flow window or a closer site would help, more "
                                    "wavelengths would not.")
                            .arg(d.window_limit_gbps ? formatRate(*d.window_limit_gbps) : QStringLiteral("–")));
    if (d.limited_by == "capacity")
        return textCell(QObject::tr("capacity"), d.limiting_span.empty()
                                                     ? QObject::tr("A span on its path is full.")
                                                     : QObject::tr("Span %1 is full: its capacity, shared with the "
                                                                   "other demands, sets the rate.")
                                                           .arg(QString::fromStdString(d.limiting_span)));
    if (d.limited_by == "loss")
        return textCell(QObject::tr("loss"), QObject::tr("Retransmissions after packet loss take most of the rate."));
    return textCell(QString());
}

class DemandTableModel final : public ResultsTableModel
{
public:
    explicit DemandTableModel(QObject *parent)
        : ResultsTableModel({{tr("From"), tr("Source site")},
                             {tr("To"), tr("Destination site")},
                             {tr("Source"), tr("job: traffic of the training job; explicit: a demand of the scenario")},
                             {tr("Label"), {}},
                             {tr("Needed (Gbps)"), tr("Rate that hides the transfer (job) or the given rate (explicit)")},
                             {tr("Rate (Gbps)"), tr("Rate obtained from the network, after goodput")},
                             {tr("Limited by"), tr("What caps the job's rate: capacity (a full span), the window "
                                                  "(connections x buffer / RTT) or loss")},
                             {tr("RTT (ms)"), tr("Round trip over the longest path")},
                             {tr("Goodput (%)"), tr("Share of the rate left after retransmissions")},
                             {tr("Path"), tr("Spans of each path; the share of the demand when it is split")}},
                            parent) {}

    void update(const Scenario &scenario, const Results &results) override
    {
        std::vector<Row> rows;
        rows.reserve(results.demands.size());
        QHash<QString, int> seen; // demands have no id: from, to, source and label, numbered if repeated
        for (const DemandResult &d : results.demands) {
            Row row;
            const QString from = QString::fromStdString(d.from);
            const QString to = QString::fromStdString(d.to);
            const QString source = QString::fromStdString(d.source);
            const QString label = QString::fromStdString(d.label);
            const QString key = QStringList{from, to, source, label}.join(QLatin1Char('|'));
            const int repeat = seen[key]++;
            row.id = repeat == 0 ? key : QStringLiteral("%1#%2").arg(key).arg(repeat);
            QStringList pathTexts;
            for (const DemandResult::Path &path : d.paths) {
                QStringList spans;
                for (const std::string &span : path.spans) {
                    spans << QString::fromStdString(span);
                    if (!row.spans.contains(spans.back()))
                        row.spans << spans.back();
                }
                QString text = spans.join(kPathArrow);
                if (d.paths.size() > 1)
                    text += QStringLiteral(" (%1)").arg(formatPercent(path.fraction));
                pathTexts << text;
            }
            Cell paths = textCell(pathTexts.join(QStringLiteral("; ")), pathTexts.join(QLatin1Char('\n')));
            if (d.paths.empty()) {
                paths = textCell(tr("no path"), tr("No path: the sites are not connected by spans that are up"));
                markAlarm(paths);
            }
            Cell rate = quantityCell(d.rate_gbps, gbpsNumber, QStringLiteral(" Gbps"), tr("Rate obtained"));
            if (d.rate_gbps && d.gbps > 0.0)
                rate.toolTip += tr(" (%1 of the rate needed)").arg(formatPercent(*d.rate_gbps / d.gbps));
            // What caps the rate (docs/MODEL.md "Rates"), so the table says why.
            if (d.limited_by == "window" && d.window_limit_gbps)
                rate.toolTip += tr("; limited by the window: its connections keep at most %1 in flight per RTT")
                                    .arg(formatRate(*d.window_limit_gbps));
            else if (d.limited_by == "capacity")
                rate.toolTip += d.limiting_span.empty() ? tr("; limited by capacity")
                                                        : tr("; limited by capacity: span %1 is full")
                                                              .arg(QString::fromStdString(d.limiting_span));
            else if (d.limited_by == "loss")
                rate.toolTip += tr("; limited by packet loss (goodput)");
            row.cells = {
                textCell(from, siteToolTip(scenario, d.from)),
                textCell(to, siteToolTip(scenario, d.to)),
                textCell(source),
                textCell(label),
                quantityCell(d.gbps, gbpsNumber, QStringLiteral(" Gbps"), tr("Rate needed")),
                rate,
                limitCell(d),
                quantityCell(d.rtt_ms, msNumber, QStringLiteral(" ms"), tr("Round trip")),
                percentCell(d.goodput, tr("Goodput")),
                paths,
            };
            rows.push_back(std::move(row));
        }
        setRows(std::move(rows));
    }
};

} // namespace

ResultsPanel::ResultsPanel(QWidget *parent)
    : QWidget(parent)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    // The last column takes the spare width where it holds text (a number would drift
    // away from its heading).
    setUpTable(m_sites, new SiteTableModel(this), tr("Sites"), false);
    setUpTable(m_spans, new SpanTableModel(this), tr("Spans"), true);
    setUpTable(m_demands, new DemandTableModel(this), tr("Demands"), true);
}

ResultsPanel::~ResultsPanel() = default;

void ResultsPanel::setUpTable(Table &table, ResultsTableModel *model, const QString &title, bool stretchLast)
{
    table.model = model;
    table.title = title;
    table.proxy = new QSortFilterProxyModel(this);
    table.proxy->setSourceModel(model);
    table.proxy->setSortRole(SortRole);
    table.proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    auto *view = new QTableView;
    table.view = view;
    view->setModel(table.proxy);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + kRowPaddingPx);
    QHeaderView *header = view->horizontalHeader();
    header->setStretchLastSection(stretchLast);
    header->setHighlightSections(false);
    // File order until the user clicks a heading; a third click returns to file order.
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    view->setSortingEnabled(true);

    table.tabIndex = m_tabs->addTab(view, title);
    // Right click: the table as CSV, in the order and with the figures it shows.
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QTableView::customContextMenuRequested, this, [this, view, title](const QPoint &pos) {
        QMenu menu(this);
        addExportCsvAction(&menu, view->model(), title.toLower(), this);
        menu.exec(view->viewport()->mapToGlobal(pos));
    });
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this, &table] { userSelectionChanged(table); });
}

void ResultsPanel::show(const Scenario &scenario, const Results &results)
{
    m_scenario = &scenario;
    m_shownResults = &results;
    // Hidden in a window (its dock closed or behind another tab): refreshed when shown.
    // Visible, or never shown (a panel on its own), every table is refreshed now.
    const bool deferred = m_everShown && !isVisible();
    for (Table *table : {&m_sites, &m_spans, &m_demands}) {
        table->stale = true;
        if (!deferred)
            refreshIfStale(*table);
    }
    // The tab titles count rows as the tables will have them.
    m_tabs->setTabText(m_sites.tabIndex, QStringLiteral("%1 (%2)").arg(m_sites.title).arg(scenario.sites.size()));
    m_tabs->setTabText(m_spans.tabIndex, QStringLiteral("%1 (%2)").arg(m_spans.title).arg(scenario.spans.size()));
    m_tabs->setTabText(m_demands.tabIndex,
                       QStringLiteral("%1 (%2)").arg(m_demands.title).arg(results.demands.size()));
}

void ResultsPanel::refreshIfStale(Table &table)
{
    if (!table.stale || !m_scenario || !m_shownResults)
        return;
    table.stale = false;
    const std::optional<QStringList> pending = std::exchange(table.pendingSelection, std::nullopt);
    refresh(table, *m_scenario, *m_shownResults);
    if (pending)
        selectIds(table, *pending, false);
}

QTableView *ResultsPanel::freshView(const Table &table) const
{
    auto *self = const_cast<ResultsPanel *>(this);
    self->refreshIfStale(const_cast<Table &>(table));
    return table.view;
}

void ResultsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_everShown = true;
    for (Table *table : {&m_sites, &m_spans, &m_demands})
        refreshIfStale(*table);
}

void ResultsPanel::refresh(Table &table, const Scenario &scenario, const Results &results)
{
    const QScopedValueRollback<bool> silent(m_silent, true);
    QTableView *view = table.view;
    const QStringList selected = selectedIds(table);
    const QModelIndex current = view->currentIndex();
    const QString currentId = current.isValid() ? current.data(IdRole).toString() : QString();
    const int vScroll = view->verticalScrollBar()->value();
    const int hScroll = view->horizontalScrollBar()->value();

    table.model->update(scenario, results);
    if (!table.model->lastUpdateReset())
        return; // rows changed in place: selection, current row and scroll stayed

    // The proxy keeps its sort column and order through the reset and sorts the new rows.
    // Lay the view out now so the scroll ranges fit the new rows before restoring.
    view->doItemsLayout();
    if (!table.columnsSized && table.model->rowCount() > 0) {
        view->resizeColumnsToContents();
        for (int c = 0; c < table.model->columnCount(); ++c)
            view->setColumnWidth(c, std::min(view->columnWidth(c), kMaxColumnWidthPx));
        table.columnsSized = true;
    }
    selectIds(table, selected, false);
    const int currentRow = table.model->rowOf(currentId);
    if (currentRow >= 0) {
        const QModelIndex index = table.proxy->mapFromSource(table.model->index(currentRow, current.column()));
        view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    }
    view->verticalScrollBar()->setValue(vScroll);
    view->horizontalScrollBar()->setValue(hScroll);
}

QStringList ResultsPanel::selectedIds(const Table &table) const
{
    std::vector<int> rows;
    for (const QModelIndex &index : table.view->selectionModel()->selectedRows())
        rows.push_back(table.proxy->mapToSource(index).row());
    std::sort(rows.begin(), rows.end());
    QStringList ids;
    ids.reserve(static_cast<qsizetype>(rows.size()));
    for (int r : rows)
        ids << table.model->row(r).id;
    return ids;
}

void ResultsPanel::selectIds(Table &table, const QStringList &ids, bool scrollTo)
{
    if (table.stale) {
        table.pendingSelection = ids; // its rows may not exist yet
        return;
    }
    table.pendingSelection.reset();
    const QScopedValueRollback<bool> silent(m_silent, true);
    const int lastColumn = table.model->columnCount() - 1;
    QItemSelection selection;
    QModelIndex first; // topmost selected row as shown
    for (const QString &id : ids) {
        const int r = table.model->rowOf(id);
        if (r < 0)
            continue;
        const QModelIndex index = table.proxy->mapFromSource(table.model->index(r, 0));
        selection.select(index, index.siblingAtColumn(lastColumn));
        if (!first.isValid() || index.row() < first.row())
            first = index;
    }
    QItemSelectionModel *model = table.view->selectionModel();
    model->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    // Bring the selection into view, unless the current row is part of it: then the user
    // picked it here (and the current row is the anchor of a Shift-click).
    if (scrollTo && first.isValid() && !selection.contains(model->currentIndex())) {
        model->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        table.view->scrollTo(first);
    }
}

QStringList ResultsPanel::spansOfSelectedDemands() const
{
    QStringList spans;
    for (const QString &id : selectedIds(m_demands))
        for (const QString &span : m_demands.model->row(m_demands.model->rowOf(id)).spans)
            if (!spans.contains(span))
                spans << span;
    return spans;
}

void ResultsPanel::selectElements(const QStringList &siteIds, const QStringList &spanIds)
{
    selectIds(m_sites, siteIds, true);
    selectIds(m_spans, spanIds, true);
    // Selected demands stay selected while the canvas shows just their spans (the echo of
    // their own intent); any other selection replaces them.
    const QStringList demandSpans = spansOfSelectedDemands();
    if (!siteIds.isEmpty() || QSet<QString>(spanIds.begin(), spanIds.end()) !=
                                  QSet<QString>(demandSpans.begin(), demandSpans.end()))
        selectIds(m_demands, {}, false);
}

void ResultsPanel::userSelectionChanged(Table &table)
{
    if (m_silent)
        return;
    // Picking rows in one table replaces the selection, like a click on the canvas: the
    // other tables are cleared (or, for demands, show the spans picked).
    QStringList sites;
    QStringList spans;
    if (&table == &m_sites) {
        sites = selectedIds(m_sites);
        selectIds(m_spans, {}, false);
        selectIds(m_demands, {}, false);
    } else if (&table == &m_spans) {
        spans = selectedIds(m_spans);
        selectIds(m_sites, {}, false);
        selectIds(m_demands, {}, false);
    } else {
        spans = spansOfSelectedDemands();
        selectIds(m_sites, {}, false);
        selectIds(m_spans, spans, true);
    }
    emit elementsSelected(sites, spans);
}

} // namespace dci
