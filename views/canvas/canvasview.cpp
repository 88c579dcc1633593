#include "canvasview.h"

#include "canvasscene.h"
#include "canvasstyle.h"
#include "format.h"
#include "projection.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <array>
#include <cmath>

namespace dci {

namespace cs = canvasstyle;

namespace {
// One wheel notch (120 units of angle delta) zooms by this factor; 1.25^3 ~ 2x.
constexpr double kWheelZoomPerNotch = 1.25;
constexpr double kWheelNotch = 120.0;
constexpr double kButtonZoom = 1.5;
// Room left around the drawing when fitting (labels are already part of the layout):
// the top and right edges carry the graticule labels, the bottom-left the scale bar.
const QMarginsF kFitMarginsPx(28.0, 34.0, 52.0, 46.0);
// Graticule lines are at least this far apart on screen.
constexpr double kMinGraticuleSpacingPx = 110.0;
constexpr int kGraticuleTextPx = 10;
// Scale bar: at most this long, in the bottom-left corner.
constexpr double kScaleBarMaxPx = 140.0;
constexpr double kScaleBarInsetPx = 18.0;
constexpr double kScaleBarTickPx = 5.0;
constexpr int kScaleBarTextPx = 11;
constexpr int kHintTextPx = 17;

QFont pixelFont(int px)
{
    QFont font;
    font.setPixelSize(px);
    return font;
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
    const auto fit = m_scene->fitFor(viewport()->size(), kFitMarginsPx, kMinZoom, kMaxZoom);
    m_autoFit = true;
    if (!fit) {
        viewport()->update();
        return;
    }
    applyZoom(fit->pxPerUnit);
    centerOn(fit->center);
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

void CanvasView::mousePressEvent(QMouseEvent *event)
{
    // Middle button always pans; left button pans when it grabs the background, so
    // items stay clickable.
    const bool onBackground = itemAt(event->pos()) == nullptr;
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && onBackground)) {
        if (event->button() == Qt::LeftButton)
            m_scene->clearSelection();
        m_panning = true;
        m_panLast = event->pos();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent *event)
{
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
    QGraphicsView::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && (event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton)) {
        m_panning = false;
        viewport()->unsetCursor();
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

void CanvasView::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, cs::kBackground);
    if (!m_scene->hasContent())
        return;

    const double step = graticuleStep();
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    const projection::LatLon topLeft = projection::toLatLon(visible.topLeft());
    const projection::LatLon bottomRight = projection::toLatLon(visible.bottomRight());

    QPen pen(cs::kGraticule, 1.0);
    pen.setCosmetic(true);
    painter->setPen(pen);
    for (double lon = std::floor(topLeft.lon_deg / step) * step; lon <= bottomRight.lon_deg; lon += step) {
        const double x = projection::toScene(0.0, lon).x();
        painter->drawLine(QPointF(x, visible.top()), QPointF(x, visible.bottom()));
    }
    for (double lat = std::floor(bottomRight.lat_deg / step) * step; lat <= topLeft.lat_deg; lat += step) {
        const double y = projection::toScene(lat, 0.0).y();
        painter->drawLine(QPointF(visible.left(), y), QPointF(visible.right(), y));
    }

    // Under the items, so a site label is never covered by a degree figure.
    painter->save();
    painter->resetTransform();
    drawGraticuleLabels(painter);
    painter->restore();
}

void CanvasView::drawForeground(QPainter *painter, const QRectF &)
{
    painter->save();
    painter->resetTransform(); // viewport pixels from here on
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_scene->hasContent()) {
        drawScaleBar(painter);
    } else if (!m_hint.isEmpty()) {
        painter->setFont(pixelFont(kHintTextPx));
        painter->setPen(cs::kHintText);
        painter->drawText(viewport()->rect(), Qt::AlignCenter, m_hint);
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
    for (double lon = std::floor(topLeft.lon_deg / step) * step; lon <= bottomRight.lon_deg; lon += step) {
        const double x = mapFromScene(projection::toScene(0.0, lon)).x() + kInset;
        const QString text = formatDegrees(lon, false, step);
        if (x < area.left() || x + fm.horizontalAdvance(text) > area.right() - columnWidth)
            continue;
        painter->drawText(QPointF(x, area.top() + kInset + fm.ascent()), text);
    }
    for (double lat = std::floor(bottomRight.lat_deg / step) * step; lat <= topLeft.lat_deg; lat += step) {
        const double y = mapFromScene(projection::toScene(lat, 0.0)).y() - kInset;
        if (y - fm.ascent() < area.top() + rowHeight || y > area.bottom())
            continue;
        const QString text = formatDegrees(lat, true, step);
        painter->drawText(QPointF(area.right() - kInset - fm.horizontalAdvance(text), y), text);
    }
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
