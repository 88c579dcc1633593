#include "canvasview.h"

#include "canvasscene.h"
#include "canvasstyle.h"
#include "format.h"
#include "heatpalette.h"
#include "labelitem.h"
#include "map/maplayer.h"
#include "projection.h"
#include "siteitem.h"
#include "spanitem.h"

#include <QApplication>
#include <QLinearGradient>
#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <utility>
#include <cmath>

namespace dci {

namespace cs = canvasstyle;

namespace {
// One wheel notch (120 units of angle delta) zooms by this factor; 1.25^3 ~ 2x.
constexpr double kWheelZoomPerNotch = 1.25;
constexpr double kWheelNotch = 120.0;
constexpr double kButtonZoom = 1.5;
// Room left around the drawing when fitting (labels are already part of the layout):
// the top and right edges carry the graticule labels, the bottom-left the scale bar. A
// canvas smaller than kRoomyCanvasPx keeps a share of it, no less than kMinFitMarginShare,
// and the scale bar's height at the bottom (issue 13 #17: the full margins took a third of
// a small window's canvas, and the fit fell back to the whole world).
const QMarginsF kFitMarginsPx(28.0, 34.0, 52.0, 46.0);
constexpr QSizeF kRoomyCanvasPx(900.0, 500.0);
constexpr double kMinFitMarginShare = 0.3;
// The region a new plan opens on (degrees): North America's inhabited latitudes.
constexpr double kStartNorthDeg = 60.0;
constexpr double kStartSouthDeg = 15.0;
constexpr double kStartWestDeg = -135.0;
constexpr double kStartEastDeg = -55.0;
// The graticule stops where the map does: longitudes -180..180, latitudes of the projection.
constexpr double kMaxLonDeg = 180.0;
constexpr double kMaxLatDeg = 85.0;
// Graticule lines are at least this far apart on screen.
constexpr double kMinGraticuleSpacingPx = 110.0;
constexpr int kGraticuleTextPx = 10;
// Scale bar: at most this long, in the bottom-left corner.
constexpr double kScaleBarMaxPx = 140.0;
constexpr double kScaleBarInsetPx = 18.0;
constexpr double kScaleBarTickPx = 5.0;
constexpr int kScaleBarTextPx = 11;
constexpr int kHintTextPx = 17;
// Legend: a utilisation bar in the bottom-right corner.
constexpr double kLegendBarWidthPx = 160.0;
constexpr double kLegendBarHeightPx = 9.0;
constexpr double kLegendInsetPx = 14.0;
constexpr double kLegendPaddingPx = 8.0;
constexpr int kLegendTextPx = 10;
// The bar runs from 0 to this utilisation; the overload swatch sits past its end.
constexpr double kLegendMaxUtilization = 1.0;
constexpr double kLegendOverloadSwatchPx = 30.0;
// The compact legend, one row: "0% [bar] 100% [swatch] over".
constexpr double kCompactBarWidthPx = 64.0;
constexpr double kCompactSwatchPx = 16.0;
constexpr double kCompactPaddingPx = 5.0;
constexpr double kCompactGapPx = 4.0;

// The heat palette from 0 to kLegendMaxUtilization, as the spans are coloured.
void drawHeatBar(QPainter *painter, const QRectF &bar)
{
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    for (const HeatStop &stop : heatStops())
        if (stop.utilization <= kLegendMaxUtilization)
            gradient.setColorAt(stop.utilization / kLegendMaxUtilization, stop.color);
    painter->setPen(Qt::NoPen);
    painter->setBrush(gradient);
    painter->drawRect(bar);
    painter->setBrush(Qt::NoBrush);
}

// Overloaded: the colour and the dash the canvas uses, centred on y.
void drawOverloadSwatch(QPainter *painter, double left, double y, double length)
{
    QPen over(overloadColor(), kLegendBarHeightPx * 0.5);
    over.setDashPattern({3.0, 1.2}); // the spans' own dash (spanitem.cpp)
    over.setCapStyle(Qt::FlatCap);
    painter->setPen(over);
    painter->drawLine(QPointF(left, y), QPointF(left + length, y));
}

// "40°N", "95.5°W": degrees with just the decimals the step needs.
QString formatDegrees(double value, bool latitude, double step)
{
    const int decimals = step >= 1.0 ? 0 : (step >= 0.1 ? 1 : 2);
    const QChar hemisphere = latitude ? (value >= 0 ? QLatin1Char('N') : QLatin1Char('S'))
                                      : (value >= 0 ? QLatin1Char('E') : QLatin1Char('W'));
    if (std::abs(value) < 1e-9)
        return QStringLiteral("0°");
    return QString::number(std::abs(value), 'f', decimals) + QStringLiteral("°") + hemisphere;
}

} // namespace

CanvasView::CanvasView(CanvasScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    // The graticule, scale bar and the fixed-pixel glyphs all depend on the whole
    // viewport, so partial updates would leave stale pixels.
    setViewportUpdateMode(FullViewportUpdate);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTransformationAnchor(NoAnchor);
    setResizeAnchor(AnchorViewCenter);
    setDragMode(NoDrag);
    setFrameShape(QFrame::NoFrame);
    setBackgroundBrush(cs::kBackground);
    setMouseTracking(true);
    applyZoom(1.0);
}

void CanvasView::setHintText(const QString &text)
{
    m_hint = text;
    viewport()->update();
}

void CanvasView::applyZoom(double pxPerUnit)
{
    const double zoom = std::clamp(pxPerUnit, kMinZoom, kMaxZoom);
    setTransform(QTransform::fromScale(zoom, zoom));
    m_scene->setViewScale(zoom);
    emit zoomChanged(zoom);
}

void CanvasView::fitToScene()
{
    if (!m_scene->hasContent()) { // nothing to fit (an empty plan): the map to place sites on
        showWorld();
        return;
    }
    m_autoFit = true;
    const bool remembered = m_lastFit && m_lastFit->viewport == viewport()->size()
        && m_lastFit->revision == m_scene->revision() && m_lastFit->legend == m_legendVisible;
    if (!remembered) {
        m_lastFit.reset();
        if (const std::optional<CanvasScene::Fit> fit = fitClearOfLegend())
            m_lastFit = FitMemo{viewport()->size(), m_scene->revision(), m_legendVisible, *fit};
    }
    if (m_lastFit) {
        applyZoom(m_lastFit->fit.pxPerUnit);
        centerOn(m_lastFit->fit.center);
    }
    viewport()->update();
}

std::optional<CanvasScene::Fit> CanvasView::fitClearOfLegend()
{
    const QSizeF size = viewport()->size();
    const QMarginsF margins = fitMargins();
    // A fit shows some country around the plan: one site (or sites a few km apart) is not
    // blown up to street level, where the map says nothing (kMinFitSpanUnits across).
    const double maxZoom = std::clamp(size.width() / kMinFitSpanUnits, kMinZoom, kMaxZoom);
    const std::optional<CanvasScene::Fit> fit = m_scene->fitFor(size, margins, kMinZoom, maxZoom);
    if (!fit || !m_legendVisible)
        return fit;
    // A site or its label under the legend is hidden by it. What lands there is read from
    // the scene laid out at this fit; if anything does, fit again clear of the legend's
    // band at the bottom or its column at the right, whichever zooms closer.
    applyZoom(fit->pxPerUnit);
    centerOn(fit->center);
    const QRectF legend = legendRect();
    if (legend.isEmpty() || !sitesOrLabelsUnder(legend))
        return fit;
    const QMarginsF above = margins + QMarginsF(0.0, 0.0, 0.0, legend.height() + kLegendInsetPx);
    const QMarginsF beside = margins + QMarginsF(0.0, 0.0, legend.width() + kLegendInsetPx, 0.0);
    const auto fitAbove = m_scene->fitFor(size, above, kMinZoom, maxZoom);
    const auto fitBeside = m_scene->fitFor(size, beside, kMinZoom, maxZoom);
    if (fitAbove && fitBeside)
        return fitBeside->pxPerUnit > fitAbove->pxPerUnit ? fitBeside : fitAbove;
    return fitAbove ? fitAbove : fit;
}

QMarginsF CanvasView::fitMargins() const
{
    const QSizeF size = viewport()->size();
    const double share = std::clamp(std::min(size.width() / kRoomyCanvasPx.width(), size.height() / kRoomyCanvasPx.height()),
                                    kMinFitMarginShare, 1.0);
    QMarginsF margins = kFitMarginsPx * share;
    const double scaleBarPx = kScaleBarInsetPx + kScaleBarTickPx + 3.0 + QFontMetricsF(pixelFont(kScaleBarTextPx)).height();
    margins.setBottom(std::max(margins.bottom(), scaleBarPx));
    return margins;
}

bool CanvasView::sitesOrLabelsUnder(const QRectF &viewportRect) const
{
    for (const QGraphicsItem *item : items(viewportRect.toAlignedRect()))
        if (item->isVisible() && (item->type() == SiteItem::Type || item->type() == LabelItem::Type))
            return true;
    return false;
}

void CanvasView::showWorld()
{
    // Where a new plan starts (issue 13 #6, #7): North America between 15 and 60 degrees
    // north, the region the samples and imported backbones are in; zooming out shows the
    // rest of the world.
    const QRectF region = QRectF(projection::toScene(kStartNorthDeg, kStartWestDeg),
                                 projection::toScene(kStartSouthDeg, kStartEastDeg))
                              .normalized();
    const QSizeF area = QSizeF(viewport()->size()).shrunkBy(fitMargins());
    if (area.isEmpty() || region.isEmpty())
        return;
    m_autoFit = false;
    applyZoom(std::min(area.width() / region.width(), area.height() / region.height()));
    centerOn(region.center());
    viewport()->update();
}

QRectF CanvasView::visibleSceneRect() const
{
    return mapToScene(viewport()->rect()).boundingRect();
}

void CanvasView::showSceneRect(const QRectF &sceneRect)
{
    const QSizeF area = viewport()->size();
    if (area.isEmpty() || sceneRect.isEmpty())
        return;
    m_autoFit = false;
    applyZoom(std::min(area.width() / sceneRect.width(), area.height() / sceneRect.height()));
    centerOn(sceneRect.center());
    viewport()->update();
}

void CanvasView::showAt(double pxPerUnit, const QPointF &sceneCenter)
{
    m_autoFit = false;
    applyZoom(pxPerUnit);
    centerOn(sceneCenter);
    viewport()->update();
}

void CanvasView::zoomIn()
{
    zoomBy(kButtonZoom, QRectF(viewport()->rect()).center());
}

void CanvasView::zoomOut()
{
    zoomBy(1.0 / kButtonZoom, QRectF(viewport()->rect()).center());
}

void CanvasView::zoomBy(double factor, const QPointF &viewportPos)
{
    m_autoFit = false;
    const QPointF fixed = mapToScene(viewportPos.toPoint());
    applyZoom(zoom() * factor);
    // Scroll so the scene point that was under the cursor is under it again.
    const QPoint drift = mapFromScene(fixed) - viewportPos.toPoint();
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + drift.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() + drift.y());
    viewport()->update();
}

