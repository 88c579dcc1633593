#include "mainwindow.h"

#include "exportoptionsdialog.h"
#include "exportutil.h"
#include "presentation.h"
#include "recovery.h"
#include "reportexport.h"

#include "canvas/canvasscene.h"
#include "charts/chartspanel.h"
#include "explain/explainpanel.h"
#include "canvas/canvasview.h"
#include "docksizekeeper.h"
#include "document.h"
#include "editor.h"
#include "engine/evaluate.h"
#include "format.h"
#include "importoptionsdialog.h"
#include "lessoncontroller.h"
#include "io/importer.h"
#include "io/scenariojson.h"
#include "map/citysearch.h"
#include "map/maplayer.h"
#include "properties/assumptionspage.h"
#include "properties/propertiespanel.h"
#include "results/diagnosticspanel.h"
#include "results/resiliencepanel.h"
#include "results/resultspanel.h"
#include "samples.h"
#include "statussummary.h"
#include "study/comparewindow.h"
#include "study/sweeppanel.h"

#include <functional>

#include <QAction>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QGridLayout>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace dci {

namespace {

// A toolbar icon of ours (resources/icons/tools, compiled in).
QIcon toolIcon(const QString &name)
{
    return QIcon(QStringLiteral(":/icons/tools/%1.svg").arg(name));
}
// A first-run window big enough for a regional drawing with readable labels.
constexpr QSize kDefaultWindowSize(1400, 900);
constexpr QSize kMinimumWindowSize(640, 440);
// During a drag the docks of figures follow at most this often (milliseconds); the canvas
// follows every move (CanvasScene::setLayoutDeferred).
constexpr int kFollowDragIntervalMs = 150;
constexpr int kRefusalMessageMs = 6000; // a refusal has more to read
constexpr int kChartsMinHeightPx = 340; // a chart's rows and axis stay readable
// Where the window keeps its size, dock layout and dock sizes (QSettings).
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kDockSizesKey = QStringLiteral("window/dockSizes");
// The docks' layout version: a layout saved before a dock existed is not restored, so the
// new dock starts in its place instead of wherever Qt puts a dock the saved layout does
// not know. 0: before Assumptions; 1: before Explain, Charts and N-1; 2: before Lessons.
constexpr int kDockLayoutVersion = 3;

} // namespace

QIcon applicationIcon()
{
    return QIcon(QStringLiteral(":/icons/dciplanner.svg"));
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new Document(this))
    , m_editor(new Editor(m_document, this))
    , m_autosaver(new Autosaver(m_document, this))
    , m_scene(new CanvasScene(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    m_view = new CanvasView(m_scene, this);
    m_view->setHintText(tr("File › New to draw a plan, or File › Open Sample to start from one"));
    setCentralWidget(m_view);
    m_map = std::make_unique<MapLayer>();
    m_map->setDataLoadedCallback([this] {
        m_view->invalidateBackground();
        if (m_presentation)
            m_presentation->canvas()->invalidateBackground();
    });
    m_view->setMapLayer(m_map.get());
    setWindowIcon(applicationIcon());

    // Status bar: sites, GPUs, MW, DCI capacity, capex, step time, scaling efficiency.
    m_summary = new StatusSummary(this);
    m_summary->setObjectName(QStringLiteral("statusSummary"));
    // While a slow evaluation runs on the worker, the figures shown are of the plan before
    // the latest edit: said beside them, never passed off as current.
    m_computing = new QLabel(tr("computing…"), this);
    m_computing->setObjectName(QStringLiteral("computingNote"));
    m_computing->setToolTip(tr("The figures shown are of the plan before the latest edit; "
                               "the new ones are being computed"));
    m_computing->setVisible(false);
    statusBar()->addPermanentWidget(m_computing);
    statusBar()->addPermanentWidget(m_summary);
    connect(m_document, &Document::computingChanged, m_computing, &QLabel::setVisible);
    // A figure the Explain dock can trace: click it for Why?
    connect(m_summary, &StatusSummary::fieldClicked, this, [this](qsizetype index) {
        if (const auto [ref, figure] = statusFigure(static_cast<int>(index)); ref)
            explainFigure(QString::fromLatin1(ref), QString::fromLatin1(figure));
    });
    createDocks();
    m_lessons = new LessonController(this);
    createActions();
    // The lessons are read once: a bad lesson file never stops the app; the good ones are
    // offered and the problems listed in the Lessons dock, with a note here.
    if (const QStringList problems = m_lessons->loadLibrary(findLessonsDir()); !problems.isEmpty())
        statusBar()->showMessage(tr("%n lesson file problem(s): see Help › Lessons", nullptr, int(problems.size())),
                                 kRefusalMessageMs);
    connect(m_document, &Document::changed, this, &MainWindow::documentChanged);
    m_followTimer = new QTimer(this);
    m_followTimer->setSingleShot(true);
    m_followTimer->setInterval(kFollowDragIntervalMs);
    connect(m_followTimer, &QTimer::timeout, this, &MainWindow::showFigures);
    connect(m_document, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_autosaver, &Autosaver::failed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(message), kRefusalMessageMs);
    });
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::selectionChanged);
    connectEditor();
    connect(m_view, &CanvasView::contextMenuRequested, this,
            [this](const QString &site, const QString &span, double lat, double lon, const QPoint &global) {
                QMenu *menu = contextMenuFor(site, span, lat, lon);
                menu->setAttribute(Qt::WA_DeleteOnClose);
                menu->popup(global);
            });
    connect(m_results, &ResultsPanel::elementsSelected, this, [this](const QStringList &sites, const QStringList &spans) {
        m_view->selectElements(sites, spans);
        selectionChanged();
    });
    connect(m_explain, &ExplainPanel::elementsSelected, this, [this](const QStringList &sites, const QStringList &spans) {
        m_view->selectElements(sites, spans);
        selectionChanged();
    });
    connect(m_resilience, &ResiliencePanel::colouringChanged, this, [this](const QHash<QString, double> &colours) {
        m_scene->setHeatOverrides(colours);
        m_view->setLegendHeading(colours.isEmpty() ? QString() : tr("N-1: worst utilisation if the span fails"));
    });
    connect(m_resilience, &ResiliencePanel::caseChosen, this, &MainWindow::showFailureCase);
    connect(m_charts, &ChartsPanel::elementsSelected, this, [this](const QStringList &sites, const QStringList &spans) {
        m_view->selectElements(sites, spans);
        selectionChanged();
    });
    connect(m_diagnostics, &DiagnosticsPanel::elementActivated, this, &MainWindow::selectElement);

    // Small enough for a laptop's half screen; at this size the canvas still gets most of
    // the room (DockSizeKeeper) and the status bar elides rather than cuts.
    setMinimumSize(kMinimumWindowSize);
    m_dockSizes = new DockSizeKeeper(this);
    resize(kDefaultWindowSize);
    restoreSettings();
    updateTitle();
    updateStatusBar();
}

