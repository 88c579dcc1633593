// A lesson's checks and placeholders (docs/LESSONS.md "Checks", "Placeholders"): figures
// named as `dciplanner-cli explain` names them, REF FIGURE, valued by the explain trace so
// a lesson reads exactly the number the Explain dock shows.

#include "lesson/lesson.h"

#include "engine/explain.h"
#include "model/textformat.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <memory>

namespace dci {

namespace {

constexpr double kPercent = 100.0;
// Two figures compared with == are equal within this relative tolerance (the engine's
// numbers are sums of doubles; a lesson compares what a person reads).
constexpr double kEqualRelTolerance = 1e-9;
constexpr std::size_t kMaxCheckBytes = 2000;
constexpr int kMaxCheckDepth = 20;

struct Operand {
    bool isNumber = false;
    double number = 0.0;
    std::string ref, figure; // a figure: REF FIGURE
    std::string text() const { return isNumber ? plainNumber(number) : ref + " " + figure; }
};

struct Node {
    enum class Kind { Compare, And, Or } kind = Kind::Compare;
    Operand left, right;
    std::string op;
    std::string written; // the comparison as written
    std::unique_ptr<Node> a, b;
};

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isOpChar(char c) { return c == '<' || c == '>' || c == '=' || c == '!'; }

// A number as written in a check: 0.9, 1e-3, 90% (= 0.9), -2.
std::optional<double> numberWord(const std::string &word)
{
    std::string w = word;
    double scale = 1.0;
    if (!w.empty() && w.back() == '%') {
        w.pop_back();
        scale = 1.0 / kPercent;
    }
    if (w.empty() || !(std::isdigit(static_cast<unsigned char>(w[0])) || w[0] == '-' || w[0] == '+' || w[0] == '.'))
        return std::nullopt;
    char *end = nullptr;
    const double v = std::strtod(w.c_str(), &end);
    if (end != w.c_str() + w.size() || !std::isfinite(v))
        return std::nullopt;
    return v * scale;
}

class CheckParser {
public:
    explicit CheckParser(const std::string &text) : m_text(text) { tokenize(); }

    std::unique_ptr<Node> parse(std::string &error)
    {
        if (!m_error.empty()) {
            error = m_error;
            return nullptr;
        }
        if (m_tokens.empty()) {
            error = "the check is empty; expected e.g. \"job efficiency >= 0.9\"";
            return nullptr;
        }
        auto node = parseOr(0);
        if (node && m_pos < m_tokens.size())
            fail("unexpected " + inQuotes(m_tokens[m_pos].text) + " after a complete comparison; expected and, or");
        if (!m_error.empty()) {
            error = m_error;
            return nullptr;
        }
        return node;
    }

private:
    struct Token {
        std::string text;
        std::size_t at = 0;
    };

    void tokenize()
    {
        if (m_text.size() > kMaxCheckBytes) {
            m_error = "the check is " + std::to_string(m_text.size()) + " bytes; at most "
                + std::to_string(kMaxCheckBytes);
            return;
        }
        std::size_t i = 0;
        while (i < m_text.size()) {
            const char c = m_text[i];
            if (isSpace(c)) {
                ++i;
            } else if (c == '(' || c == ')') {
                m_tokens.push_back({std::string(1, c), i});
                ++i;
            } else if (isOpChar(c)) {
                std::size_t j = i;
                while (j < m_text.size() && isOpChar(m_text[j]))
                    ++j;
                m_tokens.push_back({m_text.substr(i, j - i), i});
                i = j;
            } else {
                std::size_t j = i;
                // "demand:FROM>TO" keeps its ">": a ref, not a comparison.
                const bool demandRef = m_text.compare(i, 7, "demand:") == 0;
                auto inWord = [&](std::size_t k) {
                    const char ch = m_text[k];
                    if (isSpace(ch) || ch == '(' || ch == ')')
                        return false;
                    if (!isOpChar(ch))
                        return true;
                    return demandRef && ch == '>' && k + 1 < m_text.size() && !isSpace(m_text[k + 1])
                        && !isOpChar(m_text[k + 1]) && m_text[k + 1] != '(';
                };
                while (j < m_text.size() && inWord(j))
                    ++j;
                m_tokens.push_back({m_text.substr(i, j - i), i});
                i = j;
            }
        }
    }

    void fail(const std::string &message)
    {
        if (m_error.empty())
            m_error = message;
    }
    bool atWord(const char *word) const { return m_pos < m_tokens.size() && m_tokens[m_pos].text == word; }
    std::string where() const
    {
        return m_pos < m_tokens.size() ? "at " + inQuotes(m_tokens[m_pos].text) + " (column "
                + std::to_string(m_tokens[m_pos].at + 1) + ")"
                                       : "at the end";
    }

