// Topology Zoo GraphML -> scenario (docs/IMPORT.md "Topology Zoo GraphML"), and the helpers
// both network importers (this one and import_sndlib.cpp) share to turn nodes and links into
// hub sites and equipped spans.
//
// XML: a small pull reader in this file, not Boost.Graph's read_graphml nor Boost.PropertyTree.
// - read_graphml is in the compiled Boost.Graph library (dci_core uses Boost headers only),
//   wants every attribute registered before reading, and its errors carry no line number.
// - property_tree (header-only, RapidXML) reports the line of a syntax error, but its tree has
//   no positions, so "an edge to an unknown node" or "Latitude 'abc'" could not say where.
// - GraphML uses only elements, attributes, text, comments and the predefined entities. The
//   reader checks well-formedness (tags match, one root, nothing truncated) and knows the line
//   of every element, so every message reads "<origin>: line N: ...".
#include "importer.h"
#include "importnetwork.h"

#include "model/geo.h"
#include "model/textformat.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace dci {

// ---- Shared by the network importers (declared in importnetwork.h) ------------------------
namespace importnet {

// Spans get these where the file says nothing (docs/IMPORT.md "Defaults").
constexpr double kMinSpanKm = 1.0;  // sites at one place (same city in the file) still need length_km > 0
constexpr int kFiberPairs = 1;
constexpr int kWavelengths = 8;
constexpr const char *kBand = "C";

std::string sanitisedId(const std::string &raw)
{
    // Whitespace runs become one '_', control characters go; everything else is kept.
    std::string id;
    bool gap = false;
    for (const char c : raw) {
        const auto u = static_cast<unsigned char>(c);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            gap = !id.empty();
            continue;
        }
        if (u < 0x20 || u == 0x7f)
            continue;
        if (gap)
            id += '_';
        gap = false;
        id += c;
    }
    return id;
}

std::string uniqueId(const std::string &base, std::set<std::string> &used)
{
    std::string id = base;
    for (int n = 2; used.count(id); ++n)
        id = base + "-" + std::to_string(n);
    used.insert(id);
    return id;
}

std::string fileName(const std::string &origin)
{
    return origin.substr(origin.find_last_of("/\\") + 1);
}

std::string fileBaseName(const std::string &origin)
{
    std::string name = fileName(origin);
    const std::size_t dot = name.find_last_of('.');
    if (dot != std::string::npos && dot > 0)
        name.erase(dot);
    return name;
}

std::string routeFactorError(const std::string &origin, double routeFactor)
{
    if (std::isfinite(routeFactor) && routeFactor >= ImportOptions::kMinRouteFactor)
        return {};
    return formatText("%s: route factor %g: expected a number >= 1 (fiber is never shorter than the great circle)",
                      origin.c_str(), routeFactor);
}

std::string listFew(const std::vector<std::string> &items, std::size_t most)
{
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < most; ++i)
        out += (i ? ", " : "") + items[i];
    if (items.size() > most)
        out += formatText(", ... (%zu in all)", items.size());
    return out;
}

Site hubSite(const std::string &id, const std::string &name, double lat, double lon, const Catalog &catalog)
{
    Site site;
    site.id = id;
    site.name = name;
    site.lat = lat;
    site.lon = lon;
    site.gpu = catalog.gpus.empty() ? catalog.defaultGpu : catalog.gpus.front().name;
    site.gpus = 0; // a hub: switches traffic, trains nothing until the user adds GPUs
    return site;
}


// Great circle (docs/MODEL.md "Geometry") x route factor, at least kMinSpanKm, written into
// the span as a fixed length.
double spanLengthKm(const Site &a, const Site &b, double routeFactor)
{
    return std::max(geo::greatCircleKm(a.lat, a.lon, b.lat, b.lon) * routeFactor, kMinSpanKm);
}

Span networkSpan(const std::string &id, const Site &a, const Site &b, const Catalog &catalog, double routeFactor)
{
    Span span;
    span.id = id;
    span.a = a.id;
    span.b = b.id;
    span.length_km = spanLengthKm(a, b, routeFactor);
    const Optic *optic = catalog.fastestOpticReaching(*span.length_km);
    if (!optic)
        optic = catalog.longestReachOptic();
    span.optic = optic ? optic->name : catalog.defaultOptic;
    span.fiber_pairs = kFiberPairs;
    span.band = catalog.band(kBand) ? std::string(kBand) : catalog.defaultBand;
    span.wavelengths = kWavelengths;
    return span;
}

