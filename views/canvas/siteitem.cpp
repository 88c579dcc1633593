#include "siteitem.h"

#include "canvasstyle.h"
#include "format.h"
#include "labelitem.h"
#include "spanitem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace dci {

namespace cs = canvasstyle;

namespace {
// Extra room around the glyph for the over-cap ring and the selection outline.
constexpr double kGlyphMarginPx = cs::kOverCapRingPx + 3.0;
// A hovered site is raised above its neighbours (the scene stacks all sites at one z).
constexpr double kHoverRaiseZ = 1.0;
} // namespace

SiteItem::SiteItem(const QString &id)
    : m_id(id)
    , m_label(new LabelItem(this))
{
    setFlag(ItemIgnoresTransformations);
    setFlag(ItemIsSelectable);
    setFlag(ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
}

void SiteItem::setSite(const Site &site, const SiteResult *result)
{
    Shown shown{site, result ? std::optional<SiteResult>(*result) : std::nullopt};
    if (m_shown && *m_shown == shown)
        return;
    m_shown = std::move(shown);
    prepareGeometryChange();
    m_gpus = site.gpus;
    m_overCap = result && result->over_cap;
    m_down = site.down;

    QList<LabelLine> lines;
    if (site.gpus <= 0) {
        // A hub's label is only its name: the diamond already says it has no GPUs.
        lines.append({{{QString::fromStdString(site.name), cs::kTextSecondary, false}}, cs::kLabelDetailPx});
    } else {
        lines.append({{{QString::fromStdString(site.name), m_down ? cs::kTextSecondary : cs::kTextPrimary, true}},
                      cs::kLabelTitlePx});
        LabelLine detail{{}, cs::kLabelDetailPx};
        if (m_down)
            detail.runs.append({QObject::tr("down · "), cs::kOverCap, true});
        const QString gpuName = site.gpu.empty() ? QStringLiteral("GPUs") : QString::fromStdString(site.gpu);
        detail.runs.append({formatCompactCount(site.gpus) + QLatin1Char(' ') + gpuName,
                            cs::kTextSecondary, false});
        if (result) {
            detail.runs.append({QStringLiteral(" · "), cs::kTextSecondary, false});
            QString mw = formatMw(result->power_mw);
            if (m_overCap && result->power_cap_mw)
                mw += QStringLiteral(" > ") + displayLocale().toString(*result->power_cap_mw, 'g', 6)
                    + QStringLiteral(" cap");
            detail.runs.append({mw, m_overCap ? cs::kOverCap : cs::kTextSecondary, m_overCap});
        }
        lines.append(detail);
    }
    m_label->setLines(lines);
    showLabel();

    QStringList tip;
    tip << QStringLiteral("<b>%1</b> <span style='color:gray'>(%2)</span>")
               .arg(QString::fromStdString(site.name).toHtmlEscaped(), m_id.toHtmlEscaped());
    tip << QStringLiteral("%1, %2").arg(site.lat, 0, 'f', 4).arg(site.lon, 0, 'f', 4);
    if (site.gpus > 0)
        tip << QStringLiteral("%1 × %2").arg(formatCount(site.gpus), QString::fromStdString(site.gpu));
    else
        tip << QStringLiteral("Hub: no GPUs");
    if (result) {
        tip << QStringLiteral("IT power %1, facility %2 (PUE %3)")
                   .arg(formatMw(result->it_power_mw), formatMw(result->power_mw))
                   .arg(result->pue, 0, 'f', 2);
        if (result->power_cap_mw)
            tip << QStringLiteral("Power cap %1%2").arg(formatMw(*result->power_cap_mw),
                                                        m_overCap ? QStringLiteral(" — <b>exceeded</b>") : QString());
    }
    setToolTip(tip.join(QStringLiteral("<br>")));
    update();
}

double SiteItem::glyphRadius() const
{
    if (m_gpus <= 0)
        return cs::kHubRadiusPx;
    const double r = cs::kGlyphRadiusPerSqrtKiloGpuPx * std::sqrt(static_cast<double>(m_gpus) / 1000.0);
    return std::clamp(r, cs::kGlyphMinRadiusPx, cs::kGlyphMaxRadiusPx);
}

void SiteItem::setLeader(const QPointF &offsetPx)
{
    if (offsetPx == m_leader)
        return;
    prepareGeometryChange();
    m_leader = offsetPx;
}

void SiteItem::setLabelPlace(const std::optional<QPointF> &originPx)
{
    m_labelPlace = originPx;
    showLabel();
}

void SiteItem::showLabel()
{
    const bool shown = !m_label->size().isEmpty() && (m_labelPlace || (m_hovered && isHub()));
    if (m_labelPlace)
        m_label->setOrigin(*m_labelPlace);
    else if (shown) // hovered: beside the glyph, above whatever is there
        m_label->setOrigin(QPointF(glyphRadius() + cs::kLabelGapPx, -m_label->size().height() / 2));
    m_label->setVisible(shown);
}

void SiteItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    setZValue(zValue() + kHoverRaiseZ); // its label over the neighbours' glyphs
    showLabel();
    QGraphicsItem::hoverEnterEvent(event);
}

void SiteItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    if (m_hovered)
        setZValue(zValue() - kHoverRaiseZ);
    m_hovered = false;
    showLabel();
    QGraphicsItem::hoverLeaveEvent(event);
}

void SiteItem::addSpan(SpanItem *span)
{
    if (!m_spans.contains(span))
        m_spans.append(span);
}

void SiteItem::removeSpan(SpanItem *span)
{
    m_spans.removeAll(span);
}

QRectF SiteItem::boundingRect() const
{
    const double r = glyphRadius() + kGlyphMarginPx;
    QRectF rect(-r, -r, 2 * r, 2 * r);
    if (!m_leader.isNull()) {
        const double d = cs::kAnchorDotRadiusPx + 1.0;
        rect = rect.united(QRectF(m_leader.x() - d, m_leader.y() - d, 2 * d, 2 * d));
    }
    return rect;
}

QPainterPath SiteItem::shape() const
{
    QPainterPath path;
    const double r = glyphRadius();
    path.addEllipse(QPointF(), r, r);
    return path;
}

void SiteItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const double r = glyphRadius();

    // Leader back to the true position, under the glyph.
    if (!m_leader.isNull()) {
        painter->setPen(QPen(cs::kLeader, 1.0));
        painter->drawLine(QPointF(), m_leader);
        painter->setPen(Qt::NoPen);
        painter->setBrush(cs::kLeader);
        painter->drawEllipse(m_leader, cs::kAnchorDotRadiusPx, cs::kAnchorDotRadiusPx);
    }

    const bool selected = option->state & QStyle::State_Selected;
    if (isHub()) {
        QPolygonF diamond;
        diamond << QPointF(0, -r) << QPointF(r, 0) << QPointF(0, r) << QPointF(-r, 0);
        painter->setBrush(cs::kHubFill);
        painter->setPen(QPen(m_overCap ? cs::kOverCap : cs::kHubOutline, cs::kHubOutlinePx));
        painter->drawPolygon(diamond);
    } else {
        // White border separates the disc from spans and leader lines underneath. A site
        // that is down is drawn hollow in the down spans' grey, crossed out.
        painter->setPen(QPen(m_down ? cs::kDownSpan : Qt::white, cs::kSiteBorderPx));
        painter->setBrush(m_down ? QColor(Qt::white) : cs::kSiteFill);
        painter->drawEllipse(QPointF(), r, r);
        if (m_overCap) {
            painter->setBrush(Qt::NoBrush);
            painter->setPen(QPen(cs::kOverCap, cs::kOverCapRingPx));
            const double ring = r + cs::kOverCapRingPx / 2.0 + 0.5;
            painter->drawEllipse(QPointF(), ring, ring);
        }
    }
    if (m_down) {
        const double arm = r * M_SQRT1_2;
        painter->setPen(QPen(cs::kOverCap, cs::kOverCapRingPx, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(QPointF(-arm, -arm), QPointF(arm, arm));
        painter->drawLine(QPointF(-arm, arm), QPointF(arm, -arm));
    }
    if (selected) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(cs::kSelection, 2.0, Qt::DashLine));
        const double ring = r + kGlyphMarginPx - 1.0;
        painter->drawEllipse(QPointF(), ring, ring);
    }
}

QVariant SiteItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        for (SpanItem *span : std::as_const(m_spans))
            span->adjust();
    }
    return QGraphicsItem::itemChange(change, value);
}

} // namespace dci
