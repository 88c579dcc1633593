#pragma once

namespace dci::geo {

// Mean Earth radius (IUGG R1 = 6,371.0088 km), docs/MODEL.md "Geometry".
inline constexpr double kEarthRadiusKm = 6371.0088;
inline constexpr double kPi = 3.14159265358979323846;
// Web Mercator's latitude limit; sites beyond it are clamped when projected.
inline constexpr double kMercatorMaxLatDeg = 85.05112878;

// Great-circle distance by the haversine formula.
double greatCircleKm(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

// Spherical Mercator: x = lon in radians, y = ln(tan(pi/4 + lat/2)), both times scale.
// The canvas uses it with y pointing down (see views/canvas/projection.h).
struct XY {
    double x = 0.0;
    double y = 0.0;
};
XY mercator(double lat_deg, double lon_deg, double scale);
void inverseMercator(double x, double y, double scale, double *lat_deg, double *lon_deg);

} // namespace dci::geo