// Places sites without coordinates (located[i] false) at the mean of their neighbours that
// have them, in rounds, so chains of such sites fill in from their located ends: a round uses
// only positions known when it starts. The mean unwraps longitudes around the first
// neighbour's (the antimeridian). Sites with no located neighbour at all stay unlocated.
// Returns one sentence per placed site; labels[i] names site i.
std::vector<std::string> placeAtNeighbourMean(std::vector<Site> &sites, std::vector<bool> &located,
                                              const std::vector<std::pair<std::size_t, std::size_t>> &links,
                                              const std::vector<std::string> &labels)
{
    std::vector<std::set<std::size_t>> neighbours(sites.size());
    for (const auto &[a, b] : links)
        if (a != b) {
            neighbours[a].insert(b);
            neighbours[b].insert(a);
        }
    std::vector<std::string> sentences;
    for (int round = 1;; ++round) {
        std::vector<std::pair<std::size_t, std::vector<std::size_t>>> placed; // site, neighbours used
        for (std::size_t i = 0; i < sites.size(); ++i) {
            if (located[i])
                continue;
            std::vector<std::size_t> used;
            for (std::size_t n : neighbours[i])
                if (located[n])
                    used.push_back(n);
            if (!used.empty())
                placed.emplace_back(i, used);
        }
        if (placed.empty())
            break;
        for (const auto &[i, used] : placed) {
            const double lon0 = sites[used.front()].lon;
            double lat = 0.0, lon = 0.0;
            std::vector<std::string> names;
            for (std::size_t n : used) {
                lat += sites[n].lat;
                lon += lon0 + std::remainder(sites[n].lon - lon0, 360.0);
                names.push_back(sites[n].id);
            }
            sites[i].lat = lat / double(used.size());
            sites[i].lon = std::remainder(lon / double(used.size()), 360.0);
            const std::string from = used.size() == 1
                ? "at its only neighbour with coordinates, " + names.front()
                : formatText("the mean of its %zu neighbours with coordinates: %s", used.size(),
                             listFew(names, 6).c_str());
            sentences.push_back(formatText("%s had no coordinates: placed at %.5f, %.5f as site \"%s\" (%s)%s",
                                           labels[i].c_str(), sites[i].lat, sites[i].lon, sites[i].id.c_str(),
                                           from.c_str(),
                                           round > 1 ? formatText(", in round %d, after them", round).c_str() : ""));
        }
        for (const auto &entry : placed)
            located[entry.first] = true;
    }
    return sentences;
}

// The report lines every network import gives about its spans: optics chosen, lengths raised
// to the minimum, spans no optic reaches.
void describeSpans(const Scenario &s, const Catalog &catalog, double routeFactor, ImportReport &report)
{
    std::map<std::string, int> byOptic;
    std::vector<std::string> raised, unreachable;
    double longest = 0.0;
    // Sites by id: a lookup per span through Scenario::site made a 40,000-node import
    // quadratic (../shared/reliability D13).
    std::unordered_map<std::string, const Site *> siteById;
    siteById.reserve(s.sites.size());
    for (const Site &site : s.sites)
        siteById.emplace(site.id, &site);
    auto siteNamed = [&](const std::string &id) -> const Site * {
        const auto it = siteById.find(id);
        return it == siteById.end() ? nullptr : it->second;
    };
    for (const Span &span : s.spans) {
        ++byOptic[span.optic];
        const Site *a = siteNamed(span.a), *b = siteNamed(span.b);
        if (a && b && geo::greatCircleKm(a->lat, a->lon, b->lat, b->lon) * routeFactor < kMinSpanKm)
            raised.push_back(span.id);
        const Optic *optic = catalog.optic(span.optic);
        if (optic && span.length_km && *span.length_km > optic->reach_km) {
            unreachable.push_back(formatText("%s %.0f km", span.id.c_str(), *span.length_km));
            longest = std::max(longest, optic->reach_km);
        }
    }
    if (!s.spans.empty()) {
        std::string mix;
        for (const auto &[name, count] : byOptic)
            mix += formatText("%s%s x %d", mix.empty() ? "" : ", ", name.c_str(), count);
        report.kept.push_back("optics by span length (the highest rate whose reach covers the span): " + mix);
    }
    if (!raised.empty())
        report.guessed.push_back(formatText(
            "%zu span%s join%s sites at the same or nearly the same place (under %g km after the route factor): "
            "given %g km (%s)",
            raised.size(), raised.size() == 1 ? "" : "s", raised.size() == 1 ? "s" : "", kMinSpanKm, kMinSpanKm,
            listFew(raised, 8).c_str()));
    if (!unreachable.empty())
        report.guessed.push_back(formatText(
            "%zu span%s longer than any optic's reach: given the longest-reach optic (%.0f km), which cannot "
            "close %s without regeneration (%s)",
            unreachable.size(), unreachable.size() == 1 ? " is" : "s are", longest,
            unreachable.size() == 1 ? "it" : "them", listFew(unreachable, 8).c_str()));
}

} // namespace importnet

