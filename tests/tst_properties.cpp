// The Properties panel: it shows the selection's fields and turns one user edit into one
// typed intent, which the application's Editor makes one undo command of (here on a
// Document of its own, as MainWindow wires them); refused input is never emitted. Real
// widgets, driven with QTest key and mouse events, offscreen.

#include "document.h"
#include "editor.h"
#include "format.h"
#include "properties/assumptionspage.h"
#include "properties/propertiespanel.h"

#include "engine/evaluate.h"
#include "io/scenariojson.h"
#include "edit/edits.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

#include <cmath>
#include <memory>
#include <utility>
#include <vector>

using dci::Scenario;

namespace {

// One undo command the panel's intent made: its text and the document's scenario after it.
struct Edit {
    QString description;
    Scenario after;
};

// Clicks a check box on its indicator, as a user would.
void clickCheckBox(QCheckBox *box)
{
    QStyleOptionButton option;
    option.initFrom(box);
    const QRect indicator = box->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, box);
    QTest::mouseClick(box, Qt::LeftButton, {}, indicator.center());
}

// Picks an item of a combo box with the arrow keys (each step is a user activation).
void chooseWithKeys(QComboBox *combo, const QString &data)
{
    const int target = combo->findData(data);
    QVERIFY2(target >= 0, qPrintable(data));
    combo->setFocus();
    while (combo->currentIndex() < target)
        QTest::keyClick(combo, Qt::Key_Down);
    while (combo->currentIndex() > target)
        QTest::keyClick(combo, Qt::Key_Up);
}

void typeInto(QWidget *field, const QString &text)
{
    field->setFocus();
    if (auto *edit = qobject_cast<QLineEdit *>(field))
        edit->selectAll();
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
        spin->selectAll();
    if (text.isEmpty())
        QTest::keyClick(field, Qt::Key_Backspace);
    else
        QTest::keyClicks(field, text);
}

// Opens the override cell of key's row with F2, as a user would, types text and presses
// Return.
void editOverride(dci::AssumptionsPage *page, const QString &key, const QString &text)
{
    auto *table = page->findChild<QTreeWidget *>(QStringLiteral("assumptionsTable"));
    QTreeWidgetItem *row = page->row(key);
    QVERIFY(table && row);
    table->setFocus();
    table->setCurrentItem(row, dci::AssumptionsPage::NameColumn);
    table->scrollToItem(row);
    QTest::keyClick(table, Qt::Key_F2);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QCOMPARE(editor->objectName(), QStringLiteral("overrideEditor"));
    editor->selectAll();
    if (text.isEmpty())
        QTest::keyClick(editor, Qt::Key_Backspace);
    else
        QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents(); // the delegate commits on the next turn of the event loop
}

dci::Scenario loadSample(const char *name)
{
    const dci::ScenarioLoad load =
        dci::readScenarioFile(std::string(DCI_SOURCE_DIR "/samples/") + name, dci::Catalog::builtin());
    if (!load.ok())
        qFatal("%s", load.errors.front().c_str());
    return *load.scenario;
}

} // namespace

class TestProperties : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void siteShowsItsValues();
    void typingGpuCountEmitsOnce();
    void impossibleGpuCountsAreRefused_data();
    void impossibleGpuCountsAreRefused();
    void emptyNameGivesTheIdBack();
    void powerCapCheckBoxRemovesTheCap();
    void refusedInputIsNotEmitted_data();
    void refusedInputIsNotEmitted();
    void refusedFieldRevertsWhenLeft();
    void escapeRevertsTheField();
    void opticComboEmitsOnce();
    void showEmitsNothing();
    void showKeepsWhatTheUserIsTyping();
    void strategyShowsItsFields_data();
    void strategyShowsItsFields();
    void clearingAnOptionalJobFieldRestoresTheDefault();
    void autoWavelengthsWritesNullopt();
    void spanMetricEmitsItsIntent();
    void invalidSpanMetricRefused_data();
    void invalidSpanMetricRefused();
    void spanLengthPastTheBoundRefused();
    void siteRegionEmitsItsIntent();
    void jobConnectionsEmitsItsIntent();
    void addTrainingJob();
    void planNoteEmitsNameAndDescription();
    void assumptionsPageListsEveryFigure();
    void assumptionsPageEmitsItsIntent();
    void assumptionsPageRefusesInPlace_data();
    void assumptionsPageRefusesInPlace();
    void assumptionsPageFilters();
    void severalSelectedShowsASummary();
    void renderPages();

private:
    void showPanel(const Scenario &scenario, const QStringList &sites, const QStringList &spans);
    template<class T>
    T *field(const char *name)
    {
        T *w = m_panel->findChild<T *>(QLatin1String(name));
        if (!w)
            qWarning("no field %s", name);
        return w;
    }

    Scenario m_scenario;
    dci::Catalog m_catalog;
    std::unique_ptr<dci::Document> m_document;
    std::unique_ptr<dci::Editor> m_editor;
    std::unique_ptr<dci::PropertiesPanel> m_panel;
    std::vector<Edit> m_edits;
    QStringList m_editorRefusals; // the pages check first: the editor should refuse nothing
    QStringList m_sites;          // the selection showPanel() shows
    QStringList m_spans;
    bool m_showing = false;
};

void TestProperties::initTestCase()
{
    const dci::ScenarioLoad load =
        dci::readScenarioFile(DCI_SOURCE_DIR "/samples/two-campus-teaching.json", dci::Catalog::builtin());
    QVERIFY2(load.ok(), load.errors.empty() ? "" : load.errors.front().c_str());
    m_scenario = *load.scenario;
    m_catalog = dci::applyOverrides(dci::Catalog::builtin(), m_scenario.assumptions);
}

void TestProperties::init()
{
    m_edits.clear();
    m_editorRefusals.clear();
    m_document = std::make_unique<dci::Document>();
    m_editor = std::make_unique<dci::Editor>(m_document.get());
    m_panel = std::make_unique<dci::PropertiesPanel>();
    m_panel->resize(400, 720);
    dci::connectIntents(m_panel.get(), m_editor.get());
    connect(m_editor.get(), &dci::Editor::refused, this, [this](const QString &reason) { m_editorRefusals << reason; });
    // Each undo command pushed is one edit; the panel then shows the stored scenario, as
    // MainWindow does after every change.
    QUndoStack *stack = m_document->undoStack();
    connect(stack, &QUndoStack::indexChanged, this, [this, stack](int index) {
        if (!m_showing && index > 0 && index == stack->count())
            m_edits.push_back({stack->text(index - 1), m_document->scenario()});
    });
    connect(m_document.get(), &dci::Document::changed, this, [this] {
        if (!m_showing)
            m_panel->show(m_document->scenario(), m_document->results(), m_document->catalog(), m_sites, m_spans);
    });
    m_panel->QWidget::show();
    m_panel->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
}

void TestProperties::cleanup()
{
    QVERIFY2(m_editorRefusals.isEmpty(), qPrintable(m_editorRefusals.join(QLatin1Char('\n'))));
    m_panel.reset();
    m_editor.reset();
    m_document.reset();
}

