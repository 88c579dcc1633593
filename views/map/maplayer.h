#pragma once

#include <QColor>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

class QObject;
class QPainter;
class QThreadPool;

namespace dci {

// Colours of the map: quiet, so the heatmap and the sites stay what the eye reads first.
// Land is a warm grey a little darker than the cool canvas background (water is the
// background itself), borders a cool mid grey, state and province lines a lighter warm
// grey, dashed.
namespace mapstyle {
inline const QColor kLand{0xec, 0xeb, 0xe6};
inline const QColor kCountryBorder{0xb4, 0xb8, 0xbf};
inline const QColor kStateLine{0xc4, 0xc1, 0xb9};
inline constexpr double kCountryBorderPx = 1.0;
// State lines are dashed (dash, gap in px) so they never read as the canvas graticule,
// whose straight solid lines are about as light.
inline constexpr double kStateLinePx = 1.0;
inline constexpr double kStateLineDashPx = 4.0;
inline constexpr double kStateLineGapPx = 3.0;
} // namespace mapstyle

// The Natural Earth map drawn under the plan: land, country borders and state/province
// lines, read with shapelib from the shapefiles of Debian's libmagics++-data
// (/usr/share/magics/{110m,50m,10m}). Geometry is projected once at load time into scene
// coordinates (views/canvas/projection.h) and cut into small pieces with bounding boxes,
// so a zoomed-in view paints only what it shows.
//
// Level of detail follows the zoom: the 1:110M set far out, 1:50M at regional zoom, 1:10M
// close in. Each set is read on first need. The 1:110M and 1:50M sets are read at once
// (about 1 and 15 ms); the 1:10M set and the state lines (about 110 and 75 ms, more from a
// cold disk) are read on a background thread while paint() draws the finest set already
// there, and the data-loaded callback asks the view to repaint when one arrives.
// State/province lines exist only at 1:10M; a simplified copy is used at regional zoom and
// each line shows from the web-map zoom Natural Earth gives it (min_zoom), so US, Canadian,
// Brazilian and Australian lines come first and smaller countries' lines as one zooms in.
//
// paint() is const (the view holds a const pointer) and caches loaded sets; it and the
// other members are called on the GUI thread only.
class MapLayer
{
public:
    // Which set paint() uses, by pixels per degree of longitude (the view's pixels per
    // scene unit times projection::kSceneUnitsPerDegree). A 1400 px wide world view is about
    // 4 px/degree, the contiguous US in 1400 px about 23, one or two states about 100.
    static constexpr double k50mFromPxPerDegree = 6.0;
    static constexpr double k10mFromPxPerDegree = 40.0;
    // State/province lines show from regional zoom on.
    static constexpr double kStateLinesFromPxPerDegree = 6.0;
    // A state line shows once the view's web-map zoom reaches its Natural Earth min_zoom
    // minus this slack (our lines are thin and quiet, so they can come earlier than labels).
    static constexpr double kStateLineZoomSlack = 1.5;

    // dataDir empty: $DCI_MAP_DIR, else /usr/share/magics.
    explicit MapLayer(QString dataDir = QString());
    ~MapLayer();
    MapLayer(const MapLayer &) = delete;
    MapLayer &operator=(const MapLayer &) = delete;

    static QString defaultDataDir();
    QString dataDir() const { return m_dataDir; }
    // The shapefiles exist (the coarse set is checked at construction; a finer set that
    // fails to read later is skipped and the coarser one keeps being drawn).
    bool available() const { return m_available; }
    // What to do when !available(); empty otherwise.
    QString missingDataHint() const;

    // Paints land, state lines and borders inside visibleScene. The painter is already in
    // scene coordinates (as in QGraphicsView::drawBackground); pens are cosmetic.
    // pxPerUnit: the view's pixels per scene unit. Starts any background load this zoom
    // needs and meanwhile paints the coarser data at hand. Does nothing without the data.
    void paint(QPainter *painter, const QRectF &visibleScene, double pxPerUnit) const;

    // The set paint() wants at this zoom: "110m", "50m" or "10m".
    QString scaleFor(double pxPerUnit) const;

    // Called on the thread that created the layer (the GUI thread) each time a set read in
    // the background is ready: connect it to a repaint of the view.
    void setDataLoadedCallback(std::function<void()> callback);
    // Reads, now and on the calling thread, every set paint() needs at this zoom (tests,
    // screenshots: the next paint() is then complete).
    void loadNow(double pxPerUnit) const;

    // Diagnostics: how long the reads took, how much they hold.
    struct LoadInfo {
        QString name;          // "110m", "50m", "10m", "states"
        bool loaded = false;
        double load_ms = 0.0;  // read + project + split, wall clock
        qint64 points = 0;
        qint64 pieces = 0;     // polygon pieces and line chunks
    };
    std::vector<LoadInfo> loadInfo() const;

    // The geometry of one set, in scene coordinates (public for the helpers in maplayer.cpp).
    struct Piece {
        QRectF bounds;
        QPolygonF points;      // a closed ring (land) or a polyline (lines)
        float minZoom = 0.0f;  // state lines: Natural Earth min_zoom; 0 otherwise
    };
    struct Dataset {
        std::vector<Piece> land;
        std::vector<Piece> borders;
        std::vector<Piece> stateLines;        // full detail (10m zoom)
        std::vector<Piece> stateLinesCoarse;  // simplified (regional zoom)
        qint64 points = 0;
        double load_ms = 0.0;
    };

private:
    enum SetId { Set110m, Set50m, Set10m, SetStates, SetCount };
    enum class Status { NotLoaded, Loading, Ready, Failed };
    struct Slot {
        Status status = Status::NotLoaded;
        std::shared_ptr<const Dataset> data;
    };

    static SetId landSetFor(double pxPerDegree);
    std::shared_ptr<const Dataset> dataset(SetId id) const;
    // Reads a set unless it is read or being read: at once when now or small, else on the pool.
    void request(SetId id, bool now = false) const;
    void store(SetId id, std::shared_ptr<const Dataset> data) const;
    std::shared_ptr<const Dataset> read(SetId id) const;

    QString m_dataDir;
    bool m_available = false;
    std::function<void()> m_dataLoaded;

    mutable std::mutex m_mutex; // guards m_slots (the pool thread stores into them)
    mutable std::array<Slot, SetCount> m_slots;
    // Declared before the pool: the pool is destroyed (and waited for) first.
    std::unique_ptr<QObject> m_notifier; // lives in the GUI thread; queued callbacks target it
    std::unique_ptr<QThreadPool> m_pool;
};

} // namespace dci
