#pragma once

#include "engine/results.h"
#include "model/scenario.h"

#include <QGraphicsScene>
#include <QHash>
#include <QList>
#include <QMarginsF>
#include <QSizeF>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <optional>

namespace dci {

class ClusterItem;
struct LayoutInput;
class SiteItem;
class SpanItem;

// The drawing of a scenario: one SiteItem per site and one SpanItem per span, found by
// element id. show() brings the items in line with a scenario and its results, creating,
// updating and deleting items by id, so it can be called again after every change.
// It decides which labels are shown (hubs when zoomed in, idle spans when asked) and
// lays them out (labellayout.h). The scene owns its items; it never changes the scenario.
class CanvasScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit CanvasScene(QObject *parent = nullptr);
    ~CanvasScene() override;

    void show(const Scenario &scenario, const Results &results);
    void clearScenario();

    SiteItem *siteItem(const QString &id) const { return m_sites.value(id); }
    SpanItem *spanItem(const QString &id) const { return m_spans.value(id); }
    const QStringList &siteIds() const { return m_siteOrder; }
    const QStringList &spanIds() const { return m_spanOrder; }
    bool hasContent() const { return !m_sites.isEmpty(); }
    // Counts show() and clearScenario() calls: a fit computed at one revision holds until
    // the next (the view keeps it for repeated fits at the same size).
    quint64 revision() const { return m_revision; }

    // Bounding box of the sites' true positions, in scene coordinates.
    QRectF contentRect() const;

    // The view tells the scene its zoom (pixels per scene unit) so glyphs, which have a
    // fixed pixel size, can be laid out without overlapping (labellayout.h).
    void setViewScale(double pxPerUnit);
    double viewScale() const { return m_viewScale; }

    // Spans that carry nothing go unlabelled (their tooltip has the figures) unless this
    // is on (View > Label Idle Spans).
    void setLabelIdleSpans(bool labelled);
    bool labelIdleSpans() const { return m_labelIdleSpans; }
    // Whether hubs (sites without GPUs) are named at this zoom: only once the view is
    // close enough to read a region (canvasstyle::kHubLabelsMaxKmPerPx). Campuses always are.
    bool hubLabelsAt(double pxPerUnit) const;

    // Colours the spans by these figures instead of their heat (span id -> utilisation;
    // spans not named keep theirs), until cleared with an empty map: View > N-1 shows the
    // worst utilisation each span's failure causes. Kept across show().
    void setHeatOverrides(const QHash<QString, double> &heat);
    bool hasHeatOverrides() const { return !m_heatOverrides.isEmpty(); }

    // While a drag moves sites: show() moves their glyphs and span lines at once and hides
    // the labels of the spans that moved, and the label layout runs at most every
    // kDragLayoutIntervalMs; turning it off lays out at once (the drag's end).
    void setLayoutDeferred(bool deferred);
    bool layoutDeferred() const { return m_layoutDeferred; }

    struct Fit {
        double pxPerUnit = 1.0;
        QPointF center; // scene coordinates
    };
    // The largest zoom at which every glyph and label fits in a viewport of the given
    // size minus margins (pixels), and where to centre it. Nullopt when empty.
    std::optional<Fit> fitFor(const QSizeF &viewportPx, const QMarginsF &marginsPx, double minPxPerUnit,
                              double maxPxPerUnit) const;

private:
    void relayout();
    // The glyphs of moved sites at their new places and their spans' lines after them,
    // without a label layout (setLayoutDeferred). False when a full layout is needed.
    bool placeWithoutLayout();
    void updateParallelOffsets();

    QHash<QString, SiteItem *> m_sites; // owned by the scene (QGraphicsScene items)
    QHash<QString, SpanItem *> m_spans;
    QList<ClusterItem *> m_clusters; // decoration, rebuilt at every layout
    QStringList m_siteOrder; // file order, so the layout is the same at every load
    QStringList m_spanOrder;
    double m_viewScale = 1.0;
    quint64 m_revision = 0;
    bool m_labelIdleSpans = false;
    QHash<QString, double> m_heatOverrides;
    // The input of the last label layout: a relayout with the same input is skipped.
    std::shared_ptr<LayoutInput> m_lastLayoutInput;
    bool m_itemsChanged = true; // items created or deleted since the last layout
    bool m_layoutDeferred = false;
    bool m_placedWithoutLayout = false; // glyphs moved and labels hidden since the last layout
    QTimer *m_layoutTimer = nullptr; // child: the next layout during a drag
};

} // namespace dci
