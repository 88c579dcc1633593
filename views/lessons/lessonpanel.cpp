#include "lessonpanel.h"

#include <QApplication>
#include <QButtonGroup>
#include <QEvent>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace dci {

namespace {

QLabel *wrappedLabel(const QString &objectName, QWidget *parent = nullptr)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

// A lesson in the list: its number and title in bold, the summary wrapped below.
class LessonItemDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    static constexpr int kPadPx = 6;
    static constexpr int kSummaryRole = Qt::UserRole + 1;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString title = opt.text;
        opt.text.clear();
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
        const QRect area = opt.rect.adjusted(kPadPx, kPadPx, -kPadPx, -kPadPx);
        const QPalette::ColorRole role = opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text;
        painter->save();
        painter->setPen(opt.palette.color(role));
        QFont bold = opt.font;
        bold.setBold(true);
        painter->setFont(bold);
        const QRect titleRect = QFontMetrics(bold).boundingRect(area, Qt::TextWordWrap, title);
        painter->drawText(area, Qt::TextWordWrap, title);
        painter->setFont(opt.font);
        painter->drawText(area.adjusted(0, titleRect.height() + 2, 0, 0), Qt::TextWordWrap,
                          index.data(kSummaryRole).toString());
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        // The list's own width (it wraps rather than scrolls sideways).
        const auto *view = qobject_cast<const QAbstractItemView *>(opt.widget);
        constexpr int kMinTextWidthPx = 80;
        const int width = std::max(kMinTextWidthPx, (view ? view->viewport()->width() : opt.rect.width()) - 2 * kPadPx);
        QFont bold = opt.font;
        bold.setBold(true);
        const QRect bounds(0, 0, width, 100000);
        const int height = QFontMetrics(bold).boundingRect(bounds, Qt::TextWordWrap, opt.text).height() + 2
                           + QFontMetrics(opt.font)
                                 .boundingRect(bounds, Qt::TextWordWrap, index.data(kSummaryRole).toString())
                                 .height();
        return {width + 2 * kPadPx, height + 2 * kPadPx};
    }
};

constexpr const char *kTick = "\u2714"; // ✔
constexpr const char *kCross = "\u2718"; // ✘

} // namespace

LessonPanel::LessonPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("lessonPanel"));
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(makeListPage());
    m_pages->addWidget(makeStepPage());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
}

QWidget *LessonPanel::makeListPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_note = wrappedLabel(QStringLiteral("lessonNote"));
    m_note->setVisible(false);
    auto *intro = new QLabel(tr("Guided lessons: each step loads a plan, explains it with live figures and "
                                "asks you to change something. Double-click a lesson or press Start."));
    intro->setWordWrap(true);
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setWordWrap(true);
    m_list->setSpacing(2);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->setItemDelegate(new LessonItemDelegate(m_list));
    m_list->setResizeMode(QListView::Adjust);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_start = new QPushButton(tr("&Start"));
    m_start->setObjectName(QStringLiteral("lessonStart"));
    m_start->setEnabled(false);
    m_problems = wrappedLabel(QStringLiteral("lessonProblems"));
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setVisible(false);
    layout->addWidget(m_note);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    m_reload = new QPushButton(tr("&Reload"));
    m_reload->setObjectName(QStringLiteral("lessonReload"));
    m_reload->setToolTip(tr("Read the lesson files again, after you changed one"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reload);
    buttons->addStretch(1);
    buttons->addWidget(m_start);
    layout->addLayout(buttons);
    layout->addWidget(m_problems);
    // Where a teacher's own lessons are read from (docs/LESSONS.md), to copy.
    if (const std::filesystem::path own = userLessonsDir(); !own.empty()) {
        auto *folder = wrappedLabel(QStringLiteral("lessonOwnFolder"));
        folder->setTextFormat(Qt::PlainText);
        folder->setTextInteractionFlags(Qt::TextSelectableByMouse);
        folder->setStyleSheet(QStringLiteral("QLabel { color: #555; }"));
        folder->setText(tr("Your own lessons are read from %1 at start-up (docs/LESSONS.md says how to write one).")
                            .arg(QString::fromStdString(own.string())));
        layout->addWidget(folder);
    }
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) { m_start->setEnabled(row >= 0); });
    connect(m_list, &QListWidget::itemActivated, this, [this] { startSelected(); });
    connect(m_start, &QPushButton::clicked, this, &LessonPanel::startSelected);
    connect(m_reload, &QPushButton::clicked, this, &LessonPanel::reloadRequested);
    return page;
}

