#pragma once

#include "engine/sweep.h"

#include <QList>
#include <QStringList>
#include <QPointF>
#include <QWidget>

#include <array>

class QChart;
class QChartView;
class QLabel;
class QStackedLayout;

namespace dci {

// A sweep's points as small line charts (issue 14 "Sweeps"): scaling efficiency, step
// time, required DCI, capex and ZR modules per optic against the swept value, with a note
// of the points that have errors. It plots the core's figures (engine/sweep.h) as they are,
// only scaled to the chart's unit; a point without a figure (an invalid value, no job) is a
// gap in the line.
class SweepCharts : public QWidget
{
    Q_OBJECT

public:
    enum Figure { Efficiency, StepTime, DciTbps, Capex, Modules, FigureCount };
    // How the swept values are laid along the x axis: as numbers, on a log scale (a
    // geometric range), or as names in order (optics).
    enum class Axis { Linear, Logarithmic, Names };

    explicit SweepCharts(QWidget *parent = nullptr);

    // heading names the parameter above the charts ("Span A–B: length (km)"), axisTitle
    // under each chart's x axis ("length (km)"). clear(): a hint instead of the charts.
    void show(const SweepResult &sweep, const QString &heading, const QString &axisTitle, Axis axis);
    void clear();
    QLabel *heading() const { return m_heading; }

    QChart *chart(Figure figure) const;
    // What a figure is multiplied by to be plotted (100 for a percentage, 1,000 for ms,
    // 1e-6 for US$ million).
    double scale(Figure figure) const { return m_scale[figure]; }
    // Where a point sits on the x axis: its number, or its index for names.
    static double xOf(const SweepResult &sweep, std::size_t index, Axis axis);
    // The note beside the charts: the points with errors, or that there are none.
    QLabel *notes() const { return m_notes; }
    // A swept value as the charts and the table write it: "2,000", "1e-06", "800ZR".
    static QString valueText(const SweepValue &value);

private:
    void plot(Figure figure, const QString &title, const QList<std::optional<double>> &values, const QString &name,
              const QColor &color);
    void addAxes(QChart *chart, bool percent);
    QString xText(double x) const;

    std::array<QChartView *, FigureCount> m_views{};
    std::array<double, FigureCount> m_scale{};
    QLabel *m_notes = nullptr;
    QLabel *m_heading = nullptr;
    QStackedLayout *m_pages = nullptr; // a hint until a sweep is shown, then the charts
    // The sweep being drawn (between show() and the end of plotting).
    const SweepResult *m_sweep = nullptr;
    QString m_paramTitle;
    Axis m_axis = Axis::Linear;
    QStringList m_names; // the values' texts, for the tooltips of an axis of names
};

} // namespace dci