// The document holds scenario (the edits build on it) and the panel shows it.
void TestProperties::showPanel(const Scenario &scenario, const QStringList &sites, const QStringList &spans)
{
    m_sites = sites;
    m_spans = spans;
    m_showing = true;
    m_document->adopt(scenario);
    m_showing = false;
    m_panel->show(m_document->scenario(), m_document->results(), m_document->catalog(), sites, spans);
}

void TestProperties::siteShowsItsValues()
{
    showPanel(m_scenario, {QStringLiteral("a")}, {});
    QCOMPARE(field<QLabel>("propertiesTitle")->text(), QStringLiteral("Site: Campus A (Council Bluffs) (a)"));
    QCOMPARE(field<QLineEdit>("siteName")->text(), QStringLiteral("Campus A (Council Bluffs)"));
    QCOMPARE(field<QDoubleSpinBox>("siteLat")->value(), 41.2619);
    QCOMPARE(field<QDoubleSpinBox>("siteLon")->value(), -95.8608);
    QCOMPARE(field<QComboBox>("siteGpu")->currentData().toString(), QStringLiteral("H100-SXM"));
    QCOMPARE(field<QComboBox>("siteGpu")->count(), static_cast<int>(m_catalog.gpus.size()));
    QCOMPARE(field<QSpinBox>("siteGpus")->value(), 16384);
    QVERIFY(field<QCheckBox>("sitePowerCapOn")->isChecked());
    QCOMPARE(field<QDoubleSpinBox>("sitePowerCap")->value(), 40.0);
    QVERIFY(field<QCheckBox>("sitePueOn")->isChecked());
    QCOMPARE(field<QDoubleSpinBox>("sitePue")->value(), 1.2);
    // 16,384 H100 with PUE 1.2 stay under the 40 MW cap.
    QVERIFY2(field<QLabel>("siteItPower")->text().endsWith(QStringLiteral(" MW")), qPrintable(field<QLabel>("siteItPower")->text()));
    QVERIFY(field<QLabel>("siteCapStatus")->text().startsWith(QStringLiteral("within the cap")));
    QVERIFY(field<QSpinBox>("siteGpus")->isVisible());

    // Site b, and then the other values in place: the same widgets, new values.
    QSpinBox *gpus = field<QSpinBox>("siteGpus");
    Scenario other = m_scenario;
    other.sites[1].gpus = 4096;
    showPanel(other, {QStringLiteral("b")}, {});
    QCOMPARE(field<QSpinBox>("siteGpus"), gpus);
    QCOMPARE(gpus->value(), 4096);
    QCOMPARE(field<QLineEdit>("siteName")->text(), QStringLiteral("Campus B (Lincoln)"));
    QVERIFY(m_edits.empty());
}

void TestProperties::impossibleGpuCountsAreRefused_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("reason");
    // Issue 13 #11: "-5" used to become 5, a huge count was clamped silently.
    QTest::newRow("negative") << "-5" << "GPUs: expected a GPU count (a whole number >= 0), got -5";
    QTest::newRow("huge") << "25000000" << "at most 10,000,000 at one site";
}

void TestProperties::impossibleGpuCountsAreRefused()
{
    QFETCH(QString, typed);
    QFETCH(QString, reason);
    showPanel(m_scenario, {QStringLiteral("a")}, {});
    QSpinBox *gpus = field<QSpinBox>("siteGpus");
    typeInto(gpus, typed);
    QTest::keyClick(gpus, Qt::Key_Return);
    QVERIFY(m_edits.empty());
    QVERIFY2(m_panel->lastRefusal().contains(reason), qPrintable(m_panel->lastRefusal()));
    QTest::keyClick(gpus, Qt::Key_Escape);
    QCOMPARE(gpus->value(), 16384);
}

void TestProperties::typingGpuCountEmitsOnce()
{
    showPanel(m_scenario, {QStringLiteral("a")}, {});
    QSpinBox *gpus = field<QSpinBox>("siteGpus");
    typeInto(gpus, QStringLiteral("20000"));
    QVERIFY(m_edits.empty()); // nothing before Enter
    QTest::keyClick(gpus, Qt::Key_Return);

    QCOMPARE(m_edits.size(), std::size_t(1));
    QCOMPARE(m_edits[0].description, QStringLiteral("Change GPUs of Campus A (Council Bluffs)"));
    Scenario expected = m_scenario;
    expected.sites[0].gpus = 20000;
    QCOMPARE(dci::writeScenario(m_edits[0].after), dci::writeScenario(expected));
    QVERIFY(dci::writeScenario(m_edits[0].after) != dci::writeScenario(m_scenario));
    QVERIFY(m_panel->lastRefusal().isEmpty());

    // Enter again, or leaving the field, is not a second edit.
    QTest::keyClick(gpus, Qt::Key_Return);
    field<QLineEdit>("siteName")->setFocus();
    QVERIFY(!gpus->hasFocus());
    QCOMPARE(m_edits.size(), std::size_t(1));

    // Leaving a changed field commits it, too (focus out = editingFinished).
    typeInto(gpus, QStringLiteral("30000"));
    field<QLineEdit>("siteName")->setFocus();
    QCOMPARE(m_edits.size(), std::size_t(2));
    QCOMPARE(m_edits[1].after.sites[0].gpus, std::int64_t(30000));
}

void TestProperties::emptyNameGivesTheIdBack()
{
    showPanel(m_scenario, {QStringLiteral("b")}, {});
    QLineEdit *name = field<QLineEdit>("siteName");
    QCOMPARE(name->placeholderText(), QStringLiteral("b"));
    typeInto(name, QString());
    QCOMPARE(name->text(), QString());
    QTest::keyClick(name, Qt::Key_Return);
    QCOMPARE(m_edits.size(), std::size_t(1));
    QCOMPARE(m_edits[0].after.sites[1].name, std::string("b"));
    QCOMPARE(m_edits[0].description, QStringLiteral("Rename Campus B (Lincoln) to b"));

    typeInto(name, QStringLiteral("Lincoln"));
    QTest::keyClick(name, Qt::Key_Enter);
    QCOMPARE(m_edits.size(), std::size_t(2));
    QCOMPARE(m_edits[1].after.sites[1].name, std::string("Lincoln"));
}

void TestProperties::powerCapCheckBoxRemovesTheCap()
{
    showPanel(m_scenario, {QStringLiteral("a")}, {});
    QCheckBox *limit = field<QCheckBox>("sitePowerCapOn");
    clickCheckBox(limit);
    QCOMPARE(m_edits.size(), std::size_t(1));
    Scenario expected = m_scenario;
    expected.sites[0].power_cap_mw.reset();
    QCOMPARE(dci::writeScenario(m_edits[0].after), dci::writeScenario(expected));

    showPanel(m_edits[0].after, {QStringLiteral("a")}, {});
    QVERIFY(!field<QDoubleSpinBox>("sitePowerCap")->isEnabled());
    QCOMPARE(field<QDoubleSpinBox>("sitePowerCap")->text(), QStringLiteral("unlimited"));
    // Limiting again starts at what the site draws today, rounded up to a whole MW.
    const double drawMw = dci::evaluate(m_edits[0].after, dci::Catalog::builtin()).sites[0].power_mw;
    QVERIFY(drawMw > 20.0);
    clickCheckBox(limit);
    QCOMPARE(m_edits.size(), std::size_t(2));
    QVERIFY(m_edits[1].after.sites[0].power_cap_mw.has_value());
    QCOMPARE(*m_edits[1].after.sites[0].power_cap_mw, std::ceil(drawMw));
}

