// Issue 13 #17, small windows: at 800 x 560 the canvas kept a strip of ~460 x 220 px with
// the legend over much of it, and the status bar was cut at the window's minimum size. The
// main window is resized as a user resizes it, offscreen: the legend takes a modest share
// of the canvas, the docks give way, restoring the size restores the docks' sizes, and the
// status bar elides rather than cuts. Set DCI_GUI_SHOTS_DIR to keep the pictures.

#include "docksizekeeper.h"
#include "canvas/labelitem.h"
#include "canvas/projection.h"
#include "guitestutil.h"
#include "statussummary.h"

#include <QDockWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

#include <cmath>

using namespace dci;
using dci::test::keepShot;
using dci::test::shownWindow;

namespace {

constexpr QSize kLarge(1400, 900);
constexpr QSize kLaptop(1280, 800);
constexpr QSize kSmall(800, 560);
// QMainWindow shares space out in whole pixels; a restored dock may be off by this much.
constexpr int kRestoreTolerancePx = 3;

QString samplePath(const QString &name)
{
    return QDir(qEnvironmentVariable("DCI_SAMPLES_DIR")).filePath(name + QStringLiteral(".json"));
}

void resizeTo(MainWindow *window, const QSize &size)
{
    window->resize(size);
    QCoreApplication::processEvents(); // the layout catches up as the event loop would
}

QDockWidget *dock(const MainWindow *window, const char *name)
{
    auto *d = window->findChild<QDockWidget *>(QLatin1String(name));
    if (!d)
        qFatal("no dock %s", name);
    return d;
}

// The dock sizes a user sees: the Properties width, the Results and Diagnostics heights
// and the Diagnostics width.
struct DockSizes {
    int properties = 0;
    int results = 0;
    int diagnosticsHeight = 0;
    int diagnosticsWidth = 0;
};

DockSizes dockSizes(const MainWindow *window)
{
    return {dock(window, "PropertiesDock")->width(), dock(window, "ResultsDock")->height(),
            dock(window, "DiagnosticsDock")->height(), dock(window, "DiagnosticsDock")->width()};
}

QString describe(const DockSizes &s)
{
    return QStringLiteral("properties %1 wide, results %2 high, diagnostics %3 x %4")
        .arg(s.properties)
        .arg(s.results)
        .arg(s.diagnosticsWidth)
        .arg(s.diagnosticsHeight);
}

// The sizes of the dock areas: the Properties width and the bottom docks' heights.
bool nearAreas(const DockSizes &a, const DockSizes &b)
{
    return std::abs(a.properties - b.properties) <= kRestoreTolerancePx
        && std::abs(a.results - b.results) <= kRestoreTolerancePx
        && std::abs(a.diagnosticsHeight - b.diagnosticsHeight) <= kRestoreTolerancePx;
}

// And how the bottom area is shared between the Results and the Diagnostics.
bool near(const DockSizes &a, const DockSizes &b)
{
    return nearAreas(a, b) && std::abs(a.diagnosticsWidth - b.diagnosticsWidth) <= kRestoreTolerancePx;
}

// A separator drag as the mouse does it. QMainWindow moves the separator on a zero timer
// after each mouse move, so the events are let through between moves.
void dragSeparator(MainWindow *window, const QPoint &from, const QPoint &to)
{
    constexpr int kSteps = 4;
    dci::test::send(window, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    for (int i = 1; i <= kSteps; ++i) {
        dci::test::send(window, QEvent::MouseMove, from + (to - from) * i / kSteps, Qt::NoButton, Qt::LeftButton);
        QCoreApplication::processEvents();
    }
    dci::test::send(window, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
    QCoreApplication::processEvents();
}

double legendShare(const CanvasView *view)
{
    const QRectF legend = view->legendRect();
    const QSize viewport = view->viewport()->size();
    return legend.width() * legend.height() / (double(viewport.width()) * viewport.height());
}

} // namespace

class TstSmallWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void legendShrinksWithTheCanvas();
    void docksGiveWay();
    void restoringTheSizeRestoresTheDocks();
    void draggedSizesAreTheOnesRestored();
    void dockSizesOutliveTheWindow();
    void statusBarNeverCut();
    void statusSummaryElides();
    void smallCanvasShowsTheRegion_data();
    void smallCanvasShowsTheRegion();
};

void TstSmallWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings (layout, dock sizes) go to a test location
    QSettings().clear();
    QVERIFY(QFileInfo::exists(samplePath(QStringLiteral("two-campus-teaching"))));
}

