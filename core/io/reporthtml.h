#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <string>
#include <vector>

namespace dci {

// The plan as a document to hand out (issue 14, "Report"): title and description, the
// network drawing, headline figures, charts, span and demand tables, bill of materials,
// diagnostics, every assumption with its source and whether this plan overrides it, and
// the model and catalog versions. One self-contained HTML file (CLI `report`, File >
// Export Report); the GUI also prints it to PDF. No Qt: the drawings are SVG written here.

// A drawing of the report: "network", "utilisation", "step", "cost".
struct ReportFigure {
    std::string id;
    std::string caption;
    std::string svg; // a complete <svg> element with width, height and viewBox
    int width_px = 0;
    int height_px = 0;
};

// The report's drawings from the results. The network is a schematic on a Mercator
// projection (sites, spans coloured by their hottest lane); the GUI may replace its svg
// with the canvas as exported (views/canvas/canvasexport.h).
std::vector<ReportFigure> reportFigures(const Scenario &scenario, const Results &results, double target_utilization);

// How the drawings go into the HTML: inline SVG (a file that stands alone), or
// <img src="figure:ID"> for a renderer that is given the images (Qt's rich text, PDF),
// no wider than an A4 page's text (180 mm, 680 CSS pixels).
enum class ReportImages { InlineSvg, References };

// base: the catalog before the plan's assumptions; generator: "DCI Planner 0.x".
std::string reportHtml(const Scenario &scenario, const Catalog &base, const Results &results,
                       const std::vector<ReportFigure> &figures, ReportImages images, const std::string &generator);

} // namespace dci
