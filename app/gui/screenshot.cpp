#include "screenshot.h"

#include "canvas/canvasview.h"
#include "mainwindow.h"

#include <QCoreApplication>
#include <QImage>
#include <QPixmap>

namespace dci {

namespace {

constexpr int kExitFailed = 2;

void printErrors(const MainWindow &window, QTextStream &err)
{
    for (const QString &message : window.lastErrors())
        err << message << '\n';
    err.flush();
}

} // namespace

bool openShown(MainWindow &window, const QString &scenarioPath, const QSize &size, QTextStream &err)
{
    window.setErrorDialogsEnabled(false);
    if (!window.openFile(scenarioPath)) {
        printErrors(window, err);
        return false;
    }
    window.resize(size);
    window.show();
    // Let the layout give the canvas its final size before fitting the drawing to it.
    QCoreApplication::processEvents();
    window.canvasView()->fitToScene();
    window.completeMap();
    QCoreApplication::processEvents();
    return true;
}

int renderScreenshot(const QString &scenarioPath, const QString &pngPath, const QSize &size, QTextStream &err)
{
    MainWindow window;
    if (!openShown(window, scenarioPath, size, err))
        return kExitFailed;

    const QImage image = window.grab().toImage();
    if (!image.save(pngPath, "PNG")) {
        err << pngPath << ": cannot write the picture\n";
        err.flush();
        return kExitFailed;
    }
    return 0;
}

int renderExport(const QString &scenarioPath, const QString &outPath, const QSize &size, double dpi, QTextStream &err)
{
    MainWindow window;
    if (!openShown(window, scenarioPath, kScreenshotSize, err))
        return kExitFailed;
    PictureOptions options = window.pictureOptions();
    options.size_px = size;
    options.dpi = dpi;
    if (!window.exportPicture(outPath, options)) {
        printErrors(window, err);
        return kExitFailed;
    }
    return 0;
}

int renderReport(const QString &scenarioPath, const QString &outPath, QTextStream &err)
{
    MainWindow window;
    if (!openShown(window, scenarioPath, kScreenshotSize, err))
        return kExitFailed;
    if (!window.exportReport(outPath)) {
        printErrors(window, err);
        return kExitFailed;
    }
    return 0;
}

} // namespace dci
