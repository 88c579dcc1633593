#include "benchdrag.h"

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "canvas/siteitem.h"
#include "mainwindow.h"
#include "screenshot.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace dci {

namespace {

constexpr int kExitFailed = 2;
// The drag goes round a circle of this radius (pixels), a step of this many degrees per move:
// far enough that every move changes the site's position and the spans' lengths.
constexpr double kCircleRadiusPx = 40.0;
constexpr double kStepDeg = 7.0;
// A frame that has not come after this long is reported as this long (the app hung).
constexpr qint64 kFrameTimeoutMs = 10000;
constexpr double kP90 = 0.9;

void sendMouse(QWidget *w, QEvent::Type type, const QPointF &pos, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, w->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &event);
}

// The site the drag takes: the first campus (GPUs), else the first site.
QString dragSite(const CanvasScene &scene)
{
    for (const QString &id : scene.siteIds())
        if (const SiteItem *item = scene.siteItem(id); item && !item->isHub())
            return id;
    return scene.siteIds().value(0);
}

} // namespace

DragTimings summariseDrag(std::vector<double> samples_ms)
{
    DragTimings t;
    t.moves = static_cast<int>(samples_ms.size());
    if (samples_ms.empty())
        return t;
    std::sort(samples_ms.begin(), samples_ms.end());
    const auto rank = [&](double q) {
        const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(samples_ms.size())));
        return samples_ms[std::clamp<std::size_t>(k, 1, samples_ms.size()) - 1];
    };
    t.median_ms = rank(0.5);
    t.p90_ms = rank(kP90);
    t.max_ms = samples_ms.back();
    return t;
}

int runBenchDrag(const QString &scenarioPath, int moves, bool json, QTextStream &out, QTextStream &err)
{
    MainWindow window;
    if (!openShown(window, scenarioPath, kScreenshotSize, err))
        return kExitFailed;
    CanvasView *view = window.canvasView();
    const QString id = dragSite(*window.canvasScene());
    if (id.isEmpty()) {
        err << scenarioPath << ": no site to drag\n";
        err.flush();
        return kExitFailed;
    }
    QWidget *viewport = view->viewport();
    const QPointF start =
        window.canvasScene()->siteItem(id)->deviceTransform(view->viewportTransform()).map(QPointF());
    const QPointF centre = start - QPointF(kCircleRadiusPx, 0.0);
    QCoreApplication::processEvents();

    sendMouse(viewport, QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
    std::vector<double> samples_ms;
    std::vector<double> edit_ms; // the move's own handling: the edit, the evaluation, the views
    samples_ms.reserve(static_cast<std::size_t>(moves));
    edit_ms.reserve(static_cast<std::size_t>(moves));
    QPointF pos = start;
    for (int i = 1; i <= moves; ++i) {
        const double angle = i * kStepDeg * std::numbers::pi / 180.0;
        pos = centre + kCircleRadiusPx * QPointF(std::cos(angle), std::sin(angle));
        const quint64 frames = view->framesPainted();
        QElapsedTimer timer;
        timer.start();
        sendMouse(viewport, QEvent::MouseMove, pos, Qt::NoButton, Qt::LeftButton);
        edit_ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        while (view->framesPainted() == frames && timer.elapsed() < kFrameTimeoutMs)
            QCoreApplication::processEvents(QEventLoop::AllEvents);
        samples_ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    sendMouse(viewport, QEvent::MouseButtonRelease, pos, Qt::LeftButton, Qt::NoButton);
    QCoreApplication::processEvents();

    const DragTimings t = summariseDrag(samples_ms);
    const DragTimings edit = summariseDrag(edit_ms);
    if (json) {
        out << QStringLiteral("{\"moves\": %1, \"median_ms\": %2, \"p90_ms\": %3, \"max_ms\": %4}\n")
                   .arg(t.moves)
                   .arg(t.median_ms, 0, 'f', 3)
                   .arg(t.p90_ms, 0, 'f', 3)
                   .arg(t.max_ms, 0, 'f', 3);
    } else {
        out << QStringLiteral("%1: dragged %2 %3 times, mouse move to painted frame: median %4 ms, p90 %5 ms, "
                              "max %6 ms; the edit alone (move event handled): median %7 ms, p90 %8 ms\n")
                   .arg(scenarioPath, id)
                   .arg(t.moves)
                   .arg(t.median_ms, 0, 'f', 2)
                   .arg(t.p90_ms, 0, 'f', 2)
                   .arg(t.max_ms, 0, 'f', 2)
                   .arg(edit.median_ms, 0, 'f', 2)
                   .arg(edit.p90_ms, 0, 'f', 2);
    }
    out.flush();
    return 0;
}

} // namespace dci
