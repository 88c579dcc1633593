// Harnesses over the scenario format: fuzzScenarioBytes (the reader on any bytes) and
// fuzzScenarioStruct (valid plans with extreme numbers, which is what found reliability
// D01-D05 and D15).

#include "bytereader.h"
#include "check.h"
#include "harnesses.h"

#include "io/scenariojson.h"
#include "model/validate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <limits>

#ifndef DCI_SOURCE_DIR
#error "DCI_SOURCE_DIR must name the source tree (fuzz/CMakeLists.txt)"
#endif

namespace dci::fuzz {

int fuzzScenarioBytes(const std::uint8_t *data, std::size_t size)
{
    const Catalog &catalog = Catalog::builtin();
    const std::string text(reinterpret_cast<const char *>(data), size);
    const ScenarioLoad load = parseScenario(text, "fuzz.json", catalog);
    if (!load.ok()) {
        if (load.errors.empty())
            violation("scenario_bytes: refused with no message");
        for (const std::string &e : load.errors)
            if (e.rfind("fuzz.json", 0) != 0)
                violation("scenario_bytes: a message does not name the file: " + e);
        return 0;
    }
    if (!load.errors.empty())
        violation("scenario_bytes: accepted with messages: " + load.errors.front());
    if (!validateScenario(*load.scenario, catalog).empty())
        violation("scenario_bytes: the reader accepted a scenario validateScenario refuses");
    checkRoundTrip(*load.scenario, catalog, "scenario_bytes");
    checkEvaluation(*load.scenario, catalog, "scenario_bytes");
    return 0;
}

namespace {

// The sample plans (samples/*.json), read once, sorted by file name so a byte picks the
// same sample on every machine.
const std::vector<Scenario> &samples()
{
    static const std::vector<Scenario> loaded = [] {
        std::vector<std::filesystem::path> files;
        for (const auto &entry : std::filesystem::directory_iterator(std::string(DCI_SOURCE_DIR) + "/samples"))
            if (entry.path().extension() == ".json")
                files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        std::vector<Scenario> out;
        for (const auto &f : files) {
            ScenarioLoad load = readScenarioFile(f.string(), Catalog::builtin());
            if (!load.ok()) {
                std::fprintf(stderr, "scenario_struct: sample %s does not read\n", f.c_str());
                std::abort();
            }
            out.push_back(*load.scenario);
        }
        if (out.empty()) {
            std::fprintf(stderr, "scenario_struct: no samples in %s/samples\n", DCI_SOURCE_DIR);
            std::abort();
        }
        return out;
    }();
    return loaded;
}

// The values that broke the engine before (reliability README) and their neighbours:
// zero, denormals, the ends of the double range, the int and int64 limits, negatives.
double extremeDouble(ByteReader &in)
{
    static const double table[] = {0.0,
                                   -0.0,
                                   5e-324,
                                   1e-300,
                                   1e-12,
                                   0.5,
                                   1.0,
                                   -1.0,
                                   2.0,
                                   999.0,
                                   1000.0,
                                   1001.0,
                                   1e6,
                                   16777215.0,
                                   16777216.0,
                                   2147483647.0,
                                   2147483648.0,
                                   4294967295.0,
                                   4294967296.0,
                                   9007199254740992.0,
                                   9.0e15,
                                   9.3e18,
                                   1e20,
                                   1e38,
                                   1e100,
                                   1e300,
                                   1e308,
                                   std::numeric_limits<double>::max(),
                                   -1e300,
                                   -2147483648.0};
    constexpr std::size_t n = sizeof table / sizeof table[0];
    const std::size_t i = in.pick(n + 2);
    if (i < n)
        return table[i];
    if (i == n) { // a table value scaled by a small factor: near the bounds, not on them
        return table[in.pick(n)] * (1.0 + static_cast<double>(in.byte()) / 256.0);
    }
    const double d = in.rawDouble(); // any finite double; NaN and infinity reach us only as text
    return std::isfinite(d) ? d : 1e308;
}

std::optional<int> extremeCount(ByteReader &in)
{
    static const std::optional<int> table[] = {std::nullopt, 0, 1, 2, 8, 64, 999, 1000, 1001, 65535, 100000,
                                               1000000000, std::numeric_limits<int>::max(),
                                               std::numeric_limits<int>::min(), -1};
    return table[in.pick(sizeof table / sizeof table[0])];
}

std::int64_t extremeInt64(ByteReader &in)
{
    static const std::int64_t table[] = {0, 1, -1, 1000, 2147483647LL, 2147483648LL, 4294967296LL,
                                         9007199254740992LL, 9000000000000000LL,
                                         std::numeric_limits<std::int64_t>::max(),
                                         std::numeric_limits<std::int64_t>::min()};
    return table[in.pick(sizeof table / sizeof table[0])];
}

template<typename T>
const std::string &pickName(ByteReader &in, const std::vector<T> &items)
{
    return items[in.pick(items.size())];
}

void mutate(Scenario &s, const Catalog &catalog, ByteReader &in)
{
    switch (in.pick(16)) {
    case 0: // a site's GPUs
        if (!s.sites.empty())
            s.sites[in.pick(s.sites.size())].gpus = extremeInt64(in);
        break;
    case 1: { // a site's power cap, PUE or position
        if (s.sites.empty())
            break;
        Site &site = s.sites[in.pick(s.sites.size())];
        switch (in.pick(4)) {
        case 0: site.power_cap_mw = extremeDouble(in); break;
        case 1: site.pue = extremeDouble(in); break;
        case 2: site.lat = extremeDouble(in); break;
        default: site.lon = extremeDouble(in); break;
        }
        break;
    }
    case 2: // a span's length (or none: great circle x route factor)
        if (!s.spans.empty()) {
            Span &span = s.spans[in.pick(s.spans.size())];
            span.length_km = in.pick(8) == 0 ? std::nullopt : std::optional<double>(extremeDouble(in));
        }
        break;
    case 3: // fiber pairs (none = auto)
        if (!s.spans.empty())
            s.spans[in.pick(s.spans.size())].fiber_pairs = extremeCount(in);
        break;
    case 4: // wavelengths (none = auto)
        if (!s.spans.empty())
            s.spans[in.pick(s.spans.size())].wavelengths = extremeCount(in);
        break;
    case 5: { // metric, optic, band, down
        if (s.spans.empty())
            break;
        Span &span = s.spans[in.pick(s.spans.size())];
        switch (in.pick(4)) {
        case 0: span.metric = in.pick(4) == 0 ? std::nullopt : std::optional<std::int64_t>(extremeInt64(in)); break;
        case 1: span.optic = catalog.optics[in.pick(catalog.optics.size())].name; break;
        case 2: span.band = catalog.bands[in.pick(catalog.bands.size())].name; break;
        default: span.down = !span.down; break;
        }
        break;
    }
    case 6: // a demand's rate
        if (!s.demands.empty())
            s.demands[in.pick(s.demands.size())].gbps = extremeDouble(in);
        break;
    case 7: // a new demand between two sites
        if (s.sites.size() >= 2) {
            const std::size_t a = in.pick(s.sites.size());
            const std::size_t b = (a + 1 + in.pick(s.sites.size() - 1)) % s.sites.size();
            s.demands.push_back(Demand{s.sites[a].id, s.sites[b].id, extremeDouble(in), "fuzz", {}});
        }
        break;
    case 8: { // a job number
        if (!s.job)
            s.job = Job{};
        const std::vector<std::string> keys = jobNumberKeys();
        const std::string &key = pickName(in, keys);
        if (std::optional<double> *field = jobNumberField(*s.job, key))
            *field = in.pick(8) == 0 ? std::nullopt : std::optional<double>(extremeDouble(in));
        else if (key == "model_params")
            s.job->model_params = extremeDouble(in);
        else if (key == "tokens_per_step")
            s.job->tokens_per_step = extremeDouble(in);
        break;
    }
    case 9: // the job's strategy, DC pattern, transport; or no job
        if (!s.job)
            s.job = Job{};
        switch (in.pick(4)) {
        case 0: s.job->strategy = kStrategies[in.pick(std::size(kStrategies))]; break;
        case 1: s.job->dc_pattern = kDcPatterns[in.pick(std::size(kDcPatterns))]; break;
        case 2: s.job->transport = kTransports[in.pick(std::size(kTransports))]; break;
        default: s.job.reset(); break;
        }
        break;
    case 10: // routing policy (balanced: the GLPK LP, reliability D15) and load balancing
        s.routing.policy = kRoutingPolicies[in.pick(std::size(kRoutingPolicies))];
        s.routing.load_balancing = kLoadBalancing[in.pick(std::size(kLoadBalancing))];
        break;
    case 11: { // an assumption override of any catalog figure
        const std::vector<std::string> keys = catalog.figureKeys();
        s.assumptions.figures[pickName(in, keys)] = extremeDouble(in);
        break;
    }
    case 12: { // an optic override
        const std::vector<std::string> fields = opticOverrideFields();
        s.assumptions.optics[catalog.optics[in.pick(catalog.optics.size())].name][pickName(in, fields)] =
            extremeDouble(in);
        break;
    }
    case 13: { // a GPU or band override
        if (in.pick(2) == 0) {
            const std::vector<std::string> fields = gpuOverrideFields();
            s.assumptions.gpus[catalog.gpus[in.pick(catalog.gpus.size())].name][pickName(in, fields)] =
                extremeDouble(in);
        } else {
            const std::vector<std::string> fields = bandOverrideFields();
            s.assumptions.bands[catalog.bands[in.pick(catalog.bands.size())].name][pickName(in, fields)] =
                extremeDouble(in);
        }
        break;
    }
    case 14: // sizing goals: a target efficiency, N-1
        if (in.pick(2) == 0)
            s.sizing.target_efficiency = in.pick(4) == 0 ? std::nullopt : std::optional<double>(extremeDouble(in));
        else
            s.sizing.n1 = !s.sizing.n1;
        break;
    default: // a site down
        if (!s.sites.empty()) {
            Site &site = s.sites[in.pick(s.sites.size())];
            site.down = !site.down;
        }
        break;
    }
}

} // namespace

int fuzzScenarioStruct(const std::uint8_t *data, std::size_t size)
{
    const Catalog &catalog = Catalog::builtin();
    ByteReader in(data, size);
    Scenario s = samples()[in.pick(samples().size())];
    const std::size_t edits = 1 + in.pick(8);
    for (std::size_t i = 0; i < edits && !in.empty(); ++i)
        mutate(s, catalog, in);

    const std::vector<Problem> problems = validateScenario(s, catalog);
    // The struct's rules and the file's agree: a plan validateScenario refuses does not
    // read from the text the canonical writer makes of it either, and one it accepts does.
    const std::string text = writeScenario(s);
    const ScenarioLoad load = parseScenario(text, "struct.json", catalog);
    if (!problems.empty()) {
        if (load.ok())
            violation("scenario_struct: validateScenario refuses (" + problems.front().pointer + ": " +
                      problems.front().message + ") but the written text reads");
        return 0;
    }
    if (!load.ok())
        violation("scenario_struct: validateScenario accepts but the written text does not read: " +
                  (load.errors.empty() ? std::string("(no message)") : load.errors.front()));
    checkRoundTrip(s, catalog, "scenario_struct");
    checkEvaluation(s, catalog, "scenario_struct");
    return 0;
}

} // namespace dci::fuzz