void TestProperties::refusedInputIsNotEmitted_data()
{
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("reason");

    // checkScenario refuses these; the line edits let them through on purpose, so the
    // reason is the reader's.
    QTest::newRow("mfu above 1") << "hierarchical" << "job_mfu" << "1.5" << "a number in (0, 1]";
    QTest::newRow("mfu zero") << "hierarchical" << "job_mfu" << "0" << "got 0";
    QTest::newRow("negative params") << "hierarchical" << "job_model_params" << "-5" << "a finite number >= 1";
    QTest::newRow("fractional inner steps") << "diloco" << "job_inner_steps" << "2.5" << "whole number";
    QTest::newRow("fractional flows") << "pipeline" << "job_flows_per_pair" << "3.5" << "whole number";
    // Past the physical bounds a file has (docs/SCENARIO-FORMAT.md "Bounds", issue 16).
    QTest::newRow("params past the bound") << "hierarchical" << "job_model_params" << "1e16"
                                           << "at most 1e+15 (a thousand times the largest models trained";
    QTest::newRow("mfu past the bound") << "hierarchical" << "job_mfu" << "1e-7" << "at least 1e-06";
    // Caught by the panel before the reader sees it.
    QTest::newRow("not a number") << "hierarchical" << "job_model_params" << "seventy" << "expected a number";
    QTest::newRow("not finite") << "hierarchical" << "job_total_tokens" << "inf" << "expected a number";
    QTest::newRow("required left empty") << "hierarchical" << "job_tokens_per_step" << "" << "a value is required";
}

void TestProperties::refusedInputIsNotEmitted()
{
    QFETCH(QString, strategy);
    QFETCH(QString, field);
    QFETCH(QString, typed);
    QFETCH(QString, reason);

    Scenario scenario = m_scenario;
    scenario.job->strategy = strategy.toStdString();
    showPanel(scenario, {}, {});
    QLineEdit *edit = m_panel->findChild<QLineEdit *>(field);
    QVERIFY(edit);
    QVERIFY(edit->isVisible());
    typeInto(edit, typed);
    QTest::keyClick(edit, Qt::Key_Return);

    QVERIFY(m_edits.empty());
    QVERIFY2(m_panel->lastRefusal().contains(reason), qPrintable(m_panel->lastRefusal()));
    QLabel *message = this->field<QLabel>("refusalMessage");
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), m_panel->lastRefusal());
    // Still in the field, red, so the user can fix it.
    QVERIFY(edit->hasFocus());
    QCOMPARE(edit->text(), typed);
    QVERIFY(edit->styleSheet().contains(QStringLiteral("border")));
}

void TestProperties::refusedFieldRevertsWhenLeft()
{
    // fragments must not exceed inner_steps: a rule across two fields no widget range holds.
    Scenario scenario = m_scenario;
    scenario.job->strategy = "streaming-diloco";
    scenario.job->inner_steps = 4;
    showPanel(scenario, {}, {});
    QLineEdit *fragments = field<QLineEdit>("job_fragments");
    QVERIFY(fragments->isVisible());
    typeInto(fragments, QStringLiteral("8"));
    QTest::keyClick(fragments, Qt::Key_Return);
    QVERIFY(m_edits.empty());
    QVERIFY2(m_panel->lastRefusal().contains(QStringLiteral("cannot exceed inner_steps")),
             qPrintable(m_panel->lastRefusal()));

    // Leaving puts the stored value back (unset: empty, the default as placeholder); the
    // reason stays readable under the form.
    field<QLineEdit>("job_model_params")->setFocus();
    QCOMPARE(fragments->text(), QString());
    QVERIFY(fragments->styleSheet().isEmpty());
    QVERIFY(field<QLabel>("refusalMessage")->isVisible());
    QVERIFY(m_edits.empty());

    // A valid edit afterwards goes through and clears the refusal.
    typeInto(fragments, QStringLiteral("2"));
    QTest::keyClick(fragments, Qt::Key_Return);
    QCOMPARE(m_edits.size(), std::size_t(1));
    QCOMPARE(m_edits[0].after.job->fragments, std::optional<double>(2.0));
    QVERIFY(m_panel->lastRefusal().isEmpty());
    QVERIFY(!field<QLabel>("refusalMessage")->isVisible());
}

void TestProperties::escapeRevertsTheField()
{
    showPanel(m_scenario, {}, {});
    QLineEdit *mfu = field<QLineEdit>("job_mfu");
    QCOMPARE(mfu->text(), QStringLiteral("0.4"));
    typeInto(mfu, QStringLiteral("2"));
    QTest::keyClick(mfu, Qt::Key_Return); // refused
    QVERIFY(!m_panel->lastRefusal().isEmpty());
    QTest::keyClick(mfu, Qt::Key_Escape);
    QCOMPARE(mfu->text(), QStringLiteral("0.4"));
    QVERIFY(mfu->styleSheet().isEmpty());
    // The refused value is gone, and so is the message about it (issue 13 #10).
    QVERIFY(m_panel->lastRefusal().isEmpty());
    QVERIFY(!field<QLabel>("refusalMessage")->isVisible());
    field<QLineEdit>("job_model_params")->setFocus();

    // Escape before Enter: nothing is committed.
    typeInto(mfu, QStringLiteral("0.5"));
    QTest::keyClick(mfu, Qt::Key_Escape);
    QCOMPARE(mfu->text(), QStringLiteral("0.4"));
    field<QLineEdit>("job_model_params")->setFocus();
    QVERIFY(m_edits.empty());
}

void TestProperties::opticComboEmitsOnce()
{
    showPanel(m_scenario, {}, {QStringLiteral("a-b")});
    QCOMPARE(field<QLabel>("propertiesTitle")->text(), QStringLiteral("Span: a-b"));
    QComboBox *optic = field<QComboBox>("spanOptic");
    QCOMPARE(optic->currentData().toString(), QStringLiteral("400ZR"));
    QCOMPARE(optic->count(), static_cast<int>(m_catalog.optics.size()));
    // Each entry says what it means: rate, reach and price (a placeholder, starred).
    QCOMPARE(optic->currentText(), QStringLiteral("400ZR · 400 Gb/s · 120 km · %1*").arg(dci::formatUsd(4500)));
    QVERIFY(optic->itemData(optic->currentIndex(), Qt::ToolTipRole).toString().contains(QStringLiteral("OIF-400ZR")));
    optic->setFocus();
    QTest::keyClick(optic, Qt::Key_Down);
    const QString chosen = optic->currentData().toString();
    QVERIFY(chosen != QStringLiteral("400ZR"));

    QCOMPARE(m_edits.size(), std::size_t(1));
    QCOMPARE(m_edits[0].description, QStringLiteral("Change optic of a-b to %1").arg(chosen));
    Scenario expected = m_scenario;
    expected.spans[0].optic = chosen.toStdString();
    QCOMPARE(dci::writeScenario(m_edits[0].after), dci::writeScenario(expected));
}

