// SNDlib native format -> scenario (docs/IMPORT.md "SNDlib native format").
//
// The format is a few parenthesised sections of whitespace-separated tokens:
//   META ( <attribute> = <content> ... )                      one per line
//   NODES ( <id> [( <longitude> <latitude> )] ... )
//   LINKS ( <id> ( <a> <b> ) <pre_cap> <pre_cap_cost> <routing_cost> <setup_cost>
//           ( {<module_cap> <module_cost>}* ) ... )
//   DEMANDS ( <id> ( <a> <b> ) <routing_unit> <value> <max_path_length> ... )
//   ADMISSIBLE_PATHS ( ... )                                  skipped
// '#' starts a comment to the end of the line; lines starting with '?' are headers. A small
// tokenizer that keeps line numbers is enough, and every message names its line.
#include "importer.h"
#include "importnetwork.h"

#include "model/textformat.h"
#include "model/validate.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <utility>

namespace dci {

// Defined in import_topologyzoo.cpp: the helpers both network importers share to turn nodes
// and links into hub sites and equipped spans.

namespace {

using namespace importnet;

// Pixel coordinates are scaled so the larger side of their bounding box spans this many
// degrees, centred on 0 N 0 E (open sea, so nobody mistakes it for a real place).
constexpr double kCanvasDegrees = 10.0;

constexpr const char *kSections = "META, NODES, LINKS, DEMANDS or ADMISSIBLE_PATHS";

bool isSection(const std::string &name)
{
    return name == "META" || name == "NODES" || name == "LINKS" || name == "DEMANDS" || name == "ADMISSIBLE_PATHS";
}

struct SyntaxError {
    int line = 0;
    std::string message;
};

struct Token {
    std::string text;
    int line = 0;
};

// Demand units SNDlib's META may name, in Gbps per unit.
const std::map<std::string, double> &unitsGbps()
{
    static const std::map<std::string, double> units = {
        {"BITPERSEC", 1e-9}, {"KBITPERSEC", 1e-6}, {"MBITPERSEC", 1e-3}, {"GBITPERSEC", 1.0}, {"TBITPERSEC", 1e3}};
    return units;
}
constexpr const char *kDefaultUnit = "MBITPERSEC";

std::string upperCase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return text;
}

// Splits the text into tokens ('(' and ')' stand alone) and the META section's lines.
class Tokenizer {
public:
    explicit Tokenizer(const std::string &text)
    {
        std::size_t start = 0;
        while (start < text.size()) { // a final newline ends the last line, it opens none
            std::size_t end = text.find('\n', start);
            if (end == std::string::npos)
                end = text.size();
            std::string_view line(text.data() + start, end - start);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            m_lines.push_back(line);
            start = end + 1;
        }
    }

    int lastLine() const { return std::max(1, static_cast<int>(m_lines.size())); }

    // The next token without taking it; null at the end of the text.
    const Token *peek()
    {
        while (m_next >= m_queue.size()) {
            if (m_line >= m_lines.size())
                return nullptr;
            m_queue.clear();
            m_next = 0;
            split(m_lines[m_line], static_cast<int>(m_line) + 1);
            ++m_line;
        }
        return &m_queue[m_next];
    }

    // The next token, or none at the end of the text.
    std::optional<Token> next()
    {
        const Token *t = peek();
        if (!t)
            return std::nullopt;
        ++m_next;
        return *t;
    }

    // META: the lines after "META (" up to a line that is only ")", as attribute -> content.
    // Called right after the '(' token; the rest of its line must be empty.
    std::map<std::string, std::pair<std::string, int>> metaLines(int openLine)
    {
        if (m_next < m_queue.size())
            throw SyntaxError{m_queue[m_next].line,
                              "expected the META attributes on lines of their own after \"META (\""};
        std::map<std::string, std::pair<std::string, int>> meta;
        for (; m_line < m_lines.size(); ++m_line) {
            const int lineNo = static_cast<int>(m_line) + 1;
            const std::string line = trim(m_lines[m_line]);
            if (line.empty() || line[0] == '#')
                continue;
            if (line == ")") {
                ++m_line;
                return meta;
            }
            const std::size_t eq = line.find('=');
            if (eq == std::string::npos || trim(line.substr(0, eq)).empty())
                throw SyntaxError{lineNo,
                                  "expected \"<attribute> = <content>\" or \")\" in META, found \"" + line + "\""};
            meta[trim(line.substr(0, eq))] = {trim(line.substr(eq + 1)), lineNo};
        }
        throw SyntaxError{lastLine(), formatText("the file ends inside META (opened on line %d): expected \")\"",
                                                 openLine)};
    }

