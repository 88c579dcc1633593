// The Topology Zoo GraphML and SNDlib importers (docs/IMPORT.md) on the Topology Zoo files
// the repository ships (resources/networks), on our SNDlib fixtures (tests/data/sndlib) and
// on small hand-written files. Every figure is checked against the file as this test reads
// it on its own (QXmlStreamReader, a line scan) and against its own haversine
// (docs/MODEL.md "Geometry"), not the importer's or the engine's.
//
// SNDlib's own files carry no licence and are not shipped. Given DCI_SNDLIB_REAL_DIR (CTest's
// tst_import_networks_sndlib_real, only where ../shared/data/sndlib exists), the SNDlib
// test functions take their rows from SNDlib's abilene.txt and germany50.txt there instead.
#include "engine/evaluate.h"
#include "io/importer.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

using namespace dci;

// Declared before the helpers: moc (Qt 6.4) loses track at the multi-line raw strings below.
class TstImportNetworks : public QObject {
    Q_OBJECT

private slots:
    void topologyZoo_data();
    void topologyZoo();
    void zooPlacementAndEdgeCases();
    void graphMlSyntaxVariants();
    void sndlib_data();
    void sndlib();
    void sndlibDemandsFromText();
    void sndlibPixelCanvas();
    void sndlibLineEndings();
    void routeFactor_data();
    void routeFactor();
    void badRouteFactor();
    void malformed_data();
    void malformed();
    void importFileDetects_data();
    void importFileDetects();
    void reliabilityReproducers_data();
    void reliabilityReproducers();
    void importedCatalogBounds();
    void graphMlFortyThousandNodes();
};

namespace {

// The test's own constants (docs/MODEL.md "Geometry", docs/IMPORT.md "Defaults").
constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kMinSpanKm = 1.0;
constexpr double kTolerance = 1e-9; // relative

// A shipped network (resources/networks), e.g. "topologyzoo/Abilene.graphml".
QString networkPath(const QString &file) { return QStringLiteral(DCI_NETWORKS_DIR "/") + file; }
// One of our SNDlib fixtures, e.g. "nordic.txt".
QString fixturePath(const QString &file) { return QStringLiteral(DCI_TEST_DATA_DIR "/sndlib/") + file; }
// SNDlib's own files, when the test is run on them (see the top of this file); else empty.
QString sndlibRealDir() { return qEnvironmentVariable("DCI_SNDLIB_REAL_DIR"); }
bool onSndlibReal() { return !sndlibRealDir().isEmpty(); }
QString sndlibRealPath(const QString &file) { return sndlibRealDir() + u'/' + file; }

// The 1-based line of the first `needle` in `text`.
int lineOf(const QByteArray &text, const QByteArray &needle)
{
    const qsizetype at = text.indexOf(needle);
    if (at < 0)
        qFatal("\"%s\" not in the text", needle.constData());
    return int(text.left(at).count('\n') + 1);
}

std::string readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return file.readAll().toStdString();
}

double haversineKm(double lat1, double lon1, double lat2, double lon2)
{
    const double rad = 3.14159265358979323846 / 180.0;
    const double sdp = std::sin((lat2 - lat1) * rad / 2.0);
    const double sdl = std::sin((lon2 - lon1) * rad / 2.0);
    const double h = sdp * sdp + std::cos(lat1 * rad) * std::cos(lat2 * rad) * sdl * sdl;
    return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

bool near(double got, double want, double tol = kTolerance)
{
    return std::fabs(got - want) <= tol * std::max(1.0, std::fabs(want));
}

// The documented optic rule: the highest rate whose reach covers the span (ties: the cheaper),
// else the longest reach.
std::string expectedOptic(const Catalog &catalog, double km)
{
    const Optic *best = nullptr;
    for (const Optic &o : catalog.optics)
        if (o.reach_km >= km
            && (!best || o.rate_gbps > best->rate_gbps
                || (o.rate_gbps == best->rate_gbps && o.price_usd < best->price_usd)))
            best = &o;
    if (!best)
        for (const Optic &o : catalog.optics)
            if (!best || o.reach_km > best->reach_km)
                best = &o;
    return best->name;
}

bool anyLineContains(const std::vector<std::string> &lines, const QString &what)
{
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string &l) { return QString::fromStdString(l).contains(what); });
}

QString joined(const std::vector<std::string> &lines)
{
    QStringList out;
    for (const std::string &l : lines)
        out << QString::fromStdString(l);
    return out.join(u'\n');
}

// ---- Independent readers ----------------------------------------------------------------

struct ZooNode {
    QString id, label;
    std::optional<double> lat, lon;
};
struct ZooEdge {
    QString source, target;
    std::optional<double> bitsPerSecond;
};
struct ZooFile {
    QString network;
    std::vector<ZooNode> nodes;
    std::vector<ZooEdge> edges;
};

ZooFile readZoo(const QString &path)
{
    ZooFile out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    std::map<QString, std::pair<QString, QString>> keys; // id -> (for, attr.name)
    QXmlStreamReader xml(&file);
    enum { Graph, Node, Edge } in = Graph;
    auto attr = [](const QXmlStreamAttributes &at, const char *name) {
        return at.value(QLatin1String(name)).toString();
    };
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && (xml.name() == u"node" || xml.name() == u"edge"))
            in = Graph;
        if (!xml.isStartElement())
            continue;
        const QXmlStreamAttributes at = xml.attributes();
        if (xml.name() == u"key") {
            keys[attr(at, "id")] = {attr(at, "for"), attr(at, "attr.name")};
        } else if (xml.name() == u"node") {
            out.nodes.push_back({attr(at, "id"), {}, {}, {}});
            in = Node;
        } else if (xml.name() == u"edge") {
            out.edges.push_back({attr(at, "source"), attr(at, "target"), {}});
            in = Edge;
        } else if (xml.name() == u"data") {
            const auto key = keys.at(attr(at, "key"));
            const QString text = xml.readElementText();
            if (in == Node && key.second == u"label")
                out.nodes.back().label = text;
            else if (in == Node && key.second == u"Latitude")
                out.nodes.back().lat = text.toDouble();
            else if (in == Node && key.second == u"Longitude")
                out.nodes.back().lon = text.toDouble();
            else if (in == Edge && key.second == u"LinkSpeedRaw")
                out.edges.back().bitsPerSecond = text.toDouble();
            else if (in == Graph && key.first == u"graph" && key.second == u"Network")
                out.network = text;
        }
    }
    if (xml.hasError())
        qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return out;
}

struct SndLink {
    QString id, a, b;
    double preCap = 0.0;
};
struct SndDemand {
    QString id, a, b;
    double value = 0.0;
    QString routingUnit, maxPathLength;
};
struct SndFile {
    QString unit;
    std::vector<std::tuple<QString, double, double>> nodes; // id, lon, lat
    std::vector<SndLink> links;
    std::vector<SndDemand> demands;
};

