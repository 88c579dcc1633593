#pragma once

#include <QColor>

#include <vector>

namespace dci {

// The one utilisation palette of the application (DESIGN.md, "Heatmap"): canvas spans,
// tables and charts all colour a utilisation through this, and a legend draws heatStops().
// Blue (idle) -> green -> yellow -> orange -> red at 100%; above 100% a darker, strong red
// so an overloaded span is unmistakable.

struct HeatStop {
    double utilization = 0.0; // 1.0 = 100%
    QColor color;
};

const std::vector<HeatStop> &heatStops();

// Colour for a utilisation (load / capacity). Negative values are treated as 0.
QColor colorForUtilization(double utilization);

// The colour of a span whose utilisation is not known.
QColor neutralSpanColor();

} // namespace dci
