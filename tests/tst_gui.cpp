// GUI tests: the main window, document and canvas driven as a user would, offscreen.
// Set DCI_GUI_SHOTS_DIR to keep the pictures the tests grab.

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "canvas/projection.h"
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
#include "map/citysearch.h"
#include "guitestutil.h"
#include "mainwindow.h"
#include "model/catalog.h"
#include "properties/propertiespanel.h"
#include "samples.h"
#include "screenshot.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCompleter>
#include <QLineEdit>
#include <QStyle>
#include <QApplication>
#include <QComboBox>
#include <QPushButton>
#include <QSpinBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSet>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QSettings>
#include <QContextMenuEvent>
#include <QTest>
#include <QUndoStack>
#include <QToolBar>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>

#include <algorithm>
#include <cmath>

using namespace dci;
using dci::test::emptyCanvasPoint;
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


const QString kCoronet = QStringLiteral(DCI_NETWORKS_DIR "/gnpy/CORONET_CONUS_Topology.json");

// Picks an item of a combo box in the Properties dock with the arrow keys, as a user would
// (each step is an activation, so an edit).
void chooseWithKeys(MainWindow *window, const char *objectName, const QString &data)
{
    auto *combo = window->propertiesPanel()->findChild<QComboBox *>(QLatin1String(objectName));
    QVERIFY2(combo && combo->isVisible(), objectName);
    const int target = combo->findData(data);
    QVERIFY2(target >= 0, qPrintable(data));
    combo->setFocus();
    while (combo->currentIndex() != target)
        QTest::keyClick(combo, combo->currentIndex() < target ? Qt::Key_Down : Qt::Key_Up);
}

// CORONET imported, two hubs made campuses (click the glyph, type the GPUs) and the default
// training job added: the plan of issue 13 with one overloaded span under a hub.
void openCoronetWithTwoCampuses(MainWindow *window)
{
    QVERIFY2(window->importFile(kCoronet), qPrintable(window->lastErrors().join(QLatin1Char('\n'))));
    dci::test::findAction(window, QStringLiteral("Select"))->trigger();
    for (const QString &site : {QStringLiteral("abilene"), QStringLiteral("atlanta")}) {
        dci::test::click(window->canvasView()->viewport(), dci::test::glyphPos(*window, site));
        auto *gpus = window->propertiesPanel()->findChild<QSpinBox *>(QStringLiteral("siteGpus"));
        QVERIFY(gpus && gpus->isVisible());
        dci::test::typeAndEnter(gpus, QStringLiteral("32768"));
    }
    dci::test::click(window->canvasView()->viewport(), emptyCanvasPoint(*window));
    auto *addJob = window->propertiesPanel()->findChild<QPushButton *>(QStringLiteral("addJob"));
    QVERIFY(addJob && addJob->isVisible());
    QTest::mouseClick(addJob, Qt::LeftButton);
    QVERIFY(window->document()->scenario().job);
    QCoreApplication::processEvents();
}

// A span's line as drawn, in viewport pixels.
QLineF viewportLine(const SpanItem *span, const QGraphicsView *view)
{
    const QTransform t = view->viewportTransform();
    return QLineF(t.map(span->line().p1()), t.map(span->line().p2()));
}

bool lineCrossesRect(const QLineF &line, const QRectF &rect)
{
    if (rect.contains(line.p1()) || rect.contains(line.p2()))
        return true;
    const QLineF edges[] = {{rect.topLeft(), rect.topRight()},
                            {rect.topRight(), rect.bottomRight()},
                            {rect.bottomRight(), rect.bottomLeft()},
                            {rect.bottomLeft(), rect.topLeft()}};
    for (const QLineF &edge : edges)
        if (line.intersects(edge, nullptr) == QLineF::BoundedIntersection)
            return true;
    return false;
}

// Whether some pixel along a span's line, away from its label, has exactly this colour.
bool spanDrawnIn(const MainWindow &window, const QString &spanId, const QColor &colour)
{
    const QImage image = window.canvasView()->viewport()->grab().toImage();
    const QLineF line = viewportLine(window.canvasScene()->spanItem(spanId), window.canvasView());
    const double dpr = image.devicePixelRatio();
    for (double f = 0.1; f < 0.35; f += 0.005)
        if (image.pixelColor((line.pointAt(f) * dpr).toPoint()).rgb() == colour.rgb())
            return true;
    return false;
}

// The label text of a utilisation: whole percent (spanitem.cpp).
QString labelPercent(double fraction)
{
    return displayLocale().toString(qRound(fraction * 100.0)) + QStringLiteral("%");
}