void MainWindow::addSiteAtCity()
{
    if (!m_cities)
        m_cities = std::make_unique<CitySearch>();
    CityDialog dialog(*m_cities, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const std::optional<City> city = dialog.chosenCity())
        addCitySite(*city);
}

bool MainWindow::addCitySite(const City &city)
{
    const QString id = m_editor->addNamedSite(city.name, city.lat_deg, city.lon_deg);
    if (id.isEmpty())
        return false;
    selectElement(id);
    return true;
}

MainWindow::~MainWindow()
{
    // The scene deletes its (possibly selected) items as the children go, which would
    // call back into this half-destroyed window.
    m_scene->disconnect(this);
    m_document->disconnect(this);
}

void MainWindow::createDocks()
{
    m_properties = new PropertiesPanel(this);
    m_propertiesDock = new QDockWidget(tr("Properties"), this);
    m_propertiesDock->setObjectName(QStringLiteral("PropertiesDock"));
    m_propertiesDock->setWidget(m_properties);
    addDockWidget(Qt::RightDockWidgetArea, m_propertiesDock);

    // Why a number is what it is: beside the Properties, brought forward by Why?.
    m_explain = new ExplainPanel(this);
    m_explainDock = new QDockWidget(tr("Explain"), this);
    m_explainDock->setObjectName(QStringLiteral("ExplainDock"));
    m_explainDock->setWidget(m_explain);
    addDockWidget(Qt::RightDockWidgetArea, m_explainDock);
    tabifyDockWidget(m_propertiesDock, m_explainDock);
    connect(m_explainDock, &QDockWidget::visibilityChanged, m_explain, &ExplainPanel::setOnScreen);
    m_propertiesDock->raise();

    m_results = new ResultsPanel(this);
    m_resultsDock = new QDockWidget(tr("Results"), this);
    m_resultsDock->setObjectName(QStringLiteral("ResultsDock"));
    m_resultsDock->setWidget(m_results);
    addDockWidget(Qt::BottomDockWidgetArea, m_resultsDock);

    m_diagnostics = new DiagnosticsPanel(this);
    m_diagnosticsDock = new QDockWidget(tr("Diagnostics"), this);
    m_diagnosticsDock->setObjectName(QStringLiteral("DiagnosticsDock"));
    m_diagnosticsDock->setWidget(m_diagnostics);
    addDockWidget(Qt::BottomDockWidgetArea, m_diagnosticsDock);
    splitDockWidget(m_resultsDock, m_diagnosticsDock, Qt::Horizontal);

    // A wide table of every catalog figure: under the canvas, a tab beside the Results
    // (docs/ARCHITECTURE.md says why), with the Diagnostics still in view.
    m_assumptions = new AssumptionsPage(this);
    m_assumptionsDock = new QDockWidget(tr("Assumptions"), this);
    m_assumptionsDock->setObjectName(QStringLiteral("AssumptionsDock"));
    m_assumptionsDock->setWidget(m_assumptions);
    addDockWidget(Qt::BottomDockWidgetArea, m_assumptionsDock);
    tabifyDockWidget(m_resultsDock, m_assumptionsDock);
    // The charts read the same results as the tables: another tab beside them.
    m_charts = new ChartsPanel(this);
    m_chartsDock = new QDockWidget(tr("Charts"), this);
    m_chartsDock->setObjectName(QStringLiteral("ChartsDock"));
    m_chartsDock->setWidget(m_charts);
    addDockWidget(Qt::BottomDockWidgetArea, m_chartsDock);
    tabifyDockWidget(m_resultsDock, m_chartsDock);
    connect(m_chartsDock, &QDockWidget::visibilityChanged, m_charts, &ChartsPanel::setOnScreen);
    // N-1: another tab under the canvas.
    m_resilience = new ResiliencePanel(this);
    m_resilienceDock = new QDockWidget(tr("N-1"), this);
    m_resilienceDock->setObjectName(QStringLiteral("ResilienceDock"));
    m_resilienceDock->setWidget(m_resilience);
    addDockWidget(Qt::BottomDockWidgetArea, m_resilienceDock);
    tabifyDockWidget(m_resultsDock, m_resilienceDock);
    m_resultsDock->raise();
    m_assumptions->show(Scenario(), Catalog::builtin()); // the catalog, read-only until a plan is open
    m_assumptions->setEnabled(false);
    resizeDocks({m_resultsDock, m_diagnosticsDock}, {3, 1}, Qt::Horizontal);
    resizeDocks({m_resultsDock}, {260}, Qt::Vertical);
    resizeDocks({m_propertiesDock}, {340}, Qt::Horizontal);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newDocument);
    file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::openDialog);
    m_samplesMenu = file->addMenu(tr("Open &Sample"));
    populateSamplesMenu();
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    populateRecentMenu();
    file->addAction(tr("&Import..."), QKeySequence(Qt::CTRL | Qt::Key_I), this, &MainWindow::importDialog);
    file->addAction(tr("Compare &With..."), this, [this] { compareWith(); });
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As..."), QKeySequence::SaveAs, this, &MainWindow::saveAsDialog);
    file->addAction(tr("&Export Picture..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this,
                    &MainWindow::exportDialog);
    file->addAction(tr("Export &Report..."), QKeySequence(Qt::CTRL | Qt::Key_R), this, &MainWindow::exportReportDialog);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    editMenu->addAction(undo);
    editMenu->addAction(redo);
    editMenu->addSeparator();
    m_deleteAction = editMenu->addAction(tr("&Delete"), this, &MainWindow::deleteSelection);
    m_deleteAction->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    m_deleteAction->setEnabled(false);
    editMenu->addAction(tr("Select &All"), QKeySequence::SelectAll, this, [this] {
        m_view->selectElements(m_scene->siteIds(), m_scene->spanIds());
        selectionChanged();
    });

    // Tools: one at a time, on the toolbar and in the Edit menu.
    QToolBar *toolbar = addToolBar(tr("Tools"));
    toolbar->setObjectName(QStringLiteral("ToolsToolBar"));
    // Icons beside short words: recognisable at a glance, still readable for a newcomer.
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(18, 18));
    m_tools = new QActionGroup(this);
    const struct {
        QString text;
        QString tip;
        Qt::Key key;
        CanvasView::Tool tool;
        QString icon;
    } tools[] = {
        {tr("Select"), tr("Select and move: click or Shift-drag to select, drag a site to move it (S)"), Qt::Key_S,
         CanvasView::Tool::Select, QStringLiteral("select")},
        {tr("Add Site"), tr("Click on the map to add a site there (A)"), Qt::Key_A, CanvasView::Tool::AddSite,
         QStringLiteral("add-site")},
        {tr("Add Span"), tr("Drag from one site to another to connect them with a span (L)"), Qt::Key_L,
         CanvasView::Tool::AddSpan, QStringLiteral("add-span")},
    };
    editMenu->addAction(tr("Add Site at &City..."), this, &MainWindow::addSiteAtCity);
    editMenu->addSeparator();
    for (const auto &t : tools) {
        QAction *action = m_tools->addAction(toolIcon(t.icon), t.text);
        action->setCheckable(true);
        action->setShortcut(QKeySequence(t.key));
        action->setToolTip(t.tip);
        action->setStatusTip(t.tip);
        action->setChecked(t.tool == CanvasView::Tool::Select);
        const CanvasView::Tool tool = t.tool;
        connect(action, &QAction::triggered, this, [this, tool] { m_view->setTool(tool); });
        toolbar->addAction(action);
        editMenu->addAction(action);
    }
    // On the toolbar, short Undo/Redo buttons whose tooltips name the step (the Edit
    // menu's entries carry the full "Undo Move Campus A").
    toolbar->addSeparator();
    QUndoStack *stack = m_document->undoStack();
    QAction *undoButton = toolbar->addAction(toolIcon(QStringLiteral("undo")), tr("Undo"), stack, &QUndoStack::undo);
    QAction *redoButton = toolbar->addAction(toolIcon(QStringLiteral("redo")), tr("Redo"), stack, &QUndoStack::redo);
    undoButton->setEnabled(false);
    redoButton->setEnabled(false);
    connect(stack, &QUndoStack::canUndoChanged, undoButton, &QAction::setEnabled);
    connect(stack, &QUndoStack::canRedoChanged, redoButton, &QAction::setEnabled);
    connect(stack, &QUndoStack::undoTextChanged, undoButton,
            [undoButton](const QString &text) { undoButton->setToolTip(tr("Undo %1").arg(text)); });
    connect(stack, &QUndoStack::redoTextChanged, redoButton,
            [redoButton](const QString &text) { redoButton->setToolTip(tr("Redo %1").arg(text)); });
    m_deleteAction->setIcon(toolIcon(QStringLiteral("delete")));
    toolbar->addAction(m_deleteAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *fit = m_viewMenu->addAction(tr("&Fit to Window"), QKeySequence(Qt::CTRL | Qt::Key_0), m_view,
                                         &CanvasView::fitToScene);
    fit->setIcon(toolIcon(QStringLiteral("fit")));
    toolbar->addAction(fit);
    m_viewMenu->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, m_view, &CanvasView::zoomIn);
    m_viewMenu->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, m_view, &CanvasView::zoomOut);
    QAction *map = m_viewMenu->addAction(tr("&Map"));
    map->setCheckable(true);
    map->setChecked(m_map->available());
    map->setEnabled(m_map->available());
    if (!m_map->available())
        map->setToolTip(m_map->missingDataHint());
    connect(map, &QAction::toggled, m_view, &CanvasView::setMapVisible);
    QAction *legend = m_viewMenu->addAction(tr("&Legend"));
    legend->setCheckable(true);
    legend->setChecked(true);
    connect(legend, &QAction::toggled, m_view, &CanvasView::setLegendVisible);
    QAction *idleSpans = m_viewMenu->addAction(tr("Label &Idle Spans"));
    idleSpans->setCheckable(true);
    idleSpans->setChecked(false);
    idleSpans->setToolTip(tr("Label the spans that carry nothing as well (their tooltips always give the figures)"));
    connect(idleSpans, &QAction::toggled, m_view, &CanvasView::setLabelIdleSpans);
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : {m_propertiesDock, m_resultsDock, m_diagnosticsDock})
        m_viewMenu->addAction(dock->toggleViewAction());
    m_whyAction = m_viewMenu->addAction(tr("&Why?"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::explainSelection);
    m_whyAction->setObjectName(QStringLiteral("viewWhy"));
    m_whyAction->setToolTip(tr("Explain the selected span or site (or the job): formula, inputs and their sources"));
    m_viewMenu->addAction(m_explainDock->toggleViewAction());
    addTabbedPageAction(tr("&Assumptions"), m_assumptionsDock, QKeySequence(), 0);
    QAction *present = m_viewMenu->addAction(tr("&Presentation"), QKeySequence(Qt::Key_F11), this,
                                             &MainWindow::startPresentation);
    present->setObjectName(QStringLiteral("viewPresentation"));
    present->setToolTip(tr("Full screen: the plan, its headline figures and one chart; arrow keys step through "
                           "the views, Esc leaves"));
    addTabbedPageAction(tr("&N-1"), m_resilienceDock, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), 0);
    addTabbedPageAction(tr("&Charts"), m_chartsDock, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), kChartsMinHeightPx);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(tr("S&weep..."), this, &MainWindow::showSweep);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guide = help->addAction(tr("&User Guide"), this, &MainWindow::showUserGuide);
    guide->setObjectName(QStringLiteral("helpUserGuide"));
    guide->setShortcut(QKeySequence::HelpContents);
    QAction *shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setObjectName(QStringLiteral("helpShortcuts"));
    QAction *lessons = help->addAction(tr("&Lessons"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), m_lessons,
                                       &LessonController::showLessons);
    lessons->setObjectName(QStringLiteral("helpLessons"));
    lessons->setToolTip(tr("Guided lessons: each step loads a plan, explains it with live figures and sets a task"));
    help->addSeparator();
    QAction *about = help->addAction(tr("&About DCI Planner"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

std::pair<const char *, const char *> MainWindow::statusFigure(int index)
{
    // The status bar's fields: sites, GPUs, MW, DCI capacity, capex, step, efficiency.
    constexpr int kCapex = 4;
    constexpr int kStep = 5;
    constexpr int kEfficiency = 6;
    switch (index) {
    case kCapex:
        return {"cost", "capex_usd"};
    case kStep:
        return {"job", "step_s"};
    case kEfficiency:
        return {"job", "efficiency"};
    default:
        return {nullptr, nullptr};
    }
}

void MainWindow::startPresentation()
{
    if (!m_document->hasScenario() || m_presentation)
        return;
    m_presentation = new PresentationWindow(this, this);
    m_presentation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_presentation, &PresentationWindow::closed, this, [this] {
        m_presentation = nullptr;
        // The canvas's own colours and layout back (the presentation had the scene).
        documentChanged();
    });
    connect(m_presentation, &PresentationWindow::saveViewRequested, this, [this](const PresentationView &view) {
        // The tour as shown, with this view as it is now: the plan's saved views.
        std::vector<PresentationView> views = m_presentation->views();
        views[static_cast<std::size_t>(m_presentation->current())] = view;
        if (m_editor->setPresentationViews(views))
            statusBar()->showMessage(tr("Saved the view in the plan"), kStatusMessageMs);
    });
    m_presentation->showFullScreen();
    m_presentation->setFocus();
}

void MainWindow::showFailureCase(int index)
{
    const ResilienceResult &result = m_resilience->result();
    if (index < 0 || static_cast<std::size_t>(index) >= result.cases.size()) {
        if (m_previewing) { // back to the plan as it is
            m_previewing = false;
            m_view->setBannerText(QString());
            m_scene->show(m_document->scenario(), m_document->results());
        }
        return;
    }
    // The plan with this failure, evaluated, on the canvas: not an edit (the document and
    // its undo history are unchanged).
    const FailureCase &failure = result.cases[static_cast<std::size_t>(index)];
    const Scenario failed = withFailure(m_document->scenario(), failure);
    m_scene->show(failed, evaluate(failed, Catalog::builtin()));
    m_previewing = true;
    QString what = failure.kind == "srlg"   ? tr("shared-risk group %1 down").arg(QString::fromStdString(failure.element))
                   : failure.kind == "site" ? tr("site %1 down").arg(QString::fromStdString(failure.element))
                                            : tr("span %1 down").arg(QString::fromStdString(failure.element));
    if (failure.worst_utilization)
        what += tr(" · worst %1 on %2").arg(formatPercent(*failure.worst_utilization),
                                            QString::fromStdString(failure.worst_span));
    m_view->setBannerText(tr("N-1 case: %1 — not an edit; Show the Plan returns").arg(what));
}

void MainWindow::showSweep()
{
    constexpr QSize kSweepWindowSize(1240, 820);
    auto *panel = findChild<SweepPanel *>(QString(), Qt::FindDirectChildrenOnly);
    const auto follow = [this](SweepPanel *p) {
        p->setPlan(m_document->scenario(), Catalog::builtin(), m_document->displayName());
    };
    if (!panel) {
        panel = new SweepPanel(this);
        panel->setWindowFlag(Qt::Window);
        panel->resize(kSweepWindowSize);
        connect(m_document, &Document::changed, panel, [panel, follow](const ScenarioChange &change) {
            if (!change.none() && panel->isVisible())
                follow(panel);
        });
    }
    follow(panel);
    panel->show();
    panel->raise();
    panel->activateWindow();
}

bool MainWindow::compareWith(const QString &path)
{
    constexpr QSize kCompareWindowSize(1320, 880);
    if (!m_document->hasScenario())
        return false;
    const QString file = !path.isEmpty() ? path
                                         : QFileDialog::getOpenFileName(this, tr("Compare With"),
                                                                        QFileInfo(m_document->filePath()).absolutePath(),
                                                                        tr("DCI scenarios (*.json)"));
    if (file.isEmpty())
        return false;
    const ScenarioLoad load = readScenarioFile(file.toStdString(), Catalog::builtin());
    if (!load.scenario) {
        m_lastErrors.clear();
        for (const std::string &e : load.errors)
            m_lastErrors << QString::fromStdString(e);
        showErrors(tr("Cannot Compare"), tr("DCI Planner could not open “%1”.").arg(QFileInfo(file).fileName()),
                   m_lastErrors, file);
        return false;
    }
    // B is evaluated as the CLI's diff does; A is the open plan as it stands, edits included.
    const Scenario &a = m_document->scenario();
    const Results b = evaluate(*load.scenario, Catalog::builtin());
    const QString fileB = QFileInfo(file).fileName();
    const QString nameB = QString::fromStdString(load.scenario->name);
    auto *window = new CompareWindow(m_map.get(), this);
    window->setWindowFlag(Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->resize(kCompareWindowSize);
    window->show({a, m_document->results(), m_document->displayName()},
                 {*load.scenario, b, nameB.isEmpty() ? fileB : tr("%1 (%2)").arg(nameB, fileB)},
                 comparePlans(a, m_document->results(), *load.scenario, b));
    window->show();
    window->raise();
    return true;
}

void MainWindow::explainSelection()
{
    if (!m_document->hasScenario())
        return;
    const QStringList sites = m_view->selectedSiteIds();
    const QStringList spans = m_view->selectedSpanIds();
    // One element selected: it; otherwise the job (or, without one, the cost).
    QString ref = m_document->scenario().job ? QStringLiteral("job") : QStringLiteral("cost");
    if (sites.size() == 1 && spans.isEmpty())
        ref = QStringLiteral("site:") + sites.first();
    else if (spans.size() == 1 && sites.isEmpty())
        ref = QStringLiteral("span:") + spans.first();
    explainFigure(ref, QString());
}

void MainWindow::explainFigure(const QString &ref, const QString &figure)
{
    if (!m_document->hasScenario())
        return;
    m_explain->explain(ref, figure);
    m_explainDock->show();
    m_explainDock->raise();
}

void MainWindow::addTabbedPageAction(const QString &text, QDockWidget *dock, const QKeySequence &shortcut,
                                     int minHeightPx)
{
    // Checked while the page is on screen. Behind the Results tab it is brought forward, not
    // hidden (a dock's own toggle action would hide it: Qt counts a dock behind a tab as
    // visible, so that action's check mark cannot say whether the page can be seen).
    QAction *action = m_viewMenu->addAction(text);
    action->setObjectName(QStringLiteral("viewPage") + dock->objectName());
    action->setCheckable(true);
    action->setShortcut(shortcut);
    const auto onScreen = [dock] {
        QWidget *page = dock->widget();
        return page->isVisible() && !page->visibleRegion().isEmpty();
    };
    connect(m_viewMenu, &QMenu::aboutToShow, action, [action, onScreen] { action->setChecked(onScreen()); });
    connect(action, &QAction::triggered, this, [this, dock, action, onScreen, minHeightPx] {
        const bool hide = onScreen();
        if (hide) {
            dock->hide();
        } else {
            dock->show();
            dock->raise();
            // A page that needs the height gets it (the canvas gives way), never more
            // than half the window.
            const int wanted = std::min(minHeightPx, height() / 2);
            if (dock->height() < wanted)
                resizeDocks({dock}, {wanted}, Qt::Vertical);
        }
        action->setChecked(!hide);
    });
}

QMenu *MainWindow::contextMenuFor(const QString &siteId, const QString &spanId, double lat_deg, double lon_deg)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("canvasContextMenu"));
    auto showProperties = [this] {
        m_propertiesDock->show();
        m_propertiesDock->raise();
    };
    if (!siteId.isEmpty() || !spanId.isEmpty()) {
        const QString ref = siteId.isEmpty() ? QStringLiteral("span:") + spanId : QStringLiteral("site:") + siteId;
        menu->addAction(tr("Why?"), this, [this, ref] { explainFigure(ref, QString()); });
    }
    if (!siteId.isEmpty()) {
        menu->addAction(tr("Properties"), this, showProperties);
        menu->addAction(toolIcon(QStringLiteral("add-span")), tr("Add Span from Here"), this, [this] {
            for (QAction *a : m_tools->actions())
                if (a->text() == tr("Add Span"))
                    a->trigger();
            statusBar()->showMessage(tr("Drag from the site to the one it should reach"), kStatusMessageMs);
        });
        const Site *site = m_document->scenario().site(siteId.toStdString());
        const bool down = site && site->down;
        // A site failure is an edit: one undo step (docs/MODEL.md "Resilience": its spans
        // carry nothing and its GPUs sit out of the job).
        menu->addAction(down ? tr("Restore This Site") : tr("Fail This Site"), this,
                        [this, siteId, down] { m_editor->setSiteDown(siteId, !down); });
        menu->addSeparator();
        menu->addAction(m_deleteAction);
    } else if (!spanId.isEmpty()) {
        menu->addAction(tr("Properties"), this, showProperties);
        const Span *span = m_document->scenario().span(spanId.toStdString());
        const bool down = span && span->down;
        // Failing a span is an edit like any other: one undo step (docs/MODEL.md "Routing":
        // traffic reroutes over the spans that are up).
        menu->addAction(down ? tr("Restore This Span") : tr("Fail This Span"), this,
                        [this, spanId, down] { m_editor->setSpanDown(spanId, !down); });
        menu->addSeparator();
        menu->addAction(m_deleteAction);
    } else {
        menu->addAction(toolIcon(QStringLiteral("add-site")), tr("Add Site Here"), this,
                        [this, lat_deg, lon_deg] { addSiteAt(lat_deg, lon_deg); });
        menu->addAction(toolIcon(QStringLiteral("fit")), tr("Fit to Window"), m_view, &CanvasView::fitToScene);
    }
    return menu;
}

