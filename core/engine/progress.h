#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

namespace dci {

// How an analysis made of many evaluations (failure cases, sweep points) reports progress
// and is stopped, e.g. from a GUI thread while it runs on a worker. Both parts are optional.
struct Progress {
    std::function<void(std::size_t done, std::size_t total)> onStep; // after each evaluation
    const std::atomic<bool> *cancel = nullptr;                        // set to stop early

    bool cancelled() const { return cancel && cancel->load(); }
    void step(std::size_t done, std::size_t total) const
    {
        if (onStep)
            onStep(done, total);
    }
};

} // namespace dci
