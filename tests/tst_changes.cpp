// Typed change notifications and evaluation off the GUI thread (issue 15): what an edit
// changed travels with Document::changed, and a slow evaluation runs on a worker where
// the latest request wins and an older result is never shown as current.

#include "canvas/labelitem.h"
#include "canvas/spanitem.h"
#include "document.h"
#include "guitestutil.h"
#include "edit/change.h"
#include "edit/edits.h"
#include "engine/evaluate.h"
#include "io/resultsjson.h"
#include "io/scenariojson.h"
#include "results/resultspanel.h"

#include <QDir>
#include <QTableView>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <limits>

using namespace dci;

namespace {

QString samplePath(const char *name)
{
    return QDir(qEnvironmentVariable("DCI_SAMPLES_DIR")).filePath(QString::fromLatin1(name));
}

Scenario readSample(const char *name)
{
    ScenarioLoad load = readScenarioFile(samplePath(name).toStdString(), Catalog::builtin());
    if (!load.ok())
        qFatal("cannot read sample %s", name);
    return *load.scenario;
}

} // namespace

class TestChanges : public QObject
{
    Q_OBJECT

private slots:
    void sameScenarioIsNoChange()
    {
        const Scenario s = readSample("nationwide-multicampus.json");
        QVERIFY(diffScenarios(s, s).none());
    }

    void movedSiteIsGeometryOnly()
    {
        const Scenario before = readSample("nationwide-multicampus.json");
        const std::string id = before.sites[1].id;
        const Scenario after = edits::moveSites(before, {{id, before.sites[1].lat + 1.0, before.sites[1].lon}});
        const ScenarioChange c = diffScenarios(before, after);
        QVERIFY(c.moved_sites == std::vector<std::string>{id});
        QVERIFY(c.changed_sites.empty());
        QVERIFY(c.changed_spans.empty());
        QVERIFY(!c.structure);
        QVERIFY(!c.plan);
        QVERIFY(c.geometry());
    }

    void fieldEditsNameTheirElement()
    {
        const Scenario before = readSample("nationwide-multicampus.json");
        const std::string site = before.sites[0].id;
        const std::string span = before.spans[2].id;
        Scenario after = edits::setSiteGpus(before, site, static_cast<double>(before.sites[0].gpus + 8)).scenario;
        after = edits::setSpanWavelengths(after, span, 3.0).scenario;
        const ScenarioChange c = diffScenarios(before, after);
        QVERIFY(c.changed_sites == std::vector<std::string>{site});
        QVERIFY(c.changed_spans == std::vector<std::string>{span});
        QVERIFY(c.moved_sites.empty());
        QVERIFY(!c.geometry());
        QVERIFY(!c.plan);
    }

    void addingOrRemovingIsStructure()
    {
        const Scenario before = readSample("nationwide-multicampus.json");
        std::string id;
        const Scenario added = edits::addSite(before, Catalog::builtin(), 40.0, -100.0, &id);
        QVERIFY(diffScenarios(before, added).structure);
        const Scenario removed = edits::removeElements(before, {}, {before.spans[0].id});
        const ScenarioChange c = diffScenarios(before, removed);
        QVERIFY(c.structure);
        QVERIFY(c.geometry());
    }

    void jobAndAssumptionsArePlanChanges()
    {
        const Scenario before = readSample("two-campus-teaching.json");
        const Scenario job = edits::setJobNumber(before, "mfu", 0.5).scenario;
        QVERIFY(diffScenarios(before, job).plan);
        QVERIFY(!diffScenarios(before, job).geometry());
        const Scenario named = edits::setPlanName(before, "Another name").scenario;
        QVERIFY(diffScenarios(before, named).plan);
    }

    // The document tells what an edit changed, and undo tells the same change back.
    void documentSignalCarriesTheChange()
    {
        Document doc;
        QStringList errors;
        QVERIFY(doc.load(samplePath("nationwide-multicampus.json"), &errors));
        QSignalSpy spy(&doc, &Document::changed);
        const Site site = doc.scenario().sites[2];
        QVERIFY(doc.applyEdit("Move", edits::moveSites(doc.scenario(), {{site.id, site.lat + 0.5, site.lon - 0.5}})));
        QCOMPARE(spy.count(), 1);
        ScenarioChange c = spy.at(0).at(0).value<ScenarioChange>();
        QVERIFY(c.moved_sites == std::vector<std::string>{site.id});
        doc.undoStack()->undo();
        QCOMPARE(spy.count(), 2);
        c = spy.at(1).at(0).value<ScenarioChange>();
        QVERIFY(c.moved_sites == std::vector<std::string>{site.id});
        QCOMPARE(doc.scenario().sites[2].lat, site.lat);
    }

    // A load changes everything, whatever the plans have in common.
    void loadIsAWholeChange()
    {
        Document doc;
        QSignalSpy spy(&doc, &Document::changed);
        QStringList errors;
        QVERIFY(doc.load(samplePath("two-campus-teaching.json"), &errors));
        QVERIFY(doc.load(samplePath("two-campus-teaching.json"), &errors));
        QCOMPARE(spy.count(), 2);
        const ScenarioChange c = spy.at(1).at(0).value<ScenarioChange>();
        QVERIFY(c.structure);
        QVERIFY(c.plan);
    }

