#pragma once

// Small plans several tests evaluate, each described where docs/MODEL.md works it through.

#include <string>

namespace dci::test {

// The two-campus sample's plan (docs/MODEL.md "Traffic" worked example): 16,384 H100 each,
// one 100 km span of 8 x 400ZR, the 70B job (overlap 1.0) and a 100 Gbps checkpoint copy.
inline const std::string kTwoCampuses = R"({"format": "dci-scenario", "version": 1, "name": "two",
  "sites": [{"id": "a", "lat": 41.26, "lon": -95.86, "gpus": 16384}, {"id": "b", "lat": 40.81, "lon": -96.70, "gpus": 16384}],
  "spans": [{"id": "a-b", "a": "a", "b": "b", "length_km": 100, "optic": "400ZR", "wavelengths": 8}],
  "demands": [{"from": "a", "to": "b", "gbps": 100, "label": "checkpoint copy"}],
  "job": {"model_params": 70e9, "tokens_per_step": 16777216, "mfu": 0.4, "grad_bytes": 2, "overlap": 1.0},
  "routing": {"load_balancing": "spray"}})";

// docs/MODEL.md "Resilience", shared-risk groups: a ring A-B-C-D-A of 100 km 400ZR spans (8
// wavelengths, 3,200 Gbps; metric 490 each) with a 300 km chord A-C of 4 x OpenZR+ 400G
// (1,600 Gbps; metric 1,470). AB and CD run in one conduit ("conduit-x"); CD and DA cross
// one bridge ("bridge-y"). A -> B 2,000 and D -> C 1,000 Gbps, shortest routing.
inline const std::string kRingWithGroups = R"({"format": "dci-scenario", "version": 1,
  "sites": [{"id": "A", "lat": 40, "lon": -90}, {"id": "B", "lat": 40, "lon": -89}, {"id": "C", "lat": 41, "lon": -89},
            {"id": "D", "lat": 41, "lon": -90}],
  "spans": [{"id": "AB", "a": "A", "b": "B", "length_km": 100, "wavelengths": 8, "srlg": ["conduit-x"]},
            {"id": "BC", "a": "B", "b": "C", "length_km": 100, "wavelengths": 8},
            {"id": "CD", "a": "C", "b": "D", "length_km": 100, "wavelengths": 8, "srlg": ["conduit-x", "bridge-y"]},
            {"id": "DA", "a": "D", "b": "A", "length_km": 100, "wavelengths": 8, "srlg": ["bridge-y"]},
            {"id": "AC", "a": "A", "b": "C", "length_km": 300, "optic": "OpenZR+ 400G", "wavelengths": 4}],
  "demands": [{"from": "A", "to": "B", "gbps": 2000}, {"from": "D", "to": "C", "gbps": 1000}],
  "routing": {"policy": "shortest", "load_balancing": "spray"}})";

} // namespace dci::test