void CanvasView::wheelEvent(QWheelEvent *event)
{
    const double notches = event->angleDelta().y() / kWheelNotch;
    if (notches == 0.0) {
        event->ignore();
        return;
    }
    zoomBy(std::pow(kWheelZoomPerNotch, notches), event->position());
    event->accept();
}

void CanvasView::setTool(Tool tool)
{
    if (tool == m_tool)
        return;
    m_tool = tool;
    m_drag = Drag::None;
    viewport()->setCursor(tool == Tool::Select ? Qt::ArrowCursor : Qt::CrossCursor);
    viewport()->update();
    emit toolChanged(tool);
}

QStringList CanvasView::selectedSiteIds() const
{
    QStringList ids;
    for (const QString &id : m_scene->siteIds())
        if (const SiteItem *item = m_scene->siteItem(id); item && item->isSelected())
            ids << id;
    return ids;
}

QStringList CanvasView::selectedSpanIds() const
{
    QStringList ids;
    for (const QString &id : m_scene->spanIds())
        if (const SpanItem *item = m_scene->spanItem(id); item && item->isSelected())
            ids << id;
    return ids;
}

void CanvasView::selectElements(const QStringList &siteIds, const QStringList &spanIds)
{
    const QSignalBlocker block(m_scene);
    m_scene->clearSelection();
    for (const QString &id : siteIds)
        if (SiteItem *item = m_scene->siteItem(id))
            item->setSelected(true);
    for (const QString &id : spanIds)
        if (SpanItem *item = m_scene->spanItem(id))
            item->setSelected(true);
    viewport()->update();
}

