#include "maplayer.h"

#include "canvas/projection.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QObject>
#include <QPainter>
#include <QPainterPath>
#include <QThreadPool>

#include <shapefil.h>

#include <cmath>

namespace dci {

namespace {

// A land ring is cut in halves until a piece has at most this many points or is smaller
// than kMinPieceSceneUnits both ways: a zoomed-in view then fills only the pieces it sees.
constexpr qsizetype kMaxPiecePoints = 512;
constexpr double kMinPieceSceneUnits = 20.0; // one degree of longitude
// Lines are cut into chunks of at most this many points, each with its bounding box.
constexpr qsizetype kLineChunkPoints = 128;
// The regional copy of the state lines drops points closer than this to the last kept
// one: 2.5 px at the 10m threshold, where the full lines take over.
constexpr double kStateLineCoarseToleranceSceneUnits = 0.05 * projection::kSceneUnitsPerDegree;

struct SetFiles {
    const char *name;
    const char *land;    // relative to the data dir; null: none
    const char *borders;
};
constexpr SetFiles kSetFiles[] = {
    {"110m", "110m/ne_110m_land.shp", "110m/ne_110m_admin_0_boundary_lines_land.shp"},
    {"50m", "50m/ne_50m_land.shp", "50m/ne_50m_admin_0_boundary_lines_land.shp"},
    {"10m", "10m/ne_10m_land.shp", "10m/ne_10m_admin_0_boundary_lines_land.shp"},
    {"states", nullptr, nullptr},
};
constexpr const char *kStateLinesFile = "10m/ne_10m_admin_1_states_provinces_lines.shp";

// Inclusive overlap: QRectF::intersects() says false for a rectangle of zero height, which
// is what a chunk of a border along a parallel (49th, Kansas-Nebraska) has.
bool overlaps(const QRectF &a, const QRectF &b)
{
    return a.left() <= b.right() && b.left() <= a.right() && a.top() <= b.bottom() && b.top() <= a.bottom();
}

// Web-map zoom level (256 px tiles, 2^z tiles around the world) at this many px/degree;
// Natural Earth's min_zoom is on this scale.
double webZoom(double pxPerDegree)
{
    return std::log2(pxPerDegree * 360.0 / 256.0);
}

// The part of an open ring on one side of the line coord(axis) == c (Sutherland-Hodgman
// against one edge). The crossing point of an edge is computed from its endpoints in ring
// order, so the two sides of a cut share bit-identical points and their fills meet exactly.
QPolygonF clipRing(const QPolygonF &ring, bool alongX, double c, bool keepBelow)
{
    const auto coord = [alongX](const QPointF &p) { return alongX ? p.x() : p.y(); };
    const auto inside = [&](const QPointF &p) { return keepBelow ? coord(p) <= c : coord(p) >= c; };
    const auto crossing = [&](const QPointF &p, const QPointF &q) {
        const double t = (c - coord(p)) / (coord(q) - coord(p));
        const QPointF at = p + t * (q - p);
        return alongX ? QPointF(c, at.y()) : QPointF(at.x(), c);
    };
    QPolygonF out;
    out.reserve(ring.size() / 2 + 4);
    for (qsizetype i = 0; i < ring.size(); ++i) {
        const QPointF &p = ring[i];
        const QPointF &q = ring[(i + 1) % ring.size()];
        const bool pIn = inside(p);
        const bool qIn = inside(q);
        if (pIn)
            out.append(p);
        if (pIn != qIn)
            out.append(crossing(p, q));
    }
    return out;
}

// Cuts an open ring in halves across its longer side until the pieces are small.
void splitRing(const QPolygonF &ring, std::vector<MapLayer::Piece> &out)
{
    const QRectF box = ring.boundingRect();
    const bool small = box.width() <= kMinPieceSceneUnits && box.height() <= kMinPieceSceneUnits;
    if (ring.size() <= kMaxPiecePoints || small) {
        QPolygonF closed = ring;
        closed.append(ring.first());
        out.push_back({box, std::move(closed), 0.0f});
        return;
    }
    const bool alongX = box.width() >= box.height();
    const double c = alongX ? box.center().x() : box.center().y();
    for (const bool below : {true, false}) {
        const QPolygonF half = clipRing(ring, alongX, c, below);
        if (half.size() >= 3)
            splitRing(half, out);
    }
}

void addLineChunks(const QPolygonF &line, float minZoom, std::vector<MapLayer::Piece> &out)
{
    for (qsizetype start = 0; start + 1 < line.size(); start += kLineChunkPoints - 1) {
        const qsizetype n = std::min(kLineChunkPoints, line.size() - start);
        QPolygonF chunk = line.mid(start, n);
        const QRectF box = chunk.boundingRect();
        out.push_back({box, std::move(chunk), minZoom});
    }
}

// Drops points closer than tolerance to the last kept point; keeps both ends.
QPolygonF simplified(const QPolygonF &line, double tolerance)
{
    if (line.size() <= 2)
        return line;
    QPolygonF out;
    out.append(line.first());
    for (qsizetype i = 1; i + 1 < line.size(); ++i) {
        const QPointF d = line[i] - out.last();
        if (d.x() * d.x() + d.y() * d.y() >= tolerance * tolerance)
            out.append(line[i]);
    }
    out.append(line.last());
    return out;
}

// Each part of each shape, projected (open rings for polygons: the closing point dropped).
// onPart(shapeIndex, part); false when the file cannot be opened.
template <typename OnPart>
bool readParts(const QString &path, OnPart onPart, qint64 *points)
{
    SHPHandle shp = SHPOpen(QFile::encodeName(path).constData(), "rb");
    if (!shp)
        return false;
    int count = 0;
    int type = 0;
    SHPGetInfo(shp, &count, &type, nullptr, nullptr);
    const bool polygon = type == SHPT_POLYGON || type == SHPT_POLYGONZ || type == SHPT_POLYGONM;
    for (int i = 0; i < count; ++i) {
        SHPObject *obj = SHPReadObject(shp, i);
        if (!obj)
            continue;
        for (int part = 0; part < std::max(obj->nParts, 1); ++part) {
            const int begin = obj->nParts > 0 ? obj->panPartStart[part] : 0;
            const int end = part + 1 < obj->nParts ? obj->panPartStart[part + 1] : obj->nVertices;
            QPolygonF line;
            line.reserve(end - begin);
            for (int v = begin; v < end; ++v)
                line.append(projection::toScene(obj->padfY[v], obj->padfX[v]));
            if (polygon && line.size() > 1 && line.first() == line.last())
                line.removeLast();
            if (line.size() >= (polygon ? 3 : 2)) {
                *points += line.size();
                onPart(i, line);
            }
        }
        SHPDestroyObject(obj);
    }
    SHPClose(shp);
    return true;
}

// Natural Earth's min_zoom of each state line (0 when the field is missing).
std::vector<float> readMinZooms(const QString &shpPath)
{
    std::vector<float> zooms;
    DBFHandle dbf = DBFOpen(QFile::encodeName(shpPath).constData(), "rb");
    if (!dbf)
        return zooms;
    const int field = DBFGetFieldIndex(dbf, "min_zoom");
    zooms.resize(DBFGetRecordCount(dbf), 0.0f);
    if (field >= 0) {
        for (int i = 0; i < int(zooms.size()); ++i)
            zooms[i] = float(DBFReadDoubleAttribute(dbf, i, field));
    }
    DBFClose(dbf);
    return zooms;
}

void drawLines(QPainter *painter, const std::vector<MapLayer::Piece> &lines, const QRectF &visible,
               double maxMinZoom = 1e9)
{
    for (const MapLayer::Piece &piece : lines) {
        if (piece.minZoom <= maxMinZoom && overlaps(piece.bounds, visible))
            painter->drawPolyline(piece.points);
    }
}

} // namespace

MapLayer::MapLayer(QString dataDir)
    : m_dataDir(dataDir.isEmpty() ? defaultDataDir() : std::move(dataDir))
    , m_notifier(std::make_unique<QObject>())
    , m_pool(std::make_unique<QThreadPool>())
{
    // One reader at a time: the GUI keeps the other core.
    m_pool->setMaxThreadCount(1);
    const QDir dir(m_dataDir);
    m_available = QFileInfo::exists(dir.filePath(QString::fromLatin1(kSetFiles[Set110m].land)))
        && QFileInfo::exists(dir.filePath(QString::fromLatin1(kSetFiles[Set110m].borders)));
}

MapLayer::~MapLayer()
{
    // A background read stores into m_slots and posts to m_notifier: let it finish first.
    m_pool->waitForDone();
}

QString MapLayer::defaultDataDir()
{
    const QString env = qEnvironmentVariable("DCI_MAP_DIR");
    return env.isEmpty() ? QStringLiteral("/usr/share/magics") : env;
}

QString MapLayer::missingDataHint() const
{
    if (m_available)
        return {};
    return QStringLiteral("Map data not found in %1: install it with \"sudo apt-get install libmagics++-data\" "
                          "(or point DCI_MAP_DIR to a folder with Natural Earth's 110m, 50m and 10m shapefiles).")
        .arg(QDir::toNativeSeparators(m_dataDir));
}

MapLayer::SetId MapLayer::landSetFor(double pxPerDegree)
{
    if (pxPerDegree >= k10mFromPxPerDegree)
        return Set10m;
    if (pxPerDegree >= k50mFromPxPerDegree)
        return Set50m;
    return Set110m;
}

QString MapLayer::scaleFor(double pxPerUnit) const
{
    return QString::fromLatin1(kSetFiles[landSetFor(pxPerUnit * projection::kSceneUnitsPerDegree)].name);
}

void MapLayer::setDataLoadedCallback(std::function<void()> callback)
{
    m_dataLoaded = std::move(callback);
}

std::shared_ptr<const MapLayer::Dataset> MapLayer::dataset(SetId id) const
{
    const std::lock_guard lock(m_mutex);
    return m_slots[id].data;
}

void MapLayer::store(SetId id, std::shared_ptr<const Dataset> data) const
{
    const std::lock_guard lock(m_mutex);
    m_slots[id].status = data ? Status::Ready : Status::Failed;
    m_slots[id].data = std::move(data);
}

void MapLayer::request(SetId id, bool now) const
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_slots[id].status != Status::NotLoaded)
            return;
        m_slots[id].status = Status::Loading;
    }
    if (now || id == Set110m || id == Set50m) {
        store(id, read(id)); // 110m and 50m take 1 and 15 ms: their first paint is complete
        return;
    }
    m_pool->start([this, id] {
        store(id, read(id));
        QMetaObject::invokeMethod(
            m_notifier.get(),
            [this] {
                if (m_dataLoaded)
                    m_dataLoaded();
            },
            Qt::QueuedConnection);
    });
}

