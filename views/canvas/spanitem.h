#pragma once

#include "engine/results.h"
#include "labelitem.h"
#include "model/scenario.h"

#include <QColor>
#include <QGraphicsItem>
#include <QString>

#include <optional>

namespace dci {

class SiteItem;

// The worst goodput among the demands routed over a span (their DemandResult::paths),
// which the scene gathers for the span's label and tooltip.
struct SpanGoodput {
    double goodput = 1.0;
    QString demand;    // which demand: its label or "from → to"
    QString limitedBy; // what limits that demand's rate ("loss", "capacity", ...)

    bool operator==(const SpanGoodput &) const = default;
};

// A span on the canvas: a line between its two sites' glyphs with a label giving its
// load, capacity and utilisation over its length and one-way latency. A span that is
// down is dotted grey with a cross. The colour is neutral until the engine gives a
// utilisation, then it comes from the one heat palette (heatpalette.h), by the span's
// hottest lane (spanHeat). Lives in scene coordinates; line widths are cosmetic.
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

    void setSpan(const Span &span, const SpanResult *result, const std::optional<SpanGoodput> &goodput = std::nullopt);
    bool isDown() const { return m_down; }
    // The utilisation the colour shows: the hottest lane's, else the average.
    std::optional<double> heat() const { return m_down ? std::nullopt : m_heat; }
    std::optional<double> utilization() const { return m_utilization; }
    // What the colour and the dash show: the heat, unless the scene colours by another
    // figure (View > N-1: the worst utilisation this span's failure causes).
    std::optional<double> shownHeat() const { return m_heatOverride ? m_heatOverride : heat(); }
    void setHeatOverride(const std::optional<double> &heat);
    bool isOverloaded() const { return shownHeat() && *shownHeat() > 1.0; }
    // Carries nothing and has no warning to show: its label is left out unless asked
    // (CanvasScene::setLabelIdleSpans).
    bool isIdle() const { return !m_down && !m_outOfReach && m_loadGbps <= 0.0; }
    bool isOutOfReach() const { return m_outOfReach; }
    QColor color() const;
    // Line width in pixels: grows with the span's capacity (canvasstyle.h).
    double lineWidthPx() const;

    // Sideways offset in pixels, so parallel spans between the same sites stay apart.
    void setParallelOffset(double px);
    double parallelOffset() const { return m_offsetPx; }
    // Pixels per scene unit of the view, to turn pixel offsets into scene units.
    void setViewScale(double pxPerUnit);
    // The label in full (load / capacity, utilisation; length, latency) and its compact
    // form (the utilisation the colour shows), for an overloaded or the hottest span
    // where the full one finds no room. Sizes in pixels.
    QSizeF fullLabelSize() const { return m_fullLabelSize; }
    QSizeF compactLabelSize() const { return m_compactLabelSize; }
    // Where the label's centre goes (scene coordinates) and in which form, or nullopt to
    // hide it.
    void setLabelPosition(const std::optional<QPointF> &scenePos, bool compact = false);

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
    // What the item was last drawn from: setSpan() with the same is a no-op, so an edit
    // redraws only the spans whose figures changed.
    struct Shown {
        Span span;
        std::optional<SpanResult> result;
        std::optional<SpanGoodput> goodput;
        bool operator==(const Shown &) const = default;
    };
    std::optional<Shown> m_shown;
    QString m_id;
    SiteItem *m_a = nullptr;
    SiteItem *m_b = nullptr;
    LabelItem *m_label = nullptr; // owned by this item, not a child (see label())
    QList<LabelLine> m_fullLabel;
    QList<LabelLine> m_compactLabel;
    QSizeF m_fullLabelSize;    // measured when the lines change: layouts ask for it many times
    QSizeF m_compactLabelSize;
    bool m_compactShown = false;
    QLineF m_line;
    bool m_down = false;
    std::optional<double> m_utilization; // average over the lanes
    std::optional<double> m_heat;        // hottest lane, else the average
    std::optional<double> m_heatOverride; // coloured by this instead (N-1 view)
    std::optional<double> m_capacityGbps;
    double m_loadGbps = 0.0;
    bool m_outOfReach = false;
    double m_offsetPx = 0.0;
    double m_pxPerUnit = 1.0;
};

} // namespace dci