void CanvasView::setMapLayer(const MapLayer *map)
{
    m_map = map;
    invalidateBackground();
}

void CanvasView::setMapVisible(bool visible)
{
    m_mapVisible = visible;
    invalidateBackground();
}

void CanvasView::setLabelIdleSpans(bool labelled)
{
    m_scene->setLabelIdleSpans(labelled);
    if (m_autoFit)
        fitToScene();
    viewport()->update();
}

QString CanvasView::legendTitle()
{
    return tr("Span utilisation, hottest lane");
}

void CanvasView::setLegendHeading(const QString &heading)
{
    m_legendHeading = heading;
    viewport()->update();
}

void CanvasView::setBannerText(const QString &text)
{
    m_banner = text;
    viewport()->update();
}

void CanvasView::setLegendVisible(bool visible)
{
    m_legendVisible = visible;
    viewport()->update();
}

QGraphicsItem *CanvasView::elementAt(const QPoint &viewportPos) const
{
    for (QGraphicsItem *item : items(viewportPos)) {
        for (QGraphicsItem *it = item; it; it = it->parentItem())
            if (qgraphicsitem_cast<SiteItem *>(it) || qgraphicsitem_cast<SpanItem *>(it))
                return it;
        // A span's label is its own item (spanitem.h).
        for (const QString &id : m_scene->spanIds())
            if (SpanItem *span = m_scene->spanItem(id); span && static_cast<QGraphicsItem *>(span->label()) == item)
                return span;
    }
    return nullptr;
}

