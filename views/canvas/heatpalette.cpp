#include "heatpalette.h"

#include <algorithm>
#include <cmath>

namespace dci {

namespace {
// WCAG 2 relative luminance and contrast ratio.
double relativeLuminance(const QColor &c)
{
    const auto linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

double contrastOnWhite(const QColor &c)
{
    return 1.05 / (relativeLuminance(c) + 0.05);
}

constexpr double kMinTextContrast = 4.5; // WCAG AA for normal text
constexpr int kTextDarkerStepPercent = 110;
} // namespace

namespace {
QColor toQColor(const Rgb &c)
{
    return QColor(c.r, c.g, c.b);
}
} // namespace

const std::vector<HeatStop> &heatStops()
{
    static const std::vector<HeatStop> stops = [] {
        std::vector<HeatStop> out;
        for (const PaletteStop &stop : heatRamp())
            out.push_back({stop.utilization, toQColor(stop.color)});
        return out;
    }();
    return stops;
}

QColor overloadColor()
{
    return toQColor(overloadRgb());
}

QColor colorForUtilization(double utilization)
{
    return toQColor(heatRgb(utilization));
}

QColor textColorForUtilization(double utilization)
{
    QColor c = colorForUtilization(utilization);
    while (contrastOnWhite(c) < kMinTextContrast)
        c = c.darker(kTextDarkerStepPercent);
    return c;
}

QColor neutralSpanColor()
{
    return toQColor(neutralSpanRgb());
}

std::optional<double> spanHeat(const SpanResult &span)
{
    return span.heat();
}

} // namespace dci
