#include "canvasexport.h"

#include "canvasstyle.h"
#include "format.h"
#include "canvasview.h"
#include "map/maplayer.h"
#include "plaingeometry.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>

#include <cmath>

namespace dci {

namespace cs = canvasstyle;

namespace {

constexpr double kInchPerMetre = 1.0 / 0.0254;
constexpr double kPointsPerInch = 72.0;
// The title band, in CSS pixels: name, headline figures, provenance.
constexpr int kTitleTextPx = 18;
constexpr int kFiguresTextPx = 13;
constexpr int kProvenanceTextPx = 10;
constexpr double kBandPaddingPx = 12.0;
constexpr double kBandLineGapPx = 4.0;

int bandHeight(const PictureOptions &options)
{
    if (options.title.isEmpty())
        return 0;
    double h = 2 * kBandPaddingPx + QFontMetricsF(pixelFont(kTitleTextPx, true)).height();
    if (!options.figures.isEmpty())
        h += kBandLineGapPx + QFontMetricsF(pixelFont(kFiguresTextPx)).height();
    if (!options.provenance.isEmpty())
        h += kBandLineGapPx + QFontMetricsF(pixelFont(kProvenanceTextPx)).height();
    return static_cast<int>(std::ceil(h));
}

// The band on top of the picture; painted after the map so nothing of the drawing that
// lies above the canvas's top edge shows through it.
void drawBand(QPainter *painter, const PictureOptions &options, double width, int height)
{
    if (height <= 0)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(Qt::white);
    painter->drawRect(QRectF(0, 0, width, height));
    painter->setPen(QPen(cs::kLabelBorder, 1.0));
    painter->drawLine(QPointF(0, height - 0.5), QPointF(width, height - 0.5));

    const double textWidth = width - 2 * kBandPaddingPx;
    double y = kBandPaddingPx;
    const auto line = [&](const QString &text, const QFont &font, const QColor &colour) {
        if (text.isEmpty())
            return;
        const QFontMetricsF fm(font);
        painter->setFont(font);
        painter->setPen(colour);
        painter->drawText(QPointF(kBandPaddingPx, y + fm.ascent()), fm.elidedText(text, Qt::ElideRight, textWidth));
        y += fm.height() + kBandLineGapPx;
    };
    line(options.title, pixelFont(kTitleTextPx, true), cs::kTextPrimary);
    line(options.figures, pixelFont(kFiguresTextPx), cs::kTextPrimary);
    line(options.provenance, pixelFont(kProvenanceTextPx), cs::kTextSecondary);
    painter->restore();
}

// A hidden view of the same scene laid out for the picture, showing what `like` shows.
class PictureView
{
public:
    PictureView(CanvasView *like, const QSize &canvasSize)
        : m_like(like)
        , m_view(like->canvasScene())
    {
        m_view.setAttribute(Qt::WA_DontShowOnScreen);
        m_view.setMapLayer(like->mapLayer());
        m_view.setMapVisible(like->mapVisible());
        m_view.setLegendVisible(like->legendVisible());
        m_view.resize(canvasSize);
        m_view.show();
        QCoreApplication::processEvents(); // the viewport takes its size
        if (like->followsFit() && like->canvasScene()->hasContent())
            m_view.fitToScene();
        else
            m_view.showSceneRect(like->visibleSceneRect());
        if (const MapLayer *map = like->mapLayer(); map && like->mapVisible())
            map->loadNow(m_view.zoom());
    }
    ~PictureView()
    {
        // The labels were laid out for the picture's zoom: back to the user's.
        m_like->canvasScene()->setViewScale(m_like->zoom());
        m_like->viewport()->update();
    }
    PictureView(const PictureView &) = delete;
    PictureView &operator=(const PictureView &) = delete;

