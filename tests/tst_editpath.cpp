// The one edit path, end to end through MainWindow offscreen: every field of every page of
// the Properties dock, edited as a user does (type + Enter, pick a combo item, tick a box,
// press a button), stores exactly one undo command; undoing it saves the exact bytes saved
// before; a value that changes nothing stores none.

#include "document.h"
#include "editor.h"
#include "guitestutil.h"
#include "mainwindow.h"
#include "properties/propertiespanel.h"
#include "results/resultspanel.h"

#include "io/scenariojson.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace dci;
using namespace dci::test;

namespace {

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Clicks a check box on its indicator, as a user would.
void clickCheckBox(QCheckBox *box)
{
    QStyleOptionButton option;
    option.initFrom(box);
    const QRect indicator = box->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, box);
    QTest::mouseClick(box, Qt::LeftButton, {}, indicator.center());
}

// The next item of a combo box (the previous one from the last), picked with one arrow key:
// one user activation.
void pickNeighbour(QComboBox *combo)
{
    combo->setFocus();
    QTest::keyClick(combo, combo->currentIndex() + 1 < combo->count() ? Qt::Key_Down : Qt::Key_Up);
}

// The item already chosen, picked again from the open list with Return.
void pickCurrentAgain(QComboBox *combo)
{
    combo->setFocus();
    combo->showPopup();
    QAbstractItemView *list = combo->view();
    QTRY_VERIFY(list->isVisible());
    QTest::keyClick(list, Qt::Key_Return);
    QTRY_VERIFY(!list->isVisible());
}

// A field's text as shown, to type it again.
QString shownText(QWidget *field)
{
    if (auto *line = qobject_cast<QLineEdit *>(field))
        return line->text();
    if (auto *spin = qobject_cast<QSpinBox *>(field))
        return QString::number(spin->value());
    if (auto *spin = qobject_cast<QDoubleSpinBox *>(field))
        return QString::number(spin->value(), 'g', 10);
    return QString();
}

} // namespace

class TestEditPath : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyFieldIsOneUndoStep_data();
    void everyFieldIsOneUndoStep();
    void sameValueStoresNothing_data();
    void sameValueStoresNothing();
    void editorDropsWhatChangesNothing();
    void refusedEditChangesNothing();

private:
    void fieldTable(bool sameValue);
    // A window with the two-campus sample, made ready for `setup`, then the selection's page.
    std::unique_ptr<MainWindow> prepared(const QString &setup, const QString &site, const QString &span);

    QTemporaryDir m_dir;
    QString m_plan; // the sample in canonical form
};

void TestEditPath::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString sample = QDir(qEnvironmentVariable("DCI_SAMPLES_DIR")).filePath(QStringLiteral("two-campus-teaching.json"));
    const ScenarioLoad load = readScenarioFile(QFile::encodeName(sample).toStdString(), Catalog::builtin());
    QVERIFY(load.ok());
    m_plan = QDir(m_dir.path()).filePath(QStringLiteral("plan.json"));
    QFile f(m_plan);
    const std::string text = writeScenario(*load.scenario);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(text.data(), qint64(text.size())), qint64(text.size()));
}

