#include "rates.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace dci {

namespace {
constexpr double kRelativeTolerance = 1e-9; // a span or cap counts as reached within this
constexpr double kShareEpsilon = 1e-12;     // split fractions below this are float noise
constexpr double kInf = std::numeric_limits<double>::infinity();
// Sums of fractions that are multiples of 2^-30, fewer than 2^20 of them, need at most 50
// bits: a double adds and subtracts them exactly, in any order.
constexpr double kExactGrain = 0x1.0p-30;
constexpr std::size_t kMaxExactUsers = std::size_t(1) << 20;
// A span direction that would be full only at a level this much (relative) above the
// largest cap is out of reach: a margin far above float round-off (~1e-15), so the test
// never decides a case the exact arithmetic would decide the other way.
constexpr double kOutOfReach = 1e-6;

// A min-heap of (level, span direction), ties to the lower index; replaceTop sifts an
// updated top down in one pass (std::priority_queue would pop and push).
struct Entry {
    double at_level;
    std::size_t k;
    bool operator<(const Entry &o) const { return at_level < o.at_level || (at_level == o.at_level && k < o.k); }
};

class LevelHeap {
public:
    bool empty() const { return m_items.empty(); }
    const Entry &top() const { return m_items.front(); }
    void push(Entry e)
    {
        m_items.push_back(e);
        std::size_t at = m_items.size() - 1;
        while (at > 0 && m_items[at] < m_items[(at - 1) / 2]) {
            std::swap(m_items[at], m_items[(at - 1) / 2]);
            at = (at - 1) / 2;
        }
    }
    void pop()
    {
        m_items.front() = m_items.back();
        m_items.pop_back();
        if (!m_items.empty())
            siftDown();
    }
    void replaceTop(Entry e)
    {
        m_items.front() = e;
        siftDown();
    }

private:
    void siftDown()
    {
        const std::size_t n = m_items.size();
        std::size_t at = 0;
        for (;;) {
            std::size_t least = at;
            for (std::size_t child = 2 * at + 1; child <= 2 * at + 2 && child < n; ++child)
                if (m_items[child] < m_items[least])
                    least = child;
            if (least == at)
                return;
            std::swap(m_items[at], m_items[least]);
            at = least;
        }
    }
    std::vector<Entry> m_items;
};
} // namespace

// docs/MODEL.md "Rates": progressive filling. Every demand still free grows at the same
// rate until a span direction it uses is full (capacity binds) or it reaches its own cap
// (window binds); it is then frozen and the others go on. Each round freezes at least one
// demand, so there are at most as many rounds as demands.
//
// Every free demand has the same rate, the level: the sum of the rounds' steps. A span
// direction's residual falls linearly with the level at its weight (the sum of its free
// demands' fractions), which changes only when one of its demands freezes: so each span
// direction keeps its residual at the level it last changed weight, and two heaps give the
// next level at which one runs empty (the step) and at which one counts as full (within
// the tolerance). The smallest cap comes from the free demands sorted by cap. A round costs
// O(log spans) plus the demands it freezes and the span directions they leave, instead of
// O(span directions) (docs/PERFORMANCE.md, 2026-11-30). Weights: a frozen demand's
// fraction is subtracted, exactly where every fraction is a multiple of kExactGrain (whole,
// halves, quarters: the usual ECMP splits); elsewhere (thirds) the weight is recounted in
// demand order whenever its free demands have halved since the last count, which bounds
// the round-off at O(n) work per span direction. No free demand left: exactly 0.
std::vector<RateOutcome> maxMinRates(const std::vector<RateDemand> &demands, const std::vector<double> &residual_ab_gbps,
                                     const std::vector<double> &residual_ba_gbps)
{
    RateDemands view;
    for (const RateDemand &d : demands) {
        view.shares.push_back(&d.shares);
        view.cap_gbps.push_back(d.cap_gbps);
        view.active.push_back(d.active);
    }
    return maxMinRates(view, residual_ab_gbps, residual_ba_gbps);
}