QWidget *LessonPanel::makeStepPage()
{
    auto *page = new QWidget;
    auto *outer = new QVBoxLayout(page);
    outer->setContentsMargins(0, 0, 0, 0);

    // The text scrolls; the buttons that move between steps stay in view below it.
    m_scroll = new QScrollArea;
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    m_lessonTitle = wrappedLabel(QStringLiteral("lessonTitle"));
    m_counter = wrappedLabel(QStringLiteral("lessonStepCounter"));
    m_counter->setForegroundRole(QPalette::PlaceholderText);
    m_stepTitle = wrappedLabel(QStringLiteral("lessonStepTitle"));
    QFont big = m_stepTitle->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_stepTitle->setFont(big);
    m_text = wrappedLabel(QStringLiteral("lessonText"));
    m_task = wrappedLabel(QStringLiteral("lessonTask"));
    m_checklist = wrappedLabel(QStringLiteral("lessonChecklist"));

    m_questionBox = new QWidget;
    auto *questionLayout = new QVBoxLayout(m_questionBox);
    questionLayout->setContentsMargins(0, 0, 0, 0);
    m_question = wrappedLabel(QStringLiteral("lessonQuestion"));
    m_choicesLayout = new QVBoxLayout;
    m_choices = new QButtonGroup(this);
    m_checkChoice = new QPushButton(tr("&Check"));
    m_checkChoice->setObjectName(QStringLiteral("lessonCheckAnswer"));
    m_checkChoice->setEnabled(false);
    questionLayout->addWidget(m_question);
    questionLayout->addLayout(m_choicesLayout);
    questionLayout->addWidget(m_checkChoice, 0, Qt::AlignLeft);
    m_feedback = wrappedLabel(QStringLiteral("lessonFeedback"));

    m_hints = wrappedLabel(QStringLiteral("lessonHints"));
    m_hint = new QPushButton(tr("H&int"));
    m_hint->setObjectName(QStringLiteral("lessonHint"));
    m_answer = wrappedLabel(QStringLiteral("lessonAnswer"));
    m_applyAnswer = new QPushButton(tr("&Apply answer"));
    m_applyAnswer->setObjectName(QStringLiteral("lessonApplyAnswer"));
    m_applyAnswer->setToolTip(tr("Makes the intended answer's changes to the plan (one undo step)"));
    m_answerProblem = wrappedLabel(QStringLiteral("lessonAnswerProblem"));
    m_answerProblem->setTextFormat(Qt::PlainText);
    m_solved = wrappedLabel(QStringLiteral("lessonSolved"));
    m_solved->setStyleSheet(QStringLiteral("QLabel { background: #e6f4e6; border-left: 3px solid #3a8a3a; "
                                           "padding: 6px; }"));

    layout->addWidget(m_lessonTitle);
    layout->addWidget(m_counter);
    layout->addWidget(m_stepTitle);
    layout->addWidget(m_text);
    layout->addWidget(m_task);
    layout->addWidget(m_checklist);
    layout->addWidget(m_questionBox);
    layout->addWidget(m_feedback);
    layout->addWidget(m_solved);
    layout->addWidget(m_hints);
    layout->addWidget(m_hint, 0, Qt::AlignLeft);
    layout->addWidget(m_answer);
    layout->addWidget(m_applyAnswer, 0, Qt::AlignLeft);
    layout->addWidget(m_answerProblem);
    layout->addStretch(1);
    m_scroll->setWidget(content);

    m_back = new QPushButton(tr("&Back"));
    m_back->setObjectName(QStringLiteral("lessonBack"));
    m_next = new QPushButton(tr("&Next"));
    m_next->setObjectName(QStringLiteral("lessonNext"));
    m_restart = new QPushButton(tr("&Restart step"));
    m_restart->setObjectName(QStringLiteral("lessonRestart"));
    m_restart->setToolTip(tr("The step's plan as it started (one undo step)"));
    m_allLessons = new QPushButton(tr("All &lessons"));
    m_allLessons->setObjectName(QStringLiteral("lessonAllLessons"));
    // Two rows: at the dock's default width no button is cut.
    auto *buttons = new QGridLayout;
    buttons->addWidget(m_back, 0, 0);
    buttons->addWidget(m_next, 0, 1);
    buttons->addWidget(m_restart, 1, 0);
    buttons->addWidget(m_allLessons, 1, 1);
    buttons->setContentsMargins(9, 0, 9, 9);

    outer->addWidget(m_scroll, 1);
    outer->addLayout(buttons);

    connect(m_choices, &QButtonGroup::idClicked, this, [this] {
        m_questionTried = false; // a new choice, not checked yet
        m_checkChoice->setEnabled(true);
        m_feedback->clear();
        m_feedback->setVisible(false);
    });
    connect(m_checkChoice, &QPushButton::clicked, this, &LessonPanel::checkChoice);
    connect(m_hint, &QPushButton::clicked, this, &LessonPanel::nextHint);
    connect(m_applyAnswer, &QPushButton::clicked, this, &LessonPanel::applyAnswerRequested);
    connect(m_back, &QPushButton::clicked, this, [this] {
        if (m_step > 0)
            emit stepRequested(m_step - 1);
    });
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (!stepDone())
            return;
        if (isLastStep())
            emit finishRequested();
        else
            emit stepRequested(m_step + 1);
    });
    connect(m_restart, &QPushButton::clicked, this, &LessonPanel::restartRequested);
    connect(m_allLessons, &QPushButton::clicked, this, &LessonPanel::listRequested);
    return page;
}

