#pragma once

#include <string>
#include <vector>

namespace dci {

// The one utilisation palette (DESIGN.md, "Heatmap"), as plain colours so that the core's
// report drawings and the Qt views (views/canvas/heatpalette.h) colour alike.
//
// The ramp is read by lightness first: it darkens steadily from idle to full (CIELAB L*
// 77 -> 29) while its hue runs light blue, teal, green, olive to rust, so the order holds
// for colour-blind viewers, in grey print and on a washed-out projector. Above 100% a
// near-black wine colour. docs/USER-GUIDE.md "Reading the heatmap" records how it was
// checked (Machado et al. 2009 deuteranopia and protanopia simulations).

struct Rgb {
    int r = 0;
    int g = 0;
    int b = 0;
    bool operator==(const Rgb &) const = default;
};

struct PaletteStop {
    double utilization = 0.0; // 1.0 = 100%
    Rgb color;
};

// Equal steps along a path in OKLab, so equal differences of utilisation look equally
// different; 0, 25, 50, 75 and 100%.
const std::vector<PaletteStop> &heatRamp();

// The colour of a utilisation (load / capacity): interpolated along the ramp, negative
// values as 0, anything above 100% the overload colour.
Rgb heatRgb(double utilization);
Rgb overloadRgb();
// A span whose utilisation is not known.
Rgb neutralSpanRgb();

// "#rrggbb".
std::string hexColor(const Rgb &c);

} // namespace dci
