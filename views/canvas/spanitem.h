#pragma once

#include "engine/results.h"
#include "model/scenario.h"

#include <QColor>
#include <QGraphicsItem>
#include <QString>

#include <optional>

namespace dci {

class LabelItem;
class SiteItem;

// A span on the canvas: a line between its two sites' glyphs with a label giving its
// length and one-way latency. A span that is down is dashed grey with a cross. The
// colour is neutral until the engine gives a utilisation, then it comes from the one
// heat palette (heatpalette.h). Lives in scene coordinates; line widths are cosmetic.
class SpanItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    // The sites are not owned; the scene deletes a span before its sites.
    SpanItem(const QString &id, SiteItem *a, SiteItem *b);
    ~SpanItem() override;

    int type() const override { return Type; }
    const QString &id() const { return m_id; }
    SiteItem *siteA() const { return m_a; }
    SiteItem *siteB() const { return m_b; }

    void setSpan(const Span &span, const SpanResult *result);
    bool isDown() const { return m_down; }
    bool isOverloaded() const { return !m_down && m_utilization && *m_utilization > 1.0; }
    bool isOutOfReach() const { return m_outOfReach; }
    QColor color() const;
    // Line width in pixels: grows with the span's capacity (canvasstyle.h).
    double lineWidthPx() const;

    // Sideways offset in pixels, so parallel spans between the same sites stay apart.
    void setParallelOffset(double px);
    double parallelOffset() const { return m_offsetPx; }
    // Pixels per scene unit of the view, to turn pixel offsets into scene units.
    void setViewScale(double pxPerUnit);
    // Where the label's centre goes (scene coordinates), or nullopt to hide it.
    void setLabelPosition(const std::optional<QPointF> &scenePos);

    // The label is a separate top-level item owned by the span, so the scene can stack all
    // span labels above all span lines (a child would sit under later spans' lines).
    LabelItem *label() const { return m_label; }
    QLineF line() const { return m_line; }

    // Follows the end sites; call after either moved.
    void adjust();

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_id;
    SiteItem *m_a = nullptr;
    SiteItem *m_b = nullptr;
    LabelItem *m_label = nullptr; // owned by this item, not a child (see label())
    QLineF m_line;
    bool m_down = false;
    std::optional<double> m_utilization;
    std::optional<double> m_capacityGbps;
    bool m_outOfReach = false;
    double m_offsetPx = 0.0;
    double m_pxPerUnit = 1.0;
};

} // namespace dci
