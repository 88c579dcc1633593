#include "clusteritem.h"

#include "canvasstyle.h"

#include <QPainter>

namespace dci {

namespace cs = canvasstyle;

ClusterItem::ClusterItem(double radiusPx)
    : m_radius(radiusPx)
{
    setFlag(ItemIgnoresTransformations);
    setAcceptedMouseButtons(Qt::NoButton);
}

void ClusterItem::setRadius(double radiusPx)
{
    if (radiusPx == m_radius)
        return;
    prepareGeometryChange();
    m_radius = radiusPx;
}

QRectF ClusterItem::boundingRect() const
{
    const double r = m_radius + 1.0;
    return QRectF(-r, -r, 2 * r, 2 * r);
}

void ClusterItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(cs::kClusterOutline, 1.0));
    painter->setBrush(cs::kClusterFill);
    painter->drawEllipse(QPointF(), m_radius, m_radius);
}

} // namespace dci
