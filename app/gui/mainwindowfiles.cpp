// MainWindow's files: the samples and recent-files menus, open (with the error dialog),
// import, save and save-as (with the changed-on-disk question), the start-up recovery
// offer, and the picture and report exports. The window's other parts are in
// mainwindow.cpp; the class is one (mainwindow.h).

#include "mainwindow.h"
#include "canvas/canvasexport.h"
#include "canvas/canvasview.h"
#include "document.h"
#include "exportoptionsdialog.h"
#include "exportutil.h"
#include "importoptionsdialog.h"
#include "io/importer.h"
#include "io/scenariojson.h"
#include "map/maplayer.h"
#include "recovery.h"
#include "reportexport.h"
#include "samples.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QSpacerItem>
#include <QStatusBar>

namespace dci {

namespace {

// A dialog listing hundreds of messages is useless; the rest goes to "Show Details".
constexpr int kMaxErrorsShown = 12;
constexpr int kErrorDialogWidth = 560; // px
constexpr int kMaxRecentFiles = 8;
const QString kRecentKey = QStringLiteral("recentFiles");

} // namespace

void MainWindow::populateSamplesMenu()
{
    m_samplesMenu->clear();
    // One entry per file: asks to save the open plan, then opens the file its way.
    const auto addEntry = [this](const SampleInfo &entry, const std::function<void(const QString &)> &open) {
        QAction *action = m_samplesMenu->addAction(entry.title);
        action->setData(entry.path);
        action->setToolTip(entry.path);
        connect(action, &QAction::triggered, this, [this, path = entry.path, open] {
            if (maybeSave())
                open(path);
        });
    };
    // Samples: an untitled copy, so Save asks for a name and the shipped file is never
    // overwritten.
    const QList<SampleInfo> samples = listSamples(findSamplesDir());
    for (const SampleInfo &sample : samples)
        addEntry(sample, [this](const QString &path) { openSampleCopy(path); });
    if (samples.isEmpty())
        m_samplesMenu->addAction(tr("(no samples found)"))->setEnabled(false);
    // The real networks the project ships: network files, so imported as a new plan.
    const QList<SampleInfo> networks = listSampleNetworks(findNetworksDir());
    if (!networks.isEmpty())
        m_samplesMenu->addSection(tr("Real networks (imported)"));
    for (const SampleInfo &network : networks)
        addEntry(network, [this](const QString &path) { importFile(path); });
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(kRecentKey).toStringList();
}

void MainWindow::populateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (const QString &path : files) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setData(path);
        action->setToolTip(path);
        // An untitled copy: Save asks for a name, the shipped file is never overwritten.
        connect(action, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openSampleCopy(path);
        });
    }
    if (files.isEmpty())
        m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
    else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            QSettings().remove(kRecentKey);
            populateRecentMenu();
        });
    }
}

void MainWindow::addRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    QSettings().setValue(kRecentKey, files);
    populateRecentMenu();
}