void TestProperties::showEmitsNothing()
{
    const dci::Results results = dci::evaluate(m_scenario, dci::Catalog::builtin());
    Scenario changed = m_scenario;
    changed.sites[0].gpus = 1;
    changed.spans[0].optic = "800ZR";
    changed.spans[0].wavelengths.reset();
    changed.job->strategy = "pipeline";
    Scenario noJob = m_scenario;
    noJob.job.reset();
    const QList<std::pair<QStringList, QStringList>> selections = {
        {{QStringLiteral("a")}, {}},
        {{}, {QStringLiteral("a-b")}},
        {{}, {}},
        {{QStringLiteral("a"), QStringLiteral("b")}, {QStringLiteral("a-b")}},
        {{QStringLiteral("gone")}, {}},
    };
    for (int round = 0; round < 2; ++round) {
        for (const auto &[sites, spans] : selections) {
            m_panel->show(m_scenario, results, m_catalog, sites, spans);
            m_panel->show(m_scenario, results, m_catalog, sites, spans);
            showPanel(changed, sites, spans);
            showPanel(noJob, sites, spans);
        }
    }
    // Switching pages while a field holds typed text does not commit it either.
    m_panel->show(m_scenario, results, m_catalog, {QStringLiteral("a")}, {});
    typeInto(field<QSpinBox>("siteGpus"), QStringLiteral("777"));
    m_panel->show(m_scenario, results, m_catalog, {}, {});
    // Nor does a field that show() hides while the user types in it (an undo of the
    // strategy, say).
    Scenario diloco = m_scenario;
    diloco.job->strategy = "diloco";
    showPanel(diloco, {}, {});
    QLineEdit *inner = field<QLineEdit>("job_inner_steps");
    typeInto(inner, QStringLiteral("7"));
    QVERIFY(inner->hasFocus());
    showPanel(m_scenario, {}, {});
    QVERIFY(!inner->isVisible());
    QVERIFY(m_edits.empty());
    QVERIFY(m_panel->lastRefusal().isEmpty());
}

void TestProperties::showKeepsWhatTheUserIsTyping()
{
    showPanel(m_scenario, {QStringLiteral("a")}, {});
    QSpinBox *gpus = field<QSpinBox>("siteGpus");
    typeInto(gpus, QStringLiteral("123"));
    // A re-evaluation arrives while the user types: the field keeps their text.
    showPanel(m_scenario, {QStringLiteral("a")}, {});
    QVERIFY(gpus->hasFocus());
    QCOMPARE(gpus->cleanText(), QStringLiteral("123"));
    // Its stored value changed (an undo, say): the stored value wins.
    Scenario undone = m_scenario;
    undone.sites[0].gpus = 8192;
    showPanel(undone, {QStringLiteral("a")}, {});
    QCOMPARE(gpus->value(), 8192);
    QVERIFY(gpus->hasFocus());

    // The same for a field whose range show() sets (the power cap).
    QDoubleSpinBox *cap = field<QDoubleSpinBox>("sitePowerCap");
    typeInto(cap, QStringLiteral("35"));
    showPanel(undone, {QStringLiteral("a")}, {});
    QCOMPARE(cap->cleanText(), QStringLiteral("35"));
    QVERIFY(m_edits.empty());
    QTest::keyClick(cap, Qt::Key_Return);
    QCOMPARE(m_edits.size(), std::size_t(1));
    QCOMPARE(m_edits[0].after.sites[0].power_cap_mw, std::optional<double>(35.0));
    QCOMPARE(m_edits[0].description, QStringLiteral("Change power cap of Campus A (Council Bluffs)"));
}

void TestProperties::strategyShowsItsFields_data()
{
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QStringList>("shown");
    QTest::addColumn<QStringList>("hidden");

    const QString pattern = QStringLiteral("jobDcPattern");
    const QString inner = QStringLiteral("job_inner_steps");
    const QString sync = QStringLiteral("job_sync_bytes");
    const QString fragments = QStringLiteral("job_fragments");
    const QString overlapSteps = QStringLiteral("job_overlap_steps");
    const QString hidden = QStringLiteral("job_hidden_size");
    const QString act = QStringLiteral("job_act_bytes");
    const QString micro = QStringLiteral("job_microbatches");
    const QString grad = QStringLiteral("job_grad_bytes");
    const QString common = QStringLiteral("job_model_params,job_tokens_per_step,job_total_tokens,job_mfu,job_overlap,"
                                          "job_connections_per_pair,job_flows_per_pair,jobTransport");

    QTest::newRow("hierarchical") << "hierarchical" << (common.split(',') << pattern << grad)
                                  << QStringList{inner, sync, fragments, overlapSteps, hidden, act, micro};
    QTest::newRow("flat-ring") << "flat-ring" << (common.split(',') << grad)
                               << QStringList{pattern, inner, sync, fragments, overlapSteps, hidden, act, micro};
    QTest::newRow("diloco") << "diloco" << (common.split(',') << pattern << inner << sync << overlapSteps)
                            << QStringList{fragments, hidden, act, micro, grad};
    QTest::newRow("streaming-diloco") << "streaming-diloco"
                                      << (common.split(',') << pattern << inner << sync << fragments << overlapSteps)
                                      << QStringList{hidden, act, micro, grad};
    QTest::newRow("pipeline") << "pipeline" << (common.split(',') << hidden << act << micro)
                              << QStringList{pattern, inner, sync, fragments, overlapSteps, grad};
}

void TestProperties::strategyShowsItsFields()
{
    QFETCH(QString, strategy);
    QFETCH(QStringList, shown);
    QFETCH(QStringList, hidden);

    showPanel(m_scenario, {}, {});
    QVERIFY(field<QWidget>("job_grad_bytes")->isVisible()); // hierarchical
    QVERIFY(!field<QWidget>("job_inner_steps")->isVisible());
    QComboBox *combo = field<QComboBox>("jobStrategy");
    chooseWithKeys(combo, strategy == QLatin1String("hierarchical") ? QStringLiteral("flat-ring") : strategy);
    if (strategy == QLatin1String("hierarchical")) // away and back: its fields come back
        chooseWithKeys(combo, strategy);
    QVERIFY(!m_edits.empty());
    const Scenario after = m_edits.back().after;
    QCOMPARE(after.job->strategy, strategy.toStdString());
    // Only the strategy changes: the other job fields keep following the catalog.
    Scenario expected = m_scenario;
    expected.job->strategy = strategy.toStdString();
    QCOMPARE(dci::writeScenario(after), dci::writeScenario(expected));

    for (int pass = 0; pass < 2; ++pass) { // at once, and after the app's show()
        // A field that does not exist is not a hidden field: say which it is.
        for (const QString &name : shown) {
            QWidget *w = m_panel->findChild<QWidget *>(name);
            QVERIFY2(w, qPrintable("no field named " + name));
            QVERIFY2(w->isVisible(), qPrintable(name + " should be shown for " + strategy));
        }
        for (const QString &name : hidden) {
            QWidget *w = m_panel->findChild<QWidget *>(name);
            QVERIFY2(w, qPrintable("no field named " + name));
            QVERIFY2(!w->isVisible(), qPrintable(name + " should be hidden for " + strategy));
        }
        showPanel(after, {}, {});
    }
}

