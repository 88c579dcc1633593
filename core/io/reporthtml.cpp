#include "reporthtml.h"

#include "engine/timing.h"
#include "model/geo.h"
#include "model/palette.h"
#include "model/textformat.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace dci {

namespace {

// Drawing sizes, in CSS pixels.
constexpr int kNetworkWidthPx = 960;
constexpr int kNetworkHeightPx = 540;
constexpr double kNetworkMarginPx = 40.0;
constexpr double kNetworkLabelRoomPx = 170.0; // to the right of the easternmost site
constexpr int kChartWidthPx = 800;
constexpr int kBarRowPx = 22;
constexpr int kChartHeaderPx = 28;
constexpr int kChartAxisPx = 30;
constexpr int kChartLabelPx = 320; // the column of category names
constexpr std::size_t kMaxLabelChars = 52;
constexpr int kMaxChartRows = 20;
constexpr int kMaxLabelledSites = 30; // beyond this only campuses are named
constexpr double kCampusMinRadiusPx = 5.0;
constexpr double kCampusRadiusPerSqrtKiloGpuPx = 1.5;
constexpr double kCampusMaxRadiusPx = 18.0;
constexpr double kHubRadiusPx = 3.0;
constexpr double kSpanWidthPx = 4.0;
constexpr double kOverloadWidthPx = 6.0;
constexpr double kPercent = 100.0;
// A4 portrait less 15 mm margins, in CSS pixels (96 per inch): 180 mm = 680 px.
constexpr int kPageTextWidthPx = 680;

const std::string kFont = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";
const std::string kTextColour = "#1c232e";
const std::string kMutedColour = "#525d6b";
const std::string kRuleColour = "#d5dbe3";

std::string esc(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string num(double v, int decimals = 1)
{
    return formatText("%.*f", decimals, v);
}

std::string percentText(double fraction)
{
    return formatText("%.1f%%", fraction * kPercent);
}

std::string rateText(double gbps)
{
    return gbps >= 1000.0 ? formatText("%.2f Tb/s", gbps / 1000.0) : formatText("%.1f Gb/s", gbps);
}

std::string svgOpen(int width, int height)
{
    return formatText("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" ",
                      width, height, width, height)
           + kFont + ">";
}

std::string text(double x, double y, const std::string &content, int sizePx, const std::string &colour,
                 const std::string &anchor = "start", bool bold = false)
{
    return formatText("<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\" text-anchor=\"%s\"%s>", x, y, sizePx,
                      colour.c_str(), anchor.c_str(), bold ? " font-weight=\"bold\"" : "")
           + esc(content) + "</text>";
}

const std::string &siteName(const Scenario &scenario, const std::string &id)
{
    const Site *site = scenario.site(id);
    return site && !site->name.empty() ? site->name : id;
}

// The network: sites on a Mercator projection fitted to the drawing, spans coloured as on
// the canvas (hottest lane; dashed and heavier when overloaded; grey dashes when down).
ReportFigure networkFigure(const Scenario &scenario, const Results &results)
{
    ReportFigure f{"network", "The network: spans coloured by their hottest lane's utilisation", {}, kNetworkWidthPx,
                   kNetworkHeightPx};
    std::string svg = svgOpen(kNetworkWidthPx, kNetworkHeightPx);
    svg += formatText("<rect width=\"%d\" height=\"%d\" fill=\"#f6f7f9\"/>", kNetworkWidthPx, kNetworkHeightPx);
    if (scenario.sites.empty()) {
        f.svg = svg + text(kNetworkWidthPx / 2.0, kNetworkHeightPx / 2.0, "No sites", 14, kMutedColour, "middle")
                + "</svg>";
        return f;
    }
    std::vector<geo::XY> points;
    double minX = 1e300, maxX = -1e300, minY = 1e300, maxY = -1e300;
    for (const Site &s : scenario.sites) {
        const geo::XY p = geo::mercator(s.lat, s.lon, 1.0);
        points.push_back(p);
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    const double spanX = std::max(maxX - minX, 1e-9);
    const double spanY = std::max(maxY - minY, 1e-9);
    const double scale = std::min((kNetworkWidthPx - 2 * kNetworkMarginPx - kNetworkLabelRoomPx) / spanX,
                                  (kNetworkHeightPx - 2 * kNetworkMarginPx) / spanY);
    const double offsetX = (kNetworkWidthPx - kNetworkLabelRoomPx - spanX * scale) / 2.0;
    const double offsetY = (kNetworkHeightPx - spanY * scale) / 2.0;
    // Mercator y grows to the north; the drawing's y to the south.
    const auto at = [&](std::size_t i) {
        return geo::XY{offsetX + (points[i].x - minX) * scale, offsetY + (maxY - points[i].y) * scale};
    };
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < scenario.sites.size(); ++i)
        index[scenario.sites[i].id] = i;

    const bool labelSpans = results.spans.size() <= static_cast<std::size_t>(kMaxChartRows * 2);
    std::string labels;
    for (const SpanResult &span : results.spans) {
        const auto a = index.find(span.a);
        const auto b = index.find(span.b);
        if (a == index.end() || b == index.end())
            continue;
        const geo::XY p = at(a->second);
        const geo::XY q = at(b->second);
        const std::optional<double> heat = span.heat();
        std::string colour = hexColor(heat ? heatRgb(*heat) : neutralSpanRgb());
        std::string style;
        double width = kSpanWidthPx;
        if (span.down) {
            colour = "#a3aab4";
            style = " stroke-dasharray=\"6 4\"";
        } else if (heat && *heat > 1.0) {
            width = kOverloadWidthPx;
            style = " stroke-dasharray=\"12 4\"";
        }
        svg += formatText("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\" "
                          "stroke-linecap=\"round\"%s/>",
                          p.x, p.y, q.x, q.y, colour.c_str(), width, style.c_str());
        if (labelSpans && heat && !span.down && span.load_gbps && *span.load_gbps > 0.0)
            labels += text((p.x + q.x) / 2.0, (p.y + q.y) / 2.0 - 5.0, formatText("%.0f%%", *heat * kPercent), 11,
                           hexColor(*heat > 1.0 ? overloadRgb() : heatRgb(std::min(*heat, 1.0))), "middle", true);
    }
    const bool nameHubs = scenario.sites.size() <= static_cast<std::size_t>(kMaxLabelledSites);
    for (std::size_t i = 0; i < scenario.sites.size(); ++i) {
        const Site &s = scenario.sites[i];
        const geo::XY p = at(i);
        if (s.gpus > 0) {
            const double r = std::clamp(kCampusMinRadiusPx + kCampusRadiusPerSqrtKiloGpuPx * std::sqrt(s.gpus / 1000.0),
                                        kCampusMinRadiusPx, kCampusMaxRadiusPx);
            svg += formatText("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#2a374a\" stroke=\"#ffffff\" "
                              "stroke-width=\"1.5\"/>",
                              p.x, p.y, r);
            labels += text(p.x + r + 4.0, p.y + 4.0, siteName(scenario, s.id), 12, kTextColour, "start", true);
        } else {
            svg += formatText("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ffffff\" "
                              "stroke=\"#4b5563\" stroke-width=\"1\" transform=\"rotate(45 %.1f %.1f)\"/>",
                              p.x - kHubRadiusPx, p.y - kHubRadiusPx, 2 * kHubRadiusPx, 2 * kHubRadiusPx, p.x, p.y);
            if (nameHubs)
                labels += text(p.x + 6.0, p.y + 4.0, siteName(scenario, s.id), 10, kMutedColour);
        }
    }
    svg += labels;
    // The legend: the ramp from 0 to 100% and the overload dash.
    const double lx = kNetworkWidthPx - 230.0;
    const double ly = kNetworkHeightPx - 36.0;
    svg += "<defs><linearGradient id=\"ramp\">";
    for (const PaletteStop &stop : heatRamp())
        svg += formatText("<stop offset=\"%.2f\" stop-color=\"%s\"/>", stop.utilization,
                          hexColor(stop.color).c_str());
    svg += "</linearGradient></defs>";
    svg += text(lx, ly - 6.0, "Span utilisation, hottest lane", 10, kMutedColour);
    svg += formatText("<rect x=\"%.1f\" y=\"%.1f\" width=\"140\" height=\"8\" fill=\"url(#ramp)\"/>", lx, ly);
    svg += formatText("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"5\" "
                      "stroke-dasharray=\"8 3\"/>",
                      lx + 150.0, ly + 4.0, lx + 175.0, ly + 4.0, hexColor(overloadRgb()).c_str());
    svg += text(lx, ly + 20.0, "0%", 9, kMutedColour) + text(lx + 140.0, ly + 20.0, "100%", 9, kMutedColour, "end")
           + text(lx + 180.0, ly + 8.0, "over", 9, kMutedColour);
    f.svg = svg + "</svg>";
    return f;
}

struct Bar {
    std::string label;
    double value = 0.0;
    std::string colour;
    std::string valueText;
};

// Horizontal bars with their figures at the end, and optional vertical reference lines.
std::string barChart(const std::string &title, const std::vector<Bar> &bars, double top,
                     const std::vector<std::pair<double, std::string>> &lines, int *heightOut)
{
    const int height = kChartHeaderPx + static_cast<int>(bars.size()) * kBarRowPx + kChartAxisPx;
    *heightOut = height;
    const double plotWidth = kChartWidthPx - kChartLabelPx - 90.0;
    std::string svg = svgOpen(kChartWidthPx, height);
    svg += formatText("<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", kChartWidthPx, height);
    svg += text(0.0, 16.0, title, 13, kTextColour, "start", true);
    const double x0 = kChartLabelPx;
    const double plotTop = kChartHeaderPx;
    const double plotBottom = plotTop + bars.size() * kBarRowPx;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar &bar = bars[i];
        const double y = plotTop + i * kBarRowPx;
        const double w = top > 0.0 ? std::max(0.0, bar.value) / top * plotWidth : 0.0;
        const std::string label
            = bar.label.size() > kMaxLabelChars ? bar.label.substr(0, kMaxLabelChars - 3) + "..." : bar.label;
        svg += text(x0 - 6.0, y + 15.0, label, 11, kTextColour, "end");
        svg += formatText("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", x0, y + 4.0, w,
                          kBarRowPx - 8, bar.colour.c_str());
        svg += text(x0 + w + 4.0, y + 15.0, bar.valueText, 10, kMutedColour);
    }
    svg += formatText("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x0, plotBottom,
                      x0 + plotWidth, plotBottom, kRuleColour.c_str());
    for (const auto &[value, name] : lines) {
        if (!(top > 0.0) || value > top)
            continue;
        const double x = x0 + value / top * plotWidth;
        svg += formatText("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>",
                          x, plotTop, x, plotBottom, kMutedColour.c_str());
        svg += text(x, plotBottom + 14.0, name, 10, kMutedColour, "middle");
    }
    return svg + "</svg>";
}

ReportFigure utilisationFigure(const Scenario &scenario, const Results &results, double target)
{
    std::vector<const SpanResult *> spans;
    for (const SpanResult &s : results.spans)
        if (!s.down && s.heat())
            spans.push_back(&s);
    std::stable_sort(spans.begin(), spans.end(),
                     [](const SpanResult *a, const SpanResult *b) { return *a->heat() > *b->heat(); });
    const std::size_t total = spans.size();
    if (spans.size() > static_cast<std::size_t>(kMaxChartRows))
        spans.resize(kMaxChartRows);
    std::vector<Bar> bars;
    double top = 1.0;
    for (const SpanResult *s : spans) {
        const double heat = *s->heat();
        std::string value = formatText("%.0f%%", heat * kPercent);
        if (s->utilization && s->hot_lane_utilization && *s->hot_lane_utilization > *s->utilization * 1.001)
            value += formatText(" (avg %.0f%%)", *s->utilization * kPercent);
        bars.push_back({siteName(scenario, s->a) + " \u2013 " + siteName(scenario, s->b), heat * kPercent,
                        hexColor(heatRgb(heat)), value});
        top = std::max(top, heat);
    }
    const std::string title = total > spans.size()
                                  ? formatText("Span utilisation, hottest lane: the %zu hottest of %zu spans",
                                               spans.size(), total)
                                  : std::string("Span utilisation, hottest lane");
    ReportFigure f{"utilisation", "Spans high to low: hottest lane, 100% and the target utilisation marked", {},
                   kChartWidthPx, 0};
    f.svg = barChart(title, bars, top * 1.1 * kPercent,
                     {{kPercent, "100%"}, {target * kPercent, formatText("target %.0f%%", target * kPercent)}},
                     &f.height_px);
    return f;
}

ReportFigure stepFigure(const Results &results)
{
    const JobResult &job = results.job;
    ReportFigure f{"step", "One training step: compute, exposed transfer, exposed latency and bubble", {},
                   kChartWidthPx, 0};
    std::vector<Bar> bars;
    double top = 0.0;
    const char *names[] = {"compute", "exposed transfer", "exposed latency", "pipeline bubble"};
    const char *colours[] = {"#4c78a8", "#e45756", "#f58518", "#bab0ac"};
    const std::vector<StepPart> parts = stepParts(job);
    for (std::size_t i = 0; i < parts.size() && i < std::size(names); ++i) {
        bars.push_back({names[i], parts[i].seconds, colours[i], secondsText(parts[i].seconds)});
        top = std::max(top, parts[i].seconds);
    }
    if (job.step_s && !parts.empty()) {
        bars.push_back({"step", *job.step_s, "#2a374a", secondsText(*job.step_s)});
        top = std::max(top, *job.step_s);
    }
    f.svg = barChart(job.step_s ? "Step time, " + secondsText(*job.step_s) : std::string("Step time: no timed job"),
                     bars, top * 1.1, {}, &f.height_px);
    return f;
}

ReportFigure costFigure(const Results &results)
{
    ReportFigure f{"cost", "Interconnect cost by item: capex, and opex per year", {}, kChartWidthPx, 0};
    std::vector<Bar> bars;
    double top = 0.0;
    for (const CostItem &item : results.cost.breakdown) {
        if (!(item.usd > 0.0))
            continue;
        bars.push_back({item.item + (item.placeholder ? "*" : "") + (item.yearly ? " (per year)" : ""), item.usd,
                        item.yearly ? "#f58518" : "#4c78a8", usd(item.usd)});
        top = std::max(top, item.usd);
    }
    f.svg = barChart("Cost by item (* placeholder price)", bars, top * 1.1, {}, &f.height_px);
    return f;
}

// ---- HTML --------------------------------------------------------------------------

std::string cell(const std::string &content, bool number = false)
{
    return number ? "<td align=\"right\">" + content + "</td>" : "<td>" + content + "</td>";
}

std::string headerRow(std::initializer_list<const char *> names)
{
    std::string row = "<tr>";
    for (const char *n : names)
        row += std::string("<th>") + n + "</th>";
    return row + "</tr>";
}

std::string optionalNumber(const std::optional<double> &v, int decimals = 1, const std::string &unit = "")
{
    return v ? num(*v, decimals) + unit : "&ndash;";
}

std::string figureHtml(const ReportFigure &f, ReportImages images)
{
    // A page's text width caps a referenced image (inline SVG scales with the browser).
    const double shrink = f.width_px > kPageTextWidthPx ? double(kPageTextWidthPx) / f.width_px : 1.0;
    std::string body = images == ReportImages::InlineSvg
                           ? f.svg
                           : formatText("<img src=\"figure:%s\" width=\"%d\" height=\"%d\">", f.id.c_str(),
                                        static_cast<int>(f.width_px * shrink), static_cast<int>(f.height_px * shrink));
    return "<div class=\"figure\">" + body + "<p class=\"caption\">" + esc(f.caption) + "</p></div>\n";
}

const std::string kStyle = R"(<style>
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1c232e; max-width: 1000px; margin: 24px auto; padding: 0 16px; font-size: 13px; }
h1 { font-size: 24px; margin-bottom: 4px; }
h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #d5dbe3; padding-bottom: 4px; }
p.meta, p.caption, .muted { color: #525d6b; }
p.caption { font-size: 11px; margin-top: 2px; }
table.data { border-collapse: collapse; width: 100%; font-size: 12px; }
table.data th { text-align: left; background: #eef1f5; font-weight: bold; }
table.data th, table.data td { border: 1px solid #d5dbe3; padding: 3px 6px; }
table.headline td { padding: 6px 14px 6px 0; }
.value { font-size: 18px; font-weight: bold; }
.warn { color: #7a4a00; }
.error { color: #b00020; }
.figure { margin: 12px 0; }
</style>)";

} // namespace

std::vector<ReportFigure> reportFigures(const Scenario &scenario, const Results &results, double target_utilization)
{
    return {networkFigure(scenario, results), utilisationFigure(scenario, results, target_utilization),
            stepFigure(results), costFigure(results)};
}

std::string reportHtml(const Scenario &scenario, const Catalog &base, const Results &r,
                       const std::vector<ReportFigure> &figures, ReportImages images, const std::string &generator)
{
    const auto figure = [&](const std::string &id) {
        for (const ReportFigure &f : figures)
            if (f.id == id)
                return figureHtml(f, images);
        return std::string();
    };
    const std::string title = scenario.name.empty() ? std::string("Untitled plan") : scenario.name;
    std::string h = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n" + kStyle
                    + "</head><body>\n";
    h += "<h1>" + esc(title) + "</h1>\n";
    h += "<p class=\"meta\">" + esc(generator) + formatText(" &middot; model %d &middot; catalog %d", r.model_version,
                                                              r.catalog_version)
         + "</p>\n";
    if (!scenario.description.empty())
        h += "<p>" + esc(scenario.description) + "</p>\n";

    // Headline figures.
    double capacityGbps = 0.0;
    for (const SpanResult &s : r.spans)
        if (!s.down && s.capacity_gbps)
            capacityGbps += *s.capacity_gbps;
    std::vector<std::pair<std::string, std::string>> headline = {
        {"GPUs", withThousands(r.totals.gpus)},
        {"facility power", num(r.totals.power_mw) + " MW"},
        {"DCI capacity", rateText(capacityGbps)},
        {"step time", r.job.step_s ? secondsText(*r.job.step_s) : "&ndash;"},
        {"scaling efficiency", r.job.efficiency ? percentText(*r.job.efficiency) : "&ndash;"},
        {"training", r.job.training_days ? num(*r.job.training_days) + " days" : "&ndash;"},
        {"capex", r.cost.capex_usd ? usd(*r.cost.capex_usd) : "&ndash;"},
        {"opex per year", r.cost.opex_usd_per_year ? usd(*r.cost.opex_usd_per_year) : "&ndash;"},
    };
    h += "<table class=\"headline\"><tr>";
    for (std::size_t i = 0; i < headline.size(); ++i) {
        if (i == headline.size() / 2)
            h += "</tr><tr>";
        h += "<td><span class=\"muted\">" + headline[i].first + "</span><br><span class=\"value\">" + headline[i].second
             + "</span></td>";
    }
    h += "</tr></table>\n";
    if (r.job.present && !r.job.limited_by.empty() && r.job.limited_by != "none")
        h += "<p>The job's slowest transfer is limited by <b>" + esc(r.job.limited_by) + "</b>.</p>\n";

    h += "<h2>Network</h2>\n" + figure("network");
    h += "<h2>Charts</h2>\n" + figure("utilisation") + figure("step") + figure("cost");

    // Spans.
    h += "<h2>Spans</h2>\n<table class=\"data\" width=\"100%\" cellspacing=\"0\">"
         + headerRow({"Span", "From", "To", "km", "Optic", "Pairs x &lambda;", "Capacity", "Load", "Utilisation",
                      "Hottest lane"});
    for (const SpanResult &s : r.spans) {
        std::string lit = (s.fiber_pairs ? std::to_string(*s.fiber_pairs) : std::string("auto")) + " x "
                          + (s.wavelengths ? std::to_string(*s.wavelengths) : std::string("auto"));
        h += "<tr>" + cell(esc(s.id) + (s.down ? " <span class=\"muted\">(down)</span>" : ""))
             + cell(esc(siteName(scenario, s.a))) + cell(esc(siteName(scenario, s.b)))
             + cell(num(s.length_km, 0) + (s.length_estimated ? "&asymp;" : ""), true) + cell(esc(s.optic))
             + cell(lit, true) + cell(s.capacity_gbps ? rateText(*s.capacity_gbps) : "&ndash;", true)
             + cell(s.load_gbps ? rateText(*s.load_gbps) : "&ndash;", true)
             + cell(s.utilization ? percentText(*s.utilization) : "&ndash;", true)
             + cell(s.hot_lane_utilization ? percentText(*s.hot_lane_utilization) : "&ndash;", true) + "</tr>";
    }
    h += "</table>\n";

    // Demands.
    h += "<h2>Demands</h2>\n<table class=\"data\" width=\"100%\" cellspacing=\"0\">"
         + headerRow({"From", "To", "Source", "What", "Needs", "Gets", "Limited by", "RTT (ms)"});
    for (const DemandResult &d : r.demands)
        h += "<tr>" + cell(esc(siteName(scenario, d.from))) + cell(esc(siteName(scenario, d.to))) + cell(esc(d.source))
             + cell(esc(d.label)) + cell(rateText(d.gbps), true)
             + cell(d.rate_gbps ? rateText(*d.rate_gbps) : "&ndash;", true) + cell(esc(d.limited_by))
             + cell(optionalNumber(d.rtt_ms, 2), true) + "</tr>";
    h += "</table>\n";

    // Bill of materials and cost.
    h += "<h2>Bill of materials and cost</h2>\n<table class=\"data\" width=\"100%\" cellspacing=\"0\">" + headerRow({"Item", "Quantity", "Unit"});
    for (const BomLine &line : r.bom) {
        const bool whole = std::abs(line.quantity - std::round(line.quantity)) < 1e-9;
        h += "<tr>" + cell(esc(line.item))
             + cell(whole ? withThousands(std::llround(line.quantity)) : num(line.quantity), true) + cell(esc(line.unit))
             + "</tr>";
    }
    h += "</table>\n<p></p><table class=\"data\" width=\"100%\" cellspacing=\"0\">" + headerRow({"Cost item", "US$", "Kind"});
    for (const CostItem &item : r.cost.breakdown)
        h += "<tr>" + cell(esc(item.item) + (item.placeholder ? " *" : "")) + cell(usd(item.usd), true)
             + cell(item.yearly ? "opex per year" : "capex") + "</tr>";
    h += "</table>\n<p class=\"muted\">* priced with a placeholder figure (see Assumptions).";
    if (r.cost.usd_per_gbps)
        h += " " + usd(*r.cost.usd_per_gbps) + " per Gb/s of span capacity.";
    if (r.cost.dci_share_of_gpu_capex)
        h += " The DCI is " + percentText(*r.cost.dci_share_of_gpu_capex) + " of the GPUs' capex.";
    h += "</p>\n";

    // Diagnostics.
    h += "<h2>Diagnostics</h2>\n";
    if (r.diagnostics.empty()) {
        h += "<p>No problems found.</p>\n";
    } else {
        h += "<table class=\"data\" width=\"100%\" cellspacing=\"0\">" + headerRow({"Severity", "Element", "Message"});
        for (const Diagnostic &d : r.diagnostics) {
            const std::string severity = severityName(d.severity);
            const std::string cls = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warn" : "";
            h += "<tr>" + cell("<span class=\"" + cls + "\">" + severity + "</span>") + cell(esc(d.element))
                 + cell(esc(d.message)) + "</tr>";
        }
        h += "</table>\n";
    }

    // Assumptions: every catalog figure, its source and this plan's override.
    h += "<h2>Assumptions</h2>\n<p class=\"muted\">Every figure the engine takes from the catalog (version "
         + std::to_string(base.version)
         + "), with its source and confidence (H high, M medium, L low, unverified), and the value this plan sets "
           "where it overrides it.</p>\n<table class=\"data\" width=\"100%\" cellspacing=\"0\">"
         + headerRow({"Figure", "Catalog", "Unit", "Confidence", "This plan", "Source"});
    const auto section = [&](const std::map<std::string, Figure> &figures) {
        for (const auto &[key, fig] : figures) {
            const auto over = scenario.assumptions.figures.find(key);
            const bool weak = fig.confidence != "H" && fig.confidence != "M";
            h += "<tr>" + cell(esc(key)) + cell(formatText("%g", fig.value), true) + cell(esc(fig.unit))
                 + cell(weak ? "<span class=\"warn\">" + esc(fig.confidence) + "</span>" : esc(fig.confidence))
                 + cell(over == scenario.assumptions.figures.end() ? "" : "<b>" + formatText("%g", over->second) + "</b>",
                        true)
                 + cell(esc(fig.source)) + "</tr>";
        }
    };
    section(base.assumptions);
    section(base.jobDefaults);
    section(base.prices);
    h += "</table>\n";
    h += "<p class=\"meta\">Formulas and sources: docs/MODEL.md of DCI Planner, model " + std::to_string(r.model_version)
         + ".</p>\n</body></html>\n";
    return h;
}

} // namespace dci
