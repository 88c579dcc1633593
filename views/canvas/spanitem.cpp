#include "spanitem.h"

#include "canvasstyle.h"
#include "format.h"
#include "heatpalette.h"
#include "labelitem.h"
#include "labellayout.h"
#include "siteitem.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

namespace dci {

namespace cs = canvasstyle;

namespace {
// Half the width, in pixels, of the band around the line that counts as the span
// (painting margin and mouse hit area).
constexpr double kHitHalfWidthPx = 6.0;
constexpr int kUtilizationTextDarkerPercent = 135;
} // namespace

SpanItem::SpanItem(const QString &id, SiteItem *a, SiteItem *b)
    : m_id(id)
    , m_a(a)
    , m_b(b)
    , m_label(new LabelItem(nullptr))
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    m_a->addSpan(this);
    m_b->addSpan(this);
    adjust();
}

SpanItem::~SpanItem()
{
    m_a->removeSpan(this);
    m_b->removeSpan(this);
    delete m_label; // a separate item (see label()), removed from the scene with it
}

void SpanItem::setSpan(const Span &span, const SpanResult *result)
{
    m_down = span.down || (result && result->down);
    m_utilization = result ? result->utilization : std::nullopt;

    m_capacityGbps = result ? result->capacity_gbps : std::nullopt;
    m_outOfReach = result && result->reach_ok && !*result->reach_ok;
    prepareGeometryChange(); // the width may have changed

    // First line: what the span carries against what it can (the heatmap's number);
    // second: distance and latency.
    LabelLine load{{}, cs::kSpanLabelPx};
    LabelLine distance{{}, cs::kSpanLabelPx - 1};
    if (m_down)
        load.runs.append({QStringLiteral("✕ down"), cs::kOverCap, true});
    if (m_outOfReach)
        load.runs.append({QStringLiteral("⚠ out of reach"), cs::kOverCap, true});
    if (result && !m_down) {
        if (!load.runs.isEmpty())
            load.runs.append({QStringLiteral(" · "), cs::kTextSecondary, false});
        if (result->load_gbps && result->capacity_gbps)
            load.runs.append({formatRate(*result->load_gbps) + QStringLiteral(" / ") + formatRate(*result->capacity_gbps),
                              cs::kTextPrimary, false});
        if (m_utilization)
            // Darkened: the yellow and orange of the palette are too light for text on white.
            load.runs.append({QStringLiteral(" · %1%%2").arg(qRound(*m_utilization * 100.0)).arg(isOverloaded() ? QStringLiteral(" ▲") : QString()),
                              colorForUtilization(*m_utilization).darker(kUtilizationTextDarkerPercent), true});
    }
    if (result) {
        const QString approx = result->length_estimated ? QStringLiteral("≈") : QString();
        distance.runs.append({approx + formatKm(result->length_km) + QStringLiteral(" · ") + formatMs(result->latency_ms),
                              cs::kTextSecondary, false});
    }
    QList<LabelLine> lines;
    for (const LabelLine &l : {load, distance})
        if (!l.runs.isEmpty())
            lines << l;
    m_label->setLines(lines);

    QStringList tip;
    tip << QStringLiteral("<b>%1</b>: %2 – %3")
               .arg(m_id.toHtmlEscaped(), QString::fromStdString(span.a).toHtmlEscaped(),
                    QString::fromStdString(span.b).toHtmlEscaped());
    if (result) {
        tip << QStringLiteral("%1%2, one-way latency %3")
                   .arg(formatKm(result->length_km),
                        result->length_estimated ? QStringLiteral(" (great circle × route factor)") : QString(),
                        formatMs(result->latency_ms));
        if (result->capacity_gbps)
            tip << QStringLiteral("Capacity %1 Gb/s").arg(displayLocale().toString(*result->capacity_gbps, 'f', 0));
        if (result->load_gbps)
            tip << QStringLiteral("Load %1 Gb/s").arg(displayLocale().toString(*result->load_gbps, 'f', 0));
    }
    QString optics = QString::fromStdString(span.optic);
    if (!span.band.empty())
        optics += QStringLiteral(", %1 band").arg(QString::fromStdString(span.band));
    optics += span.fiber_pairs ? QStringLiteral(", %1 fiber pairs").arg(*span.fiber_pairs)
                               : QStringLiteral(", fiber pairs auto");
    optics += span.wavelengths ? QStringLiteral(", %1 λ per pair").arg(*span.wavelengths)
                               : QStringLiteral(", wavelengths auto");
    tip << optics;
    if (m_down)
        tip << QStringLiteral("<b>Down</b> (out of service)");
    setToolTip(tip.join(QStringLiteral("<br>")));
    update();
}