namespace {

using namespace importnet;

// ---- A pull reader for the XML GraphML uses ------------------------------------------------

struct XmlError {
    int line = 0;
    std::string message;
};

class XmlReader {
public:
    enum class Kind { Start, End, Text, Done };
    struct Event {
        Kind kind = Kind::Done;
        std::string name; // Start, End: the local name (any "prefix:" dropped)
        std::map<std::string, std::string> attributes; // Start: qualified name -> decoded value
        std::string text; // Text: decoded
        int line = 1;     // where the event starts
    };

    explicit XmlReader(std::string_view text) : m_text(text)
    {
        if (m_text.substr(0, 2) == "\xfe\xff" || m_text.substr(0, 2) == "\xff\xfe")
            throw XmlError{1, "the file is UTF-16; save it as UTF-8"};
        if (m_text.substr(0, 3) == "\xef\xbb\xbf")
            m_pos = 3;
    }

    // The next event; throws XmlError when the text is not well-formed XML.
    Event next()
    {
        if (m_closeSelf) {
            m_closeSelf = false;
            Event e{Kind::End, m_open.back().name, {}, {}, m_line};
            m_open.pop_back();
            return e;
        }
        for (;;) {
            if (m_pos >= m_text.size()) {
                // The last line, not the empty one after a final newline.
                const int last = std::max(1, m_line - (m_text.empty() || m_text.back() != '\n' ? 0 : 1));
                if (!m_open.empty())
                    throw XmlError{last, formatText("the file ends inside <%s> (opened on line %d): the XML is "
                                                      "truncated",
                                                      m_open.back().qname.c_str(), m_open.back().line)};
                if (!m_rootSeen)
                    throw XmlError{last, "no XML element in the file"};
                return Event{};
            }
            const int line = m_line;
            if (m_text[m_pos] != '<') {
                const std::size_t end = std::min(m_text.find('<', m_pos), m_text.size());
                const std::string text = decode(m_text.substr(m_pos, end - m_pos), line);
                advanceTo(end);
                if (m_open.empty()) {
                    if (text.find_first_not_of(" \t\r\n") != std::string::npos)
                        throw XmlError{line, "text outside the root element"};
                    continue;
                }
                return Event{Kind::Text, {}, {}, text, line};
            }
            if (startsWith("<!--")) {
                skipPast("-->", "a comment", line);
            } else if (startsWith("<![CDATA[")) {
                if (m_open.empty())
                    throw XmlError{line, "CDATA outside the root element"};
                const std::size_t start = m_pos + 9;
                skipPast("]]>", "a CDATA section", line);
                return Event{Kind::Text, {}, {}, std::string(m_text.substr(start, m_pos - 3 - start)), line};
            } else if (startsWith("<!DOCTYPE")) {
                if (m_rootSeen)
                    throw XmlError{line, "<!DOCTYPE after the root element"};
                skipDoctype(line);
            } else if (startsWith("<?")) {
                skipPast("?>", "a processing instruction", line);
            } else if (startsWith("</")) {
                advanceTo(m_pos + 2);
                const std::string qname = readName(line);
                skipSpace();
                expect('>', qname, line);
                if (m_open.empty())
                    throw XmlError{line, "</" + qname + "> closes no open element"};
                if (m_open.back().qname != qname)
                    throw XmlError{line, formatText("</%s> where </%s> was expected (<%s> opened on line %d)",
                                                    qname.c_str(), m_open.back().qname.c_str(),
                                                    m_open.back().qname.c_str(), m_open.back().line)};
                Event e{Kind::End, m_open.back().name, {}, {}, line};
                m_open.pop_back();
                return e;
            } else {
                return startTag(line);
            }
        }
    }

private:
    struct Open {
        std::string qname;
        std::string name;
        int line;
    };

    bool startsWith(std::string_view what) const { return m_text.substr(m_pos, what.size()) == what; }