void TestProperties::clearingAnOptionalJobFieldRestoresTheDefault()
{
    showPanel(m_scenario, {}, {});
    QLineEdit *mfu = field<QLineEdit>("job_mfu");
    typeInto(mfu, QString());
    QTest::keyClick(mfu, Qt::Key_Return);
    QCOMPARE(m_edits.size(), std::size_t(1));
    QCOMPARE(m_edits[0].description, QStringLiteral("Reset MFU of the job to the default"));
    QVERIFY(!m_edits[0].after.job->mfu.has_value());
    Scenario expected = m_scenario;
    expected.job->mfu.reset();
    QCOMPARE(dci::writeScenario(m_edits[0].after), dci::writeScenario(expected));

    showPanel(m_edits[0].after, {}, {});
    QCOMPARE(mfu->text(), QString());
    QCOMPARE(mfu->placeholderText(), QStringLiteral("default 0.4"));

    // "70B" is 70e9: the same number written differently is no edit.
    QLineEdit *params = field<QLineEdit>("job_model_params");
    QCOMPARE(params->text(), QStringLiteral("70,000,000,000"));
    typeInto(params, QStringLiteral("70B"));
    QTest::keyClick(params, Qt::Key_Return);
    QCOMPARE(m_edits.size(), std::size_t(1));
    typeInto(params, QStringLiteral("405e9"));
    QTest::keyClick(params, Qt::Key_Return);
    QCOMPARE(m_edits.size(), std::size_t(2));
    QCOMPARE(m_edits[1].after.job->model_params, 405e9);
}

void TestProperties::autoWavelengthsWritesNullopt()
{
    showPanel(m_scenario, {}, {QStringLiteral("a-b")});
    QCheckBox *autoBox = field<QCheckBox>("spanWavelengthsAuto");
    QSpinBox *waves = field<QSpinBox>("spanWavelengths");
    QVERIFY(!autoBox->isChecked());
    QCOMPARE(waves->value(), 8);
    clickCheckBox(autoBox);
    QCOMPARE(m_edits.size(), std::size_t(1));
    QVERIFY(!m_edits[0].after.spans[0].wavelengths.has_value());
    Scenario expected = m_scenario;
    expected.spans[0].wavelengths = std::nullopt;
    QCOMPARE(dci::writeScenario(m_edits[0].after), dci::writeScenario(expected));

    // Shown greyed with what the tool chose; turning auto off fixes that number.
    const Scenario dimensioned = m_edits[0].after;
    const dci::Results results = dci::evaluate(dimensioned, dci::Catalog::builtin());
    QVERIFY(results.spans[0].wavelengths.has_value());
    showPanel(dimensioned, {}, {QStringLiteral("a-b")});
    QVERIFY(autoBox->isChecked());
    QVERIFY(!waves->isEnabled());
    QCOMPARE(waves->value(), *results.spans[0].wavelengths);
    clickCheckBox(autoBox);
    QCOMPARE(m_edits.size(), std::size_t(2));
    QCOMPARE(m_edits[1].after.spans[0].wavelengths, results.spans[0].wavelengths);
}

// The metric field emits a typed intent (span id, metric), never a whole scenario; auto
// shows the engine's metric, the span's latency in microseconds, greyed.
void TestProperties::spanMetricEmitsItsIntent()
{
    QSignalSpy spy(m_panel.get(), &dci::PropertiesPanel::spanMetricRequested);
    const dci::Results results = dci::evaluate(m_scenario, dci::Catalog::builtin());
    QCOMPARE(results.spans[0].metric, std::int64_t(490)); // 100 km at 4.9 us/km
    showPanel(m_scenario, {}, {QStringLiteral("a-b")});
    QLineEdit *metric = field<QLineEdit>("spanMetric");
    QCheckBox *autoBox = field<QCheckBox>("spanMetricAuto");
    QVERIFY(metric->isVisible());
    QVERIFY(autoBox->isChecked());
    QVERIFY(!metric->isEnabled());
    QCOMPARE(metric->text(), QString());
    QCOMPARE(metric->placeholderText(), QStringLiteral("490"));

    // Auto off fixes the engine's metric.
    clickCheckBox(autoBox);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy[0][0].toString(), QStringLiteral("a-b"));
    QCOMPARE(spy[0][1].value<std::optional<qint64>>(), std::optional<qint64>(490));
    QCOMPARE(m_edits.size(), std::size_t(1));
    QCOMPARE(m_edits[0].description, QStringLiteral("Set metric of a-b to 490"));

    // As the app would: apply the edit, show the stored scenario.
    Scenario fixed = dci::edits::setSpanMetric(m_scenario, "a-b", 490).scenario;
    showPanel(fixed, {}, {QStringLiteral("a-b")});
    QVERIFY(metric->isEnabled());
    QCOMPARE(metric->text(), QStringLiteral("490"));
    typeInto(metric, QStringLiteral("1,000"));
    QTest::keyClick(metric, Qt::Key_Return);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy[1][1].value<std::optional<qint64>>(), std::optional<qint64>(1000));
    QVERIFY(m_panel->lastRefusal().isEmpty());
    QCOMPARE(m_edits.back().description, QStringLiteral("Set metric of a-b to 1,000"));
    QCOMPARE(m_edits.back().after.spans[0].metric, std::optional<std::int64_t>(1000));

    // The same metric written differently is no edit; auto on clears it.
    fixed = dci::edits::setSpanMetric(m_scenario, "a-b", 1000).scenario;
    showPanel(fixed, {}, {QStringLiteral("a-b")});
    typeInto(metric, QStringLiteral("1000"));
    QTest::keyClick(metric, Qt::Key_Return);
    QCOMPARE(spy.count(), 2);
    clickCheckBox(autoBox);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy[2][0].toString(), QStringLiteral("a-b"));
    QCOMPARE(spy[2][1].value<std::optional<qint64>>(), std::optional<qint64>());
    QCOMPARE(m_edits.size(), std::size_t(3));
    QCOMPARE(m_edits.back().description, QStringLiteral("Let metric of a-b follow its latency"));
    QVERIFY(!m_edits.back().after.spans[0].metric.has_value());
}

void TestProperties::invalidSpanMetricRefused_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("reason");
    const QString range = QStringLiteral("Metric: expected an IGP metric from 1 to 16777215 (a whole number), got ");
    QTest::newRow("zero") << "0" << range + "0";
    QTest::newRow("too large") << "16777216" << range + "16777216";
    QTest::newRow("fraction") << "2.5" << range + "2.5";
    QTest::newRow("not a number") << "fast" << "Metric: expected a whole number from 1 to 16,777,215, got \"fast\"";
}