void LessonPanel::setLibrary(const std::vector<Lesson> &lessons, const QStringList &problems)
{
    m_lessons = lessons;
    m_list->clear();
    for (const Lesson &lesson : m_lessons) {
        auto *item = new QListWidgetItem(tr("%1. %2").arg(lesson.number).arg(fromStd(lesson.title)));
        item->setData(LessonItemDelegate::kSummaryRole, fromStd(lesson.summary));
        item->setToolTip(fromStd(lesson.file));
        m_list->addItem(item);
    }
    if (!m_lessons.empty())
        m_list->setCurrentRow(0);
    if (m_lessons.empty()) {
        auto *none = new QListWidgetItem(tr("(no lessons found)"));
        none->setFlags(Qt::NoItemFlags);
        m_list->addItem(none);
    }
    m_start->setEnabled(!m_lessons.empty());
    m_problems->setText(problems.isEmpty() ? QString()
                                           : tr("Lesson files with problems, left out:") + QLatin1Char('\n')
                                                 + problems.join(QLatin1Char('\n')));
    m_problems->setStyleSheet(QStringLiteral("QLabel { color: #a02020; }"));
    m_problems->setVisible(!problems.isEmpty());
}

void LessonPanel::setCompleted(const QList<int> &numbers)
{
    for (int row = 0; row < m_list->count() && row < static_cast<int>(m_lessons.size()); ++row) {
        const Lesson &lesson = m_lessons[static_cast<std::size_t>(row)];
        const bool done = numbers.contains(lesson.number);
        m_list->item(row)->setText(tr("%1. %2%3")
                                       .arg(lesson.number)
                                       .arg(fromStd(lesson.title))
                                       .arg(done ? QStringLiteral("  ") + QString::fromUtf8(kTick) : QString()));
        m_list->item(row)->setData(Qt::AccessibleDescriptionRole, done ? tr("completed") : QString());
    }
}

void LessonPanel::startSelected()
{
    const int row = m_list->currentRow();
    if (row >= 0 && row < static_cast<int>(m_lessons.size()))
        emit startRequested(row);
}

void LessonPanel::showList(const QString &note)
{
    m_lesson.reset();
    m_scenario.reset();
    m_base.reset();
    m_results.reset();
    m_note->setText(note.isEmpty() ? QString() : QStringLiteral("<b>%1</b>").arg(note.toHtmlEscaped()));
    m_note->setVisible(!note.isEmpty());
    m_pages->setCurrentIndex(0);
    m_list->setFocus();
    emit stepStateChanged();
}