void CanvasView::contextMenuEvent(QContextMenuEvent *event)
{
    QGraphicsItem *element = elementAt(event->pos());
    const auto *site = qgraphicsitem_cast<SiteItem *>(element);
    const auto *span = qgraphicsitem_cast<SpanItem *>(element);
    if (element && !element->isSelected()) { // as a left click would: only it
        m_scene->clearSelection();
        element->setSelected(true);
    }
    const projection::LatLon at = projection::toLatLon(mapToScene(event->pos()));
    emit contextMenuRequested(site ? site->id() : QString(), span ? span->id() : QString(), at.lat_deg, at.lon_deg,
                              event->globalPos());
    event->accept();
}

void CanvasView::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = event->pos();
    m_dragPos = event->pos();
    m_dragMoved = false;
    QGraphicsItem *element = elementAt(event->pos());
    auto *site = qgraphicsitem_cast<SiteItem *>(element);
    const bool left = event->button() == Qt::LeftButton;

    if (left && m_tool == Tool::AddSpan && site) {
        m_drag = Drag::Span;
        m_spanFrom = site->id();
        event->accept();
        return;
    }
    if (left && m_tool == Tool::AddSite && !element) {
        m_drag = Drag::None; // the click is handled on release, so a drag can still pan
    }
    if (left && element && m_tool != Tool::AddSpan) {
        // Select: Ctrl toggles, a click on an unselected element selects only it.
        const bool toggle = event->modifiers() & Qt::ControlModifier;
        if (toggle) {
            element->setSelected(!element->isSelected());
        } else if (!element->isSelected()) {
            m_scene->clearSelection();
            element->setSelected(true);
        }
        m_moveIds.clear();
        m_moveStart.clear();
        if (site && site->isSelected() && !toggle) {
            for (const QString &id : selectedSiteIds()) {
                m_moveIds << id;
                m_moveStart << m_scene->siteItem(id)->anchor();
            }
            m_drag = Drag::Move;
        }
        viewport()->update();
        event->accept();
        return;
    }
    // Background: Shift-drag draws a rubber band; otherwise the left or middle button pans.
    const bool onBackground = element == nullptr;
    if (left && onBackground && (event->modifiers() & Qt::ShiftModifier)) {
        m_drag = Drag::Band;
        event->accept();
        return;
    }
    if (event->button() == Qt::MiddleButton || (left && onBackground)) {
        m_panning = true;
        m_panLast = event->pos();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void CanvasView::emitMove(const QPoint &viewportPos, bool finished)
{
    const QPointF delta = mapToScene(viewportPos) - mapToScene(m_pressPos);
    QList<QPointF> positions;
    for (const QPointF &start : std::as_const(m_moveStart)) {
        const projection::LatLon ll = projection::toLatLon(start + delta);
        positions << QPointF(ll.lon_deg, ll.lat_deg);
    }
    emit moveRequested(m_moveIds, positions, finished);
}

void CanvasView::mouseMoveEvent(QMouseEvent *event)
{
    m_dragPos = event->pos();
    if ((event->pos() - m_pressPos).manhattanLength() >= QApplication::startDragDistance())
        m_dragMoved = m_dragMoved || (event->buttons() != Qt::NoButton);
    if (m_panning) {
        const QPoint delta = event->pos() - m_panLast;
        m_panLast = event->pos();
        if (!delta.isNull())
            m_autoFit = false;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        viewport()->update();
        event->accept();
        return;
    }
    if (m_drag == Drag::Move && m_dragMoved) {
        m_scene->setLayoutDeferred(true);
        emitMove(event->pos(), false);
        event->accept();
        return;
    }
    if (m_drag == Drag::Span || m_drag == Drag::Band) {
        viewport()->update();
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent *event)
{
    const Drag drag = std::exchange(m_drag, Drag::None);
    const bool left = event->button() == Qt::LeftButton;
    if (m_panning && (left || event->button() == Qt::MiddleButton)) {
        m_panning = false;
        viewport()->setCursor(m_tool == Tool::Select ? Qt::ArrowCursor : Qt::CrossCursor);
        // A click (no drag) on the background: deselect, or add a site with that tool.
        if (left && !m_dragMoved) {
            if (m_tool == Tool::AddSite) {
                const projection::LatLon ll = projection::toLatLon(mapToScene(event->pos()));
                emit siteAddRequested(ll.lat_deg, ll.lon_deg);
            } else {
                m_scene->clearSelection();
            }
        }
        event->accept();
        return;
    }
    if (left && drag == Drag::Move) {
        if (m_dragMoved)
            emitMove(event->pos(), true);
        m_scene->setLayoutDeferred(false); // the labels find their places for the new spot
        event->accept();
        return;
    }
    if (left && drag == Drag::Span) {
        const auto *target = qgraphicsitem_cast<SiteItem *>(elementAt(event->pos()));
        if (target && target->id() != m_spanFrom)
            emit spanAddRequested(m_spanFrom, target->id());
        viewport()->update();
        event->accept();
        return;
    }
    if (left && drag == Drag::Band) {
        QPainterPath area;
        area.addRect(QRectF(mapToScene(m_pressPos), mapToScene(event->pos())).normalized());
        if (!(event->modifiers() & Qt::ControlModifier))
            m_scene->clearSelection();
        m_scene->setSelectionArea(area, Qt::ReplaceSelection, Qt::IntersectsItemShape, viewportTransform());
        viewport()->update();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void CanvasView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fitToScene();
}

void CanvasView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    if (m_autoFit)
        fitToScene();
}

double CanvasView::graticuleStep() const
{
    static constexpr std::array kSteps = {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0};
    const double pxPerDegree = projection::kSceneUnitsPerDegree * zoom();
    for (double step : kSteps) {
        if (step * pxPerDegree >= kMinGraticuleSpacingPx)
            return step;
    }
    return kSteps.back();
}

void CanvasView::invalidateBackground()
{
    ++m_backgroundGeneration;
    viewport()->update();
}

void CanvasView::drawBackground(QPainter *painter, const QRectF &rect)
{
    // Painted on another device (a picture, a print): drawn as it is.
    if (painter->device() != viewport()) {
        paintBackground(painter, rect);
        return;
    }
    // On screen the map and graticule change only with the view (size, zoom, pan) or the
    // map's data; an edit or a drag redraws the items over the same picture of them.
    const qreal dpr = viewport()->devicePixelRatioF();
    const BackgroundKey key{viewport()->size(), dpr, viewportTransform(), m_backgroundGeneration};
    if (m_backgroundCache.isNull() || !(key == m_backgroundKey)) {
        QPixmap pixmap(viewport()->size() * dpr);
        pixmap.setDevicePixelRatio(dpr);
        QPainter p(&pixmap);
        p.setRenderHints(painter->renderHints());
        p.setTransform(viewportTransform());
        paintBackground(&p, mapToScene(viewport()->rect()).boundingRect());
        p.end();
        m_backgroundCache = pixmap;
        m_backgroundKey = key;
    }
    painter->save();
    painter->resetTransform();
    painter->drawPixmap(0, 0, m_backgroundCache);
    painter->restore();
}

void CanvasView::paintBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, cs::kBackground);
    // The map and graticule show with or without sites: an empty plan is where the first
    // site is placed (issue 13 #7: deleting every site used to take the map away).

    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    if (m_map && m_mapVisible)
        m_map->paint(painter, visible, zoom());
    const double step = graticuleStep();
    const projection::LatLon topLeft = projection::toLatLon(visible.topLeft());
    const projection::LatLon bottomRight = projection::toLatLon(visible.bottomRight());

    QPen pen(cs::kGraticule, 1.0);
    pen.setCosmetic(true);
    painter->setPen(pen);
    const double top = std::max(visible.top(), projection::toScene(kMaxLatDeg, 0.0).y());
    const double bottom = std::min(visible.bottom(), projection::toScene(-kMaxLatDeg, 0.0).y());
    const double left = std::max(visible.left(), projection::toScene(0.0, -kMaxLonDeg).x());
    const double right = std::min(visible.right(), projection::toScene(0.0, kMaxLonDeg).x());
    for (double lon = std::floor(std::max(topLeft.lon_deg, -kMaxLonDeg) / step) * step;
         lon <= std::min(bottomRight.lon_deg, kMaxLonDeg); lon += step) {
        const double x = projection::toScene(0.0, lon).x();
        if (x >= left && x <= right && top < bottom)
            painter->drawLine(QPointF(x, top), QPointF(x, bottom));
    }
    for (double lat = std::floor(std::max(bottomRight.lat_deg, -kMaxLatDeg) / step) * step;
         lat <= std::min(topLeft.lat_deg, kMaxLatDeg); lat += step) {
        const double y = projection::toScene(lat, 0.0).y();
        if (y >= top && y <= bottom && left < right)
            painter->drawLine(QPointF(left, y), QPointF(right, y));
    }

    // Under the items, so a site label is never covered by a degree figure.
    painter->save();
    painter->resetTransform();
    drawGraticuleLabels(painter);
    painter->restore();
}

