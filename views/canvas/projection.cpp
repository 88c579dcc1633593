#include "projection.h"

#include "model/geo.h"

#include <cmath>

namespace dci::projection {

namespace {
// geo::mercator takes the scale per radian.
constexpr double kScalePerRadian = kSceneUnitsPerDegree * 180.0 / geo::kPi;
} // namespace

QPointF toScene(double lat_deg, double lon_deg)
{
    const geo::XY xy = geo::mercator(lat_deg, lon_deg, kScalePerRadian);
    return {xy.x, -xy.y};
}

LatLon toLatLon(const QPointF &scene)
{
    LatLon ll;
    geo::inverseMercator(scene.x(), -scene.y(), kScalePerRadian, &ll.lat_deg, &ll.lon_deg);
    return ll;
}

double kmPerSceneUnit(double lat_deg)
{
    const double kmPerDegreeAtEquator = geo::kEarthRadiusKm * geo::kPi / 180.0;
    return kmPerDegreeAtEquator / kSceneUnitsPerDegree * std::cos(lat_deg * geo::kPi / 180.0);
}

QRectF worldRect()
{
    const QPointF topLeft = toScene(geo::kMercatorMaxLatDeg, -180.0);
    const QPointF bottomRight = toScene(-geo::kMercatorMaxLatDeg, 180.0);
    return QRectF(topLeft, bottomRight);
}

} // namespace dci::projection
