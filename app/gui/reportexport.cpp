#include "reportexport.h"

#include "canvas/canvasexport.h"
#include "canvas/canvasview.h"
#include "io/reporthtml.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTextDocument>

namespace dci {

namespace {

constexpr int kNetworkWidthPx = 960;
constexpr int kNetworkHeightPx = 540;
// CSS pixels are device pixels in Qt's rich text: lay the PDF out at 96 per inch, so
// sizes read as in a browser.
constexpr int kPdfDpi = 96;
constexpr double kImageScale = 2.0; // drawings rendered at twice their CSS size for print
constexpr double kPageMarginMm = 15.0;

// The canvas as an SVG element, laid out afresh at the report's drawing size.
bool canvasSvg(CanvasView *view, const Results &results, ReportFigure *figure, QString *error)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return false;
    const QString file = dir.filePath(QStringLiteral("canvas.svg"));
    PictureOptions options;
    options.size_px = QSize(kNetworkWidthPx, kNetworkHeightPx);
    options.provenance = QStringLiteral("DCI Planner drawing, model %1, catalog %2")
                             .arg(results.model_version)
                             .arg(results.catalog_version);
    if (!exportCanvasPicture(view, file, options, error))
        return false;
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return false;
    QByteArray svg = in.readAll();
    // The element alone: inline SVG in HTML takes no XML declaration or doctype.
    const qsizetype start = svg.indexOf("<svg");
    if (start < 0)
        return false;
    figure->svg = svg.mid(start).toStdString();
    figure->width_px = kNetworkWidthPx;
    figure->height_px = kNetworkHeightPx;
    figure->caption = "The network as drawn in DCI Planner: spans coloured by their hottest lane's utilisation";
    return true;
}

bool writePdf(const QString &path, const QString &title, const std::string &html,
              const std::vector<ReportFigure> &figures)
{
    QTextDocument document;
    for (const ReportFigure &figure : figures) {
        QSvgRenderer renderer(QByteArray::fromStdString(figure.svg));
        if (!renderer.isValid())
            continue;
        QImage image(QSize(figure.width_px, figure.height_px) * kImageScale, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        image.setDevicePixelRatio(kImageScale);
        document.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("figure:%1").arg(QString::fromStdString(figure.id))),
                             image);
    }
    document.setHtml(QString::fromStdString(html));
    QPdfWriter pdf(path);
    pdf.setResolution(kPdfDpi);
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                  QMarginsF(kPageMarginMm, kPageMarginMm, kPageMarginMm, kPageMarginMm),
                                  QPageLayout::Millimeter));
    pdf.setTitle(title);
    pdf.setCreator(QStringLiteral("DCI Planner " DCI_VERSION));
    // Laid out on the page's text area at the writer's resolution (no scaling of fonts).
    document.setPageSize(pdf.pageLayout().paintRectPixels(kPdfDpi).size());
    document.print(&pdf);
    return QFileInfo(path).size() > 0;
}

} // namespace

bool writeReport(const QString &path, const Scenario &scenario, const Catalog &base, const Results &results,
                 double targetUtilization, CanvasView *view, QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error && error->isEmpty())
            *error = QStringLiteral("%1: %2").arg(path, why);
        return false;
    };
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool pdf = suffix == QStringLiteral("pdf");
    if (!pdf && suffix != QStringLiteral("html") && suffix != QStringLiteral("htm"))
        return fail(QStringLiteral("unknown report format “%1”; use .html or .pdf").arg(suffix));
    std::vector<ReportFigure> figures = reportFigures(scenario, results, targetUtilization);
    if (view && !scenario.sites.empty()) {
        for (ReportFigure &figure : figures)
            if (figure.id == "network" && !canvasSvg(view, results, &figure, error))
                return fail(QStringLiteral("cannot draw the network"));
    }
    const std::string generator = "DCI Planner " DCI_VERSION;
    if (pdf) {
        const std::string html = reportHtml(scenario, base, results, figures, ReportImages::References, generator);
        return writePdf(path, QString::fromStdString(scenario.name), html, figures) || fail(QStringLiteral("cannot write the report"));
    }
    const std::string html = reportHtml(scenario, base, results, figures, ReportImages::InlineSvg, generator);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write the report"));
    out.write(html.data(), static_cast<qint64>(html.size()));
    return out.commit() || fail(QStringLiteral("cannot write the report"));
}

} // namespace dci