void CanvasView::paintEvent(QPaintEvent *event)
{
    QGraphicsView::paintEvent(event);
    ++m_framesPainted;
}

void CanvasView::drawForeground(QPainter *painter, const QRectF &)
{
    painter->save();
    painter->resetTransform(); // viewport pixels from here on
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_drag == Drag::Span) {
        if (const SiteItem *from = m_scene->siteItem(m_spanFrom)) {
            QPen pen(cs::kSelection, 2.0, Qt::DashLine);
            painter->setPen(pen);
            painter->drawLine(mapFromScene(from->pos()), m_dragPos);
        }
    }
    if (m_drag == Drag::Band) {
        painter->setPen(QPen(cs::kSelection, 1.0));
        QColor fill = cs::kSelection;
        fill.setAlpha(40);
        painter->setBrush(fill);
        painter->drawRect(QRectF(m_pressPos, m_dragPos).normalized());
        painter->setBrush(Qt::NoBrush);
    }
    if (!m_banner.isEmpty()) {
        // Across the top, on the selection's violet: what the canvas shows is not the plan.
        painter->setFont(pixelFont(kHintTextPx));
        const QFontMetricsF fm(painter->font());
        const QString text = fm.elidedText(m_banner, Qt::ElideRight, viewport()->width() - 4 * kLegendPaddingPx);
        const QSizeF size(fm.horizontalAdvance(text) + 2 * kLegendPaddingPx, fm.height() + 2 * kLegendPaddingPx);
        const QRectF box(QPointF((viewport()->width() - size.width()) / 2, kLegendPaddingPx), size);
        painter->setPen(Qt::NoPen);
        painter->setBrush(cs::kSelection);
        painter->drawRoundedRect(box, 4, 4);
        painter->setPen(Qt::white);
        painter->drawText(box, Qt::AlignCenter, text);
    }
    if (m_scene->hasContent()) {
        drawScaleBar(painter);
        if (m_legendVisible)
            drawLegend(painter);
    } else if (!m_hint.isEmpty()) {
        painter->setFont(pixelFont(kHintTextPx));
        {
            // Over the map the hint is a note at the bottom, on its own background, so it
            // neither hides the map nor is lost in it.
            const QFontMetricsF fm(painter->font());
            const QSizeF size(fm.horizontalAdvance(m_hint) + 2 * kLegendPaddingPx, fm.height() + 2 * kLegendPaddingPx);
            const QRectF box(QPointF((viewport()->width() - size.width()) / 2,
                                     viewport()->height() - size.height() - 3 * kLegendPaddingPx),
                             size);
            painter->setPen(QPen(cs::kGraticule, 1.0));
            painter->setBrush(cs::kBackground);
            painter->drawRoundedRect(box, 4, 4);
            painter->setPen(cs::kHintText);
            painter->drawText(box, Qt::AlignCenter, m_hint);
        }
    }
    painter->restore();
}

