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

// A utilisation as the label gives it: whole percent, "<1%" for a trickle (not "0%").
QString labelPercent(double fraction)
{
    if (fraction > 0.0 && fraction < 0.005)
        return QStringLiteral("<1%");
    return displayLocale().toString(qRound(fraction * 100.0)) + QStringLiteral("%");
}
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

void SpanItem::setSpan(const Span &span, const SpanResult *result, const std::optional<SpanGoodput> &goodput)
{
    Shown shown{span, result ? std::optional<SpanResult>(*result) : std::nullopt, goodput};
    if (m_shown && *m_shown == shown)
        return;
    m_shown = std::move(shown);
    m_down = span.down || (result && result->down);
    m_utilization = result ? result->utilization : std::nullopt;
    m_heat = result ? spanHeat(*result) : std::nullopt;
    m_loadGbps = result && result->load_gbps ? *result->load_gbps : 0.0;
    m_capacityGbps = result ? result->capacity_gbps : std::nullopt;
    m_outOfReach = result && result->reach_ok && !*result->reach_ok;
    prepareGeometryChange(); // the width may have changed

    // The hottest lane is worth a mention only when it reads differently from the average.
    const bool hotLaneDiffers = m_heat && m_utilization && labelPercent(*m_heat) != labelPercent(*m_utilization);
    const bool lossy = goodput && goodput->goodput < cs::kGoodputShownBelow;

    // First line: what the span carries against what it can, and the heatmap's number;
    // second: distance and latency, and the goodput when loss eats into it.
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
            load.runs.append({formatRateOf(*result->load_gbps, *result->capacity_gbps), cs::kTextPrimary, false});
        if (m_heat) {
            const QString overload = isOverloaded() ? QStringLiteral(" ▲") : QString();
            const QString heat = (hotLaneDiffers ? QStringLiteral(" · hot lane ") : QStringLiteral(" · "))
                + labelPercent(*m_heat) + overload;
            load.runs.append({heat, textColorForUtilization(*m_heat), true});
            if (hotLaneDiffers)
                load.runs.append({QStringLiteral(" (avg %1)").arg(labelPercent(*m_utilization)), cs::kTextSecondary, false});
        }
    }
    if (result) {
        const QString approx = result->length_estimated ? QStringLiteral("≈") : QString();
        distance.runs.append({approx + formatKm(result->length_km) + QStringLiteral(" · ") + formatMs(result->latency_ms),
                              cs::kTextSecondary, false});
    }
    if (lossy && !m_down)
        distance.runs.append({QStringLiteral(" · goodput ") + labelPercent(goodput->goodput), cs::kOverCap, true});
    QList<LabelLine> full;
    for (const LabelLine &l : {load, distance})
        if (!l.runs.isEmpty())
            full << l;
    QList<LabelLine> compact;
    if (m_heat)
        compact << LabelLine{{{labelPercent(*m_heat) + (isOverloaded() ? QStringLiteral(" ▲") : QString()),
                               textColorForUtilization(*m_heat), true}},
                             cs::kSpanLabelPx};
    else
        compact = full;
    if (full != m_fullLabel || m_fullLabel.isEmpty()) {
        m_fullLabel = std::move(full);
        m_fullLabelSize = LabelItem::measure(m_fullLabel);
    }
    if (compact != m_compactLabel || m_compactLabel.isEmpty()) {
        m_compactLabel = std::move(compact);
        m_compactLabelSize = LabelItem::measure(m_compactLabel);
    }
    m_label->setLines(m_compactShown ? m_compactLabel : m_fullLabel);

    QStringList tip;
    tip << QStringLiteral("<b>%1</b>: %2 – %3")
               .arg(m_id.toHtmlEscaped(), QString::fromStdString(span.a).toHtmlEscaped(),
                    QString::fromStdString(span.b).toHtmlEscaped());
    if (result) {
        tip << QStringLiteral("%1%2, one-way latency %3")
                   .arg(formatKm(result->length_km),
                        result->length_estimated ? QStringLiteral(" (great circle × route factor)") : QString(),
                        formatMs(result->latency_ms));
        const QString gbps = QStringLiteral(" Gb/s");
        const auto number = [](double v) { return displayLocale().toString(v, 'f', 0); };
        if (m_utilization)
            tip << QStringLiteral("Utilisation <b>%1</b>: load %2 of %3%4")
                       .arg(formatPercent(*m_utilization), number(m_loadGbps),
                            number(result->capacity_gbps.value_or(0.0)), gbps);
        else
            tip << QStringLiteral("Utilisation not known (capacity %1)")
                       .arg(result->capacity_gbps ? number(*result->capacity_gbps) + gbps : QStringLiteral("auto"));
        if (result->hot_lane_utilization && m_utilization
            && formatPercent(*result->hot_lane_utilization) != formatPercent(*m_utilization)) {
            QString lanes;
            if (result->lanes)
                lanes = QStringLiteral(" over %1 lanes").arg(*result->lanes);
            if (result->flows)
                lanes += QStringLiteral(", %1 flows").arg(displayLocale().toString(*result->flows, 'g', 4));
            tip << QStringLiteral("Hottest lane <b>%1</b> (ECMP imbalance %2%3): the colour shows this")
                       .arg(formatPercent(*result->hot_lane_utilization),
                            displayLocale().toString(result->ecmp_imbalance.value_or(1.0), 'f', 2), lanes);
        }
    }
    if (goodput && goodput->goodput < 1.0) {
        // Loss makes the demands resend: the span carries more than they get through.
        const QString figure = lossy ? QStringLiteral("<b>%1</b>").arg(formatPercent(goodput->goodput))
                                     : formatPercent(goodput->goodput);
        const QString why = goodput->limitedBy.isEmpty()
                                ? QString()
                                : QStringLiteral(" (limited by %1)").arg(goodput->limitedBy.toHtmlEscaped());
        tip << QStringLiteral("Goodput %1 for %2%3").arg(figure, goodput->demand.toHtmlEscaped(), why);
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
    if (m_heatOverride)
        return colorForUtilization(*m_heatOverride);
    if (m_down)
        return cs::kDownSpan;
    return m_heat ? colorForUtilization(*m_heat) : neutralSpanColor();
}

void SpanItem::setHeatOverride(const std::optional<double> &heat)
{
    if (heat == m_heatOverride)
        return;
    prepareGeometryChange(); // the line's width follows overload
    m_heatOverride = heat;
    update();
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

void SpanItem::setLabelPosition(const std::optional<QPointF> &scenePos, bool compact)
{
    if (compact != m_compactShown) {
        m_compactShown = compact;
        m_label->setLines(compact ? m_compactLabel : m_fullLabel);
    }
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
