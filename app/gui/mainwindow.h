#pragma once

#include "edit/change.h"
#include "canvas/canvasexport.h"
#include "io/importer.h"

#include <QMainWindow>
#include <QStringList>

#include <memory>
#include <optional>

class QActionGroup;
class QDockWidget;
class QLabel;
class QTimer;
class QMenu;

namespace dci {

class AssumptionsPage;
class CanvasScene;
class CanvasView;
class ChartsPanel;
class ExplainPanel;
class LessonController;
class ResiliencePanel;
class PresentationWindow;
class DiagnosticsPanel;
class DockSizeKeeper;
class Document;
class Editor;
class CitySearch;
struct City;
class MapLayer;
class PropertiesPanel;
class ResultsPanel;
class StatusSummary;
class Autosaver;
struct RecoveryEntry;

// The main window: the canvas in the middle with its editing tools, the Properties,
// Results, Assumptions and Diagnostics docks, File/Edit/View menus and a status bar summing up the plan.
// It owns the document, its Editor and the views and connects them: views emit intents,
// the Editor turns each into one undo command on the document (DESIGN.md "Layers").
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // The right-click menu of a site, a span or the map (issue 13 #18); the caller shows it.
    QMenu *contextMenuFor(const QString &siteId, const QString &spanId, double lat_deg, double lon_deg);
    // A shipped sample as an untitled copy (issue 13 #8): Save asks for a name.
    bool openSampleCopy(const QString &path);
    // At start without a file: the most recent plan that still exists, else the two-campus
    // sample as an untitled copy (issue 13 #7). False when neither could be opened.
    bool openAtStart();
    // At start (main.cpp), before any file is opened: offers the autosaves of a program
    // that stopped (recovery.h) and restores the one chosen. True when one was restored.
    bool offerRecovery();
    // Help > Keyboard Shortcuts: every menu action with its shortcut, read from the menus.
    QString shortcutsHtml() const;
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a scenario file. On failure the open document stays as it was, loadFailed()
    // is emitted and, unless error dialogs are off, a message box lists the problems.
    // Does not ask about unsaved changes (the menu commands do).
    bool openFile(const QString &path);

    // Saves to the document's file, or to `path` when given (Save As). Returns false and
    // reports (dialog or lastErrors()) when it cannot be written; the document is untouched.
    bool saveTo(const QString &path);

    // Imports a Topology Zoo, SNDlib or GNPy topology file as a new, unsaved plan (a GNPy
    // equipment file: offers to save its optics as a catalog). Reports what was kept,
    // guessed and dropped; on failure the open document stays as it was. File > Import
    // asks for the options first (ImportOptionsDialog) when the format has any.
    bool importFile(const QString &path, const ImportOptions &options = ImportOptions{});
    // What the last import kept, guessed and dropped, one line each (tests).
    QStringList lastImportReport() const { return m_lastImportReport; }

    // Edit > Add Site at City: a new site named after the city at its lat/lon (one undo
    // command, then selected). Returns false when the edit was refused.
    bool addCitySite(const City &city);

    // Loads, now, every map detail the current zoom shows (it otherwise arrives in the
    // background), so a picture taken next is complete.
    void completeMap();

    // View > Why? (Ctrl+E): the Explain dock traces the selected site or span, else the
    // job (else the cost). explainFigure traces one figure of one element ("span:a-b",
    // "utilization"; empty figure: its headline figures) and brings the dock forward.
    void explainSelection();
    void explainFigure(const QString &ref, const QString &figure);
    ExplainPanel *explainPanel() const { return m_explain; }
    ResiliencePanel *resiliencePanel() const { return m_resilience; }
    // Shows N-1 case `index` of the panel's result on the canvas (the plan with that
    // failure, evaluated; not an edit), or the plan again for -1.
    void showFailureCase(int index);
    // View > Presentation (F11): presentation.h.
    void startPresentation();
    PresentationWindow *presentation() const { return m_presentation; }
    // Help > Lessons (issue 17): the lesson library, the Lessons dock and the lesson in
    // progress (lessoncontroller.h).
    LessonController *lessons() const { return m_lessons; }
    // Asks, as File > Open does, whether to save the open plan's unsaved changes; false
    // when the user cancels (keep the plan as it is).
    bool askToSaveChanges() { return maybeSave(); }
    // Selects these elements on the canvas (the Properties follow).
    void selectElements(const QStringList &siteIds, const QStringList &spanIds);
    // Brings a dock forward by a lesson's `show:` name: "plan", "results", "charts",
    // "n-1", "assumptions", "diagnostics", or "explain REF FIGURE" (the Explain dock).
    void showPage(const QString &show);