    std::unique_ptr<Node> parseOr(int depth)
    {
        auto left = parseAnd(depth);
        while (left && atWord("or")) {
            ++m_pos;
            auto node = std::make_unique<Node>();
            node->kind = Node::Kind::Or;
            node->a = std::move(left);
            node->b = parseAnd(depth);
            if (!node->b)
                return nullptr;
            left = std::move(node);
        }
        return left;
    }
    std::unique_ptr<Node> parseAnd(int depth)
    {
        auto left = parsePrimary(depth);
        while (left && atWord("and")) {
            ++m_pos;
            auto node = std::make_unique<Node>();
            node->kind = Node::Kind::And;
            node->a = std::move(left);
            node->b = parsePrimary(depth);
            if (!node->b)
                return nullptr;
            left = std::move(node);
        }
        return left;
    }
    std::unique_ptr<Node> parsePrimary(int depth)
    {
        if (depth > kMaxCheckDepth) {
            fail("brackets nested deeper than " + std::to_string(kMaxCheckDepth));
            return nullptr;
        }
        if (atWord("(")) {
            ++m_pos;
            auto inner = parseOr(depth + 1);
            if (!inner)
                return nullptr;
            if (!atWord(")")) {
                fail("expected \")\" " + where());
                return nullptr;
            }
            ++m_pos;
            return inner;
        }
        auto node = std::make_unique<Node>();
        const std::size_t from = m_pos < m_tokens.size() ? m_tokens[m_pos].at : m_text.size();
        if (!parseOperand(node->left))
            return nullptr;
        static const char *ops[] = {"<=", ">=", "<", ">", "==", "!="};
        bool known = false;
        if (m_pos < m_tokens.size())
            for (const char *op : ops)
                known = known || m_tokens[m_pos].text == op;
        if (!known) {
            fail("expected a comparison (<=, >=, <, >, ==, !=) " + where());
            return nullptr;
        }
        node->op = m_tokens[m_pos++].text;
        if (!parseOperand(node->right))
            return nullptr;
        const std::size_t to = m_tokens[m_pos - 1].at + m_tokens[m_pos - 1].text.size();
        node->written = m_text.substr(from, to - from);
        if (node->left.isNumber && node->right.isNumber) {
            fail("\"" + node->written + "\" compares two numbers; one side must be a figure (REF FIGURE)");
            return nullptr;
        }
        return node;
    }
    bool parseOperand(Operand &operand)
    {
        if (m_pos >= m_tokens.size() || m_tokens[m_pos].text == "(" || m_tokens[m_pos].text == ")"
            || isOpChar(m_tokens[m_pos].text[0])) {
            fail("expected a figure (REF FIGURE, e.g. \"job efficiency\") or a number " + where());
            return false;
        }
        const std::string &word = m_tokens[m_pos].text;
        if (const auto v = numberWord(word)) {
            operand.isNumber = true;
            operand.number = *v;
            ++m_pos;
            return true;
        }
        if (word == "and" || word == "or") {
            fail("expected a figure or a number " + where());
            return false;
        }
        ++m_pos;
        const bool figureFollows = m_pos < m_tokens.size() && m_tokens[m_pos].text != "(" && m_tokens[m_pos].text != ")"
            && !isOpChar(m_tokens[m_pos].text[0]) && m_tokens[m_pos].text != "and" && m_tokens[m_pos].text != "or";
        if (!figureFollows) {
            fail("expected a figure after " + inQuotes(word) + " " + where()
                 + " (REF FIGURE, e.g. \"span:a-b utilization\")");
            return false;
        }
        operand.ref = word;
        operand.figure = m_tokens[m_pos++].text;
        return true;
    }

    const std::string &m_text;
    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    std::string m_error;
};

bool compare(double a, const std::string &op, double b)
{
    const double tolerance = kEqualRelTolerance * std::max(std::fabs(a), std::fabs(b));
    if (op == "<=")
        return a <= b + tolerance;
    if (op == ">=")
        return a + tolerance >= b;
    if (op == "<")
        return a < b - tolerance;
    if (op == ">")
        return a > b + tolerance;
    if (op == "==")
        return std::fabs(a - b) <= tolerance;
    return std::fabs(a - b) > tolerance;
}

struct Evaluator {
    const Scenario &scenario;
    const Catalog &base;
    const Results &results;
    CheckOutcome &out;

