// GUI tests: the main window, document and canvas driven as a user would, offscreen.
// Set DCI_GUI_SHOTS_DIR to keep the pictures the tests grab.

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "canvas/canvasstyle.h"
#include "canvas/heatpalette.h"
#include "canvas/labellayout.h"
#include "canvas/labelitem.h"
#include "canvas/siteitem.h"
#include "canvas/spanitem.h"
#include "document.h"
#include "engine/evaluate.h"
#include "format.h"
#include "io/scenariojson.h"
#include "guitestutil.h"
#include "mainwindow.h"
#include "model/catalog.h"
#include "samples.h"
#include "screenshot.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QMessageBox>
#include <QSet>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cmath>

using namespace dci;
using dci::test::keepShot;
using dci::test::shownWindow;

namespace {

// An empty canvas has a handful of colours; a drawing with antialiased lines, discs and
// text has hundreds.
constexpr int kMinDistinctColours = 50;

QString samplesDir()
{
    return qEnvironmentVariable("DCI_SAMPLES_DIR");
}

QStringList samplePaths()
{
    QStringList paths;
    for (const SampleInfo &sample : listSamples(samplesDir()))
        paths << sample.path;
    return paths;
}

Scenario readScenario(const QString &path)
{
    ScenarioLoad loaded = readScenarioFile(QFile::encodeName(path).toStdString(), Catalog::builtin());
    if (!loaded.ok())
        qFatal("cannot read %s", qPrintable(path));
    return *loaded.scenario;
}

template <typename Item>
int countItems(const QGraphicsScene *scene)
{
    int n = 0;
    for (QGraphicsItem *item : scene->items())
        n += qgraphicsitem_cast<Item *>(item) ? 1 : 0;
    return n;
}

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            colours.insert(line[x]);
    }
    return static_cast<int>(colours.size());
}


// Where an item that ignores the view transform is drawn, in viewport pixels.
QRectF viewportRect(const QGraphicsItem *item, const QGraphicsView *view)
{
    return item->deviceTransform(view->viewportTransform()).mapRect(item->boundingRect());
}

QPointF viewportPos(const QGraphicsItem *item, const QGraphicsView *view)
{
    return item->deviceTransform(view->viewportTransform()).map(QPointF());
}

// A metro of eight sites within a few km (two at the very same spot) and a far site:
// the hard case for keeping glyphs and labels apart.
QString writeCrowdedScenario(const QString &dir)
{
    QStringList sites;
    QStringList spans;
    constexpr int kMetroSites = 8;
    for (int i = 0; i < kMetroSites; ++i) {
        const double offset = i == 1 ? 0.0 : 0.01 * i; // site 1 sits on site 0
        sites << QStringLiteral(R"({"id": "m%1", "name": "Metro site %1", "lat": %2, "lon": %3, "gpu": "B200", "gpus": %4})")
                     .arg(i).arg(41.25 + offset).arg(-95.93 + offset / 2).arg(10000 * (i + 1));
        if (i > 0)
            spans << QStringLiteral(R"({"id": "s%1", "a": "m%2", "b": "m%1", "optic": "400ZR", "fiber_pairs": 1, "band": "C", "wavelengths": 8})")
                         .arg(i).arg(i - 1);
    }
    sites << QStringLiteral(R"({"id": "far", "name": "Far campus", "lat": 41.88, "lon": -87.63, "gpu": "B200", "gpus": 50000})");
    spans << QStringLiteral(R"({"id": "long", "a": "m0", "b": "far", "optic": "OpenZR+ 200G", "fiber_pairs": 2, "band": "C", "wavelengths": 64})");
    const QString json = QStringLiteral(R"({"format": "dci-scenario", "version": 1, "name": "Crowded metro",
        "sites": [%1], "spans": [%2]})").arg(sites.join(QStringLiteral(",\n")), spans.join(QStringLiteral(",\n")));
    const QString path = QDir(dir).filePath(QStringLiteral("crowded.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json.toUtf8()) < 0)
        qFatal("cannot write %s", qPrintable(path));
    return path;
}


} // namespace

class TstGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyWindow();
    void openSample_data();
    void openSample();
    void layoutIsReadable_data();
    void layoutIsReadable();
    void zoomKeepsLabelSize();
    void brokenFileKeepsDocument_data();
    void brokenFileKeepsDocument();
    void errorDialogListsMessages();
    void samplesMenu();
    void sceneFollowsIds();
    void screenshot();
    void heatPalette();
    void declutterRingsStaySmall();
    void labelKeepsClearOfANeighbour();