void MainWindow::openDialog()
{
    if (!maybeSave())
        return;
    const QString start = !m_document->filePath().isEmpty() ? QFileInfo(m_document->filePath()).absolutePath()
                                                            : findSamplesDir();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Scenario"), start,
                                                      tr("DCI scenarios (*.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::openChecked(const QString &path)
{
    if (maybeSave())
        openFile(path);
}

void MainWindow::showErrors(const QString &title, const QString &text, const QStringList &errors, const QString &origin)
{
    if (!m_errorDialogs)
        return;
    QMessageBox box(QMessageBox::Critical, title, text, QMessageBox::Ok, this);
    // The messages name the file first, as the CLI prints them; the dialog already names it,
    // so each shows from its place on ("line 3, column 7: ...", "/spans/0/b: ..."), one per
    // paragraph. Show Details has them whole, to copy.
    const QString prefix = origin.isEmpty() ? QString() : origin + QStringLiteral(": ");
    QStringList shown;
    for (const QString &e : errors.mid(0, kMaxErrorsShown))
        shown << (!prefix.isEmpty() && e.startsWith(prefix) ? e.mid(prefix.size()) : e);
    if (errors.size() > kMaxErrorsShown)
        shown << tr("… and %n more", nullptr, int(errors.size() - kMaxErrorsShown));
    box.setInformativeText((prefix.isEmpty() ? QString() : tr("In %1:").arg(QDir::toNativeSeparators(origin))
                                                               + QStringLiteral("\n\n"))
                           + shown.join(QStringLiteral("\n\n")));
    box.setDetailedText(errors.join(QLatin1Char('\n')));
    // Wide enough that a message of two or three lines reads as one paragraph.
    if (auto *grid = qobject_cast<QGridLayout *>(box.layout()))
        grid->addItem(new QSpacerItem(kErrorDialogWidth, 0, QSizePolicy::Minimum, QSizePolicy::Expanding),
                      grid->rowCount(), 0, 1, grid->columnCount());
    box.exec();
}

bool MainWindow::openFile(const QString &path)
{
    return openFrom(path, false);
}

bool MainWindow::openSampleCopy(const QString &path)
{
    return openFrom(path, true);
}

bool MainWindow::openFrom(const QString &path, bool asCopy)
{
    QStringList errors;
    if (!(asCopy ? m_document->loadCopy(path, &errors) : m_document->load(path, &errors))) {
        m_lastErrors = errors;
        emit loadFailed(path, errors);
        showErrors(asCopy ? tr("Cannot Open Sample") : tr("Cannot Open Scenario"),
                   tr("DCI Planner could not open “%1”.").arg(QFileInfo(path).fileName()), errors, path);
        return false;
    }
    m_lastErrors.clear();
    if (!asCopy)
        addRecentFile(path);
    // A newly opened scenario is shown whole; later edits keep the user's zoom.
    m_view->fitToScene();
    return true;
}

bool MainWindow::openAtStart()
{
    for (const QString &recent : recentFiles())
        if (QFileInfo::exists(recent))
            return openFile(recent);
    const QString samples = findSamplesDir();
    const QString first = QDir(samples).filePath(QStringLiteral("two-campus-teaching.json"));
    return !samples.isEmpty() && QFileInfo::exists(first) && openSampleCopy(first);
}

void MainWindow::newDocument()
{
    if (!maybeSave())
        return;
    m_document->newScenario();
    m_view->showWorld(); // nothing to fit yet: the whole map, to zoom in where the plan goes
    m_view->setTool(CanvasView::Tool::AddSite);
    m_tools->actions().at(1)->setChecked(true);
}

void MainWindow::importDialog()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import Network"), QDir::homePath(),
        tr("Networks (*.graphml *.txt *.json);;Topology Zoo GraphML (*.graphml);;SNDlib native (*.txt);;"
           "GNPy topology or equipment (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        importFile(path); // says why it cannot be read
        return;
    }
    // Read once: the format decides what there is to ask, then the same text is imported.
    const std::string text = file.readAll().toStdString();
    const ImportFormat format = detectImportFormat(text);
    ImportOptions options;
    if (ImportOptionsDialog::hasChoices(format)) {
        ImportOptionsDialog dialog(format, QFileInfo(path).fileName(), ImportOptions{}.routeFactor(Catalog::builtin()),
                                   this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        options = dialog.options();
    }
    adoptImport(path, importText(text, QFile::encodeName(path).toStdString(), format, Catalog::builtin(), options));
}

bool MainWindow::importFile(const QString &path, const ImportOptions &options)
{
    return adoptImport(
        path, dci::importFile(QFile::encodeName(path).toStdString(), ImportFormat::Auto, Catalog::builtin(), options));
}

bool MainWindow::adoptImport(const QString &path, const ImportResult &result)
{
    if (!result.ok()) {
        m_lastErrors.clear();
        for (const std::string &e : result.errors)
            m_lastErrors << QString::fromStdString(e);
        if (m_lastErrors.isEmpty())
            m_lastErrors << tr("%1: nothing to import").arg(path);
        showErrors(tr("Cannot Import"), tr("DCI Planner could not import “%1”.").arg(QFileInfo(path).fileName()),
                   m_lastErrors, path);
        return false;
    }
    m_lastErrors.clear();
    m_lastImportReport.clear();
    for (const auto &[title, lines] : {std::pair{tr("kept"), &result.report.kept},
                                       std::pair{tr("guessed"), &result.report.guessed},
                                       std::pair{tr("dropped"), &result.report.dropped}})
        for (const std::string &line : *lines)
            m_lastImportReport << title + QStringLiteral(": ") + QString::fromStdString(line);

    if (!result.scenario) {
        // An equipment file: its transceiver modes become a catalog for the command line.
        if (m_errorDialogs) {
            const QString target = QFileDialog::getSaveFileName(
                this, tr("Save Optics as Catalog"), QDir::home().filePath(QStringLiteral("catalog.json")),
                tr("DCI Planner catalog (*.json)"));
            if (target.isEmpty())
                return false;
            QSaveFile out(target);
            const std::string text = catalogWithOptics(Catalog::builtin(), result.optics);
            if (!out.open(QIODevice::WriteOnly) || out.write(text.data(), qint64(text.size())) != qint64(text.size())
                || !out.commit()) {
                m_lastErrors = {tr("%1: cannot save: %2").arg(target, out.errorString())};
                showErrors(tr("Cannot Save"), tr("The catalog was not saved."), m_lastErrors);
                return false;
            }
            QMessageBox::information(this, tr("Optics Imported"),
                                     tr("%n optic(s) saved with the built-in catalog to “%1”. Use it with "
                                        "dciplanner-cli --catalog %1.",
                                        nullptr, int(result.optics.size()))
                                         .arg(target));
        }
        return true;
    }
    m_document->adopt(*result.scenario);
    m_view->fitToScene();
    if (m_errorDialogs) {
        QMessageBox box(QMessageBox::Information, tr("Imported"),
                        tr("Imported “%1”: %2 sites, %3 spans, %4 demands.")
                            .arg(QFileInfo(path).fileName())
                            .arg(result.scenario->sites.size())
                            .arg(result.scenario->spans.size())
                            .arg(result.scenario->demands.size()),
                        QMessageBox::Ok, this);
        box.setInformativeText(m_lastImportReport.mid(0, kMaxErrorsShown).join(QLatin1Char('\n')));
        box.setDetailedText(m_lastImportReport.join(QLatin1Char('\n')));
        box.exec();
    }
    return true;
}

bool MainWindow::saveTo(const QString &path)
{
    // Over the document's own file: never over another program's change unasked.
    if (QFileInfo(path).absoluteFilePath() == m_document->filePath() && m_document->changedOnDisk()) {
        const DiskConflictAnswer answer = m_errorDialogs ? askChangedOnDisk(this, path) : DiskConflictAnswer::Cancel;
        if (answer == DiskConflictAnswer::SaveAs)
            return saveAsDialog();
        if (answer == DiskConflictAnswer::Cancel) {
            m_lastErrors = {changedOnDiskText(path)};
            return false;
        }
    }
    QString error;
    if (!m_document->saveAs(path, &error)) {
        m_lastErrors = {error};
        showErrors(tr("Cannot Save"), tr("The plan was not saved."), {error, QString(), saveFailedAdvice(path)});
        return false;
    }
    m_lastErrors.clear();
    addRecentFile(path);
    statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), kStatusMessageMs);
    return true;
}

