#include "sweepcharts.h"

#include "chartspanel.h"
#include "format.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QGridLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QStackedLayout>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace dci {

namespace {

constexpr double kPercent = 100.0;
constexpr double kMsPerS = 1000.0;
constexpr double kHeadroom = 1.1;        // the y axis runs 10% past the highest point
constexpr int kMarkersUpTo = 60;         // more points than this: a plain line
constexpr double kLogBase10From = 100.0; // a log axis in powers of 10 from this span of values, else of 2
constexpr int kNotedValues = 4;          // values listed per error code before "..."
constexpr double kTitleFontScale = 0.95;
constexpr double kAxisFontScale = 0.85;

// One colour per figure; the modules chart takes them in order for its optics.
const QColor kColors[] = {QColor(0x2f, 0x5d, 0x7c), QColor(0xe4, 0x57, 0x56), QColor(0x56, 0x8d, 0x57),
                          QColor(0x74, 0x60, 0x00), QColor(0x8e, 0x6c, 0xb8), QColor(0x53, 0xac, 0xad),
                          QColor(0xba, 0x6b, 0x3c)};

QFont scaledFont(double scale, bool bold = false)
{
    QFont font;
    font.setPointSizeF(font.pointSizeF() * scale);
    font.setBold(bold);
    return font;
}

QChartView *smallChart(QWidget *parent)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setTitleFont(scaledFont(kTitleFontScale, true));
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->legend()->setFont(scaledFont(kAxisFontScale));
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(240, 180);
    return view;
}

void clearChart(QChart *chart)
{
    chart->removeAllSeries();
    // removeAxis hands the axis back to us (as in ChartsPanel, where LeakSanitizer found it).
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    chart->setTitle(QString());
}

} // namespace

SweepCharts::SweepCharts(QWidget *parent)
    : QWidget(parent)
{
    auto *hint = new QLabel(tr("Choose a parameter and its values, then Run.\n\nThe charts plot scaling efficiency, "
                               "step time, the required DCI, the DCI capex and the ZR modules of each optic against "
                               "the value; the Table tab lists every point."),
                            this);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: palette(mid);"));

    auto *charts = new QWidget(this);
    auto *grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    m_heading = new QLabel(charts);
    m_heading->setObjectName(QStringLiteral("sweepHeading"));
    m_heading->setContentsMargins(4, 4, 4, 2);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    constexpr int kColumns = 3;
    grid->addWidget(m_heading, 0, 0, 1, kColumns);
    for (int f = 0; f < FigureCount; ++f) {
        m_views[f] = smallChart(charts);
        grid->addWidget(m_views[f], 1 + f / kColumns, f % kColumns);
    }
    m_notes = new QLabel(charts);
    m_notes->setObjectName(QStringLiteral("sweepNotes"));
    m_notes->setWordWrap(true);
    m_notes->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setContentsMargins(10, 10, 10, 10);
    grid->addWidget(m_notes, 1 + FigureCount / kColumns, FigureCount % kColumns);
    grid->setRowStretch(1, 1);
    grid->setRowStretch(2, 1);

    m_pages = new QStackedLayout(this);
    m_pages->addWidget(hint);
    m_pages->addWidget(charts);
    clear();
}

QChart *SweepCharts::chart(Figure figure) const
{
    return m_views[figure]->chart();
}

QString SweepCharts::valueText(const SweepValue &value)
{
    // "1e-07" as the samples write it, not the locale's "1E-07".
    return value.name.empty() ? displayLocale().toString(value.number, 'g', 6).replace(QLatin1Char('E'), QLatin1Char('e'))
                              : QString::fromStdString(value.name);
}

double SweepCharts::xOf(const SweepResult &sweep, std::size_t index, Axis axis)
{
    return axis == Axis::Names ? static_cast<double>(index) : sweep.points[index].value.number;
}

void SweepCharts::clear()
{
    for (QChartView *view : m_views)
        clearChart(view->chart());
    m_scale.fill(1.0);
    m_notes->clear();
    m_heading->clear();
    m_pages->setCurrentIndex(0);
}

