// The Explain dock (issue 14): Why? on a span lists its formula and the numbers that
// make its utilisation, drills into an input, selects a named demand on click, follows
// edits, and traces status-bar figures.

#include "document.h"
#include "explain/explainpanel.h"
#include "guitestutil.h"
#include "statussummary.h"

#include <QDockWidget>
#include <QLabel>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QUndoStack>
#include <QTest>

using namespace dci;
using namespace dci::test;

namespace {

QString sample(const char *name)
{
    return QStringLiteral(DCI_SOURCE_DIR "/samples/") + QLatin1String(name);
}

// The href of the link whose text is `text` in the panel's page.
QString linkFor(const ExplainPanel *panel, const QString &text)
{
    // The document writes links back with their styling: <a href="..."><span ...>text</span></a>.
    static const QRegularExpression link(QStringLiteral("<a href=\"([^\"]+)\">(.*?)</a>"));
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    for (auto it = link.globalMatch(panel->browser()->toHtml()); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (QString(m.captured(2)).remove(tag).startsWith(text))
            return m.captured(1);
    }
    return {};
}

void clickLink(ExplainPanel *panel, const QString &href)
{
    QVERIFY2(!href.isEmpty(), "no such link");
    emit panel->browser()->anchorClicked(QUrl(href));
}

} // namespace

class TstExplainDock : public QObject
{
    Q_OBJECT

private slots:
    void whyOnASpan()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        ExplainPanel *panel = window->explainPanel();
        window->canvasView()->selectElements({}, {QStringLiteral("a-b")});
        // Ctrl+E, as a user presses it with the canvas focused.
        window->canvasView()->setFocus();
        QTest::keyClick(window->canvasView(), Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(panel->currentRef(), QStringLiteral("span:a-b"));
        QCOMPARE(panel->currentFigure(), QString()); // its headline figures
        QTRY_VERIFY(!panel->visibleRegion().isEmpty()); // the dock came forward
        QVERIFY(panel->plainText().contains(QStringLiteral("67.5 %")));

        // Utilisation: 2,160.4 Gb/s in the busier direction over 8 x 400 Gb/s = 67.5 %.
        clickLink(panel, linkFor(panel, QStringLiteral("utilization")));
        QCOMPARE(panel->currentFigure(), QStringLiteral("utilization"));
        const QString page = panel->plainText();
        QVERIFY2(page.contains(QStringLiteral("utilization = 67.5 %")), qPrintable(page));
        QVERIFY(page.contains(QStringLiteral("load_gbps / capacity_gbps")));
        QVERIFY(page.contains(QStringLiteral("2,160.4 Gb/s")));
        QVERIFY(page.contains(QStringLiteral("3,200 Gb/s")));
        QVERIFY(page.contains(QStringLiteral("MODEL.md")));
        QTest::qWait(50); // the status bar lays out its new figures
        keepShot(window->grab().toImage(), QStringLiteral("explain-span"));

        // Capacity's inputs come from the plan and the catalog, with the catalog's confidence.
        clickLink(panel, linkFor(panel, QStringLiteral("capacity_gbps")));
        QCOMPARE(panel->currentFigure(), QStringLiteral("capacity_gbps"));
        QVERIFY(panel->plainText().contains(QStringLiteral("/spans/0/wavelengths")));
        QVERIFY(panel->plainText().contains(QStringLiteral("OIF-400ZR")));
        panel->back();
        QCOMPARE(panel->currentFigure(), QStringLiteral("utilization"));

        // Down to the demands over the span; "select" on demand 0 selects its spans.
        clickLink(panel, linkFor(panel, QStringLiteral("load_gbps")));
        clickLink(panel, linkFor(panel, QStringLiteral("load_ab_gbps")));
        QVERIFY(panel->plainText().contains(QStringLiteral("gradient all-reduce")));
        window->canvasView()->selectElements({}, {});
        clickLink(panel, linkFor(panel, QStringLiteral("select")));
        QCOMPARE(window->canvasView()->selectedSpanIds(), QStringList{QStringLiteral("a-b")});
        QVERIFY(panel->canGoBack());
    }

    // The panel follows edits: more wavelengths, lower utilisation, same figure shown.
    void followsEdits()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        ExplainPanel *panel = window->explainPanel();
        window->explainFigure(QStringLiteral("span:a-b"), QStringLiteral("utilization"));
        QVERIFY(panel->plainText().contains(QStringLiteral("= 67.5 %")));
        Scenario after = window->document()->scenario();
        after.spans[0].wavelengths = 16; // 6,400 Gb/s: 2,160.4 / 6,400 = 33.8 %
        QVERIFY(window->document()->applyEdit(QStringLiteral("more wavelengths"), after, nullptr));
        QCOMPARE(panel->currentFigure(), QStringLiteral("utilization"));
        QVERIFY2(panel->plainText().contains(QStringLiteral("= 33.8 %")), qPrintable(panel->plainText()));
        window->document()->undoStack()->undo();
        QVERIFY(panel->plainText().contains(QStringLiteral("= 67.5 %")));
    }

    // A status-bar figure is a Why? too; with nothing selected, Why? traces the job.
    void statusBarAndJob()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("two-campus-teaching.json")));
        ExplainPanel *panel = window->explainPanel();
        // The efficiency figure ends the status bar's summary: click on it.
        StatusSummary *summary = window->statusSummaryWidget();
        QTest::qWait(50); // the status bar lays out its figures
        QVERIFY(summary->shownText().endsWith(QStringLiteral("efficiency 100.0%")));
        const QFontMetrics fm = summary->fontMetrics();
        QTest::mouseClick(summary, Qt::LeftButton, {},
                          QPoint(summary->width() - summary->contentsMargins().right()
                                     - fm.horizontalAdvance(QStringLiteral("100.0%")),
                                 summary->height() / 2));
        QCOMPARE(panel->currentRef(), QStringLiteral("job"));
        QCOMPARE(panel->currentFigure(), QStringLiteral("efficiency"));
        QVERIFY(panel->plainText().contains(QStringLiteral("compute_s / step_s")));
        window->canvasView()->selectElements({}, {});
        window->explainSelection();
        QCOMPARE(panel->currentRef(), QStringLiteral("job"));
        QCOMPARE(panel->currentFigure(), QString());
        QTest::qWait(50); // the status bar lays out its new figures
        keepShot(window->grab().toImage(), QStringLiteral("explain-job"));
    }
};

QTEST_MAIN(TstExplainDock)
#include "tst_explaindock.moc"