// The whole legend in a normal window; one row in a small one, under a modest share of
// the canvas, with nothing of the drawing under it.
void TstSmallWindow::legendShrinksWithTheCanvas()
{
    auto window = shownWindow();
    QVERIFY(window->openFile(samplePath(QStringLiteral("two-campus-teaching"))));
    CanvasView *view = window->canvasView();
    for (const QSize &size : {kLarge, kLaptop}) {
        resizeTo(window.get(), size);
        QCOMPARE(view->legendForm(), CanvasView::LegendForm::Full);
        QVERIFY2(legendShare(view) <= CanvasView::kLegendFullMaxShare, qPrintable(QString::number(legendShare(view))));
    }
    const QRectF full = view->legendRect();

    resizeTo(window.get(), kSmall);
    QCOMPARE(view->legendForm(), CanvasView::LegendForm::Compact);
    const QRectF compact = view->legendRect();
    qInfo("800 x 560: canvas %d x %d, legend %.0f x %.0f = %.1f%% of it (the whole legend is %.0f x %.0f)",
          view->viewport()->width(), view->viewport()->height(), compact.width(), compact.height(),
          100.0 * legendShare(view), full.width(), full.height());
    QVERIFY2(legendShare(view) <= CanvasView::kLegendMaxShare, qPrintable(QString::number(legendShare(view))));
    QVERIFY(compact.height() < full.height() / 2);
    QVERIFY(compact.width() < 0.4 * view->viewport()->width());
    QVERIFY(QRectF(view->viewport()->rect()).contains(compact));
    // The fit keeps the drawing clear of it.
    view->fitToScene();
    for (const QGraphicsItem *item : view->items(compact.toAlignedRect()))
        QVERIFY2(!item->isVisible() || (item->type() != SiteItem::Type && item->type() != LabelItem::Type),
                 "a site or label under the legend");
    keepShot(window.get(), QStringLiteral("small-window-800x560"));

    resizeTo(window.get(), kLaptop);
    QCOMPARE(view->legendForm(), CanvasView::LegendForm::Full);
    QCOMPARE(view->legendRect().size(), full.size());
    keepShot(window.get(), QStringLiteral("small-window-1280x800"));
}

// At 800 x 560 the canvas keeps most of the width and over half the height between the
// toolbar and the status bar (it had 57% and 45%); the docks still show their contents.
void TstSmallWindow::docksGiveWay()
{
    auto window = shownWindow();
    QVERIFY(window->openFile(samplePath(QStringLiteral("two-campus-teaching"))));
    resizeTo(window.get(), kSmall);
    const QSize canvas = window->canvasView()->viewport()->size();
    const int between = window->statusBar()->y() - window->canvasView()->y();
    qInfo("800 x 560: canvas %d x %d (%.0f%% of the width, %.0f%% of the height between toolbar and status bar); %s",
          canvas.width(), canvas.height(), 100.0 * canvas.width() / kSmall.width(), 100.0 * canvas.height() / between,
          qPrintable(describe(dockSizes(window.get()))));
    QVERIFY2(canvas.width() >= 0.55 * kSmall.width(), qPrintable(QString::number(canvas.width())));
    QVERIFY2(canvas.height() >= 0.55 * between, qPrintable(QString::number(canvas.height())));
    // The docks gave way without vanishing: a form column and a few table rows still show.
    const DockSizes small = dockSizes(window.get());
    QVERIFY2(small.properties >= 240 && small.results >= 120, qPrintable(describe(small)));
    // Their contents scroll rather than hold the canvas small.
    for (const char *name : {"PropertiesDock", "ResultsDock", "DiagnosticsDock"})
        QVERIFY2(dock(window.get(), name)->minimumSizeHint().height() < 0.4 * between, name);
    QVERIFY(dock(window.get(), "PropertiesDock")->minimumSizeHint().width() < small.properties);
}

// Made small and large again, the window gives each dock back the size it had.
void TstSmallWindow::restoringTheSizeRestoresTheDocks()
{
    auto window = shownWindow();
    QVERIFY(window->openFile(samplePath(QStringLiteral("two-campus-teaching"))));
    resizeTo(window.get(), kLarge);
    const DockSizes before = dockSizes(window.get());
    const QSize canvasBefore = window->canvasView()->viewport()->size();
    for (const QSize &size : {kSmall, window->minimumSize(), kSmall, kLaptop, kLarge})
        resizeTo(window.get(), size);
    const DockSizes after = dockSizes(window.get());
    qInfo("1400 x 900: %s; after 800 x 560, the minimum and back: %s", qPrintable(describe(before)),
          qPrintable(describe(after)));
    QVERIFY2(near(before, after), qPrintable(describe(before) + QStringLiteral(" -> ") + describe(after)));
    QCOMPARE(window->canvasView()->viewport()->size(), canvasBefore);
}

