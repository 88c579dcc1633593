// Two plans side by side (core/io/compare.h, CLI diff): headline figures and their
// differences, changed settings, sites, spans and demands, checked against separate
// evaluations of each plan.
#include "engine/evaluate.h"
#include "io/compare.h"

#include "plans.h"
#include "testutil.h"

#include <QTest>

using namespace dci;
using dci::test::kTwoCampuses;
using dci::test::parse;

namespace {

Comparison compare(const Scenario &a, const Scenario &b)
{
    return comparePlans(a, evaluate(a, Catalog::builtin()), b, evaluate(b, Catalog::builtin()));
}

const FigureDiff &figure(const Comparison &c, const std::string &name)
{
    for (const FigureDiff &f : c.headline)
        if (f.figure == name)
            return f;
    qFatal("no figure %s", name.c_str());
}

} // namespace

class TstCompare : public QObject {
    Q_OBJECT

private slots:
    void planWithItselfHasNoDifferences();
    void changedSpanSiteAndDemands();
    void jobDemandsMatchAcrossStrategies();
    void utilisationAloneMarksASpan();
    void settingsAndAddedElements();
};

void TstCompare::planWithItselfHasNoDifferences()
{
    const Scenario plan = parse(kTwoCampuses);
    const Comparison c = compare(plan, plan);
    QVERIFY(c.identical());
    QVERIFY(c.settings.empty() && c.sites.empty() && c.spans.empty() && c.demands.empty());
    for (const FigureDiff &f : c.headline) {
        QVERIFY2(!f.differs(), f.figure.c_str());
        if (f.difference())
            QCOMPARE(*f.difference(), 0.0);
    }
    QNEAR(*figure(c, "capex_usd").a, 272000.0); // docs/MODEL.md "Cost" worked example
    QCOMPARE(*figure(c, "modules:400ZR").a, 16.0);
    const std::string text = comparisonReport(c, "A.json", "A.json");
    QVERIFY2(text.find("No differences") != std::string::npos, text.c_str());
}

// B lights 16 wavelengths and gives campus b twice the GPUs: each figure is that of B
// evaluated alone, the span lists its field and utilisation, the site its GPUs.
void TstCompare::changedSpanSiteAndDemands()
{
    const Scenario a = parse(kTwoCampuses);
    Scenario b = a;
    b.spans[0].wavelengths = 16;
    b.sites[1].gpus = 32768;
    const Results ra = evaluate(a, Catalog::builtin()), rb = evaluate(b, Catalog::builtin());
    const Comparison c = comparePlans(a, ra, b, rb);
    QVERIFY(!c.identical());
    QVERIFY(c.settings.empty());

    QNEAR(*figure(c, "capex_usd").difference(), *rb.cost.capex_usd - *ra.cost.capex_usd);
    QNEAR(*figure(c, "efficiency").b, *rb.job.efficiency);
    QNEAR(*figure(c, "gpus").difference(), 16384.0);
    QNEAR(*figure(c, "modules:400ZR").difference(), 16.0); // 2 x 8 more lit wavelengths

    QCOMPARE(c.spans.size(), std::size_t(1));
    const ElementChange &span = c.spans[0];
    QCOMPARE(span.change, std::string("changed"));
    QCOMPARE(span.fields.size(), std::size_t(1));
    QCOMPARE(span.fields[0].field, std::string("wavelengths"));
    QCOMPARE(span.fields[0].a, std::string("8"));
    QCOMPARE(span.fields[0].b, std::string("16"));
    QNEAR(*span.utilization_a, *ra.spans[0].utilization);
    QNEAR(*span.utilization_b, *rb.spans[0].utilization);

    QCOMPARE(c.sites.size(), std::size_t(1));
    QCOMPARE(c.sites[0].id, std::string("b"));
    QCOMPARE(c.sites[0].fields[0].field, std::string("gpus"));

    // The job's demands change (a shorter step needs more Gb/s); the copy does not.
    QCOMPARE(c.demands.size(), std::size_t(2));
    for (const DemandChange &d : c.demands) {
        QCOMPARE(d.source, std::string("job"));
        QCOMPARE(d.change, std::string("changed"));
    }
    QNEAR(*c.demands[0].gbps_a, ra.demands[0].gbps);
    QNEAR(*c.demands[0].gbps_b, rb.demands[0].gbps);
}

