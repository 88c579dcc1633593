#include "mainwindow.h"

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "document.h"
#include "format.h"
#include "samples.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace dci {

namespace {
// A first-run window big enough for a regional drawing with readable labels.
constexpr QSize kDefaultWindowSize(1280, 820);
// A dialog listing hundreds of messages is useless; the rest goes to "Show Details".
constexpr int kMaxErrorsShown = 12;
const QString kSeparator = QStringLiteral(" · ");
} // namespace

QIcon applicationIcon()
{
    return QIcon(QStringLiteral(":/icons/dciplanner.svg"));
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new Document(this))
    , m_scene(new CanvasScene(this))
{
    m_view = new CanvasView(m_scene, this);
    m_view->setHintText(tr("File › Open Sample to start"));
    setCentralWidget(m_view);
    setWindowIcon(applicationIcon());

    m_sitesLabel = new QLabel(this);
    m_gpusLabel = new QLabel(this);
    m_powerLabel = new QLabel(this);
    for (QLabel *label : {m_sitesLabel, m_gpusLabel, m_powerLabel}) {
        if (label != m_sitesLabel) {
            auto *separator = new QLabel(kSeparator.trimmed(), this);
            separator->setForegroundRole(QPalette::PlaceholderText);
            statusBar()->addPermanentWidget(separator);
            m_separators.append(separator);
        }
        label->setContentsMargins(4, 0, 4, 0);
        statusBar()->addPermanentWidget(label);
    }

    createMenus();
    connect(m_document, &Document::changed, this, &MainWindow::documentChanged);
    updateTitle();
    updateStatusBar();
    resize(kDefaultWindowSize);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open..."), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    m_samplesMenu = file->addMenu(tr("Open &Sample"));
    populateSamplesMenu();
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *fit = view->addAction(tr("&Fit to Window"), m_view, &CanvasView::fitToScene);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QAction *zoomIn = view->addAction(tr("Zoom &In"), m_view, &CanvasView::zoomIn);
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction *zoomOut = view->addAction(tr("Zoom &Out"), m_view, &CanvasView::zoomOut);
    zoomOut->setShortcut(QKeySequence::ZoomOut);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About DCI Planner"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::populateSamplesMenu()
{
    m_samplesMenu->clear();
    const QList<SampleInfo> samples = listSamples(findSamplesDir());
    for (const SampleInfo &sample : samples) {
        QAction *action = m_samplesMenu->addAction(sample.title);
        action->setData(sample.path);
        action->setToolTip(sample.path);
        const QString path = sample.path;
        connect(action, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    if (samples.isEmpty())
        m_samplesMenu->addAction(tr("(no samples found)"))->setEnabled(false);
}

void MainWindow::openDialog()
{
    const QString start = m_document->hasScenario() ? QFileInfo(m_document->filePath()).absolutePath()
                                                    : findSamplesDir();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Scenario"), start,
                                                      tr("DCI scenarios (*.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString &path)
{
    QStringList errors;
    if (!m_document->load(path, &errors)) {
        m_lastErrors = errors;
        emit loadFailed(path, errors);
        if (m_errorDialogs) {
            QMessageBox box(QMessageBox::Critical, tr("Cannot Open Scenario"),
                            tr("DCI Planner could not open “%1”.").arg(QFileInfo(path).fileName()),
                            QMessageBox::Ok, this);
            box.setInformativeText(errors.mid(0, kMaxErrorsShown).join(QLatin1Char('\n'))
                                   + (errors.size() > kMaxErrorsShown
                                          ? tr("\n… and %n more", nullptr, int(errors.size() - kMaxErrorsShown))
                                          : QString()));
            if (errors.size() > kMaxErrorsShown)
                box.setDetailedText(errors.join(QLatin1Char('\n')));
            box.exec();
        }
        return false;
    }
    m_lastErrors.clear();
    // A newly opened scenario is shown whole; later edits keep the user's zoom.
    m_view->fitToScene();
    return true;
}

void MainWindow::documentChanged()
{
    m_scene->show(m_document->scenario(), m_document->results());
    updateTitle();
    updateStatusBar();
}

void MainWindow::updateTitle()
{
    const QString name = m_document->displayName();
    setWindowTitle(name.isEmpty() ? tr("DCI Planner") : tr("%1 — DCI Planner").arg(name));
}

void MainWindow::updateStatusBar()
{
    for (QLabel *separator : std::as_const(m_separators))
        separator->setVisible(m_document->hasScenario());
    if (!m_document->hasScenario()) {
        m_sitesLabel->clear();
        m_gpusLabel->clear();
        m_powerLabel->clear();
        return;
    }
    const Totals &totals = m_document->results().totals;
    m_sitesLabel->setText(totals.sites == 1 ? tr("1 site") : tr("%1 sites").arg(formatCount(totals.sites)));
    m_gpusLabel->setText(tr("%1 GPUs").arg(formatCount(totals.gpus)));
    m_powerLabel->setText(formatMw(totals.power_mw));
    m_sitesLabel->setToolTip(totals.spans == 1 ? tr("1 span") : tr("%1 spans").arg(formatCount(totals.spans)));
    m_powerLabel->setToolTip(tr("Facility power (IT %1 × PUE)").arg(formatMw(totals.it_power_mw)));
}

QString MainWindow::statusSummary() const
{
    QStringList parts;
    for (const QLabel *label : {m_sitesLabel, m_gpusLabel, m_powerLabel}) {
        if (!label->text().isEmpty())
            parts << label->text();
    }
    return parts.join(kSeparator);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About DCI Planner"),
                       tr("<b>DCI Planner</b> %1<br>Plan multi-datacenter AI training over coherent "
                          "ZR optics: sites, spans, the bandwidth a job needs and what the "
                          "interconnect can carry.")
                           .arg(QCoreApplication::applicationVersion()));
}

} // namespace dci