// A separator the user drags sets the size the docks come back to.
void TstSmallWindow::draggedSizesAreTheOnesRestored()
{
    auto window = shownWindow();
    QVERIFY(window->openFile(samplePath(QStringLiteral("two-campus-teaching"))));
    resizeTo(window.get(), kLarge);
    // The separator between the canvas and the Properties dock, dragged 80 px to the left.
    const QRect canvas = window->canvasView()->geometry();
    const QPoint separator(canvas.right() + 3, canvas.center().y());
    dragSeparator(window.get(), separator, separator - QPoint(80, 0));
    const DockSizes dragged = dockSizes(window.get());
    QVERIFY2(dragged.properties > 400, qPrintable(describe(dragged)));
    QCOMPARE(window->dockSizeKeeper()->preferredSize(Qt::RightDockWidgetArea), std::optional<int>(dragged.properties));

    resizeTo(window.get(), kSmall);
    QVERIFY(dock(window.get(), "PropertiesDock")->width() < dragged.properties);
    resizeTo(window.get(), kLarge);
    QVERIFY2(near(dockSizes(window.get()), dragged), qPrintable(describe(dockSizes(window.get()))));
}

// Closed while small, the window comes back small; made large, its dock areas get the sizes
// the user chose, not the squeezed ones the saved layout holds. (How the bottom area is
// split between Results and Diagnostics is the saved layout's: QMainWindow gives the
// width it gains to the first of them.)
void TstSmallWindow::dockSizesOutliveTheWindow()
{
    QSettings().clear();
    DockSizes large;
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(samplePath(QStringLiteral("two-campus-teaching"))));
        resizeTo(window.get(), kLarge);
        large = dockSizes(window.get());
        resizeTo(window.get(), kSmall);
        QVERIFY(window->close()); // saves the layout
    }
    auto window = std::make_unique<MainWindow>();
    window->setErrorDialogsEnabled(false);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QCOMPARE(window->size(), kSmall);
    QVERIFY(window->openFile(samplePath(QStringLiteral("two-campus-teaching"))));
    resizeTo(window.get(), kLarge);
    QVERIFY2(nearAreas(dockSizes(window.get()), large),
             qPrintable(describe(large) + QStringLiteral(" -> ") + describe(dockSizes(window.get()))));
    QSettings().clear();
}

// At the window's minimum size the status bar is whole and its figures end in "…" rather
// than at the window's edge.
void TstSmallWindow::statusBarNeverCut()
{
    auto window = shownWindow();
    QVERIFY(window->openFile(samplePath(QStringLiteral("nationwide-multicampus"))));
    resizeTo(window.get(), QSize(100, 100)); // as small as the window goes
    QCOMPARE(window->size(), window->minimumSize());
    QVERIFY(window->minimumSize().width() >= 600 && window->minimumSize().height() >= 400);
    const QStatusBar *bar = window->statusBar();
    QVERIFY(window->rect().contains(bar->geometry()));
    QVERIFY(bar->height() >= bar->sizeHint().height());
    const StatusSummary *summary = window->statusSummaryWidget();
    QVERIFY(summary->isVisible());
    QVERIFY2(bar->rect().contains(summary->geometry()), qPrintable(QStringLiteral("%1 in %2").arg(summary->x()).arg(bar->width())));
    const QString shown = summary->shownText();
    QVERIFY2(summary->fontMetrics().horizontalAdvance(shown) <= summary->contentsRect().width(), qPrintable(shown));
    QVERIFY2(shown == summary->text() || shown.endsWith(QStringLiteral("…")), qPrintable(shown));
    qInfo("status bar at %d x %d: \"%s\"", window->width(), window->height(), qPrintable(shown));
    keepShot(window.get(), QStringLiteral("small-window-minimum"));

    resizeTo(window.get(), kLarge);
    QCOMPARE(summary->shownText(), window->statusSummary());
}