// setup: "" (the sample), "metric" (a-b's metric fixed, so its field takes typing),
// "streaming" / "pipeline" (the job's strategy, for its fields), "nojob" (no job).
std::unique_ptr<MainWindow> TestEditPath::prepared(const QString &setup, const QString &site, const QString &span)
{
    auto window = shownWindow();
    if (!window->openFile(m_plan))
        qFatal("cannot open %s", qPrintable(m_plan));
    Editor *editor = window->editor();
    if (setup == QLatin1String("metric"))
        editor->setSpanMetric(QStringLiteral("a-b"), 490);
    else if (setup == QLatin1String("streaming"))
        editor->setJobText(QStringLiteral("strategy"), QStringLiteral("streaming-diloco"));
    else if (setup == QLatin1String("pipeline"))
        editor->setJobText(QStringLiteral("strategy"), QStringLiteral("pipeline"));
    else if (setup == QLatin1String("nojob")) {
        Scenario s = window->document()->scenario();
        s.job.reset();
        window->document()->adopt(s);
    }
    // Select as a user does: a click on the site's glyph, on the span's row of the Spans
    // table, or on empty canvas for the plan's page.
    QWidget *canvas = window->canvasView()->viewport();
    if (!site.isEmpty()) {
        click(canvas, glyphPos(*window, site));
    } else if (!span.isEmpty()) {
        QTableView *spans = window->resultsPanel()->spansTable();
        window->resultsPanel()->tabs()->setCurrentWidget(spans);
        QCoreApplication::processEvents();
        for (int row = 0; row < spans->model()->rowCount(); ++row) {
            const QModelIndex index = spans->model()->index(row, 0);
            if (index.data(ResultsPanel::IdRole).toString() == span)
                QTest::mouseClick(spans->viewport(), Qt::LeftButton, {}, spans->visualRect(index).center());
        }
    } else {
        click(canvas, emptyCanvasPoint(*window));
    }
    QCoreApplication::processEvents();
    if (window->canvasView()->selectedSiteIds() != (site.isEmpty() ? QStringList() : QStringList{site})
        || window->canvasView()->selectedSpanIds() != (span.isEmpty() ? QStringList() : QStringList{span}))
        qWarning("the selection is not %s%s", qPrintable(site), qPrintable(span));
    return window;
}

void TestEditPath::fieldTable(bool sameValue)
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("site");
    QTest::addColumn<QString>("span");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("action"); // type, pick, tick, press, note
    QTest::addColumn<QString>("value");  // what is typed

    const QString a = QStringLiteral("a");
    const QString ab = QStringLiteral("a-b");
    const struct {
        const char *setup;
        QString site;
        QString span;
        const char *field;
        const char *action;
        const char *value;
    } rows[] = {
        {"", a, {}, "siteName", "type", "Omaha"},
        {"", a, {}, "siteLat", "type", "41.5"},
        {"", a, {}, "siteLon", "type", "-95.5"},
        {"", a, {}, "siteGpu", "pick", ""},
        {"", a, {}, "siteGpus", "type", "20000"},
        {"", a, {}, "sitePowerCapOn", "tick", ""},
        {"", a, {}, "sitePowerCap", "type", "35"},
        {"", a, {}, "sitePueOn", "tick", ""},
        {"", a, {}, "sitePue", "type", "1.3"},
        {"", a, {}, "siteRegion", "type", "west"},
        {"", {}, ab, "spanOptic", "pick", ""},
        {"", {}, ab, "spanBand", "pick", ""},
        {"", {}, ab, "spanFiberPairs", "type", "2"},
        {"", {}, ab, "spanFiberPairsAuto", "tick", ""},
        {"", {}, ab, "spanWavelengths", "type", "16"},
        {"", {}, ab, "spanWavelengthsAuto", "tick", ""},
        {"", {}, ab, "spanLength", "type", "120"},
        {"", {}, ab, "spanLengthAuto", "tick", ""},
        {"", {}, ab, "spanMetricAuto", "tick", ""},
        {"metric", {}, ab, "spanMetric", "type", "1000"},
        {"", {}, ab, "spanDown", "tick", ""},
        {"", {}, {}, "planName", "type", "Renamed plan"},
        {"", {}, {}, "planDescription", "note", " More to try."},
        {"", {}, {}, "jobStrategy", "pick", ""},
        {"", {}, {}, "jobDcPattern", "pick", ""},
        {"", {}, {}, "jobTransport", "pick", ""},
        {"", {}, {}, "job_model_params", "type", "405e9"},
        {"", {}, {}, "job_tokens_per_step", "type", "8M"},
        {"", {}, {}, "job_total_tokens", "type", "20T"},
        {"", {}, {}, "job_mfu", "type", "0.5"},
        {"", {}, {}, "job_overlap", "type", "0.5"},
        {"", {}, {}, "job_grad_bytes", "type", "4"},
        {"", {}, {}, "job_connections_per_pair", "type", "128"},
        {"", {}, {}, "job_flows_per_pair", "type", "32"},
        {"streaming", {}, {}, "job_inner_steps", "type", "50"},
        {"streaming", {}, {}, "job_sync_bytes", "type", "1"},
        {"streaming", {}, {}, "job_fragments", "type", "2"},
        {"streaming", {}, {}, "job_overlap_steps", "type", "2"},
        {"pipeline", {}, {}, "job_hidden_size", "type", "8192"},
        {"pipeline", {}, {}, "job_act_bytes", "type", "1"},
        {"pipeline", {}, {}, "job_microbatches", "type", "16"},
        {"", {}, {}, "routingPolicy", "pick", ""},
        {"", {}, {}, "routingLoadBalancing", "pick", ""},
        {"nojob", {}, {}, "addJob", "press", ""},
    };
    for (const auto &r : rows) {
        const QString action = QLatin1String(r.action);
        // A tick, a press and a note always change something; the others can be given again.
        if (sameValue && action != QLatin1String("type") && action != QLatin1String("pick"))
            continue;
        QTest::newRow(r.field) << QString::fromLatin1(r.setup) << r.site << r.span << QString::fromLatin1(r.field)
                               << action << QString::fromUtf8(r.value);
    }
}