    static std::string trim(std::string_view s)
    {
        const std::size_t a = s.find_first_not_of(" \t");
        if (a == std::string_view::npos)
            return {};
        return std::string(s.substr(a, s.find_last_not_of(" \t") - a + 1));
    }

private:
    void split(std::string_view line, int lineNo)
    {
        const std::size_t first = line.find_first_not_of(" \t");
        if (first != std::string_view::npos && line[first] == '?')
            return; // "?SNDlib native format; type: network; version: 1.0"
        line = line.substr(0, line.find('#'));
        std::size_t i = 0;
        while (i < line.size()) {
            const char c = line[i];
            if (c == ' ' || c == '\t') {
                ++i;
            } else if (c == '(' || c == ')') {
                m_queue.push_back({std::string(1, c), lineNo});
                ++i;
            } else {
                const std::size_t end = std::min(line.find_first_of(" \t()", i), line.size());
                m_queue.push_back({std::string(line.substr(i, end - i)), lineNo});
                i = end;
            }
        }
    }

    std::vector<std::string_view> m_lines;
    std::size_t m_line = 0;     // next line to split
    std::vector<Token> m_queue; // the tokens of the last line split
    std::size_t m_next = 0;     // the next of them
};

struct Node {
    Token id;
    std::optional<double> lon, lat;
};

struct Link {
    Token id, a, b;
    double preCap = 0.0, preCapCost = 0.0, routingCost = 0.0, setupCost = 0.0;
    std::vector<std::pair<double, double>> modules; // capacity, cost
};

struct DemandEntry {
    Token id, a, b;
    double routingUnit = 0.0, value = 0.0;
    std::string maxPathLength;
};

struct SndFile {
    std::map<std::string, std::pair<std::string, int>> meta; // attribute -> content, line
    std::optional<int> metaLine, nodesLine, linksLine, demandsLine, pathsLine; // where each section opens
    int pathTokens = 0; // in ADMISSIBLE_PATHS
    std::vector<Node> nodes;
    std::vector<Link> links;
    std::vector<DemandEntry> demands;
    int lastLine = 1;
};

class Parser {
public:
    explicit Parser(const std::string &text) : m_tokens(text) {}

    SndFile parse()
    {
        SndFile f;
        f.lastLine = m_tokens.lastLine();
        while (const std::optional<Token> name = m_tokens.next()) {
            const int line = name->line;
            std::optional<int> *seen = name->text == "META" ? &f.metaLine
                : name->text == "NODES"                     ? &f.nodesLine
                : name->text == "LINKS"                     ? &f.linksLine
                : name->text == "DEMANDS"                   ? &f.demandsLine
                : name->text == "ADMISSIBLE_PATHS"          ? &f.pathsLine
                                                            : nullptr;
            if (!seen)
                throw SyntaxError{line, "expected a section (" + std::string(kSections) + "), found \"" + name->text
                                            + "\""};
            if (*seen)
                throw SyntaxError{line, formatText("a second %s section (the first opens on line %d)",
                                                   name->text.c_str(), **seen)};
            *seen = line;
            expectOpen(name->text);
            if (name->text == "META")
                f.meta = m_tokens.metaLines(line);
            else if (name->text == "NODES")
                readNodes(f, line);
            else if (name->text == "LINKS")
                readLinks(f, line);
            else if (name->text == "DEMANDS")
                readDemands(f, line);
            else
                f.pathTokens = skipSection(name->text, line);
        }
        return f;
    }

private:
    Token need(const char *what, const std::string &section, int openLine)
    {
        std::optional<Token> t = m_tokens.next();
        if (!t)
            throw SyntaxError{m_tokens.lastLine(), formatText("the file ends inside %s (opened on line %d): expected "
                                                              "%s",
                                                              section.c_str(), openLine, what)};
        return *t;
    }

    void expectOpen(const std::string &after)
    {
        const std::optional<Token> t = m_tokens.next();
        if (!t)
            throw SyntaxError{m_tokens.lastLine(), "the file ends after \"" + after + "\": expected \"(\""};
        if (t->text != "(")
            throw SyntaxError{t->line, "expected \"(\" after \"" + after + "\", found \"" + t->text + "\""};
    }