void MapLayer::loadNow(double pxPerUnit) const
{
    if (!m_available)
        return;
    const double pxPerDegree = pxPerUnit * projection::kSceneUnitsPerDegree;
    m_pool->waitForDone(); // a read already started finishes first
    for (int id = Set110m; id <= landSetFor(pxPerDegree); ++id)
        request(SetId(id), true);
    if (pxPerDegree >= kStateLinesFromPxPerDegree)
        request(SetStates, true);
}

std::shared_ptr<const MapLayer::Dataset> MapLayer::read(SetId id) const
{
    QElapsedTimer timer;
    timer.start();
    auto data = std::make_shared<Dataset>();
    const QDir dir(m_dataDir);
    const SetFiles &files = kSetFiles[id];
    if (files.land) {
        const bool ok = readParts(
            dir.filePath(QString::fromLatin1(files.land)),
            [&](int, const QPolygonF &ring) { splitRing(ring, data->land); }, &data->points);
        if (!ok)
            return nullptr;
    }
    if (files.borders) {
        const bool ok = readParts(
            dir.filePath(QString::fromLatin1(files.borders)),
            [&](int, const QPolygonF &line) { addLineChunks(line, 0.0f, data->borders); }, &data->points);
        if (!ok)
            return nullptr;
    }
    if (id == SetStates) {
        const QString path = dir.filePath(QString::fromLatin1(kStateLinesFile));
        const std::vector<float> minZooms = readMinZooms(path);
        const bool ok = readParts(
            path,
            [&](int shape, const QPolygonF &line) {
                const float minZoom = shape < int(minZooms.size()) ? minZooms[shape] : 0.0f;
                addLineChunks(line, minZoom, data->stateLines);
                addLineChunks(simplified(line, kStateLineCoarseToleranceSceneUnits), minZoom,
                              data->stateLinesCoarse);
            },
            &data->points);
        if (!ok)
            return nullptr;
    }
    data->load_ms = double(timer.nsecsElapsed()) / 1e6;
    return data;
}

