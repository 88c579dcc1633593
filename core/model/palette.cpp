#include "palette.h"

#include <algorithm>
#include <cstdio>

namespace dci {

const std::vector<PaletteStop> &heatRamp()
{
    static const std::vector<PaletteStop> stops = {
        {0.00, {0x9c, 0xc2, 0xea}}, // light blue: idle (L* 77)
        {0.25, {0x53, 0xac, 0xad}}, // teal (L* 65)
        {0.50, {0x56, 0x8d, 0x57}}, // green (L* 54)
        {0.75, {0x74, 0x60, 0x00}}, // olive (L* 41)
        {1.00, {0x78, 0x2e, 0x00}}, // rust: full (L* 29)
    };
    return stops;
}

Rgb overloadRgb()
{
    return {0x3d, 0x0a, 0x1a}; // near-black wine (L* 11)
}

Rgb neutralSpanRgb()
{
    return {0x5b, 0x67, 0x78};
}

Rgb heatRgb(double utilization)
{
    // Beyond 100% the colour does not keep interpolating: any overload is the same alarm.
    if (utilization > 1.0)
        return overloadRgb();
    const auto &stops = heatRamp();
    const double u = std::max(0.0, utilization);
    for (std::size_t i = 1; i < stops.size(); ++i) {
        if (u <= stops[i].utilization) {
            const PaletteStop &lo = stops[i - 1];
            const PaletteStop &hi = stops[i];
            const double t = (u - lo.utilization) / (hi.utilization - lo.utilization);
            const auto mix = [t](int a, int b) { return static_cast<int>(a + (b - a) * t + 0.5); };
            return {mix(lo.color.r, hi.color.r), mix(lo.color.g, hi.color.g), mix(lo.color.b, hi.color.b)};
        }
    }
    return stops.back().color;
}

std::string hexColor(const Rgb &c)
{
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r & 0xff, c.g & 0xff, c.b & 0xff);
    return text;
}

} // namespace dci