void SweepCharts::show(const SweepResult &sweep, const QString &heading, const QString &axisTitle, Axis axis)
{
    for (QChartView *view : m_views)
        clearChart(view->chart());
    m_pages->setCurrentIndex(1);
    m_sweep = &sweep;
    m_paramTitle = axisTitle;
    m_axis = axis;
    const std::vector<SweepPoint> &points = sweep.points;
    m_names.clear();
    for (const SweepPoint &p : points)
        m_names << valueText(p.value);
    m_heading->setText(points.empty() ? QStringLiteral("<b>%1</b>").arg(heading.toHtmlEscaped())
                                      : tr("<b>%1</b> from %2 to %3, %4 points")
                                            .arg(heading.toHtmlEscaped(), m_names.front(), m_names.back())
                                            .arg(points.size()));
    auto figure = [&](auto read) {
        QList<std::optional<double>> values;
        for (const SweepPoint &p : points)
            values << (p.error.empty() ? read(p.figures) : std::nullopt);
        return values;
    };
    auto largest = [](const QList<std::optional<double>> &values) {
        double top = 0.0;
        for (const std::optional<double> &v : values)
            top = std::max(top, v.value_or(0.0));
        return top;
    };

    m_scale[Efficiency] = kPercent;
    plot(Efficiency, tr("Scaling efficiency (%)"), figure([](const Headline &h) { return h.efficiency; }), {},
         kColors[0]);
    const QList<std::optional<double>> steps = figure([](const Headline &h) { return h.step_s; });
    const bool ms = largest(steps) < 1.0;
    m_scale[StepTime] = ms ? kMsPerS : 1.0;
    plot(StepTime, ms ? tr("Step time (ms)") : tr("Step time (s)"), steps, {}, kColors[1]);
    m_scale[DciTbps] = 1.0;
    plot(DciTbps, tr("Required DCI (Tb/s)"),
         figure([](const Headline &h) { return std::optional<double>(h.dci_tbps); }), {}, kColors[2]);
    const QList<std::optional<double>> capex = figure([](const Headline &h) { return h.capex_usd; });
    const ChartsPanel::CostUnit unit = ChartsPanel::costUnit(largest(capex));
    m_scale[Capex] = 1.0 / unit.divisor_usd;
    plot(Capex, tr("DCI capex (%1)").arg(unit.name), capex, {}, kColors[3]);

    // One line per optic that has modules at some point; a valid point without it has none.
    std::set<std::string> optics;
    for (const SweepPoint &p : points)
        for (const auto &[optic, count] : p.figures.modules)
            optics.insert(optic);
    m_scale[Modules] = 1.0;
    std::size_t colour = 0;
    for (const std::string &optic : optics) {
        const QList<std::optional<double>> counts = figure([&](const Headline &h) {
            const auto it = h.modules.find(optic);
            return std::optional<double>(it == h.modules.end() ? 0.0 : it->second);
        });
        plot(Modules, tr("ZR modules"), counts, QString::fromStdString(optic), kColors[colour++ % std::size(kColors)]);
    }
    if (optics.empty())
        chart(Modules)->setTitle(tr("ZR modules"));
    for (int f = 0; f < FigureCount; ++f) // a legend only to tell optics apart
        chart(static_cast<Figure>(f))->legend()->setVisible(f == Modules && !optics.empty());
    for (int f = 0; f < FigureCount; ++f)
        addAxes(chart(static_cast<Figure>(f)), f == Efficiency);

    // The points with errors: values that make no valid plan (the gaps), then the points
    // whose evaluation has error diagnostics, by code.
    QStringList invalid;
    std::map<std::string, QStringList> byCode;
    for (const SweepPoint &p : points) {
        if (!p.error.empty())
            invalid << tr("<b>%1</b>: %2").arg(valueText(p.value), QString::fromStdString(p.error).toHtmlEscaped());
        for (const std::string &code : p.error_codes)
            byCode[code] << valueText(p.value);
    }
    auto listed = [](QStringList items) {
        if (items.size() > kNotedValues) {
            const auto all = items.size();
            items = items.mid(0, kNotedValues);
            items << tr("… %1 in all").arg(all);
        }
        return items;
    };
    QString text = sweep.cancelled ? tr("<p><b>Cancelled</b> after %1 points.</p>").arg(points.size()) : QString();
    if (!invalid.isEmpty())
        text += tr("<p><b>No valid plan</b> (gaps in the lines):<br>%1</p>").arg(listed(invalid).join(QStringLiteral("<br>")));
    if (!byCode.empty()) {
        QStringList codes;
        for (const auto &[code, values] : byCode)
            codes << tr("<b>%1</b> at %2").arg(QString::fromStdString(code), listed(values).join(QStringLiteral(", ")));
        text += tr("<p><b>Evaluated with errors</b>:<br>%1</p>").arg(codes.join(QStringLiteral("<br>")));
    }
    if (invalid.isEmpty() && byCode.empty())
        text += tr("<p>Every point evaluates without errors.</p>");
    m_notes->setText(text);
    m_sweep = nullptr;
}

