#pragma once

#include "engine/results.h"
#include "model/palette.h"

#include <QColor>

#include <optional>
#include <vector>

namespace dci {

// The one utilisation palette of the application (core/model/palette.h, as QColor): canvas
// spans, tables and charts all colour a utilisation through this, and a legend draws
// heatStops(). The spans that matter most have the most contrast on the light canvas; the
// overload colour is also drawn dashed and heavier. No stop is near the violet of the
// selection.

struct HeatStop {
    double utilization = 0.0; // 1.0 = 100%
    QColor color;
};

const std::vector<HeatStop> &heatStops();

// Colour for a utilisation (load / capacity). Negative values are treated as 0.
QColor colorForUtilization(double utilization);

// The colour of overloaded spans (any utilisation above 100%).
QColor overloadColor();

// A darker shade of colorForUtilization() that reads as text on a white label plate
// (WCAG contrast 4.5:1 or more): the light end of the ramp is too pale for text.
QColor textColorForUtilization(double utilization);

// The colour of a span whose utilisation is not known.
QColor neutralSpanColor();

// What a span is coloured by: its hottest lane (wavelength) when the engine gives one,
// else the average over its lanes. A span whose flows hash unevenly is as hot as its
// hottest lane: that lane drops or queues first.
std::optional<double> spanHeat(const SpanResult &span);

} // namespace dci