private:
    QTemporaryDir m_tempDir;
};

void TstGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings (recent files, layout) go to a test location
    QVERIFY(m_tempDir.isValid());
    QVERIFY2(QDir(samplesDir()).exists(), "DCI_SAMPLES_DIR must name the samples folder");
    QVERIFY(!samplePaths().isEmpty());
}

void TstGui::emptyWindow()
{
    auto window = shownWindow();
    QCOMPARE(window->windowTitle(), QStringLiteral("DCI Planner"));
    QVERIFY(!window->document()->hasScenario());
    QCOMPARE(countItems<SiteItem>(window->canvasScene()), 0);
    QVERIFY(window->canvasView()->hintText().contains(QStringLiteral("Open Sample")));
    QVERIFY(window->statusSummary().isEmpty());
    QVERIFY(!window->windowIcon().pixmap(QSize(64, 64)).isNull());
    keepShot(window->grab().toImage(), QStringLiteral("empty"));
}

void TstGui::openSample_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &path : samplePaths())
        QTest::newRow(qPrintable(QFileInfo(path).completeBaseName())) << path;
}

void TstGui::openSample()
{
    QFETCH(QString, path);
    const Scenario scenario = readScenario(path);
    auto window = shownWindow();
    QVERIFY(window->openFile(path));
    QVERIFY(window->lastErrors().isEmpty());

    QCOMPARE(countItems<SiteItem>(window->canvasScene()), static_cast<int>(scenario.sites.size()));
    QCOMPARE(countItems<SpanItem>(window->canvasScene()), static_cast<int>(scenario.spans.size()));
    for (const Site &site : scenario.sites)
        QVERIFY(window->canvasScene()->siteItem(QString::fromStdString(site.id)));
    for (const Span &span : scenario.spans)
        QVERIFY(window->canvasScene()->spanItem(QString::fromStdString(span.id)));

    std::int64_t gpus = 0;
    for (const Site &site : scenario.sites)
        gpus += site.gpus;
    const QString summary = window->statusSummary();
    QVERIFY2(summary.contains(formatCount(gpus) + QStringLiteral(" GPUs")), qPrintable(summary));
    QVERIFY2(summary.contains(scenario.sites.size() == 1 ? QStringLiteral("1 site") : QStringLiteral("%1 sites").arg(scenario.sites.size())), qPrintable(summary));
    QVERIFY2(summary.contains(formatMw(window->document()->results().totals.power_mw)), qPrintable(summary));
    QCOMPARE(window->windowTitle(), QString::fromStdString(scenario.name) + QStringLiteral("[*] — DCI Planner"));
    QVERIFY(!window->isWindowModified());

    QCoreApplication::processEvents(); // lets the status bar lay out its new texts, as the event loop would
    const QImage image = window->grab().toImage();
    keepShot(image, QFileInfo(path).completeBaseName());
    QVERIFY2(distinctColours(image) > kMinDistinctColours, "the window looks blank");
}

void TstGui::layoutIsReadable_data()
{
    openSample_data();
    QTest::newRow("crowded") << writeCrowdedScenario(m_tempDir.path());
}

