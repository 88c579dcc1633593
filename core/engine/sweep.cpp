#include "sweep.h"

#include "engine/evaluate.h"
#include "model/validate.h"
#include "model/textformat.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace dci {

namespace {

constexpr const char *kSpanFields[] = {"length_km", "optic", "wavelengths"};
constexpr double kGeometricSlack = 1e-12; // from x factor^k may land a rounding error above `to`

std::string listed(const std::vector<std::string> &items)
{
    std::string out;
    for (const std::string &item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out.empty() ? "none" : out;
}

std::vector<std::string> assumptionKeys(const Catalog &catalog)
{
    std::vector<std::string> keys = catalog.figureKeys();
    keys.insert(keys.end(), std::begin(kDerivedAssumptionKeys), std::end(kDerivedAssumptionKeys));
    return keys;
}

bool contains(const std::vector<std::string> &items, const std::string &item)
{
    return std::find(items.begin(), items.end(), item) != items.end();
}

// The valid paths in short: each form once, with the ids and keys it takes.
std::string validPathsText(const Scenario &scenario, const Catalog &catalog)
{
    std::string out = "spans/ID/length_km, spans/ID/optic, spans/ID/wavelengths (spans: " + listed(scenario.spanIds())
        + "); sites/ID/gpus (sites: " + listed(scenario.siteIds()) + "); ";
    out += scenario.job ? "job/KEY (KEY: " + listed(jobNumberKeys()) + "); " : std::string("job/KEY (this plan has no job); ");
    return out + "assumptions/KEY (KEY: " + listed(assumptionKeys(catalog)) + ")";
}

SweepParamParse refusedPath(std::string error) { return {std::nullopt, std::move(error)}; }

SweepParam paramOf(SweepParam::Kind kind, const std::string &path, std::string id, std::string key)
{
    SweepParam p;
    p.kind = kind;
    p.path = path;
    p.id = std::move(id);
    p.key = std::move(key);
    return p;
}

// "spans/ID/FIELD" or "sites/ID/FIELD": the id may itself hold slashes; the field is last.
SweepParamParse parseElementPath(const Scenario &scenario, const std::string &path, bool span)
{
    const std::string rest = path.substr(std::char_traits<char>::length("spans/")); // as long as "sites/"
    const auto slash = rest.rfind('/');
    const std::string id = slash == std::string::npos ? rest : rest.substr(0, slash);
    const std::string field = slash == std::string::npos ? std::string() : rest.substr(slash + 1);
    const std::vector<std::string> ids = span ? scenario.spanIds() : scenario.siteIds();
    if (!contains(ids, id))
        return refusedPath("\"" + path + "\": no " + (span ? "span" : "site") + " \"" + id + "\" ("
                           + (span ? "spans" : "sites") + " are: " + listed(ids) + ")");
    if (!span) {
        if (field != "gpus")
            return refusedPath("\"" + path + "\": a site's parameter is gpus (sites/" + id + "/gpus)");
        return {paramOf(SweepParam::Kind::SiteGpus, path, id, {}), {}};
    }
    const SweepParam::Kind kinds[] = {SweepParam::Kind::SpanLength, SweepParam::Kind::SpanOptic,
                                      SweepParam::Kind::SpanWavelengths};
    for (std::size_t i = 0; i < std::size(kSpanFields); ++i)
        if (field == kSpanFields[i])
            return {paramOf(kinds[i], path, id, {}), {}};
    return refusedPath("\"" + path + "\": a span's parameters are length_km, optic and wavelengths (spans/" + id
                       + "/length_km, ...)");
}

SweepValue numberValue(double v)
{
    SweepValue value;
    value.number = v;
    return value;
}

} // namespace

std::string SweepValue::text() const { return name.empty() ? plainNumber(number) : name; }

std::vector<std::string> sweepPaths(const Scenario &scenario, const Catalog &catalog)
{
    std::vector<std::string> out;
    for (const Span &span : scenario.spans)
        for (const char *field : kSpanFields)
            out.push_back("spans/" + span.id + "/" + field);
    for (const Site &site : scenario.sites)
        out.push_back("sites/" + site.id + "/gpus");
    if (scenario.job)
        for (const std::string &key : jobNumberKeys())
            out.push_back("job/" + key);
    for (const std::string &key : assumptionKeys(catalog))
        out.push_back("assumptions/" + key);
    return out;
}

SweepParamParse parseSweepPath(const Scenario &scenario, const Catalog &catalog, const std::string &path)
{
    auto startsWith = [&](const char *prefix) { return path.rfind(prefix, 0) == 0; };
    if (startsWith("spans/"))
        return parseElementPath(scenario, path, true);
    if (startsWith("sites/"))
        return parseElementPath(scenario, path, false);
    if (startsWith("job/")) {
        const std::string key = path.substr(4);
        if (!scenario.job)
            return refusedPath("\"" + path + "\": the plan has no job to sweep");
        if (!contains(jobNumberKeys(), key))
            return refusedPath("\"" + path + "\": no numeric job field \"" + key + "\" (job/KEY with KEY one of: "
                               + listed(jobNumberKeys()) + ")");
        return {paramOf(SweepParam::Kind::Job, path, {}, key), {}};
    }
    if (startsWith("assumptions/")) {
        const std::string key = path.substr(12);
        const std::vector<std::string> keys = assumptionKeys(catalog);
        if (!contains(keys, key)) {
            const std::string hint = closestName(key, keys);
            return refusedPath("\"" + path + "\": no assumption \"" + key + "\""
                               + (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)")
                               + " (assumptions/KEY with KEY one of: " + listed(keys) + ")");
        }
        return {paramOf(SweepParam::Kind::Assumption, path, {}, key), {}};
    }
    return refusedPath("unknown parameter \"" + path + "\"; valid paths: " + validPathsText(scenario, catalog));
}

SweepValues linearSweepValues(double from, double to, long steps)
{
    SweepValues out;
    if (!std::isfinite(from) || !std::isfinite(to))
        out.error = "expected finite numbers for the range, got " + plainNumber(from) + " to " + plainNumber(to);
    else if (steps < 2 || static_cast<std::size_t>(steps) > kMaxSweepPoints)
        out.error = "expected 2 to " + std::to_string(kMaxSweepPoints) + " steps (both ends included), got "
            + std::to_string(steps);
    if (!out.error.empty())
        return out;
    for (long i = 0; i < steps; ++i) {
        // The last point is `to` exactly, whatever the rounding of the steps before it.
        const double v = i + 1 == steps ? to : from + (to - from) * static_cast<double>(i) / static_cast<double>(steps - 1);
        out.values.push_back(numberValue(v));
    }
    return out;
}

SweepValues geometricSweepValues(double from, double to, double factor)
{
    SweepValues out;
    if (!(std::isfinite(from) && from > 0.0 && std::isfinite(to) && to >= from))
        out.error = "a geometric sweep needs 0 < from <= to, got " + plainNumber(from) + " to " + plainNumber(to);
    else if (!(std::isfinite(factor) && factor > 1.0))
        out.error = "expected a factor > 1, got " + plainNumber(factor);
    if (!out.error.empty())
        return out;
    for (double v = from; v <= to * (1.0 + kGeometricSlack); v *= factor) {
        if (out.values.size() == kMaxSweepPoints) {
            out.values.clear();
            out.error = "the range gives more than " + std::to_string(kMaxSweepPoints) + " points; use a larger factor";
            return out;
        }
        out.values.push_back(numberValue(v));
    }
    return out;
}

edits::Edited applySweepValue(const Scenario &scenario, const Catalog &catalog, const SweepParam &param,
                              const SweepValue &value)
{
    if (param.takesNames() != !value.name.empty())
        return {scenario, param.takesNames() ? "expected an optic name, got the number " + value.text()
                                             : "expected a number, got \"" + value.name + "\""};
    edits::Edited out{scenario, {}};
    switch (param.kind) {
    case SweepParam::Kind::SpanLength: out = edits::setSpanLength(scenario, param.id, value.number); break;
    case SweepParam::Kind::SpanOptic: out = edits::setSpanOptic(scenario, catalog, param.id, value.name); break;
    case SweepParam::Kind::SpanWavelengths: out = edits::setSpanWavelengths(scenario, param.id, value.number); break;
    case SweepParam::Kind::SiteGpus: out = edits::setSiteGpus(scenario, param.id, value.number); break;
    case SweepParam::Kind::Job: out = edits::setJobNumber(scenario, param.key, value.number); break;
    case SweepParam::Kind::Assumption: out = edits::setAssumption(scenario, catalog, param.key, value.number); break;
    }
    if (!out.ok())
        return {scenario, param.path + ": " + out.error};
    // The check every GUI edit passes (docs/ARCHITECTURE.md): the rules on the struct.
    std::vector<std::string> problems;
    for (const Problem &p : validateScenario(out.scenario, catalog))
        problems.push_back(p.pointer + ": " + p.message);
    if (!problems.empty())
        return {scenario, listed(problems)};
    return out;
}

// docs/MODEL.md "Sweeps".
SweepResult runSweep(const Scenario &scenario, const Catalog &catalog, const SweepParam &param,
                     const std::vector<SweepValue> &values, const Progress &progress)
{
    SweepResult out;
    out.param = param.path;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (progress.cancelled()) {
            out.cancelled = true;
            break;
        }
        SweepPoint point;
        point.value = values[i];
        const edits::Edited edited = applySweepValue(scenario, catalog, param, values[i]);
        if (edited.ok()) {
            const Results results = evaluate(edited.scenario, catalog);
            point.figures = headlineFigures(results);
            for (const Diagnostic &d : results.diagnostics)
                if (d.severity == Severity::Error && !contains(point.error_codes, d.code))
                    point.error_codes.push_back(d.code);
        } else {
            point.error = edited.error;
        }
        out.points.push_back(std::move(point));
        progress.step(i + 1, values.size());
    }
    return out;
}

} // namespace dci