    void expectToken(const char *want, const char *context, const std::string &section, int openLine)
    {
        const Token t = need(want, section, openLine);
        if (t.text != want)
            throw SyntaxError{t.line, formatText("expected \"%s\" %s, found \"%s\"", want, context, t.text.c_str())};
    }

    double number(const char *what, const std::string &section, int openLine, bool nonNegative)
    {
        const Token t = need(what, section, openLine);
        std::string_view s = t.text;
        if (!s.empty() && s[0] == '+')
            s.remove_prefix(1);
        double v = 0.0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
            throw SyntaxError{t.line, formatText("expected a number for %s, found \"%s\"", what, t.text.c_str())};
        if (nonNegative && v < 0.0)
            throw SyntaxError{t.line, formatText("expected a number >= 0 for %s, found %s", what, t.text.c_str())};
        return v;
    }

    // An entry's id, or none at the section's closing ')'.
    std::optional<Token> entryId(const char *section, int openLine)
    {
        const Token t = need(formatText("an entry or \")\" closing %s", section).c_str(), section, openLine);
        if (t.text == ")")
            return std::nullopt;
        if (t.text == "(")
            throw SyntaxError{t.line, formatText("expected an id in %s, found \"(\"", section)};
        // "LINKS (" inside NODES: the ')' closing NODES is missing.
        if (const Token *after = m_tokens.peek(); after && after->text == "(" && isSection(t.text))
            throw SyntaxError{t.line, formatText("expected \")\" closing %s (opened on line %d) before \"%s (\"",
                                                 section, openLine, t.text.c_str())};
        return t;
    }

    std::pair<Token, Token> endpoints(const Token &id, const char *section, int openLine)
    {
        const std::string context = "after \"" + id.text + "\"";
        expectToken("(", context.c_str(), section, openLine);
        Token a = need("the first end", section, openLine), b = need("the second end", section, openLine);
        for (const Token *t : {&a, &b})
            if (t->text == "(" || t->text == ")")
                throw SyntaxError{t->line, formatText("expected two node ids in \"%s ( <a> <b> )\", found \"%s\"",
                                                      id.text.c_str(), t->text.c_str())};
        expectToken(")", ("after the two node ids of \"" + id.text + "\"").c_str(), section, openLine);
        return {a, b};
    }

    void readNodes(SndFile &f, int openLine)
    {
        while (std::optional<Token> id = entryId("NODES", openLine)) {
            Node node{*id, {}, {}};
            // Coordinates are optional: a '(' follows only when the node has them.
            if (const Token *t = m_tokens.peek(); t && t->text == "(") {
                m_tokens.next();
                node.lon = number(("the longitude of node \"" + id->text + "\"").c_str(), "NODES", openLine, false);
                node.lat = number(("the latitude of node \"" + id->text + "\"").c_str(), "NODES", openLine, false);
                expectToken(")", ("after the coordinates of node \"" + id->text + "\"").c_str(), "NODES", openLine);
            }
            f.nodes.push_back(node);
        }
    }

    void readLinks(SndFile &f, int openLine)
    {
        while (std::optional<Token> id = entryId("LINKS", openLine)) {
            Link link;
            link.id = *id;
            std::tie(link.a, link.b) = endpoints(*id, "LINKS", openLine);
            const std::string of = " of link \"" + id->text + "\"";
            link.preCap = number(("the pre-installed capacity" + of).c_str(), "LINKS", openLine, true);
            link.preCapCost = number(("the pre-installed capacity cost" + of).c_str(), "LINKS", openLine, true);
            link.routingCost = number(("the routing cost" + of).c_str(), "LINKS", openLine, true);
            link.setupCost = number(("the setup cost" + of).c_str(), "LINKS", openLine, true);
            expectToken("(", ("before the modules" + of).c_str(), "LINKS", openLine);
            for (;;) {
                if (const Token *t = m_tokens.peek(); t && t->text == ")") {
                    m_tokens.next();
                    break;
                }
                const double cap = number(("a module capacity" + of).c_str(), "LINKS", openLine, true);
                const double cost = number(("a module cost" + of).c_str(), "LINKS", openLine, true);
                link.modules.emplace_back(cap, cost);
            }
            f.links.push_back(std::move(link));
        }
    }