// One entry per line, as SNDlib writes its files (and our fixtures follow).
SndFile readSnd(const QString &path)
{
    SndFile out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        qFatal("cannot open %s", qPrintable(path));
    const QRegularExpression unit(QStringLiteral(R"(^\s*unit\s*=\s*(\S+))"));
    const QRegularExpression entry(QStringLiteral(R"(^\s*(\S+)\s*\(\s*(\S+)\s+(\S+)\s*\)\s*(.*)$)"));
    QString section;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(u'#') || line.isEmpty())
            continue;
        if (line.endsWith(u'(') && section.isEmpty()) {
            section = line.chopped(1).trimmed();
            continue;
        }
        if (line == u")") {
            section.clear();
            continue;
        }
        if (section == u"META") {
            if (const auto m = unit.match(line); m.hasMatch())
                out.unit = m.captured(1);
            continue;
        }
        const auto m = entry.match(line);
        if (!m.hasMatch())
            continue;
        const QStringList rest = m.captured(4).split(u' ', Qt::SkipEmptyParts);
        if (section == u"NODES")
            out.nodes.emplace_back(m.captured(1), m.captured(2).toDouble(), m.captured(3).toDouble());
        else if (section == u"LINKS")
            out.links.push_back({m.captured(1), m.captured(2), m.captured(3), rest.value(0).toDouble()});
        else if (section == u"DEMANDS")
            out.demands.push_back(
                {m.captured(1), m.captured(2), m.captured(3), rest.value(1).toDouble(), rest.value(0), rest.value(2)});
    }
    return out;
}

// ---- Checks every import gets ----------------------------------------------------------------

void checkValidAndEvaluates(const Scenario &s, const Catalog &catalog)
{
    const std::vector<std::string> problems = checkScenario(s, catalog);
    QVERIFY2(problems.empty(), qPrintable(joined(problems)));
    try {
        const Results r = evaluate(s, catalog);
        QCOMPARE(r.spans.size(), s.spans.size());
        std::map<std::string, int> codes;
        for (const Diagnostic &d : r.diagnostics)
            ++codes[d.code];
        QStringList summary;
        for (const auto &[code, count] : codes)
            summary << QStringLiteral("%1 x %2").arg(QString::fromStdString(code)).arg(count);
        qInfo("%s: evaluated, diagnostics: %s", s.name.c_str(), qPrintable(summary.join(u", ")));
    } catch (const std::exception &e) {
        QFAIL(e.what());
    }
}

// Length, optic and the span defaults, against the test's haversine.
void checkSpan(const Span &span, const Site &a, const Site &b, double routeFactor, const Catalog &catalog)
{
    QVERIFY(span.length_km.has_value());
    const double want = std::max(haversineKm(a.lat, a.lon, b.lat, b.lon) * routeFactor, kMinSpanKm);
    QVERIFY2(near(*span.length_km, want), qPrintable(QStringLiteral("span %1: %2 km, want %3 km")
                                                         .arg(QString::fromStdString(span.id))
                                                         .arg(*span.length_km, 0, 'g', 12)
                                                         .arg(want, 0, 'g', 12)));
    QCOMPARE(span.optic, expectedOptic(catalog, want));
    QCOMPARE(span.fiber_pairs, std::optional<int>(1));
    QCOMPARE(span.band, std::string("C"));
    QCOMPARE(span.wavelengths, std::optional<int>(8));
}

const char *kGraphMlHead = R"(<?xml version="1.0" encoding="utf-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="Longitude" attr.type="double" for="node" id="lo"/>
  <key attr.name="label" attr.type="string" for="node" id="nm"/>
  <key attr.name="Latitude" attr.type="double" for="node" id="la"/>
  <graph edgedefault="undirected">
)";

} // namespace


void TstImportNetworks::topologyZoo_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("nodes");
    QTest::addColumn<int>("edges");
    QTest::addColumn<int>("withoutCoordinates");
    QTest::addColumn<int>("withLinkSpeed");
    // Figures from resources/networks/README.md; the test also counts them in the file.
    QTest::newRow("Abilene") << "Abilene.graphml" << 11 << 14 << 0 << 0;
    QTest::newRow("Geant2009") << "Geant2009.graphml" << 34 << 52 << 0 << 52;
    QTest::newRow("UsCarrier") << "UsCarrier.graphml" << 158 << 189 << 6 << 0;
    QTest::newRow("Dfn") << "Dfn.graphml" << 58 << 87 << 7 << 0;
}

void TstImportNetworks::topologyZoo()
{
    QFETCH(QString, file);
    QFETCH(int, nodes);
    QFETCH(int, edges);
    QFETCH(int, withoutCoordinates);
    QFETCH(int, withLinkSpeed);
    const Catalog &catalog = Catalog::builtin();
    const QString path = networkPath("topologyzoo/" + file);
    const ZooFile zoo = readZoo(path);
    QCOMPARE(int(zoo.nodes.size()), nodes);
    QCOMPARE(int(zoo.edges.size()), edges);
    const auto unlocated = [](const ZooNode &node) { return !node.lat || !node.lon; };
    const auto withSpeed = [](const ZooEdge &edge) { return edge.bitsPerSecond.has_value(); };
    QCOMPARE(int(std::count_if(zoo.nodes.begin(), zoo.nodes.end(), unlocated)), withoutCoordinates);
    QCOMPARE(int(std::count_if(zoo.edges.begin(), zoo.edges.end(), withSpeed)), withLinkSpeed);

    ImportOptions options;
    const ImportResult res = importTopologyZoo(readText(path), path.toStdString(), catalog, options);
    QVERIFY2(res.ok(), qPrintable(joined(res.errors)));
    const Scenario &s = *res.scenario;
    qInfo("%s: %zu sites, %zu spans; kept:\n  %s\nguessed:\n  %s\ndropped:\n  %s", qPrintable(file), s.sites.size(),
          s.spans.size(), qPrintable(joined(res.report.kept).replace(u'\n', QStringLiteral("\n  "))),
          qPrintable(joined(res.report.guessed).replace(u'\n', QStringLiteral("\n  "))),
          qPrintable(joined(res.report.dropped).replace(u'\n', QStringLiteral("\n  "))));
    QCOMPARE(s.sites.size(), zoo.nodes.size()); // every node of these files is kept (placed)
    QCOMPARE(s.spans.size(), zoo.edges.size());
    QVERIFY(s.demands.empty());
    QCOMPARE(QString::fromStdString(s.name), zoo.network);

    // Sites in file order: name, position (given, or the mean of the neighbours that have one).
    std::map<QString, std::size_t> index;
    for (std::size_t i = 0; i < zoo.nodes.size(); ++i)
        index[zoo.nodes[i].id] = i;
    std::set<std::string> ids;
    int placed = 0;
    for (std::size_t i = 0; i < zoo.nodes.size(); ++i) {
        const ZooNode &node = zoo.nodes[i];
        const Site &site = s.sites[i];
        QVERIFY(ids.insert(site.id).second);
        QCOMPARE(site.gpus, std::int64_t(0));
        QCOMPARE(site.gpu, catalog.gpus.front().name);
        const QString name = node.label.isEmpty() || node.label == u"None" ? node.id : node.label;
        QCOMPARE(QString::fromStdString(site.name), name);
        if (node.lat && node.lon) {
            QCOMPARE(site.lat, *node.lat);
            QCOMPARE(site.lon, *node.lon);
            continue;
        }
        double lat = 0.0, lon = 0.0;
        std::set<std::size_t> neighbours;
        for (const ZooEdge &e : zoo.edges)
            if (e.source == node.id || e.target == node.id) {
                const std::size_t other = index.at(e.source == node.id ? e.target : e.source);
                if (zoo.nodes[other].lat && zoo.nodes[other].lon)
                    neighbours.insert(other);
            }
        QVERIFY2(!neighbours.empty(), "these files have no chains of nodes without coordinates");
        for (std::size_t k : neighbours) {
            lat += *zoo.nodes[k].lat;
            lon += *zoo.nodes[k].lon;
        }
        lat /= double(neighbours.size());
        lon /= double(neighbours.size());
        QVERIFY2(near(site.lat, lat) && near(site.lon, lon),
                 qPrintable(QStringLiteral("node %1 at %2, %3; neighbours' mean %4, %5")
                                .arg(node.id).arg(site.lat).arg(site.lon).arg(lat).arg(lon)));
        const QString where = QStringLiteral("node %1").arg(node.id);
        const QString at = QString::asprintf("placed at %.5f, %.5f", lat, lon);
        QVERIFY2(std::any_of(res.report.guessed.begin(), res.report.guessed.end(),
                             [&](const std::string &l) {
                                 const QString line = QString::fromStdString(l);
                                 return line.startsWith(where + u' ') && line.contains(at);
                             }),
                 qPrintable(where + u' ' + at + u'\n' + joined(res.report.guessed)));
        ++placed;
    }
    QCOMPARE(placed, withoutCoordinates);

    // Spans in file order: ends, length, optic, defaults, link speed.
    std::set<std::string> spanIds;
    for (std::size_t k = 0; k < zoo.edges.size(); ++k) {
        const Span &span = s.spans[k];
        QVERIFY(spanIds.insert(span.id).second);
        const Site &a = s.sites[index.at(zoo.edges[k].source)], &b = s.sites[index.at(zoo.edges[k].target)];
        QCOMPARE(span.a, a.id);
        QCOMPARE(span.b, b.id);
        checkSpan(span, a, b, options.routeFactor(catalog), catalog);
        const auto speed = span.extensions.find("x-link-speed-gbps");
        QCOMPARE(speed != span.extensions.end(), zoo.edges[k].bitsPerSecond.has_value());
        if (zoo.edges[k].bitsPerSecond)
            QVERIFY(near(std::stod(speed->second), *zoo.edges[k].bitsPerSecond / 1e9));
    }
    if (withLinkSpeed)
        QVERIFY2(anyLineContains(res.report.dropped,
                                 QStringLiteral("%1 edges carry a link speed (45 Mb/s to 10 Gb/s)").arg(withLinkSpeed)),
                 qPrintable(joined(res.report.dropped)));
    QVERIFY(anyLineContains(res.report.kept, QStringLiteral("%1 nodes -> %1 sites").arg(nodes)));
    QVERIFY(anyLineContains(res.report.kept, QStringLiteral("%1 edges -> %1 spans").arg(edges)));
    checkValidAndEvaluates(s, catalog);
}

