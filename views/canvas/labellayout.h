#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <optional>
#include <vector>

namespace dci {

// Where glyphs and labels go on screen at one zoom level. Glyphs and labels have a fixed
// pixel size while distances between sites scale with the zoom, so sites a few km apart
// (a metro region drawn next to a 1,400 km long-haul span) would be drawn on top of each
// other. The layout spreads such a cluster on a small ring around its true position
// (the scene draws a leader line back to it) and then puts every label where it hides the
// least. Everything here is in device pixels: scene coordinates times the view scale.
// Pure functions of their inputs, so the result is deterministic and testable.

struct LayoutSite {
    QPointF anchor;   // true position
    double radius = 0.0; // glyph radius
    QSizeF label;     // label plate size, empty for none
    double weight = 0.0; // placement priority: heavier sites pick their label spot first

    bool operator==(const LayoutSite &) const = default;
};

struct LayoutSpan {
    int a = -1; // index into the sites
    int b = -1;
    double offset = 0.0; // perpendicular offset, to separate parallel spans
    QSizeF label;        // label plate size, empty for none
    QSizeF compactLabel; // a smaller plate for a span that must be labelled, when the full one finds no room
    // The utilisation its colour shows (1.0 = 100%). Hotter spans are labelled first; an
    // overloaded span and the hottest span always are, and no other label covers an
    // overloaded span.
    double heat = 0.0;

    bool operator==(const LayoutSpan &) const = default;
};

// Sites drawn on a ring because they are too close to draw where they are.
struct SiteCluster {
    std::vector<int> members;
    QPointF centre;      // mean true position of the members
    double radius = 0.0; // from the centre to the outer edge of the glyphs
};

struct Decluttered {
    std::vector<QPointF> sites;       // where each glyph is drawn
    std::vector<SiteCluster> clusters; // only clusters of two or more sites
};

struct CanvasLayout {
    std::vector<QPointF> sites;      // where each glyph is drawn
    std::vector<SiteCluster> clusters;
    std::vector<QRectF> siteLabels;  // label plate of each site (null rect when none)
    std::vector<std::optional<QRectF>> spanLabels; // nullopt when it does not fit
    std::vector<bool> spanLabelCompact;             // placed in its compact form
    QRectF bounds; // glyphs, labels and true positions together
};

// The displayed glyph centres after spreading overlapping glyphs apart on rings of at
// most canvasstyle::kMaxClusterSites. When the rings cannot part every glyph, none is
// drawn and the glyphs stay at their true positions.
Decluttered declutterSites(const std::vector<LayoutSite> &sites);

// Whether two glyphs drawn at these centres cover each other.
bool glyphsOverlap(const std::vector<LayoutSite> &sites, const std::vector<QPointF> &drawn);

// The whole layout: declutterSites, then the campus labels (always placed), the labels of
// the overloaded and hottest spans (always placed: on the span, else beside it, else in
// compact form), the hub labels and the other span labels, hottest first, where they fit.
// No label but its own covers an overloaded span, unless a campus has no other spot.
CanvasLayout layoutCanvas(const std::vector<LayoutSite> &sites, const std::vector<LayoutSpan> &spans);

// The two ends of a span as drawn: between the displayed glyph centres, shifted
// sideways by the span's offset.
std::pair<QPointF, QPointF> spanEnds(const QPointF &a, const QPointF &b, double offset);

} // namespace dci