    void advanceTo(std::size_t pos)
    {
        pos = std::min(pos, m_text.size());
        m_line += static_cast<int>(std::count(m_text.begin() + static_cast<std::ptrdiff_t>(m_pos),
                                              m_text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
        m_pos = pos;
    }

    void skipPast(std::string_view end, const char *what, int line)
    {
        const std::size_t at = m_text.find(end, m_pos);
        if (at == std::string_view::npos) {
            advanceTo(m_text.size());
            throw XmlError{m_line, formatText("the file ends inside %s opened on line %d", what, line)};
        }
        advanceTo(at + end.size());
    }

    void skipDoctype(int line)
    {
        int brackets = 0;
        for (std::size_t i = m_pos; i < m_text.size(); ++i) {
            if (m_text[i] == '[')
                ++brackets;
            else if (m_text[i] == ']')
                --brackets;
            else if (m_text[i] == '>' && brackets <= 0) {
                advanceTo(i + 1);
                return;
            }
        }
        advanceTo(m_text.size());
        throw XmlError{m_line, formatText("the file ends inside <!DOCTYPE opened on line %d", line)};
    }

    void skipSpace()
    {
        std::size_t p = m_pos;
        while (p < m_text.size() && (m_text[p] == ' ' || m_text[p] == '\t' || m_text[p] == '\r' || m_text[p] == '\n'))
            ++p;
        advanceTo(p);
    }

    static bool nameChar(char c)
    {
        return !(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '<' || c == '>' || c == '/' || c == '='
                 || c == '"' || c == '\'' || c == '!' || c == '?' || c == '&');
    }

    std::string readName(int line)
    {
        std::size_t p = m_pos;
        while (p < m_text.size() && nameChar(m_text[p]))
            ++p;
        if (p == m_pos) {
            if (p >= m_text.size())
                throw XmlError{m_line, formatText("the file ends inside a tag opened on line %d", line)};
            throw XmlError{m_line, formatText("expected a name, found '%c'", m_text[p])};
        }
        std::string name(m_text.substr(m_pos, p - m_pos));
        advanceTo(p);
        return name;
    }

    void expect(char c, const std::string &tag, int line)
    {
        if (m_pos >= m_text.size())
            throw XmlError{m_line,
                           formatText("the file ends inside the tag <%s> opened on line %d", tag.c_str(), line)};
        if (m_text[m_pos] != c)
            throw XmlError{m_line,
                           formatText("expected '%c' in the tag <%s>, found '%c'", c, tag.c_str(), m_text[m_pos])};
        advanceTo(m_pos + 1);
    }

    Event startTag(int line)
    {
        advanceTo(m_pos + 1);
        Event e{Kind::Start, {}, {}, {}, line};
        const std::string qname = readName(line);
        if (m_open.empty() && m_rootSeen)
            throw XmlError{line, "<" + qname + "> after the root element has closed"};
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size())
                throw XmlError{m_line, formatText("the file ends inside the tag <%s> opened on line %d", qname.c_str(),
                                                  line)};
            if (m_text[m_pos] == '>') {
                advanceTo(m_pos + 1);
                break;
            }
            if (startsWith("/>")) {
                advanceTo(m_pos + 2);
                m_closeSelf = true;
                break;
            }
            const int attrLine = m_line;
            const std::string attr = readName(line);
            skipSpace();
            expect('=', qname, line);
            skipSpace();
            if (m_pos >= m_text.size() || (m_text[m_pos] != '"' && m_text[m_pos] != '\''))
                throw XmlError{m_line, formatText("expected a quoted value for the attribute %s of <%s>", attr.c_str(),
                                                  qname.c_str())};
            const char quote = m_text[m_pos];
            const std::size_t end = m_text.find(quote, m_pos + 1);
            if (end == std::string_view::npos)
                throw XmlError{attrLine, formatText("the value of the attribute %s of <%s> is never closed",
                                                    attr.c_str(), qname.c_str())};
            const std::string_view raw = m_text.substr(m_pos + 1, end - m_pos - 1);
            if (raw.find('<') != std::string_view::npos)
                throw XmlError{attrLine, formatText("'<' in the value of the attribute %s of <%s>", attr.c_str(),
                                                    qname.c_str())};
            if (!e.attributes.emplace(attr, decode(raw, attrLine)).second)
                throw XmlError{attrLine, formatText("the attribute %s appears twice in <%s>", attr.c_str(),
                                                    qname.c_str())};
            advanceTo(end + 1);
        }
        m_rootSeen = true;
        const std::size_t colon = qname.find(':');
        e.name = colon == std::string::npos ? qname : qname.substr(colon + 1);
        m_open.push_back({qname, e.name, line});
        return e;
    }