void TstImportNetworks::zooPlacementAndEdgeCases()
{
    // x has two located neighbours; y only x (placed in round 2); p-q have none, z no edge.
    const std::string text = std::string(kGraphMlHead) + R"(
    <node id="a"><data key="la">50</data><data key="lo">8</data><data key="nm">Alpha</data></node>
    <node id="b"><data key="nm">Beta &amp; Co</data><data key="lo">12</data><data key="la">52</data></node>
    <node id="x"><data key="nm">X   ray</data></node>
    <node id="y"><data key="nm">Yankee</data></node>
    <node id="p"/><node id="q"/>
    <node id="z"><!-- nothing --></node>
    <edge source="a" target="x"/>
    <edge source="x" target="b"/>
    <edge source="y" target="x"/>
    <edge source="p" target="q"/>
    <edge source="a" target="a"/>
    <edge source="a" target="b"/>
    <edge source="b" target="a"/>
  </graph>
</graphml>
)";
    const Catalog &catalog = Catalog::builtin();
    ImportOptions options;
    const ImportResult res = importTopologyZoo(text, "small.graphml", catalog, options);
    QVERIFY2(res.ok(), qPrintable(joined(res.errors)));
    const Scenario &s = *res.scenario;
    QCOMPARE(s.name, std::string("small")); // no Network or label: the file name
    QCOMPARE(s.sites.size(), std::size_t(4));
    QCOMPARE(s.sites[1].id, std::string("Beta_&_Co"));
    QCOMPARE(s.sites[1].name, std::string("Beta & Co"));
    QCOMPARE(s.sites[2].id, std::string("X_ray"));
    QCOMPARE(s.sites[2].lat, 51.0);
    QCOMPARE(s.sites[2].lon, 10.0);
    QCOMPARE(s.sites[3].lat, 51.0); // y: at x, one round later
    QCOMPARE(s.sites[3].lon, 10.0);
    QVERIFY(anyLineContains(res.report.guessed, "node x (X   ray) had no coordinates: placed at 51.00000, 10.00000"));
    QVERIFY(anyLineContains(res.report.guessed, "node y (Yankee) had no coordinates: placed at 51.00000, 10.00000"));
    QVERIFY(anyLineContains(res.report.guessed, "in round 2"));
    QVERIFY2(anyLineContains(res.report.dropped, "3 nodes without coordinates and without a neighbour that has them, "
                                                 "dropped with 1 edge: node p, node q, node z"),
             qPrintable(joined(res.report.dropped)));
    QVERIFY(anyLineContains(res.report.dropped, "1 edge from a node to itself"));
    // Spans: a-x, x-b, y-x, then the two parallel a-b edges with unique ids.
    QCOMPARE(s.spans.size(), std::size_t(5));
    QCOMPARE(s.spans[3].id, std::string("Alpha-Beta_&_Co"));
    QCOMPARE(s.spans[4].id, std::string("Beta_&_Co-Alpha"));
    QCOMPARE(s.spans[2].length_km, std::optional<double>(kMinSpanKm)); // y and x at one place
    QVERIFY(anyLineContains(res.report.guessed, "1 span joins sites at the same or nearly the same place"));
    for (const Span &span : s.spans)
        checkSpan(span, *s.site(span.a), *s.site(span.b), options.routeFactor(catalog), catalog);
    checkValidAndEvaluates(s, catalog);

    // Parallel edges in one direction keep apart by a suffix.
    const std::string twice = std::string(kGraphMlHead) + R"(
    <node id="a"><data key="la">0</data><data key="lo">179.5</data></node>
    <node id="b"><data key="la">0</data><data key="lo">-179.5</data></node>
    <node id="m"/>
    <edge source="a" target="b"/><edge source="a" target="b"/><edge source="a" target="m"/><edge source="m" target="b"/>
  </graph>
</graphml>
)";
    const ImportResult res2 = importTopologyZoo(twice, "dateline.graphml", catalog, options);
    QVERIFY2(res2.ok(), qPrintable(joined(res2.errors)));
    QCOMPARE(res2.scenario->spans[0].id, std::string("a-b"));
    QCOMPARE(res2.scenario->spans[1].id, std::string("a-b-2"));
    // Across the antimeridian the mean of 179.5 and -179.5 is 180, not 0.
    QVERIFY(near(std::fabs(res2.scenario->sites[2].lon), 180.0));
    checkValidAndEvaluates(*res2.scenario, catalog);
}

