#include "fieldpage.h"

#include "fieldnames.h"
#include "format.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFocusEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStyleOptionComboBox>
#include <QStylePainter>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>
#include <utility>

namespace dci {

namespace fields {

namespace {

const char *const kRefusedFill = "#fdecea";
constexpr int kSpinChromePx = 30; // a spin box's arrows and frame beside its digits
constexpr int kComboMinimumChars = 10; // narrow enough for a narrow dock

} // namespace

// Whole numbers with group separators ("70,000,000,000"), others with up to 12 digits.
QString formatNumber(double v)
{
    const QLocale locale = displayLocale();
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return locale.toString(static_cast<qlonglong>(v));
    return locale.toString(v, 'g', 12);
}

// A number as typed: "70e9", "70,000,000,000", "70B", "0.4". Suffixes k, M, B (or G), T
// scale by thousands. Nullopt when it is not a finite number.
std::optional<double> parseNumber(const QString &input)
{
    QString t = input.trimmed();
    t.remove(QLatin1Char(' '));
    t.remove(QLatin1Char('_'));
    double scale = 1.0;
    if (!t.isEmpty()) {
        static const std::pair<QChar, double> suffixes[] = {
            {QLatin1Char('k'), 1e3}, {QLatin1Char('K'), 1e3}, {QLatin1Char('M'), 1e6},
            {QLatin1Char('B'), 1e9}, {QLatin1Char('G'), 1e9}, {QLatin1Char('T'), 1e12}};
        for (const auto &[suffix, factor] : suffixes) {
            if (t.back() == suffix) {
                scale = factor;
                t.chop(1);
                break;
            }
        }
    }
    bool ok = false;
    double v = displayLocale().toDouble(t, &ok);
    if (!ok)
        v = QLocale::c().toDouble(t, &ok);
    if (!ok || !std::isfinite(v * scale))
        return std::nullopt;
    return v * scale;
}

QString formatGbps(double gbps)
{
    const QLocale locale = displayLocale();
    if (gbps >= 1000.0)
        return locale.toString(gbps / 1000.0, 'f', gbps >= 10000.0 ? 1 : 2) + QStringLiteral(" Tbps");
    return locale.toString(gbps, 'f', gbps < 10.0 ? 1 : 0) + QStringLiteral(" Gbps");
}

static void setRefusedLook(QWidget *field, bool refused)
{
    if (!refused) {
        field->setStyleSheet(QString());
        return;
    }
    // The padding keeps a line edit as tall as its neighbours with their native frames.
    field->setStyleSheet(QStringLiteral("%1 { border: 1px solid %2; border-radius: 2px; padding: 2px; background: %3; }")
                             .arg(QLatin1String(field->metaObject()->className()), QLatin1String(kRefusedColor),
                                  QLatin1String(kRefusedFill)));
}

QVariant currentValue(QWidget *field)
{
    if (auto *e = qobject_cast<QLineEdit *>(field))
        return e->text();
    if (auto *s = qobject_cast<QSpinBox *>(field))
        return s->value();
    if (auto *d = qobject_cast<QDoubleSpinBox *>(field))
        return d->value();
    if (auto *c = qobject_cast<QComboBox *>(field))
        return c->currentData();
    if (auto *b = qobject_cast<QCheckBox *>(field))
        return b->isChecked();
    return {};
}

void setCurrentValue(QWidget *field, const QVariant &v)
{
    if (auto *e = qobject_cast<QLineEdit *>(field)) {
        if (e->text() != v.toString())
            e->setText(v.toString());
    } else if (auto *s = qobject_cast<QSpinBox *>(field)) {
        s->setValue(v.toInt());
    } else if (auto *d = qobject_cast<QDoubleSpinBox *>(field)) {
        d->setValue(v.toDouble());
    } else if (auto *c = qobject_cast<QComboBox *>(field)) {
        c->setCurrentIndex(c->findData(v));
    } else if (auto *b = qobject_cast<QCheckBox *>(field)) {
        b->setChecked(v.toBool());
    }
}

bool isChanged(QWidget *field) { return currentValue(field) != field->property(kShown); }

void markShown(QWidget *field) { field->setProperty(kShown, currentValue(field)); }

// True while the user is typing in field and its stored value is the one they started
// from: a refresh must not overwrite what they type.
bool userIsEditing(QWidget *field, const QString &stored)
{
    return field->hasFocus() && field->property(kStored).toString() == stored;
}

void showText(QLineEdit *edit, const QString &element, const QString &text)
{
    const QString stored = element + QLatin1Char('\n') + text;
    if (userIsEditing(edit, stored))
        return;
    if (edit->text() != text)
        edit->setText(text);
    edit->setProperty(kStored, stored);
    markShown(edit);
}

void showChoice(QComboBox *combo, const QString &key)
{
    const int index = combo->findData(key);
    if (combo->currentIndex() != index)
        combo->setCurrentIndex(index);
    markShown(combo);
}

void showCheck(QCheckBox *box, bool checked)
{
    if (box->isChecked() != checked)
        box->setChecked(checked);
    markShown(box);
}

// Refills a combo only when the catalog's names changed (show() runs often).
void fillChoices(QComboBox *combo, const std::vector<std::string> &keys, bool friendly)
{
    bool same = combo->count() == static_cast<int>(keys.size());
    for (int i = 0; same && i < combo->count(); ++i)
        same = combo->itemData(i).toString() == qs(keys[static_cast<std::size_t>(i)]);
    if (same)
        return;
    combo->clear();
    for (const std::string &k : keys)
        combo->addItem(friendly ? friendlyName(qs(k)) : qs(k), qs(k));
}

void setLabel(QLabel *label, const QString &text, bool alarm)
{
    if (label->text() != text)
        label->setText(text);
    const QString style = alarm ? QStringLiteral("color: %1; font-weight: bold;").arg(QLatin1String(kRefusedColor))
                                : QString();
    if (label->styleSheet() != style)
        label->setStyleSheet(style);
}

QLabel *addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &tip)
{
    auto *l = new QLabel(label);
    l->setToolTip(tip);
    field->setToolTip(tip);
    for (QWidget *child : field->findChildren<QWidget *>())
        child->setToolTip(tip);
    form->addRow(l, field);
    return l;
}

QLabel *addResultRow(QFormLayout *form, const QString &label, const QString &tip)
{
    auto *value = new QLabel;
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    addRow(form, label, value, tip);
    return value;
}

QFormLayout *newForm(QGroupBox *box)
{
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows); // a narrow dock puts fields under labels
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return form;
}

