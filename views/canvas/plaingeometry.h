#pragma once

#include <QPaintDevice>
#include <QSize>

#include <memory>

class QPainter;

namespace dci {

class PlainGeometryEngine;

// A paint device that hands everything painted on it to another painter with the
// geometry already in output coordinates (issue 13 #14). The canvas draws its spans in
// scene units under a large view scale with cosmetic (fixed-pixel) pens; painted straight
// into QSvgGenerator that becomes a scaled group with `vector-effect:non-scaling-stroke`,
// which librsvg, ImageMagick and Inkscape-class tools draw as huge polygons. Through this
// device every path, line and polygon drawn under a scaling transform is mapped into
// output coordinates first and stroked with the pen width it has on screen, so the file
// holds plain geometry any renderer draws the same. Text and pictures, which carry no
// stroke, pass through with their transform.
//
// Use: QPainter out(&svgGenerator); PlainGeometryDevice device(&out, size);
//      widget->render(&device, offset); out.end();
class PlainGeometryDevice : public QPaintDevice
{
public:
    // target must stay active while this device is painted on; size in output units.
    PlainGeometryDevice(QPainter *target, const QSize &size);
    ~PlainGeometryDevice() override;

    QPaintEngine *paintEngine() const override;

protected:
    int metric(PaintDeviceMetric metric) const override;

private:
    QSize m_size;
    std::unique_ptr<PlainGeometryEngine> m_engine;
};

} // namespace dci
