#include "canvasscene.h"

#include "canvasstyle.h"
#include "clusteritem.h"
#include "labelitem.h"
#include "labellayout.h"
#include "projection.h"
#include "siteitem.h"
#include "spanitem.h"

#include <QMap>
#include <QSet>

#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace dci {

namespace cs = canvasstyle;

// What a label layout is computed from (layoutInput below).
struct LayoutInput {
    std::vector<LayoutSite> sites;
    std::vector<LayoutSpan> spans;

    bool operator==(const LayoutInput &) const = default;
};

namespace {
// Stacking: spans under sites; labels are children and draw above their own item.
constexpr double kClusterZ = -10.0;
constexpr double kSpanZ = 0.0;
constexpr double kOverloadedSpanZ = 1.0; // no other span line is drawn over an overloaded one
constexpr double kSpanLabelZ = 5.0; // above every span line, under the sites
constexpr double kSiteZ = 10.0;
// Bisection steps when searching the zoom that fits: 2^-16 of the log range (ln 1e5),
// the zoom to within 0.02%, a fifth of a pixel across 1,000.
constexpr int kFitIterations = 16;
// During a drag the labels are laid out again at most this often (milliseconds): the
// glyph and its spans follow every mouse move, the labels catch up a few times a second.
constexpr int kDragLayoutIntervalMs = 150;
// A leader shorter than this (pixels) is not worth drawing.
constexpr double kMinLeaderPx = 0.5;

template <typename Result>
std::unordered_map<std::string, const Result *> indexById(const std::vector<Result> &results)
{
    std::unordered_map<std::string, const Result *> index;
    for (const Result &r : results)
        index.emplace(r.id, &r);
    return index;
}

template <typename Result>
const Result *find(const std::unordered_map<std::string, const Result *> &index, const std::string &id)
{
    const auto it = index.find(id);
    return it == index.end() ? nullptr : it->second;
}


double glyphExtent(const SiteItem *site)
{
    return site->glyphRadius() + (site->isOverCap() ? cs::kOverCapRingPx : 0.0);
}

// What the labels show at a zoom (CanvasScene::relayout and fitFor share it).
struct LabelRules {
    bool hubs = false;       // hubs' names (only when zoomed in to a region)
    bool idleSpans = false;  // spans that carry nothing (View > Label Idle Spans)
};

// Builds the layout inputs at a zoom; shared by relayout() and fitFor().
LayoutInput layoutInput(const QStringList &siteOrder, const QHash<QString, SiteItem *> &sites,
                        const QStringList &spanOrder, const QHash<QString, SpanItem *> &spans, double pxPerUnit,
                        const LabelRules &rules)
{
    LayoutInput input;
    QHash<const SiteItem *, int> index;
    for (const QString &id : siteOrder) {
        const SiteItem *site = sites.value(id);
        index.insert(site, static_cast<int>(input.sites.size()));
        const bool labelled = !site->isHub() || rules.hubs;
        input.sites.push_back({site->anchor() * pxPerUnit, glyphExtent(site),
                               labelled ? site->label()->size() : QSizeF(), static_cast<double>(site->gpus())});
    }
    for (const QString &id : spanOrder) {
        const SpanItem *span = spans.value(id);
        const bool labelled = !span->isIdle() || rules.idleSpans;
        input.spans.push_back({index.value(span->siteA()), index.value(span->siteB()), span->parallelOffset(),
                               labelled ? span->fullLabelSize() : QSizeF(),
                               labelled ? span->compactLabelSize() : QSizeF(), span->heat().value_or(0.0)});
    }
    return input;
}

// The worst goodput of the demands routed over each span, by span id.
QHash<QString, SpanGoodput> goodputBySpan(const Scenario &scenario, const Results &results)
{
    const auto siteName = [&](const std::string &id) {
        const Site *site = scenario.site(id);
        return QString::fromStdString(site && !site->name.empty() ? site->name : id);
    };
    QHash<QString, SpanGoodput> worst;
    for (const DemandResult &demand : results.demands) {
        if (!demand.goodput)
            continue;
        std::unordered_set<std::string> crossed;
        for (const DemandResult::Path &path : demand.paths)
            if (path.fraction > 0.0)
                crossed.insert(path.spans.begin(), path.spans.end());
        for (const std::string &spanId : crossed) {
            const QString id = QString::fromStdString(spanId);
            const auto it = worst.constFind(id);
            if (it != worst.constEnd() && it->goodput <= *demand.goodput)
                continue;
            worst.insert(id, {*demand.goodput, siteName(demand.from) + QStringLiteral(" → ") + siteName(demand.to),
                              QString::fromStdString(demand.limited_by)});
        }
    }
    return worst;
}

} // namespace

