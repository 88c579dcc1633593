#include "textformat.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <sstream>

namespace dci {

std::string formatText(const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  va_list again;
  va_copy(again, args);
  const int length = std::vsnprintf(nullptr, 0, fmt, args);
  va_end(args);
  std::string out;
  if (length > 0) {
    out.resize(static_cast<std::size_t>(length) + 1);
    std::vsnprintf(out.data(), out.size(), fmt, again);
    out.resize(static_cast<std::size_t>(length));
  }
  va_end(again);
  return out;
}

std::string plainNumber(double v) { return formatText("%.15g", v); }

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

std::string fixedText(double v, int decimals)
{
    if (std::isfinite(v) && std::fabs(v) < 1e15)
        return formatText("%.*f", decimals, v);
    return formatText("%.3g", v);
}

std::string bytesText(double bytes)
{
    if (bytes >= 1e12)
        return formatText("%.2f TB", bytes / 1e12);
    if (bytes >= 1e9)
        return formatText("%.2f GB", bytes / 1e9);
    return formatText("%.2f MB", bytes / 1e6);
}

std::string secondsText(double s)
{
    if (s < 0.0)
        return std::string(1, '-').append(secondsText(-s));
    if (s >= 86400.0 * 2)
        return formatText("%.1f days", s / 86400.0);
    if (s >= 1.0)
        return formatText("%.3f s", s);
    if (s >= 1e-3)
        return formatText("%.3f ms", s * 1e3);
    return formatText("%.1f us", s * 1e6);
}

std::string usd(double v)
{
    if (v < 0.0)
        return std::string(1, '-').append(usd(-v));
    if (v >= 1e9)
        return formatText("$%.2fB", v / 1e9);
    if (v >= 1e6)
        return formatText("$%.2fM", v / 1e6);
    if (v >= 1e3)
        return formatText("$%.1fk", v / 1e3);
    return formatText("$%.0f", v);
}

std::string joinNames(const std::vector<std::string> &names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i)
            out += ", ";
        out += names[i];
    }
    return out.empty() ? "none" : out;
}

std::string inQuotes(const std::string &s)
{
    // Longer than any valid id or name (docs/SCENARIO-FORMAT.md "Bounds"): a message quotes
    // its start and says how long it is, rather than repeating megabytes.
    constexpr std::size_t kLongest = 1000;
    constexpr std::size_t kQuoted = 40;
    std::string out = "\"";
    if (s.size() <= kLongest)
        return out.append(s).append("\"");
    return out.append(printableText(s.substr(0, kQuoted)))
        .append("...\" (")
        .append(withThousands(std::int64_t(s.size())))
        .append(" bytes)");
}

std::size_t jsonTooDeepAt(const std::string &text, int limit)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string::npos;
}

bool looksBinary(const std::string &text)
{
    constexpr std::size_t kHead = 4096;
    constexpr std::size_t kControlShare = 10; // one byte in ten
    const std::size_t n = std::min(text.size(), kHead);
    std::size_t control = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0)
            return true;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
            ++control;
    }
    return n > 0 && control * kControlShare > n;
}

std::string printableText(const std::string &text)
{
    // The length of the printable, well-formed UTF-8 sequence at i, or 0.
    auto sequenceAt = [&text](std::size_t i) -> std::size_t {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80)
            return c >= 0x20 && c < 0x7f ? 1 : 0;
        std::size_t len = 0;
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if ((c >> 4) == 0xE)
            len = 3;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4;
        if (len == 0 || i + len > text.size())
            return 0;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
                return 0;
        return len;
    };
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (const std::size_t len = sequenceAt(i)) {
            out.append(text, i, len);
            i += len;
        } else {
            out += formatText("\\x%02X", static_cast<unsigned char>(text[i]));
            ++i;
        }
    }
    return out;
}

bool validUtf8(const std::string &s)
{
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > n || (len == 2 && c < 0xC2))
            return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        if (len == 3) {
            const auto c1 = static_cast<unsigned char>(s[i + 1]);
            if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0))
                return false;
        } else if (len == 4) {
            const auto c1 = static_cast<unsigned char>(s[i + 1]);
            if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90) || c > 0xF4)
                return false;
        }
        i += len;
    }
    return true;
}

std::string wrapWords(const std::string &text, std::size_t width, const std::string &indent)
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

} // namespace dci
