#include "textformat.h"

#include <cmath>

#include <cstdarg>
#include <cstdint>
#include <cstdio>

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

std::string inQuotes(const std::string &s) { return "\"" + s + "\""; }

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

} // namespace dci
