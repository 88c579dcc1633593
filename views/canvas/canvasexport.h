#pragma once

#include <QSize>
#include <QString>

namespace dci {

class CanvasView;

// What an exported picture of the canvas looks like (issue 13 #14).
struct PictureOptions {
    // The picture's size: pixels for PNG; for SVG and PDF the same number of CSS pixels
    // (1/96 inch), so a 1920 x 1080 export lays out the same in every format.
    QSize size_px;
    // PNG only: pixels per inch. The drawing is laid out for size_px at 96 dpi scaled
    // down by dpi/96, so text and lines keep their printed size: 1920 x 1080 at 300 dpi
    // is a 6.4 x 3.6 inch picture with 9-point labels.
    double dpi = kScreenDpi;
    // Drawn in a band above the map when not empty: the plan's name, its headline
    // figures, and which model and catalog computed them.
    QString title;
    QString figures;
    QString provenance;

    static constexpr double kScreenDpi = 96.0;
    static constexpr double kMinDpi = 72.0;
    static constexpr double kMaxDpi = 1200.0;
    static constexpr int kMinSidePx = 200;
    static constexpr int kMaxSidePx = 16384;
};

// Checks the options (sizes and dpi within the ranges above); an empty string if fine,
// otherwise what is wrong and what was expected.
QString checkPictureOptions(const PictureOptions &options);

// Parses "WxH" (e.g. "1920x1080") into a size; nullopt-like invalid QSize on error.
QSize parsePictureSize(const QString &text);

// Draws what `like` shows (its region, or the whole drawing when it follows the fit; its
// map, legend and labels; no selection marks) into a picture at path, the format from
// the suffix (.png, .svg, .pdf), laid out afresh for the picture's size. The scene is
// laid out again for `like` afterwards. Returns false with a message naming the path on
// failure.
bool exportCanvasPicture(CanvasView *like, const QString &path, const PictureOptions &options, QString *error);

} // namespace dci
