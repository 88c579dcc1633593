#pragma once

namespace dci {

// docs/MODEL.md "ECMP elephant flows": how unevenly a few huge flows land on the parallel
// lanes (lit wavelengths x fiber pairs) of a span when each flow is hashed onto one lane
// (5-tuple ECMP). Pure functions: no I/O, deterministic (one process-wide memo of
// expectedHottestLane saves time and changes no figure).

// Expected number of flows on the most loaded of `lanes` lanes when `flows` equal flows are
// hashed independently and uniformly onto them (balls into bins). flows >= 0, lanes >= 1
// (anything else gives NaN). Exact (to ~1e-12 relative) whenever that is cheap, which
// covers every realistic span (from ~1e5 flows on 2 lanes to ~7e6 on 10,000); otherwise a
// seeded Monte Carlo, standard error <= 0.1% up to ~1,000 lanes and <= 0.5% beyond (fewer
// trials fit its time budget); see hottestLaneMethod(). ~25 ms at most for F <= 1e8,
// L <= 1e5, once per (flows, lanes) and process: the figure is remembered (thread-safe).
double expectedHottestLane(int flows, int lanes);

// expectedHottestLane / (flows / lanes): how much hotter the hottest lane runs than the
// mean, i.e. the factor by which the span saturates early. 1.0 when flows == 0 or
// lanes == 1 (packet spraying also gives 1.0). NaN for flows < 0 or lanes < 1.
double ecmpImbalance(int flows, int lanes);

// Which method expectedHottestLane(flows, lanes) uses.
enum class HottestLaneMethod {
    Trivial,    // flows <= 1 or lanes == 1: closed form
    Exact,      // the balls-into-bins distribution, within the exact cost limit
    MonteCarlo, // the exact method would cost too much
    Invalid,    // flows < 0 or lanes < 1
};
HottestLaneMethod hottestLaneMethod(int flows, int lanes);

// The exact method regardless of its cost (tests; the cost grows roughly as
// flows / sqrt(lanes)). NaN for invalid arguments.
double expectedHottestLaneExact(int flows, int lanes);

// The Monte Carlo estimate with exactly `trials` trials (>= 1) from the fixed seed
// (tests; expectedHottestLane chooses its own number of trials). NaN for invalid arguments.
double expectedHottestLaneMonteCarlo(int flows, int lanes, int trials);

} // namespace dci