void TstImportNetworks::graphMlSyntaxVariants()
{
    // A byte order mark, a DOCTYPE, comments, CDATA, character references, prefixed names,
    // keys for "all" with defaults, and foreign markup inside <data> (as yEd writes it).
    const std::string text = "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [ <!ENTITY x \"y\"> ]>\n"
                             R"(<!-- a comment with <node id="fake"/> inside -->
<g:graphml xmlns:g="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <g:key id="lat" for="all" attr.name="Latitude" attr.type="double"><g:default>45.5</g:default></g:key>
  <g:key id="lon" for="all" attr.name="Longitude" attr.type="double"/>
  <g:key id="name" for="node" attr.name="label" attr.type="string"/>
  <g:key id="net" for="graph" attr.name="label" attr.type="string"/>
  <g:graph edgedefault="directed">
    <g:data key="net">Test &#x2014; net</g:data>
    <g:node id="n1"><g:data key="name"><![CDATA[Z<rich>]]></g:data><g:data key="lon">7</g:data></g:node>
    <g:node id="n2"><g:data key="name">M&#252;nchen</g:data><g:data key="lat">48.1</g:data>
      <g:data key="lon"> 11.6 </g:data><g:data key="gfx"><y:ShapeNode><y:Label>ignored</y:Label></y:ShapeNode></g:data>
    </g:node>
    <g:edge source="n1" target="n2"/>
  </g:graph>
</g:graphml>
<!-- trailing comment -->
)";
    const ImportResult res = importTopologyZoo(text, "variants.graphml", Catalog::builtin(), ImportOptions{});
    QVERIFY2(res.ok(), qPrintable(joined(res.errors)));
    const Scenario &s = *res.scenario;
    QCOMPARE(s.name, std::string("Test \u2014 net"));
    QCOMPARE(s.sites.size(), std::size_t(2));
    QCOMPARE(s.sites[0].name, std::string("Z<rich>"));
    QCOMPARE(s.sites[0].lat, 45.5); // the key's default
    QCOMPARE(s.sites[0].lon, 7.0);
    QCOMPARE(s.sites[1].id, std::string("M\u00fcnchen"));
    QCOMPARE(s.sites[1].lat, 48.1);
    QCOMPARE(s.sites[1].lon, 11.6);
    QCOMPARE(s.spans.size(), std::size_t(1));
    QVERIFY(anyLineContains(res.report.dropped, "the graph is directed"));
    QVERIFY(anyLineContains(res.report.dropped, "1 <data> element with a key no <key> declares"));
    checkValidAndEvaluates(s, Catalog::builtin());
}

void TstImportNetworks::sndlib_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("nodes");
    QTest::addColumn<int>("links");
    QTest::addColumn<int>("demands");
    QTest::addColumn<QString>("unit"); // in META; empty: none (read as Mbit/s)
    QTest::addColumn<double>("gbpsPerUnit");
    if (onSndlibReal()) {
        // Figures from ../shared/data/README.md and docs/IMPORT.md.
        QTest::newRow("abilene") << sndlibRealPath("abilene.txt") << 12 << 15 << 130 << "MBITPERSEC" << 1e-3;
        QTest::newRow("germany50") << sndlibRealPath("germany50.txt") << 50 << 88 << 662 << "" << 1e-3;
        return;
    }
    // Figures from tests/data/README.md.
    QTest::newRow("iberia") << fixturePath("iberia.txt") << 7 << 10 << 14 << "MBITPERSEC" << 1e-3;
    QTest::newRow("nordic") << fixturePath("nordic.txt") << 9 << 12 << 18 << "" << 1e-3;
    QTest::newRow("danube") << fixturePath("danube.txt") << 5 << 6 << 8 << "GBITPERSEC" << 1.0;
}

void TstImportNetworks::sndlib()
{
    QFETCH(QString, path);
    QFETCH(int, nodes);
    QFETCH(int, links);
    QFETCH(int, demands);
    QFETCH(QString, unit);
    QFETCH(double, gbpsPerUnit);
    const Catalog &catalog = Catalog::builtin();
    const SndFile snd = readSnd(path);
    QCOMPARE(int(snd.nodes.size()), nodes);
    QCOMPARE(int(snd.links.size()), links);
    QCOMPARE(int(snd.demands.size()), demands);
    QCOMPARE(snd.unit, unit);

    ImportOptions options;
    const ImportResult res = importSndlib(readText(path), path.toStdString(), catalog, options);
    QVERIFY2(res.ok(), qPrintable(joined(res.errors)));
    const Scenario &s = *res.scenario;
    qInfo("%s: %zu sites, %zu spans, %zu demands; kept:\n  %s\nguessed:\n  %s\ndropped:\n  %s", qPrintable(path),
          s.sites.size(), s.spans.size(), s.demands.size(),
          qPrintable(joined(res.report.kept).replace(u'\n', QStringLiteral("\n  "))),
          qPrintable(joined(res.report.guessed).replace(u'\n', QStringLiteral("\n  "))),
          qPrintable(joined(res.report.dropped).replace(u'\n', QStringLiteral("\n  "))));
    QCOMPARE(int(s.sites.size()), nodes);
    QCOMPARE(int(s.spans.size()), links);
    QCOMPARE(int(s.demands.size()), demands);
    QCOMPARE(QString::fromStdString(s.name), QFileInfo(path).completeBaseName());

    for (std::size_t i = 0; i < snd.nodes.size(); ++i) {
        const auto &[id, lon, lat] = snd.nodes[i];
        QCOMPARE(QString::fromStdString(s.sites[i].id), id);
        QCOMPARE(s.sites[i].lat, lat); // longitude first in the file
        QCOMPARE(s.sites[i].lon, lon);
        QCOMPARE(s.sites[i].gpus, std::int64_t(0));
    }
    for (std::size_t k = 0; k < snd.links.size(); ++k) {
        const Span &span = s.spans[k];
        QCOMPARE(QString::fromStdString(span.id), snd.links[k].id);
        QCOMPARE(QString::fromStdString(span.a), snd.links[k].a);
        QCOMPARE(QString::fromStdString(span.b), snd.links[k].b);
        checkSpan(span, *s.site(span.a), *s.site(span.b), options.routeFactor(catalog), catalog);
        const auto cap = span.extensions.find("x-sndlib-capacity");
        QVERIFY(cap != span.extensions.end());
        QVERIFY2(QString::fromStdString(cap->second).contains(QStringLiteral("\"pre_installed_capacity\":%1")
                                                                  .arg(QString::number(snd.links[k].preCap, 'g', 12))),
                 cap->second.c_str());
    }
    for (std::size_t k = 0; k < snd.demands.size(); ++k) {
        const Demand &d = s.demands[k];
        QCOMPARE(QString::fromStdString(d.label), snd.demands[k].id);
        QCOMPARE(QString::fromStdString(d.from), snd.demands[k].a);
        QCOMPARE(QString::fromStdString(d.to), snd.demands[k].b);
        QVERIFY(near(d.gbps, snd.demands[k].value * gbpsPerUnit)); // no unit: Mbit/s
    }
    QCOMPARE(anyLineContains(res.report.guessed, "no unit in META: demand values read as MBITPERSEC"), unit.isEmpty());
    // Routing units other than 1 and path-length limits are counted, not used (danube.txt).
    const auto has = [&](auto pred) { return std::any_of(snd.demands.begin(), snd.demands.end(), pred); };
    QCOMPARE(anyLineContains(res.report.dropped, "with a routing unit other than 1"),
             has([](const SndDemand &d) { return d.routingUnit != u"1"; }));
    QCOMPARE(anyLineContains(res.report.dropped, "with a maximum path length"),
             has([](const SndDemand &d) { return d.maxPathLength != u"UNLIMITED"; }));
    QVERIFY(anyLineContains(res.report.dropped, "link capacities"));
    checkValidAndEvaluates(s, catalog);
}

