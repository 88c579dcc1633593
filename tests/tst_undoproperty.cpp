// Undo/redo property (issue 16 item 5): seeded, reproducible random sequences of every kind
// of edit the app makes (the Editor's edits:: calls, assumption overrides and their
// clearing, adds and removes, and an import, which starts a new undo history) on random
// plans: generated ones (core/engine/generate, three routing policies), the shipped real
// networks imported as a user imports them, and every sample. Each edit goes through
// Document::applyEdit as in the app, refused ones included. After every sequence:
// - undoing step by step gives, at each step, the saved bytes recorded before that edit,
//   and at the end the bytes the plan started with;
// - the results after undoing everything equal a fresh evaluation of the plan;
// - redoing everything gives the final bytes, and results equal a fresh evaluation again.
// A failure prints the plan, the sequence and the step, which reproduce it (fixed seeds).
#include "document.h"
#include "edit/edits.h"
#include "engine/evaluate.h"
#include "engine/generate.h"
#include "io/importer.h"
#include "io/resultsjson.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include <QDir>
#include <QTest>
#include <QUndoStack>

#include <cstdint>
#include <functional>
#include <optional>

using namespace dci;

namespace {

// xorshift64: our own generator, so the sequences are the same on every platform.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed ? seed : 1) {}
    std::uint64_t below(std::uint64_t n)
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return m_state % n;
    }
    template <typename T, std::size_t N> const T &pick(const T (&items)[N]) { return items[below(N)]; }

private:
    std::uint64_t m_state;
};

struct StartPlan {
    QString name;
    Scenario scenario;
    bool imported = false; // adopted as an import is (a new, unsaved undo history)
};

std::vector<StartPlan> startPlans()
{
    const Catalog &catalog = Catalog::builtin();
    std::vector<StartPlan> plans;
    for (const QString &name : QDir(QStringLiteral(DCI_SOURCE_DIR "/samples"))
                                   .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const ScenarioLoad load =
            readScenarioFile(QStringLiteral(DCI_SOURCE_DIR "/samples/%1").arg(name).toStdString(), catalog);
        if (!load.ok())
            qFatal("sample %s does not read", qPrintable(name));
        plans.push_back({name, *load.scenario});
    }
    int seed = 1;
    for (const char *routing : kRoutingPolicies)
        for (int k = 0; k < 2; ++k, ++seed) {
            GenerateOptions o;
            o.sites = 10 + 4 * k;
            o.spans = 16 + 6 * k;
            o.gpu_sites = 3 + k;
            o.seed = std::uint64_t(seed);
            o.routing = routing;
            if (generateProblem(o))
                qFatal("generate options refused");
            plans.push_back({QStringLiteral("generated %1 seed %2").arg(QString::fromLatin1(routing)).arg(seed),
                             generatePlan(o, catalog)});
        }
    for (const char *file : {"topologyzoo/Abilene.graphml", "topologyzoo/Dfn.graphml", "topologyzoo/Geant2009.graphml",
                             "gnpy/CORONET_CONUS_Topology.json"}) {
        const ImportResult r = importFile(std::string(DCI_NETWORKS_DIR "/") + file, ImportFormat::Auto, catalog,
                                          ImportOptions{});
        if (!r.ok() || !r.scenario)
            qFatal("%s does not import", file);
        plans.push_back({QStringLiteral("import %1").arg(QString::fromLatin1(file)), *r.scenario, true});
    }
    for (const char *file : {"nordic.txt"}) {
        const ImportResult r = importFile(std::string(DCI_TEST_DATA_DIR "/sndlib/") + file, ImportFormat::Auto,
                                          catalog, ImportOptions{});
        if (!r.ok() || !r.scenario)
            qFatal("%s does not import", file);
        plans.push_back({QStringLiteral("import sndlib %1").arg(QString::fromLatin1(file)), *r.scenario, true});
    }
    return plans;
}

