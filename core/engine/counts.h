#pragma once

#include <algorithm>
#include <climits>
#include <cmath>
#include <optional>

namespace dci {

// The one place the engine turns a computed double into a count it holds in an int
// (issue 16: no integer conversion of an unchecked double). A count comes from a formula
// over the plan's figures; the scenario's bounds (docs/SCENARIO-FORMAT.md "Bounds") keep
// it small, but a catalog made by an importer or a formula's divisor can still push it
// past an int or make it NaN, and a cast would then be undefined behaviour.

inline constexpr double kMaxCount = static_cast<double>(INT_MAX);

// v as a count, or none when v is NaN or beyond an int: the caller says what that means.
inline std::optional<int> checkedCount(double v)
{
    if (!(v >= -kMaxCount && v <= kMaxCount)) // false for NaN
        return std::nullopt;
    return static_cast<int>(v);
}

// v as a count held at the int's range (NaN gives 0), for a figure that only has to stay
// at or beyond a limit the caller checks anyway.
inline int clampedCount(double v)
{
    if (std::isnan(v))
        return 0;
    return static_cast<int>(std::clamp(v, -kMaxCount, kMaxCount));
}

} // namespace dci