    // View > Sweep: the Sweep window (views/study/sweeppanel.h) on the open plan, made on
    // first use; it follows the plan's parameters and never changes the plan.
    void showSweep();
    // File > Compare With: the open plan beside the plan in `path` (asked for when empty) in
    // a Compare window. False when no plan is open or the file cannot be read.
    bool compareWith(const QString &path = QString());

    // Writes the canvas with its legend as PNG, SVG or PDF, chosen by the file suffix,
    // at the options' size and dpi under a band with the plan's name and headline
    // figures (canvasexport.h). Without options: the canvas's size on screen.
    bool exportPicture(const QString &path);
    bool exportPicture(const QString &path, const PictureOptions &options);
    // File > Export Report: the plan as a document (reportexport.h), HTML or PDF by suffix.
    bool exportReport(const QString &path);
    void exportReportDialog();

    // The options File > Export Picture starts from: the canvas's size on this screen,
    // the plan's name, the status bar's figures and which model computed them.
    PictureOptions pictureOptions() const;

    // Error dialogs are modal; tests and --screenshot turn them off and read
    // lastErrors() or loadFailed() instead. Without dialogs, closing with unsaved changes
    // does not ask.
    void setErrorDialogsEnabled(bool enabled) { m_errorDialogs = enabled; }
    QStringList lastErrors() const { return m_lastErrors; }

    Document *document() const { return m_document; }
    // Autosaves the document to the recovery folder after edits (recovery.h).
    Autosaver *autosaver() const { return m_autosaver; }
    // Every user edit of the document goes through it (editor.h).
    Editor *editor() const { return m_editor; }
    CanvasScene *canvasScene() const { return m_scene; }
    CanvasView *canvasView() const { return m_view; }
    PropertiesPanel *propertiesPanel() const { return m_properties; }
    AssumptionsPage *assumptionsPage() const { return m_assumptions; }
    ResultsPanel *resultsPanel() const { return m_results; }
    DiagnosticsPanel *diagnosticsPanel() const { return m_diagnostics; }
    QMenu *samplesMenu() const { return m_samplesMenu; }
    QMenu *recentMenu() const { return m_recentMenu; }

    // The status bar's summary, e.g. "7 sites · 440,000 GPUs · 904.3 MW · ...".
    QString statusSummary() const;
    StatusSummary *statusSummaryWidget() const { return m_summary; }
    DockSizeKeeper *dockSizeKeeper() const { return m_dockSizes; }