// Fitted in a normal window, no two glyphs touch, no label covers another label or a
// glyph or sits nearer another site's glyph than its own, and everything is inside the
// canvas.
void TstGui::layoutIsReadable()
{
    QFETCH(QString, path);
    auto window = shownWindow();
    QVERIFY2(window->openFile(path), qPrintable(window->lastErrors().join(QLatin1Char('\n'))));
    QCoreApplication::processEvents();
    keepShot(window->grab().toImage(), QStringLiteral("layout-") + QFileInfo(path).completeBaseName());
    const CanvasScene *scene = window->canvasScene();
    const CanvasView *view = window->canvasView();
    const QRectF canvas = view->viewport()->rect();

    QList<QRectF> labels;
    QList<std::pair<QPointF, double>> glyphs;
    for (const QString &id : scene->siteIds()) {
        const SiteItem *site = scene->siteItem(id);
        glyphs.append({viewportPos(site, view), site->glyphRadius()});
        QVERIFY(site->label()->isVisible());
        labels.append(viewportRect(site->label(), view));
    }
    for (const QString &id : scene->spanIds()) {
        const SpanItem *span = scene->spanItem(id);
        if (span->label()->isVisible())
            labels.append(viewportRect(span->label(), view));
    }

    for (int i = 0; i < glyphs.size(); ++i) {
        const auto [p, r] = glyphs[i];
        QVERIFY2(canvas.contains(p), qPrintable(scene->siteIds()[i]));
        for (int j = i + 1; j < glyphs.size(); ++j) {
            const double d = std::hypot(p.x() - glyphs[j].first.x(), p.y() - glyphs[j].first.y());
            QVERIFY2(d >= r + glyphs[j].second,
                     qPrintable(scene->siteIds()[i] + QStringLiteral(" touches ") + scene->siteIds()[j]));
        }
    }
    // From a glyph's edge to the nearest point of a label (negative: the label covers it).
    const auto gapTo = [](const QRectF &label, const QPointF &p, double r) {
        const double dx = std::max({label.left() - p.x(), 0.0, p.x() - label.right()});
        const double dy = std::max({label.top() - p.y(), 0.0, p.y() - label.bottom()});
        return std::hypot(dx, dy) - r;
    };
    // Every site label is nearer its own glyph than any other: it reads as that site's.
    for (int i = 0; i < glyphs.size(); ++i) {
        const double own = gapTo(labels[i], glyphs[i].first, glyphs[i].second);
        for (int j = 0; j < glyphs.size(); ++j)
            QVERIFY2(j == i || gapTo(labels[i], glyphs[j].first, glyphs[j].second) > own,
                     qPrintable(scene->siteIds()[i] + QStringLiteral("'s label is nearer ") + scene->siteIds()[j]));
    }
    for (int i = 0; i < labels.size(); ++i) {
        QVERIFY2(canvas.contains(labels[i]), qPrintable(QStringLiteral("label %1 is cut off").arg(i)));
        for (int j = i + 1; j < labels.size(); ++j)
            QVERIFY2(!labels[i].intersects(labels[j]), qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(i).arg(j)));
        for (const auto &[p, r] : glyphs)
            QVERIFY2(gapTo(labels[i], p, r) >= -1.0, qPrintable(QStringLiteral("label %1 covers a site").arg(i)));
    }
}

void TstGui::zoomKeepsLabelSize()
{
    auto window = shownWindow();
    const QString path = samplePaths().first();
    QVERIFY(window->openFile(path));
    CanvasView *view = window->canvasView();
    const SiteItem *site = window->canvasScene()->siteItem(window->canvasScene()->siteIds().first());
    const QSizeF before = viewportRect(site->label(), view).size();
    const double zoomBefore = view->zoom();

    // Four wheel notches towards the middle of the canvas.
    const QPoint centre = view->viewport()->rect().center();
    QWheelEvent wheel(centre, view->viewport()->mapToGlobal(centre), QPoint(), QPoint(0, 4 * 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view->viewport(), &wheel);
    QVERIFY(view->zoom() > zoomBefore * 2.0);
    QCOMPARE(viewportRect(site->label(), view).size(), before);

    view->fitToScene();
    QVERIFY(qFuzzyCompare(view->zoom(), zoomBefore));

    // Dragging the background pans and keeps the zoom.
    const QPointF sceneCentre = view->mapToScene(centre);
    QPoint empty(-1, -1);
    for (int y = 40; y < view->viewport()->height() && empty.x() < 0; y += 40) {
        for (int x = 40; x < view->viewport()->width() - 100 && empty.x() < 0; x += 40) {
            if (!view->itemAt(QPoint(x, y)))
                empty = QPoint(x, y);
        }
    }
    QVERIFY(empty.x() >= 0);
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, empty);
    QTest::mouseMove(view->viewport(), empty + QPoint(80, 0));
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, empty + QPoint(80, 0));
    QVERIFY(view->mapToScene(centre).x() < sceneCentre.x());
    QVERIFY(qFuzzyCompare(view->zoom(), zoomBefore));
}

void TstGui::brokenFileKeepsDocument_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{ \"format\": \"dci-scenario\", ") << QString();
    QTest::newRow("not a scenario") << QByteArray("{\"format\": \"dci-scenario\", \"version\": 1, \"sites\": 3}")
                                    << QStringLiteral("/sites");
}

