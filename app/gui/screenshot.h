#pragma once

#include <QSize>
#include <QString>
#include <QTextStream>

namespace dci {

class MainWindow;

// Opens a scenario in the window at this size, shown, laid out and the drawing fitted as a
// user first sees it (no dialogs: problems go to err). False when it cannot be read.
bool openShown(MainWindow &window, const QString &scenarioPath, const QSize &size, QTextStream &err);

// A size at which the main window shows a regional drawing well (--screenshot).
inline constexpr QSize kScreenshotSize(1400, 900);

// Opens a scenario in a main window of the given size, fits the drawing, and saves the
// window as a PNG. No dialogs: problems go to err. Returns the process exit code:
// 0 saved, 2 the scenario could not be read or the picture not written.
int renderScreenshot(const QString &scenarioPath, const QString &pngPath, const QSize &size, QTextStream &err);

// The size --export draws at when no --size is given: a Full HD slide.
inline constexpr QSize kExportSize(1920, 1080);

// Opens a scenario and writes File > Export Picture's picture of it (the whole drawing
// fitted, title band with the headline figures) to outPath: PNG, SVG or PDF by suffix,
// at size (pixels; CSS pixels for SVG and PDF) and dpi (PNG). No dialogs: problems go to
// err. Returns 0 written, 2 the scenario could not be read or the picture not written.
int renderExport(const QString &scenarioPath, const QString &outPath, const QSize &size, double dpi, QTextStream &err);

// Opens a scenario and writes File > Export Report's document (HTML or PDF by suffix).
// Returns 0 written, 2 the scenario could not be read or the report not written.
int renderReport(const QString &scenarioPath, const QString &outPath, QTextStream &err);

} // namespace dci
