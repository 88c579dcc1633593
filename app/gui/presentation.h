#pragma once

#include "model/scenario.h"

#include <QWidget>

#include <vector>

class QFrame;
class QLabel;
class QScrollArea;

namespace dci {

class CanvasView;
class ChartsPanel;
class MainWindow;

// View > Presentation (F11, issue 14): the plan on the projector. Full screen: the plan's
// name and its headline figures in large type over the canvas, and beside it the chart
// the view asks for. Left/Right (or Page Up/Down, Space) step through the plan's saved
// views (the scenario's `presentation` key) or, when it has none, a default tour: the
// plan, span utilisation, step time, cost, the demand matrix, N-1. S saves what is shown
// as a new view of the plan (one undo step); Esc leaves. The canvas is another view of the
// main window's scene, so the selection survives. With a lesson in progress (issue 17) its
// step is shown in large type over the canvas and the keys step through the lesson: Right
// once the step is done, Left back, 1-6 answer a question, H the next hint.
class PresentationWindow : public QWidget
{
    Q_OBJECT

public:
    PresentationWindow(MainWindow *main, QWidget *parent = nullptr);
    ~PresentationWindow() override;

    // After an edit of the plan: its figures, charts and saved views again.
    void planChanged();

    // The views stepped through: the plan's, or the default tour.
    const std::vector<PresentationView> &views() const { return m_views; }
    int current() const { return m_current; }
    void showView(int index);
    // The view as shown now, as the plan would save it (region: the canvas's).
    PresentationView currentAsSaved() const;

    CanvasView *canvas() const { return m_canvas; }
    ChartsPanel *charts() const { return m_charts; }
    QLabel *figures() const { return m_figures; }
    // With a lesson in progress (Help > Lessons): its step in large type over the canvas,
    // and Left/Right step through the lesson (Right once the step is done).
    QFrame *lessonOverlay() const { return m_lessonOverlay; }
    QLabel *lessonText() const { return m_lessonText; }

signals:
    // S: save currentAsSaved() into the plan (the main window records the edit).
    void saveViewRequested(const dci::PresentationView &view);
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void refresh();
    // The plan's name, or with a lesson on the lesson's number and title.
    QString titleText() const;
    void giveSceneBack();
    // The lesson's step over the canvas, or nothing when no lesson is in progress.
    void refreshLesson();
    void placeLessonOverlay();
    // The plan fitted into the canvas beside the overlay, not under it.
    void fitBesideOverlay();
    bool lessonActive() const;

    MainWindow *m_main;
    std::vector<PresentationView> m_views;
    int m_current = 0;
    QLabel *m_title = nullptr;
    QLabel *m_figures = nullptr;
    QLabel *m_footer = nullptr;
    CanvasView *m_canvas = nullptr;
    ChartsPanel *m_charts = nullptr;
    QFrame *m_lessonOverlay = nullptr; // child of the canvas
    QScrollArea *m_lessonScroll = nullptr;
    QLabel *m_lessonText = nullptr;
    int m_lessonFitKey = -1; // the lesson step the canvas was last fitted for
};

} // namespace dci