void MainWindow::connectEditor()
{
    Editor *e = m_editor;
    // A refused edit changes nothing; the status bar says why.
    connect(e, &Editor::refused, this,
            [this](const QString &reason) { statusBar()->showMessage(tr("Not changed: %1").arg(reason), kRefusalMessageMs); });
    connect(m_view, &CanvasView::siteAddRequested, this, &MainWindow::addSiteAt);
    connect(m_view, &CanvasView::spanAddRequested, this, &MainWindow::addSpanBetween);
    connect(m_view, &CanvasView::moveRequested, e, &Editor::moveSites);

    connectIntents(m_properties, e);
    connect(m_assumptions, &AssumptionsPage::assumptionRequested, e, &Editor::setAssumption);
}

void MainWindow::addSiteAt(double lat, double lon)
{
    if (const QString id = m_editor->addSite(lat, lon); !id.isEmpty())
        selectElement(id);
}

void MainWindow::addSpanBetween(const QString &a, const QString &b)
{
    if (const QString id = m_editor->addSpan(a, b); !id.isEmpty())
        selectElement(id);
}

void MainWindow::deleteSelection()
{
    m_editor->removeElements(m_view->selectedSiteIds(), m_view->selectedSpanIds());
}

void MainWindow::selectElement(const QString &id)
{
    const Scenario &s = m_document->scenario();
    if (s.site(id.toStdString()))
        m_view->selectElements({id}, {});
    else if (s.span(id.toStdString()))
        m_view->selectElements({}, {id});
    else
        m_view->selectElements({}, {});
    selectionChanged();
}