    // With the worker forced (budget 0): edits return at once with the document
    // "computing"; a burst of edits ends with the results of the last one, equal to a fresh
    // evaluation, and a result is never delivered for a plan whose elements changed since.
    void workerLatestRequestWins()
    {
        Document doc;
        QStringList errors;
        QVERIFY(doc.load(samplePath("midwest-region.json"), &errors));
        doc.setEvaluationBudgetMs(0.0);
        QSignalSpy computing(&doc, &Document::computingChanged);
        const Site site = doc.scenario().sites[0];
        constexpr int kMoves = 12;
        for (int i = 1; i <= kMoves; ++i) {
            const Scenario after = edits::moveSites(doc.scenario(), {{site.id, site.lat + 0.1 * i, site.lon}});
            QVERIFY(doc.applyEdit("Move", after, nullptr, "drag"));
            QVERIFY(doc.isComputing());
        }
        QTRY_VERIFY_WITH_TIMEOUT(!doc.isComputing(), 20000);
        QCOMPARE(computing.first().at(0).toBool(), true);
        QCOMPARE(computing.last().at(0).toBool(), false);
        const Results fresh = evaluate(doc.scenario(), Catalog::builtin());
        QCOMPARE(QString::fromStdString(resultsToJson(doc.scenario(), doc.results())),
                 QString::fromStdString(resultsToJson(doc.scenario(), fresh)));
        QCOMPARE(doc.undoStack()->count(), 1); // the drag is one undo step
    }

    void workerNeverShowsResultsOfAnotherStructure()
    {
        Document doc;
        QStringList errors;
        QVERIFY(doc.load(samplePath("midwest-region.json"), &errors));
        doc.setEvaluationBudgetMs(0.0);
        QSignalSpy spy(&doc, &Document::changed);
        const std::string gone = doc.scenario().spans[0].id;
        QVERIFY(doc.applyEdit("Move", edits::moveSites(doc.scenario(), {{doc.scenario().sites[0].id, 45.0, -93.0}})));
        QVERIFY(doc.applyEdit("Delete", edits::removeElements(doc.scenario(), {}, {gone})));
        QTRY_VERIFY_WITH_TIMEOUT(!doc.isComputing(), 20000);
        // Every results-only delivery after the delete is of the plan without the span.
        for (const SpanResult &span : doc.results().spans)
            QVERIFY(span.id != gone);
        QCOMPARE(doc.results().spans.size(), doc.scenario().spans.size());
    }

