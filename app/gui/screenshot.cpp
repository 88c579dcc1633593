#include "screenshot.h"

#include "canvas/canvasview.h"
#include "mainwindow.h"

#include <QCoreApplication>
#include <QImage>
#include <QPixmap>

namespace dci {

int renderScreenshot(const QString &scenarioPath, const QString &pngPath, const QSize &size, QTextStream &err)
{
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    if (!window.openFile(scenarioPath)) {
        for (const QString &message : window.lastErrors())
            err << message << '\n';
        err.flush();
        return 2;
    }
    window.resize(size);
    window.show();
    // Let the layout give the canvas its final size before fitting the drawing to it.
    QCoreApplication::processEvents();
    window.canvasView()->fitToScene();
    window.completeMap();
    QCoreApplication::processEvents();

    const QImage image = window.grab().toImage();
    if (!image.save(pngPath, "PNG")) {
        err << pngPath << ": cannot write the picture\n";
        err.flush();
        return 2;
    }
    return 0;
}

} // namespace dci