void MainWindow::selectElements(const QStringList &siteIds, const QStringList &spanIds)
{
    m_view->selectElements(siteIds, spanIds);
    selectionChanged();
}

void MainWindow::showPage(const QString &show)
{
    if (show.startsWith(QLatin1String("explain"))) {
        // "explain REF FIGURE": the figure traced in the Explain dock.
        const QStringList words = show.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        explainFigure(words.value(1), words.value(2));
        return;
    }
    const std::pair<const char *, QDockWidget *> docks[] = {
        {"plan", m_propertiesDock}, {"results", m_resultsDock},         {"charts", m_chartsDock},
        {"n-1", m_resilienceDock},  {"assumptions", m_assumptionsDock}, {"diagnostics", m_diagnosticsDock},
    };
    for (const auto &[name, dock] : docks)
        if (show == QLatin1String(name)) {
            dock->show();
            dock->raise();
        }
}

void MainWindow::documentChanged(const ScenarioChange &change)
{
    const bool planChanged = !change.none(); // else new results of the same plan
    m_view->setHintText(!m_document->hasScenario()
                            ? tr("File › New to draw a plan, or File › Open Sample to start from one")
                            : tr("Add Site (A), then click on the map to place the first site"));
    // A failure case on show ends with any change of the plan; N-1 colours are out of date.
    if (planChanged) {
        m_previewing = false;
        m_view->setBannerText(QString());
        if (m_scene->hasHeatOverrides()) {
            m_scene->setHeatOverrides({});
            m_view->setLegendHeading(QString());
        }
    }
    m_scene->show(m_document->scenario(), m_document->results());
    if (planChanged)
        m_resilience->setPlan(m_document->scenario(), Catalog::builtin());
    if (m_presentation)
        m_presentation->planChanged();
    if (m_scene->layoutDeferred()) {
        // A drag: the canvas follows every move; the tables, charts, diagnostics and the
        // explanation catch up a few times a second and just after the drop.
        if (!m_followTimer->isActive())
            m_followTimer->start();
    } else {
        m_followTimer->stop();
        showFigures();
    }
    if (change.plan)
        m_assumptions->show(m_document->scenario(), Catalog::builtin());
    m_assumptions->setEnabled(m_document->hasScenario());
    selectionChanged();
    updateTitle();
    updateStatusBar();
}

