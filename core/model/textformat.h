#pragma once

#include <string>

namespace dci {

// printf-style formatting into a std::string of whatever length the result
// needs (ids and names in messages can be long; nothing is ever cut off).
std::string formatText(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

} // namespace dci
