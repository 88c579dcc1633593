#include "plannote.h"

#include "model/scenario.h"

#include <QFocusEvent>
#include <QFontMetrics>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace dci {

namespace {

constexpr int kDescriptionLines = 7; // the samples' descriptions run to ~15 lines at the dock's width

} // namespace

PlanNote::PlanNote(QWidget *parent)
    : QGroupBox(tr("Plan"), parent)
{
    auto *layout = new QVBoxLayout(this);
    m_nameEdit = new QLineEdit;
    m_nameEdit->setObjectName(QStringLiteral("planName"));
    m_nameEdit->setToolTip(tr("The plan's name, in the title bar and reports; empty: the file name."));
    m_descriptionEdit = new QPlainTextEdit;
    m_descriptionEdit->setObjectName(QStringLiteral("planDescription"));
    m_descriptionEdit->setPlaceholderText(tr("What this plan is for, and what to try with it"));
    m_descriptionEdit->setToolTip(tr("Notes saved with the plan. Ctrl+Return or leaving the field keeps them; "
                                     "Escape puts the saved text back."));
    m_descriptionEdit->setTabChangesFocus(true);
    m_descriptionEdit->setFixedHeight(m_descriptionEdit->fontMetrics().lineSpacing() * kDescriptionLines
                                      + 2 * m_descriptionEdit->frameWidth() + 8);
    layout->addWidget(m_nameEdit);
    layout->addWidget(m_descriptionEdit);
    for (QWidget *field : {static_cast<QWidget *>(m_nameEdit), static_cast<QWidget *>(m_descriptionEdit)})
        field->installEventFilter(this);
    connect(m_nameEdit, &QLineEdit::editingFinished, this, &PlanNote::commitName);
}

void PlanNote::show(const Scenario &scenario)
{
    const QString name = QString::fromStdString(scenario.name);
    const QString description = QString::fromStdString(scenario.description);
    // What the user types stays while the stored text is the one they started from.
    if (!(m_nameEdit->hasFocus() && name == m_name) && m_nameEdit->text() != name) {
        m_nameEdit->setText(name);
        m_nameEdit->setCursorPosition(0); // a long name shows its start
    }
    if (!(m_descriptionEdit->hasFocus() && description == m_description)
        && m_descriptionEdit->toPlainText() != description)
        m_descriptionEdit->setPlainText(description);
    m_name = name;
    m_description = description;
}

void PlanNote::commitName()
{
    if (m_nameEdit->text().trimmed() == m_name)
        return;
    m_name = m_nameEdit->text().trimmed(); // until show() brings the stored one
    emit nameRequested(m_name);
}

void PlanNote::commitDescription()
{
    const QString text = m_descriptionEdit->toPlainText();
    if (text == m_description)
        return;
    m_description = text;
    emit descriptionRequested(text);
}

bool PlanNote::eventFilter(QObject *watched, QEvent *event)
{
    const bool isName = watched == m_nameEdit;
    const bool isDescription = watched == m_descriptionEdit;
    if (!isName && !isDescription)
        return QGroupBox::eventFilter(watched, event);
    const bool changed = isName ? m_nameEdit->text().trimmed() != m_name : m_descriptionEdit->toPlainText() != m_description;
    switch (event->type()) {
    case QEvent::KeyPress: {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && changed) {
            if (isName)
                m_nameEdit->setText(m_name);
            else
                m_descriptionEdit->setPlainText(m_description);
            return true;
        }
        if (isDescription && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && (key->modifiers() & Qt::ControlModifier)) {
            commitDescription();
            return true;
        }
        break;
    }
    case QEvent::ShortcutOverride: {
        // Ctrl+Z / redo with nothing typed are the document's, as in the dock's other fields.
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) && !changed) {
            event->ignore();
            return true;
        }
        break;
    }
    case QEvent::FocusOut:
        if (isDescription && static_cast<QFocusEvent *>(event)->reason() != Qt::PopupFocusReason)
            commitDescription();
        break;
    default:
        break;
    }
    return QGroupBox::eventFilter(watched, event);
}

} // namespace dci
