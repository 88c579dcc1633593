#pragma once

#include <QSize>
#include <QString>
#include <QTextStream>

namespace dci {

// A size at which the main window shows a regional drawing well (--screenshot).
inline constexpr QSize kScreenshotSize(1400, 900);

// Opens a scenario in a main window of the given size, fits the drawing, and saves the
// window as a PNG. No dialogs: problems go to err. Returns the process exit code:
// 0 saved, 2 the scenario could not be read or the picture not written.
int renderScreenshot(const QString &scenarioPath, const QString &pngPath, const QSize &size, QTextStream &err);

} // namespace dci