    void readDemands(SndFile &f, int openLine)
    {
        while (std::optional<Token> id = entryId("DEMANDS", openLine)) {
            DemandEntry d;
            d.id = *id;
            std::tie(d.a, d.b) = endpoints(*id, "DEMANDS", openLine);
            const std::string of = " of demand \"" + id->text + "\"";
            d.routingUnit = number(("the routing unit" + of).c_str(), "DEMANDS", openLine, true);
            d.value = number(("the demand value" + of).c_str(), "DEMANDS", openLine, true);
            const Token max = need("the maximum path length", "DEMANDS", openLine);
            double steps = 0.0;
            const auto [end, ec] = std::from_chars(max.text.data(), max.text.data() + max.text.size(), steps);
            if (max.text != "UNLIMITED" && (ec != std::errc() || end != max.text.data() + max.text.size()))
                throw SyntaxError{max.line, "expected the maximum path length" + of
                                                + " (a number or UNLIMITED), found \"" + max.text + "\""};
            d.maxPathLength = max.text;
            f.demands.push_back(std::move(d));
        }
    }

    // Returns the number of tokens inside the section.
    int skipSection(const std::string &section, int openLine)
    {
        int tokens = -1;
        for (int depth = 1; depth > 0; ++tokens) {
            const Token t = need("\")\"", section, openLine);
            depth += t.text == "(" ? 1 : t.text == ")" ? -1 : 0;
        }
        return tokens;
    }

    Tokenizer m_tokens;
};

// "ATLAM5_ATLAng (ATLAng - ATLAM5)" as messages name a link or demand.
std::string entryName(const Token &id, const Token &a, const Token &b)
{
    return "\"" + id.text + "\" (" + a.text + " - " + b.text + ")";
}

nlohmann::json capacityJson(const Link &link, const std::string &unit)
{
    nlohmann::json modules = nlohmann::json::array();
    for (const auto &[capacity, cost] : link.modules)
        modules.push_back({{"capacity", capacity}, {"cost", cost}});
    return {{"pre_installed_capacity", link.preCap},
            {"pre_installed_capacity_cost", link.preCapCost},
            {"routing_cost", link.routingCost},
            {"setup_cost", link.setupCost},
            {"modules", modules},
            {"unit", unit}};
}

} // namespace

std::vector<std::string> sndlibUnitNames()
{
    std::vector<std::pair<double, std::string>> byScale;
    for (const auto &[name, gbps] : unitsGbps())
        byScale.emplace_back(gbps, name);
    std::sort(byScale.begin(), byScale.end());
    std::vector<std::string> names;
    for (const auto &entry : byScale)
        names.push_back(entry.second);
    return names;
}

std::optional<std::string> canonicalSndlibUnit(const std::string &unit)
{
    const std::string upper = upperCase(unit);
    return unitsGbps().count(upper) ? std::optional<std::string>(upper) : std::nullopt;
}

std::string sndlibUnitList()
{
    return listFew(sndlibUnitNames(), unitsGbps().size());
}