CanvasScene::CanvasScene(QObject *parent)
    : QGraphicsScene(parent)
{
    // A fixed scene rect (the projected world) keeps panning and zooming free of jumps
    // when items are added or moved.
    const QRectF world = projection::worldRect();
    setSceneRect(world.adjusted(-world.width(), -world.height(), world.width(), world.height()));
    setItemIndexMethod(NoIndex); // tens to hundreds of items, moved at every zoom step
    m_layoutTimer = new QTimer(this);
    m_layoutTimer->setSingleShot(true);
    m_layoutTimer->setInterval(kDragLayoutIntervalMs);
    connect(m_layoutTimer, &QTimer::timeout, this, [this] { relayout(); });
}

void CanvasScene::setLayoutDeferred(bool deferred)
{
    if (m_layoutDeferred == deferred)
        return;
    m_layoutDeferred = deferred;
    if (!deferred) {
        m_layoutTimer->stop();
        relayout();
    }
}

bool CanvasScene::placeWithoutLayout()
{
    if (m_itemsChanged || !m_lastLayoutInput
        || m_lastLayoutInput->sites.size() != static_cast<std::size_t>(m_siteOrder.size()))
        return false;
    QSet<const SiteItem *> moved;
    for (int i = 0; i < m_siteOrder.size(); ++i) {
        SiteItem *site = m_sites.value(m_siteOrder[i]);
        if (site->anchor() * m_viewScale == m_lastLayoutInput->sites[static_cast<std::size_t>(i)].anchor)
            continue;
        site->setPos(site->anchor());
        site->setLeader(QPointF());
        moved.insert(site);
    }
    for (const QString &id : std::as_const(m_spanOrder)) {
        SpanItem *span = m_spans.value(id);
        if (!moved.contains(span->siteA()) && !moved.contains(span->siteB()))
            continue;
        span->adjust();
        span->setLabelPosition(std::nullopt, false);
    }
    m_placedWithoutLayout = m_placedWithoutLayout || !moved.isEmpty();
    return true;
}

CanvasScene::~CanvasScene()
{
    // Spans refer to their sites, so they must go first (QGraphicsScene's own clean-up
    // deletes items in no particular order).
    clearScenario();
}

void CanvasScene::clearScenario()
{
    ++m_revision;
    m_lastLayoutInput.reset();
    qDeleteAll(m_clusters);
    m_clusters.clear();
    qDeleteAll(m_spans);
    m_spans.clear();
    m_spanOrder.clear();
    qDeleteAll(m_sites);
    m_sites.clear();
    m_siteOrder.clear();
}

