#pragma once

#include <QPointF>
#include <QRectF>

namespace dci::projection {

// Scene coordinates are spherical Mercator (dci::geo::mercator) with y pointing down.
// Scale: one degree of longitude is 20 scene units, so the whole world is 7,200 units
// wide, a continent about 1,000 and a metro region (0.1 degree) about 2. Both ends stay
// well inside float precision and the view's zoom range, and the number is easy to
// reason about when reading item positions in a debugger.
inline constexpr double kSceneUnitsPerDegree = 20.0;

struct LatLon {
    double lat_deg = 0.0;
    double lon_deg = 0.0;
};

QPointF toScene(double lat_deg, double lon_deg);
LatLon toLatLon(const QPointF &scene);

// Kilometres on the ground per scene unit at a latitude (Mercator stretches by sec(lat)).
double kmPerSceneUnit(double lat_deg);

// The projected world (longitude -180..180, latitude within the Mercator limit).
QRectF worldRect();

} // namespace dci::projection
