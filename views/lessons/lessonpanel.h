#pragma once

#include "lesson/lesson.h"

#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QButtonGroup;
class QLabel;
class QListWidget;
class QPushButton;
class QRadioButton;
class QScrollArea;
class QStackedWidget;
class QVBoxLayout;

namespace dci {

// The Lessons dock (issue 17): first the list of lessons (number, title, summary) with the
// problems of the lesson files that could not be read; then a lesson's step: its text with
// the figures filled in from the plan, its task with a live checklist of the check's
// comparisons or its question, hints one at a time, then the intended answer. It reads
// the plan and results it is given and emits intents; it never changes the plan (the
// main window's LessonController does, through the Document).
class LessonPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LessonPanel(QWidget *parent = nullptr);

    // The lessons offered, and the problems of the files left out ("FILE:LINE: message").
    void setLibrary(const std::vector<Lesson> &lessons, const QStringList &problems);
    // The lessons finished before (by number): ticked in the list.
    void setCompleted(const QList<int> &numbers);
    // The list of lessons; `note` above it ("Lesson complete: ...") when not empty.
    void showList(const QString &note = QString());
    // Step `step` of `lesson` from its start: hints hidden, the question unanswered.
    void showStep(const Lesson &lesson, int step);
    // The plan as it is now: the text, checklist and buttons follow it. While `computing`
    // the results are of an earlier plan: the text shown stays as it was.
    void showPlan(const Scenario &scenario, const Catalog &base, const Results &results, bool computing);
    // What the Hint button does: the next hint, then the intended answer in words.
    void nextHint();
    // Chooses answer `choice` (1-based) of the step's question and checks it, as the radio
    // button and Check do (presentation mode's number keys).
    void chooseAnswer(int choice);
    // "Not quite..." after a wrong answer to the question; empty otherwise.
    QString feedbackText() const;

    // Keyboard focus on what comes next: the list, the first choice, Hint or Next.
    void focusFirst();
    // The Apply answer button could not apply it: why (empty clears).
    void setAnswerProblem(const QString &why);

    bool onStep() const { return m_lesson.has_value(); }
    int step() const { return m_step; }
    const Lesson *lesson() const { return m_lesson ? &*m_lesson : nullptr; }
    // The step's task passes, or its question was answered right, or it has neither.
    bool stepDone() const;
    bool isLastStep() const;

    // What a step shows, for the presentation overlay (plain text, placeholders filled).
    QString stepTitle() const;
    QStringList paragraphs() const { return m_paragraphs; }
    QString taskText() const { return m_taskText; }
    // The question and its choices with their figures filled in (empty without a question).
    QString questionText() const { return m_questionText; }
    QStringList choiceTexts() const { return m_choiceStrings; }
    // The task's checklist as the dock shows it: each comparison ticked or crossed, with its
    // figures now (presentation mode shows the same, larger).
    static QString checklistHtml(const CheckOutcome &check);
    const CheckOutcome &check() const { return m_check; }
    QString solvedText() const;
    // The hints shown so far, filled; the answer in words once asked for.
    QStringList shownHints() const;
    QString answerText() const;

    // A LessonSet as a person reads it: "Set site new-albany › GPUs to 65536".
    static QString setInWords(const LessonSet &set);
    // Text of a lesson with **bold** as rich text.
    static QString richText(const QString &plain);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    void startRequested(int lessonIndex);
    void reloadRequested(); // read the lesson folders again (a teacher edited a file)
    void stepRequested(int step); // Next, Back: the plan of that step
    void restartRequested();      // the current step's plan again
    void listRequested();         // All lessons
    void finishRequested();       // Next on the last step
    void applyAnswerRequested();
    // The text, the checklist or the state of the buttons changed.
    void stepStateChanged();

private:
    QWidget *makeListPage();
    QWidget *makeStepPage();
    void startSelected();
    void checkChoice();
    QString fill(const std::string &text) const;
    void refresh(); // the step page from the state
    void refreshButtons();

    std::vector<Lesson> m_lessons;
    std::optional<Lesson> m_lesson;
    int m_step = 0;
    int m_hintsShown = 0;
    bool m_answerShown = false;
    bool m_questionRight = false;
    bool m_questionTried = false;
    // The plan as last shown (not while computing).
    std::optional<Scenario> m_scenario;
    std::optional<Catalog> m_base;
    std::optional<Results> m_results;
    QStringList m_paragraphs;
    QString m_taskText;
    QString m_questionText;
    QStringList m_choiceStrings;
    CheckOutcome m_check;

    QStackedWidget *m_pages = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_reload = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_problems = nullptr;

    QScrollArea *m_scroll = nullptr;
    QLabel *m_lessonTitle = nullptr;
    QLabel *m_counter = nullptr;
    QLabel *m_stepTitle = nullptr;
    QLabel *m_text = nullptr;
    QLabel *m_task = nullptr;
    QLabel *m_checklist = nullptr;
    QWidget *m_questionBox = nullptr;
    QLabel *m_question = nullptr;
    QVBoxLayout *m_choicesLayout = nullptr;
    QButtonGroup *m_choices = nullptr;
    // Each choice: its radio button (in m_choices, id = 1-based choice) and its text beside
    // it, wrapped (a radio button's own text would not wrap), clicking it chooses it.
    std::vector<QWidget *> m_choiceRows;
    std::vector<QLabel *> m_choiceTexts;
    QPushButton *m_checkChoice = nullptr;
    QLabel *m_feedback = nullptr;
    QLabel *m_hints = nullptr;
    QPushButton *m_hint = nullptr;
    QLabel *m_answer = nullptr;
    QPushButton *m_applyAnswer = nullptr;
    QLabel *m_answerProblem = nullptr;
    QLabel *m_solved = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_restart = nullptr;
    QPushButton *m_allLessons = nullptr;
};

} // namespace dci