void MapLayer::paint(QPainter *painter, const QRectF &visibleScene, double pxPerUnit) const
{
    if (!m_available || pxPerUnit <= 0.0)
        return;
    const double pxPerDegree = pxPerUnit * projection::kSceneUnitsPerDegree;

    // The finest land set at hand up to the one this zoom wants (asking for that one).
    // Asking for 10m asks for 50m first: it arrives sooner and bridges the wait.
    const SetId wanted = landSetFor(pxPerDegree);
    for (int id = Set110m; id <= wanted; ++id)
        request(SetId(id));
    std::shared_ptr<const Dataset> land;
    for (int id = wanted; id >= Set110m && !land; --id)
        land = dataset(SetId(id));
    std::shared_ptr<const Dataset> states;
    if (pxPerDegree >= kStateLinesFromPxPerDegree) {
        request(SetStates);
        states = dataset(SetStates);
    }
    if (!land && !states)
        return;

    // A little margin so a line just outside the view still draws its pixel at the edge.
    const double margin = 2.0 / pxPerUnit;
    const QRectF visible = visibleScene.adjusted(-margin, -margin, margin, margin);

    painter->save();
    if (land) {
        // One path for all visible pieces: the cuts between pieces of a ring cancel out.
        // Not antialiased: ten to twenty times faster on a 1400x900 view (1-2 ms against
        // 10-30 ms), and the land is so close to the background that its edge shows no steps.
        painter->setRenderHint(QPainter::Antialiasing, false);
        QPainterPath path;
        path.setFillRule(Qt::OddEvenFill);
        for (const Piece &piece : land->land) {
            if (overlaps(piece.bounds, visible))
                path.addPolygon(piece.points);
        }
        painter->fillPath(path, mapstyle::kLand);
    }
    painter->setBrush(Qt::NoBrush);
    painter->setRenderHint(QPainter::Antialiasing);
    if (states) {
        QPen pen(mapstyle::kStateLine, mapstyle::kStateLinePx);
        pen.setCosmetic(true);
        pen.setDashPattern({mapstyle::kStateLineDashPx / mapstyle::kStateLinePx,
                            mapstyle::kStateLineGapPx / mapstyle::kStateLinePx});
        painter->setPen(pen);
        const bool full = pxPerDegree >= k10mFromPxPerDegree;
        drawLines(painter, full ? states->stateLines : states->stateLinesCoarse, visible,
                  webZoom(pxPerDegree) + kStateLineZoomSlack);
    }
    if (land) {
        QPen pen(mapstyle::kCountryBorder, mapstyle::kCountryBorderPx);
        pen.setCosmetic(true);
        painter->setPen(pen);
        drawLines(painter, land->borders, visible);
    }
    painter->restore();
}

std::vector<MapLayer::LoadInfo> MapLayer::loadInfo() const
{
    std::vector<LoadInfo> infos;
    const std::lock_guard lock(m_mutex);
    for (int id = 0; id < SetCount; ++id) {
        LoadInfo info;
        info.name = QString::fromLatin1(kSetFiles[id].name);
        if (const auto &data = m_slots[id].data) {
            info.loaded = true;
            info.load_ms = data->load_ms;
            info.points = data->points;
            info.pieces = qint64(data->land.size() + data->borders.size() + data->stateLines.size());
        }
        infos.push_back(info);
    }
    return infos;
}

} // namespace dci