    // Recent files, newest first (persisted with QSettings).
    QStringList recentFiles() const;

signals:
    void loadFailed(const QString &path, const QStringList &errors);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    // How long a status-bar note stays (mainwindow.cpp and mainwindowfiles.cpp).
    static constexpr int kStatusMessageMs = 4000;
    // openFile / openSampleCopy: the file itself, or an untitled copy of it.
    bool openFrom(const QString &path, bool asCopy);
    void createActions();
    void createDocks();
    // View > TEXT for a page tabbed under the canvas: brings it forward (at least
    // minHeightPx tall), or hides it when it is on screen.
    // The element and figure a status-bar field traces (nulls: none).
    static std::pair<const char *, const char *> statusFigure(int index);
    // Where an export starts: the plan's folder and name, without a suffix.
    QString exportBaseName() const;
    void addTabbedPageAction(const QString &text, QDockWidget *dock, const QKeySequence &shortcut, int minHeightPx);
    void populateSamplesMenu();
    void populateRecentMenu();
    void addRecentFile(const QString &path);
    void openDialog();
    void openChecked(const QString &path);
    void newDocument();
    bool save();
    bool saveAsDialog();
    void exportDialog();
    void importDialog();
    // Shows an import's outcome: on success the plan (or, for equipment, the catalog
    // offer) and the report, else the errors with the open plan unchanged.
    bool adoptImport(const QString &path, const ImportResult &result);
    void addSiteAtCity();
    bool maybeSave();
    bool restoreAutosave(const RecoveryEntry &entry);
    void showAbout();
    void showUserGuide();
    void showShortcuts();
    // A modal error dialog (unless disabled for tests); origin: the file the messages begin with.
    void showErrors(const QString &title, const QString &text, const QStringList &errors,
                    const QString &origin = QString());
    // What changed travels with the signal (core/edit/change.h); none() = new results only.
    // The docks that show figures (Results, Charts, Diagnostics, Explain) brought up to date.
    void showFigures();
    void documentChanged(const dci::ScenarioChange &change = dci::ScenarioChange::everything());
    void selectionChanged();
    void updateStatusBar();
    void updateTitle();
    void restoreSettings();
    void saveSettings() const;

    // The views' intents go to the Editor (one undo command each); these add what is about
    // the window: the new element selected, the selection deleted.
    void addSiteAt(double lat, double lon);
    void addSpanBetween(const QString &a, const QString &b);
    void deleteSelection();
    void selectElement(const QString &id);
    void connectEditor();

    Document *m_document = nullptr; // children of this window
    Editor *m_editor = nullptr;
    Autosaver *m_autosaver = nullptr;
    CanvasScene *m_scene = nullptr;
    CanvasView *m_view = nullptr;
    PropertiesPanel *m_properties = nullptr;
    ResultsPanel *m_results = nullptr;
    DiagnosticsPanel *m_diagnostics = nullptr;
    QDockWidget *m_propertiesDock = nullptr;
    QDockWidget *m_resultsDock = nullptr;
    QDockWidget *m_diagnosticsDock = nullptr;
    AssumptionsPage *m_assumptions = nullptr;
    QDockWidget *m_assumptionsDock = nullptr; // tabbed with the Results dock
    ResiliencePanel *m_resilience = nullptr;
    QDockWidget *m_resilienceDock = nullptr; // tabbed with the Results dock
    bool m_previewing = false;               // the canvas shows an N-1 case, not the plan
    PresentationWindow *m_presentation = nullptr; // open while presenting (deletes itself on close)
    LessonController *m_lessons = nullptr;        // child
    ExplainPanel *m_explain = nullptr;
    QDockWidget *m_explainDock = nullptr; // tabbed with the Properties dock
    QAction *m_whyAction = nullptr;
    ChartsPanel *m_charts = nullptr;
    QDockWidget *m_chartsDock = nullptr; // tabbed with the Results dock
    QMenu *m_samplesMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QActionGroup *m_tools = nullptr;
    QAction *m_deleteAction = nullptr;
    StatusSummary *m_summary = nullptr; // the status bar's figures
    QLabel *m_computing = nullptr;
    QTimer *m_followTimer = nullptr; // during a drag: the next update of the figures' docks      // "computing…" while the worker evaluates
    DockSizeKeeper *m_dockSizes = nullptr;
    QStringList m_lastErrors;
    QStringList m_lastImportReport;
    std::unique_ptr<MapLayer> m_map;
    std::unique_ptr<CitySearch> m_cities; // loaded on first use
    bool m_errorDialogs = true;
    bool m_syncingSelection = false;
};

// The application icon (resources/icons/dciplanner.svg, compiled in).
QIcon applicationIcon();

} // namespace dci