void CanvasView::drawGraticuleLabels(QPainter *painter)
{
    const double step = graticuleStep();
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    const projection::LatLon topLeft = projection::toLatLon(visible.topLeft());
    const projection::LatLon bottomRight = projection::toLatLon(visible.bottomRight());
    const QRect area = viewport()->rect();
    painter->setFont(pixelFont(kGraticuleTextPx));
    painter->setPen(cs::kGraticuleText);
    const QFontMetricsF fm(painter->font());
    constexpr double kInset = 4.0;

    // Longitudes along the top edge, latitudes along the right edge: the bottom-left
    // corner belongs to the scale bar. The top-right corner is kept free so the two
    // rows never collide, and a figure that would be cut by an edge is left out.
    const double rowHeight = kInset + fm.height();
    const double columnWidth = kInset + fm.horizontalAdvance(QStringLiteral("88.88°N"));
    for (double lon = std::floor(std::max(topLeft.lon_deg, -kMaxLonDeg) / step) * step;
         lon <= std::min(bottomRight.lon_deg, kMaxLonDeg); lon += step) {
        const double x = mapFromScene(projection::toScene(0.0, lon)).x() + kInset;
        const QString text = formatDegrees(lon, false, step);
        if (x < area.left() || x + fm.horizontalAdvance(text) > area.right() - columnWidth)
            continue;
        painter->drawText(QPointF(x, area.top() + kInset + fm.ascent()), text);
    }
    for (double lat = std::floor(std::max(bottomRight.lat_deg, -kMaxLatDeg) / step) * step;
         lat <= std::min(topLeft.lat_deg, kMaxLatDeg); lat += step) {
        const double y = mapFromScene(projection::toScene(lat, 0.0)).y() - kInset;
        if (y - fm.ascent() < area.top() + rowHeight || y > area.bottom())
            continue;
        const QString text = formatDegrees(lat, true, step);
        painter->drawText(QPointF(area.right() - kInset - fm.horizontalAdvance(text), y), text);
    }
}