void TestProperties::invalidSpanMetricRefused()
{
    QFETCH(QString, typed);
    QFETCH(QString, reason);
    QSignalSpy spy(m_panel.get(), &dci::PropertiesPanel::spanMetricRequested);
    const Scenario fixed = dci::edits::setSpanMetric(m_scenario, "a-b", 490).scenario;
    showPanel(fixed, {}, {QStringLiteral("a-b")});
    QLineEdit *metric = field<QLineEdit>("spanMetric");
    typeInto(metric, typed);
    QTest::keyClick(metric, Qt::Key_Return);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(m_panel->lastRefusal(), reason);
    QLabel *message = field<QLabel>("refusalMessage");
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), reason);
    QCOMPARE(metric->text(), typed); // still there to correct
    QVERIFY(!metric->styleSheet().isEmpty()); // shown red
    QTest::keyClick(metric, Qt::Key_Escape);
    QCOMPARE(metric->text(), QStringLiteral("490"));
    QCOMPARE(spy.count(), 0);
}

// A span longer than half the Earth (the field offers up to 40,000 km so the reason can be
// said rather than the typing stopped) is refused in the field with the file's bound.
void TestProperties::spanLengthPastTheBoundRefused()
{
    Scenario scenario = m_scenario;
    scenario.spans.front().length_km = 100.0; // a length of its own, not "from the map"
    showPanel(scenario, {}, {QString::fromStdString(scenario.spans.front().id)});
    auto *length = field<QDoubleSpinBox>("spanLength");
    QVERIFY(length->isEnabled());
    QCOMPARE(length->value(), 100.0);
    const double before = length->value();
    typeInto(length, QStringLiteral("30000"));
    QTest::keyClick(length, Qt::Key_Return);
    QVERIFY(m_edits.empty());
    QCOMPARE(m_panel->lastRefusal(),
             QStringLiteral("Length: expected a fiber length in km, or \"auto\": at most 20037.5 (half of Earth's "
                            "circumference: no two places are further apart), got 30000"));
    QTest::keyClick(length, Qt::Key_Escape);
    QCOMPARE(length->value(), before);
}

void TestProperties::siteRegionEmitsItsIntent()
{
    QSignalSpy spy(m_panel.get(), &dci::PropertiesPanel::siteRegionRequested);
    showPanel(m_scenario, {QStringLiteral("b")}, {});
    QLineEdit *region = field<QLineEdit>("siteRegion");
    QVERIFY(region->isVisible());
    QCOMPARE(region->text(), QString());
    QCOMPARE(region->placeholderText(), QStringLiteral("its own region"));
    QVERIFY(region->toolTip().contains(QStringLiteral("Regions")));
    typeInto(region, QStringLiteral("  west "));
    QTest::keyClick(region, Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy[0][0].toString(), QStringLiteral("b"));
    QCOMPARE(spy[0][1].toString(), QStringLiteral("west"));
    QCOMPARE(m_edits.size(), std::size_t(1));
    QCOMPARE(m_edits[0].description, QStringLiteral("Put Campus B (Lincoln) in region west"));
    QCOMPARE(m_edits[0].after.sites[1].region, std::string("west"));

    const Scenario west = dci::edits::setSiteRegion(m_scenario, "b", "west").scenario;
    showPanel(west, {QStringLiteral("b")}, {});
    QCOMPARE(region->text(), QStringLiteral("west"));
    typeInto(region, QStringLiteral("west  ")); // the same region
    QTest::keyClick(region, Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    typeInto(region, QString()); // cleared: a region of its own
    QTest::keyClick(region, Qt::Key_Return);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy[1][1].toString(), QString());
}

void TestProperties::jobConnectionsEmitsItsIntent()
{
    QSignalSpy spy(m_panel.get(), &dci::PropertiesPanel::jobConnectionsRequested);
    showPanel(m_scenario, {}, {});
    QLineEdit *connections = field<QLineEdit>("job_connections_per_pair");
    QVERIFY(connections->isVisible());
    QCOMPARE(connections->text(), QString());
    QCOMPARE(connections->placeholderText(), QStringLiteral("derived 64"));
    typeInto(connections, QStringLiteral("512"));
    QTest::keyClick(connections, Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy[0][0].value<std::optional<double>>(), std::optional<double>(512.0));
    QCOMPARE(m_edits.size(), std::size_t(1));
    QCOMPARE(m_edits[0].description, QStringLiteral("Set connections per DC pair to 512"));
    QCOMPARE(m_edits[0].after.job->connections_per_pair, std::optional<double>(512.0));

    const Scenario set = dci::edits::setJobConnections(m_scenario, 512.0).scenario;
    showPanel(set, {}, {});
    QCOMPARE(connections->text(), QStringLiteral("512"));
    typeInto(connections, QStringLiteral("2.5"));
    QTest::keyClick(connections, Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(m_panel->lastRefusal(),
             QStringLiteral("Connections per DC pair: expected a whole number of connections >= 1, got 2.5"));
    typeInto(connections, QString()); // cleared: derived again
    QTest::keyClick(connections, Qt::Key_Return);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy[1][0].value<std::optional<double>>(), std::optional<double>());
    QVERIFY(m_panel->lastRefusal().isEmpty());

    // The flat ring derives one rank per DC: 8 connections.
    Scenario ring = m_scenario;
    ring.job->strategy = "flat-ring";
    showPanel(ring, {}, {});
    QCOMPARE(connections->placeholderText(), QStringLiteral("derived 8"));
    QVERIFY(connections->isVisible());
}

void TestProperties::addTrainingJob()
{
    Scenario noJob = m_scenario;
    noJob.job.reset();
    showPanel(noJob, {}, {});
    QPushButton *add = field<QPushButton>("addJob");
    QVERIFY(add->isVisible());
    QVERIFY(!field<QWidget>("job_mfu")->isVisible());
    QVERIFY(field<QComboBox>("routingPolicy")->isVisible());
    QTest::mouseClick(add, Qt::LeftButton);

    QCOMPARE(m_edits.size(), std::size_t(1));
    QCOMPARE(m_edits[0].description, QStringLiteral("Add a training job"));
    const Scenario &after = m_edits[0].after;
    QVERIFY(after.job.has_value());
    QCOMPARE(after.job->model_params, 70e9);
    QCOMPARE(after.job->tokens_per_step, 16777216.0);
    QCOMPARE(after.job->strategy, std::string("hierarchical"));
    QVERIFY(!after.job->mfu.has_value()); // follows the catalog
    QVERIFY(dci::checkScenario(after, m_catalog).empty());

    showPanel(after, {}, {});
    QVERIFY(!add->isVisible());
    QCOMPARE(field<QLineEdit>("job_model_params")->text(), QStringLiteral("70,000,000,000"));
}

