// The Natural Earth map layer and the city search, on the real data of libmagics++-data
// (/usr/share/magics) and on a folder without it. Pictures are painted offscreen and their
// pixels checked where the map must (and must not) draw; DCI_GUI_SHOTS_DIR keeps them.

#include "canvas/canvasscene.h"
#include "canvas/canvasstyle.h"
#include "canvas/canvasview.h"
#include "canvas/projection.h"
#include "engine/evaluate.h"
#include "io/scenariojson.h"
#include "map/citysearch.h"
#include "map/maplayer.h"
#include "model/catalog.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QTest>

#include <cmath>

using namespace dci;

namespace {

constexpr QSize kWorldSize(1400, 700);
constexpr QSize kViewSize(1400, 900);
// The contiguous US in 1400 px; one or two states; the whole world in 1400 px.
constexpr double kRegionalPxPerDegree = 23.0;
constexpr double kClosePxPerDegree = 100.0;
constexpr double kWorldPxPerDegree = 1400.0 / 360.0;

double pxPerUnit(double pxPerDegree)
{
    return pxPerDegree / projection::kSceneUnitsPerDegree;
}

bool haveData()
{
    return MapLayer(QString()).available();
}

// A view of the map: size pixels centred on a point at a zoom, as a canvas would paint it.
struct View {
    QSize size;
    QPointF center; // scene
    double scale;   // px per scene unit