    std::optional<FigureValue> value(const Operand &o, std::string &text)
    {
        if (o.isNumber) {
            text = plainNumber(o.number);
            return FigureValue{o.number, "", text};
        }
        std::string error;
        auto v = figureValue(o.ref + " " + o.figure, scenario, base, results, error);
        if (!v) {
            if (out.error.empty())
                out.error = error;
            text = o.text() + " is unknown";
            return std::nullopt;
        }
        text = o.text() + " is " + v->text;
        return v;
    }

    bool run(const Node &n)
    {
        if (n.kind == Node::Kind::And) {
            const bool a = run(*n.a);
            const bool b = run(*n.b); // both, so every comparison is listed
            return a && b;
        }
        if (n.kind == Node::Kind::Or) {
            const bool a = run(*n.a);
            const bool b = run(*n.b);
            return a || b;
        }
        CheckTerm term;
        term.text = n.written;
        std::string lt, rt;
        const auto l = value(n.left, lt);
        const auto r = value(n.right, rt);
        term.passed = l && r && compare(l->value, n.op, r->value);
        term.actual = n.left.isNumber ? rt : n.right.isNumber ? lt : lt + ", " + rt;
        out.terms.push_back(term);
        return term.passed;
    }
};

// Three significant digits, thousands grouped from 1,000 on: "2.06", "28.1", "1,318".
std::string significant(double v)
{
    const double a = std::fabs(v);
    if (a >= 1000.0)
        return (v < 0 ? "-" : "") + withThousands(static_cast<std::int64_t>(std::llround(a)));
    const int decimals = a >= 100.0 ? 0 : a >= 10.0 ? 1 : a >= 1.0 ? 2 : a >= 0.1 ? 3 : a >= 0.01 ? 4 : 5;
    if (a != 0.0 && a < 1e-5)
        return formatText("%.2g", v);
    std::string out = formatText("%.*f", decimals, v);
    if (out.find('.') != std::string::npos) {
        out.erase(out.find_last_not_of('0') + 1);
        if (out.back() == '.')
            out.pop_back();
    }
    return out;
}

// A figure as lesson text reads it: bytes in MB/GB/TB, seconds in s/ms/us, dollars as
// $1.32M, small shares with their digits ("0.03 %"); otherwise as the Explain dock writes it.
std::string readableText(double value, const std::string &unit, const std::string &explainText)
{
    if (unit == "B") {
        if (std::fabs(value) < 1e6)
            return significant(value / 1e3) + " kB";
        return bytesText(value);
    }
    if (unit == "s")
        return secondsText(value);
    if (unit == "USD")
        return usd(value);
    if (unit == "USD/year")
        return usd(value) + " a year";
    if (unit == "ratio" && value != 0.0 && std::fabs(value) < 1e-3)
        return significant(value * kPercent) + " %";
    return explainText;
}

struct UnitConversion {
    const char *from; // the figure's unit
    const char *to;   // the unit asked for
    double factor;
};
// {REF FIGURE UNIT}: the conversions a lesson may ask for.
constexpr UnitConversion kConversions[] = {
    {"Gb/s", "Tb/s", 1e-3}, {"Gb/s", "Gb/s", 1.0},   {"s", "ms", 1e3},       {"s", "us", 1e6},
    {"s", "s", 1.0},        {"ms", "ms", 1.0},       {"ms", "us", 1e3},      {"B", "GB", 1e-9},
    {"B", "TB", 1e-12},     {"B", "MB", 1e-6},       {"USD", "$M", 1e-6},    {"USD", "$B", 1e-9},
    {"ratio", "%", kPercent}, {"MW", "MW", 1.0},     {"MW", "GW", 1e-3},     {"km", "km", 1.0},
};

std::optional<std::string> converted(const FigureValue &v, const std::string &unit, std::string &error)
{
    std::string offered;
    for (const UnitConversion &c : kConversions) {
        if (v.unit != c.from)
            continue;
        if (unit == c.to) {
            const std::string number = significant(v.value * c.factor);
            if (unit[0] == '$')
                return "$" + number + unit.substr(1);
            return number + " " + unit;
        }
        offered += (offered.empty() ? "" : ", ") + std::string(c.to);
    }
    error = "cannot write a figure in " + (v.unit.empty() ? std::string("no unit") : v.unit) + " as " + inQuotes(unit)
        + (offered.empty() ? "" : "; expected one of " + offered);
    return std::nullopt;
}

} // namespace

std::string checkSyntaxProblem(const std::string &check)
{
    std::string error;
    CheckParser(check).parse(error);
    return error;
}

CheckOutcome evaluateCheck(const std::string &check, const Scenario &scenario, const Catalog &base,
                           const Results &results)
{
    CheckOutcome out;
    std::string error;
    const auto tree = CheckParser(check).parse(error);
    if (!tree) {
        out.error = error;
        return out;
    }
    Evaluator evaluator{scenario, base, results, out};
    out.passed = evaluator.run(*tree) && out.error.empty();
    return out;
}

std::optional<FigureValue> figureValue(const std::string &reference, const Scenario &scenario,
                                       const Catalog &base, const Results &results, std::string &error)
{
    const std::string ref = reference.substr(0, reference.find(' '));
    const std::string figure = reference.find(' ') == std::string::npos ? "" : reference.substr(reference.find(' ') + 1);
    if (ref.empty() || figure.empty() || figure.find(' ') != std::string::npos) {
        error = inQuotes(reference) + ": expected REF FIGURE, e.g. \"job efficiency\" or \"span:a-b utilization\"";
        return std::nullopt;
    }
    if (figure == "errors" || figure == "warnings") {
        // The Diagnostics of an element (or of the whole plan) of one severity, counted.
        const Severity severity = figure == "errors" ? Severity::Error : Severity::Warning;
        std::string element;
        if (ref != "plan") {
            const std::optional<ElementRef> resolved = resolveRef(scenario, results, ref, error);
            if (!resolved) {
                error = inQuotes(reference) + ": " + error;
                return std::nullopt;
            }
            if (resolved->kind == "demand" || resolved->kind == "cost") {
                error = inQuotes(reference) + ": diagnostics belong to a site, a span, the job or the plan";
                return std::nullopt;
            }
            element = resolved->kind == "job" ? "job" : resolved->id;
        }
        double count = 0.0;
        for (const Diagnostic &d : results.diagnostics)
            if (d.severity == severity && (ref == "plan" || d.element == element))
                count += 1.0;
        return FigureValue{count, "", plainNumber(count)};
    }
    if (ref == "plan") {
        error = inQuotes(reference) + ": the plan as a whole has the figures errors and warnings (its diagnostics)";
        return std::nullopt;
    }
    const Explanation e = explainFigure(scenario, base, results, ref, figure);
    if (!e.ok()) {
        error = inQuotes(reference) + ": " + (e.errors.empty() ? "nothing to explain" : e.errors.front());
        return std::nullopt;
    }
    const Trace &t = e.traces.front();
    if (!t.has_value || !std::isfinite(t.value)) {
        error = inQuotes(reference) + ": the plan has no value for it (" + traceValueText(t) + ")";
        return std::nullopt;
    }
    return FigureValue{t.value, t.unit, readableText(t.value, t.unit, traceValueText(t))};
}

std::string fillPlaceholders(const std::string &text, const Scenario &scenario, const Catalog &base,
                             const Results &results, std::vector<std::string> *errors)
{
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find('{', i);
        if (open == std::string::npos) {
            out.append(text, i, std::string::npos);
            break;
        }
        out.append(text, i, open - i);
        const std::size_t close = text.find('}', open);
        if (close == std::string::npos) {
            if (errors)
                errors->push_back("a \"{\" without its \"}\": write {REF FIGURE}");
            out.append(text, open, std::string::npos);
            break;
        }
        const std::string inner = text.substr(open + 1, close - open - 1);
        std::string error;
        std::string reference = inner;
        // Collapse runs of blanks: "{job  efficiency}" reads as "{job efficiency}".
        std::string collapsed;
        for (char c : reference) {
            if (isSpace(c)) {
                if (!collapsed.empty() && collapsed.back() != ' ')
                    collapsed += ' ';
            } else {
                collapsed += c;
            }
        }
        while (!collapsed.empty() && collapsed.back() == ' ')
            collapsed.pop_back();
        // A third word asks for a unit: {span:a-b load_gbps Tb/s}.
        std::string unit;
        if (std::count(collapsed.begin(), collapsed.end(), ' ') == 2) {
            unit = collapsed.substr(collapsed.rfind(' ') + 1);
            collapsed.erase(collapsed.rfind(' '));
        }
        std::optional<std::string> text;
        if (const auto v = figureValue(collapsed, scenario, base, results, error))
            text = unit.empty() ? v->text : converted(*v, unit, error);
        if (text) {
            out += *text;
        } else {
            if (errors)
                errors->push_back("{" + inner + "}: " + error);
            out += "{" + inner + "?}";
        }
        i = close + 1;
    }
    return out;
}

} // namespace dci
