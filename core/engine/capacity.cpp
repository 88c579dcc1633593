#include "capacity.h"

#include "engine/counts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dci {

namespace {
constexpr double kGhzPerThz = 1000.0;
constexpr double kFloorTolerance = 1e-9;  // 4.8 THz / 75 GHz is exactly 64, not 63.999...
constexpr int kModulesPerWavelength = 2;  // one coherent module at each end (domain-facts §1.3)
constexpr int kEnds = 2;
constexpr int kTerminalAmpsPerEnd = 2;    // a booster and a pre-amplifier per fiber pair and chain
constexpr int kMuxPerEnd = 1;

std::string km(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f km", v);
    return buf;
}

std::string db(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g dB", v);
    return buf;
}

double ceilTolerant(double v) { return std::ceil(v - kFloorTolerance); }

// "C", "C and L", "C, C-ext and L".
std::string joinAnd(const std::vector<std::string> &items)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return out;
}

std::vector<std::string> subBands(const Band &band)
{
    return band.sub_bands.empty() ? std::vector<std::string>{band.name} : band.sub_bands;
}

// The band the optic fills with the most channels per fiber pair, or null.
const Band *widestFilledBand(const Catalog &catalog, const Optic &optic)
{
    const Band *best = nullptr;
    for (const Band &b : catalog.bands)
        if (opticFillsBand(optic, b)
            && (!best || channelsPerFiberPair(b.width_thz, optic.spacing_ghz)
                             > channelsPerFiberPair(best->width_thz, optic.spacing_ghz)))
            best = &b;
    return best;
}

// Error `band-unsupported`: names the span, its optic and band, and what would work.
std::string bandUnsupportedMessage(const Span &span, const Optic &optic, const Band &band, const Catalog &catalog)
{
    const std::string needs = joinAnd(subBands(band));
    std::string msg = "Span \"" + span.id + "\" is lit in the " + band.name + " band, but " + optic.name
        + " tunes only " + joinAnd(optic.bands) + ".";
    if (const Band *fills = widestFilledBand(catalog, optic)) {
        const int perPair = channelsPerFiberPair(fills->width_thz, optic.spacing_ghz);
        if (span.fiber_pairs && span.wavelengths && perPair > 0) {
            const int total = *span.fiber_pairs * *span.wavelengths;
            const int pairs = clampedCount(ceilTolerant(static_cast<double>(total) / perPair));
            msg += " Light its " + std::to_string(total) + " wavelengths on " + std::to_string(pairs) + " fiber pair"
                + (pairs == 1 ? "" : "s") + " in the " + fills->name + " band";
        } else {
            msg += " Light it on more fiber pairs in the " + fills->name + " band";
        }
        msg += ", or use";
    } else {
        msg += " Use";
    }
    std::vector<std::string> able;
    for (const Optic &o : catalog.optics)
        if (opticFillsBand(o, band))
            able.push_back(o.name);
    msg += " an optic that tunes " + needs
        + (able.empty() ? std::string(" (the catalog has none).") : ": " + joinAnd(able) + ".");
    return msg;
}

} // namespace

int channelsPerFiberPair(double width_thz, double spacing_ghz)
{
    if (spacing_ghz <= 0.0)
        return 0;
    return clampedCount(std::floor(width_thz * kGhzPerThz / spacing_ghz + kFloorTolerance));
}

SpanLossBudget SpanLossBudget::fromCatalog(const Catalog &catalog)
{
    return {catalog.figure("fiber_loss_db_per_km"), catalog.figure("max_span_loss_db"), catalog.figure("span_margin_db"),
            catalog.figure("amp_spacing_km")};
}

// docs/MODEL.md "Capacity", in-line amplifier sites.
std::optional<int> inlineAmpSites(double length_km, const Optic &optic, const SpanLossBudget &budget)
{
    if (optic.single_span && length_km <= optic.reach_km)
        return 0;
    const double usable_db = budget.max_span_loss_db - budget.span_margin_db;
    if (usable_db <= 0.0)
        return std::nullopt;
    double amplifiedSpans = ceilTolerant(length_km * budget.fiber_loss_db_per_km / usable_db);
    if (budget.max_amp_spacing_km > 0.0)
        amplifiedSpans = std::max(amplifiedSpans, ceilTolerant(length_km / budget.max_amp_spacing_km));
    // Beyond an int (a tiny spacing or usable loss): none, which spanCapacity reports.
    return checkedCount(std::max(0.0, amplifiedSpans - 1.0));
}

int terminalAmplifiers(const Band &band, int fiber_pairs)
{
    return kEnds * kTerminalAmpsPerEnd * band.amplifier_chains * fiber_pairs;
}

int muxUnits(const Band &band, int fiber_pairs) { return kEnds * kMuxPerEnd * band.amplifier_chains * fiber_pairs; }

bool opticFillsBand(const Optic &optic, const Band &band)
{
    for (const std::string &sub : subBands(band))
        if (std::find(optic.bands.begin(), optic.bands.end(), sub) == optic.bands.end())
            return false;
    return true;
}

