#include "labellayout.h"

#include "canvasstyle.h"

#include <QLineF>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace dci {

namespace cs = canvasstyle;

namespace {

// Rectangles bucketed on a square grid (pixels), so a query finds the few that can touch
// a rectangle instead of testing all of them: a layout tests every label spot against
// every glyph, label and span line, which at 750 sites cost seconds. A query returns, in
// ascending order, every id whose rectangle meets the query (and possibly a few more), so
// sums over the ids found equal sums over all ids: the ones left out add exactly zero.
class RectGrid
{
public:
    explicit RectGrid(double cellPx) : m_cell(cellPx) {}

    void insert(int id, const QRectF &rect)
    {
        m_count = std::max(m_count, id + 1);
        if (cellsOf(rect) > kMaxCells)
            m_everywhere.push_back(id); // a long span line zoomed in: found by every query
        else
            forCells(rect, [&](long long key) { m_buckets[key].push_back(id); });
    }

    // Ids whose rectangles may meet `rect`, ascending, each once.
    const std::vector<int> &query(const QRectF &rect)
    {
        m_found.clear();
        if (cellsOf(rect) > kMaxCells) { // a query as large as the drawing: everything
            m_found.resize(static_cast<std::size_t>(m_count));
            std::iota(m_found.begin(), m_found.end(), 0);
            return m_found;
        }
        m_found = m_everywhere;
        forCells(rect, [&](long long key) {
            const auto it = m_buckets.find(key);
            if (it != m_buckets.end())
                m_found.insert(m_found.end(), it->second.begin(), it->second.end());
        });
        std::sort(m_found.begin(), m_found.end());
        m_found.erase(std::unique(m_found.begin(), m_found.end()), m_found.end());
        return m_found;
    }

private:
    double cellsOf(const QRectF &rect) const
    {
        const QRectF r = rect.normalized();
        return (std::floor(r.right() / m_cell) - std::floor(r.left() / m_cell) + 1)
            * (std::floor(r.bottom() / m_cell) - std::floor(r.top() / m_cell) + 1);
    }

    template <typename F>
    void forCells(const QRectF &rect, F &&f) const
    {
        const QRectF r = rect.normalized();
        const auto cell = [&](double v) { return static_cast<long long>(std::floor(v / m_cell)); };
        const long long x0 = cell(r.left()), x1 = cell(r.right());
        const long long y0 = cell(r.top()), y1 = cell(r.bottom());
        for (long long x = x0; x <= x1; ++x)
            for (long long y = y0; y <= y1; ++y)
                f(x * kRowStride + y);
    }

    static constexpr long long kRowStride = 1LL << 32; // cells per row in the key, far above any canvas
    // A rectangle over more cells than this is kept aside and found by every query.
    static constexpr double kMaxCells = 1024.0;
    double m_cell;
    int m_count = 0;
    std::vector<int> m_everywhere;
    std::unordered_map<long long, std::vector<int>> m_buckets;
    std::vector<int> m_found;
};


// Placement costs: an overlap is far worse than a label crossing a span, which is worse
// than a label on the less natural side of its glyph.
// The cell of the grids that find what a label spot can touch (RectGrid): about a label's
// size, so a query looks at a handful of cells.
constexpr double kGridCellPx = 64.0;
constexpr double kOverlapCostPerPx2 = 1000.0;
constexpr double kSpanCrossingCost = 4000.0;
constexpr double kDirectionCost = 300.0;
// A label must read as its own glyph's: every pixel it comes closer than this to another
// glyph costs, so that 20 px from a neighbour already costs more than crossing a span (a
// plate over a line reads fine; a label between two glyphs is read as the wrong one's).
constexpr double kForeignGlyphClearancePx = 30.0;
constexpr double kForeignGlyphCostPerPx = 400.0;
// A wide label beside its glyph can have its middle nearer another glyph (a label left of
// a glyph reaches back over its neighbours): each such glyph costs like a span crossing.
constexpr double kNearerGlyphCost = 4000.0;
// Below this many pixels a displacement is noise, not a direction.
constexpr double kMinDirectionPx = 1.0;
// Free space kept around span labels, so neighbouring plates do not touch.
constexpr double kSpanLabelMarginPx = 2.0;
// Nothing is drawn over an overloaded span: a site label crossing one costs as much as
// covering 1,000 px² of another label (a third of a campus label), so every other spot
// is tried first (a hub's label is then left out, a campus's goes where it hides least).
constexpr double kOverloadedSpanCrossingCost = 1.0e6;
// An overloaded span counts as covered when a label comes this close to its centre line:
// half its widest drawn line and a pixel.
constexpr double kOverloadedSpanClearancePx = (cs::kSpanMaxWidthPx + cs::kOverloadedExtraWidthPx) / 2.0 + 1.0;
// A span label that must be shown but finds no room on its line goes beside it, this far
// from the line's centre beyond the plate's own half extent (clear of the widest line).
// A full label goes beside only where that keeps its centre near the line (a wide plate
// beside a steep line would float away from it); the compact one may go up to three
// times as far (a small plate still reads as its line's).
constexpr double kBesideSpanGapPx = 6.0;
constexpr double kMaxBesideOffsetFullPx = 30.0;
constexpr int kBesideSpanRingsCompact = 3;
// Where along its span a label is tried, from the middle outwards.
constexpr double kSpanLabelPositions[] = {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82};

double length(const QPointF &v) { return std::hypot(v.x(), v.y()); }

QPointF unit(const QPointF &v)
{
    const double l = length(v);
    return l > 0.0 ? v / l : QPointF(1.0, 0.0);
}

QRectF glyphRect(const QPointF &centre, double radius)
{
    return QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius);
}