void TstImportNetworks::sndlibDemandsFromText()
{
    // A few demands as the files write them, converted by hand.
    struct Case {
        const char *file, *label, *from, *to;
        double gbps;
    };
    const std::vector<Case> fixtures = {
        {"iberia.txt", "Lisboa_Madrid", "Lisboa", "Madrid", 4.2},            // 4200.00 MBITPERSEC
        {"iberia.txt", "Valencia_Bilbao", "Valencia", "Bilbao", 0.4555},     // 455.50
        {"nordic.txt", "Oslo_Stockholm", "Oslo", "Stockholm", 0.048},        // 48.00, no unit: Mbit/s
        {"nordic.txt", "Aarhus_Helsinki", "Aarhus", "Helsinki", 0.001},      // 1.00
        {"danube.txt", "Budapest_Wien", "Budapest", "Wien", 95.5},           // 95.50 GBITPERSEC
        {"danube.txt", "Budapest_Beograd", "Budapest", "Beograd", 30.0},     // routing unit 2: value as is
    };
    const std::vector<Case> real = {
        {"abilene.txt", "IPLSng_STTLng", "IPLSng", "STTLng", 3.58},      // 3580.00 MBITPERSEC
        {"abilene.txt", "HSTNng_LOSAng", "HSTNng", "LOSAng", 16.437},    // 16437.00
        {"germany50.txt", "Essen_Duesseldorf", "Essen", "Duesseldorf", 0.034}, // 34.00, no unit: Mbit/s
        {"germany50.txt", "Essen_Aachen", "Essen", "Aachen", 0.002},     // 2.00
    };
    const Catalog &catalog = Catalog::builtin();
    for (const Case &c : onSndlibReal() ? real : fixtures) {
        const QString file = QLatin1String(c.file);
        const QString path = onSndlibReal() ? sndlibRealPath(file) : fixturePath(file);
        const ImportResult res = importSndlib(readText(path), c.file, catalog, ImportOptions{});
        QVERIFY2(res.ok(), qPrintable(joined(res.errors)));
        const auto &demands = res.scenario->demands;
        const auto it =
            std::find_if(demands.begin(), demands.end(), [&](const Demand &d) { return d.label == c.label; });
        QVERIFY2(it != demands.end(), c.label);
        QCOMPARE(it->from, std::string(c.from));
        QCOMPARE(it->to, std::string(c.to));
        QVERIFY2(near(it->gbps, c.gbps), qPrintable(QStringLiteral("%1: %2 Gbps").arg(c.label).arg(it->gbps)));
    }
}

void TstImportNetworks::sndlibPixelCanvas()
{
    // Pixels (x 100..300, y 200..600): the centre (200, 400) goes to 0 N 0 E and the larger side
    // (400) to 10 degrees, so 0.025 degrees per pixel. D has no coordinates: placed at C.
    const std::string text = R"(?SNDlib native format; type: network; version: 1.0
NODES (
  A ( 100 200 )
  B ( 300 200 )
  C ( 300 600 )
  D
)
LINKS (
  AB ( A B ) 0.00 0.00 0.00 0.00 ( )
  BC ( B C ) 2.50 0.00 0.00 0.00 ( 10.00 1.00 40.00 3.00 )
  CD ( C D ) 0.00 0.00 0.00 0.00 ( 10.00 1.00 )
  AA ( A A ) 0.00 0.00 0.00 0.00 ( )
)
DEMANDS (
  A_C ( A C ) 1 5.00 UNLIMITED
  C_C ( C C ) 1 5.00 UNLIMITED
)
)";
    const Catalog &catalog = Catalog::builtin();
    ImportOptions options;
    const ImportResult res = importSndlib(text, "pixels.txt", catalog, options);
    QVERIFY2(res.ok(), qPrintable(joined(res.errors)));
    const Scenario &s = *res.scenario;
    QCOMPARE(s.sites.size(), std::size_t(4));
    const double want[4][2] = {{-5.0, -2.5}, {-5.0, 2.5}, {5.0, 2.5}, {5.0, 2.5}}; // lat, lon
    for (std::size_t i = 0; i < 4; ++i) {
        QVERIFY(near(s.sites[i].lat, want[i][0]));
        QVERIFY(near(s.sites[i].lon, want[i][1]));
    }
    QVERIFY2(anyLineContains(res.report.guessed, "node coordinates are not degrees"),
             qPrintable(joined(res.report.guessed)));
    QVERIFY(anyLineContains(res.report.guessed, "node \"D\" had no coordinates: placed at 5.00000, 2.50000"));
    QVERIFY(anyLineContains(res.report.guessed, "no unit in META"));
    QVERIFY(anyLineContains(res.report.dropped, "1 link from a node to itself (not a span): AA"));
    QVERIFY(anyLineContains(res.report.dropped, "1 demand from a node to itself"));
    QCOMPARE(s.spans.size(), std::size_t(3));
    QCOMPARE(s.spans[1].extensions.at("x-sndlib-capacity"),
             std::string(R"({"modules":[{"capacity":10.0,"cost":1.0},{"capacity":40.0,"cost":3.0}],)"
                         R"("pre_installed_capacity":2.5,"pre_installed_capacity_cost":0.0,"routing_cost":0.0,)"
                         R"("setup_cost":0.0,"unit":"MBITPERSEC"})"));
    QCOMPARE(s.demands.size(), std::size_t(1));
    QVERIFY(near(s.demands[0].gbps, 0.005));
    for (const Span &span : s.spans)
        checkSpan(span, *s.site(span.a), *s.site(span.b), options.routeFactor(catalog), catalog);
    checkValidAndEvaluates(s, catalog);

    // A unit given for the import wins over META's (here: Gbit/s over Mbit/s); an
    // unknown one stops the import with the units it could have been.
    ImportOptions inGbps = options;
    inGbps.sndlib_unit = "gbitpersec";
    const ImportResult overridden = importSndlib(text, "pixels.txt", catalog, inGbps);
    QVERIFY2(overridden.ok(), qPrintable(joined(overridden.errors)));
    QVERIFY(near(overridden.scenario->demands[0].gbps, 5.0)); // 5 units: 0.005 Gbps in Mbit/s
    QVERIFY(anyLineContains(overridden.report.kept, "demand unit GBITPERSEC as given for the import"));
    inGbps.sndlib_unit = "MBPS";
    const ImportResult refused = importSndlib(text, "pixels.txt", catalog, inGbps);
    QVERIFY(!refused.ok());
    QVERIFY2(anyLineContains(refused.errors, "pixels.txt: unknown SNDlib demand unit \"MBPS\"; expected one of "
                                             "BITPERSEC, KBITPERSEC, MBITPERSEC, GBITPERSEC, TBITPERSEC"),
             qPrintable(joined(refused.errors)));

    // META can say so even when the numbers would fit degrees.
    const std::string small = "META (\n  coordinatesType = pixel\n  unit = GBITPERSEC\n)\nNODES (\n  A ( 0 0 )\n"
                              "  B ( 20 0 )\n)\nLINKS (\n)\nDEMANDS (\n  d ( A B ) 1 2.5 UNLIMITED\n)\n";
    const ImportResult res2 = importSndlib(small, "meta.txt", catalog, options);
    QVERIFY2(res2.ok(), qPrintable(joined(res2.errors)));
    QVERIFY(near(res2.scenario->sites[0].lon, -5.0));
    QVERIFY(near(res2.scenario->sites[1].lon, 5.0));
    QVERIFY(anyLineContains(res2.report.guessed, "META coordinatesType = pixel"));
    QVERIFY(near(res2.scenario->demands[0].gbps, 2.5));
    checkValidAndEvaluates(*res2.scenario, catalog);
}