// docs/MODEL.md "Capacity".
CapacityResult spanCapacity(const Scenario &scenario, const Catalog &catalog, const std::vector<double> &lengths_km)
{
    CapacityResult out;
    const SpanLossBudget budget = SpanLossBudget::fromCatalog(catalog);
    bool budgetEmpty = false;
    for (std::size_t i = 0; i < scenario.spans.size(); ++i) {
        const Span &span = scenario.spans[i];
        const double length = i < lengths_km.size() ? lengths_km[i] : 0.0;
        SpanCapacity c;
        const Optic *optic = catalog.optic(span.optic);
        const Band *band = catalog.band(span.band);
        if (!optic || !band) { // the reader guarantees both; a custom catalog might not
            out.diagnostics.push_back({Severity::Error, "unknown-equipment", span.id,
                                       "Span \"" + span.id + "\" uses an optic or band the catalog lacks."});
            out.spans.push_back(c);
            continue;
        }
        const int perPair = channelsPerFiberPair(band->width_thz, optic->spacing_ghz);
        c.fiber_pairs = span.fiber_pairs;
        c.wavelengths = span.wavelengths;
        c.reach_km = optic->reach_km;
        c.inline_amp_sites = inlineAmpSites(length, *optic, budget);
        const bool noBudget = budget.max_span_loss_db - budget.span_margin_db <= 0.0
            && !(optic->single_span && length <= optic->reach_km);
        budgetEmpty = budgetEmpty || noBudget;
        if (c.fiber_pairs) {
            // Counts in a wide type first: pairs x channels or x amplifier sites can pass an int.
            c.max_wavelengths = checkedCount(static_cast<double>(*c.fiber_pairs) * perPair);
            c.terminal_amplifiers = terminalAmplifiers(*band, *c.fiber_pairs);
            if (c.inline_amp_sites)
                c.amplifiers = checkedCount(static_cast<double>(band->amplifier_chains) * *c.fiber_pairs
                                                * *c.inline_amp_sites
                                            + *c.terminal_amplifiers);
        }
        if (!noBudget && (!c.inline_amp_sites || (c.fiber_pairs && !c.amplifiers)))
            out.diagnostics.push_back(
                {Severity::Error, "amplifier-count", span.id,
                 "Span \"" + span.id + "\" (" + km(length) + ") would need more in-line amplifiers than can be counted: "
                     "check amp_spacing_km, fiber_loss_db_per_km and max_span_loss_db in the assumptions. Its "
                     "amplifiers are left out of the cost."});
        if (c.fiber_pairs && c.wavelengths) {
            c.capacity_gbps = *c.fiber_pairs * *c.wavelengths * optic->rate_gbps;
            c.modules = kModulesPerWavelength * *c.fiber_pairs * *c.wavelengths;
            if (*c.wavelengths > perPair) {
                const Band *wider = widestFilledBand(catalog, *optic);
                const bool widerHelps = wider && channelsPerFiberPair(wider->width_thz, optic->spacing_ghz) > perPair;
                out.diagnostics.push_back(
                    {Severity::Error, "band-full", span.id,
                     "Span \"" + span.id + "\" lights " + std::to_string(*c.wavelengths) + " wavelengths per fiber pair, but only "
                         + std::to_string(perPair) + " channels of " + std::to_string(clampedCount(optic->spacing_ghz))
                         + " GHz fit the " + band->name + " band: use more fiber pairs"
                         + (widerHelps ? ", the " + wider->name + " band" : std::string()) + " or fewer wavelengths."});
            }
        }
        if (!opticFillsBand(*optic, *band))
            out.diagnostics.push_back(
                {Severity::Error, "band-unsupported", span.id, bandUnsupportedMessage(span, *optic, *band, catalog)});
        if (length > optic->reach_km) {
            c.reach_ok = false;
            std::string hint;
            if (const Optic *other = catalog.fastestOpticReaching(length))
                hint = " Use " + other->name + " (reach " + km(other->reach_km) + ")";
            const int sites = clampedCount(ceilTolerant(length / optic->reach_km) - 1.0);
            hint += (hint.empty() ? " Add " : ", or add ") + std::to_string(sites) + " intermediate site"
                + (sites == 1 ? "" : "s") + " to regenerate the signal.";
            out.diagnostics.push_back({Severity::Error, "reach-exceeded", span.id,
                                       "Span \"" + span.id + "\" is " + km(length) + " long but " + optic->name
                                           + " reaches " + km(optic->reach_km) + "." + hint});
        }
        out.spans.push_back(c);
    }
    if (budgetEmpty)
        out.diagnostics.push_back({Severity::Error, "span-loss-budget", "",
                                   "The span margin (" + db(budget.span_margin_db) + ") leaves nothing of the "
                                       + db(budget.max_span_loss_db)
                                       + " an amplified span may lose, so in-line amplifiers cannot be placed: lower "
                                         "span_margin_db or raise max_span_loss_db in the assumptions."});
    return out;
}

} // namespace dci