// Both are called for every label candidate against every glyph and span: with plain
// comparisons first, since nearly every pair is far apart (profiled on a 158-site import,
// docs/PERFORMANCE.md).
double overlapArea(const QRectF &a, const QRectF &b)
{
    const double w = std::min(a.right(), b.right()) - std::max(a.left(), b.left());
    const double h = std::min(a.bottom(), b.bottom()) - std::max(a.top(), b.top());
    return w > 0.0 && h > 0.0 ? w * h : 0.0;
}

bool segmentIntersectsRect(const QLineF &segment, const QRectF &rect)
{
    if (std::max(segment.x1(), segment.x2()) < rect.left() || std::min(segment.x1(), segment.x2()) > rect.right()
        || std::max(segment.y1(), segment.y2()) < rect.top() || std::min(segment.y1(), segment.y2()) > rect.bottom())
        return false;
    if (rect.contains(segment.p1()) || rect.contains(segment.p2()))
        return true;
    const QLineF edges[] = {{rect.topLeft(), rect.topRight()},
                            {rect.topRight(), rect.bottomRight()},
                            {rect.bottomRight(), rect.bottomLeft()},
                            {rect.bottomLeft(), rect.topLeft()}};
    for (const QLineF &edge : edges) {
        if (segment.intersects(edge, nullptr) == QLineF::BoundedIntersection)
            return true;
    }
    return false;
}

// Union-find over site indices: a cluster is a set of sites laid out together.
struct Clusters {
    std::vector<int> parent;
    std::vector<std::size_t> size; // of each root's cluster
    explicit Clusters(std::size_t n) : parent(n), size(n, 1) { std::iota(parent.begin(), parent.end(), 0); }
    int find(int i)
    {
        while (parent[i] != i)
            i = parent[i] = parent[parent[i]];
        return i;
    }
    void join(int a, int b)
    {
        const int ra = find(a);
        const int rb = find(b);
        if (ra == rb)
            return;
        parent[ra] = rb;
        size[rb] += size[ra];
    }
};

// Puts the members of a cluster on a ring around their mean true position, in the
// order of their true bearings from it, far enough apart that no two glyphs touch.
SiteCluster ringLayout(const std::vector<LayoutSite> &sites, const std::vector<int> &members,
                       std::vector<QPointF> &positions)
{
    const std::size_t n = members.size();
    QPointF centre;
    double maxRadius = 0.0;
    for (int i : members) {
        centre += sites[i].anchor;
        maxRadius = std::max(maxRadius, sites[i].radius);
    }
    centre /= static_cast<double>(n);

    const double step = 2.0 * std::numbers::pi / static_cast<double>(n);
    // Chord between neighbours on the ring = 2 R sin(step / 2) >= two radii and a gap.
    const double needed = (2.0 * maxRadius + cs::kGlyphGapPx) / (2.0 * std::sin(step / 2.0));
    double spread = 0.0;
    for (int i : members)
        spread = std::max(spread, length(sites[i].anchor - centre));
    const double ringRadius = std::max(needed, spread);

    struct Member {
        int index;
        double bearing;
    };
    std::vector<Member> ordered;
    for (std::size_t k = 0; k < n; ++k) {
        const int i = members[k];
        const QPointF d = sites[i].anchor - centre;
        // Sites at the very same spot have no bearing: start at the top, keep file order.
        const double bearing = length(d) > kMinDirectionPx ? std::atan2(d.y(), d.x())
                                                           : -std::numbers::pi / 2 + step * k;
        ordered.push_back({i, bearing});
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Member &a, const Member &b) { return a.bearing < b.bearing; });
    // Rotate the evenly spaced ring to best match the true bearings (circular mean).
    double sx = 0.0;
    double sy = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
        const double delta = ordered[k].bearing - step * static_cast<double>(k);
        sx += std::cos(delta);
        sy += std::sin(delta);
    }
    const double start = std::atan2(sy, sx);
    for (std::size_t k = 0; k < n; ++k) {
        const double angle = start + step * static_cast<double>(k);
        positions[ordered[k].index] = centre + ringRadius * QPointF(std::cos(angle), std::sin(angle));
    }
    return {members, centre, ringRadius + maxRadius};
}

