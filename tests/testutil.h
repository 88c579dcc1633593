#pragma once

// Helpers shared by the engine tests: read a scenario from JSON text, compare numbers.

#include "io/scenariojson.h"
#include "model/catalog.h"

#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>

namespace dci::test {

// A valid scenario from JSON text; a test that hands in a bad one sees the messages
// (qWarning) and an empty scenario, so its assertions fail visibly.
inline Scenario parse(const std::string &text)
{
    ScenarioLoad load = parseScenario(text, "case.json", Catalog::builtin());
    for (const std::string &e : load.errors)
        qWarning("%s", e.c_str());
    return load.ok() ? *load.scenario : Scenario{};
}

// Equal within a relative 1e-6 (absolute below 1): the worked examples carry 7-8 digits.
inline bool near(double got, double want, double relTol = 1e-6)
{
    return std::fabs(got - want) <= relTol * std::max(1.0, std::fabs(want));
}

} // namespace dci::test

#define QNEAR(got, want)                                                                                            \
    QVERIFY2(dci::test::near((got), (want)),                                                                        \
             qPrintable(QStringLiteral("got %1, want %2").arg((got), 0, 'g', 12).arg((want), 0, 'g', 12)))
