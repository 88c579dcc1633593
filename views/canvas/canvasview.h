#pragma once

#include "canvasscene.h"

#include <QGraphicsView>
#include <QPixmap>
#include <QTransform>
#include <QPoint>
#include <QString>

#include <optional>

namespace dci {

class MapLayer;

// The canvas widget: a map-like view of a CanvasScene on a light background with a
// faint latitude/longitude graticule, a scale bar and the utilisation legend. Wheel zooms
// around the cursor, dragging the background (or any drag with the middle button) pans,
// Shift-dragging the background selects with a rubber band. Until the user zooms or pans,
// the view keeps the whole drawing fitted when the window is resized.
//
// Editing tools never touch the scenario: they emit intents (add a site here, connect
// these two sites, move these sites there) that the application turns into undo commands.
class CanvasView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit CanvasView(CanvasScene *scene, QWidget *parent = nullptr);

    enum class Tool {
        Select,  // click selects (Ctrl toggles), drag moves the selected sites
        AddSite, // click on the map adds a site there
        AddSpan, // drag from one site to another connects them
    };
    void setTool(Tool tool);
    Tool tool() const { return m_tool; }

    // The ids of the selected sites and spans, in the scene's file order.
    QStringList selectedSiteIds() const;
    QStringList selectedSpanIds() const;
    // Selects exactly these elements (no intent is emitted).
    void selectElements(const QStringList &siteIds, const QStringList &spanIds);

    // The map drawn under the plan (land, borders, state lines); not owned, may be null.
    void setMapLayer(const MapLayer *map);
    void setMapVisible(bool visible);
    bool mapVisible() const { return m_mapVisible; }

    void setLegendVisible(bool visible);
    bool legendVisible() const { return m_legendVisible; }
    // The legend's heading: what the span colours show (by default legendTitle()).
    static QString legendTitle();
    void setLegendHeading(const QString &heading);
    QString legendHeading() const { return m_legendHeading.isEmpty() ? legendTitle() : m_legendHeading; }
    // A note across the top of the canvas ("Showing: span x down, an N-1 case"); empty: none.
    void setBannerText(const QString &text);
    QString bannerText() const { return m_banner; }
    // How much of the legend a canvas of this size shows (issue 13 #17): all of it; one
    // row without the heading (which becomes its tooltip) when the whole legend would take
    // more than kLegendFullMaxShare of the canvas; nothing when not even that row fits
    // beside the scale bar within kLegendMaxShare.
    enum class LegendForm { Full, Compact, None };
    static constexpr double kLegendFullMaxShare = 0.05;
    static constexpr double kLegendMaxShare = 0.08;
    LegendForm legendForm() const;
    // Where the legend is drawn, in viewport pixels (bottom-right corner); empty when the
    // canvas is too small for it.
    QRectF legendRect() const;

    CanvasScene *canvasScene() const { return m_scene; }
    const MapLayer *mapLayer() const { return m_map; }

    // Whether the view keeps the whole drawing fitted (until the user zooms or pans).
    bool followsFit() const { return m_autoFit; }
    // The part of the scene the viewport shows.
    QRectF visibleSceneRect() const;
    // Zooms and centres so this scene rectangle fills the viewport (the view then no
    // longer follows the fit): an exported picture shows what the user's view shows.
    void showSceneRect(const QRectF &sceneRect);
    // Shows the scene at this zoom around this scene point (the view then no longer
    // follows the fit): another view showing the same place, e.g. Compare's second canvas.
    void showAt(double pxPerUnit, const QPointF &sceneCenter);

    // Pixels per scene unit.
    double zoom() const { return transform().m11(); }

    // Text shown in the middle of an empty canvas.
    void setHintText(const QString &text);
    QString hintText() const { return m_hint; }

    // Zoom range: from the whole world in a few hundred pixels down to street level.
    static constexpr double kMinZoom = 0.05;
    static constexpr double kMaxZoom = 5000.0;
    // Fit to Window shows at least this many scene units across (0.6 degree of longitude:
    // ~50 km at 40 degrees north); the user may still zoom in to kMaxZoom.
    static constexpr double kMinFitSpanUnits = 12.0;

public slots:
    // Zooms and centres so every site and label shows, with a margin.
    void fitToScene();
    // Zooms out to the whole world (a new, empty plan).
    void showWorld();
    void zoomIn();
    void zoomOut();
    // Zooms by a factor keeping the scene point under viewportPos where it is.
    void zoomBy(double factor, const QPointF &viewportPos);
    // Labels idle spans too (View > Label Idle Spans); refits when the view follows the fit.
    void setLabelIdleSpans(bool labelled);