void SweepCharts::plot(Figure f, const QString &title, const QList<std::optional<double>> &values, const QString &name,
                       const QColor &color)
{
    QChart *c = chart(f);
    c->setTitle(title);
    const bool markers = values.size() <= kMarkersUpTo;
    // A gap splits the line: each run of points with a figure is a series of its own,
    // under one name, with one legend entry.
    QLineSeries *segment = nullptr;
    bool first = true;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (!values[i]) {
            segment = nullptr;
            continue;
        }
        if (!segment) {
            segment = new QLineSeries;
            segment->setName(name);
            QPen pen(color, 2.0);
            segment->setPen(pen);
            segment->setColor(color);
            segment->setPointsVisible(markers);
            segment->setMarkerSize(6.0);
            const QString series = name.isEmpty() ? title : name;
            connect(segment, &QLineSeries::hovered, this, [this, f, series](const QPointF &point, bool state) {
                if (state)
                    QToolTip::showText(QCursor::pos(), tr("%1 at %2: %3")
                                                           .arg(series, xText(point.x()),
                                                                displayLocale().toString(point.y(), 'g', 4)));
            });
            c->addSeries(segment);
            if (!first)
                for (QLegendMarker *marker : c->legend()->markers(segment))
                    marker->setVisible(false);
            first = false;
        }
        segment->append(xOf(*m_sweep, static_cast<std::size_t>(i), m_axis), *values[i] * m_scale[f]);
    }
}

QString SweepCharts::xText(double x) const
{
    if (m_axis != Axis::Names)
        return displayLocale().toString(x, 'g', 6);
    const auto i = static_cast<qsizetype>(std::lround(x));
    return i >= 0 && i < m_names.size() ? m_names[i] : QString();
}

void SweepCharts::addAxes(QChart *c, bool percent)
{
    // x: the swept values.
    QAbstractAxis *x = nullptr;
    const std::vector<SweepPoint> &points = m_sweep->points;
    double lo = 0.0, hi = 0.0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double v = xOf(*m_sweep, i, m_axis);
        lo = i == 0 ? v : std::min(lo, v);
        hi = i == 0 ? v : std::max(hi, v);
    }
    if (m_axis == Axis::Names) {
        auto *names = new QCategoryAxis;
        names->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        for (std::size_t i = 0; i < points.size(); ++i)
            names->append(valueText(points[i].value), static_cast<double>(i));
        names->setRange(-0.5, static_cast<double>(points.size()) - 0.5);
        x = names;
    } else if (m_axis == Axis::Logarithmic && lo > 0.0) {
        auto *log = new QLogValueAxis;
        log->setBase(hi / lo >= kLogBase10From ? 10.0 : 2.0);
        log->setLabelFormat(lo >= 1.0 ? QStringLiteral("%.0f") : QStringLiteral("%g"));
        log->setRange(lo / kHeadroom, hi * kHeadroom);
        x = log;
    } else {
        auto *linear = new QValueAxis;
        const double pad = hi > lo ? 0.0 : std::max(1.0, std::abs(lo) * 0.1);
        linear->setRange(lo - pad, hi + pad);
        linear->applyNiceNumbers();
        linear->setLabelFormat(QStringLiteral("%g"));
        x = linear;
    }
    x->setTitleText(m_paramTitle);
    x->setTitleFont(scaledFont(kAxisFontScale));
    x->setLabelsFont(scaledFont(kAxisFontScale));

    // y: from 0; a percentage up to 100.
    double top = 0.0;
    for (QAbstractSeries *s : c->series())
        for (const QPointF &p : static_cast<QLineSeries *>(s)->points())
            top = std::max(top, p.y());
    auto *y = new QValueAxis;
    y->setRange(0.0, percent ? kPercent : (top > 0.0 ? top * kHeadroom : 1.0));
    if (!percent)
        y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%g"));
    y->setLabelsFont(scaledFont(kAxisFontScale));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : c->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

} // namespace dci