CanvasView::LegendForm CanvasView::legendForm() const
{
    // The legend shares the bottom edge with the scale bar, and takes a modest share of
    // the canvas: a small canvas gets the one-row form, a tiny one none.
    const QSizeF viewportSize = viewport()->size();
    const double area = viewportSize.width() * viewportSize.height();
    const double besideScaleBar = viewportSize.width() - kScaleBarMaxPx - 2 * kScaleBarInsetPx;
    const auto fits = [&](LegendForm form, double maxShare) {
        const QRectF rect = legendRectFor(form);
        return rect.width() * rect.height() <= maxShare * area && rect.width() + kLegendInsetPx <= besideScaleBar;
    };
    if (fits(LegendForm::Full, kLegendFullMaxShare))
        return LegendForm::Full;
    if (fits(LegendForm::Compact, kLegendMaxShare))
        return LegendForm::Compact;
    return LegendForm::None;
}

QRectF CanvasView::legendRect() const
{
    return legendRectFor(legendForm());
}

QRectF CanvasView::legendRectFor(LegendForm form) const
{
    const QFontMetricsF fm(pixelFont(kLegendTextPx));
    QSizeF size;
    switch (form) {
    case LegendForm::Full:
        size = QSizeF(kLegendBarWidthPx + kLegendPaddingPx + kLegendOverloadSwatchPx + 4.0
                          + fm.horizontalAdvance(tr("over 100%")) + 2 * kLegendPaddingPx,
                      2 * kLegendPaddingPx + fm.height() + kLegendBarHeightPx + 3.0 + fm.height());
        break;
    case LegendForm::Compact:
        size = QSizeF(2 * kCompactPaddingPx + fm.horizontalAdvance(QStringLiteral("0%")) + kCompactBarWidthPx
                          + fm.horizontalAdvance(QStringLiteral("100%")) + kCompactSwatchPx
                          + fm.horizontalAdvance(tr("over")) + 5 * kCompactGapPx,
                      2 * kCompactPaddingPx + fm.height());
        break;
    case LegendForm::None:
        return QRectF();
    }
    return QRectF(QPointF(viewport()->width() - kLegendInsetPx - size.width(),
                          viewport()->height() - kLegendInsetPx - size.height()),
                  size);
}

