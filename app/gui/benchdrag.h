#pragma once

#include <QString>
#include <QTextStream>

#include <vector>

namespace dci {

// What --bench-drag measured: the time from a mouse move event to the canvas's next
// painted frame, over every move of the drag.
struct DragTimings {
    int moves = 0;
    double median_ms = 0.0;
    double p90_ms = 0.0;
    double max_ms = 0.0;
};

// Opens the scenario in a window of the screenshot size, presses the mouse on a site (the
// first with GPUs, else the first), moves it `moves` times on a small circle through real
// mouse events to the canvas, and times each move to the frame that shows it. Writes a
// line of text, or with json {"moves", "median_ms", "p90_ms", "max_ms"}, to out. Returns
// the process exit code: 0 measured, 2 the file could not be read or has no site.
int runBenchDrag(const QString &scenarioPath, int moves, bool json, QTextStream &out, QTextStream &err);

// The median, 90th percentile (nearest rank) and maximum of samples (milliseconds).
DragTimings summariseDrag(std::vector<double> samples_ms);

} // namespace dci