// One random edit of the plan, of one of 28 kinds, with values a user could type (some
// refused: out of range, unknown names). nullopt when the kind does not apply.
std::optional<Scenario> randomEdit(const Scenario &s, Random &rnd, const Catalog &catalog)
{
    if (s.sites.empty())
        return std::nullopt;
    const Site &site = s.sites[rnd.below(s.sites.size())];
    const Span *span = s.spans.empty() ? nullptr : &s.spans[rnd.below(s.spans.size())];
    std::optional<Scenario> after;
    const auto take = [&after](const edits::Edited &edited) {
        if (edited.ok())
            after = edited.scenario;
    };
    const double scale[] = {0.0, 0.5, 1.0, 2.0, 1e9};
    const std::vector<std::string> figures = catalog.figureKeys();
    std::string id;
    switch (rnd.below(28)) {
    case 0: after = edits::moveSites(s, {{site.id, site.lat + 0.25, site.lon - 0.25}}); break;
    case 1: take(edits::setSiteGpus(s, site.id, double(rnd.below(6) * 4096))); break;
    case 2: take(edits::setSiteGpuType(s, catalog, site.id, catalog.gpus[rnd.below(catalog.gpus.size())].name)); break;
    case 3: take(edits::setSiteName(s, site.id, rnd.below(2) ? "Renamed " + site.id : "")); break;
    case 4: take(edits::setSitePosition(s, site.id, site.lat - 1.0, site.lon + 1.0)); break;
    case 5: take(edits::setSitePowerCap(s, site.id, rnd.below(3) ? std::optional(double(50 + rnd.below(500))) : std::nullopt)); break;
    case 6: take(edits::setSitePue(s, site.id, rnd.below(3) ? std::optional(1.0 + 0.1 * double(rnd.below(8))) : std::nullopt)); break;
    case 7: take(edits::setSiteRegion(s, site.id, rnd.below(2) ? "east" : "")); break;
    case 8: take(edits::setSiteDown(s, site.id, !site.down)); break;
    case 9: if (span) take(edits::setSpanLength(s, span->id, rnd.below(4) ? std::optional(double(5 + rnd.below(3000))) : std::nullopt)); break;
    case 10: if (span) take(edits::setSpanOptic(s, catalog, span->id, catalog.optics[rnd.below(catalog.optics.size())].name)); break;
    case 11: if (span) take(edits::setSpanBand(s, catalog, span->id, catalog.bands[rnd.below(catalog.bands.size())].name)); break;
    case 12: if (span) take(edits::setSpanFiberPairs(s, span->id, rnd.below(4) ? std::optional(double(1 + rnd.below(8))) : std::nullopt)); break;
    case 13: if (span) take(edits::setSpanWavelengths(s, span->id, rnd.below(4) ? std::optional(double(1 + rnd.below(64))) : std::nullopt)); break;
    case 14: if (span) take(edits::setSpanMetric(s, span->id, rnd.below(3) ? std::optional(std::int64_t(1 + rnd.below(1000))) : std::nullopt)); break;
    case 15: if (span) take(edits::setSpanDown(s, span->id, !span->down)); break;
    case 16: take(edits::setJobNumber(s, "mfu", 0.2 + 0.1 * double(rnd.below(5)))); break;
    case 17: take(edits::setJobNumber(s, "tokens_per_step", double(1 + rnd.below(32)) * 1e6)); break;
    case 18: take(edits::setJobText(s, "strategy", rnd.pick(kStrategies))); break;
    case 19: take(edits::setJobText(s, "dc_pattern", rnd.pick(kDcPatterns))); break;
    case 20: take(edits::setRouting(s, "policy", rnd.pick(kRoutingPolicies))); break;
    case 21: take(edits::addJob(s)); break;
    case 22: {
        // An assumption override (any catalog figure, at a multiple of its value; 1e9 times
        // is mostly refused by the bounds) or clearing it.
        const std::string &key = figures[rnd.below(figures.size())];
        const double factor = scale[rnd.below(std::size(scale))];
        take(edits::setAssumption(s, catalog, key,
                                  factor == 0.0 ? std::nullopt : std::optional(catalog.figure(key) * factor)));
        break;
    }
    case 23: take(rnd.below(2) ? edits::setPlanName(s, "Plan " + std::to_string(rnd.below(100)))
                               : edits::setPlanDescription(s, "Notes\nline " + std::to_string(rnd.below(100)))); break;
    case 24: after = edits::addSite(s, catalog, 35.0 + double(rnd.below(10)), -100.0 + double(rnd.below(20)), &id); break;
    case 25:
        if (s.sites.size() >= 2) {
            const Site &other = s.sites[rnd.below(s.sites.size())];
            after = edits::addSpan(s, catalog, site.id, other.id, &id);
        }
        break;
    case 26: if (span) after = edits::removeElements(s, {}, {span->id}); break;
    default:
        if (s.sites.size() > 2)
            after = edits::removeElements(s, {site.id}, {});
        break;
    }
    return after;
}

} // namespace

