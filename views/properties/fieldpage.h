#pragma once

#include <QHash>
#include <QString>
#include <QVariant>
#include <QWidget>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace dci {

// The widgets and habits the Properties dock's pages share (SitePage, SpanPage, JobPage):
// building form rows, showing a stored value without disturbing a field the user is typing
// in, and refusing a value in its field.
namespace fields {

// Dynamic properties each editable field carries:
// kShown  - what show() put in it (text, number, data or check state), to tell a user's
//           change from a refresh and to revert a refused edit;
// kStored - "<element id>\n<stored value>", to leave a field the user is typing in alone
//           while the value behind it has not changed.
inline constexpr const char *kShown = "dciShown";
inline constexpr const char *kStored = "dciStored";
inline constexpr const char *kRefusedColor = "#c62828";

inline QString qs(const std::string &s) { return QString::fromStdString(s); }

template<std::size_t N>
std::vector<std::string> names(const char *const (&items)[N])
{
    return {items, items + N};
}

// Whole numbers with group separators ("70,000,000,000"), others with up to 12 digits.
QString formatNumber(double v);
// A number as typed: "70e9", "70,000,000,000", "70B", "0.4". Suffixes k, M, B (or G), T
// scale by thousands. Nullopt when it is not a finite number.
std::optional<double> parseNumber(const QString &input);
QString formatGbps(double gbps);

QVariant currentValue(QWidget *field);
void setCurrentValue(QWidget *field, const QVariant &v);
bool isChanged(QWidget *field);
void markShown(QWidget *field);
// True while the user is typing in field and its stored value is the one they started
// from: a refresh must not overwrite what they type.
bool userIsEditing(QWidget *field, const QString &stored);

void showText(QLineEdit *edit, const QString &element, const QString &text);
void showChoice(QComboBox *combo, const QString &key);
void showCheck(QCheckBox *box, bool checked);
// Refills a combo only when the names changed (show() runs often); friendly: display names
// (fieldnames.h) with the keyword as item data.
void fillChoices(QComboBox *combo, const std::vector<std::string> &keys, bool friendly);
void setLabel(QLabel *label, const QString &text, bool alarm = false);

template<class Spin, class T>
void showValue(Spin *spin, const QString &element, T value)
{
    const QString stored = element + QLatin1Char('\n') + QString::number(static_cast<double>(value), 'g', 17)
        + QLatin1Char('\n') + QString::number(spin->minimum());
    if (userIsEditing(spin, stored))
        return;
    if (spin->value() != value)
        spin->setValue(value);
    spin->setProperty(kStored, stored);
    markShown(spin);
}

// Sets a spin box's range and special text ("auto", "unlimited" shown at the minimum)
// only when they change: setting them refreshes the text the user may be typing.
template<class Spin, class T>
void setSpinRange(Spin *spin, T minimum, T maximum, const QString &specialText)
{
    if (spin->minimum() != minimum || spin->maximum() != maximum)
        spin->setRange(minimum, maximum);
    if (spin->specialValueText() != specialText)
        spin->setSpecialValueText(specialText);
}

QLabel *addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &tip);
QLabel *addResultRow(QFormLayout *form, const QString &label, const QString &tip);
QFormLayout *newForm(QGroupBox *box);
// A number field and the check box that switches it: "[ 40.0 ] [x] limit".
QWidget *withCheckBox(QWidget *field, QCheckBox *box);
// Number fields share one width, so their left edges and check boxes line up.
void setNumberWidth(QWidget *field);
QSpinBox *newSpin(const QString &objectName, int minimum, int maximum);
QDoubleSpinBox *newDoubleSpin(const QString &objectName, double minimum, double maximum, int decimals);
QCheckBox *newCheck(const QString &objectName, const QString &text);
// A combo box that ends a cut item in "…" and shows it whole in its tooltip.
QComboBox *newCombo(const QString &objectName);

} // namespace fields

// A page of the Properties dock: it shows fields and emits typed intents, never a changed
// scenario. A value the edit would refuse (the core's edits::*Problem() rule) is not
// emitted: the field turns red, the reason appears under its group and in lastRefusal(),
// and the field goes back to the stored value when the user leaves it or presses Escape.
// Text fields commit on Return or when left; combo boxes and check boxes when the user
// picks or clicks. Scrolling over a field does not change it unless it has the focus.
class FieldPage : public QWidget
{
    Q_OBJECT

public:
    explicit FieldPage(QWidget *parent = nullptr);

    // Why the last edit on this page was refused ("MFU: expected ..."), or empty.
    QString lastRefusal() const { return m_refusal; }
    // The field the refusal is about (nullptr when none).
    QWidget *refusalField() const { return m_refusalField; }
    void clearRefusal();
    // The one refusal label of the dock ("refusalMessage"), which refuse() moves under the
    // refused field's group; owned by the dock.
    void setMessageLabel(QLabel *label) { m_message = label; }
    // While the dock updates (its show(), switching pages), fields change or lose the focus
    // without being committed.
    void setUpdating(bool updating) { m_updating = updating; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

    // A field committed on editingFinished (a line edit or spin box): Escape reverts it,
    // leaving it commits it.
    void watchText(QWidget *field, std::function<void()> commitField);
    // Combo boxes and spin boxes ignore the wheel unless focused.
    void watchWheel(QWidget *field);

    // The verdict of a rule on a value: with a problem the field refuses it ("<fieldName>:
    // <problem>") and false is returned; otherwise the refusal clears, the field counts as
    // shown (leaving it does not commit again) and the caller emits its intent.
    bool accept(QWidget *field, const QString &fieldName, const std::string &problem);
    void refuse(QWidget *field, const QString &reason);
    void revert(QWidget *field);
    void keep(QWidget *field); // the user left the stored value in field: nothing to commit

    bool m_updating = false; // inside show(): widgets change, nothing is committed

private:
    QString m_refusal;
    QWidget *m_refusedField = nullptr; // shown red until the user leaves it
    QWidget *m_refusalField = nullptr; // the field m_refusal is about
    QLabel *m_message = nullptr;
    QHash<QObject *, std::function<void()>> m_textCommits; // field -> its commit
};

} // namespace dci