    QRectF visibleScene() const
    {
        const QSizeF half(size.width() / scale / 2.0, size.height() / scale / 2.0);
        return QRectF(center - QPointF(half.width(), half.height()), half * 2.0);
    }
    QPoint pixelOf(double lat, double lon) const
    {
        const QPointF d = (projection::toScene(lat, lon) - center) * scale;
        return QPoint(int(std::floor(size.width() / 2.0 + d.x())), int(std::floor(size.height() / 2.0 + d.y())));
    }
};

View viewAt(QSize size, double lat, double lon, double pxPerDegree)
{
    return {size, projection::toScene(lat, lon), pxPerUnit(pxPerDegree)};
}

QImage render(const MapLayer &map, const View &view, double *paint_ms = nullptr)
{
    QImage image(view.size, QImage::Format_ARGB32_Premultiplied);
    image.fill(canvasstyle::kBackground);
    QPainter painter(&image);
    painter.translate(view.size.width() / 2.0, view.size.height() / 2.0);
    painter.scale(view.scale, view.scale);
    painter.translate(-view.center);
    QElapsedTimer timer;
    timer.start();
    map.paint(&painter, view.visibleScene(), view.scale);
    if (paint_ms)
        *paint_ms = double(timer.nsecsElapsed()) / 1e6;
    return image;
}

void keepShot(const QImage &image, const QString &name)
{
    const QString dir = qEnvironmentVariable("DCI_GUI_SHOTS_DIR");
    if (!dir.isEmpty())
        image.save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

double distance(QColor a, QColor b)
{
    return std::hypot(a.red() - b.red(), a.green() - b.green(), a.blue() - b.blue());
}

// Some pixel within tolerancePx of the segment between two points is nearer to the colour
// than half its distance from `from` (antialiasing spreads a 1 px line over two pixels).
bool colourNearSegment(const QImage &image, QPoint a, QPoint b, QColor colour, QColor from, int tolerancePx)
{
    const double threshold = distance(colour, from) / 2.0;
    const int steps = std::max(std::abs(b.x() - a.x()), std::abs(b.y() - a.y()));
    for (int i = 0; i <= steps; ++i) {
        const QPoint p = a + (b - a) * (double(i) / std::max(steps, 1));
        for (int dy = -tolerancePx; dy <= tolerancePx; ++dy) {
            for (int dx = -tolerancePx; dx <= tolerancePx; ++dx) {
                const QPoint q = p + QPoint(dx, dy);
                if (image.rect().contains(q) && distance(image.pixelColor(q), colour) < threshold)
                    return true;
            }
        }
    }
    return false;
}

Scenario readSample(const QString &name)
{
    const QString path = QStringLiteral(DCI_SOURCE_DIR "/samples/") + name;
    ScenarioLoad loaded = readScenarioFile(QFile::encodeName(path).toStdString(), Catalog::builtin());
    if (!loaded.ok())
        qFatal("cannot read %s", qPrintable(path));
    return *loaded.scenario;
}

} // namespace

class TestMap : public QObject
{
    Q_OBJECT

private slots:
    void loadTimes();
    void scaleForZoom_data();
    void scaleForZoom();
    void worldViewDrawsLand();
    void regionalViewDrawsStateLines();
    void closeViewUses10m();
    void finerSetsLoadInTheBackground();
    void paintTimes();
    void missingData();
    void canvasDrawsTheMap_data();
    void canvasDrawsTheMap();
    void findChicago();
    void findParRanksParisFirst();
    void findIgnoresAccents();
    void cityDialogCompletesOmaha();
    void cityDialogWithoutData();
};

void TestMap::loadTimes()
{
    if (!haveData())
        QFAIL("libmagics++-data is not installed (scripts/deps.sh installs it)");
    MapLayer map;
    QVERIFY(map.available());
    QVERIFY(map.missingDataHint().isEmpty());
    map.loadNow(pxPerUnit(kClosePxPerDegree)); // every set
    for (const MapLayer::LoadInfo &info : map.loadInfo()) {
        qInfo("map %-6s %7.1f ms %8lld points %6lld pieces", qPrintable(info.name), info.load_ms, info.points,
              info.pieces);
        QVERIFY2(info.loaded, qPrintable(info.name));
        QVERIFY(info.points > 0);
        QVERIFY(info.pieces > 0);
    }
    QElapsedTimer timer;
    timer.start();
    const CitySearch cities;
    qInfo("cities: %zu places in %lld ms", cities.cities().size(), timer.elapsed());
    QVERIFY(cities.cities().size() > 5000);
}

void TestMap::scaleForZoom_data()
{
    QTest::addColumn<double>("pxPerDegree");
    QTest::addColumn<QString>("scale");
    QTest::newRow("world") << kWorldPxPerDegree << "110m";
    QTest::newRow("whole world in a small window") << 1.0 << "110m";
    QTest::newRow("regional (contiguous US)") << kRegionalPxPerDegree << "50m";
    QTest::newRow("one or two states") << kClosePxPerDegree << "10m";
    QTest::newRow("metro") << 5000.0 << "10m";
}

void TestMap::scaleForZoom()
{
    QFETCH(double, pxPerDegree);
    QFETCH(QString, scale);
    const MapLayer map;
    QCOMPARE(map.scaleFor(pxPerUnit(pxPerDegree)), scale);
}

void TestMap::worldViewDrawsLand()
{
    if (!haveData())
        QFAIL("libmagics++-data is not installed (scripts/deps.sh installs it)");
    const MapLayer map;
    const View view = viewAt(kWorldSize, 20.0, 0.0, kWorldPxPerDegree);
    const QImage image = render(map, view);
    keepShot(image, QStringLiteral("map-world"));
    QCOMPARE(image.pixelColor(view.pixelOf(40.0, -100.0)), mapstyle::kLand);     // Kansas
    QCOMPARE(image.pixelColor(view.pixelOf(50.0, 10.0)), mapstyle::kLand);       // Germany
    QCOMPARE(image.pixelColor(view.pixelOf(35.0, -40.0)), canvasstyle::kBackground); // Atlantic
    QCOMPARE(image.pixelColor(view.pixelOf(-10.0, 80.0)), canvasstyle::kBackground); // Indian Ocean
    // The US-Canada border along the 49th parallel.
    QVERIFY(colourNearSegment(image, view.pixelOf(49.0, -120.0), view.pixelOf(49.0, -100.0),
                              mapstyle::kCountryBorder, mapstyle::kLand, 1));
}

void TestMap::regionalViewDrawsStateLines()
{
    if (!haveData())
        QFAIL("libmagics++-data is not installed (scripts/deps.sh installs it)");
    MapLayer map;
    const View view = viewAt(kViewSize, 39.0, -97.0, kRegionalPxPerDegree);
    map.loadNow(view.scale);
    const QImage image = render(map, view);
    keepShot(image, QStringLiteral("map-us-regional"));
    QCOMPARE(map.scaleFor(view.scale), QStringLiteral("50m"));
    // Kansas-Nebraska along 40 N; nothing across the middle of Kansas.
    QVERIFY(colourNearSegment(image, view.pixelOf(40.0, -101.0), view.pixelOf(40.0, -96.0), mapstyle::kStateLine,
                              mapstyle::kLand, 2));
    QVERIFY(!colourNearSegment(image, view.pixelOf(38.5, -101.0), view.pixelOf(38.5, -96.0), mapstyle::kStateLine,
                               mapstyle::kLand, 2));
    QCOMPARE(image.pixelColor(view.pixelOf(38.5, -98.0)), mapstyle::kLand);
    QCOMPARE(image.pixelColor(view.pixelOf(27.0, -90.0)), canvasstyle::kBackground); // Gulf of Mexico
}

void TestMap::closeViewUses10m()
{
    if (!haveData())
        QFAIL("libmagics++-data is not installed (scripts/deps.sh installs it)");
    MapLayer map;
    // Chicago and the lake shore; Illinois-Indiana (87.53 W) runs north-south through it.
    const View view = viewAt(kViewSize, 41.8, -87.6, kClosePxPerDegree);
    QCOMPARE(map.scaleFor(view.scale), QStringLiteral("10m"));
    map.loadNow(view.scale);
    const QImage image = render(map, view);
    keepShot(image, QStringLiteral("map-chicago-close"));
    QCOMPARE(image.pixelColor(view.pixelOf(41.5, -88.5)), mapstyle::kLand);           // Joliet
    QCOMPARE(image.pixelColor(view.pixelOf(42.5, -87.3)), canvasstyle::kBackground);  // Lake Michigan
    QVERIFY(colourNearSegment(image, view.pixelOf(40.0, -87.53), view.pixelOf(41.5, -87.53), mapstyle::kStateLine,
                              mapstyle::kLand, 2));
}

void TestMap::finerSetsLoadInTheBackground()
{
    if (!haveData())
        QFAIL("libmagics++-data is not installed (scripts/deps.sh installs it)");
    MapLayer map;
    int loaded = 0;
    map.setDataLoadedCallback([&loaded] { ++loaded; });
    const View view = viewAt(kViewSize, 41.8, -87.6, kClosePxPerDegree);
    double first_ms = 0.0;
    // Reads 110m and 50m at once, asks for 10m and the state lines, draws 50m meanwhile.
    render(map, view, &first_ms);
    qInfo("first paint at 10m zoom (reads 110m and 50m, draws 50m): %.1f ms", first_ms);
    QTRY_COMPARE_WITH_TIMEOUT(loaded, 2, 10000); // 10m, states
    for (const MapLayer::LoadInfo &info : map.loadInfo())
        QVERIFY2(info.loaded, qPrintable(info.name));
    // The next paint has everything: the same picture as a layer loaded up front.
    MapLayer upFront;
    upFront.loadNow(view.scale);
    QCOMPARE(render(map, view), render(upFront, view));
}

void TestMap::paintTimes()
{
    if (!haveData())
        QFAIL("libmagics++-data is not installed (scripts/deps.sh installs it)");
    MapLayer map;
    struct Case {
        const char *name;
        const char *shot;
        View view;
    };
    const Case cases[] = {
        {"world (110m)", "world", viewAt(kViewSize, 20.0, 0.0, kWorldPxPerDegree)},
        {"US regional (50m + states)", "us", viewAt(kViewSize, 39.0, -97.0, kRegionalPxPerDegree)},
        {"Europe regional (50m + provinces)", "europe", viewAt(kViewSize, 50.0, 10.0, 30.0)},
        {"US east at the 10m threshold", "us-east",
         viewAt(kViewSize, 38.0, -80.0, MapLayer::k10mFromPxPerDegree)},
        {"Chicago close (10m)", "chicago", viewAt(kViewSize, 41.8, -87.6, kClosePxPerDegree)},
        {"Norway coast close (10m)", "norway", viewAt(kViewSize, 62.0, 6.0, kClosePxPerDegree)},
    };
    for (const Case &c : cases) {
        map.loadNow(c.view.scale);
        double best_ms = 1e9;
        for (int i = 0; i < 3; ++i) {
            double ms = 0.0;
            const QImage image = render(map, c.view, &ms);
            best_ms = std::min(best_ms, ms);
            if (i == 0)
                keepShot(image, QStringLiteral("map-paint-") + QLatin1String(c.shot));
        }
        qInfo("paint %-36s %6.1f ms (1400x900, %s)", c.name, best_ms, qPrintable(map.scaleFor(c.view.scale)));
    }
}

void TestMap::missingData()
{
    MapLayer map(QStringLiteral("/nonexistent/map-data"));
    QVERIFY(!map.available());
    QVERIFY(map.missingDataHint().contains(QStringLiteral("libmagics++-data")));
    QVERIFY(map.missingDataHint().contains(QStringLiteral("/nonexistent/map-data")));
    for (const double pxPerDegree : {kWorldPxPerDegree, kRegionalPxPerDegree, kClosePxPerDegree, 0.0}) {
        const View view = viewAt(kViewSize, 39.0, -97.0, pxPerDegree > 0.0 ? pxPerDegree : 1.0);
        QImage blank(view.size, QImage::Format_ARGB32_Premultiplied);
        blank.fill(canvasstyle::kBackground);
        QCOMPARE(render(map, view), blank);
        map.loadNow(view.scale);
    }
    for (const MapLayer::LoadInfo &info : map.loadInfo())
        QVERIFY(!info.loaded);

    const CitySearch cities(QStringLiteral("/nonexistent/map-data"));
    QVERIFY(!cities.available());
    QVERIFY(cities.find(QStringLiteral("Chicago"), 5).empty());
    QVERIFY(cities.missingDataHint().contains(QStringLiteral("libmagics++-data")));
}

void TestMap::canvasDrawsTheMap_data()
{
    QTest::addColumn<QString>("sample");
    QTest::newRow("nationwide") << "nationwide-multicampus.json";
    QTest::newRow("midwest") << "midwest-region.json";
}

// The map under a real plan in the real canvas, for the eye (DCI_GUI_SHOTS_DIR) and to
// check the canvas paints it where the plan is.
void TestMap::canvasDrawsTheMap()
{
    if (!haveData())
        QFAIL("libmagics++-data is not installed (scripts/deps.sh installs it)");
    QFETCH(QString, sample);
    const Scenario scenario = readSample(sample);
    const Results results = evaluate(scenario, Catalog::builtin());
    MapLayer map;
    CanvasScene scene;
    scene.show(scenario, results);
    CanvasView view(&scene);
    view.resize(kViewSize);
    view.setMapLayer(&map);
    map.setDataLoadedCallback([&view] { view.viewport()->update(); });
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.fitToScene();
    map.loadNow(view.zoom());
    const QImage image = view.grab().toImage();
    keepShot(image, QStringLiteral("map-canvas-") + QFileInfo(sample).baseName());
    int land = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            land += image.pixelColor(x, y) == mapstyle::kLand;
    QVERIFY2(land > 1000, qPrintable(QString::number(land)));
}

void TestMap::findChicago()
{
    const CitySearch cities;
    if (!cities.available())
        QFAIL("libmagics++-data is not installed (scripts/deps.sh installs it)");
    const std::vector<City> found = cities.find(QStringLiteral("chicago"), 10);
    QVERIFY(!found.empty());
    const City &chicago = found.front();
    QCOMPARE(chicago.name, QStringLiteral("Chicago"));
    QCOMPARE(chicago.country, QStringLiteral("United States of America"));
    QCOMPARE(chicago.region, QStringLiteral("Illinois"));
    QCOMPARE(chicago.displayText(), QStringLiteral("Chicago, Illinois, United States of America"));
    // Natural Earth puts Chicago's point at 41.83 N 87.75 W, 11 km west-southwest of the
    // Loop (41.88 N 87.63 W).
    QVERIFY(std::abs(chicago.lat_deg - 41.88) < 0.1);
    QVERIFY(std::abs(chicago.lon_deg - -87.63) < 0.15);
    QVERIFY(chicago.population > 5'000'000);
    QCOMPARE(cities.find(QStringLiteral("Chicago"), 1).size(), size_t(1));
    QVERIFY(cities.find(QString(), 10).empty());
}

void TestMap::findParRanksParisFirst()
{
    const CitySearch cities;
    if (!cities.available())
        QFAIL("libmagics++-data is not installed (scripts/deps.sh installs it)");
    const std::vector<City> found = cities.find(QStringLiteral("Par"), 8);
    QCOMPARE(found.size(), size_t(8));
    QCOMPARE(found.front().name, QStringLiteral("Paris"));
    QCOMPARE(found.front().country, QStringLiteral("France"));
    QCOMPARE(found.front().displayText(), QStringLiteral("Paris, Île-de-France, France")); // Latin-1 in the DBF
    for (size_t i = 1; i < found.size(); ++i) {
        QVERIFY(found[i].name.startsWith(QStringLiteral("par"), Qt::CaseInsensitive));
        QVERIFY(found[i - 1].population >= found[i].population);
    }
    // Same-named cities: the largest first, each with its region.
    const std::vector<City> portland = cities.find(QStringLiteral("Portland"), 3);
    QVERIFY(portland.size() >= 2);
    QCOMPARE(portland.front().displayText(), QStringLiteral("Portland, Oregon, United States of America"));
}

void TestMap::findIgnoresAccents()
{
    const CitySearch cities;
    if (!cities.available())
        QFAIL("libmagics++-data is not installed (scripts/deps.sh installs it)");
    const std::vector<City> found = cities.find(QStringLiteral("Zurich"), 1);
    QCOMPARE(found.size(), size_t(1));
    QCOMPARE(found.front().name, QStringLiteral("Zürich"));
}

void TestMap::cityDialogCompletesOmaha()
{
    const CitySearch cities;
    if (!cities.available())
        QFAIL("libmagics++-data is not installed (scripts/deps.sh installs it)");
    QElapsedTimer timer;
    timer.start();
    CityDialog dialog(cities);
    qInfo("city dialog built in %lld ms", timer.elapsed());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());