void MainWindow::showFigures()
{
    m_results->show(m_document->scenario(), m_document->results());
    m_charts->show(m_document->scenario(), m_document->results(),
                   m_document->hasScenario() ? m_document->catalog().figure("target_utilization") : 1.0);
    m_diagnostics->show(m_document->results());
    if (m_document->hasScenario())
        m_explain->show(m_document->scenario(), Catalog::builtin(), m_document->results());
}

void MainWindow::selectionChanged()
{
    if (m_syncingSelection)
        return;
    m_syncingSelection = true;
    const QStringList sites = m_view->selectedSiteIds();
    const QStringList spans = m_view->selectedSpanIds();
    m_deleteAction->setEnabled(!sites.isEmpty() || !spans.isEmpty());
    if (m_document->hasScenario())
        m_properties->show(m_document->scenario(), m_document->results(), m_document->catalog(), sites, spans);
    m_results->selectElements(sites, spans);
    m_syncingSelection = false;
}

void MainWindow::updateTitle()
{
    const QString name = m_document->displayName();
    if (name.isEmpty())
        setWindowTitle(tr("DCI Planner"));
    else if (m_document->isRecovered())
        setWindowTitle(tr("%1 (recovered)[*] — DCI Planner").arg(name));
    else
        setWindowTitle(tr("%1[*] — DCI Planner").arg(name));
    setWindowModified(m_document->isModified());
}

