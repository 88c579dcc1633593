// File > Export Picture and `dciplanner FILE --export` (issue 13 #14): pictures at a
// chosen size and dpi with a title band, and SVG made of plain geometry that a
// non-browser renderer (librsvg) draws as the PNG shows it.

#include "canvas/canvasexport.h"
#include "document.h"
#include "exportoptionsdialog.h"
#include "guitestutil.h"
#include "screenshot.h"

#include <QComboBox>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace dci;
using namespace dci::test;

namespace {

QString sample(const char *name)
{
    return QStringLiteral(DCI_SOURCE_DIR "/samples/") + QLatin1String(name);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Mean absolute difference of two same-sized pictures over R, G and B, 0..1.
double meanDifference(const QImage &a, const QImage &b)
{
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    double sum = 0.0;
    for (int row = 0; row < x.height(); ++row) {
        const auto *p = reinterpret_cast<const QRgb *>(x.constScanLine(row));
        const auto *q = reinterpret_cast<const QRgb *>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col)
            sum += std::abs(qRed(p[col]) - qRed(q[col])) + std::abs(qGreen(p[col]) - qGreen(q[col]))
                   + std::abs(qBlue(p[col]) - qBlue(q[col]));
    }
    return sum / (3.0 * 255.0 * x.width() * x.height());
}

// Pixels far from the canvas background, white and grey: the spans' heat colours.
int colouredPixels(const QImage &image)
{
    int count = 0;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int row = 0; row < rgb.height(); ++row) {
        const auto *p = reinterpret_cast<const QRgb *>(rgb.constScanLine(row));
        for (int col = 0; col < rgb.width(); ++col) {
            const int spread = std::max({qRed(p[col]), qGreen(p[col]), qBlue(p[col])})
                               - std::min({qRed(p[col]), qGreen(p[col]), qBlue(p[col])});
            count += spread > 60 ? 1 : 0;
        }
    }
    return count;
}

constexpr QSize kPictureSize(960, 600);

} // namespace