    // A drag moves the glyph and its span's line at every mouse move, hides that span's
    // label while its place is out of date, and lays the labels out at the drop; the
    // figures' docks follow. One undo step.
    void dragDefersLabelsAndFiguresUntilTheDrop()
    {
        auto window = dci::test::shownWindow();
        QVERIFY(window->openFile(samplePath("two-campus-teaching.json")));
        QCoreApplication::processEvents();
        CanvasScene *scene = window->canvasScene();
        const QString spanId = scene->spanIds().value(0);
        SpanItem *span = scene->spanItem(spanId);
        QVERIFY(span->label()->isVisible());
        const QPointF labelBefore = span->label()->pos();
        const QLineF lineBefore = span->line();
        const int steps = window->document()->undoStack()->count();

        QWidget *canvas = window->canvasView()->viewport();
        const QPoint from = dci::test::glyphPos(*window, QStringLiteral("b"));
        dci::test::send(canvas, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
        dci::test::send(canvas, QEvent::MouseMove, from + QPoint(40, 30), Qt::NoButton, Qt::LeftButton);
        QVERIFY(scene->layoutDeferred());
        QVERIFY(span->line() != lineBefore);      // the line follows at once
        QVERIFY(!span->label()->isVisible());     // its label waits for a layout
        dci::test::send(canvas, QEvent::MouseMove, from + QPoint(80, 60), Qt::NoButton, Qt::LeftButton);
        dci::test::send(canvas, QEvent::MouseButtonRelease, from + QPoint(80, 60), Qt::LeftButton, Qt::NoButton);
        QVERIFY(!scene->layoutDeferred());
        QVERIFY(span->label()->isVisible());      // laid out at the drop
        QVERIFY(span->label()->pos() != labelBefore);
        QCOMPARE(window->document()->undoStack()->count(), steps + 1);

        // Dragged back to exactly where it was: the layout is the one before the drag, and
        // the label hidden during the drag is shown again.
        const QPoint back = dci::test::glyphPos(*window, QStringLiteral("b"));
        dci::test::send(canvas, QEvent::MouseButtonPress, back, Qt::LeftButton, Qt::LeftButton);
        dci::test::send(canvas, QEvent::MouseMove, back + QPoint(30, 0), Qt::NoButton, Qt::LeftButton);
        QVERIFY(!span->label()->isVisible());
        dci::test::send(canvas, QEvent::MouseMove, back, Qt::NoButton, Qt::LeftButton);
        dci::test::send(canvas, QEvent::MouseButtonRelease, back, Qt::LeftButton, Qt::NoButton);
        QVERIFY(span->label()->isVisible());
        // The Results table catches up just after the drop.
        QTableView *spans = window->resultsPanel()->spansTable();
        const double length_km = window->document()->results().spans[0].length_km;
        QTRY_VERIFY(spans->model()->index(0, ResultsPanel::SpanLength).data(ResultsPanel::SortRole).toDouble()
                    == length_km);
    }

    // Undo/redo property (issue 16 item 5, first part): seeded random sequences of every
    // kind of edit on every sample, each through Document::applyEdit as the app does.
    // Undoing all gives the original saved bytes; redoing all gives the final bytes; the
    // results after undo equal a fresh evaluation.
    void randomEditSequencesUndoExactly()
    {
        constexpr int kSequencesPerSample = 25;
        constexpr int kEditsPerSequence = 20;
        const QStringList samples = QDir(qEnvironmentVariable("DCI_SAMPLES_DIR"))
                                        .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY(samples.size() >= 5);
        std::uint64_t state = 0x9E3779B97F4A7C15ull; // fixed seed: the same sequences every run
        const auto next = [&state](std::uint64_t n) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            return state % n;
        };
        const Catalog &catalog = Catalog::builtin();
        int applied = 0;
        for (const QString &name : samples) {
            for (int seq = 0; seq < kSequencesPerSample; ++seq) {
                Document doc;
                // Every edit evaluates in place, however long it takes (the ASan build's
                // evaluations outgrow the interactive budget and would go to the worker).
                doc.setEvaluationBudgetMs(std::numeric_limits<double>::infinity());
                QStringList errors;
                QVERIFY(doc.load(samplePath(name.toUtf8().constData()), &errors));
                const std::string original = writeScenario(doc.scenario());
                for (int e = 0; e < kEditsPerSequence; ++e) {
                    const Scenario &s = doc.scenario();
                    if (s.sites.empty())
                        break;
                    const Site &site = s.sites[next(s.sites.size())];
                    const Span *span = s.spans.empty() ? nullptr : &s.spans[next(s.spans.size())];
                    std::optional<Scenario> after;
                    const auto take = [&after](const edits::Edited &edited) {
                        if (edited.ok())
                            after = edited.scenario;
                    };
                    std::string id;
                    switch (next(13)) {
                    case 0: after = edits::moveSites(s, {{site.id, site.lat + 0.5, site.lon - 0.5}}); break;
                    case 1: take(edits::setSiteGpus(s, site.id, double(next(5) * 4096))); break;
                    case 2: if (span) take(edits::setSpanWavelengths(s, span->id, double(1 + next(32)))); break;
                    case 3: if (span) take(edits::setSpanLength(s, span->id, double(10 + next(900)))); break;
                    case 4: if (span) take(edits::setSpanDown(s, span->id, !span->down)); break;
                    case 5: take(edits::setSiteDown(s, site.id, !site.down)); break;
                    case 6: take(edits::setSiteRegion(s, site.id, next(2) ? "east" : "")); break;
                    case 7: if (span) take(edits::setSpanMetric(s, span->id, std::int64_t(1 + next(1000)))); break;
                    case 8: take(edits::setJobNumber(s, "mfu", 0.2 + 0.1 * double(next(5)))); break;
                    case 9: take(edits::setAssumption(s, catalog, "route_factor", 1.1 + 0.1 * double(next(5)))); break;
                    case 10: after = edits::addSite(s, catalog, 35.0 + double(next(10)), -100.0 + double(next(20)), &id); break;
                    case 11:
                        if (s.sites.size() >= 2)
                            after = edits::addSpan(s, catalog, s.sites.front().id, s.sites.back().id, &id);
                        break;
                    default:
                        if (span)
                            after = edits::removeElements(s, {}, {span->id});
                        break;
                    }
                    if (after && !(*after == s) && doc.applyEdit(QStringLiteral("random"), *after))
                        ++applied;
                }
                const std::string final = writeScenario(doc.scenario());
                QUndoStack *undo = doc.undoStack();
                while (undo->canUndo())
                    undo->undo();
                QCOMPARE(writeScenario(doc.scenario()), original);
                QCOMPARE(resultsToJson(doc.scenario(), doc.results()),
                         resultsToJson(doc.scenario(), evaluate(doc.scenario(), catalog)));
                while (undo->canRedo())
                    undo->redo();
                QCOMPARE(writeScenario(doc.scenario()), final);
            }
        }
        QVERIFY2(applied > samples.size() * kSequencesPerSample * kEditsPerSequence / 2,
                 qPrintable(QStringLiteral("only %1 edits applied").arg(applied)));
    }
};

QTEST_MAIN(TestChanges)
#include "tst_changes.moc"