std::vector<RateOutcome> maxMinRates(const RateDemands &demands, const std::vector<double> &residual_ab_gbps,
                                     const std::vector<double> &residual_ba_gbps)
{
    const std::size_t spans = residual_ab_gbps.size();
    const std::size_t n = demands.shares.size();
    auto sharesOf = [&](std::size_t i) -> const std::vector<SpanShare> & { return *demands.shares[i]; };
    auto capOf = [&](std::size_t i) { return demands.cap_gbps[i]; };
    std::vector<RateOutcome> out(n);
    // Per span direction k = forward * spans + span.
    std::vector<double> initial(residual_ba_gbps);
    initial.insert(initial.end(), residual_ab_gbps.begin(), residual_ab_gbps.end());
    // A span direction takes part if it has a capacity to share (a finite residual) that
    // the free demands could fill: one that would not count as full even with every one of
    // them at the largest cap can neither bind nor freeze anyone, and leaving it out changes
    // no figure (its weight only falls, so it only gets further from full). Most spans of a
    // window-limited plan are such; the work per round then sees only the others.
    auto counted = [&](const SpanShare &s) { return s.fraction > kShareEpsilon && s.span < spans; };
    std::vector<double> startWeight(2 * spans, 0.0);
    double largestCap = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!demands.active[i])
            continue;
        largestCap = std::max(largestCap, capOf(i));
        for (const SpanShare &s : sharesOf(i))
            if (counted(s))
                startWeight[static_cast<std::size_t>(s.forward) * spans + s.span] += s.fraction;
    }
    std::vector<char> takesPart(2 * spans, 0);
    for (std::size_t k = 0; k < 2 * spans; ++k) {
        if (!std::isfinite(initial[k]))
            continue;
        const double fullFrom = (initial[k] - kRelativeTolerance * std::max(initial[k], 1.0)) / startWeight[k];
        takesPart[k] = !(startWeight[k] > 0.0 && std::isfinite(largestCap) && fullFrom > largestCap * (1.0 + kOutOfReach));
    }

    // Each free demand's shares that take part, flat: demand i's are [first[i], first[i + 1]).
    std::vector<std::size_t> first(n + 1, 0);
    std::vector<std::size_t> shareKey;
    std::vector<double> shareFraction;
    std::vector<char> active(n, 0); // char, not bool: tested in the inner loops
    std::vector<std::size_t> byCap; // the free demands, smallest cap first
    std::vector<std::size_t> userCount(2 * spans + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        first[i] = shareKey.size();
        if (!demands.active[i])
            continue;
        active[i] = 1;
        byCap.push_back(i);
        for (const SpanShare &s : sharesOf(i)) {
            const std::size_t k = static_cast<std::size_t>(s.forward) * spans + s.span;
            if (counted(s) && takesPart[k]) {
                shareKey.push_back(k);
                shareFraction.push_back(s.fraction);
                ++userCount[k + 1];
            }
        }
    }
    first[n] = shareKey.size();
    // The span directions' demands (with their fractions), in demand order: k's are
    // [usersFrom[k], usersFrom[k + 1]).
    std::vector<std::size_t> usersFrom(userCount.begin(), userCount.end());
    for (std::size_t k = 0; k < 2 * spans; ++k)
        usersFrom[k + 1] += usersFrom[k];
    std::vector<std::size_t> userDemand(shareKey.size());
    std::vector<double> userFraction(shareKey.size());
    {
        std::vector<std::size_t> next(usersFrom.begin(), usersFrom.end() - 1);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = first[i]; j < first[i + 1]; ++j) {
                userDemand[next[shareKey[j]]] = i;
                userFraction[next[shareKey[j]]++] = shareFraction[j];
            }
    }
    std::size_t left = byCap.size();
    std::stable_sort(byCap.begin(), byCap.end(),
                     [&](std::size_t x, std::size_t y) { return capOf(x) < capOf(y); });

    // Residual of k at the level: base[k] at baseLevel[k], falling at weight[k] since.
    std::vector<double> weight(2 * spans, 0.0), base(initial), baseLevel(2 * spans, 0.0), fullBelow(2 * spans);
    std::vector<char> exact(2 * spans, 1);
    std::vector<std::size_t> freeUsers(2 * spans, 0), freeAtRecount(2 * spans, 0);
    double level = 0.0;
    auto residualAt = [&](std::size_t k) { return base[k] - (level - baseLevel[k]) * weight[k]; };
    auto isFull = [&](std::size_t k) {
        return std::isfinite(initial[k]) && weight[k] > 0.0 && residualAt(k) <= fullBelow[k];
    };
    auto recount = [&](std::size_t k) {
        double w = 0.0;
        for (std::size_t u = usersFrom[k]; u < usersFrom[k + 1]; ++u)
            if (active[userDemand[u]])
                w += userFraction[u];
        weight[k] = w;
    };
    // The levels at which k runs empty and at which it counts as full. A weight only ever
    // falls, so both only ever rise: a heap entry may be early, never late, and is brought
    // up to date when it reaches the top (each span direction is in each heap once).
    auto emptyAt = [&](std::size_t k) { return baseLevel[k] + std::max(0.0, base[k]) / weight[k]; };
    auto fullAt = [&](std::size_t k) { return baseLevel[k] + (base[k] - fullBelow[k]) / weight[k]; };
    using Heap = LevelHeap;
    Heap empties, fills;
    auto current = [&](Heap &heap, auto &&at) { // the earliest entry with its level up to date
        while (!heap.empty()) {
            const Entry e = heap.top();
            if (!(weight[e.k] > 0.0)) {
                heap.pop(); // no free demand left on it
                continue;
            }
            const double now = at(e.k);
            if (now > e.at_level) {
                heap.replaceTop({now, e.k});
                continue;
            }
            return true;
        }
        return false;
    };
    for (std::size_t k = 0; k < 2 * spans; ++k) {
        if (!std::isfinite(initial[k]))
            continue;
        fullBelow[k] = kRelativeTolerance * std::max(initial[k], 1.0);
        exact[k] = usersFrom[k + 1] - usersFrom[k] < kMaxExactUsers
                   && std::all_of(userFraction.begin() + static_cast<std::ptrdiff_t>(usersFrom[k]),
                                  userFraction.begin() + static_cast<std::ptrdiff_t>(usersFrom[k + 1]), [](double f) {
                                      // f <= 1: the grains fit an integer (no floor() call)
                                      const double grains = f / kExactGrain;
                                      return f <= 1.0 && grains == static_cast<double>(static_cast<std::int64_t>(grains));
                                  });
        recount(k);
        freeUsers[k] = freeAtRecount[k] = usersFrom[k + 1] - usersFrom[k];
        if (weight[k] > 0.0) {
            empties.push({emptyAt(k), k});
            fills.push({fullAt(k), k});
        }
    }

    std::size_t head = 0; // byCap before head: all frozen
    std::vector<std::size_t> frozenNow, full, touched;
    std::vector<char> isTouched(2 * spans, 0);
    while (left > 0) {
        // Step: the largest common increase before a span direction runs empty or a cap is hit.
        while (head < byCap.size() && !active[byCap[head]])
            ++head;
        double step = capOf(byCap[head]) - level;
        if (current(empties, emptyAt))
            step = std::min(step, std::max(0.0, residualAt(empties.top().k)) / weight[empties.top().k]);
        if (!std::isfinite(step)) { // nothing limits the rest
            for (std::size_t i = 0; i < n; ++i)
                if (active[i])
                    out[i].rate_gbps = kInf;
            break;
        }
        level += step;
        // The span directions full at this level (the one that ran empty among them).
        full.clear();
        while (current(fills, fullAt) && fills.top().at_level <= level + kRelativeTolerance * std::max(level, 1.0)) {
            const Entry e = fills.top();
            fills.pop();
            if (isFull(e.k))
                full.push_back(e.k); // back in the heap below: its last free demands freeze now
            else
                touched.push_back(e.k); // not quite yet
        }
        for (std::size_t k : full)
            fills.push({fullAt(k), k});
        for (std::size_t k : touched)
            fills.push({fullAt(k), k});
        touched.clear();

        // Freeze what is done: demands at their cap, then demands on a full span direction.
        frozenNow.clear();
        for (std::size_t at = head; at < byCap.size(); ++at) {
            const std::size_t i = byCap[at];
            const double cap = capOf(i);
            if (!std::isfinite(cap) || cap - level > 2.0 * kRelativeTolerance * cap)
                break; // sorted by cap: no later demand is within the tolerance either
            if (active[i] && cap - level <= kRelativeTolerance * cap) {
                out[i].rate_gbps = cap;
                out[i].limited_by = "window";
                active[i] = 0;
                frozenNow.push_back(i);
            }
        }
        std::sort(full.begin(), full.end());
        for (std::size_t k : full)
            for (std::size_t u = usersFrom[k]; u < usersFrom[k + 1]; ++u) {
                const std::size_t i = userDemand[u];
                if (!active[i])
                    continue;
                RateOutcome &o = out[i];
                o.rate_gbps = level;
                for (std::size_t j = first[i]; j < first[i + 1]; ++j) // its first full span direction
                    if (isFull(shareKey[j])) {
                        o.limited_by = "capacity";
                        o.span = shareKey[j] % spans;
                        o.forward = shareKey[j] >= spans;
                        break;
                    }
                active[i] = 0;
                frozenNow.push_back(i);
            }
        if (frozenNow.empty()) { // round-off kept everything just short: they stay at the level
            for (std::size_t i = 0; i < n; ++i)
                if (active[i])
                    out[i].rate_gbps = level;
            break;
        }
        left -= frozenNow.size();

        // The span directions the frozen demands leave: residual fixed at this level, new
        // weight (their heap entries catch up when they reach the top).
        for (std::size_t i : frozenNow)
            for (std::size_t j = first[i]; j < first[i + 1]; ++j) {
                const std::size_t k = shareKey[j];
                if (!isTouched[k]) {
                    isTouched[k] = 1;
                    touched.push_back(k);
                    base[k] = residualAt(k);
                    baseLevel[k] = level;
                }
                weight[k] -= shareFraction[j];
                --freeUsers[k];
            }
        for (std::size_t k : touched) {
            if (freeUsers[k] == 0)
                weight[k] = 0.0;
            else if (!exact[k] && 2 * freeUsers[k] <= freeAtRecount[k]) {
                recount(k); // round-off of the subtractions since: bounded, and gone now
                freeAtRecount[k] = freeUsers[k];
            }
            isTouched[k] = 0;
        }
        touched.clear();
    }
    return out;
}

} // namespace dci