class TstExport : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    // The size asked is the size written, in every format, with the title band's text
    // in the file; the SVG holds no scaled group and no non-scaling stroke.
    void sizedPictures()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("nationwide-multicampus.json")));
        PictureOptions options = window->pictureOptions();
        options.size_px = kPictureSize;
        options.dpi = PictureOptions::kScreenDpi;
        QVERIFY(options.figures.contains(QStringLiteral("efficiency")));

        const QString png = path("n.png");
        QVERIFY2(window->exportPicture(png, options), qPrintable(window->lastErrors().join('\n')));
        const QImage image(png);
        QCOMPARE(image.size(), kPictureSize);
        QCOMPARE(image.text(QStringLiteral("Title")), window->document()->displayName());

        const QString svg = path("n.svg");
        QVERIFY2(window->exportPicture(svg, options), qPrintable(window->lastErrors().join('\n')));
        const QByteArray bytes = readAll(svg);
        QVERIFY(bytes.contains(QStringLiteral("width=\"%1").arg(kPictureSize.width()).toUtf8()));
        QVERIFY(bytes.contains(QStringLiteral("viewBox=\"0 0 %1 %2\"").arg(kPictureSize.width()).arg(kPictureSize.height()).toUtf8()));
        QVERIFY(!bytes.contains("non-scaling-stroke"));
        QVERIFY(bytes.contains(window->document()->displayName().toUtf8()));
        // Every transform is a translation (text placed at a point); geometry is plain.
        static const QRegularExpression matrix(QStringLiteral("matrix\\(([^,]+),([^,]+),([^,]+),([^,]+),"));
        int transforms = 0;
        for (auto it = matrix.globalMatch(QString::fromUtf8(bytes)); it.hasNext(); ++transforms) {
            const QRegularExpressionMatch m = it.next();
            QCOMPARE(m.captured(1).toDouble(), 1.0);
            QCOMPARE(m.captured(2).toDouble(), 0.0);
            QCOMPARE(m.captured(3).toDouble(), 0.0);
            QCOMPARE(m.captured(4).toDouble(), 1.0);
        }
        QVERIFY(transforms > 0);

        const QString pdf = path("n.pdf");
        QVERIFY2(window->exportPicture(pdf, options), qPrintable(window->lastErrors().join('\n')));
        const QByteArray pdfBytes = readAll(pdf);
        QVERIFY(pdfBytes.startsWith("%PDF"));
        // The page is the picture's size in points (96 CSS pixels per 72-point inch).
        static const QRegularExpression mediaBox(QStringLiteral("/MediaBox \\[0 0 720(\\.0+)? 450(\\.0+)?\\]"));
        QVERIFY(mediaBox.match(QString::fromLatin1(pdfBytes)).hasMatch());
    }

    // librsvg (rsvg-convert, installed by scripts/deps.sh) draws the SVG as the PNG
    // shows it: the spans in their heat colours at the same places, not as polygons the
    // size of the world.
    void svgRendersLikePng()
    {
        const QString rsvg = QStandardPaths::findExecutable(QStringLiteral("rsvg-convert"));
        if (rsvg.isEmpty())
            QFAIL("rsvg-convert not found: install librsvg2-bin (scripts/deps.sh does)");
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("nationwide-multicampus.json")));
        PictureOptions options = window->pictureOptions();
        options.size_px = kPictureSize;
        options.dpi = PictureOptions::kScreenDpi;
        QVERIFY(window->exportPicture(path("r.png"), options));
        QVERIFY(window->exportPicture(path("r.svg"), options));
        QProcess process;
        process.start(rsvg, {QStringLiteral("-w"), QString::number(kPictureSize.width()), QStringLiteral("-h"),
                             QString::number(kPictureSize.height()), path("r.svg"), QStringLiteral("-o"),
                             path("r-svg.png")});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QImage fromPng(path("r.png"));
        const QImage fromSvg(path("r-svg.png"));
        QCOMPARE(fromSvg.size(), fromPng.size());
        keepShot(fromSvg, QStringLiteral("export-rsvg"));
        // Text antialiasing differs between renderers; the drawing does not. Measured:
        // 0.3% mean difference; a span drawn as a world-sized polygon makes it tens of %.
        const double difference = meanDifference(fromPng, fromSvg);
        QVERIFY2(difference < 0.02, qPrintable(QString::number(difference)));
        const int spans = colouredPixels(fromPng);
        QVERIFY(spans > 2000);
        QVERIFY2(std::abs(colouredPixels(fromSvg) - spans) < spans / 10,
                 qPrintable(QStringLiteral("%1 vs %2").arg(colouredPixels(fromSvg)).arg(spans)));
    }

    // A print export: 3508 x 2480 pixels at 300 dpi (A4 landscape) says 300 dpi in the
    // file and draws text at its printed size: the title band is 300/96 times as tall as
    // at 96 dpi, not the same few pixels.
    void printResolution()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("elephant-flows.json")));
        PictureOptions options = window->pictureOptions();
        options.size_px = QSize(3508, 2480);
        options.dpi = 300;
        QVERIFY(window->exportPicture(path("a4.png"), options));
        const QImage print(path("a4.png"));
        QCOMPARE(print.size(), options.size_px);
        QCOMPARE(print.dotsPerMeterX(), 11811); // 300 / 0.0254
        options.size_px = kPictureSize;
        options.dpi = PictureOptions::kScreenDpi;
        QVERIFY(window->exportPicture(path("screen.png"), options));
        const QImage screen(path("screen.png"));
        const double ratio = double(bandRows(print)) / bandRows(screen);
        QVERIFY2(std::abs(ratio - 300.0 / 96.0) < 0.1, qPrintable(QString::number(ratio)));
    }

    // Without a title the map starts at the top; with one, the band holds dark text.
    void titleBand()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        PictureOptions options = window->pictureOptions();
        options.size_px = kPictureSize;
        options.dpi = PictureOptions::kScreenDpi;
        QVERIFY(window->exportPicture(path("t.png"), options));
        QVERIFY(bandRows(QImage(path("t.png"))) > 40);
        options.title.clear();
        QVERIFY(window->exportPicture(path("u.png"), options));
        QCOMPARE(bandRows(QImage(path("u.png"))), 0);
    }

    // Out-of-range sizes and dpi are refused with what was expected; nothing is written.
    void badOptions()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        PictureOptions options = window->pictureOptions();
        options.size_px = QSize(10, 10);
        QVERIFY(!window->exportPicture(path("small.png"), options));
        QVERIFY2(window->lastErrors().value(0).contains(QStringLiteral("from 200 to 16384 pixels")),
                 qPrintable(window->lastErrors().join('\n')));
        QVERIFY(!QFile::exists(path("small.png")));
        options.size_px = kPictureSize;
        options.dpi = 5000;
        QVERIFY(!window->exportPicture(path("dpi.png"), options));
        QVERIFY(window->lastErrors().value(0).contains(QStringLiteral("dpi: expected 72 to 1200")));
        QCOMPARE(parsePictureSize(QStringLiteral("1920x1080")), QSize(1920, 1080));
        QVERIFY(!parsePictureSize(QStringLiteral("1920 by 1080")).isValid());
    }

    // The export view lays the scene out for the picture; the user's view gets its own
    // layout and selection back.
    void userViewKept()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("nationwide-multicampus.json")));
        CanvasView *view = window->canvasView();
        view->zoomBy(3.0, QRectF(view->viewport()->rect()).center());
        const double zoom = view->zoom();
        const QString site = window->canvasScene()->siteIds().first();
        view->selectElements({site}, {});
        PictureOptions options = window->pictureOptions();
        options.size_px = QSize(3000, 2000);
        QVERIFY(window->exportPicture(path("z.png"), options));
        QCOMPARE(view->zoom(), zoom);
        QCOMPARE(window->canvasScene()->viewScale(), zoom);
        QCOMPARE(view->selectedSiteIds(), QStringList{site});
    }

    // File > Export Picture's options: presets fill the fields, typing makes it custom,
    // SVG has no dpi, an impossible combination cannot be exported.
    void optionsDialog()
    {
        PictureOptions start;
        start.size_px = QSize(1054, 564);
        start.title = QStringLiteral("Plan");
        ExportOptionsDialog png(start, true);
        auto *preset = png.findChild<QComboBox *>();
        const auto boxes = png.findChildren<QSpinBox *>();
        QCOMPARE(boxes.size(), 3);
        QSpinBox *width = boxes[0];
        QSpinBox *dpi = boxes[2];
        QCOMPARE(png.options().size_px, start.size_px);
        png.choosePreset(3); // A4 landscape, 300 dpi
        QCOMPARE(png.options().size_px, QSize(3508, 2480));
        QCOMPARE(png.options().dpi, 300.0);
        QCOMPARE(preset->currentIndex(), 3);
        width->setValue(3000);
        QCOMPARE(preset->currentIndex(), png.presets().size()); // Custom
        QCOMPARE(png.options().size_px, QSize(3000, 2480));
        QPushButton *exportButton = nullptr;
        for (QPushButton *b : png.findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Export"))
                exportButton = b;
        QVERIFY(exportButton);
        QVERIFY(exportButton->isEnabled());
        dpi->setValue(1200); // 2480 px at 1200 dpi lays out 198 CSS pixels tall: too small
        QVERIFY(!exportButton->isEnabled());
        dpi->setValue(96);
        QVERIFY(exportButton->isEnabled());

        ExportOptionsDialog svg(start, false);
        QVERIFY(!svg.findChildren<QSpinBox *>()[2]->isEnabled());
        svg.choosePreset(1);
        QCOMPARE(svg.options().size_px, QSize(1920, 1080));
        QCOMPARE(svg.options().dpi, PictureOptions::kScreenDpi);
    }

    // `dciplanner FILE --export OUT [--size WxH] [--dpi N]`, as a user runs it.
    void headless()
    {
        const QString program = QStringLiteral(DCIPLANNER_BIN);
        const auto run = [&](const QStringList &args, QString *errors) {
            QProcess process;
            process.setProcessChannelMode(QProcess::SeparateChannels);
            process.start(program, args);
            process.waitForFinished(120000);
            *errors = QString::fromUtf8(process.readAllStandardError());
            return process.exitCode();
        };
        QString errors;
        QCOMPARE(run({sample("midwest-region.json"), QStringLiteral("--export"), path("h.svg"), QStringLiteral("--size"),
                      QStringLiteral("800x500")},
                     &errors),
                 0);
        QVERIFY(readAll(path("h.svg")).contains("viewBox=\"0 0 800 500\""));
        QCOMPARE(run({sample("midwest-region.json"), QStringLiteral("--export"), path("h.png")}, &errors), 0);
        QCOMPARE(QImage(path("h.png")).size(), kExportSize);
        QCOMPARE(run({sample("midwest-region.json"), QStringLiteral("--export"), path("h.png"), QStringLiteral("--size"),
                      QStringLiteral("big")},
                     &errors),
                 2);
        QVERIFY2(errors.contains(QStringLiteral("--size: expected WIDTHxHEIGHT")), qPrintable(errors));
        QCOMPARE(run({sample("midwest-region.json"), QStringLiteral("--export"), path("h.gif")}, &errors), 2);
        QVERIFY2(errors.contains(QStringLiteral("use .png, .svg or .pdf")), qPrintable(errors));
        QCOMPARE(run({path("missing.json"), QStringLiteral("--export"), path("m.png")}, &errors), 2);
        QVERIFY2(errors.contains(QStringLiteral("missing.json")), qPrintable(errors));
        QVERIFY(!QFile::exists(path("m.png")));
    }

private:
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

    // Rows from the top that belong to the white title band (the canvas background is
    // not white).
    static int bandRows(const QImage &image)
    {
        int rows = 0;
        while (rows < image.height() && QColor(image.pixel(image.width() - 2, rows)) == QColor(Qt::white))
            ++rows;
        return rows;
    }

    QTemporaryDir m_dir;
};

QTEST_MAIN(TstExport)
#include "tst_export.moc"