void CanvasScene::show(const Scenario &scenario, const Results &results)
{
    ++m_revision;
    const auto siteResults = indexById(results.sites);
    const auto spanResults = indexById(results.spans);
    const QHash<QString, SpanGoodput> goodput = goodputBySpan(scenario, results);

    // Spans first: a span is recreated when its ends changed, and it must be gone
    // before a site it refers to is deleted.
    QHash<QString, const Span *> wantedSpans;
    for (const Span &span : scenario.spans)
        wantedSpans.insert(QString::fromStdString(span.id), &span);
    for (auto it = m_spans.begin(); it != m_spans.end();) {
        const Span *span = wantedSpans.value(it.key());
        const bool keep = span && it.value()->siteA()->id() == QString::fromStdString(span->a)
            && it.value()->siteB()->id() == QString::fromStdString(span->b);
        if (keep) {
            ++it;
        } else {
            delete it.value();
            it = m_spans.erase(it);
            m_itemsChanged = true;
        }
    }

    QSet<QString> wantedSites;
    for (const Site &site : scenario.sites)
        wantedSites.insert(QString::fromStdString(site.id));
    for (auto it = m_sites.begin(); it != m_sites.end();) {
        if (wantedSites.contains(it.key())) {
            ++it;
        } else {
            delete it.value();
            it = m_sites.erase(it);
            m_itemsChanged = true;
        }
    }

    m_siteOrder.clear();
    for (const Site &site : scenario.sites) {
        const QString id = QString::fromStdString(site.id);
        SiteItem *item = m_sites.value(id);
        if (!item) {
            item = new SiteItem(id);
            item->setZValue(kSiteZ);
            addItem(item);
            m_sites.insert(id, item);
            m_itemsChanged = true;
        }
        item->setSite(site, find(siteResults, site.id));
        item->setAnchor(projection::toScene(site.lat, site.lon));
        m_siteOrder << id;
    }

    m_spanOrder.clear();
    for (const Span &span : scenario.spans) {
        const QString id = QString::fromStdString(span.id);
        SpanItem *item = m_spans.value(id);
        if (!item) {
            SiteItem *a = m_sites.value(QString::fromStdString(span.a));
            SiteItem *b = m_sites.value(QString::fromStdString(span.b));
            if (!a || !b)
                continue; // the reader rejects such a scenario; nothing sensible to draw
            item = new SpanItem(id, a, b);
            item->setZValue(kSpanZ);
            addItem(item);
            item->label()->setZValue(kSpanLabelZ);
            addItem(item->label());
            m_spans.insert(id, item);
            m_itemsChanged = true;
        }
        const auto g = goodput.constFind(id);
        item->setSpan(span, find(spanResults, span.id), g == goodput.constEnd() ? std::nullopt : std::optional(*g));
        const auto over = m_heatOverrides.constFind(id);
        item->setHeatOverride(over == m_heatOverrides.cend() ? std::nullopt : std::optional<double>(*over));
        item->setZValue(item->isOverloaded() ? kOverloadedSpanZ : kSpanZ);
        m_spanOrder << id;
    }

    updateParallelOffsets();
    if (m_layoutDeferred && placeWithoutLayout()) {
        if (!m_layoutTimer->isActive())
            m_layoutTimer->start();
        return;
    }
    relayout();
}

QRectF CanvasScene::contentRect() const
{
    QRectF rect;
    bool first = true;
    for (const SiteItem *site : m_sites) {
        const QRectF point(site->anchor(), QSizeF(0, 0));
        rect = first ? point : rect.united(point);
        first = false;
    }
    return rect;
}

void CanvasScene::updateParallelOffsets()
{
    // Spans joining the same two sites are fanned out sideways, in file order.
    QMap<std::pair<QString, QString>, QList<SpanItem *>> groups;
    for (const QString &id : std::as_const(m_spanOrder)) {
        SpanItem *span = m_spans.value(id);
        QString a = span->siteA()->id();
        QString b = span->siteB()->id();
        if (b < a)
            std::swap(a, b);
        groups[{a, b}].append(span);
    }
    for (const QList<SpanItem *> &group : std::as_const(groups)) {
        const double middle = (group.size() - 1) / 2.0;
        for (int k = 0; k < group.size(); ++k)
            group[k]->setParallelOffset((k - middle) * cs::kParallelSpanOffsetPx);
    }
}

void CanvasScene::setLabelIdleSpans(bool labelled)
{
    if (labelled == m_labelIdleSpans)
        return;
    m_labelIdleSpans = labelled;
    ++m_revision; // the labels, and so the fit, change
    relayout();
}

bool CanvasScene::hubLabelsAt(double pxPerUnit) const
{
    if (m_sites.isEmpty() || pxPerUnit <= 0.0)
        return false;
    const double latitude = projection::toLatLon(contentRect().center()).lat_deg;
    return projection::kmPerSceneUnit(latitude) / pxPerUnit <= cs::kHubLabelsMaxKmPerPx;
}

void CanvasScene::setHeatOverrides(const QHash<QString, double> &heat)
{
    m_heatOverrides = heat;
    for (auto it = m_spans.cbegin(); it != m_spans.cend(); ++it) {
        const auto found = m_heatOverrides.constFind(it.key());
        it.value()->setHeatOverride(found == m_heatOverrides.cend() ? std::nullopt : std::optional<double>(*found));
    }
}

void CanvasScene::setViewScale(double pxPerUnit)
{
    if (pxPerUnit <= 0.0 || pxPerUnit == m_viewScale)
        return;
    m_viewScale = pxPerUnit;
    relayout();
}

