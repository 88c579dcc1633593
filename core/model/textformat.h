#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dci {

// printf-style formatting into a std::string of whatever length the result
// needs (ids and names in messages can be long; nothing is ever cut off).
std::string formatText(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

// A number as a message or a value list shows it: "2.5", "16777216", "1e+30", "0.3".
std::string plainNumber(double v);

// Figures as the CLI's readable outputs and the HTML report show them.
std::string withThousands(std::int64_t v); // "16,384"
// "%.<decimals>f", or "%.3g" at 1e15 and beyond (and for NaN, infinity): a rate or a
// utilisation from extreme inputs printed hundreds of digits (fuzz: scenario_struct).
std::string fixedText(double v, int decimals); // "1551.2", "2.13e+270"
std::string bytesText(double bytes);       // "1.40 GB", "2.00 TB", "512.00 MB"
std::string secondsText(double s);         // "0.544 s", "3.510 ms", "5.6 days"
std::string usd(double v);                 // "$272.0k", "$1.67M", "-$12.0k"

// Names as messages list them: "a, b, c" ("none" for an empty list), and one in quotes.
std::string joinNames(const std::vector<std::string> &names);
// Text over 1,000 bytes (no valid id or name) is quoted by its start and its length.
std::string inQuotes(const std::string &s);

// The byte where JSON text's arrays and objects first nest deeper than `limit` (strings
// skipped), or npos. The reader checks it before parsing, the validator on extensions.
std::size_t jsonTooDeepAt(const std::string &text, int limit);

// Binary data, not text: a NUL byte, or more than one byte in ten a control character other
// than tab, line feed, form feed or carriage return, in the first 4 KiB. Every file DCI
// Planner reads is text; a program or an archive can still contain "NODES (" or "{".
bool looksBinary(const std::string &text);

// Text as a message can quote it: bytes that are not printable UTF-8 become \xNN, so a
// message about a binary file stays readable (and valid UTF-8) in a terminal or a dialog.
std::string printableText(const std::string &text);

// Well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool validUtf8(const std::string &s);

// Words of text in lines of at most `width` characters (a longer word stands alone), each
// line after `indent` and ending in a newline.
std::string wrapWords(const std::string &text, std::size_t width, const std::string &indent);

} // namespace dci