// A number field and the check box that switches it: "[ 40.0 ] [x] limit".
QWidget *withCheckBox(QWidget *field, QCheckBox *box)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field);
    layout->addWidget(box);
    layout->addStretch(1);
    return row;
}

// Number fields share one width, wide enough for "10,000,000", so their left edges and
// the check boxes after them line up.
void setNumberWidth(QWidget *field)
{
    field->setFixedWidth(field->fontMetrics().horizontalAdvance(QStringLiteral("10,000,000")) + kSpinChromePx);
}

QSpinBox *newSpin(const QString &objectName, int minimum, int maximum)
{
    auto *spin = new QSpinBox;
    spin->setObjectName(objectName);
    spin->setRange(minimum, maximum);
    spin->setGroupSeparatorShown(true);
    setNumberWidth(spin);
    return spin;
}

// The unit is in the row's label, not repeated in the field.
QDoubleSpinBox *newDoubleSpin(const QString &objectName, double minimum, double maximum, int decimals)
{
    auto *spin = new QDoubleSpinBox;
    spin->setObjectName(objectName);
    spin->setDecimals(decimals);
    spin->setRange(minimum, maximum);
    spin->setGroupSeparatorShown(true);
    setNumberWidth(spin);
    return spin;
}

QCheckBox *newCheck(const QString &objectName, const QString &text)
{
    auto *box = new QCheckBox(text);
    box->setObjectName(objectName);
    return box;
}

// A combo box narrower than its current item ends the item in "…" (issue 13 #17: a cut
// "Hierarchical all-rec" looked broken); its tooltip then starts with the whole item.
class ElidingComboBox final : public QComboBox
{
protected:
    void paintEvent(QPaintEvent *) override
    {
        QStylePainter painter(this);
        QStyleOptionComboBox option;
        initStyleOption(&option);
        painter.drawComplexControl(QStyle::CC_ComboBox, option);
        option.currentText = fontMetrics().elidedText(option.currentText, Qt::ElideRight, textWidth(option));
        painter.drawControl(QStyle::CE_ComboBoxLabel, option);
    }

    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::ToolTip) {
            QStyleOptionComboBox option;
            initStyleOption(&option);
            if (fontMetrics().horizontalAdvance(currentText()) > textWidth(option)) {
                const auto *help = static_cast<QHelpEvent *>(event);
                QToolTip::showText(help->globalPos(), toolTip().isEmpty() ? currentText()
                                                                          : currentText() + QStringLiteral("\n\n") + toolTip(),
                                   this);
                return true;
            }
        }
        return QComboBox::event(event);
    }

private:
    int textWidth(const QStyleOptionComboBox &option) const
    {
        return style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, this).width();
    }
};