void TstImportNetworks::sndlibLineEndings()
{
    // CRLF and tabs read like the original.
    const QString path = onSndlibReal() ? sndlibRealPath("abilene.txt") : fixturePath("iberia.txt");
    const std::string text = readText(path);
    std::string crlf;
    for (const char c : text)
        crlf += c == '\n' ? std::string("\r\n") : c == ' ' ? std::string("\t") : std::string(1, c);
    const std::string origin = QFileInfo(path).fileName().toStdString();
    const ImportResult a = importSndlib(text, origin, Catalog::builtin(), ImportOptions{});
    const ImportResult b = importSndlib(crlf, origin, Catalog::builtin(), ImportOptions{});
    QVERIFY2(a.ok() && b.ok(), qPrintable(joined(b.errors)));
    Scenario sa = *a.scenario, sb = *b.scenario;
    sa.description = sb.description = {}; // quotes META's text, where the tabs stay
    QCOMPARE(writeScenario(sb), writeScenario(sa));
}

void TstImportNetworks::routeFactor_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("routeFactor");
    if (onSndlibReal()) {
        QTest::newRow("abilene.txt x 1.0") << sndlibRealPath("abilene.txt") << 1.0;
        QTest::newRow("germany50.txt x 1.4") << sndlibRealPath("germany50.txt") << 1.4;
        return;
    }
    const QString abilene = networkPath("topologyzoo/Abilene.graphml");
    QTest::newRow("Abilene.graphml x 1.0") << abilene << 1.0;
    QTest::newRow("Abilene.graphml x 1.25") << abilene << 1.25;
    QTest::newRow("Abilene.graphml x 1.5") << abilene << 1.5;
    QTest::newRow("iberia.txt x 1.0") << fixturePath("iberia.txt") << 1.0;
    QTest::newRow("nordic.txt x 1.4") << fixturePath("nordic.txt") << 1.4;
}

void TstImportNetworks::routeFactor()
{
    QFETCH(QString, file);
    QFETCH(double, routeFactor);
    const Catalog &catalog = Catalog::builtin();
    ImportOptions options;
    options.route_factor = routeFactor;
    const std::string text = readText(file);
    const std::string origin = QFileInfo(file).fileName().toStdString();
    const ImportResult res = file.endsWith(u".graphml") ? importTopologyZoo(text, origin, catalog, options)
                                                        : importSndlib(text, origin, catalog, options);
    QVERIFY2(res.ok(), qPrintable(joined(res.errors)));
    for (const Span &span : res.scenario->spans) {
        const Site &a = *res.scenario->site(span.a), &b = *res.scenario->site(span.b);
        QVERIFY(near(*span.length_km, std::max(haversineKm(a.lat, a.lon, b.lat, b.lon) * routeFactor, kMinSpanKm)));
    }
    QVERIFY(anyLineContains(res.report.kept, QStringLiteral("route factor %1").arg(routeFactor)));
    QVERIFY(QString::fromStdString(res.scenario->description).contains(QStringLiteral("x %1").arg(routeFactor)));
    checkValidAndEvaluates(*res.scenario, catalog);
}

void TstImportNetworks::badRouteFactor()
{
    ImportOptions options;
    options.route_factor = 0.8;
    const std::string text = readText(fixturePath("iberia.txt"));
    for (const ImportResult &res : {importSndlib(text, "iberia.txt", Catalog::builtin(), options),
                                    importTopologyZoo(text, "x.graphml", Catalog::builtin(), options)}) {
        QVERIFY(!res.ok());
        QVERIFY(!res.scenario);
        QVERIFY(QString::fromStdString(res.errors.front()).contains("route factor 0.8: expected a number >= 1"));
    }
}