    static void appendUtf8(std::string &out, unsigned long cp)
    {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xc0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            out += char(0xe0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3f));
            out += char(0x80 | (cp & 0x3f));
        } else {
            out += char(0xf0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3f));
            out += char(0x80 | ((cp >> 6) & 0x3f));
            out += char(0x80 | (cp & 0x3f));
        }
    }

    // Text with its entity and character references replaced; `line` is where it starts.
    static std::string decode(std::string_view raw, int line)
    {
        std::string out;
        out.reserve(raw.size());
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\n')
                ++line;
            if (raw[i] != '&') {
                out += raw[i];
                continue;
            }
            const std::size_t semi = raw.find(';', i);
            const std::string_view ref = raw.substr(i + 1, semi == std::string_view::npos ? 0 : semi - i - 1);
            if (semi == std::string_view::npos || ref.empty() || ref.size() > 10)
                throw XmlError{line, "'&' that starts no entity (write &amp; for a literal '&')"};
            if (ref == "lt")
                out += '<';
            else if (ref == "gt")
                out += '>';
            else if (ref == "amp")
                out += '&';
            else if (ref == "quot")
                out += '"';
            else if (ref == "apos")
                out += '\'';
            else if (ref[0] == '#') {
                const bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
                const std::string_view digits = ref.substr(hex ? 2 : 1);
                unsigned long cp = 0;
                const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
                const bool whole = !digits.empty() && ec == std::errc() && end == digits.data() + digits.size();
                if (!whole || cp == 0 || cp > 0x10ffff)
                    throw XmlError{line, "bad character reference &" + std::string(ref) + ";"};
                appendUtf8(out, cp);
            } else {
                throw XmlError{line, "unknown entity &" + std::string(ref) + ";"};
            }
            i = semi;
        }
        return out;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    int m_line = 1;
    std::vector<Open> m_open;
    bool m_rootSeen = false;
    bool m_closeSelf = false; // the last start tag was <x/>: its end event comes next
};

// ---- GraphML ------------------------------------------------------------------------------

struct KeyDecl {
    std::string domain; // "node", "edge", "graph", "all", ...
    std::string name;   // attr.name
    std::optional<std::string> defaultValue;
};

struct DataItem {
    std::string key;
    std::string text;
    int line = 0;
};

struct Element {
    std::string id, source, target;
    int line = 0;
    std::vector<DataItem> data;
};

struct GraphMl {
    std::map<std::string, KeyDecl> keys; // key id -> declaration
    Element graph;                       // the first graph and its data
    bool directed = false;
    std::vector<Element> nodes, edges;
    int otherGraphs = 0, hyperedges = 0;
    int lastLine = 1;
};

// Reads the elements GraphML defines; throws XmlError.
GraphMl readGraphMl(const std::string &text)
{
    GraphMl g;
    XmlReader xml(text);
    std::vector<std::string> path;  // local names of the open elements
    std::size_t graphDepth = 0;      // path size inside the imported graph (0: not in it)
    Element *owner = nullptr;        // the element a <data> belongs to
    DataItem *data = nullptr;        // the open <data>, while its text is collected
    KeyDecl *key = nullptr;          // the open <key>
    std::optional<std::string> *defaultText = nullptr;
    int graphs = 0;
    for (XmlReader::Event e = xml.next(); e.kind != XmlReader::Kind::Done; e = xml.next()) {
        g.lastLine = e.line;
        if (e.kind == XmlReader::Kind::Text) {
            if (data && path.back() == "data")
                data->text += e.text;
            else if (defaultText && path.back() == "default")
                **defaultText += e.text;
            continue;
        }
        if (e.kind == XmlReader::Kind::End) {
            const std::string &closed = path.back();
            if (closed == "data")
                data = nullptr;
            else if (closed == "default")
                defaultText = nullptr;
            else if (closed == "key")
                key = nullptr;
            else if ((closed == "node" || closed == "edge") && path.size() == graphDepth + 1)
                owner = &g.graph;
            if (path.size() == graphDepth) { // the imported graph closes
                graphDepth = 0;
                owner = nullptr;
            }
            path.pop_back();
            continue;
        }
        auto attr = [&](const char *name) {
            const auto it = e.attributes.find(name);
            return it == e.attributes.end() ? std::string() : it->second;
        };
        const std::string parent = path.empty() ? std::string() : path.back();
        if (path.empty() && e.name != "graphml")
            throw XmlError{e.line, "the root element is <" + e.name + ">, not <graphml>: not a GraphML file"};
        if (e.name == "key" && parent == "graphml") {
            const std::string id = attr("id");
            if (id.empty())
                throw XmlError{e.line, "<key> without an id"};
            key = &(g.keys[id] = KeyDecl{attr("for").empty() ? "all" : attr("for"), attr("attr.name"), {}});
        } else if (e.name == "default" && parent == "key" && key) {
            key->defaultValue = std::string();
            defaultText = &key->defaultValue;
        } else if (e.name == "graph") {
            if (parent == "node")
                throw XmlError{e.line, "a graph nested in a node: nested graphs are not supported"};
            if (parent == "graphml" && ++graphs == 1) {
                graphDepth = path.size() + 1;
                owner = &g.graph;
                g.graph.id = attr("id");
                g.graph.line = e.line;
                g.directed = attr("edgedefault") == "directed";
            } else if (parent == "graphml") {
                ++g.otherGraphs;
            }
        } else if (graphDepth && path.size() == graphDepth && e.name == "node") {
            const std::string id = attr("id");
            if (id.empty())
                throw XmlError{e.line, "<node> without an id"};
            g.nodes.push_back(Element{id, {}, {}, e.line, {}});
            owner = &g.nodes.back();
        } else if (graphDepth && path.size() == graphDepth && e.name == "edge") {
            const std::string source = attr("source"), target = attr("target");
            if (source.empty() || target.empty())
                throw XmlError{e.line, formatText("<edge> without a %s", source.empty() ? "source" : "target")};
            g.edges.push_back(Element{attr("id"), source, target, e.line, {}});
            owner = &g.edges.back();
        } else if (graphDepth && path.size() == graphDepth && e.name == "hyperedge") {
            ++g.hyperedges;
        } else if (e.name == "data" && owner && graphDepth
                   && (path.size() == graphDepth || (path.size() == graphDepth + 1 && owner != &g.graph))) {
            const std::string keyId = attr("key");
            if (keyId.empty())
                throw XmlError{e.line, "<data> without a key"};
            owner->data.push_back(DataItem{keyId, {}, e.line});
            data = &owner->data.back();
        }
        path.push_back(e.name);
    }
    return g;
}