    // The map's data changed (a finer set was read): the cached background is redrawn.
    void invalidateBackground();

    // Frames painted so far (--bench-drag waits for the next one after an input event).
    quint64 framesPainted() const { return m_framesPainted; }

signals:
    void zoomChanged(double pxPerUnit);
    // Intents (the application decides and records them as undo commands):
    void siteAddRequested(double lat_deg, double lon_deg);
    void spanAddRequested(const QString &siteA, const QString &siteB);
    // Live while dragging (finished false), then once more on release (finished true).
    // positions: x = longitude, y = latitude, degrees; one per id.
    void moveRequested(const QStringList &siteIds, const QList<QPointF> &positions, bool finished);
    void toolChanged(dci::CanvasView::Tool tool);
    // A right click: on a site or span (its id, the other empty; the element is then
    // selected) or on the map (both empty), at a map position and a screen position.
    void contextMenuRequested(const QString &siteId, const QString &spanId, double lat_deg, double lon_deg,
                              const QPoint &globalPos);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    // The map and graticule, drawn into a cached picture of the viewport (drawBackground).
    void paintBackground(QPainter *painter, const QRectF &rect);
    bool viewportEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void applyZoom(double pxPerUnit);
    // The site or span under a viewport point (its glyph, line or label), or null.
    QGraphicsItem *elementAt(const QPoint &viewportPos) const;
    void emitMove(const QPoint &viewportPos, bool finished);
    QRectF legendRectFor(LegendForm form) const;
    void drawLegend(QPainter *painter);
    void drawCompactLegend(QPainter *painter, const QRectF &box);
    // The Fit to Window zoom and centre, clear of the legend when it is shown (nullopt for
    // an empty plan). Lays the scene out at the fit it tries.
    std::optional<CanvasScene::Fit> fitClearOfLegend();
    // The room left around the drawing by a fit, in viewport pixels: less in a small canvas.
    QMarginsF fitMargins() const;
    // Whether a site or a label (not a span line) is drawn under this viewport rectangle.
    bool sitesOrLabelsUnder(const QRectF &viewportRect) const;
    double graticuleStep() const;
    void drawGraticuleLabels(QPainter *painter);
    void drawScaleBar(QPainter *painter);

    CanvasScene *m_scene = nullptr; // not owned
    QString m_hint;
    QString m_legendHeading;
    QString m_banner;
    bool m_autoFit = true;
    // The last Fit to Window and what it was computed for (viewport size, scene revision,
    // legend shown). Resize and show events refit often with nothing changed, and the
    // layout search is costly for large networks (docs/PERFORMANCE.md).
    struct FitMemo {
        QSize viewport;
        quint64 revision = 0;
        bool legend = false;
        CanvasScene::Fit fit;
    };
    std::optional<FitMemo> m_lastFit;
    bool m_panning = false;
    QPoint m_panLast;
    Tool m_tool = Tool::Select;
    bool m_legendVisible = true;
    const MapLayer *m_map = nullptr;
    bool m_mapVisible = true;
    // A drag in progress: moving sites, drawing a span, or a rubber band.
    enum class Drag { None, Move, Span, Band };
    Drag m_drag = Drag::None;
    QPoint m_pressPos;           // viewport
    bool m_dragMoved = false;    // beyond the start-drag distance
    quint64 m_framesPainted = 0;
    // The background as last painted on screen, and what it was painted for.
    struct BackgroundKey {
        QSize size;
        qreal dpr = 1.0;
        QTransform transform;
        quint64 generation = 0;
        bool operator==(const BackgroundKey &) const = default;
    };
    QPixmap m_backgroundCache;
    BackgroundKey m_backgroundKey;
    quint64 m_backgroundGeneration = 0;
    QStringList m_moveIds;       // sites being moved
    QList<QPointF> m_moveStart;  // their true positions at the press, scene coordinates
    QString m_spanFrom;          // site a span is drawn from
    QPoint m_dragPos;            // viewport, latest
};

} // namespace dci