void MainWindow::updateStatusBar()
{
    if (!m_document->hasScenario()) {
        m_summary->setFields({});
        return;
    }
    const Results &r = m_document->results();
    const Totals &totals = r.totals;
    double capacityGbps = 0.0;
    for (const SpanResult &s : r.spans)
        if (!s.down && s.capacity_gbps)
            capacityGbps += *s.capacity_gbps;
    QList<StatusSummary::Field> fields;
    fields.append({totals.sites == 1 ? tr("1 site") : tr("%1 sites").arg(formatCount(totals.sites)),
                   totals.spans == 1 ? tr("1 span") : tr("%1 spans").arg(formatCount(totals.spans))});
    fields.append({tr("%1 GPUs").arg(formatCount(totals.gpus)), QString()});
    fields.append({formatMw(totals.power_mw), tr("Facility power (IT %1 × PUE)").arg(formatMw(totals.it_power_mw))});
    fields.append({tr("DCI %1").arg(formatRate(capacityGbps)),
                   tr("Capacity of the spans in service, summed (one direction each)")});
    fields.append({r.cost.capex_usd ? tr("capex %1").arg(formatUsd(*r.cost.capex_usd)) : tr("capex –"),
                   r.cost.opex_usd_per_year
                       ? tr("Interconnect capex; opex %1 per year").arg(formatUsd(*r.cost.opex_usd_per_year))
                       : QString()});
    const JobResult &job = r.job;
    if (job.step_s) {
        fields.append({tr("step %1").arg(formatSeconds(*job.step_s)),
                       job.compute_s ? tr("Step time; compute alone %1").arg(formatSeconds(*job.compute_s)) : QString()});
    } else {
        const bool hasJob = m_document->scenario().job.has_value();
        fields.append({hasJob ? tr("step –") : tr("no job"),
                       hasJob ? tr("The job cannot be timed: see the Diagnostics") : QString()});
    }
    fields.append({job.efficiency ? tr("efficiency %1").arg(formatPercent(*job.efficiency)) : QString(),
                   tr("Scaling efficiency: compute time / step time")});
    for (int i = 0; i < fields.size(); ++i)
        if (statusFigure(i).first && !fields[i].text.isEmpty()) {
            fields[i].clickable = true;
            fields[i].toolTip += (fields[i].toolTip.isEmpty() ? QString() : QStringLiteral("\n"))
                                 + tr("Click: why? (the Explain dock)");
        }
    m_summary->setFields(fields);
}

QString MainWindow::statusSummary() const
{
    return m_summary->text();
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray(), kDockLayoutVersion);
    m_dockSizes->setPreferredSizes(settings.value(kDockSizesKey).toMap());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState(kDockLayoutVersion));
    settings.setValue(kDockSizesKey, m_dockSizes->preferredSizes());
}

} // namespace dci