// The eight spots around a glyph where a label may go, each with its direction.
struct Candidate {
    QRectF rect;
    QPointF direction;
};

std::vector<Candidate> labelCandidates(const QPointF &p, double radius, const QSizeF &size)
{
    const double d = radius + cs::kLabelGapPx;
    const double diag = d * std::numbers::sqrt2 / 2.0;
    const double w = size.width();
    const double h = size.height();
    const double s = std::numbers::sqrt2 / 2.0;
    return {
        {QRectF(p.x() + d, p.y() - h / 2, w, h), {1, 0}},
        {QRectF(p.x() - d - w, p.y() - h / 2, w, h), {-1, 0}},
        {QRectF(p.x() - w / 2, p.y() + d, w, h), {0, 1}},
        {QRectF(p.x() - w / 2, p.y() - d - h, w, h), {0, -1}},
        {QRectF(p.x() + diag, p.y() - diag - h, w, h), {s, -s}},
        {QRectF(p.x() + diag, p.y() + diag, w, h), {s, s}},
        {QRectF(p.x() - diag - w, p.y() - diag - h, w, h), {-s, -s}},
        {QRectF(p.x() - diag - w, p.y() + diag, w, h), {-s, s}},
    };
}

// A place for a span's label: on the line at kSpanLabelPositions, or beside it on both
// sides (one ring for a full label, and only when it stays near the line; two for a
// compact one).
struct SpanLabelSpot {
    QRectF rect;
    bool compact = false;
};

std::vector<SpanLabelSpot> spanLabelSpots(const QLineF &segment, const QSizeF &size, bool compact, bool beside)
{
    std::vector<SpanLabelSpot> spots;
    const auto centredAt = [&](const QPointF &c) {
        return QRectF(c.x() - size.width() / 2, c.y() - size.height() / 2, size.width(), size.height());
    };
    if (!beside) {
        for (double t : kSpanLabelPositions)
            spots.push_back({centredAt(segment.pointAt(t)), compact});
        return spots;
    }
    const QPointF d = unit(segment.p2() - segment.p1());
    const QPointF normal(-d.y(), d.x());
    const double offset = std::abs(normal.x()) * size.width() / 2 + std::abs(normal.y()) * size.height() / 2
        + kBesideSpanGapPx;
    if (!compact && offset > kMaxBesideOffsetFullPx)
        return spots;
    for (int ring = 1; ring <= (compact ? kBesideSpanRingsCompact : 1); ++ring)
        for (double t : kSpanLabelPositions)
            for (double side : {1.0, -1.0})
                spots.push_back({centredAt(segment.pointAt(t) + side * ring * offset * normal), compact});
    return spots;
}

} // namespace

std::pair<QPointF, QPointF> spanEnds(const QPointF &a, const QPointF &b, double offset)
{
    if (offset == 0.0)
        return {a, b};
    // The normal is taken in a fixed orientation, so parallel spans with opposite
    // a/b still end up on the sides their offsets say.
    const bool swapped = std::make_pair(a.x(), a.y()) > std::make_pair(b.x(), b.y());
    const QPointF d = unit(swapped ? a - b : b - a);
    const QPointF normal(-d.y(), d.x());
    return {a + normal * offset, b + normal * offset};
}

