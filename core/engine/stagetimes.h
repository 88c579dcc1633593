#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace dci {

// Wall-clock milliseconds of each engine stage of one evaluate(), for `dciplanner-cli
// bench` (docs/PERFORMANCE.md). evaluate() records every stage of kEvaluateStages, 0 for
// one it did not need; a stage run twice (capacity and routing after dimensioning) adds up.
inline constexpr const char *kEvaluateStages[] = {"assumptions", "power",     "geometry", "traffic",
                                                  "capacity",    "routing",   "dimension", "transport",
                                                  "rates",       "timing",    "results",  "cost"};

struct StageTimes {
    std::vector<std::pair<std::string, double>> ms; // in kEvaluateStages order

    void add(const char *stage, double elapsed_ms)
    {
        for (auto &[name, total] : ms)
            if (name == stage) {
                total += elapsed_ms;
                return;
            }
        ms.emplace_back(stage, elapsed_ms);
    }
};

// Adds the time from its construction to its destruction to `stage` (nothing when times is
// null, so the engine's normal path pays one branch).
class StageClock {
public:
    StageClock(StageTimes *times, const char *stage) : m_times(times), m_stage(stage)
    {
        if (m_times)
            m_start = std::chrono::steady_clock::now();
    }
    ~StageClock()
    {
        if (m_times)
            m_times->add(m_stage, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count());
    }
    StageClock(const StageClock &) = delete;
    StageClock &operator=(const StageClock &) = delete;

private:
    StageTimes *m_times;
    const char *m_stage;
    std::chrono::steady_clock::time_point m_start;
};

} // namespace dci