    QWidget *canvas() { return m_view.viewport(); }

private:
    CanvasView *m_like;
    CanvasView m_view;
};

} // namespace

QString checkPictureOptions(const PictureOptions &options)
{
    const auto inRange = [](int side) { return side >= PictureOptions::kMinSidePx && side <= PictureOptions::kMaxSidePx; };
    if (!inRange(options.size_px.width()) || !inRange(options.size_px.height()))
        return QCoreApplication::translate("dci::canvasexport", "picture size: expected a width and height from %1 to %2 "
                                                                "pixels, got %3 x %4")
            .arg(PictureOptions::kMinSidePx)
            .arg(PictureOptions::kMaxSidePx)
            .arg(options.size_px.width())
            .arg(options.size_px.height());
    if (!(options.dpi >= PictureOptions::kMinDpi && options.dpi <= PictureOptions::kMaxDpi))
        return QCoreApplication::translate("dci::canvasexport", "dpi: expected %1 to %2, got %3")
            .arg(PictureOptions::kMinDpi)
            .arg(PictureOptions::kMaxDpi)
            .arg(options.dpi);
    // The layout size must stay a usable canvas once scaled by the dpi.
    const double scale = PictureOptions::kScreenDpi / options.dpi;
    const int minLaidOut = std::min(options.size_px.width(), options.size_px.height());
    if (minLaidOut * scale < PictureOptions::kMinSidePx)
        return QCoreApplication::translate("dci::canvasexport",
                                           "dpi: %1 dpi leaves %2 x %3 pixels too small to draw at that print size "
                                           "(at least %4 CSS pixels a side); use a larger size or a lower dpi")
            .arg(options.dpi)
            .arg(options.size_px.width())
            .arg(options.size_px.height())
            .arg(PictureOptions::kMinSidePx);
    return {};
}

QSize parsePictureSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,6})\\s*[xX×]\\s*(\\d{1,6})\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return {};
    return QSize(match.captured(1).toInt(), match.captured(2).toInt());
}

bool exportCanvasPicture(CanvasView *like, const QString &path, const PictureOptions &options, QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, why);
        return false;
    };
    if (const QString problem = checkPictureOptions(options); !problem.isEmpty())
        return fail(problem);
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool png = suffix == QStringLiteral("png");
    if (!png && suffix != QStringLiteral("svg") && suffix != QStringLiteral("pdf"))
        return fail(QCoreApplication::translate("dci::canvasexport", "unknown picture format “%1”; use .png, .svg or .pdf")
                        .arg(suffix));

    // The layout size, in CSS pixels: the picture's size for vector formats, and for PNG
    // the size that prints at the asked dpi with the canvas's own text sizes.
    const double scale = png ? options.dpi / PictureOptions::kScreenDpi : 1.0;
    const QSize layout(static_cast<int>(std::lround(options.size_px.width() / scale)),
                       static_cast<int>(std::lround(options.size_px.height() / scale)));
    const int band = bandHeight(options);
    PictureView view(like, QSize(layout.width(), layout.height() - band));
    const QString cannotWrite = QCoreApplication::translate("dci::canvasexport", "cannot write the picture");

    if (png) {
        QImage image(options.size_px, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(scale);
        image.fill(cs::kBackground);
        const int dotsPerMetre = static_cast<int>(std::lround(options.dpi * kInchPerMetre));
        image.setDotsPerMeterX(dotsPerMetre);
        image.setDotsPerMeterY(dotsPerMetre);
        view.canvas()->render(&image, QPoint(0, band));
        {
            QPainter painter(&image);
            drawBand(&painter, options, layout.width(), band);
        }
        image.setText(QStringLiteral("Title"), options.title);
        image.setText(QStringLiteral("Description"), options.provenance);
        return image.save(path, "PNG") || fail(cannotWrite);
    }

    const auto paint = [&](QPaintDevice *output) {
        QPainter painter;
        if (!painter.begin(output))
            return false;
        {
            // Plain geometry in output coordinates (plaingeometry.h).
            PlainGeometryDevice plain(&painter, layout);
            view.canvas()->render(&plain, QPoint(0, band));
        }
        drawBand(&painter, options, layout.width(), band);
        return painter.end();
    };
    if (suffix == QStringLiteral("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(layout);
        svg.setViewBox(QRect(QPoint(0, 0), layout));
        svg.setResolution(static_cast<int>(PictureOptions::kScreenDpi));
        svg.setTitle(options.title);
        svg.setDescription(options.provenance);
        return paint(&svg) || fail(cannotWrite);
    }
    QPdfWriter pdf(path);
    pdf.setResolution(static_cast<int>(PictureOptions::kScreenDpi));
    const double toPoints = kPointsPerInch / PictureOptions::kScreenDpi;
    pdf.setPageSize(QPageSize(QSizeF(layout.width() * toPoints, layout.height() * toPoints), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle(options.title);
    pdf.setCreator(options.provenance);
    return paint(&pdf) || fail(cannotWrite);
}

} // namespace dci