void TstGui::brokenFileKeepsDocument()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    auto window = shownWindow();
    const QString good = samplePaths().first();
    QVERIFY(window->openFile(good));
    const QString title = window->windowTitle();
    const QString summary = window->statusSummary();
    const int sites = countItems<SiteItem>(window->canvasScene());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    QSignalSpy failed(window.get(), &MainWindow::loadFailed);
    QVERIFY(!window->openFile(broken));
    QCOMPARE(failed.count(), 1);
    QVERIFY(!window->lastErrors().isEmpty());
    for (const QString &message : window->lastErrors())
        QVERIFY2(message.contains(QStringLiteral("broken.json")), qPrintable(message));
    if (!expected.isEmpty())
        QVERIFY2(window->lastErrors().join(QLatin1Char('\n')).contains(expected),
                 qPrintable(window->lastErrors().join(QLatin1Char('\n'))));

    QCOMPARE(window->document()->filePath(), QFileInfo(good).absoluteFilePath());
    QCOMPARE(window->windowTitle(), title);
    QCOMPARE(window->statusSummary(), summary);
    QCOMPARE(countItems<SiteItem>(window->canvasScene()), sites);
}

void TstGui::errorDialogListsMessages()
{
    auto window = shownWindow();
    window->setErrorDialogsEnabled(true);
    const QString missing = QDir::temp().filePath(QStringLiteral("dci-no-such-scenario.json"));

    // The dialog is modal: close it from inside its own event loop, keeping its text.
    QString shown;
    QTimer closer;
    connect(&closer, &QTimer::timeout, this, [&] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->isVisible()) {
                shown = box->text() + QLatin1Char('\n') + box->informativeText();
                box->accept();
            }
        }
    });
    closer.start(50);
    QVERIFY(!window->openFile(missing));
    closer.stop();
    QVERIFY2(shown.contains(QStringLiteral("dci-no-such-scenario.json")), qPrintable(shown));
    QVERIFY2(shown.contains(window->lastErrors().first()), qPrintable(shown));
}

void TstGui::samplesMenu()
{
    auto window = shownWindow();
    const QList<SampleInfo> samples = listSamples(samplesDir());
    // The samples first; after them the shipped networks (tst_realplan openSampleNetwork).
    const QList<QAction *> actions = window->samplesMenu()->actions().mid(0, samples.size());
    QCOMPARE(actions.size(), samples.size());
    for (int i = 0; i < samples.size(); ++i) {
        QCOMPARE(actions[i]->text(), samples[i].title);
        QCOMPARE(QString::fromStdString(readScenario(samples[i].path).name), samples[i].title);
    }
    actions.last()->trigger();
    QCOMPARE(window->document()->filePath(), QFileInfo(samples.last().path).absoluteFilePath());
    QVERIFY(window->windowTitle().startsWith(samples.last().title));
}

// show() called again after a change updates items in place, found by id.
void TstGui::sceneFollowsIds()
{
    Scenario scenario = readScenario(samplePaths().first());
    QVERIFY(scenario.sites.size() >= 2 && !scenario.spans.empty());
    CanvasScene scene;
    scene.show(scenario, evaluate(scenario, Catalog::builtin()));
    const QString keptId = QString::fromStdString(scenario.sites.front().id);
    SiteItem *kept = scene.siteItem(keptId);
    QVERIFY(kept);

    // Drop the last site and every span that touches it; rename the first site.
    const std::string dropped = scenario.sites.back().id;
    scenario.sites.pop_back();
    std::erase_if(scenario.spans, [&](const Span &s) { return s.a == dropped || s.b == dropped; });
    scenario.sites.front().name = "Renamed site";
    scene.show(scenario, evaluate(scenario, Catalog::builtin()));

    QCOMPARE(scene.siteItem(keptId), kept);
    QVERIFY(!scene.siteItem(QString::fromStdString(dropped)));
    QCOMPARE(countItems<SiteItem>(&scene), static_cast<int>(scenario.sites.size()));
    QCOMPARE(countItems<SpanItem>(&scene), static_cast<int>(scenario.spans.size()));
    QVERIFY(kept->label()->text().startsWith(QStringLiteral("Renamed site")));
}