void TestProperties::planNoteEmitsNameAndDescription()
{
    QSignalSpy names(m_panel.get(), &dci::PropertiesPanel::planNameRequested);
    QSignalSpy descriptions(m_panel.get(), &dci::PropertiesPanel::planDescriptionRequested);
    const Scenario loss = loadSample("loss-over-distance.json");
    showPanel(loss, {}, {});
    auto *name = field<QLineEdit>("planName");
    auto *description = field<QPlainTextEdit>("planDescription");
    QVERIFY(name->isVisible() && description->isVisible());
    QCOMPARE(name->text().toStdString(), loss.name);
    QVERIFY(description->toPlainText().contains(QStringLiteral("or the loss rate to 1e-6")));

    typeInto(name, QStringLiteral("Iowa - Ohio at 1e-6"));
    QTest::keyClick(name, Qt::Key_Return);
    QCOMPARE(names.count(), 1);
    QCOMPARE(names[0][0].toString(), QStringLiteral("Iowa - Ohio at 1e-6"));

    // Typing alone emits nothing; Ctrl+Return keeps it; Escape puts the stored text back.
    description->setFocus();
    description->moveCursor(QTextCursor::End);
    QTest::keyClicks(description, QStringLiteral(" Tried: 1e-6."));
    QCOMPARE(descriptions.count(), 0);
    QTest::keyClick(description, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(descriptions.count(), 1);
    QVERIFY(descriptions[0][0].toString().endsWith(QStringLiteral("1e-6. Tried: 1e-6.")));
    QTest::keyClicks(description, QStringLiteral(" More."));
    QTest::keyClick(description, Qt::Key_Escape);
    QVERIFY(description->toPlainText().endsWith(QStringLiteral("Tried: 1e-6.")));
    name->setFocus(); // leaving it with nothing new emits nothing
    QCOMPARE(descriptions.count(), 1);
    QCOMPARE(names.count(), 1);
    QCOMPARE(m_edits.size(), std::size_t(2));
    QCOMPARE(m_edits[0].description, QStringLiteral("Rename the plan to Iowa - Ohio at 1e-6"));
    QCOMPARE(m_edits[0].after.name, std::string("Iowa - Ohio at 1e-6"));
    QCOMPARE(m_edits[1].description, QStringLiteral("Edit the plan's description"));
}

void TestProperties::assumptionsPageListsEveryFigure()
{
    dci::AssumptionsPage page;
    const Scenario loss = loadSample("loss-over-distance.json");
    page.show(loss, dci::Catalog::builtin());
    const dci::Catalog &catalog = dci::Catalog::builtin();
    for (const auto *section : {&catalog.assumptions, &catalog.jobDefaults, &catalog.prices})
        for (const auto &[key, figure] : *section)
            QVERIFY2(page.row(QString::fromStdString(key)), key.c_str());
    QVERIFY(page.row(QStringLiteral("connections_per_pair")));
    QVERIFY(page.row(QStringLiteral("flows_per_pair")));

    using P = dci::AssumptionsPage;
    QTreeWidgetItem *loss_rate = page.row(QStringLiteral("loss_rate"));
    QCOMPARE(loss_rate->text(P::CatalogColumn), QStringLiteral("0"));
    QCOMPARE(loss_rate->text(P::ConfidenceColumn), QStringLiteral("unverified"));
    QVERIFY(loss_rate->background(P::ConfidenceColumn).style() != Qt::NoBrush); // marked for checking
    QCOMPARE(loss_rate->text(P::OverrideColumn), QStringLiteral("0.0001")); // the sample's override
    QVERIFY(loss_rate->toolTip(P::NameColumn).contains(QStringLiteral("Source: Planning choice")));
    QTreeWidgetItem *latency = page.row(QStringLiteral("fiber_latency_us_per_km"));
    QCOMPARE(latency->text(P::CatalogColumn), QStringLiteral("4.9 us/km"));
    QCOMPARE(latency->text(P::ConfidenceColumn), QStringLiteral("high"));
    QCOMPARE(latency->background(P::ConfidenceColumn).style(), Qt::NoBrush);
    QCOMPARE(page.row(QStringLiteral("amplifier_usd"))->text(P::ConfidenceColumn), QStringLiteral("placeholder"));
    QCOMPARE(page.row(QStringLiteral("flow_window_bytes"))->text(P::CatalogColumn), QStringLiteral("4,194,304 B"));
    // The job sets its own MFU and flows: shown greyed, they win over the figure.
    QCOMPARE(page.row(QStringLiteral("mfu"))->text(P::OverrideColumn), QStringLiteral("job: 0.4"));
    QCOMPARE(page.row(QStringLiteral("flows_per_pair"))->text(P::OverrideColumn), QStringLiteral("job: 64"));
    QCOMPARE(page.row(QStringLiteral("connections_per_pair"))->text(P::CatalogColumn), QStringLiteral("derived 64"));
    // Reset only where the plan overrides.
    QVERIFY(page.findChild<QToolButton *>(QStringLiteral("reset_loss_rate")));
    QVERIFY(!page.findChild<QToolButton *>(QStringLiteral("reset_mtu_bytes")));

    // The selected row's details: description, catalog value, source, this plan's value.
    auto *table = page.findChild<QTreeWidget *>(QStringLiteral("assumptionsTable"));
    table->setCurrentItem(loss_rate);
    const QString details = page.findChild<QLabel *>(QStringLiteral("assumptionsDetails"))->text();
    QVERIFY2(details.contains(QStringLiteral("Packet loss rate")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("Source: Planning choice")));
    QVERIFY(details.contains(QStringLiteral("0.0001")));
}

void TestProperties::assumptionsPageEmitsItsIntent()
{
    dci::AssumptionsPage page;
    page.resize(900, 400);
    page.QWidget::show();
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    QSignalSpy spy(&page, &dci::AssumptionsPage::assumptionRequested);
    const Scenario loss = loadSample("loss-over-distance.json");
    page.show(loss, dci::Catalog::builtin());

    editOverride(&page, QStringLiteral("loss_rate"), QStringLiteral("1e-6"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy[0][0].toString(), QStringLiteral("loss_rate"));
    QCOMPARE(spy[0][1].value<std::optional<double>>(), std::optional<double>(1e-6));
    QVERIFY(page.lastRefusal().isEmpty());

    // The same number written differently is no edit.
    const Scenario set = dci::edits::setAssumption(loss, dci::Catalog::builtin(), "loss_rate", 1e-6).scenario;
    page.show(set, dci::Catalog::builtin());
    editOverride(&page, QStringLiteral("loss_rate"), QStringLiteral("0.000001"));
    QCOMPARE(spy.count(), 1);

    // Reset: back to the catalog, an empty value.
    QTest::mouseClick(page.findChild<QToolButton *>(QStringLiteral("reset_loss_rate")), Qt::LeftButton);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy[1][1].value<std::optional<double>>(), std::optional<double>());
    // So does emptying the cell.
    page.show(set, dci::Catalog::builtin());
    editOverride(&page, QStringLiteral("loss_rate"), QString());
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy[2][1].value<std::optional<double>>(), std::optional<double>());

    editOverride(&page, QStringLiteral("connections_per_pair"), QStringLiteral("128"));
    QCOMPARE(spy.count(), 4);
    QCOMPARE(spy[3][0].toString(), QStringLiteral("connections_per_pair"));
    QCOMPARE(spy[3][1].value<std::optional<double>>(), std::optional<double>(128.0));
}