void TstImportNetworks::malformed_data()
{
    QTest::addColumn<bool>("graphml");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");

    if (onSndlibReal()) {
        // SNDlib's germany50.txt, broken: the lines docs/IMPORT.md quotes.
        const QByteArray germany = QByteArray::fromStdString(readText(sndlibRealPath("germany50.txt")));
        QByteArray badNumber = germany;
        badNumber.replace("Aachen ( 6.04 50.76 )", "Aachen ( 6.04 5O.76 )");
        QTest::newRow("SNDlib coordinate not a number")
            << false << badNumber << 9 << "expected a number for the latitude of node \"Aachen\", found \"5O.76\"";
        QByteArray unknownNode = germany;
        unknownNode.replace("L5 ( Aachen Koeln )", "L5 ( Aachen Koln )");
        QTest::newRow("SNDlib link to an unknown node")
            << false << unknownNode << 70 << "link \"L5\" (Aachen - Koln): no node \"Koln\" in NODES (line 8)";
        const QByteArray noClose = germany.left(germany.indexOf("\n)\n", germany.indexOf("DEMANDS (")) + 1);
        QTest::newRow("SNDlib truncated") << false << noClose << int(noClose.count('\n'))
                                          << "the file ends inside DEMANDS (opened on line 160)";
        return;
    }

    // Real files, broken.
    QByteArray abilene = QByteArray::fromStdString(readText(networkPath("topologyzoo/Abilene.graphml")));
    const QByteArray cut = abilene.left(abilene.indexOf("Los Angeles") + 3);
    const int cutLine = int(cut.count('\n') + 1);
    QTest::newRow("GraphML truncated")
        << true << cut << cutLine
        << QStringLiteral("the file ends inside <data> (opened on line %1): the XML is truncated").arg(cutLine);
    QByteArray badLat = abilene;
    badLat.replace("<data key=\"d29\">47.60621</data>", "<data key=\"d29\">47.6O621</data>");
    QTest::newRow("GraphML latitude not a number")
        << true << badLat << int(badLat.left(badLat.indexOf("47.6O621")).count('\n') + 1)
        << "node 3 (Seattle): Latitude \"47.6O621\" is not a number";
    QByteArray badEdge = abilene;
    badEdge.replace("<edge source=\"0\" target=\"1\">", "<edge source=\"0\" target=\"99\">");
    QTest::newRow("GraphML edge to an unknown node")
        << true << badEdge << int(badEdge.left(badEdge.indexOf("target=\"99\"")).count('\n') + 1)
        << "edge from \"0\" to \"99\": no node has the id \"99\"";

    // Our SNDlib fixtures, broken.
    const QByteArray nordic = QByteArray::fromStdString(readText(fixturePath("nordic.txt")));
    QByteArray badNumber = nordic;
    badNumber.replace("Oslo ( 10.75 59.91 )", "Oslo ( 10.75 5O.91 )");
    QTest::newRow("SNDlib coordinate not a number")
        << false << badNumber << lineOf(badNumber, "5O.91")
        << "expected a number for the latitude of node \"Oslo\", found \"5O.91\"";
    QByteArray unknownNode = nordic;
    unknownNode.replace("N5 ( Oslo Goteborg )", "N5 ( Oslo Gotenburg )");
    QTest::newRow("SNDlib link to an unknown node")
        << false << unknownNode << lineOf(unknownNode, "N5 (")
        << QStringLiteral("link \"N5\" (Oslo - Gotenburg): no node \"Gotenburg\" in NODES (line %1)")
               .arg(lineOf(nordic, "NODES ("));
    const QByteArray noClose = nordic.left(nordic.indexOf("\n)\n", nordic.indexOf("DEMANDS (")) + 1);
    QTest::newRow("SNDlib truncated")
        << false << noClose << int(noClose.count('\n'))
        << QStringLiteral("the file ends inside DEMANDS (opened on line %1)").arg(lineOf(nordic, "DEMANDS ("));
    const QByteArray noLinks = QByteArray::fromStdString(readText(fixturePath("nolinks.txt")));
    QTest::newRow("SNDlib file without LINKS") << false << noLinks << int(noLinks.count('\n')) << "no LINKS section";

    // Small ones.
    QTest::newRow("GraphML tags do not match")
        << true << QByteArray("<graphml>\n<graph>\n<node id=\"a\">\n</edge>\n</graph>\n</graphml>\n") << 4
        << "</edge> where </node> was expected (<node> opened on line 3)";
    QTest::newRow("GraphML empty") << true << QByteArray() << 1 << "no XML element in the file";
    QTest::newRow("not GraphML") << true << QByteArray("<?xml version=\"1.0\"?>\n<svg/>\n") << 2
                                 << "the root element is <svg>, not <graphml>";
    QTest::newRow("GraphML unknown entity")
        << true << QByteArray("<graphml>\n<graph>\n<node id=\"a&nbsp;\"/>\n</graph>\n</graphml>\n") << 3
        << "unknown entity &nbsp;";
    QTest::newRow("GraphML without nodes") << true << QByteArray("<graphml>\n\n<graph/>\n</graphml>") << 3
                                           << "the graph has no nodes";
    QTest::newRow("SNDlib without NODES")
        << false << QByteArray("# links only\nLINKS (\n  L1 ( A B ) 0 0 0 0 ( )\n)\n") << 2 << "no NODES section";
    QTest::newRow("SNDlib empty") << false << QByteArray("# nothing\n\n") << 2 << "no NODES section";
    QTest::newRow("SNDlib demand without a path length")
        << false
        << QByteArray("NODES (\n  A ( 1 2 )\n  B ( 3 4 )\n)\n"
                      "DEMANDS (\n  d ( A B ) 1 5\n  e ( B A ) 1 5 UNLIMITED\n)\n")
        << 7 << "expected the maximum path length of demand \"d\" (a number or UNLIMITED), found \"e\"";
    QTest::newRow("GraphML truncated after a newline")
        << true << QByteArray("<graphml>\n<graph>\n<node id=\"a\"/>\n") << 3
        << "the file ends inside <graph> (opened on line 2): the XML is truncated";
    QTest::newRow("SNDlib NODES not closed")
        << false << QByteArray("NODES (\n  A ( 1 2 )\n  B ( 3 4 )\nLINKS (\n  L ( A B ) 0 0 0 0 ( )\n)\n") << 4
        << "expected \")\" closing NODES (opened on line 1) before \"LINKS (\"";
    QTest::newRow("SNDlib unknown section") << false << QByteArray("NODES (\n  A ( 1 2 )\n)\nLINK (\n)\n") << 4
                                            << "expected a section (META, NODES, LINKS, DEMANDS or ADMISSIBLE_PATHS), "
                                               "found \"LINK\"";
    QTest::newRow("SNDlib demand value")
        << false << QByteArray("NODES (\n  A ( 1 2 )\n  B ( 3 4 )\n)\nDEMANDS (\n  d ( A B ) 1 lots UNLIMITED\n)\n")
        << 6
        << "expected a number for the demand value of demand \"d\", found \"lots\"";
    QTest::newRow("SNDlib negative capacity")
        << false << QByteArray("NODES (\n  A ( 1 2 )\n  B ( 3 4 )\n)\nLINKS (\n  L ( A B ) -1 0 0 0 ( )\n)\n") << 6
        << "expected a number >= 0 for the pre-installed capacity of link \"L\", found -1";
    QTest::newRow("SNDlib duplicate node") << false << QByteArray("NODES (\n  A ( 1 2 )\n  A ( 3 4 )\n)\n") << 3
                                           << "a second node \"A\" (the first is on line 2)";
    QTest::newRow("SNDlib without LINKS") << false << QByteArray("NODES (\n  A ( 1 2 )\n  B ( 3 4 )\n)\n") << 4
                                          << "no LINKS section";
    QTest::newRow("SNDlib META without =") << false << QByteArray("META (\n  unit MBITPERSEC\n)\n") << 2
                                           << "expected \"<attribute> = <content>\"";
}

void TstImportNetworks::malformed()
{
    QFETCH(bool, graphml);
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, message);
    const std::string origin = graphml ? "bad.graphml" : "bad.txt";
    const Catalog &catalog = Catalog::builtin();
    const ImportResult res = graphml ? importTopologyZoo(text.toStdString(), origin, catalog, ImportOptions{})
                                     : importSndlib(text.toStdString(), origin, catalog, ImportOptions{});
    QVERIFY(!res.ok());
    QVERIFY(!res.scenario.has_value());
    QVERIFY(!res.errors.empty());
    const QString first = QString::fromStdString(res.errors.front());
    const QString prefix = QStringLiteral("%1: line %2: ").arg(QString::fromStdString(origin)).arg(line);
    QVERIFY2(first.startsWith(prefix) && first.contains(message),
             qPrintable(QStringLiteral("got: %1\nwant: %2...%3").arg(first, prefix, message)));
}

void TstImportNetworks::importFileDetects_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("sites");
    if (onSndlibReal()) {
        QTest::newRow("abilene.txt") << sndlibRealPath("abilene.txt") << 12;
        QTest::newRow("germany50.txt") << sndlibRealPath("germany50.txt") << 50;
        return;
    }
    QTest::newRow("Abilene.graphml") << networkPath("topologyzoo/Abilene.graphml") << 11;
    QTest::newRow("Dfn.graphml") << networkPath("topologyzoo/Dfn.graphml") << 58;
    QTest::newRow("iberia.txt") << fixturePath("iberia.txt") << 7;
    QTest::newRow("danube.txt (no first line)") << fixturePath("danube.txt") << 5;
}

void TstImportNetworks::importFileDetects()
{
    QFETCH(QString, file);
    QFETCH(int, sites);
    const ImportResult res =
        importFile(file.toStdString(), ImportFormat::Auto, Catalog::builtin(), ImportOptions{});
    QVERIFY2(res.ok(), qPrintable(joined(res.errors)));
    QCOMPARE(int(res.scenario->sites.size()), sites);
}