class TstUndoProperty : public QObject {
    Q_OBJECT

private slots:
    // One row per starting plan, so each test function stays short under the sanitizers.
    void randomSequencesOnRandomPlans_data()
    {
        QTest::addColumn<int>("plan");
        const std::vector<StartPlan> &plans = m_plans;
        QVERIFY(plans.size() >= 15); // samples, six generated, five imported
        for (int p = 0; p < int(plans.size()); ++p)
            QTest::newRow(qPrintable(plans[std::size_t(p)].name)) << p;
    }

    void randomSequencesOnRandomPlans()
    {
        QFETCH(int, plan);
        // 20 plans x 100 sequences: 2,000 sequences, some 24,000 edits.
        constexpr int kSequencesPerPlan = 100;
        constexpr int kEditsPerSequence = 12;
        const Catalog &catalog = Catalog::builtin();
        const StartPlan &start = m_plans[std::size_t(plan)];
        int attempted = 0, stored = 0;
        for (int seq = 0; seq < kSequencesPerPlan; ++seq) {
            const QString where = QStringLiteral("%1, sequence %2").arg(start.name).arg(seq);
            Random rnd(0x9E3779B97F4A7C15ull ^ (std::uint64_t(plan) << 32) ^ std::uint64_t(seq + 1));
            Document doc;
            doc.setEvaluationBudgetMs(1e9); // evaluate at once: results() is of the plan shown
            doc.adopt(start.scenario);      // as an import (and File > New from a plan) does
            QCOMPARE(doc.undoStack()->count(), 0);
            std::vector<std::string> bytes{writeScenario(doc.scenario())};
            for (int e = 0; e < kEditsPerSequence; ++e) {
                const std::optional<Scenario> after = randomEdit(doc.scenario(), rnd, catalog);
                if (!after)
                    continue;
                ++attempted;
                // The Editor drops an edit that changes nothing (the same value again)
                // before it reaches the document; the rest are stored or refused.
                if (*after == doc.scenario())
                    continue;
                const int before = doc.undoStack()->count();
                const bool applied = doc.applyEdit(QStringLiteral("random"), *after);
                // A stored edit is one undo step; a refused one stores nothing.
                QCOMPARE(doc.undoStack()->count(), before + (applied ? 1 : 0));
                if (applied) {
                    ++stored;
                    bytes.push_back(writeScenario(doc.scenario()));
                }
            }
            QUndoStack *undo = doc.undoStack();
            for (std::size_t k = bytes.size() - 1; k > 0; --k) {
                QVERIFY2(undo->canUndo(), qPrintable(where));
                undo->undo();
                QVERIFY2(writeScenario(doc.scenario()) == bytes[k - 1],
                         qPrintable(where + QStringLiteral(": undo to step %1").arg(k - 1)));
            }
            QVERIFY(!undo->canUndo());
            QVERIFY2(resultsToJson(doc.scenario(), doc.results())
                         == resultsToJson(doc.scenario(), evaluate(doc.scenario(), catalog)),
                     qPrintable(where + QStringLiteral(": results after undo")));
            while (undo->canRedo())
                undo->redo();
            QVERIFY2(writeScenario(doc.scenario()) == bytes.back(), qPrintable(where + QStringLiteral(": redo")));
            QVERIFY2(resultsToJson(doc.scenario(), doc.results())
                         == resultsToJson(doc.scenario(), evaluate(doc.scenario(), catalog)),
                     qPrintable(where + QStringLiteral(": results after redo")));
        }
        m_attempted += attempted;
        m_stored += stored;
        // Most attempts are stored: the property is about real edits, not refusals.
        QVERIFY2(stored > attempted / 2, qPrintable(QStringLiteral("only %1 of %2 stored").arg(stored).arg(attempted)));
    }

    void cleanupTestCase()
    {
        qInfo("%zu plans, %d edits attempted, %d stored", m_plans.size(), m_attempted, m_stored);
    }

private:
    const std::vector<StartPlan> m_plans = startPlans();
    int m_attempted = 0;
    int m_stored = 0;
};

QTEST_MAIN(TstUndoProperty)
#include "tst_undoproperty.moc"