void LessonPanel::showStep(const Lesson &lesson, int step)
{
    m_lesson = lesson;
    m_step = std::clamp(step, 0, static_cast<int>(lesson.steps.size()) - 1);
    m_hintsShown = 0;
    m_answerShown = false;
    m_questionRight = false;
    m_questionTried = false;
    m_answerProblem->clear();

    const LessonStep &s = lesson.steps[static_cast<std::size_t>(m_step)];
    // The question's choices, unanswered.
    for (QWidget *row : m_choiceRows)
        delete row; // its radio button leaves the group as it goes
    m_choiceRows.clear();
    m_choiceTexts.clear();
    for (std::size_t c = 0; c < s.choices.size(); ++c) {
        auto *row = new QWidget;
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        auto *radio = new QRadioButton;
        radio->setObjectName(QStringLiteral("lessonChoice%1").arg(c + 1));
        auto *text = wrappedLabel(QStringLiteral("lessonChoiceText%1").arg(c + 1));
        text->setTextInteractionFlags(Qt::NoTextInteraction);
        text->setBuddy(radio);
        text->installEventFilter(this);
        m_choices->addButton(radio, static_cast<int>(c + 1));
        rowLayout->addWidget(radio, 0, Qt::AlignTop);
        rowLayout->addWidget(text, 1);
        m_choicesLayout->addWidget(row);
        m_choiceRows.push_back(row);
        m_choiceTexts.push_back(text);
    }
    m_checkChoice->setEnabled(false);
    m_pages->setCurrentIndex(1);
    m_scroll->verticalScrollBar()->setValue(0);
    refresh();
    focusFirst();
}

void LessonPanel::focusFirst()
{
    if (m_pages->currentIndex() == 0) {
        m_list->setFocus();
        return;
    }
    const QList<QAbstractButton *> choices = m_choices->buttons();
    if (!choices.isEmpty() && !stepDone())
        choices.first()->setFocus();
    else if (m_next->isEnabled())
        m_next->setFocus();
    else if (m_hint->isVisibleTo(this))
        m_hint->setFocus();
    else
        m_restart->setFocus();
}

void LessonPanel::showPlan(const Scenario &scenario, const Catalog &base, const Results &results, bool computing)
{
    if (!m_lesson)
        return; // nothing shows figures; a step takes the plan when it starts
    if (computing && m_scenario)
        return; // the last text stays until the figures of this plan arrive
    m_scenario = scenario;
    m_base = base;
    m_results = results;
    refresh();
}

QString LessonPanel::fill(const std::string &text) const
{
    if (!m_scenario || !m_base || !m_results)
        return fromStd(text);
    return fromStd(fillPlaceholders(text, *m_scenario, *m_base, *m_results));
}

QString LessonPanel::richText(const QString &plain)
{
    QString html = plain.toHtmlEscaped();
    static const QRegularExpression bold(QStringLiteral("\\*\\*(.+?)\\*\\*"));
    html.replace(bold, QStringLiteral("<b>\\1</b>"));
    return html;
}

QString LessonPanel::checklistHtml(const CheckOutcome &check)
{
    QString list;
    if (!check.error.empty())
        list = QStringLiteral("<span style='color:#a02020'>%1</span>").arg(fromStd(check.error).toHtmlEscaped());
    for (const CheckTerm &term : check.terms)
        list += QStringLiteral("<div><span style='color:%1'>%2</span> %3<br><span style='color:#555'>%4</span></div>")
                    .arg(term.passed ? QStringLiteral("#2a7a2a") : QStringLiteral("#b02020"),
                         QString::fromUtf8(term.passed ? kTick : kCross), fromStd(term.text).toHtmlEscaped(),
                         fromStd(term.actual).toHtmlEscaped());
    return list;
}

QString LessonPanel::setInWords(const LessonSet &set)
{
    const QStringList parts = fromStd(set.path).split(QLatin1Char('/'));
    const auto field = [](QString name) { return name.replace(QLatin1Char('_'), QLatin1Char(' ')); };
    QString what;
    if (parts.size() == 3 && (parts[0] == QLatin1String("sites") || parts[0] == QLatin1String("spans")))
        what = QStringLiteral("%1 %2 › %3")
                   .arg(parts[0] == QLatin1String("sites") ? tr("site") : tr("span"), parts[1], field(parts[2]));
    else if (parts.size() == 2 && parts[0] == QLatin1String("assumptions"))
        what = tr("assumption %1").arg(field(parts[1]));
    else if (parts.size() == 2)
        what = QStringLiteral("%1 › %2").arg(parts[0], field(parts[1]));
    else
        what = fromStd(set.path);
    return tr("Set %1 to %2").arg(what, fromStd(set.value));
}