// The text of the attribute called `name` (by attr.name, never by key id) for an element of
// `domain`, or the key's default; none when absent.
std::optional<DataItem> attribute(const GraphMl &g, const Element &element, const char *domain, const char *name)
{
    for (const DataItem &d : element.data) {
        const auto k = g.keys.find(d.key);
        if (k != g.keys.end() && k->second.name == name && (k->second.domain == domain || k->second.domain == "all"))
            return d;
    }
    for (const auto &[id, k] : g.keys)
        if (k.name == name && (k.domain == domain || k.domain == "all") && k.defaultValue)
            return DataItem{id, *k.defaultValue, element.line};
    return std::nullopt;
}

std::string trimmed(const std::string &s)
{
    const std::size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos)
        return {};
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

std::optional<double> parseNumber(const std::string &text)
{
    std::string t = trimmed(text);
    if (!t.empty() && t[0] == '+')
        t.erase(0, 1);
    double v = 0.0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

// A rate for people: "45 Mb/s", "2.5 Gb/s".
std::string rateText(double gbps)
{
    if (gbps < 1.0)
        return formatText("%g Mb/s", gbps * 1000.0);
    return formatText("%g Gb/s", gbps);
}

// "node 3 (Seattle)" as messages name a node.
std::string nodeLabel(const Element &node, const std::string &label)
{
    return label.empty() || label == node.id ? "node " + node.id : "node " + node.id + " (" + label + ")";
}

} // namespace