QComboBox *newCombo(const QString &objectName)
{
    auto *combo = new ElidingComboBox;
    combo->setObjectName(objectName);
    // Narrow enough for a narrow dock; the popup still shows the whole names.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(kComboMinimumChars);
    return combo;
}

} // namespace fields

using namespace fields;

FieldPage::FieldPage(QWidget *parent)
    : QWidget(parent)
{
    setLocale(displayLocale());
}

void FieldPage::watchText(QWidget *field, std::function<void()> commitField)
{
    m_textCommits.insert(field, commitField);
    field->installEventFilter(this);
    // A field that loses the focus because show() hides it is not committed.
    const auto commitUnlessUpdating = [this, commitField] {
        if (!m_updating)
            commitField();
    };
    if (auto *edit = qobject_cast<QLineEdit *>(field))
        connect(edit, &QLineEdit::editingFinished, this, commitUnlessUpdating);
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
        connect(spin, &QAbstractSpinBox::editingFinished, this, commitUnlessUpdating);
    if (qobject_cast<QAbstractSpinBox *>(field))
        watchWheel(field);
}

void FieldPage::watchWheel(QWidget *field)
{
    field->setFocusPolicy(Qt::StrongFocus);
    field->installEventFilter(this);
}

bool FieldPage::eventFilter(QObject *watched, QEvent *event)
{
    auto *field = qobject_cast<QWidget *>(watched);
    if (!field)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::KeyPress:
        if (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && m_textCommits.contains(field)) {
            revert(field);
            if (m_refusalField == field) // the refused value is gone, so is its reason
                clearRefusal();
            return true;
        }
        break;
    case QEvent::ShortcutOverride: {
        // Ctrl+Z / Ctrl+Shift+Z in a field with nothing typed since it was shown are the
        // document's undo and redo (as in Qt Creator and Tiled); while the user types, the
        // field keeps its own text undo.
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) && m_textCommits.contains(field)
            && !isChanged(field)) {
            event->ignore();
            return true;
        }
        break;
    }
    case QEvent::FocusOut:
        // Leaving a field commits it. Qt emits editingFinished too, but not after Return
        // when nothing was typed since; a refused value must still revert then. A context
        // menu is no leaving.
        if (!m_updating && static_cast<QFocusEvent *>(event)->reason() != Qt::PopupFocusReason
            && m_textCommits.contains(field) && isChanged(field))
            m_textCommits.value(field)();
        break;
    case QEvent::Wheel:
        // Scrolling the panel over a field must not change it.
        if (!field->hasFocus()) {
            event->ignore();
            return true;
        }
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void FieldPage::refuse(QWidget *field, const QString &reason)
{
    if (m_refusedField && m_refusedField != field)
        setRefusedLook(m_refusedField, false);
    m_refusal = reason;
    m_refusalField = field;
    // Under the block of this page that holds the field (its group box).
    QWidget *page = this;
    QWidget *block = field;
    while (block && block->parentWidget() != page)
        block = block->parentWidget();
    if (m_message) {
        m_message->setText(reason);
        if (auto *layout = qobject_cast<QVBoxLayout *>(page->layout()); layout && block) {
            if (m_message->parentWidget() != page || layout->indexOf(m_message) != layout->indexOf(block) + 1) {
                layout->removeWidget(m_message);
                m_message->setParent(page);
                layout->insertWidget(layout->indexOf(block) + 1, m_message);
            }
        }
        m_message->show();
    }
    m_refusedField = field;
    setRefusedLook(field, true);
    // A field the user has left shows the stored value again; the message stays.
    if (!field->hasFocus() || !m_textCommits.contains(field))
        revert(field);
}

bool FieldPage::accept(QWidget *field, const QString &fieldName, const std::string &problem)
{
    if (m_updating)
        return false;
    if (!problem.empty()) {
        refuse(field, fieldName + QStringLiteral(": ") + qs(problem));
        return false;
    }
    clearRefusal();
    markShown(field);
    return true;
}

void FieldPage::clearRefusal()
{
    // The dock's one message is this page's to hide only while it shows this page's refusal.
    if (m_message && m_message->parentWidget() == this && !m_refusal.isEmpty()) {
        m_message->clear();
        m_message->hide();
    }
    m_refusal.clear();
    m_refusalField = nullptr;
    if (m_refusedField)
        setRefusedLook(m_refusedField, false);
    m_refusedField = nullptr;
}

void FieldPage::revert(QWidget *field)
{
    setCurrentValue(field, field->property(kShown));
    keep(field);
}

void FieldPage::keep(QWidget *field)
{
    if (m_refusedField == field) {
        setRefusedLook(field, false);
        m_refusedField = nullptr;
    }
}

} // namespace dci