// Relative luminance (WCAG) of a colour, optionally as a colour-blind viewer sees it:
// Machado, Oliveira and Fernandes (2009), severity 1, applied in linear RGB.
enum class Vision { Normal, Deuteranopia, Protanopia };
double luminance(const QColor &c, Vision vision)
{
    const auto linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    double rgb[3] = {linear(c.redF()), linear(c.greenF()), linear(c.blueF())};
    static constexpr double kDeuteranopia[3][3] = {
        {0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}};
    static constexpr double kProtanopia[3][3] = {
        {0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}};
    if (vision != Vision::Normal) {
        const auto &m = vision == Vision::Deuteranopia ? kDeuteranopia : kProtanopia;
        double out[3];
        for (int i = 0; i < 3; ++i)
            out[i] = std::clamp(m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2], 0.0, 1.0);
        std::copy(std::begin(out), std::end(out), std::begin(rgb));
    }
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

} // namespace

class TstGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyWindow();
    void emptyPlanOpensOnNorthAmerica();
    void oneSitePlanFitsWithCountryAround();
    void firstSiteLandsWhereClicked();
    void cityListShowsWholeEntries();
    void rightClickMenus();
    void helpShowsTheGuideAndShortcuts();
    void toolbarHasIcons();
    void openSample_data();
    void openSample();
    void layoutIsReadable_data();
    void layoutIsReadable();
    void zoomKeepsLabelSize();
    void brokenFileKeepsDocument_data();
    void brokenFileKeepsDocument();
    void errorDialogListsMessages();
    void samplesMenu();
    void startOpensLastPlanOrTheSample();
    void sceneFollowsIds();
    void screenshot();
    void heatPalette();
    void declutterRingsStaySmall();
    void labelKeepsClearOfANeighbour();
    void hottestSpansAlwaysLabelled_data();
    void hottestSpansAlwaysLabelled();
    void spanTooltipsGiveUtilisation_data();
    void spanTooltipsGiveUtilisation();
    void idleSpansLabelledOnlyWhenAsked();
    void hubsRecede();
    void spanColouredByHottestLane();
    void lossShowsOnTheSpan();

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