bool MainWindow::save()
{
    if (!m_document->hasScenario())
        return false;
    if (m_document->filePath().isEmpty())
        return saveAsDialog();
    return saveTo(m_document->filePath());
}

bool MainWindow::saveAsDialog()
{
    if (!m_document->hasScenario())
        return false;
    QString start = m_document->filePath();
    if (start.isEmpty())
        start = QDir::home().filePath(m_document->displayName() + QStringLiteral(".json"));
    QString path = QFileDialog::getSaveFileName(this, tr("Save Scenario As"), start, tr("DCI scenarios (*.json)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    return saveTo(path);
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified() || !m_errorDialogs)
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved Changes"), tr("“%1” has unsaved changes. Save them first?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    saveSettings();
    m_autosaver->discard(); // saved or discarded: nothing left to recover
    event->accept();
}

bool MainWindow::offerRecovery()
{
    const RecoveryScan scan = scanRecovery(m_autosaver->folder());
    m_lastErrors = scan.problems;
    if (scan.entries.isEmpty()) {
        if (!scan.problems.isEmpty())
            showErrors(tr("Autosaved Plans"), tr("An autosaved plan could not be read and was kept aside."),
                       scan.problems);
        return false;
    }
    RecoveryDialog dialog(scan.entries, scan.problems, this);
    if (dialog.exec() != QDialog::Accepted || !dialog.chosen() || !maybeSave())
        return false;
    return restoreAutosave(*dialog.chosen());
}

bool MainWindow::restoreAutosave(const RecoveryEntry &entry)
{
    QStringList errors;
    if (!m_document->loadRecovered(entry.planPath, entry.originalPath, entry.originalStamp, &errors)) {
        m_lastErrors = errors;
        showErrors(tr("Cannot Restore"), tr("The autosaved plan could not be opened; it was kept."), errors);
        return false;
    }
    // The old autosave goes only once this window's own autosave holds the plan.
    QString error;
    if (m_autosaver->writeNow(&error))
        entry.remove();
    m_view->fitToScene();
    const QString when = QLocale().toString(entry.savedAt.toLocalTime(), QLocale::ShortFormat);
    statusBar()->showMessage(entry.originalPath.isEmpty()
                                 ? tr("Recovered from the autosave of %1, not saved yet: Save asks for a name").arg(when)
                                 : tr("Recovered from the autosave of %1, not saved yet: Save writes it to %2")
                                       .arg(when, QDir::toNativeSeparators(entry.originalPath)));
    return true;
}

QString MainWindow::exportBaseName() const
{
    // Beside the plan's file, named after it; an untitled plan in the home folder.
    return m_document->filePath().isEmpty()
               ? QDir::home().filePath(m_document->displayName())
               : QFileInfo(m_document->filePath()).absoluteDir().filePath(
                     QFileInfo(m_document->filePath()).completeBaseName());
}

void MainWindow::exportDialog()
{
    if (!m_document->hasScenario())
        return;
    const QString path = askSavePath(this, tr("Export Picture"), exportBaseName(),
                                     {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")});
    if (path.isEmpty())
        return;
    ExportOptionsDialog dialog(pictureOptions(), QFileInfo(path).suffix().toLower() == QStringLiteral("png"), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (exportPicture(path, dialog.options()))
        statusBar()->showMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), kStatusMessageMs);
}

void MainWindow::completeMap()
{
    if (m_map->available() && m_view->mapVisible())
        m_map->loadNow(m_view->zoom());
}

void MainWindow::exportReportDialog()
{
    if (!m_document->hasScenario())
        return;
    const QString path = askSavePath(this, tr("Export Report"), exportBaseName(),
                                     {QStringLiteral("html"), QStringLiteral("pdf")});
    if (path.isEmpty())
        return;
    if (exportReport(path))
        statusBar()->showMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), kStatusMessageMs);
}