void TestEditPath::everyFieldIsOneUndoStep_data()
{
    fieldTable(false);
}

void TestEditPath::everyFieldIsOneUndoStep()
{
    QFETCH(QString, setup);
    QFETCH(QString, site);
    QFETCH(QString, span);
    QFETCH(QString, field);
    QFETCH(QString, action);
    QFETCH(QString, value);

    auto window = prepared(setup, site, span);
    Document *doc = window->document();
    const QString before = QDir(m_dir.path()).filePath(QStringLiteral("before.json"));
    QVERIFY(window->saveTo(before));
    const QByteArray beforeBytes = readBytes(before);
    const int count = doc->undoStack()->count();

    auto *widget = window->propertiesPanel()->findChild<QWidget *>(field);
    QVERIFY2(widget, qPrintable(field));
    QVERIFY2(widget->isVisible(), qPrintable(field + QStringLiteral(" is not on screen")));
    QVERIFY2(widget->isEnabled(), qPrintable(field + QStringLiteral(" is disabled")));
    if (action == QLatin1String("type")) {
        typeAndEnter(widget, value);
    } else if (action == QLatin1String("pick")) {
        pickNeighbour(qobject_cast<QComboBox *>(widget));
    } else if (action == QLatin1String("tick")) {
        clickCheckBox(qobject_cast<QCheckBox *>(widget));
    } else if (action == QLatin1String("press")) {
        QTest::mouseClick(qobject_cast<QPushButton *>(widget), Qt::LeftButton);
    } else { // note: the description, kept with Ctrl+Return
        auto *note = qobject_cast<QPlainTextEdit *>(widget);
        note->setFocus();
        note->moveCursor(QTextCursor::End);
        QTest::keyClicks(note, value);
        QTest::keyClick(note, Qt::Key_Return, Qt::ControlModifier);
    }
    QVERIFY2(window->propertiesPanel()->lastRefusal().isEmpty(), qPrintable(window->propertiesPanel()->lastRefusal()));
    QCOMPARE(doc->undoStack()->count(), count + 1);
    const QString after = QDir(m_dir.path()).filePath(QStringLiteral("after.json"));
    QVERIFY(window->saveTo(after));
    QVERIFY(readBytes(after) != beforeBytes);

    doc->undoStack()->undo();
    const QString back = QDir(m_dir.path()).filePath(QStringLiteral("back.json"));
    QVERIFY(window->saveTo(back));
    QCOMPARE(readBytes(back), beforeBytes);
}

void TestEditPath::sameValueStoresNothing_data()
{
    fieldTable(true);
}

void TestEditPath::sameValueStoresNothing()
{
    QFETCH(QString, setup);
    QFETCH(QString, site);
    QFETCH(QString, span);
    QFETCH(QString, field);
    QFETCH(QString, action);

    auto window = prepared(setup, site, span);
    Document *doc = window->document();
    const int count = doc->undoStack()->count();
    const std::string stored = writeScenario(doc->scenario());
    auto *widget = window->propertiesPanel()->findChild<QWidget *>(field);
    QVERIFY2(widget && widget->isVisible(), qPrintable(field));
    if (action == QLatin1String("type"))
        typeAndEnter(widget, shownText(widget));
    else
        pickCurrentAgain(qobject_cast<QComboBox *>(widget));
    // Leaving the field is no edit either.
    window->canvasView()->setFocus();
    QCOMPARE(doc->undoStack()->count(), count);
    QCOMPARE(writeScenario(doc->scenario()), stored);
    QVERIFY(window->propertiesPanel()->lastRefusal().isEmpty());
}

