#pragma once

#include <QString>

namespace dci {

class CanvasView;
struct Results;
struct Scenario;
class Catalog;

// File > Export Report and `dciplanner FILE --report OUT` (issue 14): the core's report
// (io/reporthtml.h) with the canvas, as the user's view shows it, for the network
// drawing. OUT.html: one self-contained file with inline SVG. OUT.pdf: the same document
// laid out by Qt's rich text on A4 pages, the drawings rendered from their SVG.
// Returns false with a message naming the path when it cannot be written.
bool writeReport(const QString &path, const Scenario &scenario, const Catalog &base, const Results &results,
                 double targetUtilization, CanvasView *view, QString *error);

} // namespace dci