// Narrower than its text, the summary shows whole figures and the next one elided.
void TstSmallWindow::statusSummaryElides()
{
    StatusSummary summary;
    summary.setFields({{QStringLiteral("75 sites"), QString()},
                       {QStringLiteral("1,234,567 GPUs"), QString()},
                       {QString(), QStringLiteral("an empty figure is left out")},
                       {QStringLiteral("2,345.6 MW"), QString()}});
    QCOMPARE(summary.text(), QStringLiteral("75 sites · 1,234,567 GPUs · 2,345.6 MW"));
    summary.resize(summary.sizeHint());
    QCOMPARE(summary.shownText(), summary.text());
    const int upToGpus = summary.fontMetrics().horizontalAdvance(QStringLiteral("75 sites · 1,234,567 GP"));
    summary.resize(upToGpus + summary.contentsMargins().left() + summary.contentsMargins().right(),
                   summary.sizeHint().height());
    const QString shown = summary.shownText();
    QVERIFY2(shown.startsWith(QStringLiteral("75 sites · 1,2")) && shown.endsWith(QStringLiteral("…")), qPrintable(shown));
    QVERIFY(summary.fontMetrics().horizontalAdvance(shown) <= summary.contentsRect().width());
    summary.resize(summary.minimumSizeHint());
    QCOMPARE(summary.shownText(), QStringLiteral("…"));

    // A clickable field says so when clicked, by its index in the list it came in.
    summary.setFields({{QStringLiteral("75 sites"), QString()},
                       {QString(), QString()},
                       {QStringLiteral("step 1.10 s"), QString(), true}});
    summary.resize(summary.sizeHint());
    QSignalSpy clicked(&summary, &StatusSummary::fieldClicked);
    const QFontMetrics fm = summary.fontMetrics();
    const int y = summary.height() / 2;
    QTest::mouseClick(&summary, Qt::LeftButton, {}, QPoint(summary.contentsMargins().left() + 4, y));
    QCOMPARE(clicked.count(), 0); // "75 sites" is not clickable
    QTest::mouseClick(&summary, Qt::LeftButton, {},
                      QPoint(summary.width() - summary.contentsMargins().right() - fm.horizontalAdvance(QStringLiteral("step")), y));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().first().value<qsizetype>(), qsizetype(2));
}

// A plan in a small window is drawn on its region with its campuses named inside the
// canvas: the fit's margins shrink with the canvas (at 800 x 560 these plans used to fall
// back to the whole world, the campuses huddled in one ring).
void TstSmallWindow::smallCanvasShowsTheRegion_data()
{
    QTest::addColumn<QString>("sample");
    for (const char *name : {"two-campus-teaching", "midwest-region", "single-failure", "loss-over-distance"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TstSmallWindow::smallCanvasShowsTheRegion()
{
    QFETCH(QString, sample);
    auto window = shownWindow();
    resizeTo(window.get(), kSmall);
    QVERIFY(window->openFile(samplePath(sample)));
    QCoreApplication::processEvents();
    const CanvasView *view = window->canvasView();
    const QRectF canvas = view->viewport()->rect();
    const projection::LatLon west = projection::toLatLon(view->mapToScene(QPoint(0, 0)));
    const projection::LatLon east = projection::toLatLon(view->mapToScene(view->viewport()->rect().bottomRight()));
    const double spanDeg = east.lon_deg - west.lon_deg;
    qInfo("%s at 800 x 560: %.1f degrees of longitude across the canvas", qPrintable(sample), spanDeg);
    keepShot(window.get(), QStringLiteral("small-window-") + sample);
    // The fit found a zoom of its own rather than falling to the floor (the whole world).
    QVERIFY2(view->zoom() > 2 * CanvasView::kMinZoom, qPrintable(QString::number(view->zoom())));
    QVERIFY2(spanDeg < 180.0, qPrintable(QString::number(spanDeg)));
    for (const QString &id : window->canvasScene()->siteIds()) {
        const SiteItem *site = window->canvasScene()->siteItem(id);
        QVERIFY2(canvas.contains(dci::test::glyphPos(*window, id)), qPrintable(id));
        if (!site->isHub()) {
            QVERIFY2(site->label()->isVisible(), qPrintable(id));
            const QRectF label = site->label()->deviceTransform(view->viewportTransform()).mapRect(site->label()->boundingRect());
            QVERIFY2(canvas.contains(label), qPrintable(id + QStringLiteral("'s label is cut off")));
        }
    }
}

QTEST_MAIN(TstSmallWindow)
#include "tst_smallwindow.moc"