bool MainWindow::exportReport(const QString &path)
{
    if (!m_document->hasScenario())
        return false;
    completeMap();
    const QStringList sites = m_view->selectedSiteIds();
    const QStringList spans = m_view->selectedSpanIds();
    m_view->selectElements({}, {});
    QString why;
    const bool ok = writeReport(path, m_document->scenario(), Catalog::builtin(), m_document->results(),
                                m_document->catalog().figure("target_utilization"), m_view, &why);
    m_view->selectElements(sites, spans);
    if (!ok) {
        m_lastErrors = {why.isEmpty() ? tr("%1: cannot write the report").arg(path) : why};
        showErrors(tr("Cannot Export"), tr("The report was not written."), m_lastErrors);
    }
    return ok;
}

PictureOptions MainWindow::pictureOptions() const
{
    PictureOptions options;
    const double ratio = devicePixelRatioF();
    options.size_px = m_view->viewport()->size() * ratio;
    options.dpi = PictureOptions::kScreenDpi * ratio;
    options.title = m_document->displayName();
    options.figures = statusSummary();
    // Which model computed what the picture shows (docs/MODEL.md "Changelog").
    const Results &results = m_document->results();
    options.provenance = tr("DCI Planner drawing, model %1, catalog %2")
                             .arg(results.model_version)
                             .arg(results.catalog_version);
    return options;
}

bool MainWindow::exportPicture(const QString &path)
{
    return exportPicture(path, pictureOptions());
}

bool MainWindow::exportPicture(const QString &path, const PictureOptions &options)
{
    completeMap();
    // What the user's view shows, without selection marks.
    const QStringList sites = m_view->selectedSiteIds();
    const QStringList spans = m_view->selectedSpanIds();
    m_view->selectElements({}, {});
    QString why;
    const bool ok = exportCanvasPicture(m_view, path, options, &why);
    m_view->selectElements(sites, spans);
    if (!ok) {
        m_lastErrors = {why};
        showErrors(tr("Cannot Export"), tr("The picture was not written."), m_lastErrors);
    }
    return ok;
}

} // namespace dci
