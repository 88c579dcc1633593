#include "dimension.h"

#include "engine/capacity.h"
#include "engine/counts.h"
#include "model/validate.h"
#include "model/textformat.h"

#include <algorithm>
#include <cmath>

namespace dci {

namespace {

// Whether a band the optic can fill holds more of its channels than `band` (docs/MODEL.md
// "Capacity": today's pluggables tune the C band only, so usually not).
bool widerBandFor(const Catalog &catalog, const Optic &optic, const Band &band)
{
    const int now = channelsPerFiberPair(band.width_thz, optic.spacing_ghz);
    for (const Band &b : catalog.bands)
        if (opticFillsBand(optic, b) && channelsPerFiberPair(b.width_thz, optic.spacing_ghz) > now)
            return true;
    return false;
}
constexpr double kCeilTolerance = 1e-9; // 1,600 / 400 is 4 wavelengths, not 5
constexpr int kMinWavelengths = 1;      // a dimensioned span stays lit (MODEL.md "Dimensioning")

// Rounded up, held at the int's range: a count past a band or kMaxFiberPairs is refused
// below whatever its size (a 1 Eb/s demand needs 2.5 million wavelengths).
int ceilCount(double x) { return clampedCount(std::ceil(x - kCeilTolerance)); }
// The same count as a message says it, also past an int (ceilCount holds it at INT_MAX,
// which a message must not present as the count: fuzz import_gnpy_equipment).
std::string ceilCountText(double x) { return fixedText(std::ceil(x - kCeilTolerance), 0); }
} // namespace

DimensionResult dimensionSpans(const Scenario &scenario, const Catalog &catalog, const std::vector<SpanResult> &loaded,
                               bool allSpans)
{
    DimensionResult out;
    const double target = catalog.figure("target_utilization");
    for (std::size_t i = 0; i < scenario.spans.size(); ++i) {
        const Span &span = scenario.spans[i];
        SpanDimension d;
        d.id = span.id;
        d.fiber_pairs = span.fiber_pairs.value_or(0);
        d.wavelengths = span.wavelengths.value_or(0);
        const bool autoPairs = !span.fiber_pairs.has_value();
        const bool autoLambdas = allSpans || !span.wavelengths.has_value();
        const Optic *optic = catalog.optic(span.optic);
        const Band *band = catalog.band(span.band);
        if ((!autoPairs && !autoLambdas) || !optic || !band || optic->rate_gbps <= 0.0) {
            out.spans.push_back(d);
            continue;
        }
        d.dimensioned = true;
        const double load = i < loaded.size() ? loaded[i].load_gbps.value_or(0.0) : 0.0;
        d.needed_gbps = load / target;
        // A span lights at most kMaxWavelengths per pair, whatever an overridden band holds.
        const int channels = std::min(channelsPerFiberPair(band->width_thz, optic->spacing_ghz), kMaxWavelengths);
        if (autoPairs) {
            const int lambdas = autoLambdas ? channels : d.wavelengths;
            d.fiber_pairs = std::max(1, ceilCount(d.needed_gbps / (std::max(lambdas, 1) * optic->rate_gbps)));
            if (d.fiber_pairs > kMaxFiberPairs) {
                d.feasible = false;
                out.diagnostics.push_back(
                    {Severity::Error, "dimension-infeasible", span.id,
                     formatText("Span \"%s\" needs %s Gbps to stay at or below %.0f%% utilisation: %s fiber pairs of "
                                "%s, more than the %d a span may have (docs/SCENARIO-FORMAT.md \"Bounds\"). Split the "
                                "traffic over more spans or use a faster optic.",
                                span.id.c_str(), fixedText(d.needed_gbps, 0).c_str(), target * 100.0,
                                ceilCountText(d.needed_gbps / (std::max(lambdas, 1) * optic->rate_gbps)).c_str(),
                                optic->name.c_str(),
                                kMaxFiberPairs)});
                d.fiber_pairs = kMaxFiberPairs;
            }
        }
        if (autoLambdas)
            d.wavelengths = std::max(kMinWavelengths, ceilCount(d.needed_gbps / (d.fiber_pairs * optic->rate_gbps)));
        if (d.wavelengths > channels && d.feasible) {
            d.feasible = false;
            const std::string pairsNeeded =
                ceilCountText(d.needed_gbps / (std::max(channels, 1) * optic->rate_gbps));
            const std::string lambdasNeeded =
                autoLambdas ? ceilCountText(d.needed_gbps / (d.fiber_pairs * optic->rate_gbps)) : std::to_string(d.wavelengths);
            const std::string text = formatText(
                          "Span \"%s\" needs %s Gbps to stay at or below %.0f%% utilisation: %s wavelengths per "
                          "pair on %d fiber pair%s, but only %d fit the %s band at %.0f GHz. It would need %s fiber "
                          "pairs (set \"fiber_pairs\": \"auto\")%s or a faster optic.",
                          span.id.c_str(), fixedText(d.needed_gbps, 0).c_str(), target * 100.0, lambdasNeeded.c_str(), d.fiber_pairs,
                          d.fiber_pairs == 1 ? "" : "s", channels, band->name.c_str(), optic->spacing_ghz, pairsNeeded.c_str(),
                          widerBandFor(catalog, *optic, *band) ? ", a wider band" : "");
            out.diagnostics.push_back({Severity::Error, "dimension-infeasible", span.id, text});
            d.wavelengths = channels; // light the band full and let the utilisation show the gap
        } else if (d.wavelengths > channels) {
            d.wavelengths = channels;
        }
        out.spans.push_back(d);
    }
    return out;
}

Scenario withDimensions(Scenario scenario, const DimensionResult &dimensions)
{
    for (std::size_t i = 0; i < scenario.spans.size() && i < dimensions.spans.size(); ++i) {
        const SpanDimension &d = dimensions.spans[i];
        if (!d.dimensioned)
            continue;
        scenario.spans[i].fiber_pairs = d.fiber_pairs;
        scenario.spans[i].wavelengths = d.wavelengths;
    }
    return scenario;
}

} // namespace dci
