#include "heatpalette.h"

#include <algorithm>

namespace dci {

const std::vector<HeatStop> &heatStops()
{
    static const std::vector<HeatStop> stops = {
        {0.00, QColor(0x2c, 0x7b, 0xb6)}, // blue: idle
        {0.40, QColor(0x1a, 0x96, 0x41)}, // green
        {0.65, QColor(0xe6, 0xb4, 0x1e)}, // yellow
        {0.85, QColor(0xf0, 0x7d, 0x1e)}, // orange
        {1.00, QColor(0xd7, 0x19, 0x1c)}, // red: full
    };
    return stops;
}

QColor colorForUtilization(double utilization)
{
    // Beyond 100% the colour does not keep interpolating: any overload is the same alarm.
    static const QColor overloaded(0xa5, 0x00, 0x26);
    if (utilization > 1.0)
        return overloaded;

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

QColor neutralSpanColor()
{
    return QColor(0x5b, 0x67, 0x78);
}

} // namespace dci