bool LessonPanel::stepDone() const
{
    if (!m_lesson)
        return false;
    const LessonStep &s = m_lesson->steps[static_cast<std::size_t>(m_step)];
    if (s.hasTask())
        return m_check.passed;
    if (s.hasQuestion())
        return m_questionRight;
    return true;
}

bool LessonPanel::isLastStep() const
{
    return m_lesson && m_step + 1 == static_cast<int>(m_lesson->steps.size());
}

QString LessonPanel::stepTitle() const
{
    return m_lesson ? fromStd(m_lesson->steps[static_cast<std::size_t>(m_step)].title) : QString();
}

QString LessonPanel::solvedText() const
{
    if (!m_lesson || !stepDone())
        return QString();
    return fill(m_lesson->steps[static_cast<std::size_t>(m_step)].solved);
}

QStringList LessonPanel::shownHints() const
{
    QStringList hints;
    if (!m_lesson)
        return hints;
    const LessonStep &s = m_lesson->steps[static_cast<std::size_t>(m_step)];
    for (int h = 0; h < m_hintsShown && h < static_cast<int>(s.hints.size()); ++h)
        hints << fill(s.hints[static_cast<std::size_t>(h)]);
    return hints;
}

QString LessonPanel::answerText() const
{
    if (!m_lesson || !m_answerShown)
        return QString();
    const LessonStep &s = m_lesson->steps[static_cast<std::size_t>(m_step)];
    if (s.hasQuestion())
        return s.correct >= 1 && s.correct <= static_cast<int>(s.choices.size())
                   ? tr("The answer: %1").arg(fill(s.choices[static_cast<std::size_t>(s.correct - 1)]))
                   : QString();
    QStringList lines;
    for (const LessonSet &set : s.answer)
        lines << setInWords(set);
    return lines.join(QLatin1Char('\n'));
}

void LessonPanel::nextHint()
{
    if (!m_lesson)
        return;
    const LessonStep &s = m_lesson->steps[static_cast<std::size_t>(m_step)];
    if (m_hintsShown < static_cast<int>(s.hints.size()))
        ++m_hintsShown;
    else
        m_answerShown = true;
    refresh();
}

void LessonPanel::checkChoice()
{
    if (!m_lesson)
        return;
    const LessonStep &s = m_lesson->steps[static_cast<std::size_t>(m_step)];
    const int chosen = m_choices->checkedId();
    if (chosen < 1)
        return;
    m_questionTried = true;
    m_questionRight = chosen == s.correct;
    refresh();
}

void LessonPanel::chooseAnswer(int choice)
{
    QAbstractButton *radio = m_lesson ? m_choices->button(choice) : nullptr;
    if (!radio)
        return;
    radio->setChecked(true);
    checkChoice();
}

QString LessonPanel::feedbackText() const
{
    if (!m_lesson)
        return QString();
    const LessonStep &s = m_lesson->steps[static_cast<std::size_t>(m_step)];
    if (!s.hasQuestion() || !m_questionTried || m_questionRight)
        return QString();
    return tr("Not quite. Try again%1.").arg(s.hints.empty() ? QString() : tr(", or ask for a hint"));
}

bool LessonPanel::eventFilter(QObject *watched, QEvent *event)
{
    // A choice's text chooses it, as a radio button's own text would.
    if (event->type() == QEvent::MouseButtonRelease)
        for (std::size_t c = 0; c < m_choiceTexts.size(); ++c)
            if (watched == m_choiceTexts[c]) {
                if (QAbstractButton *radio = m_choices->button(static_cast<int>(c + 1)))
                    radio->click();
                return true;
            }
    return QWidget::eventFilter(watched, event);
}

void LessonPanel::setAnswerProblem(const QString &why)
{
    m_answerProblem->setText(why);
    m_answerProblem->setVisible(!why.isEmpty());
}