ImportResult importTopologyZoo(const std::string &text, const std::string &origin, const Catalog &catalog,
                               const ImportOptions &options)
{
    const double routeFactor = options.routeFactor(catalog);
    ImportResult result;
    if (std::string e = routeFactorError(origin, routeFactor); !e.empty()) {
        result.errors.push_back(e);
        return result;
    }
    GraphMl g;
    try {
        g = readGraphMl(text);
    } catch (const XmlError &e) {
        result.errors.push_back(formatText("%s: line %d: %s", origin.c_str(), e.line, e.message.c_str()));
        return result;
    }
    auto fail = [&](int line, const std::string &what) {
        result.errors.push_back(formatText("%s: line %d: %s", origin.c_str(), line, what.c_str()));
    };
    if (!g.graph.line) {
        fail(g.lastLine, "no <graph> element: nothing to import");
        return result;
    }
    if (g.nodes.empty()) {
        fail(g.graph.line, "the graph has no nodes: nothing to import");
        return result;
    }

    // Nodes: label, coordinates; problems are collected so one run lists them all.
    const std::size_t n = g.nodes.size();
    std::map<std::string, std::size_t> nodeIndex;
    std::vector<std::string> labels(n), what(n);
    std::vector<Site> sites(n);
    std::vector<bool> located(n, false);
    std::set<std::string> siteIds;
    std::vector<std::string> halfLocated;
    for (std::size_t i = 0; i < n; ++i) {
        const Element &node = g.nodes[i];
        if (const auto [it, fresh] = nodeIndex.emplace(node.id, i); !fresh)
            fail(node.line, formatText("a second node with the id \"%s\" (the first is on line %d)", node.id.c_str(),
                                       g.nodes[it->second].line));
        const auto label = attribute(g, node, "node", "label");
        // The Zoo's toolset wrote Python's None for nodes it had no name for.
        if (label && trimmed(label->text) != "None")
            labels[i] = trimmed(label->text);
        what[i] = nodeLabel(node, labels[i]);
        std::optional<double> coord[2];
        bool present[2] = {false, false};
        const char *names[2] = {"Latitude", "Longitude"};
        const double limit[2] = {90.0, 180.0};
        for (int c = 0; c < 2; ++c) {
            const auto item = attribute(g, node, "node", names[c]);
            if (!item || trimmed(item->text).empty())
                continue;
            present[c] = true;
            coord[c] = parseNumber(item->text);
            if (!coord[c])
                fail(item->line, formatText("%s: %s \"%s\" is not a number", what[i].c_str(), names[c],
                                            trimmed(item->text).c_str()));
            else if (std::fabs(*coord[c]) > limit[c])
                fail(item->line, formatText("%s: %s %g is outside [-%g, %g] degrees", what[i].c_str(), names[c],
                                            *coord[c], limit[c], limit[c]));
        }
        if (present[0] != present[1])
            halfLocated.push_back(what[i]);
        const std::string base = sanitisedId(labels[i].empty() ? node.id : labels[i]);
        sites[i] = hubSite(uniqueId(base.empty() ? "node" : base, siteIds), labels[i].empty() ? node.id : labels[i],
                           coord[0].value_or(0.0), coord[1].value_or(0.0), catalog);
        located[i] = coord[0] && coord[1];
    }

    // Edges: both ends must be nodes of the graph; self-loops cannot be spans.
    std::vector<std::pair<std::size_t, std::size_t>> links; // node indices, per edge kept
    std::vector<std::optional<double>> linkGbps;            // its LinkSpeedRaw, Gb/s
    std::vector<std::string> selfLoops;
    std::vector<double> speeds; // Gb/s, every edge that has one
    for (const Element &edge : g.edges) {
        std::optional<double> gbps;
        const auto a = nodeIndex.find(edge.source), b = nodeIndex.find(edge.target);
        bool known = true;
        for (const auto &[it, id] : {std::pair{a, &edge.source}, std::pair{b, &edge.target}})
            if (it == nodeIndex.end()) {
                fail(edge.line, formatText("edge from \"%s\" to \"%s\": no node has the id \"%s\"", edge.source.c_str(),
                                           edge.target.c_str(), id->c_str()));
                known = false;
            }
        if (const auto speed = attribute(g, edge, "edge", "LinkSpeedRaw"); speed && !trimmed(speed->text).empty()) {
            const auto bps = parseNumber(speed->text);
            if (!bps || *bps < 0.0)
                fail(speed->line, formatText("edge from \"%s\" to \"%s\": LinkSpeedRaw \"%s\" is not a rate in bit/s",
                                             edge.source.c_str(), edge.target.c_str(), trimmed(speed->text).c_str()));
            else
                speeds.push_back(*(gbps = *bps / 1e9));
        }
        if (!known)
            continue;
        if (a->second == b->second) {
            selfLoops.push_back(what[a->second]);
            continue;
        }
        links.emplace_back(a->second, b->second);
        linkGbps.push_back(gbps);
    }
    if (!result.errors.empty())
        return result;

    // Nodes without coordinates: at their located neighbours' mean; none: dropped with their edges.
    std::vector<std::string> placed = placeAtNeighbourMean(sites, located, links, what);

    Scenario s;
    std::string network, networkKey;
    for (const char *key : {"Network", "label"})
        if (const auto v = attribute(g, g.graph, "graph", key); network.empty() && v && !trimmed(v->text).empty()) {
            network = trimmed(v->text);
            networkKey = key;
        }
    s.name = network.empty() ? fileBaseName(origin) : network;
    std::vector<int> siteOf(n, -1);
    std::vector<std::string> unplaced;
    for (std::size_t i = 0; i < n; ++i) {
        if (!located[i]) {
            unplaced.push_back(what[i]);
            continue;
        }
        siteOf[i] = static_cast<int>(s.sites.size());
        s.sites.push_back(sites[i]);
    }
    std::set<std::string> spanIds;
    int droppedEdges = 0;
    for (std::size_t k = 0; k < links.size(); ++k) {
        const int a = siteOf[links[k].first], b = siteOf[links[k].second];
        if (a < 0 || b < 0) {
            ++droppedEdges;
            continue;
        }
        const Site &sa = s.sites[std::size_t(a)], &sb = s.sites[std::size_t(b)];
        // Parallel edges stay parallel spans: "<a>-<b>", "<a>-<b>-2", ...
        Span span = networkSpan(uniqueId(sa.id + "-" + sb.id, spanIds), sa, sb, catalog, routeFactor);
        if (linkGbps[k])
            span.extensions["x-link-speed-gbps"] = nlohmann::json(*linkGbps[k]).dump();
        s.spans.push_back(std::move(span));
    }
    if (s.sites.empty()) {
        fail(g.graph.line, "no node has coordinates, nor a neighbour with coordinates: nothing to import");
        return result;
    }
    s.description = formatText("Imported from %s (Topology Zoo GraphML)%s: nodes as hub sites (0 GPUs), edges as "
                               "spans of great-circle length x %g.",
                               fileName(origin).c_str(),
                               network.empty() ? "" : (", network \"" + network + "\"").c_str(), routeFactor);

    // The report.
    ImportReport &r = result.report;
    r.kept.push_back(formatText("%zu nodes -> %zu sites (hubs: 0 GPUs, GPU type %s)", n, s.sites.size(),
                                s.sites.front().gpu.c_str()));
    r.kept.push_back(formatText("%zu edges -> %zu spans: length = great circle x route factor %g, %d fiber pair, "
                                "band %s, %d wavelengths",
                                g.edges.size(), s.spans.size(), routeFactor, kFiberPairs,
                                s.spans.empty() ? kBand : s.spans.front().band.c_str(), kWavelengths));
    r.kept.push_back("scenario name \"" + s.name + "\" from the "
                     + (network.empty() ? std::string("file name") : "graph's " + networkKey));
    describeSpans(s, catalog, routeFactor, r);
    r.guessed.insert(r.guessed.begin(), placed.begin(), placed.end());
    if (!halfLocated.empty())
        r.guessed.push_back(formatText("%zu node%s had a Latitude or a Longitude but not both, and were treated as "
                                       "without coordinates: %s",
                                       halfLocated.size(), halfLocated.size() == 1 ? "" : "s",
                                       listFew(halfLocated, 8).c_str()));
    if (!speeds.empty()) {
        const auto [lo, hi] = std::minmax_element(speeds.begin(), speeds.end());
        const std::string range = *lo == *hi ? rateText(*lo) : rateText(*lo) + " to " + rateText(*hi);
        r.dropped.push_back(formatText("%zu edge%s a link speed (%s): noted as x-link-speed-gbps on the span%s, not "
                                       "used: spans get optics instead",
                                       speeds.size(), speeds.size() == 1 ? " carries" : "s carry", range.c_str(),
                                       speeds.size() == 1 ? "" : "s"));
    }
    if (!selfLoops.empty())
        r.dropped.push_back(formatText("%zu edge%s from a node to itself (not a span): %s", selfLoops.size(),
                                       selfLoops.size() == 1 ? "" : "s", listFew(selfLoops, 8).c_str()));
    if (!unplaced.empty())
        r.dropped.push_back(formatText("%zu node%s without coordinates and without a neighbour that has them, "
                                       "dropped with %d edge%s: %s",
                                       unplaced.size(), unplaced.size() == 1 ? "" : "s", droppedEdges,
                                       droppedEdges == 1 ? "" : "s", listFew(unplaced, 8).c_str()));
    if (g.directed)
        r.dropped.push_back("the graph is directed: each edge became one span, which carries both directions");
    if (g.otherGraphs)
        r.dropped.push_back(formatText("%d more graph%s in the file: only the first is imported", g.otherGraphs,
                                       g.otherGraphs == 1 ? "" : "s"));
    if (g.hyperedges)
        r.dropped.push_back(formatText("%d <hyperedge> element%s (not spans)", g.hyperedges,
                                       g.hyperedges == 1 ? "" : "s"));
    int undeclared = 0;
    for (const std::vector<Element> *elements : {&g.nodes, &g.edges})
        for (const Element &element : *elements)
            undeclared += int(std::count_if(element.data.begin(), element.data.end(),
                                            [&](const DataItem &d) { return !g.keys.count(d.key); }));
    if (undeclared)
        r.dropped.push_back(formatText("%d <data> element%s with a key no <key> declares", undeclared,
                                       undeclared == 1 ? "" : "s"));
    std::set<std::string> unused;
    for (const auto &[id, k] : g.keys)
        if ((k.domain == "node" || k.domain == "edge" || k.domain == "all") && k.name != "label"
            && k.name != "Latitude" && k.name != "Longitude" && k.name != "LinkSpeedRaw")
            unused.insert(k.domain + " " + k.name);
    if (!unused.empty())
        r.dropped.push_back("attributes not imported: "
                            + listFew(std::vector<std::string>(unused.begin(), unused.end()), 40));
    result.scenario = std::move(s);
    return result;
}

} // namespace dci
