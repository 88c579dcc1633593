#include "sweepreport.h"

#include "model/textformat.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace dci {

namespace {

using ojson = nlohmann::ordered_json;

ojson numberOrNull(const std::optional<double> &v) { return v && std::isfinite(*v) ? ojson(*v) : ojson(nullptr); }

ojson valueJson(const SweepValue &v) { return v.name.empty() ? ojson(v.number) : ojson(v.name); }

// Every optic with modules at some point, in name order: the CSV's and the table's columns.
std::set<std::string> opticsOf(const SweepResult &sweep)
{
    std::set<std::string> optics;
    for (const SweepPoint &p : sweep.points)
        for (const auto &[optic, count] : p.figures.modules)
            if (count > 0.0)
                optics.insert(optic);
    return optics;
}

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
std::string csvField(const std::string &text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// One CSV record: the fields, quoted where they need it, and a line break.
std::string csvLine(const std::vector<std::string> &fields)
{
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i)
            out.push_back(',');
        out.append(csvField(fields[i]));
    }
    out.push_back('\n');
    return out;
}

std::string csvNumber(const std::optional<double> &v) { return v ? formatText("%.10g", *v) : std::string(); }

std::string joinedCodes(const std::vector<std::string> &codes, const char *separator)
{
    std::string out;
    for (const std::string &c : codes)
        out += (out.empty() ? "" : separator) + c;
    return out;
}

double modulesOf(const SweepPoint &p, const std::string &optic)
{
    const auto it = p.figures.modules.find(optic);
    return it == p.figures.modules.end() ? 0.0 : it->second;
}

} // namespace

std::string sweepToJson(const SweepResult &sweep)
{
    ojson root;
    root["param"] = sweep.param;
    ojson points = ojson::array();
    for (const SweepPoint &p : sweep.points) {
        ojson o;
        o["value"] = valueJson(p.value);
        const bool valid = p.error.empty();
        o["efficiency"] = valid ? numberOrNull(p.figures.efficiency) : ojson(nullptr);
        o["step_s"] = valid ? numberOrNull(p.figures.step_s) : ojson(nullptr);
        o["dci_tbps"] = valid ? ojson(p.figures.dci_tbps) : ojson(nullptr);
        o["capex_usd"] = valid ? numberOrNull(p.figures.capex_usd) : ojson(nullptr);
        ojson modules = ojson::object();
        for (const auto &[optic, count] : p.figures.modules)
            modules[optic] = static_cast<std::int64_t>(std::llround(count)); // whole modules
        o["modules"] = std::move(modules);
        o["error_codes"] = p.error_codes;
        o["error"] = valid ? ojson(nullptr) : ojson(p.error);
        points.push_back(std::move(o));
    }
    root["points"] = std::move(points);
    return root.dump(2) + "\n";
}

std::string sweepToCsv(const SweepResult &sweep)
{
    const std::set<std::string> optics = opticsOf(sweep);
    std::vector<std::string> header = {"value", "efficiency", "step_s", "dci_tbps", "capex_usd"};
    for (const std::string &optic : optics)
        header.push_back("modules_" + optic);
    header.insert(header.end(), {"error_codes", "error"});
    std::string out = csvLine(header);
    for (const SweepPoint &p : sweep.points) {
        const bool valid = p.error.empty();
        std::vector<std::string> row = {p.value.text()};
        for (const std::optional<double> &v :
             {p.figures.efficiency, p.figures.step_s, std::optional<double>(p.figures.dci_tbps), p.figures.capex_usd})
            row.push_back(valid ? csvNumber(v) : std::string());
        for (const std::string &optic : optics)
            row.push_back(valid ? formatText("%.0f", modulesOf(p, optic)) : std::string());
        row.push_back(joinedCodes(p.error_codes, ";"));
        row.push_back(p.error);
        out.append(csvLine(row));
    }
    return out;
}

std::string sweepReport(const Scenario &scenario, const SweepResult &sweep)
{
    const std::set<std::string> optics = opticsOf(sweep);
    std::string out = formatText("Sweep of %s over %zu point%s of \"%s\" (docs/MODEL.md \"Sweeps\").\n\n",
                                 sweep.param.c_str(), sweep.points.size(), sweep.points.size() == 1 ? "" : "s",
                                 scenario.name.c_str());
    int valueWidth = 5;
    for (const SweepPoint &p : sweep.points)
        valueWidth = std::max(valueWidth, static_cast<int>(p.value.text().size()));
    std::string header = formatText("  %-*s %10s %11s %9s %10s", valueWidth, "value", "efficiency", "step", "DCI Tb/s", "capex");
    std::vector<int> widths;
    for (const std::string &optic : optics) {
        widths.push_back(std::max(8, static_cast<int>(optic.size())));
        header += formatText(" %*s", widths.back(), optic.c_str());
    }
    out += header + "  errors\n";
    for (const SweepPoint &p : sweep.points) {
        std::string row = formatText("  %-*s", valueWidth, p.value.text().c_str());
        if (!p.error.empty()) {
            out += row + "  invalid: " + p.error + "\n";
            continue;
        }
        const Headline &h = p.figures;
        row += formatText(" %10s %11s %9.3f %10s", h.efficiency ? formatText("%.2f%%", *h.efficiency * 100.0).c_str() : "-",
                          h.step_s ? secondsText(*h.step_s).c_str() : "-", h.dci_tbps,
                          h.capex_usd ? usd(*h.capex_usd).c_str() : "-");
        std::size_t k = 0;
        for (const std::string &optic : optics)
            row += formatText(" %*.0f", widths[k++], modulesOf(p, optic));
        if (!p.error_codes.empty())
            row += "  " + joinedCodes(p.error_codes, ", ");
        out += row + "\n";
    }
    if (!optics.empty())
        out += "  Optic columns: ZR modules of that type (two per lit wavelength).\n";
    return out;
}

} // namespace dci
