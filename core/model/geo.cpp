#include "geo.h"

#include <algorithm>
#include <cmath>

namespace dci::geo {

namespace {
double radians(double deg) { return deg * kPi / 180.0; }
double degrees(double rad) { return rad * 180.0 / kPi; }
} // namespace

double greatCircleKm(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg)
{
    const double phi1 = radians(lat1_deg);
    const double phi2 = radians(lat2_deg);
    const double dphi = phi2 - phi1;
    const double dlambda = radians(lon2_deg - lon1_deg);
    const double h = std::sin(dphi / 2) * std::sin(dphi / 2)
        + std::cos(phi1) * std::cos(phi2) * std::sin(dlambda / 2) * std::sin(dlambda / 2);
    return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

XY mercator(double lat_deg, double lon_deg, double scale)
{
    const double lat = std::clamp(lat_deg, -kMercatorMaxLatDeg, kMercatorMaxLatDeg);
    return {scale * radians(lon_deg), scale * std::log(std::tan(kPi / 4 + radians(lat) / 2))};
}

void inverseMercator(double x, double y, double scale, double *lat_deg, double *lon_deg)
{
    *lon_deg = degrees(x / scale);
    *lat_deg = degrees(2.0 * std::atan(std::exp(y / scale)) - kPi / 2);
}

} // namespace dci::geo
