// Presentation mode (issue 14): full screen with the plan's figures and one chart, arrow
// keys through the views, S saves a view in the plan (one undo step, kept in the file),
// Esc leaves, and the selection survives.

#include "canvas/canvasview.h"
#include "charts/chartspanel.h"
#include "document.h"
#include "guitestutil.h"
#include "io/scenariojson.h"
#include "presentation.h"

#include <QLabel>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>

using namespace dci;
using namespace dci::test;

namespace {
QString sample(const char *name)
{
    return QStringLiteral(DCI_SOURCE_DIR "/samples/") + QLatin1String(name);
}
} // namespace

class TstPresentation : public QObject
{
    Q_OBJECT

private slots:
    void tourAndLeave()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("nationwide-multicampus.json")));
        const QString span = window->canvasScene()->spanIds().first();
        window->canvasView()->selectElements({}, {span});
        const double zoom = window->canvasView()->zoom();
        window->findChild<QAction *>(QStringLiteral("viewPresentation"))->trigger();
        PresentationWindow *p = window->presentation();
        QVERIFY(p);
        QVERIFY(QTest::qWaitForWindowExposed(p));
        QVERIFY(p->isFullScreen());
        QCOMPARE(p->views().size(), std::size_t(6)); // the default tour: the plan has none saved
        QVERIFY(p->figures()->text().contains(QStringLiteral("efficiency 50.2%")));
        QVERIFY(p->figures()->text().contains(QStringLiteral("460,000 GPUs")));
        QVERIFY(!p->charts()->isVisible()); // the plan alone first
        QTest::keyClick(p, Qt::Key_Right);
        QCOMPARE(p->current(), 1);
        QVERIFY(p->charts()->isVisible());
        QCOMPARE(p->charts()->tabs()->currentIndex(), int(ChartsPanel::UtilisationTab));
        if (!qEnvironmentVariableIsEmpty("DCI_GUI_SHOTS_DIR")) {
            // The offscreen screen is small; the picture is taken at a projector's 16:9.
            p->showNormal();
            p->resize(1600, 900);
            QTest::qWait(100);
            keepShot(p->grab().toImage(), QStringLiteral("presentation"));
        }
        QTest::keyClick(p, Qt::Key_Right);
        QCOMPARE(p->charts()->tabs()->currentIndex(), int(ChartsPanel::StepTab));
        QTest::keyClick(p, Qt::Key_Left);
        QCOMPARE(p->current(), 1);
        // The selection lives in the scene both canvases show.
        QCOMPARE(window->canvasView()->selectedSpanIds(), QStringList{span});
        QTest::keyClick(p, Qt::Key_Escape);
        QTRY_VERIFY(!window->presentation());
        QCOMPARE(window->canvasView()->selectedSpanIds(), QStringList{span});
        QCOMPARE(window->canvasScene()->viewScale(), zoom);
        QCOMPARE(window->document()->undoStack()->count(), 0);
    }

    // S keeps the view in the plan: one undo step, saved and read back.
    void saveAView()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        window->startPresentation();
        PresentationWindow *p = window->presentation();
        QVERIFY(QTest::qWaitForWindowExposed(p));
        QTest::keyClick(p, Qt::Key_Right);
        QTest::keyClick(p, Qt::Key_S);
        const Scenario &plan = window->document()->scenario();
        QCOMPARE(window->document()->undoStack()->count(), 1);
        QCOMPARE(plan.presentation.views.size(), std::size_t(6));
        const PresentationView &saved = plan.presentation.views[1];
        QCOMPARE(saved.show, std::string("utilisation"));
        QVERIFY(saved.region);
        QVERIFY(saved.region->south < saved.region->north);
        // The canvas shows Council Bluffs (41.26 N, 95.86 W) inside the saved region.
        QVERIFY(saved.region->south < 41.26 && 41.26 < saved.region->north);
        QVERIFY(saved.region->west < -95.86 && -95.86 < saved.region->east);
        const ScenarioLoad back = parseScenario(writeScenario(plan), "saved.json", Catalog::builtin());
        QVERIFY(back.ok());
        QCOMPARE(writeScenario(*back.scenario), writeScenario(plan));
        QCOMPARE(back.scenario->presentation.views[1].show, std::string("utilisation"));
        QTest::keyClick(p, Qt::Key_Escape);
        QTRY_VERIFY(!window->presentation());
        window->document()->undoStack()->undo();
        QVERIFY(window->document()->scenario().presentation.views.empty());
    }

    void badViewsRefused()
    {
        const std::string text = R"({"format": "dci-scenario", "version": 1, "name": "x", "sites": [], "spans": [],
            "presentation": {"views": [{"show": "slides"}, {"show": "plan", "region": {"south": 40, "west": -90, "north": 30, "east": -80}}]}})";
        const ScenarioLoad load = parseScenario(text, "bad.json", Catalog::builtin());
        QVERIFY(!load.ok());
        QString all;
        for (const std::string &e : load.errors)
            all += QString::fromStdString(e) + QLatin1Char('\n');
        QVERIFY2(all.contains(QStringLiteral("bad.json: /presentation/views/0/show")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("/presentation/views/1/region/north")), qPrintable(all));
    }
};

QTEST_MAIN(TstPresentation)
#include "tst_presentation.moc"