// A job demand is matched by its ends, so a change of strategy shows as a change of rate.
void TstCompare::jobDemandsMatchAcrossStrategies()
{
    const Scenario a = parse(kTwoCampuses);
    Scenario b = a;
    b.job->strategy = "diloco";
    const Comparison c = compare(a, b);
    QCOMPARE(c.settings.size(), std::size_t(1));
    QCOMPARE(c.settings[0].field, std::string("job/strategy"));
    QCOMPARE(c.settings[0].b, std::string("\"diloco\""));
    QCOMPARE(c.demands.size(), std::size_t(2));
    QCOMPARE(c.demands[0].change, std::string("changed"));
    QNEAR(*c.demands[0].gbps_a, 2060.4166667); // 140 GB per 0.5436 s step
    QNEAR(*c.demands[0].gbps_b, 1030.2083333); // 70 GB of int8 pseudo-gradient in one step
}

// Failing a parallel path changes no field of the span that takes its traffic, but its
// utilisation: it is listed with no fields.
void TstCompare::utilisationAloneMarksASpan()
{
    Scenario a = parse(kTwoCampuses);
    a.spans.push_back(a.spans[0]);
    a.spans[1].id = "a-b-2";
    a.routing.policy = "ecmp";
    Scenario b = a;
    b.spans[1].down = true;
    const Comparison c = compare(a, b);
    QCOMPARE(c.spans.size(), std::size_t(2));
    QCOMPARE(c.spans[0].id, std::string("a-b"));
    QVERIFY(c.spans[0].fields.empty());
    QNEAR(*c.spans[0].utilization_b, 2.0 * *c.spans[0].utilization_a);
    QCOMPARE(c.spans[1].fields[0].field, std::string("down"));
    QVERIFY(!c.spans[1].utilization_b);
}

void TstCompare::settingsAndAddedElements()
{
    const Scenario a = parse(kTwoCampuses);
    Scenario b = a;
    b.assumptions.figures["loss_rate"] = 1e-4;
    Site c3 = b.sites[1];
    c3.id = "c";
    b.sites.push_back(c3);
    Span bc = b.spans[0];
    bc.id = "b-c";
    bc.a = "b";
    bc.b = "c";
    b.spans.push_back(bc);
    b.demands.clear();
    const Comparison c = compare(a, b);
    QCOMPARE(c.settings.size(), std::size_t(1));
    QCOMPARE(c.settings[0].field, std::string("assumptions/loss_rate"));
    QCOMPARE(c.settings[0].a, std::string()); // absent in A
    QCOMPARE(c.sites.back().id, std::string("c"));
    QCOMPARE(c.sites.back().change, std::string("added"));
    QCOMPARE(c.spans.back().id, std::string("b-c"));
    QCOMPARE(c.spans.back().change, std::string("added"));
    QVERIFY(!c.spans.back().utilization_a);
    const auto removed = std::find_if(c.demands.begin(), c.demands.end(),
                                      [](const DemandChange &d) { return d.source == "explicit"; });
    QVERIFY(removed != c.demands.end());
    QCOMPARE(removed->change, std::string("removed"));
    QCOMPARE(removed->label, std::string("checkpoint copy"));
    QVERIFY(!removed->gbps_b);
    // Three DCs now: six job demands against two, the new four added.
    QCOMPARE(std::count_if(c.demands.begin(), c.demands.end(), [](const DemandChange &d) { return d.change == "added"; }),
             4L);
}

QTEST_GUILESS_MAIN(TstCompare)
#include "tst_compare.moc"