void CanvasView::drawLegend(QPainter *painter)
{
    // What the colours show over a bar in the heat palette from 0 to 100%, ticks at 0, 50
    // and 100%, and a dashed swatch for overloaded spans: the same colours as the spans.
    const LegendForm form = legendForm();
    if (form == LegendForm::None)
        return;
    painter->setFont(pixelFont(kLegendTextPx));
    const QFontMetricsF fm(painter->font());
    const QRectF box = legendRectFor(form);
    painter->setPen(QPen(cs::kLabelBorder, 1.0));
    painter->setBrush(cs::kLabelHalo);
    painter->drawRoundedRect(box, cs::kLabelRadiusPx, cs::kLabelRadiusPx);
    if (form == LegendForm::Compact) {
        drawCompactLegend(painter, box);
        return;
    }

    painter->setPen(cs::kTextSecondary);
    const double left = box.left() + kLegendPaddingPx;
    double y = box.top() + kLegendPaddingPx;
    painter->drawText(QPointF(left, y + fm.ascent()), legendHeading());
    y += fm.height() + 1.0;

    const QRectF bar(left, y, kLegendBarWidthPx, kLegendBarHeightPx);
    drawHeatBar(painter, bar);
    const double swatchLeft = bar.right() + kLegendPaddingPx;
    drawOverloadSwatch(painter, swatchLeft, bar.center().y(), kLegendOverloadSwatchPx);
    painter->setPen(cs::kTextSecondary);
    painter->drawText(QPointF(swatchLeft + kLegendOverloadSwatchPx + 4.0, bar.center().y() + fm.ascent() / 2 - 1.0),
                      tr("over 100%"));

    const double textY = bar.bottom() + 3.0 + fm.ascent();
    for (double u : {0.0, 0.5, 1.0}) {
        const QString text = QStringLiteral("%1%").arg(std::lround(u * 100.0));
        const double x = bar.left() + bar.width() * u / kLegendMaxUtilization;
        const double w = fm.horizontalAdvance(text);
        painter->drawText(QPointF(std::clamp(x - w / 2, bar.left(), bar.right() - w), textY), text);
    }
}

void CanvasView::drawCompactLegend(QPainter *painter, const QRectF &box)
{
    const QFontMetricsF fm(painter->font());
    const double middle = box.center().y();
    const double baseline = middle + fm.ascent() / 2 - 1.0;
    double x = box.left() + kCompactPaddingPx;
    const auto text = [&](const QString &s) {
        painter->setPen(cs::kTextSecondary);
        painter->drawText(QPointF(x, baseline), s);
        x += fm.horizontalAdvance(s) + kCompactGapPx;
    };
    text(QStringLiteral("0%"));
    drawHeatBar(painter, QRectF(x, middle - kLegendBarHeightPx / 2, kCompactBarWidthPx, kLegendBarHeightPx));
    x += kCompactBarWidthPx + kCompactGapPx;
    text(QStringLiteral("100%"));
    drawOverloadSwatch(painter, x, middle, kCompactSwatchPx);
    x += kCompactSwatchPx + kCompactGapPx;
    text(tr("over"));
}

bool CanvasView::viewportEvent(QEvent *event)
{
    // The one-row legend has no heading: hovering it says what it shows.
    if (event->type() == QEvent::ToolTip && m_legendVisible && m_scene->hasContent()
        && legendForm() == LegendForm::Compact) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (const QRectF legend = legendRect(); legend.contains(help->pos())) {
            QToolTip::showText(help->globalPos(), legendHeading() + tr(": 0 to 100%, dashed when over 100%"), viewport(),
                               legend.toAlignedRect());
            return true;
        }
    }
    return QGraphicsView::viewportEvent(event);
}

void CanvasView::drawScaleBar(QPainter *painter)
{
    // Mercator's scale changes with latitude; the bar is true at the centre of the view.
    const QPointF centre = mapToScene(viewport()->rect().center());
    const double kmPerPx = projection::kmPerSceneUnit(projection::toLatLon(centre).lat_deg) / zoom();
    const double maxKm = kScaleBarMaxPx * kmPerPx;
    const double magnitude = std::pow(10.0, std::floor(std::log10(maxKm)));
    double km = magnitude;
    for (double nice : {5.0, 2.0, 1.0}) {
        if (nice * magnitude <= maxKm) {
            km = nice * magnitude;
            break;
        }
    }
    const double lengthPx = km / kmPerPx;
    const QPointF left(kScaleBarInsetPx, viewport()->height() - kScaleBarInsetPx);
    const QPointF right = left + QPointF(lengthPx, 0);

    QPen pen(cs::kTextSecondary, 1.5);
    pen.setCapStyle(Qt::FlatCap);
    painter->setPen(pen);
    painter->drawLine(left, right);
    painter->drawLine(left, left - QPointF(0, kScaleBarTickPx));
    painter->drawLine(right, right - QPointF(0, kScaleBarTickPx));
    painter->setFont(pixelFont(kScaleBarTextPx));
    // The bar's length is a round number, so no decimals.
    const QString text = km >= 1.0 ? formatCount(std::llround(km)) + QStringLiteral(" km")
                                   : formatCount(std::llround(km * 1000.0)) + QStringLiteral(" m");
    painter->drawText(QPointF(left.x(), left.y() - kScaleBarTickPx - 3.0), text);
}

} // namespace dci