void TstGui::screenshot()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString errors;
    QTextStream err(&errors);
    const QString out = dir.filePath(QStringLiteral("shot.png"));
    QCOMPARE(renderScreenshot(samplePaths().first(), out, kScreenshotSize, err), 0);
    const QImage image(out);
    QCOMPARE(image.size(), kScreenshotSize);
    QVERIFY(distinctColours(image) > kMinDistinctColours);

    const QString missing = dir.filePath(QStringLiteral("missing.json"));
    QCOMPARE(renderScreenshot(missing, dir.filePath(QStringLiteral("none.png")), kScreenshotSize, err), 2);
    QVERIFY2(errors.contains(QStringLiteral("missing.json")), qPrintable(errors));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.png"))));
}

void TstGui::heatPalette()
{
    // Idle is blue, full is red, overloaded is a stronger red than full.
    QVERIFY(colorForUtilization(0.0).blue() > colorForUtilization(0.0).red());
    QCOMPARE(colorForUtilization(1.0), heatStops().back().color);
    const QColor over = colorForUtilization(1.5);
    QVERIFY(over.red() > over.green() + 100 && over.red() > over.blue() + 100);
    QVERIFY(over.value() < colorForUtilization(1.0).value());
    QCOMPARE(colorForUtilization(-1.0), colorForUtilization(0.0));
    QCOMPARE(colorForUtilization(2.0), colorForUtilization(1.01));
}

// Glyphs of radius 8 with the catalog's 12 px gap must be 28 px apart. Three sites on one
// spot are put on a ring that parts them; a chain of 20 sites 10 px apart (a dense region
// of a backbone) is too many for rings of at most kMaxClusterSites: rather than rings
// that still pile up, every glyph stays at its true position.
void TstGui::declutterRingsStaySmall()
{
    constexpr double kRadiusPx = 8.0;
    std::vector<LayoutSite> metro;
    for (int i = 0; i < 3; ++i)
        metro.push_back({QPointF(100.0, 100.0), kRadiusPx, QSizeF(), 0.0});
    metro.push_back({QPointF(600.0, 100.0), kRadiusPx, QSizeF(), 0.0});
    const Decluttered ring = declutterSites(metro);
    QCOMPARE(ring.clusters.size(), std::size_t(1));
    QCOMPARE(ring.clusters[0].members.size(), std::size_t(3));
    QVERIFY(!glyphsOverlap(metro, ring.sites));
    QCOMPARE(ring.sites[3], QPointF(600.0, 100.0)); // the far site stays where it is

    constexpr int kChain = 20;
    std::vector<LayoutSite> chain;
    for (int i = 0; i < kChain; ++i)
        chain.push_back({QPointF(10.0 * i, 0.0), kRadiusPx, QSizeF(), 0.0});
    const Decluttered piled = declutterSites(chain);
    QVERIFY(piled.clusters.empty());
    for (int i = 0; i < kChain; ++i)
        QCOMPARE(piled.sites[std::size_t(i)], chain[std::size_t(i)].anchor);
    QVERIFY(kChain > int(canvasstyle::kMaxClusterSites));
}

// Site A's span leaves to the right, so its label would go left, but there it would end
// 15 px from hub B's glyph and read as B's: it goes elsewhere (above or below A), well
// clear of B.
void TstGui::labelKeepsClearOfANeighbour()
{
    constexpr double kRadiusPx = 8.0;
    const QSizeF label(100.0, 30.0);
    const std::vector<LayoutSite> sites = {
        {QPointF(100.0, 100.0), kRadiusPx, label, 1.0},                                      // A, a campus
        {QPointF(100.0 - kRadiusPx - canvasstyle::kLabelGapPx - 100.0 - 15.0 - kRadiusPx, 100.0), kRadiusPx,
         QSizeF(), 0.0},                                                                     // B, unlabelled hub
        {QPointF(400.0, 100.0), kRadiusPx, QSizeF(), 0.0},                                   // C
    };
    const std::vector<LayoutSpan> spans = {{0, 2, 0.0, QSizeF()}};
    const CanvasLayout layout = layoutCanvas(sites, spans);
    const double gapToB = layout.siteLabels[0].left() - (sites[1].anchor.x() + kRadiusPx);
    QVERIFY2(gapToB >= 30.0, qPrintable(QStringLiteral("label %1 px from B").arg(gapToB)));
}

QTEST_MAIN(TstGui)
#include "tst_gui.moc"
