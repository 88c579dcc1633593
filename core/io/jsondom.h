#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dci {

// JSON text parsed into nlohmann's DOM, with every key an object already had noted (JSON
// would keep only the last value; the scenario reader refuses such files).
struct JsonDom {
    nlohmann::json root;
    std::vector<std::string> duplicateKeys; // JSON pointers of the repeated keys
    bool failed = false;                    // a syntax error or a number too large
    std::size_t errorByte = 0;              // where, 1-based, as nlohmann reports it
    int errorId = 0;                        // nlohmann's exception id (406: number overflow)
    std::string errorWhat;
};

// In one pass, linear in the text: nlohmann's parser callback rescanned the parent array
// after every object, which made reading quadratic in an array's length
// (../shared/reliability D09: 100,000 demands took 5.2 s).
JsonDom parseJsonDom(const std::string &text);


// "line L, column C" of a byte of the text (0-based), for messages.
std::string lineAndColumn(const std::string &text, std::size_t at);

} // namespace dci