void LessonPanel::refresh()
{
    if (!m_lesson)
        return;
    const LessonStep &s = m_lesson->steps[static_cast<std::size_t>(m_step)];
    m_lessonTitle->setText(tr("Lesson %1: %2").arg(m_lesson->number).arg(fromStd(m_lesson->title).toHtmlEscaped()));
    m_counter->setText(tr("Step %1 of %2").arg(m_step + 1).arg(m_lesson->steps.size()));
    m_stepTitle->setText(fromStd(s.title).toHtmlEscaped());

    m_paragraphs.clear();
    for (const std::string &p : s.paragraphs)
        m_paragraphs << fill(p);
    QString html;
    for (const QString &p : std::as_const(m_paragraphs))
        html += QStringLiteral("<p>%1</p>").arg(richText(p));
    m_text->setText(html);

    m_taskText = s.hasTask() ? fill(s.task) : QString();
    m_task->setVisible(s.hasTask());
    m_checklist->setVisible(s.hasTask());
    if (s.hasTask()) {
        m_task->setText(tr("<b>Task:</b> %1").arg(richText(m_taskText)));
        if (m_scenario && m_base && m_results)
            m_check = evaluateCheck(s.check, *m_scenario, *m_base, *m_results);
        else
            m_check = CheckOutcome{};
        m_checklist->setText(checklistHtml(m_check));
    } else {
        m_check = CheckOutcome{};
    }

    m_questionBox->setVisible(s.hasQuestion());
    m_questionText = s.hasQuestion() ? fill(s.question) : QString();
    m_choiceStrings.clear();
    if (s.hasQuestion()) {
        m_question->setText(tr("<b>Question:</b> %1").arg(richText(m_questionText)));
        for (std::size_t c = 0; c < s.choices.size(); ++c)
            m_choiceStrings << fill(s.choices[c]);
        for (std::size_t c = 0; c < m_choiceTexts.size() && c < s.choices.size(); ++c) {
            const QString &choice = m_choiceStrings[static_cast<int>(c)];
            m_choiceTexts[c]->setText(richText(choice));
            m_choices->button(static_cast<int>(c + 1))->setAccessibleName(choice);
        }
    }
    const bool wrongTry = !feedbackText().isEmpty();
    m_feedback->setText(feedbackText().toHtmlEscaped());
    m_feedback->setStyleSheet(QStringLiteral("QLabel { color: #a02020; }"));
    m_feedback->setVisible(wrongTry);

    const bool done = stepDone();
    const QString solved = (s.hasTask() || s.hasQuestion()) && done ? fill(s.solved) : QString();
    m_solved->setText(richText(solved));
    m_solved->setVisible(!solved.isEmpty());

    const QStringList hints = shownHints();
    QString hintsHtml;
    for (int h = 0; h < hints.size(); ++h)
        hintsHtml += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Hint %1:").arg(h + 1), richText(hints[h]));
    m_hints->setText(hintsHtml);
    m_hints->setVisible(!hints.isEmpty());
    const bool hasHelp = (s.hasTask() || s.hasQuestion()) && !done;
    const bool moreHints = m_hintsShown < static_cast<int>(s.hints.size());
    m_hint->setText(moreHints ? (m_hintsShown == 0 ? tr("H&int") : tr("Another h&int")) : tr("Show ans&wer"));
    m_hint->setVisible(hasHelp && (moreHints || !m_answerShown));
    const QString answer = answerText();
    m_answer->setText(answer.isEmpty() ? QString()
                                       : QStringLiteral("<b>%1</b><br>%2")
                                             .arg(tr("The answer:"),
                                                  answer.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
    m_answer->setVisible(!answer.isEmpty() && s.hasTask());
    m_applyAnswer->setVisible(m_answerShown && s.hasTask() && !done);
    if (m_answerShown && s.hasQuestion() && !done) {
        // The question's answer in words, shown where the feedback goes.
        m_feedback->setText(answer.toHtmlEscaped());
        m_feedback->setStyleSheet(QString());
        m_feedback->setVisible(true);
    }
    m_answerProblem->setVisible(!m_answerProblem->text().isEmpty());
    refreshButtons();
    emit stepStateChanged();
}

void LessonPanel::refreshButtons()
{
    const bool done = stepDone();
    m_back->setEnabled(m_step > 0);
    m_next->setEnabled(done);
    m_next->setText(isLastStep() ? tr("&Finish") : tr("&Next"));
    const LessonStep &s = m_lesson->steps[static_cast<std::size_t>(m_step)];
    m_next->setToolTip(done ? QString()
                            : s.hasTask() ? tr("Do the task first: the check above must pass")
                                          : tr("Answer the question first"));
}

} // namespace dci
