// Failures on the map (issue 14): Fail This Site / Span as one undo step equal to
// `evaluate --fail`; View > N-1 runs the analysis off the GUI thread, lists the cases as
// `resilience` does, colours each span by the worst utilisation its failure causes, and
// shows a chosen case on the canvas without editing the plan.

#include "canvas/heatpalette.h"
#include "canvas/spanitem.h"
#include "canvas/siteitem.h"
#include "document.h"
#include "engine/evaluate.h"
#include "engine/resilience.h"
#include "format.h"
#include "guitestutil.h"
#include "io/scenariojson.h"
#include "results/resiliencepanel.h"

#include <QCheckBox>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <QUndoStack>

using namespace dci;
using namespace dci::test;

namespace {

QString sample(const char *name)
{
    return QStringLiteral(DCI_SOURCE_DIR "/samples/") + QLatin1String(name);
}

QAction *menuAction(QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions())
        if (a->text() == text)
            return a;
    return nullptr;
}

} // namespace

class TstResilienceView : public QObject
{
    Q_OBJECT

private slots:
    // Fail This Site: one undo step; the plan then evaluates as `evaluate --fail SITE`
    // does (the site down), the glyph is crossed out.
    void failASite()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("single-failure.json")));
        Document *doc = window->document();
        std::unique_ptr<QMenu> menu(window->contextMenuFor(QStringLiteral("abilene"), {}, 0, 0));
        QAction *fail = menuAction(menu.get(), QStringLiteral("Fail This Site"));
        QVERIFY(fail);
        fail->trigger();
        QCOMPARE(doc->undoStack()->count(), 1);
        QVERIFY(doc->scenario().site("abilene")->down);
        QVERIFY(window->canvasScene()->siteItem(QStringLiteral("abilene"))->isDown());
        Scenario expected = *readScenarioFile(sample("single-failure.json").toStdString(), Catalog::builtin()).scenario;
        expected.sites[static_cast<std::size_t>(expected.siteIndex("abilene"))].down = true;
        QCOMPARE(writeScenario(doc->scenario()), writeScenario(expected));
        QCOMPARE(doc->results().job.step_s, evaluate(expected, Catalog::builtin()).job.step_s);
        std::unique_ptr<QMenu> again(window->contextMenuFor(QStringLiteral("abilene"), {}, 0, 0));
        QVERIFY(menuAction(again.get(), QStringLiteral("Restore This Site")));
        doc->undoStack()->undo();
        QVERIFY(!doc->scenario().site("abilene")->down);
        QVERIFY(!window->canvasScene()->siteItem(QStringLiteral("abilene"))->isDown());
    }

    void nMinusOne()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("single-failure.json")));
        ResiliencePanel *panel = window->resiliencePanel();
        window->findChild<QAction *>(QStringLiteral("viewPageResilienceDock"))->trigger();
        QTRY_VERIFY(!panel->visibleRegion().isEmpty());
        QSignalSpy finished(panel, &ResiliencePanel::finished);
        QTest::mouseClick(panel->runButton(), Qt::LeftButton);
        QVERIFY(panel->isRunning() || finished.count() == 1);
        QVERIFY(finished.count() == 1 || finished.wait(60000));

        // The cases are the core's, in its order (resilience --json).
        const Scenario &plan = window->document()->scenario();
        const ResilienceResult expected = analyseFailures(plan, Catalog::builtin(), false);
        QTableWidget *table = panel->table();
        QCOMPARE(table->rowCount(), static_cast<int>(expected.cases.size()));
        for (int row = 0; row < table->rowCount(); ++row) {
            const FailureCase &c = expected.cases[static_cast<std::size_t>(row)];
            QVERIFY(table->item(row, 0)->text().endsWith(QString::fromStdString(c.element)));
            QCOMPARE(table->item(row, 2)->text(), c.worst_utilization ? formatPercent(*c.worst_utilization) : QStringLiteral("–"));
        }

        // Colour spans by N-1: each span in the palette colour of the worst utilisation its
        // own failure causes; the legend says so. Off again: the spans' own heat.
        QTest::mouseClick(panel->colourBox(), Qt::LeftButton);
        QVERIFY(panel->colourBox()->isChecked());
        int coloured = 0;
        for (const FailureCase &c : expected.cases) {
            if (c.kind != "span" || !c.worst_utilization)
                continue;
            const SpanItem *item = window->canvasScene()->spanItem(QString::fromStdString(c.element));
            QCOMPARE(item->color(), colorForUtilization(*c.worst_utilization));
            ++coloured;
        }
        QVERIFY(coloured > 0);
        QVERIFY(window->canvasView()->legendHeading().startsWith(QStringLiteral("N-1")));
        QTest::qWait(50);
        keepShot(window->grab().toImage(), QStringLiteral("n1-colours"));
        QTest::mouseClick(panel->colourBox(), Qt::LeftButton);
        QCOMPARE(window->canvasView()->legendHeading(), CanvasView::legendTitle());

        // Choosing the worst case shows it on the canvas; the plan is not edited.
        const QString failed = QString::fromStdString(expected.cases.front().spans.front());
        table->selectRow(0);
        QVERIFY(window->canvasScene()->spanItem(failed)->isDown());
        QVERIFY(!window->canvasView()->bannerText().isEmpty());
        QCOMPARE(window->document()->undoStack()->count(), 0);
        QVERIFY(!window->document()->scenario().span(failed.toStdString())->down);
        panel->showPlan();
        QVERIFY(!window->canvasScene()->spanItem(failed)->isDown());
        QVERIFY(window->canvasView()->bannerText().isEmpty());

        // An edit makes the list out of date.
        QVERIFY(!panel->isStale());
        std::unique_ptr<QMenu> menu(window->contextMenuFor({}, failed, 0, 0));
        menuAction(menu.get(), QStringLiteral("Fail This Span"))->trigger();
        QVERIFY(panel->isStale());
        QCOMPARE(panel->runButton()->text(), QStringLiteral("Run N-1 again"));
    }

    // Cancel stops the analysis early: the list says it is partial. A ring of 40 campuses
    // (80 cases, each an evaluation of 1,560 demands) cannot finish before Cancel lands.
    void cancel()
    {
        Scenario ring = *readScenarioFile(sample("two-campus-teaching.json").toStdString(), Catalog::builtin()).scenario;
        const Site campus = ring.sites.front();
        const Span link = ring.spans.front();
        ring.sites.clear();
        ring.spans.clear();
        ring.demands.clear();
        constexpr int kSites = 40;
        for (int i = 0; i < kSites; ++i) {
            Site site = campus;
            site.id = "s" + std::to_string(i);
            site.name = "Campus " + std::to_string(i);
            site.lat = 40.0 + 2.0 * std::sin(i * 2.0 * M_PI / kSites);
            site.lon = -95.0 + 2.0 * std::cos(i * 2.0 * M_PI / kSites);
            ring.sites.push_back(site);
        }
        for (int i = 0; i < kSites; ++i) {
            Span span = link;
            span.id = "r" + std::to_string(i);
            span.a = "s" + std::to_string(i);
            span.b = "s" + std::to_string((i + 1) % kSites);
            span.length_km.reset();
            ring.spans.push_back(span);
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ring.json"));
        std::string why;
        QVERIFY(writeScenarioFile(path.toStdString(), ring, &why));
        auto window = shownWindow();
        QVERIFY(window->openFile(path));
        ResiliencePanel *panel = window->resiliencePanel();
        QSignalSpy finished(panel, &ResiliencePanel::finished);
        panel->sitesBox()->setChecked(true);
        panel->run();
        panel->cancel();
        QVERIFY(finished.count() == 1 || finished.wait(120000));
        QVERIFY(panel->result().cancelled);
        // 40 span and 40 site failures in all; a cancelled run lists fewer.
        QVERIFY(panel->result().cases.size() < std::size_t(2 * kSites));
    }
};

QTEST_MAIN(TstResilienceView)
#include "tst_resilienceview.moc"