void CanvasScene::relayout()
{
    if (m_sites.isEmpty()) {
        qDeleteAll(m_clusters);
        m_clusters.clear();
        return;
    }
    LayoutInput input = layoutInput(m_siteOrder, m_sites, m_spanOrder, m_spans, m_viewScale, LabelRules{hubLabelsAt(m_viewScale), m_labelIdleSpans});
    // The same glyphs, labels and heat at the same places: the layout would come out the
    // same (it is a function of its input), so new figures that read alike cost nothing.
    if (m_lastLayoutInput && *m_lastLayoutInput == input && !m_itemsChanged && !m_placedWithoutLayout)
        return;
    const CanvasLayout layout = layoutCanvas(input.sites, input.spans);
    m_itemsChanged = false;
    m_placedWithoutLayout = false;

    for (int i = 0; i < m_siteOrder.size(); ++i) {
        SiteItem *site = m_sites.value(m_siteOrder[i]);
        const QPointF posPx = layout.sites[i];
        site->setPos(posPx / m_viewScale);
        const QPointF leader = input.sites[i].anchor - posPx;
        site->setLeader(std::hypot(leader.x(), leader.y()) < kMinLeaderPx ? QPointF() : leader);
        const QRectF labelRect = layout.siteLabels[i];
        site->setLabelPlace(labelRect.isNull() ? std::nullopt : std::optional<QPointF>(labelRect.topLeft() - posPx));
    }
    m_lastLayoutInput = std::make_shared<LayoutInput>(std::move(input));
    while (m_clusters.size() > static_cast<qsizetype>(layout.clusters.size()))
        delete m_clusters.takeLast();
    for (std::size_t c = 0; c < layout.clusters.size(); ++c) {
        const double radius = layout.clusters[c].radius + cs::kClusterPaddingPx;
        if (static_cast<qsizetype>(c) == m_clusters.size()) {
            auto *item = new ClusterItem(radius);
            item->setZValue(kClusterZ);
            addItem(item);
            m_clusters.append(item);
        }
        m_clusters[c]->setRadius(radius);
        m_clusters[c]->setPos(layout.clusters[c].centre / m_viewScale);
    }

    for (int k = 0; k < m_spanOrder.size(); ++k) {
        SpanItem *span = m_spans.value(m_spanOrder[k]);
        span->setViewScale(m_viewScale);
        span->adjust();
        const auto &labelRect = layout.spanLabels[k];
        span->setLabelPosition(labelRect ? std::optional<QPointF>(labelRect->center() / m_viewScale) : std::nullopt,
                               layout.spanLabelCompact[k]);
    }
}

std::optional<CanvasScene::Fit> CanvasScene::fitFor(const QSizeF &viewportPx, const QMarginsF &marginsPx,
                                                    double minPxPerUnit, double maxPxPerUnit) const
{
    if (m_sites.isEmpty())
        return std::nullopt;
    const QSizeF available(std::max(1.0, viewportPx.width() - marginsPx.left() - marginsPx.right()),
                           std::max(1.0, viewportPx.height() - marginsPx.top() - marginsPx.bottom()));

    const auto boundsAt = [&](double scale) {
        const LayoutInput input = layoutInput(m_siteOrder, m_sites, m_spanOrder, m_spans, scale, LabelRules{hubLabelsAt(scale), m_labelIdleSpans});
        return layoutCanvas(input.sites, input.spans).bounds;
    };
    const auto fits = [&](double scale) {
        const QRectF b = boundsAt(scale);
        return b.width() <= available.width() && b.height() <= available.height();
    };

    // The layout grows with the zoom (distances scale, glyphs and labels do not), so
    // the largest zoom that fits is found by bisection on a log scale.
    double scale = maxPxPerUnit;
    if (!fits(maxPxPerUnit)) {
        double lo = std::log(minPxPerUnit);
        double hi = std::log(maxPxPerUnit);
        for (int i = 0; i < kFitIterations; ++i) {
            const double mid = (lo + hi) / 2.0;
            (fits(std::exp(mid)) ? lo : hi) = mid;
        }
        scale = std::exp(lo);
    }
    const QRectF bounds = boundsAt(scale);
    // Centre the content in the viewport minus its margins.
    const QPointF shift((marginsPx.right() - marginsPx.left()) / 2.0, (marginsPx.bottom() - marginsPx.top()) / 2.0);
    return Fit{scale, (bounds.center() + shift) / scale};
}

} // namespace dci