// Issue 13 #18: Help had only About. Help > User Guide shows the bundled guide with its
// pictures; Help > Keyboard Shortcuts lists every menu shortcut.
void TstGui::helpShowsTheGuideAndShortcuts()
{
    auto window = shownWindow();
    QAction *guide = dci::test::findAction(window.get(), QStringLiteral("User Guide"));
    QCOMPARE(guide->shortcut(), QKeySequence(QKeySequence::HelpContents));
    guide->trigger();
    QTextBrowser *text = nullptr;
    QTRY_VERIFY((text = window->findChild<QTextBrowser *>(QStringLiteral("userGuideText"))) != nullptr);
    QVERIFY(text->toPlainText().contains(QStringLiteral("A first plan, step by step")));
    QVERIFY(text->toPlainText().contains(QStringLiteral("A real network: campuses on CORONET")));
    // Its pictures come with it: the first one resolves inside the bundle.
    QVERIFY(!QImage(QStringLiteral(":/guide/images/guide-1-open.png")).isNull());
    QVERIFY(text->document()->resource(QTextDocument::ImageResource,
                                      QUrl(QStringLiteral("qrc:/guide/images/guide-1-open.png"))).isValid());
    dci::test::keepShot(text->window()->grab().toImage(), QStringLiteral("help-user-guide"));
    text->window()->close();

    const QString shortcuts = window->shortcutsHtml();
    QVERIFY2(shortcuts.contains(QStringLiteral("Undo")), qPrintable(shortcuts));
    QVERIFY(shortcuts.contains(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
    QVERIFY(shortcuts.contains(QStringLiteral("User Guide")));
}

// Issue 13 #18: the toolbar was text only. Every tool has one of our icons, drawn.
void TstGui::toolbarHasIcons()
{
    auto window = shownWindow();
    auto *toolbar = window->findChild<QToolBar *>(QStringLiteral("ToolsToolBar"));
    QVERIFY(toolbar);
    QCOMPARE(toolbar->toolButtonStyle(), Qt::ToolButtonTextBesideIcon);
    int withIcon = 0;
    for (QAction *a : toolbar->actions()) {
        if (a->isSeparator())
            continue;
        QVERIFY2(!a->icon().isNull(), qPrintable(a->text()));
        QVERIFY2(!a->icon().pixmap(18).toImage().isNull(), qPrintable(a->text()));
        ++withIcon;
    }
    QCOMPARE(withIcon, 7); // Select, Add Site, Add Span, Undo, Redo, Delete, Fit to Window
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

// Issue 13 #6, #7: a new or emptied plan opened on a world stretched past its edges
// (390°W ... 330°E, Antarctica filling the bottom) or on nothing at all. It opens on North
// America with the map, and keeps the map when its last site is deleted.
void TstGui::emptyPlanOpensOnNorthAmerica()
{
    auto window = shownWindow();
    CanvasView *view = window->canvasView();
    auto centre = [view] {
        return projection::toLatLon(view->mapToScene(view->viewport()->rect().center()));
    };
    auto inNorthAmerica = [](const projection::LatLon &p) {
        return p.lat_deg > 15.0 && p.lat_deg < 60.0 && p.lon_deg > -135.0 && p.lon_deg < -55.0;
    };
    // The map is drawn: many pixels of the empty canvas differ from the plain background.
    auto mapDrawn = [view] {
        const QImage image = view->viewport()->grab().toImage();
        const QRgb plain = QColor(canvasstyle::kBackground).rgb(); // what an empty canvas used to be
        int other = 0;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                other += image.pixel(x, y) != plain ? 1 : 0;
        return other > image.width() * image.height() / 16 / 20; // over 5% of the samples
    };
    dci::test::findAction(window.get(), QStringLiteral("New"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(mapDrawn(), 10000); // the map loads in the background
    QVERIFY2(inNorthAmerica(centre()), qPrintable(QStringLiteral("%1 %2").arg(centre().lat_deg).arg(centre().lon_deg)));
    // The visible area stays inside the world's longitudes.
    const projection::LatLon left = projection::toLatLon(view->mapToScene(view->viewport()->rect().topLeft()));
    const projection::LatLon right = projection::toLatLon(view->mapToScene(view->viewport()->rect().bottomRight()));
    QVERIFY(left.lon_deg > -180.0 && right.lon_deg < 180.0);

    // A plan whose sites are all deleted keeps the map.
    QVERIFY(window->openFile(QDir(samplesDir()).filePath(QStringLiteral("two-campus-teaching.json"))));
    dci::test::findAction(window.get(), QStringLiteral("Select All"))->trigger();
    dci::test::findAction(window.get(), QStringLiteral("Delete"))->trigger();
    QCOMPARE(window->document()->scenario().sites.size(), std::size_t(0));
    QTRY_VERIFY_WITH_TIMEOUT(mapDrawn(), 10000); // the map loads in the background
}

// Issue 13 #7: on a new, empty plan the first site went to 0°N 0°E whatever the click. File ›
// New, the Add Site tool and a click on the North America map put it under the pointer.
void TstGui::firstSiteLandsWhereClicked()
{
    auto window = shownWindow();
    dci::test::findAction(window.get(), QStringLiteral("New"))->trigger();
    QVERIFY(window->document()->hasScenario());
    QVERIFY(window->document()->scenario().sites.empty());
    dci::test::findAction(window.get(), QStringLiteral("Add Site"))->trigger();
    CanvasView *view = window->canvasView();
    QCOMPARE(view->tool(), CanvasView::Tool::AddSite);

    // Left of and below the middle of the map, where Kansas or Oklahoma lies.
    const QPoint at(view->viewport()->width() * 2 / 5, view->viewport()->height() * 3 / 5);
    QVERIFY(!view->itemAt(at));
    const projection::LatLon expected = projection::toLatLon(view->mapToScene(at));
    dci::test::click(view->viewport(), at);

    const Scenario &plan = window->document()->scenario();
    QCOMPARE(plan.sites.size(), std::size_t(1));
    const Site &site = plan.sites.front();
    const QString where = QStringLiteral("%1, %2 (clicked %3, %4)").arg(site.lat).arg(site.lon).arg(expected.lat_deg).arg(expected.lon_deg);
    QVERIFY2(std::abs(site.lat - expected.lat_deg) < 0.05 && std::abs(site.lon - expected.lon_deg) < 0.05, qPrintable(where));
    QVERIFY2(site.lat > 15.0 && site.lat < 60.0 && site.lon > -135.0 && site.lon < -55.0, qPrintable(where));
    QCOMPARE(window->document()->undoStack()->count(), 1);
    // Drawn under the pointer, and the view did not jump away from it.
    const QPoint glyph = dci::test::glyphPos(*window, QString::fromStdString(site.id));
    QVERIFY2((glyph - at).manhattanLength() <= 2, qPrintable(QStringLiteral("%1,%2").arg(glyph.x()).arg(glyph.y())));
}

// Issue 13 #18: the city list was as wide as its field and cut entries at "United Stat…".
// Every completion shown, and the longest entry there is, fits its row whole.
void TstGui::cityListShowsWholeEntries()
{
    const CitySearch cities;
    if (!cities.available())
        QFAIL("libmagics++-data is not installed (scripts/deps.sh installs it)");
    CityDialog dialog(cities);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QAbstractItemView *popup = dialog.completer()->popup();
    const QFontMetrics fm(popup->font());
    const int textMargins = 2 * (popup->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, popup) + 1);
    const auto shownWhole = [&](const QModelIndex &index) {
        const QString text = index.data().toString();
        return fm.elidedText(text, Qt::ElideRight, popup->visualRect(index).width() - textMargins) == text;
    };
    // The field itself holds an everyday entry.
    QVERIFY(dialog.lineEdit()->width() > fm.horizontalAdvance(QStringLiteral("Omaha, Nebraska, United States of America")));

    // The widest entry of all, typed until it is the first completion.
    QString widest;
    for (const City &city : cities.cities())
        if (fm.horizontalAdvance(city.displayText()) > fm.horizontalAdvance(widest))
            widest = city.displayText();
    for (const QString &typed : {QStringLiteral("San"), widest}) {
        dialog.lineEdit()->clear();
        dialog.lineEdit()->setFocus();
        QTest::keyClicks(dialog.lineEdit(), typed);
        QTRY_VERIFY(popup->isVisible());
        const int rows = std::min(popup->model()->rowCount(), dialog.completer()->maxVisibleItems());
        QVERIFY(rows > 0);
        for (int row = 0; row < rows; ++row) {
            const QModelIndex index = popup->model()->index(row, 0);
            QVERIFY2(shownWhole(index), qPrintable(QStringLiteral("%1: %2 px in a row of %3")
                                                        .arg(index.data().toString())
                                                        .arg(fm.horizontalAdvance(index.data().toString()))
                                                        .arg(popup->visualRect(index).width())));
        }
        QVERIFY(popup->width() >= fm.horizontalAdvance(popup->model()->index(0, 0).data().toString()));
        keepShot(popup->grab().toImage(), QStringLiteral("city-list-") + typed.left(10));
        QTest::keyClick(popup, Qt::Key_Escape);
    }
    qInfo("widest entry \"%s\": %d px; list %d px wide", qPrintable(widest), fm.horizontalAdvance(widest), popup->width());
    keepShot(dialog.grab().toImage(), QStringLiteral("city-dialog"));
}

// Issue 13 #18: no context menus. A right click on a span, a site or the map offers what
// applies there; "Fail This Span" is one undo step and reroutes.
void TstGui::rightClickMenus()
{
    auto window = shownWindow();
    QVERIFY(window->openFile(QDir(samplesDir()).filePath(QStringLiteral("single-failure.json"))));
    Document *doc = window->document();
    auto names = [](QMenu *menu) {
        QStringList out;
        for (QAction *a : menu->actions())
            if (!a->isSeparator())
                out << a->text().remove(QLatin1Char('&'));
        return out;
    };
    // A real right click on a site's glyph asks for its menu and selects it.
    CanvasView *view = window->canvasView();
    QSignalSpy asked(view, &CanvasView::contextMenuRequested);
    const QPoint at = dci::test::glyphPos(*window, QStringLiteral("abilene"));
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
    QApplication::sendEvent(view->viewport(), &event);
    QCOMPARE(asked.count(), 1);
    QCOMPARE(asked.last().at(0).toString(), QStringLiteral("abilene"));
    QCOMPARE(view->selectedSiteIds(), QStringList{QStringLiteral("abilene")});
    for (QMenu *open : window->findChildren<QMenu *>(QStringLiteral("canvasContextMenu")))
        open->close();

    std::unique_ptr<QMenu> site(window->contextMenuFor(QStringLiteral("abilene"), {}, 0, 0));
    QVERIFY(names(site.get()).contains(QStringLiteral("Add Span from Here")));
    QVERIFY(names(site.get()).contains(QStringLiteral("Properties")));

    std::unique_ptr<QMenu> span(window->contextMenuFor({}, QStringLiteral("abi-dal"), 0, 0));
    QAction *fail = nullptr;
    for (QAction *a : span->actions())
        if (a->text() == QStringLiteral("Fail This Span"))
            fail = a;
    QVERIFY(fail);
    fail->trigger();
    QVERIFY(doc->scenario().span("abi-dal")->down);
    QCOMPARE(doc->undoStack()->count(), 1);
    std::unique_ptr<QMenu> again(window->contextMenuFor({}, QStringLiteral("abi-dal"), 0, 0));
    QVERIFY(names(again.get()).contains(QStringLiteral("Restore This Span")));
    doc->undoStack()->undo();
    QVERIFY(!doc->scenario().span("abi-dal")->down);

    std::unique_ptr<QMenu> map(window->contextMenuFor({}, {}, 31.5, -97.0));
    for (QAction *a : map->actions())
        if (a->text() == QStringLiteral("Add Site Here"))
            a->trigger();
    QCOMPARE(doc->scenario().sites.size(), std::size_t(5));
    QVERIFY(std::abs(doc->scenario().sites.back().lat - 31.5) < 1e-6);
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
        // Campuses are always named; a hub only when zoomed in and where there is room.
        QVERIFY2(site->isHub() || site->label()->isVisible(), qPrintable(id));
        labels.append(site->label()->isVisible() ? viewportRect(site->label(), view) : QRectF());
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
        if (labels[i].isNull())
            continue;
        const double own = gapTo(labels[i], glyphs[i].first, glyphs[i].second);
        for (int j = 0; j < glyphs.size(); ++j)
            QVERIFY2(j == i || gapTo(labels[i], glyphs[j].first, glyphs[j].second) > own,
                     qPrintable(scene->siteIds()[i] + QStringLiteral("'s label is nearer ") + scene->siteIds()[j]));
    }
    for (int i = 0; i < labels.size(); ++i) {
        if (labels[i].isNull())
            continue;
        QVERIFY2(canvas.contains(labels[i]), qPrintable(QStringLiteral("label %1 is cut off").arg(i)));
        for (int j = i + 1; j < labels.size(); ++j)
            QVERIFY2(labels[j].isNull() || !labels[i].intersects(labels[j]),
                     qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(i).arg(j)));
        for (const auto &[p, r] : glyphs)
            QVERIFY2(gapTo(labels[i], p, r) >= -1.0, qPrintable(QStringLiteral("label %1 covers a site").arg(i)));
    }
}

// Fit to Window on a one-campus plan (the power-wall sample, lesson 1) shows the country
// around it, not the campus at street level; the user may still zoom in.
void TstGui::oneSitePlanFitsWithCountryAround()
{
    auto window = shownWindow();
    QVERIFY(window->openFile(QDir(QString::fromUtf8(DCI_SOURCE_DIR "/samples")).filePath("power-wall.json")));
    CanvasView *view = window->canvasView();
    view->fitToScene();
    const QRectF visible = view->visibleSceneRect();
    QVERIFY2(visible.width() >= CanvasView::kMinFitSpanUnits * 0.99, qPrintable(QString::number(visible.width())));
    const double fitted = view->zoom();
    const QPoint centre = view->viewport()->rect().center();
    QWheelEvent wheel(centre, view->viewport()->mapToGlobal(centre), QPoint(), QPoint(0, 4 * 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view->viewport(), &wheel);
    QVERIFY(view->zoom() > fitted);
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
    // The dialog names the file once ("In <path>:") and each message from its place on.
    const QString prefix = missing + QStringLiteral(": ");
    QVERIFY(window->lastErrors().first().startsWith(prefix));
    QVERIFY2(shown.contains(QStringLiteral("In %1:").arg(QDir::toNativeSeparators(missing))), qPrintable(shown));
    QVERIFY2(shown.contains(window->lastErrors().first().mid(prefix.size())), qPrintable(shown));
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
    // A sample opens as an untitled copy (issue 13 #8): no file behind it, so Save asks for a
    // name and the shipped file cannot be overwritten; unchanged, nothing is unsaved.
    actions.last()->trigger();
    QVERIFY(window->document()->filePath().isEmpty());
    QVERIFY(!window->document()->isModified());
    QCOMPARE(QString::fromStdString(window->document()->scenario().name), samples.last().title);
    QVERIFY(window->windowTitle().startsWith(samples.last().title));
}

// Issue 13 #7: started without a file, the window opens the last plan that still exists,
// or on a first start the two-campus sample as an untitled copy (never an empty form).
void TstGui::startOpensLastPlanOrTheSample()
{
    QSettings().remove(QStringLiteral("recentFiles"));
    auto window = shownWindow();
    QVERIFY(window->openAtStart());
    QCOMPARE(QString::fromStdString(window->document()->scenario().name),
             QString::fromStdString(readScenario(QDir(samplesDir()).filePath(QStringLiteral("two-campus-teaching.json"))).name));
    QVERIFY(window->document()->filePath().isEmpty());

    // With a plan opened before (and one that no longer exists ahead of it), that plan.
    const QString kept = m_tempDir.filePath(QStringLiteral("kept.json"));
    QVERIFY(QFile::copy(QDir(samplesDir()).filePath(QStringLiteral("midwest-region.json")), kept));
    QSettings().setValue(QStringLiteral("recentFiles"),
                         QStringList{m_tempDir.filePath(QStringLiteral("gone.json")), kept});
    auto second = shownWindow();
    QVERIFY(second->openAtStart());
    QCOMPARE(second->document()->filePath(), kept);
    QSettings().remove(QStringLiteral("recentFiles"));
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

// The palette reads by lightness: it darkens from idle to full, for normal vision and as
// deuteranopes and protanopes see it (Machado et al. 2009), so the order of the spans'
// heat survives colour blindness, grey print and a washed-out projector. Overload is
// darker still (and dashed on the canvas); no colour is near the violet of the selection;
// the percentages in span labels stay readable on white.
void TstGui::heatPalette()
{
    constexpr int kSamples = 40;
    for (Vision vision : {Vision::Normal, Vision::Deuteranopia, Vision::Protanopia}) {
        double previous = 2.0;
        for (int i = 0; i <= kSamples; ++i) {
            const double u = double(i) / kSamples;
            const double y = luminance(colorForUtilization(u), vision);
            QVERIFY2(y < previous, qPrintable(QStringLiteral("vision %1 at %2%").arg(int(vision)).arg(u * 100)));
            previous = y;
        }
        // Idle still shows on the canvas; overload is the darkest.
        QVERIFY(luminance(colorForUtilization(0.0), vision) < 0.6);
        QVERIFY(luminance(overloadColor(), vision) < 0.6 * luminance(colorForUtilization(1.0), vision));
    }
    QCOMPARE(colorForUtilization(1.0), heatStops().back().color);
    QCOMPARE(colorForUtilization(1.5), overloadColor());
    QCOMPARE(colorForUtilization(-1.0), colorForUtilization(0.0));
    QCOMPARE(colorForUtilization(2.0), colorForUtilization(1.01));

    const auto distance = [](const QColor &a, const QColor &b) {
        return std::hypot(a.red() - b.red(), a.green() - b.green(), a.blue() - b.blue());
    };
    constexpr double kFarFromSelection = 120.0; // of 441, the RGB cube's diagonal
    for (int i = 0; i <= kSamples; ++i) {
        const double u = 1.2 * i / kSamples;
        QVERIFY2(distance(colorForUtilization(u), canvasstyle::kSelection) > kFarFromSelection, qPrintable(QString::number(u)));
        const QColor text = textColorForUtilization(u);
        QVERIFY2(1.05 / (luminance(text, Vision::Normal) + 0.05) >= 4.5, qPrintable(QString::number(u)));
    }
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
    const std::vector<LayoutSpan> spans = {{0, 2, 0.0, QSizeF(), QSizeF(), 0.0}};
    const CanvasLayout layout = layoutCanvas(sites, spans);
    const double gapToB = layout.siteLabels[0].left() - (sites[1].anchor.x() + kRadiusPx);
    QVERIFY2(gapToB >= 30.0, qPrintable(QStringLiteral("label %1 px from B").arg(gapToB)));
}

// Issue 13, 2 and 3: the spans that matter most are never the unlabelled ones. Every
// overloaded span and the hottest span have a visible label, at any window width, and no
// other label covers an overloaded span; hubs stay unnamed at a continent's zoom. The
// nationwide sample switched to hierarchical all-reduce (Abilene-Dallas went unlabelled)
// and CORONET with two campuses (Dallas-Little Rock lay under the Dallas hub's label).
void TstGui::hottestSpansAlwaysLabelled_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<int>("width");
    for (int width : {900, 1150, 1400, 1900})
        QTest::newRow(qPrintable(QStringLiteral("nationwide hierarchical %1").arg(width)))
            << QStringLiteral("nationwide") << width;
    for (int width : {1150, 1400})
        QTest::newRow(qPrintable(QStringLiteral("coronet two campuses %1").arg(width))) << QStringLiteral("coronet") << width;
}

void TstGui::hottestSpansAlwaysLabelled()
{
    QFETCH(QString, plan);
    QFETCH(int, width);
    auto window = shownWindow();
    if (plan == QStringLiteral("nationwide")) {
        QVERIFY(window->openFile(QDir(samplesDir()).filePath(QStringLiteral("nationwide-multicampus.json"))));
        chooseWithKeys(window.get(), "jobStrategy", QStringLiteral("hierarchical"));
        QCOMPARE(window->document()->scenario().job->strategy, std::string("hierarchical"));
    } else {
        QVERIFY2(QFile::exists(kCoronet), qPrintable(kCoronet + QStringLiteral(" is missing")));
        openCoronetWithTwoCampuses(window.get());
    }
    window->resize(width, dci::test::kWindowSize.height());
    QCoreApplication::processEvents();
    window->canvasView()->fitToScene();
    dci::test::keepShot(window.get(), QStringLiteral("hottest-%1-%2").arg(plan).arg(width));

    const CanvasScene *scene = window->canvasScene();
    const CanvasView *view = window->canvasView();
    double hottest = 0.0;
    for (const SpanResult &r : window->document()->results().spans)
        hottest = std::max(hottest, spanHeat(r).value_or(0.0));
    QVERIFY2(hottest > 1.0, qPrintable(QString::number(hottest))); // the plans overload a span

    QList<QRectF> labels; // every visible label, in viewport pixels
    QList<const QGraphicsItem *> owners;
    for (const QString &id : scene->siteIds()) {
        const SiteItem *site = scene->siteItem(id);
        QVERIFY2(!site->isHub() || !site->label()->isVisible(), qPrintable(id + QStringLiteral(": a hub's label")));
        if (site->label()->isVisible()) {
            labels << viewportRect(site->label(), view);
            owners << site;
        }
    }
    for (const QString &id : scene->spanIds()) {
        const SpanItem *span = scene->spanItem(id);
        if (span->label()->isVisible()) {
            labels << viewportRect(span->label(), view);
            owners << span;
        }
    }
    int overloaded = 0;
    for (const QString &id : scene->spanIds()) {
        const SpanItem *span = scene->spanItem(id);
        const double heat = span->heat().value_or(0.0);
        if (heat < hottest && heat <= 1.0)
            continue;
        overloaded += heat > 1.0 ? 1 : 0;
        QVERIFY2(span->label()->isVisible(), qPrintable(id + QStringLiteral(" at %1% has no label").arg(heat * 100)));
        QVERIFY2(span->label()->text().contains(labelPercent(heat) + QStringLiteral(" ▲")) || heat <= 1.0,
                 qPrintable(span->label()->text()));
        if (heat <= 1.0)
            continue;
        const QLineF line = viewportLine(span, view);
        for (int i = 0; i < labels.size(); ++i)
            QVERIFY2(owners[i] == span || !lineCrossesRect(line, labels[i]),
                     qPrintable(QStringLiteral("the label of %1 covers overloaded span %2")
                                    .arg(owners[i]->type() == SiteItem::Type
                                             ? static_cast<const SiteItem *>(owners[i])->id()
                                             : static_cast<const SpanItem *>(owners[i])->id(),
                                         id)));
    }
    QVERIFY(overloaded >= 1);
    // No label hides another (plates may touch: a dense plan leaves some no margin).
    const auto overlapPx2 = [](const QRectF &a, const QRectF &b) {
        const QRectF both = a.intersected(b);
        return both.width() * both.height();
    };
    for (int i = 0; i < labels.size(); ++i)
        for (int j = i + 1; j < labels.size(); ++j)
            QVERIFY2(overlapPx2(labels[i], labels[j]) < 1.0,
                     qPrintable(QStringLiteral("labels %1 and %2 overlap: %3 and %4")
                                    .arg(i)
                                    .arg(j)
                                    .arg(QDebug::toString(labels[i]), QDebug::toString(labels[j]))));
}

// Issue 13, 2: a span's tooltip always gives its utilisation.
void TstGui::spanTooltipsGiveUtilisation_data()
{
    openSample_data();
}

void TstGui::spanTooltipsGiveUtilisation()
{
    QFETCH(QString, path);
    auto window = shownWindow();
    QVERIFY(window->openFile(path));
    for (const SpanResult &r : window->document()->results().spans) {
        const SpanItem *span = window->canvasScene()->spanItem(QString::fromStdString(r.id));
        QVERIFY(span && r.utilization);
        QVERIFY2(span->toolTip().contains(QStringLiteral("Utilisation <b>%1</b>").arg(formatPercent(*r.utilization))),
                 qPrintable(span->toolTip()));
    }
}

// Issue 13, 5: a span that carries nothing has no label unless View > Label Idle Spans
// asks for one; its tooltip still has the figures. Midwest's Chicago-Papillion is idle.
void TstGui::idleSpansLabelledOnlyWhenAsked()
{
    auto window = shownWindow();
    QVERIFY(window->openFile(QDir(samplesDir()).filePath(QStringLiteral("midwest-region.json"))));
    const SpanItem *idle = window->canvasScene()->spanItem(QStringLiteral("chi-pap"));
    QVERIFY(idle && idle->isIdle());
    QCOMPARE(*window->document()->results().spans[std::size_t(window->document()->scenario().spanIndex("chi-pap"))].load_gbps, 0.0);
    QVERIFY(!idle->label()->isVisible());
    QVERIFY(idle->toolTip().contains(QStringLiteral("Utilisation <b>0.0%</b>")));
    int loaded = 0;
    for (const QString &id : window->canvasScene()->spanIds()) {
        const SpanItem *span = window->canvasScene()->spanItem(id);
        loaded += !span->isIdle() && span->label()->isVisible() ? 1 : 0;
    }
    QVERIFY(loaded > 0);

    QAction *option = dci::test::findAction(window.get(), QStringLiteral("Label Idle Spans"));
    QVERIFY(option->isCheckable() && !option->isChecked());
    window->menuBar()->setFocus();
    option->trigger();
    QCoreApplication::processEvents();
    QVERIFY(idle->label()->isVisible());
    QVERIFY2(idle->label()->text().contains(QStringLiteral("0 Gb/s / ")), qPrintable(idle->label()->text()));
    dci::test::keepShot(window.get(), QStringLiteral("idle-spans-labelled"));
    option->trigger();
    QVERIFY(!idle->label()->isVisible());
}

// Issue 13, 3: sites without GPUs recede: a glyph smaller than any campus's, no label at
// a continent's zoom (the nationwide sample's four hubs), the name while hovered, and
// names once zoomed in to a region.
void TstGui::hubsRecede()
{
    auto window = shownWindow();
    QVERIFY(window->openFile(QDir(samplesDir()).filePath(QStringLiteral("nationwide-multicampus.json"))));
    CanvasScene *scene = window->canvasScene();
    CanvasView *view = window->canvasView();
    QStringList hubs;
    double smallestCampus = 1e9;
    for (const QString &id : scene->siteIds()) {
        const SiteItem *site = scene->siteItem(id);
        if (site->isHub())
            hubs << id;
        else
            smallestCampus = std::min(smallestCampus, site->glyphRadius());
    }
    QCOMPARE(hubs.size(), 4);
    for (const QString &id : hubs) {
        QVERIFY(scene->siteItem(id)->glyphRadius() < smallestCampus);
        QVERIFY2(!scene->siteItem(id)->label()->isVisible(), qPrintable(id));
    }
    QVERIFY(!scene->hubLabelsAt(view->zoom()));

    // Hovering a hub names it (its label beside the glyph, on top); leaving hides it again.
    const SiteItem *dallas = scene->siteItem(QStringLiteral("dallas"));
    QTest::mouseMove(view->viewport(), dci::test::glyphPos(*window, QStringLiteral("dallas")));
    QTRY_VERIFY(dallas->label()->isVisible());
    QCOMPARE(dallas->label()->text(), QStringLiteral("Dallas hub, TX"));
    QTest::mouseMove(view->viewport(), emptyCanvasPoint(*window));
    QTRY_VERIFY(!dallas->label()->isVisible());

    // Zoom in (View > Zoom In) until a pixel is at most kHubLabelsMaxKmPerPx: hubs are named.
    QAction *zoomIn = dci::test::findAction(window.get(), QStringLiteral("Zoom In"));
    for (int i = 0; i < 10 && !scene->hubLabelsAt(view->zoom()); ++i)
        zoomIn->trigger();
    QVERIFY(scene->hubLabelsAt(view->zoom()));
    int named = 0;
    for (const QString &id : hubs)
        named += scene->siteItem(id)->label()->isVisible() ? 1 : 0;
    QVERIFY(named > 0);
}

// Issue 13, 4: the elephant-flows span is as hot as its hottest lane (133% against 32% on
// average), in colour and in its label; with packet spraying the lanes even out and the
// canvas follows. The legend says what the colours show.
void TstGui::spanColouredByHottestLane()
{
    auto window = shownWindow();
    QVERIFY(window->openFile(QDir(samplesDir()).filePath(QStringLiteral("elephant-flows.json"))));
    QVERIFY(CanvasView::legendTitle().contains(QStringLiteral("hottest lane")));
    const SpanItem *span = window->canvasScene()->spanItem(QStringLiteral("a-b"));
    const auto result = [&] { return window->document()->results().spans.at(0); };
    const double hot = *result().hot_lane_utilization;
    const double average = *result().utilization;
    QVERIFY2(hot > 1.0 && average < 0.5, qPrintable(QStringLiteral("%1 %2").arg(hot).arg(average)));
    QCOMPARE(span->color(), colorForUtilization(hot));
    QVERIFY(span->color() != colorForUtilization(average));
    QVERIFY(span->isOverloaded()); // dashed, like any overload
    QVERIFY(spanDrawnIn(*window, QStringLiteral("a-b"), colorForUtilization(hot)));
    const QString text = span->label()->text();
    QVERIFY2(text.contains(QStringLiteral("hot lane ") + labelPercent(hot) + QStringLiteral(" ▲")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("(avg ") + labelPercent(average) + QLatin1Char(')')), qPrintable(text));
    QVERIFY2(span->toolTip().contains(QStringLiteral("Hottest lane <b>%1</b>").arg(formatPercent(hot))), qPrintable(span->toolTip()));

    // Routing > Load balancing: spray. Every lane carries the average now.
    chooseWithKeys(window.get(), "routingLoadBalancing", QStringLiteral("spray"));
    QCOMPARE(window->document()->scenario().routing.load_balancing, std::string("spray"));
    const double sprayed = *spanHeat(result());
    QVERIFY2(std::abs(sprayed - *result().utilization) < 1e-9, qPrintable(QString::number(sprayed)));
    QCoreApplication::processEvents();
    QCOMPARE(span->color(), colorForUtilization(sprayed));
    QVERIFY(span->color() != colorForUtilization(hot));
    QVERIFY(!span->isOverloaded());
    QVERIFY(spanDrawnIn(*window, QStringLiteral("a-b"), colorForUtilization(sprayed)));
    QVERIFY(!spanDrawnIn(*window, QStringLiteral("a-b"), colorForUtilization(hot)));
    QVERIFY2(!span->label()->text().contains(QStringLiteral("hot lane")), qPrintable(span->label()->text()));
}

// Issue 13, 4: loss over distance shows on the span: its label gives the goodput of the
// demands routed over it when they lose more than a tenth to resends.
void TstGui::lossShowsOnTheSpan()
{
    auto window = shownWindow();
    QVERIFY(window->openFile(QDir(samplesDir()).filePath(QStringLiteral("loss-over-distance.json"))));
    double goodput = 1.0;
    for (const DemandResult &d : window->document()->results().demands)
        goodput = std::min(goodput, d.goodput.value_or(1.0));
    QVERIFY2(goodput < canvasstyle::kGoodputShownBelow, qPrintable(QString::number(goodput)));
    const SpanItem *span = window->canvasScene()->spanItem(window->canvasScene()->spanIds().first());
    QVERIFY(span->label()->isVisible());
    QVERIFY2(span->label()->text().contains(QStringLiteral("goodput ") + labelPercent(goodput)), qPrintable(span->label()->text()));
    QVERIFY2(span->toolTip().contains(QStringLiteral("Goodput <b>%1</b>").arg(formatPercent(goodput))), qPrintable(span->toolTip()));
    QVERIFY(span->toolTip().contains(QStringLiteral("limited by loss")));

    // Spans whose demands lose nothing say nothing about goodput.
    QVERIFY(window->openFile(QDir(samplesDir()).filePath(QStringLiteral("two-campus-teaching.json"))));
    const SpanItem *clean = window->canvasScene()->spanItem(window->canvasScene()->spanIds().first());
    QVERIFY(!clean->label()->text().contains(QStringLiteral("goodput")));
}

QTEST_MAIN(TstGui)
#include "tst_gui.moc"
