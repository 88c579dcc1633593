#include "report.h"

#include <cstdarg>
#include <cstdio>
#include <sstream>

namespace dci {

namespace {

std::string format(const char *fmt, ...)
{
    char buf[512];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    return buf;
}

// Wraps text at `width` columns with the given indent.
std::string wrap(const std::string &text, std::size_t width, const std::string &indent)
{
    std::istringstream words(text);
    std::string word, line, out;
    while (words >> word) {
        if (!line.empty() && line.size() + 1 + word.size() > width) {
            out += indent + line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty())
        out += indent + line + "\n";
    return out;
}

std::string withThousands(std::int64_t v)
{
    std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return (v < 0 ? "-" : "") + out;
}

} // namespace

std::string reportText(const Scenario &scenario, const Results &r)
{
    std::string out;
    out += "Scenario: " + (scenario.name.empty() ? std::string("(unnamed)") : scenario.name) + "\n";
    if (!scenario.description.empty())
        out += wrap(scenario.description, 88, "  ");
    out += "\n";

    out += format("Sites (%d): %s GPUs drawing %.1f MW of IT power, %.1f MW at the meter.\n", r.totals.sites,
                  withThousands(r.totals.gpus).c_str(), r.totals.it_power_mw, r.totals.power_mw);
    out += format("  %-16s %-10s %10s %9s %6s %10s\n", "site", "gpu", "GPUs", "power MW", "PUE", "cap MW");
    for (std::size_t i = 0; i < r.sites.size(); ++i) {
        const SiteResult &s = r.sites[i];
        const Site &site = scenario.sites[i];
        const std::string cap = s.power_cap_mw ? format("%.1f", *s.power_cap_mw) : std::string("none");
        out += format("  %-16s %-10s %10s %9.1f %6.2f %10s%s\n", s.id.c_str(), site.gpu.c_str(),
                      withThousands(s.gpus).c_str(), s.power_mw, s.pue, cap.c_str(), s.over_cap ? "  OVER CAP" : "");
    }
    out += "\n";

    out += format("Spans (%d):\n", r.totals.spans);
    if (r.spans.empty())
        out += "  none: the sites are not connected.\n";
    else
        out += format("  %-18s %-10s %-10s %10s %11s %s\n", "span", "a", "b", "length km", "latency ms", "");
    for (const SpanResult &s : r.spans)
        out += format("  %-18s %-10s %-10s %10.0f %11.3f %s%s\n", s.id.c_str(), s.a.c_str(), s.b.c_str(), s.length_km,
                      s.latency_ms, s.length_estimated ? "(great circle x route factor)" : "",
                      s.down ? " DOWN" : "");
    out += "  Capacity, load and utilisation are not computed yet by this version.\n\n";

    out += format("Explicit demands (%zu):\n", r.demands.size());
    for (const DemandResult &d : r.demands)
        out += format("  %s -> %s: %.1f Gbps%s%s\n", d.from.c_str(), d.to.c_str(), d.gbps, d.label.empty() ? "" : ", ",
                      d.label.c_str());
    out += "\n";

    if (scenario.job) {
        const Job &j = *scenario.job;
        out += format("Job: %.3g parameters, %s tokens per step, strategy %s.\n", j.model_params,
                      withThousands(static_cast<std::int64_t>(j.tokens_per_step)).c_str(), j.strategy.c_str());
        out += "  Step time, traffic and efficiency are not computed yet by this version.\n\n";
    } else {
        out += "Job: none described; only explicit demands load the network.\n\n";
    }

    if (r.diagnostics.empty()) {
        out += "Diagnostics: none.\n";
    } else {
        out += format("Diagnostics (%zu):\n", r.diagnostics.size());
        for (const Diagnostic &d : r.diagnostics)
            out += format("  %-7s %-16s ", severityName(d.severity), d.element.c_str()) + d.message + "\n";
    }
    return out;
}

} // namespace dci
