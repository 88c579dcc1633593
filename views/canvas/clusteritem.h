#pragma once

#include <QGraphicsItem>

namespace dci {

// The soft disc under a group of sites that are drawn apart on a ring because they
// are too close to draw where they are (see labellayout.h). Pure decoration: the scene
// creates and drops these at every layout, and they take no clicks.
class ClusterItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 4 };

    explicit ClusterItem(double radiusPx);

    int type() const override { return Type; }
    void setRadius(double radiusPx);
    double radius() const { return m_radius; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    double m_radius = 0.0;
};

} // namespace dci