// Intents that reach the Editor with the value the plan has (another view, a script) are
// dropped there: no undo command, no refusal.
void TestEditPath::editorDropsWhatChangesNothing()
{
    auto window = prepared(QString(), QString(), QString());
    Editor *e = window->editor();
    QStringList refusals;
    connect(e, &Editor::refused, this, [&](const QString &reason) { refusals << reason; });
    const QString a = QStringLiteral("a");
    const QString ab = QStringLiteral("a-b");
    QVERIFY(!e->setSiteName(a, QStringLiteral("Campus A (Council Bluffs)")));
    QVERIFY(!e->setSitePosition(a, 41.2619, -95.8608));
    QVERIFY(!e->setSiteGpus(a, 16384));
    QVERIFY(!e->setSiteGpuType(a, QStringLiteral("H100-SXM")));
    QVERIFY(!e->setSitePowerCap(a, 40.0));
    QVERIFY(!e->setSitePue(a, 1.2));
    QVERIFY(!e->setSiteRegion(a, QStringLiteral("  ")));
    QVERIFY(!e->setSiteDown(a, false));
    QVERIFY(!e->setSpanOptic(ab, QStringLiteral("400ZR")));
    QVERIFY(!e->setSpanBand(ab, QStringLiteral("C")));
    QVERIFY(!e->setSpanFiberPairs(ab, 1.0));
    QVERIFY(!e->setSpanWavelengths(ab, 8.0));
    QVERIFY(!e->setSpanLength(ab, 100.0));
    QVERIFY(!e->setSpanMetric(ab, std::nullopt));
    QVERIFY(!e->setSpanDown(ab, false));
    QVERIFY(!e->setJobNumber(QStringLiteral("mfu"), 0.4));
    QVERIFY(!e->setJobConnections(std::nullopt));
    QVERIFY(!e->setJobText(QStringLiteral("strategy"), QStringLiteral("hierarchical")));
    QVERIFY(!e->setRouting(QStringLiteral("policy"), QStringLiteral("shortest")));
    QVERIFY(!e->setPlanName(QStringLiteral(" Two campuses, 100 km apart ")));
    QVERIFY(!e->setAssumption(QStringLiteral("loss_rate"), std::nullopt));
    QVERIFY(!e->removeElements({}, {}));
    QCOMPARE(window->document()->undoStack()->count(), 0);
    QVERIFY2(refusals.isEmpty(), qPrintable(refusals.join(QLatin1Char('\n'))));
}

// A refused intent stores nothing and says why (MainWindow shows it in the status bar).
void TestEditPath::refusedEditChangesNothing()
{
    auto window = prepared(QString(), QString(), QString());
    Editor *e = window->editor();
    QStringList refusals;
    connect(e, &Editor::refused, this, [&](const QString &reason) { refusals << reason; });
    const std::string stored = writeScenario(window->document()->scenario());
    QVERIFY(!e->setSitePue(QStringLiteral("a"), 0.5));
    QVERIFY(!e->setSiteGpus(QStringLiteral("zz"), 8));
    QVERIFY(!e->setJobNumber(QStringLiteral("mfu"), 1.5));
    QCOMPARE(refusals.size(), 3);
    QCOMPARE(refusals[0], QStringLiteral("expected a PUE (a finite number >= 1), got 0.5"));
    QCOMPARE(refusals[1], QStringLiteral("no site \"zz\""));
    QCOMPARE(refusals[2], QStringLiteral("expected a model FLOPs utilisation (a number in (0, 1]), got 1.5"));
    QCOMPARE(window->document()->undoStack()->count(), 0);
    QCOMPARE(writeScenario(window->document()->scenario()), stored);
}

QTEST_MAIN(TestEditPath)
#include "tst_editpath.moc"
