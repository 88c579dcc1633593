#pragma once

#include <QString>

namespace dci {

// The words the Properties dock and the undo texts share for the scenario's keys, so a
// field's label, its refusal and the undo step name a value the same way.

// Display names of the format's keywords: "hierarchical" -> "Hierarchical all-reduce",
// "ecmp" -> "ECMP (equal-cost paths)"; the keyword itself when it has none.
QString friendlyName(const QString &keyword);

// A job number's name in messages and undo texts: "mfu" -> "MFU", "model_params" -> "model
// parameters"; the key itself for another.
QString jobNumberName(const QString &key);

// A keyword field's name: "strategy", "dc_pattern" -> "DC pattern", "transport" (the job's);
// "policy" -> "routing policy", "load_balancing" -> "load balancing" (the routing's).
QString keywordFieldName(const QString &key);

// "mfu" -> "MFU", "model parameters" -> "Model parameters": a name as a message starts.
QString capitalised(const QString &name);

} // namespace dci