void TestProperties::assumptionsPageRefusesInPlace_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("reason");
    QTest::newRow("loss above one") << "loss_rate" << "1.5" << "loss_rate: expected a number in [0, 1], got 1.5";
    QTest::newRow("mtu zero") << "mtu_bytes" << "0" << "mtu_bytes: expected a finite number >= 1, got 0";
    QTest::newRow("not a number") << "mtu_bytes" << "big"
                                  << "mtu_bytes: expected a number such as 1e-6, 0.5 or 4,194,304, got \"big\"";
    QTest::newRow("fraction of a connection") << "connections_per_pair" << "2.5"
                                              << "connections_per_pair: expected a whole number >= 1, got 2.5";
    QTest::newRow("route factor past the bound")
        << "route_factor" << "1000" << "route_factor: expected route_factor: at most 100 (far beyond any real network), got 1000";
    QTest::newRow("connections past the bound")
        << "connections_per_pair" << "2000000"
        << "connections_per_pair: expected connections_per_pair: at most 1000000 (far beyond any real network), got 2000000";
}

void TestProperties::assumptionsPageRefusesInPlace()
{
    QFETCH(QString, key);
    QFETCH(QString, typed);
    QFETCH(QString, reason);
    dci::AssumptionsPage page;
    page.resize(900, 400);
    page.QWidget::show();
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    QSignalSpy spy(&page, &dci::AssumptionsPage::assumptionRequested);
    page.show(loadSample("loss-over-distance.json"), dci::Catalog::builtin());
    const QString before = page.row(key)->text(dci::AssumptionsPage::OverrideColumn);

    editOverride(&page, key, typed);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(page.lastRefusal(), reason);
    auto *message = page.findChild<QLabel *>(QStringLiteral("assumptionsRefusal"));
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), reason);
    QTreeWidgetItem *row = page.row(key);
    QCOMPARE(row->text(dci::AssumptionsPage::OverrideColumn), before); // the stored value again
    QVERIFY(row->background(dci::AssumptionsPage::OverrideColumn).style() != Qt::NoBrush); // red
    QVERIFY(row->data(dci::AssumptionsPage::OverrideColumn, dci::AssumptionsPage::RefusedRole).toBool());

    // Escape in the table dismisses it; an accepted edit would too.
    QTest::keyClick(page.findChild<QTreeWidget *>(QStringLiteral("assumptionsTable")), Qt::Key_Escape);
    QVERIFY(page.lastRefusal().isEmpty());
    QVERIFY(!message->isVisible());
    QCOMPARE(row->background(dci::AssumptionsPage::OverrideColumn).style(), Qt::NoBrush);
}

void TestProperties::assumptionsPageFilters()
{
    dci::AssumptionsPage page;
    page.show(loadSample("loss-over-distance.json"), dci::Catalog::builtin());
    auto *filter = page.findChild<QLineEdit *>(QStringLiteral("assumptionsFilter"));
    filter->setText(QStringLiteral("MTU"));
    QVERIFY(!page.row(QStringLiteral("mtu_bytes"))->isHidden());
    QVERIFY(page.row(QStringLiteral("loss_rate"))->isHidden());
    QVERIFY(page.row(QStringLiteral("amplifier_usd"))->parent()->isHidden()); // no price matches
    filter->setText(QStringLiteral("placeholder"));
    QVERIFY(!page.row(QStringLiteral("amplifier_usd"))->isHidden());
    QVERIFY(page.row(QStringLiteral("fiber_latency_us_per_km"))->isHidden());
    filter->clear();
    QVERIFY(!page.row(QStringLiteral("loss_rate"))->isHidden());
}

void TestProperties::severalSelectedShowsASummary()
{
    showPanel(m_scenario, {QStringLiteral("a"), QStringLiteral("b")}, {QStringLiteral("a-b")});
    QCOMPARE(field<QLabel>("propertiesTitle")->text(), QStringLiteral("2 sites, 1 span selected"));
    QVERIFY(field<QLabel>("multiSummary")->isVisible());
    QVERIFY(!field<QSpinBox>("siteGpus")->isVisible());
    showPanel(m_scenario, {QStringLiteral("a"), QStringLiteral("b")}, {});
    QCOMPARE(field<QLabel>("propertiesTitle")->text(), QStringLiteral("2 sites selected"));
    QVERIFY(m_edits.empty());
}

// Renders each page; with DCI_PROPERTIES_PNG_DIR set, saves them there to look at.
void TestProperties::renderPages()
{
    const QString dir = qEnvironmentVariable("DCI_PROPERTIES_PNG_DIR");
    const auto grab = [&](const char *name) {
        QCoreApplication::processEvents(); // lay out as the event loop would before painting
        const QPixmap pixmap = m_panel->grab();
        QVERIFY(!pixmap.isNull());
        if (!dir.isEmpty())
            QVERIFY(pixmap.save(QDir(dir).filePath(QLatin1String(name))));
    };
    m_panel->resize(340, 620); // the dock's default width in MainWindow
    showPanel(m_scenario, {QStringLiteral("a")}, {});
    grab("props-site.png");
    Scenario overCap = m_scenario;
    overCap.sites[0].power_cap_mw = 10.0;
    overCap.sites[0].pue.reset();
    showPanel(overCap, {QStringLiteral("a")}, {});
    QVERIFY(field<QLabel>("siteCapStatus")->text().startsWith(QStringLiteral("over the cap")));
    QVERIFY(field<QLabel>("siteCapStatus")->styleSheet().contains(QStringLiteral("color")));
    QVERIFY(!field<QDoubleSpinBox>("sitePue")->isEnabled());
    QCOMPARE(field<QDoubleSpinBox>("sitePue")->value(), m_catalog.figure("pue"));
    grab("props-site-overcap.png");
    Scenario autoSpan = m_scenario;
    autoSpan.spans[0].wavelengths.reset();
    autoSpan.spans[0].length_km.reset();
    showPanel(autoSpan, {}, {QStringLiteral("a-b")});
    grab("props-span.png");
    m_panel->resize(300, 620);
    grab("props-span-narrow.png");
    m_panel->resize(340, 620); // the dock's default width in MainWindow
    showPanel(m_scenario, {}, {});
    grab("props-job.png");
    Scenario streaming = m_scenario;
    streaming.job->strategy = "streaming-diloco";
    showPanel(streaming, {}, {});
    QLineEdit *mfu = field<QLineEdit>("job_mfu");
    typeInto(mfu, QStringLiteral("1.5"));
    QTest::keyClick(mfu, Qt::Key_Return);
    grab("props-refused.png");
    Scenario noJob = m_scenario;
    noJob.job.reset();
    showPanel(noJob, {}, {});
    grab("props-nojob.png");

    dci::AssumptionsPage page;
    page.resize(1050, 260); // the Results dock's size under the canvas
    const Scenario loss = loadSample("loss-over-distance.json");
    page.show(loss, dci::Catalog::builtin());
    page.findChild<QTreeWidget *>(QStringLiteral("assumptionsTable"))->setCurrentItem(page.row(QStringLiteral("loss_rate")));
    QCoreApplication::processEvents();
    const QPixmap assumptions = page.grab();
    QVERIFY(!assumptions.isNull());
    if (!dir.isEmpty())
        QVERIFY(assumptions.save(QDir(dir).filePath(QStringLiteral("props-assumptions.png"))));
}

QTEST_MAIN(TestProperties)
#include "tst_properties.moc"
