#include "plaingeometry.h"

#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>

#include <climits>
#include <cmath>

namespace dci {

namespace {
constexpr double kMmPerInch = 25.4;
constexpr int kLogicalDpi = 96; // output units are CSS pixels, as in SVG
} // namespace

// Keeps the painter state it is told about and replays each drawing on the target with
// an identity transform, the geometry mapped through the state's transform.
class PlainGeometryEngine : public QPaintEngine
{
public:
    explicit PlainGeometryEngine(QPainter *target)
        : QPaintEngine(QPaintEngine::AllFeatures)
        , m_target(target)
    {
    }

    bool begin(QPaintDevice *) override { return true; }
    bool end() override { return true; }
    Type type() const override { return QPaintEngine::User; }

    void updateState(const QPaintEngineState &state) override
    {
        const DirtyFlags dirty = state.state();
        if (dirty & DirtyPen)
            m_pen = state.pen();
        if (dirty & DirtyBrush)
            m_brush = state.brush();
        if (dirty & DirtyTransform)
            m_transform = state.transform();
        if (dirty & DirtyHints)
            m_hints = state.renderHints();
        if (dirty & DirtyOpacity)
            m_opacity = state.opacity();
    }

    void drawPath(const QPainterPath &path) override { replay(path, m_brush); }

    void drawPolygon(const QPointF *points, int count, PolygonDrawMode mode) override
    {
        if (count <= 0)
            return;
        QPainterPath path;
        path.moveTo(points[0]);
        for (int i = 1; i < count; ++i)
            path.lineTo(points[i]);
        if (mode == PolylineMode) {
            replay(path, Qt::NoBrush);
            return;
        }
        path.closeSubpath();
        path.setFillRule(mode == OddEvenMode ? Qt::OddEvenFill : Qt::WindingFill);
        replay(path, m_brush);
    }

    void drawPixmap(const QRectF &r, const QPixmap &pixmap, const QRectF &source) override
    {
        begin();
        m_target->setWorldTransform(m_transform);
        m_target->drawPixmap(r, pixmap, source);
        m_target->restore();
    }

    void drawImage(const QRectF &r, const QImage &image, const QRectF &source, Qt::ImageConversionFlags flags) override
    {
        begin();
        m_target->setWorldTransform(m_transform);
        m_target->drawImage(r, image, source, flags);
        m_target->restore();
    }

    void drawTextItem(const QPointF &p, const QTextItem &item) override
    {
        // Text has no stroke to keep thin: it keeps its transform (for the canvas's
        // labels a translation, as they ignore the view's scale).
        begin();
        m_target->setWorldTransform(m_transform);
        m_target->setFont(item.font());
        QPen pen = m_pen;
        pen.setCosmetic(false);
        m_target->setPen(pen);
        m_target->drawText(p, item.text());
        m_target->restore();
    }

private:
    // Saves the target's state and applies what every drawing shares.
    void begin()
    {
        m_target->save();
        m_target->setRenderHints(m_hints);
        m_target->setOpacity(m_opacity);
    }

    void replay(const QPainterPath &path, const QBrush &brush)
    {
        begin();
        // A cosmetic pen is as wide on the output as it says; any other pen scales with
        // the transform (its linear part's area factor).
        QPen pen = m_pen;
        if (!pen.isCosmetic())
            pen.setWidthF(pen.widthF() * std::sqrt(std::abs(m_transform.determinant())));
        if (pen.widthF() <= 0.0)
            pen.setWidthF(1.0); // Qt draws width 0 as one pixel
        pen.setCosmetic(false);
        QBrush mapped = brush;
        if (mapped.gradient() || !mapped.textureImage().isNull())
            mapped.setTransform(mapped.transform() * m_transform);
        m_target->setWorldTransform(QTransform());
        m_target->setPen(pen);
        m_target->setBrush(mapped);
        m_target->drawPath(m_transform.map(path));
        m_target->restore();
    }

    QPainter *m_target; // not owned
    QPen m_pen;
    QBrush m_brush;
    QTransform m_transform;
    QPainter::RenderHints m_hints;
    qreal m_opacity = 1.0;
};

PlainGeometryDevice::PlainGeometryDevice(QPainter *target, const QSize &size)
    : m_size(size)
    , m_engine(std::make_unique<PlainGeometryEngine>(target))
{
}

PlainGeometryDevice::~PlainGeometryDevice() = default;

QPaintEngine *PlainGeometryDevice::paintEngine() const
{
    return m_engine.get();
}

int PlainGeometryDevice::metric(PaintDeviceMetric metric) const
{
    switch (metric) {
    case PdmWidth:
        return m_size.width();
    case PdmHeight:
        return m_size.height();
    case PdmWidthMM:
        return static_cast<int>(std::lround(m_size.width() * kMmPerInch / kLogicalDpi));
    case PdmHeightMM:
        return static_cast<int>(std::lround(m_size.height() * kMmPerInch / kLogicalDpi));
    case PdmNumColors:
        return INT_MAX;
    case PdmDepth:
        return 32;
    case PdmDpiX:
    case PdmDpiY:
    case PdmPhysicalDpiX:
    case PdmPhysicalDpiY:
        return kLogicalDpi;
    case PdmDevicePixelRatio:
        return 1;
    case PdmDevicePixelRatioScaled:
        return static_cast<int>(devicePixelRatioFScale());
    }
    return QPaintDevice::metric(metric);
}

} // namespace dci