    timer.restart();
    QTest::keyClicks(dialog.lineEdit(), QStringLiteral("Omah"));
    qInfo("typing 4 letters with completion: %lld ms", timer.elapsed());
    QAbstractItemView *popup = dialog.completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QCOMPARE(popup->model()->index(0, 0).data().toString(),
             QStringLiteral("Omaha, Nebraska, United States of America"));
    QTest::keyClick(popup, Qt::Key_Down);
    QTest::keyClick(popup, Qt::Key_Return);
    QCOMPARE(dialog.lineEdit()->text(), QStringLiteral("Omaha, Nebraska, United States of America"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const std::optional<City> city = dialog.chosenCity();
    QVERIFY(city);
    QCOMPARE(city->name, QStringLiteral("Omaha"));
    QVERIFY(std::abs(city->lat_deg - 41.26) < 0.1);
    QVERIFY(std::abs(city->lon_deg - -95.94) < 0.1);

    // A bare name means the largest city of that name; an unknown one enables nothing.
    dialog.lineEdit()->setText(QStringLiteral("portland"));
    QCOMPARE(dialog.chosenCity()->region, QStringLiteral("Oregon"));
    QVERIFY(ok->isEnabled());
    dialog.lineEdit()->setText(QStringLiteral("Omahx"));
    QVERIFY(!dialog.chosenCity());
    QVERIFY(!ok->isEnabled());
}

void TestMap::cityDialogWithoutData()
{
    const CitySearch cities(QStringLiteral("/nonexistent/map-data"));
    CityDialog dialog(cities);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!dialog.lineEdit()->isEnabled());
    bool hinted = false;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        hinted = hinted || label->text().contains(QStringLiteral("libmagics++-data"));
    QVERIFY(hinted);
    QVERIFY(!dialog.chosenCity());
}

QTEST_MAIN(TestMap)
#include "tst_map.moc"
