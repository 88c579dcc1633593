#pragma once

#include <cstdint>
#include <string>

namespace dci {

// printf-style formatting into a std::string of whatever length the result
// needs (ids and names in messages can be long; nothing is ever cut off).
std::string formatText(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

// Numbers as the text reports write them (CLI report, HTML report).
std::string withThousands(std::int64_t v); // 1234567 -> "1,234,567"
std::string bytesText(double bytes);       // "1.40 GB", "2.00 TB", "512.00 MB"
std::string secondsText(double s);         // "1.100 s", "544.000 ms", "3.2 days", "12.0 us"
std::string usd(double v);                 // "$950", "$392.0k", "$2.34M", "$1.20B"

} // namespace dci