Decluttered declutterSites(const std::vector<LayoutSite> &sites)
{
    const std::size_t n = sites.size();
    Decluttered result;
    std::vector<QPointF> &positions = result.sites;
    positions.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        positions[i] = sites[i].anchor;

    Clusters clusters(n);
    // Each round merges clusters whose glyphs touch and lays the merged ones out again;
    // a grown ring may touch a further site, hence the rounds. At most n-1 merges.
    for (std::size_t round = 0; round < n; ++round) {
        bool merged = false;
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = i + 1; j < n; ++j) {
                const int ci = clusters.find(static_cast<int>(i));
                const int cj = clusters.find(static_cast<int>(j));
                // A ring holds a metro region's few sites. Dense regions of a large
                // network (an imported backbone) would chain into one ring swallowing
                // half a continent; their glyphs stay where they are instead and the
                // view zooms in to part them.
                if (ci == cj || clusters.size[ci] + clusters.size[cj] > cs::kMaxClusterSites)
                    continue;
                const double minDistance = sites[i].radius + sites[j].radius + cs::kGlyphGapPx;
                if (length(positions[i] - positions[j]) < minDistance) {
                    clusters.join(ci, cj);
                    merged = true;
                }
            }
        }
        if (!merged)
            break;
        std::vector<std::vector<int>> members(n);
        for (std::size_t i = 0; i < n; ++i)
            members[clusters.find(static_cast<int>(i))].push_back(static_cast<int>(i));
        result.clusters.clear();
        for (const auto &cluster : members) {
            if (cluster.size() > 1)
                result.clusters.push_back(ringLayout(sites, cluster, positions));
        }
    }
    // Rings that cannot part every glyph (a dense region of a large network, whose
    // groups are too big for a ring) only add clutter to the pile: the glyphs then stay
    // at their true positions, and zooming in parts them.
    if (!result.clusters.empty() && glyphsOverlap(sites, positions)) {
        result.clusters.clear();
        for (std::size_t i = 0; i < n; ++i)
            positions[i] = sites[i].anchor;
    }
    return result;
}

bool glyphsOverlap(const std::vector<LayoutSite> &sites, const std::vector<QPointF> &drawn)
{
    for (std::size_t i = 0; i < drawn.size(); ++i)
        for (std::size_t j = i + 1; j < drawn.size(); ++j)
            if (length(drawn[i] - drawn[j]) < sites[i].radius + sites[j].radius)
                return true;
    return false;
}