ImportResult importSndlib(const std::string &text, const std::string &origin, const Catalog &catalog,
                          const ImportOptions &options)
{
    const double routeFactor = options.routeFactor(catalog);
    ImportResult result;
    if (std::string e = routeFactorError(origin, routeFactor); !e.empty()) {
        result.errors.push_back(e);
        return result;
    }
    if (options.sndlib_unit && !canonicalSndlibUnit(*options.sndlib_unit)) {
        result.errors.push_back(origin + ": unknown SNDlib demand unit \"" + *options.sndlib_unit
                                + "\"; expected one of " + sndlibUnitList());
        return result;
    }
    SndFile f;
    try {
        f = Parser(text).parse();
    } catch (const SyntaxError &e) {
        result.errors.push_back(formatText("%s: line %d: %s", origin.c_str(), e.line, e.message.c_str()));
        return result;
    }
    auto fail = [&](int line, const std::string &what) {
        result.errors.push_back(formatText("%s: line %d: %s", origin.c_str(), line, what.c_str()));
    };
    if (!f.nodesLine) {
        fail(f.linksLine.value_or(f.lastLine),
             "no NODES section: expected \"NODES ( <id> ( <longitude> <latitude> ) ... )\" before the links");
        return result;
    }
    if (f.nodes.empty()) {
        fail(*f.nodesLine, "the NODES section is empty: nothing to import");
        return result;
    }

    // Nodes: ids unique; coordinates in degrees, or pixels for a neutral canvas.
    const std::size_t n = f.nodes.size();
    std::map<std::string, std::size_t> nodeIndex;
    for (std::size_t i = 0; i < n; ++i)
        if (const auto [it, fresh] = nodeIndex.emplace(f.nodes[i].id.text, i); !fresh)
            fail(f.nodes[i].id.line, formatText("a second node \"%s\" (the first is on line %d)",
                                                f.nodes[i].id.text.c_str(), f.nodes[it->second].id.line));
    // Every SNDlib network has a LINKS section (it may be empty); a file without one is
    // cut short or not a network file, and importing its nodes alone would hide that.
    if (!f.linksLine)
        fail(f.lastLine, "no LINKS section: expected \"LINKS ( <id> ( <a> <b> ) ... )\" after the nodes");
    const auto metaValue = [&](const char *key) {
        const auto it = f.meta.find(key);
        return it == f.meta.end() ? std::string() : it->second.first;
    };
    bool pixels = metaValue("coordinatesType") == "pixel";
    double xMin = HUGE_VAL, xMax = -HUGE_VAL, yMin = HUGE_VAL, yMax = -HUGE_VAL;
    for (const Node &node : f.nodes)
        if (node.lon && node.lat) {
            pixels = pixels || std::fabs(*node.lon) > 180.0 || std::fabs(*node.lat) > 90.0;
            xMin = std::min(xMin, *node.lon), xMax = std::max(xMax, *node.lon);
            yMin = std::min(yMin, *node.lat), yMax = std::max(yMax, *node.lat);
        }
    // Pixels: the bounding box's centre goes to 0 N 0 E and its larger side to kCanvasDegrees.
    const double side = std::max(xMax - xMin, yMax - yMin);
    const double scale = side > 0.0 ? kCanvasDegrees / side : 1.0;
    std::vector<Site> sites(n);
    std::vector<bool> located(n, false);
    std::vector<std::string> what(n);
    std::set<std::string> siteIds;
    for (std::size_t i = 0; i < n; ++i) {
        const Node &node = f.nodes[i];
        double lat = node.lat.value_or(0.0), lon = node.lon.value_or(0.0);
        if (pixels && node.lat && node.lon) {
            lon = (*node.lon - (xMin + xMax) / 2.0) * scale;
            lat = (*node.lat - (yMin + yMax) / 2.0) * scale;
        }
        const std::string base = sanitisedId(node.id.text);
        sites[i] = hubSite(uniqueId(base.empty() ? "node" : base, siteIds), node.id.text, lat, lon, catalog);
        located[i] = node.lat && node.lon;
        what[i] = "node \"" + node.id.text + "\"";
    }

    // Links and demands name nodes of the file; every unknown one is listed.
    auto endpoint = [&](const Token &end, const std::string &entry) -> std::optional<std::size_t> {
        const auto it = nodeIndex.find(end.text);
        if (it != nodeIndex.end())
            return it->second;
        fail(end.line, formatText("%s: no node \"%s\" in NODES (line %d)", entry.c_str(), end.text.c_str(),
                                  *f.nodesLine));
        return std::nullopt;
    };
    std::vector<std::pair<std::size_t, std::size_t>> links; // node indices, per link kept
    std::vector<const Link *> keptLinks;
    std::vector<std::string> selfLoops;
    std::map<std::string, int> linkIds;
    for (const Link &link : f.links) {
        const std::string name = "link " + entryName(link.id, link.a, link.b);
        if (const auto [it, fresh] = linkIds.emplace(link.id.text, link.id.line); !fresh)
            fail(link.id.line, formatText("a second link \"%s\" (the first is on line %d)", link.id.text.c_str(),
                                          it->second));
        const auto a = endpoint(link.a, name), b = endpoint(link.b, name);
        if (!a || !b)
            continue;
        if (*a == *b) {
            selfLoops.push_back(link.id.text);
            continue;
        }
        links.emplace_back(*a, *b);
        keptLinks.push_back(&link);
    }
    std::vector<std::pair<std::size_t, std::size_t>> demandEnds(f.demands.size());
    for (std::size_t k = 0; k < f.demands.size(); ++k) {
        const DemandEntry &d = f.demands[k];
        const std::string name = "demand " + entryName(d.id, d.a, d.b);
        const auto a = endpoint(d.a, name), b = endpoint(d.b, name);
        if (a && b)
            demandEnds[k] = {*a, *b};
    }
    if (!result.errors.empty())
        return result;

    // Demand unit: the one the user gave, else META's, else Mbit/s.
    std::string unit = upperCase(metaValue("unit"));
    ImportReport &r = result.report;
    if (options.sndlib_unit) {
        const std::string given = *canonicalSndlibUnit(*options.sndlib_unit); // checked above
        r.kept.push_back(formatText("demand unit %s as given for the import (the file %s)", given.c_str(),
                                    unit.empty() ? "names none" : ("says " + metaValue("unit")).c_str()));
        unit = given;
    } else if (unitsGbps().find(unit) == unitsGbps().end()) {
        r.guessed.push_back(unit.empty()
                                ? formatText("no unit in META: demand values read as %s (Mbit/s), the unit of SNDlib's "
                                             "measured traffic matrices",
                                             kDefaultUnit)
                                : formatText("META unit \"%s\" (line %d) is not one of BITPERSEC, KBITPERSEC, "
                                             "MBITPERSEC, GBITPERSEC, TBITPERSEC: demand values read as %s (Mbit/s)",
                                             metaValue("unit").c_str(), f.meta.at("unit").second, kDefaultUnit));
        unit = kDefaultUnit;
    }
    const double gbpsPerUnit = unitsGbps().at(unit);

    std::vector<std::string> placed = placeAtNeighbourMean(sites, located, links, what);
    Scenario s;
    s.name = fileBaseName(origin);
    std::vector<int> siteOf(n, -1);
    std::vector<std::string> unplaced;
    for (std::size_t i = 0; i < n; ++i) {
        if (!located[i]) {
            unplaced.push_back(f.nodes[i].id.text);
            continue;
        }
        siteOf[i] = static_cast<int>(s.sites.size());
        s.sites.push_back(sites[i]);
    }
    if (s.sites.empty()) {
        fail(*f.nodesLine, "no node has coordinates, nor a link to a node that has them: nothing to import");
        return result;
    }
    std::set<std::string> spanIds;
    int droppedLinks = 0;
    double capLo = HUGE_VAL, capHi = -HUGE_VAL;
    std::set<double> moduleSizes;
    for (std::size_t k = 0; k < links.size(); ++k) {
        const int a = siteOf[links[k].first], b = siteOf[links[k].second];
        if (a < 0 || b < 0) {
            ++droppedLinks;
            continue;
        }
        const Link &link = *keptLinks[k];
        const std::string base = sanitisedId(link.id.text);
        Span span = networkSpan(uniqueId(base.empty() ? "link" : base, spanIds), s.sites[std::size_t(a)],
                                s.sites[std::size_t(b)], catalog, routeFactor);
        span.extensions["x-sndlib-capacity"] = capacityJson(link, unit).dump();
        capLo = std::min(capLo, link.preCap), capHi = std::max(capHi, link.preCap);
        for (const auto &module : link.modules)
            moduleSizes.insert(module.first);
        s.spans.push_back(std::move(span));
    }
    int selfDemands = 0, droppedDemands = 0, otherRoutingUnits = 0, pathLimits = 0;
    for (std::size_t k = 0; k < f.demands.size(); ++k) {
        const DemandEntry &entry = f.demands[k];
        const auto [a, b] = demandEnds[k];
        if (a == b) {
            ++selfDemands;
            continue;
        }
        if (siteOf[a] < 0 || siteOf[b] < 0) {
            ++droppedDemands;
            continue;
        }
        otherRoutingUnits += entry.routingUnit != 1.0 ? 1 : 0;
        pathLimits += entry.maxPathLength != "UNLIMITED" ? 1 : 0;
        Demand d;
        d.from = s.sites[std::size_t(siteOf[a])].id;
        d.to = s.sites[std::size_t(siteOf[b])].id;
        d.gbps = entry.value * gbpsPerUnit;
        if (const std::string problem = demandGbpsProblem(d.gbps); !problem.empty()) {
            // 1e308 TBITPERSEC overflowed to inf and was written as null (../shared/reliability D11a).
            fail(entry.id.line, formatText("demand %s: %g %s is %g Gbps; a demand's gbps: %s", entry.id.text.c_str(),
                                           entry.value, unit.c_str(), d.gbps, problem.c_str()));
            continue;
        }
        d.label = entry.id.text;
        s.demands.push_back(std::move(d));
    }
    if (!result.errors.empty())
        return result;
    std::string source;
    for (const char *key : {"origin", "time", "granularity"})
        if (const std::string v = metaValue(key); !v.empty())
            source += formatText("%s%s: %s", source.empty() ? " Source (META) " : "; ", key, v.c_str());
    s.description = formatText("Imported from %s (SNDlib native format): nodes as hub sites (0 GPUs), links as spans "
                               "of great-circle length x %g, demands in Gbps (file unit %s).%s",
                               fileName(origin).c_str(), routeFactor, unit.c_str(),
                               source.empty() ? "" : (source + ".").c_str());

    // The report.
    r.kept.push_back(formatText("%zu nodes -> %zu sites (hubs: 0 GPUs, GPU type %s)", n, s.sites.size(),
                                s.sites.front().gpu.c_str()));
    r.kept.push_back(formatText("%zu links -> %zu spans: length = great circle x route factor %g, %s",
                                f.links.size(), s.spans.size(), routeFactor,
                                s.spans.empty() ? "no spans"
                                                : formatText("%d fiber pair, band %s, %d wavelengths",
                                                             *s.spans.front().fiber_pairs, s.spans.front().band.c_str(),
                                                             *s.spans.front().wavelengths)
                                                      .c_str()));
    r.kept.push_back(formatText("%zu demands -> %zu demands in Gbps (%s x %g), labelled with their SNDlib ids",
                                f.demands.size(), s.demands.size(), unit.c_str(), gbpsPerUnit));
    r.kept.push_back("scenario name \"" + s.name + "\" from the file name");
    describeSpans(s, catalog, routeFactor, r);
    r.guessed.insert(r.guessed.begin(), placed.begin(), placed.end());
    if (pixels)
        r.guessed.push_back(formatText(
            "node coordinates are not degrees (%s; x %g to %g, y %g to %g): placed on a neutral canvas, the centre "
            "of their bounding box at 0 N 0 E and its larger side scaled to %g degrees (about %.0f km), x east and y "
            "north; span lengths are only relative",
            metaValue("coordinatesType") == "pixel" ? "META coordinatesType = pixel" : "values outside latitude and "
                                                                                       "longitude ranges",
            xMin, xMax, yMin, yMax, kCanvasDegrees, kCanvasDegrees * 111.19508));
    if (!s.spans.empty())
        r.dropped.push_back(formatText(
            "link capacities (pre-installed %s, modules of %s %s): noted as x-sndlib-capacity on their spans with "
            "the link costs, not used: spans get optics instead",
            (capLo == capHi ? formatText("%g", capLo) : formatText("%g to %g", capLo, capHi)).c_str(),
            listFew([&] {
                std::vector<std::string> sizes;
                for (double m : moduleSizes)
                    sizes.push_back(formatText("%g", m));
                return sizes;
            }(), 6).c_str(),
            unit.c_str()));
    if (!selfLoops.empty())
        r.dropped.push_back(formatText("%zu link%s from a node to itself (not a span): %s", selfLoops.size(),
                                       selfLoops.size() == 1 ? "" : "s", listFew(selfLoops, 8).c_str()));
    if (!unplaced.empty())
        r.dropped.push_back(formatText("%zu node%s without coordinates and without a link to a node that has them, "
                                       "dropped with %d link%s and %d demand%s: %s",
                                       unplaced.size(), unplaced.size() == 1 ? "" : "s", droppedLinks,
                                       droppedLinks == 1 ? "" : "s", droppedDemands, droppedDemands == 1 ? "" : "s",
                                       listFew(unplaced, 8).c_str()));
    if (selfDemands)
        r.dropped.push_back(formatText("%d demand%s from a node to itself", selfDemands, selfDemands == 1 ? "" : "s"));
    if (otherRoutingUnits)
        r.dropped.push_back(formatText("%d demand%s with a routing unit other than 1: noted, not used",
                                       otherRoutingUnits, otherRoutingUnits == 1 ? "" : "s"));
    if (pathLimits)
        r.dropped.push_back(formatText("%d demand%s with a maximum path length: not used (routing follows the "
                                       "scenario's policy)",
                                       pathLimits, pathLimits == 1 ? "" : "s"));
    if (f.pathTokens > 0)
        r.dropped.push_back(formatText("the ADMISSIBLE_PATHS section (line %d): not used, routing follows the "
                                       "scenario's policy",
                                       *f.pathsLine));
    result.scenario = std::move(s);
    return result;
}

} // namespace dci
