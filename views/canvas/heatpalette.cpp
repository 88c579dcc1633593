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

const std::vector<HeatStop> &heatStops()
{
    // Equal steps along a path in OKLab (lightness falling linearly, hue turning from
    // blue to rust), so equal differences of utilisation look equally different.
    static const std::vector<HeatStop> stops = {
        {0.00, QColor(0x9c, 0xc2, 0xea)}, // light blue: idle (L* 77)
        {0.25, QColor(0x53, 0xac, 0xad)}, // teal (L* 65)
        {0.50, QColor(0x56, 0x8d, 0x57)}, // green (L* 54)
        {0.75, QColor(0x74, 0x60, 0x00)}, // olive (L* 41)
        {1.00, QColor(0x78, 0x2e, 0x00)}, // rust: full (L* 29)
    };
    return stops;
}

QColor overloadColor()
{
    return QColor(0x3d, 0x0a, 0x1a); // near-black wine (L* 11)
}

QColor colorForUtilization(double utilization)
{
    // Beyond 100% the colour does not keep interpolating: any overload is the same alarm.
    if (utilization > 1.0)
        return overloadColor();

    const auto &stops = heatStops();
    const double u = std::max(0.0, utilization);
    for (std::size_t i = 1; i < stops.size(); ++i) {
        if (u <= stops[i].utilization) {
            const HeatStop &lo = stops[i - 1];
            const HeatStop &hi = stops[i];
            const double t = (u - lo.utilization) / (hi.utilization - lo.utilization);
            const auto mix = [t](int a, int b) { return static_cast<int>(a + (b - a) * t + 0.5); };
            return QColor(mix(lo.color.red(), hi.color.red()), mix(lo.color.green(), hi.color.green()),
                          mix(lo.color.blue(), hi.color.blue()));
        }
    }
    return stops.back().color;
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
    return QColor(0x5b, 0x67, 0x78);
}

std::optional<double> spanHeat(const SpanResult &span)
{
    return span.hot_lane_utilization ? span.hot_lane_utilization : span.utilization;
}

} // namespace dci