CanvasLayout layoutCanvas(const std::vector<LayoutSite> &sites, const std::vector<LayoutSpan> &spans)
{
    CanvasLayout layout;
    Decluttered decluttered = declutterSites(sites);
    layout.sites = std::move(decluttered.sites);
    layout.clusters = std::move(decluttered.clusters);
    const std::size_t n = sites.size();

    std::vector<QRectF> glyphs(n);
    double maxRadius = 0.0;
    RectGrid glyphGrid(kGridCellPx);
    for (std::size_t i = 0; i < n; ++i) {
        glyphs[i] = glyphRect(layout.sites[i], sites[i].radius);
        glyphGrid.insert(static_cast<int>(i), glyphs[i]);
        maxRadius = std::max(maxRadius, sites[i].radius);
    }

    std::vector<QLineF> segments;
    std::vector<std::vector<QPointF>> neighbours(n);
    double hottest = 0.0;
    RectGrid segmentGrid(kGridCellPx);
    for (const LayoutSpan &span : spans) {
        const auto [p, q] = spanEnds(layout.sites[span.a], layout.sites[span.b], span.offset);
        segmentGrid.insert(static_cast<int>(segments.size()), QRectF(p, q).normalized());
        segments.emplace_back(p, q);
        neighbours[span.a].push_back(layout.sites[span.b]);
        neighbours[span.b].push_back(layout.sites[span.a]);
        if (!span.label.isEmpty())
            hottest = std::max(hottest, span.heat);
    }
    const auto overloaded = [&](std::size_t s) { return spans[s].heat > 1.0; };
    std::vector<std::size_t> overloadedSpans;
    for (std::size_t s = 0; s < spans.size(); ++s)
        if (overloaded(s))
            overloadedSpans.push_back(s);
    // Overloaded spans other than `own` that a rectangle covers (any part of their line).
    const auto overloadedUnder = [&](const QRectF &rect, std::size_t own) {
        const double m = kOverloadedSpanClearancePx;
        const QRectF clearance = rect.adjusted(-m, -m, m, m);
        int count = 0;
        for (std::size_t s : overloadedSpans)
            count += s != own && segmentIntersectsRect(segments[s], clearance) ? 1 : 0;
        return count;
    };
    constexpr std::size_t kNoSpan = std::numeric_limits<std::size_t>::max();

    std::vector<QRectF> placed;
    RectGrid placedGrid(kGridCellPx);
    const auto place = [&](const QRectF &rect) {
        placedGrid.insert(static_cast<int>(placed.size()), rect);
        placed.push_back(rect);
    };
    layout.spanLabels.assign(spans.size(), std::nullopt);

    // Span labels sit on their span, as near the middle as they fit, clear of every glyph,
    // every label placed so far and every other overloaded span. A label that must be
    // shown (an overloaded or the hottest span) that does not fit on its line goes beside
    // it, then in its compact form on or beside it, and failing all that in compact form
    // where it covers no overloaded span and least of the rest. Others are left out (the
    // tooltip still has them, and zooming in makes room).
    layout.spanLabelCompact.assign(spans.size(), false);
    const auto placeSpanLabel = [&](std::size_t s, bool mustShow) {
        const LayoutSpan &span = spans[s];
        const QLineF &segment = segments[s];
        // In order of preference: the full label on the line; for a span that must be
        // shown, the full one beside it, then the compact one on and beside it.
        std::vector<SpanLabelSpot> candidates = spanLabelSpots(segment, span.label, false, false);
        const auto add = [&](const std::vector<SpanLabelSpot> &more) {
            candidates.insert(candidates.end(), more.begin(), more.end());
        };
        const bool hasCompact = mustShow && !span.compactLabel.isEmpty();
        if (mustShow)
            add(spanLabelSpots(segment, span.label, false, true));
        if (hasCompact) {
            add(spanLabelSpots(segment, span.compactLabel, true, false));
            add(spanLabelSpots(segment, span.compactLabel, true, true));
        }
        // Least covered first by overloaded spans, then by other labels (text on text is
        // unreadable), then by glyphs.
        std::tuple<int, double, double> leastCovered{std::numeric_limits<int>::max(), 0.0, 0.0};
        std::optional<SpanLabelSpot> least;
        std::optional<SpanLabelSpot> chosen;
        for (const SpanLabelSpot &spot : candidates) {
            const QRectF padded = spot.rect.adjusted(-kSpanLabelMarginPx, -kSpanLabelMarginPx, kSpanLabelMarginPx,
                                                     kSpanLabelMarginPx);
            double glyphArea = 0.0, labelArea = 0.0;
            for (int j : glyphGrid.query(padded))
                glyphArea += overlapArea(padded, glyphs[static_cast<std::size_t>(j)]);
            for (int j : placedGrid.query(padded))
                labelArea += overlapArea(padded, placed[static_cast<std::size_t>(j)]);
            const std::tuple<int, double, double> covered{overloadedUnder(spot.rect, s), labelArea, glyphArea};
            if (covered == std::tuple<int, double, double>{0, 0.0, 0.0}) {
                chosen = spot;
                break;
            }
            if (spot.compact == hasCompact && covered < leastCovered) {
                leastCovered = covered;
                least = spot;
            }
        }
        if (!chosen && mustShow)
            chosen = least;
        if (chosen) {
            layout.spanLabels[s] = chosen->rect;
            layout.spanLabelCompact[s] = chosen->compact;
            place(chosen->rect);
        }
    };

    // Site labels, heaviest site first: the biggest campuses get the best spots.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return sites[a].weight > sites[b].weight; });

    layout.siteLabels.assign(n, QRectF());
    const auto placeSiteLabel = [&](std::size_t i) {
        if (sites[i].label.isEmpty())
            return;
        const QPointF p = layout.sites[i];
        // Preferred side: away from the cluster for a displaced glyph, else away from
        // the spans that leave the site, else to the right (how maps usually label).
        QPointF preferred = p - sites[i].anchor;
        if (length(preferred) < kMinDirectionPx) {
            preferred = QPointF();
            for (const QPointF &other : neighbours[i])
                preferred -= unit(other - p);
        }
        preferred = length(preferred) < 0.1 ? QPointF(1, 0) : unit(preferred);

        double bestCost = std::numeric_limits<double>::max();
        double bestOverlap = 0.0;
        int bestOverloaded = 0;
        QRectF best;
        for (const Candidate &c : labelCandidates(p, sites[i].radius, sites[i].label)) {
            double overlap = 0.0;
            double foreign = 0.0;
            int nearer = 0;
            const double ownDistance = length(c.rect.center() - p);
            // Every site that can add to the sums: its glyph meets the spot, lies nearer than
            // its own site, or within the clearance of foreign glyphs.
            const double reach = kForeignGlyphClearancePx + maxRadius;
            const QPointF centre = c.rect.center();
            const QRectF around = c.rect.adjusted(-reach, -reach, reach, reach)
                                      .united(QRectF(centre.x() - ownDistance, centre.y() - ownDistance,
                                                     2 * ownDistance, 2 * ownDistance));
            for (int jj : glyphGrid.query(around)) {
                const auto j = static_cast<std::size_t>(jj);
                if (j == i)
                    continue;
                overlap += overlapArea(c.rect, glyphs[j]);
                const QPointF q = layout.sites[j];
                nearer += length(c.rect.center() - q) < ownDistance ? 1 : 0;
                const double dx = std::max({c.rect.left() - q.x(), 0.0, q.x() - c.rect.right()});
                const double dy = std::max({c.rect.top() - q.y(), 0.0, q.y() - c.rect.bottom()});
                const double gap = std::max(0.0, std::hypot(dx, dy) - sites[j].radius);
                foreign += std::max(0.0, kForeignGlyphClearancePx - gap);
            }
            for (int j : placedGrid.query(c.rect))
                overlap += overlapArea(c.rect, placed[static_cast<std::size_t>(j)]);
            int crossings = 0;
            for (int s : segmentGrid.query(c.rect))
                crossings += segmentIntersectsRect(segments[static_cast<std::size_t>(s)], c.rect) ? 1 : 0;
            const int overloadedCrossings = overloadedUnder(c.rect, kNoSpan);
            const double alignment = c.direction.x() * preferred.x() + c.direction.y() * preferred.y();
            const double cost = kOverlapCostPerPx2 * overlap + kSpanCrossingCost * crossings
                + kOverloadedSpanCrossingCost * overloadedCrossings + kForeignGlyphCostPerPx * foreign
                + kNearerGlyphCost * nearer + kDirectionCost * (1.0 - alignment);
            if (cost < bestCost) {
                bestCost = cost;
                bestOverlap = overlap;
                bestOverloaded = overloadedCrossings;
                best = c.rect;
            }
        }
        // A hub (no GPUs) whose label finds no free spot goes without: in a dense
        // backbone the names would otherwise pile up unreadably, and it never covers an
        // overloaded span. Its tooltip still has it, and zooming in makes room. Campuses
        // are always labelled.
        if (sites[i].weight <= 0.0 && (bestOverlap > 0.0 || bestOverloaded > 0))
            return;
        layout.siteLabels[i] = best;
        place(best);
    };

    // Campuses first: they are always labelled and have only eight spots to choose from.
    for (std::size_t i : order)
        if (sites[i].weight > 0.0)
            placeSiteLabel(i);
    // Then the spans that must be labelled, hottest first: the hubs' and the other spans'
    // labels give way to them.
    std::vector<std::size_t> spanOrder(spans.size());
    std::iota(spanOrder.begin(), spanOrder.end(), 0);
    std::stable_sort(spanOrder.begin(), spanOrder.end(), [&](std::size_t a, std::size_t b) {
        if (spans[a].heat != spans[b].heat)
            return spans[a].heat > spans[b].heat;
        return segments[a].length() > segments[b].length();
    });
    const auto mustShow = [&](std::size_t s) {
        return !spans[s].label.isEmpty() && (overloaded(s) || (hottest > 0.0 && spans[s].heat >= hottest));
    };
    for (std::size_t s : spanOrder)
        if (mustShow(s))
            placeSpanLabel(s, true);

    for (std::size_t i : order)
        if (sites[i].weight <= 0.0)
            placeSiteLabel(i);
    for (std::size_t s : spanOrder)
        if (!spans[s].label.isEmpty() && !mustShow(s))
            placeSpanLabel(s, false);

    QRectF bounds;
    for (std::size_t i = 0; i < n; ++i) {
        bounds = bounds.united(glyphs[i]);
        bounds = bounds.united(QRectF(sites[i].anchor, QSizeF(0.001, 0.001)));
        if (!layout.siteLabels[i].isNull())
            bounds = bounds.united(layout.siteLabels[i]);
    }
    for (const auto &rect : layout.spanLabels) {
        if (rect)
            bounds = bounds.united(*rect);
    }
    for (const SiteCluster &cluster : layout.clusters)
        bounds = bounds.united(glyphRect(cluster.centre, cluster.radius + cs::kClusterPaddingPx));
    layout.bounds = bounds;
    return layout;
}

} // namespace dci
