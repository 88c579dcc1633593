#pragma once

#include "engine/results.h"
#include "model/scenario.h"

#include <QGraphicsItem>
#include <QList>
#include <QString>

#include <optional>

namespace dci {

class LabelItem;
class SpanItem;

// A site on the canvas: a disc sized by its GPU count, its name, GPUs and facility power
// in a label, the power in red when it is over the site's cap. A site without GPUs (a
// hub) recedes: a small hollow diamond whose label is only its name, shown where the scene
// places it (zoomed in) or while the pointer is on it. Position and glyph ignore the zoom;
// the scene decides where the glyph is drawn (its true position, or moved aside when
// sites crowd, with a leader line back to the true position) and where the label goes.
// The item only displays; it never edits the scenario.
class SiteItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    explicit SiteItem(const QString &id);

    int type() const override { return Type; }
    const QString &id() const { return m_id; }

    // Takes the figures to show; result may be null when the engine has none for the site.
    void setSite(const Site &site, const SiteResult *result);

    double glyphRadius() const; // pixels
    bool isHub() const { return m_gpus == 0; }
    bool isOverCap() const { return m_overCap; }
    bool isDown() const { return m_down; }
    std::int64_t gpus() const { return m_gpus; }

    // The true (projected) position of the site, in scene coordinates.
    void setAnchor(const QPointF &scenePos) { m_anchor = scenePos; }
    QPointF anchor() const { return m_anchor; }

    // Offset from the drawn glyph to the true position, in pixels; zero when not moved.
    void setLeader(const QPointF &offsetPx);

    LabelItem *label() const { return m_label; }
    // Where the layout put the label's top-left corner (pixels from the glyph), or
    // nullopt when it has no place for it: then the label shows only while hovered, and
    // only for a hub (a campus always gets a place).
    void setLabelPlace(const std::optional<QPointF> &originPx);

    // Spans ending here, so they follow the glyph when it moves (not owned).
    void addSpan(SpanItem *span);
    void removeSpan(SpanItem *span);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    // What the item was last drawn from: setSite() with the same is a no-op.
    struct Shown {
        Site site;
        std::optional<SiteResult> result;
        bool operator==(const Shown &) const = default;
    };
    std::optional<Shown> m_shown;
    QString m_id;
    std::int64_t m_gpus = 0;
    bool m_overCap = false;
    bool m_down = false; // out of service: hollow and crossed out
    QPointF m_anchor;
    QPointF m_leader;
    void showLabel();

    LabelItem *m_label = nullptr; // child item, owned by this item
    std::optional<QPointF> m_labelPlace;
    bool m_hovered = false;
    QList<SpanItem *> m_spans;
};

} // namespace dci
