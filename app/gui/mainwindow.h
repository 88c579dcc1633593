#pragma once

#include <QMainWindow>
#include <QStringList>

class QLabel;
class QMenu;

namespace dci {

class CanvasScene;
class CanvasView;
class Document;

// The main window: the canvas in the middle, File and View menus, and a status bar
// summing up the scenario. It owns the document and the views, and connects them.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a scenario file. On failure the open document stays as it was, loadFailed()
    // is emitted and, unless error dialogs are off, a message box lists the problems.
    bool openFile(const QString &path);

    // Error dialogs are modal; tests and --screenshot turn them off and read
    // lastErrors() or loadFailed() instead.
    void setErrorDialogsEnabled(bool enabled) { m_errorDialogs = enabled; }
    QStringList lastErrors() const { return m_lastErrors; }

    Document *document() const { return m_document; }
    CanvasScene *canvasScene() const { return m_scene; }
    CanvasView *canvasView() const { return m_view; }
    QMenu *samplesMenu() const { return m_samplesMenu; }

    // The status bar's summary, e.g. "7 sites · 440,000 GPUs · 904.3 MW".
    QString statusSummary() const;

signals:
    void loadFailed(const QString &path, const QStringList &errors);

private:
    void createMenus();
    void populateSamplesMenu();
    void openDialog();
    void showAbout();
    void documentChanged();
    void updateStatusBar();
    void updateTitle();

    Document *m_document = nullptr; // children of this window
    CanvasScene *m_scene = nullptr;
    CanvasView *m_view = nullptr;
    QMenu *m_samplesMenu = nullptr;
    QLabel *m_sitesLabel = nullptr;
    QLabel *m_gpusLabel = nullptr;
    QLabel *m_powerLabel = nullptr;
    QList<QLabel *> m_separators;
    QStringList m_lastErrors;
    bool m_errorDialogs = true;
};

// The application icon (resources/icons/dciplanner.svg, compiled in).
QIcon applicationIcon();

} // namespace dci
