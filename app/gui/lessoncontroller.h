#pragma once

#include "lesson/lesson.h"

#include <QObject>
#include <QString>

class QDockWidget;

namespace dci {

class LessonPanel;
class MainWindow;

// The lessons in the main window (issue 17): reads the lesson library at start, owns the
// Lessons dock (views/lessons/lessonpanel.h) and performs the panel's intents on the
// document: a lesson starts as a new untitled plan (Document::adopt, after the usual
// question about unsaved changes), every later step and the intended answer are one
// undo command each (Document::applyEdit). The panel follows every change of the plan.
class LessonController : public QObject
{
    Q_OBJECT

public:
    explicit LessonController(MainWindow *main);

    // Reads every lesson of `dir` (loadLessonLibrary); a bad file is left out and its
    // problems listed in the panel. Returns the problems ("FILE:LINE: message").
    QStringList loadLibrary(const QString &dir);
    const LessonLibrary &library() const { return m_library; }
    QStringList problems() const;
    // The lessons finished with Finish, in any session (QSettings "lessons/completed").
    static QList<int> completedLessons();

    QDockWidget *dock() const { return m_dock; }
    LessonPanel *panel() const { return m_panel; }

    // Help > Lessons: the dock in view, with the list or the current step.
    void showLessons();
    // Starts lesson `index` of the library at its first step; false when the user kept
    // the open plan (Cancel at the unsaved-changes question) or it has no plan.
    bool start(int index);
    // The plan of `step` of the current lesson as the document (one undo command unless
    // the document already is that plan), and the step shown.
    bool goToStep(int step);
    // The intended answer applied to the plan (one undo command).
    bool applyAnswer();
    // Back to the list ("Lesson complete" when `completed`).
    void stop(bool completed);

    bool active() const;
    int step() const;
    // The step is done (Next would be enabled).
    bool canAdvance() const;
    // Next / Back as the panel's buttons do them; false when not possible now.
    bool next();
    bool back();

signals:
    // The lesson, its step, or what the step shows changed (the presentation follows).
    void changed();

private:
    LessonPlans plans() const;
    void planChanged();
    void stepEntered();
    QString undoText(int step, const QString &what) const;

    MainWindow *m_main;
    LessonPanel *m_panel = nullptr;
    QDockWidget *m_dock = nullptr;
    LessonLibrary m_library;
    int m_index = -1; // the lesson in progress, -1 none
};

} // namespace dci