// Reliability findings D11, D12, D14 (files in tests/data/reliability/import): importers
// that wrote null lengths and rates (a file that does not open), equipment with non-physical
// modes that made a catalog, and a message naming the same ROADM twice. Each now ends in a
// refusal naming the file and the place, with nothing imported.
void TstImportNetworks::reliabilityReproducers_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("messages"); // each error, in order: "<place>: <text...>"
    QTest::newRow("D11a SNDlib demand 1e308 Tbit/s")
        << "D11a-sndlib-demand-1e308-writes-null.txt"
        << QStringList{QStringLiteral("line 13: demand D1: 1e+308 TBITPERSEC is inf Gbps; a demand's gbps: expected 0 "
                                      "or a rate from 1e-06 to 1000000000 Gbps"),
                       QStringLiteral("line 14: demand D2: 1e+308 TBITPERSEC is inf Gbps")};
    QTest::newRow("D11b GNPy fibers summing past half the Earth")
        << "D11b-gnpy-fiber-lengths-sum-inf-writes-null.json"
        << QStringList{QStringLiteral("/elements/2: the fibers of the link from \"ra\" add up to 1e+308 km by Fiber "
                                      "\"f1\"; a span's length_km: expected a fiber length in km, or \"auto\": at "
                                      "most 20037.5"),
                       QStringLiteral("/elements/4: the fibers of the link from \"rb\" add up to 1e+308 km")};
    QTest::newRow("D12 GNPy equipment, non-physical modes")
        << "D12-gnpy-equipment-nonphysical-modes.json"
        << QStringList{QStringLiteral("/Transceiver/0/mode/0/bit_rate: transceiver \"ZRX\" mode \"m1\": bit_rate "
                                      "is 1e+299 Gb/s; expected rate_gbps: at most 100000"),
                       QStringLiteral("/Transceiver/0/mode/0/min_spacing: transceiver \"ZRX\" mode \"m1\": "
                                      "min_spacing is 1e-309 GHz; expected spacing_ghz: at least 1"),
                       QStringLiteral("/Transceiver/0/mode/1/bit_rate: transceiver \"ZRX\" mode \"m2\": bit_rate "
                                      "is 1e-309 Gb/s; expected rate_gbps: at least 1"),
                       QStringLiteral("/Transceiver/0/mode/1/baud_rate: "),
                       QStringLiteral("/Transceiver/0/mode/1/min_spacing: ")};
    QTest::newRow("D14 GNPy through-connection loop")
        << "D14-gnpy-through-cycle-message.json"
        << QStringList{QStringLiteral("/elements/2: Fiber \"f1\" is reached again on the link from \"ra\": its "
                                      "connections loop (\"f1\" -> \"a1\" -> \"f2\" -> \"f1\") without reaching a "
                                      "ROADM or transceiver"),
                       QStringLiteral("/elements/3: Fiber \"f2\" is reached from \"ra\" and from \"rb\"")};
}

void TstImportNetworks::reliabilityReproducers()
{
    QFETCH(QString, file);
    QFETCH(QStringList, messages);
    const QString path = QStringLiteral(DCI_TEST_DATA_DIR "/reliability/import/") + file;
    const ImportResult res = importFile(path.toStdString(), ImportFormat::Auto, Catalog::builtin(), ImportOptions{});
    QVERIFY(!res.ok());
    QVERIFY(!res.scenario.has_value());
    QVERIFY(res.optics.empty());
    QCOMPARE(res.errors.size(), std::size_t(messages.size()));
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QString got = QString::fromStdString(res.errors[std::size_t(i)]);
        QVERIFY2(got.startsWith(path + QStringLiteral(": ") + messages[i]),
                 qPrintable(QStringLiteral("got: %1\nwant: %2: %3...").arg(got, path, messages[i])));
    }
}

// D12 as a catalog file: the optic the equipment file would have made is refused by the
// catalog reader at its pointer (bounds of docs/SCENARIO-FORMAT.md), so the scenario that
// used it (D12-use-with-imported-catalog.json) can only name an unknown optic.
void TstImportNetworks::importedCatalogBounds()
{
    const Catalog &builtin = Catalog::builtin();
    Optic nonPhysical = builtin.optics.front();
    nonPhysical.name = "ZRX m1";
    nonPhysical.spacing_ghz = 1e-309;
    const std::string text = catalogWithOptics(builtin, {nonPhysical});
    const std::string pointer = "/optics/" + std::to_string(builtin.optics.size()) + "/spacing_ghz";
    try {
        (void)Catalog::fromJson(text, "zrx-catalog.json");
        QFAIL("a catalog with a 1e-309 GHz spacing loaded");
    } catch (const std::runtime_error &e) {
        const std::string want = "zrx-catalog.json: " + pointer + ": expected spacing_ghz: at least 1 ";
        QVERIFY2(std::string(e.what()).rfind(want, 0) == 0, e.what());
    }
    nonPhysical.spacing_ghz = 75.0;
    QCOMPARE(Catalog::fromJson(catalogWithOptics(builtin, {nonPhysical}), "ok.json").optics.size(),
             builtin.optics.size() + 1);

    const QString use = QStringLiteral(DCI_TEST_DATA_DIR "/reliability/import/D12-use-with-imported-catalog.json");
    const ScenarioLoad load = readScenarioFile(use.toStdString(), builtin);
    QVERIFY(!load.ok());
    QCOMPARE(load.errors.size(), std::size_t(1));
    QVERIFY2(load.errors.front().rfind(use.toStdString() + ": /spans/0/optic: unknown optic \"ZRX m1\"", 0) == 0,
             load.errors.front().c_str());
}

// D13: 40,000 nodes in a chain took 8.6 s (100,000: 293 s), a site lookup per span. The
// import is now linear; this checks the result (the time is a benchmark's business: the
// CTest timeout only catches a return of the quadratic cost).
void TstImportNetworks::graphMlFortyThousandNodes()
{
    constexpr int kNodes = 40000;
    std::string text = R"(<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">)"
                       R"(<key attr.name="Latitude" attr.type="double" for="node" id="d29" />)"
                       R"(<key attr.name="Longitude" attr.type="double" for="node" id="d30" />)"
                       R"(<graph edgedefault="undirected">)";
    for (int i = 0; i < kNodes; ++i)
        text += "<node id=\"" + std::to_string(i) + "\"><data key=\"d29\">" + std::to_string(-60.0 + i * 0.003)
            + "</data><data key=\"d30\">" + std::to_string(-170.0 + i * 0.008) + "</data></node>\n";
    for (int i = 0; i + 1 < kNodes; ++i)
        text += "<edge source=\"" + std::to_string(i) + "\" target=\"" + std::to_string(i + 1) + "\" />\n";
    text += "</graph></graphml>";
    const ImportResult res = importText(text, "chain.graphml", ImportFormat::Auto, Catalog::builtin(), ImportOptions{});
    QVERIFY2(res.ok(), res.errors.empty() ? "" : res.errors.front().c_str());
    QCOMPARE(int(res.scenario->sites.size()), kNodes);
    QCOMPARE(int(res.scenario->spans.size()), kNodes - 1);
    QCOMPARE(res.scenario->spans.back().a, res.scenario->sites[kNodes - 2].id);
    QCOMPARE(res.scenario->spans.back().b, res.scenario->sites[kNodes - 1].id);
}

QTEST_GUILESS_MAIN(TstImportNetworks)
#include "tst_import_networks.moc"