double SpanItem::lineWidthPx() const
{
    if (m_down)
        return cs::kDownSpanWidthPx;
    double width = cs::kSpanWidthPx;
    if (m_capacityGbps && *m_capacityGbps > cs::kSpanWidthBaseGbps)
        width += cs::kSpanWidthPerDoublingPx * std::log2(*m_capacityGbps / cs::kSpanWidthBaseGbps);
    width = std::min(width, cs::kSpanMaxWidthPx);
    return isOverloaded() ? width + cs::kOverloadedExtraWidthPx : width;
}

QColor SpanItem::color() const
{
    if (m_down)
        return cs::kDownSpan;
    return m_utilization ? colorForUtilization(*m_utilization) : neutralSpanColor();
}

void SpanItem::setParallelOffset(double px)
{
    m_offsetPx = px;
    adjust();
}

void SpanItem::setViewScale(double pxPerUnit)
{
    if (pxPerUnit <= 0.0 || pxPerUnit == m_pxPerUnit)
        return;
    prepareGeometryChange();
    m_pxPerUnit = pxPerUnit;
    adjust();
}

void SpanItem::setLabelPosition(const std::optional<QPointF> &scenePos)
{
    m_label->setVisible(scenePos.has_value() && !m_label->size().isEmpty());
    if (scenePos) {
        m_label->setPos(*scenePos);
        m_label->setOrigin(QPointF(-m_label->size().width() / 2, -m_label->size().height() / 2));
    }
    update(); // the cross of a down span shows only while its label is hidden
}

void SpanItem::adjust()
{
    const auto [p, q] = spanEnds(m_a->pos(), m_b->pos(), m_offsetPx / m_pxPerUnit);
    const QLineF line(p, q);
    if (line == m_line)
        return;
    prepareGeometryChange();
    m_line = line;
}

QRectF SpanItem::boundingRect() const
{
    const double pad = (kHitHalfWidthPx + cs::kDownMarkHalfPx + cs::kSpanMaxWidthPx) / m_pxPerUnit;
    return QRectF(m_line.p1(), m_line.p2()).normalized().adjusted(-pad, -pad, pad, pad);
}

QPainterPath SpanItem::shape() const
{
    QPainterPath path(m_line.p1());
    path.lineTo(m_line.p2());
    QPainterPathStroker stroker;
    stroker.setWidth(2.0 * kHitHalfWidthPx / m_pxPerUnit);
    return stroker.createStroke(path);
}

void SpanItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    if (option->state & QStyle::State_Selected) {
        QColor glow = cs::kSelection;
        glow.setAlpha(cs::kSelectionGlowAlpha);
        QPen halo(glow, lineWidthPx() + 8.0);
        halo.setCosmetic(true);
        halo.setCapStyle(Qt::RoundCap);
        painter->setPen(halo);
        painter->drawLine(m_line);
    }
    QPen pen(color(), lineWidthPx());
    pen.setCosmetic(true);
    pen.setCapStyle(Qt::FlatCap);
    if (m_down) {
        pen.setStyle(Qt::DotLine);
    } else if (isOverloaded()) {
        // Long dashes: the overload reads without colour too (print, colour blindness).
        pen.setDashPattern({3.0, 1.2});
    }
    painter->setPen(pen);
    painter->drawLine(m_line);

    if (m_down && !m_label->isVisible()) {
        // The cross is drawn in pixels at the midpoint, whatever the zoom.
        const QPointF mid = m_line.center();
        const double h = cs::kDownMarkHalfPx / m_pxPerUnit;
        QPen cross(cs::kOverCap, 2.0);
        cross.setCosmetic(true);
        painter->setPen(cross);
        painter->drawLine(mid + QPointF(-h, -h), mid + QPointF(h, h));
        painter->drawLine(mid + QPointF(-h, h), mid + QPointF(h, -h));
    }
}

} // namespace dci
